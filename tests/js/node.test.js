// The shared suite in Node, importing the packed package by name (ESM).
import { test } from "node:test";
import { createHash } from "node:crypto";
import * as ha from "healthauth";
import { suite } from "./suites/index.js";

const platform = { sha256: async (text) => createHash("sha256").update(text, "utf8").digest() };

for (const { name, fn } of suite(ha, platform)) test(`node esm: ${name}`, fn);

test("node esm: the package resolves to its node entry and is usable without init()", async () => {
  const { default: init } = await import("healthauth");
  await init(); // a no-op outside browsers, so shared code may always call it
  if (ha.createPkce().method !== "S256") throw new Error("not usable");
});
