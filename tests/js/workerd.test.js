// The shared suite inside workerd (Cloudflare's runtime, through Miniflare; no network).
// The Worker is bundled the way wrangler does it: esbuild with the `workerd` condition,
// the .wasm kept as a separate module that workerd compiles (Workers forbid runtime compiles).
import { test, after } from "node:test";
import { fileURLToPath } from "node:url";
import { startWorker } from "./workerd-runner.js";

const { mf, dispose } = await startWorker(fileURLToPath(new URL("./worker.js", import.meta.url)));
after(dispose);

const response = await mf.dispatchFetch("http://localhost/");
const results = await response.json();
// healthauth/lite in the same workerd: the lite suite, its asymmetric tests skipped by name.
// (Fetched before any test is declared: the runner may finish, and dispose, in between.)
const liteResults = await (await mf.dispatchFetch("http://localhost/lite")).json();

test("workerd: the suite ran", () => {
  if (!Array.isArray(results) || results.length < 5) throw new Error(`no results: ${JSON.stringify(results)}`);
});
for (const { name, ok, error } of results) {
  test(`workerd: ${name}`, () => {
    if (!ok) throw new Error(error);
  });
}

test("workerd-lite: the suite ran", () => {
  if (!Array.isArray(liteResults) || liteResults.length < 5) throw new Error(`no results: ${JSON.stringify(liteResults)}`);
});
for (const { name, ok, error, skip } of liteResults) {
  test(`workerd-lite: ${name}`, skip ? { skip } : {}, () => {
    if (!ok) throw new Error(error);
  });
}
