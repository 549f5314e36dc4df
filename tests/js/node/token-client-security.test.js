// Regression tests for the TokenClient findings of the security audit (issue 14): one test per
// finding, each asserting the secure behaviour concretely.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { TokenClient, SigningKey, telesoft } from "healthauth";

const TOKEN_URL = "https://as.example/token";
const NOW = 1_800_000_000;

/** A Workers-KV-shaped store that records every write with its options. */
function kvStore() {
  const values = new Map();
  const puts = [];
  return {
    values,
    puts,
    get: async (key) => values.get(key) ?? null,
    put: async (key, value, options) => {
      puts.push({ key, value, options });
      values.set(key, value);
    },
  };
}

/** A token endpoint behind an injected fetch: `respond(n, params)` gives the n-th JSON answer. */
function endpoint(respond = (n) => ({ access_token: `AT${n}`, token_type: "Bearer", expires_in: 3600 })) {
  const calls = [];
  const fetch = async (url, init) => {
    const params = Object.fromEntries(new URLSearchParams(init.body));
    calls.push({ url, init, params });
    const answer = await respond(calls.length, params);
    const [status, body] = Array.isArray(answer) ? answer : [200, answer];
    return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  };
  return { fetch, calls };
}

const only = (store) => {
  assert.equal(store.values.size, 1);
  const [[key, value]] = store.values;
  return { key, entry: JSON.parse(value) };
};

test("finding 2: tenants, scopes and credentials never share a cached token", async (t) => {
  await t.test("a shared store without clientId (or with an assertion of unknown key) needs a storeKey", () => {
    const store = kvStore();
    const keyA = SigningKey.generate("ES384");
    for (const options of [
      { tokenEndpoint: TOKEN_URL, signingKey: keyA, store },
      { tokenEndpoint: TOKEN_URL, clientAuth: { method: "private_key_jwt", assertion: () => "a.b.c" }, store },
      { tokenEndpoint: TOKEN_URL, clientId: "c", clientAuth: { method: "private_key_jwt", assertion: () => "a.b.c" }, store },
    ]) {
      assert.throws(() => new TokenClient(options), (e) => e.code === "ERR_INVALID_ARGUMENT" && /storeKey/.test(e.message));
      assert.ok(new TokenClient({ ...options, storeKey: "tenant-1" }));
    }
    // Without a shared store (per-instance memory) there is nothing to confuse.
    assert.ok(new TokenClient({ tokenEndpoint: TOKEN_URL, signingKey: keyA }));
  });

  await t.test("two assertion clients with different keys do not share a token, even under one storeKey", async () => {
    const store = kvStore();
    const server = endpoint();
    const make = (key, extra = {}) =>
      new TokenClient({ tokenEndpoint: TOKEN_URL, clientId: "redox-app", signingKey: key, store, fetch: server.fetch, ...extra });
    const tenantA = SigningKey.generate("ES384");
    const tenantB = SigningKey.generate("ES384");
    assert.equal(await make(tenantA).getAccessToken(), "AT1");
    // A key that could never authenticate is not served tenant A's token: it asks the server.
    assert.equal(await make(tenantB).getAccessToken(), "AT2");
    assert.equal(await make(tenantA).getAccessToken(), "AT1", "the same key shares");
    assert.equal(server.calls.length, 2);
    // One storeKey chosen by the caller for both: the entry records whose it is.
    assert.equal(await make(tenantA, { storeKey: "redox" }).getAccessToken(), "AT3");
    assert.equal(await make(tenantB, { storeKey: "redox" }).getAccessToken(), "AT4");
    assert.equal(server.calls.length, 4);
    // Two different client secrets: two identities too.
    const s1 = new TokenClient({ tokenEndpoint: TOKEN_URL, clientId: "c", clientSecret: "one", store, fetch: server.fetch });
    const s2 = new TokenClient({ tokenEndpoint: TOKEN_URL, clientId: "c", clientSecret: "two", store, fetch: server.fetch });
    assert.notEqual(await s1.getAccessToken(), await s2.getAccessToken());
  });

  await t.test("clinicA + read:patient_data and clinicA:read + patient_data are two keys", async () => {
    const store = kvStore();
    const server = endpoint();
    const a = new TokenClient({ tokenEndpoint: TOKEN_URL, clientId: "clinicA", scope: "read:patient_data", clientSecret: "s", store, fetch: server.fetch });
    const b = new TokenClient({ tokenEndpoint: TOKEN_URL, clientId: "clinicA:read", scope: "patient_data", clientSecret: "s", store, fetch: server.fetch });
    assert.equal(await a.getAccessToken(), "AT1");
    assert.equal(await b.getAccessToken(), "AT2");
    assert.equal(server.calls.length, 2, "two token requests");
    const keys = [...store.values.keys()];
    assert.equal(new Set(keys).size, 2);
    for (const key of keys) {
      assert.match(key, /^healthauth:token:v2:[A-Za-z0-9_-]{43}$/);
      for (const raw of ["clinicA", "patient_data", "as.example"]) assert.ok(!key.includes(raw), `${raw} in ${key}`);
    }
  });

  await t.test("planted or inconsistent entries are not served", async () => {
    const store = kvStore();
    const server = endpoint();
    const clock = NOW;
    const make = () => new TokenClient({ tokenEndpoint: TOKEN_URL, clientId: "c", clientSecret: "s", store, fetch: server.fetch, now: () => clock });
    await make().getAccessToken();
    const { key, entry } = only(store);
    const plant = (fields) => store.values.set(key, JSON.stringify({ ...entry, accessToken: "PLANTED", ...fields }));
    // Control: a consistent entry is served as it is.
    plant({});
    assert.equal(await make().getAccessToken(), "PLANTED");
    const cases = {
      "past its expiresAt": { expiresAt: clock - 1, refreshAt: clock + 1000 },
      "refreshAt after expiresAt": { expiresAt: clock + 10, refreshAt: clock + 10_000 },
      "obtainedAt in the future": { obtainedAt: clock + 3600 },
      "another credential's identity": { id: "healthauth:token:v2:someone-else" },
      "the old v1 shape": { v: undefined, id: undefined },
      "no access token": { accessToken: 42 },
    };
    for (const [name, fields] of Object.entries(cases)) {
      plant(fields);
      const before = server.calls.length;
      assert.notEqual(await make().getAccessToken(), "PLANTED", name);
      assert.equal(server.calls.length, before + 1, name);
    }
  });

  await t.test("invalidate() holds against a planted future entry when the store write fails", async () => {
    const store = kvStore();
    const server = endpoint();
    const client = new TokenClient({ tokenEndpoint: TOKEN_URL, clientId: "c", clientSecret: "s", store, fetch: server.fetch });
    assert.equal(await client.getAccessToken(), "AT1");
    const { key, entry } = only(store);
    store.put = async () => {
      throw new Error("KV write limit");
    };
    await client.invalidate();
    const now = Date.now() / 1000;
    // The invalidated token again, claiming to be newer than the invalidate() call.
    store.values.set(key, JSON.stringify({ ...entry, obtainedAt: now + 86_400, refreshAt: now + 3000, expiresAt: now + 3600 }));
    assert.equal(await client.getAccessToken(), "AT2");
    assert.equal(server.calls.length, 2);
  });
});

/** A loopback HTTP server: `handler(req, body, res)`; requests are counted. */
async function loopback(handler) {
  const requests = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      requests.push({ url: req.url, headers: req.headers, body });
      handler(req, body, res);
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    requests,
    url: `http://127.0.0.1:${server.address().port}/token`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

test("finding 3: a redirect from the token endpoint is refused and no credential follows it", async (t) => {
  const attacker = await loopback((req, body, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ access_token: "attacker-token", token_type: "Bearer", expires_in: 3600 }));
  });
  let status = 307;
  const endpointServer = await loopback((req, body, res) => {
    res.writeHead(status, { location: `${attacker.url}?leak=1` });
    res.end();
  });
  t.after(() => Promise.all([attacker.close(), endpointServer.close()]));

  for (status of [307, 308, 302]) {
    for (const extra of [{ clientSecret: "s3cret-value" }, { clientSecret: "s3cret-value", refreshToken: "rt-secret-value" }]) {
      const before = endpointServer.requests.length;
      const client = new TokenClient({ tokenEndpoint: endpointServer.url, clientId: "c", backoffMs: 1, ...extra });
      const error = await client.getAccessToken().catch((e) => e);
      assert.equal(error.code, "ERR_TOKEN_ENDPOINT_REDIRECTED", `HTTP ${status}`);
      for (const secret of ["s3cret-value", "rt-secret-value", "leak", "127.0.0.1"]) assert.ok(!error.message.includes(secret), secret);
      assert.equal(endpointServer.requests.length, before + 1, "no retry");
    }
  }
  assert.equal(attacker.requests.length, 0, "no credential reached the redirect target");

  // A `fetch` that follows redirects anyway: the token it brings back is still refused.
  const following = async () => {
    const response = new Response(JSON.stringify({ access_token: "attacker-token", expires_in: 60 }), { status: 200 });
    Object.defineProperty(response, "redirected", { value: true });
    return response;
  };
  const client = new TokenClient({ tokenEndpoint: TOKEN_URL, clientId: "c", clientSecret: "s", fetch: following });
  await assert.rejects(client.getAccessToken(), { code: "ERR_TOKEN_ENDPOINT_REDIRECTED" });
  // And the request asks fetch not to follow.
  const server = endpoint();
  await new TokenClient({ tokenEndpoint: TOKEN_URL, clientId: "c", clientSecret: "s", fetch: server.fetch }).getAccessToken();
  assert.equal(server.calls[0].init.redirect, "manual");
});

test("finding 4: a user's client never turns into the application", async () => {
  const server = endpoint();
  let clock = NOW;
  // The code exchange gave no refresh token; the client also holds the app's secret.
  const user = new TokenClient({
    tokenEndpoint: TOKEN_URL,
    clientId: "app",
    clientSecret: "app-secret",
    fetch: server.fetch,
    now: () => clock,
    token: { accessToken: "user-at", expiresAt: NOW + 300 },
  });
  assert.equal(await user.getAccessToken(), "user-at");
  clock += 301;
  const error = await user.getAccessToken().catch((e) => e);
  assert.equal(error.code, "ERR_REAUTHENTICATION_REQUIRED");
  assert.ok(!error.message.includes("user-at") && !error.message.includes("app-secret"));
  assert.equal(server.calls.length, 0, "no token request, above all no client_credentials");

  // A user's refresh token the server refuses: the error, then re-authentication, never client_credentials.
  const refusing = endpoint((n, params) => (params.grant_type === "refresh_token" ? [400, { error: "invalid_grant" }] : { access_token: "app-token" }));
  const dead = new TokenClient({ tokenEndpoint: TOKEN_URL, clientId: "app", clientSecret: "app-secret", fetch: refusing.fetch, refreshToken: "user-rt" });
  await assert.rejects(dead.getAccessToken(), { code: "ERR_OAUTH_TOKEN_ERROR", error: "invalid_grant" });
  await assert.rejects(dead.getAccessToken(), { code: "ERR_REAUTHENTICATION_REQUIRED" });
  assert.deepEqual(refusing.calls.map((c) => c.params.grant_type), ["refresh_token"]);
});

test("finding 5: a caller's new login beats a stale stored refresh token", async (t) => {
  const rotating = () => endpoint((n, params) => ({ access_token: `AT${n}`, expires_in: 3600, refresh_token: `${params.refresh_token}>${n}` }));
  const user = (store, server, refreshToken, extra = {}) =>
    new TokenClient({ tokenEndpoint: TOKEN_URL, clientId: "app", clientSecret: "s", storeKey: "user:alice", store, fetch: server.fetch, refreshToken, ...extra });

  await t.test("the caller's explicit refresh token wins over the stored one", async () => {
    const store = kvStore();
    const server = rotating();
    assert.equal(await user(store, server, "rt-old-login").getAccessToken(), "AT1");
    assert.equal(JSON.parse(store.values.get("user:alice")).refreshToken, "rt-old-login>1");
    // A new login: its own refresh token is used, not the old grant's.
    assert.equal(await user(store, server, "rt-new-login").getAccessToken(), "AT2");
    assert.equal(server.calls[1].params.refresh_token, "rt-new-login");
    assert.equal(JSON.parse(store.values.get("user:alice")).refreshToken, "rt-new-login>2");
  });

  await t.test("a rotation made by another client of the same grant is still followed", async () => {
    const store = kvStore();
    const server = rotating();
    let clock = NOW;
    assert.equal(await user(store, server, "rt-1", { now: () => clock }).getAccessToken(), "AT1");
    // Another isolate built from the session's (now rotated) refresh token.
    const other = user(store, server, "rt-1", { now: () => clock });
    assert.equal(await other.getAccessToken(), "AT1", "the grant's stored token");
    clock += 3600;
    assert.equal(await other.getAccessToken(), "AT2");
    assert.equal(server.calls[1].params.refresh_token, "rt-1>1", "the rotated token, not the spent one");
  });

  await t.test("invalid_grant on a user's refresh clears the stored entry", async () => {
    const store = kvStore();
    const good = rotating();
    await user(store, good, "rt-revoked-later").getAccessToken();
    const refusing = endpoint(() => [400, { error: "invalid_grant" }]);
    await assert.rejects(user(store, refusing, "rt-revoked").getAccessToken(), { code: "ERR_OAUTH_TOKEN_ERROR" });
    const left = JSON.parse(store.values.get("user:alice"));
    assert.equal(left.refreshToken, undefined);
    assert.equal(left.accessToken, undefined);
    // The user logs in again: the new client works.
    assert.equal(await user(store, good, "rt-fresh").getAccessToken(), "AT2");
  });

  await t.test("refresh-token records expire: option, preset, or 30 days", async () => {
    for (const [extra, ttl] of [
      [{}, 30 * 86_400],
      [{ refreshTokenLifetimeSeconds: 7 * 86_400 }, 7 * 86_400],
      [{ provider: { ...telesoft(), tokenEndpoint: TOKEN_URL } }, telesoft().refreshTokenLifetimeSeconds],
    ]) {
      const store = kvStore();
      await user(store, rotating(), "rt", extra).getAccessToken();
      assert.equal(store.puts.length, 1);
      assert.equal(store.puts[0].options.expirationTtl, ttl);
    }
  });
});

test("finding 6: invalidate() during a refresh never sends one refresh token twice", async () => {
  const gates = [];
  const calls = [];
  const fetch = async (url, init) => {
    const params = Object.fromEntries(new URLSearchParams(init.body));
    calls.push(params.refresh_token);
    const n = calls.length;
    await new Promise((release) => gates.push(release));
    return new Response(JSON.stringify({ access_token: `AT${n}`, expires_in: 3600, refresh_token: `rt-${n + 1}` }), { status: 200 });
  };
  const client = new TokenClient({
    tokenEndpoint: TOKEN_URL,
    clientId: "app",
    clientSecret: "s",
    fetch,
    // A user's token about to expire: the first call refreshes.
    token: { accessToken: "AT0", expiresAt: Date.now() / 1000 + 30, refreshToken: "rt-1" },
  });
  const first = client.getAccessToken();
  while (calls.length === 0) await new Promise((r) => setTimeout(r, 1));
  await client.invalidate(); // the API answered 401 while the refresh was in flight
  const later = [client.getAccessToken(), client.getAccessToken(), client.getAccessToken()];
  await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(calls, ["rt-1"], "no parallel refresh");
  gates.shift()();
  assert.equal(await first, "AT1");
  while (calls.length === 1) await new Promise((r) => setTimeout(r, 1));
  gates.shift()();
  assert.deepEqual(await Promise.all(later), ["AT2", "AT2", "AT2"]);
  assert.deepEqual(calls, ["rt-1", "rt-2"], "each refresh token used once; the later callers used the rotated one");
});

test("finding 10: every record has a TTL, and encryptionKey keeps tokens out of the store in clear", async (t) => {
  await t.test("every put carries an expirationTtl of at least 60 s", async () => {
    const store = kvStore();
    let n = 0;
    const server = endpoint((i, params) =>
      params.refresh_token === "dead" ? [400, { error: "invalid_grant" }] : { access_token: `AT${++n}`, expires_in: 30, ...(i === 2 ? { refresh_token: "server-rt" } : {}) },
    );
    const service = new TokenClient({ tokenEndpoint: TOKEN_URL, clientId: "c", clientSecret: "s", store, fetch: server.fetch });
    await service.getAccessToken(); // 30-second token, no refresh token
    await service.invalidate(); // tombstone
    await service.getAccessToken(); // with a refresh token
    await service.invalidate(); // keeps the refresh token
    const user = new TokenClient({ tokenEndpoint: TOKEN_URL, clientId: "c", clientSecret: "s", store, storeKey: "user:u", refreshToken: "dead", fetch: server.fetch });
    await assert.rejects(user.getAccessToken(), { code: "ERR_OAUTH_TOKEN_ERROR" }); // cleared entry
    assert.ok(store.puts.length >= 5);
    for (const { options } of store.puts) {
      assert.ok(Number.isInteger(options?.expirationTtl) && options.expirationTtl >= 60, JSON.stringify(options));
    }
    assert.equal(store.puts[0].options.expirationTtl, 60, "a 30-second token: KV's minimum");
  });

  const rawKey = crypto.getRandomValues(new Uint8Array(32));
  const base64url = Buffer.from(rawKey).toString("base64url");

  await t.test("the store never holds the access or refresh token in clear", async () => {
    const store = kvStore();
    const server = endpoint((n) => ({ access_token: `secret-at-${n}`, expires_in: 3600, refresh_token: `secret-rt-${n}` }));
    const client = new TokenClient({ tokenEndpoint: TOKEN_URL, clientId: "c", clientSecret: "s", store, fetch: server.fetch, encryptionKey: rawKey });
    await client.getAccessToken();
    await client.invalidate();
    await client.getAccessToken();
    const user = new TokenClient({ tokenEndpoint: TOKEN_URL, clientId: "c", clientSecret: "s", store, storeKey: "u", refreshToken: "secret-user-rt", fetch: server.fetch, encryptionKey: rawKey });
    await user.getAccessToken();
    assert.ok(store.puts.length >= 4);
    const ivs = new Set();
    for (const { value } of store.puts) {
      assert.ok(!/secret-|"accessToken"|"refreshToken"/.test(value), value);
      const envelope = JSON.parse(value);
      assert.equal(envelope.enc, "AES-GCM");
      assert.equal(Buffer.from(envelope.iv, "base64url").length, 12);
      ivs.add(envelope.iv);
    }
    assert.equal(ivs.size, store.puts.length, "a fresh IV for every write");
  });

  await t.test("two clients with the same key share the token, in any of the key's forms", async () => {
    const store = kvStore();
    const server = endpoint();
    const make = (encryptionKey) => new TokenClient({ tokenEndpoint: TOKEN_URL, clientId: "c", clientSecret: "s", store, fetch: server.fetch, encryptionKey });
    const cryptoKey = await crypto.subtle.importKey("raw", rawKey, "AES-GCM", false, ["encrypt", "decrypt"]);
    assert.equal(await make(rawKey).getAccessToken(), "AT1");
    assert.equal(await make(base64url).getAccessToken(), "AT1");
    assert.equal(await make(cryptoKey).getAccessToken(), "AT1");
    assert.equal(await make(rawKey.buffer.slice(0)).getAccessToken(), "AT1");
    assert.equal(server.calls.length, 1);
    // Another key cannot read it, nor can a client without a key.
    assert.equal(await make(crypto.getRandomValues(new Uint8Array(32))).getAccessToken(), "AT2");
  });

  await t.test("a tampered, moved or clear entry is a cache miss", async () => {
    const store = kvStore();
    const server = endpoint();
    const make = (storeKey) => new TokenClient({ tokenEndpoint: TOKEN_URL, clientId: "c", clientSecret: "s", store, storeKey, fetch: server.fetch, encryptionKey: base64url });
    assert.equal(await make("tenant-a").getAccessToken(), "AT1");
    const sealed = store.values.get("tenant-a");
    // Moved to another key: the additional data (the store key) no longer matches.
    store.values.set("tenant-b", sealed);
    assert.equal(await make("tenant-b").getAccessToken(), "AT2");
    // Tampered: one bit of the ciphertext flipped.
    const envelope = JSON.parse(sealed);
    const bytes = Buffer.from(envelope.ct, "base64url");
    bytes[0] ^= 1;
    store.values.set("tenant-a", JSON.stringify({ ...envelope, ct: bytes.toString("base64url") }));
    assert.equal(await make("tenant-a").getAccessToken(), "AT3");
    // A clear entry planted where an encrypted one belongs (with the right identity, which the
    // same client without a storeKey or key writes under).
    const plain = kvStore();
    await new TokenClient({ tokenEndpoint: TOKEN_URL, clientId: "c", clientSecret: "s", store: plain, fetch: endpoint().fetch }).getAccessToken();
    const { entry } = only(plain);
    store.values.set("tenant-c", JSON.stringify({ ...entry, accessToken: "PLANTED" }));
    assert.notEqual(await make("tenant-c").getAccessToken(), "PLANTED");
    // An untouched entry still decrypts.
    store.values.set("tenant-a", sealed);
    assert.equal(await make("tenant-a").getAccessToken(), "AT1");
    assert.equal(server.calls.length, 4);
  });

  await t.test("a key of the wrong form is refused without echoing it", () => {
    for (const bad of [new Uint8Array(31), "c2hvcnQ", "not base64 at all!", 42, { k: base64url }]) {
      assert.throws(
        () => new TokenClient({ tokenEndpoint: TOKEN_URL, clientId: "c", clientSecret: "s", encryptionKey: bad }),
        (e) => e.code === "ERR_INVALID_ARGUMENT" && /encryptionKey/.test(e.message) && !e.message.includes(base64url),
      );
    }
  });
});
