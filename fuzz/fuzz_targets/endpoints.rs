//! Untrusted PAR, revocation and introspection responses: parsing must never panic.
#![no_main]

use healthauth::oauth;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (status, body) = match data.split_first() {
        Some((&b, rest)) => (100 + u16::from(b) * 2, rest),
        None => (200, data),
    };
    let text = String::from_utf8_lossy(body);
    for status in [status, 200, 201] {
        let _ = oauth::parse_pushed_authorization_response(status, &text);
        let _ = oauth::parse_revocation_response(status, &text);
        if let Ok(introspection) = oauth::parse_introspection_response(status, &text) {
            let _ = introspection.to_json();
        }
    }
});
