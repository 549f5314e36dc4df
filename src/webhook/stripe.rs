//! Stripe-style signatures: `stripe-signature: t=<unix seconds>,v1=<hex>[,v1=<hex>…]`, each `v1`
//! the hex HMAC-SHA256 of `"{t}.{body}"` keyed with the whole endpoint secret (`whsec_…`
//! included) as UTF-8. Other items (`v0`, future versions) are ignored.

use crate::error::{Error, Result};
use crate::secret::SecretString;

use crate::encoding::hex;

use super::verifier::HeldKey;
use super::{
    check_size, check_timestamp, ct_eq, hmac, parse_timestamp, raw_secret, required, split_list,
    Hash, Headers, Verified, VerifyOptions,
};

/// The header Stripe sets.
pub const HEADER: &str = "stripe-signature";

/// Verifies `stripe-signature`: a `v1` signature over `"{t}.{body}"` under any of `secrets`,
/// then `t` within the tolerance of `options.now`.
///
/// The replay key names `"{t}.{SHA-256 of the body}"` under each secret that verified it
/// ([`super::ReplayKey`]).
pub fn verify(
    payload: &[u8],
    headers: &(impl Headers + ?Sized),
    secrets: &[SecretString],
    options: &VerifyOptions,
) -> Result<Verified> {
    check_size(payload, options.max_payload_bytes)?;
    let keys = held_keys(secrets)?;
    verify_held(payload, headers, &keys, options)
}

/// The HMAC keys of raw shared secrets, named for replay keys.
pub(crate) fn held_keys(secrets: &[SecretString]) -> Result<Vec<HeldKey>> {
    secrets
        .iter()
        .map(|secret| raw_secret(secret).map(|key| HeldKey::hmac(Hash::Sha256, key, true)))
        .collect()
}

/// The checks of [`verify`] with prepared keys.
pub(crate) fn verify_held(
    payload: &[u8],
    headers: &(impl Headers + ?Sized),
    keys: &[HeldKey],
    options: &VerifyOptions,
) -> Result<Verified> {
    let value = required(headers, HEADER, options.max_header_bytes)?;
    let malformed = |reason| Error::WebhookHeaderMalformed {
        header: HEADER.into(),
        reason,
    };
    let mut timestamp_text = None;
    let mut signatures = Vec::new();
    let mut v1_count = 0usize;
    for item in split_list(value, HEADER, &[','])? {
        let (key, val) = item
            .split_once('=')
            .ok_or(malformed("every item must be key=value (t=…, v1=…)"))?;
        match key.trim() {
            "t" if timestamp_text.is_some() => {
                return Err(malformed("more than one t= timestamp"));
            }
            "t" => timestamp_text = Some(val.trim()),
            "v1" => {
                v1_count += 1;
                if let Some(bytes) = hex::decode(val.trim()) {
                    signatures.push(bytes);
                }
            }
            _ => {}
        }
    }
    let timestamp_text = timestamp_text.ok_or(malformed("no t= timestamp"))?;
    let timestamp = parse_timestamp(timestamp_text, HEADER)?;
    if v1_count == 0 {
        return Err(Error::WebhookSignatureMissing {
            header: format!("{HEADER} v1="),
        });
    }
    // Every key is tried against every signature (no early exit); each secret that verified
    // the delivery gets its replay key.
    let mut verified_by: Vec<&str> = Vec::new();
    for key in keys {
        let HeldKey::Hmac { mac, digest } = key else {
            continue;
        };
        let expected = mac.tag(&[timestamp_text.as_bytes(), b".", payload]);
        let mut matched = false;
        for sig in &signatures {
            matched |= ct_eq(&expected, sig);
        }
        if matched {
            verified_by.extend(digest.as_deref());
        }
    }
    if verified_by.is_empty() {
        return Err(Error::WebhookSignatureMismatch {
            scheme: "stripe",
            secrets: keys.len(),
        });
    }
    check_timestamp(timestamp, options.now, options.tolerance_seconds)?;
    // The delivery is identified by what was signed (timestamp and body), not by which of the
    // header's signatures matched: during a secret roll the header carries one per secret, and
    // dropping one must not make a replay look new.
    let body_digest = <sha2::Sha256 as sha2::Digest>::digest(payload);
    Ok(Verified {
        scheme: "stripe",
        id: None,
        timestamp: Some(timestamp),
        replay_key: super::ReplayKey::new(
            "stripe",
            &format!("{timestamp}.{}", hex::encode(&body_digest)),
            &verified_by,
            options.tolerance_seconds,
        ),
    })
}

/// `[("stripe-signature", "t=<timestamp>,v1=<hex>[,v1=…]")]`, one `v1` per secret.
pub fn sign(
    payload: &[u8],
    secrets: &[SecretString],
    timestamp: i64,
) -> Result<Vec<(String, String)>> {
    if timestamp < 0 {
        return Err(Error::InvalidArgument {
            name: "timestamp",
            expected: "non-negative Unix seconds",
        });
    }
    let t = timestamp.to_string();
    let mut value = format!("t={t}");
    for secret in secrets {
        let key = raw_secret(secret)?;
        let sig = hmac(Hash::Sha256, key, &[t.as_bytes(), b".", payload]);
        value.push_str(",v1=");
        value.push_str(&hex::encode(&sig));
    }
    Ok(vec![(HEADER.into(), value)])
}
