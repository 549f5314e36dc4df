// Runs the shared suite in any runtime with ES modules and WebCrypto (used for Deno and Bun):
// imports `healthauth` by name, so each runtime resolves its own export condition, prints one
// line per test and a closing "RUNTIME: N passed, N failed" line, and exits non-zero on failure.
import * as ha from "healthauth";
import { suite, webPlatform as platform } from "./suites/index.js";

const runtime = typeof Deno !== "undefined" ? "deno" : typeof Bun !== "undefined" ? "bun" : "node";

let passed = 0;
let failed = 0;
for (const { name, fn } of suite(ha, platform)) {
  try {
    await fn();
    passed++;
    console.log(`ok - ${runtime}: ${name}`);
  } catch (error) {
    failed++;
    console.log(`not ok - ${runtime}: ${name}\n  ${String(error?.stack ?? error).replace(/\n/g, "\n  ")}`);
  }
}
console.log(`${runtime}: ${passed} passed, ${failed} failed`);
if (failed > 0 || passed === 0) {
  if (typeof Deno !== "undefined") Deno.exit(1);
  else process.exit(1);
}
