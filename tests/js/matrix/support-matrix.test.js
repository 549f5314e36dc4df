// The README's support matrix is the one `make test` runs: every runtime or build row names a
// pass line the Makefile's test-js target prints, and every such line has its row.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

const repo = new URL("../../../../", import.meta.url); // from target/js-consumer/tests/matrix
const readme = readFileSync(new URL("README.md", repo), "utf8");
const makefile = readFileSync(new URL("Makefile", repo), "utf8");

// Lines of the test-js recipe that are not runtimes or builds (README lists them in prose): type
// checks, package lints, the stores tested against real servers (README, Stores), the demo, and
// the malformed-input battery.
const NOT_ROWS = ["types", "types-matrix", "publint", "attw", "redis", "durable-object", "deno-kv", "demo", "malformed-node", "malformed-workerd"];

test("support matrix: the README's rows are exactly the runtimes and builds make test-js reports", () => {
  const start = readme.indexOf("### Support matrix");
  assert.notEqual(start, -1, "README has no Support matrix section");
  const section = readme.slice(start, readme.indexOf("\n#", start + 4));
  const rows = [...section.matchAll(/^\|.*\| `([a-z0-9-]+)` \|$/gm)].map((m) => m[1]);

  const recipe = makefile.slice(makefile.indexOf("\ntest-js:"), makefile.indexOf("\ntest-component:"));
  const lines = [...recipe.matchAll(/echo "([a-z0-9-]+): pass/g)].map((m) => m[1]).filter((name) => !NOT_ROWS.includes(name));

  assert.ok(rows.length >= 10, `too few rows: ${rows}`);
  assert.deepEqual([...rows].sort(), [...lines].sort());
});
