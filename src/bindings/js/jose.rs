//! JS bindings for JOSE.
