// Token requests signed with a SigningKey: composes clientAssertion (JOSE) with the request
// builders (OAuth), both in wasm. A Rust user composes `jose::client_assertion` and
// `ClientAuth::Assertion` the same way; only the argument plumbing lives here.
import {
  SigningKey,
  clientAssertion,
  codeExchangeRequest as codeExchange,
  refreshRequest as refresh,
  clientCredentialsRequest as clientCredentials,
} from "./dist/healthauth.js";
import { HealthAuthError } from "./errors.js";

/**
 * The `clientAuth` for a signing key: `private_key_jwt` (RSA, EC, Ed25519) or
 * `client_secret_jwt` (HMAC), with a fresh assertion (new `jti`) for `tokenEndpoint`.
 * `provider`, when given, restricts the algorithm and the lifetime (SMART, Redox presets).
 */
export function assertionAuth(key, { clientId, tokenEndpoint, jku, provider } = {}) {
  const method = assertionMethod(key, provider);
  const options = { clientId, audience: tokenEndpoint };
  if (jku !== undefined) options.jku = jku;
  const max = provider?.maxAssertionLifetimeSeconds;
  if (typeof max === "number" && max < 300) options.lifetimeSeconds = max;
  return { method, assertion: clientAssertion(key, options) };
}

/** The client-auth method a signing key implies, after checking it against the provider. */
export function assertionMethod(key, provider) {
  if (!(key instanceof SigningKey)) {
    throw new HealthAuthError("ERR_INVALID_ARGUMENT", "`signingKey` must be a SigningKey");
  }
  const allowed = provider?.assertionAlgorithms;
  if (Array.isArray(allowed) && allowed.length > 0 && !allowed.includes(key.alg)) {
    throw new HealthAuthError(
      "ERR_CLIENT_ASSERTION_INVALID",
      `cannot make the client assertion: this provider accepts ${allowed.join(", ")}, and the key is ${key.alg}`,
    );
  }
  return key.alg.startsWith("HS") ? "client_secret_jwt" : "private_key_jwt";
}

/** Options with `signingKey` (top level, or in `clientAuth`) replaced by a signed assertion. */
function signed(options) {
  if (options === null || typeof options !== "object") return options;
  const { signingKey, ...rest } = options;
  const { signingKey: nestedKey, jku, ...auth } = options.clientAuth ?? {};
  const key = signingKey ?? nestedKey;
  if (key === undefined) return options;
  const made = assertionAuth(key, { clientId: options.clientId, tokenEndpoint: options.tokenEndpoint, jku });
  if (auth.method !== undefined && auth.method !== made.method) {
    throw new HealthAuthError(
      "ERR_INVALID_ARGUMENT",
      `\`clientAuth.method\` must be ${made.method} for a ${key.alg} signing key`,
    );
  }
  return { ...rest, clientAuth: { ...auth, ...made } };
}

/** `codeExchangeRequest` that also takes a `signingKey` (private_key_jwt / client_secret_jwt). */
export function codeExchangeRequest(options) {
  return codeExchange(signed(options));
}

/** `refreshRequest` that also takes a `signingKey`. */
export function refreshRequest(options) {
  return refresh(signed(options));
}

/** `clientCredentialsRequest` that also takes a `signingKey`: Redox and SMART in one call. */
export function clientCredentialsRequest(options) {
  return clientCredentials(signed(options));
}
