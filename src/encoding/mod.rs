//! Encodings shared by every protocol module: base64url (JOSE, PKCE), hex (webhook
//! signatures), and percent/form encoding (OAuth, the Redox handshake). A leaf: it depends on no
//! protocol module.

pub mod base64url;
pub mod form;
pub mod hex;
