//! The wasm-bindgen layer behind the `healthauth` npm package.
//!
//! Arguments arrive as `JsValue` and are checked here, so that a wrong type from JavaScript is a
//! `HealthAuthError` with `ERR_INVALID_ARGUMENT` rather than a silent coercion. No function here
//! may panic: on wasm a panic traps and poisons the instance for every later caller.

mod convert;
#[cfg(test)]
mod declarations;
mod discovery;
mod jose;
mod oauth;
mod pkce;
mod smart;
mod webhook;

use wasm_bindgen::prelude::*;

use healthauth::error::Detail;
use healthauth::Error;

// The TypeScript of every export is declared next to its binding (wasm-bindgen writes it into
// `dist/healthauth.d.ts`, which `pkg/index.d.ts` re-exports). Host types that only `dom` (or
// `@types/node`) declares go through `GlobalInstance`, so the declarations check in a project
// without them too.
#[wasm_bindgen(typescript_custom_section)]
const GLOBAL_TS: &str = r#"
/**
 * The instance type of the global class `Name` where the project's `lib` or `types` declare one
 * (`dom`, `webworker`, `@types/node`), else `Fallback`.
 */
export type GlobalInstance<Name extends string, Fallback> =
  typeof globalThis extends Record<Name, { prototype: infer T }> ? T : Fallback;
"#;

#[wasm_bindgen(raw_module = "../errors.js")]
extern "C" {
    /// `HealthAuthError` from the package's hand-written `errors.js`, so that every entry point
    /// (Node, Workers, Deno, Bun, browsers) throws instances of one class.
    #[wasm_bindgen(js_name = HealthAuthError)]
    type JsHealthAuthError;

    #[wasm_bindgen(constructor, js_class = "HealthAuthError")]
    fn new(code: &str, message: &str, details: &JsValue) -> JsHealthAuthError;
}

/// Converts a core error into the thrown `HealthAuthError`: its code, its message (with a hint
/// in JavaScript terms where one helps) and its fields as `details` (camelCase).
pub(crate) fn to_js(error: Error) -> JsValue {
    let details = js_sys::Object::new();
    for (name, value) in error.details() {
        let value = match value {
            Detail::Text(text) => JsValue::from_str(&text),
            Detail::Integer(n) => JsValue::from_f64(n as f64),
        };
        convert::set(&details, &camel_case(name), &value);
    }
    let mut message = error.to_string();
    if let Some(hint) = hint(&error) {
        message.push_str(hint);
    }
    JsHealthAuthError::new(error.code(), &message, &details).into()
}

/// `age_seconds` → `ageSeconds`.
fn camel_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        match c {
            '_' => upper = true,
            c if upper => {
                out.push(c.to_ascii_uppercase());
                upper = false;
            }
            c => out.push(c),
        }
    }
    out
}

/// What a JavaScript caller should do, in its own terms (the core's messages fit every host).
fn hint(error: &Error) -> Option<&'static str> {
    Some(match error {
        Error::WebhookPayloadNotRaw {
            got: "a DataView" | "a typed array other than bytes",
        } => " (a Uint8Array: `new Uint8Array(view.buffer, view.byteOffset, view.byteLength)`)",
        Error::WebhookPayloadNotRaw { .. } => {
            " (pass a Uint8Array or the untouched string: read `await request.arrayBuffer()`, or use express.raw() instead of express.json())"
        }
        Error::WebhookSignatureMismatch { scheme, .. } if *scheme != "redox" => {
            " (never JSON.stringify a parsed body)"
        }
        Error::UnknownOption {
            option,
            suggestion: Some("tokenEndpoint"),
            ..
        } if option == "provider" => {
            " (a provider preset goes to TokenClient or authorizationUrl; here pass `tokenEndpoint: preset.tokenEndpoint`)"
        }
        Error::WebhookTimestampOutOfTolerance { .. } => " (option `toleranceSeconds`)",
        Error::InvalidArgument {
            name: "tolerance", ..
        } => " (option `toleranceSeconds`)",
        Error::WebhookPayloadTooLarge { .. } => " (option `maxPayloadBytes`)",
        Error::InputTooLarge {
            input: healthauth::webhook::HEADER_INPUT,
            ..
        } => " (option `maxHeaderBytes`)",
        Error::InputTooLarge {
            input: healthauth::webhook::redox::HANDSHAKE_INPUT | healthauth::webhook::redox::HEADER_INPUT,
            ..
        } => " (option `maxBytes`)",
        _ => return None,
    })
}

/// A thrown `HealthAuthError`. Exported functions return `Result<T, Thrown>`, so `?` converts a
/// core error where it happens (the orphan rule keeps `From<Error> for JsValue` out of this
/// crate; this is the one conversion instead).
pub struct Thrown(JsValue);

impl From<Error> for Thrown {
    fn from(error: Error) -> Self {
        Thrown(to_js(error))
    }
}

impl From<Thrown> for JsValue {
    fn from(thrown: Thrown) -> Self {
        thrown.0
    }
}

/// Results of exported functions: the error is thrown in JavaScript.
pub(crate) type JsResult<T> = Result<T, Thrown>;
