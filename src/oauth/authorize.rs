//! The authorization request URL (RFC 6749 §4.1.1, RFC 7636 §4.3).

use crate::encoding::form::encode_pairs;
use crate::error::{Error, Result};
use crate::url::validate_endpoint;

/// Parameters this module sets itself; `extra_params` may not override them.
const RESERVED: &[&str] = &[
    "response_type",
    "client_id",
    "redirect_uri",
    "scope",
    "state",
    "code_challenge",
    "code_challenge_method",
];

/// What goes into an authorization request with `response_type=code`.
#[derive(Debug, Clone, Copy)]
pub struct AuthorizationRequest<'a> {
    /// The provider's authorization endpoint; it may already carry a query string.
    pub authorization_endpoint: &'a str,
    /// The client identifier.
    pub client_id: &'a str,
    /// Where the provider sends the user back (registered with the provider).
    pub redirect_uri: &'a str,
    /// Space-separated scopes, if any.
    pub scope: Option<&'a str>,
    /// The unguessable `state` this client will check on the callback.
    pub state: &'a str,
    /// The PKCE `S256` challenge; `code_challenge_method=S256` is added with it.
    pub code_challenge: Option<&'a str>,
    /// More parameters (`prompt`, `nonce`, `aud`, `launch`, ...), appended in order.
    pub extra_params: &'a [(&'a str, &'a str)],
}

/// Builds the URL to send the user to.
///
/// Refuses an endpoint or redirect URI that is not `https` (or `http` on loopback), an empty
/// `client_id` or `state`, a scope outside RFC 6749 §3.3 grammar, a challenge that is not the
/// 43-character base64url of a SHA-256 digest, and extra parameters that repeat one of the
/// parameters above.
pub fn authorization_url(request: &AuthorizationRequest<'_>) -> Result<String> {
    validate_endpoint(request.authorization_endpoint, "authorizationEndpoint")?;
    let pairs = authorization_params(request)?;
    Ok(format!(
        "{}{}{}",
        request.authorization_endpoint,
        query_separator(request.authorization_endpoint),
        encode_pairs(&pairs)
    ))
}

/// What joins an endpoint and a query: `?`, `&` after an existing query, nothing after a
/// trailing `?` or `&`.
fn query_separator(endpoint: &str) -> &'static str {
    if endpoint.contains('?') {
        if endpoint.ends_with(['?', '&']) {
            ""
        } else {
            "&"
        }
    } else {
        "?"
    }
}

/// The authorization URL after a pushed authorization request (RFC 9126 section 4): only
/// `client_id` and the `request_uri` the PAR endpoint returned
/// ([`super::parse_pushed_authorization_response`]); every other parameter went with the
/// pushed request.
///
/// Refuses an endpoint that is not `https` (or `http` on loopback), and an empty
/// `client_id` or `request_uri`.
///
/// ```
/// let url = healthauth::oauth::pushed_authorization_url(
///     "https://as.example.com/authorize",
///     "s6BhdRkqt3",
///     "urn:ietf:params:oauth:request_uri:6esc_11ACC5bwc014ltc14eY22c",
/// )?;
/// assert_eq!(url, "https://as.example.com/authorize?client_id=s6BhdRkqt3\
///     &request_uri=urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3A6esc_11ACC5bwc014ltc14eY22c");
/// # Ok::<(), healthauth::Error>(())
/// ```
pub fn pushed_authorization_url(
    authorization_endpoint: &str,
    client_id: &str,
    request_uri: &str,
) -> Result<String> {
    validate_endpoint(authorization_endpoint, "authorizationEndpoint")?;
    non_empty(client_id, "clientId")?;
    non_empty(request_uri, "requestUri")?;
    Ok(format!(
        "{}{}{}",
        authorization_endpoint,
        query_separator(authorization_endpoint),
        encode_pairs(&[("client_id", client_id), ("request_uri", request_uri)])
    ))
}

/// The parameters of an authorization request, checked (everything [`authorization_url`]
/// checks but the endpoint), in order: for the URL, or the body of a pushed authorization
/// request.
pub(crate) fn authorization_params<'a>(
    request: &AuthorizationRequest<'a>,
) -> Result<Vec<(&'a str, &'a str)>> {
    validate_redirect_uri(request.redirect_uri)?;
    non_empty(request.client_id, "clientId")?;
    non_empty(request.state, "state")?;
    if let Some(scope) = request.scope {
        validate_scope(scope)?;
    }
    let mut pairs: Vec<(&str, &str)> = vec![
        ("response_type", "code"),
        ("client_id", request.client_id),
        ("redirect_uri", request.redirect_uri),
    ];
    if let Some(scope) = request.scope {
        pairs.push(("scope", scope));
    }
    pairs.push(("state", request.state));
    if let Some(challenge) = request.code_challenge {
        if challenge.len() != 43
            || !challenge
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        {
            return Err(Error::InvalidArgument {
                name: "codeChallenge",
                expected: "an S256 challenge (43 base64url characters, from createPkce)",
            });
        }
        pairs.push(("code_challenge", challenge));
        pairs.push(("code_challenge_method", "S256"));
    }
    for (name, value) in request.extra_params {
        if name.is_empty() {
            return Err(Error::InvalidArgument {
                name: "extraParams",
                expected: "an object with non-empty parameter names",
            });
        }
        if RESERVED.contains(name) {
            return Err(Error::InvalidArgument {
                name: "extraParams",
                expected: "parameters other than those authorizationUrl sets itself (response_type, client_id, redirect_uri, scope, state, code_challenge, code_challenge_method)",
            });
        }
        pairs.push((name, value));
    }
    Ok(pairs)
}

/// A redirect URI: absolute, no fragment (RFC 6749 §3.1.2); custom schemes of native apps
/// (RFC 8252 §7.1, `com.example.app:/cb`) are allowed, as is `http` on loopback.
pub(crate) fn validate_redirect_uri(uri: &str) -> Result<()> {
    let invalid = |reason| Error::UrlInvalid {
        name: "redirectUri",
        reason,
    };
    if uri.contains('#') {
        return Err(invalid(
            "it has a fragment (#), which RFC 6749 §3.1.2 forbids",
        ));
    }
    let scheme = uri
        .split_once(':')
        .map(|(s, _)| s)
        .ok_or_else(|| invalid("it is not an absolute URI"))?;
    let lower = scheme.to_ascii_lowercase();
    if lower == "https" || lower == "http" {
        return validate_endpoint(uri, "redirectUri");
    }
    let scheme_ok = scheme
        .bytes()
        .next()
        .map(|b| b.is_ascii_alphabetic())
        .unwrap_or(false)
        && scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'));
    if !scheme_ok || uri.bytes().any(|b| b <= b' ' || b >= 0x7f) {
        return Err(invalid("it is not an absolute URI"));
    }
    if matches!(lower.as_str(), "javascript" | "data" | "file" | "vbscript") {
        return Err(invalid("its scheme cannot be a redirect target"));
    }
    Ok(())
}

pub(crate) fn non_empty(value: &str, name: &'static str) -> Result<()> {
    if value.is_empty() {
        return Err(Error::InvalidArgument {
            name,
            expected: "a non-empty string",
        });
    }
    Ok(())
}

/// RFC 6749 §3.3: scope tokens of `%x21 / %x23-5B / %x5D-7E`, separated by single spaces.
pub(crate) fn validate_scope(scope: &str) -> Result<()> {
    let ok = !scope.is_empty()
        && scope.split(' ').all(|token| {
            !token.is_empty()
                && token
                    .bytes()
                    .all(|b| matches!(b, 0x21 | 0x23..=0x5b | 0x5d..=0x7e))
        });
    if ok {
        Ok(())
    } else {
        Err(Error::InvalidArgument {
            name: "scope",
            expected: "scope tokens of printable ASCII without \" or \\, separated by single spaces (RFC 6749 section 3.3)",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    fn base() -> AuthorizationRequest<'static> {
        AuthorizationRequest {
            authorization_endpoint: "https://auth.telesoft.us/oauth/authorize",
            client_id: "YOUR_CLIENT_ID",
            redirect_uri: "https://your-app.com/callback",
            scope: Some("read:patient_data write:medical_records"),
            state: "random_state_for_csrf_protection",
            code_challenge: Some(CHALLENGE),
            extra_params: &[],
        }
    }

    #[test]
    fn telesoft_example() {
        assert_eq!(
            authorization_url(&base()).unwrap(),
            "https://auth.telesoft.us/oauth/authorize?response_type=code&client_id=YOUR_CLIENT_ID\
             &redirect_uri=https%3A%2F%2Fyour-app.com%2Fcallback\
             &scope=read%3Apatient_data%20write%3Amedical_records\
             &state=random_state_for_csrf_protection\
             &code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"
        );
    }

    #[test]
    fn existing_query_and_extra_params() {
        let mut r = base();
        r.authorization_endpoint = "https://h/authorize?tenant=a%20b";
        r.scope = None;
        r.code_challenge = None;
        r.extra_params = &[
            ("prompt", "login consent"),
            ("aud", "https://fhir/r4?x=1&y"),
        ];
        assert_eq!(
            authorization_url(&r).unwrap(),
            "https://h/authorize?tenant=a%20b&response_type=code&client_id=YOUR_CLIENT_ID\
             &redirect_uri=https%3A%2F%2Fyour-app.com%2Fcallback&state=random_state_for_csrf_protection\
             &prompt=login%20consent&aud=https%3A%2F%2Ffhir%2Fr4%3Fx%3D1%26y"
        );
        r.authorization_endpoint = "https://h/authorize?";
        assert!(authorization_url(&r)
            .unwrap()
            .starts_with("https://h/authorize?response_type=code&"));
    }

    #[test]
    fn unicode_and_reserved_characters_in_values() {
        let mut r = base();
        r.client_id = "id with spaces+plus&amp=é";
        r.state = "s/t?a#te";
        let url = authorization_url(&r).unwrap();
        assert!(url.contains("client_id=id%20with%20spaces%2Bplus%26amp%3D%C3%A9&"));
        assert!(url.contains("state=s%2Ft%3Fa%23te&"));
    }

    #[test]
    fn refusals() {
        let cases: Vec<(AuthorizationRequest<'static>, &str)> = vec![
            (
                AuthorizationRequest {
                    authorization_endpoint: "http://evil.example/authorize",
                    ..base()
                },
                "ERR_URL_INVALID",
            ),
            (
                AuthorizationRequest {
                    redirect_uri: "https://app/cb#x",
                    ..base()
                },
                "ERR_URL_INVALID",
            ),
            (
                AuthorizationRequest {
                    redirect_uri: "javascript:alert(1)",
                    ..base()
                },
                "ERR_URL_INVALID",
            ),
            (
                AuthorizationRequest {
                    redirect_uri: "/relative",
                    ..base()
                },
                "ERR_URL_INVALID",
            ),
            (
                AuthorizationRequest {
                    client_id: "",
                    ..base()
                },
                "ERR_INVALID_ARGUMENT",
            ),
            (
                AuthorizationRequest {
                    state: "",
                    ..base()
                },
                "ERR_INVALID_ARGUMENT",
            ),
            (
                AuthorizationRequest {
                    scope: Some("a  b"),
                    ..base()
                },
                "ERR_INVALID_ARGUMENT",
            ),
            (
                AuthorizationRequest {
                    scope: Some("a\"b"),
                    ..base()
                },
                "ERR_INVALID_ARGUMENT",
            ),
            (
                AuthorizationRequest {
                    code_challenge: Some("short"),
                    ..base()
                },
                "ERR_INVALID_ARGUMENT",
            ),
            (
                AuthorizationRequest {
                    extra_params: &[("state", "other")],
                    ..base()
                },
                "ERR_INVALID_ARGUMENT",
            ),
        ];
        for (r, code) in cases {
            assert_eq!(authorization_url(&r).unwrap_err().code(), code, "{r:?}");
        }
        let native = AuthorizationRequest {
            redirect_uri: "com.example.app:/oauth2redirect",
            ..base()
        };
        assert!(authorization_url(&native).is_ok());
    }
}
