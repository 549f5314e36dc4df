//! Untrusted OAuth inputs: callback URLs, token endpoint responses, query strings, IPs and
//! CIDR lists, API keys. Parsing must never panic.
#![no_main]

use healthauth::{encoding, net, oauth, providers, url};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let status = data.first().map_or(200, |&b| 100 + u16::from(b) * 2);
    let _ = oauth::parse_token_response(
        status,
        &text,
        &oauth::TokenResponseOptions::at(1_800_000_000),
    );
    let _ = oauth::parse_callback(&text, "expected-state", Some("https://issuer.example"));
    let _ = encoding::form::decode_pairs(&text);
    let _ = url::validate_endpoint(&text, "tokenEndpoint");
    let mut parts = text.split('\n');
    let ip = parts.next().unwrap_or_default();
    let cidrs: Vec<&str> = parts.collect();
    let _ = net::ip_allowed(ip, &cidrs);
    let _ = providers::parse_api_key(&text);
});
