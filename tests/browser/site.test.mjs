// The bundled handbook in a real browser: from disk, under a sub-path and at a root;
// every page kind passes axe's WCAG 2.2 AA rules in light and dark schemes; no page makes
// a request outside the site or logs an error.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { buildSite, serveStatic, fileUrl, launch, watchedPage, axe, describeViolations, screenshot } from "./helpers.mjs";

let site, browser;
before(async () => { site = buildSite(); browser = await launch(); });
after(async () => { await browser?.close(); });

const PAGES = [
  "index.html", "roles/index.html", "roles/dtc-group-psychotherapist.html", "frameworks/noms-cqf.html",
  "frameworks/noms-cqf/making-effective-decisions.html", "ethos/reach.html", "guidance/dtc-model.html",
  "training/reflective-practice/index.html", "training/reflective-practice/clinical-supervision.html",
  "glossary.html", "tags/index.html", "organisations/index.html", "404.html",
];

for (const scheme of ["light", "dark"]) {
  test(`every page kind has no WCAG 2.2 AA violations (${scheme})`, async () => {
    const context = await browser.newContext({ colorScheme: scheme });
    const { page, problems } = await watchedPage(context);
    for (const rel of PAGES) {
      await page.goto(fileUrl(site, rel));
      const v = await axe(page);
      assert.equal(v.length, 0, `${rel} (${scheme}):\n${describeViolations(v)}`);
    }
    assert.deepEqual(problems.console, []);
    assert.deepEqual(problems.external, []);
    await context.close();
  });
}

test("from disk, a reader reaches a role and a competency by clicking", async () => {
  const context = await browser.newContext();
  const { page, problems } = await watchedPage(context);
  await page.goto(fileUrl(site));
  await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Roles" }).click();
  await page.getByRole("link", { name: /Group Psychotherapist/ }).first().click();
  assert.match(await page.locator("h1").innerText(), /Group Psychotherapist/);
  await page.locator(".person-spec a, .link-list a").filter({ hasText: "Making Effective Decisions" }).first().click();
  assert.match(await page.locator("h1").innerText(), /Making Effective Decisions/);
  assert.match(await page.content(), /Roles that require it/);
  assert.deepEqual(problems.console, []);
  assert.deepEqual(problems.external, []);
  await context.close();
});

for (const prefix of ["/", "/handbook/sub/"]) {
  test(`over HTTP at ${prefix} every stylesheet and script loads`, async () => {
    const server = await serveStatic(site, prefix);
    const context = await browser.newContext();
    const { page, problems } = await watchedPage(context, new URL(server.url).origin);
    const failed = [];
    page.on("response", (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });
    for (const rel of ["index.html", "roles/dtc-group-psychotherapist.html", "training/dtc-practice/dtc-foundations.html"]) {
      await page.goto(server.url + rel);
      const bg = await page.evaluate(() => getComputedStyle(document.querySelector(".site-header")).borderBottomWidth);
      assert.equal(bg, "4px", `style.css applied on ${rel}`);
    }
    assert.deepEqual(failed, []);
    assert.deepEqual(problems.console, []);
    assert.deepEqual(problems.external, []);
    await context.close();
    await server.close();
  });
}

test("keyboard: the first Tab reaches the skip link, which moves focus to the main content", async () => {
  const context = await browser.newContext();
  const { page } = await watchedPage(context);
  await page.goto(fileUrl(site, "roles/dtc-group-psychotherapist.html"));
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.className), "skip-link");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement.id), "main");
  await context.close();
});

test("at 320 px no page scrolls sideways", async () => {
  const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
  const { page } = await watchedPage(context);
  for (const rel of ["index.html", "roles/therapeutic-support-practitioner.html", "training/dtc-practice/co-facilitating-dtc-groups.html", "glossary.html"]) {
    await page.goto(fileUrl(site, rel));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${rel} overflows by ${overflow}px`);
    await screenshot(page, `320-${rel.replaceAll("/", "_")}`);
  }
  await context.close();
});
