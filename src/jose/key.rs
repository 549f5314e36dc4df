//! Signing keys (private, or an HMAC secret) and verifying keys (public, or an HMAC secret).
//!
//! Each key is bound to its family (HMAC, RSA, P-256, P-384, Ed25519) and a signing key to one
//! algorithm, so a token can never be checked with a key of another kind (no RS/HS confusion).

use core::fmt;

#[cfg(feature = "asymmetric")]
use p256::ecdsa::signature::{Signer as _, Verifier as _};
#[cfg(feature = "asymmetric")]
use rsa::traits::PublicKeyParts as _;
#[cfg(feature = "asymmetric")]
use sha2::{Sha256, Sha384, Sha512};

use super::alg::{Algorithm, KeyFamily};
use crate::error::{Error, Result};
use crate::mac::{self, Hash};
use crate::random;
use crate::secret::SecretBytes;

/// Smallest RSA modulus accepted, in bits (RFC 7518 §3.3; NIST SP 800-131A).
pub const RSA_MIN_BITS: usize = 2048;
/// Largest RSA modulus accepted, in bits: bigger keys only slow verification down.
pub const RSA_MAX_BITS: usize = 8192;
/// Modulus size of generated RSA keys when none is asked for.
pub const RSA_DEFAULT_BITS: usize = 2048;

/// Domain separation for [`SigningKey::credential_id`] of an HMAC secret.
const HMAC_CREDENTIAL_LABEL: &[u8] = b"healthauth/credential-id/v1/hmac-signing-key";

pub(crate) enum SigningInner {
    Hmac(SecretBytes),
    #[cfg(feature = "asymmetric")]
    Rsa(Box<rsa::PrivateKey>),
    #[cfg(feature = "asymmetric")]
    P256(Box<p256::ecdsa::SigningKey>),
    #[cfg(feature = "asymmetric")]
    P384(Box<p384::ecdsa::SigningKey>),
    #[cfg(feature = "asymmetric")]
    Ed25519(Box<ed25519_dalek::SigningKey>),
}

#[derive(Clone)]
pub(crate) enum VerifyingInner {
    Hmac(SecretBytes),
    #[cfg(feature = "asymmetric")]
    Rsa(Box<rsa::PublicKey>),
    #[cfg(feature = "asymmetric")]
    P256(Box<p256::ecdsa::VerifyingKey>),
    #[cfg(feature = "asymmetric")]
    P384(Box<p384::ecdsa::VerifyingKey>),
    #[cfg(feature = "asymmetric")]
    Ed25519(Box<ed25519_dalek::VerifyingKey>),
}

/// A private key (or HMAC secret) bound to one JWS algorithm, with an optional `kid`.
///
/// Secret material is zeroized on drop and never printed: `Debug` shows only `alg` and `kid`.
/// Asymmetric keys get their RFC 7638 thumbprint as `kid` unless one is given.
pub struct SigningKey {
    pub(crate) inner: SigningInner,
    alg: Algorithm,
    kid: Option<String>,
    /// RSA keys: the base-blinding pair kept between signatures (`rsa_sign.rs`).
    #[cfg(feature = "asymmetric")]
    rsa_blinding: super::rsa_sign::Blinding,
}

/// A public key (or HMAC secret) that checks signatures, with an optional `alg` and `kid`.
#[derive(Clone)]
pub struct VerifyingKey {
    pub(crate) inner: VerifyingInner,
    alg: Option<Algorithm>,
    kid: Option<String>,
}

impl SigningInner {
    fn family(&self) -> KeyFamily {
        match self {
            SigningInner::Hmac(_) => KeyFamily::Hmac,
            #[cfg(feature = "asymmetric")]
            SigningInner::Rsa(_) => KeyFamily::Rsa,
            #[cfg(feature = "asymmetric")]
            SigningInner::P256(_) => KeyFamily::P256,
            #[cfg(feature = "asymmetric")]
            SigningInner::P384(_) => KeyFamily::P384,
            #[cfg(feature = "asymmetric")]
            SigningInner::Ed25519(_) => KeyFamily::Ed25519,
        }
    }
}

impl SigningInner {
    /// The public half (for HMAC, the secret itself).
    pub(crate) fn public(&self) -> VerifyingInner {
        match self {
            SigningInner::Hmac(secret) => VerifyingInner::Hmac(secret.clone()),
            #[cfg(feature = "asymmetric")]
            SigningInner::Rsa(key) => VerifyingInner::Rsa(Box::new(key.to_public_key())),
            #[cfg(feature = "asymmetric")]
            SigningInner::P256(key) => VerifyingInner::P256(Box::new(*key.verifying_key())),
            #[cfg(feature = "asymmetric")]
            SigningInner::P384(key) => VerifyingInner::P384(Box::new(*key.verifying_key())),
            #[cfg(feature = "asymmetric")]
            SigningInner::Ed25519(key) => VerifyingInner::Ed25519(Box::new(key.verifying_key())),
        }
    }
}

impl VerifyingInner {
    fn family(&self) -> KeyFamily {
        match self {
            VerifyingInner::Hmac(_) => KeyFamily::Hmac,
            #[cfg(feature = "asymmetric")]
            VerifyingInner::Rsa(_) => KeyFamily::Rsa,
            #[cfg(feature = "asymmetric")]
            VerifyingInner::P256(_) => KeyFamily::P256,
            #[cfg(feature = "asymmetric")]
            VerifyingInner::P384(_) => KeyFamily::P384,
            #[cfg(feature = "asymmetric")]
            VerifyingInner::Ed25519(_) => KeyFamily::Ed25519,
        }
    }
}

/// Chooses the algorithm for a key: the caller's, if it fits the key, or the one the curve
/// implies. RSA and HMAC keys fit several algorithms, so they need an explicit one.
pub(crate) fn resolve_alg(family: KeyFamily, requested: Option<Algorithm>) -> Result<Algorithm> {
    match (requested, family.implied_algorithm()) {
        (Some(alg), _) if alg.family() == family => Ok(alg),
        (Some(alg), _) => Err(Error::KeyAlgorithmMismatch {
            alg: alg.name(),
            key: family.describe(),
        }),
        (None, Some(implied)) => Ok(implied),
        (None, None) => Err(Error::KeyAlgorithmMissing {
            key: family.describe(),
        }),
    }
}

#[cfg(feature = "asymmetric")]
pub(crate) fn check_rsa_size(key: &rsa::PublicKey) -> Result<()> {
    let bits = key.n().bit_width_vartime() as usize;
    if bits < RSA_MIN_BITS {
        return Err(Error::KeyTooWeak {
            reason: "RSA keys must have a modulus of at least 2048 bits",
        });
    }
    if bits > RSA_MAX_BITS {
        return Err(Error::KeyUnsupported {
            reason: "RSA keys larger than 8192 bits are not accepted",
        });
    }
    Ok(())
}

fn check_hmac_secret(secret: &[u8], alg: Algorithm) -> Result<()> {
    // RFC 7518 §3.2: a key of the same size as the hash output or larger MUST be used.
    if secret.len() < alg.hash_len() {
        return Err(Error::KeyTooWeak {
            reason: match alg {
                Algorithm::Hs256 => "HS256 secrets must be at least 32 bytes",
                Algorithm::Hs384 => "HS384 secrets must be at least 48 bytes",
                _ => "HS512 secrets must be at least 64 bytes",
            },
        });
    }
    Ok(())
}

#[cfg(feature = "asymmetric")]
fn random_bytes<const N: usize>() -> Result<zeroize::Zeroizing<[u8; N]>> {
    let mut bytes = zeroize::Zeroizing::new([0u8; N]);
    random::fill(&mut bytes[..])?;
    Ok(bytes)
}

impl SigningKey {
    pub(crate) fn from_inner(
        inner: SigningInner,
        alg: Option<Algorithm>,
        kid: Option<String>,
    ) -> Result<Self> {
        let alg = resolve_alg(inner.family(), alg)?;
        match &inner {
            SigningInner::Hmac(secret) => check_hmac_secret(secret.expose_secret(), alg)?,
            #[cfg(feature = "asymmetric")]
            SigningInner::Rsa(key) => check_rsa_size(key.as_public_key())?,
            #[cfg(feature = "asymmetric")]
            _ => {}
        }
        let mut key = SigningKey {
            inner,
            alg,
            kid,
            #[cfg(feature = "asymmetric")]
            rsa_blinding: Default::default(),
        };
        if key.kid.is_none() && key.family() != KeyFamily::Hmac {
            key.kid = Some(key.verifying_key().thumbprint()?);
        }
        Ok(key)
    }

    /// A fresh key for `alg` from the platform CSPRNG. RSA keys get [`RSA_DEFAULT_BITS`];
    /// HMAC secrets get as many bytes as the hash outputs.
    pub fn generate(alg: Algorithm) -> Result<Self> {
        Self::generate_with_rsa_bits(alg, RSA_DEFAULT_BITS)
    }

    /// Like [`SigningKey::generate`], choosing the RSA modulus size (2048 to 8192 bits, a
    /// multiple of 8). RSA generation is slow, above all in WebAssembly: prefer importing.
    pub fn generate_with_rsa_bits(alg: Algorithm, rsa_bits: usize) -> Result<Self> {
        alg.family().require_available()?;
        crate::secret::scrubbed(|| Self::generate_unscrubbed(alg, rsa_bits))
    }

    fn generate_unscrubbed(alg: Algorithm, rsa_bits: usize) -> Result<Self> {
        let inner = match alg.family() {
            KeyFamily::Hmac => {
                let mut secret = vec![0u8; alg.hash_len()];
                random::fill(&mut secret)?;
                SigningInner::Hmac(SecretBytes::new(secret))
            }
            #[cfg(feature = "asymmetric")]
            KeyFamily::Rsa => {
                if rsa_bits < RSA_MIN_BITS {
                    return Err(Error::KeyTooWeak {
                        reason: "RSA keys must have a modulus of at least 2048 bits",
                    });
                }
                if rsa_bits > RSA_MAX_BITS || rsa_bits % 8 != 0 {
                    return Err(Error::KeyUnsupported {
                        reason: "RSA modulus length must be a multiple of 8 from 2048 to 8192 bits",
                    });
                }
                let key = rsa::PrivateKey::new(&mut getrandom::SysRng, rsa_bits)
                    .map_err(|_| Error::RandomUnavailable)?;
                SigningInner::Rsa(Box::new(key))
            }
            // A uniformly random scalar is out of range with probability below 2^-128;
            // retrying keeps the generator total.
            #[cfg(feature = "asymmetric")]
            KeyFamily::P256 => SigningInner::P256(Box::new(loop {
                if let Ok(key) = p256::ecdsa::SigningKey::from_slice(&random_bytes::<32>()?[..]) {
                    break key;
                }
            })),
            #[cfg(feature = "asymmetric")]
            KeyFamily::P384 => SigningInner::P384(Box::new(loop {
                if let Ok(key) = p384::ecdsa::SigningKey::from_slice(&random_bytes::<48>()?[..]) {
                    break key;
                }
            })),
            #[cfg(feature = "asymmetric")]
            KeyFamily::Ed25519 => SigningInner::Ed25519(Box::new(
                ed25519_dalek::SigningKey::from_bytes(&*random_bytes::<32>()?),
            )),
            // Refused above (`require_available`).
            #[cfg(not(feature = "asymmetric"))]
            family => {
                let _ = rsa_bits;
                return Err(Error::NotInLite {
                    capability: family.describe(),
                });
            }
        };
        Self::from_inner(inner, Some(alg), None)
    }

    /// An HMAC key (`HS256`/`HS384`/`HS512`) from a shared secret at least as long as the hash.
    pub fn from_hmac_secret(secret: &[u8], alg: Algorithm) -> Result<Self> {
        if alg.family() != KeyFamily::Hmac {
            return Err(Error::KeyAlgorithmMismatch {
                alg: alg.name(),
                key: KeyFamily::Hmac.describe(),
            });
        }
        Self::from_inner(
            SigningInner::Hmac(SecretBytes::new(secret.to_vec())),
            Some(alg),
            None,
        )
    }

    /// The same key with another `kid`.
    pub fn with_kid(mut self, kid: impl Into<String>) -> Self {
        self.kid = Some(kid.into());
        self
    }

    /// The algorithm this key signs with.
    pub fn alg(&self) -> Algorithm {
        self.alg
    }

    /// The key id placed in JWS headers: the caller's, or the RFC 7638 thumbprint.
    pub fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    /// The kind of key.
    pub fn family(&self) -> KeyFamily {
        self.inner.family()
    }

    /// A stable, non-secret identity of the key material, for telling credentials apart (the
    /// token store key of [`oauth::token_store_key`](crate::oauth::token_store_key)):
    /// `jkt:` and the RFC 7638 thumbprint for a public-key algorithm; for an HMAC secret,
    /// `hs:` and the base64url HMAC-SHA256 keyed by the secret over a domain-separation label
    /// (never the secret, nor a plain hash of it). The `kid` and `alg` do not count.
    pub fn credential_id(&self) -> Result<String> {
        match &self.inner {
            SigningInner::Hmac(secret) => Ok(crate::mac::keyed_id(
                "hs:",
                secret.expose_secret(),
                HMAC_CREDENTIAL_LABEL,
            )),
            #[cfg(feature = "asymmetric")]
            _ => Ok(format!("jkt:{}", self.verifying_key().thumbprint()?)),
        }
    }

    /// Signs `message` (the JWS signing input) with this key's algorithm.
    ///
    /// RSA private-key operations are blinded (timing side channels): RS* with a per-key
    /// blinding pair squared between signatures ([`super::rsa_sign`]), PS* with fresh
    /// randomness each time; ECDSA uses RFC 6979 deterministic nonces.
    pub fn sign(&self, message: &[u8]) -> Result<Vec<u8>> {
        crate::secret::scrubbed(|| self.sign_unscrubbed(message))
    }

    fn sign_unscrubbed(&self, message: &[u8]) -> Result<Vec<u8>> {
        Ok(match (&self.inner, self.alg) {
            (SigningInner::Hmac(secret), alg) => hmac_tag(alg, secret.expose_secret(), message)?,
            #[cfg(feature = "asymmetric")]
            (SigningInner::Rsa(key), Algorithm::Rs256) => {
                super::rsa_sign::sign_pkcs1v15(key, &self.rsa_blinding, Hash::Sha256, message)?
            }
            #[cfg(feature = "asymmetric")]
            (SigningInner::Rsa(key), Algorithm::Rs384) => {
                super::rsa_sign::sign_pkcs1v15(key, &self.rsa_blinding, Hash::Sha384, message)?
            }
            #[cfg(feature = "asymmetric")]
            (SigningInner::Rsa(key), Algorithm::Rs512) => {
                super::rsa_sign::sign_pkcs1v15(key, &self.rsa_blinding, Hash::Sha512, message)?
            }
            #[cfg(feature = "asymmetric")]
            (SigningInner::Rsa(key), Algorithm::Ps256) => {
                key.pss_sign::<Sha256>(message).map_err(signing_failed)?
            }
            #[cfg(feature = "asymmetric")]
            (SigningInner::Rsa(key), Algorithm::Ps384) => {
                key.pss_sign::<Sha384>(message).map_err(signing_failed)?
            }
            #[cfg(feature = "asymmetric")]
            (SigningInner::Rsa(key), _) => {
                key.pss_sign::<Sha512>(message).map_err(signing_failed)?
            }
            #[cfg(feature = "asymmetric")]
            (SigningInner::P256(key), _) => {
                let sig: p256::ecdsa::Signature = key.try_sign(message).map_err(signing_failed)?;
                sig.to_bytes().to_vec()
            }
            #[cfg(feature = "asymmetric")]
            (SigningInner::P384(key), _) => {
                let sig: p384::ecdsa::Signature = key.try_sign(message).map_err(signing_failed)?;
                sig.to_bytes().to_vec()
            }
            #[cfg(feature = "asymmetric")]
            (SigningInner::Ed25519(key), _) => {
                let sig: ed25519_dalek::Signature =
                    key.try_sign(message).map_err(signing_failed)?;
                sig.to_bytes().to_vec()
            }
        })
    }

    /// The matching verifying key, carrying this key's `alg` and `kid`.
    ///
    /// For HMAC the verifying key is the shared secret itself (kept inside, never exposed).
    pub fn verifying_key(&self) -> VerifyingKey {
        VerifyingKey {
            inner: self.inner.public(),
            alg: Some(self.alg),
            kid: self.kid.clone(),
        }
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningKey")
            .field("alg", &self.alg)
            .field("kid", &self.kid)
            .field("key", &format_args!("[redacted]"))
            .finish()
    }
}

impl VerifyingKey {
    // The lite build's keys are all HMAC: its `if let Hmac` always matches.
    #[cfg_attr(not(feature = "asymmetric"), allow(irrefutable_let_patterns))]
    pub(crate) fn from_inner(
        inner: VerifyingInner,
        alg: Option<Algorithm>,
        kid: Option<String>,
    ) -> Result<Self> {
        #[cfg(feature = "asymmetric")]
        if let VerifyingInner::Rsa(key) = &inner {
            check_rsa_size(key)?;
        }
        let family = inner.family();
        let alg = match alg {
            Some(alg) => Some(resolve_alg(family, Some(alg))?),
            None => family.implied_algorithm(),
        };
        if let VerifyingInner::Hmac(secret) = &inner {
            // Without an `alg`, hold the secret to the shortest hash now; `verify` checks it
            // against the token's algorithm again.
            check_hmac_secret(secret.expose_secret(), alg.unwrap_or(Algorithm::Hs256))?;
        }
        Ok(VerifyingKey { inner, alg, kid })
    }

    /// A verifying key for HMAC tokens: the shared secret (at least as long as the hash).
    pub fn from_hmac_secret(secret: &[u8], alg: Algorithm) -> Result<Self> {
        Ok(SigningKey::from_hmac_secret(secret, alg)?.verifying_key())
    }

    /// The same key with another `kid`.
    pub fn with_kid(mut self, kid: impl Into<String>) -> Self {
        self.kid = Some(kid.into());
        self
    }

    /// The same key restricted to one algorithm (it must fit the key).
    pub fn with_alg(mut self, alg: Algorithm) -> Result<Self> {
        self.alg = Some(resolve_alg(self.family(), Some(alg))?);
        Ok(self)
    }

    /// The algorithm this key is restricted to, if any. Curve keys always have one.
    pub fn alg(&self) -> Option<Algorithm> {
        self.alg
    }

    /// The key id, if any.
    pub fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    /// The kind of key.
    pub fn family(&self) -> KeyFamily {
        self.inner.family()
    }

    /// Whether this key may check a signature made with `alg`: same family, and the key's
    /// own `alg` (if it has one) is `alg`.
    pub fn accepts(&self, alg: Algorithm) -> bool {
        alg.family() == self.family() && self.alg.is_none_or(|own| own == alg)
    }

    /// Checks `signature` over `message` under `alg`.
    ///
    /// Refuses an algorithm the key does not accept (`ERR_JWT_ALG_NOT_ALLOWED`) before any
    /// cryptography; a bad signature is `ERR_JWT_SIGNATURE_INVALID`.
    pub fn verify(&self, alg: Algorithm, message: &[u8], signature: &[u8]) -> Result<()> {
        if !self.accepts(alg) {
            return Err(Error::JwtAlgorithmNotAllowed {
                alg: alg.name().to_owned(),
                reason: "it does not match the key",
            });
        }
        match &self.inner {
            VerifyingInner::Hmac(secret) => {
                check_hmac_secret(secret.expose_secret(), alg)?;
                let expected = hmac_tag(alg, secret.expose_secret(), message)?;
                if mac::ct_eq(&expected, signature) {
                    Ok(())
                } else {
                    Err(Error::JwtSignatureInvalid)
                }
            }
            #[cfg(feature = "asymmetric")]
            VerifyingInner::Rsa(key) => match alg {
                Algorithm::Rs256 => key.pkcs1v15_verify::<Sha256>(message, signature),
                Algorithm::Rs384 => key.pkcs1v15_verify::<Sha384>(message, signature),
                Algorithm::Rs512 => key.pkcs1v15_verify::<Sha512>(message, signature),
                Algorithm::Ps256 => key.pss_verify::<Sha256>(message, signature),
                Algorithm::Ps384 => key.pss_verify::<Sha384>(message, signature),
                _ => key.pss_verify::<Sha512>(message, signature),
            }
            .map_err(signature_invalid),
            #[cfg(feature = "asymmetric")]
            VerifyingInner::P256(key) => {
                let sig =
                    p256::ecdsa::Signature::from_slice(signature).map_err(signature_invalid)?;
                key.verify(message, &sig).map_err(signature_invalid)
            }
            #[cfg(feature = "asymmetric")]
            VerifyingInner::P384(key) => {
                let sig =
                    p384::ecdsa::Signature::from_slice(signature).map_err(signature_invalid)?;
                key.verify(message, &sig).map_err(signature_invalid)
            }
            #[cfg(feature = "asymmetric")]
            VerifyingInner::Ed25519(key) => {
                let sig =
                    ed25519_dalek::Signature::from_slice(signature).map_err(signature_invalid)?;
                // Strict: no small-order keys, no non-canonical encodings (malleability).
                key.verify_strict(message, &sig).map_err(signature_invalid)
            }
        }
    }
}

impl fmt::Debug for VerifyingKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VerifyingKey")
            .field("family", &self.family())
            .field("alg", &self.alg)
            .field("kid", &self.kid)
            .finish()
    }
}

// Named functions rather than closures: each error type from the crypto crates differs.
#[cfg(feature = "asymmetric")]
fn signing_failed<E>(_: E) -> Error {
    Error::SigningFailed
}

#[cfg(feature = "asymmetric")]
fn signature_invalid<E>(_: E) -> Error {
    Error::JwtSignatureInvalid
}

/// HMAC of `message` under `secret` with the hash of `alg` (an HS* algorithm).
fn hmac_tag(alg: Algorithm, secret: &[u8], message: &[u8]) -> Result<Vec<u8>> {
    let hash = match alg {
        Algorithm::Hs256 => Hash::Sha256,
        Algorithm::Hs384 => Hash::Sha384,
        Algorithm::Hs512 => Hash::Sha512,
        other => {
            return Err(Error::KeyAlgorithmMismatch {
                alg: other.name(),
                key: KeyFamily::Hmac.describe(),
            })
        }
    };
    Ok(mac::hmac(hash, secret, &[message]))
}
