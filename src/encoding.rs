//! Encodings shared by every protocol module.

use base64ct::{Base64UrlUnpadded, Encoding};

/// base64url without padding (RFC 4648 §5), as JOSE and PKCE use it.
pub(crate) fn base64url_encode(bytes: &[u8]) -> String {
    Base64UrlUnpadded::encode_string(bytes)
}
