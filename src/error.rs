//! One error type for the whole library, with a stable machine-readable code per variant.
//!
//! Every error is declared once, in the table at the bottom of this file: its variant, fields,
//! code and message. The table yields the enum, [`Error::code`], [`Error::CODES`], `Display`,
//! structured [`Error::details`], and [`Error::TABLE`], from which the TypeScript declarations
//! (`pkg/error-codes.d.ts`) and the WIT `types` interface are generated (`tests/generated.rs`
//! fails when either is stale).
//!
//! Messages say what was wrong with an input and how to fix it, in words that fit every host
//! (no option names of one binding); they never contain the input itself when the input may be
//! secret (verifiers, keys, tokens, payloads).

use core::fmt;

/// The kind of value a detail field holds, for generated declarations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DetailKind {
    /// Text.
    Text,
    /// A whole number.
    Integer,
}

/// One structured detail of an error (a field of its variant), for bindings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detail {
    /// A text field.
    Text(String),
    /// An integer field.
    Integer(i64),
}

/// A field type that can be reported as a [`Detail`].
pub trait IntoDetail {
    /// The kind of value.
    const KIND: DetailKind;
    /// Whether the field may be absent.
    const OPTIONAL: bool = false;
    /// The value, `None` when absent.
    fn detail(&self) -> Option<Detail>;
}

macro_rules! integer_detail {
    ($($t:ty),*) => {$(
        impl IntoDetail for $t {
            const KIND: DetailKind = DetailKind::Integer;
            fn detail(&self) -> Option<Detail> {
                Some(Detail::Integer(i64::try_from(*self).unwrap_or(i64::MAX)))
            }
        }
    )*};
}
integer_detail!(usize, u16, u64, i64);

impl IntoDetail for String {
    const KIND: DetailKind = DetailKind::Text;
    fn detail(&self) -> Option<Detail> {
        Some(Detail::Text(self.clone()))
    }
}

impl IntoDetail for &'static str {
    const KIND: DetailKind = DetailKind::Text;
    fn detail(&self) -> Option<Detail> {
        Some(Detail::Text((*self).to_owned()))
    }
}

impl<T: IntoDetail> IntoDetail for Option<T> {
    const KIND: DetailKind = T::KIND;
    const OPTIONAL: bool = true;
    fn detail(&self) -> Option<Detail> {
        self.as_ref().and_then(IntoDetail::detail)
    }
}

/// A field of an error variant, as declared in the table.
#[derive(Debug, Clone, Copy)]
pub struct FieldSpec {
    /// The field name (snake_case).
    pub name: &'static str,
    /// What it holds.
    pub kind: DetailKind,
    /// Whether it may be absent.
    pub optional: bool,
    /// Its documentation.
    pub doc: &'static str,
}

/// An error variant as declared in the table: what generated declarations are made from.
#[derive(Debug, Clone, Copy)]
pub struct ErrorSpec {
    /// The stable code, such as `ERR_PKCE_VERIFIER_LENGTH`.
    pub code: &'static str,
    /// The Rust variant name.
    pub variant: &'static str,
    /// The section of the table it belongs to (`jose`, `webhook`, ...).
    pub section: &'static str,
    /// Its documentation.
    pub doc: &'static str,
    /// Its fields.
    pub fields: &'static [FieldSpec],
}

/// Declares every error once; see the module documentation.
macro_rules! errors {
    ($(
        @section $section:literal;
        $(
            $(#[doc = $doc:literal])*
            $variant:ident $({ $( $(#[doc = $fdoc:literal])* $field:ident : $ty:ty ),* $(,)? })?
                = $code:literal => |$f:ident| $message:expr;
        )*
    )*) => {
        /// Every failure healthauth reports.
        ///
        /// Match on the variant in Rust, or on [`Error::code`] across language boundaries: the
        /// codes are part of the public contract and never change meaning.
        #[derive(Debug, Clone, PartialEq, Eq)]
        #[non_exhaustive]
        pub enum Error {
            $($(
                $(#[doc = $doc])*
                $variant $({ $( $(#[doc = $fdoc])* $field: $ty ),* })?,
            )*)*
        }

        impl Error {
            /// Every code [`Error::code`] can return (and the few only the JS layer raises),
            /// in table order.
            pub const CODES: &'static [&'static str] = &[$($($code),*),*];

            /// The table itself, for generated declarations and documentation.
            pub const TABLE: &'static [ErrorSpec] = &[$($(
                ErrorSpec {
                    code: $code,
                    variant: stringify!($variant),
                    section: $section,
                    doc: concat!($($doc, "\n"),*),
                    fields: &[$($(
                        FieldSpec {
                            name: stringify!($field),
                            kind: <$ty as IntoDetail>::KIND,
                            optional: <$ty as IntoDetail>::OPTIONAL,
                            doc: concat!($($fdoc, "\n"),*),
                        }
                    ),*)?],
                },
            )*)*];

            /// The stable code of this error, such as `ERR_PKCE_VERIFIER_LENGTH`.
            pub fn code(&self) -> &'static str {
                match self {
                    $($(Error::$variant { .. } => $code,)*)*
                }
            }

            /// The variant's fields as `(name, value)` pairs (absent optional fields left out):
            /// what a binding attaches to the error it throws.
            pub fn details(&self) -> Vec<(&'static str, Detail)> {
                let mut out = Vec::new();
                match self {
                    $($(
                        #[allow(unused_variables)]
                        Error::$variant $({ $($field),* })? => {
                            $($(
                                if let Some(value) = IntoDetail::detail($field) {
                                    out.push((stringify!($field), value));
                                }
                            )*)?
                        }
                    )*)*
                }
                out
            }
        }

        impl fmt::Display for Error {
            fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self {
                    $($(
                        Error::$variant $({ $($field),* })? => {
                            let $f = &mut *formatter;
                            $message
                        }
                    )*)*
                }
            }
        }

        #[cfg(test)]
        impl Error {
            /// One value of every variant, with sample fields.
            fn samples() -> Vec<Error> {
                vec![$($(
                    Error::$variant $({ $($field: Sample::sample()),* })?,
                )*)*]
            }
        }
    };
}

/// Shorthand for results whose error is [`Error`].
pub type Result<T, E = Error> = core::result::Result<T, E>;

impl std::error::Error for Error {}

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

errors! {
    @section "pkce";
    /// A PKCE code verifier (given, or requested from the generator) whose length is outside
    /// RFC 7636's 43..=128 characters.
    PkceVerifierLength {
        /// The length that was given or requested.
        length: usize,
    } = "ERR_PKCE_VERIFIER_LENGTH" => |f| write!(
        f,
        "PKCE code verifier must be 43 to 128 characters long (RFC 7636 section 4.1), got {length}"
    );
    /// A PKCE code verifier with a character outside RFC 7636's unreserved alphabet
    /// (`A-Z a-z 0-9 - . _ ~`).
    PkceVerifierInvalid {
        /// Zero-based character position of the first offending character.
        position: usize,
    } = "ERR_PKCE_VERIFIER_INVALID" => |f| write!(
        f,
        "PKCE code verifier has a character outside A-Z a-z 0-9 - . _ ~ at position {position} (RFC 7636 section 4.1)"
    );
    /// A random value (state, nonce) requested with a byte count outside the allowed range.
    RandomLength {
        /// The byte count that was requested.
        requested: usize,
        /// The smallest allowed byte count.
        min: usize,
        /// The largest allowed byte count.
        max: usize,
    } = "ERR_RANDOM_LENGTH" => |f| write!(
        f,
        "random value length must be {min} to {max} bytes, got {requested}"
    );
    /// The platform's cryptographically secure random generator failed.
    RandomUnavailable = "ERR_RANDOM_UNAVAILABLE" => |f| {
        f.write_str("the platform's secure random number generator is unavailable")
    };
    /// An argument of the wrong type or shape, usually from a dynamically typed caller.
    InvalidArgument {
        /// The argument or option name.
        name: &'static str,
        /// What was expected instead.
        expected: &'static str,
    } = "ERR_INVALID_ARGUMENT" => |f| write!(f, "`{name}` must be {expected}");
    /// An options object with a property this call does not know (often a typo).
    UnknownOption {
        /// The call that received the options.
        call: &'static str,
        /// The unknown property name (through [`echo_safe`]: printable, at most 40 characters).
        option: String,
        /// The option it most likely means, if one is close (`crate::suggest`).
        suggestion: Option<&'static str>,
    } = "ERR_UNKNOWN_OPTION" => |f| {
        write!(f, "{call}: unknown option `{}`", echo_safe(option))?;
        match suggestion {
            Some(s) => write!(f, ": did you mean `{s}`?"),
            None => f.write_str(" (check its spelling against the documentation)"),
        }
    };
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
    } = "ERR_INPUT_TOO_LARGE" => |f| write!(
        f,
        "{input} is over the {max}-byte limit (at least {size} bytes): refused before parsing; raise the limit only if a legitimate sender needs it"
    );
    @section "jose";
    /// A JWS algorithm name healthauth does not implement (`none` included, on purpose).
    AlgorithmUnsupported {
        /// The name given (through [`echo_safe`]: printable, at most 40 characters).
        alg: String,
    } = "ERR_ALG_UNSUPPORTED" => |f| write!(
        f,
        "algorithm `{}` is not supported; use one of HS256 HS384 HS512 RS256 RS384 RS512 PS256 PS384 PS512 ES256 ES384 EdDSA (`none` is never accepted)",
        echo_safe(alg)
    );
    /// A key that cannot be used with the requested algorithm (e.g. `ES384` with an RSA key).
    KeyAlgorithmMismatch {
        /// The requested algorithm.
        alg: &'static str,
        /// What the key is and which algorithms it fits.
        key: &'static str,
    } = "ERR_KEY_ALG_MISMATCH" => |f| {
        write!(f, "algorithm {alg} cannot be used with {key}")
    };
    /// An RSA or HMAC key given without the algorithm to use it with.
    KeyAlgorithmMissing {
        /// What the key is and which algorithms it fits.
        key: &'static str,
    } = "ERR_KEY_ALG_MISSING" => |f| {
        write!(f, "say which algorithm to use with {key} (the `alg` option)")
    };
    /// Key material that could not be read. The reason says what was found and how to
    /// convert it; it never contains key bytes.
    KeyFormat {
        /// What was wrong.
        reason: String,
    } = "ERR_KEY_FORMAT" => |f| write!(f, "cannot read the key: {reason}");
    /// A key below the minimum strength (RSA under 2048 bits, an HMAC secret shorter than
    /// the hash).
    KeyTooWeak {
        /// Which rule was broken.
        reason: &'static str,
    } = "ERR_KEY_TOO_WEAK" => |f| write!(f, "key too weak: {reason}");
    /// A well-formed key of a kind healthauth does not sign or verify with.
    KeyUnsupported {
        /// What kind of key it is.
        reason: &'static str,
    } = "ERR_KEY_UNSUPPORTED" => |f| write!(f, "unsupported key: {reason}");
    /// A public form (JWK, thumbprint) asked of an HMAC secret, which has none.
    KeySymmetric = "ERR_KEY_SYMMETRIC" => |f| f.write_str(
        "an HMAC secret has no public form: it cannot be published as a JWK or thumbprint",
    );
    /// The signature primitive failed (it should not; reported rather than panicking).
    SigningFailed = "ERR_SIGNING_FAILED" => |f| f.write_str("the signature could not be computed");
    /// A compact JWS/JWT that does not parse.
    JwtMalformed {
        /// What was wrong.
        reason: &'static str,
    } = "ERR_JWT_MALFORMED" => |f| write!(f, "malformed token: {reason}");
    /// A token larger than the configured cap, refused before parsing.
    JwtTooLarge {
        /// Its size in bytes.
        size: usize,
        /// The cap in bytes.
        max: usize,
    } = "ERR_JWT_TOO_LARGE" => |f| {
        write!(f, "token is {size} bytes, more than the {max}-byte limit")
    };
    /// A token whose `alg` is `none`, outside the allow-list, or not what the key is for.
    JwtAlgorithmNotAllowed {
        /// The token's `alg` (through [`echo_safe`]: printable, at most 40 characters).
        alg: String,
        /// Why it was refused.
        reason: &'static str,
    } = "ERR_JWT_ALG_NOT_ALLOWED" => |f| write!(
        f,
        "token algorithm `{}` is not allowed: {reason}",
        echo_safe(alg)
    );
    /// A signature that does not verify.
    JwtSignatureInvalid = "ERR_JWT_SIGNATURE_INVALID" => |f| f.write_str("token signature is invalid");
    /// A `crit` header naming an extension healthauth does not understand (RFC 7515 §4.1.11).
    JwtCritUnsupported {
        /// The extension name (through [`echo_safe`]: printable, at most 40 characters).
        param: String,
    } = "ERR_JWT_CRIT_UNSUPPORTED" => |f| write!(
        f,
        "token marks header parameter `{}` as critical, and it is not understood",
        echo_safe(param)
    );
    /// No key in the given set fits the token's `kid` and `alg`.
    JwtKeyNotFound {
        /// The token's `kid`, if it had one (through [`echo_safe`]: printable, at most 40
        /// characters).
        kid: Option<String>,
    } = "ERR_JWT_KEY_NOT_FOUND" => |f| match kid {
        Some(kid) => write!(
            f,
            "no key with kid `{}` fits the token's algorithm",
            echo_safe(kid)
        ),
        None => f.write_str("no key fits the token's algorithm"),
    };
    /// A token past its `exp` (plus leeway), older than the allowed maximum age, or an ID
    /// token whose user authenticated longer ago than the maximum authentication age.
    JwtExpired {
        /// Which limit was passed: `exp`, `maxAge` (of `iat`) or `auth_time` (an ID token's
        /// maximum authentication age).
        claim: &'static str,
    } = "ERR_JWT_EXPIRED" => |f| match *claim {
        "exp" => f.write_str("token has expired (`exp` is past, beyond the leeway)"),
        "auth_time" => f.write_str(
            "the user signed in longer ago than the maximum authentication age allows (`auth_time`): ask them to sign in again",
        ),
        claim => write!(
            f,
            "token is too old (`iat` is further back than `{claim}` allows)"
        ),
    };
    /// A token before its `nbf`, or issued (`iat`) in the future, beyond the leeway.
    JwtNotYetValid {
        /// Which claim: `nbf` or `iat`.
        claim: &'static str,
    } = "ERR_JWT_NOT_YET_VALID" => |f| write!(
        f,
        "token is not valid yet (`{claim}` is in the future, beyond the leeway)"
    );
    /// A claim that is missing, of the wrong type, or not the expected value.
    JwtClaimInvalid {
        /// The claim name.
        claim: &'static str,
        /// What was wrong.
        reason: &'static str,
    } = "ERR_JWT_CLAIM_INVALID" => |f| {
        write!(f, "token claim `{claim}` is invalid: {reason}")
    };
    /// Client assertion options that break RFC 7523 / SMART Backend Services rules.
    ClientAssertionInvalid {
        /// Which rule was broken.
        reason: &'static str,
    } = "ERR_CLIENT_ASSERTION_INVALID" => |f| {
        write!(f, "cannot make the client assertion: {reason}")
    };
    /// A DPoP proof (RFC 9449) that breaks a rule of section 4.3: not a `dpop+jwt`, a
    /// symmetric algorithm, no public `jwk` or a private one in its header, a missing claim,
    /// `htm`/`htu`/`ath` not matching the request, an `iat` too old or in the future, or a key
    /// other than the one the access token is bound to. A resource server answers
    /// `invalid_dpop_proof`.
    DpopProofInvalid {
        /// Which rule was broken.
        reason: &'static str,
    } = "ERR_DPOP_PROOF_INVALID" => |f| write!(f, "invalid DPoP proof: {reason}");
    /// A DPoP proof without the server's current nonce, or with another one (RFC 9449
    /// section 8): a server answers `use_dpop_nonce` with a fresh `DPoP-Nonce`, and the client
    /// makes a new proof with it.
    DpopNonceInvalid = "ERR_DPOP_NONCE_INVALID" => |f| f.write_str(
        "the DPoP proof does not carry the server's current nonce: answer use_dpop_nonce with a fresh DPoP-Nonce header",
    );
    @section "webhook";
    /// A webhook arrived without the header (or header field) that carries its signature or
    /// signed metadata.
    WebhookSignatureMissing {
        /// The header (or field) that was looked for, such as `webhook-signature`.
        header: String,
    } = "ERR_WEBHOOK_SIGNATURE_MISSING" => |f| write!(
        f,
        "webhook has no `{}` header: was the request sent by the expected provider, and do the headers reach this code unchanged?",
        echo_safe(header)
    );
    /// No signature in the webhook matches the raw payload under any of the configured secrets.
    WebhookSignatureMismatch {
        /// The scheme that was verified, such as `telesoft`.
        scheme: &'static str,
        /// How many secrets (keys) were tried.
        secrets: usize,
    } = "ERR_WEBHOOK_SIGNATURE_MISMATCH" => |f| match *scheme {
        "redox" => write!(
            f,
            "redox verification-token does not match any of the {secrets} configured token(s)"
        ),
        scheme => write!(
            f,
            "{scheme} webhook signature does not match the payload under any of the {secrets} secret(s): verify the raw request body exactly as received (its bytes or the untouched text, never a re-serialized parsed body, which changes spacing and key order), and check the secret"
        ),
    };
    /// A webhook signature header whose structure cannot be read (a missing prefix, a
    /// non-numeric timestamp, a list item without its version).
    WebhookHeaderMalformed {
        /// The header (or field) at fault.
        header: String,
        /// What is wrong with it.
        reason: &'static str,
    } = "ERR_WEBHOOK_HEADER_MALFORMED" => |f| write!(
        f,
        "webhook header `{}` is malformed: {reason}",
        echo_safe(header)
    );
    /// A correctly signed webhook whose timestamp is further from `now` than the tolerance.
    WebhookTimestampOutOfTolerance {
        /// `now - timestamp` in seconds: positive when the webhook is old, negative when it is
        /// from the future.
        age_seconds: i64,
        /// The tolerance in seconds.
        tolerance_seconds: u64,
    } = "ERR_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE" => |f| {
        if *age_seconds >= 0 {
            write!(
                f,
                "webhook timestamp is {age_seconds} s old, more than the {tolerance_seconds} s tolerance: a replay, or a clock out of sync (raise the tolerance only if the clocks drift)"
            )
        } else {
            write!(
                f,
                "webhook timestamp is {} s in the future, more than the {tolerance_seconds} s tolerance: check the clocks",
                age_seconds.unsigned_abs()
            )
        }
    };
    /// A webhook whose id (or timestamp and signature) was already accepted once.
    WebhookReplayed {
        /// The scheme that was verified.
        scheme: &'static str,
    } = "ERR_WEBHOOK_REPLAYED" => |f| write!(
        f,
        "{scheme} webhook was already received once (same id): refusing the replay"
    );
    /// A webhook secret or key that cannot be used as given.
    WebhookSecretInvalid {
        /// What is wrong with it (never the secret itself).
        reason: &'static str,
    } = "ERR_WEBHOOK_SECRET_INVALID" => |f| {
        write!(f, "webhook secret is invalid: {reason}")
    };
    /// A webhook payload that is not the raw body (a parsed object instead of bytes or text).
    WebhookPayloadNotRaw {
        /// The kind of value that was passed instead (`an object`, `undefined`, `a DataView`…).
        got: &'static str,
    } = "ERR_WEBHOOK_PAYLOAD_NOT_RAW" => |f| match *got {
        "an object" | "an array" => write!(
            f,
            "webhook payload must be the raw request body as bytes or text, got {got}: a parsed JSON body cannot be verified because re-serializing it changes its bytes"
        ),
        "undefined" | "null" => write!(
            f,
            "webhook payload is missing (got {got}): pass the raw request body as bytes or text"
        ),
        "a DataView" | "a typed array other than bytes" => write!(
            f,
            "webhook payload must be bytes (a byte array or buffer) or text, got {got}: pass the same bytes as a byte array"
        ),
        got => write!(
            f,
            "webhook payload must be the raw request body as bytes or text, got {got}"
        ),
    };
    /// A webhook payload over the configured size cap.
    WebhookPayloadTooLarge {
        /// The payload size in bytes.
        size: usize,
        /// The cap in bytes.
        max: usize,
    } = "ERR_WEBHOOK_PAYLOAD_TOO_LARGE" => |f| write!(
        f,
        "webhook payload is {size} bytes, over the {max}-byte cap (raise the cap only if this provider sends larger bodies)"
    );
    /// A webhook scheme name this library does not know.
    WebhookSchemeUnknown {
        /// The name that was given (through [`echo_safe`]: printable, at most 40 characters).
        scheme: String,
    } = "ERR_WEBHOOK_SCHEME_UNKNOWN" => |f| write!(
        f,
        "unknown webhook scheme `{}`: use one of telesoft, hmac-hex, github, stripe, standard, redox",
        echo_safe(scheme)
    );
    @section "oauth";
    /// An OAuth callback whose `state` is missing or differs from the one this client sent
    /// (a forged or replayed redirect, RFC 6749 §10.12).
    OAuthStateMismatch = "ERR_OAUTH_STATE_MISMATCH" => |f| f.write_str(
        "OAuth callback `state` is missing or does not match the one sent with the authorization request (possible CSRF; start the flow again)",
    );
    /// The authorization server redirected back with an `error` (RFC 6749 §4.1.2.1).
    OAuthCallbackError {
        /// The provider's error code, such as `access_denied` (sanitized, bounded).
        error: String,
        /// The provider's `error_description`, if any (sanitized, bounded).
        description: Option<String>,
    } = "ERR_OAUTH_CALLBACK_ERROR" => |f| {
        write!(f, "the authorization server returned error `{error}`")?;
        match description {
            Some(d) => write!(f, ": {d}"),
            None => Ok(()),
        }
    };
    /// A callback URL that cannot be an authorization response (no `code`, a repeated
    /// parameter, bad percent-encoding).
    OAuthCallbackInvalid {
        /// What is wrong with it.
        reason: &'static str,
    } = "ERR_OAUTH_CALLBACK_INVALID" => |f| {
        write!(f, "not a valid OAuth authorization response: {reason}")
    };
    /// The token endpoint answered with an RFC 6749 §5.2 error.
    OAuthTokenError {
        /// The HTTP status of the response.
        status: u16,
        /// The provider's error code, such as `invalid_grant` (sanitized, bounded).
        error: String,
        /// The provider's `error_description`, if any (sanitized, bounded).
        description: Option<String>,
    } = "ERR_OAUTH_TOKEN_ERROR" => |f| {
        write!(f, "the token endpoint returned error `{error}` (HTTP {status})")?;
        match description {
            Some(d) => write!(f, ": {d}"),
            None => Ok(()),
        }
    };
    /// A token endpoint response that is neither a token (RFC 6749 §5.1) nor an error (§5.2).
    OAuthTokenResponseInvalid {
        /// The HTTP status of the response.
        status: u16,
        /// What is wrong with it.
        reason: &'static str,
    } = "ERR_OAUTH_TOKEN_RESPONSE_INVALID" => |f| write!(
        f,
        "the token endpoint response (HTTP {status}) is not an OAuth token response: {reason}"
    );
    /// A pushed-authorization-request, revocation or introspection endpoint answered with an
    /// RFC 6749 section 5.2 error (RFC 9126 section 2.3, RFC 7009 section 2.2.1, RFC 7662
    /// section 2.3).
    OAuthEndpointError {
        /// Which endpoint: `pushed authorization request`, `revocation` or `introspection`.
        endpoint: &'static str,
        /// The HTTP status of the response.
        status: u16,
        /// The provider's error code, such as `invalid_request` (sanitized, bounded).
        error: String,
        /// The provider's `error_description`, if any (sanitized, bounded).
        description: Option<String>,
    } = "ERR_OAUTH_ENDPOINT_ERROR" => |f| {
        write!(f, "the {endpoint} endpoint returned error `{error}` (HTTP {status})")?;
        match description {
            Some(d) => write!(f, ": {d}"),
            None => Ok(()),
        }
    };
    /// A pushed-authorization-request, revocation or introspection response that is neither
    /// the success its specification defines nor an RFC 6749 error.
    OAuthResponseInvalid {
        /// Which endpoint: `pushed authorization request`, `revocation` or `introspection`.
        endpoint: &'static str,
        /// The HTTP status of the response.
        status: u16,
        /// What is wrong with it.
        reason: &'static str,
    } = "ERR_OAUTH_RESPONSE_INVALID" => |f| write!(
        f,
        "the {endpoint} response (HTTP {status}) is not valid: {reason}"
    );
    /// A URL option that is not an absolute `https` URL (or `http` on loopback).
    UrlInvalid {
        /// The option name.
        name: &'static str,
        /// What is wrong with it.
        reason: &'static str,
    } = "ERR_URL_INVALID" => |f| write!(f, "`{name}` is not a usable URL: {reason}");
    /// An Updox auth object with a field of a pair missing.
    UpdoxAuthIncomplete {
        /// The missing field.
        missing: &'static str,
    } = "ERR_UPDOX_AUTH_INCOMPLETE" => |f| write!(
        f,
        "Updox auth is incomplete: `{missing}` is missing (application auth needs applicationId and applicationPassword, individual auth loginId and loginPassword)"
    );
    /// An Updox auth object mixing application and individual credentials.
    UpdoxAuthMixed = "ERR_UPDOX_AUTH_MIXED" => |f| f.write_str(
        "Updox auth mixes application credentials (applicationId, applicationPassword, accountId, userId) with individual ones (loginId, loginPassword): pass one set",
    );
    /// A Telesoft API key that is not `ts_test_…` or `ts_live_…` with a well-formed body.
    ApiKeyInvalid {
        /// What is wrong with it.
        reason: &'static str,
    } = "ERR_API_KEY_INVALID" => |f| write!(
        f,
        "not a Telesoft API key (expected ts_test_ or ts_live_ followed by letters and digits): {reason}"
    );
    /// An IP address that is not a strict IPv4 dotted quad or an IPv6 address.
    IpInvalid = "ERR_IP_INVALID" => |f| f.write_str(
        "not an IP address (expected a dotted-quad IPv4 address without leading zeros, or an IPv6 address)",
    );
    /// A CIDR entry that is not `address/prefix` (or a bare address) with a valid prefix and
    /// no host bits set.
    CidrInvalid {
        /// Zero-based position of the entry in the list.
        index: usize,
        /// What is wrong with it.
        reason: &'static str,
    } = "ERR_CIDR_INVALID" => |f| write!(
        f,
        "allowlist entry {index} is not a CIDR range (address/prefix): {reason}"
    );
    /// A long-lived secret (client secret, private key, live API key) used in a browser without
    /// `dangerouslyAllowBrowser: true`.
    SecretInBrowser {
        /// What was refused.
        what: &'static str,
    } = "ERR_SECRET_IN_BROWSER" => |f| write!(
        f,
        "refusing to use {what} in a browser, where any user can read it; do this on a server, or pass `dangerouslyAllowBrowser: true` if you really mean it"
    );

    /// A server whose discovery document does not advertise what the client needs, such as
    /// SMART Backend Services without `client-confidential-asymmetric` or `private_key_jwt`
    /// with RS384 or ES384.
    DiscoveryUnsupported {
        /// What is missing.
        reason: &'static str,
    } = "ERR_DISCOVERY_UNSUPPORTED" => |f| {
        write!(f, "the server does not support this client: {reason}")
    };

    @section "smart";
    /// A scope that starts like a SMART resource scope (`patient/`, `user/`, `system/`) and
    /// breaks its grammar (SMART App Launch v2 section 3: `context/Resource.permissions` with
    /// v1 `read`, `write`, `*` or v2 `cruds` in order, and a query only in v2), or a scope
    /// string outside RFC 6749 section 3.3.
    ScopeInvalid {
        /// The scope token (through [`echo_safe`]: printable, at most 40 characters).
        scope: String,
        /// What is wrong with it.
        reason: &'static str,
    } = "ERR_SCOPE_INVALID" => |f| write!(
        f,
        "scope `{}` is not a valid SMART scope: {reason}",
        echo_safe(scope)
    );

    @section "discovery";
    /// A discovery document (`.well-known/smart-configuration`, `openid-configuration`,
    /// `oauth-authorization-server`) that cannot be used: not a JSON object, a required member
    /// missing, or a member of the wrong type.
    DiscoveryInvalid {
        /// What is wrong with it.
        reason: &'static str,
    } = "ERR_DISCOVERY_INVALID" => |f| {
        write!(f, "the discovery document cannot be used: {reason}")
    };
    /// An OpenID Connect or RFC 8414 discovery document whose `issuer` is not the issuer it was
    /// fetched for (OpenID Connect Discovery section 4.3, RFC 8414 section 3.3): its endpoints
    /// may be an attacker's (a mix-up attack).
    DiscoveryIssuerMismatch {
        /// The issuer the document was fetched for (through [`echo_safe`]).
        expected: String,
        /// The document's `issuer`, if any (through [`echo_safe`]).
        actual: String,
    } = "ERR_DISCOVERY_ISSUER_MISMATCH" => |f| write!(
        f,
        "the discovery document's issuer `{}` is not `{}`, the issuer it was fetched for: they must be identical, character for character",
        echo_safe(actual),
        echo_safe(expected)
    );
    /// A discovery document offering PKCE only with `plain`, which SMART App Launch v2 and
    /// RFC 9700 forbid: the code challenge would be the verifier itself.
    DiscoveryPkcePlainOnly = "ERR_DISCOVERY_PKCE_PLAIN_ONLY" => |f| f.write_str(
        "the server offers PKCE only with the plain method; S256 is required (SMART App Launch v2, RFC 9700 section 2.1.1)",
    );

    @section "js";
    /// A call before the WebAssembly module was loaded (browsers: `await init()` first).
    /// Raised only by the JS layer.
    NotInitialized = "ERR_NOT_INITIALIZED" => |f| {
        f.write_str("the WebAssembly module is not loaded yet: initialise it once before the first call")
    };
    /// The `.wasm` could not be fetched or compiled (browsers and bundles: a 404, a network
    /// error, a file that is not the package's WebAssembly). Raised only by the JS layer.
    WasmLoadFailed {
        /// What failed: an HTTP status or the platform error's name (never a body).
        reason: String,
    } = "ERR_WASM_LOAD_FAILED" => |f| write!(
        f,
        "loading the WebAssembly module failed ({reason}): serve the package's .wasm file next to its JavaScript, or hand init() its URL, bytes or compiled module"
    );
    /// The token endpoint did not answer usefully after every retry (network errors, 5xx).
    /// Raised only by the JS layer, which performs the I/O.
    TokenEndpointUnavailable {
        /// How many attempts were made.
        attempts: usize,
        /// What the last attempt saw (a status or an error name; never a body).
        last: String,
    } = "ERR_TOKEN_ENDPOINT_UNAVAILABLE" => |f| write!(
        f,
        "the token endpoint did not answer after {attempts} attempts (last: {last}); try again later"
    );
    /// The token endpoint answered with a redirect, which is never followed: it would send the
    /// client's credentials to another URL. Raised only by the JS layer.
    TokenEndpointRedirected = "ERR_TOKEN_ENDPOINT_REDIRECTED" => |f| {
        f.write_str("the token endpoint answered with a redirect, which is never followed (it would send the client's credentials to another URL): configure the URL that issues tokens")
    };
    /// A user's token expired and there is no refresh token: the user must log in again (a
    /// user's client never falls back to the application's own credentials). Raised only by
    /// the JS layer.
    ReauthenticationRequired = "ERR_REAUTHENTICATION_REQUIRED" => |f| {
        f.write_str("the user's access token expired and there is no refresh token: the user must sign in again")
    };
    /// A `SigningKey`, `VerifyingKey` or `WebhookVerifier` used after `free()` (or an object
    /// that was not made by healthauth's own constructors). Raised only by the JS layer.
    HandleFreed = "ERR_HANDLE_FREED" => |f| {
        f.write_str("the key or verifier was freed, or was not made by healthauth: create it again")
    };
    /// The in-memory replay store of one isolate is full of ids that are still live: new
    /// deliveries are refused rather than forgetting an id a replay could reuse. Raised only by
    /// the JS layer (a Rust user brings their own store).
    WebhookReplayStoreFull {
        /// How many live ids the store holds.
        max_entries: usize,
    } = "ERR_WEBHOOK_REPLAY_STORE_FULL" => |f| write!(
        f,
        "the in-memory webhook replay store holds {max_entries} live ids and refuses more rather than forget one: share a store across isolates, or raise its bound"
    );
    /// A shared store (Redis, a Durable Object, Deno KV) failed or could not be reached. A
    /// replay check that cannot be made refuses the delivery (the provider retries it later)
    /// rather than accepting it unchecked. Raised only by the JS layer's store adapters.
    StoreUnavailable {
        /// Which store: `redis`, `durable-object` or `deno-kv`.
        store: String,
    } = "ERR_STORE_UNAVAILABLE" => |f| write!(
        f,
        "the {store} store failed or could not be reached, so nothing was checked or recorded: retry once it is back"
    );
}

#[cfg(test)]
trait Sample {
    fn sample() -> Self;
}

#[cfg(test)]
mod samples {
    use super::Sample;

    impl Sample for usize {
        fn sample() -> Self {
            7
        }
    }
    impl Sample for u16 {
        fn sample() -> Self {
            400
        }
    }
    impl Sample for u64 {
        fn sample() -> Self {
            300
        }
    }
    impl Sample for i64 {
        fn sample() -> Self {
            -301
        }
    }
    impl Sample for String {
        fn sample() -> Self {
            "sample".into()
        }
    }
    impl Sample for &'static str {
        fn sample() -> Self {
            "sample"
        }
    }
    impl<T: Sample> Sample for Option<T> {
        fn sample() -> Self {
            Some(T::sample())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_complete_unique_and_well_formed() {
        let samples = Error::samples();
        assert_eq!(samples.len(), Error::CODES.len());
        assert_eq!(Error::TABLE.len(), Error::CODES.len());
        for (error, spec) in samples.iter().zip(Error::TABLE) {
            assert_eq!(error.code(), spec.code);
            assert!(spec.code.starts_with("ERR_"));
            assert!(spec
                .code
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b == b'_'));
            assert!(
                !spec.doc.trim().is_empty(),
                "{} has no documentation",
                spec.code
            );
            assert!(!error.to_string().is_empty());
            let names: Vec<&str> = error.details().iter().map(|(name, _)| *name).collect();
            let declared: Vec<&str> = spec.fields.iter().map(|field| field.name).collect();
            assert_eq!(
                names, declared,
                "{}: every sample field is reported",
                spec.code
            );
        }
        let mut sorted = Error::CODES.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), Error::CODES.len(), "duplicate code");
    }

    #[test]
    fn details_leave_absent_fields_out() {
        let error = Error::JwtKeyNotFound { kid: None };
        assert!(error.details().is_empty());
        let error = Error::OAuthTokenError {
            status: 400,
            error: "invalid_grant".into(),
            description: None,
        };
        assert_eq!(
            error.details(),
            vec![
                ("status", Detail::Integer(400)),
                ("error", Detail::Text("invalid_grant".into())),
            ]
        );
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
                suggestion: None,
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
}
