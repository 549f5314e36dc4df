// The shared suite in headless Chromium (Debian's, driven by playwright-core), through the
// package's `browser` entry; and the demo page, as a person would see it.
import { test, after } from "node:test";
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const consumer = fileURLToPath(new URL("..", import.meta.url));
const repo = join(consumer, "..", "..");
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
const { startServer } = await import(join(repo, "www", "serve.js"));
const demo = await startServer(0);

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
  demo.close();
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

test("chromium: the demo page shows a fresh PKCE pair, a verified client assertion and webhook checks", async () => {
  const demoPage = await browser.newPage();
  const errors = [];
  demoPage.on("pageerror", (e) => errors.push(String(e)));
  await demoPage.goto(`http://127.0.0.1:${demo.address().port}/`);
  await demoPage.waitForSelector("body[data-ready=true]", { timeout: 30_000 });
  const verifier = await demoPage.textContent("[data-testid=verifier]");
  const challenge = await demoPage.textContent("[data-testid=challenge]");
  const url = new URL(await demoPage.textContent("[data-testid=authorize-url]"));
  if (!/^[A-Za-z0-9\-._~]{64}$/.test(verifier)) throw new Error(`bad verifier ${verifier}`);
  const { createHash } = await import("node:crypto");
  const expected = createHash("sha256").update(verifier).digest("base64url");
  if (challenge !== expected) throw new Error(`challenge ${challenge} !== ${expected}`);
  if (url.searchParams.get("code_challenge") !== challenge) throw new Error("URL lacks the challenge");
  if (url.searchParams.get("code_challenge_method") !== "S256") throw new Error("URL lacks S256");
  // The checker refuses a bad verifier with its code, and the button makes a new pair.
  await demoPage.fill("#check-input", "too-short");
  const checked = await demoPage.textContent("[data-testid=check-output]");
  if (!checked.startsWith("ERR_PKCE_VERIFIER_LENGTH")) throw new Error(`checker said ${checked}`);
  await demoPage.click("#generate");
  if ((await demoPage.textContent("[data-testid=verifier]")) === verifier) throw new Error("no new pair");
  // The client assertion section: a JWKS with one public key and a verified assertion.
  const published = JSON.parse(await demoPage.textContent("[data-testid=jwks]"));
  if (published.keys.length !== 1 || "d" in published.keys[0]) throw new Error("bad JWKS on the page");
  const decoded = JSON.parse(await demoPage.textContent("[data-testid=assertion-decoded]"));
  if (decoded.claims.iss !== "demo-client-id" || decoded.claims.exp - decoded.claims.iat !== 300) {
    throw new Error(`bad assertion claims ${JSON.stringify(decoded.claims)}`);
  }
  if (decoded.header.kid !== published.keys[0].kid) throw new Error("assertion kid is not the JWK's");
  // The webhook section: signed and valid, then one changed byte fails with its code.
  const { createHmac } = await import("node:crypto");
  const body = await demoPage.inputValue("#webhook-body");
  const secret = await demoPage.inputValue("#webhook-secret");
  const signature = await demoPage.textContent("[data-testid=webhook-signature]");
  if (signature !== createHmac("sha256", secret).update(body).digest("hex")) throw new Error("signature differs from node:crypto");
  if (!(await demoPage.textContent("[data-testid=webhook-result]")).startsWith("valid")) throw new Error("not valid");
  await demoPage.fill("#webhook-body", body.replace(": ", ":"));
  const tampered = await demoPage.textContent("[data-testid=webhook-result]");
  if (!tampered.startsWith("ERR_WEBHOOK_SIGNATURE_MISMATCH")) throw new Error(`tampered body said ${tampered}`);
  if (process.env.DEMO_SCREENSHOT) await demoPage.screenshot({ path: process.env.DEMO_SCREENSHOT, fullPage: true });
  if (errors.length) throw new Error(errors.join("\n"));
});
