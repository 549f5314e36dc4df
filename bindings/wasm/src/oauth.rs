//! JS bindings for OAuth and provider helpers: `authorizationUrl`, `parseCallback`,
//! `codeExchangeRequest`, `refreshRequest`, `clientCredentialsRequest`, `parseTokenResponse`,
//! `updoxAuth`, `parseApiKey`, `ipAllowed`, the presets `redox`, `telesoft`, `digitail`,
//! `smart`, and internal functions for `pkg/oauth.js` and `TokenClient` (the presets' checks,
//! the client's store identity, the token cache's rules).

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;

use super::convert::{self, set, Options};
use super::jose::JsSigningKey;
use super::{JsResult, Thrown};
use healthauth::jose::{self, Algorithm, ClientAssertionOptions};
use healthauth::net;
use healthauth::oauth::cache::StoreCredential;
use healthauth::oauth::{
    self, AuthorizationRequest, Client, ClientAuth, ClientAuthMethod, HttpRequest,
};
use healthauth::providers::{self, ApiKeyEnvironment, Preset, UpdoxCredentials};
use healthauth::secret::SecretString;
use healthauth::smart::{self, SmartLaunch};
use healthauth::Error;

/// The current time in Unix seconds, from `Date.now()` (`SystemTime::now()` panics on wasm32).
fn now_seconds(options: &Options) -> Result<u64, Error> {
    let now = options
        .f64_opt("now")?
        .unwrap_or_else(|| convert::now_seconds() as f64);
    if now < 0.0 {
        return Err(Error::InvalidArgument {
            name: "now",
            expected: "a non-negative number of seconds since the Unix epoch",
        });
    }
    Ok(now.floor() as u64)
}

/// `scope` as a string, or an array of scope tokens (joined by the core, [`oauth::join_scopes`]).
pub(crate) fn scope_value(value: &JsValue) -> Result<String, Error> {
    if let Some(scope) = value.as_string() {
        return Ok(scope);
    }
    let parts = convert::string_array(value, "scope").map_err(|_| Error::InvalidArgument {
        name: "scope",
        expected: "a space-separated string or an array of scope strings",
    })?;
    Ok(oauth::join_scopes(&parts))
}

/// The `scope` option, if given.
fn scope_opt(options: &Options) -> Result<Option<String>, Error> {
    options.value("scope").map(|v| scope_value(&v)).transpose()
}

#[wasm_bindgen(typescript_custom_section)]
const OAUTH_TS: &str = r#"
/** Options for {@link authorizationUrl}. */
export interface AuthorizationUrlOptions {
  /**
   * The provider's authorization endpoint (https, or http on loopback); may carry a query.
   * Default: the `provider` preset's.
   */
  authorizationEndpoint?: string;
  clientId: string;
  /** Registered redirect URI (https, http on loopback, or a native app's custom scheme). */
  redirectUri: string;
  /** Space-separated scopes, or a list of them. */
  scope?: string | string[];
  /** From {@link randomState}; checked by {@link parseCallback}. */
  state: string;
  /** From {@link createPkce}; adds `code_challenge_method=S256`. */
  codeChallenge?: string;
  /** More parameters (`prompt`, `nonce`...); may not repeat the ones above. */
  extraParams?: Record<string, string>;
  /**
   * A preset (e.g. `digitail({ baseUrl })`): its `authorizationEndpoint` is the default, and its
   * rules apply (`pkceRequired`: no URL without `codeChallenge`).
   */
  provider?: ProviderPreset;
  /**
   * SMART App Launch: the FHIR base URL the app wants access to (sent as `aud`). A SMART launch
   * requires `codeChallenge`.
   */
  aud?: string;
  /** SMART EHR launch: the `launch` value the EHR passed to the app (requires `aud`). */
  launch?: string;
  /**
   * After a pushed authorization request: the `requestUri` from
   * {@link parsePushedAuthorizationResponse}. Give it with only `authorizationEndpoint` and
   * `clientId` (every other parameter went with the pushed request).
   */
  requestUri?: string;
}

/**
 * Options for {@link authorizationUrl} after a pushed authorization request: the URL carries
 * only `client_id` and `request_uri` (RFC 9126 section 4).
 */
export interface PushedAuthorizationUrlOptions {
  authorizationEndpoint: string;
  clientId: string;
  /** The `requestUri` from {@link parsePushedAuthorizationResponse}. */
  requestUri: string;
}

/** A successful authorization response. */
export interface CallbackResult {
  code: string;
  state: string;
  /** RFC 9207 issuer identifier, when the provider sends one. */
  iss?: string;
}

/** Options for {@link parseCallback}. */
export interface ParseCallbackOptions {
  /** The `state` of the authorization request (from {@link randomState}). */
  expectedState: string;
  /**
   * For providers advertising `authorization_response_iss_parameter_supported`: the RFC 9207
   * `iss` parameter must be present and equal to it.
   */
  expectedIssuer?: string;
  /** The size cap on `url`, checked before anything is read. Default 65536. */
  maxBytes?: number;
}

/** How a client authenticates at the token endpoint, by name. */
export type ClientAuthMethod =
  | "none"
  | "client_secret_basic"
  | "client_secret_post"
  | "client_secret_json"
  | "private_key_jwt"
  | "client_secret_jwt";

/** How the client authenticates at the token endpoint, with the credential it sends. */
export type TokenEndpointAuth =
  | { method: "none" }
  | {
      method: "client_secret_basic" | "client_secret_post" | "client_secret_json";
      /** Defaults to the `clientSecret` option. */
      secret?: string;
    }
  | {
      method: "private_key_jwt" | "client_secret_jwt";
      /** A signed client assertion (compact JWS, RFC 7523), fresh for this request. */
      assertion: string;
    };

/** Options shared by the token request builders. */
export interface TokenRequestClientOptions {
  tokenEndpoint: string;
  /** Optional only with an assertion (its `sub` names the client). */
  clientId?: string;
  /** Defaults to `client_secret_basic` when `clientSecret` is given, else `none`. */
  clientAuth?: TokenEndpointAuth;
  clientSecret?: string;
  /** Accept a client secret in a browser (`ERR_SECRET_IN_BROWSER` otherwise). */
  dangerouslyAllowBrowser?: boolean;
  /** Send a DPoP proof (RFC 9449) for this request, made with `dpop.key`. */
  dpop?: DpopRequestOptions;
}

/** A DPoP proof for a request: the key, and what the proof carries besides `htm` and `htu`. */
export interface DpopRequestOptions {
  /** An asymmetric signing key (ES256, ES384, EdDSA, RS*, PS*). */
  key: SigningKey;
  /** The server's latest `DPoP-Nonce` (after a `use_dpop_nonce` error). */
  nonce?: string;
  /** Current time in Unix seconds (`iat`). Default: the clock. */
  now?: number;
  /** Default: 192 random bits. */
  jti?: string;
}

/** Options shared by the PAR, revocation and introspection request builders. */
export interface EndpointClientOptions {
  /** The endpoint the request goes to (https, or http on loopback). */
  endpoint: string;
  /** Optional only with an assertion (its `sub` names the client). */
  clientId?: string;
  /** Defaults to `client_secret_basic` when `clientSecret` is given, else `none`. */
  clientAuth?: TokenEndpointAuth;
  clientSecret?: string;
  /** Accept a client secret in a browser (`ERR_SECRET_IN_BROWSER` otherwise). */
  dangerouslyAllowBrowser?: boolean;
  /** Send a DPoP proof (RFC 9449) for this request, made with `dpop.key`. */
  dpop?: DpopRequestOptions;
}

/** Options for {@link pushedAuthorizationRequest} (RFC 9126). */
export interface PushedAuthorizationRequestOptions extends EndpointClientOptions {
  /** Registered redirect URI. */
  redirectUri: string;
  /** Space-separated scopes, or a list of them. */
  scope?: string | string[];
  /** From {@link randomState}; checked by {@link parseCallback}. */
  state: string;
  /** From {@link createPkce}; adds `code_challenge_method=S256`. */
  codeChallenge?: string;
  /** More parameters (`prompt`, `nonce`...). */
  extraParams?: Record<string, string>;
  /** SMART App Launch: the FHIR base URL (sent as `aud`); requires `codeChallenge`. */
  aud?: string;
  /** SMART EHR launch: the `launch` value (requires `aud`). */
  launch?: string;
}

/** What a PAR endpoint answered. */
export interface PushedAuthorizationResponse {
  /** For {@link authorizationUrl}'s `requestUri`. */
  requestUri: string;
  /** Seconds the `requestUri` stays valid. */
  expiresIn: number;
}

/** Options for {@link revocationRequest} (RFC 7009) and {@link introspectionRequest} (RFC 7662). */
export interface TokenEndpointRequestOptions extends EndpointClientOptions {
  /** The token to revoke or introspect. */
  token: string;
  /** `access_token`, `refresh_token`, ... */
  tokenTypeHint?: string;
}

/** A token introspection response (RFC 7662 section 2.2). */
export interface Introspection {
  active: boolean;
  scope?: string;
  clientId?: string;
  username?: string;
  tokenType?: string;
  exp?: number;
  iat?: number;
  nbf?: number;
  sub?: string;
  aud?: string[];
  iss?: string;
  jti?: string;
  /** The key a DPoP-bound token is bound to (RFC 9449 section 6.2). */
  cnf?: { jkt: string };
  launchContext?: LaunchContext;
  extra?: Record<string, unknown>;
}

/** Options for {@link codeExchangeRequest}. */
export interface CodeExchangeRequestOptions extends TokenRequestClientOptions {
  /** The `code` from {@link parseCallback}. */
  code: string;
  /** The `redirectUri` of the authorization request. */
  redirectUri: string;
  /** The PKCE verifier (from {@link createPkce}); required for a public client. */
  codeVerifier?: string;
}

/** Options for {@link refreshRequest}. */
export interface RefreshRequestOptions extends TokenRequestClientOptions {
  refreshToken: string;
  /** Space-separated scopes, or a list of them (at most the ones granted). */
  scope?: string | string[];
}

/** Options for {@link clientCredentialsRequest}. */
export interface ClientCredentialsRequestOptions extends TokenRequestClientOptions {
  /** Space-separated scopes, or a list of them. */
  scope?: string | string[];
}

/** A request ready for `fetch(request.url, request)`. It carries credentials: do not log it. */
export interface TokenHttpRequest {
  method: "POST";
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** A normalized token response. */
export interface TokenResponse {
  accessToken: string;
  /** `Bearer` when missing or spelt in another case. */
  tokenType: string;
  expiresIn?: number;
  /** Unix seconds. */
  expiresAt?: number;
  /** Unix seconds: when to refresh (ahead of `expiresAt`). */
  refreshAt?: number;
  refreshToken?: string;
  scope?: string;
  idToken?: string;
  /** Every other field the provider sent. */
  extra: Record<string, unknown>;
  /** The SMART launch context, when the response carries one. */
  launchContext?: LaunchContext;
}

/** The SMART launch context of a token or introspection response (SMART App Launch v2). */
export interface LaunchContext {
  /** The id of the Patient in context. */
  patient?: string;
  /** The id of the Encounter in context. */
  encounter?: string;
  /** Further resources in context (`reference`, `canonical` or `identifier`, `type`, `role`). */
  fhirContext?: Array<Record<string, unknown>>;
  needPatientBanner?: boolean;
  smartStyleUrl?: string;
  intent?: string;
  tenant?: string;
}

/** Options for {@link parseTokenResponse}. */
export interface ParseTokenResponseOptions {
  /** The current time in Unix seconds. Default: the clock. */
  now?: number;
  /** How far ahead of expiry `refreshAt` falls. Default 60, at most half the lifetime. */
  refreshSkewSeconds?: number;
  /** For a token without `expires_in`: `refreshAt` this long after `now`. Default: no `refreshAt`. */
  defaultLifetimeSeconds?: number;
  /** The size cap on `body`, checked before it is copied or parsed. Default 1048576. */
  maxBytes?: number;
}

/** Options for {@link parsePushedAuthorizationResponse}, {@link parseRevocationResponse} and {@link parseIntrospectionResponse}. */
export interface ParseResponseOptions {
  /** The size cap on `body`, checked before it is copied or parsed. Default 1048576. */
  maxBytes?: number;
}

/** Options for {@link updoxAuth}: application or individual credentials, never a mix. */
export interface UpdoxAuthOptions {
  applicationId?: string;
  applicationPassword?: string;
  accountId?: string;
  userId?: string;
  loginId?: string;
  loginPassword?: string;
  /** The passwords are long-lived secrets: refused in a browser (`ERR_SECRET_IN_BROWSER`) otherwise. */
  dangerouslyAllowBrowser?: boolean;
}

/** The Updox `auth` object sent in every request body. */
export interface UpdoxAuthObject {
  auth:
    | { applicationId: string; applicationPassword: string; accountId?: string; userId?: string }
    | { loginId: string; loginPassword: string };
}

/** Options for {@link parseApiKey}. */
export interface ParseApiKeyOptions {
  /** Accept a live key in a browser (`ERR_SECRET_IN_BROWSER` otherwise). */
  dangerouslyAllowBrowser?: boolean;
}

/** What {@link parseApiKey} learnt from a key. */
export interface ParsedApiKey {
  provider: "telesoft";
  environment: "test" | "live";
  /** The key with all but its prefix and last 4 characters masked, safe to log: `ts_live_****abcd`. */
  redacted: string;
}

/** Endpoints and rules of a provider. */
export interface ProviderPreset {
  readonly name: "redox" | "telesoft" | "digitail" | "smart";
  readonly authorizationEndpoint?: string;
  readonly tokenEndpoint: string;
  readonly clientAuthMethod: ClientAuthMethod;
  /** The algorithms its client assertions may use. */
  readonly assertionAlgorithms: Algorithm[];
  readonly maxAssertionLifetimeSeconds?: number;
  /** Client assertions must name their key (`kid`). */
  readonly kidRequired: boolean;
  /** No authorization URL without a PKCE `codeChallenge`. */
  readonly pkceRequired: boolean;
  readonly accessTokenLifetimeSeconds?: number;
  readonly refreshTokenLifetimeSeconds?: number;
  readonly scopes: string[];
}

/** Options for {@link redox}. */
export interface RedoxPresetOptions {
  region?: "us";
}

/** Options for {@link digitail}. */
export interface DigitailPresetOptions {
  /** The instance's base URL: `{baseUrl}/oauth/authorize`, `{baseUrl}/oauth/token`. */
  baseUrl: string;
}

/** Options for {@link smart}. */
export interface SmartPresetOptions {
  /** The FHIR server's token endpoint (from its `.well-known/smart-configuration`). */
  tokenEndpoint: string;
}
"#;

/// The options of `authorizationUrl`.
pub(crate) const AUTHORIZATION_URL_OPTIONS: &[&str] = &[
    "authorizationEndpoint",
    "clientId",
    "redirectUri",
    "scope",
    "state",
    "codeChallenge",
    "extraParams",
    "provider",
    "aud",
    "launch",
    "requestUri",
];

/// The options of `authorizationUrl` after a pushed authorization request.
pub(crate) const PUSHED_AUTHORIZATION_URL_OPTIONS: &[&str] =
    &["authorizationEndpoint", "clientId", "requestUri"];

/// The authorization request URL (`response_type=code`), percent-encoded per RFC 3986; with
/// `aud` (and `launch`), a SMART App Launch (PKCE required); with `requestUri`, the URL after a
/// pushed authorization request (RFC 9126 section 4).
/// @throws {HealthAuthError} `ERR_URL_INVALID`, `ERR_INVALID_ARGUMENT` (also a `provider` that
///   requires PKCE without `codeChallenge`, `launch` without `aud`, `requestUri` beside the
///   pushed parameters), `ERR_UNKNOWN_OPTION`.
#[wasm_bindgen(js_name = authorizationUrl)]
pub fn authorization_url(
    #[wasm_bindgen(
        unchecked_param_type = "AuthorizationUrlOptions | PushedAuthorizationUrlOptions"
    )]
    options: JsValue,
) -> JsResult<String> {
    let o = Options::new(&options, "authorizationUrl", AUTHORIZATION_URL_OPTIONS)?;
    if let Some(request_uri) = o.string("requestUri")? {
        // Every other option went with the pushed request.
        let mut pushed_away = AUTHORIZATION_URL_OPTIONS
            .iter()
            .filter(|name| !PUSHED_AUTHORIZATION_URL_OPTIONS.contains(name));
        if pushed_away.any(|name| o.value(name).is_some()) {
            return Err(Error::InvalidArgument {
                name: "requestUri",
                expected: "given with only authorizationEndpoint and clientId (the other parameters went with the pushed request)",
            }
            .into());
        }
        let endpoint = o.required_string("authorizationEndpoint")?;
        let client_id = o.required_string("clientId")?;
        return Ok(oauth::pushed_authorization_url(
            &endpoint,
            &client_id,
            &request_uri,
        )?);
    }
    let preset = preset_from_js(&o.value("provider").unwrap_or(JsValue::UNDEFINED))?;
    let endpoint = match o.string("authorizationEndpoint")? {
        Some(endpoint) => endpoint,
        None => preset
            .as_ref()
            .and_then(|p| p.authorization_endpoint.clone())
            .ok_or(Error::InvalidArgument {
                name: "authorizationEndpoint",
                expected: "given (a string), or a provider preset with one",
            })?,
    };
    let client_id = o.required_string("clientId")?;
    let redirect_uri = o.required_string("redirectUri")?;
    let state = o.required_string("state")?;
    let scope = scope_opt(&o)?;
    let challenge = o.string("codeChallenge")?;
    let extra = extra_params(&o)?;
    let extra_refs: Vec<(&str, &str)> = extra
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let request = AuthorizationRequest {
        authorization_endpoint: &endpoint,
        client_id: &client_id,
        redirect_uri: &redirect_uri,
        scope: scope.as_deref(),
        state: &state,
        code_challenge: challenge.as_deref(),
        extra_params: &extra_refs,
    };
    let aud = o.string("aud")?;
    let launch = o.string("launch")?;
    match (
        SmartLaunch::from_options(aud.as_deref(), launch.as_deref())?,
        &preset,
    ) {
        (Some(launch), _) => smart::authorization_url(&request, &launch),
        (None, Some(preset)) => preset.authorization_url(&request),
        (None, None) => oauth::authorization_url(&request),
    }
    .map_err(Thrown::from)
}

/// `extraParams`: an object of string values, in its order.
fn extra_params(o: &Options) -> Result<Vec<(String, String)>, Error> {
    let mut extra: Vec<(String, String)> = Vec::new();
    if let Some(value) = o.value("extraParams") {
        let invalid = Error::InvalidArgument {
            name: "extraParams",
            expected: "an object of string values",
        };
        if !value.is_object() || js_sys::Array::is_array(&value) {
            return Err(invalid);
        }
        let object: Object = value.unchecked_into();
        for entry in convert::object_entries(&object)
            .map_err(|_| invalid.clone())?
            .iter()
        {
            let pair: js_sys::Array = entry.unchecked_into();
            let (k, v) = (pair.get(0).as_string(), pair.get(1).as_string());
            match (k, v) {
                (Some(k), Some(v)) => extra.push((k, v)),
                _ => return Err(invalid),
            }
        }
    }
    Ok(extra)
}

/// The options of `parseCallback`.
pub(crate) const PARSE_CALLBACK_OPTIONS: &[&str] = &["expectedState", "expectedIssuer", "maxBytes"];

/// Parses the redirect URL (or its query string) and checks `state` in constant time.
/// With `expectedIssuer` (providers advertising `authorization_response_iss_parameter_supported`),
/// the RFC 9207 `iss` parameter must be present and equal to it.
/// @throws {HealthAuthError} `ERR_OAUTH_STATE_MISMATCH` (missing or foreign state),
///   `ERR_OAUTH_CALLBACK_ERROR` (the provider's `error`, also in `.error` and
///   `.errorDescription`), `ERR_OAUTH_CALLBACK_INVALID` (also a missing or wrong `iss`),
///   `ERR_INPUT_TOO_LARGE` (over `maxBytes`, default 65536, checked before anything is read).
#[wasm_bindgen(js_name = parseCallback, unchecked_return_type = "CallbackResult")]
pub fn parse_callback(
    #[wasm_bindgen(unchecked_param_type = "string")] url: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ParseCallbackOptions")] options: JsValue,
) -> JsResult<Object> {
    let o = Options::new(&options, "parseCallback", PARSE_CALLBACK_OPTIONS)?;
    let max = o
        .usize("maxBytes")?
        .unwrap_or(healthauth::limits::CALLBACK_BYTES);
    let url = convert::capped_string(&url, "url", "callback URL", max)?;
    let expected = o.required_string("expectedState")?;
    let issuer = o.string("expectedIssuer")?;
    let callback = oauth::parse_callback_with_limit(&url, &expected, issuer.as_deref(), max)?;
    let out = convert::object(&[
        ("code", callback.code.expose_secret()),
        ("state", &callback.state),
    ]);
    if let Some(iss) = &callback.iss {
        set(&out, "iss", &JsValue::from_str(iss));
    }
    Ok(out)
}

/// The options every token request builder takes.
pub(crate) const CLIENT_KEYS: &[&str] = &[
    "tokenEndpoint",
    "clientId",
    "clientAuth",
    "clientSecret",
    "dangerouslyAllowBrowser",
    "dpop",
];

/// The options of the requests to the other endpoints of an authorization server (PAR,
/// revocation, introspection): [`CLIENT_KEYS`] with `endpoint` for `tokenEndpoint`.
pub(crate) const ENDPOINT_CLIENT_KEYS: &[&str] = &[
    "endpoint",
    "clientId",
    "clientAuth",
    "clientSecret",
    "dangerouslyAllowBrowser",
    "dpop",
];

/// The members of `dpop`. `pkg/oauth.js` takes the option off before the request is built and
/// adds the proof ([`request_dpop_proof`]) to the built request.
pub(crate) const DPOP_REQUEST_KEYS: &[&str] = &["key", "nonce", "now", "jti"];

/// The members of `clientAuth`.
pub(crate) const CLIENT_AUTH_KEYS: &[&str] = &["method", "secret", "assertion"];

/// The client from `tokenEndpoint`, `clientId`, and `clientAuth` (`{ method, secret?,
/// assertion? }`) or the `clientSecret` shorthand (`client_secret_basic`).
fn client(o: &Options, call: &'static str) -> Result<Client, Error> {
    client_at(o, call, "tokenEndpoint")
}

/// The client, with the URL its requests go to under option `endpoint_name`.
fn client_at(
    o: &Options,
    call: &'static str,
    endpoint_name: &'static str,
) -> Result<Client, Error> {
    let endpoint = o.required_string(endpoint_name)?;
    // Read once, straight into a SecretString (a String dropped unzeroized would leave a copy).
    let shorthand = o.string("clientSecret")?.map(SecretString::new);
    let secret_given = shorthand.is_some()
        || o.value("clientAuth")
            .is_some_and(|a| Reflect::has(&a, &JsValue::from_str("secret")).unwrap_or(false));
    if secret_given {
        convert::refuse_secret_in_browser(o, "a client secret")?;
    }
    let client_id = o.string("clientId")?.unwrap_or_default();
    // The method by name, its credential, and the `clientSecret` shorthand: core rules.
    let auth = match o.value("clientAuth") {
        None => ClientAuth::with_client_secret(None, None, None, shorthand)?,
        Some(value) => {
            let a = Options::new(&value, call, CLIENT_AUTH_KEYS)?;
            let method: ClientAuthMethod = a.required_string("method")?.parse()?;
            let secret = a.string("secret")?.map(SecretString::new);
            let assertion = a.string("assertion")?.map(SecretString::new);
            ClientAuth::with_client_secret(Some(method), secret, assertion, shorthand)?
        }
    };
    Client::new(&endpoint, &client_id, auth)
}

fn request_to_js(request: &HttpRequest) -> Object {
    let headers = Object::new();
    for (name, value) in &request.headers {
        set(&headers, name, &JsValue::from_str(value.expose_secret()));
    }
    let out = convert::object(&[
        ("method", request.method),
        ("url", &request.url),
        ("body", request.body.expose_secret()),
    ]);
    set(&out, "headers", &headers);
    out
}

fn with_keys(extra: &[&'static str]) -> Vec<&'static str> {
    [CLIENT_KEYS, extra].concat()
}

/// `requestDpopProof(key, method, url, dpop)` → the DPoP proof for a built request, made with
/// `key` for its method and URL with `dpop`'s `nonce`, `now` and `jti` (internal: `pkg/oauth.js`
/// adds it to a request built with a `dpop` option as its `dpop` header, since a key handle
/// cannot be read out of an options object here).
#[wasm_bindgen(js_name = requestDpopProof)]
pub fn request_dpop_proof(
    key: &JsSigningKey,
    method: JsValue,
    url: JsValue,
    dpop: JsValue,
) -> JsResult<String> {
    let d = Options::new(&dpop, "dpop", DPOP_REQUEST_KEYS)?;
    let mut options = jose::DpopOptions::new(
        convert::string(&method, "method")?,
        convert::string(&url, "url")?,
        d.seconds_or_now("now")?,
    );
    options.nonce = d.string("nonce")?;
    options.jti = d.string("jti")?;
    Ok(jose::dpop_proof(&key.key, &options)?)
}

/// The options of `codeExchangeRequest` besides [`CLIENT_KEYS`].
pub(crate) const CODE_EXCHANGE_KEYS: &[&str] = &["code", "redirectUri", "codeVerifier"];

/// The authorization code exchange. A public client (`none`) must send `codeVerifier`.
/// @throws {HealthAuthError} `ERR_URL_INVALID`, `ERR_INVALID_ARGUMENT`, `ERR_PKCE_VERIFIER_*`.
#[wasm_bindgen(js_name = codeExchangeRequest, unchecked_return_type = "TokenHttpRequest")]
pub fn code_exchange_request(
    #[wasm_bindgen(unchecked_param_type = "CodeExchangeRequestOptions")] options: JsValue,
) -> JsResult<Object> {
    let keys = with_keys(CODE_EXCHANGE_KEYS);
    let o = Options::new(&options, "codeExchangeRequest", &keys)?;
    let client = client(&o, "codeExchangeRequest")?;
    let code = zeroize::Zeroizing::new(o.required_string("code")?);
    let redirect_uri = o.required_string("redirectUri")?;
    let verifier = o.string("codeVerifier")?.map(zeroize::Zeroizing::new);
    let request = oauth::code_exchange_request(
        &client,
        &code,
        &redirect_uri,
        verifier.as_ref().map(|v| v.as_str()),
    )?;
    Ok(request_to_js(&request))
}

/// The options of `refreshRequest` besides [`CLIENT_KEYS`].
pub(crate) const REFRESH_KEYS: &[&str] = &["refreshToken", "scope"];

/// The refresh token grant.
#[wasm_bindgen(js_name = refreshRequest, unchecked_return_type = "TokenHttpRequest")]
pub fn refresh_request(
    #[wasm_bindgen(unchecked_param_type = "RefreshRequestOptions")] options: JsValue,
) -> JsResult<Object> {
    let keys = with_keys(REFRESH_KEYS);
    let o = Options::new(&options, "refreshRequest", &keys)?;
    let client = client(&o, "refreshRequest")?;
    let refresh = zeroize::Zeroizing::new(o.required_string("refreshToken")?);
    let scope = scope_opt(&o)?;
    let request = oauth::refresh_request(&client, &refresh, scope.as_deref())?;
    Ok(request_to_js(&request))
}

/// The options of `clientCredentialsRequest` besides [`CLIENT_KEYS`].
pub(crate) const CLIENT_CREDENTIALS_KEYS: &[&str] = &["scope"];

/// The client credentials grant (confidential clients only).
#[wasm_bindgen(js_name = clientCredentialsRequest, unchecked_return_type = "TokenHttpRequest")]
pub fn client_credentials_request(
    #[wasm_bindgen(unchecked_param_type = "ClientCredentialsRequestOptions")] options: JsValue,
) -> JsResult<Object> {
    let keys = with_keys(CLIENT_CREDENTIALS_KEYS);
    let o = Options::new(&options, "clientCredentialsRequest", &keys)?;
    let client = client(&o, "clientCredentialsRequest")?;
    let scope = scope_opt(&o)?;
    let request = oauth::client_credentials_request(&client, scope.as_deref())?;
    Ok(request_to_js(&request))
}

/// Refuses an unknown option of a request builder (`call`: a token, PAR, revocation or
/// introspection request) before pkg/oauth.js signs an
/// assertion with its `signingKey`, so that `tokenUrl` is named as the mistake rather than the
/// `tokenEndpoint` the assertion then lacks (internal).
#[wasm_bindgen(js_name = checkRequestOptions)]
pub fn check_request_options(call: &str, options: JsValue) -> JsResult<()> {
    let (call, client, extra): (&str, &[&str], &[&str]) = match call {
        "codeExchangeRequest" => ("codeExchangeRequest", CLIENT_KEYS, CODE_EXCHANGE_KEYS),
        "refreshRequest" => ("refreshRequest", CLIENT_KEYS, REFRESH_KEYS),
        "pushedAuthorizationRequest" => (
            "pushedAuthorizationRequest",
            ENDPOINT_CLIENT_KEYS,
            PUSHED_AUTHORIZATION_KEYS,
        ),
        "revocationRequest" => (
            "revocationRequest",
            ENDPOINT_CLIENT_KEYS,
            TOKEN_ENDPOINT_REQUEST_KEYS,
        ),
        "introspectionRequest" => (
            "introspectionRequest",
            ENDPOINT_CLIENT_KEYS,
            TOKEN_ENDPOINT_REQUEST_KEYS,
        ),
        _ => (
            "clientCredentialsRequest",
            CLIENT_KEYS,
            CLIENT_CREDENTIALS_KEYS,
        ),
    };
    let keys = [client, extra, &["signingKey"]].concat();
    Options::new(&options, call, &keys)
        .map(|_| ())
        .map_err(Thrown::from)
}

/// The options of `parseTokenResponse`.
pub(crate) const PARSE_TOKEN_RESPONSE_OPTIONS: &[&str] = &[
    "now",
    "refreshSkewSeconds",
    "defaultLifetimeSeconds",
    "maxBytes",
];

/// Parses a token endpoint response (lenient: string `expires_in`, missing `token_type`).
/// @param options `now` in Unix seconds (default: the clock); `refreshSkewSeconds` (default 60,
///   at most half the lifetime) ahead of expiry for `refreshAt`; `defaultLifetimeSeconds`: for a
///   token without `expires_in`, `refreshAt` this long after `now` (default: no `refreshAt`);
///   `maxBytes` the size cap on `body` (default 1048576), checked before it is copied or parsed.
/// @throws {HealthAuthError} `ERR_OAUTH_TOKEN_ERROR` (RFC 6749 §5.2; `.error`,
///   `.errorDescription`, `.status`), `ERR_OAUTH_TOKEN_RESPONSE_INVALID`, `ERR_INPUT_TOO_LARGE`,
///   `ERR_INVALID_ARGUMENT` (a status outside 100 to 599).
#[wasm_bindgen(js_name = parseTokenResponse, unchecked_return_type = "TokenResponse")]
pub fn parse_token_response(
    #[wasm_bindgen(unchecked_param_type = "number")] status: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] body: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ParseTokenResponseOptions")] options: JsValue,
) -> JsResult<Object> {
    // Beyond u16 is out of range as much as 600 is: the core says so.
    let status = convert::usize_arg(&status, "status")
        .map(|s| u16::try_from(s).unwrap_or(u16::MAX))
        .map_err(|_| Error::InvalidArgument {
            name: "status",
            expected: "an HTTP status code (100 to 599)",
        })?;
    // Before the body is copied in (the core checks it again).
    oauth::check_http_status(status)?;
    let o = Options::new(&options, "parseTokenResponse", PARSE_TOKEN_RESPONSE_OPTIONS)?;
    let mut timing = oauth::TokenResponseOptions::at(now_seconds(&o)?);
    if let Some(max) = o.usize("maxBytes")? {
        timing.max_bytes = max;
    }
    if let Some(skew) = o.usize("refreshSkewSeconds")? {
        timing.refresh_skew_seconds = skew as u64;
    }
    timing.default_lifetime_seconds = o.usize("defaultLifetimeSeconds")?.map(|d| d as u64);
    let body = zeroize::Zeroizing::new(convert::capped_string(
        &body,
        "body",
        "token response",
        timing.max_bytes,
    )?);
    let t = oauth::parse_token_response(status, &body, &timing)?;
    let out = convert::object(&[
        ("accessToken", t.access_token.expose_secret()),
        ("tokenType", &t.token_type),
    ]);
    let number = |key: &str, v: Option<u64>| {
        if let Some(v) = v {
            set(&out, key, &JsValue::from_f64(v as f64));
        }
    };
    number("expiresIn", t.expires_in);
    number("expiresAt", t.expires_at);
    number("refreshAt", t.refresh_at);
    if let Some(r) = &t.refresh_token {
        set(&out, "refreshToken", &JsValue::from_str(r.expose_secret()));
    }
    if let Some(s) = &t.scope {
        set(&out, "scope", &JsValue::from_str(s));
    }
    if let Some(i) = &t.id_token {
        set(&out, "idToken", &JsValue::from_str(i.expose_secret()));
    }
    if let Some(context) = t.launch_context() {
        set(
            &out,
            "launchContext",
            &convert::from_json(&context.to_json()),
        );
    }
    let extra = js_sys::JSON::parse(&serde_json::Value::Object(t.extra).to_string())
        .unwrap_or_else(|_| Object::new().into());
    set(&out, "extra", &extra);
    Ok(out)
}

/// The options of `pushedAuthorizationRequest` besides [`ENDPOINT_CLIENT_KEYS`].
pub(crate) const PUSHED_AUTHORIZATION_KEYS: &[&str] = &[
    "redirectUri",
    "scope",
    "state",
    "codeChallenge",
    "extraParams",
    "aud",
    "launch",
];

/// A pushed authorization request (RFC 9126): the authorization request's parameters and the
/// client's credentials, `POST`ed to the PAR `endpoint`; with `aud` (and `launch`), a SMART
/// App Launch (PKCE required). Send it, read the answer with
/// {@link parsePushedAuthorizationResponse}, then send the browser to
/// `authorizationUrl({ authorizationEndpoint, clientId, requestUri })`.
/// @throws {HealthAuthError} `ERR_URL_INVALID`, `ERR_INVALID_ARGUMENT`, `ERR_UNKNOWN_OPTION`,
///   `ERR_SECRET_IN_BROWSER`.
#[wasm_bindgen(js_name = pushedAuthorizationRequest, unchecked_return_type = "TokenHttpRequest")]
pub fn pushed_authorization_request(
    #[wasm_bindgen(unchecked_param_type = "PushedAuthorizationRequestOptions")] options: JsValue,
) -> JsResult<Object> {
    let keys = [ENDPOINT_CLIENT_KEYS, PUSHED_AUTHORIZATION_KEYS].concat();
    let o = Options::new(&options, "pushedAuthorizationRequest", &keys)?;
    let endpoint = o.required_string("endpoint")?;
    let client = client_at(&o, "pushedAuthorizationRequest", "endpoint")?;
    let client_id = o.required_string("clientId")?;
    let redirect_uri = o.required_string("redirectUri")?;
    let state = o.required_string("state")?;
    let scope = scope_opt(&o)?;
    let challenge = o.string("codeChallenge")?;
    let extra = extra_params(&o)?;
    let extra_refs: Vec<(&str, &str)> = extra
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let request = AuthorizationRequest {
        authorization_endpoint: "",
        client_id: &client_id,
        redirect_uri: &redirect_uri,
        scope: scope.as_deref(),
        state: &state,
        code_challenge: challenge.as_deref(),
        extra_params: &extra_refs,
    };
    let aud = o.string("aud")?;
    let launch = o.string("launch")?;
    let request = match SmartLaunch::from_options(aud.as_deref(), launch.as_deref())? {
        Some(launch) => smart::pushed_authorization_request(&client, &endpoint, &request, &launch)?,
        None => oauth::pushed_authorization_request(&client, &endpoint, &request)?,
    };
    Ok(request_to_js(&request))
}

/// The options of `revocationRequest` and `introspectionRequest` besides
/// [`ENDPOINT_CLIENT_KEYS`].
pub(crate) const TOKEN_ENDPOINT_REQUEST_KEYS: &[&str] = &["token", "tokenTypeHint"];

/// `endpoint`, the client, `token` and `tokenTypeHint` of a revocation or introspection
/// request.
fn token_endpoint_request(
    options: &JsValue,
    call: &'static str,
    build: fn(&Client, &str, &str, Option<&str>) -> Result<HttpRequest, Error>,
) -> JsResult<Object> {
    let keys = [ENDPOINT_CLIENT_KEYS, TOKEN_ENDPOINT_REQUEST_KEYS].concat();
    let o = Options::new(options, call, &keys)?;
    let endpoint = o.required_string("endpoint")?;
    let client = client_at(&o, call, "endpoint")?;
    let token = zeroize::Zeroizing::new(o.required_string("token")?);
    let hint = o.string("tokenTypeHint")?;
    let request = build(&client, &endpoint, &token, hint.as_deref())?;
    Ok(request_to_js(&request))
}

/// A token revocation request (RFC 7009): `token`, `tokenTypeHint` and the client's
/// credentials, `POST`ed to the revocation `endpoint`.
/// @throws {HealthAuthError} `ERR_URL_INVALID`, `ERR_INVALID_ARGUMENT`, `ERR_UNKNOWN_OPTION`.
#[wasm_bindgen(js_name = revocationRequest, unchecked_return_type = "TokenHttpRequest")]
pub fn revocation_request(
    #[wasm_bindgen(unchecked_param_type = "TokenEndpointRequestOptions")] options: JsValue,
) -> JsResult<Object> {
    token_endpoint_request(&options, "revocationRequest", oauth::revocation_request)
}

/// A token introspection request (RFC 7662): `token`, `tokenTypeHint` and the client's
/// credentials, `POST`ed to the introspection `endpoint`.
/// @throws {HealthAuthError} `ERR_URL_INVALID`, `ERR_INVALID_ARGUMENT`, `ERR_UNKNOWN_OPTION`.
#[wasm_bindgen(js_name = introspectionRequest, unchecked_return_type = "TokenHttpRequest")]
pub fn introspection_request(
    #[wasm_bindgen(unchecked_param_type = "TokenEndpointRequestOptions")] options: JsValue,
) -> JsResult<Object> {
    token_endpoint_request(
        &options,
        "introspectionRequest",
        oauth::introspection_request,
    )
}

/// An HTTP status and a response body (capped before it is copied in).
/// The options of `parsePushedAuthorizationResponse`, `parseRevocationResponse` and
/// `parseIntrospectionResponse`.
pub(crate) const PARSE_RESPONSE_OPTIONS: &[&str] = &["maxBytes"];

/// The `maxBytes` of an endpoint response parser's options (default
/// [`healthauth::limits::RESPONSE_BYTES`]).
fn response_max_bytes(options: &JsValue, call: &'static str) -> Result<usize, Error> {
    Ok(Options::new(options, call, PARSE_RESPONSE_OPTIONS)?
        .usize("maxBytes")?
        .unwrap_or(healthauth::limits::RESPONSE_BYTES))
}

fn status_and_body(
    status: &JsValue,
    body: &JsValue,
    input: &'static str,
    max_bytes: usize,
) -> Result<(u16, zeroize::Zeroizing<String>), Error> {
    let status = convert::usize_arg(status, "status")
        .map(|s| u16::try_from(s).unwrap_or(u16::MAX))
        .map_err(|_| Error::InvalidArgument {
            name: "status",
            expected: "an HTTP status code (100 to 599)",
        })?;
    oauth::check_http_status(status)?;
    let body = if body.is_undefined() || body.is_null() {
        String::new()
    } else {
        convert::capped_string(body, "body", input, max_bytes)?
    };
    Ok((status, zeroize::Zeroizing::new(body)))
}

/// Reads a PAR endpoint's answer (RFC 9126 section 2.2) from its HTTP status and body.
/// @throws {HealthAuthError} `ERR_OAUTH_ENDPOINT_ERROR` (an RFC 6749 error, in `.error`,
///   `.errorDescription`, `.status`), `ERR_OAUTH_RESPONSE_INVALID`, `ERR_INPUT_TOO_LARGE`,
///   `ERR_INVALID_ARGUMENT`.
#[wasm_bindgen(
    js_name = parsePushedAuthorizationResponse,
    unchecked_return_type = "PushedAuthorizationResponse"
)]
pub fn parse_pushed_authorization_response(
    #[wasm_bindgen(unchecked_param_type = "number")] status: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] body: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ParseResponseOptions")] options: JsValue,
) -> JsResult<Object> {
    let max = response_max_bytes(&options, "parsePushedAuthorizationResponse")?;
    let (status, body) = status_and_body(&status, &body, "PAR response", max)?;
    let r = oauth::parse_pushed_authorization_response_with_limit(status, &body, max)?;
    let out = convert::object(&[("requestUri", &r.request_uri)]);
    set(&out, "expiresIn", &JsValue::from_f64(r.expires_in as f64));
    Ok(out)
}

/// Reads a revocation endpoint's answer (RFC 7009 section 2.2): returns `null` on success.
/// @throws {HealthAuthError} `ERR_OAUTH_ENDPOINT_ERROR`, `ERR_OAUTH_RESPONSE_INVALID`,
///   `ERR_INPUT_TOO_LARGE`, `ERR_INVALID_ARGUMENT`.
#[wasm_bindgen(js_name = parseRevocationResponse, unchecked_return_type = "(null)")]
pub fn parse_revocation_response(
    #[wasm_bindgen(unchecked_param_type = "number")] status: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string")] body: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ParseResponseOptions")] options: JsValue,
) -> JsResult<JsValue> {
    let max = response_max_bytes(&options, "parseRevocationResponse")?;
    let (status, body) = status_and_body(&status, &body, "revocation response", max)?;
    oauth::parse_revocation_response_with_limit(status, &body, max)?;
    Ok(JsValue::NULL)
}

/// Reads an introspection endpoint's answer (RFC 7662 section 2.2): `active`, and for an
/// active token its `scope`, `clientId`, `sub`, `exp`, `tokenType`, `cnf.jkt`, launch context...
/// @throws {HealthAuthError} `ERR_OAUTH_ENDPOINT_ERROR`, `ERR_OAUTH_RESPONSE_INVALID`,
///   `ERR_INPUT_TOO_LARGE`, `ERR_INVALID_ARGUMENT`.
#[wasm_bindgen(js_name = parseIntrospectionResponse, unchecked_return_type = "Introspection")]
pub fn parse_introspection_response(
    #[wasm_bindgen(unchecked_param_type = "number")] status: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] body: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ParseResponseOptions")] options: JsValue,
) -> JsResult<JsValue> {
    let max = response_max_bytes(&options, "parseIntrospectionResponse")?;
    let (status, body) = status_and_body(&status, &body, "introspection response", max)?;
    let introspection = oauth::parse_introspection_response_with_limit(status, &body, max)?;
    Ok(convert::from_json(&introspection.to_json()))
}

/// `clientAuthCredential(method)` → `"none"`, `"secret"` or `"assertion"`: what the named
/// client-authentication method needs; an unknown name throws `ERR_INVALID_ARGUMENT`
/// (internal: `TokenClient` checks its `clientAuth` with it).
#[wasm_bindgen(js_name = clientAuthCredential)]
pub fn client_auth_credential(method: JsValue) -> JsResult<String> {
    let method: ClientAuthMethod = convert::string(&method, "method")?.parse()?;
    Ok(if method.needs_secret() {
        "secret"
    } else if method.needs_assertion() {
        "assertion"
    } else {
        "none"
    }
    .to_owned())
}

/// Every option `TokenClient` (pkg/token-client.js) takes.
pub(crate) const TOKEN_CLIENT_OPTIONS: &[&str] = &[
    "provider",
    "tokenEndpoint",
    "clientId",
    "clientAuth",
    "clientSecret",
    "signingKey",
    "scope",
    "refreshToken",
    "token",
    "fetch",
    "store",
    "storeKey",
    "encryptionKey",
    "refreshTokenLifetimeSeconds",
    "retries",
    "backoffMs",
    "timeoutMs",
    "maxResponseBytes",
    "refreshSkewSeconds",
    "defaultLifetimeSeconds",
    "now",
    "dangerouslyAllowBrowser",
    "dpop",
];

/// Refuses an unknown `TokenClient` option with `ERR_UNKNOWN_OPTION`, its name made safe to
/// echo (internal: called by `TokenClient`'s constructor).
#[wasm_bindgen(js_name = checkTokenClientOptions)]
pub fn check_token_client_options(options: JsValue) -> JsResult<()> {
    Options::new(&options, "TokenClient", TOKEN_CLIENT_OPTIONS)
        .map(|_| ())
        .map_err(Thrown::from)
}

/// The default cap on a token response body (for `TokenClient`'s streaming read; internal).
#[wasm_bindgen(js_name = responseBytesLimit)]
pub fn response_bytes_limit() -> usize {
    healthauth::limits::RESPONSE_BYTES
}

/// The options of `updoxAuth`.
pub(crate) const UPDOX_AUTH_OPTIONS: &[&str] = &[
    "applicationId",
    "applicationPassword",
    "accountId",
    "userId",
    "loginId",
    "loginPassword",
    "dangerouslyAllowBrowser",
];

/// Builds the Updox auth object: application or individual credentials, never a mix.
/// @throws {HealthAuthError} `ERR_UPDOX_AUTH_INCOMPLETE`, `ERR_UPDOX_AUTH_MIXED`;
///   `ERR_SECRET_IN_BROWSER` in a browser without `dangerouslyAllowBrowser` (the passwords are
///   long-lived secrets).
#[wasm_bindgen(js_name = updoxAuth, unchecked_return_type = "UpdoxAuthObject")]
pub fn updox_auth(
    #[wasm_bindgen(unchecked_param_type = "UpdoxAuthOptions")] options: JsValue,
) -> JsResult<JsValue> {
    let o = Options::new(&options, "updoxAuth", UPDOX_AUTH_OPTIONS)?;
    convert::refuse_secret_in_browser(&o, "Updox passwords")?;
    let credentials = UpdoxCredentials {
        application_id: o.string("applicationId")?,
        application_password: o.string("applicationPassword")?.map(SecretString::new),
        account_id: o.string("accountId")?,
        user_id: o.string("userId")?,
        login_id: o.string("loginId")?,
        login_password: o.string("loginPassword")?.map(SecretString::new),
    };
    let auth = providers::updox_auth(&credentials)?;
    // Built in a zeroizing buffer: a serde_json Value and its to_string() would leave copies
    // of the password in freed wasm memory.
    let json = auth.to_json_text();
    js_sys::JSON::parse(json.expose_secret()).map_err(|_| {
        Thrown::from(Error::InvalidArgument {
            name: "updoxAuth",
            expected: "string credentials",
        })
    })
}

/// The options of `parseApiKey`.
pub(crate) const PARSE_API_KEY_OPTIONS: &[&str] = &["dangerouslyAllowBrowser"];

/// Checks a Telesoft API key (`ts_test_…` / `ts_live_…`).
/// @throws {HealthAuthError} `ERR_API_KEY_INVALID`; `ERR_SECRET_IN_BROWSER` for a live key in a
///   browser without `dangerouslyAllowBrowser`.
#[wasm_bindgen(js_name = parseApiKey, unchecked_return_type = "ParsedApiKey")]
pub fn parse_api_key(
    #[wasm_bindgen(unchecked_param_type = "string")] key: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ParseApiKeyOptions")] options: JsValue,
) -> JsResult<Object> {
    let key = zeroize::Zeroizing::new(convert::string(&key, "key")?);
    let o = Options::new(&options, "parseApiKey", PARSE_API_KEY_OPTIONS)?;
    let parsed = providers::parse_api_key(&key)?;
    if parsed.environment() == ApiKeyEnvironment::Live {
        convert::refuse_secret_in_browser(&o, "a live Telesoft API key (ts_live_)")?;
    }
    Ok(convert::object(&[
        ("provider", parsed.provider()),
        ("environment", parsed.environment().as_str()),
        ("redacted", parsed.redacted()),
    ]))
}

/// Whether an IPv4 or IPv6 address is inside one of the CIDR ranges (or bare addresses).
/// @throws {HealthAuthError} `ERR_IP_INVALID`, `ERR_CIDR_INVALID`.
#[wasm_bindgen(js_name = ipAllowed)]
pub fn ip_allowed(
    #[wasm_bindgen(unchecked_param_type = "string")] ip: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string[]")] cidrs: JsValue,
) -> JsResult<bool> {
    let ip = convert::string(&ip, "ip")?;
    let cidrs = convert::string_array(&cidrs, "cidrs")?;
    net::ip_allowed(&ip, &cidrs).map_err(Thrown::from)
}

pub(crate) fn preset_to_js(p: &Preset) -> Object {
    let out = convert::object(&[
        ("name", &p.name),
        ("tokenEndpoint", &p.token_endpoint),
        ("clientAuthMethod", p.client_auth_method.as_str()),
    ]);
    if let Some(a) = &p.authorization_endpoint {
        set(&out, "authorizationEndpoint", &JsValue::from_str(a));
    }
    let algorithms: js_sys::Array = p
        .assertion_algorithms
        .iter()
        .map(|alg| JsValue::from_str(alg.name()))
        .collect();
    set(&out, "assertionAlgorithms", &algorithms);
    let scopes: js_sys::Array = p.scopes.iter().map(|s| JsValue::from_str(s)).collect();
    set(&out, "scopes", &scopes);
    set(&out, "kidRequired", &JsValue::from_bool(p.kid_required));
    set(&out, "pkceRequired", &JsValue::from_bool(p.pkce_required));
    let number = |key: &str, v: Option<u64>| {
        if let Some(v) = v {
            set(&out, key, &JsValue::from_f64(v as f64));
        }
    };
    number(
        "maxAssertionLifetimeSeconds",
        p.max_assertion_lifetime_seconds,
    );
    number(
        "accessTokenLifetimeSeconds",
        p.access_token_lifetime_seconds,
    );
    number(
        "refreshTokenLifetimeSeconds",
        p.refresh_token_lifetime_seconds,
    );
    let _ = Object::freeze(&out);
    out
}

/// A provider preset back from JS (`provider` options): one of the frozen objects above, or an
/// object made from one (`{ ...telesoft(), tokenEndpoint }`). `undefined`/`null` is no preset.
/// Members are read as they are; an absent one takes [`Preset::custom`]'s default.
pub(crate) fn preset_from_js(value: &JsValue) -> Result<Option<Preset>, Error> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    let invalid = Error::InvalidArgument {
        name: "provider",
        expected: "a provider preset (from redox(), telesoft(), digitail() or smart())",
    };
    if !value.is_object() || js_sys::Array::is_array(value) {
        return Err(invalid);
    }
    let get = |name: &str| {
        Reflect::get(value, &JsValue::from_str(name))
            .ok()
            .filter(|v| !v.is_undefined())
    };
    let string = |name: &'static str| get(name).map(|v| convert::string(&v, name)).transpose();
    let seconds = |name: &'static str| {
        get(name)
            .map(|v| convert::usize_arg(&v, name).map(|n| n as u64))
            .transpose()
    };
    let flag = |name: &'static str| -> Result<bool, Error> {
        get(name).map_or(Ok(false), |v| {
            v.as_bool().ok_or(Error::InvalidArgument {
                name,
                expected: "a boolean",
            })
        })
    };
    let mut preset = Preset::custom(
        string("name")?.unwrap_or_else(|| "custom".into()),
        string("tokenEndpoint")?.unwrap_or_default(),
    );
    preset.authorization_endpoint = string("authorizationEndpoint")?;
    if let Some(method) = string("clientAuthMethod")? {
        preset.client_auth_method = method.parse()?;
    }
    if let Some(algorithms) = get("assertionAlgorithms") {
        preset.assertion_algorithms = convert::string_array(&algorithms, "assertionAlgorithms")?
            .iter()
            .map(|name| name.parse())
            .collect::<Result<_, Error>>()?;
    }
    preset.max_assertion_lifetime_seconds = seconds("maxAssertionLifetimeSeconds")?;
    preset.kid_required = flag("kidRequired")?;
    preset.pkce_required = flag("pkceRequired")?;
    preset.access_token_lifetime_seconds = seconds("accessTokenLifetimeSeconds")?;
    preset.refresh_token_lifetime_seconds = seconds("refreshTokenLifetimeSeconds")?;
    if let Some(scopes) = get("scopes") {
        preset.scopes = convert::string_array(&scopes, "scopes")?;
    }
    Ok(Some(preset))
}

// ---- presets at work (internal: pkg/oauth.js and TokenClient; not re-exported) -------------

/// `assertionMethod(key, provider, method)` → the client-authentication method of
/// assertions signed with `key`: checked against the preset (`provider`, if any) and against
/// a method the caller named (`method`, if any). Core rules:
/// [`Preset::assertion_method_for`], [`ClientAuthMethod::for_algorithm`].
#[wasm_bindgen(js_name = assertionMethod)]
pub fn assertion_method(
    key: &JsSigningKey,
    provider: JsValue,
    method: JsValue,
) -> JsResult<String> {
    let alg: Algorithm = key.alg().parse()?;
    let kid = key.kid();
    let made = match preset_from_js(&provider)? {
        Some(preset) => preset.assertion_method_for(alg, kid.as_deref())?,
        None => ClientAuthMethod::for_algorithm(alg),
    };
    if !method.is_undefined() {
        let named: ClientAuthMethod = convert::string(&method, "method")?.parse()?;
        made.check_named(named)?;
    }
    Ok(made.as_str().to_owned())
}

/// `assertionOptions({ clientId, tokenEndpoint, jku?, provider? })` → the options of
/// `clientAssertion` for one token request: `{ clientId, audience, lifetimeSeconds, jku? }`,
/// the lifetime within the preset's maximum ([`Preset::client_assertion_options`]).
#[wasm_bindgen(js_name = assertionOptions)]
pub fn assertion_options(options: JsValue) -> JsResult<Object> {
    let o = Options::new(
        &options,
        "assertionOptions",
        &["clientId", "tokenEndpoint", "jku", "provider"],
    )?;
    let client_id = o.required_string("clientId")?;
    let audience = o.required_string("tokenEndpoint")?;
    let now = convert::now_seconds();
    let preset = preset_from_js(&o.value("provider").unwrap_or(JsValue::UNDEFINED))?;
    let mut assertion = match &preset {
        Some(preset) => preset.client_assertion_options(client_id, audience, now),
        None => ClientAssertionOptions::new(client_id, audience, now),
    };
    assertion.jku = o.string("jku")?;
    let out = convert::object(&[
        ("clientId", &assertion.client_id),
        ("audience", &assertion.audience),
    ]);
    set(
        &out,
        "lifetimeSeconds",
        &JsValue::from_f64(assertion.lifetime_seconds as f64),
    );
    if let Some(jku) = &assertion.jku {
        set(&out, "jku", &JsValue::from_str(jku));
    }
    Ok(out)
}

/// `unnamedClientAuthMethod(provider, hasClientSecret)` → the method of a client that names
/// none ([`ClientAuthMethod::unnamed`]).
#[wasm_bindgen(js_name = unnamedClientAuthMethod)]
pub fn unnamed_client_auth_method(provider: JsValue, has_client_secret: bool) -> JsResult<String> {
    let preset = preset_from_js(&provider)?;
    Ok(
        ClientAuthMethod::unnamed(has_client_secret, preset.as_ref())
            .as_str()
            .to_owned(),
    )
}

/// The options of the presets `redox`, `digitail` and `smart`.
pub(crate) const REDOX_PRESET_OPTIONS: &[&str] = &["region"];
pub(crate) const DIGITAIL_PRESET_OPTIONS: &[&str] = &["baseUrl"];
pub(crate) const SMART_PRESET_OPTIONS: &[&str] = &["tokenEndpoint"];

/// Redox: `https://api.redoxengine.com/v2/auth/token`, RS384/ES384/HS384 assertions, 5-minute tokens.
#[wasm_bindgen(unchecked_return_type = "ProviderPreset")]
pub fn redox(
    #[wasm_bindgen(unchecked_optional_param_type = "RedoxPresetOptions")] options: JsValue,
) -> JsResult<Object> {
    let o = Options::new(&options, "redox", REDOX_PRESET_OPTIONS)?;
    let region = o.string("region")?;
    Ok(preset_to_js(&providers::redox(region.as_deref())?))
}

// Declared here: it takes no options (an empty object or `undefined` is let through), which
// the generated signature cannot say.
#[wasm_bindgen(typescript_custom_section)]
const TELESOFT_TS: &str = r#"
/** Telesoft: code flow at auth.telesoft.us, JSON token bodies, 2-hour tokens, 30-day refresh. */
export function telesoft(): ProviderPreset;
"#;

/// `telesoft()` → the Telesoft preset.
#[wasm_bindgen(skip_typescript)]
pub fn telesoft(options: JsValue) -> JsResult<Object> {
    Options::new(&options, "telesoft", &[])?;
    Ok(preset_to_js(&providers::telesoft()))
}

/// Digitail: code flow with PKCE required, on the instance at `baseUrl`.
#[wasm_bindgen(unchecked_return_type = "ProviderPreset")]
pub fn digitail(
    #[wasm_bindgen(unchecked_param_type = "DigitailPresetOptions")] options: JsValue,
) -> JsResult<Object> {
    let o = Options::new(&options, "digitail", DIGITAIL_PRESET_OPTIONS)?;
    let base = o.required_string("baseUrl")?;
    Ok(preset_to_js(&providers::digitail(&base)?))
}

/// SMART Backend Services: RS384/ES384 assertions, exp ≤ 300 s, kid required.
#[wasm_bindgen(unchecked_return_type = "ProviderPreset")]
pub fn smart(
    #[wasm_bindgen(unchecked_param_type = "SmartPresetOptions")] options: JsValue,
) -> JsResult<Object> {
    let o = Options::new(&options, "smart", SMART_PRESET_OPTIONS)?;
    let endpoint = o.required_string("tokenEndpoint")?;
    Ok(preset_to_js(&providers::smart(&endpoint)?))
}

// ---- token store keys (internal: TokenClient's cache; not re-exported by the package) ----

/// `clientStoreIdentity({ tokenEndpoint, clientId, scope?, credentialId?, publicClient,
/// user, sharedWithoutKey })` → `healthauth:token:v2:…`, the identity (and default store key)
/// of a `TokenClient` ([`oauth::token_store_key`]). `credentialId` names the secret or key;
/// without one the client is public (`publicClient`) or signs elsewhere. With a shared store
/// and no `storeKey` (`sharedWithoutKey`), a client that the derived key cannot tell apart is
/// refused ([`oauth::cache::check_derived_store_key`]).
#[wasm_bindgen(js_name = clientStoreIdentity)]
pub fn client_store_identity(options: JsValue) -> JsResult<String> {
    let o = Options::new(
        &options,
        "clientStoreIdentity",
        &[
            "tokenEndpoint",
            "clientId",
            "scope",
            "credentialId",
            "publicClient",
            "user",
            "sharedWithoutKey",
        ],
    )?;
    let endpoint = o.required_string("tokenEndpoint")?;
    let client_id = o.string("clientId")?.unwrap_or_default();
    let scope = scope_opt(&o)?;
    let credential_id = o.string("credentialId")?;
    let credential = match (&credential_id, o.bool("publicClient")? == Some(true)) {
        (Some(id), _) => StoreCredential::Id(id),
        (None, true) => StoreCredential::Public,
        (None, false) => StoreCredential::Unknown,
    };
    if o.bool("sharedWithoutKey")? == Some(true) {
        oauth::cache::check_derived_store_key(
            o.bool("user")? == Some(true),
            &client_id,
            &credential,
        )?;
    }
    Ok(oauth::token_store_key(
        &endpoint,
        &client_id,
        scope.as_deref(),
        credential.as_str(),
    ))
}

/// `clientSecretCredentialId(secret)` → `secret:…`, a keyed digest that identifies a client
/// secret without revealing it (see [`oauth::client_secret_credential_id`]). The caller
/// (`TokenClient`) has already applied the browser policy to the secret.
#[wasm_bindgen(js_name = clientSecretCredentialId)]
pub fn client_secret_credential_id(secret: JsValue) -> JsResult<String> {
    let secret = zeroize::Zeroizing::new(convert::string(&secret, "clientSecret")?);
    Ok(oauth::client_secret_credential_id(&secret))
}

// ---- the token cache's rules (internal: TokenClient; see [`oauth::cache`]) ------------------

/// A member of a record (`undefined` when absent).
fn member(record: &JsValue, name: &str) -> JsValue {
    if !record.is_object() {
        return JsValue::UNDEFINED;
    }
    Reflect::get(record, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

/// A time member: `None` when absent, NaN when it is not a number.
fn time(record: &JsValue, name: &str) -> Option<f64> {
    let value = member(record, name);
    (!value.is_undefined()).then(|| value.as_f64().unwrap_or(f64::NAN))
}

/// A string member, copied into a zeroizing buffer (refresh tokens).
fn secret_member(record: &JsValue, name: &str) -> Option<zeroize::Zeroizing<String>> {
    member(record, name)
        .as_string()
        .map(zeroize::Zeroizing::new)
}

/// The access token part of a record, without copying the token itself.
fn cached_token(record: &JsValue) -> oauth::cache::CachedToken {
    let token = member(record, "accessToken");
    let has_token = token
        .dyn_ref::<js_sys::JsString>()
        .is_some_and(|t| t.length() > 0)
        && member(record, "tokenType").is_string();
    oauth::cache::CachedToken {
        has_token,
        expires_at: time(record, "expiresAt"),
        refresh_at: time(record, "refreshAt").unwrap_or(f64::NAN),
        obtained_at: time(record, "obtainedAt").unwrap_or(f64::NAN),
    }
}

/// The strings of a record's `lineage` (anything else in it is dropped), the last ones only.
fn lineage_of(value: &JsValue) -> Vec<String> {
    if !js_sys::Array::is_array(value) {
        return Vec::new();
    }
    let all: Vec<String> = js_sys::Array::from(value)
        .iter()
        .filter_map(|d| d.as_string())
        .collect();
    oauth::cache::trim_lineage(&all).to_vec()
}

fn to_array(items: &[String]) -> js_sys::Array {
    items.iter().map(|s| JsValue::from_str(s)).collect()
}

/// `tokenTimingDefaults()` → `{ refreshSkewSeconds, defaultLifetimeSeconds }`, the defaults
/// of `TokenClient`'s options ([`oauth::DEFAULT_REFRESH_SKEW_SECONDS`],
/// [`oauth::cache::DEFAULT_TOKEN_LIFETIME_SECONDS`]).
#[wasm_bindgen(js_name = tokenTimingDefaults)]
pub fn token_timing_defaults() -> Object {
    let out = Object::new();
    set(
        &out,
        "refreshSkewSeconds",
        &JsValue::from_f64(oauth::DEFAULT_REFRESH_SKEW_SECONDS as f64),
    );
    set(
        &out,
        "defaultLifetimeSeconds",
        &JsValue::from_f64(oauth::cache::DEFAULT_TOKEN_LIFETIME_SECONDS as f64),
    );
    out
}

/// `tokenRecordVersion()` → the version of the records `TokenClient` writes.
#[wasm_bindgen(js_name = tokenRecordVersion)]
pub fn token_record_version() -> u32 {
    oauth::cache::TOKEN_RECORD_VERSION
}

/// `ownTokenRecord(record, identity)` → whether a record read back from the store is this
/// client's ([`oauth::cache::is_own_record`]).
#[wasm_bindgen(js_name = ownTokenRecord)]
pub fn own_token_record(record: JsValue, identity: JsValue) -> JsResult<bool> {
    let identity = convert::string(&identity, "identity")?;
    let id = member(&record, "id").as_string();
    Ok(oauth::cache::is_own_record(
        member(&record, "v").as_f64(),
        id.as_deref(),
        &identity,
    ))
}

/// `servableTokenRecord(record, now)` → whether a stored record's token may be served
/// ([`oauth::cache::CachedToken::servable`]).
#[wasm_bindgen(js_name = servableTokenRecord)]
pub fn servable_token_record(record: JsValue, now: f64) -> bool {
    cached_token(&record).servable(now)
}

/// `tokenRecordTtl(record, now, refreshTokenLifetimeSeconds)` → the store TTL of a record
/// written at `now` ([`oauth::cache::record_ttl_seconds`]).
#[wasm_bindgen(js_name = tokenRecordTtl)]
pub fn token_record_ttl(record: JsValue, now: f64, refresh_token_lifetime_seconds: f64) -> f64 {
    let token = (!member(&record, "accessToken").is_undefined()).then(|| cached_token(&record));
    let lifetime = (!member(&record, "refreshToken").is_undefined())
        .then_some(refresh_token_lifetime_seconds.max(0.0) as u64);
    // A TTL beyond 2^53 s is no longer exact in JS; no store keeps anything that long.
    oauth::cache::record_ttl_seconds(now, token.as_ref(), lifetime).min(9_007_199_254_740_991)
        as f64
}

/// `refreshTokenLifetime(configured, provider)` → how long a record with a refresh token is
/// kept ([`oauth::cache::refresh_token_lifetime_seconds`]).
#[wasm_bindgen(js_name = refreshTokenLifetime)]
pub fn refresh_token_lifetime(configured: JsValue, provider: JsValue) -> JsResult<f64> {
    let configured = if configured.is_undefined() {
        None
    } else {
        Some(convert::usize_arg(&configured, "refreshTokenLifetimeSeconds")? as u64)
    };
    let preset = preset_from_js(&provider)?;
    Ok(oauth::cache::refresh_token_lifetime_seconds(configured, preset.as_ref()) as f64)
}

/// `heldTokenRefreshAt(token, now, refreshSkewSeconds, defaultLifetimeSeconds)` → when a
/// token the caller already holds is due for refresh
/// ([`oauth::cache::held_token_refresh_at`]).
#[wasm_bindgen(js_name = heldTokenRefreshAt)]
pub fn held_token_refresh_at(token: JsValue, now: f64, skew: f64, default_lifetime: f64) -> f64 {
    let number = |name| member(&token, name).as_f64();
    oauth::cache::held_token_refresh_at(
        now,
        number("expiresAt"),
        number("refreshAt"),
        skew.max(0.0) as u64,
        default_lifetime.max(0.0) as u64,
    )
}

/// `tokenLineage(record)` → the record's lineage as far as it is read: its strings, the last
/// ones ([`oauth::cache::trim_lineage`]).
#[wasm_bindgen(js_name = tokenLineage)]
pub fn token_lineage(record: JsValue) -> js_sys::Array {
    to_array(&lineage_of(&member(&record, "lineage")))
}

/// `nextTokenLineage(lineage, used, next)` → the lineage of the refresh token `next` that a
/// refresh with `used` returned ([`oauth::cache::next_lineage`]).
#[wasm_bindgen(js_name = nextTokenLineage)]
pub fn next_token_lineage(
    lineage: JsValue,
    used: JsValue,
    next: JsValue,
) -> JsResult<js_sys::Array> {
    let used = zeroize::Zeroizing::new(convert::string(&used, "refreshToken")?);
    let rotated = next.as_string().map(zeroize::Zeroizing::new).as_deref() != Some(&*used);
    Ok(to_array(&oauth::cache::next_lineage(
        &lineage_of(&lineage),
        &used,
        rotated,
    )))
}

/// `sameGrant(held, record)` → whether a stored record belongs to the grant of the refresh
/// token `held` ([`oauth::cache::same_grant`]).
#[wasm_bindgen(js_name = sameGrant)]
pub fn same_grant(held: JsValue, record: JsValue) -> JsResult<bool> {
    let held = zeroize::Zeroizing::new(convert::string(&held, "refreshToken")?);
    let stored = secret_member(&record, "refreshToken");
    Ok(oauth::cache::same_grant(
        &held,
        stored.as_deref().map(String::as_str),
        &lineage_of(&member(&record, "lineage")),
    ))
}

/// `adoptsRefreshToken(held, user, record)` → whether the client takes the stored record's
/// refresh token ([`oauth::cache::adopts_refresh_token`]).
#[wasm_bindgen(js_name = adoptsRefreshToken)]
pub fn adopts_refresh_token(held: JsValue, user: bool, record: JsValue) -> bool {
    let Some(stored) = secret_member(&record, "refreshToken") else {
        return false;
    };
    let held = held.as_string().map(zeroize::Zeroizing::new);
    oauth::cache::adopts_refresh_token(
        held.as_deref().map(String::as_str),
        user,
        &stored,
        &lineage_of(&member(&record, "lineage")),
    )
}

/// Refuses a client secret or private key in a browser unless `allowed` (internal: called by
/// `TokenClient`'s constructor, so the browser check stays the binding's one).
#[wasm_bindgen(js_name = refuseClientCredentialsInBrowser)]
pub fn refuse_client_credentials_in_browser(allowed: bool) -> JsResult<()> {
    if allowed || !convert::in_browser() {
        return Ok(());
    }
    Err(Error::SecretInBrowser {
        what: "a client secret or private key",
    }
    .into())
}

/// `tokenLeaseTiming()` → `{ leaseSeconds, waitMs, pollMs }`: how `TokenClient` uses a store's
/// lease ([`oauth::cache::TOKEN_LEASE_SECONDS`], [`oauth::cache::TOKEN_LEASE_WAIT_MILLISECONDS`],
/// [`oauth::cache::TOKEN_LEASE_POLL_MILLISECONDS`]).
#[wasm_bindgen(js_name = tokenLeaseTiming)]
pub fn token_lease_timing() -> Object {
    let out = Object::new();
    let timing = [
        ("leaseSeconds", oauth::cache::TOKEN_LEASE_SECONDS),
        ("waitMs", oauth::cache::TOKEN_LEASE_WAIT_MILLISECONDS),
        ("pollMs", oauth::cache::TOKEN_LEASE_POLL_MILLISECONDS),
    ];
    for (name, value) in timing {
        set(&out, name, &JsValue::from_f64(value as f64));
    }
    out
}

// ---- the assertion clock (internal: `TokenClient`) ------------------------------------------

/// `assertionClockOffset(now, dateHeader, lifetimeSeconds, current)` → the offset in seconds
/// to sign client assertions with, from the token endpoint's `Date` header
/// ([`oauth::clock::assertion_clock_offset`]); `dateHeader` `null` when there is none.
#[wasm_bindgen(js_name = assertionClockOffset)]
pub fn assertion_clock_offset(
    now: f64,
    date_header: Option<String>,
    lifetime_seconds: f64,
    current: f64,
) -> f64 {
    let current = if current.is_finite() {
        current as i64
    } else {
        0
    };
    oauth::clock::assertion_clock_offset(
        now,
        date_header.as_deref(),
        lifetime_seconds.max(0.0) as u64,
        current,
    ) as f64
}

/// `dpopBoundCredentialId(credentialId, dpopKey)` → the credential identity of a `TokenClient`
/// whose tokens are bound to `dpopKey` ([`oauth::cache::dpop_bound_credential_id`]).
#[wasm_bindgen(js_name = dpopBoundCredentialId)]
pub fn dpop_bound_credential_id(
    credential_id: JsValue,
    dpop_key: &JsSigningKey,
) -> JsResult<String> {
    let credential_id = convert::string(&credential_id, "credentialId")?;
    let key_id = dpop_key.key.credential_id()?;
    Ok(oauth::cache::dpop_bound_credential_id(
        &credential_id,
        &key_id,
    ))
}
