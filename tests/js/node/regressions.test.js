// Regression tests for the defects a security review found (each named after its finding).
import { test } from "node:test";
import assert from "node:assert/strict";
import { TokenClient, verifyWebhook, verifyWebhookRequest, signWebhook } from "healthauth";

const TOKEN_URL = "https://as.example/token";

function countingFetch() {
  const calls = [];
  const fetch = async (url, init) => {
    calls.push(init.body);
    return new Response(JSON.stringify({ access_token: `AT${calls.length}`, token_type: "Bearer", expires_in: 3600 }), {
      status: 200,
      headers: { "content-type": "application/json" },
    });
  };
  return { fetch, calls };
}

function kvLike() {
  const values = new Map();
  return { values, get: async (k) => values.get(k) ?? null, put: async (k, v) => void values.set(k, v) };
}

test("regression: a user's refresh token with a shared store needs a per-user storeKey", async () => {
  const store = kvLike();
  const { fetch } = countingFetch();
  assert.throws(
    () => new TokenClient({ tokenEndpoint: TOKEN_URL, clientId: "c", refreshToken: "RT_alice", store, fetch }),
    { code: "ERR_INVALID_ARGUMENT" },
  );
  const alice = new TokenClient({ tokenEndpoint: TOKEN_URL, clientId: "c", refreshToken: "RT_alice", store, fetch, storeKey: "user:alice" });
  const bob = new TokenClient({ tokenEndpoint: TOKEN_URL, clientId: "c", refreshToken: "RT_bob", store, fetch, storeKey: "user:bob" });
  assert.notEqual(await alice.getAccessToken(), await bob.getAccessToken());
});

test("regression: a `token` already past its expiry is not served", async () => {
  const { fetch, calls } = countingFetch();
  const now = Math.floor(Date.now() / 1000);
  const client = new TokenClient({
    tokenEndpoint: TOKEN_URL,
    clientId: "c",
    clientSecret: "s",
    fetch,
    // A user's token renews only through its refresh token (finding 4: never client_credentials).
    token: { accessToken: "OLD", expiresAt: now - 1000, refreshToken: "RT" },
  });
  assert.equal(await client.getAccessToken(), "AT1");
  assert.equal(calls.length, 1);
  assert.match(calls[0], /^grant_type=refresh_token&refresh_token=RT/);
});

test("regression: a `token` whose refreshAt lies past its expiry is served only until expiry", async () => {
  const { fetch } = countingFetch();
  let now = 1_800_000_000;
  const client = new TokenClient({
    tokenEndpoint: TOKEN_URL,
    clientId: "c",
    clientSecret: "s",
    fetch,
    now: () => now,
    token: { accessToken: "OLD", expiresAt: now + 10, refreshAt: now + 10_000, refreshToken: "RT" },
  });
  assert.equal(await client.getAccessToken(), "OLD");
  now += 11;
  assert.equal(await client.getAccessToken(), "AT1");
});

test("regression: invalidate() is not undone by a store still returning the old token", async () => {
  const { fetch, calls } = countingFetch();
  const store = kvLike();
  const client = new TokenClient({ tokenEndpoint: TOKEN_URL, clientId: "c", clientSecret: "s", fetch, store });
  const first = await client.getAccessToken();
  const stale = store.values.get([...store.values.keys()][0]);
  await client.invalidate();
  store.put = async () => {}; // an eventually consistent store that has not seen the write yet
  store.values.set([...store.values.keys()][0], stale);
  const second = await client.getAccessToken();
  assert.notEqual(second, first);
  assert.equal(calls.length, 2);
});

test("regression: concurrent deliveries of one webhook id pass only once with seen: true", async () => {
  const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  const body = '{"type":"lab.result"}';
  const headers = signWebhook({ scheme: "standard", payload: body, secret, id: "msg_concurrent" });
  const deliver = () => verifyWebhookRequest(new Request("https://app.example/hook", { method: "POST", headers, body }), { scheme: "standard", secret, seen: true });
  const results = await Promise.allSettled([deliver(), deliver(), deliver()]);
  assert.equal(results.filter((r) => r.status === "fulfilled").length, 1);
  for (const r of results.filter((r) => r.status === "rejected")) assert.equal(r.reason.code, "ERR_WEBHOOK_REPLAYED");
});

test("regression: oversized bodies are refused before they are copied or fully read", async () => {
  const big = new Uint8Array((1 << 20) + 1);
  assert.throws(
    () => verifyWebhook({ scheme: "telesoft", payload: big, headers: { "telesoft-signature": "00" }, secret: "s" }),
    { code: "ERR_WEBHOOK_PAYLOAD_TOO_LARGE" },
  );
  // A chunked body with no Content-Length: reading stops at the cap.
  let pulled = 0;
  const stream = new ReadableStream({
    pull(controller) {
      pulled++;
      if (pulled > 1000) controller.close();
      else controller.enqueue(new Uint8Array(64 * 1024));
    },
  });
  const request = new Request("https://app.example/hook", { method: "POST", body: stream, duplex: "half", headers: { "telesoft-signature": "00" } });
  await assert.rejects(verifyWebhookRequest(request, { scheme: "telesoft", secret: "s" }), { code: "ERR_WEBHOOK_PAYLOAD_TOO_LARGE" });
  assert.ok(pulled < 40, `read ${pulled} chunks of a 64 MB body`);
});
