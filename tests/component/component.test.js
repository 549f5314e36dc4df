// The WebAssembly component (wit/healthauth.wit) in a real component host: jco transpiles it
// for Node with the WASI preview 2 shims. Cross-checks both ways against node:crypto, jose,
// standardwebhooks and @octokit/webhooks-methods; the shared cases run in cases.test.js.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash, createHmac, generateKeyPairSync } from "node:crypto";
import * as josePkg from "jose";
import { Webhook } from "standardwebhooks";
import { sign as octokitSign, verify as octokitVerify } from "@octokit/webhooks-methods";
import { pkce, jose, webhook, oauth, providers, net } from "../../target/jco/component-js/healthauth.js";

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

/** Verify options with every optional member left out. */
const verifyOptions = (more = {}) => ({ now: NOW, ...more });

test("component: the world exports every interface", () => {
  for (const iface of [pkce, jose, webhook, oauth, providers, net]) assert.equal(typeof iface, "object");
  assert.equal(typeof jose.SigningKey, "function");
  assert.equal(typeof jose.VerifyingKey, "function");
});

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
    const key = jose.SigningKey.generate(alg, {});
    const publicJwk = JSON.parse(key.publicJwk());
    assert.equal(publicJwk.kid, key.kid());
    assert.equal(key.thumbprint(), key.kid());
    assert.ok(!("d" in publicJwk));
    const now = BigInt(Math.floor(Date.now() / 1000));
    const assertion = key.clientAssertion({ clientId: "client-123", audience: TOKEN_URL, now });
    const { payload, protectedHeader } = await josePkg.jwtVerify(assertion, await josePkg.importJWK(publicJwk, alg), {
      audience: TOKEN_URL,
      issuer: "client-123",
      subject: "client-123",
      typ: "JWT",
    });
    assert.equal(protectedHeader.kid, key.kid());
    assert.equal(payload.exp - payload.iat, 300);
    const short = key.clientAssertion({ clientId: "c", audience: TOKEN_URL, now, lifetimeSeconds: 60n, jti: "j-1", jku: "https://app.example/jwks" });
    const decoded = josePkg.decodeJwt(short);
    assert.equal(decoded.exp - decoded.iat, 60);
    assert.equal(decoded.jti, "j-1");
    assert.equal(josePkg.decodeProtectedHeader(short).jku, "https://app.example/jwks");

    const token = key.signJwt(JSON.stringify({ sub: "s", exp: Number(NOW) + 60 }), JSON.stringify({ typ: "at+jwt" }));
    const verified = jose.verifyJwt(token, JSON.stringify({ keys: [publicJwk] }), verifyOptions({ typ: "at+jwt" }));
    assert.equal(JSON.parse(verified.claimsJson).sub, "s");
    assert.equal(JSON.parse(verified.headerJson).typ, "at+jwt");
    const verifying = key.verifyingKey();
    assert.equal(JSON.parse(jose.verifyJwtWithKey(token, verifying, verifyOptions()).claimsJson).sub, "s");
    failsWith(() => jose.verifyJwtWithKey(token, verifying, verifyOptions({ now: NOW + 61n })), "ERR_JWT_EXPIRED");
    assert.equal(JSON.parse(jose.verifyJwtWithKey(token, verifying, verifyOptions({ now: NOW + 61n, leewaySeconds: 2n })).claimsJson).sub, "s");
    failsWith(() => jose.verifyJwt(token, JSON.stringify(publicJwk), verifyOptions({ now: NOW + 61n })), "ERR_JWT_EXPIRED");
    // An empty audience list would accept any audience: refused (audit finding 7).
    failsWith(() => jose.verifyJwt(token, JSON.stringify(publicJwk), verifyOptions({ audience: [] })), "ERR_INVALID_ARGUMENT");
    failsWith(() => jose.verifyJwt(token, JSON.stringify(publicJwk), verifyOptions({ maxTokenBytes: 16n })), "ERR_JWT_TOO_LARGE");
    failsWith(() => jose.verifyJwt(token, JSON.stringify(publicJwk), verifyOptions({ maxJwksBytes: 16n })), "ERR_INPUT_TOO_LARGE");
    const imported = jose.SigningKey.fromJwk(key.exportPrivateJwk(), {});
    assert.equal(imported.kid(), key.kid());
    verifying[Symbol.dispose]();
    imported[Symbol.dispose]();
    key[Symbol.dispose]();
  }
  failsWith(() => jose.SigningKey.generate("none", {}), "ERR_ALG_UNSUPPORTED");
  failsWith(() => jose.SigningKey.fromPem("not a key", { alg: "RS256" }), "ERR_KEY_FORMAT");
  const none = `${Buffer.from('{"alg":"none"}').toString("base64url")}.${Buffer.from("{}").toString("base64url")}.`;
  const key = jose.SigningKey.generate("ES256", {});
  failsWith(() => jose.verifyJwt(none, key.publicJwk(), verifyOptions()), "ERR_JWT_ALG_NOT_ALLOWED");
});

test("component: keys from node:crypto (PEM, HMAC secret) sign and verify both ways with jose", async () => {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const pem = privateKey.export({ type: "pkcs8", format: "pem" });
  failsWith(() => jose.SigningKey.fromPem(pem, {}), "ERR_KEY_ALG_MISSING");
  const signing = jose.SigningKey.fromPem(pem, { alg: "PS256", kid: "rsa-1" });
  assert.equal(signing.alg(), "PS256");
  assert.equal(signing.kid(), "rsa-1");
  const token = signing.signJwt(JSON.stringify({ iss: "me", exp: Number(NOW) + 10 }), undefined);
  const { payload } = await josePkg.jwtVerify(token, publicKey, { currentDate: new Date(Number(NOW) * 1000) });
  assert.equal(payload.iss, "me");
  // And back: jose signs, the component verifies with the SPKI PEM.
  const fromJose = await new josePkg.SignJWT({ sub: "x" })
    .setProtectedHeader({ alg: "PS256" })
    .setExpirationTime(Number(NOW) + 10)
    .sign(privateKey);
  const verifying = jose.VerifyingKey.fromPem(publicKey.export({ type: "spki", format: "pem" }), { alg: "PS256" });
  assert.equal(verifying.alg(), "PS256");
  assert.equal(JSON.parse(jose.verifyJwtWithKey(fromJose, verifying, verifyOptions()).claimsJson).sub, "x");
  failsWith(
    () => jose.verifyJwtWithKey(fromJose, verifying, verifyOptions({ algorithms: ["RS256"] })),
    "ERR_JWT_ALG_NOT_ALLOWED",
  );

  const secret = new Uint8Array(32).fill(7);
  failsWith(() => jose.SigningKey.fromSecret(secret, {}), "ERR_KEY_ALG_MISSING");
  const hmac = jose.SigningKey.fromSecret(secret, { alg: "HS256" });
  failsWith(() => hmac.publicJwk(), "ERR_KEY_SYMMETRIC");
  const hs = hmac.signJwt(JSON.stringify({ exp: Number(NOW) + 10 }), undefined);
  await josePkg.jwtVerify(hs, secret, { currentDate: new Date(Number(NOW) * 1000) });
  const joseHs = await new josePkg.SignJWT({ a: 1 }).setProtectedHeader({ alg: "HS256" }).setExpirationTime(Number(NOW) + 10).sign(secret);
  assert.equal(JSON.parse(jose.verifyJwtWithKey(joseHs, hmac.verifyingKey(), verifyOptions()).claimsJson).a, 1);
});

test("component: the JWK set verifies in jose and refuses two keys with one kid", async () => {
  const a = jose.SigningKey.generate("ES256", {});
  const b = jose.SigningKey.generate("RS256", { kid: "rsa", modulusLength: 2048 });
  const set = JSON.parse(jose.jwks([a.verifyingKey(), b.verifyingKey()]));
  assert.deepEqual(set.keys.map((k) => k.kid), [a.kid(), "rsa"]);
  const keys = josePkg.createLocalJWKSet(set);
  for (const key of [a, b]) {
    const token = key.signJwt(JSON.stringify({ exp: Number(NOW) + 10 }), undefined);
    await josePkg.jwtVerify(token, keys, { currentDate: new Date(Number(NOW) * 1000) });
  }
  failsWith(() => jose.jwks([a.verifyingKey(), a.verifyingKey()]), "ERR_INVALID_ARGUMENT");
  const twin = jose.VerifyingKey.fromJwk(b.publicJwk(), { kid: a.kid() });
  failsWith(() => jose.jwks([a.verifyingKey(), twin]), "ERR_INVALID_ARGUMENT");
});

test("component: webhooks signed by node:crypto, standardwebhooks and octokit verify; tampering and age are refused", async () => {
  const body = new TextEncoder().encode('{"event":"diagnosis.completed"}');
  const secret = "telesoft-secret";
  const telesoft = { name: "telesoft" };
  const signature = createHmac("sha256", secret).update(body).digest("hex");
  const ok = webhook.verify(telesoft, body, [["Telesoft-Signature", signature]], [secret], {});
  assert.equal(ok.scheme, "telesoft");
  assert.deepEqual(ok.replayKeys, []);
  assert.deepEqual(webhook.sign(telesoft, body, [secret], { timestamp: 0n }), [["telesoft-signature", signature]]);
  const tampered = body.slice();
  tampered[3] ^= 1;
  failsWith(() => webhook.verify(telesoft, tampered, [["telesoft-signature", signature]], [secret], {}), "ERR_WEBHOOK_SIGNATURE_MISMATCH");
  // Freshness options mean nothing for a scheme that signs no timestamp: refused, not ignored.
  failsWith(() => webhook.verify(telesoft, body, [["telesoft-signature", signature]], [secret], { toleranceSeconds: 5n }), "ERR_INVALID_ARGUMENT");
  failsWith(() => webhook.verify(telesoft, body, [["telesoft-signature", signature]], [secret], { now: 0n }), "ERR_INVALID_ARGUMENT");
  failsWith(() => webhook.verify(telesoft, body, [["telesoft-signature", "a".repeat(8193)]], [secret], {}), "ERR_INPUT_TOO_LARGE");
  failsWith(() => webhook.verify(telesoft, body, [["telesoft-signature", signature]], [secret], { maxPayloadBytes: 4n }), "ERR_WEBHOOK_PAYLOAD_TOO_LARGE");

  // hmac-hex with its header, prefix and hash.
  const hex = { name: "hmac-hex", header: "X-Sig", prefix: "sha512=", hash: "sha512" };
  const sha512 = `sha512=${createHmac("sha512", secret).update(body).digest("hex")}`;
  assert.deepEqual(webhook.sign(hex, body, [secret], { timestamp: 0n }), [["x-sig", sha512]]);
  assert.equal(webhook.verify(hex, body, [["x-sig", sha512]], [secret], {}).scheme, "hmac-hex");
  failsWith(() => webhook.verify({ name: "hmac-hex" }, body, [], [secret], {}), "ERR_INVALID_ARGUMENT");

  // GitHub, against octokit.
  const github = await octokitSign(secret, new TextDecoder().decode(body));
  assert.equal(webhook.verify({ name: "github" }, body, [["X-Hub-Signature-256", github]], [secret], {}).scheme, "github");
  const [[, ours]] = webhook.sign({ name: "github" }, body, [secret], { timestamp: 0n });
  assert.ok(await octokitVerify(secret, new TextDecoder().decode(body), ours));

  // Standard Webhooks, against the reference library, with the replay key and its TTL.
  const whsec = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  const reference = new Webhook(whsec);
  const ts = new Date(Number(NOW) * 1000);
  const sent = reference.sign("msg_1", ts, new TextDecoder().decode(body));
  const headers = [["webhook-id", "msg_1"], ["webhook-timestamp", String(NOW)], ["webhook-signature", sent]];
  const standard = webhook.verify({ name: "standard" }, body, headers, [whsec], { now: NOW });
  assert.equal(standard.id, "msg_1");
  assert.equal(standard.timestamp, NOW);
  assert.equal(standard.replayKeys[0], standard.replayKey);
  assert.match(standard.replayKey, /^standard:[0-9a-f]{32}:msg_1$/);
  assert.equal(standard.replayTtlSeconds, 601n);
  assert.equal(webhook.verify({ name: "standard" }, body, headers, [whsec], { now: NOW, toleranceSeconds: 10n }).replayTtlSeconds, 60n);
  // The reference library reads the clock: sign at the current time for it.
  const current = BigInt(Math.floor(Date.now() / 1000));
  const signed = Object.fromEntries(webhook.sign({ name: "standard" }, body, [whsec], { id: "msg_2", timestamp: current }));
  reference.verify(new TextDecoder().decode(body), signed);
  failsWith(() => webhook.verify({ name: "standard" }, body, headers, [whsec], { now: NOW + 301n }), "ERR_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE");
  failsWith(() => webhook.verify({ name: "svix" }, body, headers, ["s"], { now: NOW }), "ERR_WEBHOOK_SCHEME_UNKNOWN");

  // Stripe: t=<ts>,v1=<hex HMAC of "{t}.{body}">.
  const v1 = createHmac("sha256", secret).update(`${NOW}.`).update(body).digest("hex");
  assert.deepEqual(webhook.sign({ name: "stripe" }, body, [secret], { timestamp: NOW }), [["stripe-signature", `t=${NOW},v1=${v1}`]]);
});

test("component: the Redox handshake in each shape", () => {
  const token = "redox-verification-token-123";
  const challenge = "2e73f864-a0e9-4764-a7d5-91fe5836db22";
  const body = JSON.stringify({ "verification-token": token, challenge });
  assert.equal(webhook.redoxVerification({ tag: "text", val: body }, [token], undefined, undefined), challenge);
  assert.equal(webhook.redoxVerification({ tag: "body", val: new TextEncoder().encode(body) }, [token], undefined, undefined), challenge);
  const query = `https://example.com/redox?challenge=${challenge}&verification-token=${token}`;
  assert.equal(webhook.redoxVerification({ tag: "text", val: query }, [token], undefined, undefined), challenge);
  assert.equal(webhook.redoxVerification({ tag: "query", val: query }, [token], undefined, undefined), challenge);
  const fields = { tag: "fields", val: { challenge, verificationToken: undefined } };
  assert.equal(webhook.redoxVerification(fields, ["old", token], token, undefined), challenge);
  failsWith(() => webhook.redoxVerification(fields, [token], undefined, undefined), "ERR_WEBHOOK_SIGNATURE_MISSING");
  failsWith(() => webhook.redoxVerification(fields, [token], "wrong", undefined), "ERR_WEBHOOK_SIGNATURE_MISMATCH");
  failsWith(() => webhook.redoxVerification({ tag: "text", val: body }, [], undefined, undefined), "ERR_WEBHOOK_SECRET_INVALID");
  failsWith(() => webhook.redoxVerification({ tag: "text", val: body }, [token], undefined, 16n), "ERR_INPUT_TOO_LARGE");
});

test("component: OAuth requests match what a server reads; callbacks and token responses parse", () => {
  const url = new URL(
    oauth.authorizationUrl({
      authorizationEndpoint: "https://as.example/authorize",
      clientId: "c",
      redirectUri: "https://app.example/cb",
      scope: ["openid", "patient/*.rs"],
      state: "s",
      codeChallenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
      extraParams: [["aud", "https://fhir.example/r4"]],
    }),
  );
  assert.equal(url.searchParams.get("scope"), "openid patient/*.rs");
  assert.equal(url.searchParams.get("code_challenge_method"), "S256");
  assert.equal(url.searchParams.get("aud"), "https://fhir.example/r4");
  const base = { authorizationEndpoint: "https://as.example/authorize", clientId: "c", redirectUri: "https://app.example/cb", extraParams: [] };
  failsWith(() => oauth.authorizationUrl(base), "ERR_INVALID_ARGUMENT");

  const callback = oauth.parseCallback("https://app.example/cb?code=abc&state=s&iss=https%3A%2F%2Fas.example", {
    expectedState: "s",
    expectedIssuer: "https://as.example",
  });
  assert.deepEqual({ ...callback }, { code: "abc", state: "s", iss: "https://as.example" });
  failsWith(() => oauth.parseCallback("https://app.example/cb?code=abc&state=x", { expectedState: "s" }), "ERR_OAUTH_STATE_MISMATCH");

  const client = { tokenEndpoint: "https://as.example/token", clientId: "id:1", clientSecret: "p@ss" };
  const basic = oauth.clientCredentialsRequest(client, ["system/*.rs"]);
  const headers = Object.fromEntries(basic.headers);
  // RFC 6749 section 2.3.1: form-encode id and secret, then Basic.
  assert.equal(headers.authorization, `Basic ${Buffer.from("id%3A1:p%40ss").toString("base64")}`);
  assert.equal(new URLSearchParams(basic.body).get("scope"), "system/*.rs");
  const assertion = jose.SigningKey.generate("ES384", {}).clientAssertion({ clientId: "id", audience: client.tokenEndpoint, now: NOW });
  const jwt = oauth.clientCredentialsRequest(
    { tokenEndpoint: client.tokenEndpoint, clientId: "id", clientAuth: { method: "private_key_jwt", assertion } },
    undefined,
  );
  const form = new URLSearchParams(jwt.body);
  assert.equal(form.get("client_assertion"), assertion);
  assert.equal(form.get("client_assertion_type"), "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
  const json = oauth.refreshRequest({ ...client, clientAuth: { method: "client_secret_json" } }, "rt", undefined);
  assert.deepEqual(JSON.parse(json.body), { grant_type: "refresh_token", refresh_token: "rt", client_id: "id:1", client_secret: "p@ss" });
  const exchange = oauth.codeExchangeRequest({ tokenEndpoint: client.tokenEndpoint, clientId: "pub" }, "code", "https://app.example/cb", "v".repeat(43));
  assert.equal(new URLSearchParams(exchange.body).get("code_verifier"), "v".repeat(43));
  failsWith(() => oauth.clientCredentialsRequest({ ...client, clientAuth: { method: "magic" } }, undefined), "ERR_INVALID_ARGUMENT");

  const token = oauth.parseTokenResponse(200, JSON.stringify({ access_token: "at", expires_in: 300, patient: "p1" }), { now: 1000n });
  assert.equal(token.accessToken, "at");
  assert.equal(token.tokenType, "Bearer");
  assert.equal(token.expiresAt, 1300n);
  assert.equal(token.refreshAt, 1240n);
  assert.deepEqual(JSON.parse(token.extraJson), { patient: "p1" });
  failsWith(() => oauth.parseTokenResponse(400, '{"error":"invalid_client"}', { now: 1000n }), "ERR_OAUTH_TOKEN_ERROR");
  failsWith(() => oauth.parseTokenResponse(700, "{}", { now: 1000n }), "ERR_INVALID_ARGUMENT");
});

test("component: provider presets, Updox auth, API keys and CIDR allowlists", () => {
  const redox = providers.preset("redox", {});
  assert.equal(redox.tokenEndpoint, TOKEN_URL);
  assert.equal(redox.clientAuthMethod, "private_key_jwt");
  assert.equal(providers.preset("smart", { tokenEndpoint: "https://ehr.example/token" }).kidRequired, true);
  failsWith(() => providers.preset("digitail", {}), "ERR_INVALID_ARGUMENT");
  failsWith(() => providers.preset("telesoft", { region: "us" }), "ERR_UNKNOWN_OPTION");
  failsWith(() => providers.preset("other", {}), "ERR_INVALID_ARGUMENT");
  assert.deepEqual(JSON.parse(providers.updoxAuth({ loginId: "u", loginPassword: "p" })), { auth: { loginId: "u", loginPassword: "p" } });
  failsWith(() => providers.updoxAuth({ loginId: "u", applicationId: "a" }), "ERR_UPDOX_AUTH_MIXED");
  failsWith(() => providers.parseApiKey("nope"), "ERR_API_KEY_INVALID");
  assert.equal(net.ipAllowed("10.1.2.3", ["10.0.0.0/8"]), true);
  assert.equal(net.ipAllowed("2001:db8::1", ["10.0.0.0/8", "2001:db8::/32"]), true);
  failsWith(() => net.ipAllowed("10.1.2", ["10.0.0.0/8"]), "ERR_IP_INVALID");
  failsWith(() => net.ipAllowed("10.1.2.3", ["10.0.0.1/8"]), "ERR_CIDR_INVALID");
});
