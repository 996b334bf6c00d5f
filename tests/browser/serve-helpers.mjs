// Starting `handbook serve` for browser tests and the latency script: a free port on
// loopback, the URL read from the line it prints, stopped with close().
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BIN, REPO } from "./helpers.mjs";

/** Copies a fixture site (tests/fixtures/NAME) into a fresh temporary folder. */
export function copyFixture(name) {
  const dir = mkdtempSync(join(tmpdir(), "handbook-serve-"));
  cpSync(join(REPO, "tests/fixtures", name), dir, { recursive: true, filter: (src) => !src.includes(`${name}/public`) });
  return dir;
}

/** Removes a temporary site. */
export function removeSite(dir) {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Runs `handbook serve --root root --port 0 ...args`; resolves to { url, origin, log, close }
 * once it prints the URL it serves. `log` collects what it writes to stderr.
 */
export function startServe(root, args = [], bin = BIN) {
  const child = spawn(bin, ["serve", "--color", "never", "--root", root, "--port", "0", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  const log = [];
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (d) => log.push(d));
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (m) {
        const url = m[0];
        resolve({
          url,
          origin: new URL(url).origin,
          log,
          close: () => new Promise((done) => { child.once("exit", done); child.kill(); }),
        });
      }
    });
    child.once("exit", (code) => reject(new Error(`handbook serve exited (${code}):\n${log.join("")}`)));
    child.once("error", reject);
  });
}

/** Resolves once `page` has its live-reload event stream open. */
export function eventStreamOpen(page) {
  return page.waitForResponse((r) => r.url().endsWith("/__handbook/events") && r.status() === 200);
}
