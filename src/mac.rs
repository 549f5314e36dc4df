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

/// An HMAC key with its key schedule done: the hash states after the inner and outer padded
/// key blocks (RFC 2104). Computing a tag starts from a copy of them, so a key held across
/// calls (a webhook verifier) pays for the key once instead of two hash blocks per call.
///
/// The states are zeroized on drop (they are as secret as the key); `Debug` prints only the
/// hash.
#[derive(Clone)]
pub struct HmacKey(Keyed);

#[derive(Clone)]
enum Keyed {
    Sha256(Hmac<sha2::Sha256>),
    Sha384(Hmac<sha2::Sha384>),
    Sha512(Hmac<sha2::Sha512>),
}

fn keyed<M: Mac + KeyInit>(key: &[u8]) -> M {
    // HMAC takes keys of every length (longer ones are hashed first), so this cannot fail;
    // were it to, the all-zero key is used, whose tags match none made with the real key.
    <M as KeyInit>::new_from_slice(key).unwrap_or_else(|_| <M as KeyInit>::new(&Default::default()))
}

fn tag_of<M: Mac + Clone>(mac: &M, parts: &[&[u8]]) -> Vec<u8> {
    let mut mac = mac.clone();
    for part in parts {
        mac.update(part);
    }
    mac.finalize().into_bytes().to_vec()
}

impl HmacKey {
    /// The key schedule of `key` (any length, as RFC 2104 allows) under `hash`.
    pub fn new(hash: Hash, key: &[u8]) -> HmacKey {
        HmacKey(match hash {
            Hash::Sha256 => Keyed::Sha256(keyed(key)),
            Hash::Sha384 => Keyed::Sha384(keyed(key)),
            Hash::Sha512 => Keyed::Sha512(keyed(key)),
        })
    }

    /// The hash under this HMAC.
    pub fn hash(&self) -> Hash {
        match self.0 {
            Keyed::Sha256(_) => Hash::Sha256,
            Keyed::Sha384(_) => Hash::Sha384,
            Keyed::Sha512(_) => Hash::Sha512,
        }
    }

    /// The HMAC of the concatenation of `parts`.
    pub fn tag(&self, parts: &[&[u8]]) -> Vec<u8> {
        match &self.0 {
            Keyed::Sha256(mac) => tag_of(mac, parts),
            Keyed::Sha384(mac) => tag_of(mac, parts),
            Keyed::Sha512(mac) => tag_of(mac, parts),
        }
    }
}

impl core::fmt::Debug for HmacKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("HmacKey")
            .field("hash", &self.hash())
            .field("key", &format_args!("[redacted]"))
            .finish()
    }
}

/// HMAC of the concatenation of `parts` under `key` (any key length, as RFC 2104 allows).
pub fn hmac(hash: Hash, key: &[u8], parts: &[&[u8]]) -> Vec<u8> {
    HmacKey::new(hash, key).tag(parts)
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
