/**
 * healthauth: authentication primitives for health APIs, one Rust core compiled to WebAssembly.
 *
 * Every function is synchronous and throws {@link HealthAuthError} on any failure.
 * In a browser, `await init()` once first; elsewhere the module is ready on import.
 */

/** Every code a {@link HealthAuthError} can carry. Codes are stable across versions. */
export type HealthAuthErrorCode =
  | "ERR_PKCE_VERIFIER_LENGTH"
  | "ERR_PKCE_VERIFIER_INVALID"
  | "ERR_RANDOM_LENGTH"
  | "ERR_RANDOM_UNAVAILABLE"
  | "ERR_INVALID_ARGUMENT"
  | "ERR_UNKNOWN_OPTION"
  | "ERR_NOT_INITIALIZED"
  // ---- jose ----

  // ---- webhook ----

  // ---- oauth and providers ----
  | "ERR_OAUTH_STATE_MISMATCH"
  | "ERR_OAUTH_CALLBACK_ERROR"
  | "ERR_OAUTH_CALLBACK_INVALID"
  | "ERR_OAUTH_TOKEN_ERROR"
  | "ERR_OAUTH_TOKEN_RESPONSE_INVALID"
  | "ERR_URL_INVALID"
  | "ERR_TOKEN_ENDPOINT_UNAVAILABLE"
  | "ERR_UPDOX_AUTH_INCOMPLETE"
  | "ERR_UPDOX_AUTH_MIXED"
  | "ERR_API_KEY_INVALID"
  | "ERR_IP_INVALID"
  | "ERR_CIDR_INVALID"
  | "ERR_SECRET_IN_BROWSER"
  // ---- end of codes ----
  ;

/** The error every healthauth call throws. Its message never contains secrets. */
export declare class HealthAuthError extends Error {
  constructor(code: HealthAuthErrorCode, message: string);
  readonly name: "HealthAuthError";
  /** What went wrong, as a stable machine-readable code. */
  readonly code: HealthAuthErrorCode;
}

/** A PKCE code verifier and its S256 challenge (RFC 7636). */
export interface PkcePair {
  /** Keep server-side; send as `code_verifier` in the token request. */
  verifier: string;
  /** Send as `code_challenge` in the authorization request. */
  challenge: string;
  /** Send as `code_challenge_method`. */
  method: "S256";
}

/** Options for {@link createPkce}. */
export interface CreatePkceOptions {
  /** Verifier length in characters, 43 to 128. Default 64. */
  length?: number;
}

/**
 * A fresh PKCE pair from the platform CSPRNG.
 * @throws {HealthAuthError} `ERR_PKCE_VERIFIER_LENGTH` for a length outside 43..128.
 */
export declare function createPkce(options?: CreatePkceOptions): PkcePair;

/**
 * The S256 challenge of a verifier: BASE64URL(SHA-256(verifier)).
 * @throws {HealthAuthError} `ERR_PKCE_VERIFIER_LENGTH` or `ERR_PKCE_VERIFIER_INVALID` for a
 *   verifier outside RFC 7636 grammar (43 to 128 characters of `A-Z a-z 0-9 - . _ ~`).
 */
export declare function pkceChallenge(verifier: string): string;

/**
 * Whether a verifier matches a challenge under S256, compared in constant time.
 * A verifier outside RFC 7636 grammar matches nothing: the answer is `false`.
 */
export declare function verifyPkce(verifier: string, challenge: string): boolean;

/**
 * A fresh `state` (or OpenID Connect `nonce`): base64url of `bytes` random bytes.
 * @param bytes 16 to 256, default 32 (256 bits).
 * @throws {HealthAuthError} `ERR_RANDOM_LENGTH` for a byte count outside 16..256.
 */
export declare function randomState(bytes?: number): string;

/**
 * Loads the WebAssembly module. Required once in browsers; a no-op elsewhere.
 * @param input where to load the module from (defaults to the bundled .wasm file).
 */
export default function init(
  input?: RequestInfo | URL | Response | BufferSource | WebAssembly.Module,
): Promise<void>;

// ---- jose ----------------------------------------------------------------------------------

// ---- webhook -------------------------------------------------------------------------------

// ---- oauth and providers -------------------------------------------------------------------

// ---- end of declarations -------------------------------------------------------------------
