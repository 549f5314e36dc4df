//! base64url without padding (RFC 4648 §5), as JOSE and PKCE use it.

use base64ct::{Base64UrlUnpadded, Encoding};

/// Encodes `bytes` as base64url without padding.
pub fn encode(bytes: &[u8]) -> String {
    Base64UrlUnpadded::encode_string(bytes)
}
