// JOSE: keys, JWS/JWT, client assertions, JWKS. Cross-checked against the runtime's own
// WebCrypto (ES256/ES384/RS384/HS384), which every runtime here has.
import { ok, equal, throwsCode, base64url } from "./assert.js";

const NOW = 1_800_000_000;
const TOKEN_URL = "https://api.redoxengine.com/v2/auth/token";
const FAST_ALGS = ["HS256", "HS384", "HS512", "ES256", "ES384", "EdDSA"];
// Browsers refuse to load private keys without this opt-in; other runtimes ignore it.
const ALLOW = { dangerouslyAllowBrowser: true };

function b64urlToBytes(s) {
  const b64 = s.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((s.length + 3) % 4);
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

function decodePart(token, i) {
  return JSON.parse(new TextDecoder().decode(b64urlToBytes(token.split(".")[i])));
}

function tamper(token, part) {
  const parts = token.split(".");
  const bytes = b64urlToBytes(parts[part]);
  bytes[bytes.length >> 1] ^= 1;
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  parts[part] = btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  return parts.join(".");
}

function webCryptoParams(alg) {
  switch (alg) {
    case "ES256": return [{ name: "ECDSA", namedCurve: "P-256" }, { name: "ECDSA", hash: "SHA-256" }];
    case "ES384": return [{ name: "ECDSA", namedCurve: "P-384" }, { name: "ECDSA", hash: "SHA-384" }];
    case "RS384": return [{ name: "RSASSA-PKCS1-v1_5", hash: "SHA-384" }, { name: "RSASSA-PKCS1-v1_5" }];
    default: throw new Error(alg);
  }
}

export function joseSuite(ha, platform) {
  const tests = [];
  const test = (name, fn) => tests.push({ name: `jose: ${name}`, fn });
  void platform;
  let rsaKey;
  const rsa = () => (rsaKey ??= ha.SigningKey.generate("RS384"));

  test("keys sign and verify for every fast algorithm, by key, JWK and JWKS", () => {
    for (const alg of FAST_ALGS) {
      const key = ha.SigningKey.generate(alg);
      equal(key.alg, alg);
      const claims = { sub: "patient-app", exp: NOW + 60, n: 1 };
      const token = ha.signJwt(key, claims);
      equal(decodePart(token, 0).alg, alg);
      const { claims: got } = ha.verifyJwt(token, key, { now: NOW });
      equal(got.sub, "patient-app");
      if (!alg.startsWith("HS")) {
        ok(typeof key.kid === "string" && key.kid === key.thumbprint(), "kid defaults to the thumbprint");
        const jwk = key.publicJwk();
        equal(jwk.use, "sig");
        equal(jwk.alg, alg);
        ok(!("d" in jwk), "public JWK has no private part");
        ha.verifyJwt(token, jwk, { now: NOW });
        ha.verifyJwt(token, ha.jwks([key]), { now: NOW });
        ha.verifyJwt(token, JSON.stringify(ha.jwks([key])), { now: NOW });
        const vk = ha.VerifyingKey.fromJwk(jwk);
        ha.verifyJwt(token, vk, { now: NOW });
        vk.free();
      } else {
        throwsCode(ha, () => key.publicJwk(), "ERR_KEY_SYMMETRIC");
      }
      key.free();
    }
  });

  test("RS384 generation, signing and JWK export (timed)", () => {
    const started = Date.now();
    const key = rsa();
    const ms = Date.now() - started;
    ok(ms < 60_000, `RSA 2048 generation took ${ms} ms`);
    const token = ha.signJwt(key, { exp: NOW + 10 });
    ha.verifyJwt(token, key.publicJwk(), { now: NOW });
    equal(key.publicJwk().kty, "RSA");
  });

  test("clientAssertion follows RFC 7523 and SMART Backend Services", () => {
    for (const key of [ha.SigningKey.generate("ES384"), rsa()]) {
      const jtis = new Set();
      for (let i = 0; i < 20; i++) {
        const token = ha.clientAssertion(key, { clientId: "client-123", audience: TOKEN_URL, now: NOW });
        const header = decodePart(token, 0);
        const claims = decodePart(token, 1);
        equal(header.typ, "JWT");
        equal(header.kid, key.kid);
        equal(header.alg, key.alg);
        equal(claims.iss, "client-123");
        equal(claims.sub, "client-123");
        equal(claims.aud, TOKEN_URL);
        equal(claims.iat, NOW);
        equal(claims.exp - claims.iat, 300);
        ok(typeof claims.jti === "string" && claims.jti.length >= 22, "jti has >= 128 bits");
        jtis.add(claims.jti);
        ha.verifyJwt(token, key.publicJwk(), { now: NOW + 1, audience: TOKEN_URL, issuer: "client-123", subject: "client-123" });
      }
      equal(jtis.size, 20, "jti is unique");
    }
    const key = ha.SigningKey.generate("ES384");
    const jku = ha.clientAssertion(key, { clientId: "c", audience: TOKEN_URL, now: NOW, jku: "https://app.example/jwks.json", lifetimeSeconds: 60 });
    equal(decodePart(jku, 0).jku, "https://app.example/jwks.json");
    equal(decodePart(jku, 1).exp, NOW + 60);
    throwsCode(ha, () => ha.clientAssertion(key, { clientId: "c", audience: TOKEN_URL, lifetimeSeconds: 301 }), "ERR_CLIENT_ASSERTION_INVALID");
    throwsCode(ha, () => ha.clientAssertion(key, { clientId: "", audience: TOKEN_URL }), "ERR_CLIENT_ASSERTION_INVALID");
    throwsCode(ha, () => ha.clientAssertion(key, { clientId: "c", audience: "http://evil.example/token" }), "ERR_CLIENT_ASSERTION_INVALID");
    throwsCode(ha, () => ha.clientAssertion(key, { clientId: "c" }), "ERR_INVALID_ARGUMENT");
    throwsCode(ha, () => ha.clientAssertion(key, { clientId: "c", audience: TOKEN_URL, lifetime: 60 }), "ERR_UNKNOWN_OPTION");
  });

  test("strict verification: none, confusion, tampering, claims", () => {
    const key = ha.SigningKey.generate("ES256");
    const token = ha.signJwt(key, { iss: "a", sub: "b", aud: ["x", "y"], exp: NOW + 100, nbf: NOW - 10, iat: NOW - 10 });
    const none = `${btoa('{"alg":"none"}').replace(/=+$/, "")}.${token.split(".")[1]}.`;
    throwsCode(ha, () => ha.verifyJwt(none, key, { now: NOW }), "ERR_JWT_ALG_NOT_ALLOWED");
    throwsCode(ha, () => ha.verifyJwt(tamper(token, 1), key, { now: NOW }), "ERR_JWT_SIGNATURE_INVALID");
    throwsCode(ha, () => ha.verifyJwt(tamper(token, 2), key, { now: NOW }), "ERR_JWT_SIGNATURE_INVALID");
    throwsCode(ha, () => ha.verifyJwt(token, key, { now: NOW, algorithms: ["ES384"] }), "ERR_JWT_ALG_NOT_ALLOWED");
    throwsCode(ha, () => ha.verifyJwt(token, key, { now: NOW + 100 }), "ERR_JWT_EXPIRED");
    ha.verifyJwt(token, key, { now: NOW + 100, leewaySeconds: 1 });
    throwsCode(ha, () => ha.verifyJwt(token, key, { now: NOW - 11 }), "ERR_JWT_NOT_YET_VALID");
    throwsCode(ha, () => ha.verifyJwt(token, key, { now: NOW, audience: "z" }), "ERR_JWT_CLAIM_INVALID");
    ha.verifyJwt(token, key, { now: NOW, audience: ["z", "y"], issuer: "a", subject: "b" });
    throwsCode(ha, () => ha.verifyJwt(token, key, { now: NOW, issuer: "other" }), "ERR_JWT_CLAIM_INVALID");
    throwsCode(ha, () => ha.verifyJwt(token, key, { now: NOW, maxAgeSeconds: 5 }), "ERR_JWT_EXPIRED");
    throwsCode(ha, () => ha.verifyJwt(ha.signJwt(key, { a: 1 }), key, { now: NOW }), "ERR_JWT_CLAIM_INVALID");
    throwsCode(ha, () => ha.verifyJwt(token, ha.SigningKey.generate("ES256"), { now: NOW }), "ERR_JWT_SIGNATURE_INVALID");
    throwsCode(ha, () => ha.verifyJwt(token, ha.SigningKey.generate("ES384"), { now: NOW }), "ERR_JWT_ALG_NOT_ALLOWED");
    throwsCode(ha, () => ha.verifyJwt("a.b", key, { now: NOW }), "ERR_JWT_MALFORMED");
    throwsCode(ha, () => ha.verifyJwt("x".repeat(70_000), key, { now: NOW }), "ERR_JWT_TOO_LARGE");
    throwsCode(ha, () => ha.verifyJwt(token, key, { now: NOW, algorithms: ["none"] }), "ERR_ALG_UNSUPPORTED");
    throwsCode(ha, () => ha.signJwt(key, { exp: NOW + 5 }, { crit: ["b64"], b64: false }), "ERR_JWT_MALFORMED");
    const [h, p, s] = token.split(".");
    const critHeader = btoa(JSON.stringify({ alg: "ES256", crit: ["x-custom"], "x-custom": 1 })).replace(/=+$/, "");
    throwsCode(ha, () => ha.verifyJwt(`${critHeader}.${p}.${s}`, key, { now: NOW }), "ERR_JWT_CRIT_UNSUPPORTED");
    void h;
  });

  test("audit finding 7: an empty audience list is refused, not read as any audience", () => {
    const key = ha.SigningKey.generate("ES256");
    for (const aud of ["x", ["x", "y"], undefined]) {
      const claims = { exp: NOW + 100 };
      if (aud !== undefined) claims.aud = aud;
      const token = ha.signJwt(key, claims);
      throwsCode(ha, () => ha.verifyJwt(token, key, { now: NOW, audience: [] }), "ERR_INVALID_ARGUMENT");
      ha.verifyJwt(token, key, { now: NOW }); // left out: `aud` is not checked
    }
    let error;
    try {
      ha.verifyJwt(ha.signJwt(key, { exp: NOW + 100 }), ha.jwks([key]), { now: NOW, audience: [] });
    } catch (e) {
      error = e;
    }
    equal(error?.code, "ERR_INVALID_ARGUMENT");
    ok(/audience/.test(error.message), error.message);
  });

  test("audit finding 12: hostile alg, kid and crit names are echoed printable and bounded", () => {
    const key = ha.SigningKey.generate("ES256");
    const [, p, s] = ha.signJwt(key, { exp: NOW + 100 }).split(".");
    const b64 = (o) => base64url(new TextEncoder().encode(JSON.stringify(o)));
    const hostile = `x\n2026-01-01T00:00:00Z ERROR forged\r\u202e${"z".repeat(200)}`;
    const cases = [
      [{ alg: hostile }, "ERR_JWT_ALG_NOT_ALLOWED"],
      [{ alg: "ES256", crit: [hostile], [hostile]: 1 }, "ERR_JWT_CRIT_UNSUPPORTED"],
    ];
    for (const [header, code] of cases) {
      let error;
      try {
        ha.verifyJwt(`${b64(header)}.${p}.${s}`, key, { now: NOW });
      } catch (e) {
        error = e;
      }
      equal(error?.code, code);
      ok(!/[\r\n\u202e]/.test(error.message), `line break echoed: ${JSON.stringify(error.message)}`);
      ok(error.message.includes("x?2026-01-01T00:00:00Z ERROR forged??zzz"), error.message);
      ok(!error.message.includes("z".repeat(41)), "not bounded");
    }
    const other = ha.SigningKey.generate("ES256", { kid: "k1" });
    let error;
    try {
      ha.verifyJwt(`${b64({ alg: "ES256", kid: hostile })}.${p}.${s}`, ha.jwks([other]), { now: NOW });
    } catch (e) {
      error = e;
    }
    equal(error?.code, "ERR_JWT_KEY_NOT_FOUND");
    ok(!/[\r\n]/.test(error.message) && !error.message.includes("z".repeat(41)), error.message);
    try {
      ha.verifyJwt(`${b64({ alg: "ES256" })}.${p}.${s}`, key, { now: NOW, algorithms: [hostile] });
    } catch (e) {
      error = e;
    }
    equal(error?.code, "ERR_ALG_UNSUPPORTED");
    ok(!/[\r\n]/.test(error.message) && !error.message.includes("z".repeat(41)), error.message);
  });

  test("algorithm confusion: an HS256 token keyed with the RSA public key is refused", () => {
    const key = rsa();
    const publicJwkText = JSON.stringify(key.publicJwk());
    const hmac = ha.SigningKey.fromSecret(publicJwkText, { alg: "HS256", ...ALLOW });
    const forged = ha.signJwt(hmac, { exp: NOW + 60 }, { kid: key.kid });
    throwsCode(ha, () => ha.verifyJwt(forged, key.publicJwk(), { now: NOW }), "ERR_JWT_ALG_NOT_ALLOWED");
    throwsCode(ha, () => ha.verifyJwt(forged, ha.jwks([key]), { now: NOW }), "ERR_JWT_ALG_NOT_ALLOWED");
    throwsCode(ha, () => ha.verifyJwt(forged, key, { now: NOW, algorithms: ["HS256", "RS384"] }), "ERR_JWT_ALG_NOT_ALLOWED");
  });

  test("keys are opaque handles until exportPrivateJwk", () => {
    const key = ha.SigningKey.generate("ES384");
    const d = key.exportPrivateJwk().d;
    ok(typeof d === "string" && d.length === 64, "explicit export works");
    const visible = JSON.stringify(key) + JSON.stringify(Object.keys(key)) + String(key);
    ok(!visible.includes(d), "no enumerable property, toJSON or toString leaks the key");
    const imported = ha.SigningKey.fromJwk(key.exportPrivateJwk(), ALLOW);
    equal(imported.kid, key.kid);
    key.free();
    let threw = false;
    try {
      key.publicJwk();
    } catch {
      threw = true;
    }
    ok(threw, "a freed key cannot be used");
    imported.free();
  });

  test("bad keys and inputs get codes, and the instance keeps working", () => {
    const cases = [
      [() => ha.SigningKey.fromPem("not a key", ALLOW), "ERR_KEY_FORMAT"],
      [() => ha.SigningKey.fromPem("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----", ALLOW), "ERR_KEY_FORMAT"],
      [() => ha.SigningKey.fromPem("-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----", ALLOW), "ERR_KEY_FORMAT"],
      [() => ha.SigningKey.fromJwk({ kty: "EC", crv: "P-384", x: "AA", y: "AA", d: "AA" }, ALLOW), "ERR_KEY_FORMAT"],
      [() => ha.SigningKey.fromJwk({ kty: "RSA", n: "AQAB", e: "AQAB" }, ALLOW), "ERR_KEY_FORMAT"],
      [() => ha.SigningKey.fromJwk({ kty: "XYZ", d: "AA" }, ALLOW), "ERR_KEY_FORMAT"],
      [() => ha.SigningKey.fromJwk("{", ALLOW), "ERR_KEY_FORMAT"], // JWK text that does not parse, as in Rust
      [() => ha.SigningKey.fromJwk(42, ALLOW), "ERR_INVALID_ARGUMENT"],
      [() => ha.SigningKey.fromSecret("short", { alg: "HS384", ...ALLOW }), "ERR_KEY_TOO_WEAK"],
      [() => ha.SigningKey.fromSecret("x".repeat(48), ALLOW), "ERR_KEY_ALG_MISSING"],
      [() => ha.SigningKey.generate("none"), "ERR_ALG_UNSUPPORTED"],
      [() => ha.SigningKey.generate("ES384", { modulus: 1 }), "ERR_UNKNOWN_OPTION"],
      [() => ha.VerifyingKey.fromPem(""), "ERR_KEY_FORMAT"],
      [() => ha.jwks("nope"), "ERR_INVALID_ARGUMENT"],
    ];
    for (let round = 0; round < 50; round++) {
      for (const [fn, code] of cases) throwsCode(ha, fn, code);
    }
    const key = ha.SigningKey.generate("ES256");
    ha.verifyJwt(ha.signJwt(key, { exp: NOW + 1 }), key, { now: NOW });
  });

  test("WebCrypto verifies what healthauth signs, and the reverse (ES256, ES384, RS384, HS384)", async () => {
    const subtle = globalThis.crypto.subtle;
    const enc = new TextEncoder();
    for (const alg of ["ES256", "ES384", "RS384"]) {
      const key = alg === "RS384" ? rsa() : ha.SigningKey.generate(alg);
      const [importParams, signParams] = webCryptoParams(alg);
      const token = ha.signJwt(key, { exp: NOW + 60, alg });
      const [h, p, s] = token.split(".");
      const publicKey = await subtle.importKey("jwk", key.publicJwk(), importParams, false, ["verify"]);
      ok(await subtle.verify(signParams, publicKey, b64urlToBytes(s), enc.encode(`${h}.${p}`)), `${alg}: WebCrypto verifies`);
      const privateKey = await subtle.importKey("jwk", key.exportPrivateJwk(), importParams, false, ["sign"]);
      const header = btoa(JSON.stringify({ alg, kid: key.kid })).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
      const payload = btoa(JSON.stringify({ exp: NOW + 60 })).replace(/=+$/, "");
      const sig = new Uint8Array(await subtle.sign(signParams, privateKey, enc.encode(`${header}.${payload}`)));
      let bin = "";
      for (const b of sig) bin += String.fromCharCode(b);
      const theirs = `${header}.${payload}.${btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")}`;
      equal(ha.verifyJwt(theirs, key.publicJwk(), { now: NOW }).claims.exp, NOW + 60);
    }
    const secret = crypto.getRandomValues(new Uint8Array(48));
    const hs = ha.SigningKey.fromSecret(secret, { alg: "HS384", ...ALLOW });
    const token = ha.signJwt(hs, { exp: NOW + 1 });
    const [h, p, s] = token.split(".");
    const mac = await subtle.importKey("raw", secret, { name: "HMAC", hash: "SHA-384" }, false, ["verify"]);
    ok(await subtle.verify("HMAC", mac, b64urlToBytes(s), enc.encode(`${h}.${p}`)), "HS384: WebCrypto verifies");
  });

  test("a freed, twice-freed or never-made handle throws ERR_HANDLE_FREED, and the instance keeps working", () => {
    const key = ha.SigningKey.generate("ES256");
    const verifying = key.verifyingKey();
    const token = ha.signJwt(key, { sub: "x", exp: 2_000_000_000 });
    key.free();
    throwsCode(ha, () => key.alg, "ERR_HANDLE_FREED");
    throwsCode(ha, () => key.publicJwk(), "ERR_HANDLE_FREED");
    throwsCode(ha, () => ha.signJwt(key, { sub: "x" }), "ERR_HANDLE_FREED");
    throwsCode(ha, () => ha.clientAssertion(key, { clientId: "c", audience: "https://as.example/token" }), "ERR_HANDLE_FREED");
    throwsCode(ha, () => key.free(), "ERR_HANDLE_FREED");
    equal(ha.verifyJwt(token, verifying, { now: 1_700_000_000 }).claims.sub, "x");
    verifying.free();
    throwsCode(ha, () => ha.verifyJwt(token, verifying, { now: 1_700_000_000 }), "ERR_HANDLE_FREED");
    throwsCode(ha, () => verifying.toJwk(), "ERR_HANDLE_FREED");
    // Objects healthauth did not make.
    throwsCode(ha, () => Object.create(ha.SigningKey.prototype).thumbprint(), "ERR_HANDLE_FREED");
    const verifier = new ha.WebhookVerifier({ scheme: "telesoft", secret: "telesoft-webhook-secret-1234", dangerouslyAllowBrowser: true });
    verifier.free();
    throwsCode(ha, () => verifier.verify("{}", { "telesoft-signature": "00" }), "ERR_HANDLE_FREED");
    // A fresh key still works.
    const again = ha.SigningKey.generate("ES256");
    ok(ha.signJwt(again, { sub: "y" }).split(".").length === 3, "a new key signs");
    again.free();
  });

  return tests;
}
