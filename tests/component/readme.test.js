// The README's JavaScript block of "Use from any component host", run as written against the
// component that `make component` transpiled with jco (its `./out/` is target/jco/component-js).
// The Python block of that section runs in cases_wasmtime.py.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, rmSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
const HEADING = "## Use from any component host";

test("readme: the component's JavaScript block runs in jco", () => {
  const start = readme.indexOf(HEADING);
  assert.ok(start >= 0, `README.md has no ${HEADING}`);
  const end = readme.indexOf("\n## ", start + HEADING.length);
  const blocks = [...readme.slice(start, end).matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
  assert.equal(blocks.length, 1, "one js block");
  assert.ok(blocks[0].includes('from "./out/healthauth.js"'), "the block imports jco's output from ./out/");
  const code = blocks[0].replace('"./out/healthauth.js"', '"./component-js/healthauth.js"');
  // Printing the assertion proves the block ran to its end.
  const file = new URL("../../target/jco/.readme-snippet.mjs", import.meta.url);
  writeFileSync(file, `${code}\nconsole.log(assertion.split(".").length);\n`);
  try {
    const out = execFileSync(process.execPath, [fileURLToPath(file)], { encoding: "utf8", timeout: 30_000 });
    assert.equal(out.trim(), "3", "a compact JWS");
  } finally {
    rmSync(file, { force: true });
  }
});
