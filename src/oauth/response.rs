//! Token endpoint responses (RFC 6749 §5.1 and §5.2), lenient where real providers deviate.

use serde_json::{Map, Value};

use super::sanitize_provider_text;
use crate::error::{Error, Result};
use crate::secret::SecretString;

/// How long before expiry a token is due for refresh when nothing else is said: 60 seconds,
/// capped at half the token's lifetime (so that a 5-minute Redox token is refreshed at 4 min).
pub const DEFAULT_REFRESH_SKEW_SECONDS: u64 = 60;
/// Lifetimes above this (ten years) are treated as this, so that arithmetic cannot overflow.
const MAX_LIFETIME_SECONDS: u64 = 10 * 365 * 24 * 3600;
/// Fields of an RFC 6749 §5.1 response; everything else lands in [`TokenResponse::extra`].
const KNOWN: &[&str] = &[
    "access_token",
    "token_type",
    "expires_in",
    "refresh_token",
    "scope",
    "id_token",
];

/// A parsed, normalized token response.
#[derive(Debug, Clone)]
pub struct TokenResponse {
    /// The access token.
    pub access_token: SecretString,
    /// The token type: `Bearer` when missing or spelt in another case, else as given.
    pub token_type: String,
    /// Lifetime in seconds, if the provider said (numbers and numeric strings accepted).
    pub expires_in: Option<u64>,
    /// `now + expires_in` in Unix seconds.
    pub expires_at: Option<u64>,
    /// When to refresh ([`TokenResponseOptions::refresh_at`]): the refresh skew (at most half
    /// the lifetime) before `expires_at`, or the default lifetime from now for a token without
    /// `expires_in` (if one was set); never after `expires_at`.
    pub refresh_at: Option<u64>,
    /// The refresh token, if one was issued.
    pub refresh_token: Option<SecretString>,
    /// The granted scope, if the provider said (a JSON array is joined with spaces).
    pub scope: Option<String>,
    /// The OpenID Connect ID token, if any (not verified here).
    pub id_token: Option<SecretString>,
    /// Every other field, kept as the provider sent it.
    pub extra: Map<String, Value>,
}

/// How [`parse_token_response`] times a token, and its size cap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenResponseOptions {
    /// The current time in Unix seconds (the core never reads a clock).
    pub now: u64,
    /// How long before expiry the token is due for refresh: at most half its lifetime
    /// (default [`DEFAULT_REFRESH_SKEW_SECONDS`]).
    pub refresh_skew_seconds: u64,
    /// For a token without `expires_in`: when it is due for refresh, in seconds from `now`
    /// (its expiry stays unknown). `None` (the default) gives such a token no `refresh_at`.
    pub default_lifetime_seconds: Option<u64>,
    /// Largest accepted body, checked before it is parsed (default
    /// [`crate::limits::RESPONSE_BYTES`]).
    pub max_bytes: usize,
}

impl TokenResponseOptions {
    /// The defaults at time `now`: 60 s refresh skew, no default lifetime, a 1 MiB cap.
    pub fn at(now: u64) -> Self {
        TokenResponseOptions {
            now,
            refresh_skew_seconds: DEFAULT_REFRESH_SKEW_SECONDS,
            default_lifetime_seconds: None,
            max_bytes: crate::limits::RESPONSE_BYTES,
        }
    }

    /// When a token of `expires_in` seconds (if known) obtained now is due for refresh:
    /// `refresh_skew_seconds` (at most half the lifetime) before it expires, so that it is
    /// always renewed before its expiry; without a lifetime, `default_lifetime_seconds` from
    /// now, if set.
    pub fn refresh_at(&self, expires_in: Option<u64>) -> Option<u64> {
        match expires_in {
            Some(e) => Some(
                self.now
                    .saturating_add(e - self.refresh_skew_seconds.min(e / 2)),
            ),
            None => self
                .default_lifetime_seconds
                .map(|d| self.now.saturating_add(d)),
        }
    }
}

/// Refuses an HTTP status outside 100 to 599 ([`Error::InvalidArgument`]): no response has
/// one. [`parse_token_response`] checks it first; a host may call it before it reads the body.
pub fn check_http_status(status: u16) -> Result<()> {
    if (100..=599).contains(&status) {
        Ok(())
    } else {
        Err(Error::InvalidArgument {
            name: "status",
            expected: "an HTTP status code (100 to 599)",
        })
    }
}

/// The `error` and `error_description` of an RFC 6749 section 5.2 error body, sanitized and
/// bounded: `None` when the body has no `error`, `Some(None)` when it is not a non-empty
/// string.
pub(crate) fn error_fields(map: &Map<String, Value>) -> Option<Option<(String, Option<String>)>> {
    let error = match map.get("error")? {
        Value::String(s) => sanitize_provider_text(s, 128),
        _ => String::new(),
    };
    if error.is_empty() {
        return Some(None);
    }
    let description = match map.get("error_description") {
        Some(Value::String(s)) => Some(sanitize_provider_text(s, 512)),
        _ => None,
    }
    .filter(|d| !d.is_empty());
    Some(Some((error, description)))
}

/// Parses a token endpoint response given its HTTP `status` and body text, timed by
/// `options` (`expires_at`, `refresh_at`).
///
/// - A status outside 100 to 599, or a body over `options.max_bytes` (checked before it is
///   parsed): [`Error::InvalidArgument`], [`Error::InputTooLarge`].
/// - An RFC 6749 §5.2 error body (any status, even 200 with an `error` field):
///   [`Error::OAuthTokenError`] with the provider's `error` and `error_description`.
/// - Anything else that is not a success with an `access_token`:
///   [`Error::OAuthTokenResponseInvalid`]. Neither error ever contains a token.
pub fn parse_token_response(
    status: u16,
    body: &str,
    options: &TokenResponseOptions,
) -> Result<TokenResponse> {
    check_http_status(status)?;
    let max_bytes = options.max_bytes;
    crate::limits::check("token response", body.len(), max_bytes)?;
    let invalid = |reason| Error::OAuthTokenResponseInvalid { status, reason };
    // `from_slice` everywhere: one instantiation of the JSON parser in the wasm.
    let parsed: Option<Map<String, Value>> = match serde_json::from_slice::<Value>(body.as_bytes())
    {
        Ok(Value::Object(map)) => Some(map),
        _ => None,
    };
    if let Some(fields) = parsed.as_ref().and_then(error_fields) {
        let (error, description) =
            fields.ok_or(invalid("its `error` field is not a non-empty string"))?;
        return Err(Error::OAuthTokenError {
            status,
            error,
            description,
        });
    }
    if !(200..300).contains(&status) {
        return Err(invalid(
            "an HTTP error status without an RFC 6749 error body",
        ));
    }
    let mut map = parsed.ok_or(invalid("its body is not a JSON object"))?;
    let access_token = match map.remove("access_token") {
        Some(Value::String(s)) if !s.is_empty() => SecretString::new(s),
        _ => return Err(invalid("it has no `access_token` string")),
    };
    let token_type = match map.remove("token_type") {
        None | Some(Value::Null) => "Bearer".to_owned(),
        Some(Value::String(s)) if s.eq_ignore_ascii_case("bearer") || s.is_empty() => {
            "Bearer".to_owned()
        }
        Some(Value::String(s)) if s.len() <= 64 => s,
        Some(_) => return Err(invalid("its `token_type` is not a short string")),
    };
    let expires_in = match map.remove("expires_in") {
        None | Some(Value::Null) => None,
        Some(Value::Number(n)) => match (n.as_u64(), n.as_f64()) {
            (Some(u), _) => Some(u),
            (None, Some(f)) if f.is_finite() && f >= 0.0 => {
                Some(f.min(MAX_LIFETIME_SECONDS as f64) as u64)
            }
            _ => return Err(invalid("its `expires_in` is negative")),
        },
        Some(Value::String(s)) => match s.trim().parse::<u64>() {
            Ok(u) => Some(u),
            Err(_) => return Err(invalid("its `expires_in` is not a number of seconds")),
        },
        Some(_) => return Err(invalid("its `expires_in` is not a number of seconds")),
    }
    .map(|s| s.min(MAX_LIFETIME_SECONDS));
    let refresh_token = match map.remove("refresh_token") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s.is_empty() => None,
        Some(Value::String(s)) => Some(SecretString::new(s)),
        Some(_) => return Err(invalid("its `refresh_token` is not a string")),
    };
    let id_token = match map.remove("id_token") {
        Some(Value::String(s)) if !s.is_empty() => Some(SecretString::new(s)),
        _ => None,
    };
    let scope = match map.remove("scope") {
        Some(Value::String(s)) if !s.is_empty() => Some(s),
        Some(Value::Array(items)) => {
            let parts: Vec<&str> = items.iter().filter_map(Value::as_str).collect();
            (!parts.is_empty()).then(|| parts.join(" "))
        }
        _ => None,
    };
    for key in KNOWN {
        map.remove(*key);
    }
    let expires_at = expires_in.map(|e| options.now.saturating_add(e));
    let refresh_at = options.refresh_at(expires_in);
    Ok(TokenResponse {
        access_token,
        token_type,
        expires_in,
        expires_at,
        refresh_at,
        refresh_token,
        scope,
        id_token,
        extra: map,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: u64 = 1_700_000_000;

    fn ok(body: &str) -> TokenResponse {
        parse_token_response(200, body, &TokenResponseOptions::at(NOW)).unwrap()
    }

    fn err(status: u16, body: &str) -> Error {
        parse_token_response(status, body, &TokenResponseOptions::at(NOW)).unwrap_err()
    }

    fn timed(now: u64, skew: u64) -> TokenResponseOptions {
        TokenResponseOptions {
            refresh_skew_seconds: skew,
            ..TokenResponseOptions::at(now)
        }
    }

    #[test]
    fn rfc6749_example() {
        let t = ok(
            r#"{"access_token":"2YotnFZFEjr1zCsicMWpAA","token_type":"example","expires_in":3600,"refresh_token":"tGzv3JOkF0XG5Qx2TlKWIA","example_parameter":"example_value"}"#,
        );
        assert_eq!(t.access_token.expose_secret(), "2YotnFZFEjr1zCsicMWpAA");
        assert_eq!(t.token_type, "example");
        assert_eq!(t.expires_in, Some(3600));
        assert_eq!(t.expires_at, Some(NOW + 3600));
        assert_eq!(t.refresh_at, Some(NOW + 3540));
        assert_eq!(
            t.refresh_token.as_ref().unwrap().expose_secret(),
            "tGzv3JOkF0XG5Qx2TlKWIA"
        );
        assert_eq!(t.extra.get("example_parameter").unwrap(), "example_value");
        assert_eq!(t.extra.len(), 1);
        let debug = format!("{t:?}");
        assert!(!debug.contains("2YotnFZFEjr1zCsicMWpAA") && !debug.contains("tGzv3JOk"));
    }

    #[test]
    fn real_world_deviations() {
        // Redox: 5-minute tokens, lowercase bearer; expires_in as a string.
        let t = ok(r#"{"access_token":"a","token_type":"bearer","expires_in":"300"}"#);
        assert_eq!(t.token_type, "Bearer");
        assert_eq!(t.expires_in, Some(300));
        assert_eq!(t.refresh_at, Some(NOW + 240));
        // Missing token_type and expires_in.
        let t = ok(r#"{"access_token":"a"}"#);
        assert_eq!(t.token_type, "Bearer");
        assert_eq!(
            (t.expires_in, t.expires_at, t.refresh_at),
            (None, None, None)
        );
        // Fractional and tiny lifetimes; null fields; scope as an array.
        let t = ok(
            r#"{"access_token":"a","expires_in":7200.9,"refresh_token":null,"scope":["read:patient_data","write:medical_records"],"token_type":null}"#,
        );
        assert_eq!(t.expires_in, Some(7200));
        assert!(t.refresh_token.is_none());
        assert_eq!(
            t.scope.as_deref(),
            Some("read:patient_data write:medical_records")
        );
        let t = ok(r#"{"access_token":"a","expires_in":10}"#);
        assert_eq!(t.refresh_at, Some(NOW + 5));
        let t = ok(r#"{"access_token":"a","expires_in":" 60 ","id_token":"x.y.z"}"#);
        assert_eq!(t.expires_in, Some(60));
        assert!(t.id_token.is_some());
        // 201 is a success too; huge lifetimes are capped.
        let t = parse_token_response(
            201,
            r#"{"access_token":"a","expires_in":1e300}"#,
            &timed(u64::MAX, 0),
        )
        .unwrap();
        assert_eq!(t.expires_at, Some(u64::MAX));
    }

    #[test]
    fn rfc6749_errors() {
        assert_eq!(
            err(
                400,
                r#"{"error":"invalid_client","error_description":"client authentication failed"}"#
            ),
            Error::OAuthTokenError {
                status: 400,
                error: "invalid_client".into(),
                description: Some("client authentication failed".into())
            }
        );
        // An error in a 200 response, and control characters, are handled.
        assert_eq!(
            err(
                200,
                "{\"error\":\"invalid_grant\\n\",\"error_description\":\"\"}"
            ),
            Error::OAuthTokenError {
                status: 200,
                error: "invalid_grant".into(),
                description: None
            }
        );
    }

    #[test]
    fn invalid_responses() {
        for (status, body) in [
            (200, ""),
            (200, "not json"),
            (200, "[]"),
            (200, "{}"),
            (200, r#"{"access_token":""}"#),
            (200, r#"{"access_token":5}"#),
            (200, r#"{"access_token":"a","expires_in":-1}"#),
            (200, r#"{"access_token":"a","expires_in":"soon"}"#),
            (200, r#"{"access_token":"a","expires_in":true}"#),
            (200, r#"{"access_token":"a","refresh_token":5}"#),
            (200, r#"{"access_token":"a","token_type":5}"#),
            (200, r#"{"error":5}"#),
            (302, r#"{"access_token":"a"}"#),
            (500, "<html>Bad gateway</html>"),
            (503, ""),
        ] {
            let e = err(status, body);
            assert_eq!(
                e.code(),
                "ERR_OAUTH_TOKEN_RESPONSE_INVALID",
                "{status} {body}"
            );
        }
        // Secrets in a malformed body never reach the message.
        let e = err(
            200,
            r#"{"access_token":"SECRET-TOKEN","expires_in":"soon"}"#,
        );
        assert!(!e.to_string().contains("SECRET-TOKEN"));
    }

    #[test]
    fn timing_options() {
        let body = r#"{"access_token":"a"}"#;
        // Without expires_in: no refresh time, unless a default lifetime is given; the expiry
        // stays unknown either way.
        let t = ok(body);
        assert_eq!((t.expires_at, t.refresh_at), (None, None));
        let options = TokenResponseOptions {
            default_lifetime_seconds: Some(300),
            ..TokenResponseOptions::at(NOW)
        };
        let t = parse_token_response(200, body, &options).unwrap();
        assert_eq!((t.expires_at, t.refresh_at), (None, Some(NOW + 300)));
        // With expires_in the default lifetime does not count; the skew is capped at half.
        let t = parse_token_response(200, r#"{"access_token":"a","expires_in":7200}"#, &options)
            .unwrap();
        assert_eq!(t.refresh_at, Some(NOW + 7140));
        let t = parse_token_response(
            200,
            r#"{"access_token":"a","expires_in":7200}"#,
            &timed(NOW, 600),
        )
        .unwrap();
        assert_eq!(t.refresh_at, Some(NOW + 6600));
        let t = parse_token_response(
            200,
            r#"{"access_token":"a","expires_in":100}"#,
            &timed(NOW, 600),
        )
        .unwrap();
        assert_eq!(
            (t.expires_at, t.refresh_at),
            (Some(NOW + 100), Some(NOW + 50))
        );
    }

    #[test]
    fn the_status_is_an_http_status() {
        for status in [0, 1, 99, 600, 999, u16::MAX] {
            assert_eq!(
                err(status, r#"{"access_token":"a"}"#),
                Error::InvalidArgument {
                    name: "status",
                    expected: "an HTTP status code (100 to 599)"
                },
                "{status}"
            );
            assert!(check_http_status(status).is_err());
        }
        for status in [100, 200, 599] {
            assert!(check_http_status(status).is_ok());
        }
        // Checked before the size: a huge body with a bad status is a bad status.
        let options = TokenResponseOptions {
            max_bytes: 4,
            ..TokenResponseOptions::at(NOW)
        };
        assert_eq!(
            parse_token_response(0, "too long", &options)
                .unwrap_err()
                .code(),
            "ERR_INVALID_ARGUMENT"
        );
    }

    mod props {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn never_panics(status in any::<u16>(), body in any::<String>(), now in any::<u64>(), skew in any::<u64>(), default in any::<Option<u64>>()) {
                let options = TokenResponseOptions { default_lifetime_seconds: default, ..tests::timed(now, skew) };
                let _ = parse_token_response(status, &body, &options);
            }

            #[test]
            fn refresh_is_before_expiry(e in 0u64..1_000_000, now in 0u64..u64::MAX / 2, skew in any::<u64>(), default in any::<Option<u64>>()) {
                let body = format!(r#"{{"access_token":"a","expires_in":{e}}}"#);
                let options = TokenResponseOptions { default_lifetime_seconds: default, ..tests::timed(now, skew) };
                let t = parse_token_response(200, &body, &options).unwrap();
                prop_assert!(t.refresh_at.unwrap() <= t.expires_at.unwrap());
                prop_assert!(t.refresh_at.unwrap() >= now + e / 2);
            }
        }
    }
}
