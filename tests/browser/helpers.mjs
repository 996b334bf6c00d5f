// Shared helpers for the browser tests: build a site with the handbook binary, serve it
// on loopback (optionally under a sub-path), drive Debian's Chromium with playwright-core,
// and scan with axe-core. No browser is ever downloaded.
import { spawnSync } from "node:child_process";
import { createServer } from "node:http";
import { mkdtempSync, readFileSync, readdirSync, statSync, existsSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, extname, normalize, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";

export const REPO = resolve(fileURLToPath(import.meta.url), "../../..");
export const BIN = process.env.HANDBOOK_BIN || join(REPO, "target/debug/handbook");
export const ARTEFACTS = join(REPO, "target/browser-artefacts");

/** Builds the site at `root` into a fresh temporary folder and returns that folder. */
export function buildSite(root = REPO, extraArgs = []) {
  const out = join(mkdtempSync(join(tmpdir(), "handbook-site-")), "public");
  const r = spawnSync(BIN, ["build", "--color", "never", "--root", root, "--output", out, ...extraArgs], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`build failed (${r.status}):\n${r.stderr}`);
  return out;
}

const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
  ".json": "application/json", ".svg": "image/svg+xml", ".png": "image/png", ".txt": "text/plain; charset=utf-8",
};

/** Serves `dir` on 127.0.0.1 under `prefix` (e.g. "/handbook/"); resolves to { url, close }. */
export function serveStatic(dir, prefix = "/") {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (!path.startsWith(prefix)) { res.writeHead(404); res.end("not under prefix"); return; }
    let file = normalize(join(dir, path.slice(prefix.length)));
    if (!file.startsWith(normalize(dir + sep)) && file !== normalize(dir)) { res.writeHead(403); res.end(); return; }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file)) { res.writeHead(404); res.end("not found"); return; }
    res.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream" });
    res.end(readFileSync(file));
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => {
    const { port } = server.address();
    ok({ url: `http://127.0.0.1:${port}${prefix}`, close: () => new Promise((c) => server.close(c)) });
  }));
}

/** A file:// URL for a path inside a built site. */
export function fileUrl(dir, rel = "index.html") {
  return pathToFileURL(join(dir, rel)).href;
}

// Every page of every test is watched, not only those a test opens with watchedPage: a
// console error, an uncaught exception or a request that leaves the site anywhere in a
// test file fails that file: closing the browser (every file does, in its `after` hook)
// throws the list. Tests that provoke an error on
// purpose declare it with allowConsole.
const everywhere = [];
const allowances = new WeakMap();

/** Lets `context` log console errors matching `pattern`: for tests that provoke them. */
export function allowConsole(context, pattern) {
  allowances.set(context, [...(allowances.get(context) || []), pattern]);
}

/** True for the URLs a built site may load: its own files, and the loopback servers the
 * tests serve it from. */
export function isSiteUrl(url) {
  const u = new URL(url);
  if (["file:", "data:", "blob:", "about:"].includes(u.protocol)) return true;
  return ["http:", "https:", "ws:"].includes(u.protocol) && ["127.0.0.1", "[::1]", "localhost"].includes(u.hostname);
}

function watchContext(context) {
  const allowed = (text) => (allowances.get(context) || []).some((p) => p.test(text));
  context.on("console", (m) => {
    if (m.type() === "error" && !allowed(m.text())) everywhere.push(`console error on ${m.page()?.url()}: ${m.text()}`);
  });
  context.on("weberror", (e) => {
    const text = String(e.error());
    if (!allowed(text)) everywhere.push(`uncaught error on ${e.page()?.url()}: ${text}`);
  });
  context.on("request", (r) => {
    if (!isSiteUrl(r.url())) everywhere.push(`request outside the site: ${r.url()} (from ${r.frame().url()})`);
  });
  return context;
}

/** Launches Debian's Chromium headless with the flags this closed network needs. Every
 * context it makes is watched (see allowConsole). */
export async function launch() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--allow-file-access-from-files"],
  });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => watchContext(await newContext(options));
  browser.newPage = async (options) => (await browser.newContext(options)).newPage();
  const close = browser.close.bind(browser);
  browser.close = async () => {
    await close();
    if (everywhere.length) {
      throw new Error(`pages in this file logged errors or left the site:\n${[...new Set(everywhere)].join("\n")}`);
    }
  };
  return browser;
}

/**
 * Opens a page that records console errors, page errors, dialogs and any request that
 * leaves the site (anything but file:, data:, blob: or the given origin).
 */
export async function watchedPage(context, siteOrigin = null) {
  const page = await context.newPage();
  const problems = { console: [], external: [], dialogs: [] };
  page.on("console", (m) => { if (m.type() === "error") problems.console.push(m.text()); });
  page.on("pageerror", (e) => problems.console.push(String(e)));
  page.on("dialog", async (d) => { problems.dialogs.push(d.message()); await d.dismiss(); });
  page.on("request", (r) => {
    const u = new URL(r.url());
    const local = ["file:", "data:", "blob:", "about:"].includes(u.protocol) || (siteOrigin && u.origin === siteOrigin);
    if (!local) problems.external.push(r.url());
  });
  return { page, problems };
}

/** Runs axe with the WCAG 2.2 AA rule set; returns the violations. */
export async function axe(page) {
  const result = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  return result.violations;
}

/** Formats axe violations for an assertion message. */
export function describeViolations(violations) {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("\n  ")}`).join("\n");
}

/** Saves a screenshot under target/browser-artefacts. */
export async function screenshot(page, name) {
  mkdirSync(ARTEFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTEFACTS, `${name}.png`), fullPage: true });
}

/**
 * One page of every sort a built site holds, found in the output rather than listed by
 * hand: pages are grouped by their template (the body's `kind-*` class) and, for a
 * module's print views, by their file suffix. A new template is covered the day it is
 * added. Returns a Map from sort ("kind-role", "kind-module handout") to a path.
 */
export function onePageOfEverySort(site) {
  const groups = new Map();
  for (const rel of readdirSync(site, { recursive: true }).map(String).sort()) {
    if (!rel.endsWith(".html")) continue;
    const html = readFileSync(join(site, rel), "utf8");
    const kind = /<body[^>]*class="([^"]*)"/.exec(html)?.[1].split(/\s+/).find((c) => c.startsWith("kind-")) || "no-kind";
    const view = /\.(handout|reflective-log|pack)\.html$/.exec(rel)?.[1] || "";
    const key = view ? `${kind} ${view}` : kind;
    if (!groups.has(key)) groups.set(key, rel);
  }
  return groups;
}

/** A file:// URL for `rel` in `site`, keeping a `?query` or `#fragment`. */
export function siteUrl(site, rel) {
  const m = /^([^?#]*)(.*)$/.exec(rel);
  return fileUrl(site, m[1]) + m[2];
}

/**
 * What of the page does not fit the window: how far it scrolls sideways, and every
 * visible element that sticks out of the window (outside a box that scrolls) or is cut
 * off by a box that hides its overflow. Visually hidden text (1px, clipped on purpose)
 * and the off-screen skip link are left out.
 */
export async function unfit(page) {
  return page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const sideways = document.documentElement.scrollWidth - vw;
    const out = [];
    const scrolls = (el) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        if (/(auto|scroll)/.test(getComputedStyle(p).overflowX)) return true;
      }
      return false;
    };
    const name = (el) => `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : ""} "${(el.textContent || "").trim().slice(0, 40)}"`;
    for (const el of document.body.querySelectorAll("*")) {
      if (el.closest(".visually-hidden, .skip-link, script, style, [hidden]")) continue;
      const s = getComputedStyle(el);
      if (s.display === "none" || s.visibility === "hidden" || s.display === "contents") continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (/(hidden|clip)/.test(s.overflowX) && el.scrollWidth > el.clientWidth + 1) out.push(`${name(el)} cuts off ${el.scrollWidth - el.clientWidth}px`);
      else if (!scrolls(el) && (r.right > vw + 1 || r.left < -1)) out.push(`${name(el)} sticks out of the window (${Math.round(r.left)}..${Math.round(r.right)} of ${vw})`);
      if (out.length > 10) break;
    }
    return { sideways, out };
  });
}

/**
 * A PDF's pages as poppler's `pdftotext -bbox-layout` sees them: each page's size in
 * points and its words with their boxes.
 */
export function pdfLayout(path) {
  const r = spawnSync("pdftotext", ["-bbox-layout", path, "-"], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`pdftotext failed: ${r.stderr}`);
  const unescape = (t) => t.replace(/&apos;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
  return r.stdout.split("<page ").slice(1).map((p) => {
    const [, width, height] = /width="([\d.]+)" height="([\d.]+)"/.exec(p);
    const words = [...p.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)]
      .map(([, x0, y0, x1, y1, text]) => ({ x0: +x0, y0: +y0, x1: +x1, y1: +y1, text: unescape(text) }));
    return { width: +width, height: +height, words };
  });
}

const MM = 72 / 25.4;

/**
 * Splits each PDF page into its margin text (the running head and foot, in the top and
 * bottom margins of `margins` mm) and its body, and says how full the body is: how far
 * down the printable area its last line reaches, from 0 to 1.
 */
export function pdfPagesWithFill(path, margins = { top: 15, bottom: 18 }) {
  return pdfLayout(path).map((p) => {
    const top = margins.top * MM, bottom = p.height - margins.bottom * MM;
    const inBody = (w) => w.y0 >= top - 2 && w.y1 <= bottom + 2;
    const body = p.words.filter(inBody);
    const margin = p.words.filter((w) => !inBody(w));
    const last = Math.max(top, ...body.map((w) => w.y1));
    // Words whose middles are within 3pt share a line (a bold label and a smaller value
    // beside it do), read left to right.
    const lines = (ws) => {
      const rows = [];
      for (const w of [...ws].sort((a, b) => (a.y0 + a.y1) - (b.y0 + b.y1))) {
        const mid = (w.y0 + w.y1) / 2;
        const row = rows[rows.length - 1];
        if (row && Math.abs(row.mid - mid) <= 3) row.words.push(w);
        else rows.push({ mid, words: [w] });
      }
      return rows.map((r) => r.words.sort((a, b) => a.x0 - b.x0).map((w) => w.text).join(" "));
    };
    return { fill: (last - top) / (bottom - top), body: lines(body).join("\n"), margin: lines(margin).join("\n"), words: body };
  });
}

/** The font names a PDF uses, without subset prefixes (poppler's pdffonts). */
export function pdfFonts(path) {
  const r = spawnSync("pdffonts", [path], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`pdffonts failed: ${r.stderr}`);
  return r.stdout.split("\n").slice(2).filter(Boolean).map((l) => l.split(/\s+/)[0].replace(/^[A-Z]{6}\+/, ""));
}

/** Prints the open page to an A4 PDF in a fresh temporary folder; returns its path. */
export async function printPdf(page, name = "page") {
  const pdf = join(mkdtempSync(join(tmpdir(), "handbook-pdf-")), `${name}.pdf`);
  await page.pdf({ path: pdf, format: "A4", preferCSSPageSize: true });
  return pdf;
}
