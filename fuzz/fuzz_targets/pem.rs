//! Untrusted key files (PEM text and DER bytes, every label): import must never panic.
#![no_main]

use healthauth::jose::{Algorithm, SigningKey, VerifyingKey};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = SigningKey::from_pkcs8_der(data, None);
    let _ = VerifyingKey::from_spki_der(data, None);
    let text = String::from_utf8_lossy(data);
    let _ = SigningKey::from_pem(&text, Some(Algorithm::Rs256));
    let _ = VerifyingKey::from_pem(&text, None);
    // A PEM wrapper around arbitrary DER reaches the DER parsers through the PEM path too.
    for label in ["PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "PUBLIC KEY", "CERTIFICATE"] {
        let pem = format!(
            "-----BEGIN {label}-----\n{}\n-----END {label}-----\n",
            base64(data)
        );
        let _ = SigningKey::from_pem(&pem, None);
        let _ = VerifyingKey::from_pem(&pem, None);
    }
});

fn base64(data: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in data.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}
