// Trainers' pages in a real browser: the facilitator handout, the participant reflective
// log and the coverage page pass axe's WCAG 2.2 AA rules; printed (A4) they lose the site's
// navigation and keep ruled space to write; the print button is progressive enhancement.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { buildSite, fileUrl, launch, watchedPage, axe, describeViolations, screenshot } from "./helpers.mjs";

let site, browser;
before(async () => { site = buildSite(); browser = await launch(); });
after(async () => { await browser?.close(); });

const MODULE = "training/reflective-practice/reflective-practice-models";
const SHEETS = [`${MODULE}.handout.html`, `${MODULE}.reflective-log.html`, "training/coverage.html"];

for (const scheme of ["light", "dark"]) {
  test(`handout, reflective log and coverage page have no WCAG 2.2 AA violations (${scheme})`, async () => {
    const context = await browser.newContext({ colorScheme: scheme });
    const { page, problems } = await watchedPage(context);
    for (const rel of [...SHEETS, `${MODULE}.html`, "training/index.html"]) {
      await page.goto(fileUrl(site, rel));
      const v = await axe(page);
      assert.equal(v.length, 0, `${rel} (${scheme}):\n${describeViolations(v)}`);
    }
    assert.deepEqual(problems.console, []);
    assert.deepEqual(problems.external, []);
    await context.close();
  });
}

test("a reader reaches the handout and the log from the module page, and the coverage page from the training section", async () => {
  const context = await browser.newContext();
  const { page, problems } = await watchedPage(context);
  await page.goto(fileUrl(site, `${MODULE}.html`));
  await page.getByRole("navigation", { name: "Printable sheets" }).getByRole("link", { name: "Facilitator handout" }).click();
  assert.match(await page.locator(".kind-label").first().innerText(), /facilitator handout/i);
  await page.getByRole("link", { name: "Participant reflective log" }).click();
  assert.match(await page.locator(".kind-label").first().innerText(), /participant reflective log/i);
  await page.getByRole("link", { name: "Back to the module page" }).click();
  assert.match(await page.locator("h1").innerText(), /Reflective practice models/);
  await page.goto(fileUrl(site, "training/index.html"));
  await page.getByRole("link", { name: "Training coverage" }).click();
  assert.equal(await page.locator("h1").innerText(), "Training coverage");
  assert.deepEqual(problems.console, []);
  await context.close();
});

test("printed, the reflective log is an A4 worksheet: no site navigation, ruled space under every prompt", async () => {
  const context = await browser.newContext();
  const { page } = await watchedPage(context);
  await page.goto(fileUrl(site, `${MODULE}.reflective-log.html`));
  await page.emulateMedia({ media: "print" });
  for (const selector of [".site-header", ".breadcrumbs", ".sheet-actions", ".skip-link", ".site-footer nav"]) {
    const shown = await page.locator(selector).first().evaluate((e) => getComputedStyle(e).display !== "none");
    assert.equal(shown, false, `${selector} is hidden in print`);
  }
  const blocks = await page.locator(".write-block").evaluateAll((els) => els.map((e) => {
    const lines = [...e.querySelectorAll(".write-lines span")];
    return { lines: lines.length, ruled: lines.every((l) => getComputedStyle(l).borderBottomStyle === "solid" && l.getBoundingClientRect().height > 20) };
  }));
  const prompts = await page.locator("#prompts-heading ~ .write-block").count();
  assert.ok(prompts >= 1, "the bundled module has prompts");
  assert.ok(blocks.length >= prompts + 1, `${blocks.length} writing blocks`);
  assert.ok(blocks.every((b) => b.lines >= 4 && b.ruled), JSON.stringify(blocks));
  // Ask for US Letter: the stylesheet's `@page { size: A4 }` must win.
  const pdf = await page.pdf({ format: "Letter", preferCSSPageSize: true });
  assert.match(pdf.subarray(0, 5).toString(), /%PDF-/);
  const boxes = [...pdf.toString("latin1").matchAll(/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)];
  assert.ok(boxes.length >= 1, "pages");
  for (const [, w, h] of boxes) {
    assert.ok(Math.abs(w - 595.3) < 1.5 && Math.abs(h - 841.9) < 1.5, `A4 page, got ${w} x ${h} pt`);
  }
  await screenshot(page, "print-reflective-log");
  await context.close();
});

test("printed, the handout keeps the session plan and drops the site's chrome", async () => {
  const context = await browser.newContext();
  const { page } = await watchedPage(context);
  await page.goto(fileUrl(site, `${MODULE}.handout.html`));
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.locator(".site-header").evaluate((e) => getComputedStyle(e).display), "none");
  assert.equal(await page.locator(".sheet-actions").evaluate((e) => getComputedStyle(e).display), "none");
  assert.ok(await page.locator("table.session-plan tbody tr").count() > 1);
  const fits = await page.locator("table.session-plan").evaluate((t) => t.getBoundingClientRect().right <= document.querySelector("main").getBoundingClientRect().right + 0.5);
  assert.ok(fits, "the plan fits the printable width");
  await screenshot(page, "print-handout");
  await context.close();
});

test("the print button appears only with JavaScript and opens the print dialog", async () => {
  const context = await browser.newContext();
  const { page, problems } = await watchedPage(context);
  await page.goto(fileUrl(site, `${MODULE}.reflective-log.html`));
  await page.evaluate(() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; });
  const button = page.getByRole("button", { name: "Print this sheet" });
  await button.focus();
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => window.__printed), 1);
  assert.deepEqual(problems.console, []);
  await context.close();

  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const p2 = await noJs.newPage();
  await p2.goto(fileUrl(site, `${MODULE}.reflective-log.html`));
  assert.equal(await p2.locator("[data-print]").isVisible(), false);
  assert.ok(await p2.locator(".write-lines").count() > 0, "the sheet is complete without JavaScript");
  await noJs.close();
});

test("at 320 px the sheets and the coverage page do not scroll sideways", async () => {
  const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
  const { page } = await watchedPage(context);
  for (const rel of SHEETS) {
    await page.goto(fileUrl(site, rel));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${rel} overflows by ${overflow}px`);
  }
  await context.close();
});
