//! The `discovery` interface: SMART configuration, OpenID Provider configuration and the
//! well-known URLs to try, read and checked by the core's `discovery` module.

use healthauth::discovery::{self, Metadata};
use healthauth::limits;

use crate::generated::exports::healthauth::auth::discovery as wit_discovery;
use crate::{size_or, Component, WitError};

fn metadata(m: Metadata) -> wit_discovery::Metadata {
    wit_discovery::Metadata {
        kind: m.kind.as_str().to_owned(),
        issuer: m.issuer,
        fhir_base_url: m.fhir_base_url,
        authorization_endpoint: m.authorization_endpoint,
        token_endpoint: m.token_endpoint,
        jwks_uri: m.jwks_uri,
        introspection_endpoint: m.introspection_endpoint,
        revocation_endpoint: m.revocation_endpoint,
        pushed_authorization_request_endpoint: m.pushed_authorization_request_endpoint,
        registration_endpoint: m.registration_endpoint,
        userinfo_endpoint: m.userinfo_endpoint,
        management_endpoint: m.management_endpoint,
        capabilities: m.capabilities,
        scopes_supported: m.scopes_supported,
        response_types_supported: m.response_types_supported,
        code_challenge_methods_supported: m.code_challenge_methods_supported,
        grant_types_supported: m.grant_types_supported,
        token_endpoint_auth_methods_supported: m.token_endpoint_auth_methods_supported,
        token_endpoint_auth_signing_alg_values_supported: m
            .token_endpoint_auth_signing_alg_values_supported,
        id_token_signing_alg_values_supported: m.id_token_signing_alg_values_supported,
        dpop_signing_alg_values_supported: m.dpop_signing_alg_values_supported,
        require_pushed_authorization_requests: m.require_pushed_authorization_requests,
        authorization_response_iss_parameter_supported: m
            .authorization_response_iss_parameter_supported,
        warnings: m
            .warnings
            .iter()
            .map(|w| wit_discovery::Warning {
                code: w.code.to_owned(),
                member: w.member.map(str::to_owned),
                message: w.message.to_owned(),
            })
            .collect(),
        extra_json: serde_json::Value::Object(m.extra).to_string(),
    }
}

impl wit_discovery::Guest for Component {
    fn parse_smart_configuration(
        json: String,
        fhir_base_url: Option<String>,
        max_bytes: Option<u64>,
    ) -> Result<wit_discovery::Metadata, WitError> {
        Ok(metadata(discovery::parse_smart_configuration_with_limit(
            &json,
            fhir_base_url.as_deref(),
            size_or(max_bytes, limits::RESPONSE_BYTES),
        )?))
    }

    fn parse_openid_configuration(
        json: String,
        issuer: String,
        max_bytes: Option<u64>,
    ) -> Result<wit_discovery::Metadata, WitError> {
        Ok(metadata(discovery::parse_openid_configuration_with_limit(
            &json,
            &issuer,
            size_or(max_bytes, limits::RESPONSE_BYTES),
        )?))
    }

    fn discovery_urls(url: String) -> Result<Vec<wit_discovery::DiscoveryUrl>, WitError> {
        Ok(discovery::discovery_urls(&url)?
            .into_iter()
            .map(|c| wit_discovery::DiscoveryUrl {
                kind: c.kind.as_str().to_owned(),
                url: c.url,
                issuer: c.issuer,
                fhir_base_url: c.fhir_base_url,
            })
            .collect())
    }
}
