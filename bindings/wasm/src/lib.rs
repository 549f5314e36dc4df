//! The wasm-bindgen layer behind the `healthauth` npm package.
//!
//! Arguments arrive as `JsValue` and are checked here, so that a wrong type from JavaScript is a
//! `HealthAuthError` with `ERR_INVALID_ARGUMENT` rather than a silent coercion. No function here
//! may panic: on wasm a panic traps and poisons the instance for every later caller.

mod convert;
mod jose;
mod oauth;
mod pkce;
mod webhook;

use wasm_bindgen::prelude::*;

use healthauth::Error;

#[wasm_bindgen(raw_module = "../errors.js")]
extern "C" {
    /// `HealthAuthError` from the package's hand-written `errors.js`, so that every entry point
    /// (Node, Workers, Deno, Bun, browsers) throws instances of one class.
    #[wasm_bindgen(js_name = HealthAuthError)]
    type JsHealthAuthError;

    #[wasm_bindgen(constructor, js_class = "HealthAuthError")]
    fn new(code: &str, message: &str) -> JsHealthAuthError;
}

/// Converts a core error into the thrown `HealthAuthError`.
pub(crate) fn to_js(error: Error) -> JsValue {
    JsHealthAuthError::new(error.code(), &error.to_string()).into()
}

/// Results of exported functions: the error is thrown in JavaScript.
pub(crate) type JsResult<T> = Result<T, JsValue>;
