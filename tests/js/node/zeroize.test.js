// After `free()`, no private key bytes and no webhook secret remain anywhere in the wasm memory.
// The scan looks for 16-byte windows of each secret value, big-endian (as in PEM/JWK) and
// little-endian (the limb order the bignum and curve crates store on wasm32), so a partial copy
// left in a freed buffer or on the shadow stack is found too. Each scan is first shown to work:
// while the key is alive, its bytes are found.
import { test } from "node:test";
import assert from "node:assert/strict";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import * as ha from "healthauth";
import { memory } from "./wasm-memory.js";

const WINDOW = 16;

/** The 16-byte windows of `bytes` (stride 8), in both byte orders. */
function windows(bytes) {
  const out = [];
  for (const form of [bytes, Buffer.from(bytes).reverse()]) {
    for (let i = 0; i + WINDOW <= form.length; i += WINDOW / 2) out.push(Buffer.from(form.subarray(i, i + WINDOW)));
  }
  return out;
}

/** The windows of `secrets` ({ name: bytes }) present in the wasm memory now, by name. */
function found(secrets) {
  const heap = Buffer.from(memory.buffer);
  const hits = [];
  for (const [name, bytes] of Object.entries(secrets)) {
    const count = windows(bytes).filter((w) => heap.indexOf(w) !== -1).length;
    if (count) hits.push(`${name} (${count} windows)`);
  }
  return hits;
}

const b64u = (text) => Buffer.from(text, "base64url");

// The curve orders: p384 keeps its scalar in Montgomery form (d·R mod n, R = 2^384), so the
// scan looks for that form too.
const ORDERS = {
  "P-256": [0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n, 256n],
  "P-384": [0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n, 384n],
};

function montgomery(d, crv) {
  const [n, bits] = ORDERS[crv];
  const value = (BigInt(`0x${d.toString("hex")}`) << bits) % n;
  return Buffer.from(value.toString(16).padStart(Number(bits) / 4, "0"), "hex");
}

/** A fresh key pair of `type` from node:crypto, and the private values the core must not leak. */
function freshKey(type, options, alg) {
  const { privateKey } = generateKeyPairSync(type, options);
  const jwk = privateKey.export({ format: "jwk" });
  const pem = privateKey.export({ format: "pem", type: "pkcs8" });
  const secrets = {};
  for (const member of ["d", "p", "q", "dp", "dq", "qi"]) if (jwk[member]) secrets[member] = b64u(jwk[member]);
  if (ORDERS[jwk.crv]) secrets["d (Montgomery form)"] = montgomery(secrets.d, jwk.crv);
  return { jwk, pem, secrets, alg };
}

const KEYS = {
  "P-256": () => freshKey("ec", { namedCurve: "P-256" }),
  "P-384": () => freshKey("ec", { namedCurve: "P-384" }),
  Ed25519: () => freshKey("ed25519", {}),
  "RSA 2048": () => freshKey("rsa", { modulusLength: 2048 }, "RS256"),
};

for (const [name, make] of Object.entries(KEYS)) {
  for (const via of ["fromPem", "fromJwk"]) {
    test(`zeroize: a ${name} key imported ${via}, used to sign, then freed leaves no private bytes`, () => {
      const { jwk, pem, secrets, alg } = make();
      assert.deepEqual(found(secrets), [], "a fresh key's bytes are in wasm memory before import");
      const options = alg ? { alg } : undefined;
      const key = via === "fromPem" ? ha.SigningKey.fromPem(pem, options) : ha.SigningKey.fromJwk(jwk, options);
      const token = ha.signJwt(key, { sub: "zeroize", exp: 2_000_000_000 });
      assert.equal(token.split(".").length, 3);
      // The scan sees the key while it is alive: the private value the core keeps is found.
      const alive = found(secrets);
      assert.ok(alive.length > 0, `the scan finds no ${name} private value while the key is alive`);
      key.free();
      assert.deepEqual(found(secrets), [], `after free(): ${name} private bytes left in wasm memory`);
      // The JWK's own text form (base64url) is gone too: the parsed JSON tree is zeroized.
      const members = Object.keys(secrets).filter((m) => jwk[m] !== undefined);
      const texts = Object.fromEntries(members.map((m) => [`${m} as base64url`, Buffer.from(jwk[m])]));
      assert.deepEqual(found(texts), [], `after free(): ${name} JWK text left in wasm memory`);
    });
  }
}

test("zeroize: an HMAC signing key's secret is gone after free()", () => {
  const secret = randomBytes(48);
  const key = ha.SigningKey.fromSecret(secret, { alg: "HS384" });
  ha.signJwt(key, { sub: "zeroize", exp: 2_000_000_000 });
  key.free();
  assert.deepEqual(found({ secret }), []);
});

const WEBHOOK_CASES = [
  // [scheme, secret text, the key bytes the MAC runs on]
  ["telesoft", () => randomBytes(24).toString("hex")],
  ["github", () => randomBytes(24).toString("hex")],
  ["stripe", () => `whsec_${randomBytes(24).toString("hex")}`],
  ["standard", () => `whsec_${randomBytes(32).toString("base64")}`],
];

function secretForms(text) {
  const forms = { "secret text": Buffer.from(text) };
  if (text.startsWith("whsec_")) forms["decoded key"] = Buffer.from(text.slice(6), "base64");
  return forms;
}

for (const [scheme, make] of WEBHOOK_CASES) {
  test(`zeroize: verifyWebhook (${scheme}) leaves no copy of the secret`, () => {
    const secret = make();
    const payload = `{"id":"${scheme}"}`;
    const headers = ha.signWebhook({ scheme, payload, secret });
    const verified = ha.verifyWebhook({ scheme, payload, headers, secret });
    assert.ok(verified);
    assert.deepEqual(found(secretForms(secret)), [], `${scheme}: secret bytes left in wasm memory after a verify`);
  });

  // A verifier keeps only the HMAC key schedule (the key XORed with the pads), not the secret.
  test(`zeroize: a WebhookVerifier (${scheme}) leaves no copy of the secret, before or after free()`, () => {
    const secret = make();
    const payload = `{"id":"${scheme}-verifier"}`;
    const headers = ha.signWebhook({ scheme, payload, secret });
    const verifier = new ha.WebhookVerifier({ scheme, secret });
    assert.ok(verifier.verify(payload, headers));
    assert.deepEqual(found(secretForms(secret)), [], `${scheme}: secret bytes left in wasm memory while the verifier is alive`);
    verifier.free();
    assert.deepEqual(found(secretForms(secret)), [], `${scheme}: secret bytes left in wasm memory after free()`);
  });
}
