// Token requests signed with a SigningKey: composes clientAssertion (JOSE) with the request
// builders (OAuth), both in wasm. Every rule is the core's (the method a key implies and the
// preset's checks on it, the assertion's options and lifetime); only the argument plumbing
// lives here. A Rust user composes `Preset::assertion_method`, `Preset::client_assertion_options`,
// `jose::client_assertion` and `ClientAuth::Assertion` the same way.
import {
  SigningKey,
  clientAssertion,
  assertionMethod as keyAssertionMethod,
  assertionOptions,
  codeExchangeRequest as codeExchange,
  refreshRequest as refresh,
  clientCredentialsRequest as clientCredentials,
  pushedAuthorizationRequest as pushedAuthorization,
  revocationRequest as revocation,
  introspectionRequest as introspection,
  requestDpopProof,
  checkRequestOptions,
} from "./dist/healthauth.js";
import { HealthAuthError } from "./errors.js";

function checkKey(key) {
  if (!(key instanceof SigningKey)) {
    throw new HealthAuthError("ERR_INVALID_ARGUMENT", "`signingKey` must be a SigningKey");
  }
}

/**
 * The `clientAuth` for a signing key: `private_key_jwt` (RSA, EC, Ed25519) or
 * `client_secret_jwt` (HMAC), with a fresh assertion (new `jti`) for `tokenEndpoint`.
 * `provider`, when given, restricts the algorithm, the `kid` and the lifetime (SMART, Redox
 * presets); `method`, when given, must be the key's.
 */
export function assertionAuth(key, { clientId, tokenEndpoint, jku, provider, method } = {}) {
  checkKey(key);
  const made = keyAssertionMethod(key, provider, method);
  return { method: made, assertion: clientAssertion(key, assertionOptions({ clientId, tokenEndpoint, jku, provider })) };
}

/** The client-auth method a signing key implies, after checking it against the provider. */
export function assertionMethod(key, provider) {
  checkKey(key);
  return keyAssertionMethod(key, provider, undefined);
}

/**
 * Options with `signingKey` (top level, or in `clientAuth`) replaced by a signed assertion. Its
 * audience is the URL the request goes to: `tokenEndpoint`, or the `endpoint` of a PAR,
 * revocation or introspection request. `call` names the builder, for its option list.
 */
function signed(options, call) {
  if (options === null || typeof options !== "object") return options;
  const { signingKey, ...rest } = options;
  const { signingKey: nestedKey, jku, ...auth } = options.clientAuth ?? {};
  const key = signingKey ?? nestedKey;
  if (key === undefined) return withoutKey(options);
  checkRequestOptions(call, options); // a misspelt option first, before the key is used

  const made = assertionAuth(key, {
    clientId: options.clientId,
    tokenEndpoint: options.tokenEndpoint ?? options.endpoint,
    jku,
    method: auth.method,
  });
  return { ...rest, clientAuth: { ...auth, ...made } };
}

/** Options whose `signingKey` (top level, or in `clientAuth`) is `undefined`: no key, as declared. */
function withoutKey(options) {
  const auth = options.clientAuth;
  const nested = auth !== null && typeof auth === "object" && "signingKey" in auth;
  if (!("signingKey" in options) && !nested) return options;
  const { signingKey: _key, ...out } = options;
  if (nested) {
    const { signingKey: _nestedKey, ...rest } = auth;
    out.clientAuth = rest;
  }
  return out;
}

/**
 * Builds the request with `build`, then, with a `dpop: { key, nonce?, now?, jti? }` option, adds
 * the DPoP proof the core makes with `key` for the built request's method and URL (a key handle
 * cannot be read out of an options object inside wasm, so it is handed over here).
 */
function build(builder, call, options) {
  if (options === null || typeof options !== "object" || options.dpop === undefined) {
    return builder(signed(options, call));
  }
  const { dpop, ...rest } = options;
  if (dpop === null || typeof dpop !== "object" || !(dpop.key instanceof SigningKey)) {
    throw new HealthAuthError(
      "ERR_INVALID_ARGUMENT",
      "`dpop` must be { key: SigningKey, nonce?, now?, jti? } with an asymmetric signing key",
    );
  }
  const { key, ...proof } = dpop;
  const request = builder(signed(rest, call));
  request.headers.dpop = requestDpopProof(key, request.method, request.url, proof);
  return request;
}

/** `codeExchangeRequest` that also takes a `signingKey` (private_key_jwt / client_secret_jwt) and `dpop`. */
export function codeExchangeRequest(options) {
  return build(codeExchange, "codeExchangeRequest", options);
}

/** `refreshRequest` that also takes a `signingKey` and `dpop`. */
export function refreshRequest(options) {
  return build(refresh, "refreshRequest", options);
}

/** `clientCredentialsRequest` that also takes a `signingKey` and `dpop`: Redox and SMART in one call. */
export function clientCredentialsRequest(options) {
  return build(clientCredentials, "clientCredentialsRequest", options);
}

/** `pushedAuthorizationRequest` (RFC 9126) that also takes a `signingKey` and `dpop`. */
export function pushedAuthorizationRequest(options) {
  return build(pushedAuthorization, "pushedAuthorizationRequest", options);
}

/** `revocationRequest` (RFC 7009) that also takes a `signingKey` and `dpop`. */
export function revocationRequest(options) {
  return build(revocation, "revocationRequest", options);
}

/** `introspectionRequest` (RFC 7662) that also takes a `signingKey` and `dpop`. */
export function introspectionRequest(options) {
  return build(introspection, "introspectionRequest", options);
}
