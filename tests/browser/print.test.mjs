// Printing, checked in the PDF Chromium makes (poppler's pdftotext -bbox-layout gives
// every word's box on every page):
// - no page but the last is under a quarter full (a sheet that is mostly blank wastes
//   paper), for every sort of printable page of the bundled handbook;
// - the running head and foot carry the page's title, the date printed and "Page x of y",
//   never a file path; no navigation prints; one typeface throughout;
// - table rows, session-plan steps and checklist criteria are never split across pages;
// - the module pack prints the handout and then the reflective log on a fresh sheet;
// - a checklist printed after scoring carries the candidate's scores, notes and total;
//   "Print a blank form" still gives the empty form.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { buildSite, launch, watchedPage, siteUrl, pdfPagesWithFill, pdfFonts, printPdf, ARTEFACTS } from "./helpers.mjs";

let site, browser;
before(async () => { site = buildSite(); browser = await launch(); });
after(async () => { await browser?.close(); });

const MODULE = "training/reflective-practice/reflective-practice-models";
/** The page margins (mm) each stylesheet sets: style.css, and recruiting.css for its forms. */
const PLAIN = { top: 15, bottom: 18 };
const FORM = { top: 18, bottom: 16 };

// Every sort of page someone prints: the sheets of three modules, three checklists, roles,
// a module page, guidance, framework, ethos, glossary, the comparison and the matrix.
const PRINTED = [
  [`${MODULE}.handout.html`, "Facilitator handout: Reflective practice models", PLAIN],
  [`${MODULE}.reflective-log.html`, "Reflective log: Reflective practice models", PLAIN],
  [`${MODULE}.pack.html`, "Module pack: Reflective practice models", PLAIN],
  ["training/reflective-practice/clinical-supervision.handout.html", "Facilitator handout: Clinical supervision", PLAIN],
  ["training/dtc-practice/dtc-foundations.handout.html", "Facilitator handout: Foundations of the Democratic Therapeutic Community", PLAIN],
  ["training/dtc-practice/dtc-foundations.pack.html", "Module pack: Foundations of the Democratic Therapeutic Community", PLAIN],
  ["roles/dtc-group-psychotherapist/checklist.html", "DTC Group Psychotherapist: checklist", FORM],
  ["roles/therapeutic-support-practitioner/checklist.html", "Therapeutic Support Practitioner: checklist", FORM],
  ["roles/compass-psychotherapist/checklist.html", "Psychotherapist: checklist", FORM],
  ["roles/therapeutic-support-practitioner.html", "Therapeutic Support Practitioner", PLAIN],
  ["roles/compass-psychotherapist.html", "Psychotherapist", PLAIN],
  ["training/reflective-practice/clinical-supervision.html", "Clinical supervision", PLAIN],
  ["guidance/dtc-model.html", "The Democratic Therapeutic Community model", PLAIN],
  ["frameworks/noms-cqf.html", "NOMS", PLAIN],
  ["ethos/reach.html", "R.E.A.C.H", PLAIN],
  ["glossary.html", "Glossary", PLAIN],
  ["recruiting/matrix.html", "Roles and competencies", FORM],
  ["recruiting/compare.html", "Compare roles", FORM],
];

const figures = [];

for (const [rel, title, margins] of PRINTED) {
  test(`printing ${rel}: pages well filled, title, date and page number at the margins, no path, no navigation`, async () => {
    const context = await browser.newContext();
    const { page, problems } = await watchedPage(context);
    await page.goto(siteUrl(site, rel));
    const pdf = await printPdf(page, rel.replace(/\W+/g, "-"));
    const pages = pdfPagesWithFill(pdf, margins);
    figures.push(`${rel}: ${pages.length} pages, ${pages.map((p) => Math.round(p.fill * 100) + "%").join(" ")}`);
    assert.ok(pages.length >= 1);
    pages.forEach((p, i) => {
      const n = i + 1;
      if (n < pages.length) assert.ok(p.fill >= 0.25, `page ${n} of ${pages.length} is only ${Math.round(p.fill * 100)}% full:\n${p.body.slice(0, 300)}`);
      assert.ok(p.margin.toLowerCase().includes(title.toLowerCase()), `page ${n}: the title "${title}" is not in the margin:\n${p.margin}`);
      assert.ok(p.margin.includes(`Page ${n} of ${pages.length}`), `page ${n}: no "Page ${n} of ${pages.length}":\n${p.margin}`);
      assert.match(p.margin, /Printed \d{1,2} [A-Z][a-z]+ \d{4}/, `page ${n}: no date printed`);
      assert.ok(!/\.html|file:|\/tmp\/|[a-z]+\/[a-z-]+/.test(p.margin), `page ${n}: a path in the margin:\n${p.margin}`);
      assert.ok(!p.body.includes("Skip to main content"), `page ${n} shows the skip link`);
      assert.ok(!/Competency frameworks\s+Ethos and values\s+Guidance/.test(p.body), `page ${n} shows the site navigation`);
      assert.ok(!/On this page|In this section|Is something wrong/.test(p.body), `page ${n} shows screen-only navigation`);
    });
    assert.ok(!pages.map((p) => p.body).join("\n").includes("children's services and schools."), "the site footer does not print");
    // One typeface: the regular, bold and italic of one family.
    const families = new Set(pdfFonts(pdf).map((f) => f.replace(/[-,](Bold|Oblique|Italic|BoldOblique|BoldItalic|Regular|Book)+$/i, "")));
    assert.equal(families.size, 1, `fonts used: ${[...families].join(", ")}`);
    if (rel === `${MODULE}.handout.html` || rel === "roles/dtc-group-psychotherapist/checklist.html") {
      spawnSync("pdftoppm", ["-png", "-r", "50", pdf, join(ARTEFACTS, `print-${rel.replace(/\W+/g, "-")}`)]);
    }
    assert.deepEqual(problems.console, []);
    await context.close();
  });
}

after(() => { if (figures.length) console.log(`# printed page fill:\n# ${figures.join("\n# ")}`); });

/** Text with its white space folded (and a line broken after a hyphen joined again), for
 * finding a row's words in a page's text. */
const fold = (t) => t.replace(/\s+/g, " ").replace(/- /g, "-").trim();

test("printed, session-plan steps and checklist criteria are never split across pages, and table rows keep together", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cases = [
    [`${MODULE}.handout.html`, "table.session-plan tbody tr td:nth-child(3)", PLAIN],
    ["training/dtc-practice/dtc-foundations.handout.html", "table.session-plan tbody tr td:nth-child(3)", PLAIN],
    ["roles/compass-psychotherapist/checklist.html", "li.criterion", FORM],
    ["roles/therapeutic-support-practitioner/checklist.html", "li.criterion", FORM],
    ["roles/compass-psychotherapist.html", "table.criteria tbody tr td:nth-child(2)", PLAIN],
  ];
  for (const [rel, selector, margins] of cases) {
    await page.goto(siteUrl(site, rel));
    // A criterion's words as printed (its data-text), a table cell's as shown.
    const rows = (await page.locator(selector).evaluateAll((els) => els.map((e) => e.getAttribute("data-text") || e.innerText))).map(fold).filter(Boolean);
    assert.ok(rows.length >= 5, `${rel}: ${rows.length} rows`);
    const pages = pdfPagesWithFill(await printPdf(page), margins).map((p) => fold(p.body));
    for (const row of rows) {
      const whole = pages.filter((p) => p.includes(row)).length;
      assert.ok(whole >= 1, `${rel}: "${row.slice(0, 60)}" is split across pages (or missing)`);
    }
    if (rel.includes("handout")) {
      const on = pages.findIndex((p) => p.includes("Session plan"));
      assert.ok(rows.every((r) => pages[on].includes(r)), `${rel}: the whole session plan is on one page`);
    }
    await page.emulateMedia({ media: "print" });
    const styles = await page.evaluate(() => {
      const rows = [...document.querySelectorAll("main tr")];
      return {
        whole: rows.every((r) => getComputedStyle(r).breakInside === "avoid"),
        heads: [...document.querySelectorAll("main thead")].every((h) => getComputedStyle(h).display === "table-header-group"),
      };
    });
    assert.ok(styles.whole, `${rel}: table rows are kept whole`);
    assert.ok(styles.heads, `${rel}: table headers repeat on each page`);
    await page.emulateMedia({ media: null });
  }
  await context.close();
});

test("the module pack prints the handout, then the reflective log from a fresh sheet", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(siteUrl(site, `${MODULE}.handout.html`));
  const handout = pdfPagesWithFill(await printPdf(page), PLAIN).length;
  await page.goto(siteUrl(site, `${MODULE}.reflective-log.html`));
  const log = pdfPagesWithFill(await printPdf(page), PLAIN).length;
  await page.goto(siteUrl(site, `${MODULE}.html`));
  await page.getByRole("navigation", { name: "Printable sheets" }).getByRole("link", { name: "Module pack" }).click();
  await page.waitForURL(/reflective-practice-models\.pack\.html$/);
  await page.waitForLoadState("load");
  const pages = pdfPagesWithFill(await printPdf(page), PLAIN);
  const text = pages.map((p) => p.body);
  const logStarts = text.findIndex((t) => /Participant reflective log\s+Reflective practice models/i.test(t));
  assert.ok(logStarts > 0, "the log follows the handout");
  assert.match(text[logStarts], /^PARTICIPANT REFLECTIVE LOG|^Participant reflective log/i, "the log starts its own sheet");
  assert.ok(text.slice(0, logStarts).join("\n").includes("Session plan"), "the handout comes first");
  assert.ok(text.slice(logStarts).join("\n").includes("What I will do next"), "then the whole log");
  assert.ok(pages.length <= handout + log + 1, `${pages.length} pages for a ${handout}-page handout and a ${log}-page log`);
  await context.close();
});

test("a checklist printed after scoring carries the candidate's scores, notes and total; the blank form stays available", async () => {
  const context = await browser.newContext();
  const { page, problems } = await watchedPage(context);
  await page.goto(siteUrl(site, "roles/dtc-group-psychotherapist/checklist.html"));
  await page.locator("#candidate-name").fill("Avery Example");
  await page.getByRole("button", { name: "Add candidate" }).click();
  await page.locator("#score-1-2").check();
  await page.locator("#note-1").fill("Ran community meetings for two years");
  await page.locator("#score-2-0").check();
  const filled = pdfPagesWithFill(await printPdf(page, "scored"), FORM).map((p) => fold(p.body)).join(" ");
  assert.ok(filled.includes("Avery Example"), "the candidate's name is on the form");
  assert.ok(filled.includes("Ran community meetings for two years"), "the note is on the form");
  assert.match(filled, /Total score 2 of 36 \(2 of 12 criteria scored\)/, `the total is on the form: ${filled.slice(-300)}`);
  const chosen = await page.evaluate(() => [...document.querySelectorAll("#criterion-1 .paper-score .box.chosen")].map((b) => b.textContent));
  assert.deepEqual(chosen, ["2"], "the score given is marked");
  await page.emulateMedia({ media: "print" });
  const shown = await page.locator("#criterion-1 .paper-boxes").isVisible();
  assert.ok(shown, "the paper form prints");
  await page.emulateMedia({ media: null });

  // "Print a blank form": the form without this candidate's answers, until printing ends.
  await page.evaluate(() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; });
  await page.getByRole("button", { name: "Print a blank form" }).click();
  assert.equal(await page.evaluate(() => window.__printed), 1);
  const blank = pdfPagesWithFill(await printPdf(page, "blank"), FORM).map((p) => fold(p.body)).join(" ");
  assert.ok(!blank.includes("Avery Example") && !blank.includes("Ran community meetings"), "the blank form is blank");
  await page.evaluate(() => window.dispatchEvent(new Event("afterprint")));
  await page.getByRole("button", { name: "Print this candidate's scores" }).click();
  assert.equal(await page.evaluate(() => window.__printed), 2);
  const again = pdfPagesWithFill(await printPdf(page, "again"), FORM).map((p) => fold(p.body)).join(" ");
  assert.ok(again.includes("Avery Example"), "after printing the blank form, the candidate prints again");
  assert.deepEqual(problems.console, []);
  await context.close();
});
