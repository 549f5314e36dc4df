//! Provider presets (Redox, Telesoft, Digitail, SMART Backend Services) and helpers (Updox auth
//! object, Telesoft API keys).
//!
//! A [`Preset`] fills endpoints and the rules a provider enforces, so that a client is built
//! from a client id and credentials only.

mod presets;
mod telesoft;
mod updox;

pub use presets::{digitail, preset, redox, smart, smart_backend, telesoft, Preset, PresetOptions};
pub use telesoft::{parse_api_key, ApiKey, ApiKeyEnvironment};
pub use updox::{updox_auth, UpdoxAuth, UpdoxCredentials};
