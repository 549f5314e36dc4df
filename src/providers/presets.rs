//! Presets: endpoints and rules of each provider, and the checks that apply them.

use crate::discovery::Metadata;
use crate::error::{Error, Result};
use crate::jose::{Algorithm, ClientAssertionOptions, SigningKey, MAX_ASSERTION_LIFETIME_SECONDS};
use crate::oauth::{self, AuthorizationRequest, ClientAuthMethod};
use crate::url::validate_endpoint;

/// What a provider expects from a client, and the checks that apply it: a signing key against
/// the assertion rules ([`Preset::assertion_method`]), the assertion options
/// ([`Preset::client_assertion_options`]), PKCE on the authorization URL
/// ([`Preset::authorization_url`]), the method for a client secret
/// ([`Preset::secret_method`]).
///
/// The four providers' presets come from [`redox`], [`telesoft`], [`digitail`], [`smart`] (or
/// [`preset`] by name); [`Preset::custom`] starts another one.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Preset {
    /// Short name: `redox`, `telesoft`, `digitail`, `smart` (or a custom preset's).
    pub name: String,
    /// The authorization endpoint, for providers with a user-facing code flow.
    pub authorization_endpoint: Option<String>,
    /// The token endpoint.
    pub token_endpoint: String,
    /// The client-authentication method the provider expects by default.
    pub client_auth_method: ClientAuthMethod,
    /// JWS algorithms accepted for client assertions (empty: no restriction).
    pub assertion_algorithms: Vec<Algorithm>,
    /// Longest client assertion lifetime (`exp - iat`) the provider accepts, in seconds.
    pub max_assertion_lifetime_seconds: Option<u64>,
    /// Whether assertions must carry a `kid` header (a signing key must have one).
    pub kid_required: bool,
    /// Whether the code flow must use PKCE (an authorization URL must carry a challenge).
    pub pkce_required: bool,
    /// Access token lifetime the provider documents, in seconds.
    pub access_token_lifetime_seconds: Option<u64>,
    /// Refresh token lifetime the provider documents, in seconds.
    pub refresh_token_lifetime_seconds: Option<u64>,
    /// Scopes the provider documents.
    pub scopes: Vec<String>,
}

/// The assertion algorithms of SMART Backend Services.
const SMART_ALGORITHMS: &[Algorithm] = &[Algorithm::Rs384, Algorithm::Es384];
/// The assertion algorithms Redox accepts.
const REDOX_ALGORITHMS: &[Algorithm] = &[Algorithm::Rs384, Algorithm::Es384, Algorithm::Hs384];

/// Why a key's algorithm is refused: the accepted list where it is one of the presets' (error
/// reasons are static text), a pointer to the preset otherwise.
fn algorithm_refused(allowed: &[Algorithm]) -> Error {
    let reason = if allowed == SMART_ALGORITHMS {
        "this provider accepts RS384, ES384, and the key signs with another algorithm"
    } else if allowed == REDOX_ALGORITHMS {
        "this provider accepts RS384, ES384, HS384, and the key signs with another algorithm"
    } else {
        "this provider does not accept the key's algorithm (see the preset's assertion algorithms)"
    };
    Error::ClientAssertionInvalid { reason }
}

impl Preset {
    /// A preset of another provider: `name`, its token endpoint, `client_secret_basic`, and no
    /// rule (any assertion algorithm, no `kid` or PKCE requirement, no lifetimes, no scopes).
    /// Set the public fields to describe the provider. The endpoints are checked where they
    /// are used ([`oauth::Client::new`], [`oauth::authorization_url`]).
    pub fn custom(name: impl Into<String>, token_endpoint: impl Into<String>) -> Preset {
        Preset {
            name: name.into(),
            authorization_endpoint: None,
            token_endpoint: token_endpoint.into(),
            client_auth_method: ClientAuthMethod::ClientSecretBasic,
            assertion_algorithms: Vec::new(),
            max_assertion_lifetime_seconds: None,
            kid_required: false,
            pkce_required: false,
            access_token_lifetime_seconds: None,
            refresh_token_lifetime_seconds: None,
            scopes: Vec::new(),
        }
    }

    /// The client-authentication method for client assertions signed with `alg` under a `kid`
    /// (if any), after checking them against the preset: `private_key_jwt` for an asymmetric
    /// algorithm, `client_secret_jwt` for HMAC ([`ClientAuthMethod::for_algorithm`]).
    ///
    /// Refuses ([`Error::ClientAssertionInvalid`]) an algorithm outside
    /// [`Preset::assertion_algorithms`] (when it lists any), and a missing or empty `kid` when
    /// [`Preset::kid_required`]. For hosts that hold the key elsewhere; with a
    /// [`SigningKey`] at hand, use [`Preset::assertion_method`].
    pub fn assertion_method_for(
        &self,
        alg: Algorithm,
        kid: Option<&str>,
    ) -> Result<ClientAuthMethod> {
        if !self.assertion_algorithms.is_empty() && !self.assertion_algorithms.contains(&alg) {
            return Err(algorithm_refused(&self.assertion_algorithms));
        }
        if self.kid_required && kid.is_none_or(str::is_empty) {
            return Err(Error::ClientAssertionInvalid {
                reason: "this provider requires a `kid` on the signing key, sent in the assertion's header (give the key one when importing it)",
            });
        }
        Ok(ClientAuthMethod::for_algorithm(alg))
    }

    /// [`Preset::assertion_method_for`] the key's algorithm and `kid`.
    ///
    /// ```
    /// use healthauth::jose::{Algorithm, SigningKey};
    /// use healthauth::oauth::ClientAuthMethod;
    /// use healthauth::providers;
    ///
    /// let smart = providers::smart("https://ehr.example/token")?;
    /// let key = SigningKey::generate(Algorithm::Es384)?; // its kid: the RFC 7638 thumbprint
    /// assert_eq!(smart.assertion_method(&key)?, ClientAuthMethod::PrivateKeyJwt);
    /// let es256 = SigningKey::generate(Algorithm::Es256)?;
    /// assert_eq!(smart.assertion_method(&es256).unwrap_err().code(), "ERR_CLIENT_ASSERTION_INVALID");
    /// # Ok::<(), healthauth::Error>(())
    /// ```
    pub fn assertion_method(&self, key: &SigningKey) -> Result<ClientAuthMethod> {
        self.assertion_method_for(key.alg(), key.kid())
    }

    /// The longest assertion lifetime this provider accepts, within the 300 s every
    /// assertion is held to ([`MAX_ASSERTION_LIFETIME_SECONDS`]).
    pub fn assertion_lifetime_seconds(&self) -> u64 {
        self.max_assertion_lifetime_seconds
            .map_or(MAX_ASSERTION_LIFETIME_SECONDS, |max| {
                max.min(MAX_ASSERTION_LIFETIME_SECONDS)
            })
    }

    /// The options of a client assertion for `client_id` at `audience` (the token endpoint)
    /// at time `now`, living [`Preset::assertion_lifetime_seconds`] (a caller may lower it).
    /// Check the key with [`Preset::assertion_method`] before signing.
    pub fn client_assertion_options(
        &self,
        client_id: impl Into<String>,
        audience: impl Into<String>,
        now: i64,
    ) -> ClientAssertionOptions {
        let mut options = ClientAssertionOptions::new(client_id, audience, now);
        options.lifetime_seconds = self.assertion_lifetime_seconds();
        options
    }

    /// The method for a client that holds a client secret: the preset's own when it sends
    /// the secret itself (`client_secret_basic`, `_post`, `_json`), otherwise
    /// `client_secret_basic` (the secret cannot make the assertion the preset's method needs).
    pub fn secret_method(&self) -> ClientAuthMethod {
        if self.client_auth_method.needs_secret() {
            self.client_auth_method
        } else {
            ClientAuthMethod::ClientSecretBasic
        }
    }

    /// [`oauth::authorization_url`] under the preset's rules: a provider with
    /// [`Preset::pkce_required`] gets no URL without a PKCE challenge
    /// ([`Error::InvalidArgument`]).
    pub fn authorization_url(&self, request: &AuthorizationRequest<'_>) -> Result<String> {
        if self.pkce_required && request.code_challenge.is_none() {
            return Err(Error::InvalidArgument {
                name: "codeChallenge",
                expected: "an S256 challenge (from createPkce): this provider requires PKCE",
            });
        }
        oauth::authorization_url(request)
    }
}

/// The options of [`preset`], each `None` when not given; each preset takes only its own.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PresetOptions<'a> {
    /// Redox: the region ([`redox`]).
    pub region: Option<&'a str>,
    /// Digitail: the instance's base URL ([`digitail`], required).
    pub base_url: Option<&'a str>,
    /// SMART: the token endpoint ([`smart`], required).
    pub token_endpoint: Option<&'a str>,
}

/// A preset by name (`redox`, `telesoft`, `digitail`, `smart`) with its options, for hosts
/// that choose by name. An unknown name and a missing required option are
/// [`Error::InvalidArgument`]; an option the preset does not take is
/// [`Error::UnknownOption`].
///
/// ```
/// use healthauth::providers::{self, PresetOptions};
///
/// let options = PresetOptions { base_url: Some("https://clinic.example"), ..Default::default() };
/// assert!(providers::preset("digitail", options)?.pkce_required);
/// assert_eq!(providers::preset("telesoft", options).unwrap_err().code(), "ERR_UNKNOWN_OPTION");
/// # Ok::<(), healthauth::Error>(())
/// ```
pub fn preset(name: &str, options: PresetOptions<'_>) -> Result<Preset> {
    let PresetOptions {
        region,
        base_url,
        token_endpoint,
    } = options;
    let (call, takes): (&'static str, &[&'static str]) = match name {
        "redox" => ("redox", &["region"]),
        "telesoft" => ("telesoft", &[]),
        "digitail" => ("digitail", &["baseUrl"]),
        "smart" => ("smart", &["tokenEndpoint"]),
        _ => {
            return Err(Error::InvalidArgument {
                name: "name",
                expected: "one of redox, telesoft, digitail, smart",
            })
        }
    };
    for (option, given) in [
        ("region", region.is_some()),
        ("baseUrl", base_url.is_some()),
        ("tokenEndpoint", token_endpoint.is_some()),
    ] {
        if given && !takes.contains(&option) {
            return Err(crate::suggest::unknown_option(call, option, takes));
        }
    }
    match call {
        "redox" => redox(region),
        "telesoft" => Ok(telesoft()),
        "digitail" => digitail(required(base_url, "baseUrl")?),
        _ => smart(required(token_endpoint, "tokenEndpoint")?),
    }
}

fn required<'a>(value: Option<&'a str>, name: &'static str) -> Result<&'a str> {
    value.ok_or(Error::InvalidArgument {
        name,
        expected: "given (a string)",
    })
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
        name: "redox".into(),
        authorization_endpoint: None,
        token_endpoint: "https://api.redoxengine.com/v2/auth/token".into(),
        client_auth_method: ClientAuthMethod::PrivateKeyJwt,
        assertion_algorithms: REDOX_ALGORITHMS.to_vec(),
        max_assertion_lifetime_seconds: Some(300),
        kid_required: true,
        pkce_required: false,
        access_token_lifetime_seconds: Some(300),
        refresh_token_lifetime_seconds: None,
        scopes: Vec::new(),
    })
}

/// Telesoft: code flow at `auth.telesoft.us`, JSON token bodies with the client secret,
/// 2-hour access tokens, 30-day refresh tokens.
pub fn telesoft() -> Preset {
    Preset {
        name: "telesoft".into(),
        authorization_endpoint: Some("https://auth.telesoft.us/oauth/authorize".into()),
        token_endpoint: "https://auth.telesoft.us/oauth/token".into(),
        client_auth_method: ClientAuthMethod::ClientSecretJson,
        assertion_algorithms: Vec::new(),
        max_assertion_lifetime_seconds: None,
        kid_required: false,
        pkce_required: false,
        access_token_lifetime_seconds: Some(2 * 3600),
        refresh_token_lifetime_seconds: Some(30 * 24 * 3600),
        scopes: [
            "read:patient_data",
            "read:diagnostic_data",
            "write:medical_records",
            "write:prescriptions",
            "admin:billing",
        ]
        .map(String::from)
        .to_vec(),
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
        name: "digitail".into(),
        authorization_endpoint: Some(format!("{base}/oauth/authorize")),
        token_endpoint: format!("{base}/oauth/token"),
        client_auth_method: ClientAuthMethod::ClientSecretPost,
        assertion_algorithms: Vec::new(),
        max_assertion_lifetime_seconds: None,
        kid_required: false,
        pkce_required: true,
        access_token_lifetime_seconds: None,
        refresh_token_lifetime_seconds: None,
        scopes: Vec::new(),
    })
}

/// SMART Backend Services (SMART App Launch 2.x, §Backend Services): `client_credentials`
/// with a `private_key_jwt` assertion signed RS384 or ES384, `exp` at most 300 s after `iat`,
/// `kid` required, `system/…` scopes.
pub fn smart(token_endpoint: &str) -> Result<Preset> {
    validate_endpoint(token_endpoint, "tokenEndpoint")?;
    Ok(Preset {
        name: "smart".into(),
        authorization_endpoint: None,
        token_endpoint: token_endpoint.to_owned(),
        client_auth_method: ClientAuthMethod::PrivateKeyJwt,
        assertion_algorithms: SMART_ALGORITHMS.to_vec(),
        max_assertion_lifetime_seconds: Some(300),
        kid_required: true,
        pkce_required: false,
        access_token_lifetime_seconds: None,
        refresh_token_lifetime_seconds: None,
        scopes: Vec::new(),
    })
}

/// The SMART Backend Services preset of the server a SMART configuration (or an OpenID / RFC
/// 8414 document) describes: [`smart`] with its token endpoint, the assertion algorithms it
/// accepts among RS384 and ES384, and the `system/` scopes it lists.
///
/// Refused ([`Error::DiscoveryUnsupported`]): a server that advertises neither the
/// `client-confidential-asymmetric` capability nor `private_key_jwt` among its token endpoint
/// auth methods, whose `token_endpoint_auth_signing_alg_values_supported` has neither RS384
/// nor ES384, or whose `grant_types_supported` lacks `client_credentials`; a document without
/// a token endpoint is [`Error::DiscoveryInvalid`]. Lists the server leaves out are not held
/// against it (SMART requires RS384 and ES384 of every server).
///
/// ```
/// use healthauth::{discovery, providers};
///
/// let metadata = discovery::parse_smart_configuration(r#"{
///     "token_endpoint": "https://ehr.example/token",
///     "capabilities": ["client-confidential-asymmetric"],
///     "token_endpoint_auth_signing_alg_values_supported": ["ES384", "RS256"],
///     "grant_types_supported": ["client_credentials"],
///     "scopes_supported": ["system/*.rs", "openid"]
/// }"#, None)?;
/// let preset = providers::smart_backend(&metadata)?;
/// assert_eq!(preset.assertion_algorithms, [healthauth::jose::Algorithm::Es384]);
/// assert_eq!(preset.scopes, ["system/*.rs"]);
/// # Ok::<(), healthauth::Error>(())
/// ```
pub fn smart_backend(metadata: &Metadata) -> Result<Preset> {
    let unsupported = |reason| Error::DiscoveryUnsupported { reason };
    let token_endpoint = metadata
        .token_endpoint
        .as_deref()
        .ok_or(Error::DiscoveryInvalid {
            reason: "it has no token_endpoint",
        })?;
    let lists = |list: &Option<Vec<String>>, item: &str| {
        list.as_ref()
            .is_some_and(|list| list.iter().any(|x| x == item))
    };
    if !metadata.has_capability("client-confidential-asymmetric")
        && !lists(
            &metadata.token_endpoint_auth_methods_supported,
            "private_key_jwt",
        )
    {
        return Err(unsupported(
            "it advertises neither the client-confidential-asymmetric capability nor private_key_jwt (SMART Backend Services)",
        ));
    }
    if metadata.grant_types_supported.is_some()
        && !lists(&metadata.grant_types_supported, "client_credentials")
    {
        return Err(unsupported(
            "its grant_types_supported lacks client_credentials",
        ));
    }
    let algorithms: Vec<Algorithm> =
        match &metadata.token_endpoint_auth_signing_alg_values_supported {
            None => SMART_ALGORITHMS.to_vec(),
            Some(_) => SMART_ALGORITHMS
                .iter()
                .copied()
                .filter(|alg| {
                    lists(
                        &metadata.token_endpoint_auth_signing_alg_values_supported,
                        alg.name(),
                    )
                })
                .collect(),
        };
    if algorithms.is_empty() {
        return Err(unsupported(
            "it accepts client assertions signed with neither RS384 nor ES384",
        ));
    }
    let mut preset = smart(token_endpoint)?;
    preset.assertion_algorithms = algorithms;
    preset.scopes = metadata
        .scopes_supported
        .iter()
        .flatten()
        .filter(|scope| scope.starts_with("system/"))
        .cloned()
        .collect();
    Ok(preset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_backend_preset_from_discovery() {
        use crate::discovery::parse_smart_configuration;
        let parse = |json: &str| parse_smart_configuration(json, None).unwrap();
        let full = parse(
            r#"{"token_endpoint":"https://ehr.example/token","capabilities":["client-confidential-asymmetric"],
                "token_endpoint_auth_methods_supported":["private_key_jwt"],
                "token_endpoint_auth_signing_alg_values_supported":["RS384","ES384"],
                "grant_types_supported":["authorization_code","client_credentials"],
                "scopes_supported":["system/*.rs","system/Patient.r","patient/*.rs"]}"#,
        );
        let preset = smart_backend(&full).unwrap();
        assert_eq!(preset.token_endpoint, "https://ehr.example/token");
        assert_eq!(preset.assertion_algorithms, SMART_ALGORITHMS);
        assert_eq!(preset.scopes, ["system/*.rs", "system/Patient.r"]);
        assert_eq!(preset.client_auth_method, ClientAuthMethod::PrivateKeyJwt);
        assert!(preset.kid_required);
        // Lists left out are not held against the server.
        let minimal = parse(
            r#"{"token_endpoint":"https://ehr.example/token","token_endpoint_auth_methods_supported":["private_key_jwt"]}"#,
        );
        assert_eq!(
            smart_backend(&minimal).unwrap().assertion_algorithms,
            SMART_ALGORITHMS
        );
        for json in [
            r#"{"token_endpoint":"https://e/t","capabilities":["client-confidential-symmetric"]}"#,
            r#"{"token_endpoint":"https://e/t","capabilities":["client-confidential-asymmetric"],"token_endpoint_auth_signing_alg_values_supported":["RS256","ES256"]}"#,
            r#"{"token_endpoint":"https://e/t","capabilities":["client-confidential-asymmetric"],"grant_types_supported":["authorization_code"]}"#,
        ] {
            assert_eq!(
                smart_backend(&parse(json)).unwrap_err().code(),
                "ERR_DISCOVERY_UNSUPPORTED",
                "{json}"
            );
        }
        let oauth = crate::discovery::parse_authorization_server_metadata(
            r#"{"issuer":"https://i","response_types_supported":["code"]}"#,
            "https://i",
        )
        .unwrap();
        assert_eq!(
            smart_backend(&oauth).unwrap_err().code(),
            "ERR_DISCOVERY_INVALID"
        );
    }

    #[test]
    fn presets() {
        let r = redox(None).unwrap();
        assert_eq!(
            r.token_endpoint,
            "https://api.redoxengine.com/v2/auth/token"
        );
        assert_eq!(r.access_token_lifetime_seconds, Some(300));
        assert!(r.assertion_algorithms.contains(&Algorithm::Hs384));
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
        assert_eq!(t.client_auth_method, ClientAuthMethod::ClientSecretJson);
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

    fn hs384(kid: Option<&str>) -> SigningKey {
        let key = SigningKey::from_hmac_secret(&[7; 48], Algorithm::Hs384).unwrap();
        match kid {
            Some(kid) => key.with_kid(kid),
            None => key,
        }
    }

    #[test]
    fn signing_keys_are_checked_against_the_preset() {
        let smart = smart("https://ehr.example/token").unwrap();
        let redox = redox(None).unwrap();
        let es384 = SigningKey::generate(Algorithm::Es384).unwrap();
        let es256 = SigningKey::generate(Algorithm::Es256).unwrap();
        assert_eq!(
            smart.assertion_method(&es384).unwrap(),
            ClientAuthMethod::PrivateKeyJwt
        );
        assert_eq!(
            redox.assertion_method(&hs384(Some("k1"))).unwrap(),
            ClientAuthMethod::ClientSecretJwt
        );
        // An algorithm the provider does not accept: the message names those it does.
        for (preset, key, listed) in [
            (&smart, &es256, "RS384, ES384,"),
            (&smart, &hs384(Some("k1")), "RS384, ES384,"),
            (&redox, &es256, "RS384, ES384, HS384"),
        ] {
            let e = preset.assertion_method(key).unwrap_err();
            assert_eq!(e.code(), "ERR_CLIENT_ASSERTION_INVALID");
            assert!(e.to_string().contains(listed), "{e}");
        }
        let mut custom = Preset::custom("custom", "https://as.example/token");
        custom.assertion_algorithms = vec![Algorithm::Ps256];
        let e = custom.assertion_method(&es384).unwrap_err();
        assert!(e.to_string().contains("assertion algorithms"), "{e}");
        // kid_required: a key without a kid (or with an empty one) is refused, HMAC keys too.
        for kid in [None, Some("")] {
            let e = redox.assertion_method(&hs384(kid)).unwrap_err();
            assert_eq!(e.code(), "ERR_CLIENT_ASSERTION_INVALID", "{kid:?}");
            assert!(e.to_string().contains("`kid`"), "{e}");
            assert_eq!(
                redox
                    .assertion_method_for(Algorithm::Es384, kid)
                    .unwrap_err()
                    .code(),
                "ERR_CLIENT_ASSERTION_INVALID"
            );
        }
        // No rules: any algorithm, no kid needed.
        let open = Preset::custom("custom", "https://as.example/token");
        assert_eq!(
            open.assertion_method(&hs384(None)).unwrap(),
            ClientAuthMethod::ClientSecretJwt
        );
        assert_eq!(
            open.assertion_method_for(Algorithm::EdDsa, None).unwrap(),
            ClientAuthMethod::PrivateKeyJwt
        );
    }

    #[test]
    fn assertion_lifetimes_are_clamped_to_the_preset() {
        let smart = smart("https://ehr.example/token").unwrap();
        let options = smart.client_assertion_options("c", "https://ehr.example/token", 1_000);
        assert_eq!(
            (
                options.client_id.as_str(),
                options.audience.as_str(),
                options.now
            ),
            ("c", "https://ehr.example/token", 1_000)
        );
        assert_eq!(options.lifetime_seconds, 300);
        let mut short = Preset::custom("short", "https://as.example/token");
        short.max_assertion_lifetime_seconds = Some(60);
        assert_eq!(short.assertion_lifetime_seconds(), 60);
        short.max_assertion_lifetime_seconds = Some(3_600);
        assert_eq!(short.assertion_lifetime_seconds(), 300);
        short.max_assertion_lifetime_seconds = None;
        assert_eq!(short.assertion_lifetime_seconds(), 300);
        // The options sign under the preset's rules.
        let key = SigningKey::generate(Algorithm::Es384).unwrap();
        let mut preset = smart.clone();
        preset.max_assertion_lifetime_seconds = Some(120);
        let jwt = crate::jose::client_assertion(
            &key,
            &preset.client_assertion_options("c", "https://ehr.example/token", 1_000),
        )
        .unwrap();
        let mut verify = crate::jose::VerifyOptions::new(1_000);
        verify.audience = Some(vec!["https://ehr.example/token".into()]);
        let claims = crate::jose::verify_jwt(&jwt, &key.verifying_key(), &verify)
            .unwrap()
            .claims;
        assert_eq!(claims["exp"], 1_120);
    }

    #[test]
    fn secret_methods() {
        assert_eq!(
            telesoft().secret_method(),
            ClientAuthMethod::ClientSecretJson
        );
        assert_eq!(
            digitail("https://clinic.example").unwrap().secret_method(),
            ClientAuthMethod::ClientSecretPost
        );
        // An assertion preset: the secret goes in Basic auth.
        assert_eq!(
            redox(None).unwrap().secret_method(),
            ClientAuthMethod::ClientSecretBasic
        );
        let mut none = Preset::custom("public", "https://as.example/token");
        none.client_auth_method = ClientAuthMethod::None;
        assert_eq!(none.secret_method(), ClientAuthMethod::ClientSecretBasic);
    }

    #[test]
    fn pkce_required_presets_need_a_challenge() {
        let digitail = digitail("https://clinic.example").unwrap();
        let endpoint = digitail.authorization_endpoint.clone().unwrap();
        let mut request = AuthorizationRequest {
            authorization_endpoint: &endpoint,
            client_id: "app",
            redirect_uri: "https://app.example/cb",
            scope: None,
            state: "s",
            code_challenge: None,
            extra_params: &[],
        };
        assert_eq!(
            digitail.authorization_url(&request).unwrap_err(),
            Error::InvalidArgument {
                name: "codeChallenge",
                expected: "an S256 challenge (from createPkce): this provider requires PKCE",
            }
        );
        // Telesoft does not require it (the plain URL), and with a challenge both agree.
        let telesoft = telesoft();
        assert_eq!(
            telesoft.authorization_url(&request).unwrap(),
            oauth::authorization_url(&request).unwrap()
        );
        request.code_challenge = Some("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        assert_eq!(
            digitail.authorization_url(&request).unwrap(),
            oauth::authorization_url(&request).unwrap()
        );
    }

    #[test]
    fn presets_by_name() {
        let none = PresetOptions::default();
        assert_eq!(preset("redox", none).unwrap(), redox(None).unwrap());
        let us = PresetOptions {
            region: Some("us"),
            ..none
        };
        assert_eq!(preset("redox", us).unwrap(), redox(Some("us")).unwrap());
        assert_eq!(preset("telesoft", none).unwrap(), telesoft());
        let base = PresetOptions {
            base_url: Some("https://clinic.example"),
            ..none
        };
        assert_eq!(
            preset("digitail", base).unwrap(),
            digitail("https://clinic.example").unwrap()
        );
        let endpoint = PresetOptions {
            token_endpoint: Some("https://ehr.example/token"),
            ..none
        };
        assert_eq!(
            preset("smart", endpoint).unwrap(),
            smart("https://ehr.example/token").unwrap()
        );
        // Required options, options of another preset, unknown names.
        for (name, options, code) in [
            ("digitail", none, "ERR_INVALID_ARGUMENT"),
            ("smart", none, "ERR_INVALID_ARGUMENT"),
            ("telesoft", us, "ERR_UNKNOWN_OPTION"),
            ("redox", base, "ERR_UNKNOWN_OPTION"),
            (
                "smart",
                PresetOptions {
                    region: Some("us"),
                    ..endpoint
                },
                "ERR_UNKNOWN_OPTION",
            ),
            ("epic", none, "ERR_INVALID_ARGUMENT"),
            ("Redox", none, "ERR_INVALID_ARGUMENT"),
        ] {
            assert_eq!(preset(name, options).unwrap_err().code(), code, "{name}");
        }
        assert_eq!(
            preset(
                "redox",
                PresetOptions {
                    region: Some("mars"),
                    ..none
                }
            )
            .unwrap_err()
            .code(),
            "ERR_INVALID_ARGUMENT"
        );
    }
}
