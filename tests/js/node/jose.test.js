// Cross-checks against independent implementations: panva/jose and node:crypto (OpenSSL).
// What healthauth signs, they verify; what they sign, healthauth verifies; their keys import here.
import { test } from "node:test";
import assert from "node:assert/strict";
import { generateKeyPairSync, sign as nodeSign, verify as nodeVerify, createPublicKey } from "node:crypto";
import * as jose from "jose";
import { SigningKey, VerifyingKey, signJwt, verifyJwt, clientAssertion, jwks, HealthAuthError } from "healthauth";

const ALGS = ["HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "EdDSA"];
const TOKEN_URL = "https://api.redoxengine.com/v2/auth/token";
const now = () => Math.floor(Date.now() / 1000);
const rsaCache = new Map();

function ourKey(alg) {
  if (!alg.startsWith("RS") && !alg.startsWith("PS")) return SigningKey.generate(alg);
  // One RSA key serves every RSA algorithm: import the same private JWK with each alg.
  if (!rsaCache.has("jwk")) rsaCache.set("jwk", SigningKey.generate("RS256").exportPrivateJwk());
  const { alg: _drop, kid: _kid, ...jwk } = rsaCache.get("jwk");
  return SigningKey.fromJwk(jwk, { alg });
}

for (const alg of ALGS) {
  test(`jose verifies what healthauth signs: ${alg}`, async () => {
    const key = ourKey(alg);
    const token = signJwt(key, { sub: "s", exp: now() + 60, iat: now() });
    const joseKey = alg.startsWith("HS")
      ? await jose.importJWK(key.exportPrivateJwk(), alg)
      : await jose.importJWK(key.publicJwk(), alg);
    const { payload, protectedHeader } = await jose.jwtVerify(token, joseKey, { algorithms: [alg] });
    assert.equal(payload.sub, "s");
    assert.equal(protectedHeader.alg, alg);
    if (!alg.startsWith("HS")) {
      assert.equal(protectedHeader.kid, key.kid);
      assert.equal(await jose.calculateJwkThumbprint(key.publicJwk()), key.thumbprint(), "RFC 7638 thumbprints agree");
    }
  });

  test(`healthauth verifies what jose signs, with jose's keys: ${alg}`, async () => {
    let privateKey, publicJwk, privateJwk;
    if (alg.startsWith("HS")) {
      privateKey = await jose.generateSecret(alg, { extractable: true });
      privateJwk = await jose.exportJWK(privateKey);
    } else {
      const pair = await jose.generateKeyPair(alg, { extractable: true });
      privateKey = pair.privateKey;
      publicJwk = await jose.exportJWK(pair.publicKey);
      privateJwk = await jose.exportJWK(pair.privateKey);
    }
    const token = await new jose.SignJWT({ n: 1 }).setProtectedHeader({ alg }).setExpirationTime("1m").sign(privateKey);
    const key = alg.startsWith("HS")
      ? SigningKey.fromJwk(privateJwk, { alg })
      : VerifyingKey.fromJwk(publicJwk, { alg });
    assert.equal(verifyJwt(token, key).claims.n, 1);
    // jose's private keys import here too, and sign what jose then verifies.
    const imported = SigningKey.fromJwk(privateJwk, { alg });
    const ours = signJwt(imported, { m: 2, exp: now() + 60 });
    const verifyWith = alg.startsWith("HS") ? privateKey : await jose.importJWK(publicJwk, alg);
    assert.equal((await jose.jwtVerify(ours, verifyWith)).payload.m, 2);
  });
}

test("acceptance: ES384 and RS384 client assertions verify in jose with the spec'd claims", async () => {
  for (const alg of ["ES384", "RS384"]) {
    const key = ourKey(alg);
    const jtis = new Set();
    for (let i = 0; i < 10; i++) {
      const assertion = clientAssertion(key, { clientId: "redox-client-id", audience: TOKEN_URL });
      const { payload, protectedHeader } = await jose.jwtVerify(assertion, await jose.importJWK(key.publicJwk(), alg), {
        algorithms: [alg],
        audience: TOKEN_URL,
        issuer: "redox-client-id",
        subject: "redox-client-id",
        typ: "JWT",
        maxTokenAge: "5m",
      });
      assert.equal(protectedHeader.kid, key.kid);
      assert.equal(protectedHeader.typ, "JWT");
      assert.ok(payload.exp - payload.iat <= 300 && payload.exp - payload.iat > 0);
      assert.ok(Math.abs(payload.iat - now()) <= 2);
      jtis.add(payload.jti);
    }
    assert.equal(jtis.size, 10);
  }
});

test("node:crypto keys in every PEM format import and interoperate", () => {
  const cases = [
    ["rsa", { modulusLength: 2048 }, "RS384", "sha384", ["pkcs1", "pkcs8"]],
    ["ec", { namedCurve: "P-256" }, "ES256", "sha256", ["sec1", "pkcs8"]],
    ["ec", { namedCurve: "P-384" }, "ES384", "sha384", ["sec1", "pkcs8"]],
    ["ed25519", {}, "EdDSA", null, ["pkcs8"]],
  ];
  for (const [type, params, alg, hash, formats] of cases) {
    const { privateKey, publicKey } = generateKeyPairSync(type, params);
    for (const format of formats) {
      const pem = privateKey.export({ type: format, format: "pem" });
      const key = SigningKey.fromPem(pem, { alg });
      const token = signJwt(key, { exp: now() + 60 });
      const [h, p, s] = token.split(".");
      const signature = Buffer.from(s, "base64url");
      const ok = hash
        ? nodeVerify(hash, Buffer.from(`${h}.${p}`), { key: publicKey, dsaEncoding: "ieee-p1363" }, signature)
        : nodeVerify(null, Buffer.from(`${h}.${p}`), publicKey, signature);
      assert.ok(ok, `${type}/${format}: node:crypto verifies healthauth's signature`);
      key.free();
    }
    for (const spkiFormat of type === "rsa" ? ["spki", "pkcs1"] : ["spki"]) {
      const vk = VerifyingKey.fromPem(publicKey.export({ type: spkiFormat, format: "pem" }), { alg });
      const header = Buffer.from(JSON.stringify({ alg })).toString("base64url");
      const payload = Buffer.from(JSON.stringify({ exp: now() + 60 })).toString("base64url");
      const input = Buffer.from(`${header}.${payload}`);
      const sig = hash
        ? nodeSign(hash, input, { key: privateKey, dsaEncoding: "ieee-p1363" })
        : nodeSign(null, input, privateKey);
      verifyJwt(`${header}.${payload}.${sig.toString("base64url")}`, vk);
      vk.free();
    }
  }
});

test("an EC key written by `openssl ecparam -genkey` (EC PARAMETERS block first) imports", () => {
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-384" });
  const params = "-----BEGIN EC PARAMETERS-----\nBgUrgQQAIg==\n-----END EC PARAMETERS-----\n";
  const key = SigningKey.fromPem(params + privateKey.export({ type: "sec1", format: "pem" }));
  assert.equal(key.alg, "ES384");
});

test("a PEM with literal \\n escapes (from an environment variable) imports", () => {
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const escaped = privateKey.export({ type: "pkcs8", format: "pem" }).trim().replace(/\n/g, "\\n");
  assert.equal(SigningKey.fromPem(escaped).alg, "ES256");
});

test("key-format errors say what was found", () => {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const encrypted = privateKey.export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: "pw" });
  assert.throws(() => SigningKey.fromPem(encrypted, { alg: "RS384" }), (e) => e instanceof HealthAuthError && e.code === "ERR_KEY_FORMAT" && /encrypted PKCS#8.*decrypt/.test(e.message));
  assert.throws(() => SigningKey.fromPem(privateKey.export({ type: "pkcs8", format: "pem" })), (e) => e.code === "ERR_KEY_ALG_MISSING");
  const weak = generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ type: "pkcs8", format: "pem" });
  assert.throws(() => SigningKey.fromPem(weak, { alg: "RS256" }), (e) => e.code === "ERR_KEY_TOO_WEAK");
  const k1 = generateKeyPairSync("ec", { namedCurve: "secp256k1" }).privateKey.export({ type: "pkcs8", format: "pem" });
  assert.throws(() => SigningKey.fromPem(k1), (e) => e.code === "ERR_KEY_UNSUPPORTED" && /secp256k1/.test(e.message));
  const spki = createPublicKey(privateKey).export({ type: "spki", format: "pem" });
  assert.throws(() => SigningKey.fromPem(spki, { alg: "RS256" }), (e) => e.code === "ERR_KEY_FORMAT" && /public/.test(e.message));
});

test("jwks() publishes keys jose can use as a remote key set", async () => {
  const keys = [ourKey("RS384"), SigningKey.generate("ES384")];
  const set = jwks(keys);
  assert.equal(set.keys.length, 2);
  for (const jwk of set.keys) assert.ok(!("d" in jwk) && !("p" in jwk), "no private members");
  const getKey = jose.createLocalJWKSet(set);
  for (const key of keys) {
    const token = signJwt(key, { exp: now() + 60 });
    await jose.jwtVerify(token, getKey);
  }
});
