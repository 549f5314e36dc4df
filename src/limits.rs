//! Size caps on inputs an attacker can send, checked before anything is copied or parsed.
//!
//! Parsing costs memory in proportion to the input (a JSON tree about 40 times the text), and
//! wasm memory never shrinks: an uncapped parse of one large request could take a whole
//! instance down. Each cap is the default of an option that can lower or raise it.

use crate::error::{Error, Result};

/// An OAuth callback URL or `form_post` body: 64 KiB.
pub const CALLBACK_BYTES: usize = 64 * 1024;
/// A token, introspection, PAR, revocation or discovery response body: 1 MiB. Raised or
/// lowered per call by `TokenResponseOptions::max_bytes` and the `*_with_limit` forms of
/// `oauth::parse_{introspection,pushed_authorization,revocation}_response` and of
/// `discovery::parse_*`.
pub const RESPONSE_BYTES: usize = 1024 * 1024;
/// A JWK or JWK set as JSON text: 256 KiB (a set of a dozen RSA keys fits easily).
pub const JWK_BYTES: usize = 256 * 1024;
/// A compact JWS/JWT: 64 KiB.
pub const TOKEN_BYTES: usize = 64 * 1024;
/// A Redox verification handshake (its POST body or GET URL, and its `verification-token`
/// header): 4 KiB. It carries only a challenge of at most 512 characters and the destination's
/// token.
pub const REDOX_HANDSHAKE_BYTES: usize = 4 * 1024;
/// One HTTP header value read by a webhook verifier: 8 KiB by default
/// (`webhook::VerifyOptions::max_header_bytes`).
pub const HEADER_BYTES: usize = 8 * 1024;
/// A scope string (granted or required): 64 KiB, far above the few hundred SMART scopes an
/// EHR grants at most.
pub const SCOPE_BYTES: usize = 64 * 1024;

/// Refuses `size` bytes of `input` when they are over `max`.
pub fn check(input: &'static str, size: usize, max: usize) -> Result<()> {
    if size > max {
        return Err(Error::InputTooLarge { input, size, max });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_the_limit_passes_one_past_it_is_refused() {
        assert!(check("callback URL", CALLBACK_BYTES, CALLBACK_BYTES).is_ok());
        let error = check("callback URL", CALLBACK_BYTES + 1, CALLBACK_BYTES).unwrap_err();
        assert_eq!(error.code(), "ERR_INPUT_TOO_LARGE");
        assert!(error.to_string().contains("65536-byte limit"));
    }

    #[test]
    fn callbacks_and_token_responses_are_capped_before_parsing() {
        let pad = "x".repeat(CALLBACK_BYTES);
        let url = format!("https://app/cb?code=c&state=s&pad={pad}");
        let error = crate::oauth::parse_callback(&url, "s", None).unwrap_err();
        assert_eq!(error.code(), "ERR_INPUT_TOO_LARGE");
        let raised = crate::oauth::parse_callback_with_limit(&url, "s", None, 2 * CALLBACK_BYTES);
        assert_eq!(raised.unwrap().code.expose_secret(), "c");

        let body = format!(
            r#"{{"access_token":"at","pad":"{}"}}"#,
            "x".repeat(RESPONSE_BYTES)
        );
        let options = crate::oauth::TokenResponseOptions::at(0);
        let error = crate::oauth::parse_token_response(200, &body, &options).unwrap_err();
        assert_eq!(error.code(), "ERR_INPUT_TOO_LARGE");
        let small = crate::oauth::parse_token_response(
            200,
            r#"{"access_token":"at"}"#,
            &crate::oauth::TokenResponseOptions {
                max_bytes: 21,
                ..options
            },
        );
        assert_eq!(small.unwrap().access_token.expose_secret(), "at");
    }

    /// `body` padded with spaces (JSON whitespace) to exactly `size` bytes.
    fn padded(body: &str, size: usize) -> String {
        format!("{body}{}", " ".repeat(size - body.len()))
    }

    #[test]
    fn introspection_par_and_revocation_responses_are_capped_at_the_limit_and_configurable() {
        use crate::oauth;
        let introspection = r#"{"active":true,"scope":"a"}"#;
        let par = r#"{"request_uri":"urn:ietf:params:oauth:request_uri:x","expires_in":60}"#;
        let at = |body| padded(body, RESPONSE_BYTES);
        let past = |body| padded(body, RESPONSE_BYTES + 1);
        assert!(oauth::parse_introspection_response(200, &at(introspection)).is_ok());
        let error = oauth::parse_introspection_response(200, &past(introspection)).unwrap_err();
        assert_eq!(error.code(), "ERR_INPUT_TOO_LARGE");
        assert!(oauth::parse_pushed_authorization_response(201, &at(par)).is_ok());
        let error = oauth::parse_pushed_authorization_response(201, &past(par)).unwrap_err();
        assert_eq!(error.code(), "ERR_INPUT_TOO_LARGE");
        assert!(oauth::parse_revocation_response(200, &at("")).is_ok());
        let error = oauth::parse_revocation_response(200, &past("")).unwrap_err();
        assert_eq!(error.code(), "ERR_INPUT_TOO_LARGE");

        // The cap is an option: lowered to the body's size exactly, and one byte under it.
        let n = introspection.len();
        assert!(oauth::parse_introspection_response_with_limit(200, introspection, n).is_ok());
        let error = oauth::parse_introspection_response_with_limit(200, introspection, n - 1);
        assert_eq!(error.unwrap_err().code(), "ERR_INPUT_TOO_LARGE");
        let raised = oauth::parse_introspection_response_with_limit(
            200,
            &past(introspection),
            2 * RESPONSE_BYTES,
        );
        assert!(raised.is_ok());
        let n = par.len();
        assert!(oauth::parse_pushed_authorization_response_with_limit(201, par, n).is_ok());
        let error = oauth::parse_pushed_authorization_response_with_limit(201, par, n - 1);
        assert_eq!(error.unwrap_err().code(), "ERR_INPUT_TOO_LARGE");
        assert!(oauth::parse_revocation_response_with_limit(200, "{}", 2).is_ok());
        let error = oauth::parse_revocation_response_with_limit(200, "{}", 1);
        assert_eq!(error.unwrap_err().code(), "ERR_INPUT_TOO_LARGE");
    }

    #[test]
    fn discovery_documents_are_capped_at_the_limit_and_configurable() {
        use crate::discovery;
        let smart = r#"{"token_endpoint":"https://ehr.example/token","capabilities":[],"code_challenge_methods_supported":["S256"]}"#;
        let openid = r#"{"issuer":"https://ehr.example","authorization_endpoint":"https://ehr.example/a","token_endpoint":"https://ehr.example/t","jwks_uri":"https://ehr.example/j"}"#;
        let issuer = "https://ehr.example";
        assert!(discovery::parse_smart_configuration(&padded(smart, RESPONSE_BYTES), None).is_ok());
        let error = discovery::parse_smart_configuration(&padded(smart, RESPONSE_BYTES + 1), None)
            .unwrap_err();
        assert_eq!(error.code(), "ERR_INPUT_TOO_LARGE");
        assert!(
            discovery::parse_openid_configuration(&padded(openid, RESPONSE_BYTES), issuer).is_ok()
        );
        let error =
            discovery::parse_openid_configuration(&padded(openid, RESPONSE_BYTES + 1), issuer);
        assert_eq!(error.unwrap_err().code(), "ERR_INPUT_TOO_LARGE");
        let error = discovery::parse_authorization_server_metadata(
            &padded(openid, RESPONSE_BYTES + 1),
            issuer,
        );
        assert_eq!(error.unwrap_err().code(), "ERR_INPUT_TOO_LARGE");

        let n = smart.len();
        assert!(discovery::parse_smart_configuration_with_limit(smart, None, n).is_ok());
        let error =
            discovery::parse_smart_configuration_with_limit(smart, None, n - 1).unwrap_err();
        assert_eq!(error.code(), "ERR_INPUT_TOO_LARGE");
        let n = openid.len();
        assert!(discovery::parse_openid_configuration_with_limit(openid, issuer, n).is_ok());
        let error = discovery::parse_openid_configuration_with_limit(openid, issuer, n - 1);
        assert_eq!(error.unwrap_err().code(), "ERR_INPUT_TOO_LARGE");
        assert!(
            discovery::parse_authorization_server_metadata_with_limit(openid, issuer, n).is_ok()
        );
        let error =
            discovery::parse_authorization_server_metadata_with_limit(openid, issuer, n - 1);
        assert_eq!(error.unwrap_err().code(), "ERR_INPUT_TOO_LARGE");
    }

    #[test]
    fn jwks_and_webhook_headers_are_capped_at_the_limit() {
        // A JWK set at exactly the cap parses (its padding is JSON whitespace); one byte more
        // is refused before parsing; the cap is the `max_bytes` of `KeySet::parse`.
        let set = r#"{"keys":[{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}]}"#;
        assert!(crate::jose::KeySet::parse(&padded(set, JWK_BYTES), JWK_BYTES).is_ok());
        let error = crate::jose::KeySet::parse(&padded(set, JWK_BYTES + 1), JWK_BYTES).unwrap_err();
        assert_eq!(error.code(), "ERR_INPUT_TOO_LARGE");
        assert!(crate::jose::KeySet::parse(set, set.len()).is_ok());
        let error = crate::jose::KeySet::parse(set, set.len() - 1).unwrap_err();
        assert_eq!(error.code(), "ERR_INPUT_TOO_LARGE");
        let error = crate::jose::parse_jwks(&padded(set, JWK_BYTES + 1)).unwrap_err();
        assert_eq!(error.code(), "ERR_INPUT_TOO_LARGE");

        // One webhook header value: at the cap accepted, one past refused.
        assert!(crate::webhook::check_header_size(&"a".repeat(HEADER_BYTES), HEADER_BYTES).is_ok());
        let error = crate::webhook::check_header_size(&"a".repeat(HEADER_BYTES + 1), HEADER_BYTES)
            .unwrap_err();
        assert_eq!(error.code(), "ERR_INPUT_TOO_LARGE");
    }
}
