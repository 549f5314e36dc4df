//! Untrusted webhook requests: every scheme's header parsing and verification, and the Redox
//! handshake, must never panic. Input: payload, then header values, separated by NUL bytes.
#![no_main]

use healthauth::webhook::{self, redox, Scheme, VerifyOptions};
use healthauth::SecretString;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut parts = data.split(|&b| b == 0);
    let payload = parts.next().unwrap_or_default();
    let values: Vec<String> = parts.map(|p| String::from_utf8_lossy(p).into_owned()).collect();
    let value = |i: usize| values.get(i).cloned().unwrap_or_default();
    let headers = vec![
        ("telesoft-signature".to_owned(), value(0)),
        ("x-hub-signature-256".to_owned(), value(0)),
        ("stripe-signature".to_owned(), value(0)),
        ("webhook-id".to_owned(), value(1)),
        ("webhook-timestamp".to_owned(), value(2)),
        ("webhook-signature".to_owned(), value(0)),
        ("verification-token".to_owned(), value(1)),
    ];
    let secrets = [
        SecretString::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw".into()),
        SecretString::new(value(3)),
    ];
    let options = VerifyOptions::at(1_800_000_000);
    for scheme in [Scheme::Telesoft, Scheme::Github, Scheme::Stripe, Scheme::Standard, Scheme::Redox] {
        let _ = webhook::verify(&scheme, payload, &headers, &secrets, &options);
    }
    let _ = redox::challenge(redox::Handshake::Body(payload), None, &secrets);
    let _ = redox::challenge(redox::Handshake::Query(&value(0)), Some(&value(1)), &secrets);
});
