//! JS bindings for webhooks: `verifyWebhook`, `signWebhook`, `redoxVerification`.
//! (`verifyWebhookRequest` and the replay store are hand-written JS in `pkg/webhook.js`.)

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::convert::{self, Options};
use super::{JsResult, Thrown};
use healthauth::secret::SecretString;
use healthauth::webhook::{self, redox, Scheme, SchemeOptions, VerifyOptions};
use healthauth::Error;

pub(crate) const VERIFY_OPTIONS: &[&str] = &[
    "scheme",
    "payload",
    "headers",
    "secret",
    "secrets",
    "toleranceSeconds",
    "now",
    "maxPayloadBytes",
    "maxHeaderBytes",
    "header",
    "prefix",
    "hash",
    "dangerouslyAllowBrowser",
];

pub(crate) const SIGN_OPTIONS: &[&str] = &[
    "scheme",
    "payload",
    "secret",
    "secrets",
    "id",
    "timestamp",
    "header",
    "prefix",
    "hash",
    "dangerouslyAllowBrowser",
];

#[wasm_bindgen(typescript_custom_section)]
const WEBHOOK_TS: &str = r#"
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

/**
 * Request headers: a Fetch `Headers` object (any object with `get(name)`), or a plain object
 * (names are case-insensitive).
 */
export type WebhookHeaders =
  | GlobalInstance<"Headers", { get(name: string): string | null }>
  | Record<string, string | string[] | undefined>;

/** Options shared by the webhook calls. */
export interface WebhookSchemeOptions {
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
  /**
   * Accept a shared secret in a browser, where any user of the page can read it
   * (`ERR_SECRET_IN_BROWSER` otherwise). Standard Webhooks public keys (`whpk_`) need none.
   */
  dangerouslyAllowBrowser?: boolean;
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
  /**
   * Largest accepted value of each signature header the scheme reads, in bytes, refused
   * before it is copied. Default 8 KiB.
   */
  maxHeaderBytes?: number;
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

/** Options of {@link signWebhook}. */
export interface SignWebhookOptions extends WebhookSchemeOptions {
  payload: WebhookPayload;
  /** Standard Webhooks message id. Default: a random `msg_…`. */
  id?: string;
  /** Unix seconds (Standard Webhooks, Stripe). Default: now. */
  timestamp?: number;
}

/**
 * What {@link redoxVerification} reads: the POST body (`await request.text()`, JSON
 * `{ "verification-token", challenge }`, or its bytes), the GET URL or query string
 * (`request.url`), a `URL`/`URLSearchParams`, or an object with `challenge` and
 * `verification-token` (or `verificationToken`).
 */
export type RedoxVerificationInput =
  | string
  | Uint8Array
  | ArrayBuffer
  // Structural fallbacks: Workers' types declare URL and URLSearchParams as classes, which
  // `typeof globalThis` does not list.
  | GlobalInstance<"URL", { readonly href: string }>
  | GlobalInstance<"URLSearchParams", { get(name: string): string | null }>
  | Record<string, unknown>;

/** Options of {@link redoxVerification}. */
export interface RedoxVerificationOptions {
  /** The request's headers: a `verification-token` header there is checked before the body is read. */
  headers?: WebhookHeaders;
  /**
   * The size cap on the input and on the `verification-token` header, checked before either is
   * copied or parsed. Default 4096.
   */
  maxBytes?: number;
  /** The token is a secret: refused in a browser (`ERR_SECRET_IN_BROWSER`) otherwise. */
  dangerouslyAllowBrowser?: boolean;
}
"#;

/// The scheme chosen by name with its options (the rules are the core's, [`Scheme::parse`]).
fn scheme(options: &Options) -> Result<Scheme, Error> {
    let name = options.string("scheme")?.ok_or(Error::InvalidArgument {
        name: "scheme",
        expected:
            "one of \"telesoft\", \"hmac-hex\", \"github\", \"stripe\", \"standard\", \"redox\"",
    })?;
    // `header` (hmac-hex's header name) given the request's headers: one letter from `headers`.
    if options.value("header").is_some_and(|v| v.is_object()) {
        return Err(Error::InvalidArgument {
            name: "header",
            expected: "a header name (a string, for hmac-hex); did you mean `headers`, where the request's headers go?",
        });
    }
    let header = options.string("header")?;
    let prefix = options.string("prefix")?;
    let hash = options.string("hash")?;
    Scheme::parse(
        &name,
        SchemeOptions {
            header: header.as_deref(),
            prefix: prefix.as_deref(),
            hash: hash.as_deref(),
        },
    )
}

/// The largest body `signWebhook` signs.
const SIGN_MAX_PAYLOAD_BYTES: usize = 64 << 20;

/// The shared secrets (or keys) of the call. Shared secrets are refused in a browser unless
/// allowed; Standard Webhooks public keys (`whpk_`) are not secret.
fn secrets(options: &Options) -> Result<Vec<SecretString>, Error> {
    let secrets = secret_values(options)?;
    if secrets
        .iter()
        .any(|s| !s.expose_secret().starts_with("whpk_"))
    {
        convert::refuse_secret_in_browser(options, "a webhook secret")?;
    }
    Ok(secrets)
}

fn secret_values(options: &Options) -> Result<Vec<SecretString>, Error> {
    let values = match (options.value("secret"), options.value("secrets")) {
        (Some(_), Some(_)) => {
            return Err(Error::InvalidArgument {
                name: "secret",
                expected: "given alone: pass either `secret` or `secrets`, not both",
            })
        }
        (Some(v), None) => convert::strings(&v, "secret")?,
        (None, Some(v)) => convert::strings(&v, "secrets")?,
        (None, None) => Vec::new(),
    };
    Ok(values.into_iter().map(SecretString::new).collect())
}

/// The payload's bytes, refused before it is copied into wasm when it is over `max` (a
/// multi-gigabyte copy would exhaust wasm memory and trap).
fn payload(options: &Options, max: usize) -> Result<Vec<u8>, Error> {
    payload_bytes(&options.value("payload").unwrap_or(JsValue::UNDEFINED), max)
}

/// The bytes of a payload `value` (a string, `Uint8Array` or `ArrayBuffer`), copied into wasm
/// once, and only when it is at most `max` bytes.
fn payload_bytes(value: &JsValue, max: usize) -> Result<Vec<u8>, Error> {
    // Bytes, the usual case, first: one type check, one length read, one copy.
    if let Some(array) = value.dyn_ref::<js_sys::Uint8Array>() {
        webhook::check_payload_size(array.length() as usize, max)?;
        return Ok(convert::uint8_array(array));
    }
    let size = if let Some(s) = value.dyn_ref::<js_sys::JsString>() {
        // UTF-8 is never shorter than the UTF-16 length, so this bound is safe.
        s.length() as usize
    } else if let Some(size) = convert::byte_length(value) {
        size
    } else {
        return Err(Error::WebhookPayloadNotRaw {
            got: convert::type_name(value),
        });
    };
    webhook::check_payload_size(size, max)?;
    if let Some(s) = value.as_string() {
        return Ok(s.into_bytes());
    }
    convert::bytes(value).ok_or(Error::WebhookPayloadNotRaw {
        got: convert::type_name(value),
    })
}

/// Verifies a webhook from its raw body and headers, synchronously.
/// @throws {HealthAuthError} `ERR_WEBHOOK_SIGNATURE_MISSING`, `ERR_WEBHOOK_SIGNATURE_MISMATCH`,
///   `ERR_WEBHOOK_HEADER_MALFORMED`, `ERR_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE`,
///   `ERR_WEBHOOK_SECRET_INVALID`, `ERR_WEBHOOK_PAYLOAD_NOT_RAW`, `ERR_WEBHOOK_PAYLOAD_TOO_LARGE`,
///   `ERR_WEBHOOK_SCHEME_UNKNOWN`, `ERR_INVALID_ARGUMENT`, `ERR_UNKNOWN_OPTION`.
#[wasm_bindgen(js_name = verifyWebhook, unchecked_return_type = "VerifiedWebhook")]
pub fn verify_webhook(
    #[wasm_bindgen(unchecked_param_type = "VerifyWebhookOptions")] options: JsValue,
) -> JsResult<Object> {
    verify_inner(&options).map_err(Thrown::from)
}

fn verify_inner(options: &JsValue) -> Result<Object, Error> {
    let options = Options::new(options, "verifyWebhook", VERIFY_OPTIONS)?;
    let scheme = scheme(&options)?;
    let tolerance = options
        .usize("toleranceSeconds")?
        .map(|t| u64::try_from(t).unwrap_or(u64::MAX));
    // The core refuses `now` and a tolerance for schemes that sign no timestamp; the JS clock
    // is read only when it asks.
    let mut verify_options = VerifyOptions::for_scheme(
        &scheme,
        options.i64("now")?,
        tolerance,
        convert::now_seconds,
    )?;
    let max = options
        .usize("maxPayloadBytes")?
        .unwrap_or(webhook::DEFAULT_MAX_PAYLOAD_BYTES);
    verify_options.max_payload_bytes = max;
    if let Some(max) = options.usize("maxHeaderBytes")? {
        verify_options.max_header_bytes = max;
    }
    let payload = payload(&options, max)?;
    let headers = convert::headers(
        &options.value("headers").unwrap_or(JsValue::UNDEFINED),
        "headers",
        &scheme.header_names(),
        webhook::HEADER_INPUT,
        verify_options.max_header_bytes,
    )?;
    let secrets = secrets(&options)?;
    let verified = webhook::verify(&scheme, &payload, &headers, &secrets, &verify_options)?;
    Ok(verified_object(&verified))
}

/// Refuses an unknown `verifyWebhookRequest` option (pkg/webhook.js) under that name: those of
/// `verifyWebhook` but the two read from the request, and `seen` (internal).
#[wasm_bindgen(js_name = checkVerifyWebhookRequestOptions)]
pub fn check_verify_webhook_request_options(options: JsValue) -> JsResult<()> {
    let known: Vec<&'static str> = VERIFY_OPTIONS
        .iter()
        .copied()
        .filter(|o| !matches!(*o, "payload" | "headers"))
        .chain(["seen"])
        .collect();
    Options::new(&options, "verifyWebhookRequest", &known)
        .map(|_| ())
        .map_err(Thrown::from)
}

/// The options of `memoryReplayStore` (pkg/webhook.js).
pub(crate) const MEMORY_REPLAY_STORE_OPTIONS: &[&str] = &["maxEntries"];

/// Refuses an unknown `memoryReplayStore` option with `ERR_UNKNOWN_OPTION` (and the core's "did
/// you mean"); internal, called by `memoryReplayStore`.
#[wasm_bindgen(js_name = checkMemoryReplayStoreOptions)]
pub fn check_memory_replay_store_options(options: JsValue) -> JsResult<()> {
    Options::new(&options, "memoryReplayStore", MEMORY_REPLAY_STORE_OPTIONS)
        .map(|_| ())
        .map_err(Thrown::from)
}

/// The default cap on a webhook payload (for `verifyWebhookRequest`'s streaming read;
/// internal, not re-exported by the package).
#[wasm_bindgen(js_name = webhookPayloadBytesLimit)]
pub fn webhook_payload_bytes_limit() -> usize {
    webhook::DEFAULT_MAX_PAYLOAD_BYTES
}

/// The headers a sender of a scheme sets for a payload (lowercase names).
#[wasm_bindgen(js_name = signWebhook, unchecked_return_type = "Record<string, string>")]
pub fn sign_webhook(
    #[wasm_bindgen(unchecked_param_type = "SignWebhookOptions")] options: JsValue,
) -> JsResult<Object> {
    sign_inner(&options).map_err(Thrown::from)
}

fn sign_inner(options: &JsValue) -> Result<Object, Error> {
    let options = Options::new(options, "signWebhook", SIGN_OPTIONS)?;
    let scheme = scheme(&options)?;
    // Senders sign their own bodies; the cap only keeps a runaway copy from trapping wasm.
    let payload = payload(&options, SIGN_MAX_PAYLOAD_BYTES)?;
    let secrets = secrets(&options)?;
    let id = options.string("id")?;
    let timestamp = options.seconds_or_now("timestamp")?;
    let headers = webhook::sign(&scheme, &payload, &secrets, id.as_deref(), timestamp)?;
    let out = Object::new();
    for (name, value) in &headers {
        convert::set(&out, name, &JsValue::from_str(value));
    }
    Ok(out)
}

/// Answers a Redox destination verification: checks the verification token in constant time and
/// returns the challenge to echo as the response body.
/// @param input the POST body (`await request.text()`, JSON `{ "verification-token", challenge }`),
///   the GET URL or query string (`request.url`), a `URL`/`URLSearchParams`, or an object with
///   `challenge` and `verification-token` (or `verificationToken`).
/// @param token the destination's verification token, or several.
/// @param options `headers`: the request's headers (a `verification-token` header there is
///   checked before the body is read); `maxBytes`: the size cap, checked before the input is
///   copied or parsed (default 4096); `dangerouslyAllowBrowser`: the token is a secret, refused in
///   a browser otherwise.
/// @throws {HealthAuthError} `ERR_WEBHOOK_SIGNATURE_MISMATCH`, `ERR_WEBHOOK_SIGNATURE_MISSING`,
///   `ERR_WEBHOOK_HEADER_MALFORMED`, `ERR_INPUT_TOO_LARGE`, `ERR_SECRET_IN_BROWSER`.
#[wasm_bindgen(js_name = redoxVerification)]
pub fn redox_verification(
    #[wasm_bindgen(unchecked_param_type = "RedoxVerificationInput")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | string[]")] token: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "RedoxVerificationOptions")] options: JsValue,
) -> JsResult<String> {
    redox_inner(&input, &token, &options).map_err(Thrown::from)
}

/// The options of `redoxVerification`.
pub(crate) const REDOX_OPTIONS: &[&str] = &["headers", "maxBytes", "dangerouslyAllowBrowser"];

fn field(object: &JsValue, names: &[&str], max: usize) -> Result<Option<String>, Error> {
    for name in names {
        let value = Reflect::get(object, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED);
        if value.is_string() {
            return convert::capped_string(&value, "input", redox::HANDSHAKE_INPUT, max).map(Some);
        }
    }
    Ok(None)
}

fn redox_inner(input: &JsValue, token: &JsValue, options: &JsValue) -> Result<String, Error> {
    let options = Options::new(options, "redoxVerification", REDOX_OPTIONS)?;
    convert::refuse_secret_in_browser(&options, "a Redox verification token")?;
    let max = options
        .usize("maxBytes")?
        .unwrap_or(healthauth::limits::REDOX_HANDSHAKE_BYTES);
    let tokens: Vec<SecretString> = convert::strings(token, "token")?
        .into_iter()
        .map(SecretString::new)
        .collect();
    // Before the handshake is copied in (the core checks it again).
    redox::check_tokens(&tokens)?;
    let header = match options.value("headers") {
        Some(headers) => convert::headers(
            &headers,
            "headers",
            &[redox::HEADER],
            redox::HEADER_INPUT,
            max,
        )?
        .into_iter()
        .next()
        .map(|(_, value)| SecretString::new(value)),
        None => None,
    };
    let header = header.as_ref().map(SecretString::expose_secret);
    let check = |handshake| redox::challenge_with_limit(handshake, header, &tokens, max);
    let invalid = Error::InvalidArgument {
        name: "input",
        expected: "the Redox verification POST body (string or bytes), the GET URL or query string, or an object with `challenge` and `verification-token`",
    };
    if input.is_string() {
        // The body holds the token: its copy is zeroized.
        let text = zeroize::Zeroizing::new(convert::capped_string(
            input,
            "input",
            redox::HANDSHAKE_INPUT,
            max,
        )?);
        return check(redox::Handshake::from_text(&text));
    }
    if let Some(size) = convert::byte_length(input) {
        healthauth::limits::check(redox::HANDSHAKE_INPUT, size, max)?;
        let bytes = zeroize::Zeroizing::new(convert::bytes(input).ok_or(invalid.clone())?);
        return check(redox::Handshake::Body(&bytes));
    }
    if input.is_object() && !js_sys::Array::is_array(input) {
        // A URL (has `href`) or URLSearchParams (has `get` and a query-string `toString`).
        if let Some(href) = field(input, &["href"], max)? {
            let href = zeroize::Zeroizing::new(href);
            return check(redox::Handshake::Query(&href));
        }
        let get = Reflect::get(input, &JsValue::from_str("get")).unwrap_or(JsValue::UNDEFINED);
        if get.is_function() {
            let query: JsValue = input.unchecked_ref::<Object>().to_string().into();
            let query = zeroize::Zeroizing::new(convert::capped_string(
                &query,
                "input",
                redox::HANDSHAKE_INPUT,
                max,
            )?);
            return check(redox::Handshake::Query(&query));
        }
        let challenge = field(input, &["challenge"], max)?;
        let received =
            field(input, &["verification-token", "verificationToken"], max)?.map(SecretString::new);
        return check(redox::Handshake::Fields {
            challenge: challenge.as_deref(),
            token: received.as_ref().map(SecretString::expose_secret),
        });
    }
    Err(invalid)
}

// ---- the held verifier ---------------------------------------------------------------------

/// The options `WebhookVerifier.verify` takes.
pub(crate) const VERIFIER_VERIFY_OPTIONS: &[&str] = &["now"];

pub(crate) const VERIFIER_OPTIONS: &[&str] = &[
    "scheme",
    "secret",
    "secrets",
    "toleranceSeconds",
    "maxPayloadBytes",
    "maxHeaderBytes",
    "header",
    "prefix",
    "hash",
    "dangerouslyAllowBrowser",
];

#[wasm_bindgen(typescript_custom_section)]
const VERIFIER_TS: &str = r#"
/** Options of {@link WebhookVerifier}: fixed for every delivery it verifies. */
export interface WebhookVerifierOptions extends WebhookSchemeOptions {
  /**
   * Largest accepted distance between the signed timestamp and the time of verifying, both
   * ways. Default 300. Only for schemes that sign a timestamp (`"standard"`, `"stripe"`).
   */
  toleranceSeconds?: number;
  /** Largest accepted payload in bytes. Default 1 MiB. */
  maxPayloadBytes?: number;
  /** Largest accepted value of each signature header, in bytes. Default 8 KiB. */
  maxHeaderBytes?: number;
  /** Browsers only: allow holding a shared secret in the page. */
  dangerouslyAllowBrowser?: boolean;
}

/** Options of {@link WebhookVerifier.verify}. */
export interface WebhookVerifierVerifyOptions {
  /** The current time in Unix seconds (default the clock); only for `"standard"` and `"stripe"`. */
  now?: number;
}
"#;

/// A webhook verifier held across deliveries: the scheme is parsed, the secrets checked and
/// their HMAC key schedules computed once (the core's `webhook::Verifier`), so each delivery
/// costs only its own hashing. It accepts and refuses exactly what `verifyWebhook` does with the
/// same options; bad secrets or options throw at construction. Shared secrets are refused in a
/// browser without `dangerouslyAllowBrowser`. `free()` (or `using`) zeroizes the keys.
///
/// @example
/// const verifier = new WebhookVerifier({ scheme: "telesoft", secret: env.WEBHOOK_SECRET });
/// verifier.verify(new Uint8Array(await request.arrayBuffer()), request.headers);
#[wasm_bindgen(js_name = WebhookVerifier)]
pub struct JsWebhookVerifier {
    inner: webhook::Verifier,
}

#[wasm_bindgen(js_class = WebhookVerifier)]
impl JsWebhookVerifier {
    /// Checks the scheme, the secrets and the options now, as `verifyWebhook` would at each
    /// call; shared secrets are refused in a browser unless `dangerouslyAllowBrowser`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "WebhookVerifierOptions")] options: JsValue,
    ) -> JsResult<JsWebhookVerifier> {
        verifier_new(&options).map_err(Thrown::from)
    }

    /// `verifier.verify(payload, headers, { now? })` → the same result as `verifyWebhook`;
    /// throws a `HealthAuthError` on any failure. `now` (Unix seconds; default the clock) only
    /// for schemes that sign a timestamp (`standard`, `stripe`).
    #[wasm_bindgen(unchecked_return_type = "VerifiedWebhook")]
    pub fn verify(
        &self,
        #[wasm_bindgen(unchecked_param_type = "WebhookPayload")] payload: JsValue,
        #[wasm_bindgen(unchecked_param_type = "WebhookHeaders")] headers: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "WebhookVerifierVerifyOptions")]
        options: JsValue,
    ) -> JsResult<Object> {
        self.verify_inner(&payload, &headers, &options)
            .map_err(Thrown::from)
    }

    /// The scheme this verifier checks.
    #[wasm_bindgen(getter, unchecked_return_type = "WebhookScheme")]
    pub fn scheme(&self) -> String {
        self.inner.scheme().name().to_owned()
    }
}

fn verifier_new(options: &JsValue) -> Result<JsWebhookVerifier, Error> {
    let options = Options::new(options, "WebhookVerifier", VERIFIER_OPTIONS)?;
    let scheme = scheme(&options)?;
    let tolerance_seconds = options
        .usize("toleranceSeconds")?
        .map(|t| u64::try_from(t).unwrap_or(u64::MAX));
    let max_payload_bytes = options.usize("maxPayloadBytes")?;
    let max_header_bytes = options.usize("maxHeaderBytes")?;
    let secrets = secrets(&options)?;
    let inner = webhook::Verifier::new(
        scheme,
        &secrets,
        webhook::VerifierOptions {
            tolerance_seconds,
            max_payload_bytes,
            max_header_bytes,
        },
    )?;
    Ok(JsWebhookVerifier { inner })
}

impl JsWebhookVerifier {
    fn verify_inner(
        &self,
        payload: &JsValue,
        headers: &JsValue,
        options: &JsValue,
    ) -> Result<Object, Error> {
        let now = if options.is_undefined() {
            None
        } else {
            Options::new(options, "WebhookVerifier.verify", VERIFIER_VERIFY_OPTIONS)?.i64("now")?
        };
        let payload = payload_bytes(payload, self.inner.max_payload_bytes())?;
        let headers = convert::headers(
            headers,
            "headers",
            &self.inner.scheme().header_names(),
            webhook::HEADER_INPUT,
            self.inner.max_header_bytes(),
        )?;
        let verified = self
            .inner
            .verify(&payload, &headers, now, convert::now_seconds)?;
        Ok(verified_object(&verified))
    }
}

/// The object `verifyWebhook` and `WebhookVerifier.verify` return.
fn verified_object(verified: &webhook::Verified) -> Object {
    let out = Object::new();
    out_set(&out, "scheme", &convert::key(verified.scheme));
    if let Some(id) = &verified.id {
        out_set(&out, "id", &JsValue::from_str(id));
    }
    if let Some(ts) = verified.timestamp {
        out_set(&out, "timestamp", &JsValue::from_f64(ts as f64));
    }
    if let Some(replay) = &verified.replay_key {
        out_set(&out, "replayKey", &JsValue::from_str(&replay.key));
        let keys: js_sys::Array = replay.keys().map(JsValue::from_str).collect();
        out_set(&out, "replayKeys", &keys);
        // Beyond 2^53 s a JS number is no longer exact; no store keeps anything that long.
        out_set(
            &out,
            "replayTtlSeconds",
            &JsValue::from_f64(replay.ttl_seconds.min(9_007_199_254_740_991) as f64),
        );
    }
    out
}

/// Sets a result field under an interned name.
fn out_set(object: &Object, name: &'static str, value: &JsValue) {
    // Reflect::set on an ordinary object we created cannot fail.
    let _ = Reflect::set(object, &convert::key(name), value);
}
