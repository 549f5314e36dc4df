// The WebAssembly component (wit/healthauth.wit) in a real component host: jco transpiles it
// for Node with the WASI preview 2 shims. Same vectors and cross-checks as the other suites.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash, createHmac } from "node:crypto";
import * as josePkg from "jose";
import { pkce, jose, webhook } from "../../target/jco/component-js/healthauth.js";

const NOW = 1_800_000_000n;
const TOKEN_URL = "https://api.redoxengine.com/v2/auth/token";

/** The npm-style code of a WIT `error-code` (`pkce-verifier-length` → `ERR_PKCE_VERIFIER_LENGTH`). */
const npmCode = (witCode) => `ERR_${witCode.toUpperCase().replaceAll("-", "_")}`;

function failsWith(fn, code) {
  assert.throws(
    fn,
    (e) => npmCode(e.payload?.code ?? "") === code && typeof e.payload.message === "string" && Array.isArray(e.payload.details),
  );
}

test("component: RFC 7636 Appendix B and generated pairs match node:crypto", () => {
  assert.equal(pkce.pkceChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  for (let i = 0; i < 200; i++) {
    const pair = pkce.createPkce(43 + (i % 86));
    assert.match(pair.verifier, /^[A-Za-z0-9\-._~]{43,128}$/);
    assert.equal(pair.challenge, createHash("sha256").update(pair.verifier).digest("base64url"));
    assert.ok(pkce.verifyPkce(pair.verifier, pair.challenge));
  }
  failsWith(() => pkce.pkceChallenge("a".repeat(42)), "ERR_PKCE_VERIFIER_LENGTH");
  failsWith(() => pkce.pkceChallenge("a".repeat(42) + "+"), "ERR_PKCE_VERIFIER_INVALID");
  failsWith(() => pkce.createPkce(129), "ERR_PKCE_VERIFIER_LENGTH");
  assert.equal(pkce.randomState(undefined).length, 43);
  failsWith(() => pkce.randomState(8), "ERR_RANDOM_LENGTH");
});

test("component: client assertions verify in jose; JWTs verify in the component", async () => {
  for (const alg of ["ES384", "RS384", "EdDSA"]) {
    const key = jose.SigningKey.generate(alg);
    const publicJwk = JSON.parse(key.publicJwk());
    assert.equal(publicJwk.kid, key.kid());
    assert.ok(!("d" in publicJwk));
    const assertion = key.clientAssertion("client-123", TOKEN_URL, BigInt(Math.floor(Date.now() / 1000)));
    const { payload, protectedHeader } = await josePkg.jwtVerify(assertion, await josePkg.importJWK(publicJwk, alg), {
      audience: TOKEN_URL,
      issuer: "client-123",
      subject: "client-123",
      typ: "JWT",
    });
    assert.equal(protectedHeader.kid, key.kid());
    assert.equal(payload.exp - payload.iat, 300);
    const token = key.signJwt(JSON.stringify({ sub: "s", exp: Number(NOW) + 60 }));
    const options = { algorithms: [], audience: undefined, issuer: undefined, leewaySeconds: 0n, now: NOW };
    const verified = jose.verifyJwt(token, JSON.stringify({ keys: [publicJwk] }), options);
    assert.equal(JSON.parse(verified.claimsJson).sub, "s");
    failsWith(() => jose.verifyJwt(token, JSON.stringify(publicJwk), { ...options, now: NOW + 61n }), "ERR_JWT_EXPIRED");
    // An empty audience list would accept any audience: refused (audit finding 7).
    failsWith(() => jose.verifyJwt(token, JSON.stringify(publicJwk), { ...options, audience: [] }), "ERR_INVALID_ARGUMENT");
    const imported = jose.SigningKey.fromJwk(key.exportPrivateJwk(), undefined);
    assert.equal(imported.kid(), key.kid());
  }
  failsWith(() => jose.SigningKey.generate("none"), "ERR_ALG_UNSUPPORTED");
  failsWith(() => jose.SigningKey.fromPem("not a key", "RS256"), "ERR_KEY_FORMAT");
  const none = `${Buffer.from('{"alg":"none"}').toString("base64url")}.${Buffer.from("{}").toString("base64url")}.`;
  const key = jose.SigningKey.generate("ES256");
  failsWith(
    () => jose.verifyJwt(none, key.publicJwk(), { algorithms: [], audience: undefined, issuer: undefined, leewaySeconds: 0n, now: NOW }),
    "ERR_JWT_ALG_NOT_ALLOWED",
  );
});

test("component: webhooks signed by node:crypto verify; tampering and age are refused", () => {
  const body = new TextEncoder().encode('{"event":"diagnosis.completed"}');
  const secret = "telesoft-secret";
  const signature = createHmac("sha256", secret).update(body).digest("hex");
  const ok = webhook.verify("telesoft", body, [["Telesoft-Signature", signature]], [secret], NOW, undefined);
  assert.equal(ok.scheme, "telesoft");
  const tampered = body.slice();
  tampered[3] ^= 1;
  failsWith(() => webhook.verify("telesoft", tampered, [["telesoft-signature", signature]], [secret], NOW, undefined), "ERR_WEBHOOK_SIGNATURE_MISMATCH");
  // Standard Webhooks: HMAC-SHA256 of "{id}.{timestamp}.{body}" under the base64 secret.
  const key = Buffer.from("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "base64");
  const ts = Number(NOW);
  const v1 = createHmac("sha256", key).update(`msg_1.${ts}.`).update(body).digest("base64");
  const headers = [["webhook-id", "msg_1"], ["webhook-timestamp", String(ts)], ["webhook-signature", `v1,${v1}`]];
  const standard = webhook.verify("standard", body, headers, ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"], NOW, undefined);
  assert.equal(standard.id, "msg_1");
  assert.equal(standard.timestamp, NOW);
  failsWith(
    () => webhook.verify("standard", body, headers, ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"], NOW + 301n, undefined),
    "ERR_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE",
  );
  failsWith(() => webhook.verify("svix", body, headers, ["s"], NOW, undefined), "ERR_WEBHOOK_SCHEME_UNKNOWN");
});
