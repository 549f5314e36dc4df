//! The `webhook` interface: verify and sign for every scheme, and the Redox handshake.

use healthauth::mac::Hash;
use healthauth::secret::SecretString;
use healthauth::webhook::{self, redox, HmacHexConfig, Scheme};
use healthauth::{limits, Error};
use zeroize::Zeroizing;

use crate::generated::exports::healthauth::auth::webhook as wit_webhook;
use crate::{size_or, Component, WitError};

/// Every header a scheme reads (besides the one `hmac-hex` is configured with).
const KNOWN_HEADERS: &[&str] = &[
    webhook::telesoft::HEADER,
    webhook::github::HEADER,
    webhook::stripe::HEADER,
    webhook::standard::ID_HEADER,
    webhook::standard::TIMESTAMP_HEADER,
    webhook::standard::SIGNATURE_HEADER,
    redox::HEADER,
];

fn scheme(scheme: wit_webhook::Scheme) -> Result<Scheme, Error> {
    // RULE-IN-BINDING: the scheme chosen by name; hmac-hex built from header (required), prefix and hash (sha256 by default), which every other scheme refuses.
    if scheme.name != "hmac-hex" {
        if scheme.header.is_some() || scheme.prefix.is_some() || scheme.hash.is_some() {
            return Err(Error::InvalidArgument {
                name: "header",
                expected: "used only with scheme \"hmac-hex\" (header, prefix and hash)",
            });
        }
        return Scheme::from_name(&scheme.name);
    }
    let header = scheme.header.ok_or(Error::InvalidArgument {
        name: "header",
        expected: "the signature header's name (required by scheme \"hmac-hex\")",
    })?;
    let hash = match scheme.hash {
        None => Hash::Sha256,
        Some(name) => Hash::from_name(&name).ok_or(Error::InvalidArgument {
            name: "hash",
            expected: "\"sha256\", \"sha384\" or \"sha512\"",
        })?,
    };
    Ok(Scheme::HmacHex(HmacHexConfig {
        header,
        prefix: scheme.prefix.unwrap_or_default(),
        hash,
    }))
}

fn secrets(secrets: Vec<String>) -> Vec<SecretString> {
    secrets.into_iter().map(SecretString::new).collect()
}

/// Refuses a header value over the 8 KiB cap.
fn check_header(value: &str) -> Result<(), Error> {
    // RULE-IN-BINDING: the 8 KiB cap on a header value the scheme reads (ERR_INPUT_TOO_LARGE), as the npm binding applies it.
    limits::check("webhook header", value.len(), limits::HEADER_BYTES)
}

impl wit_webhook::Guest for Component {
    fn verify(
        scheme: wit_webhook::Scheme,
        payload: Vec<u8>,
        headers: Vec<(String, String)>,
        secrets: Vec<String>,
        options: wit_webhook::VerifyOptions,
    ) -> Result<wit_webhook::Verified, WitError> {
        let scheme = self::scheme(scheme)?;
        // RULE-IN-BINDING: tolerance-seconds refused for schemes that sign no timestamp (all but standard and stripe).
        if options.tolerance_seconds.is_some()
            && !matches!(scheme, Scheme::Standard | Scheme::Stripe)
        {
            return Err(Error::InvalidArgument {
                name: "tolerance-seconds",
                expected: "left out for this scheme: it signs no timestamp (only standard and stripe do), so there is no freshness to check",
            }
            .into());
        }
        let max_payload = size_or(
            options.max_payload_bytes,
            webhook::DEFAULT_MAX_PAYLOAD_BYTES,
        );
        // The payload cap first, as the npm call checks it before reading headers.
        webhook::check_size(&payload, max_payload)?;
        let mut read: Vec<&str> = KNOWN_HEADERS.to_vec();
        if let Scheme::HmacHex(config) = &scheme {
            read.push(&config.header);
        }
        for (name, value) in &headers {
            if read.iter().any(|r| r.eq_ignore_ascii_case(name)) {
                check_header(value)?;
            }
        }
        let secrets = self::secrets(secrets);
        let mut verify = webhook::VerifyOptions::at(options.now);
        if let Some(tolerance) = options.tolerance_seconds {
            verify.tolerance_seconds = tolerance;
        }
        verify.max_payload_bytes = max_payload;
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
        let scheme = self::scheme(scheme)?;
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
        // RULE-IN-BINDING: an empty token list refused as ERR_WEBHOOK_SECRET_INVALID (the core would report a mismatch).
        if tokens.is_empty() {
            return Err(Error::WebhookSecretInvalid {
                reason: "no verification token given",
            }
            .into());
        }
        let header_token = header_token.map(Zeroizing::new);
        if let Some(token) = &header_token {
            check_header(token)?;
        }
        let header = header_token.as_deref().map(String::as_str);
        let check = |handshake| redox::challenge_with_limit(handshake, header, &tokens, max);
        use wit_webhook::RedoxHandshake as Input;
        let challenge = match input {
            Input::Text(text) => {
                let text = Zeroizing::new(text);
                // RULE-IN-BINDING: a text is the POST body when its first non-blank character is `{`, else the GET URL or query string (as the npm call reads a string).
                if text.trim_start().starts_with('{') {
                    check(redox::Handshake::Body(text.as_bytes()))
                } else {
                    check(redox::Handshake::Query(&text))
                }
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
