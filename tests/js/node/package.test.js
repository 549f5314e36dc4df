// The packed package: what npm ships and how each runtime condition resolves.
import { test } from "node:test";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as node from "healthauth";

const require = createRequire(import.meta.url);
const manifest = JSON.parse(readFileSync(require.resolve("healthauth/package.json"), "utf8"));

test("package: exports list types first and one entry per runtime", () => {
  const conditions = Object.keys(manifest.exports["."]);
  const expected = ["types", "workerd", "deno", "bun", "node", "browser", "default"];
  if (conditions.join() !== expected.join()) throw new Error(`conditions ${conditions}`);
  if (manifest.type !== "module") throw new Error("not an ES module package");
});

test("package: the browser entry exports exactly what the node entry does", async () => {
  const dir = require.resolve("healthauth/package.json").replace(/package\.json$/, "");
  const browser = readFileSync(dir + "browser.js", "utf8");
  const exported = new Set([...browser.matchAll(/export const (\w+) = guard/g)].map((m) => m[1]));
  exported.add("HealthAuthError");
  exported.add("default");
  const fromNode = new Set(Object.keys(node));
  for (const name of fromNode) if (!exported.has(name)) throw new Error(`browser entry lacks ${name}`);
  for (const name of exported) if (!fromNode.has(name)) throw new Error(`node entry lacks ${name}`);
});
