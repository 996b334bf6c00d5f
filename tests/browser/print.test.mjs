// Printing: a role and a module printed to PDF by Chromium carry no navigation chrome,
// keep table rows whole and show the page's title and address on every page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildSite, fileUrl, launch, watchedPage } from "./helpers.mjs";

let site, browser;
before(async () => { site = buildSite(); browser = await launch(); });
after(async () => { await browser?.close(); });

/** Text of each page of a PDF (poppler's pdftotext; form feeds separate pages). */
function pdfPages(path) {
  const r = spawnSync("pdftotext", ["-layout", path, "-"], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.split("\f").filter((p) => p.trim() !== "");
}

const PRINTED = [
  ["roles/therapeutic-support-practitioner.html", "Therapeutic Support Practitioner"],
  ["roles/compass-psychotherapist.html", "Psychotherapist"],
  ["training/reflective-practice/clinical-supervision.html", "Clinical supervision"],
];

for (const [rel, title] of PRINTED) {
  test(`printing ${rel}: no chrome, whole rows, title and address on every page`, async () => {
    const context = await browser.newContext();
    const { page, problems } = await watchedPage(context);
    await page.goto(fileUrl(site, rel));
    const pdf = join(mkdtempSync(join(tmpdir(), "handbook-pdf-")), "page.pdf");
    await page.pdf({ path: pdf, format: "A4", preferCSSPageSize: true });
    const pages = pdfPages(pdf);
    assert.ok(pages.length >= 1);
    pages.forEach((text, i) => {
      assert.ok(text.toLowerCase().includes(title.toLowerCase()), `page ${i + 1} lacks the title`);
      assert.ok(text.includes(rel), `page ${i + 1} lacks the address ${rel}`);
      assert.ok(!text.includes("Skip to main content"), `page ${i + 1} shows the skip link`);
      assert.ok(!/Competency frameworks\s+Ethos and values\s+Guidance/.test(text), `page ${i + 1} shows the site navigation`);
    });
    await page.emulateMedia({ media: "print" });
    const styles = await page.evaluate(() => {
      const hidden = (sel) => [...document.querySelectorAll(sel)].every((e) => getComputedStyle(e).display === "none");
      const rows = [...document.querySelectorAll("main tr")];
      return {
        chrome: hidden(".site-header") && hidden(".breadcrumbs") && hidden(".prev-next") && hidden(".toc"),
        rows: rows.length,
        whole: rows.every((r) => getComputedStyle(r).breakInside === "avoid"),
        heads: [...document.querySelectorAll("main thead")].every((h) => getComputedStyle(h).display === "table-header-group"),
      };
    });
    assert.ok(styles.chrome, "navigation chrome hidden in print");
    assert.ok(styles.whole, "table rows are never split across pages");
    assert.ok(styles.heads, "table headers repeat on each page");
    assert.deepEqual(problems.console, []);
    await context.close();
  });
}
