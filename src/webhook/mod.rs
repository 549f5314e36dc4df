//! Webhook signatures: one file per scheme over a shared HMAC/verify core.
//!
//! Every scheme verifies the **raw body bytes** exactly as received: a body that was parsed and
//! re-serialized (`JSON.stringify(JSON.parse(body))`) has different bytes and fails with
//! [`Error::WebhookSignatureMismatch`], whose message says so.
//!
//! The core is sans-IO: time comes in as [`VerifyOptions::now`] (Unix seconds), headers through
//! the [`Headers`] trait (case-insensitive), secrets as [`SecretString`]s. Signatures are compared
//! in constant time (`subtle`); several secrets may be active at once (rotation) and one header
//! may carry several signatures.
//!
//! | scheme | module | header(s) | signed content |
//! |---|---|---|---|
//! | `telesoft` | [`telesoft`] | `telesoft-signature: <hex>` | body |
//! | `hmac-hex` | [`hmac_hex`] | configurable, optional prefix | body |
//! | `github` | [`github`] | `x-hub-signature-256: sha256=<hex>` | body |
//! | `stripe` | [`stripe`] | `stripe-signature: t=<ts>,v1=<hex>` | `{t}.{body}` |
//! | `standard` | [`standard`] | `webhook-id`, `webhook-timestamp`, `webhook-signature` | `{id}.{ts}.{body}` |
//! | `redox` | [`redox`] | `verification-token` | (a shared token, no signature) |
//!
//! ```
//! use healthauth::webhook::{self, Scheme, VerifyOptions};
//! use healthauth::SecretString;
//!
//! let secret = SecretString::new("my-telesoft-secret".into());
//! let body = br#"{"event":"appointment.created"}"#;
//! let headers = webhook::sign(&Scheme::Telesoft, body, &[secret.clone()], None, 0)?;
//! let verified = webhook::verify(&Scheme::Telesoft, body, &headers, &[secret], &VerifyOptions::at(0))?;
//! assert_eq!(verified.scheme, "telesoft");
//! # Ok::<(), healthauth::Error>(())
//! ```

pub mod github;
pub mod hmac_hex;
pub mod redox;
pub mod standard;
pub mod stripe;
pub mod telesoft;
mod verifier;

pub use verifier::{Verifier, VerifierOptions};

use crate::error::{echo_safe, Error, Result};
use crate::mac::{ct_eq, hmac, Hash};
use crate::secret::SecretString;

pub use hmac_hex::HmacHexConfig;

/// Default timestamp tolerance, in seconds, in both directions.
pub const DEFAULT_TOLERANCE_SECONDS: u64 = 300;
/// Default cap on payload size: 1 MiB.
pub const DEFAULT_MAX_PAYLOAD_BYTES: usize = 1 << 20;
/// Most signatures read from one header: bounds the work an attacker can cause.
pub const MAX_SIGNATURES_PER_HEADER: usize = 16;
/// Most secrets tried for one webhook.
pub const MAX_SECRETS: usize = 16;

/// Case-insensitive header lookup, implemented for lists of name/value pairs.
pub trait Headers {
    /// The value of header `name` (matched case-insensitively), if present.
    fn header(&self, name: &str) -> Option<&str>;
}

impl<K: AsRef<str>, V: AsRef<str>> Headers for [(K, V)] {
    fn header(&self, name: &str) -> Option<&str> {
        self.iter()
            .find(|(k, _)| k.as_ref().eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_ref())
    }
}

impl<K: AsRef<str>, V: AsRef<str>> Headers for Vec<(K, V)> {
    fn header(&self, name: &str) -> Option<&str> {
        self.as_slice().header(name)
    }
}

/// Options every verification takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VerifyOptions {
    /// The current time in Unix seconds (the core never reads a clock).
    pub now: i64,
    /// How far a signed timestamp may be from `now`, in either direction.
    pub tolerance_seconds: u64,
    /// Largest accepted payload.
    pub max_payload_bytes: usize,
    /// Largest accepted value of each header the scheme reads (default
    /// [`crate::limits::HEADER_BYTES`], 8 KiB), checked before it is split or decoded.
    pub max_header_bytes: usize,
}

impl VerifyOptions {
    /// Defaults (300 s tolerance, 1 MiB payload and 8 KiB header caps) at time `now`.
    ///
    /// This sets the options as given, whatever the scheme: a host passing on a caller's
    /// options uses [`VerifyOptions::for_scheme`], which refuses freshness options for schemes
    /// that sign no timestamp.
    pub fn at(now: i64) -> Self {
        VerifyOptions {
            now,
            tolerance_seconds: DEFAULT_TOLERANCE_SECONDS,
            max_payload_bytes: DEFAULT_MAX_PAYLOAD_BYTES,
            max_header_bytes: crate::limits::HEADER_BYTES,
        }
    }

    /// The options for verifying `scheme`, from the freshness options a caller gave, each
    /// `None` when the caller left it out (the payload and header caps take their defaults; set
    /// [`VerifyOptions::max_payload_bytes`] and [`VerifyOptions::max_header_bytes`] afterwards
    /// to change them):
    ///
    /// - a scheme that signs a timestamp ([`Scheme::signs_timestamp`]: `standard`, `stripe`):
    ///   `now`, or `clock()` when it is `None`; `tolerance_seconds`, or
    ///   [`DEFAULT_TOLERANCE_SECONDS`];
    /// - any other scheme: a `now` or `tolerance_seconds` is refused with
    ///   [`Error::InvalidArgument`], since there is no signed time to check it against and the
    ///   caller would believe they are protected from stale deliveries. `clock` is not called.
    ///
    /// `clock` is the host's clock in Unix seconds (the core never reads one); it is called
    /// only when a timestamp is to be checked and no `now` was given.
    ///
    /// ```
    /// use healthauth::webhook::{Scheme, VerifyOptions};
    ///
    /// let options = VerifyOptions::for_scheme(&Scheme::Stripe, None, Some(60), || 1_700_000_000)?;
    /// assert_eq!((options.now, options.tolerance_seconds), (1_700_000_000, 60));
    /// let refused = VerifyOptions::for_scheme(&Scheme::Telesoft, None, Some(60), || 0);
    /// assert_eq!(refused.unwrap_err().code(), "ERR_INVALID_ARGUMENT");
    /// # Ok::<(), healthauth::Error>(())
    /// ```
    pub fn for_scheme(
        scheme: &Scheme,
        now: Option<i64>,
        tolerance_seconds: Option<u64>,
        clock: impl FnOnce() -> i64,
    ) -> Result<VerifyOptions> {
        verifier::refuse_freshness(scheme, now, tolerance_seconds)?;
        if !scheme.signs_timestamp() {
            return Ok(VerifyOptions::at(0));
        }
        let mut options = VerifyOptions::at(now.unwrap_or_else(clock));
        if let Some(tolerance) = tolerance_seconds {
            options.tolerance_seconds = tolerance;
        }
        Ok(options)
    }
}

/// What a successful verification learnt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// The scheme name, such as `standard`.
    pub scheme: &'static str,
    /// The webhook id (Standard Webhooks `webhook-id`).
    pub id: Option<String>,
    /// The signed timestamp (Standard Webhooks, Stripe), Unix seconds.
    pub timestamp: Option<i64>,
    /// How to recognise this delivery if it comes again (`standard` and `stripe`); `None` for
    /// schemes that sign no timestamp or id, whose replays cannot be told apart.
    pub replay_key: Option<ReplayKey>,
}

/// The replay-protection facts of one verified delivery: which keys to check and record in a
/// replay store, and for how long.
///
/// A key is `"{scheme}:{secret digest}:{delivery}"`, where the delivery part is the
/// `webhook-id` (Standard Webhooks) or the signed timestamp and body digest (Stripe), and the
/// secret digest is [`secret_digest`] of the secret that verified the signature. Keys are thus
/// bound to the secret: when several tenants (secrets) share one store, one tenant's deliveries
/// cannot occupy, or be refused because of, another tenant's ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplayKey {
    /// The key under the first configured secret that verified the delivery.
    pub key: String,
    /// The same delivery under every other configured secret that also verified it (during a
    /// rotation the sender signs with old and new secret). Check and record these too: a replay
    /// stripped of one of its signatures then still matches.
    pub other_keys: Vec<String>,
    /// How long to remember the keys, in seconds: while the signed timestamp stays within the
    /// tolerance, in either direction ([`replay_ttl_seconds`]).
    pub ttl_seconds: u64,
}

impl ReplayKey {
    /// Every key of the delivery: [`ReplayKey::key`] first, then [`ReplayKey::other_keys`].
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        core::iter::once(self.key.as_str()).chain(self.other_keys.iter().map(String::as_str))
    }

    /// The keys of a delivery identified by `delivery` (an id, or a timestamp and digest) and
    /// verified by the secrets whose [`secret_digest`]s are in `verified_by` (in configured
    /// order, at least one), remembered as long as `tolerance_seconds` requires.
    pub(crate) fn new(
        scheme: &str,
        delivery: &str,
        verified_by: &[&str],
        tolerance_seconds: u64,
    ) -> Option<ReplayKey> {
        let mut keys = verified_by
            .iter()
            .map(|digest| format!("{scheme}:{digest}:{delivery}"));
        Some(ReplayKey {
            key: keys.next()?,
            other_keys: keys.collect(),
            ttl_seconds: replay_ttl_seconds(tolerance_seconds),
        })
    }
}

/// Shortest replay TTL, in seconds (also the shortest TTL Workers KV accepts).
pub const MIN_REPLAY_TTL_SECONDS: u64 = 60;

/// How long a replay store must remember a delivery verified with `tolerance_seconds`: a
/// signed timestamp is accepted from `now - tolerance` to `now + tolerance`, so a replay can
/// arrive up to twice the tolerance after the first delivery; one second more covers the
/// rounding of whole seconds. At least [`MIN_REPLAY_TTL_SECONDS`].
pub fn replay_ttl_seconds(tolerance_seconds: u64) -> u64 {
    tolerance_seconds
        .saturating_mul(2)
        .saturating_add(1)
        .max(MIN_REPLAY_TTL_SECONDS)
}

/// Domain separation of [`secret_digest`]: no signature of any scheme is computed over it.
const SECRET_DIGEST_LABEL: &[u8] = b"healthauth webhook replay-key secret digest v1\0";
/// Bytes of the secret digest kept in a replay key (128 bits, 32 hex digits).
const SECRET_DIGEST_BYTES: usize = 16;

/// A short digest naming a webhook secret (or public key) in replay keys, never the secret
/// itself: the first 16 bytes, in hex, of SHA-256 over the HMAC-SHA256 of a fixed label under
/// the secret's key material. The outer hash keeps it from being even part of a MAC an
/// attacker could reuse; recovering the secret from it is as hard as from any signature the
/// secret made.
pub fn secret_digest(key_material: &[u8]) -> String {
    let mac = hmac(Hash::Sha256, key_material, &[SECRET_DIGEST_LABEL]);
    let digest = <sha2::Sha256 as sha2::Digest>::digest(&mac);
    let digest: &[u8] = &digest;
    crate::encoding::hex::encode(digest.get(..SECRET_DIGEST_BYTES).unwrap_or(digest))
}

/// The options of a scheme chosen by name ([`Scheme::parse`]), each `None` when the caller
/// left it out. Only `hmac-hex` takes any; given with another scheme they are refused, since
/// they would be ignored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SchemeOptions<'a> {
    /// The signature header's name (`hmac-hex`: required), matched case-insensitively.
    pub header: Option<&'a str>,
    /// Text before the hex digest, such as `sha256=` (`hmac-hex`: default none).
    pub prefix: Option<&'a str>,
    /// The hash under the HMAC: `sha256` (the default), `sha384` or `sha512` (`hmac-hex`).
    pub hash: Option<&'a str>,
}

/// A webhook scheme and its configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scheme {
    /// Telesoft: hex HMAC-SHA256 of the body in `telesoft-signature`.
    Telesoft,
    /// Generic hex HMAC of the body in a configurable header.
    HmacHex(HmacHexConfig),
    /// GitHub: `x-hub-signature-256: sha256=<hex>`.
    Github,
    /// Stripe: `stripe-signature: t=<ts>,v1=<hex>` over `{t}.{body}`.
    Stripe,
    /// Standard Webhooks: `v1` (HMAC-SHA256, `whsec_`) and `v1a` (Ed25519, `whpk_`/`whsk_`).
    Standard,
    /// Redox: the shared `verification-token` header.
    Redox,
}

impl Scheme {
    /// The scheme's name as used in the JS API.
    pub fn name(&self) -> &'static str {
        match self {
            Scheme::Telesoft => "telesoft",
            Scheme::HmacHex(_) => "hmac-hex",
            Scheme::Github => "github",
            Scheme::Stripe => "stripe",
            Scheme::Standard => "standard",
            Scheme::Redox => "redox",
        }
    }

    /// A scheme by name with its options, as a host receives them: `telesoft`, `github`,
    /// `stripe`, `standard` and `redox` take none; `hmac-hex` takes its header (required), a
    /// prefix (default none) and a hash (default SHA-256).
    ///
    /// Refuses an unknown name ([`Error::WebhookSchemeUnknown`]), `hmac-hex` without a
    /// header, an unknown hash, and any option given with another scheme
    /// ([`Error::InvalidArgument`]).
    ///
    /// ```
    /// use healthauth::mac::Hash;
    /// use healthauth::webhook::{Scheme, SchemeOptions};
    ///
    /// let options = SchemeOptions { header: Some("x-signature"), ..SchemeOptions::default() };
    /// let Scheme::HmacHex(config) = Scheme::parse("hmac-hex", options)? else { unreachable!() };
    /// assert_eq!((config.header.as_str(), config.hash), ("x-signature", Hash::Sha256));
    /// assert!(Scheme::parse("github", options).is_err());
    /// assert_eq!(Scheme::parse("stripe", SchemeOptions::default())?, Scheme::Stripe);
    /// # Ok::<(), healthauth::Error>(())
    /// ```
    pub fn parse(name: &str, options: SchemeOptions<'_>) -> Result<Scheme> {
        let SchemeOptions {
            header,
            prefix,
            hash,
        } = options;
        if name != "hmac-hex" {
            let given = [("header", header), ("prefix", prefix), ("hash", hash)]
                .into_iter()
                .find_map(|(option, value)| value.map(|_| option));
            if let Some(option) = given {
                return Err(Error::InvalidArgument {
                    name: option,
                    expected: "used only with scheme \"hmac-hex\" (header, prefix and hash)",
                });
            }
            return Scheme::from_name(name);
        }
        let header = header.ok_or(Error::InvalidArgument {
            name: "header",
            expected: "the signature header's name (required by scheme \"hmac-hex\")",
        })?;
        let hash = match hash {
            None => Hash::Sha256,
            Some(h) => Hash::from_name(h).ok_or(Error::InvalidArgument {
                name: "hash",
                expected: "\"sha256\", \"sha384\" or \"sha512\"",
            })?,
        };
        Ok(Scheme::HmacHex(HmacHexConfig::with(
            header,
            prefix.unwrap_or_default(),
            hash,
        )))
    }

    /// Whether the scheme signs a timestamp (`standard`, `stripe`): only then do `now` and a
    /// tolerance mean anything, and only then is a delivery given a replay key.
    pub fn signs_timestamp(&self) -> bool {
        matches!(self, Scheme::Standard | Scheme::Stripe)
    }

    /// Every header the scheme reads (matched case-insensitively), for hosts that read
    /// header lists by name, such as a Fetch `Headers` object.
    pub fn header_names(&self) -> Vec<&str> {
        match self {
            Scheme::Telesoft => vec![telesoft::HEADER],
            Scheme::HmacHex(config) => vec![config.header.as_str()],
            Scheme::Github => vec![github::HEADER],
            Scheme::Stripe => vec![stripe::HEADER],
            Scheme::Standard => vec![
                standard::ID_HEADER,
                standard::TIMESTAMP_HEADER,
                standard::SIGNATURE_HEADER,
            ],
            Scheme::Redox => vec![redox::HEADER],
        }
    }

    /// A scheme that takes no options, by name; `hmac-hex` is refused as unknown here (it
    /// needs a header: use [`Scheme::parse`]).
    pub fn from_name(name: &str) -> Result<Scheme> {
        match name {
            "telesoft" => Ok(Scheme::Telesoft),
            "github" => Ok(Scheme::Github),
            "stripe" => Ok(Scheme::Stripe),
            "standard" => Ok(Scheme::Standard),
            "redox" => Ok(Scheme::Redox),
            _ => Err(Error::WebhookSchemeUnknown {
                scheme: echo_safe(name),
            }),
        }
    }
}

/// Verifies a webhook under `scheme`: the raw `payload`, the request `headers`, one or more
/// active `secrets`. Fails with a specific [`Error`] (`ERR_WEBHOOK_…`) on any problem.
pub fn verify(
    scheme: &Scheme,
    payload: &[u8],
    headers: &(impl Headers + ?Sized),
    secrets: &[SecretString],
    options: &VerifyOptions,
) -> Result<Verified> {
    check_size(payload, options.max_payload_bytes)?;
    check_secret_count(secrets)?;
    match scheme {
        Scheme::Telesoft => telesoft::verify(payload, headers, secrets, options),
        Scheme::HmacHex(config) => hmac_hex::verify(config, payload, headers, secrets, options),
        Scheme::Github => github::verify(payload, headers, secrets, options),
        Scheme::Stripe => stripe::verify(payload, headers, secrets, options),
        Scheme::Standard => standard::verify(payload, headers, secrets, options),
        Scheme::Redox => redox::verify_with_limit(headers, secrets, options.max_header_bytes),
    }
}

/// The headers a sender of `scheme` sets for `payload`, signed with every secret in `secrets`
/// (several only where the scheme carries several signatures). `id` is used by Standard
/// Webhooks (a random `msg_…` id when `None`); `timestamp` (Unix seconds) by Standard Webhooks
/// and Stripe.
pub fn sign(
    scheme: &Scheme,
    payload: &[u8],
    secrets: &[SecretString],
    id: Option<&str>,
    timestamp: i64,
) -> Result<Vec<(String, String)>> {
    check_secret_count(secrets)?;
    match scheme {
        Scheme::Telesoft => telesoft::sign(payload, secrets),
        Scheme::HmacHex(config) => hmac_hex::sign(config, payload, secrets),
        Scheme::Github => github::sign(payload, secrets),
        Scheme::Stripe => stripe::sign(payload, secrets, timestamp),
        Scheme::Standard => standard::sign(payload, secrets, id, timestamp),
        Scheme::Redox => redox::sign(secrets),
    }
}

/// Refuses payloads over `max` bytes.
pub fn check_size(payload: &[u8], max: usize) -> Result<()> {
    check_payload_size(payload.len(), max)
}

/// Refuses a payload of `size` bytes over `max` ([`Error::WebhookPayloadTooLarge`]): for a
/// host that checks the size before it copies the payload in.
pub fn check_payload_size(size: usize, max: usize) -> Result<()> {
    if size > max {
        return Err(Error::WebhookPayloadTooLarge { size, max });
    }
    Ok(())
}

fn check_secret_count(secrets: &[SecretString]) -> Result<()> {
    if secrets.is_empty() {
        return Err(Error::WebhookSecretInvalid {
            reason: "no secret given (pass `secret`, or `secrets` for rotation)",
        });
    }
    if secrets.len() > MAX_SECRETS {
        return Err(Error::WebhookSecretInvalid {
            reason: "more than 16 secrets given",
        });
    }
    Ok(())
}

/// Checks that a timestamp is within `tolerance` seconds of `now`, in both directions.
pub fn check_timestamp(timestamp: i64, now: i64, tolerance_seconds: u64) -> Result<()> {
    let age = i128::from(now) - i128::from(timestamp);
    if age.unsigned_abs() > u128::from(tolerance_seconds) {
        return Err(Error::WebhookTimestampOutOfTolerance {
            age_seconds: i64::try_from(age).unwrap_or(if age > 0 { i64::MAX } else { i64::MIN }),
            tolerance_seconds,
        });
    }
    Ok(())
}

/// Parses a decimal Unix timestamp (1 to 15 ASCII digits, nothing else).
pub(crate) fn parse_timestamp(value: &str, header: &str) -> Result<i64> {
    if value.is_empty() || value.len() > 15 || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::WebhookHeaderMalformed {
            header: echo_safe(header),
            reason: "the timestamp must be whole Unix seconds in decimal digits",
        });
    }
    value.parse().map_err(|_| Error::WebhookHeaderMalformed {
        header: echo_safe(header),
        reason: "the timestamp must be whole Unix seconds in decimal digits",
    })
}

/// What a signature header over its cap is called in [`Error::InputTooLarge`].
pub const HEADER_INPUT: &str = "webhook header";

/// Refuses a header value over `max` bytes ([`VerifyOptions::max_header_bytes`], by default
/// [`crate::limits::HEADER_BYTES`]) with [`Error::InputTooLarge`]: every header a verifier
/// reads goes through here before it is split or decoded.
pub fn check_header_size(value: &str, max: usize) -> Result<()> {
    crate::limits::check(HEADER_INPUT, value.len(), max)
}

/// The value of a required header (at most `max` bytes), or
/// [`Error::WebhookSignatureMissing`].
pub(crate) fn required<'h>(
    headers: &'h (impl Headers + ?Sized),
    name: &str,
    max: usize,
) -> Result<&'h str> {
    let value = headers.header(name);
    if let Some(v) = value {
        check_header_size(v, max)?;
    }
    match value {
        Some(v) if !v.trim().is_empty() => Ok(v.trim()),
        _ => Err(Error::WebhookSignatureMissing {
            header: echo_safe(name),
        }),
    }
}

/// A shared secret used as raw UTF-8 bytes (Telesoft, GitHub, Stripe, hmac-hex): refuses empty
/// secrets, surrounding whitespace (a copy-paste accident) and Standard Webhooks key prefixes.
pub(crate) fn raw_secret(secret: &SecretString) -> Result<&[u8]> {
    let s = secret.expose_secret();
    if s.is_empty() {
        return Err(Error::WebhookSecretInvalid {
            reason: "the secret is empty",
        });
    }
    if s.trim() != s {
        return Err(Error::WebhookSecretInvalid {
            reason: "the secret has surrounding whitespace or a line break (trim the value copied from the dashboard or environment)",
        });
    }
    if s.starts_with("whpk_") || s.starts_with("whsk_") {
        return Err(Error::WebhookSecretInvalid {
            reason: "a Standard Webhooks Ed25519 key (whpk_/whsk_) cannot be an HMAC secret: use scheme \"standard\"",
        });
    }
    Ok(s.as_bytes())
}

/// Splits a signature list on commas and whitespace, dropping empty items; refuses lists longer
/// than [`MAX_SIGNATURES_PER_HEADER`].
pub(crate) fn split_list<'a>(
    value: &'a str,
    header: &str,
    separators: &[char],
) -> Result<Vec<&'a str>> {
    let items: Vec<&str> = value
        .split(|c: char| separators.contains(&c))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if items.len() > MAX_SIGNATURES_PER_HEADER {
        return Err(Error::WebhookHeaderMalformed {
            header: echo_safe(header),
            reason: "more than 16 signatures in one header",
        });
    }
    Ok(items)
}

#[cfg(test)]
mod tests;
