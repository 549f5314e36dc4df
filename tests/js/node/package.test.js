// The packed package: what npm ships and how each runtime condition resolves.
import { test } from "node:test";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import assert from "node:assert/strict";
import * as node from "healthauth";

const require = createRequire(import.meta.url);
const manifest = JSON.parse(readFileSync(require.resolve("healthauth/package.json"), "utf8"));

test("package: exports list types first and one entry per runtime", () => {
  const conditions = Object.keys(manifest.exports["."]);
  const expected = ["types", "workerd", "deno", "bun", "node", "browser", "default"];
  if (conditions.join() !== expected.join()) throw new Error(`conditions ${conditions}`);
  if (manifest.type !== "module") throw new Error("not an ES module package");
});

test("package: the browser and workerd entries export exactly what the node entry does", async () => {
  const dir = require.resolve("healthauth/package.json").replace(/package\.json$/, "");
  const browser = await import(pathToFileURL(dir + "browser.js").href);
  const names = (module) => Object.keys(module).sort().join(",");
  assert.equal(names(browser), names(node));
  // workerd.js imports the .wasm as a module, which Node cannot: compare its source instead.
  const workerd = readFileSync(dir + "workerd.js", "utf8");
  assert.match(workerd, /export \* from "\.\/api\.js";/);
  assert.match(workerd, /export default async function init/);
});