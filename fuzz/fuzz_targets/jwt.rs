//! Untrusted compact JWS/JWTs: parsing and verification must never panic.
#![no_main]

use healthauth::jose::{self, Algorithm, KeySet, SigningKey, VerifyOptions, VerifyingKey};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn keys() -> &'static Vec<VerifyingKey> {
    static KEYS: OnceLock<Vec<VerifyingKey>> = OnceLock::new();
    KEYS.get_or_init(|| {
        [Algorithm::Es256, Algorithm::EdDsa, Algorithm::Hs256]
            .into_iter()
            .filter_map(|alg| SigningKey::generate(alg).ok())
            .map(|k| k.verifying_key())
            .collect()
    })
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut options = VerifyOptions::new(1_800_000_000);
    options.algorithms = vec![Algorithm::Es256, Algorithm::EdDsa, Algorithm::Hs256];
    options.audience = Some(vec!["aud".into()]);
    for key in keys() {
        let _ = jose::verify_jwt(&text, key, &options);
    }
    let _ = jose::verify_jwt_with_keys(&text, keys(), &options);
    let _ = KeySet::from_keys(keys().clone()).verify_jwt(&text, &options);
});
