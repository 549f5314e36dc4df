// Replay protection and token single-flight through Deno KV with the npm `deno` binary: 4 Deno
// processes open one KV file and deliver the same signed webhook 50 times each, or ask for the
// access token 100 times each, at once.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { signWebhook } from "healthauth";
import { writeFileSync } from "node:fs";
import { storeSnippets } from "./readme.js";
import { startTokenEndpoint } from "./token-endpoint.js";

const SECRET = "whsec_" + Buffer.from("deno-kv-store-test-secret-32-byt").toString("base64");

// The repository's node_modules/.bin/deno, from tests/js/stores or target/js-consumer/tests/stores.
const deno = ["../../../node_modules/.bin/deno", "../../../../node_modules/.bin/deno"]
  .map((p) => fileURLToPath(new URL(p, import.meta.url)))
  .find((p) => existsSync(p));

function run(args, env = process.env) {
  return new Promise((resolve, reject) => {
    execFile(deno, args, { timeout: 60_000, env, cwd: fileURLToPath(new URL(".", import.meta.url)) }, (error, stdout, stderr) => {
      if (error) reject(new Error(`deno failed: ${stderr || error.message}`));
      else resolve(stdout);
    });
  });
}

test("deno-kv: one delivery sent 50 times by each of 4 Deno processes is accepted once, refused 199 times", { timeout: 90_000 }, async () => {
  assert.ok(deno, "node_modules/.bin/deno is installed (npm ci)");
  const dir = mkdtempSync(join(tmpdir(), "healthauth-kv-"));
  try {
    const body = '{"event":"patient.updated"}';
    const delivery = { body, headers: signWebhook({ scheme: "standard", payload: body, secret: SECRET, id: `msg_${crypto.randomUUID()}` }) };
    // Deno starts in about a second: the processes begin their deliveries together, 3 s from now.
    const job = { kvPath: join(dir, "kv.sqlite3"), delivery, secret: SECRET, count: 50, startAt: Date.now() + 3000 };
    const script = fileURLToPath(new URL("./deno-deliver.js", import.meta.url));
    const outputs = await Promise.all(
      [0, 1, 2, 3].map(() => run(["run", "--quiet", "--unstable-kv", "--allow-read", "--allow-write", "--allow-env", script, JSON.stringify(job)])),
    );
    const total = {};
    for (const output of outputs) for (const [k, v] of Object.entries(JSON.parse(output))) total[k] = (total[k] ?? 0) + v;
    assert.deepEqual(total, { accepted: 1, ERR_WEBHOOK_REPLAYED: 199 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("deno-kv: 4 Deno processes × 100 concurrent getAccessToken() make exactly 1 token request", { timeout: 90_000 }, async () => {
  assert.ok(deno, "node_modules/.bin/deno is installed (npm ci)");
  const dir = mkdtempSync(join(tmpdir(), "healthauth-kv-"));
  const endpoint = await startTokenEndpoint([3600]);
  try {
    const job = { kvPath: join(dir, "kv.sqlite3"), tokenEndpoint: endpoint.url, count: 100, startAt: Date.now() + 3000 };
    const script = fileURLToPath(new URL("./deno-tokens.js", import.meta.url));
    const allowNet = `--allow-net=${new URL(endpoint.url).host}`;
    const outputs = await Promise.all(
      [0, 1, 2, 3].map(() => run(["run", "--quiet", "--unstable-kv", "--allow-read", "--allow-write", "--allow-env", allowNet, script, JSON.stringify(job)])),
    );
    for (const output of outputs) assert.deepEqual(JSON.parse(output), ["token-1"]);
    assert.equal(endpoint.requests, 1);
  } finally {
    await endpoint.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("deno-kv: the README's Deno snippet runs, and its store claims a key once", { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "healthauth-kv-"));
  const file = new URL("./.readme-deno.js", import.meta.url);
  // Deno.openKv() with no path keeps the file under DENO_DIR: a temporary one here.
  writeFileSync(file, storeSnippets()[2] + 'console.log(JSON.stringify([await seen.claim("k", 60), await seen.claim("k", 60)]));\nkv.close();\n');
  try {
    const out = await run(["run", "--quiet", "--unstable-kv", "--allow-read", "--allow-write", "--allow-env", fileURLToPath(file)], { ...process.env, DENO_DIR: dir });
    assert.deepEqual(JSON.parse(out), [true, false]);
  } finally {
    rmSync(file, { force: true });
    rmSync(dir, { recursive: true, force: true });
  }
});
