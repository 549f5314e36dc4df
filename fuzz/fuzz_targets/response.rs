//! Untrusted token endpoint responses (any status, any body): parsing must never panic.
#![no_main]

use healthauth::oauth;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (status, body) = match data.split_first() {
        Some((&b, rest)) => (100 + u16::from(b) * 2, rest),
        None => (200, data),
    };
    let text = String::from_utf8_lossy(body);
    let options = oauth::TokenResponseOptions::at(1_800_000_000);
    let _ = oauth::parse_token_response(status, &text, &options);
    if let Ok(token) = oauth::parse_token_response(200, &text, &options) {
        let _ = token.launch_context();
    }
});
