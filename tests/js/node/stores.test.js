// The store contract in one process: what verifyWebhookRequest and TokenClient do with a
// store's claim and lease (the adapters against Redis, workerd and Deno KV: ../stores/).
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  memoryReplayStore,
  verifyWebhookRequest,
  signWebhook,
  TokenClient,
  redisStore,
  denoKvStore,
  durableObjectStore,
  HealthAuthError,
} from "healthauth";
import { startTokenEndpoint } from "../stores/token-endpoint.js";

const SECRET = "whsec_" + Buffer.from("store-contract-test-secret-32-by").toString("base64");
const body = '{"event":"x"}';
const signed = (secrets = [SECRET]) => signWebhook({ scheme: "standard", payload: body, secrets, id: `msg_${crypto.randomUUID()}` });
const request = (headers) => new Request("https://hooks.example/", { method: "POST", headers, body });
const code = (promise) => promise.then(() => "ok", (e) => e.code);

/** A contract store in memory, recording the calls it gets. */
function recordingStore() {
  const claims = new Map();
  const leases = new Map();
  const values = new Map();
  const calls = [];
  return {
    calls,
    async claim(key, ttl) {
      calls.push(["claim", key, ttl]);
      if (claims.has(key)) return false;
      claims.set(key, ttl);
      return true;
    },
    async acquire(key) {
      calls.push(["acquire"]);
      if (leases.has(key)) return null;
      const lease = crypto.randomUUID();
      leases.set(key, lease);
      return lease;
    },
    async release(key, lease) {
      calls.push(["release"]);
      if (leases.get(key) === lease) leases.delete(key);
    },
    async get(key) {
      return values.get(key) ?? null;
    },
    async put(key, value) {
      values.set(key, value);
    },
  };
}

test("stores: memoryReplayStore().claim is true for the first caller only", () => {
  const store = memoryReplayStore();
  assert.equal(store.claim("k", 60), true);
  assert.equal(store.claim("k", 60), false);
  assert.equal(store.claim("other", 60), true);
});

test("stores: verifyWebhookRequest claims every replay key with the core's TTL, and refuses when any claim fails", async () => {
  const store = recordingStore();
  const previous = "whsec_" + Buffer.from("previous-secret-for-rotation-32b").toString("base64");
  const headers = signed([previous, SECRET]);
  const options = { scheme: "standard", secrets: [previous, SECRET], seen: store };
  assert.equal(await code(verifyWebhookRequest(request(headers), options)), "ok");
  const claims = store.calls.filter(([name]) => name === "claim");
  assert.equal(claims.length, 2, "one key per secret that verified it");
  assert.ok(claims.every(([, , ttl]) => ttl === 601), "the core's TTL (twice the tolerance plus one second)");
  assert.equal(await code(verifyWebhookRequest(request(headers), options)), "ERR_WEBHOOK_REPLAYED");
  // Re-signed with one secret only: its key was claimed already.
  const stripped = { ...headers, "webhook-signature": headers["webhook-signature"].split(" ")[1] };
  assert.equal(await code(verifyWebhookRequest(request(stripped), { ...options, secrets: [SECRET] })), "ERR_WEBHOOK_REPLAYED");
});

test("stores: a store that fails refuses the delivery with its coded error", async () => {
  const failing = {
    async claim() {
      throw new HealthAuthError("ERR_STORE_UNAVAILABLE", "the redis store failed", { store: "redis" });
    },
  };
  const headers = signed();
  assert.equal(await code(verifyWebhookRequest(request(headers), { scheme: "standard", secret: SECRET, seen: failing })), "ERR_STORE_UNAVAILABLE");
  // A Redis client that fails: redisStore turns it into ERR_STORE_UNAVAILABLE without the key.
  const broken = redisStore({ sendCommand: async () => { throw new Error("connect ECONNREFUSED, key healthauth:claim:standard:x"); } });
  const error = await verifyWebhookRequest(request(signed()), { scheme: "standard", secret: SECRET, seen: broken }).catch((e) => e);
  assert.equal(error.code, "ERR_STORE_UNAVAILABLE");
  assert.deepEqual(error.details, { store: "redis" });
  assert.doesNotMatch(error.message, /healthauth:claim|ECONNREFUSED/);
});

test("stores: TokenClients sharing a store with a lease make one token request; the others read its token", async () => {
  const endpoint = await startTokenEndpoint([3600]);
  try {
    const store = recordingStore();
    const clients = Array.from({ length: 4 }, () => new TokenClient({ tokenEndpoint: endpoint.url, clientId: "c", clientSecret: "s", store }));
    const tokens = await Promise.all(clients.flatMap((client) => Array.from({ length: 25 }, () => client.getAccessToken())));
    assert.deepEqual([...new Set(tokens)], ["token-1"]);
    assert.equal(endpoint.requests, 1);
    assert.ok(store.calls.some(([name]) => name === "release"), "the lease is released");
  } finally {
    await endpoint.close();
  }
});

test("stores: a lease that fails is no lease: the client fetches for itself", async () => {
  const endpoint = await startTokenEndpoint([3600]);
  try {
    const failing = { get: async () => null, put: async () => {}, acquire: async () => { throw new Error("down"); }, release: async () => {} };
    const client = new TokenClient({ tokenEndpoint: endpoint.url, clientId: "c", clientSecret: "s", store: failing });
    assert.equal(await client.getAccessToken(), "token-1");
    assert.equal(endpoint.requests, 1);
  } finally {
    await endpoint.close();
  }
});

test("stores: the adapters refuse what is not their client", () => {
  for (const call of [() => redisStore({}), () => denoKvStore({}), () => durableObjectStore({}), () => redisStore(null)]) {
    assert.throws(call, (e) => e instanceof HealthAuthError && e.code === "ERR_INVALID_ARGUMENT");
  }
  assert.throws(() => redisStore({ sendCommand() {} }, { prefx: "x" }), (e) => e.code === "ERR_UNKNOWN_OPTION");
});
