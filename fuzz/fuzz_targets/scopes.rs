//! Untrusted scope strings (granted and required): parsing and matching must never panic.
//! Input: granted scopes, newline, required scopes.
#![no_main]

use healthauth::smart;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (granted, required) = text.split_once('\n').unwrap_or((&text, "patient/*.rs"));
    if let Ok(scopes) = smart::parse_scopes(granted) {
        for scope in scopes {
            let _ = scope.to_json();
        }
    }
    let _ = smart::missing_scopes(granted, required);
    let _ = smart::scopes_satisfy(granted, required);
});
