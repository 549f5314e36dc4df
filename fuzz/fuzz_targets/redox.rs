//! Untrusted Redox verification handshakes (POST body or GET URL, with or without the header):
//! answering must never panic. Input: handshake, NUL, header token.
#![no_main]

use healthauth::webhook::redox::{self, Handshake};
use healthauth::SecretString;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (input, header) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], Some(String::from_utf8_lossy(&data[i + 1..]).into_owned())),
        None => (data, None),
    };
    let tokens = [SecretString::new("redox-token".into())];
    let text = String::from_utf8_lossy(input);
    let _ = redox::challenge(Handshake::Body(input), header.as_deref(), &tokens);
    let _ = redox::challenge(Handshake::Query(&text), header.as_deref(), &tokens);
    let _ = redox::challenge(Handshake::from_text(&text), None, &tokens);
    let fields = Handshake::Fields { challenge: Some(&text), token: header.as_deref() };
    let _ = redox::challenge(fields, None, &tokens);
});
