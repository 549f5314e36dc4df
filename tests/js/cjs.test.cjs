// The shared suite in Node through require(): the same module instance as import, so
// `instanceof HealthAuthError` holds across both (no dual-package hazard).
const { test } = require("node:test");
const { createHash } = require("node:crypto");
const ha = require("healthauth");
const { suite } = require("./suites/index.js");

const platform = { sha256: async (text) => createHash("sha256").update(text, "utf8").digest() };

for (const { name, fn } of suite(ha, platform)) test(`node cjs: ${name}`, fn);

test("node cjs: require and import share one module and one error class", async () => {
  const esm = await import("healthauth");
  if (esm.HealthAuthError !== ha.HealthAuthError) throw new Error("two HealthAuthError classes");
  if (esm.createPkce !== ha.createPkce) throw new Error("two module instances");
});
