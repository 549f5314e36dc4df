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

/** Options with `signingKey` (top level, or in `clientAuth`) replaced by a signed assertion. */
function signed(options, call) {
  if (options === null || typeof options !== "object") return options;
  const { signingKey, ...rest } = options;
  const { signingKey: nestedKey, jku, ...auth } = options.clientAuth ?? {};
  const key = signingKey ?? nestedKey;
  if (key === undefined) return withoutKey(options);
  checkRequestOptions(call, options); // a misspelt option first, before the key is used

  const made = assertionAuth(key, {
    clientId: options.clientId,
    tokenEndpoint: options.tokenEndpoint,
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

/** `codeExchangeRequest` that also takes a `signingKey` (private_key_jwt / client_secret_jwt). */
export function codeExchangeRequest(options) {
  return codeExchange(signed(options, "codeExchangeRequest"));
}

/** `refreshRequest` that also takes a `signingKey`. */
export function refreshRequest(options) {
  return refresh(signed(options, "refreshRequest"));
}

/** `clientCredentialsRequest` that also takes a `signingKey`: Redox and SMART in one call. */
export function clientCredentialsRequest(options) {
  return clientCredentials(signed(options, "clientCredentialsRequest"));
}
