// Runs a Worker in workerd (through Miniflare, no network) the way wrangler deploys it: bundled
// by esbuild with the `workerd` condition, the .wasm kept as a module workerd compiles
// (Workers forbid compiling wasm at run time). Not a test file itself.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { Miniflare } from "miniflare";

/**
 * Bundles `entry` and starts it; `options` go to Miniflare (e.g. `compatibilityFlags`).
 * Returns `{ mf, dispose() }`.
 */
export async function startWorker(entry, options = {}) {
  const outdir = mkdtempSync(join(tmpdir(), "healthauth-workerd-"));
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    platform: "neutral",
    conditions: ["workerd", "worker", "browser"],
    loader: { ".wasm": "copy" },
    external: ["node:*"], // workerd provides these with nodejs_compat (and refuses them without)
    outdir,
    logLevel: "warning",
    metafile: true,
  });
  const script = Object.keys(result.metafile.outputs).find((path) => path.endsWith(".js"));
  const mf = new Miniflare({
    modules: true,
    scriptPath: script,
    modulesRoot: outdir,
    compatibilityDate: "2025-09-01",
    cf: false,
    modulesRules: [
      { type: "ESModule", include: ["**/*.js"] },
      { type: "CompiledWasm", include: ["**/*.wasm"] },
    ],
    ...options,
  });
  return {
    mf,
    async dispose() {
      await mf.dispose();
      rmSync(outdir, { recursive: true, force: true });
    },
  };
}

/**
 * Registers the shared suite's tests, run inside workerd, under `label` (the `make test` line):
 * worker.js answers with one result per suite test.
 */
export async function suiteInWorkerd(label, options = {}, { lite = false } = {}) {
  const { test, after } = await import("node:test");
  const { fileURLToPath } = await import("node:url");
  const { mf, dispose } = await startWorker(fileURLToPath(new URL("./worker.js", import.meta.url)), options);
  after(dispose);

  // Every result set is fetched before any test is declared: the runner may finish, and
  // dispose the worker, in between.
  const runs = [[label, await (await mf.dispatchFetch("http://localhost/")).json()]];
  // healthauth/lite in the same workerd: its asymmetric tests skipped by name.
  if (lite) runs.push([`${label}-lite`, await (await mf.dispatchFetch("http://localhost/lite")).json()]);

  for (const [name, results] of runs) {
    test(`${name}: the suite ran`, () => {
      if (!Array.isArray(results) || results.length < 5) throw new Error(`no results: ${JSON.stringify(results)}`);
    });
    for (const { name: testName, ok, error, skip } of results) {
      test(`${name}: ${testName}`, skip ? { skip } : {}, () => {
        if (!ok) throw new Error(error);
      });
    }
  }
}
