// Reading on any device, in a real browser, on the bundled handbook from file://:
// - every sort of page (found in the output by its kind-* class, so a new template is
//   covered the day it is added) at 320, 768 and 1280 px: no sideways scroll, nothing
//   cut off or sticking out, a screenshot saved as target/browser-artefacts/device-*.png;
// - on a phone (320-414 px) the header takes at most a fifth of the first screen, and the
//   sections fold behind "Menu", which works by keyboard and without JavaScript;
// - the current section is marked in the header everywhere, breadcrumbs start at home;
// - from 1024 px a side navigation lists the section's pages in order with the current one
//   marked, and "On this page" lists every heading and stays in view;
// - wide tables (comparison, matrix, coverage, the shortlist side by side) scroll in their
//   own box at 320 px, say so, and keep their first column in view;
// - the glossary has an A-Z jump list and marks the entry a link points at;
// - the feedback link appears only when handbook.yml asks for it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, writeFileSync, existsSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO, ARTEFACTS, buildSite, launch, watchedPage, screenshot, onePageOfEverySort, siteUrl, unfit } from "./helpers.mjs";

let site, browser;
before(async () => { site = buildSite(); browser = await launch(); });
after(async () => { await browser?.close(); });

const ROLE = "roles/dtc-group-psychotherapist.html";
const MODULE = "training/reflective-practice/reflective-practice-models.html";
const COMPARE = "recruiting/compare.html?roles=dtc-group-psychotherapist,dtc-head-of-psychotherapy";

/** Every sort of page, and the interactive states, by a short name. */
function everySort() {
  const sorts = [...onePageOfEverySort(site).entries()];
  return [...sorts, ["comparison of two roles", COMPARE], ["search results", "search.html?q=supervision"], ["glossary at an entry", "glossary.html#mappa"]];
}
const slug = (s) => s.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "").toLowerCase();

for (const width of [320, 768, 1280]) {
  test(`at ${width} px every sort of page fits: no sideways scroll, nothing cut off (screenshots saved)`, async () => {
    const context = await browser.newContext({ viewport: { width, height: 800 } });
    const { page, problems } = await watchedPage(context);
    const sorts = everySort();
    assert.ok(sorts.length >= 20, `only ${sorts.length} sorts of page`);
    for (const [sort, rel] of sorts) {
      await page.goto(siteUrl(site, rel));
      await page.waitForLoadState("load");
      const { sideways, out } = await unfit(page);
      assert.ok(sideways <= 0, `${sort} (${rel}) scrolls sideways by ${sideways}px at ${width} px`);
      assert.deepEqual(out, [], `${sort} (${rel}) at ${width} px`);
      const file = `device-${width}-${slug(sort)}`;
      await screenshot(page, file);
      const saved = join(ARTEFACTS, `${file}.png`);
      assert.ok(existsSync(saved) && statSync(saved).size > 1000, `${saved} was written`);
    }
    assert.deepEqual(problems.console, []);
    assert.deepEqual(problems.external, []);
    await context.close();
  });
}

for (const scheme of ["light", "dark"]) {
  test(`the key pages are saved as screenshots at 320, 768 and 1280 px (${scheme})`, async () => {
    for (const width of [320, 768, 1280]) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
      const page = await context.newPage();
      for (const [name, rel] of [["role", ROLE], ["module", MODULE], ["comparison", COMPARE], ["glossary", "glossary.html#mappa"]]) {
        await page.goto(siteUrl(site, rel));
        await page.waitForLoadState("load");
        await page.screenshot({ path: join(ARTEFACTS, `screen-${width}-${scheme}-${name}.png`) });
      }
      await context.close();
    }
  });
}

const PHONES = [[320, 568], [360, 640], [375, 667], [414, 896]];

test("on a phone the header takes at most a fifth of the first screen, and a role's title is near the top", async () => {
  for (const [width, height] of PHONES) {
    const context = await browser.newContext({ viewport: { width, height } });
    const page = await context.newPage();
    for (const rel of ["index.html", ROLE, MODULE.replace(".html", ".handout.html"), "search.html?q=supervision", "glossary.html"]) {
      await page.goto(siteUrl(site, rel));
      const header = await page.locator(".site-header").evaluate((e) => e.getBoundingClientRect().height);
      assert.ok(header <= height / 5, `${rel} at ${width}x${height}: the header is ${header}px, more than a fifth of ${height}`);
      const crumbs = await page.locator(".breadcrumbs").evaluateAll((e) => e.map((x) => x.getBoundingClientRect().height));
      assert.ok(crumbs.every((h) => h < 50), `${rel} at ${width}: breadcrumbs take ${crumbs}px (more than two lines)`);
    }
    await page.goto(siteUrl(site, ROLE));
    const title = await page.locator("h1").evaluate((e) => e.getBoundingClientRect().top);
    assert.ok(title < height / 3, `the role's title starts at y=${title} at ${width}x${height}`);
    // The results page folds its filters on a phone, so the first result is on the first screen.
    await page.goto(siteUrl(site, "search.html?q=supervision"));
    const result = page.locator(".search-result").first();
    await result.waitFor();
    const at = await result.evaluate((e) => e.getBoundingClientRect().top);
    assert.ok(at < height, `the first search result starts at y=${at}, below the first ${height}px`);
    await page.getByText("Filter results").click();
    assert.ok(await page.getByRole("checkbox", { name: /^Roles/ }).isVisible(), "the filters open");
    await context.close();
  }
});

test("on a phone the sections fold behind Menu, which opens and closes by keyboard", async () => {
  const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
  const { page, problems } = await watchedPage(context);
  await page.goto(siteUrl(site, ROLE));
  const nav = page.getByRole("navigation", { name: "Sections" });
  const menu = page.locator(".site-menu > summary");
  assert.equal(await menu.innerText(), "Menu");
  assert.equal(await nav.getByRole("link", { name: "Guidance" }).isVisible(), false, "folded at first");
  // Tab order: skip link, title, Menu.
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), "Menu");
  assert.equal(await menu.getAttribute("aria-expanded"), null, "a summary needs no ARIA: the browser says expanded or collapsed");
  await page.keyboard.press("Enter");
  assert.ok(await nav.getByRole("link", { name: "Guidance" }).isVisible(), "Enter opens the menu");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), "Roles", "Tab moves into the sections");
  const shown = await nav.evaluate((n) => { const r = n.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, h: innerHeight }; });
  assert.ok(shown.bottom <= shown.h, "the open menu fits the screen");
  await page.keyboard.press("Escape");
  assert.equal(await nav.getByRole("link", { name: "Guidance" }).isVisible(), false, "Escape closes it");
  assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), "Menu", "and focus goes back to Menu");
  await page.keyboard.press("Space");
  assert.ok(await nav.getByRole("link", { name: "Guidance" }).isVisible(), "Space opens it too");
  await page.mouse.click(300, 620);
  assert.equal(await nav.getByRole("link", { name: "Guidance" }).isVisible(), false, "a click elsewhere closes it");
  assert.deepEqual(problems.console, []);
  await context.close();
});

test("without JavaScript the menu still opens on a phone, and the sections show in the header on a wide screen", async () => {
  for (const [width, folded] of [[320, true], [1280, false]]) {
    const context = await browser.newContext({ viewport: { width, height: 800 }, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(siteUrl(site, ROLE));
    const guidance = page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Guidance" });
    assert.equal(await guidance.isVisible(), !folded, `at ${width} px the sections are ${folded ? "folded" : "shown"}`);
    assert.equal(await page.locator(".site-menu > summary").isVisible(), folded, `Menu is ${folded ? "" : "not "}shown at ${width} px`);
    if (folded) {
      await page.locator(".site-menu > summary").focus();
      await page.keyboard.press("Enter");
      assert.ok(await guidance.isVisible(), "Enter opens it without JavaScript");
      await guidance.click();
      assert.match(await page.locator("h1").innerText(), /Guidance/);
    }
    await context.close();
  }
});

test("the current section is marked in the header on every sort of page, and breadcrumbs start at home", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const expected = {
    [ROLE]: "Roles", "roles/dtc-group-psychotherapist/checklist.html": "Roles", [COMPARE]: "Roles",
    "recruiting/matrix.html": "Roles", [MODULE]: "Training", [MODULE.replace(".html", ".pack.html")]: "Training",
    "training/coverage.html": "Training", "frameworks/noms-cqf/making-effective-decisions.html": "Competency frameworks",
    "guidance/dtc-model.html": "Guidance", "glossary.html": "Glossary", "authoring/errors.html": "Authoring this handbook",
  };
  for (const [rel, section] of Object.entries(expected)) {
    await page.goto(siteUrl(site, rel));
    const marked = await page.locator(".site-nav a[aria-current]").allInnerTexts();
    assert.deepEqual(marked, [section], `${rel}: the header marks ${marked}`);
  }
  await page.goto(siteUrl(site, "glossary.html"));
  assert.equal(await page.locator(".site-nav a[aria-current]").getAttribute("aria-current"), "page", "on the section's own page it is the current page");
  for (const [sort, rel] of everySort()) {
    if (rel === "index.html") continue;
    await page.goto(siteUrl(site, rel));
    const first = page.locator(".breadcrumbs a").first();
    assert.equal(await first.innerText(), "Home", `${sort} (${rel}): breadcrumbs start at home`);
    assert.ok((await first.getAttribute("href")).endsWith("index.html"));
    assert.equal(await page.locator(".breadcrumbs [aria-current='page']").count(), 1, `${sort}: the current page ends the trail`);
  }
  await context.close();
});

test("from 1024 px the side navigation lists the section's pages in order with the current one marked", async () => {
  const context = await browser.newContext({ viewport: { width: 1024, height: 800 } });
  const page = await context.newPage();
  for (const [rel, section] of [[ROLE, "roles/index.html"], [MODULE, "training/reflective-practice/index.html"], ["guidance/dtc-model.html", "guidance/index.html"]]) {
    // The section page lists its pages in the section's order.
    await page.goto(siteUrl(site, section));
    const order = await page.locator("main .card-list > li > a, main .module-list > li > a").allInnerTexts();
    await page.goto(siteUrl(site, rel));
    const side = page.getByRole("navigation", { name: "In this section", exact: true });
    assert.ok(await side.isVisible(), `${rel}: side navigation shown at 1024 px`);
    const listed = await side.locator("ul").first().locator("a").allInnerTexts();
    assert.deepEqual(listed, order, `${rel}: the section's pages, in order`);
    const current = side.locator("a[aria-current='page']");
    assert.equal(await current.count(), 1);
    assert.equal(await current.innerText(), await page.locator("h1").innerText());
    const left = await side.evaluate((n) => n.getBoundingClientRect().right);
    const main = await page.locator("main").evaluate((n) => n.getBoundingClientRect().left);
    assert.ok(left <= main, "the side navigation is beside the page, on its left");
  }
  // A checklist marks its role as the page it belongs to; recruiting tools list themselves.
  await page.goto(siteUrl(site, "roles/dtc-group-psychotherapist/checklist.html"));
  const side = page.getByRole("navigation", { name: "In this section", exact: true });
  assert.equal(await side.locator("a[aria-current='true']").innerText(), "DTC Group Psychotherapist");
  await page.goto(siteUrl(site, "recruiting/matrix.html"));
  assert.equal(await side.locator("a[aria-current='page']").innerText(), "Roles and competencies");
  await context.close();

  const narrow = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  const p2 = await narrow.newPage();
  await p2.goto(siteUrl(site, ROLE));
  assert.equal(await p2.getByRole("navigation", { name: "In this section", exact: true }).isVisible(), false, "not below 1024 px");
  await narrow.close();
});

test("'On this page' lists every heading of the page, session plan included, and stays in view", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  for (const rel of [MODULE, ROLE, "training/dtc-practice/index.html", "frameworks/noms-cqf.html", "ethos/reach.html", "guidance/dtc-model.html"]) {
    await page.goto(siteUrl(site, rel));
    const toc = page.getByRole("navigation", { name: "On this page" });
    const links = await toc.locator("a").evaluateAll((as) => as.map((a) => a.getAttribute("href").slice(1)));
    const headings = await page.locator("main article h2[id]").evaluateAll((hs) => hs
      .filter((h) => !h.closest(".toc, .visually-hidden") && !h.classList.contains("visually-hidden"))
      .map((h) => h.id));
    assert.deepEqual(links.filter((l) => headings.includes(l)), headings, `${rel}: every h2, in page order`);
    for (const l of links) assert.ok(await page.locator(`[id="${l}"]`).count() === 1, `${rel}: #${l} exists`);
    if (rel === MODULE) assert.ok(links.includes("plan-heading"), "the session plan is listed");
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight * 0.7));
    const box = await toc.evaluate((t) => { const r = t.getBoundingClientRect(); return { top: r.top, bottom: r.bottom }; });
    assert.ok(box.top >= -1 && box.top < 100, `${rel}: scrolled down, the list is still in view (top ${box.top})`);
  }
  await context.close();
});

test("at 320 px wide tables scroll in their own box, say so, and keep their first column", async () => {
  const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
  const { page, problems } = await watchedPage(context);
  // Two candidates scored, so the shortlist has its side-by-side table.
  await page.goto(siteUrl(site, "roles/dtc-group-psychotherapist/checklist.html"));
  for (const name of ["Candidate one", "Candidate two"]) {
    await page.locator("#candidate-name").fill(name);
    await page.getByRole("button", { name: "Add candidate" }).click();
  }
  const cases = [
    ["roles/dtc-group-psychotherapist/checklist.html", ".sbs-table", "Candidate two"],
    [COMPARE, "#compare-table", "DTC Head of Psychotherapy"],
    ["recruiting/matrix/frameworks/noms-cqf.html", ".matrix-table", "Training that develops it"],
    ["training/coverage/frameworks/noms-cqf.html", ".coverage-table", "Developed by"],
  ];
  for (const [rel, selector, lastHeader] of cases) {
    if (!rel.includes("checklist")) await page.goto(siteUrl(site, rel));
    const table = page.locator(selector).first();
    await table.waitFor();
    const wrap = table.locator("xpath=ancestor::div[contains(@class,'table-wrap')][1]");
    const before = await wrap.evaluate((w) => ({ scrolls: w.scrollWidth > w.clientWidth, overflow: getComputedStyle(w).overflowX }));
    assert.equal(before.overflow, "auto", `${rel}: the table's box scrolls`);
    assert.ok(before.scrolls, `${rel}: at 320 px the table is wider than its box`);
    const hint = wrap.locator("xpath=preceding-sibling::*[1]");
    assert.match(await hint.innerText(), /Scroll sideways/, `${rel}: a visible cue says the table scrolls`);
    assert.ok(await hint.isVisible());
    const firstCell = table.locator("tbody tr:not(.section-row)").first().locator("th, td").first();
    assert.equal(await firstCell.evaluate((c) => getComputedStyle(c).position), "sticky", `${rel}: the first column stays`);
    // Scrolled to the end, the last column is reachable and the first still shows.
    await wrap.evaluate((w) => { w.scrollLeft = w.scrollWidth; });
    const end = await wrap.evaluate((w, name) => {
      const box = w.getBoundingClientRect();
      const last = [...w.querySelectorAll("thead th")].find((th) => th.textContent.includes(name)) || w.querySelector("thead th:last-child");
      const first = w.querySelector("tbody tr:not(.section-row) > :first-child").getBoundingClientRect();
      const r = last.getBoundingClientRect();
      return { last: r.right <= box.right + 1 && r.left >= box.left - 1, first: first.left >= box.left - 1 && first.right <= box.right };
    }, lastHeader);
    assert.ok(end.last, `${rel}: scrolled across, "${lastHeader}" comes into view`);
    assert.ok(end.first, `${rel}: the first column is still in view`);
  }
  assert.deepEqual(problems.console, []);
  await context.close();
});

test("at 1280 px the matrix fits its pages: no last column is cut off", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  // The index, and every framework's table it links to.
  await page.goto(siteUrl(site, "recruiting/matrix.html"));
  const tables = await page.locator(".matrix-index tbody a").evaluateAll((as) => as.map((a) => a.href));
  assert.ok(tables.length >= 2, `the index links the frameworks' tables: ${tables}`);
  for (const url of [page.url(), ...tables]) {
    await page.goto(url);
    const fits = await page.locator(".matrix-table, .matrix-index").evaluateAll((ts) => ts.map((t) => {
      const w = t.closest(".table-wrap");
      return w.scrollWidth <= w.clientWidth + 1;
    }));
    assert.ok(fits.length > 0 && fits.every(Boolean), `${url}: every table fits at 1280 px: ${fits}`);
  }
  await context.close();
});

test("the glossary has an A-Z jump list, and the entry a link points at is marked", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { page, problems } = await watchedPage(context);
  await page.goto(siteUrl(site, "glossary.html"));
  const az = page.getByRole("navigation", { name: "Glossary from A to Z" });
  const letters = await az.locator("a").allInnerTexts();
  assert.ok(letters.length >= 15, `letters: ${letters}`);
  for (const l of letters) {
    const id = await az.getByRole("link", { name: l, exact: true }).getAttribute("href");
    const heading = page.locator(`h2${id}`);
    assert.equal(await heading.innerText(), l, `${l} jumps to its letter`);
    const first = await heading.locator("xpath=following-sibling::dl[1]//dt").first().innerText();
    assert.ok(first.toUpperCase().includes(l) || /[^A-Z]/.test(l), `the first term under ${l} is "${first}"`);
  }
  await az.getByRole("link", { name: "M", exact: true }).click();
  const top = await page.locator("h2#letter-m").evaluate((h) => h.getBoundingClientRect().top);
  const bar = await az.evaluate((n) => n.getBoundingClientRect().bottom);
  assert.ok(top >= bar - 1, "the jump list does not hide the letter it jumped to");
  // Following an abbreviation's link marks that entry.
  await page.goto(siteUrl(site, "guidance/risk-processes.html"));
  await page.locator("main a[href$='glossary.html#mappa']").first().click();
  await page.waitForURL(/glossary\.html#mappa$/);
  const entry = page.locator("#mappa");
  const marked = await entry.evaluate((e) => ({ bg: getComputedStyle(e).backgroundColor, border: getComputedStyle(e).borderLeftColor }));
  const other = await page.locator("#acct").evaluate((e) => getComputedStyle(e).backgroundColor);
  assert.notEqual(marked.bg, other, "the linked entry is highlighted");
  const seen = await entry.evaluate((e) => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight / 2; });
  assert.ok(seen, "and in view, below the jump list");
  // See also leads first to the guidance that explains the term, where there is one.
  for (const [id, guidance] of [["acct", "guidance/risk-processes.html#acct"], ["mappa", "guidance/risk-processes.html#mappa"],
    ["csaap", "guidance/accreditation-and-audit.html#csaap"], ["cpd", "guidance/professional-registration.html#cpd"],
    ["tac", "guidance/childrens-therapy-format.html#team-around-the-child-meetings"], ["dtc", "guidance/dtc-model.html"]]) {
    const first = await page.locator(`[id="${id}"] .see-also-inline a`).first().getAttribute("href");
    assert.equal(first, guidance, `${id}: See also starts with the guidance that explains it`);
  }
  assert.deepEqual(problems.console, []);
  await context.close();
});

test("the feedback link appears only when handbook.yml sets it", async () => {
  const page = await browser.newPage();
  await page.goto(siteUrl(site, ROLE));
  assert.equal(await page.getByRole("link", { name: "Is something wrong on this page?" }).count(), 0, "off by default");
  const root = mkdtempSync(join(tmpdir(), "handbook-feedback-"));
  cpSync(join(REPO, "tests/fixtures/basic"), root, { recursive: true, filter: (src) => !src.includes("/public") });
  const yml = join(root, "handbook.yml");
  writeFileSync(yml, readFileSync(yml, "utf8") + "feedback: handbook-editors@example.org\n");
  const out = buildSite(root);
  await page.goto(siteUrl(out, "roles/worker.html"));
  const link = page.getByRole("link", { name: "Is something wrong on this page?" });
  assert.equal(await link.count(), 1);
  const href = await link.getAttribute("href");
  assert.match(href, /^mailto:handbook-editors@example\.org\?subject=/);
  const subject = decodeURIComponent(href.split("subject=")[1]);
  assert.match(subject, /Support worker \(roles\/worker\.html\)$/, subject);
  await page.context().close();
});
