//! Telesoft: hex HMAC-SHA256 of the raw body, keyed with the secret's UTF-8 bytes, in the
//! `telesoft-signature` header (seed 000, "Webhook Signatures").
//!
//! Telesoft's own example verifies `JSON.stringify(req.body)`, which fails as soon as the
//! parsed body re-serializes differently; here the raw bytes are verified.

use crate::error::Result;
use crate::secret::SecretString;

use super::hmac_hex::{self, HmacHexConfig};
use super::{Hash, Headers, Verified, VerifyOptions};

/// The header Telesoft sets.
pub const HEADER: &str = "telesoft-signature";

fn config() -> HmacHexConfig {
    HmacHexConfig::with(HEADER, "", Hash::Sha256)
}

/// Verifies `telesoft-signature` against the raw body under any of `secrets`.
pub fn verify(
    payload: &[u8],
    headers: &(impl Headers + ?Sized),
    secrets: &[SecretString],
    options: &VerifyOptions,
) -> Result<Verified> {
    hmac_hex::verify_named(&config(), "telesoft", payload, headers, secrets, options)
}

/// `[("telesoft-signature", <hex>)]` for `payload`.
pub fn sign(payload: &[u8], secrets: &[SecretString]) -> Result<Vec<(String, String)>> {
    hmac_hex::sign(&config(), payload, secrets)
}
