// The accessibility gate's cross-cutting checks on the bundled handbook: the four pages
// people use most (home, a role, its checklist, the comparison) at 320 and 1280 px, with
// screenshots saved under target/browser-artefacts for CI; visible focus and a logical
// tab order on each; and one list that says which page of every kind and every
// interactive page the axe scans cover, so a new page kind cannot slip past the gate.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { statSync, existsSync } from "node:fs";
import { join } from "node:path";
import { buildSite, launch, watchedPage, axe, describeViolations, screenshot, ARTEFACTS, onePageOfEverySort as sortsIn, siteUrl } from "./helpers.mjs";

const KEY_PAGES = {
  home: "index.html",
  role: "roles/dtc-group-psychotherapist.html",
  checklist: "roles/dtc-group-psychotherapist/checklist.html",
  comparison: "recruiting/compare.html?roles=dtc-group-psychotherapist,dtc-head-of-psychotherapy",
};

let site, browser;
before(async () => { site = buildSite(); browser = await launch(); });
after(async () => { await browser?.close(); });

function urlOf(rel) {
  return siteUrl(site, rel);
}

for (const width of [320, 1280]) {
  test(`at ${width} px the key pages fit the window and are saved as screenshots`, async () => {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const { page, problems } = await watchedPage(context);
    for (const [name, rel] of Object.entries(KEY_PAGES)) {
      await page.goto(urlOf(rel));
      await page.waitForLoadState("load");
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${name} (${rel}) scrolls sideways by ${overflow}px at ${width} px`);
      const file = `viewport-${width}-${name}`;
      await screenshot(page, file);
      const saved = join(ARTEFACTS, `${file}.png`);
      assert.ok(existsSync(saved) && statSync(saved).size > 1000, `${saved} was written`);
    }
    assert.deepEqual(problems.console, []);
    assert.deepEqual(problems.external, []);
    await context.close();
  });
}

test("keyboard: every stop on the key pages shows where focus is, in reading order", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const { page, problems } = await watchedPage(context);
  for (const [name, rel] of Object.entries(KEY_PAGES)) {
    await page.goto(urlOf(rel));
    const positive = await page.locator("[tabindex]:not([tabindex='0']):not([tabindex='-1'])").count();
    assert.equal(positive, 0, `${name}: a positive tabindex reorders the page`);
    let previous = null;
    const seen = new Set();
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press("Tab");
      const stop = await page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return null;
        const style = getComputedStyle(el);
        const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
        const ring = style.boxShadow && style.boxShadow !== "none";
        // Each stop's place in the document, to check the order follows the source.
        const all = [...document.querySelectorAll("*")];
        return { what: `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""} "${(el.textContent || el.value || "").trim().slice(0, 40)}"`, visible: outline || ring, index: all.indexOf(el), inDialog: !!el.closest("dialog, [role=dialog]") };
      });
      if (!stop) break;
      if (seen.has(stop.index)) break; // wrapped round to the start
      seen.add(stop.index);
      assert.ok(stop.visible, `${name}: focus on ${stop.what} has no visible indicator (outline of 2px or more, or a ring)`);
      if (previous && !stop.inDialog) assert.ok(stop.index > previous.index, `${name}: Tab went back from ${previous.what} to ${stop.what}`);
      previous = stop;
    }
    assert.ok(seen.size >= 5, `${name}: only ${seen.size} focus stops`);
  }
  assert.deepEqual(problems.console, []);
  await context.close();
});

// The interactive pages in their other states.
const STATES = {
  "search results for a query": "search.html?q=supervision",
  "checklist, self-assessment": "roles/dtc-group-psychotherapist/checklist.html?mode=self",
  "comparison of two roles": KEY_PAGES.comparison,
  "glossary at a linked entry": "glossary.html#mappa",
};

for (const scheme of ["light", "dark"]) {
  test(`one page of every sort, and every interactive state, has no WCAG 2.2 AA violations (${scheme})`, async () => {
    const groups = sortsIn(site);
    for (const expected of ["kind-role", "kind-checklist", "kind-compare", "kind-pathway", "kind-matrix", "kind-coverage", "kind-search", "kind-item", "kind-index", "kind-module handout", "kind-module reflective-log", "kind-module pack"]) {
      assert.ok(groups.has(expected), `the build wrote no ${expected} page: ${[...groups.keys()].join(", ")}`);
    }
    assert.ok(!groups.has("no-kind"), `a page without a kind-* class: ${groups.get("no-kind")}`);
    const context = await browser.newContext({ colorScheme: scheme });
    const { page, problems } = await watchedPage(context);
    const pages = [...groups.entries(), ...Object.entries(STATES)];
    for (const [sort, rel] of pages) {
      await page.goto(urlOf(rel));
      await page.waitForLoadState("load");
      const v = await axe(page);
      assert.equal(v.length, 0, `${sort}: ${rel} (${scheme}):\n${describeViolations(v)}`);
    }
    assert.ok(pages.length >= 20, `only ${pages.length} sorts of page scanned`);
    assert.deepEqual(problems.console, []);
    assert.deepEqual(problems.external, []);
    await context.close();
  });
}
