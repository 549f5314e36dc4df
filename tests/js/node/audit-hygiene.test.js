// Regression tests for audit findings 7, 9, 11 and 12 (issue 14): each asserts the secure
// behaviour concretely, against the packed package.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHmac, randomBytes } from "node:crypto";
import {
  SigningKey,
  verifyJwt,
  jwks,
  signJwt,
  verifyWebhook,
  verifyWebhookRequest,
  signWebhook,
  memoryReplayStore,
  parseCallback,
  randomState,
  clientCredentialsRequest,
  updoxAuth,
  TokenClient,
} from "healthauth";
import { memoryContains } from "./wasm-memory.js";

const NOW = () => Math.floor(Date.now() / 1000);
const BODY = '{"type":"lab.result","id":"r1"}';
const deliver = (headers, body = BODY) => new Request("https://app.example/hook", { method: "POST", headers, body });
const whsec = () => `whsec_${randomBytes(24).toString("base64")}`;

// ---- finding 7 -------------------------------------------------------------------------------

test("finding 7: verifyJwt with audience: [] is ERR_INVALID_ARGUMENT, whatever the token's aud", () => {
  const key = SigningKey.generate("ES256");
  for (const aud of ["https://api.example", ["a", "b"], undefined]) {
    const claims = { exp: NOW() + 60 };
    if (aud !== undefined) claims.aud = aud;
    const token = signJwt(key, claims);
    for (const k of [key, key.verifyingKey(), key.publicJwk(), jwks([key])]) {
      assert.throws(() => verifyJwt(token, k, { audience: [] }), (e) => {
        assert.equal(e.code, "ERR_INVALID_ARGUMENT");
        assert.match(e.message, /audience/);
        return true;
      });
    }
    // Leaving it out still means "not checked"; a non-empty list still checks.
    verifyJwt(token, key, {});
  }
  const token = signJwt(key, { aud: "https://api.example", exp: NOW() + 60 });
  verifyJwt(token, key, { audience: ["https://api.example"] });
  assert.throws(() => verifyJwt(token, key, { audience: ["https://other.example"] }), { code: "ERR_JWT_CLAIM_INVALID" });
});

// ---- finding 9 -------------------------------------------------------------------------------

test("finding 9: with seen: true, the first of 12,000 distinct deliveries still replays", async () => {
  const secret = whsec();
  const first = signWebhook({ scheme: "standard", payload: BODY, secret, id: "msg_first_of_many" });
  await verifyWebhookRequest(deliver(first), { scheme: "standard", secret, seen: true });
  for (let i = 0; i < 12_000; i++) {
    const headers = signWebhook({ scheme: "standard", payload: BODY, secret, id: `msg_flood_${i}` });
    await verifyWebhookRequest(deliver(headers), { scheme: "standard", secret, seen: true });
  }
  await assert.rejects(verifyWebhookRequest(deliver(first), { scheme: "standard", secret, seen: true }), {
    code: "ERR_WEBHOOK_REPLAYED",
  });
});

test("finding 9: two tenants, one shared store, the same webhook-id: both genuine deliveries pass", async () => {
  const map = new Map();
  const shared = { has: async (key) => map.has(key), put: async (key, ttl) => void map.set(key, ttl) };
  const [secretA, secretB] = [whsec(), whsec()];
  // Tenant A (or anyone holding A's secret) delivers id msg_42 first...
  const fromA = signWebhook({ scheme: "standard", payload: BODY, secret: secretA, id: "msg_42" });
  await verifyWebhookRequest(deliver(fromA), { scheme: "standard", secret: secretA, seen: shared });
  // ...and tenant B's genuine msg_42 is still accepted.
  const fromB = signWebhook({ scheme: "standard", payload: BODY, secret: secretB, id: "msg_42" });
  const b = await verifyWebhookRequest(deliver(fromB), { scheme: "standard", secret: secretB, seen: shared });
  assert.equal(b.id, "msg_42");
  // Each replay is still refused, for its own tenant.
  for (const [headers, secret] of [[fromA, secretA], [fromB, secretB]]) {
    await assert.rejects(verifyWebhookRequest(deliver(headers), { scheme: "standard", secret, seen: shared }), {
      code: "ERR_WEBHOOK_REPLAYED",
    });
  }
  // The keys carry the scheme and a digest of the secret, never the secret; TTL from the core.
  const keys = [...map.keys()];
  assert.equal(keys.length, 2);
  for (const key of keys) {
    assert.match(key, /^standard:[0-9a-f]{32}:msg_42$/);
    for (const secret of [secretA, secretB]) {
      assert.ok(!key.includes(secret) && !key.includes(secret.slice(6)), "the key contains a secret");
    }
  }
  assert.deepEqual([...map.values()], [601, 601]);
  // Stripe too: same timestamp and body, different secrets, different keys.
  const t = NOW();
  const stripeKeys = ["whsec_tenant_a", "whsec_tenant_b"].map((secret) => {
    const headers = signWebhook({ scheme: "stripe", payload: BODY, secret, timestamp: t });
    return verifyWebhook({ scheme: "stripe", payload: BODY, headers, secret }).replayKey;
  });
  assert.notEqual(stripeKeys[0], stripeKeys[1]);
  assert.ok(stripeKeys.every((k) => k.startsWith("stripe:")));
});

test("finding 9: the replay TTL comes from the core (twice the tolerance plus one second, at least 60 s)", async () => {
  const secret = whsec();
  const puts = [];
  const store = { has: () => false, put: (key, ttl) => void puts.push(ttl) };
  for (const [tolerance, ttl] of [[undefined, 601], [10, 60], [100, 201]]) {
    const options = { scheme: "standard", secret };
    if (tolerance !== undefined) options.toleranceSeconds = tolerance;
    const headers = signWebhook({ scheme: "standard", payload: BODY, secret });
    assert.equal(verifyWebhook({ ...options, payload: BODY, headers }).replayTtlSeconds, ttl);
    await verifyWebhookRequest(deliver(headers), { ...options, seen: store });
    assert.equal(puts.at(-1), ttl);
  }
});

test("finding 9: a rotation replay stripped of one signature is still refused", async () => {
  const [oldSecret, newSecret] = [whsec(), whsec()];
  const store = memoryReplayStore();
  const secrets = [oldSecret, newSecret];
  const both = signWebhook({ scheme: "standard", payload: BODY, secrets, id: "msg_rotation" });
  const first = verifyWebhook({ scheme: "standard", payload: BODY, headers: both, secrets });
  assert.equal(first.replayKeys.length, 2);
  assert.equal(first.replayKeys[0], first.replayKey);
  await verifyWebhookRequest(deliver(both), { scheme: "standard", secrets, seen: store });
  for (const signature of both["webhook-signature"].split(" ")) {
    const stripped = { ...both, "webhook-signature": signature };
    await assert.rejects(verifyWebhookRequest(deliver(stripped), { scheme: "standard", secrets, seen: store }), {
      code: "ERR_WEBHOOK_REPLAYED",
    });
  }
});

test("finding 9: a full in-memory store refuses new deliveries (coded) and never forgets a live id", async () => {
  const secret = whsec();
  const store = memoryReplayStore({ maxEntries: 3 });
  const sent = [];
  for (let i = 0; i < 3; i++) {
    sent.push(signWebhook({ scheme: "standard", payload: BODY, secret, id: `msg_bound_${i}` }));
    await verifyWebhookRequest(deliver(sent[i]), { scheme: "standard", secret, seen: store });
  }
  const fourth = signWebhook({ scheme: "standard", payload: BODY, secret, id: "msg_bound_3" });
  await assert.rejects(verifyWebhookRequest(deliver(fourth), { scheme: "standard", secret, seen: store }), (e) => {
    assert.equal(e.code, "ERR_WEBHOOK_REPLAY_STORE_FULL");
    assert.match(e.message, /shared store/);
    assert.match(e.message, /maxEntries/);
    assert.ok(!e.message.includes(secret));
    return true;
  });
  // Every live id is still known: each replay is refused as a replay.
  for (const headers of sent) {
    await assert.rejects(verifyWebhookRequest(deliver(headers), { scheme: "standard", secret, seen: store }), {
      code: "ERR_WEBHOOK_REPLAYED",
    });
  }
  // Once the ids have expired (601 s with the default tolerance), they make room.
  const realNow = Date.now;
  Date.now = () => realNow() + 602_000;
  try {
    const later = signWebhook({ scheme: "standard", payload: BODY, secret, id: "msg_bound_later" });
    await verifyWebhookRequest(deliver(later), { scheme: "standard", secret, seen: store });
  } finally {
    Date.now = realNow;
  }
  assert.throws(() => memoryReplayStore({ maxEntries: 0 }), { code: "ERR_INVALID_ARGUMENT" });
  assert.throws(() => memoryReplayStore({ maxEntires: 5 }), { code: "ERR_UNKNOWN_OPTION" });
});

// ---- finding 11 ------------------------------------------------------------------------------

const freshSecret = () => randomBytes(36).toString("base64url");

function assertNotInWasmMemory(secret, what) {
  assert.ok(!memoryContains(secret), `${what}: the secret is still in wasm memory`);
}

test("finding 11: clientCredentialsRequest (client_secret_json) leaves no copy of the secret in wasm memory", () => {
  const secret = freshSecret();
  const request = clientCredentialsRequest({
    tokenEndpoint: "https://as.example/token",
    clientId: "client-1",
    clientAuth: { method: "client_secret_json", secret },
    scope: "system/*.read",
  });
  assert.equal(JSON.parse(request.body).client_secret, secret); // the JS copy is the output
  assertNotInWasmMemory(secret, "client_secret_json");
});

test("finding 11: clientCredentialsRequest (client_secret_basic and _post) leaves no copy in wasm memory", () => {
  for (const options of [
    (secret) => ({ clientAuth: { method: "client_secret_basic", secret } }),
    (secret) => ({ clientSecret: secret }),
    (secret) => ({ clientAuth: { method: "client_secret_post", secret } }),
  ]) {
    const secret = freshSecret();
    const request = clientCredentialsRequest({ tokenEndpoint: "https://as.example/token", clientId: "client-1", ...options(secret) });
    const sent = request.headers.authorization
      ? Buffer.from(request.headers.authorization.slice(6), "base64").toString()
      : request.body;
    assert.ok(sent.includes(secret));
    assertNotInWasmMemory(secret, JSON.stringify(options("…")));
    if (request.headers.authorization) assertNotInWasmMemory(request.headers.authorization.slice(6), "the Basic credentials");
  }
});

test("finding 11: updoxAuth (application and individual) leaves no copy of the password in wasm memory", () => {
  const applicationPassword = freshSecret();
  const app = updoxAuth({ applicationId: "updox", applicationPassword, accountId: "2001002", userId: "1337" });
  assert.equal(app.auth.applicationPassword, applicationPassword);
  assertNotInWasmMemory(applicationPassword, "updoxAuth application");
  const loginPassword = freshSecret();
  const individual = updoxAuth({ loginId: "updoxuser", loginPassword });
  assert.equal(individual.auth.loginPassword, loginPassword);
  assertNotInWasmMemory(loginPassword, "updoxAuth individual");
});

test("finding 11: SigningKey.fromSecret holds the secret until free(), then none is left", () => {
  const secret = freshSecret();
  const key = SigningKey.fromSecret(secret, { alg: "HS256" });
  // Positive control: the key itself lives in wasm memory while the handle is alive.
  assert.ok(memoryContains(secret), "control: the live key should be in wasm memory");
  const token = signJwt(key, { exp: NOW() + 60 });
  verifyJwt(token, key, {});
  key.free();
  assertNotInWasmMemory(secret, "SigningKey.fromSecret + free()");
});

test("finding 11: verifyWebhook with a secret leaves no copy of it in wasm memory", () => {
  const secret = freshSecret();
  const signature = createHmac("sha256", secret).update(BODY).digest("hex");
  verifyWebhook({ scheme: "telesoft", payload: BODY, headers: { "telesoft-signature": signature }, secret });
  assertNotInWasmMemory(secret, "verifyWebhook telesoft");
  const key = randomBytes(32);
  const standard = `whsec_${key.toString("base64")}`;
  const headers = signWebhook({ scheme: "standard", payload: BODY, secret: standard });
  verifyWebhook({ scheme: "standard", payload: BODY, headers, secret: standard });
  assertNotInWasmMemory(standard, "verifyWebhook standard (text)");
  assertNotInWasmMemory(key, "verifyWebhook standard (decoded key)");
});

// ---- finding 12 ------------------------------------------------------------------------------

const HOSTILE = `evil\r\n2026-01-01T00:00:00Z ERROR admin login\u2028${"x".repeat(300)}`;

function thrown(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  assert.fail("nothing was thrown");
}

function assertEchoedSafely(error, code) {
  assert.equal(error.code, code);
  assert.ok(!/[\r\n\u2028\u2029]/.test(error.message), `line break echoed: ${JSON.stringify(error.message)}`);
  assert.ok(error.message.includes("evil??2026-01-01T00:00:00Z ERROR admin"), error.message);
  assert.ok(error.message.includes("..."), "the cut is not marked");
  assert.ok(!error.message.includes("x".repeat(41)), "the echo is not bounded");
}

test("finding 12: an unknown webhook scheme and unknown option names are sanitized and bounded", () => {
  assertEchoedSafely(
    thrown(() => verifyWebhook({ scheme: HOSTILE, payload: BODY, headers: {}, secret: "s" })),
    "ERR_WEBHOOK_SCHEME_UNKNOWN",
  );
  assertEchoedSafely(
    thrown(() => verifyWebhook({ scheme: "telesoft", payload: BODY, headers: {}, secret: "s", [HOSTILE]: true })),
    "ERR_UNKNOWN_OPTION",
  );
  assertEchoedSafely(thrown(() => parseCallback("https://app/cb", { expectedState: "s", [HOSTILE]: 1 })), "ERR_UNKNOWN_OPTION");
  assertEchoedSafely(thrown(() => SigningKey.generate(HOSTILE)), "ERR_ALG_UNSUPPORTED");
  assertEchoedSafely(
    thrown(() => new TokenClient({ tokenEndpoint: "https://as.example/token", clientId: "c", clientSecret: "s", [HOSTILE]: 1 })),
    "ERR_UNKNOWN_OPTION",
  );
});

test("finding 12: parseCallback refuses a callback without the expected state before showing provider text", () => {
  const state = randomState();
  const injected = "error=access_denied&error_description=Session+expired.+Call+support+at+%2B1-555-0100";
  for (const url of [`https://app/cb?${injected}`, `https://app/cb?${injected}&state=${randomState()}`]) {
    const e = thrown(() => parseCallback(url, { expectedState: state }));
    assert.equal(e.code, "ERR_OAUTH_STATE_MISMATCH");
    assert.ok(!/555|support|access_denied/.test(e.message), e.message);
    assert.equal(e.errorDescription, undefined);
  }
  // With the state, the (sanitized) provider error is reported; with RFC 9207, after the issuer.
  const e = thrown(() => parseCallback(`https://app/cb?${injected}&state=${state}`, { expectedState: state }));
  assert.equal(e.code, "ERR_OAUTH_CALLBACK_ERROR");
  assert.equal(e.error, "access_denied");
  const mixup = `https://app/cb?${injected}&state=${state}&iss=https%3A%2F%2Fevil.example`;
  assert.equal(thrown(() => parseCallback(mixup, { expectedState: state, expectedIssuer: "https://as.example" })).code, "ERR_OAUTH_CALLBACK_INVALID");
});
