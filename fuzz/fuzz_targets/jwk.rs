//! Untrusted JWKs and JWK sets: import must never panic.
#![no_main]

use healthauth::jose::{self, Algorithm, KeySet, SigningKey, VerifyingKey};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = SigningKey::from_jwk_json(&text, None);
    let _ = VerifyingKey::from_jwk_json(&text, None);
    let _ = VerifyingKey::from_jwk_json(&text, Some(Algorithm::Es384));
    let _ = jose::parse_jwks(&text);
    let _ = KeySet::parse(&text, healthauth::limits::JWK_BYTES);
    if let Ok(set) = KeySet::parse_public(&text, healthauth::limits::JWK_BYTES) {
        // Whatever was accepted must round-trip through export without panicking.
        let _ = jose::jwks(set.keys());
        for key in set.keys() {
            let _ = key.thumbprint();
        }
    }
});
