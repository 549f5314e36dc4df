// The mistakes a newcomer makes, in every runtime: each export fed its classic mistakes (no
// arguments, wrong types, undefined/null, strings for objects, misspelt options, a JWKS where a
// JWK goes, freed keys, a second free, `new SigningKey()`), asserting the code and that the
// message names the real mistake. Then a sweep over EVERY export of the package (functions,
// classes, their static and instance methods and getters, live, freed and never-made
// instances) with bad arguments: every thrown value (and every rejection) must be a
// HealthAuthError with an `ERR_` code. The sweep reads the exports at run time, so an export
// added later is covered without editing this file.
import { ok, equal, AssertionError } from "./assert.js";

const SECRET = "telesoft-webhook-secret-1234";
const TOKEN_URL = "https://auth.example/token";

/** Throws unless `fn` throws a HealthAuthError with `code` whose message matches `says`
 * (a RegExp, or a list of them) and none of `never`. */
function mistake(ha, fn, code, says = [], never = []) {
  let error;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  ok(error, `expected ${code}, nothing was thrown`);
  ok(error instanceof ha.HealthAuthError, `expected a HealthAuthError (${code}), got ${error?.stack ?? error}`);
  equal(error.code, code, `code (message: ${error.message})`);
  for (const re of [says].flat()) ok(re.test(error.message), `message ${JSON.stringify(error.message)} does not match ${re}`);
  for (const re of [never].flat()) ok(!re.test(error.message), `message ${JSON.stringify(error.message)} matches ${re}`);
  return error;
}

/** The classic mistakes, one export after another: [label, call, code, says?, never?]. */
function classicMistakes(ha) {
  const key = ha.SigningKey.generate("ES256");
  const set = ha.jwks([key]);
  const telesoftHeaders = ha.signWebhook({ scheme: "telesoft", payload: "{}", secret: SECRET, dangerouslyAllowBrowser: true });
  const webhook = (extra) => ({ scheme: "telesoft", payload: "{}", secret: SECRET, dangerouslyAllowBrowser: true, ...extra });
  const view = new DataView(new TextEncoder().encode("{}").buffer);
  const unknown = (name, meant) => [new RegExp(`unknown option \`${name}\``), new RegExp(`did you mean \`${meant}\`\\?`)];
  return [
    // PKCE
    ["createPkce: a misspelt option", () => ha.createPkce({ lenght: 64 }), "ERR_UNKNOWN_OPTION", unknown("lenght", "length")],
    ["createPkce: a number for the options", () => ha.createPkce(64), "ERR_INVALID_ARGUMENT", /options object/],
    ["createPkce: a length out of range", () => ha.createPkce({ length: 20 }), "ERR_PKCE_VERIFIER_LENGTH", /43 to 128/],
    ["pkceChallenge: no argument", () => ha.pkceChallenge(), "ERR_INVALID_ARGUMENT", /`verifier` must be a string/],
    ["pkceChallenge: a short verifier", () => ha.pkceChallenge("too-short"), "ERR_PKCE_VERIFIER_LENGTH", /got 9/],
    ["verifyPkce: null", () => ha.verifyPkce(null, null), "ERR_INVALID_ARGUMENT", /must be a string/],
    ["randomState: a string length", () => ha.randomState("32"), "ERR_INVALID_ARGUMENT", /integer/],
    // JOSE
    ["SigningKey.generate: no algorithm", () => ha.SigningKey.generate(), "ERR_INVALID_ARGUMENT", /`alg` must be a string/],
    ["SigningKey.generate: none", () => ha.SigningKey.generate("none"), "ERR_ALG_UNSUPPORTED", /`none` is never accepted/],
    ["SigningKey.generate: a misspelt option", () => ha.SigningKey.generate("ES256", { kidd: "k" }), "ERR_UNKNOWN_OPTION", unknown("kidd", "kid")],
    ["SigningKey.fromJwk: a JWKS where a JWK goes", () => ha.SigningKey.fromJwk(set, { dangerouslyAllowBrowser: true }), "ERR_KEY_FORMAT", /JWK set \(`keys`\), not one JWK/, /private part/],
    ["VerifyingKey.fromJwk: a JWKS where a JWK goes", () => ha.VerifyingKey.fromJwk(set), "ERR_KEY_FORMAT", /JWK set/, /`kty` is missing/],
    ["SigningKey.fromJwk: JSON text cut short", () => ha.SigningKey.fromJwk('{"kty":"EC",', { dangerouslyAllowBrowser: true }), "ERR_KEY_FORMAT", /not valid JSON: it ends too early at line 1 column \d+/],
    ["VerifyingKey.fromJwk: JSON text that is not JSON", () => ha.VerifyingKey.fromJwk("kty=EC"), "ERR_KEY_FORMAT", /not valid JSON: a syntax error at line 1 column 1/],
    ["SigningKey.fromPem: a JWK object where PEM goes", () => ha.SigningKey.fromPem(key.publicJwk(), { dangerouslyAllowBrowser: true }), "ERR_INVALID_ARGUMENT", /`pem` must be a string/],
    ["signJwt: a string where a SigningKey goes", () => ha.signJwt("my-key", { sub: "x" }), "ERR_INVALID_ARGUMENT", /expected a SigningKey/],
    ["clientAssertion: a JWK where a SigningKey goes", () => ha.clientAssertion(key.publicJwk(), { clientId: "c", audience: TOKEN_URL }), "ERR_INVALID_ARGUMENT", /expected a SigningKey/],
    ["verifyJwt: no key", () => ha.verifyJwt("a.b.c"), "ERR_INVALID_ARGUMENT", /`key` must be/],
    ["verifyJwt: a misspelt option", () => ha.verifyJwt("a.b.c", key, { audiance: "x" }), "ERR_UNKNOWN_OPTION", unknown("audiance", "audience")],
    ["jwks: a single key, not a list", () => ha.jwks("key"), "ERR_INVALID_ARGUMENT"],
    // Handles: never made, freed, freed twice.
    // `new SigningKey()` is a TypeScript error (private constructor); in JavaScript the empty
    // object it makes throws at first use.
    ["new SigningKey(), then used", () => new ha.SigningKey().thumbprint(), "ERR_HANDLE_FREED", /not made by healthauth/],
    ["new VerifyingKey(jwk), then used", () => ha.verifyJwt("a.b.c", new ha.VerifyingKey(key.publicJwk())), "ERR_HANDLE_FREED", /not made by healthauth/],
    ["a key never made, used", () => Object.create(ha.SigningKey.prototype).thumbprint(), "ERR_HANDLE_FREED", /not made by healthauth/],
    ["a freed key", () => { const k = ha.SigningKey.generate("ES256"); k.free(); ha.signJwt(k, { sub: "x" }); }, "ERR_HANDLE_FREED", /freed/],
    ["a second free()", () => { const k = ha.SigningKey.generate("ES256"); k.free(); k.free(); }, "ERR_HANDLE_FREED", /freed/],
    // OAuth
    ["clientCredentialsRequest: tokenUrl with a signing key", () => ha.clientCredentialsRequest({ tokenUrl: TOKEN_URL, clientId: "c", signingKey: key }), "ERR_UNKNOWN_OPTION", unknown("tokenUrl", "tokenEndpoint"), /audience|must be given/],
    ["clientCredentialsRequest: tokenUrl with a secret", () => ha.clientCredentialsRequest({ tokenUrl: TOKEN_URL, clientId: "c", clientSecret: "s", dangerouslyAllowBrowser: true }), "ERR_UNKNOWN_OPTION", unknown("tokenUrl", "tokenEndpoint")],
    ["clientCredentialsRequest: a provider preset", () => ha.clientCredentialsRequest({ provider: ha.redox(), clientId: "c", signingKey: key }), "ERR_UNKNOWN_OPTION", [...unknown("provider", "tokenEndpoint"), /TokenClient/], /audience|must be given/],
    ["clientCredentialsRequest: clientSecret inside clientAuth", () => ha.clientCredentialsRequest({ tokenEndpoint: TOKEN_URL, clientId: "c", clientAuth: { method: "client_secret_post", clientSecret: "s" }, dangerouslyAllowBrowser: true }), "ERR_UNKNOWN_OPTION", unknown("clientSecret", "secret")],
    ["clientCredentialsRequest: no options", () => ha.clientCredentialsRequest(), "ERR_INVALID_ARGUMENT", /`tokenEndpoint` must be given/],
    ["authorizationUrl: authorizeUrl", () => ha.authorizationUrl({ authorizeUrl: "https://auth.example/authorize", clientId: "c", redirectUri: "https://app.example/cb", state: "s" }), "ERR_UNKNOWN_OPTION", unknown("authorizeUrl", "authorizationEndpoint")],
    ["authorizationUrl: snake_case", () => ha.authorizationUrl({ authorizationEndpoint: "https://auth.example/authorize", client_id: "c" }), "ERR_UNKNOWN_OPTION", unknown("client_id", "clientId")],
    ["parseCallback: a misspelt option", () => ha.parseCallback("https://app.example/cb?code=c&state=s", { expectedSate: "s" }), "ERR_UNKNOWN_OPTION", unknown("expectedSate", "expectedState")],
    ["parseTokenResponse: the body as an object", () => ha.parseTokenResponse(200, 42), "ERR_INVALID_ARGUMENT"],
    ["redox: a misspelt option", () => ha.redox({ regoin: "eu" }), "ERR_UNKNOWN_OPTION", unknown("regoin", "region")],
    ["smart: a URL string for the options", () => ha.smart(TOKEN_URL), "ERR_INVALID_ARGUMENT", /options object/],
    ["digitail: no base URL", () => ha.digitail({}), "ERR_INVALID_ARGUMENT", /`baseUrl` must be given/],
    ["TokenClient: clientID", () => new ha.TokenClient({ provider: ha.redox(), clientID: "c", signingKey: key }), "ERR_UNKNOWN_OPTION", unknown("clientID", "clientId")],
    ["TokenClient: no options", () => new ha.TokenClient(), "ERR_INVALID_ARGUMENT", /options object/],
    ["updoxAuth: a misspelt option", () => ha.updoxAuth({ aplicationId: "a", dangerouslyAllowBrowser: true }), "ERR_UNKNOWN_OPTION", unknown("aplicationId", "applicationId")],
    ["ipAllowed: a string allowlist", () => ha.ipAllowed("203.0.113.7", "203.0.113.0/24"), "ERR_INVALID_ARGUMENT", /array/],
    // Webhooks
    ["verifyWebhook: header instead of headers", () => ha.verifyWebhook(webhook({ header: telesoftHeaders })), "ERR_INVALID_ARGUMENT", /did you mean `headers`/],
    ["verifyWebhook: heders", () => ha.verifyWebhook(webhook({ heders: telesoftHeaders })), "ERR_UNKNOWN_OPTION", unknown("heders", "headers")],
    ["verifyWebhook: body instead of payload", () => ha.verifyWebhook({ scheme: "telesoft", body: "{}", headers: telesoftHeaders, secret: SECRET, dangerouslyAllowBrowser: true }), "ERR_UNKNOWN_OPTION", unknown("body", "payload")],
    ["verifyWebhook: a sha256= prefix on a Telesoft header", () => ha.verifyWebhook(webhook({ headers: { "telesoft-signature": `sha256=${telesoftHeaders["telesoft-signature"]}` } })), "ERR_WEBHOOK_HEADER_MALFORMED", /sha256=.*bare hex digest/, /body/],
    ["verifyWebhook: a DataView payload", () => ha.verifyWebhook(webhook({ payload: view, headers: telesoftHeaders })), "ERR_WEBHOOK_PAYLOAD_NOT_RAW", /DataView/, /parsed JSON/],
    ["verifyWebhook: a parsed body", () => ha.verifyWebhook(webhook({ payload: {}, headers: telesoftHeaders })), "ERR_WEBHOOK_PAYLOAD_NOT_RAW", /parsed JSON body/],
    ["verifyWebhook: no payload", () => ha.verifyWebhook(webhook({ payload: undefined, headers: telesoftHeaders })), "ERR_WEBHOOK_PAYLOAD_NOT_RAW", /missing/, /parsed JSON/],
    ["verifyWebhook: an unknown scheme", () => ha.verifyWebhook(webhook({ scheme: "telesfot", headers: telesoftHeaders })), "ERR_WEBHOOK_SCHEME_UNKNOWN", /telesoft, hmac-hex/],
    ["verifyWebhook: a string for the options", () => ha.verifyWebhook("telesoft"), "ERR_INVALID_ARGUMENT", /options object/],
    ["WebhookVerifier: no secret", () => new ha.WebhookVerifier({ scheme: "telesoft", dangerouslyAllowBrowser: true }), "ERR_WEBHOOK_SECRET_INVALID", /no secret given/],
    ["memoryReplayStore: a misspelt option", () => ha.memoryReplayStore({ maxEntry: 10 }), "ERR_UNKNOWN_OPTION", unknown("maxEntry", "maxEntries")],
    ["redoxVerification: no token", () => ha.redoxVerification("?challenge=c&verification-token=t"), "ERR_INVALID_ARGUMENT"],
  ];
}

// ---- the sweep ----------------------------------------------------------------------------------

/** Bad argument lists every export is called with. */
const BAD_ARGUMENTS = [
  [],
  [undefined],
  [null],
  [42],
  [-1.5],
  [10n],
  ["x"],
  [""],
  [true],
  [{}],
  [{ notAnOption: 1 }],
  [[]],
  [["x"]],
  [() => {}],
  [Symbol("s")],
  [new Uint8Array(3)],
  [new DataView(new ArrayBuffer(2))],
  [null, null],
  ["x", "x"],
  [{}, {}],
  ["x", { notAnOption: 1 }],
  ["x", 42, "x"],
  [Object.create(null)],
];

/** Names that are not part of the surface: wasm-bindgen's internals. */
const internal = (name) => typeof name === "string" && name.startsWith("__");

/** Classes are the capitalised exports (a browser test may hand them in behind a Proxy, whose
 * source text does not say `class`). */
function isClass(name, value) {
  return typeof value === "function" && /^[A-Z]/.test(name);
}

/** Runs `fn`; returns what it threw or rejected with (or `undefined`), awaiting promises. */
async function outcome(fn) {
  try {
    const result = fn();
    if (result !== null && typeof result === "object" && typeof result.then === "function") await result;
    return undefined;
  } catch (error) {
    return { error };
  }
}

/** Instances of the classes this suite knows how to make (any other class: `new` with bad args). */
function factories(ha) {
  return {
    SigningKey: () => ha.SigningKey.generate("ES256"),
    VerifyingKey: () => ha.SigningKey.generate("ES256").verifyingKey(),
    WebhookVerifier: () => new ha.WebhookVerifier({ scheme: "telesoft", secret: SECRET, dangerouslyAllowBrowser: true }),
    TokenClient: () =>
      new ha.TokenClient({
        tokenEndpoint: TOKEN_URL,
        clientId: "c",
        clientSecret: "s",
        retries: 0,
        fetch: async () => new Response('{"error":"invalid_client"}', { status: 401, headers: { "content-type": "application/json" } }),
        dangerouslyAllowBrowser: true,
      }),
  };
}

/** [label, call] for every callable reachable from the exports, with every bad argument list. */
async function sweepCalls(ha) {
  const calls = [];
  const made = factories(ha);
  const exports = Object.keys(ha).filter((name) => !internal(name));
  for (const name of exports) {
    const value = ha[name];
    if (typeof value !== "function") continue;
    if (!isClass(name, value)) {
      for (const args of BAD_ARGUMENTS) calls.push([`${name}(${describe(args)})`, () => value(...args)]);
      continue;
    }
    const cls = value;
    const constructed = [];
    for (const args of BAD_ARGUMENTS) {
      calls.push([
        `new ${name}(${describe(args)})`,
        () => {
          const instance = new cls(...args);
          constructed.push(instance);
          return instance;
        },
      ]);
    }
    for (const member of Object.getOwnPropertyNames(cls)) {
      if (internal(member) || ["length", "name", "prototype"].includes(member)) continue;
      if (typeof cls[member] !== "function") continue;
      for (const args of BAD_ARGUMENTS) calls.push([`${name}.${member}(${describe(args)})`, () => cls[member](...args)]);
    }
    // Instance members: on live instances (fresh for each call, as a call may free it), on a
    // freed one and on one never made (handles only: the classes with free()).
    const members = Reflect.ownKeys(cls.prototype).filter((m) => m !== "constructor" && !internal(m));
    const handle = typeof cls.prototype.free === "function";
    const live = made[name] ?? (() => constructed.find((i) => i instanceof cls) ?? null);
    for (const member of members) {
      const descriptor = Object.getOwnPropertyDescriptor(cls.prototype, member);
      const label = `${name}#${String(member)}`;
      const use = (instance, args) => (descriptor.get ? instance[member] : instance[member](...args));
      for (const args of descriptor.get ? [[]] : BAD_ARGUMENTS) {
        calls.push([`${label}(${describe(args)}) live`, () => { const i = live(); return i === null ? undefined : use(i, args); }]);
      }
      if (handle) {
        calls.push([`${label} freed`, () => { const i = live(); i.free(); return use(i, ["x"]); }, "ERR_HANDLE_FREED"]);
        calls.push([`${label} never made`, () => use(Object.create(cls.prototype), ["x"]), "ERR_HANDLE_FREED"]);
      }
    }
  }
  return { calls, exports };
}

function describe(args) {
  return args
    .map((a) => (typeof a === "symbol" ? "Symbol()" : typeof a === "bigint" ? `${a}n` : typeof a === "function" ? "fn" : a instanceof DataView ? "DataView" : a instanceof Uint8Array ? "Uint8Array" : Array.isArray(a) ? JSON.stringify(a) : a === null ? "null" : a === undefined ? "undefined" : typeof a === "object" ? (Object.getPrototypeOf(a) === null ? "bare object" : JSON.stringify(a)) : JSON.stringify(a)))
    .join(", ");
}

export function mistakesSuite(ha) {
  const tests = [];
  const test = (name, fn) => tests.push({ name: `mistakes: ${name}`, fn });

  test("each export's classic mistakes throw the right code and name the real mistake", () => {
    const failures = [];
    const list = classicMistakes(ha);
    for (const [label, fn, code, says, never] of list) {
      try {
        mistake(ha, fn, code, says, never);
      } catch (e) {
        failures.push(`${label}: ${e.message}`);
      }
    }
    if (failures.length > 0) throw new AssertionError(`${failures.length} of ${list.length}:\n${failures.join("\n")}`);
  });

  test("the async exports' classic mistakes reject with the right code", async () => {
    const headers = ha.signWebhook({ scheme: "telesoft", payload: "{}", secret: SECRET, dangerouslyAllowBrowser: true });
    const delivery = () => new Request("https://app.example/webhooks", { method: "POST", body: "{}", headers });
    const options = { scheme: "telesoft", secret: SECRET, dangerouslyAllowBrowser: true };
    const cases = [
      ["verifyWebhookRequest: the body where the request goes", () => ha.verifyWebhookRequest("{}", options), "ERR_INVALID_ARGUMENT", /Fetch Request/],
      ["verifyWebhookRequest: a misspelt option", () => ha.verifyWebhookRequest(delivery(), { ...options, tolerance: 60 }), "ERR_UNKNOWN_OPTION", /verifyWebhookRequest: unknown option `tolerance`: did you mean `toleranceSeconds`\?/],
      ["verifyWebhookRequest: headers given again", () => ha.verifyWebhookRequest(delivery(), { ...options, headers }), "ERR_UNKNOWN_OPTION", /read from the request itself/],
      ["verifyWebhookRequest: seen as a string", () => ha.verifyWebhookRequest(delivery(), { ...options, seen: "yes" }), "ERR_INVALID_ARGUMENT", /`seen` must be true/],
      ["verifyWebhookRequest: the wrong secret", () => ha.verifyWebhookRequest(delivery(), { ...options, secret: "another-secret-of-enough-length" }), "ERR_WEBHOOK_SIGNATURE_MISMATCH", /raw request body/],
      [
        "TokenClient#getAccessToken: the endpoint refuses the client",
        () =>
          new ha.TokenClient({
            tokenEndpoint: TOKEN_URL, clientId: "c", clientSecret: "s", retries: 0, dangerouslyAllowBrowser: true,
            fetch: async () => new Response('{"error":"invalid_client"}', { status: 401, headers: { "content-type": "application/json" } }),
          }).getAccessToken(),
        "ERR_OAUTH_TOKEN_ERROR",
        /invalid_client/,
      ],
    ];
    const failures = [];
    for (const [label, fn, code, says] of cases) {
      const result = await outcome(fn);
      const error = result?.error;
      if (!(error instanceof ha.HealthAuthError)) failures.push(`${label}: expected ${code}, got ${error?.stack ?? error ?? "no rejection"}`);
      else if (error.code !== code || !says.test(error.message)) failures.push(`${label}: ${error.code} ${JSON.stringify(error.message)}, expected ${code} ${says}`);
    }
    if (failures.length > 0) throw new AssertionError(failures.join("\n"));
  });

  test("every export, static and instance member, fed bad arguments, throws only coded HealthAuthErrors", async () => {
    const { calls, exports } = await sweepCalls(ha);
    // The surface this sweep saw: the documented core of it at least (later exports join in).
    for (const name of ["createPkce", "SigningKey", "VerifyingKey", "WebhookVerifier", "TokenClient", "verifyWebhookRequest", "clientCredentialsRequest", "HealthAuthError"]) {
      ok(exports.includes(name), `export ${name} seen by the sweep`);
    }
    const failures = [];
    let thrown = 0;
    for (const [label, fn, expected] of calls) {
      const result = await outcome(fn);
      if (result === undefined) {
        if (expected) failures.push(`${label}: expected ${expected}, nothing was thrown`);
        continue;
      }
      thrown++;
      const { error } = result;
      if (!(error instanceof ha.HealthAuthError)) {
        failures.push(`${label}: threw ${error?.constructor?.name ?? typeof error}: ${String(error?.message ?? error)}`);
      } else if (typeof error.code !== "string" || !/^ERR_[A-Z_]+$/.test(error.code) || !error.message) {
        failures.push(`${label}: a HealthAuthError without a code or message (${error.code})`);
      } else if (expected && error.code !== expected) {
        failures.push(`${label}: ${error.code}, expected ${expected}`);
      }
    }
    ok(calls.length > 1000 && thrown > 500, `the sweep made ${calls.length} calls, ${thrown} threw`);
    if (failures.length > 0) throw new AssertionError(`${failures.length} uncoded or wrong throws of ${calls.length} calls:\n${failures.slice(0, 40).join("\n")}`);
  });

  return tests;
}
