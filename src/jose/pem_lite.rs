//! Key import from PEM and DER in the lite build (no `asymmetric` feature): PEM and DER
//! carry RSA, EC and Ed25519 keys only, so every call refuses with [`Error::NotInLite`].
//! The full parser is `pem.rs`.

use super::alg::Algorithm;
use super::key::{SigningKey, VerifyingKey};
use crate::error::{Error, Result};

fn not_in_lite<T>() -> Result<T> {
    Err(Error::NotInLite {
        capability: "PEM and DER keys (RSA, P-256, P-384, Ed25519)",
    })
}

impl SigningKey {
    /// Imports a private key from PEM; in the lite build, refused (`ERR_NOT_IN_LITE`).
    pub fn from_pem(_pem: &str, _alg: Option<Algorithm>) -> Result<Self> {
        not_in_lite()
    }

    /// Imports a PKCS#8 private key from DER; in the lite build, refused (`ERR_NOT_IN_LITE`).
    pub fn from_pkcs8_der(_der: &[u8], _alg: Option<Algorithm>) -> Result<Self> {
        not_in_lite()
    }
}

impl VerifyingKey {
    /// Imports a public key from PEM; in the lite build, refused (`ERR_NOT_IN_LITE`).
    pub fn from_pem(_pem: &str, _alg: Option<Algorithm>) -> Result<Self> {
        not_in_lite()
    }

    /// Imports an SPKI public key from DER; in the lite build, refused (`ERR_NOT_IN_LITE`).
    pub fn from_spki_der(_der: &[u8], _alg: Option<Algorithm>) -> Result<Self> {
        not_in_lite()
    }
}
