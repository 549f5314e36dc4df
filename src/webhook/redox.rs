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

use std::borrow::Cow;

use zeroize::Zeroizing;

use crate::encoding::form::decode_component_lossy;
use crate::error::{Error, Result};
use crate::secret::SecretString;

use super::verifier::HeldKey;
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

impl<'a> Handshake<'a> {
    /// A handshake given as text: a text whose first non-blank character is `{` is a POST
    /// body, any other text the GET request's URL or its query string.
    ///
    /// ```
    /// use healthauth::webhook::redox::Handshake;
    ///
    /// assert!(matches!(Handshake::from_text(" {\"challenge\":\"c\"}"), Handshake::Body(_)));
    /// assert!(matches!(Handshake::from_text("https://app/redox?challenge=c"), Handshake::Query(_)));
    /// ```
    pub fn from_text(text: &'a str) -> Handshake<'a> {
        if text.trim_start().starts_with('{') {
            Handshake::Body(text.as_bytes())
        } else {
            Handshake::Query(text)
        }
    }
}

/// Refuses an empty list of verification tokens ([`Error::WebhookSecretInvalid`]): with no
/// token configured, no handshake can be answered. [`challenge`] checks this first; a host
/// may call it before it reads the handshake.
pub fn check_tokens(tokens: &[SecretString]) -> Result<()> {
    if tokens.is_empty() {
        return Err(Error::WebhookSecretInvalid {
            reason: "no verification token given",
        });
    }
    Ok(())
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

/// Checks the `verification-token` header of a Redox request (at most
/// [`crate::limits::HEADER_BYTES`]) against any of `tokens`.
pub fn verify(headers: &(impl Headers + ?Sized), tokens: &[SecretString]) -> Result<Verified> {
    verify_with_limit(headers, tokens, crate::limits::HEADER_BYTES)
}

/// [`verify`] with a header of at most `max_header_bytes`.
pub fn verify_with_limit(
    headers: &(impl Headers + ?Sized),
    tokens: &[SecretString],
    max_header_bytes: usize,
) -> Result<Verified> {
    let received = required(headers, HEADER, max_header_bytes)?;
    check_token(received, tokens)?;
    Ok(verified())
}

fn verified() -> Verified {
    Verified {
        scheme: "redox",
        id: None,
        timestamp: None,
        replay_key: None,
    }
}

/// The tokens, checked as [`verify`] checks them, held for comparing.
pub(crate) fn held_keys(tokens: &[SecretString]) -> Result<Vec<HeldKey>> {
    tokens
        .iter()
        .map(|token| raw_secret(token).map(|t| HeldKey::Token(Zeroizing::new(t.to_vec()))))
        .collect()
}

/// The checks of [`verify`] with held tokens and a header of at most `max_header_bytes`.
pub(crate) fn verify_held(
    headers: &(impl Headers + ?Sized),
    keys: &[HeldKey],
    max_header_bytes: usize,
) -> Result<Verified> {
    let received = required(headers, HEADER, max_header_bytes)?;
    let mut matched = false;
    for key in keys {
        if let HeldKey::Token(token) = key {
            matched |= ct_eq(received.as_bytes(), token);
        }
    }
    if !matched {
        return Err(Error::WebhookSignatureMismatch {
            scheme: "redox",
            secrets: keys.len(),
        });
    }
    Ok(verified())
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

/// What a handshake over its cap is called in [`crate::Error::InputTooLarge`].
pub const HANDSHAKE_INPUT: &str = "Redox verification request";
/// What a `verification-token` header over the handshake's cap is called there.
pub const HEADER_INPUT: &str = "Redox verification-token header";

/// Checks a verification handshake and returns the challenge to echo as the response body.
///
/// The token comes from the body or query (`verification-token` or `verificationToken`), or
/// from `header_token` (the `verification-token` header); every one present must match. An
/// empty `tokens` is refused ([`check_tokens`]). A handshake, or a header token, over
/// [`crate::limits::REDOX_HANDSHAKE_BYTES`] is refused before it is read; see
/// [`challenge_with_limit`]. [`Handshake::from_text`] tells a body from a query.
pub fn challenge(
    input: Handshake<'_>,
    header_token: Option<&str>,
    tokens: &[SecretString],
) -> Result<String> {
    challenge_with_limit(
        input,
        header_token,
        tokens,
        crate::limits::REDOX_HANDSHAKE_BYTES,
    )
}

/// [`challenge`] with a size cap of `max_bytes` on the handshake and on the header token.
///
/// Nothing is parsed before the caller is known to be Redox where it can be: the tokens and
/// sizes are checked first, then the `verification-token` header when one was received, and
/// only then the body, from which just the two fields are read (no JSON tree is built).
pub fn challenge_with_limit(
    input: Handshake<'_>,
    header_token: Option<&str>,
    tokens: &[SecretString],
    max_bytes: usize,
) -> Result<String> {
    check_tokens(tokens)?;
    if let Some(header) = header_token {
        crate::limits::check(HEADER_INPUT, header.len(), max_bytes)?;
    }
    let size = match input {
        Handshake::Body(body) => body.len(),
        Handshake::Query(url) => url.len(),
        Handshake::Fields { challenge, token } => {
            challenge.map_or(0, str::len) + token.map_or(0, str::len)
        }
    };
    crate::limits::check(HANDSHAKE_INPUT, size, max_bytes)?;
    let header_token = header_token.filter(|t| !t.is_empty());
    if let Some(received) = header_token {
        check_token(received, tokens)?;
    }
    let (challenge, token) = match input {
        Handshake::Body(body) => from_json(body)?,
        Handshake::Query(url) => from_query(url),
        Handshake::Fields { challenge, token } => (
            challenge.map(str::to_owned),
            token.map(|t| SecretString::new(t.to_owned())),
        ),
    };
    match token.filter(|t| !t.expose_secret().is_empty()) {
        Some(received) => check_token(received.expose_secret(), tokens)?,
        None if header_token.is_some() => {}
        None => {
            return Err(Error::WebhookSignatureMissing {
                header: HEADER.into(),
            })
        }
    }
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

type Pair = (Option<String>, Option<SecretString>);

/// The two fields of a handshake body. Every other member is skipped without being stored,
/// and the strings are borrowed from the body where they contain no escapes.
#[derive(serde::Deserialize)]
struct Body<'a> {
    #[serde(borrow, default)]
    challenge: Option<Cow<'a, str>>,
    #[serde(
        borrow,
        default,
        rename = "verification-token",
        alias = "verificationToken"
    )]
    token: Option<Cow<'a, str>>,
}

fn from_json(body: &[u8]) -> Result<Pair> {
    let malformed = Error::WebhookHeaderMalformed {
        header: "body".into(),
        reason: "a Redox verification POST body must be a JSON object with string fields `challenge` and `verification-token`",
    };
    // serde reads a struct from a JSON array too: only an object is a handshake.
    if body.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        return Err(malformed);
    }
    let fields: Body<'_> = serde_json::from_slice(body).map_err(|_| malformed)?;
    Ok((
        fields.challenge.map(Cow::into_owned),
        fields.token.map(|t| SecretString::new(t.into_owned())),
    ))
}

fn from_query(url: &str) -> Pair {
    let mut challenge = None;
    let mut token = None;
    for pair in crate::url::query(url).split('&') {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        // Any value may be a token: each decoded copy is zeroized unless it is kept.
        let (k, mut v) = (
            decode_component_lossy(k),
            Zeroizing::new(decode_component_lossy(v)),
        );
        match k.as_str() {
            "challenge" if challenge.is_none() => challenge = Some(core::mem::take(&mut *v)),
            "verification-token" | "verificationToken" if token.is_none() => {
                token = Some(SecretString::new(core::mem::take(&mut *v)))
            }
            _ => {}
        }
    }
    (challenge, token)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "redox-verification-token";

    fn tokens() -> Vec<SecretString> {
        vec![SecretString::new(TOKEN.into())]
    }

    #[test]
    fn the_header_is_checked_before_the_body_is_read() {
        // Not JSON at all: a wrong header is refused before the body is looked at.
        let error = challenge(Handshake::Body(b"not json"), Some("wrong"), &tokens()).unwrap_err();
        assert_eq!(error.code(), "ERR_WEBHOOK_SIGNATURE_MISMATCH");
        // A right header and no token in the body is enough.
        let body = br#"{"challenge":"abc"}"#;
        assert_eq!(
            challenge(Handshake::Body(body), Some(TOKEN), &tokens()).unwrap(),
            "abc"
        );
        // Every token present must match.
        let body = br#"{"challenge":"abc","verification-token":"other"}"#;
        let error = challenge(Handshake::Body(body), Some(TOKEN), &tokens()).unwrap_err();
        assert_eq!(error.code(), "ERR_WEBHOOK_SIGNATURE_MISMATCH");
    }

    #[test]
    fn handshakes_are_capped_before_parsing() {
        let max = crate::limits::REDOX_HANDSHAKE_BYTES;
        let nested = format!(r#"{{"challenge":"abc","x":{}}}"#, "[".repeat(max));
        let error = challenge(Handshake::Body(nested.as_bytes()), None, &tokens()).unwrap_err();
        assert_eq!(error.code(), "ERR_INPUT_TOO_LARGE");
        let query = format!(
            "challenge=abc&verification-token={TOKEN}&pad={}",
            "x".repeat(max)
        );
        let error = challenge(Handshake::Query(&query), None, &tokens()).unwrap_err();
        assert_eq!(error.code(), "ERR_INPUT_TOO_LARGE");
        // Raising the cap lets a larger (still legitimate) handshake through.
        assert_eq!(
            challenge_with_limit(Handshake::Query(&query), None, &tokens(), 2 * max).unwrap(),
            "abc"
        );
    }

    #[test]
    fn only_the_two_fields_are_read_from_the_body() {
        let body = format!(
            r#"{{"other":{{"deep":[1,2,{{"a":"b"}}]}},"challenge":"c1","verificationToken":"{TOKEN}"}}"#
        );
        assert_eq!(
            challenge(Handshake::Body(body.as_bytes()), None, &tokens()).unwrap(),
            "c1"
        );
        for body in [
            r#"{"challenge":5,"verification-token":"redox-verification-token"}"#.as_bytes(),
            br#"{"challenge":"a","challenge":"b"}"#,
            br#"["challenge"]"#,
        ] {
            let error = challenge(Handshake::Body(body), None, &tokens()).unwrap_err();
            assert_eq!(error.code(), "ERR_WEBHOOK_HEADER_MALFORMED");
        }
    }
}
