//! Generic hex HMAC of the raw body in one header, with an optional prefix (`sha256=`) and a
//! choice of hash. Telesoft and GitHub are presets of this scheme.

use crate::error::{echo_safe, Error, Result};
use crate::secret::SecretString;

use crate::encoding::hex;

use super::verifier::HeldKey;
use super::{
    check_size, ct_eq, hmac, raw_secret, required, split_list, Hash, Headers, Verified,
    VerifyOptions,
};

/// Where the signature is and how it is made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HmacHexConfig {
    /// Header name (matched case-insensitively), such as `x-signature`.
    pub header: String,
    /// Text before the hex digest, such as `sha256=`; empty for none.
    pub prefix: String,
    /// The hash under the HMAC.
    pub hash: Hash,
}

impl HmacHexConfig {
    /// A header carrying bare hex HMAC-SHA256.
    pub fn new(header: impl Into<String>) -> Self {
        HmacHexConfig {
            header: header.into(),
            prefix: String::new(),
            hash: Hash::Sha256,
        }
    }

    pub(crate) fn with(header: &str, prefix: &str, hash: Hash) -> Self {
        HmacHexConfig {
            header: header.into(),
            prefix: prefix.into(),
            hash,
        }
    }
}

/// Verifies a hex HMAC of the body. The header may carry several signatures separated by
/// commas or spaces (each with the prefix); any one matching any secret is enough.
pub fn verify(
    config: &HmacHexConfig,
    payload: &[u8],
    headers: &(impl Headers + ?Sized),
    secrets: &[SecretString],
    options: &VerifyOptions,
) -> Result<Verified> {
    verify_named(config, "hmac-hex", payload, headers, secrets, options)
}

pub(crate) fn verify_named(
    config: &HmacHexConfig,
    scheme: &'static str,
    payload: &[u8],
    headers: &(impl Headers + ?Sized),
    secrets: &[SecretString],
    options: &VerifyOptions,
) -> Result<Verified> {
    check_size(payload, options.max_payload_bytes)?;
    check_config(config)?;
    let keys = held_keys(config.hash, secrets)?;
    verify_held(
        &config.header,
        &config.prefix,
        scheme,
        payload,
        headers,
        &keys,
        options.max_header_bytes,
    )
}

/// Refuses a configuration without a header name.
pub(crate) fn check_config(config: &HmacHexConfig) -> Result<()> {
    if config.header.trim().is_empty() {
        return Err(Error::InvalidArgument {
            name: "header",
            expected: "a non-empty header name",
        });
    }
    Ok(())
}

/// The HMAC keys of raw shared secrets ([`raw_secret`]) under `hash`.
pub(crate) fn held_keys(hash: Hash, secrets: &[SecretString]) -> Result<Vec<HeldKey>> {
    secrets
        .iter()
        .map(|secret| raw_secret(secret).map(|key| HeldKey::hmac(hash, key, false)))
        .collect()
}

/// The checks of a hex HMAC of the body in `header` (each signature after `prefix`), with
/// prepared keys; the header is at most `max_header_bytes`.
pub(crate) fn verify_held(
    header: &str,
    prefix: &str,
    scheme: &'static str,
    payload: &[u8],
    headers: &(impl Headers + ?Sized),
    keys: &[HeldKey],
    max_header_bytes: usize,
) -> Result<Verified> {
    let value = required(headers, header, max_header_bytes)?;
    let mut signatures = Vec::new();
    for item in split_list(value, header, &[',', ' ', '\t'])? {
        let hex = strip_prefix_ignore_case(item, prefix).ok_or_else(|| {
            Error::WebhookHeaderMalformed {
                header: echo_safe(header),
                reason: if prefix.is_empty() {
                    "unexpected text before the signature"
                } else {
                    "the signature lacks its expected prefix (such as `sha256=`)"
                },
            }
        })?;
        // `sha256=<hex>` where the bare digest is due: a mix-up with GitHub's format, named as
        // such rather than reported as a mismatch that sends the caller to check the body.
        if prefix.is_empty() && hex.contains('=') {
            return Err(Error::WebhookHeaderMalformed {
                header: echo_safe(header),
                reason: "the signature carries a prefix such as `sha256=`, and this scheme sends the bare hex digest (GitHub's format has the prefix; with hmac-hex, declare it as `prefix`)",
            });
        }
        // A wrong length or a non-hex character cannot match; it counts as a mismatch.
        if let Some(bytes) = hex::decode(hex) {
            signatures.push(bytes);
        }
    }
    let mut matched = false;
    for key in keys {
        let HeldKey::Hmac { mac, .. } = key else {
            continue;
        };
        let expected = mac.tag(&[payload]);
        for sig in &signatures {
            // No early exit: every pair is compared, so timing reveals nothing about which.
            matched |= ct_eq(&expected, sig);
        }
    }
    if !matched {
        return Err(Error::WebhookSignatureMismatch {
            scheme,
            secrets: keys.len(),
        });
    }
    Ok(Verified {
        scheme,
        id: None,
        timestamp: None,
        replay_key: None,
    })
}

fn strip_prefix_ignore_case<'a>(item: &'a str, prefix: &str) -> Option<&'a str> {
    let head = item.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| item.get(prefix.len()..))
        .flatten()
}

/// The header a sender sets: one signature per secret, comma-separated.
pub fn sign(
    config: &HmacHexConfig,
    payload: &[u8],
    secrets: &[SecretString],
) -> Result<Vec<(String, String)>> {
    check_config(config)?;
    let mut values = Vec::with_capacity(secrets.len());
    for secret in secrets {
        let key = raw_secret(secret)?;
        values.push(format!(
            "{}{}",
            config.prefix,
            hex::encode(&hmac(config.hash, key, &[payload]))
        ));
    }
    Ok(vec![(config.header.to_ascii_lowercase(), values.join(","))])
}
