// healthauth (wasm, in Node) against its peers in one run: node:crypto (OpenSSL, native) and
// jose (WebCrypto). Prints a Markdown table for BENCHMARKS.md. Usage: make bench
import { createHash, createHmac, generateKeyPairSync, sign as nodeSign, timingSafeEqual } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { createRequire } from "node:module";
import * as jose from "jose";
import * as ha from "healthauth";

const require = createRequire(import.meta.url);

async function measure(fn, { minMs = 400, minRuns = 5 } = {}) {
  for (let i = 0; i < 3; i++) await fn(); // warm up (builds lazy tables)
  let runs = 0;
  const start = performance.now();
  while (performance.now() - start < minMs || runs < minRuns) {
    await fn();
    runs++;
  }
  return (performance.now() - start) / runs; // ms per op
}

const fmt = (ms) => (ms >= 1 ? `${ms.toFixed(2)} ms` : `${(ms * 1000).toFixed(1)} µs`);
const rows = [];
async function row(name, ours, peers) {
  const oursMs = await measure(ours);
  const cells = [];
  for (const [peerName, peer] of peers) {
    const peerMs = await measure(peer);
    cells.push(`${peerName} ${fmt(peerMs)} (×${(oursMs / peerMs).toFixed(2)})`);
  }
  rows.push(`| ${name} | ${fmt(oursMs)} | ${cells.join("; ") || "—"} |`);
}

const now = Math.floor(Date.now() / 1000);
const claims = { iss: "client", sub: "client", aud: "https://api.example/token", exp: now + 300, iat: now, jti: "x".repeat(32) };

// PKCE
const verifier = ha.createPkce().verifier;
await row("PKCE S256 challenge", () => ha.pkceChallenge(verifier), [
  ["node:crypto", () => createHash("sha256").update(verifier).digest("base64url")],
]);

// ES384 and RS384 signing (client assertions) and verification
for (const alg of ["ES384", "RS384"]) {
  const key = ha.SigningKey.generate(alg);
  const joseKey = await jose.importJWK(key.exportPrivateJwk(), alg);
  const nodeKey = alg === "ES384"
    ? generateKeyPairSync("ec", { namedCurve: "P-384" }).privateKey
    : generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
  const hash = "sha384";
  const input = Buffer.from("header.payload".repeat(20));
  await row(`${alg} clientAssertion (sign)`, () => ha.clientAssertion(key, { clientId: "client", audience: "https://api.example/token" }), [
    ["jose", () => new jose.SignJWT(claims).setProtectedHeader({ alg, kid: key.kid }).sign(joseKey)],
    ["node:crypto sign only", () => nodeSign(hash, input, { key: nodeKey, dsaEncoding: "ieee-p1363" })],
  ]);
  const token = ha.signJwt(key, claims);
  const publicJwk = key.publicJwk();
  const vk = key.verifyingKey();
  const joseVk = await jose.importJWK(publicJwk, alg);
  await row(`${alg} verifyJwt`, () => ha.verifyJwt(token, vk, { now }), [
    ["jose", () => jose.jwtVerify(token, joseVk, { currentDate: new Date(now * 1000) })],
  ]);
}

// Key generation
await row("ES384 key generation", () => ha.SigningKey.generate("ES384").free(), [
  ["node:crypto", () => generateKeyPairSync("ec", { namedCurve: "P-384" })],
]);
await row("RS384 (2048-bit) key generation", () => ha.SigningKey.generate("RS384").free(), [
  ["node:crypto", () => generateKeyPairSync("rsa", { modulusLength: 2048 })],
], { minMs: 2000 });

// Webhooks: 16 KiB body
const body = new Uint8Array(16 * 1024).fill(97);
const secret = "telesoft-webhook-secret";
const signature = createHmac("sha256", secret).update(body).digest("hex");
await row("Telesoft webhook verify (16 KiB)", () => ha.verifyWebhook({ scheme: "telesoft", payload: body, headers: { "telesoft-signature": signature }, secret }), [
  ["node:crypto HMAC + timingSafeEqual", () => timingSafeEqual(Buffer.from(createHmac("sha256", secret).update(body).digest("hex")), Buffer.from(signature))],
]);

const wasmPath = require.resolve("healthauth/package.json").replace(/package\.json$/, "dist/healthauth_bg.wasm");
const wasm = readFileSync(wasmPath);
console.log(`Node ${process.version}, ${new Date().toISOString().slice(0, 10)}; healthauth_bg.wasm ${statSync(wasmPath).size} bytes, ${gzipSync(wasm, { level: 9 }).length} gzipped\n`);
console.log("| operation | healthauth (wasm) | peers (time, healthauth ÷ peer) |\n|---|---|---|");
console.log(rows.join("\n"));
