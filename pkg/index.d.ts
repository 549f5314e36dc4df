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

/** Options for {@link authorizationUrl}. */
export interface AuthorizationUrlOptions {
  /** The provider's authorization endpoint (https, or http on loopback); may carry a query. */
  authorizationEndpoint: string;
  clientId: string;
  /** Registered redirect URI (https, http on loopback, or a native app's custom scheme). */
  redirectUri: string;
  /** Space-separated scopes, or a list of them. */
  scope?: string | string[];
  /** From {@link randomState}; checked by {@link parseCallback}. */
  state: string;
  /** From {@link createPkce}; adds `code_challenge_method=S256`. */
  codeChallenge?: string;
  /** More parameters (`prompt`, `nonce`, `aud`, `launch`...); may not repeat the ones above. */
  extraParams?: Record<string, string>;
}

/**
 * The authorization request URL (`response_type=code`), percent-encoded per RFC 3986.
 * @throws {HealthAuthError} `ERR_URL_INVALID`, `ERR_INVALID_ARGUMENT`, `ERR_UNKNOWN_OPTION`.
 */
export declare function authorizationUrl(options: AuthorizationUrlOptions): string;

/** A successful authorization response. */
export interface CallbackResult {
  code: string;
  state: string;
  /** RFC 9207 issuer identifier, when the provider sends one. */
  iss?: string;
}

/**
 * Parses the redirect URL (or its query string) and checks `state` in constant time.
 * With `expectedIssuer` (providers advertising `authorization_response_iss_parameter_supported`),
 * the RFC 9207 `iss` parameter must be present and equal to it.
 * @throws {HealthAuthError} `ERR_OAUTH_STATE_MISMATCH` (missing or foreign state),
 *   `ERR_OAUTH_CALLBACK_ERROR` (the provider's `error`, also in `.error` and
 *   `.errorDescription`), `ERR_OAUTH_CALLBACK_INVALID` (also a missing or wrong `iss`).
 */
export declare function parseCallback(
  url: string,
  options: { expectedState: string; expectedIssuer?: string },
): CallbackResult;

/** How the client authenticates at the token endpoint. */
export type ClientAuth =
  | { method: "none" }
  | {
      method: "client_secret_basic" | "client_secret_post" | "client_secret_json";
      /** Defaults to the `clientSecret` option. */
      secret?: string;
    }
  | {
      method: "private_key_jwt" | "client_secret_jwt";
      /** A signed client assertion (compact JWS, RFC 7523), fresh for this request. */
      assertion: string;
    };

/** Options shared by the token request builders. */
export interface TokenRequestClientOptions {
  tokenEndpoint: string;
  /** Optional only with an assertion (its `sub` names the client). */
  clientId?: string;
  /** Defaults to `client_secret_basic` when `clientSecret` is given, else `none`. */
  clientAuth?: ClientAuth;
  clientSecret?: string;
}

/** A request ready for `fetch(request.url, request)`. It carries credentials: do not log it. */
export interface TokenHttpRequest {
  method: "POST";
  url: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * The authorization code exchange. A public client (`none`) must send `codeVerifier`.
 * @throws {HealthAuthError} `ERR_URL_INVALID`, `ERR_INVALID_ARGUMENT`, `ERR_PKCE_VERIFIER_*`.
 */
export declare function codeExchangeRequest(
  options: TokenRequestClientOptions & { code: string; redirectUri: string; codeVerifier?: string },
): TokenHttpRequest;

/** The refresh token grant. */
export declare function refreshRequest(
  options: TokenRequestClientOptions & { refreshToken: string; scope?: string | string[] },
): TokenHttpRequest;

/** The client credentials grant (confidential clients only). */
export declare function clientCredentialsRequest(
  options: TokenRequestClientOptions & { scope?: string | string[] },
): TokenHttpRequest;

/** A normalized token response. */
export interface TokenResponse {
  accessToken: string;
  /** `Bearer` when missing or spelt in another case. */
  tokenType: string;
  expiresIn?: number;
  /** Unix seconds. */
  expiresAt?: number;
  /** Unix seconds: when to refresh (ahead of `expiresAt`). */
  refreshAt?: number;
  refreshToken?: string;
  scope?: string;
  idToken?: string;
  /** Every other field the provider sent. */
  extra: Record<string, unknown>;
}

/**
 * Parses a token endpoint response (lenient: string `expires_in`, missing `token_type`).
 * @param options `now` in Unix seconds (default: the clock); `refreshSkewSeconds` (default 60,
 *   at most half the lifetime) ahead of expiry for `refreshAt`.
 * @throws {HealthAuthError} `ERR_OAUTH_TOKEN_ERROR` (RFC 6749 §5.2; `.error`,
 *   `.errorDescription`, `.status`), `ERR_OAUTH_TOKEN_RESPONSE_INVALID`.
 */
export declare function parseTokenResponse(
  status: number,
  body: string,
  options?: { now?: number; refreshSkewSeconds?: number },
): TokenResponse;

/** A key-value store shared by isolates, such as a Workers KV namespace. */
export interface TokenStore {
  get(key: string): Promise<string | null>;
  put(key: string, value: string, options?: { expirationTtl?: number }): Promise<void>;
}

/** Options for {@link TokenClient}. */
export interface TokenClientOptions {
  /** A preset (e.g. `redox()`): fills `tokenEndpoint` and the default secret method. */
  provider?: ProviderPreset;
  tokenEndpoint?: string;
  clientId?: string;
  /**
   * For `private_key_jwt` / `client_secret_jwt`, `assertion` may be a function called for
   * every request, so that each one carries a fresh `jti`.
   */
  clientAuth?:
    | ClientAuth
    | {
        method: "private_key_jwt" | "client_secret_jwt";
        assertion: (ctx: { tokenEndpoint: string; clientId: string }) => string | Promise<string>;
      };
  clientSecret?: string;
  scope?: string | string[];
  /** Use the refresh token grant (public clients need one). */
  refreshToken?: string;
  /** A token already obtained (e.g. from the code exchange), cached as is. */
  token?: Partial<TokenResponse> & { accessToken: string };
  fetch?: typeof fetch;
  /** Default: in memory, per instance. */
  store?: TokenStore;
  storeKey?: string;
  /** Retries after a 5xx or network error (default 2), with exponential backoff. */
  retries?: number;
  backoffMs?: number;
  timeoutMs?: number;
  refreshSkewSeconds?: number;
  /** Cache time for tokens without `expires_in` (default 300). */
  defaultLifetimeSeconds?: number;
  /** The clock, in Unix seconds (tests). */
  now?: () => number;
  /** Allow secrets in a browser (they are readable by any user of the page). */
  dangerouslyAllowBrowser?: boolean;
}

/**
 * Gets and caches access tokens: one request in flight for any number of callers, refresh
 * ahead of expiry, retries with backoff on 5xx and network errors.
 * @throws {HealthAuthError} from the constructor: `ERR_SECRET_IN_BROWSER`,
 *   `ERR_INVALID_ARGUMENT`, `ERR_UNKNOWN_OPTION`.
 */
export declare class TokenClient {
  constructor(options: TokenClientOptions);
  /**
   * @throws {HealthAuthError} `ERR_OAUTH_TOKEN_ERROR` (4xx, at once),
   *   `ERR_TOKEN_ENDPOINT_UNAVAILABLE` (after the retries).
   */
  getAccessToken(): Promise<string>;
  getToken(): Promise<{
    accessToken: string;
    tokenType: string;
    expiresAt?: number;
    refreshAt: number;
    scope?: string;
  }>;
  /** Forgets the cached access token (keeps the refresh token). */
  invalidate(): Promise<void>;
}

/** The Updox `auth` object sent in every request body. */
export interface UpdoxAuthObject {
  auth:
    | { applicationId: string; applicationPassword: string; accountId?: string; userId?: string }
    | { loginId: string; loginPassword: string };
}

/**
 * Builds the Updox auth object: application or individual credentials, never a mix.
 * @throws {HealthAuthError} `ERR_UPDOX_AUTH_INCOMPLETE`, `ERR_UPDOX_AUTH_MIXED`.
 */
export declare function updoxAuth(options: {
  applicationId?: string;
  applicationPassword?: string;
  accountId?: string;
  userId?: string;
  loginId?: string;
  loginPassword?: string;
}): UpdoxAuthObject;

/**
 * Checks a Telesoft API key (`ts_test_…` / `ts_live_…`).
 * @throws {HealthAuthError} `ERR_API_KEY_INVALID`; `ERR_SECRET_IN_BROWSER` for a live key in a
 *   browser without `dangerouslyAllowBrowser`.
 */
export declare function parseApiKey(
  key: string,
  options?: { dangerouslyAllowBrowser?: boolean },
): { provider: "telesoft"; environment: "test" | "live"; redacted: string };

/**
 * Whether an IPv4 or IPv6 address is inside one of the CIDR ranges (or bare addresses).
 * @throws {HealthAuthError} `ERR_IP_INVALID`, `ERR_CIDR_INVALID`.
 */
export declare function ipAllowed(ip: string, cidrs: string[]): boolean;

/** Endpoints and rules of a provider. */
export interface ProviderPreset {
  readonly name: "redox" | "telesoft" | "digitail" | "smart";
  readonly authorizationEndpoint?: string;
  readonly tokenEndpoint: string;
  readonly clientAuthMethod: ClientAuth["method"];
  readonly assertionAlgorithms: string[];
  readonly maxAssertionLifetimeSeconds?: number;
  readonly kidRequired: boolean;
  readonly pkceRequired: boolean;
  readonly accessTokenLifetimeSeconds?: number;
  readonly refreshTokenLifetimeSeconds?: number;
  readonly scopes: string[];
}

/** Redox: `https://api.redoxengine.com/v2/auth/token`, RS384/ES384/HS384 assertions, 5-minute tokens. */
export declare function redox(options?: { region?: "us" }): ProviderPreset;
/** Telesoft: code flow at auth.telesoft.us, JSON token bodies, 2-hour tokens, 30-day refresh. */
export declare function telesoft(): ProviderPreset;
/** Digitail: code flow with PKCE required, on the instance at `baseUrl`. */
export declare function digitail(options: { baseUrl: string }): ProviderPreset;
/** SMART Backend Services: RS384/ES384 assertions, exp ≤ 300 s, kid required. */
export declare function smart(options: { tokenEndpoint: string }): ProviderPreset;

// ---- end of declarations -------------------------------------------------------------------
