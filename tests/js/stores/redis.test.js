// Replay protection and token single-flight across processes, through a real redis-server on
// loopback: 4 Node processes share one Redis (and one loopback token endpoint).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createClient } from "redis";
import { redisStore, signWebhook, verifyWebhookRequest, TokenClient } from "healthauth";
import { startRedis } from "./redis-server.js";
import { startTokenEndpoint } from "./token-endpoint.js";
import { inProcesses } from "./processes.js";
import { storeSnippets } from "./readme.js";
import { writeFileSync, rmSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const SECRET = "whsec_" + Buffer.from("redis-store-test-secret-32-bytes").toString("base64");
let redis;

before(async () => {
  redis = await startRedis();
});
after(async () => {
  await redis?.dispose();
});

/** A freshly signed `standard` delivery (a new webhook-id each time). */
function delivery(body = '{"event":"patient.updated"}') {
  const headers = signWebhook({ scheme: "standard", payload: body, secret: SECRET, id: `msg_${crypto.randomUUID()}` });
  return { body, headers };
}

const request = ({ body, headers }) => new Request("https://hooks.example/in", { method: "POST", headers, body });

test("redis: 4 processes × 250 concurrent getAccessToken() make exactly 1 token request", { timeout: 60_000 }, async () => {
  const endpoint = await startTokenEndpoint([3600]);
  try {
    const job = { name: "tokens", tokenEndpoint: endpoint.url, calls: 250, spreadMs: 0 };
    const results = await inProcesses([0, 1, 2, 3].map((i) => ({ job, redisUrl: redis.url, client: i < 2 ? "redis" : "ioredis" })));
    assert.equal(endpoint.requests, 1, "token requests");
    for (const result of results) assert.deepEqual(result.tokens, ["token-1"]);
  } finally {
    await endpoint.close();
  }
});

test("redis: with the token expiring mid-run, 4 processes × 250 calls make exactly 1 refresh", { timeout: 60_000 }, async () => {
  // The first token lives 2 s (refreshed 1 s in) and comes with a refresh token; the calls are
  // spread over 2.5 s.
  const endpoint = await startTokenEndpoint([2, 3600], { refreshTokens: true });
  try {
    const job = { name: "tokens", tokenEndpoint: endpoint.url, calls: 250, spreadMs: 2500 };
    // Another store key than the test above (another client secret would do too): flush it.
    const cleaner = createClient({ url: redis.url });
    await cleaner.connect();
    await cleaner.flushAll();
    await cleaner.quit();
    const results = await inProcesses([0, 1, 2, 3].map((i) => ({ job, redisUrl: redis.url, client: i % 2 ? "ioredis" : "redis" })));
    assert.equal(endpoint.requests, 2, "one token, then one refresh");
    assert.deepEqual(endpoint.grants, ["client_credentials", "refresh_token"], "the refresh token is sent once");
    // Every process got only these two tokens (a slow one may have seen only the second).
    const seen = new Set(results.flatMap((result) => result.tokens));
    assert.deepEqual([...seen].sort(), ["token-1", "token-2"]);
  } finally {
    await endpoint.close();
  }
});

test("redis: one delivery sent 50 times by each of 4 processes is accepted once, refused 199 times", { timeout: 60_000 }, async () => {
  const job = { name: "webhooks", delivery: delivery(), secret: SECRET, count: 50 };
  const results = await inProcesses([0, 1, 2, 3].map((i) => ({ job, redisUrl: redis.url, client: i < 2 ? "redis" : "ioredis" })));
  const total = {};
  for (const counts of results) for (const [k, v] of Object.entries(counts)) total[k] = (total[k] ?? 0) + v;
  assert.deepEqual(total, { accepted: 1, ERR_WEBHOOK_REPLAYED: 199 });
});

test("redis: stopped mid-run, calls fail with ERR_STORE_UNAVAILABLE, never accept a replay, and recover", { timeout: 60_000 }, async () => {
  const client = createClient({ url: redis.url, disableOfflineQueue: true, socket: { reconnectStrategy: () => 50 } });
  client.on("error", () => {});
  await client.connect();
  const store = redisStore(client);
  const options = { scheme: "standard", secret: SECRET, seen: store };
  const verify = (d) => verifyWebhookRequest(request(d), options).then(() => "accepted", (e) => e.code);
  const seenBefore = delivery();
  const during = delivery();
  // node-redis waits for Redis between reconnects without holding the event loop open.
  const alive = setInterval(() => {}, 1000);
  try {
    assert.equal(await verify(seenBefore), "accepted");
    assert.equal(await verify(seenBefore), "ERR_WEBHOOK_REPLAYED");

    await redis.stop();
    const refused = await Promise.all([verify(seenBefore), verify(during)]);
    assert.deepEqual(refused, ["ERR_STORE_UNAVAILABLE", "ERR_STORE_UNAVAILABLE"]);
    assert.equal(await verify(during), "ERR_STORE_UNAVAILABLE", "a retry during the outage is refused too");
    const error = await verifyWebhookRequest(request(during), options).catch((e) => e);
    assert.equal(error.details.store, "redis");
    assert.doesNotMatch(error.message, /claim:|msg_|whsec_/, "no key, id or secret in the message");
    // A token client treats the failing store as a miss with no lease: it fetches for itself.
    const endpoint = await startTokenEndpoint([3600]);
    try {
      const tokens = new TokenClient({ tokenEndpoint: endpoint.url, clientId: "outage", clientSecret: "outage-secret", store, retries: 0 });
      assert.equal(await tokens.getAccessToken(), "token-1");
      assert.equal(endpoint.requests, 1);
    } finally {
      await endpoint.close();
    }

    await redis.start();
    const deadline = Date.now() + 10_000;
    while (!client.isReady) {
      assert.ok(Date.now() < deadline, "the client reconnects within 10 s");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // The claim made before the outage survived it; the refused delivery was never recorded.
    assert.equal(await verify(seenBefore), "ERR_WEBHOOK_REPLAYED");
    assert.equal(await verify(during), "accepted");
    assert.equal(await verify(during), "ERR_WEBHOOK_REPLAYED");
  } finally {
    clearInterval(alive);
    await client.quit().catch(() => client.disconnect());
  }
});

test("redis: the README's Redis snippet runs, and its store refuses a replay", { timeout: 30_000 }, async () => {
  // Run as written, then with a line that connects and delivers one webhook twice.
  const file = new URL("./.readme-redis.mjs", import.meta.url);
  const hook = delivery();
  writeFileSync(
    file,
    storeSnippets()[0] +
      `await redis.connect();
const request = () => new Request("https://hooks.example/in", { method: "POST", headers: ${JSON.stringify(hook.headers)}, body: ${JSON.stringify(hook.body)} });
const first = await onWebhook(request());
const second = await onWebhook(request()).catch((e) => e.code);
console.log(JSON.stringify([first, second]));
await redis.quit();
`,
  );
  try {
    const out = execFileSync(process.execPath, [fileURLToPath(file)], {
      env: { ...process.env, REDIS_URL: redis.url, WEBHOOK_SECRET: SECRET, CLIENT_SECRET: "readme-secret" },
      timeout: 20_000,
    });
    assert.deepEqual(JSON.parse(out), [JSON.parse(hook.body), "ERR_WEBHOOK_REPLAYED"]);
  } finally {
    rmSync(file, { force: true });
  }
});
