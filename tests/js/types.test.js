// The TypeScript declarations compile against real usage (and refuse misuse) with tsc --strict,
// in a project with `dom` and in a Node-only one without it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const require = createRequire(import.meta.url);
const tsc = require.resolve("typescript/bin/tsc");
const here = (file) => fileURLToPath(new URL(file, import.meta.url));

test("types: index.d.ts checks with tsc --strict", () => {
  execFileSync(process.execPath, [tsc, "-p", here("./tsconfig.json")], { stdio: "inherit" });
});

test("types: they check in a Node-only project (lib es2022, no dom, no @types, skipLibCheck false)", () => {
  execFileSync(process.execPath, [tsc, "-p", here("./tsconfig.node.json")], { stdio: "inherit" });
});

test("types: types-check.ts imports every export of the package", () => {
  const manifest = require.resolve("healthauth/package.json");
  const index = join(dirname(manifest), JSON.parse(readFileSync(manifest, "utf8")).types);
  const program = ts.createProgram([index], { noEmit: true, types: [], module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext });
  const checker = program.getTypeChecker();
  const exported = checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(index))).map((s) => s.name);

  const source = ts.createSourceFile("types-check.ts", readFileSync(here("./types-check.ts"), "utf8"), ts.ScriptTarget.ES2022);
  const imported = new Set();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || statement.moduleSpecifier.text !== "healthauth") continue;
    const clause = statement.importClause;
    if (clause?.name) imported.add("default");
    for (const element of clause?.namedBindings?.elements ?? []) imported.add((element.propertyName ?? element.name).text);
  }
  assert.deepEqual(exported.filter((name) => !imported.has(name)).sort(), [], "exports types-check.ts does not touch");
});
