// The TypeScript declarations compile against real usage (and refuse misuse) with tsc --strict.
import { test } from "node:test";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

test("types: index.d.ts checks with tsc --strict", () => {
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  const project = fileURLToPath(new URL("./tsconfig.json", import.meta.url));
  execFileSync(process.execPath, [tsc, "-p", project], { stdio: "inherit" });
});
