// Size caps (audit finding 1): every input an attacker can send is refused with a code before
// it is copied into wasm or parsed, at 5, 16 and 64 MiB, and the instance keeps working. Runs
// in every runtime; the Node suite also checks that wasm memory stayed bounded.
import { ok, equal, throwsCode } from "./assert.js";

const MiB = 1024 * 1024;
export const HOSTILE_SIZES = [5 * MiB, 16 * MiB, 64 * MiB];
const TOKEN = "redox-verification-token-123";
const SECRET = "telesoft-webhook-secret-1234";

/** Each attacker-reachable entry, called with `n` bytes of hostile input: [name, code, call]. */
export function hostileCalls(ha, n) {
  const pad = "a".repeat(n);
  const handshake = `{"challenge":"c","verification-token":"${TOKEN}","x":"${pad}"}`;
  return [
    ["redoxVerification(body text)", "ERR_INPUT_TOO_LARGE", () => ha.redoxVerification(handshake, TOKEN)],
    ["redoxVerification(deeply nested body)", "ERR_INPUT_TOO_LARGE", () => ha.redoxVerification(`{"a":${"[".repeat(n)}`, TOKEN)],
    ["redoxVerification(body bytes)", "ERR_INPUT_TOO_LARGE", () => ha.redoxVerification(new Uint8Array(n), TOKEN)],
    ["redoxVerification(query)", "ERR_INPUT_TOO_LARGE", () => ha.redoxVerification(`?challenge=c&verification-token=${TOKEN}&x=${pad}`, TOKEN)],
    ["redoxVerification(fields)", "ERR_INPUT_TOO_LARGE", () => ha.redoxVerification({ challenge: pad, "verification-token": TOKEN }, TOKEN)],
    ["parseCallback", "ERR_INPUT_TOO_LARGE", () => ha.parseCallback(`https://app.example/cb?code=c&state=s&x=${pad}`, { expectedState: "s" })],
    ["parseTokenResponse", "ERR_INPUT_TOO_LARGE", () => ha.parseTokenResponse(200, `{"access_token":"at","x":"${pad}"}`)],
    ["verifyJwt(token)", "ERR_JWT_TOO_LARGE", () => ha.verifyJwt(pad, { kty: "EC", crv: "P-256", x: "x", y: "y" })],
    ["verifyJwt(JWKS text)", "ERR_INPUT_TOO_LARGE", () => ha.verifyJwt("a.b.c", `{"keys":[{"kty":"RSA","n":"${pad}","e":"AQAB"}]}`)],
    ["verifyJwt(JWKS object)", "ERR_INPUT_TOO_LARGE", () => ha.verifyJwt("a.b.c", { keys: [{ kty: "RSA", n: pad, e: "AQAB" }] })],
    ["VerifyingKey.fromJwk", "ERR_INPUT_TOO_LARGE", () => ha.VerifyingKey.fromJwk({ kty: "RSA", n: pad, e: "AQAB" })],
    ["VerifyingKey.fromPem", "ERR_INPUT_TOO_LARGE", () => ha.VerifyingKey.fromPem(`-----BEGIN PUBLIC KEY-----\n${pad}`)],
    ["SigningKey.fromPem", "ERR_INPUT_TOO_LARGE", () => ha.SigningKey.fromPem(`-----BEGIN PRIVATE KEY-----\n${pad}`, {})],
    ["verifyWebhook(payload)", "ERR_WEBHOOK_PAYLOAD_TOO_LARGE", () => ha.verifyWebhook({ scheme: "telesoft", payload: pad, headers: { "telesoft-signature": "00" }, secret: SECRET })],
    ["verifyWebhook(header)", "ERR_INPUT_TOO_LARGE", () => ha.verifyWebhook({ scheme: "telesoft", payload: "{}", headers: { "telesoft-signature": pad }, secret: SECRET })],
    ["verifyWebhook(Headers header)", "ERR_INPUT_TOO_LARGE", () => ha.verifyWebhook({ scheme: "standard", payload: "{}", headers: new Headers({ "webhook-id": "m", "webhook-timestamp": "1", "webhook-signature": pad }), secret: "whsec_c2VjcmV0" })],
  ];
}

/** Legitimate calls that must still work after the hostile ones. */
export function legitimateCalls(ha) {
  const key = ha.SigningKey.generate("ES256");
  const jwt = ha.signJwt(key, { sub: "x", exp: 2_000_000_000 });
  ok(ha.verifyJwt(jwt, { keys: [key.publicJwk()] }, { now: 1_700_000_000 }).claims.sub === "x", "verifyJwt");
  key.free();
  equal(ha.redoxVerification(`{"challenge":"c1","verification-token":"${TOKEN}"}`, TOKEN), "c1");
  equal(ha.parseCallback("https://app.example/cb?code=c&state=s", { expectedState: "s" }).code, "c");
  equal(ha.parseTokenResponse(200, '{"access_token":"at"}').accessToken, "at");
  ok(ha.createPkce().verifier.length >= 43, "createPkce");
}

export function limitsSuite(ha) {
  const tests = [];
  const test = (name, fn) => tests.push({ name: `limits: ${name}`, fn });

  test("hostile inputs of 5, 16 and 64 MiB are refused with a code at every entry, and the instance keeps working", () => {
    for (const n of HOSTILE_SIZES) {
      for (const [name, code, call] of hostileCalls(ha, n)) {
        try {
          throwsCode(ha, call, code, TOKEN);
        } catch (error) {
          error.message = `${name} (${n / MiB} MiB): ${error.message}`;
          throw error;
        }
      }
    }
    legitimateCalls(ha);
  });

  test("each cap: at the limit passes, one past it is refused, and the option moves it", () => {
    const query = (n) => {
      const base = "https://app.example/cb?code=c&state=s&x=";
      return base + "a".repeat(n - base.length);
    };
    equal(ha.parseCallback(query(65536), { expectedState: "s" }).code, "c");
    throwsCode(ha, () => ha.parseCallback(query(65537), { expectedState: "s" }), "ERR_INPUT_TOO_LARGE");
    equal(ha.parseCallback(query(65537), { expectedState: "s", maxBytes: 65537 }).code, "c");
    throwsCode(ha, () => ha.parseCallback(query(100), { expectedState: "s", maxBytes: 99 }), "ERR_INPUT_TOO_LARGE");

    const body = (n) => `{"access_token":"at","x":"${"a".repeat(n - 28)}"}`;
    equal(body(1 << 20).length, 1 << 20);
    equal(ha.parseTokenResponse(200, body(1 << 20)).accessToken, "at");
    throwsCode(ha, () => ha.parseTokenResponse(200, body((1 << 20) + 1)), "ERR_INPUT_TOO_LARGE");
    equal(ha.parseTokenResponse(200, body((1 << 20) + 1), { maxBytes: 2 << 20 }).accessToken, "at");

    const handshake = (n) => {
      const base = `{"challenge":"c","verification-token":"${TOKEN}","x":""}`;
      return base.replace('"x":""', `"x":"${"a".repeat(n - base.length)}"`);
    };
    equal(ha.redoxVerification(handshake(4096), TOKEN), "c");
    throwsCode(ha, () => ha.redoxVerification(handshake(4097), TOKEN), "ERR_INPUT_TOO_LARGE", TOKEN);
    equal(ha.redoxVerification(handshake(4097), TOKEN, { maxBytes: 8192 }), "c");
    // The verification-token header is held to the same cap (a wrong token of 4096 bytes is
    // read and refused as a mismatch; one byte more is not read), and the error names the option.
    const tokenHeader = (n) => ({ headers: { "verification-token": "t".repeat(n) } });
    throwsCode(ha, () => ha.redoxVerification("?challenge=c", TOKEN, tokenHeader(4096)), "ERR_WEBHOOK_SIGNATURE_MISMATCH", TOKEN);
    throwsCode(ha, () => ha.redoxVerification("?challenge=c", TOKEN, tokenHeader(4097)), "ERR_INPUT_TOO_LARGE", TOKEN);
    throwsCode(ha, () => ha.redoxVerification("?challenge=c", TOKEN, { ...tokenHeader(4097), maxBytes: 4097 }), "ERR_WEBHOOK_SIGNATURE_MISMATCH", TOKEN);
    let redoxMessage = "";
    try {
      ha.redoxVerification("?challenge=c", TOKEN, tokenHeader(4097));
    } catch (error) {
      redoxMessage = error.message;
    }
    ok(redoxMessage.includes("option `maxBytes`"), `the message names the option: ${redoxMessage}`);

    const jwks = (n) => {
      const base = '{"keys":[],"x":""}';
      return base.replace('"x":""', `"x":"${"a".repeat(n - base.length)}"`);
    };
    throwsCode(ha, () => ha.verifyJwt("a.b.c", jwks(262144)), "ERR_JWT_MALFORMED");
    throwsCode(ha, () => ha.verifyJwt("a.b.c", jwks(262145)), "ERR_INPUT_TOO_LARGE");
    throwsCode(ha, () => ha.verifyJwt("a.b.c", jwks(262145), { maxJwksBytes: 262145 }), "ERR_JWT_MALFORMED");

    const header = "z".repeat(8192);
    throwsCode(ha, () => ha.verifyWebhook({ scheme: "telesoft", payload: "{}", headers: { "telesoft-signature": header }, secret: SECRET }), "ERR_WEBHOOK_SIGNATURE_MISMATCH");
    throwsCode(ha, () => ha.verifyWebhook({ scheme: "telesoft", payload: "{}", headers: { "telesoft-signature": header + "z" }, secret: SECRET }), "ERR_INPUT_TOO_LARGE");
  });

  test("maxHeaderBytes raises and lowers the webhook header cap, one-shot and held alike", () => {
    for (const max of [20_000, 64]) {
      const header = "z".repeat(max);
      const oneShot = (value) => () =>
        ha.verifyWebhook({ scheme: "telesoft", payload: "{}", headers: { "telesoft-signature": value }, secret: SECRET, maxHeaderBytes: max });
      throwsCode(ha, oneShot(header), "ERR_WEBHOOK_SIGNATURE_MISMATCH");
      throwsCode(ha, oneShot(header + "z"), "ERR_INPUT_TOO_LARGE");
      // dangerouslyAllowBrowser: the browser run checks behaviour (the guard has its own tests).
      const held = new ha.WebhookVerifier({ scheme: "telesoft", secret: SECRET, maxHeaderBytes: max, dangerouslyAllowBrowser: true });
      try {
        throwsCode(ha, () => held.verify("{}", new Headers({ "telesoft-signature": header })), "ERR_WEBHOOK_SIGNATURE_MISMATCH");
        throwsCode(ha, () => held.verify("{}", new Headers({ "telesoft-signature": header + "z" })), "ERR_INPUT_TOO_LARGE");
      } finally {
        held.free();
      }
    }
    let message = "";
    try {
      ha.verifyWebhook({ scheme: "telesoft", payload: "{}", headers: { "telesoft-signature": "z".repeat(65) }, secret: SECRET, maxHeaderBytes: 64 });
    } catch (error) {
      message = error.message;
    }
    ok(message.includes("maxHeaderBytes"), `the message names the option: ${message}`);
  });

  test("discovery documents: at the 1 MiB cap parsed, one byte past refused, and maxBytes moves it", () => {
    const smart = '{"token_endpoint":"https://ehr.example/token","capabilities":[],"code_challenge_methods_supported":["S256"]}';
    const openid = '{"issuer":"https://ehr.example","authorization_endpoint":"https://ehr.example/a","token_endpoint":"https://ehr.example/t","jwks_uri":"https://ehr.example/j"}';
    const pad = (doc, n) => doc + " ".repeat(n - doc.length);
    const issuer = "https://ehr.example";
    ok(ha.parseSmartConfiguration(pad(smart, MiB)), "a SMART configuration at the cap");
    throwsCode(ha, () => ha.parseSmartConfiguration(pad(smart, MiB + 1)), "ERR_INPUT_TOO_LARGE");
    ok(ha.parseSmartConfiguration(pad(smart, MiB + 1), { maxBytes: MiB + 1 }), "maxBytes raises the cap");
    ok(ha.parseSmartConfiguration(smart, { maxBytes: smart.length }), "maxBytes: exactly the document");
    throwsCode(ha, () => ha.parseSmartConfiguration(smart, { maxBytes: smart.length - 1 }), "ERR_INPUT_TOO_LARGE");
    ok(ha.parseOpenIdConfiguration(pad(openid, MiB), { issuer }), "an OpenID configuration at the cap");
    throwsCode(ha, () => ha.parseOpenIdConfiguration(pad(openid, MiB + 1), { issuer }), "ERR_INPUT_TOO_LARGE");
    ok(ha.parseOpenIdConfiguration(openid, { issuer, maxBytes: openid.length }), "maxBytes: exactly the document");
    throwsCode(ha, () => ha.parseOpenIdConfiguration(openid, { issuer, maxBytes: openid.length - 1 }), "ERR_INPUT_TOO_LARGE");
  });

  test("PAR, revocation and introspection responses: at the 1 MiB cap parsed, one byte past refused, and maxBytes moves it", () => {
    const pad = (body, n) => body + " ".repeat(n - body.length);
    const par = '{"request_uri":"urn:ietf:params:oauth:request_uri:x","expires_in":60}';
    const introspection = '{"active":true,"scope":"a"}';
    equal(ha.parsePushedAuthorizationResponse(201, pad(par, MiB)).expiresIn, 60, "PAR at the cap");
    throwsCode(ha, () => ha.parsePushedAuthorizationResponse(201, pad(par, MiB + 1)), "ERR_INPUT_TOO_LARGE");
    equal(ha.parsePushedAuthorizationResponse(201, pad(par, MiB + 1), { maxBytes: MiB + 1 }).expiresIn, 60, "maxBytes raises the cap");
    equal(ha.parseIntrospectionResponse(200, pad(introspection, MiB)).active, true, "introspection at the cap");
    throwsCode(ha, () => ha.parseIntrospectionResponse(200, pad(introspection, MiB + 1)), "ERR_INPUT_TOO_LARGE");
    equal(ha.parseIntrospectionResponse(200, introspection, { maxBytes: introspection.length }).active, true, "maxBytes: exactly the body");
    throwsCode(ha, () => ha.parseIntrospectionResponse(200, introspection, { maxBytes: introspection.length - 1 }), "ERR_INPUT_TOO_LARGE");
    equal(ha.parseRevocationResponse(200, pad("", MiB)), null, "revocation at the cap");
    throwsCode(ha, () => ha.parseRevocationResponse(200, pad("", MiB + 1)), "ERR_INPUT_TOO_LARGE");
    throwsCode(ha, () => ha.parseRevocationResponse(200, "{}", { maxBytes: 1 }), "ERR_INPUT_TOO_LARGE");
  });

  test("redoxVerification checks a verification-token header before it reads the body", () => {
    // The body is not JSON: with a wrong header the refusal is the token, not the body.
    throwsCode(ha, () => ha.redoxVerification("{not json", TOKEN, { headers: { "verification-token": "wrong" } }), "ERR_WEBHOOK_SIGNATURE_MISMATCH", TOKEN);
    throwsCode(ha, () => ha.redoxVerification("{not json", TOKEN), "ERR_WEBHOOK_HEADER_MALFORMED", TOKEN);
    const headers = new Headers({ "verification-token": TOKEN });
    equal(ha.redoxVerification('{"challenge":"c2"}', TOKEN, { headers }), "c2");
    // A token in the body must match as well.
    throwsCode(ha, () => ha.redoxVerification('{"challenge":"c2","verification-token":"other"}', TOKEN, { headers }), "ERR_WEBHOOK_SIGNATURE_MISMATCH", TOKEN);
  });

  return tests;
}
