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
        /// The unknown property name.
        option: String,
    },
    // ---- jose (keys, JWS, JWT, client assertions) ------------------------------------------
    // (jose variants go here)

    // ---- webhook ------------------------------------------------------------------------------
    // (webhook variants go here)

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

impl Error {
    /// Every code [`Error::code`] can return, for documentation and exhaustiveness checks.
    pub const CODES: &'static [&'static str] = &[
        "ERR_PKCE_VERIFIER_LENGTH",
        "ERR_PKCE_VERIFIER_INVALID",
        "ERR_RANDOM_LENGTH",
        "ERR_RANDOM_UNAVAILABLE",
        "ERR_INVALID_ARGUMENT",
        "ERR_UNKNOWN_OPTION",
        // ---- jose ----

        // ---- webhook ----

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
            // ---- jose ----

            // ---- webhook ----

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
                "{call}: unknown option `{option}` (check its spelling against the documentation)"
            ),
            // ---- jose ----

            // ---- webhook ----

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
        const JS_ONLY: &[&str] = &["ERR_NOT_INITIALIZED", "ERR_TOKEN_ENDPOINT_UNAVAILABLE"];
        let mut expected = [Error::CODES, JS_ONLY].concat();
        expected.sort_unstable();
        let mut declared_sorted = declared.clone();
        declared_sorted.sort_unstable();
        assert_eq!(declared_sorted, expected);
    }
}
