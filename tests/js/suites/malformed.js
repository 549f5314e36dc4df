// The malformed-input battery (issue 12, item 5): every export of the package, each class's
// static and instance methods included, called 10 000 times in all with adversarial arguments
// generated from a fixed seed: wrong types, undefined, null, huge strings, lone surrogates,
// detached ArrayBuffers, freed handles, deeply nested and cyclic objects, Symbols, BigInts,
// Proxies and getters that throw. Each call must fail with a HealthAuthError carrying an
// `ERR_...` code (or one of the TypeErrors listed below, or the caller's own exception from a
// throwing Proxy/getter, passed through), or return normally where the junk is a legal value;
// it must never throw anything else (a wasm trap, a RangeError, an uncoded Error), never echo a
// secret, and the instance must still answer known vectors afterwards.
//
// This is the random sweep; tests/js/suites/mistakes.js checks the classic mistakes per export
// with exact codes and messages. Runs in Node (tests/js/malformed-node.test.js) and workerd
// (tests/js/malformed-workerd.test.js).
import { ok, equal, AssertionError } from "./assert.js";

export const MALFORMED_CALLS = 10_000;
const SEED = 0x12c0ffee;

/** The exception a hostile Proxy or getter throws: the library may pass it through. */
export class CallerTrap extends Error {}

/** TypeErrors the language itself throws on a value no API can take; anything else fails. */
const LISTED_TYPE_ERRORS = [
  /Cannot convert a Symbol value to a string/,
  /Cannot convert a BigInt value to a number/,
  /Cannot mix BigInt and other types/,
  /Do not know how to serialize a BigInt/,
  /BigInt value can't be serialized in JSON/,
  /Converting circular structure to JSON/,
  /cyclic object value/,
];

// A marker in the junk strings; where junk lands in a secret-bearing place it becomes
// SECRET_MARK, which no error message may contain (a message may name a bad scheme or alg).
const MARK = "J4NK-MARK-7f3a";
const SECRET_MARK = "S3CRET-MARK-9c1d";
const SECRET_FIELD = /secret|token|password|payload|verifier|assertion|code|key|^k$|^d$/i;

/** mulberry32: a small deterministic generator, the same in every runtime. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function detachedBuffer() {
  const buffer = new ArrayBuffer(64);
  structuredClone(buffer, { transfer: [buffer] });
  if (buffer.byteLength !== 0) throw new AssertionError("this runtime did not detach the ArrayBuffer");
  return buffer;
}

function nested(depth, leaf) {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

function cyclic() {
  const value = { kty: "EC", crv: "P-256" };
  value.self = value;
  value.keys = [value];
  return value;
}

function trapProxy() {
  const trap = () => {
    throw new CallerTrap("a Proxy trap threw");
  };
  return new Proxy({}, { get: trap, has: trap, ownKeys: trap, getOwnPropertyDescriptor: trap, getPrototypeOf: trap, apply: trap });
}

function throwingGetters() {
  const value = {};
  for (const name of ["scheme", "secret", "payload", "headers", "kty", "keys", "alg", "clientId", "tokenEndpoint", "toString", "toJSON", "then", "length", "byteLength"]) {
    Object.defineProperty(value, name, {
      enumerable: true,
      get() {
        throw new CallerTrap(`getter ${name} threw`);
      },
    });
  }
  return value;
}

/**
 * The junk values: [label, make(ha), kind]. Kind "never": no argument or option can take the
 * value (a call given one where it is read must throw); "handle": a dead or forged key, which
 * must be refused where a live handle goes; false: legal in some places.
 */
function junkValues(ha) {
  const MiB = 1024 * 1024;
  const huge = "A".repeat(2 * MiB);
  const large = "eyJ".repeat(30_000);
  return [
    ["undefined", () => undefined, false],
    ["null", () => null, false],
    ["true", () => true, false],
    ["0", () => 0, false],
    ["-0", () => -0, false],
    ["-1", () => -1, false],
    ["NaN", () => NaN, "never"],
    ["Infinity", () => Infinity, false],
    ["2^53+2", () => 2 ** 53 + 2, false],
    ["1.5", () => 1.5, false],
    ["empty string", () => "", false],
    ["2 MiB string", () => huge, false],
    ["90 KiB token-ish string", () => large, false],
    ["lone high surrogate", () => "\ud800", false],
    ["lone low surrogate in text", () => `a\udc00b${MARK}`, false],
    ["surrogates in JSON", () => `{"kty":"\ud800","keys":["\udfff"],"access_token":"${MARK}"}`, false],
    ["NUL and controls", () => `\u0000\u0001\u001f\u007f${MARK}\r\n`, false],
    ["broken JSON", () => `{"a":[1,2,{"b":`, false],
    ["deep JSON text", () => "[".repeat(100_000), false],
    ["PEM lookalike", () => `-----BEGIN PRIVATE KEY-----\n${MARK}\n-----END PRIVATE KEY-----\n`, false],
    ["JWT lookalike", () => `eyJhbGciOiJub25lIn0.eyJzdWIiOiIke01BUkt9In0.${MARK}`, false],
    ["URL lookalike", () => `https://app.example/cb?code=${MARK}&state=%ZZ&iss=\ud800`, false],
    ["Symbol", () => Symbol(MARK), "never"],
    ["BigInt", () => 2n ** 70n, "never"],
    ["function", () => () => MARK, false],
    ["empty object", () => ({}), false],
    ["empty array", () => [], false],
    ["array of junk", () => [null, 1, "x", {}, [], Symbol("s")], false],
    ["sparse array", () => [, , "x"], false], // eslint-disable-line no-sparse-arrays
    ["object with null prototype", () => Object.assign(Object.create(null), { kty: "oct", k: MARK }), false],
    ["nested 10 000 deep", () => nested(10_000, MARK), false],
    ["cyclic object", cyclic, false],
    ["throwing Proxy", trapProxy, "never"],
    ["throwing getters", throwingGetters, "never"],
    ["Date", () => new Date(0), false],
    ["RegExp", () => /x/g, false],
    ["Map", () => new Map([["scheme", "telesoft"]]), false],
    ["Promise", () => Promise.resolve(MARK), false],
    ["Uint8Array(0)", () => new Uint8Array(0), false],
    ["Uint16Array", () => new Uint16Array([0xd800, 1, 2]), false],
    ["Float64Array", () => new Float64Array([NaN, -0]), false],
    ["DataView", () => new DataView(new ArrayBuffer(8)), false],
    ["detached ArrayBuffer", detachedBuffer, false],
    ["view of a detached ArrayBuffer", () => {
      const buffer = new ArrayBuffer(32);
      const view = new Uint8Array(buffer);
      structuredClone(buffer, { transfer: [buffer] });
      return view;
    }, false],
    ["freed SigningKey", () => {
      const key = ha.SigningKey.generate("ES256");
      key.free();
      return key;
    }, "handle"],
    ["freed VerifyingKey", () => {
      const key = ha.SigningKey.generate("EdDSA");
      const verifying = key.verifyingKey();
      key.free();
      verifying.free();
      return verifying;
    }, "handle"],
    ["forged SigningKey", () => Object.create(ha.SigningKey.prototype), "handle"],
    ["forged handle pointer", () => Object.assign(Object.create(ha.VerifyingKey.prototype), { __wbg_ptr: 12345 }), "handle"],
    ["Error object", () => new Error(MARK), false],
  ];
}

const TELESOFT = {
  payload: '{ "event": "appointment.created",\n  "data": { "id": "apt_1", "note": "café" } }',
  secret: "telesoft-webhook-secret-1234",
  signature: "e2fa704ac93629490431473b15c945387152c0e6703f501d0c5f271a0e0007d9",
};

/** Known answers the instance must still give after the junk: a PKCE and an HMAC vector. */
export function stillHealthy(ha) {
  equal(ha.pkceChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "RFC 7636 vector");
  const verified = ha.verifyWebhook({
    scheme: "telesoft",
    payload: TELESOFT.payload,
    headers: { "telesoft-signature": TELESOFT.signature },
    secret: TELESOFT.secret,
  });
  ok(verified, "the Telesoft HMAC vector no longer verifies");
  equal(ha.signWebhook({ scheme: "telesoft", payload: TELESOFT.payload, secret: TELESOFT.secret })["telesoft-signature"], TELESOFT.signature, "HMAC vector");
}

const ENDPOINT = "https://as.example/token";
// A SMART server (discover, smartBackend) and its key set (RemoteJwks), answered in memory.
const EHR = "https://ehr.example.com";
const SMART_DOCUMENT = JSON.stringify({
  issuer: EHR,
  authorization_endpoint: `${EHR}/authorize`,
  token_endpoint: `${EHR}/token`,
  jwks_uri: `${EHR}/jwks`,
  capabilities: ["launch-ehr", "client-confidential-asymmetric"],
  code_challenge_methods_supported: ["S256"],
  grant_types_supported: ["authorization_code", "client_credentials"],
  token_endpoint_auth_methods_supported: ["private_key_jwt"],
  token_endpoint_auth_signing_alg_values_supported: ["RS384", "ES384"],
});
const ED_JWKS = JSON.stringify({ keys: [{ kty: "OKP", crv: "Ed25519", x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo", kid: "ed-1", use: "sig" }] });
const ehrFetch = async (url) => {
  const json = { headers: { "content-type": "application/json" } };
  if (String(url).endsWith("/.well-known/smart-configuration")) return new Response(SMART_DOCUMENT, json);
  if (String(url).endsWith("/jwks")) return new Response(ED_JWKS, json);
  return new Response("not here", { status: 404 });
};

const tokenFetch = async () =>
  new Response('{"access_token":"at","token_type":"Bearer","expires_in":3600}', {
    status: 200,
    headers: { "content-type": "application/json" },
  });

/**
 * What to call: each export and method with a valid argument list the junk is mixed into.
 * `args()` makes fresh valid arguments (keys are freed by some calls); `call(args)` makes the
 * call on a fresh instance where the method needs one.
 */
function callables(ha) {
  const es256 = () => ha.SigningKey.generate("ES256");
  const verifying = () => {
    const key = es256();
    const v = key.verifyingKey();
    key.free();
    return v;
  };
  const f = (name, args, call = (a) => ha[name](...a), meta = {}) => ({ name, args, call, ...meta });
  const callOf = (name) => (a) => ha[name](...a);
  const method = (cls, name, make, args) => ({
    name: `${cls}.prototype.${name}`,
    args,
    call: (a) => {
      const instance = make();
      try {
        const out = instance[name](...a);
        return out;
      } finally {
        if (name !== "free" && typeof instance.free === "function") instance.free();
      }
    },
  });
  const verifier = () => new ha.WebhookVerifier({ scheme: "telesoft", secret: TELESOFT.secret });
  const remote = () => new ha.RemoteJwks(`${EHR}/jwks`, { fetch: ehrFetch });
  const client = () => new ha.TokenClient({ tokenEndpoint: ENDPOINT, clientId: "c", clientSecret: "s", fetch: tokenFetch, retries: 0 });
  const request = () =>
    new Request("https://app.example/hook", { method: "POST", body: TELESOFT.payload, headers: { "telesoft-signature": TELESOFT.signature } });
  const jwk = { kty: "EC", crv: "P-256", x: "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU", y: "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0" };
  const hs = { kty: "oct", k: "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow" };
  const idToken = "eyJhbGciOiJFZERTQSIsImtpZCI6ImVkLTEiLCJ0eXAiOiJKV1QifQ.eyJhdWQiOiJncm93dGgtY2hhcnQiLCJhdXRoX3RpbWUiOjE2OTk5OTk5NDAsImV4cCI6MTcwMDAwMDI5MCwiZmhpclVzZXIiOiJodHRwczovL2Voci5leGFtcGxlLmNvbS9maGlyL1ByYWN0aXRpb25lci8xMjMiLCJpYXQiOjE2OTk5OTk5OTAsImlzcyI6Imh0dHBzOi8vZWhyLmV4YW1wbGUuY29tIiwibm9uY2UiOiJuLTBTNl9XekEyTWoiLCJzdWIiOiJmOjBiMmI6dXNlci0xNyJ9.wO5NGddgUiRY_O-1XIpRjsRUo1Yhp1S98S7M6qHDP-Ky5j9HAoDwOXzvQGu43HW5Wdci93aH_g_PHF-KrAy8Cw";
  const dpop = "eyJ0eXAiOiJkcG9wK2p3dCIsImFsZyI6IkVTMjU2IiwiandrIjp7Imt0eSI6IkVDIiwieCI6Imw4dEZyaHgtMzR0VjNoUklDUkRZOXpDa0RscEJoRjQyVVFVZldWQVdCRnMiLCJ5IjoiOVZFNGpmX09rX282NHpiVFRsY3VOSmFqSG10NnY5VERWclUwQ2R2R1JEQSIsImNydiI6IlAtMjU2In19.eyJqdGkiOiItQndDM0VTYzZhY2MybFRjIiwiaHRtIjoiUE9TVCIsImh0dSI6Imh0dHBzOi8vc2VydmVyLmV4YW1wbGUuY29tL3Rva2VuIiwiaWF0IjoxNTYyMjYyNjE2fQ.2-GxA6T8lP4vfrg8v-FdWP0A0zdrj8igiMLvqRMUvwnQg4PtFLbdLXiOSsX0x7NVY-FNyJK70nfbV37xRZT3Lg";
  const hsToken = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  return [
    f("createPkce", () => [{ length: 64 }]),
    f("pkceChallenge", () => ["dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"], callOf("pkceChallenge"), { secrets: [0] }),
    f("verifyPkce", () => ["dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"], callOf("verifyPkce"), { secrets: [0] }),
    f("randomState", () => [32]),
    f("SigningKey.generate", () => ["ES256", { kid: "k" }], (a) => ha.SigningKey.generate(...a).free()),
    f("SigningKey.fromJwk", () => [{ kty: "OKP", crv: "Ed25519", d: "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A", x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo" }, {}], (a) => ha.SigningKey.fromJwk(...a).free(), { secrets: [0] }),
    f("SigningKey.fromPem", () => ["-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC\n-----END PRIVATE KEY-----\n", {}], (a) => ha.SigningKey.fromPem(...a).free(), { secrets: [0] }),
    f("SigningKey.fromSecret", () => ["x".repeat(32), { alg: "HS256" }], (a) => ha.SigningKey.fromSecret(...a).free(), { secrets: [0] }),
    f("VerifyingKey.fromJwk", () => [jwk, {}], (a) => ha.VerifyingKey.fromJwk(...a).free()),
    f("VerifyingKey.fromPem", () => ["-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----\n", {}], (a) => ha.VerifyingKey.fromPem(...a).free()),
    method("SigningKey", "publicJwk", es256, () => []),
    method("SigningKey", "thumbprint", es256, () => []),
    method("SigningKey", "exportPrivateJwk", es256, () => []),
    method("SigningKey", "verifyingKey", es256, () => []),
    method("SigningKey", "free", es256, () => []),
    method("VerifyingKey", "toJwk", verifying, () => []),
    method("VerifyingKey", "thumbprint", verifying, () => []),
    method("VerifyingKey", "free", verifying, () => []),
    f("signJwt", () => [es256(), { sub: "s", exp: 2_000_000_000 }, { typ: "JWT" }], callOf("signJwt"), { freeform: [1, 2] }),
    f("clientAssertion", () => [es256(), { clientId: "c", audience: ENDPOINT, now: 1_800_000_000, jti: "j" }]),
    f("verifyJwt", () => [hsToken, hs, { algorithms: ["HS256"], now: 1_300_819_370 }], callOf("verifyJwt"), { secrets: [0, 1] }),
    f("jwks", () => [[verifying(), jwk]]),
    f("verifyWebhook", () => [{ scheme: "telesoft", payload: TELESOFT.payload, headers: { "telesoft-signature": TELESOFT.signature }, secret: TELESOFT.secret }]),
    f("signWebhook", () => [{ scheme: "stripe", payload: "{}", secret: "whsec_c2VjcmV0" }]),
    f("redoxVerification", () => ['{"challenge":"c","verification-token":"redox-token"}', "redox-token", {}], callOf("redoxVerification"), { secrets: [0, 1] }),
    { name: "new WebhookVerifier", args: () => [{ scheme: "standard", secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" }], call: (a) => new ha.WebhookVerifier(...a).free() },
    { ...method("WebhookVerifier", "verify", verifier, () => [TELESOFT.payload, { "telesoft-signature": TELESOFT.signature }, undefined]), secrets: [0] },
    method("WebhookVerifier", "free", verifier, () => []),
    f("verifyWebhookRequest", () => [request(), { scheme: "telesoft", secret: TELESOFT.secret }]),
    f("memoryReplayStore", () => [{ maxEntries: 10 }]),
    f("authorizationUrl", () => [{ authorizationEndpoint: "https://as.example/authorize", clientId: "c", redirectUri: "https://app.example/cb", scope: "openid", state: "s", codeChallenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM" }]),
    f("parseCallback", () => ["https://app.example/cb?code=c&state=s", { expectedState: "s" }], callOf("parseCallback"), { secrets: [0] }),
    f("parseTokenResponse", () => [200, '{"access_token":"at","expires_in":60}', { now: 1_700_000_000 }], callOf("parseTokenResponse"), { secrets: [1] }),
    f("codeExchangeRequest", () => [{ tokenEndpoint: ENDPOINT, clientId: "c", code: "abc", redirectUri: "https://app.example/cb", codeVerifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk" }]),
    f("refreshRequest", () => [{ tokenEndpoint: ENDPOINT, clientId: "c", clientSecret: "s", refreshToken: "rt" }]),
    f("clientCredentialsRequest", () => [{ tokenEndpoint: ENDPOINT, clientAuth: { method: "private_key_jwt", assertion: "eyJhbGciOiJSUzM4NCJ9.eyJzdWIiOiJhIn0.c2ln" } }]),
    f("updoxAuth", () => [{ applicationId: "a", applicationPassword: "p", accountId: "1", userId: "2" }]),
    f("parseApiKey", () => ["ts_test_4eC39HqLyjWDarjtT1zdp7dc", {}], callOf("parseApiKey"), { secrets: [0] }),
    f("ipAllowed", () => ["203.0.113.7", ["203.0.113.0/24"]]),
    f("redox", () => [{ region: "us" }]),
    f("telesoft", () => [{}]),
    f("digitail", () => [{ baseUrl: "https://clinic.digitail.io/" }]),
    f("smart", () => [{ tokenEndpoint: ENDPOINT }]),
    f("pushedAuthorizationRequest", () => [{ endpoint: "https://as.example/par", clientId: "c", clientSecret: "s", redirectUri: "https://app.example/cb", scope: "openid", state: "st", codeChallenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM" }]),
    f("parsePushedAuthorizationResponse", () => [201, '{"request_uri":"urn:ietf:params:oauth:request_uri:x","expires_in":60}']),
    f("revocationRequest", () => [{ endpoint: "https://as.example/revoke", clientId: "c", clientSecret: "s", token: "t", tokenTypeHint: "refresh_token" }]),
    f("parseRevocationResponse", () => [200, ""]),
    f("introspectionRequest", () => [{ endpoint: "https://as.example/introspect", clientId: "c", clientSecret: "s", token: "t", tokenTypeHint: "access_token" }]),
    f("parseIntrospectionResponse", () => [200, '{"active":true,"scope":"a b","exp":1419356238}'], callOf("parseIntrospectionResponse"), { secrets: [1] }),
    f("parseScopes", () => ["patient/Observation.rs openid"]),
    f("scopesSatisfy", () => ["patient/*.rs", "patient/Observation.r"]),
    f("missingScopes", () => ["patient/*.rs openid", "patient/Observation.r fhirUser"]),
    f("parseSmartConfiguration", () => ['{"issuer":"https://ehr.example","authorization_endpoint":"https://ehr.example/authorize","token_endpoint":"https://ehr.example/token","capabilities":["launch-ehr"],"code_challenge_methods_supported":["S256"]}', { fhirBaseUrl: "https://ehr.example/fhir" }]),
    f("parseOpenIdConfiguration", () => ['{"issuer":"https://ehr.example","authorization_endpoint":"https://ehr.example/authorize","token_endpoint":"https://ehr.example/token","jwks_uri":"https://ehr.example/jwks","response_types_supported":["code"],"subject_types_supported":["public"],"id_token_signing_alg_values_supported":["ES256"]}', { issuer: "https://ehr.example" }]),
    f("discoveryUrls", () => ["https://ehr.example/fhir"]),
    f("verifyIdToken", () => [idToken, { keys: [{ kty: "OKP", crv: "Ed25519", x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo", kid: "ed-1", use: "sig" }] }, { issuer: "https://ehr.example.com", clientId: "growth-chart", nonce: "n-0S6_WzA2Mj", now: 1_700_000_000 }], callOf("verifyIdToken"), { secrets: [0] }),
    f("dpopProof", () => [es256(), { htm: "POST", htu: ENDPOINT, now: 1_562_262_616, jti: "j" }]),
    f("verifyDpopProof", () => [dpop, { htm: "POST", htu: "https://server.example.com/token", now: 1_562_262_621 }], callOf("verifyDpopProof"), { secrets: [0] }),
    { name: "new TokenClient", args: () => [{ tokenEndpoint: ENDPOINT, clientId: "c", clientSecret: "s", fetch: tokenFetch, retries: 0 }], call: (a) => new ha.TokenClient(...a) },
    method("TokenClient", "getAccessToken", client, () => []),
    method("TokenClient", "getToken", client, () => []),
    method("TokenClient", "invalidate", client, () => []),
    method("TokenClient", "authHeaders", client, () => [{ method: "GET", url: `${EHR}/fhir/Patient` }]),
    f("decodeJwt", () => [hsToken, { maxTokenBytes: 4096 }]),
    f("discover", () => [`${EHR}/fhir`, { fetch: ehrFetch }]),
    f("smartBackend", () => [{ fhirBaseUrl: `${EHR}/fhir`, fetch: ehrFetch }]),
    { name: "new RemoteJwks", args: () => [`${EHR}/jwks`, { fetch: ehrFetch }], call: (a) => new ha.RemoteJwks(...a) },
    method("RemoteJwks", "verifyJwt", remote, () => [idToken, { audience: "growth-chart", now: 1_700_000_000 }]),
    method("RemoteJwks", "verifyIdToken", remote, () => [idToken, { issuer: EHR, clientId: "growth-chart", nonce: "n-0S6_WzA2Mj", now: 1_700_000_000 }]),
    method("RemoteJwks", "jwks", remote, () => []),
    f("redisStore", () => [{ sendCommand: async () => "OK" }, { prefix: "p:" }]),
    f("denoKvStore", () => [{ atomic: () => ({}), get: async () => ({ value: null }) }, { prefix: ["p"] }]),
    f("durableObjectStore", () => [{ idFromName: () => "id", get: () => ({ fetch: tokenFetch }) }]),
  ];
}

/** Every export and public method must be in the table: nothing is left uncalled. */
export function uncovered(ha) {
  const names = new Set(callables(ha).map((c) => c.name));
  const missing = [];
  for (const name of Object.keys(ha)) {
    if (name === "default" || name === "HealthAuthError") continue;
    const value = ha[name];
    const isClass = typeof value === "function" && /^[A-Z]/.test(name);
    if (!isClass) {
      if (!names.has(name)) missing.push(name);
      continue;
    }
    const statics = Object.getOwnPropertyNames(value).filter((n) => typeof value[n] === "function" && !n.startsWith("__"));
    for (const s of statics) if (!names.has(`${name}.${s}`)) missing.push(`${name}.${s}`);
    const protos = Object.getOwnPropertyNames(value.prototype).filter((n) => {
      if (n === "constructor" || n.startsWith("__")) return false;
      const d = Object.getOwnPropertyDescriptor(value.prototype, n);
      return typeof d.value === "function";
    });
    for (const p of protos) if (!names.has(`${name}.prototype.${p}`)) missing.push(`${name}.prototype.${p}`);
    if (!names.has(`new ${name}`) && !statics.some((s) => names.has(`${name}.${s}`))) missing.push(`new ${name}`);
  }
  return missing;
}

function isPlainObject(value) {
  return value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype;
}

/**
 * A mutated argument list: { args, labels, strict }. `strict`: the junk went where the callee
 * reads it and no call can take it there, so the call must throw.
 */
function mutate(target, junk, rand, isHandle) {
  const base = target.args();
  const pick = () => junk[Math.floor(rand() * junk.length)];
  const args = base.slice();
  const labels = [];
  const freeform = target.freeform ?? [];
  const secrets = target.secrets ?? [];
  const strictAt = new Map(); // where -> whether the junk put there must be refused
  const put = (where, read, baseValue, isSecret) => {
    const [label, make, kind] = pick();
    labels.push(`${where} = ${label}`);
    strictAt.set(where, read && (kind === "never" || (kind === "handle" && isHandle(baseValue))));
    const value = make();
    return isSecret && typeof value === "string" ? value.replaceAll(MARK, SECRET_MARK) : value;
  };
  const mode = rand();
  const objects = args.map((a, i) => (isPlainObject(a) && Object.keys(a).length && !freeform.includes(i) ? i : -1)).filter((i) => i >= 0);
  if (mode < 0.35 || (mode < 0.8 && objects.length === 0)) {
    // One argument replaced, or one added past the end (which must be ignored or refused).
    const i = Math.floor(rand() * (args.length + 1));
    const read = i < base.length && !freeform.includes(i);
    args[i] = put(`argument ${i}`, read, base[i], secrets.includes(i));
  } else if (mode < 0.8) {
    // One or two fields of an options object replaced, or a junk field added.
    const i = objects[Math.floor(rand() * objects.length)];
    const copy = { ...args[i] };
    const keys = Object.keys(copy);
    const n = 1 + Math.floor(rand() * 2);
    for (let k = 0; k < n; k++) {
      const known = rand() < 0.85;
      const key = known ? keys[Math.floor(rand() * keys.length)] : `x${Math.floor(rand() * 100)}`;
      copy[key] = put(`argument ${i}.${key}`, known, base[i][key], SECRET_FIELD.test(key));
    }
    args[i] = copy;
  } else {
    // Every argument junk.
    for (let i = 0; i < Math.max(base.length, 1); i++) {
      args[i] = put(`argument ${i}`, i < base.length && !freeform.includes(i), base[i], secrets.includes(i));
    }
  }
  return { args, labels, strict: [...strictAt.values()].some(Boolean) };
}

function describe(error) {
  if (error === undefined) return "undefined";
  if (typeof error !== "object" || error === null) return `${typeof error} ${String(error)}`;
  return `${error.constructor?.name ?? "object"}: ${String(error.message).slice(0, 300)}`;
}

/** Classifies a thrown value; anything not allowed fails the battery. */
function classify(ha, error, where) {
  if (error instanceof ha.HealthAuthError) {
    ok(typeof error.code === "string" && /^ERR_[A-Z0-9_]+$/.test(error.code), `${where}: HealthAuthError without an ERR_ code (${error.code})`);
    ok(typeof error.message === "string" && error.message.length > 0, `${where}: empty message`);
    ok(error.message.length <= 4096, `${where}: a ${error.message.length}-character message echoes its input`);
    ok(!error.message.includes(SECRET_MARK), `${where}: the message echoes a secret: ${error.message.slice(0, 200)}`);
    return error.code;
  }
  if (error instanceof CallerTrap) return "caller's own exception";
  if (error instanceof TypeError && LISTED_TYPE_ERRORS.some((re) => re.test(error.message))) return `TypeError (${error.message.slice(0, 40)})`;
  throw new AssertionError(`${where}: threw ${describe(error)}`);
}

/** Runs `count` calls from `start` of the sequence the seed fixes; returns the outcome tally. */
export async function runMalformed(ha, { start = 0, count = MALFORMED_CALLS } = {}) {
  const junk = junkValues(ha);
  const table = callables(ha);
  const rand = random(SEED);
  const isHandle = (value) => value instanceof ha.SigningKey || value instanceof ha.VerifyingKey;
  const outcomes = new Map();
  const failures = new Map(); // one example per export and kind of failure
  const tally = (key) => outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
  for (let n = 0; n < start + count; n++) {
    const target = table[n % table.length];
    const { args, labels, strict } = mutate(target, junk, rand, isHandle);
    if (n < start) continue;
    const where = `call ${n}: ${target.name}(${labels.join(", ")})`;
    let outcome;
    try {
      try {
        const result = target.call(args);
        if (result && typeof result.then === "function") await result;
        outcome = "returned";
      } catch (error) {
        outcome = classify(ha, error, where);
      }
      if (outcome === "returned" && strict) throw new AssertionError(`${where}: returned normally, but no API can take that value`);
    } catch (failure) {
      if (!(failure instanceof AssertionError)) throw failure;
      const kind = `${target.name}: ${failure.message.replace(/^call \d+: [^)]*\): /, "").slice(0, 120)}`;
      if (!failures.has(kind)) failures.set(kind, failure.message);
      continue;
    }
    tally(outcome === "returned" ? "returned" : outcome.startsWith("ERR_") ? "HealthAuthError" : outcome);
    if (n % 500 === 499) stillHealthy(ha);
  }
  stillHealthy(ha);
  if (failures.size) throw new AssertionError(`${failures.size} kinds of failure:\n${[...failures.values()].join("\n")}`);
  return Object.fromEntries(outcomes);
}

/** For the shared runners: the battery in chunks (workerd answers one request per chunk). */
export function malformedSuite(ha) {
  const tests = [];
  const test = (name, fn) => tests.push({ name: `malformed: ${name}`, fn });
  test("every export and method is in the battery", () => {
    const missing = uncovered(ha);
    ok(missing.length === 0, `not called: ${missing.join(", ")}`);
  });
  test("every call the junk is mixed into succeeds as given (the sweep starts from valid input)", async () => {
    for (const target of callables(ha)) {
      try {
        const result = target.call(target.args());
        if (result && typeof result.then === "function") await result;
      } catch (error) {
        throw new AssertionError(`${target.name} with its valid arguments threw ${describe(error)}`);
      }
    }
  });
  test(`${MALFORMED_CALLS} malformed calls fail with a coded error and the instance keeps working`, async () => {
    const outcomes = await runMalformed(ha);
    const total = Object.values(outcomes).reduce((a, b) => a + b, 0);
    equal(total, MALFORMED_CALLS, "calls made");
    ok((outcomes.HealthAuthError ?? 0) > MALFORMED_CALLS / 2, `too few coded errors: ${JSON.stringify(outcomes)}`);
  });
  return tests;
}
