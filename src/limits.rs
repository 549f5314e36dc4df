//! Size caps on inputs an attacker can send, checked before anything is copied or parsed.
//!
//! Parsing costs memory in proportion to the input (a JSON tree about 40 times the text), and
//! wasm memory never shrinks: an uncapped parse of one large request could take a whole
//! instance down. Each cap is the default of an option that can lower or raise it.

use crate::error::{Error, Result};

/// An OAuth callback URL or `form_post` body: 64 KiB.
pub const CALLBACK_BYTES: usize = 64 * 1024;
/// A token, introspection or discovery response body: 1 MiB.
pub const RESPONSE_BYTES: usize = 1024 * 1024;
/// A JWK or JWK set as JSON text: 256 KiB (a set of a dozen RSA keys fits easily).
pub const JWK_BYTES: usize = 256 * 1024;
/// A compact JWS/JWT: 64 KiB.
pub const TOKEN_BYTES: usize = 64 * 1024;
/// A Redox verification handshake (its POST body or GET URL): 4 KiB. It carries only a
/// challenge of at most 512 characters and the destination's token.
pub const REDOX_HANDSHAKE_BYTES: usize = 4 * 1024;
/// One HTTP header value read by a webhook verifier: 8 KiB.
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
}
