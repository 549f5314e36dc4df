//! The `oauth` interface: authorization URL, callback, token request builders (every
//! client-auth method) and token response parsing.

use healthauth::oauth::{self, AuthorizationRequest, Client, ClientAuth, HttpRequest};
use healthauth::secret::SecretString;
use healthauth::{limits, Error};
use zeroize::Zeroizing;

use crate::generated::exports::healthauth::auth::oauth as wit_oauth;
use crate::{size_or, Component, WitError};

/// Scope tokens as the one space-separated `scope` parameter.
fn scope(tokens: Option<Vec<String>>) -> Option<String> {
    // RULE-IN-BINDING: scope tokens joined with single spaces (the core checks the joined text).
    tokens.map(|tokens| tokens.join(" "))
}

fn client(client: wit_oauth::Client) -> Result<Client, Error> {
    let shorthand = client.client_secret.map(SecretString::new);
    // RULE-IN-BINDING: the client-auth method chosen by its name, its secret defaulting to client-secret, and client-secret alone meaning client_secret_basic.
    let auth = match client.client_auth {
        None => match shorthand {
            Some(secret) => ClientAuth::ClientSecretBasic { secret },
            None => ClientAuth::None,
        },
        Some(auth) => {
            let secret = || -> Result<SecretString, Error> {
                match auth.secret.clone().map(SecretString::new) {
                    Some(secret) => Ok(secret),
                    None => shorthand.clone().ok_or(Error::InvalidArgument {
                        name: "client-auth.secret",
                        expected: "the client secret for this method",
                    }),
                }
            };
            match auth.method.as_str() {
                "none" => ClientAuth::None,
                "client_secret_basic" => ClientAuth::ClientSecretBasic { secret: secret()? },
                "client_secret_post" => ClientAuth::ClientSecretPost { secret: secret()? },
                "client_secret_json" => ClientAuth::ClientSecretJson { secret: secret()? },
                "private_key_jwt" | "client_secret_jwt" => ClientAuth::Assertion {
                    assertion: SecretString::new(auth.assertion.clone().ok_or(
                        Error::InvalidArgument {
                            name: "client-auth.assertion",
                            expected: "a signed client assertion (compact JWS) for this request",
                        },
                    )?),
                },
                _ => {
                    return Err(Error::InvalidArgument {
                        name: "client-auth.method",
                        expected: "one of none, client_secret_basic, client_secret_post, client_secret_json, private_key_jwt, client_secret_jwt",
                    })
                }
            }
        }
    };
    Client::new(
        &client.token_endpoint,
        client.client_id.as_deref().unwrap_or_default(),
        auth,
    )
}

fn request(request: HttpRequest) -> wit_oauth::HttpRequest {
    wit_oauth::HttpRequest {
        method: request.method.to_owned(),
        url: request.url.clone(),
        headers: request
            .headers
            .iter()
            .map(|(name, value)| ((*name).to_owned(), value.expose_secret().to_owned()))
            .collect(),
        body: request.body.expose_secret().to_owned(),
    }
}

impl wit_oauth::Guest for Component {
    fn authorization_url(request: wit_oauth::AuthorizationRequest) -> Result<String, WitError> {
        // RULE-IN-BINDING: a missing state refused (ERR_INVALID_ARGUMENT), as the npm call refuses it; the core takes one and refuses it empty.
        let state = request.state.ok_or(Error::InvalidArgument {
            name: "state",
            expected: "given: the unguessable state this client checks on the callback",
        })?;
        let scope = scope(request.scope);
        let extra: Vec<(&str, &str)> = request
            .extra_params
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_str()))
            .collect();
        Ok(oauth::authorization_url(&AuthorizationRequest {
            authorization_endpoint: &request.authorization_endpoint,
            client_id: &request.client_id,
            redirect_uri: &request.redirect_uri,
            scope: scope.as_deref(),
            state: &state,
            code_challenge: request.code_challenge.as_deref(),
            extra_params: &extra,
        })?)
    }

    fn parse_callback(
        url: String,
        options: wit_oauth::CallbackOptions,
    ) -> Result<wit_oauth::Callback, WitError> {
        let url = Zeroizing::new(url);
        let max = size_or(options.max_bytes, limits::CALLBACK_BYTES);
        let callback = oauth::parse_callback_with_limit(
            &url,
            &options.expected_state,
            options.expected_issuer.as_deref(),
            max,
        )?;
        Ok(wit_oauth::Callback {
            code: callback.code.expose_secret().to_owned(),
            state: callback.state,
            iss: callback.iss,
        })
    }

    fn code_exchange_request(
        client: wit_oauth::Client,
        code: String,
        redirect_uri: String,
        code_verifier: Option<String>,
    ) -> Result<wit_oauth::HttpRequest, WitError> {
        let client = self::client(client)?;
        let code = Zeroizing::new(code);
        let verifier = code_verifier.map(Zeroizing::new);
        Ok(request(oauth::code_exchange_request(
            &client,
            &code,
            &redirect_uri,
            verifier.as_deref().map(String::as_str),
        )?))
    }

    fn refresh_request(
        client: wit_oauth::Client,
        refresh_token: String,
        scope: Option<Vec<String>>,
    ) -> Result<wit_oauth::HttpRequest, WitError> {
        let client = self::client(client)?;
        let refresh_token = Zeroizing::new(refresh_token);
        let scope = self::scope(scope);
        Ok(request(oauth::refresh_request(
            &client,
            &refresh_token,
            scope.as_deref(),
        )?))
    }

    fn client_credentials_request(
        client: wit_oauth::Client,
        scope: Option<Vec<String>>,
    ) -> Result<wit_oauth::HttpRequest, WitError> {
        let client = self::client(client)?;
        let scope = self::scope(scope);
        Ok(request(oauth::client_credentials_request(
            &client,
            scope.as_deref(),
        )?))
    }

    fn parse_token_response(
        status: u16,
        body: String,
        options: wit_oauth::TokenResponseOptions,
    ) -> Result<wit_oauth::TokenResponse, WitError> {
        // RULE-IN-BINDING: an HTTP status outside 100..=599 refused (ERR_INVALID_ARGUMENT), as the npm call refuses it.
        if !(100..=599).contains(&status) {
            return Err(Error::InvalidArgument {
                name: "status",
                expected: "an HTTP status code (100 to 599)",
            }
            .into());
        }
        let body = Zeroizing::new(body);
        let max = size_or(options.max_bytes, limits::RESPONSE_BYTES);
        let skew = options
            .refresh_skew_seconds
            .unwrap_or(oauth::DEFAULT_REFRESH_SKEW_SECONDS);
        let t = oauth::parse_token_response_with_limit(status, &body, options.now, skew, max)?;
        Ok(wit_oauth::TokenResponse {
            access_token: t.access_token.expose_secret().to_owned(),
            token_type: t.token_type,
            expires_in: t.expires_in,
            expires_at: t.expires_at,
            refresh_at: t.refresh_at,
            refresh_token: t.refresh_token.map(|r| r.expose_secret().to_owned()),
            scope: t.scope,
            id_token: t.id_token.map(|i| i.expose_secret().to_owned()),
            extra_json: serde_json::Value::Object(t.extra).to_string(),
        })
    }
}
