// What the first query costs to download, measured on the real search.js. Each query is
// typed letter by letter (search.js runs it on every keystroke from the second letter:
// term shards, word lists for corrections), then the results page shows its first page
// of 20 results (their doc shards). Every distinct file counts once, as the browser's
// cache would have it. That is the first-query budget of docs/SEARCH.md.
//
// A second figure, `withPopup`, adds the header popup's 6 results at every keystroke
// (the worst case: a typist slow enough for each keystroke to be drawn).
//
// Prints one JSON line per query, with the bytes by kind of file (manifest, t: term
// shards, w: word lists, d: doc shards) and the "did you mean" suggestion, so a test can
// tell that a misspelt word went through the correction path.
//
//   node tests/browser/search-bytes.mjs SITE QUERY...
//
// Used by tests/search.rs (the first-query budget, with misspelt words).
import { loadSearch } from "./search-node.mjs";

const POPUP = 6;
const PAGE_SIZE = 20;

async function measure(site, query, popup) {
  const files = new Map();
  const api = loadSearch(site, (path, bytes) => files.set(path, bytes));
  let res = { results: [], hits: {}, suggestion: "" };
  for (let end = 2; end <= query.length; end++) {
    res = await api.run(query.slice(0, end));
    if (popup) await api.details(res.results.slice(0, POPUP), res.hits);
  }
  await api.details(res.results.slice(0, PAGE_SIZE), res.hits);
  const kinds = {};
  for (const [p, b] of files) {
    const k = (p.match(/\/([a-z]+)\d*\.js$/) || [, "other"])[1];
    kinds[k] = (kinds[k] || 0) + b;
  }
  const bytes = [...files.values()].reduce((a, b) => a + b, 0);
  const wordLists = [...files.keys()].filter((p) => /\/w\d+\.js$/.test(p)).length;
  return { bytes, kinds, files: files.size, wordLists, res };
}

const [site, ...queries] = process.argv.slice(2);
for (const query of queries) {
  const typed = await measure(site, query, false);
  const withPopup = await measure(site, query, true);
  console.log(JSON.stringify({
    query, bytes: typed.bytes, kinds: typed.kinds, files: typed.files, wordLists: typed.wordLists,
    results: typed.res.results.length, suggestion: typed.res.suggestion,
    withPopup: { bytes: withPopup.bytes, kinds: withPopup.kinds, files: withPopup.files },
  }));
}
