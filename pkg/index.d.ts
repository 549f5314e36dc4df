/**
 * healthauth: authentication primitives for health APIs, one Rust core compiled to WebAssembly.
 *
 * Every function is synchronous and throws {@link HealthAuthError} on any failure.
 * In a browser, `await init()` once first; elsewhere the module is ready on import.
 */

import type { HealthAuthErrorCode, HealthAuthErrorDetails } from "./error-codes.js";

// `Symbol.dispose` (explicit resource management) for projects whose `lib` predates it.
declare global {
  interface SymbolConstructor {
    readonly dispose: unique symbol;
  }
}
export type { HealthAuthErrorCode, HealthAuthErrorDetails } from "./error-codes.js";

/** The error every healthauth call throws. Its message never contains secrets. */
export declare class HealthAuthError<C extends HealthAuthErrorCode = HealthAuthErrorCode> extends Error {
  constructor(code: C, message: string, details?: HealthAuthErrorDetails[C]);
  readonly name: "HealthAuthError";
  /** What went wrong, as a stable machine-readable code. */
  readonly code: C;
  /** The error's structured fields, by code (never a secret). */
  readonly details: HealthAuthErrorDetails[C];
  /** `ERR_OAUTH_CALLBACK_ERROR`, `ERR_OAUTH_TOKEN_ERROR`: the provider's `error` code. */
  readonly error?: string;
  /** `ERR_OAUTH_CALLBACK_ERROR`, `ERR_OAUTH_TOKEN_ERROR`: the provider's `error_description`. */
  readonly errorDescription?: string;
  /** `ERR_OAUTH_TOKEN_ERROR`, `ERR_OAUTH_TOKEN_RESPONSE_INVALID`: the HTTP status. */
  readonly status?: number;
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

/** JWS algorithms healthauth signs and verifies with. `none` does not exist here. */
export type Algorithm =
  | "HS256" | "HS384" | "HS512"
  | "RS256" | "RS384" | "RS512"
  | "PS256" | "PS384" | "PS512"
  | "ES256" | "ES384" | "EdDSA";

/** A JSON Web Key (RFC 7517) as a plain object. */
export interface Jwk {
  kty: "RSA" | "EC" | "OKP" | "oct";
  kid?: string;
  alg?: Algorithm;
  use?: "sig";
  [member: string]: unknown;
}

/** A JWK Set: what a provider fetches from your JWKS URL. */
export interface Jwks {
  keys: Jwk[];
}

/** Options for importing a key. */
export interface KeyImportOptions {
  /** Required for RSA and HMAC keys; implied by P-256 (ES256), P-384 (ES384), Ed25519 (EdDSA). */
  alg?: Algorithm;
  /** Key id for JWS headers. Default: the RFC 7638 thumbprint (asymmetric keys). */
  kid?: string;
  /** Browsers only: allow loading a private key or secret into the page. */
  dangerouslyAllowBrowser?: boolean;
}

/**
 * A private key or HMAC secret held inside WebAssembly. No property returns the key material;
 * `free()` (or `using`) zeroizes it.
 */
export declare class SigningKey {
  private constructor();
  /** PKCS#8 (`PRIVATE KEY`), PKCS#1 (`RSA PRIVATE KEY`) or SEC1 (`EC PRIVATE KEY`) PEM. */
  static fromPem(pem: string, options?: KeyImportOptions): SigningKey;
  /** A private JWK (object or JSON text). */
  static fromJwk(jwk: Jwk | string, options?: KeyImportOptions): SigningKey;
  /** An HMAC secret (at least as long as the hash: 32, 48 or 64 bytes). */
  static fromSecret(secret: Uint8Array | string, options: KeyImportOptions & { alg: "HS256" | "HS384" | "HS512" }): SigningKey;
  /** A fresh key. RSA takes noticeably longer (see BENCHMARKS.md); the rest are instant. */
  static generate(alg: Algorithm, options?: { kid?: string; modulusLength?: number }): SigningKey;
  /** The algorithm this key signs with. */
  readonly alg: Algorithm;
  /** The key id put in JWS headers. */
  readonly kid: string | undefined;
  /** The public JWK to publish, with `kid`, `alg` and `use: "sig"`. Throws for HMAC keys. */
  publicJwk(): Jwk;
  /** RFC 7638 thumbprint of the public key. */
  thumbprint(): string;
  /** The matching public key. */
  verifyingKey(): VerifyingKey;
  /** Exports the private key as a JWK: the only way private material leaves WebAssembly. */
  exportPrivateJwk(): Jwk;
  /** Frees the key and zeroizes its memory. */
  free(): void;
  /** Frees the key and zeroizes its memory: `using key = SigningKey.fromPem(...)`. */
  [Symbol.dispose](): void;
}

/** A public key (or HMAC secret) that checks signatures. */
export declare class VerifyingKey {
  private constructor();
  /** SPKI (`PUBLIC KEY`), PKCS#1 (`RSA PUBLIC KEY`) or an X.509 `CERTIFICATE`. */
  static fromPem(pem: string, options?: KeyImportOptions): VerifyingKey;
  /** A public JWK (object or JSON text). */
  static fromJwk(jwk: Jwk | string, options?: KeyImportOptions): VerifyingKey;
  readonly alg: Algorithm | undefined;
  readonly kid: string | undefined;
  toJwk(): Jwk;
  thumbprint(): string;
  /** Frees the key. */
  free(): void;
  /** Frees the key: `using key = VerifyingKey.fromJwk(...)`. */
  [Symbol.dispose](): void;
}

/** Signs claims as a compact JWT. The header gets `alg` and `kid` from the key. */
export declare function signJwt(
  key: SigningKey,
  claims: Record<string, unknown>,
  header?: Record<string, unknown>,
): string;

/** What a JWT must satisfy besides its signature. */
export interface VerifyJwtOptions {
  /** Accepted algorithms. Default: the key's own (required for RSA/HMAC keys without `alg`). */
  algorithms?: Algorithm[];
  /**
   * Accepted audience(s): the token's `aud` must name one. Leave it out to skip the check; an
   * empty array throws `ERR_INVALID_ARGUMENT` (it would accept any audience).
   */
  audience?: string | string[];
  issuer?: string;
  subject?: string;
  /** Required header `typ`. */
  typ?: string;
  /** Clock skew tolerated on `exp`, `nbf`, `iat` (seconds). Default 0. */
  leewaySeconds?: number;
  /** Oldest `iat` accepted (seconds before now). */
  maxAgeSeconds?: number;
  /** Refuse tokens without `exp`. Default true. */
  requireExp?: boolean;
  /** Size cap in bytes, checked before the token is copied or parsed. Default 65536. */
  maxTokenBytes?: number;
  /** Size cap on a JWK or JWKS given as an object or JSON text. Default 262144 (256 KiB). */
  maxJwksBytes?: number;
  /** Current time in Unix seconds. Default: the clock. */
  now?: number;
  /** Accept an HMAC (`oct`) or private JWK (or a JWKS holding one) in a browser. */
  dangerouslyAllowBrowser?: boolean;
}

/** A verified JWT. */
export interface VerifiedJwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
}

/**
 * Verifies a JWT: signature (no `none`, no algorithm confusion, no unknown `crit`), then
 * `exp`/`nbf`/`iat` and the expected `aud`/`iss`/`sub`.
 */
export declare function verifyJwt(
  token: string,
  key: VerifyingKey | SigningKey | Jwk | Jwks | string,
  options?: VerifyJwtOptions,
): VerifiedJwt;

/** Options for {@link clientAssertion}. */
export interface ClientAssertionOptions {
  /** Your client id: `iss` and `sub`. */
  clientId: string;
  /** The token endpoint URL: `aud`. */
  audience: string;
  /** 1 to 300 seconds. Default 300. */
  lifetimeSeconds?: number;
  now?: number;
  /** Default: 192 random bits. */
  jti?: string;
  /** The https URL of your JWKS (Epic requires it). */
  jku?: string;
}

/** An RFC 7523 client assertion for `private_key_jwt` (Redox, SMART Backend Services). */
export declare function clientAssertion(key: SigningKey, options: ClientAssertionOptions): string;

/** The JWKS to publish for these keys. */
export declare function jwks(keys: Array<SigningKey | VerifyingKey | Jwk>): Jwks;

// ---- webhook -------------------------------------------------------------------------------

/**
 * Webhook signature schemes:
 * - `"telesoft"`: hex HMAC-SHA256 of the raw body in `telesoft-signature`.
 * - `"hmac-hex"`: the same with your own `header`, optional `prefix` and `hash`.
 * - `"github"`: `X-Hub-Signature-256: sha256=<hex>`.
 * - `"stripe"`: `stripe-signature: t=<ts>,v1=<hex>` over `"{t}.{body}"`.
 * - `"standard"`: Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`;
 *   `v1` with `whsec_` secrets, `v1a` Ed25519 with `whpk_` public / `whsk_` secret keys).
 * - `"redox"`: the shared `verification-token` header (Redox signs nothing).
 */
export type WebhookScheme = "telesoft" | "hmac-hex" | "github" | "stripe" | "standard" | "redox";

/** The raw request body: bytes, or the untouched text. Never a parsed object. */
export type WebhookPayload = Uint8Array | ArrayBuffer | string;

/** Request headers: a Fetch `Headers` object, or a plain object (names are case-insensitive). */
export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

/** Options shared by the webhook calls. */
interface WebhookSchemeOptions {
  scheme: WebhookScheme;
  /** One secret (key, token). */
  secret?: string;
  /** Several active secrets (rotation): any one matching is enough; signing signs with each. */
  secrets?: string[];
  /** `"hmac-hex"` only: the signature header's name. */
  header?: string;
  /** `"hmac-hex"` only: text before the hex digest, such as `"sha256="`. */
  prefix?: string;
  /** `"hmac-hex"` only: `"sha256"` (default), `"sha384"` or `"sha512"`. */
  hash?: "sha256" | "sha384" | "sha512";
}

/** Options of {@link verifyWebhook}. */
export interface VerifyWebhookOptions extends WebhookSchemeOptions {
  /** The raw body exactly as received. */
  payload: WebhookPayload;
  headers: WebhookHeaders;
  /** Largest accepted distance between the signed timestamp and `now`, both ways. Default 300. */
  toleranceSeconds?: number;
  /** The current time in Unix seconds. Default `Date.now() / 1000`. */
  now?: number;
  /** Largest accepted payload in bytes. Default 1 MiB. */
  maxPayloadBytes?: number;
}

/** What {@link verifyWebhook} learnt from a valid webhook. */
export interface VerifiedWebhook {
  scheme: WebhookScheme;
  /** Standard Webhooks `webhook-id`. */
  id?: string;
  /** The signed timestamp (Standard Webhooks, Stripe), Unix seconds. */
  timestamp?: number;
  /**
   * Identifies this delivery for replay protection (`standard`, `stripe`):
   * `"{scheme}:{digest of the secret that verified it}:{webhook-id, or Stripe's timestamp and
   * body digest}"`. Bound to the secret, so tenants sharing one store cannot collide.
   */
  replayKey?: string;
  /**
   * Every key of this delivery, `replayKey` first: one per configured secret that verified it
   * (several during a rotation, when the sender signs with each). Check and record them all, so
   * that a replay stripped of one signature is still recognised.
   */
  replayKeys?: string[];
  /** How long to remember the keys: twice `toleranceSeconds` plus one, at least 60. */
  replayTtlSeconds?: number;
}

/**
 * Verifies a webhook from its raw body and headers, synchronously.
 * @throws {HealthAuthError} `ERR_WEBHOOK_SIGNATURE_MISSING`, `ERR_WEBHOOK_SIGNATURE_MISMATCH`,
 *   `ERR_WEBHOOK_HEADER_MALFORMED`, `ERR_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE`,
 *   `ERR_WEBHOOK_SECRET_INVALID`, `ERR_WEBHOOK_PAYLOAD_NOT_RAW`, `ERR_WEBHOOK_PAYLOAD_TOO_LARGE`,
 *   `ERR_WEBHOOK_SCHEME_UNKNOWN`, `ERR_INVALID_ARGUMENT`, `ERR_UNKNOWN_OPTION`.
 */
export declare function verifyWebhook(options: VerifyWebhookOptions): VerifiedWebhook;

/** Options of {@link WebhookVerifier}: fixed for every delivery it verifies. */
export interface WebhookVerifierOptions extends WebhookSchemeOptions {
  /**
   * Largest accepted distance between the signed timestamp and the time of verifying, both
   * ways. Default 300. Only for schemes that sign a timestamp (`"standard"`, `"stripe"`).
   */
  toleranceSeconds?: number;
  /** Largest accepted payload in bytes. Default 1 MiB. */
  maxPayloadBytes?: number;
  /** Browsers only: allow holding a shared secret in the page. */
  dangerouslyAllowBrowser?: boolean;
}

/**
 * A webhook verifier held across deliveries: the scheme is parsed, the secrets checked and
 * their HMAC key schedules computed once, so each delivery costs only its own hashing. It
 * accepts and refuses exactly what {@link verifyWebhook} does with the same options; bad
 * secrets or options throw here, at construction. Shared secrets are refused in a browser
 * without `dangerouslyAllowBrowser`. `free()` (or `using`) zeroizes the keys.
 * @example
 * const verifier = new WebhookVerifier({ scheme: "telesoft", secret: env.WEBHOOK_SECRET });
 * verifier.verify(new Uint8Array(await request.arrayBuffer()), request.headers);
 */
export declare class WebhookVerifier {
  constructor(options: WebhookVerifierOptions);
  /** The scheme this verifier checks. */
  readonly scheme: WebhookScheme;
  /**
   * Verifies one delivery from its raw body and headers, synchronously; throws the
   * `HealthAuthError` {@link verifyWebhook} would. `now` (Unix seconds, default the clock) only
   * for `"standard"` and `"stripe"`.
   */
  verify(payload: WebhookPayload, headers: WebhookHeaders, options?: { now?: number }): VerifiedWebhook;
  /** Frees the verifier and zeroizes its keys. */
  free(): void;
  /** Frees the verifier and zeroizes its keys: `using verifier = new WebhookVerifier(...)`. */
  [Symbol.dispose](): void;
}

/** Options of {@link signWebhook}. */
export interface SignWebhookOptions extends WebhookSchemeOptions {
  payload: WebhookPayload;
  /** Standard Webhooks message id. Default: a random `msg_…`. */
  id?: string;
  /** Unix seconds (Standard Webhooks, Stripe). Default: now. */
  timestamp?: number;
}

/** The headers a sender of a scheme sets for a payload (lowercase names). */
export declare function signWebhook(options: SignWebhookOptions): Record<string, string>;

/** A replay store: any object with these methods, sync or async (for example over Workers KV). */
export interface WebhookReplayStore {
  has(id: string): boolean | Promise<boolean>;
  /** Remember `id` for at least `ttlSeconds`; throw to refuse the delivery (e.g. when full). */
  put(id: string, ttlSeconds: number): void | Promise<void>;
}

/** Options of {@link memoryReplayStore}. */
export interface MemoryReplayStoreOptions {
  /** Most ids held at once that are still within their TTL. Default 100,000. */
  maxEntries?: number;
}

/**
 * A new in-memory replay store (one process or isolate). It keeps every id for its full TTL,
 * evicting only expired ones, and never forgets a live id: with `maxEntries` live ids held, a
 * new delivery throws `ERR_WEBHOOK_REPLAY_STORE_FULL` (use a shared store, or raise the bound).
 * `seen: true` uses one default store with `maxEntries` 100,000 (about 100 bytes plus the id
 * per entry).
 */
export declare function memoryReplayStore(options?: MemoryReplayStoreOptions): WebhookReplayStore;

/** Options of {@link verifyWebhookRequest}. */
export interface VerifyWebhookRequestOptions extends WebhookSchemeOptions {
  toleranceSeconds?: number;
  now?: number;
  maxPayloadBytes?: number;
  /**
   * Refuse repeated deliveries (`standard`: same `webhook-id`; `stripe`: same timestamp and
   * body) verified by the same secret with `ERR_WEBHOOK_REPLAYED`: `true` for the default
   * in-memory store (100,000 live ids; past that, `ERR_WEBHOOK_REPLAY_STORE_FULL`), a
   * {@link memoryReplayStore}, or any store (keys arrive as `replayKeys`, TTL as
   * `replayTtlSeconds`).
   */
  seen?: true | WebhookReplayStore;
}

/** A verified request body. */
export interface VerifiedWebhookRequest {
  /** The raw body. */
  body: Uint8Array;
  /** The body as UTF-8 text. */
  text(): string;
  /** The body parsed as JSON. */
  json<T = unknown>(): T;
  scheme: WebhookScheme;
  id?: string;
  timestamp?: number;
}

/**
 * Reads a Fetch `Request`'s raw body once, verifies it, and returns it.
 * @example const { json } = await verifyWebhookRequest(request, { scheme: "telesoft", secret: env.WEBHOOK_SECRET })
 */
export declare function verifyWebhookRequest(
  request: Request,
  options: VerifyWebhookRequestOptions,
): Promise<VerifiedWebhookRequest>;

/**
 * Answers a Redox destination verification: checks the verification token in constant time and
 * returns the challenge to echo as the response body.
 * @param input the POST body (`await request.text()`, JSON `{ "verification-token", challenge }`),
 *   the GET URL or query string (`request.url`), a `URL`/`URLSearchParams`, or an object with
 *   `challenge` and `verification-token` (or `verificationToken`).
 * @param token the destination's verification token, or several.
 * @param options `headers`: the request's headers (a `verification-token` header there is
 *   checked before the body is read); `maxBytes`: the size cap, checked before the input is
 *   copied or parsed (default 4096); `dangerouslyAllowBrowser`: the token is a secret, refused in
 *   a browser otherwise.
 * @throws {HealthAuthError} `ERR_WEBHOOK_SIGNATURE_MISMATCH`, `ERR_WEBHOOK_SIGNATURE_MISSING`,
 *   `ERR_WEBHOOK_HEADER_MALFORMED`, `ERR_INPUT_TOO_LARGE`, `ERR_SECRET_IN_BROWSER`.
 */
export declare function redoxVerification(
  input: string | Uint8Array | ArrayBuffer | URL | URLSearchParams | Record<string, unknown>,
  token: string | string[],
  options?: {
    headers?: Headers | Record<string, string | string[] | undefined>;
    maxBytes?: number;
    dangerouslyAllowBrowser?: boolean;
  },
): string;

// ---- oauth and providers -------------------------------------------------------------------

/** Options for {@link authorizationUrl}. */
export interface AuthorizationUrlOptions {
  /**
   * The provider's authorization endpoint (https, or http on loopback); may carry a query.
   * Default: the `provider` preset's.
   */
  authorizationEndpoint?: string;
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
  /**
   * A preset (e.g. `digitail({ baseUrl })`): its `authorizationEndpoint` is the default, and its
   * rules apply (`pkceRequired`: no URL without `codeChallenge`).
   */
  provider?: ProviderPreset;
}

/**
 * The authorization request URL (`response_type=code`), percent-encoded per RFC 3986.
 * @throws {HealthAuthError} `ERR_URL_INVALID`, `ERR_INVALID_ARGUMENT` (also a `provider` that
 *   requires PKCE without `codeChallenge`), `ERR_UNKNOWN_OPTION`.
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
 *   `.errorDescription`), `ERR_OAUTH_CALLBACK_INVALID` (also a missing or wrong `iss`),
 *   `ERR_INPUT_TOO_LARGE` (over `maxBytes`, default 65536, checked before anything is read).
 */
export declare function parseCallback(
  url: string,
  options: { expectedState: string; expectedIssuer?: string; maxBytes?: number },
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
    }
  | {
      /** Implied by the key: `private_key_jwt` (RSA, EC, Ed25519) or `client_secret_jwt` (HMAC). */
      method?: "private_key_jwt" | "client_secret_jwt";
      /** Signs a fresh assertion (iss = sub = clientId, aud = tokenEndpoint, 300 s) per request. */
      signingKey: SigningKey;
      /** The https URL of your JWKS, put in the assertion header (Epic requires it). */
      jku?: string;
    };

/** Options shared by the token request builders. */
export interface TokenRequestClientOptions {
  tokenEndpoint: string;
  /** Optional only with an assertion (its `sub` names the client). */
  clientId?: string;
  /** Defaults to `client_secret_basic` when `clientSecret` is given, else `none`. */
  clientAuth?: ClientAuth;
  clientSecret?: string;
  /** Shorthand for `clientAuth: { signingKey }`: Redox and SMART Backend Services in one call. */
  signingKey?: SigningKey;
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
 *   at most half the lifetime) ahead of expiry for `refreshAt`; `defaultLifetimeSeconds`: for a
 *   token without `expires_in`, `refreshAt` this long after `now` (default: no `refreshAt`);
 *   `maxBytes` the size cap on `body` (default 1048576), checked before it is copied or parsed.
 * @throws {HealthAuthError} `ERR_OAUTH_TOKEN_ERROR` (RFC 6749 §5.2; `.error`,
 *   `.errorDescription`, `.status`), `ERR_OAUTH_TOKEN_RESPONSE_INVALID`, `ERR_INPUT_TOO_LARGE`,
 *   `ERR_INVALID_ARGUMENT` (a status outside 100 to 599).
 */
export declare function parseTokenResponse(
  status: number,
  body: string,
  options?: { now?: number; refreshSkewSeconds?: number; defaultLifetimeSeconds?: number; maxBytes?: number },
): TokenResponse;

/**
 * A key-value store shared by isolates, such as a Workers KV namespace. `TokenClient` passes an
 * `expirationTtl` (whole seconds, at least 60) with every `put`.
 */
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
  /**
   * Sign a fresh client assertion for every token request (`private_key_jwt`, or
   * `client_secret_jwt` for an HMAC key), under the preset's algorithm, `kid` and lifetime
   * rules (`ERR_CLIENT_ASSERTION_INVALID` from the constructor when the key breaks them).
   */
  signingKey?: SigningKey;
  scope?: string | string[];
  /**
   * A user's refresh token (code flow; public clients need one). The client then stands for
   * that user: it renews only with this token (or the tokens the server rotates it into), never
   * with client_credentials, and throws `ERR_REAUTHENTICATION_REQUIRED` once it has none left.
   * It wins over an unrelated refresh token found in the store.
   */
  refreshToken?: string;
  /**
   * A user's token already obtained (e.g. from the code exchange), cached as is. Like
   * `refreshToken`, it makes this a user's client: without a refresh token, it is served until
   * it expires, then `ERR_REAUTHENTICATION_REQUIRED`.
   */
  token?: Partial<TokenResponse> & { accessToken: string };
  /** Called with `redirect: "manual"`: a 3xx answer is `ERR_TOKEN_ENDPOINT_REDIRECTED`. */
  fetch?: typeof fetch;
  /** Default: in memory, per instance. */
  store?: TokenStore;
  /**
   * The key in `store`. Default: `healthauth:token:v2:` and a digest of the token endpoint,
   * client id, scope and credential (key thumbprint, or a keyed digest of the secret). Required
   * with a shared `store` for a user's tokens (name it after the user), without `clientId`,
   * and with a `clientAuth.assertion` function (pass `signingKey` instead to derive it).
   */
  storeKey?: string;
  /**
   * Encrypts every store entry (AES-GCM via WebCrypto, a fresh 96-bit IV per write, the store
   * key as additional data): 32 random bytes as a `Uint8Array`/`ArrayBuffer` or their
   * base64/base64url text (`openssl rand -base64 32`), or an AES-GCM `CryptoKey` that may
   * encrypt and decrypt. An entry that does not decrypt (another key, altered, moved to
   * another store key, or written in clear) is a cache miss.
   */
  encryptionKey?: Uint8Array | ArrayBuffer | string | CryptoKey;
  /**
   * Store TTL of a record that holds a refresh token, in seconds. Default: the preset's
   * `refreshTokenLifetimeSeconds`, else 30 days. Records without one live as long as their
   * access token; none lives under 60 s.
   */
  refreshTokenLifetimeSeconds?: number;
  /** Retries after a 5xx or network error (default 2), with exponential backoff. */
  retries?: number;
  backoffMs?: number;
  timeoutMs?: number;
  /**
   * Size cap on a token response body, checked while it streams in (default 1048576): past it
   * the request fails with `ERR_INPUT_TOO_LARGE`.
   */
  maxResponseBytes?: number;
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
 * ahead of expiry, retries with backoff on 5xx and network errors. Stored entries are checked
 * before use (their owner, expiry, consistency) and never served past `expiresAt`.
 * @throws {HealthAuthError} from the constructor: `ERR_SECRET_IN_BROWSER`,
 *   `ERR_INVALID_ARGUMENT`, `ERR_UNKNOWN_OPTION`.
 */
export declare class TokenClient {
  constructor(options: TokenClientOptions);
  /**
   * @throws {HealthAuthError} `ERR_OAUTH_TOKEN_ERROR` (4xx, at once),
   *   `ERR_TOKEN_ENDPOINT_UNAVAILABLE` (after the retries), `ERR_TOKEN_ENDPOINT_REDIRECTED`
   *   (a 3xx: redirects are never followed with credentials), `ERR_REAUTHENTICATION_REQUIRED`
   *   (a user's token expired with no refresh token left).
   */
  getAccessToken(): Promise<string>;
  getToken(): Promise<{
    accessToken: string;
    tokenType: string;
    expiresAt?: number;
    refreshAt: number;
    scope?: string;
  }>;
  /**
   * Forgets the cached access token (keeps the refresh token); this client never takes it back
   * from the store. A refresh in flight is not repeated in parallel: later callers wait for it,
   * then refresh with the token it rotated. (Two isolates sharing a store may still refresh
   * at once with one refresh token until a store lease closes that.)
   */
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
 * @throws {HealthAuthError} `ERR_UPDOX_AUTH_INCOMPLETE`, `ERR_UPDOX_AUTH_MIXED`;
 *   `ERR_SECRET_IN_BROWSER` in a browser without `dangerouslyAllowBrowser` (the passwords are
 *   long-lived secrets).
 */
export declare function updoxAuth(options: {
  applicationId?: string;
  applicationPassword?: string;
  accountId?: string;
  userId?: string;
  loginId?: string;
  loginPassword?: string;
  dangerouslyAllowBrowser?: boolean;
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
