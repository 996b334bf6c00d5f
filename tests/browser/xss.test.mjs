// No script injection, checked where it matters: in a browser. The fixture tests/fixtures/xss
// puts script payloads (<script>, onerror=, javascript: URLs, "><svg onload=...>, template
// syntax) in titles, summaries, criteria, glossary entries, item names, tags, module
// prompts and bodies. Every page of the built site is opened in Chromium; no dialog may
// fire and no executable script may be in the DOM. Pages are opened twice: from disk with
// the theme's Content-Security-Policy, and over HTTP with that policy stripped, so escaping
// and sanitising are shown to hold on their own. A control site that allows raw HTML
// proves the dialog watch works and that the policy is what blocks an author's script.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readdirSync, appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { REPO, buildSite, serveStatic, fileUrl, launch, watchedPage, allowConsole } from "./helpers.mjs";

// The payload pages are hostile on purpose: their harmless leftovers (an <img src=x>
// that does not exist) fail to load, and the policy reports what it blocks.
const PAYLOAD_NOISE = /^Failed to load resource|Content Security Policy|^Refused to/;

const FIXTURE = join(REPO, "tests/fixtures/xss");
let browser, site, rawSite;

function htmlFiles(dir) {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(".html"))
    .map((f) => relative(dir, join(dir, f)))
    .sort();
}

before(async () => {
  site = buildSite(FIXTURE);
  const raw = join(mkdtempSync(join(tmpdir(), "handbook-xss-raw-")), "site");
  cpSync(FIXTURE, raw, { recursive: true });
  appendFileSync(join(raw, "handbook.yml"), "allow_raw_html: true\n");
  rawSite = buildSite(raw);
  browser = await launch();
});
after(async () => { await browser?.close(); });

/** Executable script in the DOM: inline <script>, on* attributes, script URLs, frames. */
function scriptInDom() {
  const found = [];
  for (const s of document.querySelectorAll("script")) {
    if (!s.src || s.textContent.trim() !== "") found.push(`script: ${s.outerHTML.slice(0, 120)}`);
    else if (new URL(s.src).origin !== location.origin && location.protocol !== "file:") found.push(`foreign script ${s.src}`);
  }
  for (const el of document.querySelectorAll("*")) {
    for (const a of el.attributes) {
      if (a.name.toLowerCase().startsWith("on")) found.push(`${el.tagName} ${a.name}=${a.value.slice(0, 60)}`);
      const url = ["href", "src", "action", "formaction", "xlink:href", "data"].includes(a.name.toLowerCase());
      if (url && /^\s*(javascript|vbscript|data):/i.test(a.value.replace(/[\u0000-\u0020]/g, ""))) {
        found.push(`${el.tagName} ${a.name}=${a.value.slice(0, 60)}`);
      }
    }
  }
  for (const el of document.querySelectorAll("iframe, object, embed, base")) {
    found.push(`element ${el.tagName}`);
  }
  return found;
}

/** Strips the Content-Security-Policy from every HTML response of the page. */
async function withoutCsp(page) {
  await page.route("**/*.html", async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, "");
    await route.fulfill({ response, body });
  });
}

test("every page of the payload site: no dialog and no script, with its policy, from disk", async () => {
  const pages = htmlFiles(site);
  assert.ok(pages.length > 20, `${pages.length} pages`);
  const context = await browser.newContext();
  allowConsole(context, PAYLOAD_NOISE);
  const { page, problems } = await watchedPage(context);
  for (const rel of pages) {
    await page.goto(fileUrl(site, rel));
    assert.deepEqual(await page.evaluate(scriptInDom), [], rel);
  }
  assert.deepEqual(problems.dialogs, []);
  assert.deepEqual(problems.external, []);
  await context.close();
});

test("every page of the payload site: no dialog and no script, even without the policy", async () => {
  const server = await serveStatic(site, "/");
  const context = await browser.newContext();
  allowConsole(context, PAYLOAD_NOISE);
  const { page, problems } = await watchedPage(context, new URL(server.url).origin);
  await withoutCsp(page);
  for (const rel of htmlFiles(site)) {
    await page.goto(server.url + rel);
    assert.equal(await page.locator('meta[http-equiv="Content-Security-Policy"]').count(), 0);
    assert.deepEqual(await page.evaluate(scriptInDom), [], rel);
  }
  assert.deepEqual(problems.dialogs, []);
  // Payloads are shown as text, where an author wrote them.
  await page.goto(server.url + "roles/payload-role.html");
  const text = await page.locator("main").innerText();
  for (const shown of ['<script>alert("role-title-script")</script>', '"><svg onload=alert("criterion-svg")>', "{{ 7*7 }}"]) {
    assert.ok(text.includes(shown), `${shown} not shown`);
  }
  await context.close();
  await server.close();
});

test("raw <script> in Markdown is stripped by default, and blocked by the policy when allowed", async () => {
  const context = await browser.newContext();
  allowConsole(context, PAYLOAD_NOISE);
  const { page, problems } = await watchedPage(context);
  await page.goto(fileUrl(site, "index.html"));
  assert.equal(await page.locator("main script").count(), 0);

  // Allowed: the script is in the page, and the policy stops it.
  const violations = [];
  page.on("console", (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });
  await page.goto(fileUrl(rawSite, "index.html"));
  assert.ok(await page.locator("main script").count() > 0, "allow_raw_html keeps the author's script");
  assert.deepEqual(problems.dialogs, []);
  assert.ok(violations.length > 0, "the policy reported blocking the inline script");
  await context.close();

  // Control: the same page without the policy runs it, so the dialog watch above works.
  const server = await serveStatic(rawSite, "/");
  const open = await browser.newContext();
  allowConsole(open, PAYLOAD_NOISE);
  allowConsole(open, /^SyntaxError/); // unprotected, the payloads run as the browser parses them
  const watched = await watchedPage(open, new URL(server.url).origin);
  await withoutCsp(watched.page);
  await watched.page.goto(server.url + "index.html");
  await watched.page.waitForTimeout(200);
  assert.ok(watched.problems.dialogs.includes("raw-script"), `dialogs: ${watched.problems.dialogs}`);
  await open.close();
  await server.close();
});
