//! JS bindings for webhooks.
