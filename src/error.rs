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
    // (oauth and provider variants go here)

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
        const JS_ONLY: &[&str] = &["ERR_NOT_INITIALIZED"];
        let mut expected = [Error::CODES, JS_ONLY].concat();
        expected.sort_unstable();
        let mut declared_sorted = declared.clone();
        declared_sorted.sort_unstable();
        assert_eq!(declared_sorted, expected);
    }
}
