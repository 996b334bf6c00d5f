// Search in a real browser, on the built bundled handbook, from disk (file://) and over
// HTTP under a sub-path: results as you type, stemming, abbreviations, title-first
// ranking, filters with counts, the keyboard flow, accessibility, and that the index
// loads only when the search box is used and never from outside the site.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import vm from "node:vm";
import { REPO, buildSite, serveStatic, fileUrl, launch, watchedPage, axe, describeViolations, screenshot } from "./helpers.mjs";

let site, browser, server;
before(async () => {
  site = buildSite();
  browser = await launch();
  server = await serveStatic(site, "/handbook/sub/");
});
after(async () => { await browser?.close(); await server?.close(); });

const MODES = [
  { name: "file://", url: (rel) => { const [p, q] = rel.split("?"); return fileUrl(site, p) + (q ? "?" + q : ""); }, origin: () => null },
  { name: "HTTP under /handbook/sub/", url: (rel) => server.url + rel, origin: () => new URL(server.url).origin },
];

/** The site-relative path of a result link (query and hash dropped), or its hash too. */
function sitePath(href, withHash = false) {
  const u = new URL(href);
  let p = u.pathname;
  const root = u.protocol === "file:" ? new URL(fileUrl(site, "index.html")).pathname.slice(0, -"index.html".length) : "/handbook/sub/";
  p = decodeURIComponent(p).slice(decodeURIComponent(root).length);
  return withHash ? p + u.hash : p;
}

/** The URL a page was opened at, for resolving relative links. */
function fileOrServer(mode, rel) { return mode.url(rel); }

/** Types into the header box and returns the suggestions as [{ path, title, text }]. */
async function suggest(page, query) {
  await page.fill("#site-search-input", query);
  await page.waitForSelector(`#site-search-listbox[data-query="${query.replaceAll('"', '\\"')}"]`, { state: "attached" });
  return page.$$eval("#site-search-listbox [role=option]", (els) => els.map((e) => ({ id: e.id, text: e.innerText })));
}

/** Runs a query on the results page and returns every result's path, in order. */
async function resultsFor(page, mode, query) {
  await page.goto(mode.url("search.html?q=" + encodeURIComponent(query)));
  await page.waitForSelector("#search-app[data-renders]");
  while (await page.isVisible("#search-more")) {
    const before = await page.$$eval("#search-results a", (a) => a.length);
    await page.click("#search-more");
    await page.waitForFunction((n) => document.querySelectorAll("#search-results a").length > n, before);
  }
  return page.$$eval("#search-results a", (as) => as.map((a) => a.href));
}

// Queries a member of staff would type, each with the page that must be in the top three:
// every role, framework items, ethos, guidance pages, modules and glossary terms.
const TOP_THREE = [
  ["group psychotherapist", "roles/dtc-group-psychotherapist.html"],
  ["head of psychotherapy", "roles/dtc-head-of-psychotherapy.html"],
  ["lead core creative psychotherapist", "roles/dtc-lead-core-creative-psychotherapist.html"],
  ["compass psychotherapist", "roles/compass-psychotherapist.html"],
  ["therapeutic support practitioner", "roles/therapeutic-support-practitioner.html"],
  ["making effective decisions", "frameworks/noms-cqf/making-effective-decisions.html"],
  ["seeing the big picture", "frameworks/noms-cqf/seeing-the-big-picture.html"],
  ["delivering at pace", "frameworks/noms-cqf/delivering-at-pace.html"],
  ["managing a quality service", "frameworks/noms-cqf/managing-a-quality-service.html"],
  ["success profiles", "frameworks/success-profiles.html"],
  ["REACH", "ethos/reach.html"],
  ["rapoport principles", "ethos/rapoport-principles.html"],
  ["enabling environments", "ethos/enabling-environments.html"],
  ["co-op values", "ethos/co-op-values.html"],
  ["clinical supervision", "guidance/clinical-supervision.html"],
  ["risk processes", "guidance/risk-processes.html"],
  ["professional registration", "guidance/professional-registration.html"],
  ["reflective process groups", "guidance/reflective-process-groups.html"],
  ["democratic therapeutic community model", "guidance/dtc-model.html"],
  ["accreditation and audit", "guidance/accreditation-and-audit.html"],
  ["practice and process meetings", "guidance/practice-and-process-meetings.html"],
  ["seven-eyed model", "guidance/clinical-supervision.html"],
  ["HMP Grendon", "guidance/dtc-model.html"],
  ["writing clinical reports", "training/dtc-practice/writing-clinical-reports.html"],
  ["trauma and attachment", "training/reflective-practice/trauma-and-attachment.html"],
  ["co-facilitating dtc groups", "training/dtc-practice/co-facilitating-dtc-groups.html"],
  ["dtc foundations", "training/dtc-practice/dtc-foundations.html"],
  ["transference", "training/reflective-practice/transference-projection-group-dynamics.html"],
  ["reflective practice models", "training/reflective-practice/reflective-practice-models.html"],
  ["safeguarding and risk", "training/dtc-practice/safeguarding-and-risk.html"],
  ["UKCP", "glossary.html#ukcp"],
  ["ACCT", "glossary.html#acct"],
  ["MAPPA", "glossary.html#mappa"],
  ["HCPC", "glossary.html#hcpc"],
  ["OMU", "glossary.html#omu"],
];

/** Pages whose source mentions `word`, as output paths (content/x/_index.md -> x/index.html). */
function pagesMentioning(word) {
  const root = join(REPO, "content");
  const out = new Set();
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith(".md") && readFileSync(p, "utf8").includes(word)) {
        const parts = relative(root, p).replaceAll("\\", "/").replace(/\.md$/, "").split("/");
        const section = parts.at(-1) === "_index";
        if (section) parts.pop();
        const key = parts.join("/");
        out.add(key === "" ? "index.html" : section ? key + "/index.html" : key + ".html");
      }
    }
  };
  walk(root);
  return out;
}

test("the JavaScript stemmer and tokenizer agree with Rust on the shared lists", () => {
  const ctx = { window: {} };
  vm.runInNewContext(readFileSync(join(REPO, "themes/default/static/js/search.js"), "utf8"), ctx);
  const S = ctx.window.HandbookSearch;
  const manifest = readFileSync(join(site, "search/manifest.js"), "utf8");
  S.setStopWords(JSON.parse(manifest.slice(manifest.indexOf(",") + 1, manifest.lastIndexOf(");"))).stop);
  const stems = readFileSync(join(REPO, "tests/fixtures/search/stems.tsv"), "utf8").trim().split("\n");
  assert.ok(stems.length > 2000);
  const wrong = stems.map((l) => l.split("\t")).filter(([w, s]) => S.stem(w) !== s).map(([w, s]) => `${w}: ${s} != ${S.stem(w)}`);
  assert.deepEqual(wrong, []);
  for (const line of readFileSync(join(REPO, "tests/fixtures/search/terms.tsv"), "utf8").trim().split("\n")) {
    const [sentence, terms] = line.split("\t");
    assert.equal(S.termsOf(sentence).join(" "), terms, sentence);
  }
});

for (const mode of MODES) {
  test(`${mode.name}: nothing of the index loads until the search box is used`, async () => {
    const context = await browser.newContext();
    const { page, problems } = await watchedPage(context, mode.origin());
    const requested = [];
    page.on("request", (r) => requested.push(r.url()));
    await page.goto(mode.url("guidance/dtc-model.html"));
    await page.waitForLoadState("load");
    assert.ok(requested.some((u) => u.includes("/js/search.js")), "search.js is on the page");
    assert.deepEqual(requested.filter((u) => u.includes("/search/")), [], "no index file before use");
    await page.focus("#site-search-input");
    await page.waitForFunction(() => [...document.scripts].some((s) => s.src.includes("search/manifest.js")));
    await suggest(page, "supervising");
    assert.ok(requested.some((u) => /\/search\/t\d+\.js/.test(u)), "term shards load on typing");
    assert.deepEqual(problems.console, []);
    assert.deepEqual(problems.external, []);
    await context.close();
  });

  test(`${mode.name}: results as you type, stemmed, with the title match first`, async () => {
    const context = await browser.newContext();
    const { page, problems } = await watchedPage(context, mode.origin());
    await page.goto(mode.url("roles/index.html"));
    // Stemming: "supervising" finds both clinical supervision pages, titles first.
    let options = await suggest(page, "supervising");
    assert.ok(options.length >= 3);
    assert.match(options[0].text, /^Clinical supervision/);
    assert.equal(await page.getAttribute("#site-search-input", "aria-expanded"), "true");
    // The snippet marks the matched words.
    const marks = await page.$$eval("#site-search-listbox mark", (m) => m.map((x) => x.textContent.toLowerCase()));
    assert.ok(marks.some((m) => m.startsWith("supervis")), `marks: ${marks}`);
    // Prefix while typing: a word cut short still finds its pages.
    options = await suggest(page, "supervisi");
    assert.match(options[0].text, /^Clinical supervision/);
    options = await suggest(page, "refle");
    assert.ok(options.slice(0, 3).some((o) => /^Reflective/.test(o.text)), options.map((o) => o.text).join("\n"));
    // A page whose title matches ranks first, ahead of pages that only mention the words.
    options = await suggest(page, "risk processes");
    assert.match(options[0].text, /^Risk processes in prison DTCs/);
    // Text is shown as text: markup typed into the box is never interpreted.
    await suggest(page, "<img src=x onerror=alert(1)>");
    assert.equal(await page.$$eval("#site-search-popup img", (i) => i.length), 0);
    assert.deepEqual(problems.dialogs, []);
    assert.deepEqual(problems.console, []);
    assert.deepEqual(problems.external, []);
    await context.close();
  });

  test(`${mode.name}: at least 30 queries find their page in the first three results`, async () => {
    const context = await browser.newContext();
    const { page, problems } = await watchedPage(context, mode.origin());
    await page.goto(mode.url("index.html"));
    const misses = [];
    for (const [query, expected] of TOP_THREE) {
      await suggest(page, query);
      const top = await page.$$eval("#site-search-listbox [role=option]", (els) => els.slice(0, 3).map((e) => e.dataset.url));
      const paths = top.map((u) => sitePath(new URL(u, page.url()).href, expected.includes("#")));
      if (!paths.includes(expected)) misses.push(`${query}: expected ${expected}, got ${paths.join(", ")}`);
    }
    assert.ok(TOP_THREE.length >= 30);
    assert.deepEqual(misses, []);
    assert.deepEqual(problems.console, []);
    assert.deepEqual(problems.external, []);
    await context.close();
  });

  test(`${mode.name}: MAPPA lists every page that mentions it`, async () => {
    const context = await browser.newContext();
    const { page, problems } = await watchedPage(context, mode.origin());
    const expected = pagesMentioning("MAPPA");
    assert.ok(expected.size >= 5, [...expected].join(", "));
    const found = new Set((await resultsFor(page, mode, "MAPPA")).map((u) => sitePath(u)));
    const missing = [...expected].filter((p) => !found.has(p));
    assert.deepEqual(missing, []);
    assert.match(await page.textContent("#search-status"), /\d+ results? for “MAPPA”/);
    assert.deepEqual(problems.console, []);
    assert.deepEqual(problems.external, []);
    await context.close();
  });

  test(`${mode.name}: the keyboard picks a result and opens its page at the heading`, async () => {
    const context = await browser.newContext();
    const { page, problems } = await watchedPage(context, mode.origin());
    await page.goto(mode.url("ethos/reach.html"));
    await page.focus("#site-search-input");
    await page.keyboard.type("seven-eyed model");
    await page.waitForSelector('#site-search-listbox[data-query="seven-eyed model"]', { state: "attached" });
    // Down, down, up: the first option is active, announced through aria-activedescendant.
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowUp");
    const active = await page.getAttribute("#site-search-input", "aria-activedescendant");
    assert.equal(active, "site-search-option-0");
    assert.equal(await page.getAttribute(`#${active}`, "aria-selected"), "true");
    // Escape closes the list and keeps the words; Down opens it again.
    await page.keyboard.press("Escape");
    assert.equal(await page.isVisible("#site-search-popup"), false);
    assert.equal(await page.getAttribute("#site-search-input", "aria-expanded"), "false");
    assert.equal(await page.inputValue("#site-search-input"), "seven-eyed model");
    await page.keyboard.press("ArrowDown");
    assert.equal(await page.isVisible("#site-search-popup"), true);
    const chosen = await page.getAttribute("#site-search-option-0", "data-url");
    await Promise.all([page.waitForURL(/clinical-supervision\.html#the-seven-eyed-model$/), page.keyboard.press("Enter")]);
    assert.match(sitePath(page.url(), true), /^(guidance|training\/reflective-practice)\/clinical-supervision\.html#the-seven-eyed-model$/);
    assert.equal(page.url(), new URL(chosen, fileOrServer(mode, "ethos/reach.html")).href, "the page of the chosen option");
    assert.match(await page.locator("#the-seven-eyed-model").innerText(), /seven-eyed model/i);
    // Enter with no option chosen submits the form to the results page.
    await page.fill("#site-search-input", "registration");
    await Promise.all([page.waitForURL(/search\.html\?q=registration/), page.press("#site-search-input", "Enter")]);
    await page.waitForSelector("#search-app[data-renders]");
    // On the results page, Down moves from the box into the results, Enter follows one.
    await page.focus("#search-page-input");
    await page.keyboard.press("ArrowDown");
    const first = await page.evaluate(() => document.activeElement.href);
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowUp");
    assert.equal(await page.evaluate(() => document.activeElement.href), first);
    await page.keyboard.press("Escape");
    assert.equal(await page.evaluate(() => document.activeElement.id), "search-page-input");
    await page.keyboard.press("ArrowDown");
    await Promise.all([page.waitForURL(first), page.keyboard.press("Enter")]);
    assert.deepEqual(problems.console, []);
    assert.deepEqual(problems.external, []);
    await context.close();
  });

  test(`${mode.name}: filters by kind, organisation and grade change the counts`, async () => {
    const context = await browser.newContext();
    const { page, problems } = await watchedPage(context, mode.origin());
    const all = await resultsFor(page, mode, "psychotherapist");
    const counts = () => page.$$eval(".search-facet-value:not([hidden])", (ls) => Object.fromEntries(ls.map((l) => [l.querySelector("span").textContent, Number(l.querySelector(".search-count").textContent.slice(1, -1))])));
    const status = () => page.textContent("#search-status");
    const before = await counts();
    assert.ok(before.Roles >= 4 && before.Modules >= 1, JSON.stringify(before));
    assert.ok(before["Band 7"] >= 1, JSON.stringify(before));
    const renders = async (action) => {
      const n = Number(await page.getAttribute("#search-app", "data-renders"));
      await action();
      await page.waitForFunction((n) => Number(document.querySelector("#search-app").dataset.renders) > n, n);
    };
    // Only roles: the list shrinks to the role count, the other kinds' counts stay (so
    // a reader can widen the search), organisation and grade counts follow the roles.
    await renders(() => page.getByRole("checkbox", { name: /^Roles/ }).check());
    const roles = await page.$$eval("#search-results a", (as) => as.map((a) => a.href));
    assert.equal(roles.length, before.Roles);
    assert.ok(roles.every((u) => u.includes("/roles/")), roles.join("\n"));
    assert.match(await status(), new RegExp(`^${before.Roles} results`));
    // And a grade: one role left.
    await renders(() => page.getByRole("checkbox", { name: /^Band 7/ }).check());
    const band7 = await page.$$eval("#search-results a", (as) => as.map((a) => a.href));
    assert.deepEqual(band7.map((u) => sitePath(u)), ["roles/dtc-group-psychotherapist.html"]);
    const after = await counts();
    assert.equal(after.Roles, 1, JSON.stringify(after));
    assert.notDeepEqual(after, before);
    await renders(() => page.getByRole("checkbox", { name: /^Band 7/ }).uncheck());
    await renders(() => page.getByRole("checkbox", { name: /^Roles/ }).uncheck());
    assert.equal((await page.$$eval("#search-results a", (as) => as.length)), Math.min(all.length, 20));
    assert.deepEqual(problems.console, []);
    assert.deepEqual(problems.external, []);
    await context.close();
  });
}

for (const scheme of ["light", "dark"]) {
  test(`the results page and open suggestions have no WCAG 2.2 AA violations (${scheme})`, async () => {
    const context = await browser.newContext({ colorScheme: scheme });
    const { page, problems } = await watchedPage(context);
    await page.goto(fileUrl(site, "search.html") + "?q=supervision");
    await page.waitForSelector("#search-app[data-renders]");
    let v = await axe(page);
    assert.equal(v.length, 0, `results page:\n${describeViolations(v)}`);
    await screenshot(page, `search-results-${scheme}`);
    await page.goto(fileUrl(site, "guidance/dtc-model.html"));
    await page.focus("#site-search-input");
    await suggest(page, "MAPPA");
    await page.keyboard.press("ArrowDown");
    assert.equal(await page.isVisible("#site-search-popup"), true);
    v = await axe(page);
    assert.equal(v.length, 0, `open suggestions:\n${describeViolations(v)}`);
    await screenshot(page, `search-suggestions-${scheme}`);
    assert.deepEqual(problems.console, []);
    await context.close();
  });
}

test("without JavaScript the results page says so and lists every page", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(fileUrl(site, "index.html"));
  await page.fill("#site-search-input", "supervision");
  await Promise.all([page.waitForURL(/search\.html\?q=supervision/), page.press("#site-search-input", "Enter")]);
  assert.match(await page.textContent("#search-nojs"), /needs JavaScript/);
  assert.equal(await page.isVisible("#search-nojs"), true);
  const links = await page.$$eval("#search-all a", (as) => as.map((a) => a.getAttribute("href")));
  for (const p of ["roles/dtc-group-psychotherapist.html", "guidance/clinical-supervision.html", "glossary.html"]) assert.ok(links.includes(p), p);
  await context.close();
});
