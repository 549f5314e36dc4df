// Audit finding 1: hostile inputs never reach a trap and never grow the wasm memory. The shared
// suite (tests/js/suites/limits.js) checks the codes in every runtime; this adds the memory.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as ha from "healthauth";
import { HOSTILE_SIZES, hostileCalls, legitimateCalls } from "../suites/limits.js";
import { memoryBytes } from "./wasm-memory.js";

test("finding 1: 5, 16 and 64 MiB inputs at every entry leave wasm memory bounded and the instance working", () => {
  legitimateCalls(ha);
  for (const [, , call] of hostileCalls(ha, 1024 * 1024)) assert.throws(call);
  const before = memoryBytes();
  for (let round = 0; round < 3; round++) {
    for (const n of HOSTILE_SIZES) {
      for (const [name, code, call] of hostileCalls(ha, n)) {
        assert.throws(call, (error) => error instanceof ha.HealthAuthError && error.code === code, name);
      }
    }
  }
  legitimateCalls(ha);
  const grown = memoryBytes() - before;
  assert.ok(grown <= 1024 * 1024, `wasm memory grew by ${grown} bytes (from ${before})`);
});
