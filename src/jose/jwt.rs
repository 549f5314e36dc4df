//! JWTs (RFC 7519): signing claims, and strict verification of signature and claims.

use serde_json::Value;

use super::alg::Algorithm;
use super::jws::{self, JsonObject, DEFAULT_MAX_TOKEN_BYTES};
use super::key::{SigningKey, VerifyingKey};
use crate::error::{Error, Result};

/// What a JWT must satisfy besides its signature. Build with [`VerifyOptions::new`] and
/// adjust the public fields.
#[derive(Debug, Clone)]
pub struct VerifyOptions {
    /// Algorithms accepted. Empty: only the algorithm each key is restricted to (curve keys
    /// always are; RSA and HMAC keys need this list or an `alg` of their own).
    pub algorithms: Vec<Algorithm>,
    /// Accepted audiences; the token's `aud` must name one. `None`: `aud` is not checked.
    /// `Some` of an empty list is refused with [`Error::InvalidArgument`] (an empty list of
    /// accepted audiences would otherwise silently accept any token, as jose refuses too).
    pub audience: Option<Vec<String>>,
    /// The required `iss`, if any.
    pub issuer: Option<String>,
    /// The required `sub`, if any.
    pub subject: Option<String>,
    /// The required header `typ`, if any (compared without case and `application/` prefix).
    pub typ: Option<String>,
    /// Clock skew tolerated on `exp`, `nbf`, `iat`, in seconds.
    pub leeway_seconds: u64,
    /// The oldest `iat` accepted, in seconds before `now`; requires `iat`.
    pub max_age_seconds: Option<u64>,
    /// Whether a token without `exp` is refused (default: yes; a JWT without `exp` never ends).
    pub require_exp: bool,
    /// Tokens longer than this many bytes are refused before parsing.
    pub max_token_bytes: usize,
    /// The current time in Unix seconds (passed in: the core reads no clock).
    pub now: i64,
}

impl VerifyOptions {
    /// Strict defaults at time `now`: no leeway, `exp` required, 64 KiB cap.
    pub fn new(now: i64) -> Self {
        VerifyOptions {
            algorithms: Vec::new(),
            audience: None,
            issuer: None,
            subject: None,
            typ: None,
            leeway_seconds: 0,
            max_age_seconds: None,
            require_exp: true,
            max_token_bytes: DEFAULT_MAX_TOKEN_BYTES,
            now,
        }
    }
}

/// A JWT whose signature and claims passed verification.
#[derive(Debug, Clone, PartialEq)]
pub struct VerifiedJwt {
    /// The protected header.
    pub header: JsonObject,
    /// The claims set.
    pub claims: JsonObject,
}

/// Signs `claims` as a compact JWT with `key` (header: `alg`, `kid`, then `extra_header`).
pub fn sign_jwt(
    key: &SigningKey,
    claims: &JsonObject,
    extra_header: &JsonObject,
) -> Result<String> {
    let payload = serde_json::to_vec(claims).map_err(|_| Error::SigningFailed)?;
    jws::sign_compact(key, extra_header, &payload)
}

/// Verifies a JWT against one key (its `kid` is not consulted) and the options.
pub fn verify_jwt(token: &str, key: &VerifyingKey, options: &VerifyOptions) -> Result<VerifiedJwt> {
    verify(token, core::slice::from_ref(key), options, false)
}

/// Verifies a JWT against a key set (a JWKS): the token's `kid`, when it has one, selects
/// the keys tried.
pub fn verify_jwt_with_keys(
    token: &str,
    keys: &[VerifyingKey],
    options: &VerifyOptions,
) -> Result<VerifiedJwt> {
    verify(token, keys, options, true)
}

fn verify(
    token: &str,
    keys: &[VerifyingKey],
    options: &VerifyOptions,
    match_kid: bool,
) -> Result<VerifiedJwt> {
    check_options(options)?;
    let parsed = jws::parse_compact(token, options.max_token_bytes)?;
    jws::verify_parsed(&parsed, keys, &options.algorithms, match_kid)?;
    if let Some(expected) = &options.typ {
        let typ = parsed.header.get("typ").and_then(Value::as_str);
        if !typ.is_some_and(|typ| same_media_type(typ, expected)) {
            return Err(Error::JwtClaimInvalid {
                claim: "typ",
                reason: "the header `typ` is not the expected one",
            });
        }
    }
    let claims = claims_object(&parsed.payload)?;
    check_claims(&claims, options)?;
    Ok(VerifiedJwt {
        header: parsed.header,
        claims,
    })
}

/// The claims set of a JWS payload: a JSON object.
fn claims_object(payload: &[u8]) -> Result<JsonObject> {
    match serde_json::from_slice::<Value>(payload) {
        Ok(Value::Object(claims)) => Ok(claims),
        _ => Err(Error::JwtMalformed {
            reason: "the payload is not a JSON object",
        }),
    }
}

/// A JWT's header and claims, decoded WITHOUT checking its signature or claims: for showing a
/// token (a debugger, `healthauth decode`), never for trusting it. Use [`verify_jwt`] for that.
#[derive(Debug, Clone, PartialEq)]
pub struct DecodedJwt {
    /// The protected header.
    pub header: JsonObject,
    /// The claims set, unverified.
    pub claims: JsonObject,
}

/// Decodes a compact JWT without verifying it (see [`DecodedJwt`]). The token must still be
/// well formed: three base64url parts, a JSON header with a supported `alg` (never `none`), no
/// `crit`, a JSON object as payload, at most `max_bytes` long.
///
/// # Errors
/// `ERR_JWT_TOO_LARGE`, `ERR_JWT_MALFORMED`, `ERR_JWT_ALGORITHM_NOT_ALLOWED`,
/// `ERR_JWT_CRIT_UNSUPPORTED`.
pub fn decode_jwt_unverified(token: &str, max_bytes: usize) -> Result<DecodedJwt> {
    let parsed = jws::parse_compact(token, max_bytes)?;
    Ok(DecodedJwt {
        claims: claims_object(&parsed.payload)?,
        header: parsed.header,
    })
}

/// Refuses options that would quietly weaken the checks, before the token is looked at.
fn check_options(options: &VerifyOptions) -> Result<()> {
    if options.audience.as_ref().is_some_and(Vec::is_empty) {
        return Err(Error::InvalidArgument {
            name: "audience",
            expected: "at least one accepted audience (an empty list would accept any token); leave it out to skip the `aud` check",
        });
    }
    Ok(())
}

fn same_media_type(a: &str, b: &str) -> bool {
    fn strip(s: &str) -> &str {
        s.get(..12)
            .filter(|p| p.eq_ignore_ascii_case("application/"))
            .map_or(s, |_| s.get(12..).unwrap_or_default())
    }
    strip(a).eq_ignore_ascii_case(strip(b))
}

/// A claim that must be a NumericDate (seconds since the epoch), if present.
pub(crate) fn numeric_date(claims: &JsonObject, claim: &'static str) -> Result<Option<f64>> {
    match claims.get(claim) {
        None => Ok(None),
        Some(Value::Number(n)) => {
            n.as_f64()
                .filter(|v| v.is_finite())
                .map(Some)
                .ok_or(Error::JwtClaimInvalid {
                    claim,
                    reason: "must be a NumericDate (seconds since the epoch)",
                })
        }
        Some(_) => Err(Error::JwtClaimInvalid {
            claim,
            reason: "must be a NumericDate (seconds since the epoch)",
        }),
    }
}

fn string_claim<'a>(claims: &'a JsonObject, claim: &'static str) -> Result<Option<&'a str>> {
    match claims.get(claim) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(Error::JwtClaimInvalid {
            claim,
            reason: "must be a string",
        }),
    }
}

fn check_claims(claims: &JsonObject, options: &VerifyOptions) -> Result<()> {
    // f64 holds every realistic NumericDate exactly; leeway is capped so sums stay finite.
    let now = options.now as f64;
    let leeway = options.leeway_seconds.min(u64::from(u32::MAX)) as f64;
    match numeric_date(claims, "exp")? {
        Some(exp) if now - leeway >= exp => return Err(Error::JwtExpired { claim: "exp" }),
        None if options.require_exp => {
            return Err(Error::JwtClaimInvalid {
                claim: "exp",
                reason: "is required",
            })
        }
        _ => {}
    }
    if numeric_date(claims, "nbf")?.is_some_and(|nbf| now + leeway < nbf) {
        return Err(Error::JwtNotYetValid { claim: "nbf" });
    }
    let iat = numeric_date(claims, "iat")?;
    if iat.is_some_and(|iat| now + leeway < iat) {
        return Err(Error::JwtNotYetValid { claim: "iat" });
    }
    if let Some(max_age) = options.max_age_seconds {
        let iat = iat.ok_or(Error::JwtClaimInvalid {
            claim: "iat",
            reason: "is required when a maximum age is set",
        })?;
        if now - iat > max_age.min(u64::from(u32::MAX)) as f64 + leeway {
            return Err(Error::JwtExpired { claim: "maxAge" });
        }
    }
    for (claim, expected) in [("iss", &options.issuer), ("sub", &options.subject)] {
        if let Some(expected) = expected {
            match string_claim(claims, claim)? {
                Some(actual) if actual == expected => {}
                Some(_) => {
                    return Err(Error::JwtClaimInvalid {
                        claim,
                        reason: "is not the expected value",
                    })
                }
                None => {
                    return Err(Error::JwtClaimInvalid {
                        claim,
                        reason: "is missing",
                    })
                }
            }
        }
    }
    if let Some(audience) = &options.audience {
        let names_us = |aud: &str| audience.iter().any(|a| a == aud);
        let ok = match claims.get("aud") {
            Some(Value::String(aud)) => names_us(aud),
            Some(Value::Array(auds)) => auds.iter().filter_map(Value::as_str).any(names_us),
            None => {
                return Err(Error::JwtClaimInvalid {
                    claim: "aud",
                    reason: "is missing",
                })
            }
            Some(_) => {
                return Err(Error::JwtClaimInvalid {
                    claim: "aud",
                    reason: "must be a string or an array of strings",
                })
            }
        };
        if !ok {
            return Err(Error::JwtClaimInvalid {
                claim: "aud",
                reason: "does not name an accepted audience",
            });
        }
    }
    Ok(())
}
