//! The other endpoints of an authorization server: pushed authorization requests (RFC 9126),
//! token revocation (RFC 7009) and token introspection (RFC 7662). Requests are built with the
//! client's credentials, as token requests are; responses are parsed leniently where servers
//! deviate.
//!
//! A client that authenticates with a signed client assertion (`private_key_jwt`,
//! `client_secret_jwt`) signs one for each request, naming **the endpoint it is sent to** as
//! its audience, and builds its [`Client`] with it:
//!
//! ```
//! use healthauth::jose::{self, Algorithm, ClientAssertionOptions, SigningKey};
//! use healthauth::oauth::{self, Client, ClientAuth};
//! use healthauth::SecretString;
//!
//! let key = SigningKey::generate(Algorithm::Es384)?;
//! let endpoint = "https://as.example.com/revoke";
//! let now = 1_700_000_000;
//! let assertion = jose::client_assertion(&key, &ClientAssertionOptions::new("app", endpoint, now))?;
//! let client = Client::new(endpoint, "app", ClientAuth::Assertion { assertion: SecretString::new(assertion) })?;
//! let request = oauth::revocation_request(&client, endpoint, "the-refresh-token", Some("refresh_token"))?;
//! assert!(request.body.expose_secret().starts_with("token=the-refresh-token&token_type_hint=refresh_token&client_id=app&client_assertion_type="));
//! # Ok::<(), healthauth::Error>(())
//! ```

use serde_json::{Map, Value};

use super::authorize::{authorization_params, non_empty, AuthorizationRequest};
use super::response::{check_http_status, error_fields};
use super::token::{build_to, Client, HttpRequest};
use crate::error::{Error, Result};
use crate::smart::{launch_context, LaunchContext};
use crate::url::validate_endpoint;

const PAR: &str = "pushed authorization request";
const REVOCATION: &str = "revocation";
const INTROSPECTION: &str = "introspection";

/// A pushed authorization request (RFC 9126 section 2.1): the parameters of `request` (as
/// [`super::authorization_url`] checks and orders them; its `authorization_endpoint` is not
/// sent, it is where the browser goes next with [`super::pushed_authorization_url`]) and the
/// client's credentials, `POST`ed to the PAR `endpoint`.
///
/// `client` is used for its credentials and client id (its token endpoint is not used); the
/// request's `client_id` must be the client's. With a SMART launch, put `aud` and `launch`
/// into `extra_params` with [`crate::smart::SmartLaunch::extra_params`].
///
/// Refused: an `endpoint` that is not `https` (or `http` on loopback) ([`Error::UrlInvalid`]),
/// another client id, and whatever [`super::authorization_url`] refuses.
pub fn pushed_authorization_request(
    client: &Client,
    endpoint: &str,
    request: &AuthorizationRequest<'_>,
) -> Result<HttpRequest> {
    validate_endpoint(endpoint, "endpoint")?;
    if !client.client_id().is_empty() && request.client_id != client.client_id() {
        return Err(Error::InvalidArgument {
            name: "clientId",
            expected: "the client id of the client's credentials",
        });
    }
    let params = authorization_params(request)?;
    build_to(client, endpoint, &params, true)
}

/// `token` and `token_type_hint` for revocation and introspection.
fn token_params<'a>(
    token: &'a str,
    token_type_hint: Option<&'a str>,
) -> Result<Vec<(&'a str, &'a str)>> {
    non_empty(token, "token")?;
    let mut params = vec![("token", token)];
    if let Some(hint) = token_type_hint {
        let ok = !hint.is_empty()
            && hint
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b':'));
        if !ok {
            return Err(Error::InvalidArgument {
                name: "tokenTypeHint",
                expected: "a token type such as access_token or refresh_token",
            });
        }
        params.push(("token_type_hint", hint));
    }
    Ok(params)
}

/// A token revocation request (RFC 7009 section 2.1): `token`, `token_type_hint`
/// (`access_token`, `refresh_token`, ...) and the client's credentials, `POST`ed to the
/// revocation `endpoint`. A public client sends its `client_id`.
pub fn revocation_request(
    client: &Client,
    endpoint: &str,
    token: &str,
    token_type_hint: Option<&str>,
) -> Result<HttpRequest> {
    token_request(client, endpoint, token, token_type_hint)
}

/// A token introspection request (RFC 7662 section 2.1): `token`, `token_type_hint` and the
/// client's credentials, `POST`ed to the introspection `endpoint`.
pub fn introspection_request(
    client: &Client,
    endpoint: &str,
    token: &str,
    token_type_hint: Option<&str>,
) -> Result<HttpRequest> {
    token_request(client, endpoint, token, token_type_hint)
}

/// A request about one token (revocation, introspection): the token, its hint and the client's
/// credentials, `POST`ed to `endpoint`.
fn token_request(
    client: &Client,
    endpoint: &str,
    token: &str,
    token_type_hint: Option<&str>,
) -> Result<HttpRequest> {
    validate_endpoint(endpoint, "endpoint")?;
    let params = token_params(token, token_type_hint)?;
    build_to(client, endpoint, &params, false)
}

/// The answer of a PAR endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushedAuthorizationResponse {
    /// The reference to the pushed request, for [`super::pushed_authorization_url`].
    pub request_uri: String,
    /// How long it stays usable, in seconds.
    pub expires_in: u64,
}

/// The body as a JSON object (`None` when it is not one), after the status and size checks,
/// with an RFC 6749 error body turned into [`Error::OAuthEndpointError`].
fn read_body(
    endpoint: &'static str,
    status: u16,
    body: &str,
    max_bytes: usize,
) -> Result<Option<Map<String, Value>>> {
    check_http_status(status)?;
    crate::limits::check("response", body.len(), max_bytes)?;
    let map = match serde_json::from_slice::<Value>(body.as_bytes()) {
        Ok(Value::Object(map)) => Some(map),
        _ => None,
    };
    if let Some(fields) = map.as_ref().and_then(error_fields) {
        let (error, description) = fields.ok_or(Error::OAuthResponseInvalid {
            endpoint,
            status,
            reason: "its `error` field is not a non-empty string",
        })?;
        return Err(Error::OAuthEndpointError {
            endpoint,
            status,
            error,
            description,
        });
    }
    if !(200..300).contains(&status) {
        return Err(Error::OAuthResponseInvalid {
            endpoint,
            status,
            reason: "an HTTP error status without an RFC 6749 error body",
        });
    }
    Ok(map)
}

/// A non-negative whole number of seconds, given as a number or a numeric string.
fn seconds(value: Option<&Value>) -> Option<u64> {
    match value? {
        Value::Number(n) => n.as_u64().or_else(|| {
            n.as_f64()
                .filter(|f| f.is_finite() && *f >= 0.0)
                .map(|f| f as u64)
        }),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Parses a PAR endpoint's response (RFC 9126 section 2.2): `201` (or another 2xx) with
/// `request_uri` and `expires_in`.
///
/// An RFC 6749 error body is [`Error::OAuthEndpointError`]; a body without a `request_uri`
/// string or a usable `expires_in` (a number, or a numeric string), or an error status
/// without an error body, is [`Error::OAuthResponseInvalid`]; a status outside 100 to 599
/// and a body over [`crate::limits::RESPONSE_BYTES`] are refused first.
pub fn parse_pushed_authorization_response(
    status: u16,
    body: &str,
) -> Result<PushedAuthorizationResponse> {
    parse_pushed_authorization_response_with_limit(status, body, crate::limits::RESPONSE_BYTES)
}

/// [`parse_pushed_authorization_response`] with a size cap of `max_bytes` on the body.
pub fn parse_pushed_authorization_response_with_limit(
    status: u16,
    body: &str,
    max_bytes: usize,
) -> Result<PushedAuthorizationResponse> {
    let invalid = |reason| Error::OAuthResponseInvalid {
        endpoint: PAR,
        status,
        reason,
    };
    let map =
        read_body(PAR, status, body, max_bytes)?.ok_or(invalid("its body is not a JSON object"))?;
    let request_uri = match map.get("request_uri") {
        Some(Value::String(uri)) if !uri.is_empty() => uri.clone(),
        _ => return Err(invalid("it has no `request_uri` string")),
    };
    let expires_in = seconds(map.get("expires_in"))
        .ok_or(invalid("it has no `expires_in` number of seconds"))?;
    Ok(PushedAuthorizationResponse {
        request_uri,
        expires_in,
    })
}

/// Parses a revocation endpoint's response (RFC 7009 section 2.2): any 2xx is a success (the
/// body is ignored, and a server answers 200 for a token it does not know too); an RFC 6749
/// error body is [`Error::OAuthEndpointError`] (`unsupported_token_type`, ...); any other
/// status is [`Error::OAuthResponseInvalid`] (a `503` asks the client to try again later).
pub fn parse_revocation_response(status: u16, body: &str) -> Result<()> {
    parse_revocation_response_with_limit(status, body, crate::limits::RESPONSE_BYTES)
}

/// [`parse_revocation_response`] with a size cap of `max_bytes` on the body.
pub fn parse_revocation_response_with_limit(
    status: u16,
    body: &str,
    max_bytes: usize,
) -> Result<()> {
    read_body(REVOCATION, status, body, max_bytes).map(|_| ())
}

/// A token introspection response (RFC 7662 section 2.2).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Introspection {
    /// Whether the token is active. When it is not, every other field is empty: a server
    /// should not say more, and nothing it says of an inactive token is used.
    pub active: bool,
    /// `scope`: the token's scopes, space-separated.
    pub scope: Option<String>,
    /// `client_id`: the client the token was issued to.
    pub client_id: Option<String>,
    /// `username`: the resource owner, human-readable.
    pub username: Option<String>,
    /// `token_type`, such as `Bearer` or `DPoP`.
    pub token_type: Option<String>,
    /// `exp`, in Unix seconds.
    pub exp: Option<u64>,
    /// `iat`, in Unix seconds.
    pub iat: Option<u64>,
    /// `nbf`, in Unix seconds.
    pub nbf: Option<u64>,
    /// `sub`: the resource owner.
    pub sub: Option<String>,
    /// `aud`: the audiences (a string is one).
    pub aud: Vec<String>,
    /// `iss`: the issuer.
    pub iss: Option<String>,
    /// `jti`: the token's id.
    pub jti: Option<String>,
    /// `cnf.jkt` (RFC 9449 section 6.2): the thumbprint of the key a DPoP-bound token is bound
    /// to; a resource server checks the proof's key against it
    /// ([`crate::jose::DpopVerifyOptions::jkt`]).
    pub cnf_jkt: Option<String>,
    /// The SMART launch context among the members (`patient`, `encounter`, `fhirContext`,
    /// ...), as in a token response.
    pub launch_context: Option<LaunchContext>,
    /// Every other member, as the server sent it.
    pub extra: Map<String, Value>,
}

impl Introspection {
    fn inactive() -> Introspection {
        Introspection {
            active: false,
            scope: None,
            client_id: None,
            username: None,
            token_type: None,
            exp: None,
            iat: None,
            nbf: None,
            sub: None,
            aud: Vec::new(),
            iss: None,
            jti: None,
            cnf_jkt: None,
            launch_context: None,
            extra: Map::new(),
        }
    }

    /// The introspection as a JSON object with camelCase members (`active`, `scope`,
    /// `clientId`, `username`, `tokenType`, `exp`, `iat`, `nbf`, `sub`, `aud`, `iss`, `jti`,
    /// `cnf: { jkt }`, `launchContext`, `extra`; absent ones left out, `aud` and `extra` only
    /// when not empty): what a binding hands its host.
    pub fn to_json(&self) -> Map<String, Value> {
        let mut out = Map::new();
        out.insert("active".into(), self.active.into());
        for (name, value) in [
            ("scope", &self.scope),
            ("clientId", &self.client_id),
            ("username", &self.username),
            ("tokenType", &self.token_type),
            ("sub", &self.sub),
            ("iss", &self.iss),
            ("jti", &self.jti),
        ] {
            if let Some(value) = value {
                out.insert(name.into(), value.as_str().into());
            }
        }
        for (name, value) in [("exp", self.exp), ("iat", self.iat), ("nbf", self.nbf)] {
            if let Some(value) = value {
                out.insert(name.into(), value.into());
            }
        }
        if !self.aud.is_empty() {
            out.insert("aud".into(), self.aud.clone().into());
        }
        if let Some(jkt) = &self.cnf_jkt {
            let mut cnf = Map::new();
            cnf.insert("jkt".into(), jkt.as_str().into());
            out.insert("cnf".into(), Value::Object(cnf));
        }
        if let Some(context) = &self.launch_context {
            out.insert("launchContext".into(), Value::Object(context.to_json()));
        }
        if !self.extra.is_empty() {
            out.insert("extra".into(), Value::Object(self.extra.clone()));
        }
        out
    }
}

/// The members of the launch context, which [`launch_context`] reads.
const LAUNCH_MEMBERS: [&str; 7] = [
    "patient",
    "encounter",
    "fhirContext",
    "need_patient_banner",
    "smart_style_url",
    "intent",
    "tenant",
];

/// Parses an introspection endpoint's response (RFC 7662 section 2.2).
///
/// `active` must be a boolean (the strings `"true"` and `"false"`, which some servers send,
/// are read as booleans); an inactive token yields only `active: false`. Other members are
/// read leniently: a string where a string belongs, a number or numeric string for times, a
/// string or an array of strings for `aud`; anything else is left out.
///
/// An RFC 6749 error body is [`Error::OAuthEndpointError`]; a body that is not a JSON object
/// with `active`, or an error status without an error body, is
/// [`Error::OAuthResponseInvalid`]; a status outside 100 to 599 and a body over
/// [`crate::limits::RESPONSE_BYTES`] are refused first.
pub fn parse_introspection_response(status: u16, body: &str) -> Result<Introspection> {
    parse_introspection_response_with_limit(status, body, crate::limits::RESPONSE_BYTES)
}

/// [`parse_introspection_response`] with a size cap of `max_bytes` on the body.
pub fn parse_introspection_response_with_limit(
    status: u16,
    body: &str,
    max_bytes: usize,
) -> Result<Introspection> {
    let invalid = |reason| Error::OAuthResponseInvalid {
        endpoint: INTROSPECTION,
        status,
        reason,
    };
    let mut map = read_body(INTROSPECTION, status, body, max_bytes)?
        .ok_or(invalid("its body is not a JSON object"))?;
    let active = match map.remove("active") {
        Some(Value::Bool(b)) => b,
        Some(Value::String(s)) if s == "true" || s == "false" => s == "true",
        _ => return Err(invalid("it has no boolean `active` member")),
    };
    if !active {
        return Ok(Introspection::inactive());
    }
    let mut text = |name: &str| match map.remove(name) {
        Some(Value::String(s)) if !s.is_empty() => Some(s),
        _ => None,
    };
    let (scope, client_id, username, token_type) = (
        text("scope"),
        text("client_id"),
        text("username"),
        text("token_type"),
    );
    let (sub, iss, jti) = (text("sub"), text("iss"), text("jti"));
    let exp = seconds(map.remove("exp").as_ref());
    let iat = seconds(map.remove("iat").as_ref());
    let nbf = seconds(map.remove("nbf").as_ref());
    let aud = match map.remove("aud") {
        Some(Value::String(s)) => vec![s],
        Some(Value::Array(items)) => items
            .into_iter()
            .filter_map(|v| match v {
                Value::String(s) => Some(s),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    let cnf_jkt = match map.get("cnf") {
        Some(Value::Object(cnf)) => match cnf.get("jkt") {
            Some(Value::String(jkt)) if !jkt.is_empty() => Some(jkt.clone()),
            _ => None,
        },
        _ => None,
    };
    if cnf_jkt.is_some() {
        map.remove("cnf");
    }
    let launch_context = launch_context(&map);
    for member in LAUNCH_MEMBERS {
        map.remove(member);
    }
    Ok(Introspection {
        active,
        scope,
        client_id,
        username,
        token_type,
        exp,
        iat,
        nbf,
        sub,
        aud,
        iss,
        jti,
        cnf_jkt,
        launch_context,
        extra: map,
    })
}

#[cfg(test)]
mod tests;
