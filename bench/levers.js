// Size and speed of the package as built in pkg/dist (`make pkg`), for comparing build levers
// (opt-level, features, wasm-opt) one build at a time. Not part of `make bench`: BENCHMARKS.md's
// lever table was filled from its output.
//
// Usage: node bench/levers.js <label> [--log target/levers.jsonl]
import { createHmac, generateKeyPairSync } from "node:crypto";
import { execFileSync } from "node:child_process";
import { appendFileSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { measure } from "mitata";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { log: { type: "string", default: "target/levers.jsonl" }, "cold-runs": { type: "string", default: "11" } },
});
const label = positionals[0] ?? "unnamed";
const entry = new URL("../pkg/node.js", import.meta.url);
const wasmFile = new URL("../pkg/dist/healthauth_bg.wasm", import.meta.url);
const ha = await import(entry.href);

const median = async (fn) => (await measure(fn, { min_cpu_time: 400e6, min_samples: 12 })).p50 / 1e6;
const audience = "https://api.example/token";
const now = Math.floor(Date.now() / 1000);
const claims = { iss: "c", sub: "c", aud: audience, iat: now, exp: now + 300 };
const result = { label, date: new Date().toISOString() };

const wasm = readFileSync(wasmFile);
result.raw = wasm.length;
result.gzip = gzipSync(wasm, { level: 9 }).length;

const key = (alg) => ha.SigningKey.generate(alg);
for (const alg of ["ES384", "ES256", "RS384", "EdDSA"]) {
  const k = key(alg);
  result[`${alg} sign ms`] = await median(() => ha.clientAssertion(k, { clientId: "c", audience }));
  if (alg !== "EdDSA") {
    const token = ha.signJwt(k, claims);
    const vk = k.verifyingKey();
    result[`${alg} verify ms`] = await median(() => ha.verifyJwt(token, vk, { now, audience }));
  }
}
const secret = "telesoft-webhook-secret-0123456789";
for (const [name, n] of [["1KiB", 1024], ["1MiB", 1 << 20]]) {
  const body = new Uint8Array(n).fill(97);
  const headers = { "telesoft-signature": createHmac("sha256", secret).update(body).digest("hex") };
  result[`HMAC verify ${name} ms`] = await median(() => ha.verifyWebhook({ scheme: "telesoft", payload: body, headers, secret }));
}
const verifier = ha.createPkce().verifier;
result["PKCE challenge ms"] = await median(() => ha.pkceChallenge(verifier));

// Cold starts: fresh processes importing the entry by path.
const pem = generateKeyPairSync("ec", { namedCurve: "P-384" }).privateKey.export({ type: "pkcs8", format: "pem" });
const cold = (body) => {
  const script = `const t0 = performance.now(); const ha = await import(${JSON.stringify(entry.href)}); ${body}; process.stdout.write(String(performance.now() - t0));`;
  const runs = [];
  for (let i = 0; i < Number(values["cold-runs"]); i++) {
    runs.push(Number(execFileSync(process.execPath, ["--input-type=module", "-e", script], { env: { ...process.env, PEM: pem }, encoding: "utf8" })));
  }
  runs.sort((a, b) => a - b);
  return runs[runs.length >> 1];
};
result["cold PKCE ms"] = cold("ha.createPkce()");
result["cold ES384 ms"] = cold(`ha.clientAssertion(ha.SigningKey.fromPem(process.env.PEM), { clientId: "c", audience: "${audience}" })`);

console.log(JSON.stringify(result));
appendFileSync(values.log, JSON.stringify(result) + "\n");
