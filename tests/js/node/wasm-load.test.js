// The browser entry's init() in Node (the same code runs in browsers): a .wasm that cannot be
// fetched or compiled is a coded HealthAuthError (ERR_WASM_LOAD_FAILED, the platform's error as
// `cause`), not a bare Error or TypeError, and a later init() with the right module still works.
// The 404 comes from a real server on loopback.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFileSync } from "node:fs";

// The file the package's exports give browsers (its bundled entry).
const manifest = JSON.parse(readFileSync(new URL("../../node_modules/healthauth/package.json", import.meta.url), "utf8"));
const entry = new URL(manifest.exports["."].browser, new URL("../../node_modules/healthauth/", import.meta.url));
const wasm = new URL("../../node_modules/healthauth/dist/healthauth_bg.wasm", import.meta.url);

test("browser entry: failed loads are ERR_WASM_LOAD_FAILED, and init() can be retried", async () => {
  const { default: init, createPkce, HealthAuthError } = await import(entry);
  assert.throws(() => createPkce(), (e) => e instanceof HealthAuthError && e.code === "ERR_NOT_INITIALIZED");

  const server = createServer((_, response) => response.writeHead(404).end("not here"));
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const url = `http://127.0.0.1:${server.address().port}/healthauth_bg.wasm`;
    const missing = await init(url).then(() => undefined, (e) => e);
    assert.ok(missing instanceof HealthAuthError, `a HealthAuthError, got ${missing}`);
    assert.equal(missing.code, "ERR_WASM_LOAD_FAILED");
    assert.equal(missing.details.reason, "HTTP 404");
    assert.match(missing.message, /HTTP 404.*serve dist\/healthauth_bg\.wasm/);
  } finally {
    server.close();
  }

  const garbage = await init(new Uint8Array([0, 1, 2, 3])).then(() => undefined, (e) => e);
  assert.ok(garbage instanceof HealthAuthError, `a HealthAuthError, got ${garbage}`);
  assert.equal(garbage.code, "ERR_WASM_LOAD_FAILED");
  assert.equal(garbage.details.reason, "CompileError");
  assert.ok(garbage.cause instanceof WebAssembly.CompileError, "the platform's error is the cause");

  const unreachable = await init("http://127.0.0.1:1/healthauth_bg.wasm").then(() => undefined, (e) => e);
  assert.ok(unreachable instanceof HealthAuthError, `a HealthAuthError, got ${unreachable}`);
  assert.equal(unreachable.code, "ERR_WASM_LOAD_FAILED");

  await init(readFileSync(wasm));
  assert.equal(createPkce().method, "S256");
});
