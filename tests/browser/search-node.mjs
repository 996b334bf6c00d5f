// Runs the theme's search.js in a node vm context against a built site's index: the real
// tokenizer, loader and ranker, with a minimal stand-in for the few DOM calls the loader
// makes (a <script> element whose file is read from disk and run in the same context).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import vm from "node:vm";

/**
 * Loads `site`'s search.js; resolves to its API (`run`, `details`, `suggest` ...).
 * `onLoad(path, bytes)`, if given, hears of every index file the script asks for, so a
 * test can count what a query costs to download.
 */
export function loadSearch(site, onLoad) {
  const context = { console, setTimeout, clearTimeout, URLSearchParams };
  const head = {
    appendChild(el) {
      const path = join(site, el.src.split("?")[0]);
      setImmediate(() => {
        let code;
        try { code = readFileSync(path, "utf8"); } catch { el.onerror && el.onerror(); return; }
        if (onLoad) onLoad(path, Buffer.byteLength(code, "utf8"));
        vm.runInContext(code, context, { filename: path });
      });
    },
  };
  context.document = {
    body: { getAttribute: () => "" },
    head,
    readyState: "complete",
    createElement: () => ({}),
    getElementById: () => null,
    addEventListener() {},
  };
  context.location = { protocol: "file:", search: "", pathname: "/search.html" };
  context.window = context;
  vm.createContext(context);
  vm.runInContext(readFileSync(join(site, "js/search.js"), "utf8"), context);
  return context.HandbookSearch;
}

/** The URLs (without `#fragment`) of the first `n` results of `query`. */
export async function topUrls(api, query, n = 3) {
  const res = await api.run(query);
  const ds = await api.details(res.results.slice(0, n), res.hits);
  return { urls: ds.map((d) => d.url.split("#")[0]), res };
}
