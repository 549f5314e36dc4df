//! Untrusted webhook requests: every scheme's header parsing and verification must never
//! panic. Input: payload, then header values, separated by NUL bytes. The Redox handshake has
//! its own target (`redox`).
#![no_main]

use healthauth::webhook::{self, Scheme, SchemeOptions, VerifyOptions};
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
        ("x-signature".to_owned(), value(0)),
    ];
    let secrets = [
        SecretString::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw".into()),
        SecretString::new(value(3)),
    ];
    let options = VerifyOptions::at(1_800_000_000);
    let hmac_hex = |hash| {
        let options = SchemeOptions { header: Some("x-signature"), prefix: Some("sha512="), hash };
        Scheme::parse("hmac-hex", options).ok()
    };
    let schemes = [Scheme::Telesoft, Scheme::Github, Scheme::Stripe, Scheme::Standard, Scheme::Redox]
        .into_iter()
        .chain(hmac_hex(Some("sha512")))
        .chain(hmac_hex(None));
    for scheme in schemes {
        let _ = webhook::verify(&scheme, payload, &headers, &secrets, &options);
    }
    let name = value(4);
    let _ = Scheme::parse(&name, SchemeOptions { header: Some(&name), prefix: None, hash: Some(&name) });
});
