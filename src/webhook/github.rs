//! GitHub: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>`, keyed with the
//! webhook secret's UTF-8 bytes.

use crate::error::Result;
use crate::secret::SecretString;

use super::hmac_hex::{self, HmacHexConfig};
use super::{Hash, Headers, Verified, VerifyOptions};

/// The header GitHub sets (matched case-insensitively).
pub const HEADER: &str = "x-hub-signature-256";

fn config() -> HmacHexConfig {
    HmacHexConfig::with(HEADER, "sha256=", Hash::Sha256)
}

/// Verifies `X-Hub-Signature-256` against the raw body under any of `secrets`.
pub fn verify(
    payload: &[u8],
    headers: &(impl Headers + ?Sized),
    secrets: &[SecretString],
    options: &VerifyOptions,
) -> Result<Verified> {
    hmac_hex::verify_named(&config(), "github", payload, headers, secrets, options)
}

/// `[("x-hub-signature-256", "sha256=<hex>")]` for `payload`.
pub fn sign(payload: &[u8], secrets: &[SecretString]) -> Result<Vec<(String, String)>> {
    hmac_hex::sign(&config(), payload, secrets)
}
