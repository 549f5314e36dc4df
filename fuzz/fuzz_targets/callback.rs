//! Untrusted OAuth callback URLs and `form_post` bodies: parsing must never panic.
#![no_main]

use healthauth::{encoding, oauth};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = oauth::parse_callback(&text, "expected-state", Some("https://issuer.example"));
    let _ = oauth::parse_callback(&text, "expected-state", None);
    let _ = encoding::form::decode_pairs(&text);
});
