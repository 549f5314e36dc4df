// Runs the shared suite in any runtime with ES modules and WebCrypto (used for Deno and Bun):
// imports `healthauth` by name, so each runtime resolves its own export condition, prints one
// line per test and a closing "RUNTIME: N passed, N failed" line, and exits non-zero on failure.
// Then, in the same process, the lite suite against `healthauth/lite` ("RUNTIME-lite: ...",
// with the tests it cannot run listed as skipped by name).
import * as ha from "healthauth";
import * as lite from "healthauth/lite";
import { suite, webPlatform as platform } from "./suites/index.js";
import { liteSuite } from "./suites/lite.js";

const runtime = typeof Deno !== "undefined" ? "deno" : typeof Bun !== "undefined" ? "bun" : "node";

async function run(label, tests) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const { name, fn, skip } of tests) {
    if (skip) {
      skipped++;
      console.log(`ok - ${label}: ${name} # SKIP ${skip}`);
      continue;
    }
    try {
      await fn();
      passed++;
      console.log(`ok - ${label}: ${name}`);
    } catch (error) {
      failed++;
      console.log(`not ok - ${label}: ${name}\n  ${String(error?.stack ?? error).replace(/\n/g, "\n  ")}`);
    }
  }
  console.log(`${label}: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped by name` : ""}`);
  return failed === 0 && passed > 0;
}

const fullOk = await run(runtime, suite(ha, platform));
const liteOk = await run(`${runtime}-lite`, liteSuite(lite, platform));
if (!fullOk || !liteOk) {
  if (typeof Deno !== "undefined") Deno.exit(1);
  else process.exit(1);
}
