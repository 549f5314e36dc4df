//! RSASSA-PKCS1-v1_5 signing (RS256/384/512) with base blinding whose pair is kept per key and
//! squared between uses, as OpenSSL and BoringSSL do, instead of fresh blinding at every
//! signature.
//!
//! The private-key operation is the `rsa` crate's CRT exponentiation over crypto-bigint's
//! constant-time Montgomery arithmetic (`rsa::hazmat::rsa_decrypt`). Around it:
//!
//! - **base blinding**: the padded message `m` is multiplied by `r^e` before the private
//!   operation and the result by `r^-1` after it, so the exponentiation never sees a value an
//!   attacker chose or knows. A pair `(r^e, r^-1)` is drawn (with one modular inversion) the
//!   first time a key signs and after every [`BLINDING_USES`] signatures; in between it is
//!   squared, `((r^2)^e, (r^2)^-1)`, which costs two modular multiplications instead of an
//!   inversion and an exponentiation;
//! - **a fault check**: the signature is verified with the public exponent before it is
//!   returned (a faulty CRT half would otherwise reveal a prime factor).
//!
//! Unlike the `rsa` crate's own blinded path, the exponent and the CRT moduli are not blinded
//! with fresh randomness at each signature: those defend against power and electromagnetic
//! analysis of a device, and cost ~1.6× here. SECURITY.md states the stance; BENCHMARKS.md the
//! measurements. Signatures are identical to the `rsa` crate's (PKCS#1 v1.5 is deterministic).

use std::sync::Mutex;

use crypto_bigint::modular::BoxedMontyForm;
use crypto_bigint::{BoxedUint, RandomMod};
use rsa::traits::PublicKeyParts as _;
use sha2::Digest as _;
use zeroize::Zeroize;

use crate::error::{Error, Result};
use crate::mac::Hash;

/// Signatures made with one blinding pair (squared each time) before a fresh pair is drawn:
/// OpenSSL's `BN_BLINDING_COUNTER`.
pub(crate) const BLINDING_USES: u32 = 32;

/// DER `DigestInfo` prefixes of RFC 8017 §9.2, note 1.
const SHA256_PREFIX: &[u8] = &[
    0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05,
    0x00, 0x04, 0x20,
];
const SHA384_PREFIX: &[u8] = &[
    0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02, 0x05,
    0x00, 0x04, 0x30,
];
const SHA512_PREFIX: &[u8] = &[
    0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03, 0x05,
    0x00, 0x04, 0x40,
];

/// One blinding pair in Montgomery form: `r^e` and `r^-1` modulo `n`.
struct Pair {
    blind: BoxedMontyForm,
    unblind: BoxedMontyForm,
    uses: u32,
}

impl Drop for Pair {
    fn drop(&mut self) {
        self.blind.zeroize();
        self.unblind.zeroize();
    }
}

/// The blinding pair of one RSA key, kept between signatures. Empty until the key first signs.
#[derive(Default)]
pub(crate) struct Blinding(Mutex<Option<Pair>>);

impl Blinding {
    /// Takes the pair for one signature: the held one, or a fresh one when there is none, it
    /// is worn out, or another signature holds the lock (never waits).
    fn take(&self, key: &rsa::PrivateKey) -> Result<Pair> {
        let held = match self.0.try_lock() {
            Ok(mut slot) => slot.take(),
            Err(_) => None,
        };
        match held {
            Some(pair) if pair.uses < BLINDING_USES => Ok(pair),
            _ => fresh_pair(key),
        }
    }

    /// Puts the pair back for the next signature, squared: `(r^e)^2 = (r^2)^e` and
    /// `(r^-1)^2 = (r^2)^-1`.
    fn put(&self, pair: Pair) {
        let next = Pair {
            blind: pair.blind.square(),
            unblind: pair.unblind.square(),
            uses: pair.uses + 1,
        };
        if let Ok(mut slot) = self.0.try_lock() {
            *slot = Some(next);
        }
    }
}

/// A fresh pair: `r` uniform in `[1, n)` and invertible (a non-invertible `r` would reveal a
/// factor of `n`, and is drawn again).
fn fresh_pair(key: &rsa::PrivateKey) -> Result<Pair> {
    let params = key.n_params();
    for _ in 0..8 {
        let mut r = BoxedUint::try_random_mod_vartime(&mut getrandom::SysRng, key.n())
            .map_err(|_| Error::RandomUnavailable)?;
        let r_monty = BoxedMontyForm::new(r.clone(), params);
        r.zeroize();
        let inverse: Option<BoxedMontyForm> = r_monty.invert().into();
        if let Some(unblind) = inverse {
            let e = key.e();
            let blind = r_monty.pow_bounded_exp(e, e.bit_width());
            return Ok(Pair {
                blind,
                unblind,
                uses: 0,
            });
        }
    }
    Err(Error::SigningFailed)
}

/// EMSA-PKCS1-v1_5 (RFC 8017 §9.2) of `message` for a `k`-byte modulus.
fn encode(hash: Hash, message: &[u8], k: usize) -> Result<Vec<u8>> {
    let (prefix, digest): (&[u8], Vec<u8>) = match hash {
        Hash::Sha256 => (SHA256_PREFIX, sha2::Sha256::digest(message).to_vec()),
        Hash::Sha384 => (SHA384_PREFIX, sha2::Sha384::digest(message).to_vec()),
        Hash::Sha512 => (SHA512_PREFIX, sha2::Sha512::digest(message).to_vec()),
    };
    let t_len = prefix.len() + digest.len();
    let padding = k.checked_sub(t_len + 3).filter(|ps| *ps >= 8);
    let Some(padding) = padding else {
        return Err(Error::SigningFailed);
    };
    // EM = 0x00 || 0x01 || PS (0xff, at least 8) || 0x00 || DigestInfo || H(M)
    let mut em = Vec::with_capacity(k);
    em.extend_from_slice(&[0x00, 0x01]);
    em.resize(2 + padding, 0xff);
    em.push(0x00);
    em.extend_from_slice(prefix);
    em.extend_from_slice(&digest);
    Ok(em)
}

/// The RSASSA-PKCS1-v1_5 signature of `message` under `key` with `hash`, base-blinded with the
/// key's kept pair (see the module documentation).
pub(crate) fn sign_pkcs1v15(
    key: &rsa::PrivateKey,
    blinding: &Blinding,
    hash: Hash,
    message: &[u8],
) -> Result<Vec<u8>> {
    let k = key.size();
    let em = encode(hash, message, k)?;
    let precision = key.n_bits_precision();
    let m = BoxedUint::from_be_slice(&em, precision).map_err(|_| Error::SigningFailed)?;
    let params = key.n_params();
    let pair = blinding.take(key)?;
    // c = m * r^e (mod n): what the private operation sees is uniformly random.
    let blinded = (BoxedMontyForm::new(m.clone(), params) * &pair.blind).retrieve();
    let mut raised = rsa::hazmat::rsa_decrypt(None::<&mut getrandom::SysRng>, key, &blinded)
        .map_err(|_| Error::SigningFailed)?;
    // s = (m * r^e)^d * r^-1 = m^d (mod n).
    let signature = (BoxedMontyForm::new(raised.clone(), params) * &pair.unblind).retrieve();
    raised.zeroize();
    blinding.put(pair);
    // The fault check: s^e must give m back.
    let check = rsa::hazmat::rsa_encrypt(key, &signature).map_err(|_| Error::SigningFailed)?;
    if check != m {
        return Err(Error::SigningFailed);
    }
    let bytes = signature.to_be_bytes();
    // The signature is exactly k bytes (I2OSP): the integer's buffer may be wider.
    let start = bytes.len().checked_sub(k).ok_or(Error::SigningFailed)?;
    bytes
        .get(start..)
        .map(<[u8]>::to_vec)
        .ok_or(Error::SigningFailed)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    /// The 2048-bit key of the first Wycheproof PKCS#1 signature-generation group.
    fn key() -> rsa::PrivateKey {
        let path = format!(
            "{}/tests/vectors/wycheproof/rsa_pkcs1_2048_sig_gen_test.json",
            env!("CARGO_MANIFEST_DIR")
        );
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let pem = json["testGroups"][0]["privateKeyPem"].as_str().unwrap();
        <rsa::PrivateKey as rsa::pkcs1::DecodeRsaPrivateKey>::from_pkcs1_pem(pem)
            .or_else(|_| <rsa::PrivateKey as rsa::pkcs8::DecodePrivateKey>::from_pkcs8_pem(pem))
            .unwrap()
    }

    #[test]
    fn signatures_are_the_rsa_crates_and_the_pair_is_renewed() {
        let key = key();
        let blinding = Blinding::default();
        // More signatures than one pair lasts: squared pairs and a fresh one give the same
        // (deterministic) signatures.
        for i in 0..(BLINDING_USES + 3) {
            let message = format!("header.payload-{i}");
            for (hash, theirs) in [
                (
                    Hash::Sha256,
                    key.pkcs1v15_sign::<sha2::Sha256>(message.as_bytes()),
                ),
                (
                    Hash::Sha384,
                    key.pkcs1v15_sign::<sha2::Sha384>(message.as_bytes()),
                ),
                (
                    Hash::Sha512,
                    key.pkcs1v15_sign::<sha2::Sha512>(message.as_bytes()),
                ),
            ] {
                let ours = sign_pkcs1v15(&key, &blinding, hash, message.as_bytes()).unwrap();
                assert_eq!(ours, theirs.unwrap(), "signature {i} {hash:?}");
            }
        }
        let uses = blinding.0.lock().unwrap().as_ref().unwrap().uses;
        assert!(
            uses < BLINDING_USES,
            "renewed after {BLINDING_USES} uses: {uses}"
        );
    }

    #[test]
    fn the_pair_inverts_and_squares() {
        let key = key();
        let pair = fresh_pair(&key).unwrap();
        let params = key.n_params();
        let one = BoxedMontyForm::one(params);
        // (r^-1)^e * r^e = 1, for the fresh pair and for the squared one.
        let e = key.e();
        assert_eq!(
            pair.unblind.pow_bounded_exp(e, e.bit_width()) * &pair.blind,
            one
        );
        let (blind, unblind) = (pair.blind.square(), pair.unblind.square());
        assert_eq!(unblind.pow_bounded_exp(e, e.bit_width()) * &blind, one);
    }

    #[test]
    fn a_message_too_long_for_the_modulus_is_refused() {
        assert!(encode(Hash::Sha512, b"m", 64 + 19 + 10).is_err());
        assert_eq!(encode(Hash::Sha512, b"m", 64 + 19 + 11).unwrap().len(), 94);
    }
}
