//! JS bindings for OAuth and provider helpers.
