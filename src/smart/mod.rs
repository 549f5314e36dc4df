//! SMART on FHIR (SMART App Launch v2): scopes v1 and v2, the `aud` and `launch` parameters
//! of the authorization request, and the launch context of a token response.
//!
//! ```
//! use healthauth::smart::{self, Scope};
//!
//! let granted = "launch/patient openid fhirUser patient/*.rs";
//! assert!(smart::scopes_satisfy(granted, "patient/Observation.r")?);
//! assert_eq!(
//!     smart::missing_scopes(granted, "patient/Observation.rs user/Practitioner.r")?,
//!     ["user/Practitioner.r"]
//! );
//! let scopes = smart::parse_scopes("patient/Observation.read")?;
//! let Scope::Resource(scope) = &scopes[0] else { unreachable!() };
//! assert_eq!(scope.permissions.as_string(), "rs"); // v1 read is v2 rs
//! # Ok::<(), healthauth::Error>(())
//! ```

mod launch;
mod scopes;

pub use launch::{
    authorization_url, launch_context, pushed_authorization_request, LaunchContext, SmartLaunch,
};
pub use scopes::{
    missing_scopes, parse_scopes, scopes_satisfy, Permissions, ResourceScope, Scope, ScopeContext,
    ScopeVersion, SpecialScope,
};
