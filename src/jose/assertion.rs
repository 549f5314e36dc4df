//! Client assertions (RFC 7523 §2.2) as Redox and SMART Backend Services require them.

use serde_json::Value;

use super::alg::KeyFamily;
use super::jws::JsonObject;
use super::jwt::sign_jwt;
use super::key::SigningKey;
use crate::error::{Error, Result};
use crate::random::random_state;

/// Longest assertion lifetime accepted: SMART Backend Services caps `exp` at 5 minutes.
pub const MAX_ASSERTION_LIFETIME_SECONDS: u64 = 300;
/// The `client_assertion_type` of a JWT client assertion (RFC 7523 §2.2).
pub const CLIENT_ASSERTION_TYPE: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
/// Random bytes in a generated `jti`: 192 bits, base64url-encoded to 32 characters.
const JTI_BYTES: usize = 24;

/// What goes into a client assertion. `client_id` becomes `iss` and `sub`; `audience` is the
/// token endpoint URL.
#[derive(Debug, Clone)]
pub struct ClientAssertionOptions {
    /// The OAuth client id (`iss` and `sub`).
    pub client_id: String,
    /// The token endpoint URL (`aud`).
    pub audience: String,
    /// Seconds from `iat` to `exp`: 1 to 300, default 300.
    pub lifetime_seconds: u64,
    /// The current time in Unix seconds (`iat`).
    pub now: i64,
    /// A `jti` to use instead of a fresh random one (it must never repeat).
    pub jti: Option<String>,
    /// A `jku` header: the HTTPS URL of the JWKS holding the public key (Epic requires it).
    pub jku: Option<String>,
}

impl ClientAssertionOptions {
    /// Options with the default lifetime and a random `jti`.
    pub fn new(client_id: impl Into<String>, audience: impl Into<String>, now: i64) -> Self {
        ClientAssertionOptions {
            client_id: client_id.into(),
            audience: audience.into(),
            lifetime_seconds: MAX_ASSERTION_LIFETIME_SECONDS,
            now,
            jti: None,
            jku: None,
        }
    }
}

fn invalid(reason: &'static str) -> Error {
    Error::ClientAssertionInvalid { reason }
}

/// Whether `url` is an https URL (or http to a loopback host), with no credentials or
/// fragment: the same strict check as every OAuth endpoint.
pub(crate) fn is_https_or_loopback(url: &str, name: &'static str) -> bool {
    crate::url::validate_endpoint(url, name).is_ok()
}

/// A signed client assertion: header `alg`, `kid` (required for asymmetric keys), `typ: JWT`,
/// optional `jku`; claims `iss = sub = client_id`, `aud`, `iat`, `exp`, `jti`.
pub fn client_assertion(key: &SigningKey, options: &ClientAssertionOptions) -> Result<String> {
    if options.client_id.is_empty() {
        return Err(invalid("`clientId` must not be empty"));
    }
    if !is_https_or_loopback(&options.audience, "audience") {
        return Err(invalid(
            "`audience` must be the token endpoint's https URL (http only for loopback hosts)",
        ));
    }
    if !(1..=MAX_ASSERTION_LIFETIME_SECONDS).contains(&options.lifetime_seconds) {
        return Err(invalid(
            "`lifetimeSeconds` must be 1 to 300 (SMART Backend Services caps assertions at 5 minutes)",
        ));
    }
    if key.family() != KeyFamily::Hmac && key.kid().is_none_or(str::is_empty) {
        return Err(invalid(
            "asymmetric keys need a `kid` so the server can find the public key",
        ));
    }
    let jti = match &options.jti {
        Some(jti) if jti.is_empty() || jti.len() > 256 => {
            return Err(invalid("`jti` must be 1 to 256 characters"))
        }
        Some(jti) => jti.clone(),
        None => random_state(JTI_BYTES)?,
    };
    let mut header = JsonObject::new();
    header.insert("typ".into(), "JWT".into());
    if let Some(jku) = &options.jku {
        if !is_https_or_loopback(jku, "jku") {
            return Err(invalid("`jku` must be an https URL"));
        }
        header.insert("jku".into(), jku.as_str().into());
    }
    let iat = options.now;
    let exp = iat.saturating_add(i64::try_from(options.lifetime_seconds).unwrap_or(300));
    let mut claims = JsonObject::new();
    claims.insert("iss".into(), options.client_id.as_str().into());
    claims.insert("sub".into(), options.client_id.as_str().into());
    claims.insert("aud".into(), options.audience.as_str().into());
    claims.insert("iat".into(), Value::from(iat));
    claims.insert("exp".into(), Value::from(exp));
    claims.insert("jti".into(), jti.into());
    sign_jwt(key, &claims, &header)
}
