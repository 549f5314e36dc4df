//! The `webhook` interface: verify and sign for every scheme, and the Redox handshake.

use healthauth::secret::SecretString;
use healthauth::webhook::{self, redox, Scheme, SchemeOptions, VerifyOptions};
use healthauth::{limits, Error};
use zeroize::Zeroizing;

use crate::generated::exports::healthauth::auth::webhook as wit_webhook;
use crate::{now_seconds, size_or, Component, WitError};

fn scheme(scheme: &wit_webhook::Scheme) -> Result<Scheme, Error> {
    Scheme::parse(
        &scheme.name,
        SchemeOptions {
            header: scheme.header.as_deref(),
            prefix: scheme.prefix.as_deref(),
            hash: scheme.hash.as_deref(),
        },
    )
}

fn secrets(secrets: Vec<String>) -> Vec<SecretString> {
    secrets.into_iter().map(SecretString::new).collect()
}

impl wit_webhook::Guest for Component {
    fn verify(
        scheme: wit_webhook::Scheme,
        payload: Vec<u8>,
        headers: Vec<(String, String)>,
        secrets: Vec<String>,
        options: wit_webhook::VerifyOptions,
    ) -> Result<wit_webhook::Verified, WitError> {
        let scheme = self::scheme(&scheme)?;
        // The core refuses `now` and a tolerance for schemes that sign no timestamp, and asks
        // for the host's clock only when a timestamp is checked without `now`.
        let mut verify = VerifyOptions::for_scheme(
            &scheme,
            options.now,
            options.tolerance_seconds,
            now_seconds,
        )?;
        verify.max_payload_bytes = size_or(
            options.max_payload_bytes,
            webhook::DEFAULT_MAX_PAYLOAD_BYTES,
        );
        verify.max_header_bytes = size_or(options.max_header_bytes, limits::HEADER_BYTES);
        let secrets = self::secrets(secrets);
        let verified = webhook::verify(&scheme, &payload, &headers, &secrets, &verify)?;
        let (replay_key, replay_keys, replay_ttl_seconds) = match &verified.replay_key {
            Some(replay) => (
                Some(replay.key.clone()),
                replay.keys().map(str::to_owned).collect(),
                Some(replay.ttl_seconds),
            ),
            None => (None, Vec::new(), None),
        };
        Ok(wit_webhook::Verified {
            scheme: verified.scheme.to_owned(),
            id: verified.id,
            timestamp: verified.timestamp,
            replay_key,
            replay_keys,
            replay_ttl_seconds,
        })
    }

    fn sign(
        scheme: wit_webhook::Scheme,
        payload: Vec<u8>,
        secrets: Vec<String>,
        options: wit_webhook::SignOptions,
    ) -> Result<Vec<(String, String)>, WitError> {
        let scheme = self::scheme(&scheme)?;
        let secrets = self::secrets(secrets);
        Ok(webhook::sign(
            &scheme,
            &payload,
            &secrets,
            options.id.as_deref(),
            options.timestamp,
        )?)
    }

    fn redox_verification(
        input: wit_webhook::RedoxHandshake,
        tokens: Vec<String>,
        header_token: Option<String>,
        max_bytes: Option<u64>,
    ) -> Result<String, WitError> {
        let max = size_or(max_bytes, limits::REDOX_HANDSHAKE_BYTES);
        let tokens = secrets(tokens);
        let header_token = header_token.map(Zeroizing::new);
        let header = header_token.as_deref().map(String::as_str);
        let check = |handshake| redox::challenge_with_limit(handshake, header, &tokens, max);
        use wit_webhook::RedoxHandshake as Input;
        let challenge = match input {
            Input::Text(text) => {
                let text = Zeroizing::new(text);
                check(redox::Handshake::from_text(&text))
            }
            Input::Body(body) => check(redox::Handshake::Body(&Zeroizing::new(body))),
            Input::Query(query) => check(redox::Handshake::Query(&Zeroizing::new(query))),
            Input::Fields(fields) => {
                let token = fields.verification_token.map(Zeroizing::new);
                check(redox::Handshake::Fields {
                    challenge: fields.challenge.as_deref(),
                    token: token.as_deref().map(String::as_str),
                })
            }
        }?;
        Ok(challenge)
    }
}
