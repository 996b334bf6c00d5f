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
  // It opens at its top, with its title in view and focus on it, and hides the page.
  const opened = await overlay.evaluate((box) => {
    const title = document.getElementById("handbook-serve-overlay-title").getBoundingClientRect();
    const bg = getComputedStyle(box).backgroundColor;
    return { top: box.scrollTop, titleSeen: title.top >= 0 && title.bottom <= innerHeight, focused: document.activeElement === box, bg };
  });
  assert.equal(opened.top, 0, "the overlay opens at its top");
  assert.ok(opened.titleSeen, "its title is in view");
  assert.ok(opened.focused, "it takes focus");
  assert.match(opened.bg, /^rgb\(\d+, \d+, \d+\)$/, `opaque, not see-through: ${opened.bg}`);
  assert.equal(await page.evaluate(() => document.documentElement.style.overflow), "hidden", "the page behind does not scroll");
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

test("the overlay lists the primary errors first, and follow-on errors grouped under their cause", async () => {
  // The overlay's script on its own, fed one "errors" event by a stand-in event stream.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.setContent("<!DOCTYPE html><html lang='en'><head><title>t</title></head><body><main><h1>A page</h1><p>Text of the page.</p></main></body></html>");
  await page.evaluate(() => {
    window.EventSource = function () { window.__stream = this; this.listeners = {}; };
    window.EventSource.prototype.addEventListener = function (name, fn) { this.listeners[name] = fn; };
  });
  await page.addScriptTag({ path: join(REPO, "themes/default/static/js/livereload.js") });
  await page.evaluate(() => {
    const cause = "content/roles/b.md does not parse";
    const errors = { total: 3, primary: 1, shown: [
      { location: "content/roles/b.md:2:8", message: "bad YAML", hint: "fix it", cause: null },
      { location: "content/guidance/a.md:4:1", message: "link to roles/b", hint: null, cause },
      { location: "content/guidance/c.md:9:3", message: "link to roles/b", hint: null, cause },
    ] };
    window.__stream.listeners.errors({ data: JSON.stringify({ generation: 1, errors }) });
  });
  const overlay = page.getByRole("alertdialog", { name: /did not build: 3 errors/ });
  await overlay.waitFor();
  const primary = overlay.locator("> ol > .handbook-serve-error");
  assert.equal(await primary.count(), 1);
  assert.equal(await primary.locator(".location").innerText(), "content/roles/b.md:2:8");
  const group = overlay.locator(".handbook-serve-cause");
  assert.equal(await group.count(), 1, "one group per cause");
  assert.match(await group.locator("h4").innerText(), /Caused by: content\/roles\/b\.md does not parse/);
  assert.deepEqual(await group.locator(".location").allInnerTexts(), ["content/guidance/a.md:4:1", "content/guidance/c.md:9:3"]);
  const order = await overlay.evaluate((box) => {
    const all = [...box.querySelectorAll(".handbook-serve-error .location")].map((e) => e.textContent);
    return all;
  });
  assert.equal(order[0], "content/roles/b.md:2:8", "the primary error comes first");
  const { violations: v } = await new AxeBuilder({ page }).include("#handbook-serve-overlay")
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  assert.equal(v.length, 0, describeViolations(v));
  await page.keyboard.press("Escape");
  assert.equal(await overlay.count(), 0, "Escape hides it");
  await context.close();
});
