// Search quality on the bundled handbook: queries as staff type them (typos, questions,
// abbreviations, grades, phrases), each with the page that answers it, run through the
// real search.js (in node, against the built index). Reports hits@3, the share of
// queries whose page is among the first three results; docs/SEARCH.md quotes it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { buildSite } from "./helpers.mjs";
import { loadSearch, topUrls } from "./search-node.mjs";
import { QUERIES } from "./search-queries.mjs";

test("hits@3 on the bundled handbook is at least 95%", async () => {
  const site = buildSite();
  const api = loadSearch(site);
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
  const api = loadSearch(buildSite());
  const { res } = await topUrls(api, "safegaurding", 3);
  assert.equal(res.suggestion, "safeguarding");
  assert.ok(res.results.length > 0);
  const exact = await topUrls(api, "safeguarding", 3);
  assert.equal(exact.res.suggestion, "");
  assert.equal(api.distance("safegaurd", "safeguard", 2), 1, "a swap is one edit");
  assert.equal(api.distance("abcd", "wxyz", 1), 2, "over the limit");
});
