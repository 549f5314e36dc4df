//! The WebAssembly component (wit/healthauth.wit): converts WIT values to and from the core,
//! like the wasm-bindgen crate does for JavaScript. Build with
//! `cargo build -p healthauth-component --release --target wasm32-wasip2` (`make component`).

use healthauth::error::Detail;
use healthauth::Error;

mod error_code;
mod jose;
mod pkce;
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
