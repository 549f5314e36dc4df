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
  | "ERR_WEBHOOK_SIGNATURE_MISSING"
  | "ERR_WEBHOOK_SIGNATURE_MISMATCH"
  | "ERR_WEBHOOK_HEADER_MALFORMED"
  | "ERR_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE"
  | "ERR_WEBHOOK_REPLAYED"
  | "ERR_WEBHOOK_SECRET_INVALID"
  | "ERR_WEBHOOK_PAYLOAD_NOT_RAW"
  | "ERR_WEBHOOK_PAYLOAD_TOO_LARGE"
  | "ERR_WEBHOOK_SCHEME_UNKNOWN"
  // ---- oauth and providers ----

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
  /** Identifies this delivery for replay protection (`standard`, `stripe`). */
  replayKey?: string;
}

/**
 * Verifies a webhook from its raw body and headers, synchronously.
 * @throws {HealthAuthError} `ERR_WEBHOOK_SIGNATURE_MISSING`, `ERR_WEBHOOK_SIGNATURE_MISMATCH`,
 *   `ERR_WEBHOOK_HEADER_MALFORMED`, `ERR_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE`,
 *   `ERR_WEBHOOK_SECRET_INVALID`, `ERR_WEBHOOK_PAYLOAD_NOT_RAW`, `ERR_WEBHOOK_PAYLOAD_TOO_LARGE`,
 *   `ERR_WEBHOOK_SCHEME_UNKNOWN`, `ERR_INVALID_ARGUMENT`, `ERR_UNKNOWN_OPTION`.
 */
export declare function verifyWebhook(options: VerifyWebhookOptions): VerifiedWebhook;

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
  put(id: string, ttlSeconds: number): void | Promise<void>;
}

/** Options of {@link verifyWebhookRequest}. */
export interface VerifyWebhookRequestOptions extends WebhookSchemeOptions {
  toleranceSeconds?: number;
  now?: number;
  maxPayloadBytes?: number;
  /**
   * Refuse repeated deliveries (`standard`: same `webhook-id`; `stripe`: same timestamp and
   * signature) with `ERR_WEBHOOK_REPLAYED`: `true` for a bounded in-memory store, or a store.
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
 */
export declare function redoxVerification(
  input: string | Uint8Array | ArrayBuffer | URL | URLSearchParams | Record<string, unknown>,
  token: string | string[],
): string;

// ---- oauth and providers -------------------------------------------------------------------

// ---- end of declarations -------------------------------------------------------------------
