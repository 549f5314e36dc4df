//! Server discovery, sans-IO: which well-known URLs to try for a FHIR base or an issuer
//! ([`discovery_urls`]), and the three documents they serve parsed into one normalized
//! [`Metadata`]: `.well-known/smart-configuration` (SMART App Launch v2 section 2.1.2),
//! `openid-configuration` (OpenID Connect Discovery 1.0) and `oauth-authorization-server`
//! (RFC 8414).
//!
//! Fetching is I/O and stays with the host: try each [`DiscoveryUrl`] in order, and hand the
//! first successful body to [`DiscoveryUrl::parse`].
//!
//! ```
//! use healthauth::discovery::{self, MetadataKind};
//!
//! let candidates = discovery::discovery_urls("https://ehr.example.com/fhir")?;
//! assert_eq!(candidates[0].url, "https://ehr.example.com/fhir/.well-known/smart-configuration");
//! // ... fetch candidates[0].url, then:
//! let body = r#"{
//!     "authorization_endpoint": "https://ehr.example.com/auth/authorize",
//!     "token_endpoint": "https://ehr.example.com/auth/token",
//!     "capabilities": ["launch-ehr", "client-public", "context-ehr-patient"],
//!     "code_challenge_methods_supported": ["S256"],
//!     "grant_types_supported": ["authorization_code"]
//! }"#;
//! let metadata = candidates[0].parse(body)?;
//! assert_eq!(metadata.kind, MetadataKind::Smart);
//! assert!(metadata.has_capability("launch-ehr") && metadata.warnings.is_empty());
//! # Ok::<(), healthauth::Error>(())
//! ```

mod urls;

use serde_json::{Map, Value};

use crate::error::{echo_safe, Error, Result};
use crate::url::validate_endpoint;

pub use urls::{discovery_urls, DiscoveryUrl};

/// Which document the metadata came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MetadataKind {
    /// `.well-known/smart-configuration`.
    Smart,
    /// `.well-known/openid-configuration`.
    OpenId,
    /// `.well-known/oauth-authorization-server` (RFC 8414).
    OAuth,
}

impl MetadataKind {
    /// `smart`, `openid` or `oauth`.
    pub fn as_str(self) -> &'static str {
        match self {
            MetadataKind::Smart => "smart",
            MetadataKind::OpenId => "openid",
            MetadataKind::OAuth => "oauth",
        }
    }

    /// The well-known name of the document, such as `smart-configuration`.
    pub fn well_known(self) -> &'static str {
        match self {
            MetadataKind::Smart => "smart-configuration",
            MetadataKind::OpenId => "openid-configuration",
            MetadataKind::OAuth => "oauth-authorization-server",
        }
    }
}

/// Something a discovery document does that the specifications do not allow or advise, and
/// that was tolerated (the document is still usable).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Warning {
    /// A stable code, such as `pkce_plain_offered`.
    pub code: &'static str,
    /// The member it is about, if one.
    pub member: Option<&'static str>,
    /// What it means, in words.
    pub message: &'static str,
}

impl Warning {
    /// The warning as a JSON object `{ code, member?, message }`.
    pub fn to_json(&self) -> Map<String, Value> {
        let mut out = Map::new();
        out.insert("code".into(), self.code.into());
        if let Some(member) = self.member {
            out.insert("member".into(), member.into());
        }
        out.insert("message".into(), self.message.into());
        out
    }
}

/// A discovery document, normalized: the same shape whichever document it came from.
///
/// Every endpoint is an `https` URL (or `http` on a loopback host); a list the server left out
/// is `None` (RFC 8414 gives some absent lists a meaning, such as `client_secret_basic` for
/// `token_endpoint_auth_methods_supported`).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Metadata {
    /// The document it came from.
    pub kind: MetadataKind,
    /// `issuer` (checked against the expected one for OpenID Connect and RFC 8414).
    pub issuer: Option<String>,
    /// The FHIR base URL a SMART configuration was fetched from, if it was given: the `aud`
    /// of the authorization request.
    pub fhir_base_url: Option<String>,
    /// `authorization_endpoint`.
    pub authorization_endpoint: Option<String>,
    /// `token_endpoint`.
    pub token_endpoint: Option<String>,
    /// `jwks_uri`: where the server's signing keys (ID tokens) are.
    pub jwks_uri: Option<String>,
    /// `introspection_endpoint` (RFC 7662).
    pub introspection_endpoint: Option<String>,
    /// `revocation_endpoint` (RFC 7009).
    pub revocation_endpoint: Option<String>,
    /// `pushed_authorization_request_endpoint` (RFC 9126).
    pub pushed_authorization_request_endpoint: Option<String>,
    /// `registration_endpoint` (RFC 7591).
    pub registration_endpoint: Option<String>,
    /// `userinfo_endpoint` (OpenID Connect).
    pub userinfo_endpoint: Option<String>,
    /// `management_endpoint` (SMART: where a user manages the app's access).
    pub management_endpoint: Option<String>,
    /// SMART `capabilities` (`launch-ehr`, `client-confidential-asymmetric`, ...); empty when
    /// the document has none.
    pub capabilities: Vec<String>,
    /// `scopes_supported`.
    pub scopes_supported: Option<Vec<String>>,
    /// `response_types_supported`.
    pub response_types_supported: Option<Vec<String>>,
    /// `code_challenge_methods_supported` (PKCE).
    pub code_challenge_methods_supported: Option<Vec<String>>,
    /// `grant_types_supported`.
    pub grant_types_supported: Option<Vec<String>>,
    /// `token_endpoint_auth_methods_supported`.
    pub token_endpoint_auth_methods_supported: Option<Vec<String>>,
    /// `token_endpoint_auth_signing_alg_values_supported`.
    pub token_endpoint_auth_signing_alg_values_supported: Option<Vec<String>>,
    /// `id_token_signing_alg_values_supported` (OpenID Connect).
    pub id_token_signing_alg_values_supported: Option<Vec<String>>,
    /// `dpop_signing_alg_values_supported` (RFC 9449 section 5.1).
    pub dpop_signing_alg_values_supported: Option<Vec<String>>,
    /// `require_pushed_authorization_requests` (RFC 9126 section 5): the server takes
    /// authorization requests only through PAR.
    pub require_pushed_authorization_requests: bool,
    /// `authorization_response_iss_parameter_supported` (RFC 9207): callbacks carry `iss`, to
    /// be checked.
    pub authorization_response_iss_parameter_supported: bool,
    /// What the document does that the specifications do not allow or advise, tolerated.
    pub warnings: Vec<Warning>,
    /// Every other member, as the server sent it (not checked).
    pub extra: Map<String, Value>,
}

impl Metadata {
    /// Whether the SMART `capabilities` include `capability`.
    pub fn has_capability(&self, capability: &str) -> bool {
        self.capabilities.iter().any(|c| c == capability)
    }

    /// Whether the server advertises PKCE with S256.
    pub fn supports_pkce_s256(&self) -> bool {
        self.code_challenge_methods_supported
            .as_ref()
            .is_some_and(|m| m.iter().any(|m| m == "S256"))
    }

    /// The metadata as a JSON object with camelCase members (`kind`, `issuer`,
    /// `fhirBaseUrl`, `authorizationEndpoint`, ..., `capabilities`, `scopesSupported`, ...,
    /// `warnings`; absent ones left out, `extra` as sent): what a binding hands its host.
    pub fn to_json(&self) -> Map<String, Value> {
        let mut out = Map::new();
        out.insert("kind".into(), self.kind.as_str().into());
        for (name, value) in [
            ("issuer", &self.issuer),
            ("fhirBaseUrl", &self.fhir_base_url),
            ("authorizationEndpoint", &self.authorization_endpoint),
            ("tokenEndpoint", &self.token_endpoint),
            ("jwksUri", &self.jwks_uri),
            ("introspectionEndpoint", &self.introspection_endpoint),
            ("revocationEndpoint", &self.revocation_endpoint),
            (
                "pushedAuthorizationRequestEndpoint",
                &self.pushed_authorization_request_endpoint,
            ),
            ("registrationEndpoint", &self.registration_endpoint),
            ("userinfoEndpoint", &self.userinfo_endpoint),
            ("managementEndpoint", &self.management_endpoint),
        ] {
            if let Some(value) = value {
                out.insert(name.into(), value.as_str().into());
            }
        }
        out.insert("capabilities".into(), self.capabilities.clone().into());
        for (name, value) in [
            ("scopesSupported", &self.scopes_supported),
            ("responseTypesSupported", &self.response_types_supported),
            (
                "codeChallengeMethodsSupported",
                &self.code_challenge_methods_supported,
            ),
            ("grantTypesSupported", &self.grant_types_supported),
            (
                "tokenEndpointAuthMethodsSupported",
                &self.token_endpoint_auth_methods_supported,
            ),
            (
                "tokenEndpointAuthSigningAlgValuesSupported",
                &self.token_endpoint_auth_signing_alg_values_supported,
            ),
            (
                "idTokenSigningAlgValuesSupported",
                &self.id_token_signing_alg_values_supported,
            ),
            (
                "dpopSigningAlgValuesSupported",
                &self.dpop_signing_alg_values_supported,
            ),
        ] {
            if let Some(value) = value {
                out.insert(name.into(), value.clone().into());
            }
        }
        out.insert(
            "requirePushedAuthorizationRequests".into(),
            self.require_pushed_authorization_requests.into(),
        );
        out.insert(
            "authorizationResponseIssParameterSupported".into(),
            self.authorization_response_iss_parameter_supported.into(),
        );
        out.insert(
            "warnings".into(),
            self.warnings
                .iter()
                .map(|w| Value::Object(w.to_json()))
                .collect(),
        );
        out.insert("extra".into(), Value::Object(self.extra.clone()));
        out
    }
}

/// The endpoint members, checked with [`validate_endpoint`] under their own name.
const ENDPOINTS: [&str; 12] = [
    "issuer",
    "authorization_endpoint",
    "token_endpoint",
    "jwks_uri",
    "introspection_endpoint",
    "revocation_endpoint",
    "pushed_authorization_request_endpoint",
    "registration_endpoint",
    "userinfo_endpoint",
    "management_endpoint",
    "end_session_endpoint",
    "device_authorization_endpoint",
];

/// The list members.
const LISTS: [&str; 11] = [
    "capabilities",
    "scopes_supported",
    "response_types_supported",
    "code_challenge_methods_supported",
    "grant_types_supported",
    "token_endpoint_auth_methods_supported",
    "token_endpoint_auth_signing_alg_values_supported",
    "id_token_signing_alg_values_supported",
    "dpop_signing_alg_values_supported",
    "subject_types_supported",
    "response_modes_supported",
];

/// The boolean members.
const FLAGS: [&str; 2] = [
    "require_pushed_authorization_requests",
    "authorization_response_iss_parameter_supported",
];

fn warning(code: &'static str, member: Option<&'static str>, message: &'static str) -> Warning {
    Warning {
        code,
        member,
        message,
    }
}

/// The document's members, read leniently into their kinds, with warnings.
struct Reader {
    map: Map<String, Value>,
    warnings: Vec<Warning>,
}

impl Reader {
    fn new(json: &str, max_bytes: usize) -> Result<Reader> {
        crate::limits::check("discovery document", json.len(), max_bytes)?;
        match serde_json::from_slice::<Value>(json.as_bytes()) {
            Ok(Value::Object(map)) => Ok(Reader {
                map,
                warnings: Vec::new(),
            }),
            _ => Err(Error::DiscoveryInvalid {
                reason: "it is not a JSON object",
            }),
        }
    }

    fn warn(&mut self, code: &'static str, member: &'static str, message: &'static str) {
        self.warnings.push(warning(code, Some(member), message));
    }

    /// An endpoint: absent, or an `https` URL (`http` on loopback). An empty string counts as
    /// absent (with a warning); another type is refused.
    fn endpoint(&mut self, member: &'static str) -> Result<Option<String>> {
        match self.map.remove(member) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) if s.is_empty() => {
                self.warn(
                    "empty_endpoint",
                    member,
                    "an endpoint member is an empty string: read as absent",
                );
                Ok(None)
            }
            Some(Value::String(s)) => {
                validate_endpoint(&s, member)?;
                Ok(Some(s))
            }
            Some(_) => Err(Error::DiscoveryInvalid {
                reason: "an endpoint member (issuer, ..._endpoint, jwks_uri) is not a string",
            }),
        }
    }

    /// A list of strings: a space-separated string is split (with a warning), items that are
    /// not strings are dropped (with a warning), another type is read as absent (with a
    /// warning).
    fn list(&mut self, member: &'static str) -> Option<Vec<String>> {
        match self.map.remove(member) {
            None | Some(Value::Null) => None,
            Some(Value::Array(items)) => {
                let total = items.len();
                let list: Vec<String> = items
                    .into_iter()
                    .filter_map(|item| match item {
                        Value::String(s) => Some(s),
                        _ => None,
                    })
                    .collect();
                if list.len() != total {
                    self.warn(
                        "list_item_not_string",
                        member,
                        "a list member has items that are not strings: they were left out",
                    );
                }
                Some(list)
            }
            Some(Value::String(s)) => {
                self.warn(
                    "list_as_string",
                    member,
                    "a list member is a space-separated string instead of an array: it was split",
                );
                Some(s.split_whitespace().map(str::to_owned).collect())
            }
            Some(_) => {
                self.warn(
                    "member_wrong_type",
                    member,
                    "a list member is neither an array nor a string: read as absent",
                );
                None
            }
        }
    }

    /// A boolean (`"true"` and `"false"` read as booleans, with a warning); absent is false.
    fn flag(&mut self, member: &'static str) -> bool {
        match self.map.remove(member) {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => b,
            Some(Value::String(s)) if s == "true" || s == "false" => {
                self.warn(
                    "flag_as_string",
                    member,
                    "a boolean member is the string \"true\" or \"false\": read as the boolean",
                );
                s == "true"
            }
            Some(_) => {
                self.warn(
                    "member_wrong_type",
                    member,
                    "a boolean member is not a boolean: read as false",
                );
                false
            }
        }
    }
}

/// Reads every member into a [`Metadata`] of `kind`, then applies the rules every kind shares
/// (PKCE).
fn read(json: &str, kind: MetadataKind, max_bytes: usize) -> Result<Metadata> {
    let mut r = Reader::new(json, max_bytes)?;
    let mut endpoints = Vec::with_capacity(ENDPOINTS.len());
    for member in ENDPOINTS {
        endpoints.push(r.endpoint(member)?);
    }
    let mut endpoints = endpoints.into_iter();
    let mut next = || endpoints.next().flatten();
    let (issuer, authorization_endpoint, token_endpoint, jwks_uri) =
        (next(), next(), next(), next());
    let (introspection_endpoint, revocation_endpoint, pushed_authorization_request_endpoint) =
        (next(), next(), next());
    let (registration_endpoint, userinfo_endpoint, management_endpoint) = (next(), next(), next());
    // Checked above, kept among the other members.
    for (member, value) in [
        ("end_session_endpoint", next()),
        ("device_authorization_endpoint", next()),
    ] {
        if let Some(value) = value {
            r.map.insert(member.into(), value.into());
        }
    }
    let mut lists = Vec::with_capacity(LISTS.len());
    for member in LISTS {
        lists.push(r.list(member));
    }
    let mut lists = lists.into_iter();
    let mut next = || lists.next().flatten();
    let capabilities = next();
    let (scopes_supported, response_types_supported, code_challenge_methods_supported) =
        (next(), next(), next());
    let (grant_types_supported, token_endpoint_auth_methods_supported) = (next(), next());
    let token_endpoint_auth_signing_alg_values_supported = next();
    let id_token_signing_alg_values_supported = next();
    let dpop_signing_alg_values_supported = next();
    for (member, value) in [
        ("subject_types_supported", next()),
        ("response_modes_supported", next()),
    ] {
        if let Some(value) = value {
            r.map.insert(member.into(), value.into());
        }
    }
    let [require_par, iss_parameter] = FLAGS.map(|member| r.flag(member));
    if kind == MetadataKind::Smart && capabilities.is_none() {
        r.warn(
            "capabilities_missing",
            "capabilities",
            "a SMART configuration must list its capabilities: none are known",
        );
    }
    match &code_challenge_methods_supported {
        None => r.warn(
            "code_challenge_methods_missing",
            "code_challenge_methods_supported",
            "the server does not say it supports PKCE (SMART App Launch v2 requires S256 to be listed): PKCE S256 is still sent",
        ),
        Some(methods) => {
            let s256 = methods.iter().any(|m| m == "S256");
            let plain = methods.iter().any(|m| m == "plain");
            match (s256, plain) {
                (false, true) => return Err(Error::DiscoveryPkcePlainOnly),
                (true, true) => r.warn(
                    "pkce_plain_offered",
                    "code_challenge_methods_supported",
                    "the server offers PKCE plain beside S256; only S256 is used",
                ),
                (false, false) => r.warn(
                    "pkce_s256_missing",
                    "code_challenge_methods_supported",
                    "the server does not list PKCE S256",
                ),
                (true, false) => {}
            }
        }
    }
    Ok(Metadata {
        kind,
        issuer,
        fhir_base_url: None,
        authorization_endpoint,
        token_endpoint,
        jwks_uri,
        introspection_endpoint,
        revocation_endpoint,
        pushed_authorization_request_endpoint,
        registration_endpoint,
        userinfo_endpoint,
        management_endpoint,
        capabilities: capabilities.unwrap_or_default(),
        scopes_supported,
        response_types_supported,
        code_challenge_methods_supported,
        grant_types_supported,
        token_endpoint_auth_methods_supported,
        token_endpoint_auth_signing_alg_values_supported,
        id_token_signing_alg_values_supported,
        dpop_signing_alg_values_supported,
        require_pushed_authorization_requests: require_par,
        authorization_response_iss_parameter_supported: iss_parameter,
        warnings: r.warnings,
        extra: r.map,
    })
}

/// Parses `.well-known/smart-configuration` (SMART App Launch v2 section 2.1.2), fetched
/// from `fhir_base_url` when given (kept as [`Metadata::fhir_base_url`]).
///
/// Refused: a body over [`crate::limits::RESPONSE_BYTES`] ([`Error::InputTooLarge`]); not a
/// JSON object, no `token_endpoint`, no `authorization_endpoint` while `launch-ehr` or
/// `launch-standalone` is a capability ([`Error::DiscoveryInvalid`]); an endpoint that is not
/// `https` off loopback ([`Error::UrlInvalid`], named by its member); PKCE offered only as
/// `plain` ([`Error::DiscoveryPkcePlainOnly`]).
///
/// Warned ([`Metadata::warnings`]): no `capabilities`, no `code_challenge_methods_supported`,
/// `plain` beside `S256`, no `grant_types_supported`, `sso-openid-connect` without `issuer`
/// or `jwks_uri`, lists sent as strings, and the like.
pub fn parse_smart_configuration(json: &str, fhir_base_url: Option<&str>) -> Result<Metadata> {
    parse_smart_configuration_with_limit(json, fhir_base_url, crate::limits::RESPONSE_BYTES)
}

/// [`parse_smart_configuration`] with a size cap of `max_bytes` on the document.
pub fn parse_smart_configuration_with_limit(
    json: &str,
    fhir_base_url: Option<&str>,
    max_bytes: usize,
) -> Result<Metadata> {
    if let Some(base) = fhir_base_url {
        validate_endpoint(base, "fhirBaseUrl")?;
    }
    let mut metadata = read(json, MetadataKind::Smart, max_bytes)?;
    if metadata.token_endpoint.is_none() {
        return Err(Error::DiscoveryInvalid {
            reason: "a SMART configuration needs a token_endpoint",
        });
    }
    let launches =
        metadata.has_capability("launch-ehr") || metadata.has_capability("launch-standalone");
    if launches && metadata.authorization_endpoint.is_none() {
        return Err(Error::DiscoveryInvalid {
            reason: "a SMART configuration with launch-ehr or launch-standalone needs an authorization_endpoint",
        });
    }
    if metadata.grant_types_supported.is_none() {
        metadata.warnings.push(warning(
            "grant_types_missing",
            Some("grant_types_supported"),
            "a SMART v2 configuration must list its grant types",
        ));
    }
    if metadata.has_capability("sso-openid-connect")
        && (metadata.issuer.is_none() || metadata.jwks_uri.is_none())
    {
        metadata.warnings.push(warning(
            "openid_members_missing",
            None,
            "the server offers sso-openid-connect without issuer or jwks_uri: ID tokens cannot be verified from this document",
        ));
    }
    metadata.fhir_base_url = fhir_base_url.map(str::to_owned);
    Ok(metadata)
}

/// The checks OpenID Connect and RFC 8414 share: `issuer` present and identical to the
/// expected one.
fn check_issuer(metadata: &Metadata, expected: &str) -> Result<()> {
    validate_endpoint(expected, "issuer")?;
    match &metadata.issuer {
        None => Err(Error::DiscoveryInvalid {
            reason: "it has no issuer",
        }),
        Some(actual) if actual == expected => Ok(()),
        Some(actual) => Err(Error::DiscoveryIssuerMismatch {
            expected: echo_safe(expected),
            actual: echo_safe(actual),
        }),
    }
}

fn warn_missing(metadata: &mut Metadata, members: &[(&'static str, bool, &'static str)]) {
    for (member, missing, code) in members {
        if *missing {
            metadata.warnings.push(warning(
                code,
                Some(member),
                "a member the specification requires is missing",
            ));
        }
    }
}

/// Parses `.well-known/openid-configuration` (OpenID Connect Discovery 1.0 section 3) fetched
/// for `issuer`.
///
/// Refused as [`parse_smart_configuration`] refuses, and: an `issuer` that is missing
/// ([`Error::DiscoveryInvalid`]) or not identical to `issuer`
/// ([`Error::DiscoveryIssuerMismatch`], section 4.3); no `authorization_endpoint` or no
/// `jwks_uri` ([`Error::DiscoveryInvalid`]). Warned: no `token_endpoint`,
/// `response_types_supported`, `subject_types_supported` or
/// `id_token_signing_alg_values_supported`.
pub fn parse_openid_configuration(json: &str, issuer: &str) -> Result<Metadata> {
    parse_openid_configuration_with_limit(json, issuer, crate::limits::RESPONSE_BYTES)
}

/// [`parse_openid_configuration`] with a size cap of `max_bytes` on the document.
pub fn parse_openid_configuration_with_limit(
    json: &str,
    issuer: &str,
    max_bytes: usize,
) -> Result<Metadata> {
    let mut metadata = read(json, MetadataKind::OpenId, max_bytes)?;
    check_issuer(&metadata, issuer)?;
    if metadata.authorization_endpoint.is_none() || metadata.jwks_uri.is_none() {
        return Err(Error::DiscoveryInvalid {
            reason: "an OpenID configuration needs an authorization_endpoint and a jwks_uri",
        });
    }
    let missing = [
        (
            "token_endpoint",
            metadata.token_endpoint.is_none(),
            "token_endpoint_missing",
        ),
        (
            "response_types_supported",
            metadata.response_types_supported.is_none(),
            "response_types_missing",
        ),
        (
            "subject_types_supported",
            !metadata.extra.contains_key("subject_types_supported"),
            "subject_types_missing",
        ),
        (
            "id_token_signing_alg_values_supported",
            metadata.id_token_signing_alg_values_supported.is_none(),
            "id_token_signing_algs_missing",
        ),
    ];
    warn_missing(&mut metadata, &missing);
    Ok(metadata)
}

/// Parses `.well-known/oauth-authorization-server` (RFC 8414 section 2) fetched for
/// `issuer`: refused as [`parse_openid_configuration`] refuses a missing or different
/// `issuer` (RFC 8414 section 3.3); warned: no `token_endpoint`, no
/// `response_types_supported`.
pub fn parse_authorization_server_metadata(json: &str, issuer: &str) -> Result<Metadata> {
    parse_authorization_server_metadata_with_limit(json, issuer, crate::limits::RESPONSE_BYTES)
}

/// [`parse_authorization_server_metadata`] with a size cap of `max_bytes` on the document.
pub fn parse_authorization_server_metadata_with_limit(
    json: &str,
    issuer: &str,
    max_bytes: usize,
) -> Result<Metadata> {
    let mut metadata = read(json, MetadataKind::OAuth, max_bytes)?;
    check_issuer(&metadata, issuer)?;
    let missing = [
        (
            "token_endpoint",
            metadata.token_endpoint.is_none(),
            "token_endpoint_missing",
        ),
        (
            "response_types_supported",
            metadata.response_types_supported.is_none(),
            "response_types_missing",
        ),
    ];
    warn_missing(&mut metadata, &missing);
    Ok(metadata)
}

#[cfg(test)]
mod tests;
