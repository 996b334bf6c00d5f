// `handbook serve` in a real browser: an edit reloads the open page; a CSS edit restyles
// it without a reload (page state survives); a build error shows an overlay listing each
// diagnostic, as text, while the last good page stays; fixing it clears the overlay.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cpSync, readFileSync, writeFileSync, appendFileSync } from "node:fs";
import { join } from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import { REPO, launch, watchedPage, describeViolations, screenshot } from "./helpers.mjs";
import { copyFixture, removeSite, startServe, eventStreamOpen } from "./serve-helpers.mjs";

let browser, site, server;
before(async () => {
  site = copyFixture("basic");
  // The theme on disk, so its stylesheet can be edited like a theme author would.
  cpSync(join(REPO, "themes/default"), join(site, "themes/default"), { recursive: true });
  server = await startServe(site);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
  removeSite(site);
});

const edit = (rel, fn) => writeFileSync(join(site, rel), fn(readFileSync(join(site, rel), "utf8")));

async function open(rel) {
  const context = await browser.newContext();
  const { page, problems } = await watchedPage(context, server.origin);
  const streaming = eventStreamOpen(page);
  await page.goto(server.url + rel);
  await streaming;
  return { context, page, problems };
}

test("an edit reloads the open page with the new content", async () => {
  const { context, page, problems } = await open("guidance/forms.html");
  await page.evaluate(() => { window.handbookTestMarker = "before"; });
  edit("content/guidance/forms.md", (t) => t.replace("---\n\n", "---\n\nA sentence added while the page was open.\n\n"));
  await page.waitForFunction(() => document.body.textContent.includes("A sentence added while the page was open."));
  assert.equal(await page.evaluate(() => window.handbookTestMarker), undefined, "the page was reloaded");
  assert.deepEqual(problems.console, []);
  assert.deepEqual(problems.external, []);
  await context.close();
});

test("a CSS edit restyles the page without reloading it", async () => {
  const { context, page, problems } = await open("roles/worker.html");
  await page.evaluate(() => { window.handbookTestMarker = "kept"; });
  const colour = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.notEqual(await colour(), "rgb(1, 2, 3)");
  appendFileSync(join(site, "themes/default/static/css/style.css"), "\nbody { background-color: rgb(1, 2, 3) !important; }\n");
  await page.waitForFunction(() => getComputedStyle(document.body).backgroundColor === "rgb(1, 2, 3)");
  assert.equal(await page.evaluate(() => window.handbookTestMarker), "kept", "the page was reloaded, not restyled");
  assert.equal(await page.locator('link[rel="stylesheet"][href*="style.css"]').count(), 1, "the old stylesheet was left behind");
  assert.deepEqual(problems.console, []);
  await context.close();
});

test("a build error shows an overlay over the last good page; fixing it reloads", async () => {
  const { context, page, problems } = await open("roles/worker.html");
  const original = readFileSync(join(site, "content/roles/worker.md"), "utf8");
  edit("content/roles/worker.md", (t) => t.replaceAll("frameworks/skills#listening", "frameworks/skills#<b>hearing</b>"));
  const overlay = page.getByRole("alertdialog", { name: /did not build/ });
  await overlay.waitFor();
  const items = overlay.locator(".handbook-serve-error");
  assert.ok(await items.count() >= 2, "each diagnostic is listed");
  const location = await items.first().locator(".location").innerText();
  assert.match(location, /^content\/roles\/worker\.md:\d+:\d+$/);
  assert.match(await items.first().locator(".message").innerText(), /<b>hearing<\/b>/, "the message is shown as text");
  assert.equal(await overlay.locator("b").count(), 0, "the message was parsed as HTML");
  assert.match(await page.locator("h1").innerText(), /Support worker/, "the last good page stays");
  const { violations: v } = await new AxeBuilder({ page }).include("#handbook-serve-overlay")
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  await screenshot(page, "serve-error-overlay");
  assert.equal(v.length, 0, describeViolations(v));

  // A page opened while the site is broken shows the overlay too.
  const late = await open("index.html");
  await late.page.getByRole("alertdialog", { name: /did not build/ }).waitFor();
  await late.context.close();

  await page.evaluate(() => { window.handbookTestMarker = "broken"; });
  writeFileSync(join(site, "content/roles/worker.md"), original.replace("title: Support worker", "title: Support worker (fixed)"));
  await page.waitForFunction(() => !document.getElementById("handbook-serve-overlay") && document.querySelector("h1").textContent.includes("(fixed)"));
  assert.equal(await page.evaluate(() => window.handbookTestMarker), undefined, "fixing the error reloads the page");
  assert.deepEqual(problems.console, []);
  await context.close();
});
