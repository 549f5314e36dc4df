//! Presets: endpoints and rules of each provider.

use crate::error::{Error, Result};
use crate::url::validate_endpoint;

/// What a provider expects from a client.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Preset {
    /// Short name: `redox`, `telesoft`, `digitail`, `smart`.
    pub name: &'static str,
    /// The authorization endpoint, for providers with a user-facing code flow.
    pub authorization_endpoint: Option<String>,
    /// The token endpoint.
    pub token_endpoint: String,
    /// The client-authentication method the provider expects by default.
    pub client_auth_method: &'static str,
    /// JWS algorithms accepted for client assertions (empty when assertions are not used).
    pub assertion_algorithms: &'static [&'static str],
    /// Longest client assertion lifetime (`exp - iat`) the provider accepts, in seconds.
    pub max_assertion_lifetime_seconds: Option<u64>,
    /// Whether assertions must carry a `kid` header.
    pub kid_required: bool,
    /// Whether the code flow must use PKCE.
    pub pkce_required: bool,
    /// Access token lifetime the provider documents, in seconds.
    pub access_token_lifetime_seconds: Option<u64>,
    /// Refresh token lifetime the provider documents, in seconds.
    pub refresh_token_lifetime_seconds: Option<u64>,
    /// Scopes the provider documents.
    pub scopes: &'static [&'static str],
}

/// Redox (`https://api.redoxengine.com/v2/auth/token`): `client_credentials` with a
/// `private_key_jwt` assertion (RS384 or ES384; HS384 for `client_secret_jwt` keys), 5-minute
/// tokens. `region` is reserved for regional hosts; only the default (`None` or `"us"`) exists.
pub fn redox(region: Option<&str>) -> Result<Preset> {
    match region {
        None | Some("us") => {}
        Some(_) => {
            return Err(Error::InvalidArgument {
                name: "region",
                expected: "\"us\" (the only Redox region healthauth knows)",
            })
        }
    }
    Ok(Preset {
        name: "redox",
        authorization_endpoint: None,
        token_endpoint: "https://api.redoxengine.com/v2/auth/token".into(),
        client_auth_method: "private_key_jwt",
        assertion_algorithms: &["RS384", "ES384", "HS384"],
        max_assertion_lifetime_seconds: Some(300),
        kid_required: true,
        pkce_required: false,
        access_token_lifetime_seconds: Some(300),
        refresh_token_lifetime_seconds: None,
        scopes: &[],
    })
}

/// Telesoft: code flow at `auth.telesoft.us`, JSON token bodies with the client secret,
/// 2-hour access tokens, 30-day refresh tokens.
pub fn telesoft() -> Preset {
    Preset {
        name: "telesoft",
        authorization_endpoint: Some("https://auth.telesoft.us/oauth/authorize".into()),
        token_endpoint: "https://auth.telesoft.us/oauth/token".into(),
        client_auth_method: "client_secret_json",
        assertion_algorithms: &[],
        max_assertion_lifetime_seconds: None,
        kid_required: false,
        pkce_required: false,
        access_token_lifetime_seconds: Some(2 * 3600),
        refresh_token_lifetime_seconds: Some(30 * 24 * 3600),
        scopes: &[
            "read:patient_data",
            "read:diagnostic_data",
            "write:medical_records",
            "write:prescriptions",
            "admin:billing",
        ],
    }
}

/// Digitail: authorization code with PKCE (required) on the instance at `base_url`
/// (`{base_url}/oauth/authorize`, `{base_url}/oauth/token`).
pub fn digitail(base_url: &str) -> Result<Preset> {
    validate_endpoint(base_url, "baseUrl")?;
    if base_url.contains('?') {
        return Err(Error::UrlInvalid {
            name: "baseUrl",
            reason: "it has a query string",
        });
    }
    let base = base_url.trim_end_matches('/');
    Ok(Preset {
        name: "digitail",
        authorization_endpoint: Some(format!("{base}/oauth/authorize")),
        token_endpoint: format!("{base}/oauth/token"),
        client_auth_method: "client_secret_post",
        assertion_algorithms: &[],
        max_assertion_lifetime_seconds: None,
        kid_required: false,
        pkce_required: true,
        access_token_lifetime_seconds: None,
        refresh_token_lifetime_seconds: None,
        scopes: &[],
    })
}

/// SMART Backend Services (SMART App Launch 2.x, §Backend Services): `client_credentials`
/// with a `private_key_jwt` assertion signed RS384 or ES384, `exp` at most 300 s after `iat`,
/// `kid` required, `system/…` scopes.
pub fn smart(token_endpoint: &str) -> Result<Preset> {
    validate_endpoint(token_endpoint, "tokenEndpoint")?;
    Ok(Preset {
        name: "smart",
        authorization_endpoint: None,
        token_endpoint: token_endpoint.to_owned(),
        client_auth_method: "private_key_jwt",
        assertion_algorithms: &["RS384", "ES384"],
        max_assertion_lifetime_seconds: Some(300),
        kid_required: true,
        pkce_required: false,
        access_token_lifetime_seconds: None,
        refresh_token_lifetime_seconds: None,
        scopes: &[],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets() {
        let r = redox(None).unwrap();
        assert_eq!(
            r.token_endpoint,
            "https://api.redoxengine.com/v2/auth/token"
        );
        assert_eq!(r.access_token_lifetime_seconds, Some(300));
        assert!(r.assertion_algorithms.contains(&"HS384"));
        assert_eq!(redox(Some("us")).unwrap(), r);
        assert_eq!(
            redox(Some("mars")).unwrap_err().code(),
            "ERR_INVALID_ARGUMENT"
        );
        let t = telesoft();
        assert_eq!(
            t.authorization_endpoint.as_deref(),
            Some("https://auth.telesoft.us/oauth/authorize")
        );
        assert_eq!(t.token_endpoint, "https://auth.telesoft.us/oauth/token");
        assert_eq!(t.client_auth_method, "client_secret_json");
        assert_eq!(t.scopes.len(), 5);
        let d = digitail("https://clinic.digitail.io/").unwrap();
        assert_eq!(d.token_endpoint, "https://clinic.digitail.io/oauth/token");
        assert!(d.pkce_required);
        assert_eq!(
            digitail("http://x.io").unwrap_err().code(),
            "ERR_URL_INVALID"
        );
        assert_eq!(
            digitail("https://x.io/?a").unwrap_err().code(),
            "ERR_URL_INVALID"
        );
        let s = smart("https://ehr.example.com/oauth2/token").unwrap();
        assert!(s.kid_required);
        assert_eq!(s.max_assertion_lifetime_seconds, Some(300));
        assert_eq!(smart("nope").unwrap_err().code(), "ERR_URL_INVALID");
    }
}
