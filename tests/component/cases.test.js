// The shared case files (tests/cases/*.json, format in tests/cases/README.md) against the
// WebAssembly component in jco (transpiled for Node by `make component`): each case's `op` (an
// npm export name) is mapped to the component's functions, and a WIT `error-code` is compared
// as its `ERR_...` code. The same mapping runs in wasmtime (cases_wasmtime.py).
//
// The mapping only converts values (a JSON key spec to a key import, `{ utf8 }` to bytes, an
// object of headers to a list of pairs, one string to a list of one, numbers to BigInt for
// 64-bit integers); every rule is the component's. An op or input the component cannot express
// fails its case: nothing is skipped. One test per topic (listing every failing case), then a
// line per topic and a summary.
import { test, after } from "node:test";
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { CaseError, bytesOf, fixed, isPrivate, keySpec, matches, only } from "../js/suites/case-runner.js";
import { pkce, jose, discovery, smart, webhook, oauth, providers, net } from "../../target/jco/component-js/healthauth.js";

const HOST = "component-jco";
const CASES = fileURLToPath(new URL("../cases/", import.meta.url));

/** The npm-style code of a WIT `error-code` (`pkce-verifier-length` → `ERR_PKCE_VERIFIER_LENGTH`). */
const npmCode = (witCode) => `ERR_${witCode.toUpperCase().replaceAll("-", "_")}`;

/** The component's own error (jco throws a `ComponentError` whose payload is the WIT `error`). */
function componentError(e) {
  const p = e?.payload;
  return p && typeof p.code === "string" && typeof p.message === "string" && Array.isArray(p.details) ? p : undefined;
}

// ---- reading inputs -----------------------------------------------------------------------

/** One string or an array of strings, as an array (`audience`, `secret`, `token`, `scope`). */
function strings(value, name) {
  if (value === undefined) return undefined;
  if (typeof value === "string") return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value;
  throw new CaseError(`\`${name}\` must be a string or an array of strings`);
}

/** A 64-bit WIT integer from a case number (`undefined` stays absent). */
function big(value, name) {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value)) throw new CaseError(`\`${name}\` must be an integer`);
  return BigInt(value);
}

function payload(input) {
  const bytes = bytesOf(input.payload);
  if (!bytes) throw new CaseError("`payload` must be { utf8 } or { base64 }");
  return bytes;
}

function headerList(headers) {
  if (headers === null || typeof headers !== "object" || Array.isArray(headers)) {
    throw new CaseError("`headers` must be an object of names to string values");
  }
  const entries = Object.entries(headers);
  if (!entries.every(([, v]) => typeof v === "string")) throw new CaseError("header values must be strings");
  return entries;
}

/** A result as the npm call returns it: 64-bit integers as numbers, absent options left out. */
function plain(value) {
  if (typeof value === "bigint") return Number(value);
  if (Array.isArray(value)) return value.map(plain);
  if (value instanceof Uint8Array || value === null || typeof value !== "object") return value;
  const out = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = plain(v);
  return out;
}

// ---- keys: { jwk | jwks | pem | secret, alg?, kid? } ---------------------------------------

const keyOptions = (spec) => ({ alg: spec.alg, kid: spec.kid });

function signingKey(spec, held) {
  let key;
  if (spec.jwk !== undefined) key = jose.SigningKey.fromJwk(JSON.stringify(spec.jwk), keyOptions(spec));
  else if (spec.pem !== undefined) key = jose.SigningKey.fromPem(spec.pem, keyOptions(spec));
  else if (spec.secret !== undefined) {
    const secret = typeof spec.secret === "string" ? new TextEncoder().encode(spec.secret) : bytesOf(spec.secret);
    if (!secret) throw new CaseError("`secret` is a string, { utf8 } or { base64 }");
    key = jose.SigningKey.fromSecret(secret, keyOptions(spec));
  } else throw new CaseError("a signing key is a jwk, pem or secret");
  held.push(key);
  return key;
}

function publicOf(key, held) {
  const verifying = key.verifyingKey();
  held.push(verifying);
  return verifying;
}

function verifyingKey(spec, held) {
  let key;
  if (spec.jwk !== undefined) key = jose.VerifyingKey.fromJwk(JSON.stringify(spec.jwk), keyOptions(spec));
  else if (spec.pem !== undefined) key = jose.VerifyingKey.fromPem(spec.pem, keyOptions(spec));
  else if (spec.secret !== undefined) return publicOf(signingKey(spec, held), held);
  else throw new CaseError("a verifying key is a jwk, pem or secret");
  held.push(key);
  return key;
}

function anyKey(spec, held) {
  return isPrivate(spec) ? { key: signingKey(spec, held), signing: true } : { key: verifyingKey(spec, held), signing: false };
}

// ---- ops ----------------------------------------------------------------------------------

const signsTimestamp = (scheme) => scheme === "standard" || scheme === "stripe";
const scheme = (i) => ({ name: i.scheme, header: i.header, prefix: i.prefix, hash: i.hash });

function secrets(i) {
  if (i.secret !== undefined && i.secrets !== undefined) {
    throw new CaseError("the component takes one list of secrets: give `secret` or `secrets`");
  }
  return strings(i.secret ?? i.secrets, "secret") ?? [];
}

function client(i, endpoint = i.tokenEndpoint) {
  let auth = i.clientAuth;
  if (auth !== undefined) {
    if (auth === null || typeof auth !== "object") throw new CaseError("`clientAuth` must be an object");
    only(auth, ["method", "secret", "assertion"]);
    auth = { method: auth.method, secret: auth.secret, assertion: auth.assertion };
  }
  return { tokenEndpoint: endpoint, clientId: i.clientId, clientAuth: auth, clientSecret: i.clientSecret };
}

/** A built request, with a DPoP proof when the case gives `dpop: { key, nonce?, now, jti }`. */
function withDpop(request, i, held) {
  if (i.dpop === undefined) return httpRequest(request);
  if (i.dpop === null || typeof i.dpop !== "object") throw new CaseError("`dpop` must be an object");
  only(i.dpop, ["key", "nonce", "now", "jti"]);
  fixed(i.dpop, ["now", "jti"]);
  const key = signingKey(keySpec(i.dpop.key), held);
  return httpRequest(oauth.withDpop(request, key, { nonce: i.dpop.nonce, now: big(i.dpop.now, "now"), jti: i.dpop.jti }));
}

/** A JSON document given as text or as the parsed object (the npm call takes both). */
const jsonText = (value) => (typeof value === "string" ? value : JSON.stringify(value));

/** The WIT launch context as the npm call returns it (`fhirContext` parsed). */
function launchContext(context) {
  if (context === undefined) return undefined;
  const { fhirContextJson, ...rest } = plain(context);
  return fhirContextJson === undefined ? rest : { ...rest, fhirContext: JSON.parse(fhirContextJson) };
}

/** WIT metadata as the npm call returns it (`extra` parsed). */
function metadata(m) {
  const { extraJson, ...rest } = plain(m);
  return { ...rest, extra: JSON.parse(extraJson) };
}

/** A WIT introspection as the npm call returns it (`cnf: { jkt }`, `aud` and `extra` when not empty). */
function introspection(r) {
  const { extraJson, cnfJkt, aud, launchContext: context, ...out } = plain(r);
  if (cnfJkt !== undefined) out.cnf = { jkt: cnfJkt };
  if (aud.length > 0) out.aud = aud;
  const extra = JSON.parse(extraJson);
  if (Object.keys(extra).length > 0) out.extra = extra;
  if (context !== undefined) out.launchContext = launchContext(r.launchContext);
  return out;
}

/** The key of `verifyJwt` and `verifyIdToken`: a JWK set or plain JWK as text, else a key. */
function verifier(spec, held) {
  if (spec.jwks !== undefined) return { text: JSON.stringify(spec.jwks) };
  if (spec.jwk !== undefined && spec.alg === undefined && spec.kid === undefined) return { text: JSON.stringify(spec.jwk) };
  return { key: verifyingKey(spec, held) };
}

const httpRequest = (r) => ({ ...r, headers: Object.fromEntries(r.headers) });
const CLIENT = ["tokenEndpoint", "clientId", "clientAuth", "clientSecret"];
const ENDPOINT_CLIENT = ["endpoint", "clientId", "clientAuth", "clientSecret"];
// The members of an endpoint response reader's case.
const RESPONSE = ["status", "body", "maxBytes"];

/** A Redox handshake input: text, bytes, a URL, URLSearchParams, or the fields object. */
function handshake(input) {
  if (typeof input === "string") return { tag: "text", val: input };
  const bytes = bytesOf(input);
  if (bytes) return { tag: "body", val: bytes };
  if (input !== null && typeof input === "object" && !Array.isArray(input)) {
    const keys = Object.keys(input);
    if (keys.length === 1 && keys[0] === "url") return { tag: "query", val: input.url };
    if (keys.length === 1 && keys[0] === "searchParams") return { tag: "query", val: input.searchParams };
    const text = (...names) => names.map((n) => input[n]).find((v) => typeof v === "string");
    return {
      tag: "fields",
      val: { challenge: text("challenge"), verificationToken: text("verification-token", "verificationToken") },
    };
  }
  throw new CaseError("`input` is a string, { utf8 | base64 }, { url }, { searchParams } or the fields");
}

function randomOnly(call, name) {
  return (i) => {
    call(only(i, [name])[name]);
    throw new CaseError("a random value: only error cases are allowed");
  };
}

/** op -> (input, held resources) => result. */
const OPS = {
  pkceChallenge: (i) => pkce.pkceChallenge(only(i, ["verifier"]).verifier),
  verifyPkce: (i) => pkce.verifyPkce(only(i, ["verifier", "challenge"]).verifier, i.challenge),
  createPkce: randomOnly((length) => pkce.createPkce(length), "length"),
  randomState: randomOnly((bytes) => pkce.randomState(bytes), "bytes"),
  verifyJwt: (i, held) => {
    only(i, ["token", "key", "algorithms", "audience", "issuer", "subject", "typ", "leewaySeconds",
      "maxAgeSeconds", "requireExp", "maxTokenBytes", "maxJwksBytes", "now"]);
    fixed(i, ["now"]);
    const options = {
      algorithms: strings(i.algorithms, "algorithms"),
      audience: strings(i.audience, "audience"),
      issuer: i.issuer,
      subject: i.subject,
      typ: i.typ,
      leewaySeconds: big(i.leewaySeconds, "leewaySeconds"),
      maxAgeSeconds: big(i.maxAgeSeconds, "maxAgeSeconds"),
      requireExp: i.requireExp,
      maxTokenBytes: big(i.maxTokenBytes, "maxTokenBytes"),
      maxJwksBytes: big(i.maxJwksBytes, "maxJwksBytes"),
      now: big(i.now, "now"),
    };
    const spec = keySpec(i.key);
    let verified;
    if (spec.jwks !== undefined) verified = jose.verifyJwt(i.token, JSON.stringify(spec.jwks), options);
    else if (spec.jwk !== undefined && spec.alg === undefined && spec.kid === undefined) {
      verified = jose.verifyJwt(i.token, JSON.stringify(spec.jwk), options);
    } else verified = jose.verifyJwtWithKey(i.token, verifyingKey(spec, held), options);
    return { header: JSON.parse(verified.headerJson), claims: JSON.parse(verified.claimsJson) };
  },
  decodeJwt: (i) => {
    only(i, ["token", "maxTokenBytes"]);
    const decoded = jose.decodeJwt(i.token, big(i.maxTokenBytes, "maxTokenBytes"));
    return { header: JSON.parse(decoded.headerJson), claims: JSON.parse(decoded.claimsJson) };
  },
  signJwt: (i, held) => {
    only(i, ["key", "claims", "header"]);
    const header = i.header === undefined ? undefined : JSON.stringify(i.header);
    return signingKey(keySpec(i.key), held).signJwt(JSON.stringify(i.claims), header);
  },
  clientAssertion: (i, held) => {
    only(i, ["key", "clientId", "audience", "lifetimeSeconds", "now", "jti", "jku"]);
    fixed(i, ["now", "jti"]);
    return signingKey(keySpec(i.key), held).clientAssertion({
      clientId: i.clientId,
      audience: i.audience,
      lifetimeSeconds: big(i.lifetimeSeconds, "lifetimeSeconds"),
      now: big(i.now, "now"),
      jti: i.jti,
      jku: i.jku,
    });
  },
  thumbprint: (i, held) => anyKey(keySpec(only(i, ["key"]).key), held).key.thumbprint(),
  publicJwk: (i, held) => {
    const { key, signing } = anyKey(keySpec(only(i, ["key"]).key), held);
    return JSON.parse(signing ? key.publicJwk() : key.toJwk());
  },
  jwks: (i, held) => {
    if (!Array.isArray(only(i, ["keys"]).keys)) throw new CaseError("`keys` must be an array");
    const keys = i.keys.map((spec) => {
      const { key, signing } = anyKey(keySpec(spec), held);
      return signing ? publicOf(key, held) : key;
    });
    return JSON.parse(jose.jwks(keys));
  },
  verifyWebhook: (i) => {
    only(i, ["scheme", "payload", "headers", "secret", "secrets", "toleranceSeconds", "now", "maxPayloadBytes",
      "maxHeaderBytes", "header", "prefix", "hash"]);
    if (signsTimestamp(i.scheme)) fixed(i, ["now"]);
    const options = {
      now: big(i.now, "now"),
      toleranceSeconds: big(i.toleranceSeconds, "toleranceSeconds"),
      maxPayloadBytes: big(i.maxPayloadBytes, "maxPayloadBytes"),
      maxHeaderBytes: big(i.maxHeaderBytes, "maxHeaderBytes"),
    };
    const out = plain(webhook.verify(scheme(i), payload(i), headerList(i.headers), secrets(i), options));
    if (out.replayKeys.length === 0) delete out.replayKeys;
    return out;
  },
  signWebhook: (i) => {
    only(i, ["scheme", "payload", "secret", "secrets", "id", "timestamp", "header", "prefix", "hash"]);
    if (signsTimestamp(i.scheme)) fixed(i, ["timestamp"]);
    if (i.scheme === "standard") fixed(i, ["id"]);
    const options = { id: i.id, timestamp: big(i.timestamp ?? 0, "timestamp") };
    return Object.fromEntries(webhook.sign(scheme(i), payload(i), secrets(i), options));
  },
  redoxVerification: (i) => {
    only(i, ["input", "token", "headers", "maxBytes"]);
    if (i.token === undefined) throw new CaseError("`token` is required");
    const headerToken =
      i.headers === undefined
        ? undefined
        : headerList(i.headers).find(([name]) => name.toLowerCase() === "verification-token")?.[1];
    return webhook.redoxVerification(handshake(i.input), strings(i.token, "token"), headerToken, big(i.maxBytes, "maxBytes"));
  },
  authorizationUrl: (i) => {
    only(i, ["authorizationEndpoint", "clientId", "redirectUri", "scope", "state", "codeChallenge", "extraParams",
      "aud", "launch", "requestUri"]);
    return oauth.authorizationUrl({
      authorizationEndpoint: i.authorizationEndpoint,
      clientId: i.clientId,
      // Empty when absent: the WIT record's form of "not given" (a request_uri URL has none).
      redirectUri: i.redirectUri ?? "",
      scope: strings(i.scope, "scope"),
      state: i.state,
      codeChallenge: i.codeChallenge,
      extraParams: Object.entries(i.extraParams ?? {}),
      aud: i.aud,
      launch: i.launch,
      requestUri: i.requestUri,
    });
  },
  parseCallback: (i) => {
    only(i, ["url", "expectedState", "expectedIssuer", "maxBytes"]);
    const options = { expectedState: i.expectedState, expectedIssuer: i.expectedIssuer, maxBytes: big(i.maxBytes, "maxBytes") };
    return plain(oauth.parseCallback(i.url, options));
  },
  codeExchangeRequest: (i, held) => {
    only(i, [...CLIENT, "code", "redirectUri", "codeVerifier", "dpop"]);
    return withDpop(oauth.codeExchangeRequest(client(i), i.code, i.redirectUri, i.codeVerifier), i, held);
  },
  refreshRequest: (i, held) => {
    only(i, [...CLIENT, "refreshToken", "scope", "dpop"]);
    return withDpop(oauth.refreshRequest(client(i), i.refreshToken, strings(i.scope, "scope")), i, held);
  },
  clientCredentialsRequest: (i, held) => {
    only(i, [...CLIENT, "scope", "dpop"]);
    return withDpop(oauth.clientCredentialsRequest(client(i), strings(i.scope, "scope")), i, held);
  },
  pushedAuthorizationRequest: (i, held) => {
    only(i, [...ENDPOINT_CLIENT, "redirectUri", "scope", "state", "codeChallenge", "extraParams", "aud", "launch", "dpop"]);
    const request = oauth.pushedAuthorizationRequest(client(i, i.endpoint), i.endpoint, {
      redirectUri: i.redirectUri,
      scope: strings(i.scope, "scope"),
      state: i.state,
      codeChallenge: i.codeChallenge,
      extraParams: Object.entries(i.extraParams ?? {}),
      aud: i.aud,
      launch: i.launch,
    });
    return withDpop(request, i, held);
  },
  parsePushedAuthorizationResponse: (i) =>
    plain(oauth.parsePushedAuthorizationResponse(only(i, RESPONSE).status, i.body, big(i.maxBytes, "maxBytes"))),
  revocationRequest: (i, held) => {
    only(i, [...ENDPOINT_CLIENT, "token", "tokenTypeHint", "dpop"]);
    return withDpop(oauth.revocationRequest(client(i, i.endpoint), i.endpoint, i.token, i.tokenTypeHint), i, held);
  },
  parseRevocationResponse: (i) => {
    oauth.parseRevocationResponse(only(i, RESPONSE).status, i.body ?? "", big(i.maxBytes, "maxBytes"));
    return null; // the npm call's success value
  },
  introspectionRequest: (i, held) => {
    only(i, [...ENDPOINT_CLIENT, "token", "tokenTypeHint", "dpop"]);
    return withDpop(oauth.introspectionRequest(client(i, i.endpoint), i.endpoint, i.token, i.tokenTypeHint), i, held);
  },
  parseIntrospectionResponse: (i) =>
    introspection(oauth.parseIntrospectionResponse(only(i, RESPONSE).status, i.body, big(i.maxBytes, "maxBytes"))),
  parseScopes: (i) => smart.parseScopes(strings(only(i, ["scope"]).scope, "scope")).map(plain),
  scopesSatisfy: (i) =>
    smart.scopesSatisfy(strings(only(i, ["granted", "required"]).granted, "granted"), strings(i.required, "required")),
  missingScopes: (i) =>
    smart.missingScopes(strings(only(i, ["granted", "required"]).granted, "granted"), strings(i.required, "required")),
  parseSmartConfiguration: (i) =>
    metadata(discovery.parseSmartConfiguration(jsonText(only(i, ["json", "fhirBaseUrl", "maxBytes"]).json), i.fhirBaseUrl,
      big(i.maxBytes, "maxBytes"))),
  parseOpenIdConfiguration: (i) =>
    metadata(discovery.parseOpenidConfiguration(jsonText(only(i, ["json", "issuer", "maxBytes"]).json), i.issuer,
      big(i.maxBytes, "maxBytes"))),
  discoveryUrls: (i) => discovery.discoveryUrls(only(i, ["url"]).url).map(plain),
  verifyIdToken: (i, held) => {
    only(i, ["token", "key", "issuer", "clientId", "nonce", "maxAgeSeconds", "accessToken", "algorithms",
      "leewaySeconds", "maxTokenBytes", "now"]);
    fixed(i, ["now"]);
    const options = {
      issuer: i.issuer,
      clientId: i.clientId,
      nonce: i.nonce,
      maxAgeSeconds: big(i.maxAgeSeconds, "maxAgeSeconds"),
      accessToken: i.accessToken,
      algorithms: strings(i.algorithms, "algorithms"),
      leewaySeconds: big(i.leewaySeconds, "leewaySeconds"),
      maxTokenBytes: big(i.maxTokenBytes, "maxTokenBytes"),
      now: big(i.now, "now"),
    };
    const { text, key } = verifier(keySpec(i.key), held);
    const verified = text !== undefined ? jose.verifyIdToken(i.token, text, options) : jose.verifyIdTokenWithKey(i.token, key, options);
    const out = { header: JSON.parse(verified.headerJson), claims: JSON.parse(verified.claimsJson), subject: verified.subject };
    if (verified.fhirUser !== undefined) out.fhirUser = verified.fhirUser;
    return out;
  },
  dpopProof: (i, held) => {
    only(i, ["key", "htm", "htu", "accessToken", "nonce", "now", "jti"]);
    fixed(i, ["now", "jti"]);
    return jose.dpopProof(signingKey(keySpec(i.key), held), {
      htm: i.htm,
      htu: i.htu,
      accessToken: i.accessToken,
      nonce: i.nonce,
      now: big(i.now, "now"),
      jti: i.jti,
    });
  },
  verifyDpopProof: (i) => {
    only(i, ["proof", "htm", "htu", "accessToken", "nonce", "jkt", "algorithms", "maxAgeSeconds", "leewaySeconds", "now"]);
    fixed(i, ["now"]);
    return plain(jose.verifyDpopProof(i.proof, {
      htm: i.htm,
      htu: i.htu,
      accessToken: i.accessToken,
      nonce: i.nonce,
      jkt: i.jkt,
      algorithms: strings(i.algorithms, "algorithms"),
      maxAgeSeconds: big(i.maxAgeSeconds, "maxAgeSeconds"),
      leewaySeconds: big(i.leewaySeconds, "leewaySeconds"),
      now: big(i.now, "now"),
    }));
  },
  parseTokenResponse: (i) => {
    only(i, ["status", "body", "now", "refreshSkewSeconds", "defaultLifetimeSeconds", "maxBytes"]);
    fixed(i, ["now"]);
    const options = {
      now: big(i.now, "now"),
      refreshSkewSeconds: big(i.refreshSkewSeconds, "refreshSkewSeconds"),
      defaultLifetimeSeconds: big(i.defaultLifetimeSeconds, "defaultLifetimeSeconds"),
      maxBytes: big(i.maxBytes, "maxBytes"),
    };
    const response = oauth.parseTokenResponse(i.status, i.body, options);
    const { extraJson, launchContext: context, ...out } = plain(response);
    if (context !== undefined) out.launchContext = launchContext(response.launchContext);
    return { ...out, extra: JSON.parse(extraJson) };
  },
  preset: (i) => {
    const { name, options = {} } = only(i, ["name", "options"]);
    only(options, ["region", "baseUrl", "tokenEndpoint"]);
    return plain(providers.preset(name, { region: options.region, baseUrl: options.baseUrl, tokenEndpoint: options.tokenEndpoint }));
  },
  updoxAuth: (i) => {
    const names = ["applicationId", "applicationPassword", "accountId", "userId", "loginId", "loginPassword"];
    only(i, names);
    return JSON.parse(providers.updoxAuth(Object.fromEntries(names.map((n) => [n, i[n]]))));
  },
  parseApiKey: (i) => plain(providers.parseApiKey(only(i, ["key"]).key)),
  ipAllowed: (i) => net.ipAllowed(only(i, ["ip", "cidrs"]).ip, i.cidrs),
};

// ---- checking -----------------------------------------------------------------------------

const show = (value) => JSON.stringify(value, (_, v) => (typeof v === "bigint" ? `${v}n` : v));

function runCase(c) {
  const op = Object.hasOwn(OPS, c.op) ? OPS[c.op] : undefined;
  if (!op) throw new CaseError(`unknown op ${JSON.stringify(c.op)}`);
  if (c.input === null || typeof c.input !== "object" || c.expect === null || typeof c.expect !== "object") {
    throw new CaseError("a case has an `input` object and an `expect` object");
  }
  const held = [];
  let result;
  let error;
  try {
    result = op(c.input, held);
  } catch (e) {
    error = e;
  } finally {
    for (const resource of held.reverse()) resource[Symbol.dispose]();
  }
  if (error instanceof CaseError) throw error;
  const failure = error === undefined ? undefined : componentError(error);
  if (error !== undefined && !failure) {
    // A value the component's types cannot take (jco refuses it while lowering), or a trap.
    throw new CaseError(`the component cannot run this case: ${error?.message ?? error}`);
  }
  const keys = Object.keys(c.expect);
  if (keys.length === 1 && keys[0] === "error") {
    if (!failure) throw new Error(`expected ${c.expect.error}, got ${show(result)}`);
    if (npmCode(failure.code) !== c.expect.error) {
      throw new Error(`expected ${c.expect.error}, got ${npmCode(failure.code)}: ${failure.message}`);
    }
    return;
  }
  if (keys.length !== 1 || keys[0] !== "ok") throw new CaseError("`expect` must be { ok } or { error }");
  if (failure) throw new Error(`expected ${show(c.expect.ok)}, got ${npmCode(failure.code)}: ${failure.message}`);
  if (!matches(c.expect.ok, result)) throw new Error(`expected ${show(c.expect.ok)}, got ${show(result)}`);
}

// ---- one test per topic, a line per topic, a summary ----------------------------------------

const files = readdirSync(CASES).filter((f) => f.endsWith(".json")).sort();
const tally = [];

test(`${HOST}: the case files are there`, () => {
  if (files.length === 0) throw new Error(`no case files in ${CASES}`);
});

for (const file of files) {
  const { topic, cases } = JSON.parse(readFileSync(join(CASES, file), "utf8"));
  test(`${HOST}: ${topic} (${cases.length} cases)`, () => {
    if (`${topic}.json` !== file) throw new Error(`${file}: the topic names the file`);
    const failures = [];
    const names = new Set();
    for (const c of cases) {
      try {
        if (names.has(c.name)) throw new CaseError("duplicate case name");
        names.add(c.name);
        runCase(c);
      } catch (e) {
        failures.push(`${file}: ${c.name}: ${e instanceof CaseError ? "malformed case: " : ""}${e.message}`);
      }
    }
    tally.push({ topic, passed: cases.length - failures.length, failed: failures.length });
    if (failures.length > 0) throw new Error(`${failures.length} of ${cases.length} cases failed:\n${failures.join("\n")}`);
  });
}

after(() => {
  const lines = tally.map(({ topic, passed, failed }) => `cases ${HOST} ${topic}: ${passed} passed, ${failed} failed`);
  const passed = tally.reduce((n, t) => n + t.passed, 0);
  const failed = tally.reduce((n, t) => n + t.failed, 0);
  lines.push(`cases ${HOST}: ${passed} passed, ${failed} failed (${tally.length} files)`);
  process.stderr.write(`${lines.join("\n")}\n`);
});
