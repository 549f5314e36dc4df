//! Compact JWS (RFC 7515 §7.1): sign, and parse-then-verify with every check made before any
//! cryptography touches untrusted input.

use base64ct::{Base64UrlUnpadded, Encoding};
use serde_json::{Map, Value};

use super::alg::Algorithm;
use super::key::{SigningKey, VerifyingKey};
use crate::encoding::base64url;
use crate::error::{echo_safe, Error, Result};

/// Default cap on a compact token's size: far above any client assertion or ID token.
pub const DEFAULT_MAX_TOKEN_BYTES: usize = crate::limits::TOKEN_BYTES;

/// A JOSE header or JWT claims set: a JSON object.
pub type JsonObject = Map<String, Value>;

/// Header parameters the signer sets itself and callers may not override to something else.
const RESERVED_HEADER: [&str; 3] = ["alg", "crit", "b64"];

/// Signs `payload` as a compact JWS. The header gets `alg` (from the key) and `kid` (the
/// key's, unless `extra_header` sets one), then `extra_header`'s parameters.
///
/// `extra_header` may not change `alg`, nor use `crit` or `b64` (no unencoded payloads).
pub fn sign_compact(key: &SigningKey, extra_header: &JsonObject, payload: &[u8]) -> Result<String> {
    let mut header = JsonObject::new();
    header.insert("alg".into(), key.alg().name().into());
    if let Some(kid) = key.kid() {
        header.insert("kid".into(), kid.into());
    }
    for (name, value) in extra_header {
        if RESERVED_HEADER.contains(&name.as_str()) {
            if name == "alg" && value.as_str() == Some(key.alg().name()) {
                continue;
            }
            return Err(Error::JwtMalformed {
                reason: "the header may not set `alg` (it comes from the key), `crit` or `b64`",
            });
        }
        header.insert(name.clone(), value.clone());
    }
    sign_with_header(key, &header, payload)
}

/// Signs `payload` under exactly `header` (which must carry the key's `alg`): for tokens
/// whose header is fixed by their specification, such as a DPoP proof's (no `kid`).
pub(crate) fn sign_with_header(
    key: &SigningKey,
    header: &JsonObject,
    payload: &[u8],
) -> Result<String> {
    let header_json = serde_json::to_vec(header).map_err(|_| Error::SigningFailed)?;
    let mut token = base64url::encode(&header_json);
    token.push('.');
    token.push_str(&base64url::encode(payload));
    let signature = key.sign(token.as_bytes())?;
    token.push('.');
    token.push_str(&base64url::encode(&signature));
    Ok(token)
}

/// A compact JWS split and decoded, not yet verified.
pub(crate) struct ParsedJws<'a> {
    pub header: JsonObject,
    pub alg: Algorithm,
    pub signing_input: &'a str,
    pub payload: Vec<u8>,
    pub signature: Vec<u8>,
}

fn decode(part: &str, what: &'static str) -> Result<Vec<u8>> {
    Base64UrlUnpadded::decode_vec(part).map_err(|_| Error::JwtMalformed { reason: what })
}

/// Splits and decodes a compact JWS, refusing oversized input, `alg: none`, unknown
/// algorithms and any `crit` extension.
pub(crate) fn parse_compact(token: &str, max_bytes: usize) -> Result<ParsedJws<'_>> {
    if token.len() > max_bytes {
        return Err(Error::JwtTooLarge {
            size: token.len(),
            max: max_bytes,
        });
    }
    let mut parts = token.split('.');
    let (Some(header_b64), Some(payload_b64), Some(signature_b64), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(Error::JwtMalformed {
            reason: "a compact JWS has exactly three base64url parts separated by dots",
        });
    };
    let header_bytes = decode(header_b64, "the header is not base64url")?;
    let header = match serde_json::from_slice::<Value>(&header_bytes) {
        Ok(Value::Object(header)) => header,
        _ => {
            return Err(Error::JwtMalformed {
                reason: "the header is not a JSON object",
            })
        }
    };
    let alg = match header.get("alg") {
        Some(Value::String(name)) if name.eq_ignore_ascii_case("none") => {
            return Err(Error::JwtAlgorithmNotAllowed {
                alg: echo_safe(name),
                reason: "unsigned tokens are never accepted",
            })
        }
        Some(Value::String(name)) => {
            name.parse::<Algorithm>()
                .map_err(|_| Error::JwtAlgorithmNotAllowed {
                    alg: echo_safe(name),
                    reason: "it is not a supported algorithm",
                })?
        }
        _ => {
            return Err(Error::JwtMalformed {
                reason: "the header has no `alg` string",
            })
        }
    };
    if let Some(crit) = header.get("crit") {
        // RFC 7515 §4.1.11: a recipient MUST reject extensions it does not understand, and
        // healthauth understands none.
        let first = crit
            .as_array()
            .and_then(|names| names.first())
            .and_then(Value::as_str)
            .ok_or(Error::JwtMalformed {
                reason: "`crit` must be a non-empty array of names",
            })?;
        return Err(Error::JwtCritUnsupported {
            param: echo_safe(first),
        });
    }
    let signing_input_len = header_b64.len() + 1 + payload_b64.len();
    Ok(ParsedJws {
        header,
        alg,
        signing_input: token.get(..signing_input_len).unwrap_or_default(),
        payload: decode(payload_b64, "the payload is not base64url")?,
        signature: decode(signature_b64, "the signature is not base64url")?,
    })
}

/// Checks a parsed token against the allow-list and a set of keys.
///
/// `allowed` empty means "the algorithms the keys themselves are restricted to"; a key with
/// no `alg` (RSA, HMAC) then cannot be used, so that the caller decides. With `match_kid`,
/// a token `kid` selects only keys with that `kid` (a JWKS); without it (one key given
/// directly) the `kid` is not consulted.
pub(crate) fn verify_parsed(
    parsed: &ParsedJws<'_>,
    keys: &[VerifyingKey],
    allowed: &[Algorithm],
    match_kid: bool,
) -> Result<()> {
    let alg = parsed.alg;
    // An algorithm this build lacks (RS256 in the lite build, which reads no RSA key either):
    // say so, rather than that no key matched.
    alg.family().require_available()?;
    let allowed_here = if allowed.is_empty() {
        keys.iter().any(|k| k.alg() == Some(alg))
    } else {
        allowed.contains(&alg)
    };
    if !allowed_here {
        return Err(Error::JwtAlgorithmNotAllowed {
            alg: alg.name().to_owned(),
            reason: if allowed.is_empty() && keys.iter().any(|k| k.alg().is_none()) {
                "the key is not restricted to one algorithm: pass `algorithms`"
            } else {
                "it is not in the allowed algorithms"
            },
        });
    }
    let token_kid = parsed.header.get("kid").and_then(Value::as_str);
    let candidates: Vec<&VerifyingKey> = keys
        .iter()
        .filter(|k| k.accepts(alg))
        .filter(|k| !match_kid || token_kid.is_none() || k.kid() == token_kid)
        .collect();
    if candidates.is_empty() {
        if keys.len() == 1 && !match_kid {
            return Err(Error::JwtAlgorithmNotAllowed {
                alg: alg.name().to_owned(),
                reason: "it does not match the key",
            });
        }
        return Err(Error::JwtKeyNotFound {
            kid: token_kid.map(echo_safe),
        });
    }
    for key in candidates {
        if key
            .verify(alg, parsed.signing_input.as_bytes(), &parsed.signature)
            .is_ok()
        {
            return Ok(());
        }
    }
    Err(Error::JwtSignatureInvalid)
}
