//! Helpers shared by the JOSE integration tests (each test crate uses a subset).
#![allow(
    dead_code,
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

pub mod pems;

use base64ct::{Base64, Base64UrlUnpadded, Encoding};
use healthauth::jose::JsonObject;

/// Decodes lowercase or uppercase hex; panics on malformed input (test data only).
pub fn hex(s: &str) -> Vec<u8> {
    assert!(s.len() % 2 == 0, "odd-length hex: {s}");
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex digit"))
        .collect()
}

/// base64url without padding (as JOSE uses it).
pub fn b64(bytes: &[u8]) -> String {
    Base64UrlUnpadded::encode_string(bytes)
}

/// Decodes base64url without padding; panics on malformed input (test data only).
pub fn unb64(s: &str) -> Vec<u8> {
    Base64UrlUnpadded::decode_vec(s).expect("base64url")
}

/// The error code of a result that must be an error.
pub fn err_code<T: std::fmt::Debug>(result: healthauth::Result<T>) -> &'static str {
    match result {
        Ok(v) => panic!("expected an error, got Ok({v:?})"),
        Err(e) => e.code(),
    }
}

/// A JSON object literal from `serde_json::json!`.
pub fn obj(value: serde_json::Value) -> JsonObject {
    match value {
        serde_json::Value::Object(map) => map,
        other => panic!("not an object: {other}"),
    }
}

/// Builds a compact token from raw header and payload JSON text and raw signature bytes.
pub fn raw_token(header: &str, payload: &str, signature: &[u8]) -> String {
    format!(
        "{}.{}.{}",
        b64(header.as_bytes()),
        b64(payload.as_bytes()),
        b64(signature)
    )
}

/// The DER inside a single-block PEM (test data only).
pub fn pem_der(pem: &str) -> Vec<u8> {
    let body: String = pem
        .lines()
        .filter(|line| !line.starts_with("-----"))
        .collect();
    Base64::decode_vec(&body).expect("PEM base64")
}

/// A PEM block with base64 lines `width` characters wide (RFC 7468 generators use 64).
pub fn wrap_pem(label: &str, der: &[u8], width: usize) -> String {
    let body = Base64::encode_string(der);
    let lines: Vec<&str> = body
        .as_bytes()
        .chunks(width)
        .map(|chunk| std::str::from_utf8(chunk).expect("ASCII"))
        .collect();
    format!(
        "-----BEGIN {label}-----\n{}\n-----END {label}-----\n",
        lines.join("\n")
    )
}

/// One key per algorithm, made once per test binary; the RSA algorithms share one generated
/// key (RSA generation is slow in debug builds).
pub fn keys() -> &'static [healthauth::jose::SigningKey] {
    use healthauth::jose::{Algorithm, KeyFamily, SigningKey};
    static KEYS: std::sync::OnceLock<Vec<SigningKey>> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| {
        let rsa = SigningKey::generate(Algorithm::Rs256).unwrap();
        let mut rsa_jwk = rsa.export_private_jwk().unwrap();
        rsa_jwk.remove("alg");
        Algorithm::ALL
            .iter()
            .map(|&alg| match alg.family() {
                KeyFamily::Rsa => SigningKey::from_jwk(&rsa_jwk, Some(alg)).unwrap(),
                _ => SigningKey::generate(alg).unwrap(),
            })
            .collect()
    })
}

/// The cached key for `alg`.
pub fn key(alg: healthauth::jose::Algorithm) -> &'static healthauth::jose::SigningKey {
    let index = healthauth::jose::Algorithm::ALL
        .iter()
        .position(|a| *a == alg)
        .unwrap();
    &keys()[index]
}
