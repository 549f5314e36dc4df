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

test("finding 1: TokenClient reads a token response with a cap, while it streams", async () => {
  const { createServer } = await import("node:http");
  let sent = 0;
  const server = createServer((req, res) => {
    req.resume();
    const chunked = req.url === "/chunked";
    res.writeHead(200, chunked ? { "content-type": "application/json" } : { "content-type": "application/json", "content-length": String(64 << 20) });
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const pump = () => {
      while (sent < 64 << 20) {
        sent += chunk.length;
        if (!res.write(chunk)) return res.once("drain", pump);
      }
      res.end();
    };
    res.on("close", () => res.destroy());
    pump();
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  try {
    for (const [path, maxResponseBytes] of [["/announced", undefined], ["/chunked", undefined], ["/chunked", 4096]]) {
      sent = 0;
      const client = new ha.TokenClient({ tokenEndpoint: base + path, clientId: "c", clientSecret: "s", retries: 0, maxResponseBytes });
      await assert.rejects(client.getAccessToken(), (e) => e instanceof ha.HealthAuthError && e.code === "ERR_INPUT_TOO_LARGE", path);
      assert.ok(sent < 32 << 20, `the server sent ${sent} bytes before the client stopped reading`);
    }
  } finally {
    server.closeAllConnections();
    server.close();
  }
});
