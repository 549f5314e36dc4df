// The shared suite in headless Chromium (Debian's, driven by playwright-core), through the
// package's `browser` entry. The demo page has its own test (demo.test.js).
import { test, after } from "node:test";
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const consumer = fileURLToPath(new URL("..", import.meta.url));
const types = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm" };

// Serves the consumer folder (installed package + tests) on 127.0.0.1.
const server = createServer(async (req, res) => {
  const file = normalize(join(consumer, decodeURIComponent(new URL(req.url, "http://x").pathname)));
  try {
    if (!file.startsWith(consumer)) throw new Error("outside");
    const body = await readFile(file);
    res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" }).end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ], // launch() gives every run a fresh, temporary profile
});
after(async () => {
  await browser.close();
  server.close();
});

const page = await browser.newPage();
const pageErrors = [];
page.on("pageerror", (e) => pageErrors.push(String(e)));
await page.goto(`http://127.0.0.1:${server.address().port}/tests/browser.html`);
await page.waitForFunction(() => window.__results !== undefined, null, { timeout: 60_000 });
const results = await page.evaluate(() => window.__results);
const liteResults = await page.evaluate(() => window.__liteResults);

test("chromium: the suite ran without page errors", () => {
  if (pageErrors.length) throw new Error(pageErrors.join("\n"));
  if (results.length < 5) throw new Error(`too few results: ${JSON.stringify(results)}`);
});
for (const { name, ok, error } of results) {
  test(`chromium: ${name}`, () => {
    if (!ok) throw new Error(error);
  });
}

// healthauth/lite on the same page (browser.html): its asymmetric tests skipped by name.
test("chromium-lite: the suite ran", () => {
  if (!Array.isArray(liteResults) || liteResults.length < 5) throw new Error(`too few results: ${JSON.stringify(liteResults)}`);
});
for (const { name, ok, error, skip } of liteResults ?? []) {
  test(`chromium-lite: ${name}`, skip ? { skip } : {}, () => {
    if (!ok) throw new Error(error);
  });
}

