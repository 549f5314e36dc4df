//! The WebAssembly component (wit/healthauth.wit): converts WIT values to and from the core,
//! like the wasm-bindgen crate does for JavaScript. Build with
//! `cargo build -p healthauth-component --release --target wasm32-wasip2` (`make component`).
//!
//! One module per WIT interface; every decision (a scheme or client-auth method chosen by name,
//! scopes joined, a preset dispatched by name, freshness options) is a core function.

use healthauth::error::Detail;
use healthauth::Error;

mod discovery;
mod error_code;
mod jose;
mod net;
mod oauth;
mod pkce;
mod providers;
mod smart;
mod webhook;

/// The glue wit-bindgen generates (the crate's only `unsafe`, none of it written here).
#[allow(unsafe_code, missing_docs, clippy::all)]
mod generated {
    wit_bindgen::generate!({
        world: "healthauth",
        path: "../../wit",
        pub_export_macro: true,
    });
}

use generated::exports::healthauth::auth::types::Error as WitError;

/// The component: each interface's `Guest` is implemented in the module of the same name.
struct Component;

#[allow(unsafe_code)]
mod export {
    use super::{generated, Component};
    generated::export!(Component with_types_in generated);
}

impl From<Error> for WitError {
    fn from(error: Error) -> Self {
        WitError {
            code: error_code::error_code(error.code()),
            message: error.to_string(),
            details: error
                .details()
                .into_iter()
                .map(|(name, value)| {
                    let value = match value {
                        Detail::Text(text) => text,
                        Detail::Integer(n) => n.to_string(),
                    };
                    (name.to_owned(), value)
                })
                .collect(),
        }
    }
}

/// A WIT `u64` size cap as a `usize`, or `default` when it is absent. Saturates on wasm32,
/// where `usize` has 32 bits: a cap beyond the address space caps nothing.
/// The host's clock in Unix seconds (`wasi:clocks`), for calls made without `now`.
fn now_seconds() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| {
            i64::try_from(elapsed.as_secs()).unwrap_or(i64::MAX)
        })
}

fn size_or(value: Option<u64>, default: usize) -> usize {
    value.map_or(default, |v| usize::try_from(v).unwrap_or(usize::MAX))
}

/// A JSON object given as text (claims, a JWS header), capped at `max` bytes before parsing.
fn json_object(
    text: &str,
    name: &'static str,
    max: usize,
) -> Result<serde_json::Map<String, serde_json::Value>, Error> {
    healthauth::limits::check(name, text.len(), max)?;
    // `from_slice`, as the core: one instantiation of the JSON parser in the component.
    match serde_json::from_slice(text.as_bytes()) {
        Ok(serde_json::Value::Object(map)) => Ok(map),
        _ => Err(Error::InvalidArgument {
            name,
            expected: "the text of a JSON object",
        }),
    }
}
