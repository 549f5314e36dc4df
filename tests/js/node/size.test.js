// The size budgets of the shipped wasm files, over the packed package as users install it: fails
// when dist/healthauth_bg.wasm (healthauth) or lite/dist/healthauth_bg.wasm (healthauth/lite)
// grows past its budget (tests/js/size-budget.json, which also records issue 9's targets;
// `make size` prints the full picture).
import { test } from "node:test";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { gzipSync } from "node:zlib";

const require = createRequire(import.meta.url);
const budget = JSON.parse(readFileSync(new URL("../size-budget.json", import.meta.url), "utf8"));

for (const name of ["npm package", "healthauth/lite"]) {
  test(`size: the ${name} wasm stays within its budget (raw and gzip -9)`, () => {
    const entry = budget.files[name];
    const file = require.resolve("healthauth/package.json").replace(/package\.json$/, entry.package_path);
    const bytes = readFileSync(file);
    const gzip = gzipSync(bytes, { level: 9 }).length;
    const line = `${entry.package_path}: ${bytes.length} bytes raw (budget ${entry.raw}), ${gzip} gzip (budget ${entry.gzip}, issue 9 target ${entry.target})`;
    console.log(line);
    if (bytes.length > entry.raw || gzip > entry.gzip) {
      throw new Error(`over the size budget: ${line}. Find what grew with \`make size\`; raise the budget in tests/js/size-budget.json only on purpose.`);
    }
  });
}
