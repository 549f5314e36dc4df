//! HMAC (RFC 2104) over SHA-256/384/512 and constant-time comparison: the one keyed-hash core
//! behind webhook signatures, HS* JWTs and PKCE checks.

use hmac::{Hmac, KeyInit, Mac};
use subtle::ConstantTimeEq;

/// Shortest truncated HMAC tag [`hmac_verify_truncated`] accepts, in bytes.
pub const MIN_TRUNCATED_TAG: usize = 16;

/// The hash under an HMAC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hash {
    /// SHA-256 (32-byte tags).
    Sha256,
    /// SHA-384 (48-byte tags).
    Sha384,
    /// SHA-512 (64-byte tags).
    Sha512,
}

impl Hash {
    /// Tag length in bytes.
    pub fn output_len(self) -> usize {
        match self {
            Hash::Sha256 => 32,
            Hash::Sha384 => 48,
            Hash::Sha512 => 64,
        }
    }

    /// Parses `sha256`, `sha384`, `sha512` (also with a dash, any case).
    pub fn from_name(name: &str) -> Option<Hash> {
        match name.to_ascii_lowercase().replace('-', "").as_str() {
            "sha256" => Some(Hash::Sha256),
            "sha384" => Some(Hash::Sha384),
            "sha512" => Some(Hash::Sha512),
            _ => None,
        }
    }
}

fn mac_parts<M: Mac + KeyInit>(key: &[u8], parts: &[&[u8]]) -> Option<Vec<u8>> {
    let mut mac = <M as KeyInit>::new_from_slice(key).ok()?;
    for part in parts {
        mac.update(part);
    }
    Some(mac.finalize().into_bytes().to_vec())
}

/// HMAC of the concatenation of `parts` under `key` (any key length, as RFC 2104 allows).
pub fn hmac(hash: Hash, key: &[u8], parts: &[&[u8]]) -> Vec<u8> {
    let tag = match hash {
        Hash::Sha256 => mac_parts::<Hmac<sha2::Sha256>>(key, parts),
        Hash::Sha384 => mac_parts::<Hmac<sha2::Sha384>>(key, parts),
        Hash::Sha512 => mac_parts::<Hmac<sha2::Sha512>>(key, parts),
    };
    // HMAC accepts keys of every length, so `None` cannot happen; an empty tag never verifies.
    tag.unwrap_or_default()
}

/// Whether `tag` is the HMAC of `parts` under `key`, possibly truncated to its first
/// `tag.len()` bytes. Constant time in the tag contents.
///
/// Truncated tags must be at least 16 bytes (128 bits, the shortest RFC 4231 tests); an empty
/// or shorter tag never verifies.
pub fn hmac_verify_truncated(hash: Hash, key: &[u8], parts: &[&[u8]], tag: &[u8]) -> bool {
    let full = hmac(hash, key, parts);
    if tag.len() < MIN_TRUNCATED_TAG || tag.len() > full.len() {
        return false;
    }
    full.get(..tag.len())
        .is_some_and(|prefix| ct_eq(prefix, tag))
}

/// Constant-time equality of two byte strings (lengths are not secret).
pub fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && bool::from(a.ct_eq(b))
}

/// `prefix` and the base64url HMAC-SHA256 of `label` keyed by `secret`: an identifier that
/// needs the secret to compute and reveals nothing of it (credential ids, refresh-token
/// digests).
pub fn keyed_id(prefix: &str, secret: &[u8], label: &[u8]) -> String {
    format!(
        "{prefix}{}",
        crate::encoding::base64url::encode(&hmac(Hash::Sha256, secret, &[label]))
    )
}
