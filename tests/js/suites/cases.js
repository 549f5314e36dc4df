// The shared case files (tests/cases/*.json, format in tests/cases/README.md) in every JS
// runtime: each case calls the npm export its `op` names with the case's input, and checks the
// result (objects as a subset) or the error code. `cases.data.js` is generated from the files
// by tests/js/cases-bundle.js (`make consumer`), since workerd and browsers cannot read files.
import { AssertionError } from "./assert.js";
import { CaseError, bytesOf, fixed, isPrivate, keySpec, matches, only } from "./case-runner.js";
import caseFiles from "./cases.data.js";

// ---- keys: { jwk | jwks | pem | secret, alg?, kid? } ---------------------------------------

function importOptions(spec) {
  const options = {};
  if (spec.alg !== undefined) options.alg = spec.alg;
  if (spec.kid !== undefined) options.kid = spec.kid;
  return options;
}

function secretOf(value) {
  if (typeof value === "string") return value;
  const bytes = bytesOf(value);
  if (!bytes) throw new CaseError("`secret` is a string, { utf8 } or { base64 }");
  return bytes;
}

function signingKey(ha, spec, held) {
  let key;
  if (spec.jwk !== undefined) key = ha.SigningKey.fromJwk(spec.jwk, importOptions(spec));
  else if (spec.pem !== undefined) key = ha.SigningKey.fromPem(spec.pem, importOptions(spec));
  else if (spec.secret !== undefined) key = ha.SigningKey.fromSecret(secretOf(spec.secret), importOptions(spec));
  else throw new CaseError("a signing key is a jwk, pem or secret");
  held.push(key);
  return key;
}

function verifyingKey(ha, spec, held) {
  let key;
  if (spec.jwk !== undefined) key = ha.VerifyingKey.fromJwk(spec.jwk, importOptions(spec));
  else if (spec.pem !== undefined) key = ha.VerifyingKey.fromPem(spec.pem, importOptions(spec));
  else if (spec.secret !== undefined) return signingKey(ha, spec, held);
  else throw new CaseError("a verifying key is a jwk, pem or secret");
  held.push(key);
  return key;
}

/** Any key: a SigningKey when it holds private or secret material, else a VerifyingKey. */
function anyKey(ha, spec, held) {
  return isPrivate(spec)
    ? { key: signingKey(ha, spec, held), signing: true }
    : { key: verifyingKey(ha, spec, held), signing: false };
}

/** What `verifyJwt` gets: a JWKS or a plain JWK object as is, otherwise a key instance. */
function verifier(ha, spec, held) {
  if (spec.jwks !== undefined) return spec.jwks;
  if (spec.jwk !== undefined && spec.alg === undefined && spec.kid === undefined) return spec.jwk;
  return verifyingKey(ha, spec, held);
}

// ---- ops ----------------------------------------------------------------------------------

function signsTimestamp(scheme) {
  return scheme === "standard" || scheme === "stripe";
}

function webhookOptions(input) {
  const payload = bytesOf(input.payload);
  if (!payload) throw new CaseError("`payload` must be { utf8 } or { base64 }");
  return { ...input, payload };
}

/** A Redox handshake input: text, bytes, a URL, URLSearchParams, or the fields object. */
function handshake(input) {
  if (typeof input === "string") return input;
  const bytes = bytesOf(input);
  if (bytes) return bytes;
  if (input !== null && typeof input === "object" && !Array.isArray(input)) {
    const keys = Object.keys(input);
    if (keys.length === 1 && keys[0] === "url") return new URL(input.url);
    if (keys.length === 1 && keys[0] === "searchParams") return new URLSearchParams(input.searchParams);
    return input;
  }
  throw new CaseError("`input` is a string, { utf8 | base64 }, { url }, { searchParams } or the fields");
}

const PRESETS = ["redox", "telesoft", "digitail", "smart"];

/** A request builder's input with `dpop: { key: <key spec>, ... }` given a SigningKey. */
function withDpopKey(ha, input, held) {
  if (input.dpop === undefined) return input;
  const { key, ...rest } = input.dpop;
  fixed(rest, ["now", "jti"]);
  return { ...input, dpop: { ...rest, key: signingKey(ha, keySpec(key), held) } };
}

/** op -> (ha, input, held keys) => result. */
const OPS = {
  pkceChallenge: (ha, i) => ha.pkceChallenge(only(i, ["verifier"]).verifier),
  verifyPkce: (ha, i) => ha.verifyPkce(only(i, ["verifier", "challenge"]).verifier, i.challenge),
  createPkce: (ha, i) => {
    ha.createPkce(i);
    throw new CaseError("createPkce draws a random verifier: only error cases are allowed");
  },
  randomState: (ha, i) => {
    ha.randomState(only(i, ["bytes"]).bytes);
    throw new CaseError("randomState is random: only error cases are allowed");
  },
  decodeJwt: (ha, { token, ...options }) => ha.decodeJwt(token, options),
  verifyJwt: (ha, { token, key, ...options }, held) => {
    fixed(options, ["now"]);
    return ha.verifyJwt(token, verifier(ha, keySpec(key), held), options);
  },
  signJwt: (ha, i, held) => {
    const { key, claims, header } = only(i, ["key", "claims", "header"]);
    return ha.signJwt(signingKey(ha, keySpec(key), held), claims, header);
  },
  clientAssertion: (ha, { key, ...options }, held) => {
    fixed(options, ["now", "jti"]);
    return ha.clientAssertion(signingKey(ha, keySpec(key), held), options);
  },
  thumbprint: (ha, i, held) => anyKey(ha, keySpec(only(i, ["key"]).key), held).key.thumbprint(),
  publicJwk: (ha, i, held) => {
    const { key, signing } = anyKey(ha, keySpec(only(i, ["key"]).key), held);
    return signing ? key.publicJwk() : key.toJwk();
  },
  jwks: (ha, i, held) => {
    if (!Array.isArray(only(i, ["keys"]).keys)) throw new CaseError("`keys` must be an array");
    return ha.jwks(i.keys.map((spec) => anyKey(ha, keySpec(spec), held).key));
  },
  verifyWebhook: (ha, i) => {
    if (signsTimestamp(i.scheme)) fixed(i, ["now"]);
    return ha.verifyWebhook(webhookOptions(i));
  },
  signWebhook: (ha, i) => {
    if (signsTimestamp(i.scheme)) fixed(i, ["timestamp"]);
    if (i.scheme === "standard") fixed(i, ["id"]);
    return ha.signWebhook(webhookOptions(i));
  },
  redoxVerification: (ha, { input, token, ...options }) => ha.redoxVerification(handshake(input), token, options),
  authorizationUrl: (ha, i) => ha.authorizationUrl(i),
  parseCallback: (ha, { url, ...options }) => ha.parseCallback(url, options),
  codeExchangeRequest: (ha, i, held) => ha.codeExchangeRequest(withDpopKey(ha, i, held)),
  refreshRequest: (ha, i, held) => ha.refreshRequest(withDpopKey(ha, i, held)),
  clientCredentialsRequest: (ha, i, held) => ha.clientCredentialsRequest(withDpopKey(ha, i, held)),
  pushedAuthorizationRequest: (ha, i, held) => ha.pushedAuthorizationRequest(withDpopKey(ha, i, held)),
  parsePushedAuthorizationResponse: (ha, { status, body, ...options }) => ha.parsePushedAuthorizationResponse(status, body, options),
  revocationRequest: (ha, i, held) => ha.revocationRequest(withDpopKey(ha, i, held)),
  parseRevocationResponse: (ha, { status, body, ...options }) => ha.parseRevocationResponse(status, body, options),
  introspectionRequest: (ha, i, held) => ha.introspectionRequest(withDpopKey(ha, i, held)),
  parseIntrospectionResponse: (ha, { status, body, ...options }) => ha.parseIntrospectionResponse(status, body, options),
  parseTokenResponse: (ha, { status, body, ...options }) => {
    fixed(options, ["now"]);
    return ha.parseTokenResponse(status, body, options);
  },
  preset: (ha, i) => {
    const { name, options } = only(i, ["name", "options"]);
    if (!PRESETS.includes(name)) throw new CaseError(`unknown preset ${JSON.stringify(name)}`);
    return ha[name](options);
  },
  updoxAuth: (ha, i) => ha.updoxAuth(i),
  parseApiKey: (ha, i) => ha.parseApiKey(only(i, ["key"]).key, {}),
  ipAllowed: (ha, i) => ha.ipAllowed(only(i, ["ip", "cidrs"]).ip, i.cidrs),
  parseScopes: (ha, i) => ha.parseScopes(only(i, ["scope"]).scope),
  scopesSatisfy: (ha, i) => ha.scopesSatisfy(only(i, ["granted", "required"]).granted, i.required),
  missingScopes: (ha, i) => ha.missingScopes(only(i, ["granted", "required"]).granted, i.required),
  parseSmartConfiguration: (ha, { json, ...options }) => ha.parseSmartConfiguration(json, options),
  parseOpenIdConfiguration: (ha, { json, ...options }) => ha.parseOpenIdConfiguration(json, options),
  discoveryUrls: (ha, i) => ha.discoveryUrls(only(i, ["url"]).url),
  verifyIdToken: (ha, { token, key, ...options }, held) => {
    fixed(options, ["now"]);
    return ha.verifyIdToken(token, verifier(ha, keySpec(key), held), options);
  },
  dpopProof: (ha, { key, ...options }, held) => {
    fixed(options, ["now", "jti"]);
    return ha.dpopProof(signingKey(ha, keySpec(key), held), options);
  },
  verifyDpopProof: (ha, { proof, ...options }) => {
    fixed(options, ["now"]);
    return ha.verifyDpopProof(proof, options);
  },
};

// ---- checking -----------------------------------------------------------------------------

const show = (value) => (typeof value === "bigint" ? `${value}n` : JSON.stringify(value));

function runCase(ha, c) {
  const op = Object.hasOwn(OPS, c.op) ? OPS[c.op] : undefined;
  if (!op) throw new CaseError(`unknown op ${JSON.stringify(c.op)}`);
  const held = [];
  let result;
  let error;
  try {
    result = op(ha, c.input, held);
  } catch (e) {
    error = e;
  } finally {
    for (const key of held) key.free();
  }
  if (error instanceof CaseError) throw error;
  if ("error" in c.expect) {
    if (error === undefined) throw new AssertionError(`expected ${c.expect.error}, got ${show(result)}`);
    if (!(error instanceof ha.HealthAuthError)) throw error;
    if (error.code !== c.expect.error) {
      throw new AssertionError(`expected ${c.expect.error}, got ${error.code}: ${error.message}`);
    }
    return;
  }
  if (error !== undefined) {
    if (error instanceof ha.HealthAuthError) {
      throw new AssertionError(`expected ${show(c.expect.ok)}, got ${error.code}: ${error.message}`);
    }
    throw error;
  }
  if (!matches(c.expect.ok, result)) throw new AssertionError(`expected ${show(c.expect.ok)}, got ${show(result)}`);
}

/** One test per case, named `cases: <topic>: <case name>`. */
export function casesSuite(ha) {
  const tests = [];
  for (const { topic, cases } of caseFiles) {
    for (const c of cases) tests.push({ name: `cases: ${topic}: ${c.name}`, fn: () => runCase(ha, c) });
  }
  return tests;
}
