//! The `smart` interface: SMART App Launch scopes (v1 and v2) read and compared by the core's
//! `smart` module, and the launch context record the `oauth` interface returns.

use healthauth::oauth::join_scopes;
use healthauth::smart::{self, LaunchContext, Scope};

use crate::generated::exports::healthauth::auth::smart as wit_smart;
use crate::{Component, WitError};

fn scope(s: &Scope) -> wit_smart::Scope {
    let mut out = wit_smart::Scope {
        raw: s.raw().to_owned(),
        context: None,
        resource: None,
        permissions: None,
        query: None,
        version: None,
        special: None,
    };
    match s {
        Scope::Resource(r) => {
            out.context = Some(r.context.as_str().to_owned());
            out.resource = Some(r.resource.clone());
            out.permissions = Some(r.permissions.as_string());
            out.query = r.query.clone();
            out.version = Some(r.version.number());
        }
        Scope::Special { special, .. } => out.special = Some(special.as_str().to_owned()),
        Scope::Other { .. } => {}
    }
    out
}

/// The launch context as the WIT record (`fhirContext` as JSON text, when not empty).
pub(crate) fn launch_context(c: LaunchContext) -> wit_smart::LaunchContext {
    wit_smart::LaunchContext {
        patient: c.patient,
        encounter: c.encounter,
        fhir_context_json: (!c.fhir_context.is_empty())
            .then(|| serde_json::Value::Array(c.fhir_context).to_string()),
        need_patient_banner: c.need_patient_banner,
        smart_style_url: c.smart_style_url,
        intent: c.intent,
        tenant: c.tenant,
    }
}

impl wit_smart::Guest for Component {
    fn parse_scopes(scope: Vec<String>) -> Result<Vec<wit_smart::Scope>, WitError> {
        Ok(smart::parse_scopes(&join_scopes(&scope))?
            .iter()
            .map(self::scope)
            .collect())
    }

    fn scopes_satisfy(granted: Vec<String>, required: Vec<String>) -> Result<bool, WitError> {
        Ok(smart::scopes_satisfy(
            &join_scopes(&granted),
            &join_scopes(&required),
        )?)
    }

    fn missing_scopes(
        granted: Vec<String>,
        required: Vec<String>,
    ) -> Result<Vec<String>, WitError> {
        Ok(smart::missing_scopes(
            &join_scopes(&granted),
            &join_scopes(&required),
        )?)
    }
}
