//! `parseSmartConfiguration`, `parseOpenIdConfiguration`, `discoveryUrls`: discovery documents
//! read, normalized and checked by the core's `discovery` module (the JS `discover()` fetches).

use wasm_bindgen::prelude::*;

use super::convert::{self, Options};
use super::JsResult;
use healthauth::discovery::{self, Metadata};
use healthauth::Error;

#[wasm_bindgen(typescript_custom_section)]
const DISCOVERY_TS: &str = r#"
/** A real-world deviation from the specification that the parser tolerated. */
export interface DiscoveryWarning {
  /** A stable code for the deviation (`pkce_plain_offered`, ...). */
  code: string;
  /** The member it concerns, when one. */
  member?: string;
  message: string;
}

/**
 * A discovery document, normalized: a SMART configuration, an OpenID Provider configuration,
 * or OAuth 2.0 Authorization Server Metadata (RFC 8414).
 */
export interface DiscoveryMetadata {
  kind: "smart" | "openid" | "oauth";
  issuer?: string;
  fhirBaseUrl?: string;
  authorizationEndpoint?: string;
  tokenEndpoint?: string;
  jwksUri?: string;
  introspectionEndpoint?: string;
  revocationEndpoint?: string;
  pushedAuthorizationRequestEndpoint?: string;
  registrationEndpoint?: string;
  userinfoEndpoint?: string;
  managementEndpoint?: string;
  /** SMART capabilities (`launch-ehr`, `client-confidential-asymmetric`, ...). */
  capabilities: string[];
  scopesSupported?: string[];
  responseTypesSupported?: string[];
  codeChallengeMethodsSupported?: string[];
  grantTypesSupported?: string[];
  tokenEndpointAuthMethodsSupported?: string[];
  tokenEndpointAuthSigningAlgValuesSupported?: string[];
  idTokenSigningAlgValuesSupported?: string[];
  dpopSigningAlgValuesSupported?: string[];
  requirePushedAuthorizationRequests: boolean;
  authorizationResponseIssParameterSupported: boolean;
  warnings: DiscoveryWarning[];
  /** Every other member, as the server sent it. */
  extra: Record<string, unknown>;
}

/** Options for {@link parseSmartConfiguration}. */
export interface ParseSmartConfigurationOptions {
  /** The FHIR base URL the configuration was fetched from (https, or http on loopback). */
  fhirBaseUrl?: string;
  /** Size cap on the document in bytes, checked before it is copied or parsed. Default 1048576. */
  maxBytes?: number;
}

/** Options for {@link parseOpenIdConfiguration}. */
export interface ParseOpenIdConfigurationOptions {
  /** The issuer the document must name (OpenID Connect Discovery section 4.3). */
  issuer: string;
  /** Size cap on the document in bytes, checked before it is copied or parsed. Default 1048576. */
  maxBytes?: number;
}

/** One URL `discover(url)` tries, in order, with what its document is checked against. */
export interface DiscoveryUrl {
  kind: "smart" | "openid" | "oauth";
  url: string;
  issuer?: string;
  fhirBaseUrl?: string;
}
"#;

/// A discovery document given as JSON text or as the parsed object, capped before it is
/// copied in.
fn document(json: &JsValue, max_bytes: usize) -> Result<zeroize::Zeroizing<String>, Error> {
    convert::json_text(json, "json", "discovery document", max_bytes)?.ok_or(
        Error::InvalidArgument {
            name: "json",
            expected: "the document as JSON text or a parsed object",
        },
    )
}

/// The `maxBytes` option (default [`healthauth::limits::RESPONSE_BYTES`]).
fn max_bytes(options: &Options) -> Result<usize, Error> {
    Ok(options
        .usize("maxBytes")?
        .unwrap_or(healthauth::limits::RESPONSE_BYTES))
}

fn metadata_to_js(metadata: &Metadata) -> JsValue {
    convert::from_json(&metadata.to_json())
}

/// The options of `parseSmartConfiguration`.
pub(crate) const SMART_CONFIGURATION_OPTIONS: &[&str] = &["fhirBaseUrl", "maxBytes"];

/// Reads a SMART configuration (`{fhirBaseUrl}/.well-known/smart-configuration`) into
/// normalized metadata, with `warnings` for the deviations it tolerates.
/// @throws {HealthAuthError} `ERR_DISCOVERY_INVALID` (not an object, no `token_endpoint`, ...),
///   `ERR_URL_INVALID` (an endpoint that is not https off loopback),
///   `ERR_DISCOVERY_PKCE_PLAIN_ONLY`, `ERR_INPUT_TOO_LARGE`, `ERR_INVALID_ARGUMENT`.
#[wasm_bindgen(js_name = parseSmartConfiguration, unchecked_return_type = "DiscoveryMetadata")]
pub fn parse_smart_configuration(
    #[wasm_bindgen(unchecked_param_type = "string | Record<string, unknown>")] json: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ParseSmartConfigurationOptions")]
    options: JsValue,
) -> JsResult<JsValue> {
    let o = Options::new(
        &options,
        "parseSmartConfiguration",
        SMART_CONFIGURATION_OPTIONS,
    )?;
    let base = o.string("fhirBaseUrl")?;
    let max = max_bytes(&o)?;
    let text = document(&json, max)?;
    let metadata = discovery::parse_smart_configuration_with_limit(&text, base.as_deref(), max)?;
    Ok(metadata_to_js(&metadata))
}

/// The options of `parseOpenIdConfiguration`.
pub(crate) const OPENID_CONFIGURATION_OPTIONS: &[&str] = &["issuer", "maxBytes"];

/// Reads an OpenID Provider configuration (`{issuer}/.well-known/openid-configuration`) into
/// normalized metadata; its `issuer` must be the expected one.
/// @throws {HealthAuthError} `ERR_DISCOVERY_ISSUER_MISMATCH`, `ERR_DISCOVERY_INVALID`,
///   `ERR_URL_INVALID`, `ERR_DISCOVERY_PKCE_PLAIN_ONLY`, `ERR_INPUT_TOO_LARGE`,
///   `ERR_INVALID_ARGUMENT`.
#[wasm_bindgen(js_name = parseOpenIdConfiguration, unchecked_return_type = "DiscoveryMetadata")]
pub fn parse_open_id_configuration(
    #[wasm_bindgen(unchecked_param_type = "string | Record<string, unknown>")] json: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ParseOpenIdConfigurationOptions")] options: JsValue,
) -> JsResult<JsValue> {
    let o = Options::new(
        &options,
        "parseOpenIdConfiguration",
        OPENID_CONFIGURATION_OPTIONS,
    )?;
    let issuer = o.required_string("issuer")?;
    let max = max_bytes(&o)?;
    let text = document(&json, max)?;
    let metadata = discovery::parse_openid_configuration_with_limit(&text, &issuer, max)?;
    Ok(metadata_to_js(&metadata))
}

/// The well-known URLs `discover(url)` tries for a FHIR base, an issuer or a full well-known
/// URL, in order (SMART, then OpenID Connect, then RFC 8414), each with what its document is
/// checked against.
/// @throws {HealthAuthError} `ERR_URL_INVALID`, `ERR_INVALID_ARGUMENT`.
#[wasm_bindgen(js_name = discoveryUrls, unchecked_return_type = "DiscoveryUrl[]")]
pub fn discovery_urls(
    #[wasm_bindgen(unchecked_param_type = "string")] url: JsValue,
) -> JsResult<JsValue> {
    let url = convert::capped_string(&url, "url", "URL", healthauth::limits::CALLBACK_BYTES)?;
    let list = discovery::discovery_urls(&url)?
        .into_iter()
        .map(|c| {
            let mut out = serde_json::Map::new();
            out.insert("kind".into(), c.kind.as_str().into());
            out.insert("url".into(), c.url.into());
            if let Some(issuer) = c.issuer {
                out.insert("issuer".into(), issuer.into());
            }
            if let Some(base) = c.fhir_base_url {
                out.insert("fhirBaseUrl".into(), base.into());
            }
            serde_json::Value::Object(out)
        })
        .collect();
    Ok(convert::from_json_value(&serde_json::Value::Array(list)))
}

// ---- documents fetched by the host (internal: `discover`, `smartBackend`) -------------------

/// A candidate of `discoveryUrls(url)` (`{ kind, url, issuer?, fhirBaseUrl? }`) back in the
/// core.
fn candidate(value: &JsValue) -> Result<discovery::DiscoveryUrl, Error> {
    let o = Options::new(
        value,
        "candidate",
        &["kind", "url", "issuer", "fhirBaseUrl"],
    )?;
    let kind = match o.required_string("kind")?.as_str() {
        "smart" => discovery::MetadataKind::Smart,
        "openid" => discovery::MetadataKind::OpenId,
        "oauth" => discovery::MetadataKind::OAuth,
        _ => {
            return Err(Error::InvalidArgument {
                name: "kind",
                expected: "smart, openid or oauth",
            })
        }
    };
    Ok(discovery::DiscoveryUrl {
        kind,
        url: o.required_string("url")?,
        issuer: o.string("issuer")?,
        fhir_base_url: o.string("fhirBaseUrl")?,
    })
}

/// `parseDiscoveryDocument(candidate, text, maxBytes)` → the normalized metadata of a document fetched
/// from a candidate of `discoveryUrls`, read by the parser of its kind and checked against what
/// the candidate names ([`discovery::DiscoveryUrl::parse`]).
#[wasm_bindgen(js_name = parseDiscoveryDocument, skip_typescript)]
pub fn parse_discovery_document(
    candidate_js: JsValue,
    text: JsValue,
    max_bytes: usize,
) -> JsResult<JsValue> {
    let found = candidate(&candidate_js)?;
    let metadata = found.parse_with_limit(&document(&text, max_bytes)?, max_bytes)?;
    Ok(metadata_to_js(&metadata))
}

/// `smartBackendPreset(candidate, text, maxBytes)` → the SMART Backend Services preset of the server a
/// fetched document describes ([`healthauth::providers::smart_backend`]).
#[wasm_bindgen(js_name = smartBackendPreset, skip_typescript)]
pub fn smart_backend_preset(
    candidate_js: JsValue,
    text: JsValue,
    max_bytes: usize,
) -> JsResult<js_sys::Object> {
    let found = candidate(&candidate_js)?;
    let metadata = found.parse_with_limit(&document(&text, max_bytes)?, max_bytes)?;
    Ok(super::oauth::preset_to_js(
        &healthauth::providers::smart_backend(&metadata)?,
    ))
}

/// Every option `discover(url, options)` (pkg/discovery.js) takes.
pub(crate) const DISCOVER_OPTIONS: &[&str] = &["fetch", "timeoutMs", "maxBytes"];
/// Every option `smartBackend(options)` takes.
pub(crate) const SMART_BACKEND_OPTIONS: &[&str] =
    &["fhirBaseUrl", "fetch", "timeoutMs", "maxBytes"];

/// Refuses an unknown option of `discover` or `smartBackend` (`call`) with
/// `ERR_UNKNOWN_OPTION`, its name made safe to echo (internal: pkg/discovery.js).
#[wasm_bindgen(js_name = checkDiscoverOptions, skip_typescript)]
pub fn check_discover_options(call: JsValue, options: JsValue) -> JsResult<()> {
    let (name, known) = match call.as_string().as_deref() {
        Some("smartBackend") => ("smartBackend", SMART_BACKEND_OPTIONS),
        _ => ("discover", DISCOVER_OPTIONS),
    };
    Options::new(&options, name, known)?;
    Ok(())
}
