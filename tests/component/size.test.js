// The size budget of the WebAssembly component (tests/js/size-budget.json): fails when
// target/component/healthauth.wasm grows past it. `make size` prints the full picture.
import { test } from "node:test";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const budget = JSON.parse(readFileSync(new URL("../js/size-budget.json", import.meta.url), "utf8"));

test("size: the component stays within its budget (raw and gzip -9)", () => {
  const entry = budget.files.component;
  const bytes = readFileSync(new URL(`../../${entry.path}`, import.meta.url));
  const gzip = gzipSync(bytes, { level: 9 }).length;
  const line = `${entry.path}: ${bytes.length} bytes raw (budget ${entry.raw}), ${gzip} gzip (budget ${entry.gzip})`;
  console.log(line);
  if (bytes.length > entry.raw || gzip > entry.gzip) {
    throw new Error(`over the size budget: ${line}. Find what grew with \`make size\`; raise the budget in tests/js/size-budget.json only on purpose.`);
  }
});
