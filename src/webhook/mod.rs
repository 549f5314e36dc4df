//! Webhook signatures: one file per scheme over a shared HMAC/verify core.
