//! `parseScopes`, `scopesSatisfy`, `missingScopes`: SMART App Launch scopes (v1 and v2), read
//! and compared by the core's `smart` module.

use wasm_bindgen::prelude::*;

use super::convert;
use super::oauth::scope_value;
use super::JsResult;
use healthauth::smart;

#[wasm_bindgen(typescript_custom_section)]
const SMART_TS: &str = r#"
/** One scope of a scope string, as {@link parseScopes} reads it. */
export type SmartScope =
  | {
      /** The scope as written. */
      raw: string;
      context: "patient" | "user" | "system";
      /** A FHIR resource type, or `*`. */
      resource: string;
      /** The v2 permissions granted, in `cruds` order (v1 `read` is `rs`, `write` is `cud`). */
      permissions: string;
      /** A v2 query that narrows the scope (`category=laboratory`). */
      query?: string;
      version: 1 | 2;
    }
  | {
      raw: string;
      /** `openid`, `fhirUser`, `profile`, `launch`, `launch/patient`, `launch/encounter`, `offline_access`, `online_access`... */
      special: string;
    }
  | {
      /** A scope SMART does not define, kept as written. */
      raw: string;
    };
"#;

/// A scope argument: a space-separated string or an array of scope tokens.
fn scope_arg(value: &JsValue) -> Result<String, healthauth::Error> {
    scope_value(value)
}

/// Reads a scope string (or a list of scopes) into its scopes, in order: SMART resource
/// scopes v1 (`patient/Observation.read`) and v2 (`patient/Observation.rs?category=laboratory`)
/// with their permissions, the special scopes, and any other scope as written.
/// @throws {HealthAuthError} `ERR_SCOPE_INVALID` (a malformed SMART scope),
///   `ERR_INPUT_TOO_LARGE`, `ERR_INVALID_ARGUMENT`.
#[wasm_bindgen(js_name = parseScopes, unchecked_return_type = "SmartScope[]")]
pub fn parse_scopes(
    #[wasm_bindgen(unchecked_param_type = "string | string[]")] scope: JsValue,
) -> JsResult<JsValue> {
    let scopes = smart::parse_scopes(&scope_arg(&scope)?)?;
    let list: Vec<serde_json::Value> = scopes
        .iter()
        .map(|s| serde_json::Value::Object(s.to_json()))
        .collect();
    Ok(convert::from_json_value(&serde_json::Value::Array(list)))
}

/// Whether the `granted` scopes cover every `required` one, with SMART v2 semantics
/// (`patient/*.rs` covers `patient/Observation.r`; a query narrows a scope).
/// @throws {HealthAuthError} `ERR_SCOPE_INVALID`, `ERR_INPUT_TOO_LARGE`, `ERR_INVALID_ARGUMENT`.
#[wasm_bindgen(js_name = scopesSatisfy)]
pub fn scopes_satisfy(
    #[wasm_bindgen(unchecked_param_type = "string | string[]")] granted: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | string[]")] required: JsValue,
) -> JsResult<bool> {
    Ok(smart::scopes_satisfy(
        &scope_arg(&granted)?,
        &scope_arg(&required)?,
    )?)
}

/// The `required` scopes the `granted` ones do not cover, as written (empty when
/// {@link scopesSatisfy} is true).
/// @throws {HealthAuthError} `ERR_SCOPE_INVALID`, `ERR_INPUT_TOO_LARGE`, `ERR_INVALID_ARGUMENT`.
#[wasm_bindgen(js_name = missingScopes, unchecked_return_type = "string[]")]
pub fn missing_scopes(
    #[wasm_bindgen(unchecked_param_type = "string | string[]")] granted: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | string[]")] required: JsValue,
) -> JsResult<JsValue> {
    let missing = smart::missing_scopes(&scope_arg(&granted)?, &scope_arg(&required)?)?;
    Ok(convert::from_json_value(&missing.into()))
}
