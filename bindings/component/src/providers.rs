//! The `providers` interface: presets, the Updox auth object, Telesoft API keys.

use healthauth::providers::{self, Preset, UpdoxCredentials};
use healthauth::secret::SecretString;
use healthauth::Error;

use crate::generated::exports::healthauth::auth::providers as wit_providers;
use crate::{Component, WitError};

fn preset(p: Preset) -> wit_providers::ProviderPreset {
    let strings = |items: &[&str]| items.iter().map(|s| (*s).to_owned()).collect();
    wit_providers::ProviderPreset {
        name: p.name.to_owned(),
        authorization_endpoint: p.authorization_endpoint,
        token_endpoint: p.token_endpoint,
        client_auth_method: p.client_auth_method.to_owned(),
        assertion_algorithms: strings(p.assertion_algorithms),
        max_assertion_lifetime_seconds: p.max_assertion_lifetime_seconds,
        kid_required: p.kid_required,
        pkce_required: p.pkce_required,
        access_token_lifetime_seconds: p.access_token_lifetime_seconds,
        refresh_token_lifetime_seconds: p.refresh_token_lifetime_seconds,
        scopes: strings(p.scopes),
    }
}

/// Refuses the preset options `name` does not take (`ERR_UNKNOWN_OPTION`).
fn only(
    call: &'static str,
    options: &wit_providers::PresetOptions,
    allowed: &[&str],
) -> Result<(), Error> {
    let given = [
        ("region", options.region.is_some()),
        ("base-url", options.base_url.is_some()),
        ("token-endpoint", options.token_endpoint.is_some()),
    ];
    match given
        .iter()
        .find(|(option, set)| *set && !allowed.contains(option))
    {
        Some((option, _)) => Err(Error::UnknownOption {
            call,
            option: (*option).to_owned(),
        }),
        None => Ok(()),
    }
}

fn required(value: Option<String>, name: &'static str) -> Result<String, Error> {
    value.ok_or(Error::InvalidArgument {
        name,
        expected: "given (a string)",
    })
}

impl wit_providers::Guest for Component {
    fn preset(
        name: String,
        options: wit_providers::PresetOptions,
    ) -> Result<wit_providers::ProviderPreset, WitError> {
        // RULE-IN-BINDING: the preset dispatched by name, each taking only its own options (the npm package has one function per preset).
        let p = match name.as_str() {
            "redox" => {
                only("redox", &options, &["region"])?;
                providers::redox(options.region.as_deref())?
            }
            "telesoft" => {
                only("telesoft", &options, &[])?;
                providers::telesoft()
            }
            "digitail" => {
                only("digitail", &options, &["base-url"])?;
                providers::digitail(&required(options.base_url, "base-url")?)?
            }
            "smart" => {
                only("smart", &options, &["token-endpoint"])?;
                providers::smart(&required(options.token_endpoint, "token-endpoint")?)?
            }
            _ => {
                return Err(Error::InvalidArgument {
                    name: "name",
                    expected: "one of redox, telesoft, digitail, smart",
                }
                .into())
            }
        };
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
