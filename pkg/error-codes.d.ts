// Generated from the error table in src/error.rs by tests/generated.rs: do not edit.
// Regenerate with `HEALTHAUTH_BLESS=1 cargo test --test generated`.

/** Every stable error code a `HealthAuthError` can carry. */
export type HealthAuthErrorCode =
  | "ERR_PKCE_VERIFIER_LENGTH"
  | "ERR_PKCE_VERIFIER_INVALID"
  | "ERR_RANDOM_LENGTH"
  | "ERR_RANDOM_UNAVAILABLE"
  | "ERR_INVALID_ARGUMENT"
  | "ERR_UNKNOWN_OPTION"
  | "ERR_INPUT_TOO_LARGE"
  | "ERR_ALG_UNSUPPORTED"
  | "ERR_KEY_ALG_MISMATCH"
  | "ERR_KEY_ALG_MISSING"
  | "ERR_KEY_FORMAT"
  | "ERR_KEY_TOO_WEAK"
  | "ERR_KEY_UNSUPPORTED"
  | "ERR_KEY_SYMMETRIC"
  | "ERR_SIGNING_FAILED"
  | "ERR_JWT_MALFORMED"
  | "ERR_JWT_TOO_LARGE"
  | "ERR_JWT_ALG_NOT_ALLOWED"
  | "ERR_JWT_SIGNATURE_INVALID"
  | "ERR_JWT_CRIT_UNSUPPORTED"
  | "ERR_JWT_KEY_NOT_FOUND"
  | "ERR_JWT_EXPIRED"
  | "ERR_JWT_NOT_YET_VALID"
  | "ERR_JWT_CLAIM_INVALID"
  | "ERR_CLIENT_ASSERTION_INVALID"
  | "ERR_DPOP_PROOF_INVALID"
  | "ERR_DPOP_NONCE_INVALID"
  | "ERR_WEBHOOK_SIGNATURE_MISSING"
  | "ERR_WEBHOOK_SIGNATURE_MISMATCH"
  | "ERR_WEBHOOK_HEADER_MALFORMED"
  | "ERR_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE"
  | "ERR_WEBHOOK_REPLAYED"
  | "ERR_WEBHOOK_SECRET_INVALID"
  | "ERR_WEBHOOK_PAYLOAD_NOT_RAW"
  | "ERR_WEBHOOK_PAYLOAD_TOO_LARGE"
  | "ERR_WEBHOOK_SCHEME_UNKNOWN"
  | "ERR_OAUTH_STATE_MISMATCH"
  | "ERR_OAUTH_CALLBACK_ERROR"
  | "ERR_OAUTH_CALLBACK_INVALID"
  | "ERR_OAUTH_TOKEN_ERROR"
  | "ERR_OAUTH_TOKEN_RESPONSE_INVALID"
  | "ERR_OAUTH_ENDPOINT_ERROR"
  | "ERR_OAUTH_RESPONSE_INVALID"
  | "ERR_URL_INVALID"
  | "ERR_UPDOX_AUTH_INCOMPLETE"
  | "ERR_UPDOX_AUTH_MIXED"
  | "ERR_API_KEY_INVALID"
  | "ERR_IP_INVALID"
  | "ERR_CIDR_INVALID"
  | "ERR_SECRET_IN_BROWSER"
  | "ERR_DISCOVERY_UNSUPPORTED"
  | "ERR_SCOPE_INVALID"
  | "ERR_DISCOVERY_INVALID"
  | "ERR_DISCOVERY_ISSUER_MISMATCH"
  | "ERR_DISCOVERY_PKCE_PLAIN_ONLY"
  | "ERR_NOT_INITIALIZED"
  | "ERR_WASM_LOAD_FAILED"
  | "ERR_TOKEN_ENDPOINT_UNAVAILABLE"
  | "ERR_TOKEN_ENDPOINT_REDIRECTED"
  | "ERR_REAUTHENTICATION_REQUIRED"
  | "ERR_HANDLE_FREED"
  | "ERR_WEBHOOK_REPLAY_STORE_FULL"
  | "ERR_STORE_UNAVAILABLE";

/** The structured details of each code (`error.details`). */
export interface HealthAuthErrorDetails {
  /**
   * A PKCE code verifier (given, or requested from the generator) whose length is outside
   * RFC 7636's 43..=128 characters.
   */
  ERR_PKCE_VERIFIER_LENGTH: {
    /** The length that was given or requested. */
    length: number;
  };
  /**
   * A PKCE code verifier with a character outside RFC 7636's unreserved alphabet
   * (`A-Z a-z 0-9 - . _ ~`).
   */
  ERR_PKCE_VERIFIER_INVALID: {
    /** Zero-based character position of the first offending character. */
    position: number;
  };
  /**
   * A random value (state, nonce) requested with a byte count outside the allowed range.
   */
  ERR_RANDOM_LENGTH: {
    /** The byte count that was requested. */
    requested: number;
    /** The smallest allowed byte count. */
    min: number;
    /** The largest allowed byte count. */
    max: number;
  };
  /**
   * The platform's cryptographically secure random generator failed.
   */
  ERR_RANDOM_UNAVAILABLE: Record<string, never>;
  /**
   * An argument of the wrong type or shape, usually from a dynamically typed caller.
   */
  ERR_INVALID_ARGUMENT: {
    /** The argument or option name. */
    name: string;
    /** What was expected instead. */
    expected: string;
  };
  /**
   * An options object with a property this call does not know (often a typo).
   */
  ERR_UNKNOWN_OPTION: {
    /** The call that received the options. */
    call: string;
    /** The unknown property name (through [`echo_safe`]: printable, at most 40 characters). */
    option: string;
    /** The option it most likely means, if one is close (`crate::suggest`). */
    suggestion?: string;
  };
  /**
   * An input over its size cap (a callback URL, a token response, a JWK set, a Redox
   * handshake, a header), refused before it is copied or parsed: parsing unbounded
   * attacker-sent input could exhaust memory.
   */
  ERR_INPUT_TOO_LARGE: {
    /** What the input is, such as `callback URL`. */
    input: string;
    /** Its size in bytes (for text measured before decoding: a lower bound). */
    size: number;
    /** The cap in bytes. */
    max: number;
  };
  /**
   * A JWS algorithm name healthauth does not implement (`none` included, on purpose).
   */
  ERR_ALG_UNSUPPORTED: {
    /** The name given (through [`echo_safe`]: printable, at most 40 characters). */
    alg: string;
  };
  /**
   * A key that cannot be used with the requested algorithm (e.g. `ES384` with an RSA key).
   */
  ERR_KEY_ALG_MISMATCH: {
    /** The requested algorithm. */
    alg: string;
    /** What the key is and which algorithms it fits. */
    key: string;
  };
  /**
   * An RSA or HMAC key given without the algorithm to use it with.
   */
  ERR_KEY_ALG_MISSING: {
    /** What the key is and which algorithms it fits. */
    key: string;
  };
  /**
   * Key material that could not be read. The reason says what was found and how to
   * convert it; it never contains key bytes.
   */
  ERR_KEY_FORMAT: {
    /** What was wrong. */
    reason: string;
  };
  /**
   * A key below the minimum strength (RSA under 2048 bits, an HMAC secret shorter than
   * the hash).
   */
  ERR_KEY_TOO_WEAK: {
    /** Which rule was broken. */
    reason: string;
  };
  /**
   * A well-formed key of a kind healthauth does not sign or verify with.
   */
  ERR_KEY_UNSUPPORTED: {
    /** What kind of key it is. */
    reason: string;
  };
  /**
   * A public form (JWK, thumbprint) asked of an HMAC secret, which has none.
   */
  ERR_KEY_SYMMETRIC: Record<string, never>;
  /**
   * The signature primitive failed (it should not; reported rather than panicking).
   */
  ERR_SIGNING_FAILED: Record<string, never>;
  /**
   * A compact JWS/JWT that does not parse.
   */
  ERR_JWT_MALFORMED: {
    /** What was wrong. */
    reason: string;
  };
  /**
   * A token larger than the configured cap, refused before parsing.
   */
  ERR_JWT_TOO_LARGE: {
    /** Its size in bytes. */
    size: number;
    /** The cap in bytes. */
    max: number;
  };
  /**
   * A token whose `alg` is `none`, outside the allow-list, or not what the key is for.
   */
  ERR_JWT_ALG_NOT_ALLOWED: {
    /** The token's `alg` (through [`echo_safe`]: printable, at most 40 characters). */
    alg: string;
    /** Why it was refused. */
    reason: string;
  };
  /**
   * A signature that does not verify.
   */
  ERR_JWT_SIGNATURE_INVALID: Record<string, never>;
  /**
   * A `crit` header naming an extension healthauth does not understand (RFC 7515 §4.1.11).
   */
  ERR_JWT_CRIT_UNSUPPORTED: {
    /** The extension name (through [`echo_safe`]: printable, at most 40 characters). */
    param: string;
  };
  /**
   * No key in the given set fits the token's `kid` and `alg`.
   */
  ERR_JWT_KEY_NOT_FOUND: {
    /** The token's `kid`, if it had one (through [`echo_safe`]: printable, at most 40 characters). */
    kid?: string;
  };
  /**
   * A token past its `exp` (plus leeway), older than the allowed maximum age, or an ID
   * token whose user authenticated longer ago than the maximum authentication age.
   */
  ERR_JWT_EXPIRED: {
    /** Which limit was passed: `exp`, `maxAge` (of `iat`) or `auth_time` (an ID token's maximum authentication age). */
    claim: string;
  };
  /**
   * A token before its `nbf`, or issued (`iat`) in the future, beyond the leeway.
   */
  ERR_JWT_NOT_YET_VALID: {
    /** Which claim: `nbf` or `iat`. */
    claim: string;
  };
  /**
   * A claim that is missing, of the wrong type, or not the expected value.
   */
  ERR_JWT_CLAIM_INVALID: {
    /** The claim name. */
    claim: string;
    /** What was wrong. */
    reason: string;
  };
  /**
   * Client assertion options that break RFC 7523 / SMART Backend Services rules.
   */
  ERR_CLIENT_ASSERTION_INVALID: {
    /** Which rule was broken. */
    reason: string;
  };
  /**
   * A DPoP proof (RFC 9449) that breaks a rule of section 4.3: not a `dpop+jwt`, a
   * symmetric algorithm, no public `jwk` or a private one in its header, a missing claim,
   * `htm`/`htu`/`ath` not matching the request, an `iat` too old or in the future, or a key
   * other than the one the access token is bound to. A resource server answers
   * `invalid_dpop_proof`.
   */
  ERR_DPOP_PROOF_INVALID: {
    /** Which rule was broken. */
    reason: string;
  };
  /**
   * A DPoP proof without the server's current nonce, or with another one (RFC 9449
   * section 8): a server answers `use_dpop_nonce` with a fresh `DPoP-Nonce`, and the client
   * makes a new proof with it.
   */
  ERR_DPOP_NONCE_INVALID: Record<string, never>;
  /**
   * A webhook arrived without the header (or header field) that carries its signature or
   * signed metadata.
   */
  ERR_WEBHOOK_SIGNATURE_MISSING: {
    /** The header (or field) that was looked for, such as `webhook-signature`. */
    header: string;
  };
  /**
   * No signature in the webhook matches the raw payload under any of the configured secrets.
   */
  ERR_WEBHOOK_SIGNATURE_MISMATCH: {
    /** The scheme that was verified, such as `telesoft`. */
    scheme: string;
    /** How many secrets (keys) were tried. */
    secrets: number;
  };
  /**
   * A webhook signature header whose structure cannot be read (a missing prefix, a
   * non-numeric timestamp, a list item without its version).
   */
  ERR_WEBHOOK_HEADER_MALFORMED: {
    /** The header (or field) at fault. */
    header: string;
    /** What is wrong with it. */
    reason: string;
  };
  /**
   * A correctly signed webhook whose timestamp is further from `now` than the tolerance.
   */
  ERR_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE: {
    /** `now - timestamp` in seconds: positive when the webhook is old, negative when it is from the future. */
    ageSeconds: number;
    /** The tolerance in seconds. */
    toleranceSeconds: number;
  };
  /**
   * A webhook whose id (or timestamp and signature) was already accepted once.
   */
  ERR_WEBHOOK_REPLAYED: {
    /** The scheme that was verified. */
    scheme: string;
  };
  /**
   * A webhook secret or key that cannot be used as given.
   */
  ERR_WEBHOOK_SECRET_INVALID: {
    /** What is wrong with it (never the secret itself). */
    reason: string;
  };
  /**
   * A webhook payload that is not the raw body (a parsed object instead of bytes or text).
   */
  ERR_WEBHOOK_PAYLOAD_NOT_RAW: {
    /** The kind of value that was passed instead (`an object`, `undefined`, `a DataView`…). */
    got: string;
  };
  /**
   * A webhook payload over the configured size cap.
   */
  ERR_WEBHOOK_PAYLOAD_TOO_LARGE: {
    /** The payload size in bytes. */
    size: number;
    /** The cap in bytes. */
    max: number;
  };
  /**
   * A webhook scheme name this library does not know.
   */
  ERR_WEBHOOK_SCHEME_UNKNOWN: {
    /** The name that was given (through [`echo_safe`]: printable, at most 40 characters). */
    scheme: string;
  };
  /**
   * An OAuth callback whose `state` is missing or differs from the one this client sent
   * (a forged or replayed redirect, RFC 6749 §10.12).
   */
  ERR_OAUTH_STATE_MISMATCH: Record<string, never>;
  /**
   * The authorization server redirected back with an `error` (RFC 6749 §4.1.2.1).
   */
  ERR_OAUTH_CALLBACK_ERROR: {
    /** The provider's error code, such as `access_denied` (sanitized, bounded). */
    error: string;
    /** The provider's `error_description`, if any (sanitized, bounded). */
    description?: string;
  };
  /**
   * A callback URL that cannot be an authorization response (no `code`, a repeated
   * parameter, bad percent-encoding).
   */
  ERR_OAUTH_CALLBACK_INVALID: {
    /** What is wrong with it. */
    reason: string;
  };
  /**
   * The token endpoint answered with an RFC 6749 §5.2 error.
   */
  ERR_OAUTH_TOKEN_ERROR: {
    /** The HTTP status of the response. */
    status: number;
    /** The provider's error code, such as `invalid_grant` (sanitized, bounded). */
    error: string;
    /** The provider's `error_description`, if any (sanitized, bounded). */
    description?: string;
  };
  /**
   * A token endpoint response that is neither a token (RFC 6749 §5.1) nor an error (§5.2).
   */
  ERR_OAUTH_TOKEN_RESPONSE_INVALID: {
    /** The HTTP status of the response. */
    status: number;
    /** What is wrong with it. */
    reason: string;
  };
  /**
   * A pushed-authorization-request, revocation or introspection endpoint answered with an
   * RFC 6749 section 5.2 error (RFC 9126 section 2.3, RFC 7009 section 2.2.1, RFC 7662
   * section 2.3).
   */
  ERR_OAUTH_ENDPOINT_ERROR: {
    /** Which endpoint: `pushed authorization request`, `revocation` or `introspection`. */
    endpoint: string;
    /** The HTTP status of the response. */
    status: number;
    /** The provider's error code, such as `invalid_request` (sanitized, bounded). */
    error: string;
    /** The provider's `error_description`, if any (sanitized, bounded). */
    description?: string;
  };
  /**
   * A pushed-authorization-request, revocation or introspection response that is neither
   * the success its specification defines nor an RFC 6749 error.
   */
  ERR_OAUTH_RESPONSE_INVALID: {
    /** Which endpoint: `pushed authorization request`, `revocation` or `introspection`. */
    endpoint: string;
    /** The HTTP status of the response. */
    status: number;
    /** What is wrong with it. */
    reason: string;
  };
  /**
   * A URL option that is not an absolute `https` URL (or `http` on loopback).
   */
  ERR_URL_INVALID: {
    /** The option name. */
    name: string;
    /** What is wrong with it. */
    reason: string;
  };
  /**
   * An Updox auth object with a field of a pair missing.
   */
  ERR_UPDOX_AUTH_INCOMPLETE: {
    /** The missing field. */
    missing: string;
  };
  /**
   * An Updox auth object mixing application and individual credentials.
   */
  ERR_UPDOX_AUTH_MIXED: Record<string, never>;
  /**
   * A Telesoft API key that is not `ts_test_…` or `ts_live_…` with a well-formed body.
   */
  ERR_API_KEY_INVALID: {
    /** What is wrong with it. */
    reason: string;
  };
  /**
   * An IP address that is not a strict IPv4 dotted quad or an IPv6 address.
   */
  ERR_IP_INVALID: Record<string, never>;
  /**
   * A CIDR entry that is not `address/prefix` (or a bare address) with a valid prefix and
   * no host bits set.
   */
  ERR_CIDR_INVALID: {
    /** Zero-based position of the entry in the list. */
    index: number;
    /** What is wrong with it. */
    reason: string;
  };
  /**
   * A long-lived secret (client secret, private key, live API key) used in a browser without
   * `dangerouslyAllowBrowser: true`.
   */
  ERR_SECRET_IN_BROWSER: {
    /** What was refused. */
    what: string;
  };
  /**
   * A server whose discovery document does not advertise what the client needs, such as
   * SMART Backend Services without `client-confidential-asymmetric` or `private_key_jwt`
   * with RS384 or ES384.
   */
  ERR_DISCOVERY_UNSUPPORTED: {
    /** What is missing. */
    reason: string;
  };
  /**
   * A scope that starts like a SMART resource scope (`patient/`, `user/`, `system/`) and
   * breaks its grammar (SMART App Launch v2 section 3: `context/Resource.permissions` with
   * v1 `read`, `write`, `*` or v2 `cruds` in order, and a query only in v2), or a scope
   * string outside RFC 6749 section 3.3.
   */
  ERR_SCOPE_INVALID: {
    /** The scope token (through [`echo_safe`]: printable, at most 40 characters). */
    scope: string;
    /** What is wrong with it. */
    reason: string;
  };
  /**
   * A discovery document (`.well-known/smart-configuration`, `openid-configuration`,
   * `oauth-authorization-server`) that cannot be used: not a JSON object, a required member
   * missing, or a member of the wrong type.
   */
  ERR_DISCOVERY_INVALID: {
    /** What is wrong with it. */
    reason: string;
  };
  /**
   * An OpenID Connect or RFC 8414 discovery document whose `issuer` is not the issuer it was
   * fetched for (OpenID Connect Discovery section 4.3, RFC 8414 section 3.3): its endpoints
   * may be an attacker's (a mix-up attack).
   */
  ERR_DISCOVERY_ISSUER_MISMATCH: {
    /** The issuer the document was fetched for (through [`echo_safe`]). */
    expected: string;
    /** The document's `issuer`, if any (through [`echo_safe`]). */
    actual: string;
  };
  /**
   * A discovery document offering PKCE only with `plain`, which SMART App Launch v2 and
   * RFC 9700 forbid: the code challenge would be the verifier itself.
   */
  ERR_DISCOVERY_PKCE_PLAIN_ONLY: Record<string, never>;
  /**
   * A call before the WebAssembly module was loaded (browsers: `await init()` first).
   * Raised only by the JS layer.
   */
  ERR_NOT_INITIALIZED: Record<string, never>;
  /**
   * The `.wasm` could not be fetched or compiled (browsers and bundles: a 404, a network
   * error, a file that is not the package's WebAssembly). Raised only by the JS layer.
   */
  ERR_WASM_LOAD_FAILED: {
    /** What failed: an HTTP status or the platform error's name (never a body). */
    reason: string;
  };
  /**
   * The token endpoint did not answer usefully after every retry (network errors, 5xx).
   * Raised only by the JS layer, which performs the I/O.
   */
  ERR_TOKEN_ENDPOINT_UNAVAILABLE: {
    /** How many attempts were made. */
    attempts: number;
    /** What the last attempt saw (a status or an error name; never a body). */
    last: string;
  };
  /**
   * The token endpoint answered with a redirect, which is never followed: it would send the
   * client's credentials to another URL. Raised only by the JS layer.
   */
  ERR_TOKEN_ENDPOINT_REDIRECTED: Record<string, never>;
  /**
   * A user's token expired and there is no refresh token: the user must log in again (a
   * user's client never falls back to the application's own credentials). Raised only by
   * the JS layer.
   */
  ERR_REAUTHENTICATION_REQUIRED: Record<string, never>;
  /**
   * A `SigningKey`, `VerifyingKey` or `WebhookVerifier` used after `free()` (or an object
   * that was not made by healthauth's own constructors). Raised only by the JS layer.
   */
  ERR_HANDLE_FREED: Record<string, never>;
  /**
   * The in-memory replay store of one isolate is full of ids that are still live: new
   * deliveries are refused rather than forgetting an id a replay could reuse. Raised only by
   * the JS layer (a Rust user brings their own store).
   */
  ERR_WEBHOOK_REPLAY_STORE_FULL: {
    /** How many live ids the store holds. */
    maxEntries: number;
  };
  /**
   * A shared store (Redis, a Durable Object, Deno KV) failed or could not be reached. A
   * replay check that cannot be made refuses the delivery (the provider retries it later)
   * rather than accepting it unchecked. Raised only by the JS layer's store adapters.
   */
  ERR_STORE_UNAVAILABLE: {
    /** Which store: `redis`, `durable-object` or `deno-kv`. */
    store: string;
  };
}
