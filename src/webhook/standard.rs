//! Standard Webhooks (<https://www.standardwebhooks.com>, spec 1.0.0).
//!
//! Headers `webhook-id`, `webhook-timestamp` (Unix seconds) and `webhook-signature`, a
//! space-separated list of `v1,<base64 HMAC-SHA256>` and `v1a,<base64 Ed25519>` signatures of
//! `"{id}.{timestamp}.{body}"`.
//!
//! Keys: `whsec_<base64>` symmetric secrets (the bytes after the prefix are the HMAC key; a bare
//! base64 secret is accepted too, as the reference libraries do), `whpk_<base64 of the 32-byte
//! public key>` to verify `v1a`, `whsk_<base64 of the 32-byte seed, or of seed ‖ public key>`
//! to sign `v1a`.

use base64ct::{Base64, Base64Unpadded, Encoding};
#[cfg(feature = "asymmetric")]
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::secret::SecretString;

#[cfg(feature = "asymmetric")]
use super::secret_digest;
use super::verifier::HeldKey;
use super::{
    check_size, check_timestamp, ct_eq, hmac, parse_timestamp, required, split_list, Hash, Headers,
    Verified, VerifyOptions,
};

/// The id header.
pub const ID_HEADER: &str = "webhook-id";
/// The timestamp header.
pub const TIMESTAMP_HEADER: &str = "webhook-timestamp";
/// The signature list header.
pub const SIGNATURE_HEADER: &str = "webhook-signature";
/// Prefix of symmetric secrets.
pub const SECRET_PREFIX: &str = "whsec_";
/// Prefix of Ed25519 public keys.
pub const PUBLIC_KEY_PREFIX: &str = "whpk_";
/// Prefix of Ed25519 secret keys.
pub const SECRET_KEY_PREFIX: &str = "whsk_";

enum VerifyKey {
    Hmac(Zeroizing<Vec<u8>>),
    #[cfg(feature = "asymmetric")]
    Ed25519(VerifyingKey),
}

enum SignKey {
    Hmac(Zeroizing<Vec<u8>>),
    #[cfg(feature = "asymmetric")]
    Ed25519(Box<SigningKey>),
}

fn decode_base64(text: &str) -> Option<Zeroizing<Vec<u8>>> {
    Base64::decode_vec(text)
        .or_else(|_| Base64Unpadded::decode_vec(text))
        .ok()
        .map(Zeroizing::new)
}

fn invalid(reason: &'static str) -> Error {
    Error::WebhookSecretInvalid { reason }
}

fn check_whitespace(s: &str) -> Result<()> {
    if s.is_empty() {
        return Err(invalid("the secret is empty"));
    }
    if s.trim() != s {
        return Err(invalid(
            "the secret has surrounding whitespace or a line break (trim the value copied from the dashboard or environment)",
        ));
    }
    Ok(())
}

fn hmac_key(body: &str) -> Result<Zeroizing<Vec<u8>>> {
    let key = decode_base64(body).ok_or(invalid(
        "a Standard Webhooks secret is `whsec_` followed by base64; this one is not valid base64",
    ))?;
    if key.is_empty() {
        return Err(invalid("the whsec_ secret decodes to no bytes"));
    }
    Ok(key)
}

fn verify_key(secret: &SecretString) -> Result<VerifyKey> {
    let s = secret.expose_secret();
    check_whitespace(s)?;
    if let Some(body) = s.strip_prefix(PUBLIC_KEY_PREFIX) {
        #[cfg(not(feature = "asymmetric"))]
        return Err(v1a_not_in_lite(body));
        #[cfg(feature = "asymmetric")]
        let bytes = decode_base64(body).ok_or(invalid("a whpk_ public key must be base64"))?;
        #[cfg(feature = "asymmetric")]
        let array: [u8; 32] = bytes.as_slice().try_into().map_err(|_| {
            invalid("a whpk_ public key must be 32 bytes (base64 of an Ed25519 public key)")
        })?;
        #[cfg(feature = "asymmetric")]
        return VerifyingKey::from_bytes(&array)
            .map(VerifyKey::Ed25519)
            .map_err(|_| invalid("the whpk_ key is not a valid Ed25519 public key"));
    }
    if s.starts_with(SECRET_KEY_PREFIX) {
        return Err(invalid(
            "a whsk_ secret key signs; verify with its whpk_ public key instead (and keep the whsk_ key with the sender only)",
        ));
    }
    let body = s.strip_prefix(SECRET_PREFIX).unwrap_or(s);
    hmac_key(body).map(VerifyKey::Hmac)
}

fn sign_key(secret: &SecretString) -> Result<SignKey> {
    let s = secret.expose_secret();
    check_whitespace(s)?;
    if let Some(body) = s.strip_prefix(SECRET_KEY_PREFIX) {
        #[cfg(not(feature = "asymmetric"))]
        return Err(v1a_not_in_lite(body));
        #[cfg(feature = "asymmetric")]
        return ed25519_sign_key(body);
    }
    if s.starts_with(PUBLIC_KEY_PREFIX) {
        return Err(invalid(
            "a whpk_ public key cannot sign: sign with the whsk_ secret key",
        ));
    }
    let body = s.strip_prefix(SECRET_PREFIX).unwrap_or(s);
    hmac_key(body).map(SignKey::Hmac)
}

/// The lite build's refusal of `whpk_`/`whsk_` keys (Standard Webhooks `v1a` is Ed25519).
#[cfg(not(feature = "asymmetric"))]
fn v1a_not_in_lite(_key: &str) -> Error {
    Error::NotInLite {
        capability: "Standard Webhooks v1a (Ed25519 whpk_/whsk_ keys)",
    }
}

#[cfg(feature = "asymmetric")]
fn ed25519_sign_key(body: &str) -> Result<SignKey> {
    let bytes = decode_base64(body).ok_or(invalid("a whsk_ secret key must be base64"))?;
    let seed: [u8; 32] = match bytes.len() {
        32 | 64 => bytes
            .get(..32)
            .and_then(|b| b.try_into().ok())
            .ok_or(invalid("a whsk_ secret key must be 32 or 64 bytes"))?,
        _ => return Err(invalid(
            "a whsk_ secret key must be 32 bytes (Ed25519 seed) or 64 bytes (seed and public key)",
        )),
    };
    let seed = Zeroizing::new(seed);
    let key = SigningKey::from_bytes(&seed);
    if let Some(public) = bytes.get(32..64) {
        if !ct_eq(public, key.verifying_key().as_bytes()) {
            return Err(invalid(
                "the whsk_ key's public half does not belong to its seed",
            ));
        }
    }
    Ok(SignKey::Ed25519(Box::new(key)))
}

/// The `whpk_` public key of a `whsk_` secret key.
pub fn public_key(secret_key: &SecretString) -> Result<String> {
    match sign_key(secret_key)? {
        #[cfg(feature = "asymmetric")]
        SignKey::Ed25519(key) => Ok(format!(
            "{PUBLIC_KEY_PREFIX}{}",
            Base64::encode_string(key.verifying_key().as_bytes())
        )),
        SignKey::Hmac(_) => Err(invalid("only a whsk_ secret key has a public key")),
    }
}

/// Verifies a Standard Webhooks message: a `v1` or `v1a` signature over
/// `"{id}.{timestamp}.{body}"` under any of `secrets` (`whsec_…` and/or `whpk_…`), then the
/// timestamp within the tolerance of `options.now`. The replay key names the `webhook-id`
/// under each secret that verified it ([`super::ReplayKey`]).
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

/// The keys of `whsec_` secrets (HMAC) and `whpk_` public keys (Ed25519), named for replay
/// keys by their key material.
pub(crate) fn held_keys(secrets: &[SecretString]) -> Result<Vec<HeldKey>> {
    secrets
        .iter()
        .map(|secret| {
            Ok(match verify_key(secret)? {
                VerifyKey::Hmac(k) => HeldKey::hmac(Hash::Sha256, &k, true),
                #[cfg(feature = "asymmetric")]
                VerifyKey::Ed25519(k) => HeldKey::Ed25519 {
                    digest: secret_digest(k.as_bytes()),
                    key: k,
                },
            })
        })
        .collect()
}

/// The checks of [`verify`] with prepared keys.
pub(crate) fn verify_held(
    payload: &[u8],
    headers: &(impl Headers + ?Sized),
    keys: &[HeldKey],
    options: &VerifyOptions,
) -> Result<Verified> {
    let id = required(headers, ID_HEADER, options.max_header_bytes)?;
    let timestamp_text = required(headers, TIMESTAMP_HEADER, options.max_header_bytes)?;
    let list = required(headers, SIGNATURE_HEADER, options.max_header_bytes)?;
    let timestamp = parse_timestamp(timestamp_text, TIMESTAMP_HEADER)?;
    let mut v1 = Vec::new();
    let mut v1a = Vec::new();
    for item in split_list(list, SIGNATURE_HEADER, &[' ', '\t'])? {
        let (version, sig) = item.split_once(',').ok_or(Error::WebhookHeaderMalformed {
            header: SIGNATURE_HEADER.into(),
            reason:
                "every signature must be `<version>,<base64>` (such as v1,…), separated by spaces",
        })?;
        // Undecodable signatures cannot match: they count as a mismatch, not as malformed.
        match version {
            "v1" => v1.push(decode_base64(sig)),
            #[cfg(feature = "asymmetric")]
            "v1a" => v1a.push(decode_base64(sig).and_then(|b| Signature::from_slice(&b).ok())),
            // The lite build holds no Ed25519 key: a v1a signature only counts as present.
            #[cfg(not(feature = "asymmetric"))]
            "v1a" => v1a.push(sig),
            _ => {}
        }
    }
    if v1.is_empty() && v1a.is_empty() {
        return Err(Error::WebhookSignatureMissing {
            header: format!("{SIGNATURE_HEADER} v1/v1a"),
        });
    }
    let signed: [&[u8]; 5] = [
        id.as_bytes(),
        b".",
        timestamp_text.as_bytes(),
        b".",
        payload,
    ];
    // Every key is tried against every signature (no early exit); each secret that verified
    // the delivery gets its replay key.
    let mut verified_by: Vec<&str> = Vec::new();
    #[cfg(feature = "asymmetric")]
    let mut message: Option<Vec<u8>> = None;
    for key in keys {
        let mut matched = false;
        match key {
            HeldKey::Hmac { mac, .. } => {
                let expected = mac.tag(&signed);
                for sig in v1.iter().flatten() {
                    matched |= ct_eq(&expected, sig);
                }
            }
            #[cfg(feature = "asymmetric")]
            HeldKey::Ed25519 { key, .. } => {
                if v1a.iter().any(Option::is_some) {
                    let msg = message.get_or_insert_with(|| signed.concat());
                    for sig in v1a.iter().flatten() {
                        matched |= key.verify_strict(msg, sig).is_ok();
                    }
                }
            }
            HeldKey::Token(_) => {}
        }
        if matched {
            verified_by.extend(key.digest());
        }
    }
    if verified_by.is_empty() {
        return Err(Error::WebhookSignatureMismatch {
            scheme: "standard",
            secrets: keys.len(),
        });
    }
    check_timestamp(timestamp, options.now, options.tolerance_seconds)?;
    Ok(Verified {
        scheme: "standard",
        id: Some(id.to_owned()),
        timestamp: Some(timestamp),
        replay_key: super::ReplayKey::new("standard", id, &verified_by, options.tolerance_seconds),
    })
}

/// The three headers a sender sets, with one signature per secret (`whsec_…` gives `v1`,
/// `whsk_…` gives `v1a`). Without an `id`, a random `msg_…` id is made.
pub fn sign(
    payload: &[u8],
    secrets: &[SecretString],
    id: Option<&str>,
    timestamp: i64,
) -> Result<Vec<(String, String)>> {
    if timestamp < 0 {
        return Err(Error::InvalidArgument {
            name: "timestamp",
            expected: "non-negative Unix seconds",
        });
    }
    let id = match id {
        Some(id) => {
            if id.is_empty()
                || id.len() > 256
                || !id
                    .bytes()
                    .all(|b| b.is_ascii_graphic() && b != b'.' && b != b',')
            {
                return Err(Error::InvalidArgument {
                    name: "id",
                    expected: "1 to 256 printable ASCII characters without `.` or `,`",
                });
            }
            id.to_owned()
        }
        None => {
            let mut bytes = [0u8; 18];
            crate::random::fill(&mut bytes)?;
            format!("msg_{}", crate::encoding::base64url::encode(&bytes))
        }
    };
    let keys = secrets.iter().map(sign_key).collect::<Result<Vec<_>>>()?;
    let t = timestamp.to_string();
    let message = [id.as_bytes(), b".", t.as_bytes(), b".", payload].concat();
    let signatures: Vec<String> = keys
        .iter()
        .map(|key| match key {
            SignKey::Hmac(k) => format!(
                "v1,{}",
                Base64::encode_string(&hmac(Hash::Sha256, k, &[&message]))
            ),
            #[cfg(feature = "asymmetric")]
            SignKey::Ed25519(k) => {
                format!(
                    "v1a,{}",
                    Base64::encode_string(&k.sign(&message).to_bytes())
                )
            }
        })
        .collect();
    Ok(vec![
        (ID_HEADER.into(), id),
        (TIMESTAMP_HEADER.into(), t),
        (SIGNATURE_HEADER.into(), signatures.join(" ")),
    ])
}
