//! One error type for the whole library, with a stable machine-readable code per variant.
//!
//! Messages say what was wrong with an input and how to fix it; they never contain the input
//! itself when the input may be secret (verifiers, keys, tokens, payloads).

use core::fmt;

/// Every failure healthauth reports.
///
/// Match on the variant in Rust, or on [`Error::code`] across language boundaries: the codes are
/// part of the public contract and never change meaning.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    // ---- pkce and randomness ----------------------------------------------------------------
    /// A PKCE code verifier (given, or requested from the generator) whose length is outside
    /// RFC 7636's 43..=128 characters.
    PkceVerifierLength {
        /// The length that was given or requested.
        length: usize,
    },
    /// A PKCE code verifier with a character outside RFC 7636's unreserved alphabet
    /// (`A-Z a-z 0-9 - . _ ~`).
    PkceVerifierInvalid {
        /// Zero-based character position of the first offending character.
        position: usize,
    },
    /// A random value (state, nonce) requested with a byte count outside the allowed range.
    RandomLength {
        /// The byte count that was requested.
        requested: usize,
        /// The smallest allowed byte count.
        min: usize,
        /// The largest allowed byte count.
        max: usize,
    },
    /// The platform's cryptographically secure random generator failed.
    RandomUnavailable,
    /// An argument of the wrong type or shape, usually from a dynamically typed caller.
    InvalidArgument {
        /// The argument or option name.
        name: &'static str,
        /// What was expected instead.
        expected: &'static str,
    },
    /// An options object with a property this call does not know (often a typo).
    UnknownOption {
        /// The call that received the options.
        call: &'static str,
        /// The unknown property name (through [`echo_safe`]: printable, at most 40 characters).
        option: String,
    },
    /// An input over its size cap (a callback URL, a token response, a JWK set, a Redox
    /// handshake, a header), refused before it is copied or parsed: parsing unbounded
    /// attacker-sent input could exhaust memory.
    InputTooLarge {
        /// What the input is, such as `callback URL`.
        input: &'static str,
        /// Its size in bytes (for text measured before decoding: a lower bound).
        size: usize,
        /// The cap in bytes.
        max: usize,
    },
    // ---- jose (keys, JWS, JWT, client assertions) ------------------------------------------
    /// A JWS algorithm name healthauth does not implement (`none` included, on purpose).
    AlgorithmUnsupported {
        /// The name given (through [`echo_safe`]: printable, at most 40 characters).
        alg: String,
    },
    /// A key that cannot be used with the requested algorithm (e.g. `ES384` with an RSA key).
    KeyAlgorithmMismatch {
        /// The requested algorithm.
        alg: &'static str,
        /// What the key is and which algorithms it fits.
        key: &'static str,
    },
    /// An RSA or HMAC key given without the algorithm to use it with.
    KeyAlgorithmMissing {
        /// What the key is and which algorithms it fits.
        key: &'static str,
    },
    /// Key material that could not be read. The reason says what was found and how to
    /// convert it; it never contains key bytes.
    KeyFormat {
        /// What was wrong.
        reason: String,
    },
    /// A key below the minimum strength (RSA under 2048 bits, an HMAC secret shorter than
    /// the hash).
    KeyTooWeak {
        /// Which rule was broken.
        reason: &'static str,
    },
    /// A well-formed key of a kind healthauth does not sign or verify with.
    KeyUnsupported {
        /// What kind of key it is.
        reason: &'static str,
    },
    /// A public form (JWK, thumbprint) asked of an HMAC secret, which has none.
    KeySymmetric,
    /// The signature primitive failed (it should not; reported rather than panicking).
    SigningFailed,
    /// A compact JWS/JWT that does not parse.
    JwtMalformed {
        /// What was wrong.
        reason: &'static str,
    },
    /// A token larger than the configured cap, refused before parsing.
    JwtTooLarge {
        /// Its size in bytes.
        size: usize,
        /// The cap in bytes.
        max: usize,
    },
    /// A token whose `alg` is `none`, outside the allow-list, or not what the key is for.
    JwtAlgorithmNotAllowed {
        /// The token's `alg` (through [`echo_safe`]: printable, at most 40 characters).
        alg: String,
        /// Why it was refused.
        reason: &'static str,
    },
    /// A signature that does not verify.
    JwtSignatureInvalid,
    /// A `crit` header naming an extension healthauth does not understand (RFC 7515 §4.1.11).
    JwtCritUnsupported {
        /// The extension name (through [`echo_safe`]: printable, at most 40 characters).
        param: String,
    },
    /// No key in the given set fits the token's `kid` and `alg`.
    JwtKeyNotFound {
        /// The token's `kid`, if it had one (through [`echo_safe`]: printable, at most 40
        /// characters).
        kid: Option<String>,
    },
    /// A token past its `exp` (plus leeway), or older than the allowed maximum age.
    JwtExpired {
        /// Which limit was passed: `exp` or `maxAge`.
        claim: &'static str,
    },
    /// A token before its `nbf`, or issued (`iat`) in the future, beyond the leeway.
    JwtNotYetValid {
        /// Which claim: `nbf` or `iat`.
        claim: &'static str,
    },
    /// A claim that is missing, of the wrong type, or not the expected value.
    JwtClaimInvalid {
        /// The claim name.
        claim: &'static str,
        /// What was wrong.
        reason: &'static str,
    },
    /// Client assertion options that break RFC 7523 / SMART Backend Services rules.
    ClientAssertionInvalid {
        /// Which rule was broken.
        reason: &'static str,
    },
    // ---- webhook ------------------------------------------------------------------------------
    /// A webhook arrived without the header (or header field) that carries its signature or
    /// signed metadata.
    WebhookSignatureMissing {
        /// The header (or field) that was looked for, such as `webhook-signature`.
        header: String,
    },
    /// No signature in the webhook matches the raw payload under any of the configured secrets.
    WebhookSignatureMismatch {
        /// The scheme that was verified, such as `telesoft`.
        scheme: &'static str,
        /// How many secrets (keys) were tried.
        secrets: usize,
    },
    /// A webhook signature header whose structure cannot be read (a missing prefix, a
    /// non-numeric timestamp, a list item without its version).
    WebhookHeaderMalformed {
        /// The header (or field) at fault.
        header: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A correctly signed webhook whose timestamp is further from `now` than the tolerance.
    WebhookTimestampOutOfTolerance {
        /// `now - timestamp` in seconds: positive when the webhook is old, negative when it is
        /// from the future.
        age_seconds: i64,
        /// The tolerance in seconds.
        tolerance_seconds: u64,
    },
    /// A webhook whose id (or timestamp and signature) was already accepted once.
    WebhookReplayed {
        /// The scheme that was verified.
        scheme: &'static str,
    },
    /// A webhook secret or key that cannot be used as given.
    WebhookSecretInvalid {
        /// What is wrong with it (never the secret itself).
        reason: &'static str,
    },
    /// A webhook payload that is not the raw body (a parsed object instead of bytes or text).
    WebhookPayloadNotRaw {
        /// The kind of value that was passed instead.
        got: &'static str,
    },
    /// A webhook payload over the configured size cap.
    WebhookPayloadTooLarge {
        /// The payload size in bytes.
        size: usize,
        /// The cap in bytes.
        max: usize,
    },
    /// A webhook scheme name this library does not know.
    WebhookSchemeUnknown {
        /// The name that was given (through [`echo_safe`]: printable, at most 40 characters).
        scheme: String,
    },
    // ---- oauth and providers ----------------------------------------------------------------
    /// An OAuth callback whose `state` is missing or differs from the one this client sent
    /// (a forged or replayed redirect, RFC 6749 §10.12).
    OAuthStateMismatch,
    /// The authorization server redirected back with an `error` (RFC 6749 §4.1.2.1).
    OAuthCallbackError {
        /// The provider's error code, such as `access_denied` (sanitized, bounded).
        error: String,
        /// The provider's `error_description`, if any (sanitized, bounded).
        description: Option<String>,
    },
    /// A callback URL that cannot be an authorization response (no `code`, a repeated
    /// parameter, bad percent-encoding).
    OAuthCallbackInvalid {
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The token endpoint answered with an RFC 6749 §5.2 error.
    OAuthTokenError {
        /// The HTTP status of the response.
        status: u16,
        /// The provider's error code, such as `invalid_grant` (sanitized, bounded).
        error: String,
        /// The provider's `error_description`, if any (sanitized, bounded).
        description: Option<String>,
    },
    /// A token endpoint response that is neither a token (RFC 6749 §5.1) nor an error (§5.2).
    OAuthTokenResponseInvalid {
        /// The HTTP status of the response.
        status: u16,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A URL option that is not an absolute `https` URL (or `http` on loopback).
    UrlInvalid {
        /// The option name.
        name: &'static str,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// An Updox auth object with a field of a pair missing.
    UpdoxAuthIncomplete {
        /// The missing field.
        missing: &'static str,
    },
    /// An Updox auth object mixing application and individual credentials.
    UpdoxAuthMixed,
    /// A Telesoft API key that is not `ts_test_…` or `ts_live_…` with a well-formed body.
    ApiKeyInvalid {
        /// What is wrong with it.
        reason: &'static str,
    },
    /// An IP address that is not a strict IPv4 dotted quad or an IPv6 address.
    IpInvalid,
    /// A CIDR entry that is not `address/prefix` (or a bare address) with a valid prefix and
    /// no host bits set.
    CidrInvalid {
        /// Zero-based position of the entry in the list.
        index: usize,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A long-lived secret (client secret, private key, live API key) used in a browser without
    /// `dangerouslyAllowBrowser: true`.
    SecretInBrowser {
        /// What was refused.
        what: &'static str,
    },
    // ---- end of variants ----------------------------------------------------------------------
}

/// Shorthand for results whose error is [`Error`].
pub type Result<T, E = Error> = core::result::Result<T, E>;

/// Most characters of caller- or attacker-supplied text an error keeps (see [`echo_safe`]).
pub const MAX_ECHOED_CHARS: usize = 40;

/// Caller- or attacker-supplied text (an option name, a webhook scheme or header name, a JWT
/// `alg`, `kid` or `crit` name, a PEM label, a JWK member) made safe to echo in a message: every
/// variant that carries such text gets it through here. Printable ASCII (space to `~`) is kept,
/// anything else (line breaks, control characters, non-ASCII) becomes `?`, and text longer than
/// [`MAX_ECHOED_CHARS`] characters is cut there and ends with `...`. A log line stays one
/// line, and a megabyte of input stays 43 characters.
pub fn echo_safe(text: &str) -> String {
    let mut out = String::with_capacity(MAX_ECHOED_CHARS + 3);
    let mut chars = text.chars();
    for c in chars.by_ref().take(MAX_ECHOED_CHARS) {
        out.push(if c == ' ' || c.is_ascii_graphic() {
            c
        } else {
            '?'
        });
    }
    if chars.next().is_some() {
        out.push_str("...");
    }
    out
}

impl Error {
    /// Every code [`Error::code`] can return, for documentation and exhaustiveness checks.
    pub const CODES: &'static [&'static str] = &[
        "ERR_PKCE_VERIFIER_LENGTH",
        "ERR_PKCE_VERIFIER_INVALID",
        "ERR_RANDOM_LENGTH",
        "ERR_RANDOM_UNAVAILABLE",
        "ERR_INVALID_ARGUMENT",
        "ERR_UNKNOWN_OPTION",
        "ERR_INPUT_TOO_LARGE",
        // ---- jose ----
        "ERR_ALG_UNSUPPORTED",
        "ERR_KEY_ALG_MISMATCH",
        "ERR_KEY_ALG_MISSING",
        "ERR_KEY_FORMAT",
        "ERR_KEY_TOO_WEAK",
        "ERR_KEY_UNSUPPORTED",
        "ERR_KEY_SYMMETRIC",
        "ERR_SIGNING_FAILED",
        "ERR_JWT_MALFORMED",
        "ERR_JWT_TOO_LARGE",
        "ERR_JWT_ALG_NOT_ALLOWED",
        "ERR_JWT_SIGNATURE_INVALID",
        "ERR_JWT_CRIT_UNSUPPORTED",
        "ERR_JWT_KEY_NOT_FOUND",
        "ERR_JWT_EXPIRED",
        "ERR_JWT_NOT_YET_VALID",
        "ERR_JWT_CLAIM_INVALID",
        "ERR_CLIENT_ASSERTION_INVALID",
        // ---- webhook ----
        "ERR_WEBHOOK_SIGNATURE_MISSING",
        "ERR_WEBHOOK_SIGNATURE_MISMATCH",
        "ERR_WEBHOOK_HEADER_MALFORMED",
        "ERR_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE",
        "ERR_WEBHOOK_REPLAYED",
        "ERR_WEBHOOK_SECRET_INVALID",
        "ERR_WEBHOOK_PAYLOAD_NOT_RAW",
        "ERR_WEBHOOK_PAYLOAD_TOO_LARGE",
        "ERR_WEBHOOK_SCHEME_UNKNOWN",
        // ---- oauth and providers ----
        "ERR_OAUTH_STATE_MISMATCH",
        "ERR_OAUTH_CALLBACK_ERROR",
        "ERR_OAUTH_CALLBACK_INVALID",
        "ERR_OAUTH_TOKEN_ERROR",
        "ERR_OAUTH_TOKEN_RESPONSE_INVALID",
        "ERR_URL_INVALID",
        "ERR_UPDOX_AUTH_INCOMPLETE",
        "ERR_UPDOX_AUTH_MIXED",
        "ERR_API_KEY_INVALID",
        "ERR_IP_INVALID",
        "ERR_CIDR_INVALID",
        "ERR_SECRET_IN_BROWSER",
        // ---- end of codes ----
    ];

    /// The stable code of this error, such as `ERR_PKCE_VERIFIER_LENGTH`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::PkceVerifierLength { .. } => "ERR_PKCE_VERIFIER_LENGTH",
            Error::PkceVerifierInvalid { .. } => "ERR_PKCE_VERIFIER_INVALID",
            Error::RandomLength { .. } => "ERR_RANDOM_LENGTH",
            Error::RandomUnavailable => "ERR_RANDOM_UNAVAILABLE",
            Error::InvalidArgument { .. } => "ERR_INVALID_ARGUMENT",
            Error::UnknownOption { .. } => "ERR_UNKNOWN_OPTION",
            Error::InputTooLarge { .. } => "ERR_INPUT_TOO_LARGE",
            // ---- jose ----
            Error::AlgorithmUnsupported { .. } => "ERR_ALG_UNSUPPORTED",
            Error::KeyAlgorithmMismatch { .. } => "ERR_KEY_ALG_MISMATCH",
            Error::KeyAlgorithmMissing { .. } => "ERR_KEY_ALG_MISSING",
            Error::KeyFormat { .. } => "ERR_KEY_FORMAT",
            Error::KeyTooWeak { .. } => "ERR_KEY_TOO_WEAK",
            Error::KeyUnsupported { .. } => "ERR_KEY_UNSUPPORTED",
            Error::KeySymmetric => "ERR_KEY_SYMMETRIC",
            Error::SigningFailed => "ERR_SIGNING_FAILED",
            Error::JwtMalformed { .. } => "ERR_JWT_MALFORMED",
            Error::JwtTooLarge { .. } => "ERR_JWT_TOO_LARGE",
            Error::JwtAlgorithmNotAllowed { .. } => "ERR_JWT_ALG_NOT_ALLOWED",
            Error::JwtSignatureInvalid => "ERR_JWT_SIGNATURE_INVALID",
            Error::JwtCritUnsupported { .. } => "ERR_JWT_CRIT_UNSUPPORTED",
            Error::JwtKeyNotFound { .. } => "ERR_JWT_KEY_NOT_FOUND",
            Error::JwtExpired { .. } => "ERR_JWT_EXPIRED",
            Error::JwtNotYetValid { .. } => "ERR_JWT_NOT_YET_VALID",
            Error::JwtClaimInvalid { .. } => "ERR_JWT_CLAIM_INVALID",
            Error::ClientAssertionInvalid { .. } => "ERR_CLIENT_ASSERTION_INVALID",
            // ---- webhook ----
            Error::WebhookSignatureMissing { .. } => "ERR_WEBHOOK_SIGNATURE_MISSING",
            Error::WebhookSignatureMismatch { .. } => "ERR_WEBHOOK_SIGNATURE_MISMATCH",
            Error::WebhookHeaderMalformed { .. } => "ERR_WEBHOOK_HEADER_MALFORMED",
            Error::WebhookTimestampOutOfTolerance { .. } => {
                "ERR_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE"
            }
            Error::WebhookReplayed { .. } => "ERR_WEBHOOK_REPLAYED",
            Error::WebhookSecretInvalid { .. } => "ERR_WEBHOOK_SECRET_INVALID",
            Error::WebhookPayloadNotRaw { .. } => "ERR_WEBHOOK_PAYLOAD_NOT_RAW",
            Error::WebhookPayloadTooLarge { .. } => "ERR_WEBHOOK_PAYLOAD_TOO_LARGE",
            Error::WebhookSchemeUnknown { .. } => "ERR_WEBHOOK_SCHEME_UNKNOWN",
            // ---- oauth and providers ----
            Error::OAuthStateMismatch => "ERR_OAUTH_STATE_MISMATCH",
            Error::OAuthCallbackError { .. } => "ERR_OAUTH_CALLBACK_ERROR",
            Error::OAuthCallbackInvalid { .. } => "ERR_OAUTH_CALLBACK_INVALID",
            Error::OAuthTokenError { .. } => "ERR_OAUTH_TOKEN_ERROR",
            Error::OAuthTokenResponseInvalid { .. } => "ERR_OAUTH_TOKEN_RESPONSE_INVALID",
            Error::UrlInvalid { .. } => "ERR_URL_INVALID",
            Error::UpdoxAuthIncomplete { .. } => "ERR_UPDOX_AUTH_INCOMPLETE",
            Error::UpdoxAuthMixed => "ERR_UPDOX_AUTH_MIXED",
            Error::ApiKeyInvalid { .. } => "ERR_API_KEY_INVALID",
            Error::IpInvalid => "ERR_IP_INVALID",
            Error::CidrInvalid { .. } => "ERR_CIDR_INVALID",
            Error::SecretInBrowser { .. } => "ERR_SECRET_IN_BROWSER",
            // ---- end of codes ----
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::PkceVerifierLength { length } => write!(
                f,
                "PKCE code verifier must be 43 to 128 characters long (RFC 7636 section 4.1), got {length}"
            ),
            Error::PkceVerifierInvalid { position } => write!(
                f,
                "PKCE code verifier has a character outside A-Z a-z 0-9 - . _ ~ at position {position} (RFC 7636 section 4.1)"
            ),
            Error::RandomLength { requested, min, max } => write!(
                f,
                "random value length must be {min} to {max} bytes, got {requested}"
            ),
            Error::RandomUnavailable => {
                f.write_str("the platform's secure random number generator is unavailable")
            }
            Error::InvalidArgument { name, expected } => write!(f, "`{name}` must be {expected}"),
            Error::UnknownOption { call, option } => write!(
                f,
                "{call}: unknown option `{}` (check its spelling against the documentation)",
                echo_safe(option)
            ),
            Error::InputTooLarge { input, size, max } => write!(
                f,
                "{input} is over the {max}-byte limit (at least {size} bytes): refused before parsing; raise the limit only if a legitimate sender needs it"
            ),
            // ---- jose ----
            Error::AlgorithmUnsupported { alg } => write!(
                f,
                "algorithm `{}` is not supported; use one of HS256 HS384 HS512 RS256 RS384 RS512 PS256 PS384 PS512 ES256 ES384 EdDSA (`none` is never accepted)",
                echo_safe(alg)
            ),
            Error::KeyAlgorithmMismatch { alg, key } => {
                write!(f, "algorithm {alg} cannot be used with {key}")
            }
            Error::KeyAlgorithmMissing { key } => {
                write!(f, "say which algorithm to use with {key} (the `alg` option)")
            }
            Error::KeyFormat { reason } => write!(f, "cannot read the key: {reason}"),
            Error::KeyTooWeak { reason } => write!(f, "key too weak: {reason}"),
            Error::KeyUnsupported { reason } => write!(f, "unsupported key: {reason}"),
            Error::KeySymmetric => f.write_str(
                "an HMAC secret has no public form: it cannot be published as a JWK or thumbprint",
            ),
            Error::SigningFailed => f.write_str("the signature could not be computed"),
            Error::JwtMalformed { reason } => write!(f, "malformed token: {reason}"),
            Error::JwtTooLarge { size, max } => {
                write!(f, "token is {size} bytes, more than the {max}-byte limit")
            }
            Error::JwtAlgorithmNotAllowed { alg, reason } => write!(
                f,
                "token algorithm `{}` is not allowed: {reason}",
                echo_safe(alg)
            ),
            Error::JwtSignatureInvalid => f.write_str("token signature is invalid"),
            Error::JwtCritUnsupported { param } => write!(
                f,
                "token marks header parameter `{}` as critical, and it is not understood",
                echo_safe(param)
            ),
            Error::JwtKeyNotFound { kid: Some(kid) } => write!(
                f,
                "no key with kid `{}` fits the token's algorithm",
                echo_safe(kid)
            ),
            Error::JwtKeyNotFound { kid: None } => {
                f.write_str("no key fits the token's algorithm")
            }
            Error::JwtExpired { claim: "exp" } => {
                f.write_str("token has expired (`exp` is past, beyond the leeway)")
            }
            Error::JwtExpired { claim } => write!(
                f,
                "token is too old (`iat` is further back than `{claim}` allows)"
            ),
            Error::JwtNotYetValid { claim } => write!(
                f,
                "token is not valid yet (`{claim}` is in the future, beyond the leeway)"
            ),
            Error::JwtClaimInvalid { claim, reason } => {
                write!(f, "token claim `{claim}` is invalid: {reason}")
            }
            Error::ClientAssertionInvalid { reason } => {
                write!(f, "cannot make the client assertion: {reason}")
            }

            // ---- webhook ----
            Error::WebhookSignatureMissing { header } => write!(
                f,
                "webhook has no `{}` header: was the request sent by the expected provider, and do the headers reach this code unchanged?",
                echo_safe(header)
            ),
            Error::WebhookSignatureMismatch {
                scheme: "redox",
                secrets,
            } => write!(
                f,
                "redox verification-token does not match any of the {secrets} configured token(s)"
            ),
            Error::WebhookSignatureMismatch { scheme, secrets } => write!(
                f,
                "{scheme} webhook signature does not match the payload under any of the {secrets} secret(s): verify the raw request body exactly as received (a Uint8Array or the untouched text, never JSON.stringify of a parsed body, which changes spacing and key order), and check the secret"
            ),
            Error::WebhookHeaderMalformed { header, reason } => write!(
                f,
                "webhook header `{}` is malformed: {reason}",
                echo_safe(header)
            ),
            Error::WebhookTimestampOutOfTolerance {
                age_seconds,
                tolerance_seconds,
            } => {
                if *age_seconds >= 0 {
                    write!(
                        f,
                        "webhook timestamp is {age_seconds} s old, more than the {tolerance_seconds} s tolerance: a replay, or a clock out of sync (raise toleranceSeconds only if the clocks drift)"
                    )
                } else {
                    write!(
                        f,
                        "webhook timestamp is {} s in the future, more than the {tolerance_seconds} s tolerance: check the clocks",
                        age_seconds.unsigned_abs()
                    )
                }
            }
            Error::WebhookReplayed { scheme } => write!(
                f,
                "{scheme} webhook was already received once (same id): refusing the replay"
            ),
            Error::WebhookSecretInvalid { reason } => {
                write!(f, "webhook secret is invalid: {reason}")
            }
            Error::WebhookPayloadNotRaw { got } => write!(
                f,
                "webhook payload must be the raw request body as a Uint8Array or string, got {got}: a parsed JSON body cannot be verified because re-serializing it changes its bytes (read `await request.arrayBuffer()`, or use express.raw() instead of express.json())"
            ),
            Error::WebhookPayloadTooLarge { size, max } => write!(
                f,
                "webhook payload is {size} bytes, over the {max}-byte cap (raise maxPayloadBytes if this provider sends larger bodies)"
            ),
            Error::WebhookSchemeUnknown { scheme } => write!(
                f,
                "unknown webhook scheme `{}`: use one of telesoft, hmac-hex, github, stripe, standard, redox",
                echo_safe(scheme)
            ),
            // ---- oauth and providers ----
            Error::OAuthStateMismatch => f.write_str(
                "OAuth callback `state` is missing or does not match the one sent with the authorization request (possible CSRF; start the flow again)",
            ),
            Error::OAuthCallbackError { error, description } => {
                write!(f, "the authorization server returned error `{error}`")?;
                match description {
                    Some(d) => write!(f, ": {d}"),
                    None => Ok(()),
                }
            }
            Error::OAuthCallbackInvalid { reason } => {
                write!(f, "not a valid OAuth authorization response: {reason}")
            }
            Error::OAuthTokenError {
                status,
                error,
                description,
            } => {
                write!(f, "the token endpoint returned error `{error}` (HTTP {status})")?;
                match description {
                    Some(d) => write!(f, ": {d}"),
                    None => Ok(()),
                }
            }
            Error::OAuthTokenResponseInvalid { status, reason } => write!(
                f,
                "the token endpoint response (HTTP {status}) is not an OAuth token response: {reason}"
            ),
            Error::UrlInvalid { name, reason } => write!(f, "`{name}` is not a usable URL: {reason}"),
            Error::UpdoxAuthIncomplete { missing } => write!(
                f,
                "Updox auth is incomplete: `{missing}` is missing (application auth needs applicationId and applicationPassword, individual auth loginId and loginPassword)"
            ),
            Error::UpdoxAuthMixed => f.write_str(
                "Updox auth mixes application credentials (applicationId, applicationPassword, accountId, userId) with individual ones (loginId, loginPassword): pass one set",
            ),
            Error::ApiKeyInvalid { reason } => write!(
                f,
                "not a Telesoft API key (expected ts_test_ or ts_live_ followed by letters and digits): {reason}"
            ),
            Error::IpInvalid => f.write_str(
                "not an IP address (expected a dotted-quad IPv4 address without leading zeros, or an IPv6 address)",
            ),
            Error::CidrInvalid { index, reason } => write!(
                f,
                "allowlist entry {index} is not a CIDR range (address/prefix): {reason}"
            ),
            Error::SecretInBrowser { what } => write!(
                f,
                "refusing to use {what} in a browser, where any user can read it; do this on a server, or pass `dangerouslyAllowBrowser: true` if you really mean it"
            ),
            // ---- end of messages ----
        }
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    fn one_of_each() -> Vec<Error> {
        vec![
            Error::PkceVerifierLength { length: 1 },
            Error::PkceVerifierInvalid { position: 0 },
            Error::RandomLength {
                requested: 1,
                min: 16,
                max: 256,
            },
            Error::RandomUnavailable,
            Error::InvalidArgument {
                name: "x",
                expected: "a string",
            },
            Error::UnknownOption {
                call: "f",
                option: "y".into(),
            },
            Error::InputTooLarge {
                input: "callback URL",
                size: 2,
                max: 1,
            },
            // ---- jose ----
            Error::AlgorithmUnsupported { alg: "none".into() },
            Error::KeyAlgorithmMismatch {
                alg: "ES384",
                key: "an RSA key",
            },
            Error::KeyAlgorithmMissing { key: "an RSA key" },
            Error::KeyFormat { reason: "x".into() },
            Error::KeyTooWeak { reason: "x" },
            Error::KeyUnsupported { reason: "x" },
            Error::KeySymmetric,
            Error::SigningFailed,
            Error::JwtMalformed { reason: "x" },
            Error::JwtTooLarge { size: 2, max: 1 },
            Error::JwtAlgorithmNotAllowed {
                alg: "none".into(),
                reason: "x",
            },
            Error::JwtSignatureInvalid,
            Error::JwtCritUnsupported {
                param: "b64".into(),
            },
            Error::JwtKeyNotFound { kid: None },
            Error::JwtExpired { claim: "exp" },
            Error::JwtNotYetValid { claim: "nbf" },
            Error::JwtClaimInvalid {
                claim: "aud",
                reason: "x",
            },
            Error::ClientAssertionInvalid { reason: "x" },
            // ---- webhook ----
            Error::WebhookSignatureMissing {
                header: "webhook-signature".into(),
            },
            Error::WebhookSignatureMismatch {
                scheme: "telesoft",
                secrets: 1,
            },
            Error::WebhookHeaderMalformed {
                header: "stripe-signature".into(),
                reason: "no t= timestamp",
            },
            Error::WebhookTimestampOutOfTolerance {
                age_seconds: -301,
                tolerance_seconds: 300,
            },
            Error::WebhookReplayed { scheme: "standard" },
            Error::WebhookSecretInvalid { reason: "empty" },
            Error::WebhookPayloadNotRaw { got: "an object" },
            Error::WebhookPayloadTooLarge { size: 2, max: 1 },
            Error::WebhookSchemeUnknown {
                scheme: "svix".into(),
            },
            // ---- oauth and providers ----
            Error::OAuthStateMismatch,
            Error::OAuthCallbackError {
                error: "access_denied".into(),
                description: None,
            },
            Error::OAuthCallbackInvalid { reason: "no code" },
            Error::OAuthTokenError {
                status: 400,
                error: "invalid_grant".into(),
                description: Some("expired".into()),
            },
            Error::OAuthTokenResponseInvalid {
                status: 200,
                reason: "not JSON",
            },
            Error::UrlInvalid {
                name: "tokenEndpoint",
                reason: "not https",
            },
            Error::UpdoxAuthIncomplete {
                missing: "loginPassword",
            },
            Error::UpdoxAuthMixed,
            Error::ApiKeyInvalid { reason: "prefix" },
            Error::IpInvalid,
            Error::CidrInvalid {
                index: 0,
                reason: "prefix",
            },
            Error::SecretInBrowser {
                what: "a client secret",
            },
            // ---- end of oauth and providers ----
            // ---- end of samples ----
        ]
    }

    #[test]
    fn codes_are_listed_unique_and_well_formed() {
        let errors = one_of_each();
        assert_eq!(
            errors.len(),
            Error::CODES.len(),
            "a variant is missing from one_of_each"
        );
        for e in &errors {
            assert!(
                Error::CODES.contains(&e.code()),
                "{} not in CODES",
                e.code()
            );
            assert!(e.code().starts_with("ERR_"));
            assert!(e
                .code()
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b == b'_'));
            assert!(!e.to_string().is_empty());
        }
        let mut sorted = Error::CODES.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), Error::CODES.len(), "duplicate code");
    }

    #[test]
    fn echo_safe_keeps_printable_ascii_and_bounds_the_rest() {
        assert_eq!(echo_safe("svix"), "svix");
        assert_eq!(echo_safe("a b~!"), "a b~!");
        // Line breaks and control characters cannot start a new log line.
        assert_eq!(echo_safe("x\nERROR forged\r\t\0"), "x?ERROR forged???");
        // Non-ASCII (bidi overrides, homoglyphs) is replaced character by character.
        assert_eq!(echo_safe("caf\u{e9}\u{202e}\u{1F600}"), "caf???");
        // Long input is cut at 40 characters and says so.
        let long = "s".repeat(10_000);
        let cut = echo_safe(&long);
        assert_eq!(cut, format!("{}...", "s".repeat(MAX_ECHOED_CHARS)));
        assert_eq!(echo_safe(&"s".repeat(MAX_ECHOED_CHARS)), "s".repeat(40));
        assert_eq!(
            echo_safe(&"\n".repeat(41)),
            format!("{}...", "?".repeat(40))
        );
        // Idempotent, so a message may apply it to a field that already went through it.
        for text in ["svix", "a\nb", &long, &"\u{e9}".repeat(50)] {
            assert_eq!(echo_safe(&echo_safe(text)), echo_safe(text));
        }
        assert_eq!(echo_safe(""), "");
    }

    #[test]
    fn caller_supplied_text_is_echoed_safely_by_every_variant() {
        let hostile = format!(
            "evil\n2026-01-01 ERROR admin login\u{202e}{}",
            "x".repeat(500)
        );
        let errors = [
            Error::UnknownOption {
                call: "verifyWebhook",
                option: hostile.clone(),
            },
            Error::AlgorithmUnsupported {
                alg: hostile.clone(),
            },
            Error::JwtAlgorithmNotAllowed {
                alg: hostile.clone(),
                reason: "x",
            },
            Error::JwtCritUnsupported {
                param: hostile.clone(),
            },
            Error::JwtKeyNotFound {
                kid: Some(hostile.clone()),
            },
            Error::WebhookSignatureMissing {
                header: hostile.clone(),
            },
            Error::WebhookHeaderMalformed {
                header: hostile.clone(),
                reason: "x",
            },
            Error::WebhookSchemeUnknown {
                scheme: hostile.clone(),
            },
        ];
        for e in errors {
            let message = e.to_string();
            assert!(!message.contains('\n') && message.is_ascii(), "{message}");
            assert!(message.contains(&echo_safe(&hostile)), "{message}");
            assert!(!message.contains(&"x".repeat(41)), "{message}");
        }
    }

    #[test]
    fn typescript_declarations_list_exactly_these_codes() {
        let dts = include_str!("../pkg/index.d.ts");
        let start = dts
            .find("export type HealthAuthErrorCode")
            .expect("code union in index.d.ts");
        let union = &dts[start
            ..dts[start..]
                .find(';')
                .map(|i| start + i)
                .expect("end of union")];
        let declared: Vec<&str> = union.split('"').skip(1).step_by(2).collect();
        // Codes only the JS layer raises (no core operation can fail that way).
        const JS_ONLY: &[&str] = &[
            "ERR_NOT_INITIALIZED",
            "ERR_TOKEN_ENDPOINT_UNAVAILABLE",
            "ERR_TOKEN_ENDPOINT_REDIRECTED",
            "ERR_REAUTHENTICATION_REQUIRED",
            // The in-memory replay store is JS I/O; a Rust user brings their own store.
            "ERR_WEBHOOK_REPLAY_STORE_FULL",
        ];
        let mut expected = [Error::CODES, JS_ONLY].concat();
        expected.sort_unstable();
        let mut declared_sorted = declared.clone();
        declared_sorted.sort_unstable();
        assert_eq!(declared_sorted, expected);
    }
}
