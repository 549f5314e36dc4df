//! Language bindings. They only convert values; every rule lives in the core.

#[cfg(feature = "js")]
mod js;

#[cfg(feature = "component")]
mod wit;
