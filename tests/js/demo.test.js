// The demo (`make demo`) as a person uses it, in headless Chromium (Debian's, driven by
// playwright-core): the whole login flow against the embedded authorization server, the
// backend-services token and the DPoP-bound call, then every panel. Fails on any console error
// or failed request; checks the contrast of status text in light and dark, the phone layout,
// keyboard reach, the README links; saves screenshots of each step at 1280 and 390 px under
// target/screenshots/ (demo-*.png).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createHash, createHmac, generateKeyPairSync } from "node:crypto";
import { mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import * as jose from "jose";

const consumer = fileURLToPath(new URL("..", import.meta.url));
const repo = join(consumer, "..", "..");
const shots = join(repo, "target", "screenshots");
mkdirSync(shots, { recursive: true });
const { startServer } = await import(join(repo, "www", "serve.js"));

let demo;
let browser;
let page;
const problems = []; // console errors, page errors, failed requests, HTTP errors

before(async () => {
  demo = await startServer(0);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ], // launch() gives every run a fresh, temporary profile
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: demo.url });
  page = await context.newPage();
  page.on("console", (message) => message.type() === "error" && problems.push(`console: ${message.text()}`));
  page.on("pageerror", (error) => problems.push(`page error: ${error}`));
  page.on("requestfailed", (request) => problems.push(`failed: ${request.url()} ${request.failure()?.errorText}`));
  page.on("response", (response) => response.status() >= 400 && problems.push(`HTTP ${response.status()}: ${response.url()}`));
  await page.goto(`${demo.url}/`);
  await page.waitForSelector("body[data-ready=true]", { timeout: 30_000 });
});

after(async () => {
  await browser?.close();
  await demo?.close();
});

/** Fails the current test on any problem seen so far (and forgets them). */
function noProblems() {
  const seen = problems.splice(0);
  assert.deepEqual(seen, [], "console errors or failed requests");
}

/** Screenshots of `selector` (or the page) at 1280 px and 390 px; no horizontal scroll at 390. */
async function shoot(name, selector) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    const target = selector ? page.locator(selector) : page;
    await target.screenshot({ path: join(shots, `demo-${name}-${width}.png`), ...(selector ? {} : { fullPage: false }) });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${name}: horizontal scroll of ${overflow} px at ${width} px`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

const text = (selector) => page.textContent(selector);
const stepData = async (step) => JSON.parse(await text(`#flow-steps li[data-step="${step}"] pre`));
/** The pass/fail marks of a check list, by their text. */
const checks = (selector) =>
  page.$$eval(`${selector} li`, (items) => items.map((item) => ({ pass: item.dataset.pass === "true", text: item.textContent })));

test("demo: the page loads with the install line, a favicon and no errors", async () => {
  assert.equal((await text("#install-line")).trim(), "npm install healthauth");
  assert.match(await text("[data-testid=status]"), /^Ready/);
  assert.equal(await page.isHidden("#wasm-banner"), true);
  assert.equal(await text("#issuer"), demo.issuer);
  const favicon = await fetch(`${demo.url}/favicon.ico`);
  assert.equal(favicon.status, 200);
  assert.equal(favicon.headers.get("content-type"), "image/svg+xml");
  await shoot("01-top");
  noProblems();
});

test("demo: Connect → log in at the local provider → callback, token with launch context, verified ID token", async () => {
  await page.click("#connect");
  await page.waitForURL((url) => url.href.startsWith(demo.issuer), { timeout: 15_000 });
  await page.waitForSelector("input[name=login]");
  await shoot("02-login");
  await page.fill("input[name=login]", "alice");
  await page.fill("input[name=password]", "any-password");
  await page.click("button[type=submit]");
  // oidc-provider's development consent page, then the callback.
  await page.waitForSelector("button[type=submit]");
  await shoot("03-consent");
  await page.click("button[type=submit]");
  await page.waitForURL(`${demo.url}/?flow=done#flow`, { timeout: 15_000 });
  await page.waitForSelector('#flow-steps li[data-step="id-token"]', { timeout: 15_000 });
  assert.match(await text("#flow-status"), /^Logged in/);

  const authorize = await stepData("authorize");
  const params = new URL(authorize.url).searchParams;
  assert.equal(params.get("code_challenge_method"), "S256");
  assert.equal(params.get("client_id"), "demo-app");
  assert.equal(params.get("redirect_uri"), `${demo.url}/callback`);
  assert.equal(authorize.kept_server_side.code_verifier, "[redacted]");
  assert.equal((await stepData("discovery")).kind, "smart");
  assert.equal((await stepData("callback")).iss, demo.issuer);
  const request = await stepData("token-request");
  assert.equal(request.body.grant_type, "authorization_code");
  assert.equal(request.body.code_verifier, "[redacted]");
  assert.equal(request.body.client_assertion.signature, "[redacted]");
  assert.equal(request.body.client_assertion.claims.aud, `${demo.issuer}/token`);
  const response = await stepData("token-response");
  assert.equal(response.launchContext.patient, "demo-patient-123");
  assert.equal(response.launchContext.needPatientBanner, true);
  assert.deepEqual(response.scopes.map((scope) => scope.raw).sort(), ["patient/Observation.rs", "patient/Patient.rs"]);
  assert.match(response.token.accessToken, /\[redacted, \d+ chars\]$/);
  const idToken = await stepData("id-token");
  assert.equal(idToken.claims.iss, demo.issuer);
  assert.equal(idToken.claims.aud, "demo-app");
  assert.equal(idToken.subject, "alice");
  assert.equal(idToken.fhirUser, `${demo.url}/fhir/Practitioner/alice`);
  await shoot("04-login-flow", "#flow");
  noProblems();
});

test("demo: a backend-services token (signed assertion, DPoP nonce) and a DPoP-bound FHIR call", async () => {
  await page.click("#backend");
  await page.waitForSelector('#flow-steps li[data-step="dpop-call"]', { timeout: 20_000 });
  assert.match(await text("#flow-status"), /^Backend token issued/);
  const preset = await stepData("backend-discovery");
  assert.equal(preset.clientAuthMethod, "private_key_jwt");
  const token = await stepData("backend-token");
  assert.equal(token.requests.length, 2, "the first request is answered use_dpop_nonce");
  assert.equal(token.requests[1].headers.dpop.claims.nonce !== undefined, true);
  assert.equal(token.requests[0].body.client_assertion.header.alg, "ES384");
  assert.equal(token.token.tokenType, "DPoP");
  // The login steps stay above the backend ones: the whole story on one screen.
  assert.deepEqual(
    await page.$$eval("#flow-steps li", (items) => items.map((item) => item.dataset.step)),
    ["discovery", "authorize", "callback", "token-request", "token-response", "id-token", "backend-discovery", "backend-token", "dpop-call"],
  );
  const call = await stepData("dpop-call");
  assert.equal(call.status, 200);
  assert.equal(call.body.checked.dpopProof, "valid");
  assert.equal(call.body.checked.jkt, await jose.calculateJwkThumbprint(call.request.headers.dpop.header.jwk), "bound to the proof's key");
  assert.match(call.request.headers.authorization, /^DPoP .*\[redacted/);
  // The FHIR endpoint refuses a bearer call without its proof.
  const bare = await fetch(`${demo.url}/fhir/Patient/demo-patient-123`, { headers: { authorization: "Bearer x" } });
  assert.equal(bare.status, 401);
  await shoot("05-backend-dpop", "#flow");
  noProblems();
});

test("demo: JWT debugger — decoded claims with readable times, each check with its code, PEM keys", async () => {
  // The sample: an ES256 token and its JWKS, every check passing.
  await page.click("#jwt-sample");
  let results = await checks("#jwt-checks");
  assert.ok(results.length >= 4 && results.every((r) => r.pass), JSON.stringify(results));
  assert.match(await text("#jwt-claims"), /exp\d+ {2}\(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\)/);
  assert.match(await text("#jwt-code"), /verifyJwt\(token, key, \{ audience: "my-app", issuer: "https:\/\/issuer.example" \}\)/);
  // Another audience: that check and the whole verification fail with their code.
  await page.fill("#jwt-aud", "someone-else");
  results = await checks("#jwt-checks");
  assert.equal(results.find((r) => r.text.includes("aud includes")).pass, false);
  assert.match(results.find((r) => r.text.includes("aud includes")).text, /ERR_JWT_CLAIM_INVALID/);
  assert.equal(results.find((r) => r.text.includes("signature")).pass, true);
  assert.equal(results.at(-1).pass, false);
  await shoot("06-jwt-failing", "#jwt");

  // An RS256 token signed by jose, verified with its SPKI PEM: the core wants the algorithm named.
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const now = Math.floor(Date.now() / 1000);
  const token = await new jose.SignJWT({ sub: "p1" }).setProtectedHeader({ alg: "RS256" }).setIssuedAt(now).setExpirationTime(now + 300).sign(privateKey);
  await page.fill("#jwt-aud", "");
  await page.fill("#jwt-iss", "");
  await page.fill("#jwt-input", token);
  await page.fill("#jwt-key", publicKey.export({ type: "spki", format: "pem" }));
  results = await checks("#jwt-checks");
  assert.ok(results.length > 0 && results.every((r) => !r.pass && /ERR_JWT_ALG_NOT_ALLOWED: .*pass `algorithms`/.test(r.text)), JSON.stringify(results));
  await page.selectOption("#jwt-alg", "RS256");
  results = await checks("#jwt-checks");
  assert.ok(results.every((r) => r.pass), JSON.stringify(results));
  // A token with alg none is refused by the core, whatever the key.
  const none = `${Buffer.from('{"alg":"none"}').toString("base64url")}.${Buffer.from('{"sub":"x"}').toString("base64url")}.`;
  await page.fill("#jwt-input", none);
  results = await checks("#jwt-checks");
  assert.ok(results.length > 0 && results.every((r) => !r.pass), JSON.stringify(results));
  await page.click("#jwt-sample");
  await shoot("07-jwt", "#jwt");
  noProblems();
});

test("demo: key workbench — generate, import a PEM, the message for an OpenSSH key; JWKS and thumbprint", async () => {
  await page.selectOption("#key-alg", "ES384");
  await page.click("#key-generate");
  let published = JSON.parse(await text("#key-jwks"));
  assert.equal(published.keys.length, 1);
  assert.equal("d" in published.keys[0], false, "no private part in the JWKS");
  assert.equal(await text("#key-thumbprint"), await jose.calculateJwkThumbprint(published.keys[0]));

  // The library's message for a key it cannot read; stale results cleared.
  await page.click("#key-bad");
  assert.match(await text("#key-status"), /^ERR_KEY_\w+: .*ssh-keygen|^ERR_KEY_\w+: .*OpenSSH/i);
  assert.equal(await page.getAttribute("#key-status", "class"), "status error");
  assert.equal(await text("#key-jwks"), "");
  assert.equal(await text("#key-thumbprint"), "");
  assert.match(await text("#as-output"), /No key/);
  await shoot("08-key-error", "#keys");

  // A PKCS#8 P-384 key from node:crypto: its public JWKS and RFC 7638 thumbprint.
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-384" });
  await page.fill("#key-import", privateKey.export({ type: "pkcs8", format: "pem" }));
  await page.click("#key-import-button");
  assert.match(await text("#key-status"), /^Imported a private key/);
  published = JSON.parse(await text("#key-jwks"));
  const expected = publicKey.export({ format: "jwk" });
  assert.equal(published.keys[0].x, expected.x);
  assert.equal(await text("#key-thumbprint"), await jose.calculateJwkThumbprint(expected));
  assert.match(await text("#key-code"), /SigningKey\.fromPem\(pem\);/);
  await shoot("09-keys", "#keys");
  noProblems();
});

test("demo: client assertion builder — signed, verifiable by jose, linted against Redox, SMART and Epic", async () => {
  // The imported P-384 key signs; jose accepts the assertion with the published JWKS.
  await page.selectOption("#as-provider", "redox");
  await page.fill("#as-client", "redox-client-1");
  let lint = await checks("#as-lint");
  assert.ok(lint.length >= 4 && lint.every((r) => r.pass), JSON.stringify(lint));
  const assertion = (await text("#as-output")).split("\n")[0];
  const keySet = jose.createLocalJWKSet(JSON.parse(await text("#key-jwks")));
  const { payload } = await jose.jwtVerify(assertion, keySet, { audience: "https://api.redoxengine.com/v2/auth/token", issuer: "redox-client-1" });
  assert.equal(payload.sub, "redox-client-1");
  assert.equal(payload.exp - payload.iat, 300);
  for (const provider of ["smart", "epic"]) {
    await page.selectOption("#as-provider", provider);
    lint = await checks("#as-lint");
    assert.ok(lint.every((r) => r.pass), `${provider}: ${JSON.stringify(lint)}`);
  }
  await page.fill("#as-jku", "https://app.example/.well-known/jwks.json");
  assert.equal(JSON.parse((await text("#as-output")).split("\n\n")[1]).header.jku, "https://app.example/.well-known/jwks.json");
  // An EdDSA key: the SMART preset (RS384/ES384) refuses it, with its code.
  await page.selectOption("#key-alg", "EdDSA");
  await page.click("#key-generate");
  lint = await checks("#as-lint");
  const refused = lint.find((r) => r.text.includes("key accepted by"));
  assert.equal(refused.pass, false);
  assert.match(refused.text, /ERR_\w+/);
  await shoot("10-assertion-lint", "#assertion");
  // A lifetime over the maximum is refused by clientAssertion; no stale assertion stays.
  await page.selectOption("#key-alg", "ES384");
  await page.click("#key-generate");
  await page.fill("#as-lifetime", "900");
  lint = await checks("#as-lint");
  assert.equal(lint.find((r) => r.text.startsWith("fail signed")).pass, false);
  assert.equal(await text("#as-output"), "");
  await page.fill("#as-lifetime", "300");
  await shoot("11-assertion", "#assertion");
  noProblems();
});

test("demo: webhook lab — every scheme signs and verifies; the re-serialization trap; no stale result", async () => {
  for (const scheme of ["telesoft", "hmac-hex", "github", "stripe", "standard", "redox"]) {
    await page.selectOption("#wh-scheme", scheme);
    assert.match(await text("#wh-result"), /^valid/, scheme);
    assert.equal(await text("#wh-raw"), "valid", scheme);
    if (scheme !== "redox") assert.match(await text("#wh-re"), /^ERR_WEBHOOK_SIGNATURE_MISMATCH/, `${scheme}: re-serialized`);
    await shoot(`12-webhook-${scheme}`, "#webhook");
  }
  // Telesoft's signature is node:crypto's HMAC of the raw body.
  await page.selectOption("#wh-scheme", "telesoft");
  const headers = JSON.parse(await page.inputValue("#wh-headers"));
  const body = await page.inputValue("#wh-body");
  const secret = await page.inputValue("#wh-secret");
  assert.equal(headers["telesoft-signature"], createHmac("sha256", secret).update(body).digest("hex"));
  // Changing the secret re-verifies; a pasted header from elsewhere fails with its code.
  await page.fill("#wh-secret", "another-secret");
  assert.match(await text("#wh-result"), /^ERR_WEBHOOK_SIGNATURE_MISMATCH/);
  assert.equal(await page.getAttribute("#wh-result", "class"), "status error");
  await page.fill("#wh-secret", secret);
  assert.match(await text("#wh-result"), /^valid/);
  // Headers pasted as `name: value` lines, as a log shows them.
  await page.fill("#wh-headers", `Content-Type: application/json\nTelesoft-Signature: ${headers["telesoft-signature"]}`);
  assert.match(await text("#wh-result"), /^valid/);
  await page.fill("#wh-headers", '{"telesoft-signature": "00"}');
  assert.match(await text("#wh-result"), /^ERR_WEBHOOK_/);
  // A failed Sign leaves nothing green behind.
  await page.selectOption("#wh-scheme", "standard");
  await page.fill("#wh-secret", "not-a-whsec-secret");
  await page.click("#wh-sign");
  assert.match(await text("#wh-result"), /^Not signed: ERR_WEBHOOK_SECRET_INVALID/);
  assert.equal(await page.inputValue("#wh-headers"), "");
  assert.equal(await page.$$eval("#webhook .ok", (nodes) => nodes.filter((n) => n.textContent).length), 0);
  await shoot("13-webhook-error", "#webhook");
  await page.selectOption("#wh-scheme", "telesoft");
  noProblems();
});

test("demo: PKCE with authorizationUrl() and the preset's pkceRequired; errors clear the old pair", async () => {
  await page.selectOption("#pkce-provider", "digitail");
  await page.click("#pkce-generate");
  assert.equal(await text("#pkce-required"), "true");
  const verifier = await text("#pkce-verifier");
  const challenge = await text("#pkce-challenge");
  assert.match(verifier, /^[A-Za-z0-9\-._~]{64}$/);
  assert.equal(challenge, createHash("sha256").update(verifier).digest("base64url"));
  const url = new URL(await text("#pkce-url"));
  assert.equal(url.origin, "https://clinic.example");
  assert.equal(url.searchParams.get("code_challenge"), challenge);
  assert.equal(url.searchParams.get("state"), await text("#pkce-state"));
  await shoot("14-pkce", "#pkce");
  // Digitail requires PKCE: no URL without a challenge, and nothing stale stays on screen.
  await page.uncheck("#pkce-use");
  assert.match(await text("#pkce-status"), /^ERR_\w+/);
  for (const id of ["pkce-verifier", "pkce-challenge", "pkce-state", "pkce-url"]) assert.equal(await text(`#${id}`), "", id);
  // Telesoft's preset says PKCE is optional, and the page says so.
  await page.selectOption("#pkce-provider", "telesoft");
  assert.equal(await text("#pkce-required"), "false");
  assert.match(await text("#pkce-status"), /^Built by authorizationUrl/);
  await page.check("#pkce-use");
  await page.fill("#pkce-length", "12");
  await page.press("#pkce-length", "Enter");
  await page.dispatchEvent("#pkce-length", "change");
  assert.match(await text("#pkce-status"), /^ERR_PKCE_VERIFIER_LENGTH/);
  assert.equal(await text("#pkce-verifier"), "");
  assert.equal(await page.getAttribute("#pkce-length", "aria-invalid"), "true");
  await page.fill("#pkce-check", "too-short");
  assert.match(await text("#pkce-check-out"), /^ERR_PKCE_VERIFIER_LENGTH/);
  await shoot("15-pkce-error", "#pkce");
  await page.fill("#pkce-length", "64");
  await page.dispatchEvent("#pkce-length", "change");
  await page.fill("#pkce-check", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
  assert.equal(await text("#pkce-check-out"), "challenge: E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  noProblems();
});

test("demo: copy buttons copy the code; every README link lands on a heading", async () => {
  await page.click('button[data-copy="wh-code"]');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await text("#wh-code"));
  const links = await page.$$eval("a.readme", (anchors) => anchors.map((a) => a.getAttribute("href")));
  assert.ok(links.length >= 6);
  const readme = await (await fetch(`${demo.url}/README`)).text();
  for (const link of links) {
    const anchor = link.split("#")[1];
    assert.ok(readme.includes(` id="${anchor}"`), `README has no heading #${anchor}`);
  }
  noProblems();
});

test("demo: labelled controls, reachable by keyboard", async () => {
  const unlabelled = await page.$$eval("input, select, textarea, button", (controls) =>
    controls.filter((c) => !(c.labels?.length || c.getAttribute("aria-label") || c.textContent.trim())).map((c) => c.id),
  );
  assert.deepEqual(unlabelled, []);
  await page.focus("body");
  const reached = new Set();
  for (let i = 0; i < 120; i++) {
    await page.keyboard.press("Tab");
    reached.add(await page.evaluate(() => document.activeElement?.id));
  }
  for (const id of ["connect", "backend", "jwt-input", "jwt-sample", "key-generate", "key-import-button", "as-provider", "wh-scheme", "wh-sign", "pkce-generate", "pkce-check"]) {
    assert.ok(reached.has(id), `Tab never reaches #${id}`);
  }
  noProblems();
});

/** Contrast (WCAG 2) of every status text, pass/fail mark and link against its background. */
function contrasts() {
  return page.evaluate(() => {
    const rgb = (color) => color.match(/[\d.]+/g).map(Number);
    const luminance = ([r, g, b]) => {
      const c = [r, g, b].map((v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
      return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    };
    const background = (element) => {
      for (let e = element; e; e = e.parentElement) {
        const color = getComputedStyle(e).backgroundColor;
        const parts = rgb(color);
        if (parts.length < 4 || parts[3] > 0) return parts.slice(0, 3);
      }
      return rgb(getComputedStyle(document.documentElement).backgroundColor);
    };
    return [...document.querySelectorAll(".status, .badge, .ok, .error, a, .lede, footer p, button")]
      .filter((e) => e.textContent.trim() && e.offsetParent !== null)
      .map((e) => {
        const [a, b] = [luminance(rgb(getComputedStyle(e).color)), luminance(background(e))];
        return { what: `${e.tagName}#${e.id}.${e.className}: ${e.textContent.trim().slice(0, 40)}`, ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) };
      });
  });
}

test("demo: status text has WCAG AA contrast in light and dark", async () => {
  // Put an error and a success on screen in each panel first.
  await page.fill("#wh-secret", "another-secret");
  for (const scheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const measured = await contrasts();
    assert.ok(measured.some((m) => m.what.includes("error")), "an error is on screen");
    assert.ok(measured.some((m) => m.what.includes("ok")), "a success is on screen");
    const low = measured.filter((m) => m.ratio < 4.5);
    assert.deepEqual(low, [], `${scheme}: text under 4.5:1`);
    await shoot(`16-${scheme}`);
    await shoot(`17-${scheme}-webhook`, "#webhook");
  }
  await page.emulateMedia({ colorScheme: "light" });
  noProblems();
});

test("demo: a visible banner when the .wasm cannot be loaded", async () => {
  const broken = await browser.newPage();
  await broken.route("**/healthauth_bg.wasm", (route) => route.fulfill({ status: 404, body: "gone" }));
  await broken.goto(`${demo.url}/`);
  await broken.waitForSelector("#wasm-banner:not([hidden])", { timeout: 15_000 });
  assert.match(await broken.textContent("#wasm-banner"), /could not be loaded.*make pkg/);
  assert.equal(await broken.isDisabled("#wh-sign"), true);
  for (const width of [1280, 390]) {
    await broken.setViewportSize({ width, height: 700 });
    await broken.screenshot({ path: join(shots, `demo-18-wasm-banner-${width}.png`) });
  }
  await broken.close();
});

/** A free TCP port on 127.0.0.1. */
async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test("demo: `node www/serve.js` (make demo) prints both URLs on PORT and stops on Ctrl-C", async () => {
  const port = await freePort();
  const child = spawn(process.execPath, [join(repo, "www", "serve.js")], { env: { ...process.env, PORT: String(port) }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  const deadline = Date.now() + 30_000;
  while (!output.includes("Ctrl-C") && Date.now() < deadline && child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 100));
  assert.match(output, new RegExp(`healthauth demo: +http://127\\.0\\.0\\.1:${port}/`));
  const issuer = /authorization server: (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
  assert.ok(issuer, output);
  assert.equal((await fetch(`${issuer}/.well-known/smart-configuration`)).status, 200);
  assert.equal((await fetch(`http://127.0.0.1:${port}/`)).status, 200);
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  child.kill("SIGINT");
  assert.deepEqual(await exited, { code: 0, signal: null });
  await assert.rejects(fetch(`http://127.0.0.1:${port}/`), "the page's port is closed");
});
