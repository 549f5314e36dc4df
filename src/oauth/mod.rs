//! OAuth 2.0 (RFC 6749) sans-IO: authorize URL, callback, token requests and responses.
