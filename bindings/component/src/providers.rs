//! The `providers` interface: presets, the Updox auth object, Telesoft API keys.

use healthauth::providers::{self, Preset, PresetOptions, UpdoxCredentials};
use healthauth::secret::SecretString;

use crate::generated::exports::healthauth::auth::providers as wit_providers;
use crate::{Component, WitError};

fn preset(p: Preset) -> wit_providers::ProviderPreset {
    wit_providers::ProviderPreset {
        name: p.name,
        authorization_endpoint: p.authorization_endpoint,
        token_endpoint: p.token_endpoint,
        client_auth_method: p.client_auth_method.as_str().to_owned(),
        assertion_algorithms: p
            .assertion_algorithms
            .iter()
            .map(|alg| alg.name().to_owned())
            .collect(),
        max_assertion_lifetime_seconds: p.max_assertion_lifetime_seconds,
        kid_required: p.kid_required,
        pkce_required: p.pkce_required,
        access_token_lifetime_seconds: p.access_token_lifetime_seconds,
        refresh_token_lifetime_seconds: p.refresh_token_lifetime_seconds,
        scopes: p.scopes,
    }
}

impl wit_providers::Guest for Component {
    fn preset(
        name: String,
        options: wit_providers::PresetOptions,
    ) -> Result<wit_providers::ProviderPreset, WitError> {
        let p = providers::preset(
            &name,
            PresetOptions {
                region: options.region.as_deref(),
                base_url: options.base_url.as_deref(),
                token_endpoint: options.token_endpoint.as_deref(),
            },
        )?;
        Ok(preset(p))
    }

    fn updox_auth(credentials: wit_providers::UpdoxCredentials) -> Result<String, WitError> {
        let auth = providers::updox_auth(&UpdoxCredentials {
            application_id: credentials.application_id,
            application_password: credentials.application_password.map(SecretString::new),
            account_id: credentials.account_id,
            user_id: credentials.user_id,
            login_id: credentials.login_id,
            login_password: credentials.login_password.map(SecretString::new),
        })?;
        Ok(auth.to_json_text().expose_secret().to_owned())
    }

    fn parse_api_key(key: String) -> Result<wit_providers::ApiKey, WitError> {
        let key = zeroize::Zeroizing::new(key);
        let parsed = providers::parse_api_key(&key)?;
        Ok(wit_providers::ApiKey {
            provider: parsed.provider().to_owned(),
            environment: parsed.environment().as_str().to_owned(),
            redacted: parsed.redacted().to_owned(),
        })
    }
}
