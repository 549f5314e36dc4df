//! A webhook verifier held across deliveries: the scheme parsed, the secrets checked and their
//! HMAC key schedules (or Ed25519 public keys) prepared once, so that each delivery costs only
//! its own hashing.
//!
//! [`super::verify`] and every scheme's `verify` prepare the same keys for one call and run the
//! same checks ([`HeldKey`] and the schemes' `verify_held`), so a held verifier and a one-shot
//! call accept and refuse exactly the same deliveries.

use core::fmt;

#[cfg(feature = "asymmetric")]
use ed25519_dalek::VerifyingKey;
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::mac::{Hash, HmacKey};
use crate::secret::SecretString;

use super::{
    check_secret_count, check_size, github, hmac_hex, redox, secret_digest, standard, stripe,
    telesoft, Headers, Scheme, Verified, VerifyOptions, DEFAULT_MAX_PAYLOAD_BYTES,
    DEFAULT_TOLERANCE_SECONDS,
};

/// One configured secret, prepared for verifying.
// The HMAC variant (the usual one) is the large one: kept inline, the keys of a verifier are
// one allocation.
#[allow(clippy::large_enum_variant)]
pub(crate) enum HeldKey {
    /// An HMAC secret (Telesoft, hmac-hex, GitHub, Stripe, Standard Webhooks `v1`) with its
    /// key schedule, and for timed schemes the digest that names it in replay keys.
    Hmac {
        mac: HmacKey,
        digest: Option<String>,
    },
    /// A Standard Webhooks `whpk_` public key (`v1a`) and its replay-key digest.
    #[cfg(feature = "asymmetric")]
    Ed25519 { key: VerifyingKey, digest: String },
    /// A Redox verification token (compared, not keyed).
    Token(Zeroizing<Vec<u8>>),
}

impl HeldKey {
    /// An HMAC key under `hash`; `named` computes the replay-key digest of its material.
    pub(crate) fn hmac(hash: Hash, material: &[u8], named: bool) -> HeldKey {
        HeldKey::Hmac {
            mac: HmacKey::new(hash, material),
            digest: named.then(|| secret_digest(material)),
        }
    }

    /// The digest naming this key in replay keys (timed schemes only).
    pub(crate) fn digest(&self) -> Option<&str> {
        match self {
            HeldKey::Hmac { digest, .. } => digest.as_deref(),
            #[cfg(feature = "asymmetric")]
            HeldKey::Ed25519 { digest, .. } => Some(digest),
            HeldKey::Token(_) => None,
        }
    }
}

/// The keys of `secrets` for `scheme`, refusing what the scheme refuses (empty secrets,
/// surrounding whitespace, the wrong kind of key) with [`Error::WebhookSecretInvalid`].
pub(crate) fn held_keys(scheme: &Scheme, secrets: &[SecretString]) -> Result<Vec<HeldKey>> {
    match scheme {
        Scheme::Telesoft | Scheme::Github => hmac_hex::held_keys(Hash::Sha256, secrets),
        Scheme::HmacHex(config) => {
            hmac_hex::check_config(config)?;
            hmac_hex::held_keys(config.hash, secrets)
        }
        Scheme::Stripe => stripe::held_keys(secrets),
        Scheme::Standard => standard::held_keys(secrets),
        Scheme::Redox => redox::held_keys(secrets),
    }
}

/// Refuses freshness options (`now`, a tolerance) for a scheme that signs no timestamp: there
/// is nothing to check them against, and the caller would believe stale deliveries refused.
pub(crate) fn refuse_freshness(
    scheme: &Scheme,
    now: Option<i64>,
    tolerance_seconds: Option<u64>,
) -> Result<()> {
    if scheme.signs_timestamp() {
        return Ok(());
    }
    let given = match (tolerance_seconds, now) {
        (Some(_), _) => Some("tolerance"),
        (None, Some(_)) => Some("now"),
        (None, None) => None,
    };
    match given {
        Some(name) => Err(Error::InvalidArgument {
            name,
            expected: "left out for this scheme: it signs no timestamp (only standard and stripe do), so there is no freshness to check",
        }),
        None => Ok(()),
    }
}

/// What a [`Verifier`] is built with besides its scheme and secrets; `None` takes the default.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct VerifierOptions {
    /// How far a signed timestamp may be from the time of verifying, both ways (default
    /// [`DEFAULT_TOLERANCE_SECONDS`]); refused for schemes that sign no timestamp.
    pub tolerance_seconds: Option<u64>,
    /// Largest accepted payload (default [`DEFAULT_MAX_PAYLOAD_BYTES`]).
    pub max_payload_bytes: Option<usize>,
    /// Largest accepted value of each header the scheme reads (default
    /// [`crate::limits::HEADER_BYTES`]).
    pub max_header_bytes: Option<usize>,
}

/// A webhook verifier for one scheme and its secrets, built once and used for every delivery.
///
/// It accepts and refuses exactly what [`super::verify`] does with the same scheme, secrets and
/// options; it only does the per-secret work (parsing, the HMAC key schedule, Ed25519 point
/// decompression, replay-key digests) once. The prepared keys are zeroized on drop and never
/// printed.
///
/// ```
/// use healthauth::webhook::{self, Scheme, Verifier, VerifierOptions};
/// use healthauth::SecretString;
///
/// let secret = SecretString::new("my-telesoft-secret".into());
/// let verifier = Verifier::new(Scheme::Telesoft, &[secret.clone()], VerifierOptions::default())?;
/// let body = br#"{"event":"appointment.created"}"#;
/// let headers = webhook::sign(&Scheme::Telesoft, body, &[secret], None, 0)?;
/// assert_eq!(verifier.verify(body, &headers, None, || 0)?.scheme, "telesoft");
/// assert!(verifier.verify(b"{}", &headers, None, || 0).is_err());
/// # Ok::<(), healthauth::Error>(())
/// ```
pub struct Verifier {
    scheme: Scheme,
    keys: Vec<HeldKey>,
    tolerance_seconds: u64,
    max_payload_bytes: usize,
    max_header_bytes: usize,
}

impl Verifier {
    /// A verifier for `scheme` under `secrets` (1 to [`super::MAX_SECRETS`]; several during a
    /// rotation). Refuses what a one-shot [`super::verify`] would refuse about the secrets or
    /// the options, now rather than at the first delivery.
    pub fn new(
        scheme: Scheme,
        secrets: &[SecretString],
        options: VerifierOptions,
    ) -> Result<Verifier> {
        refuse_freshness(&scheme, None, options.tolerance_seconds)?;
        check_secret_count(secrets)?;
        let keys = held_keys(&scheme, secrets)?;
        Ok(Verifier {
            scheme,
            keys,
            tolerance_seconds: options
                .tolerance_seconds
                .unwrap_or(DEFAULT_TOLERANCE_SECONDS),
            max_payload_bytes: options
                .max_payload_bytes
                .unwrap_or(DEFAULT_MAX_PAYLOAD_BYTES),
            max_header_bytes: options
                .max_header_bytes
                .unwrap_or(crate::limits::HEADER_BYTES),
        })
    }

    /// The scheme this verifier checks.
    pub fn scheme(&self) -> &Scheme {
        &self.scheme
    }

    /// The largest payload it accepts (a host may refuse a larger one before copying it).
    pub fn max_payload_bytes(&self) -> usize {
        self.max_payload_bytes
    }

    /// The largest header value it accepts (a host may refuse a larger one before copying it).
    pub fn max_header_bytes(&self) -> usize {
        self.max_header_bytes
    }

    /// Verifies one delivery: the raw `payload` and the request's `headers`. For schemes that
    /// sign a timestamp, it is checked against `now`, or `clock()` when `now` is `None` (Unix
    /// seconds; the core reads no clock); a `now` is refused for other schemes, and `clock`
    /// is then not called.
    pub fn verify(
        &self,
        payload: &[u8],
        headers: &(impl Headers + ?Sized),
        now: Option<i64>,
        clock: impl FnOnce() -> i64,
    ) -> Result<Verified> {
        refuse_freshness(&self.scheme, now, None)?;
        check_size(payload, self.max_payload_bytes)?;
        let options = VerifyOptions {
            now: if self.scheme.signs_timestamp() {
                now.unwrap_or_else(clock)
            } else {
                0
            },
            tolerance_seconds: self.tolerance_seconds,
            max_payload_bytes: self.max_payload_bytes,
            max_header_bytes: self.max_header_bytes,
        };
        verify_held(&self.scheme, payload, headers, &self.keys, &options)
    }
}

/// The checks of `scheme` with prepared keys: shared by [`Verifier`] and the one-shot calls.
pub(crate) fn verify_held(
    scheme: &Scheme,
    payload: &[u8],
    headers: &(impl Headers + ?Sized),
    keys: &[HeldKey],
    options: &VerifyOptions,
) -> Result<Verified> {
    match scheme {
        Scheme::Telesoft => hmac_hex::verify_held(
            telesoft::HEADER,
            "",
            "telesoft",
            payload,
            headers,
            keys,
            options.max_header_bytes,
        ),
        Scheme::HmacHex(config) => hmac_hex::verify_held(
            &config.header,
            &config.prefix,
            "hmac-hex",
            payload,
            headers,
            keys,
            options.max_header_bytes,
        ),
        Scheme::Github => hmac_hex::verify_held(
            github::HEADER,
            "sha256=",
            "github",
            payload,
            headers,
            keys,
            options.max_header_bytes,
        ),
        Scheme::Stripe => stripe::verify_held(payload, headers, keys, options),
        Scheme::Standard => standard::verify_held(payload, headers, keys, options),
        Scheme::Redox => redox::verify_held(headers, keys, options.max_header_bytes),
    }
}

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verifier")
            .field("scheme", &self.scheme)
            .field("secrets", &self.keys.len())
            .field("tolerance_seconds", &self.tolerance_seconds)
            .field("max_payload_bytes", &self.max_payload_bytes)
            .finish()
    }
}
