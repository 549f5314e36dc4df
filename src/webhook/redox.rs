//! Redox destination verification.
//!
//! Redox signs nothing: every request it sends carries the destination's secret
//! `verification-token` header, compared here in constant time ([`verify`]). When a destination
//! is created, Redox checks the endpoint with a handshake that the endpoint must answer with the
//! `challenge` it received ([`challenge`]):
//!
//! - POST with a JSON body `{"verification-token": "…", "challenge": "…"}` (Redox's current
//!   documentation; `verificationToken` is accepted as the key too);
//! - GET with a query string `?challenge=…&verification-token=…`.
//!
//! Both shapes are accepted; the token may also come from the `verification-token` header.

use crate::error::{Error, Result};
use crate::oauth::encoding::decode_component_lossy;
use crate::secret::SecretString;

use super::{ct_eq, raw_secret, required, Headers, Verified};

/// The header Redox sets on every request.
pub const HEADER: &str = "verification-token";
/// Longest challenge echoed back.
pub const MAX_CHALLENGE_LEN: usize = 512;

/// A verification handshake as received.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handshake<'a> {
    /// A POST body: JSON with `challenge` and `verification-token`.
    Body(&'a [u8]),
    /// A GET request's URL, or its query string (with or without the leading `?`).
    Query(&'a str),
    /// Fields already extracted (a parsed body or query object).
    Fields {
        /// The `challenge` value.
        challenge: Option<&'a str>,
        /// The `verification-token` value.
        token: Option<&'a str>,
    },
}

fn check_token(received: &str, tokens: &[SecretString]) -> Result<()> {
    let keys = tokens.iter().map(raw_secret).collect::<Result<Vec<_>>>()?;
    let mut matched = false;
    for key in &keys {
        matched |= ct_eq(received.as_bytes(), key);
    }
    if !matched {
        return Err(Error::WebhookSignatureMismatch {
            scheme: "redox",
            secrets: keys.len(),
        });
    }
    Ok(())
}

/// Checks the `verification-token` header of a Redox request against any of `tokens`.
pub fn verify(headers: &(impl Headers + ?Sized), tokens: &[SecretString]) -> Result<Verified> {
    let received = required(headers, HEADER)?;
    check_token(received, tokens)?;
    Ok(Verified {
        scheme: "redox",
        id: None,
        timestamp: None,
        replay_key: None,
    })
}

/// `[("verification-token", token)]`: what Redox sends (for tests and local senders).
pub fn sign(tokens: &[SecretString]) -> Result<Vec<(String, String)>> {
    let token = tokens
        .first()
        .map(raw_secret)
        .transpose()?
        .unwrap_or_default();
    let token = String::from_utf8_lossy(token).into_owned();
    Ok(vec![(HEADER.into(), token)])
}

/// Checks a verification handshake and returns the challenge to echo as the response body.
///
/// The token comes from the body or query (`verification-token` or `verificationToken`), else
/// from `header_token` (the `verification-token` header).
pub fn challenge(
    input: Handshake<'_>,
    header_token: Option<&str>,
    tokens: &[SecretString],
) -> Result<String> {
    let (challenge, token) = match input {
        Handshake::Body(body) => from_json(body)?,
        Handshake::Query(url) => from_query(url),
        Handshake::Fields { challenge, token } => {
            (challenge.map(str::to_owned), token.map(str::to_owned))
        }
    };
    let token = token
        .or_else(|| header_token.map(str::to_owned))
        .filter(|t| !t.is_empty())
        .ok_or(Error::WebhookSignatureMissing {
            header: HEADER.into(),
        })?;
    check_token(&token, tokens)?;
    let challenge = challenge.filter(|c| !c.is_empty()).ok_or(Error::WebhookHeaderMalformed {
        header: "challenge".into(),
        reason: "the Redox verification request has no challenge (POST JSON body or GET query `challenge`)",
    })?;
    if challenge.len() > MAX_CHALLENGE_LEN || !challenge.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(Error::WebhookHeaderMalformed {
            header: "challenge".into(),
            reason: "the challenge must be at most 512 printable ASCII characters",
        });
    }
    Ok(challenge)
}

type Pair = (Option<String>, Option<String>);

fn from_json(body: &[u8]) -> Result<Pair> {
    let value: serde_json::Value =
        serde_json::from_slice(body).map_err(|_| Error::WebhookHeaderMalformed {
            header: "body".into(),
            reason: "a Redox verification POST body must be a JSON object",
        })?;
    let object = value.as_object().ok_or(Error::WebhookHeaderMalformed {
        header: "body".into(),
        reason: "a Redox verification POST body must be a JSON object",
    })?;
    let field = |name: &str| object.get(name).and_then(|v| v.as_str()).map(str::to_owned);
    Ok((
        field("challenge"),
        field("verification-token").or_else(|| field("verificationToken")),
    ))
}

fn from_query(url: &str) -> Pair {
    let url = url.split('#').next().unwrap_or_default();
    let query = match url.split_once('?') {
        Some((_, q)) => q,
        None if url.contains("://") => "",
        None => url,
    };
    let mut challenge = None;
    let mut token = None;
    for pair in query.split('&') {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let (k, v) = (decode_component_lossy(k), decode_component_lossy(v));
        match k.as_str() {
            "challenge" if challenge.is_none() => challenge = Some(v),
            "verification-token" | "verificationToken" if token.is_none() => token = Some(v),
            _ => {}
        }
    }
    (challenge, token)
}
