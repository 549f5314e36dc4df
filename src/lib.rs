//! # healthauth
//!
//! Authentication primitives for health APIs, with one audited core behind every runtime:
//! this crate natively, and the `healthauth` npm package (Node, Cloudflare Workers, Deno, Bun,
//! browsers) through WebAssembly.
//!
//! The core is sans-IO: it builds and checks values, it never performs I/O, and time comes in as
//! a parameter. Randomness comes from the platform CSPRNG through `getrandom`.
//!
//! ```
//! use healthauth::pkce::{self, Pkce};
//!
//! let pair = Pkce::generate()?;
//! assert!(pkce::verify_s256(pair.verifier().expose_secret(), pair.challenge()));
//! assert_eq!(
//!     pkce::challenge_s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")?,
//!     "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
//! );
//! # Ok::<(), healthauth::Error>(())
//! ```
//!
//! Every failure is an [`Error`] with a stable [`Error::code`].
#![forbid(unsafe_code)]
#![cfg_attr(
    test,
    allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]

pub mod discovery;
pub mod encoding;
pub mod error;
pub mod jose;
pub mod limits;
pub mod mac;
pub mod net;
pub mod oauth;
pub mod pkce;
pub mod providers;
pub mod random;
pub mod secret;
pub mod smart;
pub mod suggest;
pub mod url;
pub mod webhook;

pub use error::{Error, Result};

/// With the `zeroize-alloc` feature (the wasm builds), every heap block is overwritten with
/// zeros when it is freed: dependencies free temporary copies of key material without
/// zeroizing them, and the host can read all of wasm memory (tests/js/node/zeroize.test.js).
#[cfg(feature = "zeroize-alloc")]
#[global_allocator]
static ALLOCATOR: zeroizing_alloc::ZeroAlloc<std::alloc::System> =
    zeroizing_alloc::ZeroAlloc(std::alloc::System);
pub use random::random_state;
pub use secret::{SecretBytes, SecretString};
