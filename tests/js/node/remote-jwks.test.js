// RemoteJwks against a loopback JWKS server that rotates its keys, with fetches counted at the
// server: a rotated key is picked up with exactly one fetch, unknown kids cost one fetch per
// cooldown however many arrive, and a shared store carries the set across instances.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import * as ha from "healthauth";

let server;
let url;
let published = { keys: [] };
let status = 200;
let fetches = 0;

before(async () => {
  server = createServer((req, res) => {
    fetches += 1;
    res.writeHead(status, { "content-type": "application/jwk-set+json" });
    res.end(status === 200 ? JSON.stringify(published) : "{}");
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${server.address().port}/jwks`;
});

after(() => new Promise((resolve) => server.close(resolve)));

const ISSUER = "https://issuer.example";
const NOW = 1_800_000_000;

function keyPair(kid) {
  return ha.SigningKey.generate("ES256", { kid });
}

function publish(...keys) {
  published = ha.jwks(keys);
  status = 200;
  fetches = 0;
}

const token = (key, extra = {}) =>
  ha.signJwt(key, { iss: ISSUER, sub: "user-1", aud: "api", iat: NOW, exp: NOW + 300, ...extra });
const options = { issuer: ISSUER, audience: "api", now: NOW };

test("remote jwks: the set is fetched once and cached; a rotated key verifies after exactly one refetch", async () => {
  const old = keyPair("k-old");
  const next = keyPair("k-new");
  publish(old);
  let clock = NOW;
  const remote = new ha.RemoteJwks(url, { now: () => clock });
  const first = await remote.verifyJwt(token(old), options);
  assert.equal(first.claims.sub, "user-1");
  await remote.verifyJwt(token(old), options);
  assert.equal(fetches, 1, "one fetch, then the cache");

  // The issuer rotates: the new key is published, tokens under it start to arrive.
  publish(old, next);
  clock += 60; // past the 30 s cooldown since the first fetch
  const rotated = await remote.verifyJwt(token(next), options);
  assert.equal(rotated.header.kid, "k-new");
  assert.equal(fetches, 1, "exactly one refetch for the new kid");
  await remote.verifyJwt(token(next), options);
  await remote.verifyJwt(token(old), options);
  assert.equal(fetches, 1, "both keys now cached");
  for (const k of [old, next]) k.free();
});

test("remote jwks: 100 concurrent verifications of unknown kids make one fetch, then none within the cooldown", async () => {
  const known = keyPair("k-known");
  publish(known);
  let clock = NOW;
  const remote = new ha.RemoteJwks(url, { now: () => clock, cooldownSeconds: 30 });
  await remote.verifyJwt(token(known), options);
  assert.equal(fetches, 1);
  fetches = 0;
  clock += 31;
  const attacker = ha.SigningKey.generate("ES256");
  const forged = Array.from({ length: 100 }, (_, i) =>
    ha.signJwt(attacker, { iss: ISSUER, aud: "api", iat: NOW, exp: NOW + 300 }, { kid: `random-${i}` }),
  );
  assert.equal(JSON.parse(Buffer.from(forged[7].split(".")[0], "base64url")).kid, "random-7");
  const outcomes = await Promise.allSettled(forged.map((t) => remote.verifyJwt(t, options)));
  assert.equal(fetches, 1, "one fetch for 100 unknown kids");
  for (const outcome of outcomes) {
    assert.equal(outcome.status, "rejected");
    assert.equal(outcome.reason.code, "ERR_JWT_KEY_NOT_FOUND");
  }
  // More unknown kids within the cooldown: no fetch at all.
  clock += 10;
  await assert.rejects(remote.verifyJwt(forged[0], options), { code: "ERR_JWT_KEY_NOT_FOUND" });
  assert.equal(fetches, 1);
  // After the cooldown: one more.
  clock += 30;
  await assert.rejects(remote.verifyJwt(forged[1], options), { code: "ERR_JWT_KEY_NOT_FOUND" });
  assert.equal(fetches, 2);
  // The known key still verifies without a fetch.
  await remote.verifyJwt(token(known), options);
  assert.equal(fetches, 2);
  known.free();
  attacker.free();
});

test("remote jwks: a stale set is fetched again after cacheMaxAgeSeconds", async () => {
  const key = keyPair("k-1");
  publish(key);
  let clock = NOW;
  const remote = new ha.RemoteJwks(url, { now: () => clock, cacheMaxAgeSeconds: 120 });
  await remote.verifyJwt(token(key), options);
  clock += 119;
  await remote.verifyJwt(token(key), options);
  assert.equal(fetches, 1);
  clock += 1;
  await remote.verifyJwt(token(key), options);
  assert.equal(fetches, 2);
  key.free();
});

test("remote jwks: failures are coded, keep the held set, and are not retried within the cooldown", async () => {
  const key = keyPair("k-1");
  publish(key);
  status = 503;
  let clock = NOW;
  const remote = new ha.RemoteJwks(url, { now: () => clock, cacheMaxAgeSeconds: 60 });
  await assert.rejects(remote.verifyJwt(token(key), options), (e) => {
    assert.equal(e.code, "ERR_JWKS_UNAVAILABLE");
    assert.equal(e.details.last, "HTTP 503");
    return true;
  });
  // Within the cooldown, no second request to a failing server.
  await assert.rejects(remote.verifyJwt(token(key), options), { code: "ERR_JWKS_UNAVAILABLE" });
  assert.equal(fetches, 1);
  status = 200;
  clock += 30;
  await remote.verifyJwt(token(key), options);
  assert.equal(fetches, 2);
  // The set goes stale and the server fails: the held set is still used.
  status = 500;
  clock += 61;
  await remote.verifyJwt(token(key), options);
  assert.equal(fetches, 3);
  // A document that is no JWK set (one private JWK) does not replace it either.
  status = 200;
  published = key.exportPrivateJwk();
  clock += 31;
  await remote.verifyJwt(token(key), options);
  assert.equal(fetches, 4);
  key.free();
});

test("remote jwks: an oversized set is refused while it streams", async () => {
  const key = keyPair("k-1");
  publish(key);
  published = { keys: [ha.jwks([key]).keys[0]], padding: "x".repeat(300 * 1024) };
  const remote = new ha.RemoteJwks(url, { now: () => NOW });
  await assert.rejects(remote.verifyJwt(token(key), options), (e) => {
    assert.equal(e.code, "ERR_JWKS_UNAVAILABLE");
    assert.equal(e.details.last, "ERR_INPUT_TOO_LARGE");
    return true;
  });
  key.free();
});

test("remote jwks: a shared store carries the set and the cooldown across instances", async () => {
  const key = keyPair("k-1");
  publish(key);
  const values = new Map();
  const puts = [];
  const store = {
    get: async (k) => values.get(k) ?? null,
    put: async (k, v, o) => {
      puts.push(o);
      values.set(k, v);
    },
  };
  const clock = NOW;
  const a = new ha.RemoteJwks(url, { store, now: () => clock });
  await a.verifyJwt(token(key), options);
  assert.equal(fetches, 1);
  assert.deepEqual(puts, [{ expirationTtl: 600 }]);
  const b = new ha.RemoteJwks(url, { store, now: () => clock });
  await b.verifyJwt(token(key), options);
  assert.equal(fetches, 1, "the second instance used the stored set");
  // An unknown kid in the second instance: the first one's fetch was just now, so no fetch.
  const other = keyPair("k-2");
  await assert.rejects(b.verifyJwt(token(other), options), { code: "ERR_JWT_KEY_NOT_FOUND" });
  assert.equal(fetches, 1);
  // Another URL has its own record: a fetch of its own.
  const c = new ha.RemoteJwks(`${url}?tenant=2`, { store, now: () => clock });
  await c.verifyJwt(token(key), options);
  assert.equal(fetches, 2);
  key.free();
  other.free();
});

test("remote jwks: options are checked", () => {
  assert.throws(() => new ha.RemoteJwks(url, { cooldownSecond: 5 }), { code: "ERR_UNKNOWN_OPTION" });
  assert.throws(() => new ha.RemoteJwks(url, { cooldownSeconds: -1 }), { code: "ERR_INVALID_ARGUMENT" });
  assert.throws(() => new ha.RemoteJwks(url, { store: {} }), { code: "ERR_INVALID_ARGUMENT" });
  assert.throws(() => new ha.RemoteJwks(42), { code: "ERR_INVALID_ARGUMENT" });
  // A key set fetched in the clear off loopback could be anyone's.
  assert.throws(() => new ha.RemoteJwks("http://10.1.1.1/jwks"), { code: "ERR_URL_INVALID" });
  assert.throws(() => new ha.RemoteJwks("jwks.json"), { code: "ERR_URL_INVALID" });
});
