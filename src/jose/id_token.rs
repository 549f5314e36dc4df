//! OpenID Connect ID tokens (OpenID Connect Core 1.0 section 3.1.3.7): verification of the
//! signature under the strict rules of [`super::verify_jwt`], and of every claim the client
//! must check.

use serde_json::Value;
use sha2::{Digest, Sha256, Sha384, Sha512};

use super::alg::Algorithm;
use super::jws::{JsonObject, DEFAULT_MAX_TOKEN_BYTES};
use super::jwt::{numeric_date, VerifyOptions};
use super::key_set::KeySet;
use crate::encoding::base64url;
use crate::error::{Error, Result};
use crate::mac::ct_eq;
use crate::secret::SecretString;

/// What an ID token must satisfy. Build with [`IdTokenOptions::new`] and set the public
/// fields.
#[derive(Debug, Clone)]
pub struct IdTokenOptions {
    /// The issuer (`iss` must be identical): the discovery document's `issuer`.
    pub issuer: String,
    /// This client's id: `aud` must contain it, and `azp`, when present or when `aud` names
    /// several audiences, must be it.
    pub client_id: String,
    /// The `nonce` sent with the authorization request: the token's must be identical
    /// (compared in constant time). Always send one with `openid`.
    pub nonce: Option<String>,
    /// The `max_age` sent with the authorization request: `auth_time` is then required and
    /// may be at most this many seconds (plus the leeway) before `now`.
    pub max_age_seconds: Option<u64>,
    /// The access token issued with the ID token: when the ID token has an `at_hash`, it must
    /// be the left half of the access token's hash under the ID token's algorithm (section
    /// 3.1.3.8; in the code flow `at_hash` is optional, so its absence is accepted).
    pub access_token: Option<SecretString>,
    /// Accepted algorithms. Empty (the default): the algorithm each key is restricted to, and
    /// `RS256` (OpenID Connect's default) for RSA keys that are not restricted, as JWKS keys
    /// without `alg` are. Set it from the discovery document's
    /// `id_token_signing_alg_values_supported` to accept others.
    pub algorithms: Vec<Algorithm>,
    /// Clock skew tolerated on `exp`, `iat` and `auth_time`, in seconds (default 0).
    pub leeway_seconds: u64,
    /// Tokens longer than this are refused before parsing (default 64 KiB).
    pub max_token_bytes: usize,
    /// The current time in Unix seconds.
    pub now: i64,
}

impl IdTokenOptions {
    /// The options for ID tokens of `issuer` for `client_id` at time `now`: no nonce, no
    /// maximum age, no access token, the default algorithms, no leeway.
    pub fn new(issuer: impl Into<String>, client_id: impl Into<String>, now: i64) -> Self {
        IdTokenOptions {
            issuer: issuer.into(),
            client_id: client_id.into(),
            nonce: None,
            max_age_seconds: None,
            access_token: None,
            algorithms: Vec::new(),
            leeway_seconds: 0,
            max_token_bytes: DEFAULT_MAX_TOKEN_BYTES,
            now,
        }
    }
}

/// An ID token whose signature and claims passed verification.
#[derive(Debug, Clone, PartialEq)]
pub struct VerifiedIdToken {
    /// The protected header.
    pub header: JsonObject,
    /// Every claim.
    pub claims: JsonObject,
    /// `sub`: the user, as this issuer identifies them.
    pub subject: String,
    /// `fhirUser` (SMART): the FHIR resource of the user (`Practitioner/123`, a `Patient`,
    /// ...), relative or absolute, when the `fhirUser` scope was granted.
    pub fhir_user: Option<String>,
}

fn claim_error(claim: &'static str, reason: &'static str) -> Error {
    Error::JwtClaimInvalid { claim, reason }
}

/// The left half of the hash of `value` under the hash of `alg` (OpenID Connect Core
/// section 3.1.3.6), base64url: SHA-256 for `*256`, SHA-384 for `*384`, SHA-512 for `*512`
/// and for `EdDSA` (Ed25519 signs with SHA-512).
pub fn left_half_hash(alg: Algorithm, value: &str) -> String {
    let digest = match alg.hash_len() {
        32 => Sha256::digest(value.as_bytes()).to_vec(),
        48 => Sha384::digest(value.as_bytes()).to_vec(),
        _ => Sha512::digest(value.as_bytes()).to_vec(),
    };
    base64url::encode(digest.get(..digest.len() / 2).unwrap_or_default())
}

/// Verifies an OpenID Connect ID token against `keys` (the issuer's JWKS, from its
/// `jwks_uri`):
///
/// 1. the signature, under [`super::verify_jwt`]'s strict rules (no `none`, no algorithm
///    outside [`IdTokenOptions::algorithms`], the token's `kid` selecting the key);
/// 2. `iss` identical to the issuer; `aud` containing the client id; `exp` (required) not
///    past and `iat` (required) not in the future, beyond the leeway; `sub` a non-empty string;
/// 3. `azp`: required when `aud` names several audiences, and then, or whenever present,
///    the client id;
/// 4. `nonce`: when one was sent, present and identical (constant-time comparison);
/// 5. `at_hash`: when an access token is given and the token has one, the left half of the
///    access token's hash;
/// 6. `auth_time`: with a maximum age, required and not older than it.
///
/// A failed check is [`Error::JwtClaimInvalid`] naming the claim (`iss`, `aud`, `azp`,
/// `nonce`, `at_hash`, `sub`, `iat`, `auth_time`), [`Error::JwtExpired`] (`exp`, or
/// `auth_time` beyond the maximum age) or [`Error::JwtNotYetValid`]; signature and format
/// failures are those of [`super::verify_jwt`].
///
/// ```
/// use healthauth::jose::{self, Algorithm, IdTokenOptions, JsonObject, KeySet, SigningKey};
///
/// let key = SigningKey::generate(Algorithm::Es256)?;
/// let now = 1_700_000_000;
/// let mut claims = JsonObject::new();
/// for (name, value) in [("iss", "https://ehr.example"), ("sub", "u1"), ("aud", "app"),
///     ("nonce", "n-0S6_WzA2Mj"), ("fhirUser", "Practitioner/123")] {
///     claims.insert(name.into(), value.into());
/// }
/// claims.insert("iat".into(), now.into());
/// claims.insert("exp".into(), (now + 300).into());
/// let id_token = jose::sign_jwt(&key, &claims, &JsonObject::new())?;
///
/// let keys = KeySet::from_key(key.verifying_key());
/// let mut options = IdTokenOptions::new("https://ehr.example", "app", now);
/// options.nonce = Some("n-0S6_WzA2Mj".into());
/// let verified = jose::verify_id_token(&id_token, &keys, &options)?;
/// assert_eq!(verified.fhir_user.as_deref(), Some("Practitioner/123"));
/// options.nonce = Some("another".into());
/// assert_eq!(jose::verify_id_token(&id_token, &keys, &options).unwrap_err().code(), "ERR_JWT_CLAIM_INVALID");
/// # Ok::<(), healthauth::Error>(())
/// ```
pub fn verify_id_token(
    token: &str,
    keys: &KeySet,
    options: &IdTokenOptions,
) -> Result<VerifiedIdToken> {
    if options.issuer.is_empty() || options.client_id.is_empty() {
        return Err(Error::InvalidArgument {
            name: if options.issuer.is_empty() {
                "issuer"
            } else {
                "clientId"
            },
            expected:
                "a non-empty string (ID tokens are checked against the issuer and the client id)",
        });
    }
    let mut algorithms = options.algorithms.clone();
    if algorithms.is_empty() {
        algorithms.push(Algorithm::Rs256);
        for alg in keys.keys().iter().filter_map(|k| k.alg()) {
            if !algorithms.contains(&alg) {
                algorithms.push(alg);
            }
        }
    }
    let mut verify = VerifyOptions::new(options.now);
    verify.algorithms = algorithms;
    verify.issuer = Some(options.issuer.clone());
    verify.audience = Some(vec![options.client_id.clone()]);
    verify.leeway_seconds = options.leeway_seconds;
    verify.max_token_bytes = options.max_token_bytes;
    let verified = keys.verify_jwt(token, &verify)?;
    let claims = &verified.claims;
    if numeric_date(claims, "iat")?.is_none() {
        return Err(claim_error("iat", "is required in an ID token"));
    }
    let subject = match claims.get("sub") {
        Some(Value::String(sub)) if !sub.is_empty() => sub.clone(),
        _ => return Err(claim_error("sub", "must be a non-empty string")),
    };
    let several_audiences = claims
        .get("aud")
        .and_then(Value::as_array)
        .is_some_and(|auds| auds.len() > 1);
    match claims.get("azp") {
        None if several_audiences => {
            return Err(claim_error(
                "azp",
                "is required when the token has several audiences",
            ))
        }
        None => {}
        Some(Value::String(azp)) if *azp == options.client_id => {}
        Some(_) => {
            return Err(claim_error(
                "azp",
                "is not this client (the token was issued to another party)",
            ))
        }
    }
    if let Some(expected) = &options.nonce {
        match claims.get("nonce") {
            Some(Value::String(nonce)) if ct_eq(nonce.as_bytes(), expected.as_bytes()) => {}
            Some(Value::String(_)) => {
                return Err(claim_error(
                    "nonce",
                    "is not the nonce sent with the authorization request (a replayed or injected token)",
                ))
            }
            _ => return Err(claim_error("nonce", "is missing")),
        }
    }
    if let (Some(access_token), Some(at_hash)) = (&options.access_token, claims.get("at_hash")) {
        let Value::String(at_hash) = at_hash else {
            return Err(claim_error("at_hash", "must be a string"));
        };
        let alg = verified
            .header
            .get("alg")
            .and_then(Value::as_str)
            .and_then(|name| name.parse::<Algorithm>().ok())
            .ok_or(claim_error("at_hash", "the token's algorithm is unknown"))?;
        let expected = left_half_hash(alg, access_token.expose_secret());
        if !ct_eq(expected.as_bytes(), at_hash.as_bytes()) {
            return Err(claim_error(
                "at_hash",
                "does not match the access token (the tokens were not issued together)",
            ));
        }
    }
    let auth_time = numeric_date(claims, "auth_time")?;
    if let Some(max_age) = options.max_age_seconds {
        let auth_time = auth_time.ok_or(claim_error(
            "auth_time",
            "is required when a maximum authentication age is set",
        ))?;
        let limit = max_age.min(u64::from(u32::MAX)) as f64
            + options.leeway_seconds.min(u64::from(u32::MAX)) as f64;
        if options.now as f64 - auth_time > limit {
            return Err(Error::JwtExpired { claim: "auth_time" });
        }
    }
    let fhir_user = match claims.get("fhirUser") {
        Some(Value::String(user)) if !user.is_empty() => Some(user.clone()),
        _ => None,
    };
    Ok(VerifiedIdToken {
        subject,
        fhir_user,
        header: verified.header,
        claims: verified.claims,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jose::{sign_jwt, SigningKey};

    const NOW: i64 = 1_700_000_000;
    const ISS: &str = "https://ehr.example.com";

    fn claims() -> JsonObject {
        let mut c = JsonObject::new();
        c.insert("iss".into(), ISS.into());
        c.insert("sub".into(), "user-1".into());
        c.insert("aud".into(), "app".into());
        c.insert("iat".into(), NOW.into());
        c.insert("exp".into(), (NOW + 300).into());
        c.insert("nonce".into(), "n-0S6_WzA2Mj".into());
        c.insert("fhirUser".into(), "Practitioner/123".into());
        c
    }

    fn options() -> IdTokenOptions {
        let mut o = IdTokenOptions::new(ISS, "app", NOW);
        o.nonce = Some("n-0S6_WzA2Mj".into());
        o
    }

    fn sign(key: &SigningKey, edit: impl FnOnce(&mut JsonObject)) -> String {
        let mut c = claims();
        edit(&mut c);
        sign_jwt(key, &c, &JsonObject::new()).unwrap()
    }

    #[test]
    fn a_good_token_and_each_refusal() {
        let key = SigningKey::generate(Algorithm::Es256).unwrap();
        let keys = KeySet::from_keys(vec![key.verifying_key()]);
        let good = sign(&key, |_| {});
        let v = verify_id_token(&good, &keys, &options()).unwrap();
        assert_eq!(v.subject, "user-1");
        assert_eq!(v.fhir_user.as_deref(), Some("Practitioner/123"));

        let refuse = |token: &str, options: &IdTokenOptions, code: &str, claim: Option<&str>| {
            let e = verify_id_token(token, &keys, options).unwrap_err();
            assert_eq!(e.code(), code, "{e}");
            if let (Some(claim), Error::JwtClaimInvalid { claim: got, .. }) = (claim, &e) {
                assert_eq!(*got, claim);
            }
        };
        let o = options();
        let invalid = "ERR_JWT_CLAIM_INVALID";
        // Wrong nonce, missing nonce.
        let mut wrong = options();
        wrong.nonce = Some("n-0S6_WzA2Mk".into());
        refuse(&good, &wrong, invalid, Some("nonce"));
        refuse(
            &sign(&key, |c| drop(c.remove("nonce"))),
            &o,
            invalid,
            Some("nonce"),
        );
        // Audience, issuer.
        refuse(
            &good,
            &IdTokenOptions {
                client_id: "other".into(),
                ..options()
            },
            invalid,
            Some("aud"),
        );
        refuse(
            &good,
            &IdTokenOptions {
                issuer: "https://evil".into(),
                ..options()
            },
            invalid,
            Some("iss"),
        );
        // azp: required with several audiences, and must be us.
        let several = |c: &mut JsonObject| {
            c.insert("aud".into(), serde_json::json!(["app", "api"]));
        };
        refuse(&sign(&key, several), &o, invalid, Some("azp"));
        let ok = sign(&key, |c| {
            several(c);
            c.insert("azp".into(), "app".into());
        });
        assert!(verify_id_token(&ok, &keys, &o).is_ok());
        refuse(
            &sign(&key, |c| drop(c.insert("azp".into(), "api".into()))),
            &o,
            invalid,
            Some("azp"),
        );
        // Expired, issued in the future, iat and sub required.
        refuse(
            &sign(&key, |c| drop(c.insert("exp".into(), NOW.into()))),
            &o,
            "ERR_JWT_EXPIRED",
            None,
        );
        refuse(
            &sign(&key, |c| drop(c.insert("iat".into(), (NOW + 10).into()))),
            &o,
            "ERR_JWT_NOT_YET_VALID",
            None,
        );
        refuse(
            &sign(&key, |c| drop(c.remove("iat"))),
            &o,
            invalid,
            Some("iat"),
        );
        refuse(
            &sign(&key, |c| drop(c.remove("sub"))),
            &o,
            invalid,
            Some("sub"),
        );
        refuse(
            &sign(&key, |c| drop(c.remove("exp"))),
            &o,
            invalid,
            Some("exp"),
        );
        // Another key: the signature.
        let other = SigningKey::generate(Algorithm::Es256).unwrap();
        let e = verify_id_token(&good, &KeySet::from_key(other.verifying_key()), &o).unwrap_err();
        assert_eq!(e.code(), "ERR_JWT_SIGNATURE_INVALID");
    }

    #[test]
    fn at_hash_and_auth_time() {
        let key = SigningKey::generate(Algorithm::Es384).unwrap();
        let keys = KeySet::from_key(key.verifying_key());
        let access = "jHkWEdUXMU1BwAsC4vtUsZwnNsRWOKcbnGjtp1BZGao";
        let token = sign(&key, |c| {
            c.insert(
                "at_hash".into(),
                left_half_hash(Algorithm::Es384, access).into(),
            );
            c.insert("auth_time".into(), (NOW - 100).into());
        });
        let mut o = options();
        o.access_token = Some(SecretString::new(access.into()));
        o.max_age_seconds = Some(100);
        assert!(verify_id_token(&token, &keys, &o).is_ok());
        o.access_token = Some(SecretString::new("another-token".into()));
        let e = verify_id_token(&token, &keys, &o).unwrap_err();
        assert!(matches!(
            e,
            Error::JwtClaimInvalid {
                claim: "at_hash",
                ..
            }
        ));
        o.access_token = None;
        o.max_age_seconds = Some(99);
        assert_eq!(
            verify_id_token(&token, &keys, &o).unwrap_err(),
            Error::JwtExpired { claim: "auth_time" }
        );
        o.leeway_seconds = 1;
        assert!(verify_id_token(&token, &keys, &o).is_ok());
        // No auth_time with a maximum age.
        let token = sign(&key, |_| {});
        let e = verify_id_token(&token, &keys, &o).unwrap_err();
        assert!(matches!(
            e,
            Error::JwtClaimInvalid {
                claim: "auth_time",
                ..
            }
        ));
        // No at_hash with an access token: accepted (optional in the code flow).
        o.max_age_seconds = None;
        o.access_token = Some(SecretString::new(access.into()));
        assert!(verify_id_token(&token, &keys, &o).is_ok());
    }

    #[test]
    fn left_half_hashes() {
        // OpenID Connect Core: at_hash is base64url of the left half of the hash; the values
        // below are SHA-256/384/512 of "at" computed independently (Python hashlib).
        assert_eq!(
            left_half_hash(Algorithm::Rs256, "at"),
            "sda5G2fCr6XjIpiNlGJjjQ"
        );
        assert_eq!(
            left_half_hash(Algorithm::Hs256, "at"),
            "sda5G2fCr6XjIpiNlGJjjQ"
        );
        assert_eq!(
            left_half_hash(Algorithm::Es384, "at"),
            "4hulEO2T04y86FsZK2pA8fxDcRCCi6uc"
        );
        assert_eq!(
            left_half_hash(Algorithm::EdDsa, "at"),
            "dTR5nNqNrsxqjWP_lCTH2ESWpeTv9f1yZraJ_wsSjjE"
        );
    }

    #[test]
    fn rsa_jwks_keys_without_alg_take_rs256_by_default() {
        let key = SigningKey::generate_with_rsa_bits(Algorithm::Rs256, 2048).unwrap();
        let mut jwk = key.public_jwk().unwrap();
        jwk.remove("alg");
        let set = format!(r#"{{"keys":[{}]}}"#, Value::Object(jwk));
        let keys = KeySet::parse(&set, 100_000).unwrap();
        let token = sign(&key, |_| {});
        assert!(verify_id_token(&token, &keys, &options()).is_ok());
        // An allow-list without RS256 refuses it.
        let mut o = options();
        o.algorithms = vec![Algorithm::Rs384];
        assert_eq!(
            verify_id_token(&token, &keys, &o).unwrap_err().code(),
            "ERR_JWT_ALG_NOT_ALLOWED"
        );
    }
}
