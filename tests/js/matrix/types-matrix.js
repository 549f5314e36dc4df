// The type matrix: the packed package's declarations, from a consumer project, under every
// TypeScript (5.9, 6.0, 7.0: root devDependencies as npm aliases), module resolution (nodenext,
// node16 as ESM, bundler; and node20 for a CommonJS file that requires the package) and host (the `dom` lib, Node's types without `dom`, no host types at
// all, Cloudflare's workers-types), always with `strict` and `skipLibCheck` off. Run from the
// consumer's tests folder (Makefile, test-js); prints a line per cell and `types-matrix: pass`.
//
// The entries come from the package's `exports`: "." is checked with the usage files
// (types-check.ts touches every export, `using` and the error detail fields; types-node.ts is its
// host-free part; types-cjs.cts requires it from CommonJS), every other typed subpath by a
// generated file importing it (in the ES module cells), so a new entry
// (`healthauth/lite`, ...) is in the matrix the moment it is exported.
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const tests = fileURLToPath(new URL("..", import.meta.url));
const cellsDir = join(tests, "matrix", "cells");

const TYPESCRIPTS = ["5.9", "6.0", "7.0"];
const RESOLUTIONS = {
  nodenext: { module: "nodenext", moduleResolution: "nodenext" },
  node16: { module: "node16", moduleResolution: "node16" }, // ESM: the consumer is "type": "module"
  bundler: { module: "esnext", moduleResolution: "bundler" },
  // A CommonJS file requiring the package: require(esm), which `module: node20` models.
  "node20-cjs": { module: "node20", moduleResolution: "node16" },
};
const LIB = ["es2022", "esnext.disposable"];
const ESM = ["nodenext", "node16", "bundler"];
const HOSTS = {
  dom: { lib: [...LIB, "dom"], types: [], usage: "types-check.ts", resolutions: ESM },
  "node-types": { lib: LIB, types: ["node"], usage: "types-check.ts", resolutions: ESM },
  "no-host-types": { lib: LIB, types: [], usage: "types-node.ts", resolutions: ESM },
  "workers-types": { lib: LIB, types: ["@cloudflare/workers-types"], usage: "types-check.ts", resolutions: ["bundler"] },
  "node-types-require": { lib: LIB, types: ["node"], usage: "types-cjs.cts", resolutions: ["node20-cjs"] },
};

const manifest = JSON.parse(readFileSync(require.resolve("healthauth/package.json"), "utf8"));
const typedSubpaths = Object.entries(manifest.exports)
  .filter(([subpath, target]) => subpath !== "." && typeof target === "object" && "types" in target)
  .map(([subpath]) => `healthauth/${subpath.slice(2)}`);

rmSync(cellsDir, { recursive: true, force: true });
mkdirSync(cellsDir, { recursive: true });
const entries = join(cellsDir, "entries.ts");
writeFileSync(
  entries,
  typedSubpaths.map((specifier, i) => `import * as entry${i} from "${specifier}";\nvoid entry${i};\n`).join("") + "export {};\n",
);

/** The `tsc` of one TypeScript alias (7.0 exports no subpaths: read its bin from package.json). */
function tscOf(version) {
  const manifestPath = require.resolve(`typescript-${version}/package.json`);
  return join(manifestPath, "..", JSON.parse(readFileSync(manifestPath, "utf8")).bin.tsc);
}

const cells = [];
for (const version of TYPESCRIPTS) {
  for (const [host, { lib, types, usage, resolutions }] of Object.entries(HOSTS)) {
    for (const resolution of resolutions) {
      const name = `ts${version}-${resolution}-${host}`;
      const tsconfig = join(cellsDir, `${name}.json`);
      const compilerOptions = { strict: true, noEmit: true, target: "es2022", ...RESOLUTIONS[resolution], lib, types, skipLibCheck: false };
      const files = usage.endsWith(".cts") ? [join(tests, usage)] : [join(tests, usage), entries];
      writeFileSync(tsconfig, JSON.stringify({ compilerOptions, files }, null, 2));
      cells.push({ name, tsc: tscOf(version), tsconfig });
    }
  }
}

// Two at a time: the machine's two cores.
const failed = [];
async function worker() {
  for (let cell = cells.shift(); cell; cell = cells.shift()) {
    try {
      await run(process.execPath, [cell.tsc, "-p", cell.tsconfig]);
      console.log(`types-matrix: ${cell.name}: pass`);
    } catch (error) {
      console.log(`types-matrix: ${cell.name}: FAIL\n${error.stdout}${error.stderr}`);
      failed.push(cell.name);
    }
  }
}
const total = cells.length;
await Promise.all([worker(), worker()]);
if (failed.length > 0) {
  console.error(`types-matrix: ${failed.length} of ${total} cells failed: ${failed.join(", ")}`);
  process.exit(1);
}
rmSync(cellsDir, { recursive: true, force: true });
console.log(`types-matrix: pass (${total} cells; entries: ., ${typedSubpaths.join(", ")})`);
