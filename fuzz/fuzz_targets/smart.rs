//! Untrusted SMART, OpenID Connect and DPoP inputs: discovery documents, scope strings, launch
//! context, ID tokens, DPoP proofs, PAR, revocation and introspection responses. Parsing and
//! verification must never panic.
#![no_main]

use healthauth::jose::{self, Algorithm, DpopVerifyOptions, IdTokenOptions, KeySet, SigningKey};
use healthauth::{discovery, oauth, smart, url};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn keys() -> &'static KeySet {
    static KEYS: OnceLock<KeySet> = OnceLock::new();
    KEYS.get_or_init(|| {
        KeySet::from_keys(
            [Algorithm::Es256, Algorithm::EdDsa]
                .into_iter()
                .filter_map(|alg| SigningKey::generate(alg).ok())
                .map(|k| k.verifying_key())
                .collect(),
        )
    })
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let status = data.first().map_or(200, |&b| 100 + u16::from(b) * 2);
    let _ = discovery::parse_smart_configuration(&text, Some("https://ehr.example/fhir"));
    let _ = discovery::parse_openid_configuration(&text, "https://ehr.example");
    let _ = discovery::parse_authorization_server_metadata(&text, "https://ehr.example");
    let _ = discovery::discovery_urls(&text);
    let (granted, required) = text.split_once('\n').unwrap_or((&text, "patient/*.rs"));
    let _ = smart::missing_scopes(granted, required);
    let _ = url::normalize_http_uri(&text);
    let token = oauth::parse_token_response(200, &text, &oauth::TokenResponseOptions::at(0));
    if let Ok(token) = token {
        let _ = token.launch_context();
    }
    let mut id = IdTokenOptions::new("https://ehr.example", "app", 1_800_000_000);
    id.nonce = Some("n".into());
    id.max_age_seconds = Some(60);
    let _ = jose::verify_id_token(&text, keys(), &id);
    let mut dpop = DpopVerifyOptions::new("POST", "https://as.example/token", 1_800_000_000);
    dpop.nonce = Some("n".into());
    let _ = jose::verify_dpop_proof(&text, &dpop);
    let _ = oauth::parse_pushed_authorization_response(status, &text);
    let _ = oauth::parse_revocation_response(status, &text);
    let _ = oauth::parse_introspection_response(status, &text);
});
