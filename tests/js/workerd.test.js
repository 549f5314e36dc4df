// The shared suite inside workerd (Cloudflare's runtime, through Miniflare; no network).
// The Worker is bundled the way wrangler does it: esbuild with the `workerd` condition,
// the .wasm kept as a separate module that workerd compiles (Workers forbid runtime compiles).
import { test, after } from "node:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { Miniflare } from "miniflare";

const outdir = mkdtempSync(join(tmpdir(), "healthauth-workerd-"));
await build({
  entryPoints: [fileURLToPath(new URL("./worker.js", import.meta.url))],
  bundle: true,
  format: "esm",
  platform: "neutral",
  conditions: ["workerd", "worker", "browser"],
  loader: { ".wasm": "copy" },
  outdir,
  logLevel: "warning",
});

const mf = new Miniflare({
  modules: true,
  scriptPath: join(outdir, "worker.js"),
  modulesRoot: outdir,
  compatibilityDate: "2025-09-01",
  cf: false,
  modulesRules: [
    { type: "ESModule", include: ["**/*.js"] },
    { type: "CompiledWasm", include: ["**/*.wasm"] },
  ],
});
after(async () => {
  await mf.dispose();
  rmSync(outdir, { recursive: true, force: true });
});

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
