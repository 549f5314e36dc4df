// Replay protection and token single-flight through the HealthAuthStore Durable Object in
// workerd (Miniflare, loopback only): four Workers (four isolates) bind one Durable Object class.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { signWebhook } from "healthauth";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import { fileURLToPath } from "node:url";
import { startTokenEndpoint } from "./token-endpoint.js";
import { storeSnippets } from "./readme.js";
import { startWorker } from "../workerd-runner.js";

const SECRET = "whsec_" + Buffer.from("durable-object-test-secret-32-by").toString("base64");
const WORKERS = ["w0", "w1", "w2", "w3"];
let mf;
let endpoint;
const outdir = mkdtempSync(join(tmpdir(), "healthauth-do-"));

before(async () => {
  endpoint = await startTokenEndpoint([3600]);
  // Bundled as wrangler does (as ../workerd-runner.js does for one Worker).
  const result = await build({
    entryPoints: [new URL("./do-worker.js", import.meta.url).pathname],
    bundle: true,
    format: "esm",
    platform: "neutral",
    conditions: ["workerd", "worker", "browser"],
    loader: { ".wasm": "copy" },
    outdir,
    logLevel: "warning",
    metafile: true,
  });
  const scriptPath = Object.keys(result.metafile.outputs).find((path) => path.endsWith(".js"));
  const bindings = { WEBHOOK_SECRET: SECRET, TOKEN_ENDPOINT: endpoint.url };
  // w0 defines the Durable Object class; the three others bind the same one by script name.
  mf = new Miniflare({
    workers: WORKERS.map((name, i) => ({
      name,
      modules: true,
      scriptPath,
      modulesRoot: outdir,
      compatibilityDate: "2025-09-01",
      modulesRules: [
        { type: "ESModule", include: ["**/*.js"] },
        { type: "CompiledWasm", include: ["**/*.wasm"] },
      ],
      bindings,
      durableObjects: { HEALTHAUTH_STORE: i === 0 ? "HealthAuthStore" : { className: "HealthAuthStore", scriptName: "w0" } },
    })),
    cf: false,
  });
  await mf.ready;
});
after(async () => {
  await mf?.dispose();
  await endpoint?.close();
  rmSync(outdir, { recursive: true, force: true });
});

test("durable-object: one delivery sent 50 times by each of 4 Workers is accepted once, refused 199 times", { timeout: 60_000 }, async () => {
  const body = '{"event":"patient.updated"}';
  const headers = signWebhook({ scheme: "standard", payload: body, secret: SECRET, id: `msg_${crypto.randomUUID()}` });
  const outcomes = await Promise.all(
    WORKERS.flatMap((name) =>
      Array.from({ length: 50 }, async () => {
        const w = await mf.getWorker(name);
        const response = await w.fetch("https://hooks.example/webhook", { method: "POST", headers, body });
        return response.text();
      }),
    ),
  );
  const total = {};
  for (const outcome of outcomes) total[outcome] = (total[outcome] ?? 0) + 1;
  assert.deepEqual(total, { accepted: 1, ERR_WEBHOOK_REPLAYED: 199 });
});

test("durable-object: 4 Workers × 50 concurrent getAccessToken() make exactly 1 token request", { timeout: 60_000 }, async () => {
  const tokens = await Promise.all(
    WORKERS.flatMap((name) =>
      Array.from({ length: 50 }, async () => {
        const w = await mf.getWorker(name);
        const response = await w.fetch("https://app.example/token");
        return response.text();
      }),
    ),
  );
  assert.deepEqual([...new Set(tokens)], ["token-1"]);
  assert.equal(endpoint.requests, 1);
});

test("durable-object: the README's Worker snippet runs in workerd and refuses a replay", { timeout: 60_000 }, async () => {
  const file = new URL("./.readme-worker.js", import.meta.url);
  writeFileSync(file, storeSnippets()[1]);
  const { mf: readmeWorker, dispose } = await startWorker(fileURLToPath(file), {
    bindings: { WEBHOOK_SECRET: SECRET },
    durableObjects: { HEALTHAUTH_STORE: "HealthAuthStore" },
  });
  try {
    const body = '{"event":"patient.updated"}';
    const id = `msg_${crypto.randomUUID()}`;
    const headers = signWebhook({ scheme: "standard", payload: body, secret: SECRET, id });
    const first = await readmeWorker.dispatchFetch("https://hooks.example/", { method: "POST", headers, body });
    assert.deepEqual(await first.json(), { received: id });
    const second = await readmeWorker.dispatchFetch("https://hooks.example/", { method: "POST", headers, body });
    assert.equal(second.status, 500, "the replay throws ERR_WEBHOOK_REPLAYED out of the handler");
    await second.text();
  } finally {
    await dispose();
    rmSync(file, { force: true });
  }
});
