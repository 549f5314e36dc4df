//! OAuth 2.0 (RFC 6749) sans-IO: authorize URL, callback, token requests and responses, and
//! the other endpoints: pushed authorization requests (RFC 9126), revocation (RFC 7009) and
//! introspection (RFC 7662). Any request can carry a DPoP proof (RFC 9449,
//! [`HttpRequest::with_dpop`]).
//!
//! Nothing here performs I/O or reads the clock: requests come out as [`HttpRequest`] values
//! (method, URL, headers, body) for the caller's HTTP client, responses go in as a status and a
//! body, and time comes in as `now` (Unix seconds).
//!
//! ```
//! use healthauth::oauth::{self, AuthorizationRequest, Client, ClientAuth};
//! use healthauth::SecretString;
//!
//! let url = oauth::authorization_url(&AuthorizationRequest {
//!     authorization_endpoint: "https://auth.example.com/authorize",
//!     client_id: "app",
//!     redirect_uri: "https://app.example.com/cb",
//!     scope: Some("openid offline_access"),
//!     state: "xyz",
//!     code_challenge: Some("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"),
//!     extra_params: &[],
//! })?;
//! assert!(url.starts_with("https://auth.example.com/authorize?response_type=code&client_id=app"));
//!
//! let callback =
//!     oauth::parse_callback("https://app.example.com/cb?code=abc&state=xyz", "xyz", None)?;
//! assert_eq!(callback.code.expose_secret(), "abc");
//!
//! let client = Client::new(
//!     "https://auth.example.com/token",
//!     "app",
//!     ClientAuth::ClientSecretPost { secret: SecretString::new("s3cret".into()) },
//! )?;
//! let request = oauth::client_credentials_request(&client, Some("system/*.read"))?;
//! assert_eq!(
//!     request.body.expose_secret(),
//!     "grant_type=client_credentials&scope=system%2F%2A.read&client_id=app&client_secret=s3cret",
//! );
//! let token = oauth::parse_token_response(
//!     200,
//!     r#"{"access_token":"at","expires_in":"300"}"#,
//!     &oauth::TokenResponseOptions::at(1_700_000_000),
//! )?;
//! assert_eq!(token.token_type, "Bearer");
//! assert_eq!(token.expires_at, Some(1_700_000_300));
//! # Ok::<(), healthauth::Error>(())
//! ```

mod authorize;
pub mod cache;
mod callback;
mod client_auth;
pub mod clock;
mod endpoints;
mod response;
pub(crate) mod store;
mod token;

pub use authorize::{authorization_url, pushed_authorization_url, AuthorizationRequest};
pub use callback::{parse_callback, parse_callback_with_limit, Callback};
pub use client_auth::{join_scopes, ClientAuthMethod};
pub use endpoints::{
    introspection_request, parse_introspection_response, parse_introspection_response_with_limit,
    parse_pushed_authorization_response, parse_pushed_authorization_response_with_limit,
    parse_revocation_response, parse_revocation_response_with_limit, pushed_authorization_request,
    revocation_request, Introspection, PushedAuthorizationResponse,
};
pub use response::{
    check_http_status, parse_token_response, TokenResponse, TokenResponseOptions,
    DEFAULT_REFRESH_SKEW_SECONDS,
};
pub use store::{
    client_secret_credential_id, refresh_token_digest, token_store_key, TOKEN_STORE_KEY_PREFIX,
};
pub use token::{
    client_credentials_request, code_exchange_request, refresh_request, BodyFormat, Client,
    ClientAuth, HttpRequest, CLIENT_ASSERTION_TYPE_JWT_BEARER,
};

/// Keeps at most `max` characters of a provider-supplied string, dropping anything outside the
/// printable ASCII range RFC 6749 allows for `error` and `error_description` (`%x20-21 /
/// %x23-5B / %x5D-7E`), so that a hostile server cannot inject control characters into logs.
pub(crate) fn sanitize_provider_text(text: &str, max: usize) -> String {
    text.chars()
        .filter(|c| matches!(*c, ' ' | '!' | '#'..='[' | ']'..='~'))
        .take(max)
        .collect()
}
