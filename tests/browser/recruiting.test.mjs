// The recruiting tools in a real browser, opened from disk (file://) as staff use them:
// checklist scoring and the essentials flag, persistence, export and import round trips,
// keyboard-only use, self-assessment, the comparison deep link, print and 320 px layouts,
// and axe's WCAG 2.2 AA rules on every mode. Also the CSV and shortlist rules on their own.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import vm from "node:vm";
import { buildSite, serveStatic, fileUrl, launch, watchedPage, axe, describeViolations, screenshot, allowConsole, REPO } from "./helpers.mjs";

const GROUP = "roles/dtc-group-psychotherapist/checklist.html"; // Band 7: essentials and unspecified criteria
const HEAD = "roles/dtc-head-of-psychotherapy/checklist.html";
const COMPASS = "roles/compass-psychotherapist/checklist.html"; // nothing marked essential
const COMPARE = "recruiting/compare.html";

let site, browser;
before(async () => { site = buildSite(); browser = await launch(); });
after(async () => { await browser?.close(); });

/** A value from the script context as a plain value of this one (for deepEqual). */
const plain = (x) => JSON.parse(JSON.stringify(x));

/** The browser scripts loaded into a plain JS context, as the page loads them. */
function scripts() {
  const sandbox = {};
  vm.createContext(sandbox);
  for (const f of ["csv.js", "shortlist.js"]) {
    vm.runInContext(readFileSync(join(REPO, "themes/default/static/js", f), "utf8"), sandbox, { filename: f });
  }
  return sandbox;
}

async function open(rel, options = {}) {
  const context = await browser.newContext(options);
  const watched = await watchedPage(context);
  await watched.page.goto(fileUrl(site, rel.split("?")[0]) + (rel.includes("?") ? "?" + rel.split("?")[1] : ""));
  return { context, ...watched };
}

/**
 * The page as a browser without JavaScript sees it: served over loopback with the
 * theme's scripts refused (axe itself needs JavaScript, so it cannot simply be turned off).
 */
async function openWithoutScripts(rel) {
  const server = await serveStatic(site);
  const context = await browser.newContext();
  await context.route(/\/js\/[^/]+\.js$/, (route) => route.abort());
  allowConsole(context, /^Failed to load resource: net::ERR_FAILED$/); // the refused scripts
  const { page, problems } = await watchedPage(context, new URL(server.url).origin);
  await page.goto(server.url + rel);
  const close = async () => { await context.close(); await server.close(); };
  return { page, problems, close };
}

async function addCandidate(page, name, reference = "") {
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Reference", { exact: true }).fill(reference);
  await page.getByRole("button", { name: "Add candidate" }).click();
}

/** Waits for the status message to say something matching `pattern` (imports are asynchronous). */
async function message(page, pattern) {
  await page.locator(".app-message", { hasText: pattern }).waitFor({ timeout: 5000 });
  return page.locator(".app-message").innerText();
}

async function noProblems(problems) {
  assert.deepEqual(problems.console, [], "console errors");
  assert.deepEqual(problems.external, [], "requests outside the site");
  assert.deepEqual(problems.dialogs, [], "browser dialogs (the page must confirm in-page)");
}

async function noViolations(page, what) {
  const v = await axe(page);
  assert.equal(v.length, 0, `${what}:\n${describeViolations(v)}`);
}

async function downloadText(page, buttonName) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: buttonName }).click()]);
  return { name: download.suggestedFilename(), text: readFileSync(await download.path(), "utf8") };
}

// Values that break naive CSV and JSON handling.
const AWKWARD_NAME = 'Zoë "Zed" O\'Brien, Jr.';
const AWKWARD_NOTE = 'Led groups, "well";\r\nsecond line\nthird — naïve café 日本 =SUM(A1)';

test("CSV: what is written reads back exactly, formulas are defused, bad input is refused", () => {
  const { HandbookCSV: CSV } = scripts();
  const rows = [
    ["plain", "", "a,b", 'say "hi"', "two\nlines", "crlf\r\nline", "lone\rcr", " edge ", "café 日本 🙂"],
    ["=1+1", "+x", "-3", "@cmd", "\tlead", "'=quoted", "''x", "'plain", "'"],
  ];
  const text = CSV.stringify(rows);
  assert.ok(text.startsWith("\ufeff"), "byte-order mark for spreadsheets");
  assert.ok(text.endsWith("\r\n"));
  assert.deepEqual(plain(CSV.parse(text)), rows);
  // What a spreadsheet sees: no cell starts with a formula character.
  const cells = text.slice(1).split(/,|\r\n/).map((c) => c.replace(/^"/, ""));
  for (const c of cells) assert.ok(!/^[=+\-@\t]/.test(c), `defused: ${JSON.stringify(c)}`);
  assert.match(text, /'=1\+1/);
  // Other writers' CSV: LF endings, no final newline, blank lines, quotes mid-field.
  assert.deepEqual(plain(CSV.parse('a,b\n"x ""y""",z\n\nlast,"multi\nline"')), [["a", "b"], ['x "y"', "z"], ["last", "multi\nline"]]);
  assert.throws(() => CSV.parse('a,"never closed\nb'), /line 1: a quoted field is never closed/);
});

test("shortlist rules: essentials verdict, totals, and lossless CSV and JSON round trips", () => {
  const { HandbookShortlist: S } = scripts();
  const criteria = [
    { number: 1, need: "essential", category: "Qualifications", text: "Registered, with \"quotes\"", training: [] },
    { number: 2, need: "desirable", category: "Experience", text: "Groups", training: ["Module A"] },
    { number: 3, need: "essential", category: "Experience", text: "Supervision", training: [] },
    { number: 4, need: "unspecified", category: "Behaviours", text: "Decisions", training: [] },
  ];
  const rules = S.create({ key: "roles/x", id: "x", title: "X" }, criteria);
  const c = (scores) => ({ id: "c1", name: "A", reference: "", scores });
  assert.equal(rules.assess(c({ 1: { score: 0, note: "" }, 3: { score: 3, note: "" } })).status, "fail");
  assert.equal(rules.assess(c({ 1: { score: 0, note: "" } })).status, "fail", "a 0 fails even with others unscored");
  assert.equal(rules.assess(c({ 1: { score: 2, note: "" } })).status, "incomplete", "an unscored essential is not met");
  assert.equal(rules.assess(c({ 1: { score: null, note: "n" }, 3: { score: 1, note: "" } })).status, "incomplete");
  const pass = rules.assess(c({ 1: { score: 1, note: "" }, 3: { score: 3, note: "" }, 2: { score: 2, note: "" } }));
  assert.equal(pass.status, "pass");
  assert.equal(pass.total, 6);
  assert.equal(rules.totalText(pass), "6 of 12 (3 of 4 criteria scored)");
  assert.match(rules.verdict(rules.assess(c({ 3: { score: 0, note: "" } }))), /Does not meet the essentials \(scored 0 on criterion 3\)/);
  const none = S.create({ key: "roles/y", id: "y", title: "Y" }, criteria.map((x) => ({ ...x, need: "unspecified" })));
  assert.equal(none.assess(c({ 1: { score: 0, note: "" } })).status, "none");

  const candidates = [
    { id: "c1", name: AWKWARD_NAME, reference: "REF,1", scores: { 1: { score: 0, note: AWKWARD_NOTE }, 4: { score: 3, note: "" }, 2: { score: null, note: "'=not a formula" } } },
    { id: "c2", name: "", reference: "=REF2", scores: {} },
    { id: "c3", name: "Same Name", reference: "", scores: { 3: { score: 1, note: " spaced " } } },
    { id: "c4", name: "Same Name", reference: "", scores: {} },
  ];
  for (const [format, text] of [["CSV", rules.toCsv(candidates)], ["JSON", rules.toJson(candidates)]]) {
    const back = rules.fromText(text);
    assert.deepEqual(plain(back.errors), [], format);
    assert.deepEqual(JSON.parse(JSON.stringify(back.candidates)), candidates, `${format} round trip`);
  }
  // Files for another role, and broken rows, import nothing and say why.
  const other = S.create({ key: "roles/other", id: "other", title: "Other" }, criteria);
  assert.match(other.fromText(rules.toCsv(candidates)).errors[0], /for another role \(roles\/x\)/);
  assert.match(other.fromText(rules.toJson(candidates)).errors[0], /for another role \(X\)/);
  const bad = rules.toCsv(candidates).replace(",Decisions,3,", ",Decisions,7,");
  assert.match(rules.fromText(bad).errors.join(" "), /score “7” is not 0, 1, 2 or 3/);
  assert.match(rules.fromText("name,score\nx,1\n").errors[0], /not a shortlist export/);
});

test("shortlisting: scores, totals, the essential flag and the side-by-side view", async () => {
  const { context, page, problems } = await open(GROUP);
  await addCandidate(page, "Ana Smith", "R-001");
  // Criterion 4 (registration) is essential.
  await page.getByRole("group", { name: /Score for Ana Smith \(R-001\) on criterion 4$/ }).getByLabel("2 evidenced").check();
  assert.match(await page.locator("#current-status").innerText(), /Total 2 of 36 \(1 of 12 criteria scored\)/);
  assert.match(await page.locator("#current-status").innerText(), /Essentials incomplete: 6 essential criteria not scored yet/);
  await page.locator("#score-5-0").check();
  const flag = page.locator("#criterion-5 .flag");
  assert.ok(await flag.isVisible(), "the row says the essential was missed");
  assert.match(await flag.innerText(), /Scored 0 on an essential criterion/);
  assert.match(await page.locator("#current-status").innerText(), /Does not meet the essentials \(scored 0 on criterion 5\)/);
  // A 0 on a criterion that is not essential flags nothing.
  await page.locator("#score-8-0").check();
  assert.ok(!(await page.locator("#criterion-8 .flag").isVisible()));
  await page.getByLabel("Note on criterion 5", { exact: false }).fill("No group training");

  await addCandidate(page, "", "R-002");
  assert.equal(await page.locator("#current-candidate").inputValue() !== "", true);
  for (const n of [1, 2, 3, 4, 5, 6, 7]) await page.locator(`#score-${n}-3`).check();
  assert.match(await page.locator("#current-status").innerText(), /✓ Meets the essentials/);

  const table = page.locator("#side-by-side table");
  const headers = await table.locator("thead th").allInnerTexts();
  assert.deepEqual(headers, ["Criterion", "Need", "Ana Smith (R-001)", "R-002"]);
  const totals = await table.locator("tfoot tr").first().locator("td").allInnerTexts();
  assert.deepEqual(totals, ["2 of 36 (3 of 12 criteria scored)", "21 of 36 (7 of 12 criteria scored)"]);
  const verdicts = await table.locator("tfoot tr").nth(1).locator("td").allInnerTexts();
  assert.match(verdicts[0], /Does not meet the essentials/);
  assert.match(verdicts[1], /Meets the essentials/);
  const row5 = await table.locator("tbody tr", { hasText: "Have undertaken psychotherapy" }).innerText();
  assert.match(row5, /0 none ✗ essential not met/);
  assert.match(row5, /No group training/);
  await noViolations(page, "shortlisting with two candidates");
  await noProblems(problems);
  await context.close();
});

test("a role whose source marks nothing essential gives no essentials verdict", async () => {
  const { context, page, problems } = await open(COMPASS);
  await addCandidate(page, "Cy");
  await page.locator("#score-1-0").check();
  assert.ok(!(await page.locator("#criterion-1 .flag").isVisible()));
  assert.match(await page.locator("#current-status").innerText(), /No criteria are marked essential in the source/);
  await noProblems(problems);
  await context.close();
});

test("scores persist across reload, per role, and never leave the browser", async () => {
  const { context, page, problems } = await open(GROUP);
  await addCandidate(page, AWKWARD_NAME, "R-9");
  await page.locator("#score-4-1").check();
  await page.locator("#note-4").fill(AWKWARD_NOTE);
  await page.reload();
  assert.equal(await page.locator("#current-candidate option").count(), 1);
  assert.equal(await page.locator("#current-candidate option").innerText(), `${AWKWARD_NAME} (R-9)`);
  assert.ok(await page.locator("#score-4-1").isChecked());
  assert.equal(await page.locator("#note-4").inputValue(), AWKWARD_NOTE.replace(/\r\n?/g, "\n"));
  // Another role's checklist has its own, empty, shortlist.
  await page.goto(fileUrl(site, HEAD));
  assert.equal(await page.locator("#current-candidate option").count(), 0);
  assert.ok(await page.getByText("Add a candidate to start scoring.").isVisible());
  await noProblems(problems);
  await context.close();
});

test("where storage is blocked the page says so and scoring still works", async () => {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    Object.defineProperty(window, "localStorage", { get() { throw new DOMException("blocked", "SecurityError"); } });
  });
  const { page, problems } = await watchedPage(context);
  await page.goto(fileUrl(site, GROUP));
  const note = page.locator(".storage-note").first();
  assert.ok(await note.isVisible());
  assert.match(await note.innerText(), /not letting the page save.*export them to keep them/s);
  await addCandidate(page, "Dee");
  await page.locator("#score-4-3").check();
  assert.match(await page.locator("#current-status").innerText(), /Total 3 of 36/);
  await noViolations(page, "storage blocked");
  await noProblems(problems);
  await context.close();
});

for (const format of ["CSV", "JSON"]) {
  test(`${format} export, clear all (confirmed in the page), then import: nothing is lost`, async () => {
    const { context, page, problems } = await open(GROUP);
    await addCandidate(page, AWKWARD_NAME, "REF, 1");
    await page.locator("#score-4-0").check();
    await page.locator("#note-4").fill(AWKWARD_NOTE);
    await page.locator("#score-12-3").check();
    await page.locator("#note-7").fill("=cmd|' /C calc'!A0");
    await addCandidate(page, "Bo", "");
    await page.locator("#score-1-2").check();
    const key = await page.locator("#checklist").getAttribute("data-storage-key");
    const before = await page.evaluate((k) => localStorage.getItem(k + ":shortlist:v1"), key);

    const file = await downloadText(page, `Export ${format}`);
    assert.equal(file.name, `shortlist-dtc-group-psychotherapist.${format.toLowerCase()}`);
    if (format === "CSV") {
      assert.ok(file.text.startsWith("\ufeffrole,candidate_id,candidate_name,candidate_reference,criterion_number"));
      assert.equal(file.text.split("\r\n").filter((l) => l.startsWith("roles/dtc-group-psychotherapist,")).length, 24, "a row per candidate and criterion");
    } else {
      assert.equal(JSON.parse(file.text).format, "handbook-shortlist");
    }

    // Clear all asks first; cancelling keeps everything.
    await page.getByRole("button", { name: "Clear all candidates" }).click();
    const confirm = page.getByRole("group", { name: /Delete all 2 candidates/ });
    assert.ok(await confirm.isVisible());
    await confirm.getByRole("button", { name: "Cancel" }).click();
    assert.equal(await page.locator("#current-candidate option").count(), 2);
    await page.getByRole("button", { name: "Clear all candidates" }).click();
    await confirm.getByRole("button", { name: "Delete all candidates" }).click();
    assert.equal(await page.locator("#current-candidate option").count(), 0);

    await page.getByLabel("Import candidates from a CSV or JSON export").setInputFiles({
      name: file.name, mimeType: format === "CSV" ? "text/csv" : "application/json", buffer: Buffer.from(file.text, "utf8"),
    });
    assert.match(await message(page, /Imported 2 candidates/), /from shortlist-dtc-group-psychotherapist/);
    const after = await page.evaluate((k) => localStorage.getItem(k + ":shortlist:v1"), key);
    const strip = (s) => { const v = JSON.parse(s); delete v.current; return v; };
    assert.deepEqual(strip(after), strip(before), "every id, name, reference, score and note is back");
    await page.locator("#current-candidate").selectOption({ label: `${AWKWARD_NAME} (REF, 1)` });
    assert.equal(await page.locator("#note-4").inputValue(), AWKWARD_NOTE.replace(/\r\n?/g, "\n"));
    assert.ok(await page.locator("#score-4-0").isChecked());
    await noProblems(problems);
    await context.close();
  });
}

test("importing another role's export is refused and changes nothing", async () => {
  const { context, page, problems } = await open(HEAD);
  await addCandidate(page, "Eve");
  const file = await downloadText(page, "Export CSV");
  await page.goto(fileUrl(site, GROUP));
  await addCandidate(page, "Fay");
  await page.getByLabel("Import candidates from a CSV or JSON export").setInputFiles({ name: file.name, mimeType: "text/csv", buffer: Buffer.from(file.text) });
  assert.match(await message(page, /Nothing was imported/), /for another role \(roles\/dtc-head-of-psychotherapy\)/);
  assert.deepEqual(await page.locator("#current-candidate option").allInnerTexts(), ["Fay"]);
  await noProblems(problems);
  await context.close();
});

test("keyboard only: add a candidate, score, note, and cancel a clear-all", async () => {
  const { context, page, problems } = await open(GROUP);
  const focused = () => page.evaluate(() => document.activeElement && (document.activeElement.id || document.activeElement.textContent));
  async function tabTo(id, limit = 200) {
    for (let i = 0; i < limit; i++) {
      if ((await focused()) === id) return;
      await page.keyboard.press("Tab");
    }
    throw new Error(`Tab never reached #${id}`);
  }
  await tabTo("candidate-name");
  await page.keyboard.type("Kay");
  await page.keyboard.press("Enter");
  assert.deepEqual(await page.locator("#current-candidate option").allInnerTexts(), ["Kay"]);
  // The first radio of criterion 4's group, then arrow keys to choose a score.
  await tabTo("score-4-none");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  assert.ok(await page.locator("#score-4-2").isChecked(), "arrows choose 2");
  await page.keyboard.press("Tab");
  assert.equal(await focused(), "note-4");
  await page.keyboard.type("Typed by keyboard");
  await tabTo("score-5-none");
  await page.keyboard.press("ArrowRight");
  assert.ok(await page.locator("#score-5-0").isChecked());
  assert.match(await page.locator("#current-status").innerText(), /Does not meet the essentials/);
  // Clear all: the confirmation takes focus; Escape cancels and returns focus.
  await page.locator("#score-5-0").focus();
  await tabTo("Clear all candidates");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement.className), "confirm");
  await page.keyboard.press("Escape");
  assert.equal(await focused(), "Clear all candidates");
  assert.equal(await page.locator("#current-candidate option").count(), 1);
  await noProblems(problems);
  await context.close();
});

test("self-assessment: 'I meet this', evidence, training links and CSV export", async () => {
  const { context, page, problems } = await open(GROUP);
  await page.getByRole("button", { name: "Assess yourself" }).click();
  assert.equal(await page.getByRole("button", { name: "Assess yourself" }).getAttribute("aria-pressed"), "true");
  assert.ok(!(await page.locator("#score-4-none").isVisible()), "scoring hidden in this mode");
  // "3. Making Effective Decisions" relates to a NOMS competency; modules develop it.
  const training = page.locator("#criterion-8 .develops");
  assert.ok(await training.isVisible());
  const modules = await training.getByRole("link").allInnerTexts();
  // The same modules the link graph says develop that competency, by title.
  const graph = JSON.parse(readFileSync(join(site, "graph.json"), "utf8"));
  const title = (id) => graph.nodes.find((n) => n.id === id).title;
  const developers = graph.edges.filter((e) => e.type === "develops" && e.to === "frameworks/noms-cqf#making-effective-decisions").map((e) => title(e.from)).sort();
  assert.ok(developers.length >= 2);
  assert.deepEqual(modules, developers);
  await page.getByLabel("I meet this (criterion 8)").check();
  await page.getByLabel("Evidence for criterion 8").fill("Chaired, \"risk\" panels;\nsee portfolio");
  await page.getByLabel("I meet this (criterion 4)").check();
  assert.match(await page.locator("#self-summary").innerText(), /You meet 2 of 12 criteria \(1 of 7 essential\)/);
  await noViolations(page, "self-assessment mode");
  // The mode is in the address, and answers survive a reload.
  await page.goto(fileUrl(site, GROUP) + "?mode=self");
  assert.ok(await page.getByLabel("I meet this (criterion 8)").isChecked());
  const file = await downloadText(page, "Export my self-assessment (CSV)");
  assert.equal(file.name, "self-assessment-dtc-group-psychotherapist.csv");
  const { HandbookCSV: CSV } = scripts();
  const rows = CSV.parse(file.text);
  assert.deepEqual(plain(rows[0]), ["role", "criterion_number", "category", "need", "criterion", "i_meet_this", "evidence", "training"]);
  const r8 = rows.find((r) => r[1] === "8");
  assert.equal(r8[5], "yes");
  assert.equal(r8[6], "Chaired, \"risk\" panels;\nsee portfolio");
  assert.equal(r8[7], modules.join("; "));
  assert.equal(rows.find((r) => r[1] === "5")[5], "no");
  await noProblems(problems);
  await context.close();
});

async function printLayout(p) {
  await p.emulateMedia({ media: "print" });
  const layout = await p.evaluate(() => ({
    header: getComputedStyle(document.querySelector(".site-header")).display,
    breadcrumbs: getComputedStyle(document.querySelector(".breadcrumbs")).display,
    app: getComputedStyle(document.querySelector("#checklist-app")).display,
    boxes: getComputedStyle(document.querySelector("#criterion-4 .paper-boxes")).display,
    split: [...document.querySelectorAll("li.criterion")].map((li) => getComputedStyle(li).breakInside),
    controls: [...document.querySelectorAll(".row-controls, .side-by-side")].filter((e) => e.offsetParent !== null).length,
    head: [...document.querySelectorAll("style")].some((s) => /@top-left \{ content: "DTC Group Psychotherapist\\3a /.test(s.textContent)),
  }));
  assert.equal(layout.header, "none", "no site header on paper");
  assert.equal(layout.breadcrumbs, "none");
  assert.equal(layout.app, "none", "no interactive panel on paper");
  assert.equal(layout.boxes, "flex", "score boxes on paper");
  assert.ok(layout.split.length === 12 && layout.split.every((b) => b === "avoid"), "no criterion split across pages");
  assert.equal(layout.controls, 0, "no scoring controls on paper");
  assert.ok(layout.head, "title and address in the page margin");
  const pdf = await p.pdf({ format: "A4", preferCSSPageSize: true });
  assert.equal(pdf.subarray(0, 5).toString(), "%PDF-");
  await p.emulateMedia({ media: "screen" });
}

test("the checklist without JavaScript is a form, and it prints clean on A4", async () => {
  const { page, problems, close } = await openWithoutScripts(GROUP);
  assert.ok(await page.locator("#criterion-4 .paper-boxes").isVisible());
  assert.ok(!(await page.locator("#checklist-app").isVisible()));
  assert.ok(await page.getByText("In a browser with JavaScript this page also lets you score").isVisible());
  await noViolations(page, "checklist without JavaScript");
  await printLayout(page);
  assert.deepEqual(problems.external, []);
  await close();
});

test("with scores entered, the checklist still prints as the blank form", async () => {
  const { context, page, problems } = await open(GROUP);
  await addCandidate(page, "Hal");
  await page.locator("#score-4-3").check();
  assert.ok(!(await page.locator("#criterion-4 .paper-boxes").isVisible()), "the paper boxes are for print only");
  await printLayout(page);
  await noProblems(problems);
  await context.close();
});

test("comparison deep link from disk: the chosen roles, their differences, and a shareable form", async () => {
  const ids = "dtc-group-psychotherapist,dtc-head-of-psychotherapy";
  const { context, page, problems } = await open(`${COMPARE}?roles=${ids}`);
  const visible = async () => page.locator("#compare-table thead th[data-role]:visible").evaluateAll((ths) => ths.map((t) => t.dataset.role));
  assert.deepEqual(await visible(), ["dtc-group-psychotherapist", "dtc-head-of-psychotherapy"], "in the order asked for");
  assert.equal(await page.locator("#pick-dtc-group-psychotherapist").isChecked(), true);
  assert.equal(await page.locator("#pick-compass-psychotherapist").isChecked(), false);
  assert.match(await page.locator("#compare-status").innerText(), /Comparing 2 roles/);
  const rowFlag = (text) => page.locator("#compare-table tr.compare-row", { hasText: text }).first().locator(".diff-flag");
  // Same hours and organisation for these two: not marked; grades differ: marked in words.
  assert.ok(!(await rowFlag("Hours").isVisible()), "hours are the same");
  assert.ok(!(await rowFlag("Organisation").isVisible()));
  assert.ok(await rowFlag("Grade or band").isVisible());
  assert.equal(await rowFlag("Grade or band").innerText(), "Differs");
  // Criteria only other roles have are hidden; aligned behaviours share a row.
  assert.equal(await page.locator("#compare-table tr", { hasText: "GCSE grade C" }).isVisible(), false);
  const mad = page.locator("#compare-table tr.criterion-row", { hasText: "Making Effective Decisions" });
  assert.equal(await mad.count(), 1);
  assert.deepEqual(await mad.locator("td:visible").allInnerTexts(), ["Listed; need not stated", "Listed; need not stated"]);
  // Without selection the same page shows every role.
  await noViolations(page, "comparison of two roles");
  // The form: three roles, submitted, become the address.
  await page.locator("#pick-dtc-lead-core-creative-psychotherapist").check();
  // Wait for the new address itself: the old one also has `roles=`, and matching it would
  // read the table before the new page's scripts had built it.
  const three = /^file:.*compare\.html\?roles=dtc-head-of-psychotherapy,dtc-lead-core-creative-psychotherapist,dtc-group-psychotherapist$/;
  await Promise.all([page.waitForURL(three), page.getByRole("button", { name: "Compare these roles" }).click()]);
  assert.match(page.url(), three);
  assert.equal((await visible()).length, 3);
  // One role is not a comparison: the form says so and keeps focus on the choices.
  for (const id of ["dtc-head-of-psychotherapy", "dtc-lead-core-creative-psychotherapist"]) await page.locator(`#pick-${id}`).uncheck();
  await page.getByRole("button", { name: "Compare these roles" }).click();
  assert.match(await page.locator("#picker-error").innerText(), /choose between 2 and 4 roles \(1 chosen\)/);
  // Unknown ids in a shared link are named, not silently dropped.
  await page.goto(fileUrl(site, COMPARE) + "?roles=nope,dtc-group-psychotherapist");
  assert.match(await page.locator("#compare-status").innerText(), /No role has the id nope.*needs at least 2 roles/s);
  assert.equal((await visible()).length, 5);
  await noProblems(problems);
  await context.close();
});

test("a handbook with many roles compares the chosen ones from its data file", async () => {
  const root = mkdtempSync(join(tmpdir(), "handbook-many-"));
  const write = (rel, text) => { mkdirSync(join(root, rel, ".."), { recursive: true }); writeFileSync(join(root, rel), text); };
  write("handbook.yml", "title: Many roles\n");
  let home = "---\ntitle: Home\n---\n\n";
  for (let n = 0; n < 20; n++) {
    home += `[Role ${n}](roles/r${n}.md) `;
    write(`content/roles/r${n}.md`, `---\ntitle: Role ${n}\nsetting: Ward\nhours_per_week: ${n < 10 ? 37 : 30}\nperson_spec:\n  - text: Shared criterion\n    need: ${n === 3 ? "desirable" : "essential"}\n  - text: Only in role ${n}\n    need: desirable\n---\n`);
  }
  write("content/_index.md", home);
  const many = buildSite(root);
  const context = await browser.newContext();
  const { page, problems } = await watchedPage(context);
  await page.goto(fileUrl(many, COMPARE));
  assert.equal(await page.locator("#compare-table").count(), 0, "no 20-column table");
  assert.match(await page.locator("#compare-status").innerText(), /Choose 2 to 4 of the 20 roles/);
  await noViolations(page, "comparison of many roles, nothing chosen");
  await page.goto(fileUrl(many, COMPARE) + "?roles=r3,r4,r12");
  const roles = await page.locator("#compare-table thead th[data-role]").evaluateAll((ths) => ths.map((t) => t.dataset.role));
  assert.deepEqual(roles, ["r3", "r4", "r12"]);
  const row = (text) => page.locator("#compare-table tr.compare-row", { hasText: text }).first();
  assert.ok(await row("Hours").locator(".diff-flag").isVisible(), "37 and 30 hours differ");
  assert.ok(await row("Shared criterion").locator(".diff-flag").isVisible(), "desirable in r3, essential in r4");
  assert.deepEqual(await row("Shared criterion").locator("td").allInnerTexts(), ["Desirable", "Essential", "Essential"]);
  assert.equal(await page.locator("#compare-table tr", { hasText: "Only in role 5" }).count(), 0);
  assert.deepEqual(await row("Only in role 4").locator("td").allInnerTexts(), ["Not in this role’s person specification", "Desirable", "Not in this role’s person specification"]);
  await noViolations(page, "comparison of three of many roles");
  await noProblems(problems);
  await context.close();
});

test("without JavaScript the comparison is the all-roles table", async () => {
  const { page, problems, close } = await openWithoutScripts(`${COMPARE}?roles=dtc-group-psychotherapist,dtc-head-of-psychotherapy`);
  assert.equal(await page.locator("#compare-table thead th[data-role]:visible").count(), 5);
  assert.ok(!(await page.locator("#compare-picker").isVisible()));
  assert.ok(await page.locator("#compare-table tr", { hasText: "GCSE grade C" }).isVisible());
  assert.ok(await page.locator("#compare-table tr.compare-row", { hasText: "Hours" }).first().locator(".diff-flag").isVisible(), "hours differ across all five");
  await noViolations(page, "comparison without JavaScript");
  assert.deepEqual(problems.external, []);
  await close();
});

for (const scheme of ["light", "dark"]) {
  test(`recruiting pages have no WCAG 2.2 AA violations (${scheme})`, async () => {
    const context = await browser.newContext({ colorScheme: scheme });
    const { page, problems } = await watchedPage(context);
    for (const rel of [COMPARE, "recruiting/pathway.html", "recruiting/matrix.html", "roles/therapeutic-support-practitioner/checklist.html", "index.html", "roles/index.html"]) {
      await page.goto(fileUrl(site, rel));
      await noViolations(page, `${rel} (${scheme})`);
    }
    // The checklist in shortlisting mode with a flag and an open confirmation.
    await page.goto(fileUrl(site, GROUP));
    await addCandidate(page, "Gil");
    await page.locator("#score-4-0").check();
    await page.getByRole("button", { name: "Clear all candidates" }).click();
    await noViolations(page, `checklist with a confirmation (${scheme})`);
    await noProblems(problems);
    await context.close();
  });
}

test("at 320 px the recruiting pages do not scroll sideways", async () => {
  const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
  const { page, problems } = await watchedPage(context);
  await page.goto(fileUrl(site, GROUP));
  await addCandidate(page, "A very long candidate name that must wrap", "REF-0000001");
  await addCandidate(page, "Second");
  await page.locator("#score-4-0").check();
  for (const [rel, query] of [[GROUP, ""], [GROUP, "?mode=self"], [COMPARE, "?roles=dtc-group-psychotherapist,dtc-head-of-psychotherapy"], [COMPARE, ""], ["recruiting/pathway.html", ""], ["recruiting/matrix.html", ""]]) {
    await page.goto(fileUrl(site, rel) + query);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${rel}${query} overflows by ${overflow}px`);
    await screenshot(page, `320-${(rel + query).replace(/[/?=,]/g, "_")}`);
  }
  await noProblems(problems);
  await context.close();
});
