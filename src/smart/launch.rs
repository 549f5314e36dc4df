//! SMART App Launch: the `aud` and `launch` parameters of the authorization request, and the
//! launch context a token response carries.

use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::oauth::{self, AuthorizationRequest, TokenResponse};
use crate::url::validate_endpoint;

/// The SMART parameters of an authorization request (SMART App Launch v2 section 2.1.6/2.1.9).
#[derive(Debug, Clone, Copy)]
pub struct SmartLaunch<'a> {
    /// The FHIR base URL the app wants to reach (`aud`): the server refuses a request whose
    /// `aud` is not one of its FHIR endpoints, so a token cannot be phished for another one.
    pub aud: &'a str,
    /// The opaque `launch` value an EHR launch passes to the app (`None` for a standalone
    /// launch, which asks for context with `launch/patient` or `launch/encounter` scopes).
    pub launch: Option<&'a str>,
}

impl<'a> SmartLaunch<'a> {
    /// A standalone launch against the FHIR base `aud`.
    pub fn standalone(aud: &'a str) -> Self {
        SmartLaunch { aud, launch: None }
    }

    /// An EHR launch against the FHIR base `aud` with the EHR's `launch` value.
    pub fn ehr(aud: &'a str, launch: &'a str) -> Self {
        SmartLaunch {
            aud,
            launch: Some(launch),
        }
    }

    /// The launch a host's options describe: `None` without `aud` and `launch`; `launch`
    /// without `aud` is [`Error::InvalidArgument`] (every SMART launch names its FHIR server).
    pub fn from_options(aud: Option<&'a str>, launch: Option<&'a str>) -> Result<Option<Self>> {
        match (aud, launch) {
            (None, None) => Ok(None),
            (None, Some(_)) => Err(Error::InvalidArgument {
                name: "aud",
                expected: "the FHIR base URL: a SMART launch (launch) needs aud",
            }),
            (Some(aud), launch) => Ok(Some(SmartLaunch { aud, launch })),
        }
    }

    /// `aud` (and `launch`), then `extra`: the extra parameters of an authorization request
    /// or a pushed authorization request carrying this launch.
    ///
    /// Refuses an `aud` that is not an `https` URL (or `http` on loopback), an empty
    /// `launch`, and `extra` parameters named `aud` or `launch`.
    pub fn extra_params<'b>(&self, extra: &[(&'b str, &'b str)]) -> Result<Vec<(&'b str, &'b str)>>
    where
        'a: 'b,
    {
        validate_endpoint(self.aud, "aud")?;
        let mut params = vec![("aud", self.aud)];
        if let Some(launch) = self.launch {
            if launch.is_empty() {
                return Err(Error::InvalidArgument {
                    name: "launch",
                    expected: "the non-empty launch value the EHR passed to the app",
                });
            }
            params.push(("launch", launch));
        }
        for (name, value) in extra {
            if *name == "aud" || *name == "launch" {
                return Err(Error::InvalidArgument {
                    name: "extraParams",
                    expected: "parameters other than aud and launch, which the SMART launch sets",
                });
            }
            params.push((name, value));
        }
        Ok(params)
    }
}

/// The authorization URL of a SMART App Launch: [`oauth::authorization_url`] with `aud` and
/// `launch` (after `state`, `code_challenge` and before the request's `extra_params`).
///
/// SMART App Launch v2 requires PKCE with S256: a request without `code_challenge` is
/// [`Error::InvalidArgument`]. The existing [`oauth::authorization_url`] stays as it is; this
/// is the SMART form of it.
///
/// ```
/// use healthauth::oauth::AuthorizationRequest;
/// use healthauth::smart::{self, SmartLaunch};
///
/// let url = smart::authorization_url(
///     &AuthorizationRequest {
///         authorization_endpoint: "https://ehr.example/authorize",
///         client_id: "app",
///         redirect_uri: "https://app.example/cb",
///         scope: Some("launch openid fhirUser patient/*.rs"),
///         state: "s",
///         code_challenge: Some("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"),
///         extra_params: &[],
///     },
///     &SmartLaunch::ehr("https://ehr.example/fhir", "xyz123"),
/// )?;
/// assert!(url.ends_with("&aud=https%3A%2F%2Fehr.example%2Ffhir&launch=xyz123"));
/// # Ok::<(), healthauth::Error>(())
/// ```
pub fn authorization_url(
    request: &AuthorizationRequest<'_>,
    launch: &SmartLaunch<'_>,
) -> Result<String> {
    require_pkce(request)?;
    let extra = launch.extra_params(request.extra_params)?;
    oauth::authorization_url(&AuthorizationRequest {
        extra_params: &extra,
        ..*request
    })
}

/// SMART App Launch v2 requires PKCE with S256.
fn require_pkce(request: &AuthorizationRequest<'_>) -> Result<()> {
    if request.code_challenge.is_none() {
        return Err(Error::InvalidArgument {
            name: "codeChallenge",
            expected: "a PKCE S256 challenge: SMART App Launch v2 requires PKCE",
        });
    }
    Ok(())
}

/// The pushed authorization request (RFC 9126) of a SMART App Launch:
/// [`oauth::pushed_authorization_request`] with `aud` and `launch`, PKCE required as
/// [`authorization_url`] requires it.
pub fn pushed_authorization_request(
    client: &oauth::Client,
    endpoint: &str,
    request: &AuthorizationRequest<'_>,
    launch: &SmartLaunch<'_>,
) -> Result<oauth::HttpRequest> {
    require_pkce(request)?;
    let extra = launch.extra_params(request.extra_params)?;
    oauth::pushed_authorization_request(
        client,
        endpoint,
        &AuthorizationRequest {
            extra_params: &extra,
            ..*request
        },
    )
}

/// The launch context of a SMART token response (SMART App Launch v2 section 2.1.11): who and
/// what the app was launched for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LaunchContext {
    /// `patient`: the id of the Patient in context.
    pub patient: Option<String>,
    /// `encounter`: the id of the Encounter in context.
    pub encounter: Option<String>,
    /// `fhirContext`: further resources in context, each an object (`reference`, `canonical`
    /// or `identifier`, with `type` and `role`). The plain reference strings of SMART 2.0.0
    /// become `{ "reference": ... }`.
    pub fhir_context: Vec<Value>,
    /// `need_patient_banner`: whether the app must show the patient banner (the strings
    /// `"true"` and `"false"`, which some servers send, are read as booleans).
    pub need_patient_banner: Option<bool>,
    /// `smart_style_url`: where the EHR's style document is.
    pub smart_style_url: Option<String>,
    /// `intent`: what the launch is for, such as `reconcile-medications`.
    pub intent: Option<String>,
    /// `tenant`: the EHR's tenant, for multi-tenant servers.
    pub tenant: Option<String>,
}

/// The launch context in the members of a token (or introspection) response, `None` when it
/// has none of them. Members of another type than the specification's are left out (an id
/// given as a number is kept as its text).
pub fn launch_context(members: &Map<String, Value>) -> Option<LaunchContext> {
    let text = |name: &str| match members.get(name) {
        Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let fhir_context = match members.get("fhirContext") {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|item| match item {
                Value::Object(_) => Some(item.clone()),
                Value::String(reference) if !reference.is_empty() => {
                    let mut object = Map::new();
                    object.insert("reference".into(), reference.as_str().into());
                    Some(Value::Object(object))
                }
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    let need_patient_banner = match members.get("need_patient_banner") {
        Some(Value::Bool(b)) => Some(*b),
        Some(Value::String(s)) if s.eq_ignore_ascii_case("true") => Some(true),
        Some(Value::String(s)) if s.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    };
    let context = LaunchContext {
        patient: text("patient"),
        encounter: text("encounter"),
        fhir_context,
        need_patient_banner,
        smart_style_url: text("smart_style_url"),
        intent: text("intent"),
        tenant: text("tenant"),
    };
    (context != LaunchContext::default()).then_some(context)
}

impl LaunchContext {
    /// The context as a JSON object with camelCase members (`patient`, `encounter`,
    /// `fhirContext`, `needPatientBanner`, `smartStyleUrl`, `intent`, `tenant`; absent ones
    /// left out, `fhirContext` only when not empty): what a binding hands its host.
    pub fn to_json(&self) -> Map<String, Value> {
        let mut out = Map::new();
        for (name, value) in [
            ("patient", &self.patient),
            ("encounter", &self.encounter),
            ("smartStyleUrl", &self.smart_style_url),
            ("intent", &self.intent),
            ("tenant", &self.tenant),
        ] {
            if let Some(value) = value {
                out.insert(name.into(), value.as_str().into());
            }
        }
        if !self.fhir_context.is_empty() {
            out.insert("fhirContext".into(), self.fhir_context.clone().into());
        }
        if let Some(banner) = self.need_patient_banner {
            out.insert("needPatientBanner".into(), banner.into());
        }
        out
    }
}

impl TokenResponse {
    /// The SMART launch context among the response's other members ([`launch_context`] of
    /// [`TokenResponse::extra`]).
    pub fn launch_context(&self) -> Option<LaunchContext> {
        launch_context(&self.extra)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    fn request(extra: &'static [(&'static str, &'static str)]) -> AuthorizationRequest<'static> {
        AuthorizationRequest {
            authorization_endpoint: "https://ehr.example/authorize",
            client_id: "app",
            redirect_uri: "https://app.example/cb",
            scope: Some("launch/patient openid fhirUser patient/*.rs"),
            state: "s",
            code_challenge: Some(CHALLENGE),
            extra_params: extra,
        }
    }

    #[test]
    fn the_authorization_url_gains_aud_and_launch() {
        let url = authorization_url(
            &request(&[("nonce", "n")]),
            &SmartLaunch::standalone("https://ehr.example/fhir/r4"),
        )
        .unwrap();
        assert!(url.ends_with(
            "&code_challenge_method=S256&aud=https%3A%2F%2Fehr.example%2Ffhir%2Fr4&nonce=n"
        ));
        let url = authorization_url(
            &request(&[]),
            &SmartLaunch::ehr("http://127.0.0.1:8080/fhir", "abc"),
        )
        .unwrap();
        assert!(url.ends_with("&aud=http%3A%2F%2F127.0.0.1%3A8080%2Ffhir&launch=abc"));
        for (req, launch, code) in [
            (
                request(&[]),
                SmartLaunch::standalone("http://ehr.example/fhir"),
                "ERR_URL_INVALID",
            ),
            (
                request(&[]),
                SmartLaunch::ehr("https://ehr.example/fhir", ""),
                "ERR_INVALID_ARGUMENT",
            ),
            (
                request(&[("aud", "https://other")]),
                SmartLaunch::standalone("https://ehr.example/fhir"),
                "ERR_INVALID_ARGUMENT",
            ),
            (
                AuthorizationRequest {
                    code_challenge: None,
                    ..request(&[])
                },
                SmartLaunch::standalone("https://ehr.example/fhir"),
                "ERR_INVALID_ARGUMENT",
            ),
        ] {
            assert_eq!(authorization_url(&req, &launch).unwrap_err().code(), code);
        }
    }

    #[test]
    fn launch_context_from_a_token_response() {
        let body = r#"{"access_token":"at","token_type":"Bearer","expires_in":3600,
            "scope":"launch patient/*.rs","patient":"123","encounter":"456",
            "need_patient_banner":true,"smart_style_url":"https://ehr/style.json",
            "intent":"reconcile-medications","tenant":"t1",
            "fhirContext":[{"reference":"DiagnosticReport/1","role":"https://example/role"},"Appointment/2",7]}"#;
        let token =
            oauth::parse_token_response(200, body, &oauth::TokenResponseOptions::at(0)).unwrap();
        let context = token.launch_context().unwrap();
        assert_eq!(context.patient.as_deref(), Some("123"));
        assert_eq!(context.encounter.as_deref(), Some("456"));
        assert_eq!(context.need_patient_banner, Some(true));
        assert_eq!(context.intent.as_deref(), Some("reconcile-medications"));
        assert_eq!(context.tenant.as_deref(), Some("t1"));
        assert_eq!(context.fhir_context.len(), 2);
        assert_eq!(context.fhir_context[1]["reference"], "Appointment/2");
        let json = context.to_json();
        assert_eq!(json["needPatientBanner"], true);
        assert_eq!(json["smartStyleUrl"], "https://ehr/style.json");

        let plain = oauth::parse_token_response(
            200,
            r#"{"access_token":"a","foo":1}"#,
            &oauth::TokenResponseOptions::at(0),
        )
        .unwrap();
        assert_eq!(plain.launch_context(), None);
        let mut members = Map::new();
        members.insert("patient".into(), 42.into());
        members.insert("need_patient_banner".into(), "False".into());
        let context = launch_context(&members).unwrap();
        assert_eq!(context.patient.as_deref(), Some("42"));
        assert_eq!(context.need_patient_banner, Some(false));
    }
}
