// The author's guide ("Authoring this handbook") as readers meet it in the built bundled
// handbook: reachable from the home page by clicking, every page free of WCAG 2.2 AA
// violations in light and dark schemes, its wide reference tables and code blocks never
// making the page scroll sideways at 320 px, no console errors, no external requests.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { buildSite, fileUrl, launch, watchedPage, axe, describeViolations } from "./helpers.mjs";

const PAGES = ["index", "tutorial", "format-reference", "references", "command-line", "errors", "publishing"]
  .map((p) => `authoring/${p}.html`);

let site, browser;
before(async () => { site = buildSite(); browser = await launch(); });
after(async () => { await browser?.close(); });

test("a trainer reaches the tutorial from the home page by clicking", async () => {
  const context = await browser.newContext();
  const { page, problems } = await watchedPage(context);
  await page.goto(fileUrl(site));
  await page.locator("main").getByRole("link", { name: "authoring this handbook", exact: true }).click();
  assert.match(await page.locator("h1").innerText(), /Authoring this handbook/);
  await page.locator("main").getByRole("link", { name: "tutorial", exact: true }).click();
  assert.match(await page.locator("h1").innerText(), /Tutorial/);
  assert.deepEqual(problems.console, []);
  assert.deepEqual(problems.external, []);
  await context.close();
});

for (const scheme of ["light", "dark"]) {
  test(`every page of the guide has no WCAG 2.2 AA violations (${scheme})`, async () => {
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

test("at 320 px the guide's tables and code blocks scroll inside their own box, not the page", async () => {
  const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
  const { page } = await watchedPage(context);
  for (const rel of PAGES) {
    await page.goto(fileUrl(site, rel));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${rel} overflows by ${overflow}px`);
  }
  await context.close();
});

test("heading links inside the guide land on their headings", async () => {
  const context = await browser.newContext();
  const { page } = await watchedPage(context);
  await page.goto(fileUrl(site, "authoring/errors.html"));
  await page.locator("main").getByRole("link", { name: "writing values" }).click();
  assert.match(page.url(), /format-reference\.html#writing-values$/);
  assert.equal(await page.locator("#writing-values").count(), 1);
  await context.close();
});
