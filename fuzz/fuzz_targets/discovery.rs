//! Untrusted discovery documents (SMART configuration, OpenID configuration, RFC 8414
//! metadata) and discovery URLs: parsing must never panic.
#![no_main]

use healthauth::discovery;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(metadata) = discovery::parse_smart_configuration(&text, Some("https://ehr.example/fhir")) {
        let _ = metadata.to_json();
    }
    let _ = discovery::parse_smart_configuration(&text, None);
    let _ = discovery::parse_openid_configuration(&text, "https://ehr.example");
    let _ = discovery::parse_authorization_server_metadata(&text, "https://ehr.example");
    let _ = discovery::discovery_urls(&text);
});
