//! The authorization response on the redirect URI (RFC 6749 §4.1.2, RFC 9700 §4.7).

use super::sanitize_provider_text;
use crate::encoding::form::decode_pairs;
use crate::error::{Error, Result};
use crate::secret::SecretString;

/// Longest provider `error` code kept in an error.
const MAX_ERROR_LEN: usize = 128;
/// Longest provider `error_description` kept in an error.
const MAX_DESCRIPTION_LEN: usize = 512;

/// A successful authorization response.
#[derive(Debug, Clone)]
pub struct Callback {
    /// The authorization code, to exchange once with [`super::code_exchange_request`].
    pub code: SecretString,
    /// The `state`, already checked against the expected one.
    pub state: String,
    /// The `iss` parameter (RFC 9207), when the provider sends one.
    pub iss: Option<String>,
}

/// Parses the URL the provider redirected to (or just its query string) and checks `state`.
///
/// The checks run in this order, so that nothing the provider wrote is reported before the
/// callback is known to answer this client's own request:
///
/// 1. A repeated parameter (RFC 6749 §3.1) or bad percent-encoding:
///    [`Error::OAuthCallbackInvalid`].
/// 2. A `state` that is missing or differs from `expected_state` (compared in constant time):
///    [`Error::OAuthStateMismatch`], whatever else the callback says. Anyone can send a user to
///    the redirect URI with an `error_description` of their choosing; without the state it is
///    not shown.
/// 3. With `expected_issuer` (the provider advertises
///    `authorization_response_iss_parameter_supported`, RFC 9207): an `iss` that is missing or
///    different is [`Error::OAuthCallbackInvalid`] (a mix-up attack, RFC 9700 §4.4), for error
///    responses too (RFC 9207 §2.4).
/// 4. An `error` parameter: [`Error::OAuthCallbackError`] with the provider's code and
///    description (sanitized and bounded).
/// 5. No `code`: [`Error::OAuthCallbackInvalid`].
///
/// A URL over [`crate::limits::CALLBACK_BYTES`] is [`Error::InputTooLarge`]; see
/// [`parse_callback_with_limit`] for another cap.
pub fn parse_callback(
    url: &str,
    expected_state: &str,
    expected_issuer: Option<&str>,
) -> Result<Callback> {
    parse_callback_with_limit(
        url,
        expected_state,
        expected_issuer,
        crate::limits::CALLBACK_BYTES,
    )
}

/// [`parse_callback`] with a size cap of `max_bytes`, checked before anything is decoded.
pub fn parse_callback_with_limit(
    url: &str,
    expected_state: &str,
    expected_issuer: Option<&str>,
    max_bytes: usize,
) -> Result<Callback> {
    crate::limits::check("callback URL", url.len(), max_bytes)?;
    if expected_state.is_empty() {
        return Err(Error::InvalidArgument {
            name: "expectedState",
            expected: "the non-empty state sent with the authorization request",
        });
    }
    let pairs = decode_pairs(crate::url::query(url))?;
    let mut code = None;
    let mut state = None;
    let mut error = None;
    let mut description = None;
    let mut iss = None;
    for (name, value) in pairs {
        let slot = match name.as_str() {
            "code" => &mut code,
            "state" => &mut state,
            "error" => &mut error,
            "error_description" => &mut description,
            "iss" => &mut iss,
            _ => continue,
        };
        if slot.is_some() {
            return Err(Error::OAuthCallbackInvalid {
                reason: "a parameter appears more than once (RFC 6749 section 3.1)",
            });
        }
        *slot = Some(value);
    }
    let code = code.map(SecretString::new);
    // State first: until it matches, the callback may come from anyone (CSRF, RFC 6749 §10.12),
    // and nothing else it says is reported.
    let state = state
        .filter(|state| crate::mac::ct_eq(state.as_bytes(), expected_state.as_bytes()))
        .ok_or(Error::OAuthStateMismatch)?;
    if let Some(expected) = expected_issuer {
        if iss.as_deref() != Some(expected) {
            return Err(Error::OAuthCallbackInvalid {
                reason: "its `iss` is missing or not the expected issuer (RFC 9207; possible mix-up attack)",
            });
        }
    }
    if let Some(error) = error {
        return Err(Error::OAuthCallbackError {
            error: sanitize_provider_text(&error, MAX_ERROR_LEN),
            description: description
                .map(|d| sanitize_provider_text(&d, MAX_DESCRIPTION_LEN))
                .filter(|d| !d.is_empty()),
        });
    }
    let code =
        code.filter(|c| !c.expose_secret().is_empty())
            .ok_or(Error::OAuthCallbackInvalid {
                reason: "it has no `code` parameter",
            })?;
    Ok(Callback { code, state, iss })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn success() {
        let c = parse_callback(
            "https://app/cb?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz&iss=https%3A%2F%2Fas#frag",
            "xyz",
            Some("https://as"),
        )
        .unwrap();
        assert_eq!(c.code.expose_secret(), "SplxlOBeZQQYbYS6WxSbIA");
        assert_eq!(c.state, "xyz");
        assert_eq!(c.iss.as_deref(), Some("https://as"));
        assert!(!format!("{c:?}").contains("SplxlOBeZQQYbYS6WxSbIA"));
        let c = parse_callback("state=a%20b&code=c%2Bd&other=1", "a b", None).unwrap();
        assert_eq!(c.code.expose_secret(), "c+d");
        let c = parse_callback("?code=x&state=s", "s", None).unwrap();
        assert_eq!(c.code.expose_secret(), "x");
    }

    #[test]
    fn state_checks() {
        for url in [
            "https://app/cb?code=x&state=other",
            "https://app/cb?code=x&state=xy",
            "https://app/cb?code=x&state=xyzz",
            "https://app/cb?code=x",
            "https://app/cb?code=x&state=",
            "https://app/cb?error=access_denied&state=forged",
            "https://app/cb",
        ] {
            assert_eq!(
                parse_callback(url, "xyz", None).unwrap_err(),
                Error::OAuthStateMismatch,
                "{url}"
            );
        }
        assert_eq!(
            parse_callback("https://app/cb?code=x&state=", "", None)
                .unwrap_err()
                .code(),
            "ERR_INVALID_ARGUMENT"
        );
    }

    #[test]
    fn provider_errors() {
        assert_eq!(
            parse_callback(
                "https://app/cb?error=access_denied&error_description=The+user+said+no%0A&state=xyz",
                "xyz", None
            )
            .unwrap_err(),
            Error::OAuthCallbackError {
                error: "access_denied".into(),
                description: Some("The user said no".into())
            }
        );
        // Without the expected state, the provider's (or an attacker's) text is not shown:
        // anyone can send a user to the redirect URI with an error_description of their choice.
        for url in [
            "https://app/cb?error=server_error",
            "https://app/cb?error=access_denied&error_description=Call+%2B1-555-0100+to+restore+access",
            "https://app/cb?error=access_denied&error_description=x&state=forged",
        ] {
            assert_eq!(
                parse_callback(url, "xyz", None).unwrap_err(),
                Error::OAuthStateMismatch,
                "{url}"
            );
        }
        let long = format!("https://app/cb?error={}&state=xyz", "e".repeat(10_000));
        let e = parse_callback(&long, "xyz", None).unwrap_err();
        assert!(matches!(e, Error::OAuthCallbackError { ref error, .. } if error.len() == 128));
    }

    #[test]
    fn issuer_check() {
        let url = "https://app/cb?code=x&state=xyz&iss=https%3A%2F%2Fas.example";
        assert!(parse_callback(url, "xyz", Some("https://as.example")).is_ok());
        for (url, issuer) in [
            (url, "https://evil.example"),
            ("https://app/cb?code=x&state=xyz", "https://as.example"),
        ] {
            assert_eq!(
                parse_callback(url, "xyz", Some(issuer)).unwrap_err().code(),
                "ERR_OAUTH_CALLBACK_INVALID"
            );
        }
        // State first, then the issuer, then the provider's error (RFC 9207 section 2.4: an
        // error response from the wrong issuer is a mix-up, its text is not shown).
        let error =
            "https://app/cb?error=access_denied&error_description=no&iss=https%3A%2F%2Fevil";
        assert_eq!(
            parse_callback(error, "xyz", Some("https://as")).unwrap_err(),
            Error::OAuthStateMismatch
        );
        let error = format!("{error}&state=xyz");
        assert_eq!(
            parse_callback(&error, "xyz", Some("https://as"))
                .unwrap_err()
                .code(),
            "ERR_OAUTH_CALLBACK_INVALID"
        );
        assert_eq!(
            parse_callback(&error, "xyz", None).unwrap_err().code(),
            "ERR_OAUTH_CALLBACK_ERROR"
        );
    }

    mod props {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn never_panics(url in any::<String>(), state in any::<String>()) {
                let _ = parse_callback(&url, &state, Some("https://as"));
            }

            #[test]
            fn round_trips_any_code_and_state(code in ".{1,64}", state in ".{1,64}") {
                let url = format!(
                    "https://app/cb?code={}&state={}",
                    crate::encoding::form::encode_component(&code),
                    crate::encoding::form::encode_component(&state)
                );
                let c = parse_callback(&url, &state, None).unwrap();
                prop_assert_eq!(c.code.expose_secret(), code.as_str());
                prop_assert_eq!(c.state, state);
            }
        }
    }

    #[test]
    fn malformed() {
        for url in [
            "https://app/cb?state=xyz",
            "https://app/cb?state=xyz&code=",
            "https://app/cb?code=a&code=b&state=xyz",
            "https://app/cb?code=a&state=xyz&state=xyz",
            "https://app/cb?code=%ZZ&state=xyz",
        ] {
            assert_eq!(
                parse_callback(url, "xyz", None).unwrap_err().code(),
                "ERR_OAUTH_CALLBACK_INVALID",
                "{url}"
            );
        }
    }
}
