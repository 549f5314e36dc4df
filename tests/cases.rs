//! The shared case files (`tests/cases/*.json`, described in `tests/cases/README.md`) run
//! against the Rust core. The same files run in every JS runtime (`tests/js/suites/cases.js`)
//! and in the component hosts: one input, one output or error code, in every host.
//!
//! Each `op` (an npm export name) maps to the core API; the runner only converts the case's
//! JSON into the core's arguments, as a binding does: every rule the cases exercise is a core
//! function (`tests/cases/README.md` lists them).
#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use base64ct::{Base64, Encoding};
use healthauth::discovery;
use healthauth::jose::{
    self, Algorithm, ClientAssertionOptions, JsonObject, KeyFamily, KeySet, SigningKey,
    VerifyOptions, VerifyingKey,
};
use healthauth::oauth::{
    self, AuthorizationRequest, Client, ClientAuth, ClientAuthMethod, HttpRequest,
};
use healthauth::providers::{self, Preset, PresetOptions, UpdoxCredentials};
use healthauth::smart::{self, SmartLaunch};
use healthauth::webhook::{self, redox, Scheme, SchemeOptions};
use healthauth::{net, pkce, random, Error, SecretString};
use serde_json::{json, Map, Value};

/// Why a case did not produce a value: the core refused it (compared with the expected
/// code), or the case itself is malformed (always a failure).
enum Fail {
    Code(Error),
    Case(String),
}

impl From<Error> for Fail {
    fn from(error: Error) -> Self {
        Fail::Code(error)
    }
}

type Outcome = Result<Value, Fail>;

fn case_error<T>(message: impl Into<String>) -> Result<T, Fail> {
    Err(Fail::Case(message.into()))
}

// ---- reading inputs -----------------------------------------------------------------------

/// A case's `input` object, with the npm names of the arguments and options.
struct Input<'a>(&'a Map<String, Value>);

impl<'a> Input<'a> {
    fn get(&self, name: &str) -> Option<&'a Value> {
        self.0.get(name)
    }

    fn string(&self, name: &str) -> Result<Option<String>, Fail> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => case_error(format!("`{name}` must be a string")),
        }
    }

    /// A string the npm API requires: its absence is `ERR_INVALID_ARGUMENT` there too.
    fn required(&self, name: &'static str) -> Result<String, Fail> {
        self.string(name)?.ok_or(Fail::Code(Error::InvalidArgument {
            name,
            expected: "given (a string)",
        }))
    }

    fn int(&self, name: &str) -> Result<Option<i64>, Fail> {
        match self.get(name) {
            None => Ok(None),
            Some(v) => v
                .as_i64()
                .map(Some)
                .ok_or_else(|| Fail::Case(format!("`{name}` must be an integer"))),
        }
    }

    fn uint(&self, name: &str) -> Result<Option<u64>, Fail> {
        match self.get(name) {
            None => Ok(None),
            Some(v) => v
                .as_u64()
                .map(Some)
                .ok_or_else(|| Fail::Case(format!("`{name}` must be a non-negative integer"))),
        }
    }

    /// Unix seconds every time-dependent case must fix (the npm API would read the clock).
    fn now(&self, name: &str) -> Result<i64, Fail> {
        self.int(name)?.map_or_else(
            || case_error(format!("a time-dependent case must give `{name}`")),
            Ok,
        )
    }

    fn bool(&self, name: &str) -> Result<Option<bool>, Fail> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(_) => case_error(format!("`{name}` must be a boolean")),
        }
    }

    /// One string or an array of strings (`audience`, `secret`/`secrets`, `token`).
    fn strings(&self, name: &str) -> Result<Option<Vec<String>>, Fail> {
        self.get(name).map(|v| strings_of(v, name)).transpose()
    }

    fn object(&self, name: &str) -> Result<Option<&'a Map<String, Value>>, Fail> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::Object(map)) => Ok(Some(map)),
            Some(_) => case_error(format!("`{name}` must be an object")),
        }
    }
}

fn strings_of(value: &Value, name: &str) -> Result<Vec<String>, Fail> {
    match value {
        Value::String(s) => Ok(vec![s.clone()]),
        Value::Array(items) => items
            .iter()
            .map(|v| match v {
                Value::String(s) => Ok(s.clone()),
                _ => case_error(format!("`{name}` must hold strings")),
            })
            .collect(),
        _ => case_error(format!("`{name}` must be a string or an array of strings")),
    }
}

/// A byte payload: `{ "utf8": "..." }` or `{ "base64": "..." }`.
fn bytes_of(value: &Value) -> Option<Vec<u8>> {
    let map = value.as_object().filter(|m| m.len() == 1)?;
    match map.iter().next()? {
        (k, Value::String(s)) if k == "utf8" => Some(s.as_bytes().to_vec()),
        (k, Value::String(s)) if k == "base64" => Base64::decode_vec(s).ok(),
        _ => None,
    }
}

fn payload(input: &Input<'_>) -> Result<Vec<u8>, Fail> {
    match input.get("payload").map(bytes_of) {
        Some(Some(bytes)) => Ok(bytes),
        _ => case_error("`payload` must be { utf8 } or { base64 }"),
    }
}

// ---- keys ---------------------------------------------------------------------------------

const KEY_FIELDS: &[&str] = &["jwk", "jwks", "pem", "secret", "alg", "kid"];

/// A key as a case gives it: `{ jwk | jwks | pem | secret, alg?, kid? }`.
struct KeySpec<'a> {
    map: &'a Map<String, Value>,
}

impl<'a> KeySpec<'a> {
    fn new(value: Option<&'a Value>) -> Result<Self, Fail> {
        let Some(Value::Object(map)) = value else {
            return case_error("a key must be an object { jwk | jwks | pem | secret, alg?, kid? }");
        };
        if let Some(unknown) = map.keys().find(|k| !KEY_FIELDS.contains(&k.as_str())) {
            return case_error(format!("unknown key field `{unknown}`"));
        }
        let kinds = ["jwk", "jwks", "pem", "secret"];
        if kinds.iter().filter(|k| map.contains_key(**k)).count() != 1 {
            return case_error("a key has exactly one of jwk, jwks, pem, secret");
        }
        Ok(KeySpec { map })
    }

    /// `alg`, parsed as the npm binding parses it (`none` and unknown names refused).
    fn alg(&self) -> Result<Option<Algorithm>, Fail> {
        match self.map.get("alg") {
            None => Ok(None),
            Some(Value::String(name)) => Ok(Some(name.parse()?)),
            Some(_) => case_error("`alg` must be a string"),
        }
    }

    fn kid(&self) -> Result<Option<String>, Fail> {
        Input(self.map).string("kid")
    }

    fn jwk(&self) -> Option<&'a Map<String, Value>> {
        self.map.get("jwk").and_then(Value::as_object)
    }

    fn pem(&self) -> Option<&'a str> {
        self.map.get("pem").and_then(Value::as_str)
    }

    fn secret(&self) -> Result<Option<Vec<u8>>, Fail> {
        match self.map.get("secret") {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.as_bytes().to_vec())),
            Some(v) => bytes_of(v)
                .map(Some)
                .ok_or_else(|| Fail::Case("`secret` is a string, { utf8 } or { base64 }".into())),
        }
    }

    /// An HMAC secret needs its algorithm: the npm binding says so with this error.
    fn hmac_alg(&self) -> Result<Algorithm, Fail> {
        self.alg()?.ok_or(Fail::Code(Error::KeyAlgorithmMissing {
            key: KeyFamily::Hmac.describe(),
        }))
    }

    /// Whether the key carries private or secret material (loaded as a signing key).
    fn is_private(&self) -> bool {
        self.map.contains_key("secret")
            || self
                .jwk()
                .is_some_and(|j| j.contains_key("d") || j.contains_key("k"))
            || self.pem().is_some_and(|p| p.contains("PRIVATE KEY-----"))
    }

    fn signing(&self) -> Result<SigningKey, Fail> {
        let alg = self.alg()?;
        let key = if let Some(jwk) = self.jwk() {
            SigningKey::from_jwk(jwk, alg)?
        } else if let Some(pem) = self.pem() {
            SigningKey::from_pem(pem, alg)?
        } else if let Some(secret) = self.secret()? {
            SigningKey::from_hmac_secret(&secret, self.hmac_alg()?)?
        } else {
            return case_error("a signing key is a jwk, pem or secret");
        };
        Ok(match self.kid()? {
            Some(kid) => key.with_kid(kid),
            None => key,
        })
    }

    fn verifying(&self) -> Result<VerifyingKey, Fail> {
        let alg = self.alg()?;
        // A private JWK or PEM gives its public half, as `VerifyingKey.fromJwk`/`fromPem` do.
        let key = if let Some(jwk) = self.jwk() {
            VerifyingKey::from_jwk(jwk, alg)?
        } else if let Some(pem) = self.pem() {
            VerifyingKey::from_pem(pem, alg)?
        } else if let Some(secret) = self.secret()? {
            VerifyingKey::from_hmac_secret(&secret, self.hmac_alg()?)?
        } else {
            return case_error("a verifying key is a jwk, pem or secret");
        };
        Ok(match self.kid()? {
            Some(kid) => key.with_kid(kid),
            None => key,
        })
    }
}

/// What `verifyJwt` is handed: one key, or a JWK / JWK set as JSON (as the npm `verifyJwt`
/// receives a plain JWK or JWKS object).
enum Verifier {
    Key(VerifyingKey),
    Set(KeySet),
}

fn verifier(spec: &KeySpec<'_>, max_jwks_bytes: usize) -> Result<Verifier, Fail> {
    let plain = spec.alg()?.is_none() && spec.kid()?.is_none();
    if let Some(jwks) = spec.map.get("jwks") {
        return Ok(Verifier::Set(KeySet::parse(
            &jwks.to_string(),
            max_jwks_bytes,
        )?));
    }
    if let (Some(jwk), true) = (spec.jwk(), plain) {
        let text = Value::Object(jwk.clone()).to_string();
        return Ok(Verifier::Set(KeySet::parse(&text, max_jwks_bytes)?));
    }
    Ok(Verifier::Key(spec.verifying()?))
}

/// The public JWK of a key (`publicJwk()` of a signing key, `toJwk()` of a verifying key).
fn public_jwk(spec: &KeySpec<'_>) -> Result<JsonObject, Fail> {
    Ok(if spec.is_private() {
        spec.signing()?.public_jwk()?
    } else {
        spec.verifying()?.to_jwk()?
    })
}

// ---- ops ----------------------------------------------------------------------------------

/// Each op with the input names it takes (a case with any other name is malformed, as the npm
/// package refuses unknown options).
const OPS: &[(&str, &[&str])] = &[
    ("pkceChallenge", &["verifier"]),
    ("verifyPkce", &["verifier", "challenge"]),
    ("createPkce", &["length"]),
    ("randomState", &["bytes"]),
    ("decodeJwt", &["token", "maxTokenBytes"]),
    (
        "verifyJwt",
        &[
            "token",
            "key",
            "algorithms",
            "audience",
            "issuer",
            "subject",
            "typ",
            "leewaySeconds",
            "maxAgeSeconds",
            "requireExp",
            "maxTokenBytes",
            "maxJwksBytes",
            "now",
        ],
    ),
    ("signJwt", &["key", "claims", "header"]),
    (
        "clientAssertion",
        &[
            "key",
            "clientId",
            "audience",
            "lifetimeSeconds",
            "now",
            "jti",
            "jku",
        ],
    ),
    ("thumbprint", &["key"]),
    ("publicJwk", &["key"]),
    ("jwks", &["keys"]),
    (
        "verifyWebhook",
        &[
            "scheme",
            "payload",
            "headers",
            "secret",
            "secrets",
            "toleranceSeconds",
            "now",
            "maxPayloadBytes",
            "maxHeaderBytes",
            "header",
            "prefix",
            "hash",
        ],
    ),
    (
        "signWebhook",
        &[
            "scheme",
            "payload",
            "secret",
            "secrets",
            "id",
            "timestamp",
            "header",
            "prefix",
            "hash",
        ],
    ),
    (
        "redoxVerification",
        &["input", "token", "headers", "maxBytes"],
    ),
    (
        "authorizationUrl",
        &[
            "authorizationEndpoint",
            "clientId",
            "redirectUri",
            "scope",
            "state",
            "codeChallenge",
            "extraParams",
            "aud",
            "launch",
            "requestUri",
        ],
    ),
    (
        "parseCallback",
        &["url", "expectedState", "expectedIssuer", "maxBytes"],
    ),
    (
        "codeExchangeRequest",
        &[
            "tokenEndpoint",
            "clientId",
            "clientAuth",
            "clientSecret",
            "code",
            "redirectUri",
            "codeVerifier",
            "dpop",
        ],
    ),
    (
        "refreshRequest",
        &[
            "tokenEndpoint",
            "clientId",
            "clientAuth",
            "clientSecret",
            "refreshToken",
            "scope",
            "dpop",
        ],
    ),
    (
        "clientCredentialsRequest",
        &[
            "tokenEndpoint",
            "clientId",
            "clientAuth",
            "clientSecret",
            "scope",
            "dpop",
        ],
    ),
    (
        "parseTokenResponse",
        &[
            "status",
            "body",
            "now",
            "refreshSkewSeconds",
            "defaultLifetimeSeconds",
            "maxBytes",
        ],
    ),
    ("preset", &["name", "options"]),
    (
        "updoxAuth",
        &[
            "applicationId",
            "applicationPassword",
            "accountId",
            "userId",
            "loginId",
            "loginPassword",
        ],
    ),
    ("parseApiKey", &["key"]),
    ("ipAllowed", &["ip", "cidrs"]),
    ("parseScopes", &["scope"]),
    ("scopesSatisfy", &["granted", "required"]),
    ("missingScopes", &["granted", "required"]),
    (
        "pushedAuthorizationRequest",
        &[
            "endpoint",
            "clientId",
            "clientAuth",
            "clientSecret",
            "redirectUri",
            "scope",
            "state",
            "codeChallenge",
            "extraParams",
            "aud",
            "launch",
            "dpop",
        ],
    ),
    (
        "parsePushedAuthorizationResponse",
        &["status", "body", "maxBytes"],
    ),
    (
        "revocationRequest",
        &[
            "endpoint",
            "clientId",
            "clientAuth",
            "clientSecret",
            "token",
            "tokenTypeHint",
            "dpop",
        ],
    ),
    ("parseRevocationResponse", &["status", "body", "maxBytes"]),
    (
        "introspectionRequest",
        &[
            "endpoint",
            "clientId",
            "clientAuth",
            "clientSecret",
            "token",
            "tokenTypeHint",
            "dpop",
        ],
    ),
    (
        "parseIntrospectionResponse",
        &["status", "body", "maxBytes"],
    ),
    (
        "parseSmartConfiguration",
        &["json", "fhirBaseUrl", "maxBytes"],
    ),
    ("parseOpenIdConfiguration", &["json", "issuer", "maxBytes"]),
    ("discoveryUrls", &["url"]),
    (
        "dpopProof",
        &["key", "htm", "htu", "accessToken", "nonce", "now", "jti"],
    ),
    (
        "verifyDpopProof",
        &[
            "proof",
            "htm",
            "htu",
            "accessToken",
            "nonce",
            "jkt",
            "algorithms",
            "maxAgeSeconds",
            "leewaySeconds",
            "now",
        ],
    ),
    (
        "verifyIdToken",
        &[
            "token",
            "key",
            "issuer",
            "clientId",
            "nonce",
            "maxAgeSeconds",
            "accessToken",
            "algorithms",
            "leewaySeconds",
            "maxTokenBytes",
            "now",
        ],
    ),
];

/// The input names `op` takes; `None`: no such op.
fn op_names(op: &str) -> Option<&'static [&'static str]> {
    OPS.iter()
        .find(|(name, _)| *name == op)
        .map(|(_, names)| *names)
}

fn run(op: &str, input: &Map<String, Value>) -> Outcome {
    let Some(names) = op_names(op) else {
        return case_error(format!("unknown op `{op}`"));
    };
    if let Some(unknown) = input.keys().find(|k| !names.contains(&k.as_str())) {
        return case_error(format!("`{op}` takes no input `{unknown}`"));
    }
    let i = Input(input);
    match op {
        "pkceChallenge" => Ok(pkce::challenge_s256(&i.required("verifier")?)?.into()),
        "verifyPkce" => {
            Ok(pkce::verify_s256(&i.required("verifier")?, &i.required("challenge")?).into())
        }
        "createPkce" => {
            let length = i
                .uint("length")?
                .unwrap_or(pkce::VERIFIER_DEFAULT_LEN as u64);
            pkce::Pkce::generate_with_length(usize::try_from(length).unwrap_or(usize::MAX))?;
            case_error("createPkce draws a random verifier: only error cases are allowed")
        }
        "randomState" => {
            let bytes = i
                .uint("bytes")?
                .unwrap_or(random::STATE_DEFAULT_BYTES as u64);
            random::random_state(usize::try_from(bytes).unwrap_or(usize::MAX))?;
            case_error("randomState is random: only error cases are allowed")
        }
        "verifyJwt" => verify_jwt(&i),
        "decodeJwt" => {
            let max = i
                .uint("maxTokenBytes")?
                .map_or(healthauth::limits::TOKEN_BYTES, |m| m as usize);
            let decoded = jose::decode_jwt_unverified(&i.required("token")?, max)?;
            Ok(json!({ "header": decoded.header, "claims": decoded.claims }))
        }
        "signJwt" => {
            let key = KeySpec::new(i.get("key"))?.signing()?;
            let claims = i.object("claims")?.cloned().unwrap_or_default();
            let header = i.object("header")?.cloned().unwrap_or_default();
            Ok(jose::sign_jwt(&key, &claims, &header)?.into())
        }
        "clientAssertion" => {
            let key = KeySpec::new(i.get("key"))?.signing()?;
            let mut options = ClientAssertionOptions::new(
                i.required("clientId")?,
                i.required("audience")?,
                i.now("now")?,
            );
            if let Some(lifetime) = i.uint("lifetimeSeconds")? {
                options.lifetime_seconds = lifetime;
            }
            options.jti = i.string("jti")?;
            options.jku = i.string("jku")?;
            if options.jti.is_none() {
                return case_error("clientAssertion needs a fixed `jti` (it draws one at random)");
            }
            Ok(jose::client_assertion(&key, &options)?.into())
        }
        "thumbprint" => {
            let spec = KeySpec::new(i.get("key"))?;
            Ok(if spec.is_private() {
                spec.signing()?.thumbprint()?
            } else {
                spec.verifying()?.thumbprint()?
            }
            .into())
        }
        "publicJwk" => Ok(Value::Object(public_jwk(&KeySpec::new(i.get("key"))?)?)),
        "jwks" => jwks(&i),
        "verifyWebhook" => verify_webhook(&i),
        "signWebhook" => sign_webhook(&i),
        "redoxVerification" => redox_verification(&i),
        "authorizationUrl" => authorization_url(&i),
        "parseCallback" => {
            let url = i.required("url")?;
            let max = i
                .uint("maxBytes")?
                .map_or(healthauth::limits::CALLBACK_BYTES, |m| m as usize);
            let expected = i.required("expectedState")?;
            let issuer = i.string("expectedIssuer")?;
            let callback =
                oauth::parse_callback_with_limit(&url, &expected, issuer.as_deref(), max)?;
            let mut out = json!({ "code": callback.code.expose_secret(), "state": callback.state });
            if let Some(iss) = callback.iss {
                out["iss"] = iss.into();
            }
            Ok(out)
        }
        "codeExchangeRequest" => {
            let client = client(&i)?;
            let request = oauth::code_exchange_request(
                &client,
                &i.required("code")?,
                &i.required("redirectUri")?,
                i.string("codeVerifier")?.as_deref(),
            )?;
            Ok(request_json(&with_dpop(&i, request)?))
        }
        "refreshRequest" => {
            let client = client(&i)?;
            let request = oauth::refresh_request(
                &client,
                &i.required("refreshToken")?,
                scope(&i)?.as_deref(),
            )?;
            Ok(request_json(&with_dpop(&i, request)?))
        }
        "clientCredentialsRequest" => {
            let client = client(&i)?;
            let request = oauth::client_credentials_request(&client, scope(&i)?.as_deref())?;
            Ok(request_json(&with_dpop(&i, request)?))
        }
        "pushedAuthorizationRequest" => pushed_authorization_request(&i),
        "parsePushedAuthorizationResponse" => {
            let r = oauth::parse_pushed_authorization_response_with_limit(
                status(&i)?,
                &i.required("body")?,
                response_cap(&i)?,
            )?;
            Ok(json!({ "requestUri": r.request_uri, "expiresIn": r.expires_in }))
        }
        "revocationRequest" | "introspectionRequest" => {
            let endpoint = i.required("endpoint")?;
            let client = client_at(&i, "endpoint")?;
            let token = i.required("token")?;
            let hint = i.string("tokenTypeHint")?;
            let request = if op == "revocationRequest" {
                oauth::revocation_request(&client, &endpoint, &token, hint.as_deref())?
            } else {
                oauth::introspection_request(&client, &endpoint, &token, hint.as_deref())?
            };
            Ok(request_json(&with_dpop(&i, request)?))
        }
        "parseRevocationResponse" => {
            oauth::parse_revocation_response_with_limit(
                status(&i)?,
                &i.string("body")?.unwrap_or_default(),
                response_cap(&i)?,
            )?;
            Ok(Value::Null)
        }
        "parseIntrospectionResponse" => Ok(Value::Object(
            oauth::parse_introspection_response_with_limit(
                status(&i)?,
                &i.required("body")?,
                response_cap(&i)?,
            )?
            .to_json(),
        )),
        "parseTokenResponse" => parse_token_response(&i),
        "preset" => preset(&i),
        "updoxAuth" => {
            let secret = |name| Ok::<_, Fail>(i.string(name)?.map(SecretString::new));
            let auth = providers::updox_auth(&UpdoxCredentials {
                application_id: i.string("applicationId")?,
                application_password: secret("applicationPassword")?,
                account_id: i.string("accountId")?,
                user_id: i.string("userId")?,
                login_id: i.string("loginId")?,
                login_password: secret("loginPassword")?,
            })?;
            Ok(auth.to_json())
        }
        "parseApiKey" => {
            let key = providers::parse_api_key(&i.required("key")?)?;
            Ok(json!({
                "provider": key.provider(),
                "environment": key.environment().as_str(),
                "redacted": key.redacted(),
            }))
        }
        "ipAllowed" => {
            let cidrs = match i.get("cidrs") {
                Some(Value::Array(_)) => strings_of(&input["cidrs"], "cidrs")?,
                _ => return case_error("`cidrs` must be an array of strings"),
            };
            Ok(net::ip_allowed(&i.required("ip")?, &cidrs)?.into())
        }
        "parseScopes" => {
            let scopes = smart::parse_scopes(&scope_named(&i, "scope")?.unwrap_or_default())?;
            Ok(scopes.iter().map(|s| Value::Object(s.to_json())).collect())
        }
        "scopesSatisfy" | "missingScopes" => {
            let granted = scope_named(&i, "granted")?.unwrap_or_default();
            let required = scope_named(&i, "required")?.unwrap_or_default();
            Ok(if op == "scopesSatisfy" {
                smart::scopes_satisfy(&granted, &required)?.into()
            } else {
                smart::missing_scopes(&granted, &required)?.into()
            })
        }
        "parseSmartConfiguration" => {
            let base = i.string("fhirBaseUrl")?;
            let metadata = discovery::parse_smart_configuration_with_limit(
                &json_text(&i)?,
                base.as_deref(),
                response_cap(&i)?,
            )?;
            Ok(Value::Object(metadata.to_json()))
        }
        "parseOpenIdConfiguration" => {
            let metadata = discovery::parse_openid_configuration_with_limit(
                &json_text(&i)?,
                &i.required("issuer")?,
                response_cap(&i)?,
            )?;
            Ok(Value::Object(metadata.to_json()))
        }
        "verifyIdToken" => verify_id_token(&i),
        "dpopProof" => {
            let key = KeySpec::new(i.get("key"))?.signing()?;
            let mut options =
                jose::DpopOptions::new(i.required("htm")?, i.required("htu")?, i.now("now")?);
            options.access_token = i.string("accessToken")?.map(SecretString::new);
            options.nonce = i.string("nonce")?;
            options.jti = i.string("jti")?;
            if options.jti.is_none() {
                return case_error("dpopProof needs a fixed `jti` (it draws one at random)");
            }
            Ok(jose::dpop_proof(&key, &options)?.into())
        }
        "verifyDpopProof" => {
            let mut options =
                jose::DpopVerifyOptions::new(i.required("htm")?, i.required("htu")?, i.now("now")?);
            options.access_token = i.string("accessToken")?.map(SecretString::new);
            options.nonce = i.string("nonce")?;
            options.jkt = i.string("jkt")?;
            if let Some(algorithms) = algorithms(&i)? {
                options.algorithms = algorithms;
            }
            if let Some(max) = i.uint("maxAgeSeconds")? {
                options.max_age_seconds = max;
            }
            if let Some(leeway) = i.uint("leewaySeconds")? {
                options.leeway_seconds = leeway;
            }
            let v = jose::verify_dpop_proof(&i.required("proof")?, &options)?;
            Ok(json!({ "jkt": v.jkt, "jti": v.jti, "iat": v.iat }))
        }
        "discoveryUrls" => Ok(discovery::discovery_urls(&i.required("url")?)?
            .into_iter()
            .map(|c| {
                let mut out = json!({ "kind": c.kind.as_str(), "url": c.url });
                if let Some(issuer) = c.issuer {
                    out["issuer"] = issuer.into();
                }
                if let Some(base) = c.fhir_base_url {
                    out["fhirBaseUrl"] = base.into();
                }
                out
            })
            .collect()),
        _ => case_error(format!("op `{op}` has no mapping")),
    }
}

/// A document given as JSON text, or as a JSON value (a host's parsed object) serialized.
fn json_text(i: &Input<'_>) -> Result<String, Fail> {
    match i.get("json") {
        Some(Value::String(text)) => Ok(text.clone()),
        Some(value) => Ok(value.to_string()),
        None => case_error("`json` is required"),
    }
}

fn verify_jwt(i: &Input<'_>) -> Outcome {
    let mut options = VerifyOptions::new(i.now("now")?);
    if let Some(algorithms) = algorithms(i)? {
        options.algorithms = algorithms;
    }
    options.audience = i.strings("audience")?;
    options.issuer = i.string("issuer")?;
    options.subject = i.string("subject")?;
    options.typ = i.string("typ")?;
    if let Some(leeway) = i.uint("leewaySeconds")? {
        options.leeway_seconds = leeway;
    }
    options.max_age_seconds = i.uint("maxAgeSeconds")?;
    if let Some(require) = i.bool("requireExp")? {
        options.require_exp = require;
    }
    if let Some(max) = i.uint("maxTokenBytes")? {
        options.max_token_bytes = max as usize;
    }
    let max_jwks = i
        .uint("maxJwksBytes")?
        .map_or(healthauth::limits::JWK_BYTES, |m| m as usize);
    let token = i.required("token")?;
    let verified = match verifier(&KeySpec::new(i.get("key"))?, max_jwks)? {
        Verifier::Key(key) => jose::verify_jwt(&token, &key, &options)?,
        Verifier::Set(set) => set.verify_jwt(&token, &options)?,
    };
    Ok(json!({ "header": verified.header, "claims": verified.claims }))
}

/// The `algorithms` input: names parsed as the bindings parse them.
fn algorithms(i: &Input<'_>) -> Result<Option<Vec<Algorithm>>, Fail> {
    let Some(names) = i.strings("algorithms")? else {
        return Ok(None);
    };
    let parsed = names
        .iter()
        .map(|n| n.parse())
        .collect::<Result<_, Error>>()?;
    Ok(Some(parsed))
}

fn verify_id_token(i: &Input<'_>) -> Outcome {
    let mut options = jose::IdTokenOptions::new(
        i.required("issuer")?,
        i.required("clientId")?,
        i.now("now")?,
    );
    options.nonce = i.string("nonce")?;
    options.max_age_seconds = i.uint("maxAgeSeconds")?;
    options.access_token = i.string("accessToken")?.map(SecretString::new);
    if let Some(algorithms) = algorithms(i)? {
        options.algorithms = algorithms;
    }
    if let Some(leeway) = i.uint("leewaySeconds")? {
        options.leeway_seconds = leeway;
    }
    if let Some(max) = i.uint("maxTokenBytes")? {
        options.max_token_bytes = max as usize;
    }
    // A key, a JWK or a JWK set, as for verifyJwt.
    let keys = match verifier(&KeySpec::new(i.get("key"))?, healthauth::limits::JWK_BYTES)? {
        Verifier::Key(key) => KeySet::from_key(key),
        Verifier::Set(set) => set,
    };
    let verified = jose::verify_id_token(&i.required("token")?, &keys, &options)?;
    let mut out = json!({
        "header": verified.header,
        "claims": verified.claims,
        "subject": verified.subject,
    });
    if let Some(user) = verified.fhir_user {
        out["fhirUser"] = user.into();
    }
    Ok(out)
}

fn jwks(i: &Input<'_>) -> Outcome {
    let Some(Value::Array(specs)) = i.get("keys") else {
        return case_error("`keys` must be an array of keys");
    };
    let mut keys = Vec::new();
    for spec in specs {
        let spec = KeySpec::new(Some(spec))?;
        keys.push(if spec.is_private() {
            spec.signing()?.verifying_key()
        } else {
            spec.verifying()?
        });
    }
    // Two keys sharing one `kid` are refused by `jose::jwks` itself.
    Ok(Value::Object(jose::jwks(&keys)?))
}

// ---- webhooks -----------------------------------------------------------------------------

/// The scheme chosen by name with its options (`webhook::Scheme::parse`).
fn scheme(i: &Input<'_>) -> Result<Scheme, Fail> {
    let name = i.required("scheme")?;
    let header = i.string("header")?;
    let prefix = i.string("prefix")?;
    let hash = i.string("hash")?;
    Ok(Scheme::parse(
        &name,
        SchemeOptions {
            header: header.as_deref(),
            prefix: prefix.as_deref(),
            hash: hash.as_deref(),
        },
    )?)
}

fn secrets(i: &Input<'_>) -> Result<Vec<SecretString>, Fail> {
    let values = match (i.strings("secret")?, i.strings("secrets")?) {
        (Some(_), Some(_)) => {
            return Err(Fail::Code(Error::InvalidArgument {
                name: "secret",
                expected: "given alone: pass either `secret` or `secrets`, not both",
            }))
        }
        (Some(v), None) | (None, Some(v)) => v,
        (None, None) => Vec::new(),
    };
    Ok(values.into_iter().map(SecretString::new).collect())
}

/// The request headers a case gives, keeping those named in `names` (case-insensitively), as
/// the npm binding reads a headers object.
fn headers(value: Option<&Value>, names: &[&str]) -> Result<Vec<(String, String)>, Fail> {
    let Some(Value::Object(map)) = value else {
        return case_error("`headers` must be an object of names to string values");
    };
    let mut out = Vec::new();
    for (name, value) in map {
        let Value::String(value) = value else {
            return case_error("header values must be strings");
        };
        if !names.iter().any(|n| n.eq_ignore_ascii_case(name)) {
            continue;
        }
        out.push((name.clone(), value.clone()));
    }
    Ok(out)
}

/// An endpoint response or discovery document's `maxBytes` (default the core's 1 MiB).
fn response_cap(i: &Input<'_>) -> Result<usize, Fail> {
    Ok(i.uint("maxBytes")?
        .map_or(healthauth::limits::RESPONSE_BYTES, |max| max as usize))
}

fn verify_webhook(i: &Input<'_>) -> Outcome {
    let scheme = scheme(i)?;
    // The core refuses `now` and `toleranceSeconds` for schemes that sign no timestamp, and
    // asks for the clock when one is needed: a case must then fix the time.
    let clock_read = std::cell::Cell::new(false);
    let mut options = webhook::VerifyOptions::for_scheme(
        &scheme,
        i.int("now")?,
        i.uint("toleranceSeconds")?,
        || {
            clock_read.set(true);
            0
        },
    )?;
    if clock_read.get() {
        return case_error("a time-dependent case must give `now`");
    }
    if let Some(max) = i.uint("maxPayloadBytes")? {
        options.max_payload_bytes = max as usize;
    }
    if let Some(max) = i.uint("maxHeaderBytes")? {
        options.max_header_bytes = max as usize;
    }
    let payload = payload(i)?;
    let headers = headers(i.get("headers"), &scheme.header_names())?;
    let secrets = secrets(i)?;
    let verified = webhook::verify(&scheme, &payload, &headers, &secrets, &options)?;
    let mut out = json!({ "scheme": verified.scheme });
    if let Some(id) = verified.id {
        out["id"] = id.into();
    }
    if let Some(timestamp) = verified.timestamp {
        out["timestamp"] = timestamp.into();
    }
    if let Some(key) = verified.replay_key {
        out["replayKey"] = key.key.into();
        out["replayTtlSeconds"] = key.ttl_seconds.into();
    }
    Ok(out)
}

fn sign_webhook(i: &Input<'_>) -> Outcome {
    let scheme = scheme(i)?;
    let payload = payload(i)?;
    let secrets = secrets(i)?;
    let id = i.string("id")?;
    if matches!(scheme, Scheme::Standard) && id.is_none() {
        return case_error("a standard signing case must give `id` (it is drawn at random)");
    }
    let timestamp = if scheme.signs_timestamp() {
        i.now("timestamp")?
    } else {
        0
    };
    let headers = webhook::sign(&scheme, &payload, &secrets, id.as_deref(), timestamp)?;
    Ok(Value::Object(
        headers
            .into_iter()
            .map(|(k, v)| (k, Value::String(v)))
            .collect(),
    ))
}

fn redox_verification(i: &Input<'_>) -> Outcome {
    let max = i
        .uint("maxBytes")?
        .map_or(healthauth::limits::REDOX_HANDSHAKE_BYTES, |m| m as usize);
    let tokens: Vec<SecretString> = match i.get("token") {
        Some(v) => strings_of(v, "token")?
            .into_iter()
            .map(SecretString::new)
            .collect(),
        None => {
            return Err(Fail::Code(Error::InvalidArgument {
                name: "token",
                expected: "a string or an array of strings",
            }))
        }
    };
    let header = match i.get("headers") {
        Some(h) => headers(Some(h), &[redox::HEADER])?
            .into_iter()
            .next()
            .map(|(_, v)| v),
        None => None,
    };
    let check = |handshake| {
        redox::challenge_with_limit(handshake, header.as_deref(), &tokens, max).map(Value::from)
    };
    // A text is a body or a query as `Handshake::from_text` says; bytes are a body; `{ url }`
    // and `{ searchParams }` stand for a URL and a URLSearchParams object (a query), any other
    // object for the fields (the JS values a host converts).
    let input = i.get("input");
    Ok(match input {
        Some(Value::String(text)) => check(redox::Handshake::from_text(text))?,
        Some(value @ Value::Object(map)) => {
            if let Some(bytes) = bytes_of(value) {
                check(redox::Handshake::Body(&bytes))?
            } else if let Some(Value::String(url)) = map.get("url").filter(|_| map.len() == 1) {
                check(redox::Handshake::Query(url))?
            } else if let Some(Value::String(query)) =
                map.get("searchParams").filter(|_| map.len() == 1)
            {
                check(redox::Handshake::Query(query))?
            } else {
                let field = |names: &[&str]| {
                    names
                        .iter()
                        .find_map(|n| map.get(*n).and_then(Value::as_str))
                };
                let challenge = field(&["challenge"]);
                let token = field(&["verification-token", "verificationToken"]);
                for text in [challenge, token].into_iter().flatten() {
                    healthauth::limits::check(redox::HANDSHAKE_INPUT, text.len(), max)?;
                }
                check(redox::Handshake::Fields { challenge, token })?
            }
        }
        _ => {
            return case_error(
                "`input` is a string, { utf8 | base64 }, { url }, { searchParams } or the fields",
            )
        }
    })
}

// ---- oauth --------------------------------------------------------------------------------

/// `scope`: a string, or an array of scope tokens joined by `oauth::join_scopes`.
fn scope(i: &Input<'_>) -> Result<Option<String>, Fail> {
    scope_named(i, "scope")
}

/// A scope input under `name` (`scope`, `granted`, `required`): a string or an array.
fn scope_named(i: &Input<'_>, name: &str) -> Result<Option<String>, Fail> {
    Ok(match i.get(name) {
        None => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(v) => Some(oauth::join_scopes(&strings_of(v, name)?)),
    })
}

/// `extraParams`: an object of string values. Member order is kept by JS and sorted by
/// serde_json: cases list them sorted (tests/cases/README.md).
fn extra_params<'a>(i: &Input<'a>) -> Result<Vec<(&'a str, &'a str)>, Fail> {
    let mut extra = Vec::new();
    for (name, value) in i.object("extraParams")?.into_iter().flatten() {
        match value {
            Value::String(v) => extra.push((name.as_str(), v.as_str())),
            _ => {
                return Err(Fail::Code(Error::InvalidArgument {
                    name: "extraParams",
                    expected: "an object of string values",
                }))
            }
        }
    }
    Ok(extra)
}

fn authorization_url(i: &Input<'_>) -> Outcome {
    let endpoint = i.required("authorizationEndpoint")?;
    let client_id = i.required("clientId")?;
    // `requestUri`: the URL after a pushed authorization request, which
    // carries nothing else (every other parameter went with the pushed request).
    if let Some(request_uri) = i.string("requestUri")? {
        let others = [
            "redirectUri",
            "state",
            "scope",
            "codeChallenge",
            "extraParams",
            "aud",
            "launch",
        ];
        if others.iter().any(|name| i.get(name).is_some()) {
            return Err(Fail::Code(Error::InvalidArgument {
                name: "requestUri",
                expected: "given with only authorizationEndpoint and clientId (the other parameters went with the pushed request)",
            }));
        }
        return Ok(oauth::pushed_authorization_url(&endpoint, &client_id, &request_uri)?.into());
    }
    let redirect_uri = i.required("redirectUri")?;
    let state = i.required("state")?;
    let scope = scope(i)?;
    let challenge = i.string("codeChallenge")?;
    let extra = extra_params(i)?;
    let request = AuthorizationRequest {
        authorization_endpoint: &endpoint,
        client_id: &client_id,
        redirect_uri: &redirect_uri,
        scope: scope.as_deref(),
        state: &state,
        code_challenge: challenge.as_deref(),
        extra_params: &extra,
    };
    // `aud` and `launch`: a SMART launch.
    let aud = i.string("aud")?;
    let launch = i.string("launch")?;
    Ok(
        match SmartLaunch::from_options(aud.as_deref(), launch.as_deref())? {
            Some(launch) => smart::authorization_url(&request, &launch)?,
            None => oauth::authorization_url(&request)?,
        }
        .into(),
    )
}

/// `status`: a status beyond u16 is out of range as much as 600 is, and the core refuses both.
fn status(i: &Input<'_>) -> Result<u16, Fail> {
    Ok(u16::try_from(i.uint("status")?.unwrap_or(0)).unwrap_or(u16::MAX))
}

/// `dpop: { key, nonce?, now, jti }`: the request with a DPoP proof for its
/// method and URL (`HttpRequest::with_dpop`). `now` and `jti` fix what the npm package would
/// take from the clock and the CSPRNG.
fn with_dpop(i: &Input<'_>, request: HttpRequest) -> Result<HttpRequest, Fail> {
    let Some(dpop) = i.object("dpop")? else {
        return Ok(request);
    };
    if let Some(unknown) = dpop
        .keys()
        .find(|k| !["key", "nonce", "now", "jti"].contains(&k.as_str()))
    {
        return case_error(format!("`dpop` takes no `{unknown}`"));
    }
    let d = Input(dpop);
    let key = KeySpec::new(d.get("key"))?.signing()?;
    let jti = d.string("jti")?;
    if jti.is_none() {
        return case_error("`dpop` needs a fixed `jti` (it draws one at random)");
    }
    let nonce = d.string("nonce")?;
    Ok(request.with_dpop(&key, nonce.as_deref(), d.now("now")?, jti.as_deref())?)
}

/// `pushedAuthorizationRequest`: the authorization request's options, the client's
/// credentials, and `aud`/`launch` for a SMART launch (`smart::pushed_authorization_request`).
fn pushed_authorization_request(i: &Input<'_>) -> Outcome {
    let endpoint = i.required("endpoint")?;
    let client = client_at(i, "endpoint")?;
    let client_id = i.required("clientId")?;
    let redirect_uri = i.required("redirectUri")?;
    let state = i.required("state")?;
    let scope = scope(i)?;
    let challenge = i.string("codeChallenge")?;
    let extra = extra_params(i)?;
    let request = AuthorizationRequest {
        authorization_endpoint: "",
        client_id: &client_id,
        redirect_uri: &redirect_uri,
        scope: scope.as_deref(),
        state: &state,
        code_challenge: challenge.as_deref(),
        extra_params: &extra,
    };
    let aud = i.string("aud")?;
    let launch = i.string("launch")?;
    let request = match SmartLaunch::from_options(aud.as_deref(), launch.as_deref())? {
        Some(launch) => smart::pushed_authorization_request(&client, &endpoint, &request, &launch)?,
        None => oauth::pushed_authorization_request(&client, &endpoint, &request)?,
    };
    Ok(request_json(&with_dpop(i, request)?))
}

/// The client: `clientAuth: { method, secret?, assertion? }` with the method by name
/// (`ClientAuthMethod::from_str`), or the `clientSecret` shorthand
/// (`ClientAuth::with_client_secret`).
fn client(i: &Input<'_>) -> Result<Client, Fail> {
    client_at(i, "tokenEndpoint")
}

/// The client, with the URL its requests go to under `endpoint_name`.
fn client_at(i: &Input<'_>, endpoint_name: &'static str) -> Result<Client, Fail> {
    let endpoint = i.required(endpoint_name)?;
    let client_id = i.string("clientId")?.unwrap_or_default();
    let shorthand = i.string("clientSecret")?.map(SecretString::new);
    let auth = match i.object("clientAuth")? {
        None => ClientAuth::with_client_secret(None, None, None, shorthand)?,
        Some(map) => {
            if let Some(unknown) = map
                .keys()
                .find(|k| !["method", "secret", "assertion"].contains(&k.as_str()))
            {
                return case_error(format!("`clientAuth` takes no `{unknown}`"));
            }
            let a = Input(map);
            let method: ClientAuthMethod = a.required("method")?.parse()?;
            let secret = a.string("secret")?.map(SecretString::new);
            let assertion = a.string("assertion")?.map(SecretString::new);
            ClientAuth::with_client_secret(Some(method), secret, assertion, shorthand)?
        }
    };
    Ok(Client::new(&endpoint, &client_id, auth)?)
}

fn request_json(request: &HttpRequest) -> Value {
    let headers: Map<String, Value> = request
        .headers
        .iter()
        .map(|(k, v)| ((*k).to_owned(), v.expose_secret().into()))
        .collect();
    json!({
        "method": request.method,
        "url": request.url,
        "headers": headers,
        "body": request.body.expose_secret(),
    })
}

fn parse_token_response(i: &Input<'_>) -> Outcome {
    let status = status(i)?;
    let body = i.required("body")?;
    let now = u64::try_from(i.now("now")?)
        .map_err(|_| Fail::Case("`now` must not be negative".into()))?;
    let mut options = oauth::TokenResponseOptions::at(now);
    if let Some(skew) = i.uint("refreshSkewSeconds")? {
        options.refresh_skew_seconds = skew;
    }
    options.default_lifetime_seconds = i.uint("defaultLifetimeSeconds")?;
    if let Some(max) = i.uint("maxBytes")? {
        options.max_bytes = max as usize;
    }
    let t = oauth::parse_token_response(status, &body, &options)?;
    let mut out = json!({
        "accessToken": t.access_token.expose_secret(),
        "tokenType": t.token_type,
        "extra": t.extra,
    });
    for (name, value) in [
        ("expiresIn", t.expires_in),
        ("expiresAt", t.expires_at),
        ("refreshAt", t.refresh_at),
    ] {
        if let Some(v) = value {
            out[name] = v.into();
        }
    }
    if let Some(r) = &t.refresh_token {
        out["refreshToken"] = r.expose_secret().into();
    }
    if let Some(s) = &t.scope {
        out["scope"] = s.as_str().into();
    }
    if let Some(id) = &t.id_token {
        out["idToken"] = id.expose_secret().into();
    }
    // SMART launch context.
    if let Some(context) = t.launch_context() {
        out["launchContext"] = Value::Object(context.to_json());
    }
    Ok(out)
}

// ---- providers ----------------------------------------------------------------------------

/// The npm preset functions `redox()`, `telesoft()`, `digitail()`, `smart()` by name: the
/// core's `providers::preset` dispatcher.
fn preset(i: &Input<'_>) -> Outcome {
    let name = i.required("name")?;
    let empty = Map::new();
    let options = Input(i.object("options")?.unwrap_or(&empty));
    if let Some(unknown) = options
        .0
        .keys()
        .find(|k| !["region", "baseUrl", "tokenEndpoint"].contains(&k.as_str()))
    {
        return case_error(format!("no preset takes `{unknown}`"));
    }
    let region = options.string("region")?;
    let base_url = options.string("baseUrl")?;
    let token_endpoint = options.string("tokenEndpoint")?;
    let preset = providers::preset(
        &name,
        PresetOptions {
            region: region.as_deref(),
            base_url: base_url.as_deref(),
            token_endpoint: token_endpoint.as_deref(),
        },
    )?;
    Ok(preset_json(&preset))
}

fn preset_json(p: &Preset) -> Value {
    let mut out = json!({
        "name": p.name,
        "tokenEndpoint": p.token_endpoint,
        "clientAuthMethod": p.client_auth_method.as_str(),
        "assertionAlgorithms": p.assertion_algorithms.iter().map(|a| a.name()).collect::<Vec<_>>(),
        "scopes": p.scopes,
        "kidRequired": p.kid_required,
        "pkceRequired": p.pkce_required,
    });
    if let Some(a) = &p.authorization_endpoint {
        out["authorizationEndpoint"] = a.as_str().into();
    }
    for (name, value) in [
        (
            "maxAssertionLifetimeSeconds",
            p.max_assertion_lifetime_seconds,
        ),
        (
            "accessTokenLifetimeSeconds",
            p.access_token_lifetime_seconds,
        ),
        (
            "refreshTokenLifetimeSeconds",
            p.refresh_token_lifetime_seconds,
        ),
    ] {
        if let Some(v) = value {
            out[name] = v.into();
        }
    }
    out
}

// ---- the runner ---------------------------------------------------------------------------

/// `expect.ok`: objects match as a subset (each expected member present and deep-equal),
/// everything else exactly.
fn matches(expected: &Value, actual: &Value) -> bool {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            e.iter().all(|(k, v)| a.get(k).is_some_and(|got| got == v))
        }
        _ => expected == actual,
    }
}

fn check(case: &Map<String, Value>) -> Result<(), String> {
    let op = case.get("op").and_then(Value::as_str).ok_or("no `op`")?;
    let input = case
        .get("input")
        .and_then(Value::as_object)
        .ok_or("no `input` object")?;
    let expect = case
        .get("expect")
        .and_then(Value::as_object)
        .ok_or("no `expect` object")?;
    let outcome = run(op, input);
    match (expect.get("ok"), expect.get("error"), expect.len()) {
        (Some(want), None, 1) => match outcome {
            Ok(got) if matches(want, &got) => Ok(()),
            Ok(got) => Err(format!("expected {want}, got {got}")),
            Err(Fail::Code(e)) => Err(format!("expected {want}, got {}: {e}", e.code())),
            Err(Fail::Case(m)) => Err(format!("malformed case: {m}")),
        },
        (None, Some(Value::String(code)), 1) => match outcome {
            Err(Fail::Code(e)) if e.code() == code => Ok(()),
            Err(Fail::Code(e)) => Err(format!("expected {code}, got {}: {e}", e.code())),
            Err(Fail::Case(m)) => Err(format!("malformed case: {m}")),
            Ok(got) => Err(format!("expected {code}, got {got}")),
        },
        _ => Err("`expect` must be { ok } or { error: \"ERR_...\" }".into()),
    }
}

fn case_files(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

/// Writes a summary line to stderr directly, past the test harness's capture, so that a
/// passing run shows it too.
fn report(line: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// Runs every case file of `dir`, reporting under `label`.
fn run_dir(dir: &str, label: &str) {
    let mut failures = Vec::new();
    let (mut passed, mut total) = (0, 0);
    let files = case_files(dir);
    assert!(!files.is_empty(), "no case files in {dir}");
    for path in &files {
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = fs::read_to_string(path).unwrap();
        let document: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
        let topic = document["topic"]
            .as_str()
            .unwrap_or_else(|| panic!("{file}: no topic"));
        assert_eq!(
            format!("{topic}.json"),
            file,
            "{file}: the topic names the file"
        );
        let cases = document["cases"]
            .as_array()
            .unwrap_or_else(|| panic!("{file}: no cases"));
        let mut names = BTreeSet::new();
        let mut file_passed = 0;
        for case in cases {
            let case = case
                .as_object()
                .unwrap_or_else(|| panic!("{file}: a case is not an object"));
            let name = case
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or("(no name)");
            total += 1;
            let result = if names.insert(name) {
                check(case)
            } else {
                Err("duplicate case name".into())
            };
            match result {
                Ok(()) => file_passed += 1,
                Err(reason) => failures.push(format!("{dir}/{file}: {name}: {reason}")),
            }
        }
        passed += file_passed;
        report(&format!(
            "{label} {topic}: {file_passed} passed, {} failed",
            cases.len() - file_passed
        ));
    }
    report(&format!(
        "{label}: {passed} passed, {} failed ({} files)",
        total - passed,
        files.len()
    ));
    assert!(
        failures.is_empty(),
        "{} of {total} cases in {dir} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn shared_cases() {
    run_dir("tests/cases", "cases rust");
}
