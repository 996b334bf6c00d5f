// Search quality on the bundled handbook: queries as staff type them (typos, questions,
// abbreviations, grades, phrases), each with the page that answers it, run through the
// real search.js (in node, against the built index). Reports hits@3, the share of
// queries whose page is among the first three results; docs/SEARCH.md quotes it.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { buildSite } from "./helpers.mjs";
import { loadSearch, topUrls } from "./search-node.mjs";
import { QUERIES } from "./search-queries.mjs";

let api;
before(() => { api = loadSearch(buildSite()); });

test("hits@3 on the bundled handbook is at least 95%", async () => {
  const misses = [];
  for (const [q, want] of QUERIES) {
    const { urls } = await topUrls(api, q, 3);
    if (![].concat(want).some((w) => urls.includes(w))) misses.push(`${JSON.stringify(q)}: want ${want}, got ${urls.join(", ") || "nothing"}`);
  }
  const hits = QUERIES.length - misses.length;
  const rate = (100 * hits) / QUERIES.length;
  console.log(`hits@3: ${hits}/${QUERIES.length} = ${rate.toFixed(1)}%` + (misses.length ? "\nmisses:\n  " + misses.join("\n  ") : ""));
  assert.ok(QUERIES.length >= 40, "at least 40 queries");
  assert.ok(rate >= 95, `hits@3 ${rate.toFixed(1)}% is under 95%:\n${misses.join("\n")}`);
});

test("a misspelt word is corrected and suggested; a word the index has is not", async () => {
  const { res } = await topUrls(api, "safegaurding", 3);
  assert.equal(res.suggestion, "safeguarding");
  assert.ok(res.results.length > 0);
  const exact = await topUrls(api, "safeguarding", 3);
  assert.equal(exact.res.suggestion, "");
  assert.equal(api.distance("safegaurd", "safeguard", 2), 1, "a swap is one edit");
  assert.equal(api.distance("abcd", "wxyz", 1), 2, "over the limit");
});

test("did you mean offers words as the pages write them, closest to what was typed", async () => {
  // A swapped pair in a short word whose stem differs from the word ("safety": "safeti").
  assert.equal((await api.run("saftey")).suggestion, "safety");
  // Two stems are two edits away ("communiti", "combin"); the word as typed decides.
  assert.equal((await api.run("comunity meeting")).suggestion, "community meeting");
  assert.equal((await api.run("recrutiment")).suggestion, "recruitment");
  for (const q of ["saftey", "comunity meeting"]) {
    const { urls } = await topUrls(api, q, 3);
    assert.ok(urls.length === 3, `${q}: results`);
  }
});

test("the authors' guide (search: own) is searched separately, not in staff results", async () => {
  const res = await api.run("command line");
  const ds = await api.details(res.all.slice(0, 3), res.hits);
  assert.ok(ds.some((d) => d.url.startsWith("authoring/")), "the guide is under its own filter");
  assert.equal(res.results.length, 0, "and not among the staff results");
  const f = api.filter(res.all, [new Set(), new Set(), new Set(), new Set([0])]);
  assert.equal(f.shown.length, res.all.length, "choosing its filter shows its pages");
});

test("synonyms: a configured word and a glossary abbreviation find pages that use the other", async () => {
  const { urls } = await topUrls(api, "whistleblowing", 3);
  assert.ok(urls.length > 0, "whistleblowing finds the raising-concerns pages");
  const res = await api.run("assessment care in custody and teamwork");
  const ds = await api.details(res.results.slice(0, 5), res.hits);
  assert.ok(ds.some((d) => d.url.startsWith("guidance/risk-processes.html")), ds.map((d) => d.url).join(", "));
});
