//! Untrusted provider inputs: API keys (Telesoft) and a provider's base URL must never panic.
#![no_main]

use healthauth::{providers, url};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(key) = providers::parse_api_key(&text) {
        let _ = (key.provider(), key.environment(), key.redacted());
    }
    let _ = providers::digitail(&text);
    let _ = url::validate_endpoint(&text, "tokenEndpoint");
    let _ = url::normalize_http_uri(&text);
});
