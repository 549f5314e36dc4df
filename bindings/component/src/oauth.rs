//! The `oauth` interface: authorization URL, callback, token request builders (every
//! client-auth method) and token response parsing.

use healthauth::jose;
use healthauth::oauth::{
    self, AuthorizationRequest, Client, ClientAuth, ClientAuthMethod, HttpRequest,
    TokenResponseOptions,
};
use healthauth::secret::SecretString;
use healthauth::smart::{self, SmartLaunch};
use healthauth::{limits, Error};
use zeroize::Zeroizing;

use crate::generated::exports::healthauth::auth::oauth as wit_oauth;
use crate::jose::SigningKeyResource;
use crate::{size_or, Component, WitError};

/// Scope tokens as the one space-separated `scope` parameter.
fn scope(tokens: Option<Vec<String>>) -> Option<String> {
    tokens.map(|tokens| oauth::join_scopes(&tokens))
}

fn client(client: wit_oauth::Client) -> Result<Client, Error> {
    let shorthand = client.client_secret.map(SecretString::new);
    // The method by name, its credential, and the `client-secret` shorthand: core rules.
    let auth = match client.client_auth {
        None => ClientAuth::with_client_secret(None, None, None, shorthand)?,
        Some(auth) => ClientAuth::with_client_secret(
            Some(auth.method.parse::<ClientAuthMethod>()?),
            auth.secret.map(SecretString::new),
            auth.assertion.map(SecretString::new),
            shorthand,
        )?,
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
        // A required argument (optional in the WIT so that its absence fails with the npm code).
        if let Some(request_uri) = &request.request_uri {
            // After PAR the URL carries only client_id and request_uri.
            let others = !request.redirect_uri.is_empty()
                || request.state.is_some()
                || request.scope.is_some()
                || request.code_challenge.is_some()
                || !request.extra_params.is_empty()
                || request.aud.is_some()
                || request.launch.is_some();
            if others {
                return Err(Error::InvalidArgument {
                    name: "requestUri",
                    expected: "given with only authorizationEndpoint and clientId (the other parameters went with the pushed request)",
                }
                .into());
            }
            return Ok(oauth::pushed_authorization_url(
                &request.authorization_endpoint,
                &request.client_id,
                request_uri,
            )?);
        }
        let state = request.state.ok_or(Error::InvalidArgument {
            name: "state",
            expected: "given: the unguessable state this client checks on the callback",
        })?;
        let scope = scope(request.scope);
        let extra = pairs(&request.extra_params);
        let authorization = AuthorizationRequest {
            authorization_endpoint: &request.authorization_endpoint,
            client_id: &request.client_id,
            redirect_uri: &request.redirect_uri,
            scope: scope.as_deref(),
            state: &state,
            code_challenge: request.code_challenge.as_deref(),
            extra_params: &extra,
        };
        Ok(
            match SmartLaunch::from_options(request.aud.as_deref(), request.launch.as_deref())? {
                Some(launch) => smart::authorization_url(&authorization, &launch)?,
                None => oauth::authorization_url(&authorization)?,
            },
        )
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
        oauth::check_http_status(status)?;
        let body = Zeroizing::new(body);
        let mut timing = TokenResponseOptions::at(options.now);
        if let Some(skew) = options.refresh_skew_seconds {
            timing.refresh_skew_seconds = skew;
        }
        timing.default_lifetime_seconds = options.default_lifetime_seconds;
        timing.max_bytes = size_or(options.max_bytes, limits::RESPONSE_BYTES);
        let t = oauth::parse_token_response(status, &body, &timing)?;
        let launch_context = t.launch_context().map(crate::smart::launch_context);
        Ok(wit_oauth::TokenResponse {
            access_token: t.access_token.expose_secret().to_owned(),
            token_type: t.token_type,
            expires_in: t.expires_in,
            expires_at: t.expires_at,
            refresh_at: t.refresh_at,
            refresh_token: t.refresh_token.map(|r| r.expose_secret().to_owned()),
            scope: t.scope,
            id_token: t.id_token.map(|i| i.expose_secret().to_owned()),
            launch_context,
            extra_json: serde_json::Value::Object(t.extra).to_string(),
        })
    }

    fn with_dpop(
        request: wit_oauth::HttpRequest,
        key: wit_oauth::SigningKeyBorrow<'_>,
        options: wit_oauth::DpopRequestOptions,
    ) -> Result<wit_oauth::HttpRequest, WitError> {
        // As `HttpRequest::with_dpop`: a proof for the request's own method and URL, once.
        if request.headers.iter().any(|(name, _)| name == "dpop") {
            return Err(Error::InvalidArgument {
                name: "dpop",
                expected: "one DPoP proof (a compact JWS) for the request",
            }
            .into());
        }
        let mut dpop = jose::DpopOptions::new(
            request.method.clone(),
            request.url.clone(),
            options.now.unwrap_or_else(crate::now_seconds),
        );
        dpop.nonce = options.nonce;
        dpop.jti = options.jti;
        let proof = jose::dpop_proof(&key.get::<SigningKeyResource>().key, &dpop)?;
        let mut request = request;
        request.headers.push(("dpop".to_owned(), proof));
        Ok(request)
    }

    fn pushed_authorization_request(
        client: wit_oauth::Client,
        endpoint: String,
        request: wit_oauth::PushedAuthorization,
    ) -> Result<wit_oauth::HttpRequest, WitError> {
        let client = self::client(client)?;
        let state = request.state.ok_or(Error::InvalidArgument {
            name: "state",
            expected: "given: the unguessable state this client checks on the callback",
        })?;
        let scope = scope(request.scope);
        let extra = pairs(&request.extra_params);
        let authorization = AuthorizationRequest {
            authorization_endpoint: "",
            client_id: client.client_id(),
            redirect_uri: &request.redirect_uri,
            scope: scope.as_deref(),
            state: &state,
            code_challenge: request.code_challenge.as_deref(),
            extra_params: &extra,
        };
        Ok(self::request(
            match SmartLaunch::from_options(request.aud.as_deref(), request.launch.as_deref())? {
                Some(launch) => smart::pushed_authorization_request(
                    &client,
                    &endpoint,
                    &authorization,
                    &launch,
                )?,
                None => oauth::pushed_authorization_request(&client, &endpoint, &authorization)?,
            },
        ))
    }

    fn parse_pushed_authorization_response(
        status: u16,
        body: String,
        max_bytes: Option<u64>,
    ) -> Result<wit_oauth::PushedAuthorizationResponse, WitError> {
        let r = oauth::parse_pushed_authorization_response_with_limit(
            status,
            &body,
            size_or(max_bytes, limits::RESPONSE_BYTES),
        )?;
        Ok(wit_oauth::PushedAuthorizationResponse {
            request_uri: r.request_uri,
            expires_in: r.expires_in,
        })
    }

    fn revocation_request(
        client: wit_oauth::Client,
        endpoint: String,
        token: String,
        token_type_hint: Option<String>,
    ) -> Result<wit_oauth::HttpRequest, WitError> {
        token_request(
            client,
            &endpoint,
            token,
            token_type_hint,
            oauth::revocation_request,
        )
    }

    fn parse_revocation_response(
        status: u16,
        body: String,
        max_bytes: Option<u64>,
    ) -> Result<(), WitError> {
        Ok(oauth::parse_revocation_response_with_limit(
            status,
            &body,
            size_or(max_bytes, limits::RESPONSE_BYTES),
        )?)
    }

    fn introspection_request(
        client: wit_oauth::Client,
        endpoint: String,
        token: String,
        token_type_hint: Option<String>,
    ) -> Result<wit_oauth::HttpRequest, WitError> {
        token_request(
            client,
            &endpoint,
            token,
            token_type_hint,
            oauth::introspection_request,
        )
    }

    fn parse_introspection_response(
        status: u16,
        body: String,
        max_bytes: Option<u64>,
    ) -> Result<wit_oauth::Introspection, WitError> {
        let i = oauth::parse_introspection_response_with_limit(
            status,
            &body,
            size_or(max_bytes, limits::RESPONSE_BYTES),
        )?;
        Ok(wit_oauth::Introspection {
            active: i.active,
            scope: i.scope,
            client_id: i.client_id,
            username: i.username,
            token_type: i.token_type,
            exp: i.exp,
            iat: i.iat,
            nbf: i.nbf,
            sub: i.sub,
            aud: i.aud,
            iss: i.iss,
            jti: i.jti,
            cnf_jkt: i.cnf_jkt,
            launch_context: i.launch_context.map(crate::smart::launch_context),
            extra_json: serde_json::Value::Object(i.extra).to_string(),
        })
    }
}

/// `extra-params` as the core's pairs.
fn pairs(extra: &[(String, String)]) -> Vec<(&str, &str)> {
    extra
        .iter()
        .map(|(name, value)| (name.as_str(), value.as_str()))
        .collect()
}

/// A revocation or introspection request (`build`) for `token` at `endpoint`; the token is
/// zeroized once the request is built.
fn token_request(
    client: wit_oauth::Client,
    endpoint: &str,
    token: String,
    token_type_hint: Option<String>,
    build: fn(&oauth::Client, &str, &str, Option<&str>) -> Result<oauth::HttpRequest, Error>,
) -> Result<wit_oauth::HttpRequest, WitError> {
    let client = self::client(client)?;
    let token = Zeroizing::new(token);
    Ok(request(build(
        &client,
        endpoint,
        &token,
        token_type_hint.as_deref(),
    )?))
}
