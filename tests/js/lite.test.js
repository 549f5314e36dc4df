// healthauth/lite in Node, from the packed package imported by name: the shared suite minus the
// tests skipped by name (suites/lite.js), ESM and CommonJS, next to the full entry, and the
// README's lite snippet as written.
import { test } from "node:test";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";
import * as lite from "healthauth/lite";
import * as full from "healthauth";
import { liteSuite } from "./suites/lite.js";

const platform = { sha256: async (text) => createHash("sha256").update(text, "utf8").digest() };

for (const { name, fn, skip } of liteSuite(lite, platform)) test(`node-lite: ${name}`, skip ? { skip } : {}, fn);

test("node-lite: the same API names as the full entry; one HealthAuthError class", () => {
  assert.deepEqual(Object.keys(lite).sort(), Object.keys(full).sort());
  assert.equal(lite.HealthAuthError, full.HealthAuthError);
});

test("node-lite: both entries in one program are two independent wasm instances", () => {
  const es = full.SigningKey.generate("ES384");
  const hs = lite.SigningKey.generate("HS256");
  assert.equal(es.alg, "ES384");
  assert.equal(hs.alg, "HS256");
  assert.throws(() => lite.SigningKey.generate("ES384"), { code: "ERR_NOT_IN_LITE" });
  // Each entry's keys work with its own functions, side by side.
  assert.equal(full.verifyJwt(full.signJwt(es, { sub: "a" }), es, { requireExp: false }).claims.sub, "a");
  assert.equal(lite.verifyJwt(lite.signJwt(hs, { sub: "b" }), hs, { requireExp: false }).claims.sub, "b");
  const pair = lite.createPkce();
  assert.equal(full.verifyPkce(pair.verifier, pair.challenge), true);
  es.free();
  hs.free();
});

test("node-lite: require(\"healthauth/lite\") (CommonJS) gives the same module instance", () => {
  const require = createRequire(import.meta.url);
  const cjs = require("healthauth/lite");
  assert.equal(cjs.createPkce, lite.createPkce);
  assert.equal(cjs.createPkce().method, "S256");
});

test("node-lite: the README's healthauth/lite snippet runs and prints ERR_NOT_IN_LITE", () => {
  const readme = ["../../../README.md", "../../../../README.md"]
    .map((p) => new URL(p, import.meta.url))
    .find((u) => existsSync(u));
  assert.ok(readme, "README.md not found next to the tests");
  const text = readFileSync(readme, "utf8");
  const start = text.indexOf("### `healthauth/lite`");
  assert.ok(start > 0, "no healthauth/lite section in the README");
  const block = /```js\n([\s\S]*?)```/.exec(text.slice(start));
  assert.ok(block, "no js snippet in the healthauth/lite section");
  const file = new URL("./.readme-lite-snippet.mjs", import.meta.url);
  writeFileSync(file, block[1]);
  try {
    const out = execFileSync(process.execPath, [fileURLToPath(file)], { encoding: "utf8", timeout: 30_000 });
    assert.equal(out.trim(), "ERR_NOT_IN_LITE");
  } finally {
    rmSync(file, { force: true });
  }
});

test("node-lite: TypeScript resolves healthauth/lite's declarations (the same names as healthauth)", async () => {
  const { default: ts } = await import("typescript");
  const file = fileURLToPath(new URL("./.lite-types-check.ts", import.meta.url));
  writeFileSync(
    file,
    [
      'import init, { createPkce, SigningKey, HealthAuthError, type HealthAuthErrorCode } from "healthauth/lite";',
      "await init();",
      "const verifier: string = createPkce().verifier;",
      'const key: SigningKey = SigningKey.generate("HS256");',
      'const code: HealthAuthErrorCode = "ERR_NOT_IN_LITE";',
      "export { verifier, key, code, HealthAuthError };",
    ].join("\n"),
  );
  try {
    const program = ts.createProgram([file], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      lib: ["lib.es2022.d.ts", "lib.esnext.disposable.d.ts", "lib.dom.d.ts"],
      types: [],
    });
    const errors = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    assert.deepEqual(errors, []);
  } finally {
    rmSync(file, { force: true });
  }
});
