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

test("workerd: the suite ran", () => {
  if (!Array.isArray(results) || results.length < 5) throw new Error(`no results: ${JSON.stringify(results)}`);
});
for (const { name, ok, error } of results) {
  test(`workerd: ${name}`, () => {
    if (!ok) throw new Error(error);
  });
}
