//! Untrusted OpenID Connect ID tokens: verification must never panic.
#![no_main]

use healthauth::jose::{self, Algorithm, IdTokenOptions, KeySet, SigningKey};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn keys() -> &'static KeySet {
    static KEYS: OnceLock<KeySet> = OnceLock::new();
    KEYS.get_or_init(|| {
        KeySet::from_keys(
            [Algorithm::Es256, Algorithm::EdDsa]
                .into_iter()
                .filter_map(|alg| SigningKey::generate(alg).ok())
                .map(|k| k.verifying_key())
                .collect(),
        )
    })
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut id = IdTokenOptions::new("https://ehr.example", "app", 1_800_000_000);
    let _ = jose::verify_id_token(&text, keys(), &id);
    id.nonce = Some("n".into());
    id.max_age_seconds = Some(60);
    let _ = jose::verify_id_token(&text, keys(), &id);
});
