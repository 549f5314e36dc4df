//! DPoP (RFC 9449): proofs of possession of a key, made by a client for each request, and
//! their verification by a server.

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::alg::{Algorithm, KeyFamily};
use super::jws::{self, JsonObject};
use super::key::{SigningKey, VerifyingKey};
use crate::encoding::base64url;
use crate::error::{Error, Result};
use crate::mac::ct_eq;
use crate::random::random_state;
use crate::secret::SecretString;
use crate::url::{normalize_http_uri, validate_endpoint, without_query};

/// The `typ` of a DPoP proof.
pub const DPOP_TYP: &str = "dpop+jwt";
/// How old a proof's `iat` may be by default, in seconds.
pub const DEFAULT_DPOP_MAX_AGE_SECONDS: u64 = 300;
/// How far in the future a proof's `iat` may be by default (clock skew), in seconds.
pub const DEFAULT_DPOP_LEEWAY_SECONDS: u64 = 60;
/// Random bytes in a generated `jti`: 192 bits, base64url-encoded to 32 characters.
const JTI_BYTES: usize = 24;
/// JWK members that only a private or secret key has.
const PRIVATE_MEMBERS: [&str; 8] = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

fn invalid(reason: &'static str) -> Error {
    Error::DpopProofInvalid { reason }
}

/// What goes into a DPoP proof. Build with [`DpopOptions::new`] and set the public fields.
#[derive(Debug, Clone)]
pub struct DpopOptions {
    /// The request's HTTP method (`htm`), such as `POST`.
    pub htm: String,
    /// The request's URL (`htu`): its query and fragment are left out of the proof.
    pub htu: String,
    /// For a request to a resource server: the access token it carries, hashed into `ath`.
    pub access_token: Option<SecretString>,
    /// The server's latest `DPoP-Nonce`, if it sent one.
    pub nonce: Option<String>,
    /// The current time in Unix seconds (`iat`).
    pub now: i64,
    /// A `jti` to use instead of a fresh random one (it must never repeat: for tests).
    pub jti: Option<String>,
}

impl DpopOptions {
    /// A proof for `htm` on `htu` at `now`, with a random `jti`, no access token, no nonce.
    pub fn new(htm: impl Into<String>, htu: impl Into<String>, now: i64) -> Self {
        DpopOptions {
            htm: htm.into(),
            htu: htu.into(),
            access_token: None,
            nonce: None,
            now,
            jti: None,
        }
    }
}

/// `ath`: base64url SHA-256 of the access token (RFC 9449 section 4.2).
pub fn access_token_hash(access_token: &str) -> String {
    base64url::encode(&Sha256::digest(access_token.as_bytes()))
}

/// An HTTP method: an RFC 9110 token.
fn valid_method(method: &str) -> bool {
    !method.is_empty()
        && method
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// A nonce: RFC 9449 section 8.1's `1*NQCHAR` (`%x21 / %x23-5B / %x5D-7E`).
fn valid_nonce(nonce: &str) -> bool {
    !nonce.is_empty()
        && nonce
            .bytes()
            .all(|b| matches!(b, 0x21 | 0x23..=0x5b | 0x5d..=0x7e))
}

/// Makes a DPoP proof (RFC 9449 section 4.2): a JWT with header `typ: dpop+jwt`, the key's
/// `alg` and its public `jwk` (the RFC 7638 members only, no `kid`), and claims `jti`,
/// `htm`, `htu` (without query and fragment), `iat`, and `ath` with an access token,
/// `nonce` with a server nonce.
///
/// Refused: an HMAC key ([`Error::KeySymmetric`]: a proof needs a public key); an `htm` that
/// is not an HTTP method, an empty or malformed `nonce`, a `jti` outside 1 to 256 characters
/// ([`Error::InvalidArgument`]); an `htu` that is not `https` (or `http` on loopback)
/// ([`Error::UrlInvalid`]).
///
/// ECDSA proofs are deterministic (RFC 6979), so with a fixed `jti` the same options give the
/// same proof.
///
/// ```
/// use healthauth::jose::{self, Algorithm, DpopOptions, DpopVerifyOptions, SigningKey};
///
/// let key = SigningKey::generate(Algorithm::Es256)?;
/// let now = 1_700_000_000;
/// let proof = jose::dpop_proof(&key, &DpopOptions::new("POST", "https://as.example/token", now))?;
/// let verified = jose::verify_dpop_proof(&proof, &DpopVerifyOptions::new("POST", "https://as.example/token", now))?;
/// assert_eq!(verified.jkt, key.thumbprint()?); // what a DPoP-bound token's cnf.jkt names
/// # Ok::<(), healthauth::Error>(())
/// ```
pub fn dpop_proof(key: &SigningKey, options: &DpopOptions) -> Result<String> {
    if !valid_method(&options.htm) {
        return Err(Error::InvalidArgument {
            name: "htm",
            expected: "the request's HTTP method, such as POST or GET",
        });
    }
    let htu = without_query(&options.htu);
    validate_endpoint(htu, "htu")?;
    let jti = match &options.jti {
        Some(jti) if jti.is_empty() || jti.len() > 256 => {
            return Err(Error::InvalidArgument {
                name: "jti",
                expected: "1 to 256 characters, never repeated",
            })
        }
        Some(jti) => jti.clone(),
        None => random_state(JTI_BYTES)?,
    };
    if options.nonce.as_deref().is_some_and(|n| !valid_nonce(n)) {
        return Err(Error::InvalidArgument {
            name: "nonce",
            expected: "the server's DPoP-Nonce as sent (printable ASCII without spaces, \" or \\)",
        });
    }
    let jwk = public_members(key.public_jwk()?);
    let mut header = JsonObject::new();
    header.insert("alg".into(), key.alg().name().into());
    header.insert("jwk".into(), Value::Object(jwk));
    header.insert("typ".into(), DPOP_TYP.into());
    let mut claims = JsonObject::new();
    claims.insert("jti".into(), jti.into());
    claims.insert("htm".into(), options.htm.as_str().into());
    claims.insert("htu".into(), htu.into());
    claims.insert("iat".into(), options.now.into());
    if let Some(token) = &options.access_token {
        claims.insert(
            "ath".into(),
            access_token_hash(token.expose_secret()).into(),
        );
    }
    if let Some(nonce) = &options.nonce {
        claims.insert("nonce".into(), nonce.as_str().into());
    }
    let payload = serde_json::to_vec(&claims).map_err(|_| Error::SigningFailed)?;
    jws::sign_with_header(key, &header, &payload)
}

/// The RFC 7638 members of a public JWK (`kty` and the key itself): what a proof's header
/// carries.
fn public_members(jwk: Map<String, Value>) -> Map<String, Value> {
    jwk.into_iter()
        .filter(|(name, _)| matches!(name.as_str(), "kty" | "crv" | "x" | "y" | "n" | "e"))
        .collect()
}

/// What a DPoP proof must match. Build with [`DpopVerifyOptions::new`] and set the public
/// fields.
#[derive(Debug, Clone)]
pub struct DpopVerifyOptions {
    /// The request's HTTP method: `htm` must be identical.
    pub htm: String,
    /// The request's URL: `htu` must be the same without query and fragment, after
    /// RFC 3986 normalization (case of scheme and host, default port, escapes, dot segments).
    pub htu: String,
    /// The access token the request carries (at a resource server): `ath` must be its hash.
    pub access_token: Option<SecretString>,
    /// The nonce this server requires now, if it uses nonces: the proof must carry it
    /// (otherwise [`Error::DpopNonceInvalid`]).
    pub nonce: Option<String>,
    /// The thumbprint the access token is bound to (its `cnf.jkt`, from the token itself or
    /// introspection): the proof's key must be that one.
    pub jkt: Option<String>,
    /// Accepted algorithms; empty (the default): every asymmetric one.
    pub algorithms: Vec<Algorithm>,
    /// How old `iat` may be, in seconds (default [`DEFAULT_DPOP_MAX_AGE_SECONDS`]).
    pub max_age_seconds: u64,
    /// How far in the future `iat` may be, in seconds (default
    /// [`DEFAULT_DPOP_LEEWAY_SECONDS`]).
    pub leeway_seconds: u64,
    /// Proofs longer than this are refused before parsing (default
    /// [`crate::limits::HEADER_BYTES`]: a proof is one header value).
    pub max_proof_bytes: usize,
    /// The current time in Unix seconds.
    pub now: i64,
}

impl DpopVerifyOptions {
    /// The checks of a proof for `htm` on `htu` at `now`, with the defaults.
    pub fn new(htm: impl Into<String>, htu: impl Into<String>, now: i64) -> Self {
        DpopVerifyOptions {
            htm: htm.into(),
            htu: htu.into(),
            access_token: None,
            nonce: None,
            jkt: None,
            algorithms: Vec::new(),
            max_age_seconds: DEFAULT_DPOP_MAX_AGE_SECONDS,
            leeway_seconds: DEFAULT_DPOP_LEEWAY_SECONDS,
            max_proof_bytes: crate::limits::HEADER_BYTES,
            now,
        }
    }
}

/// A DPoP proof that passed verification.
#[derive(Debug, Clone, PartialEq)]
pub struct VerifiedDpopProof {
    /// The RFC 7638 thumbprint of the proof's key: what a DPoP-bound token names in
    /// `cnf.jkt`.
    pub jkt: String,
    /// The proof's `jti`: a server keeps the ids it has seen for the proof's lifetime and
    /// refuses a repeat (a replay), with its own store.
    pub jti: String,
    /// The proof's `iat`.
    pub iat: i64,
    /// The proof's header.
    pub header: JsonObject,
    /// The proof's claims.
    pub claims: JsonObject,
}

/// Verifies a DPoP proof as RFC 9449 section 4.3 asks:
///
/// 1. a compact JWS (no `none`, no `crit`) of at most `max_proof_bytes`, with `typ:
///    dpop+jwt` and an asymmetric `alg` (among `algorithms` when given);
/// 2. a public `jwk` in the header, without private members, whose key checks the
///    signature;
/// 3. claims `jti`, `htm` (identical), `htu` (the same URI, normalized, without query and
///    fragment) and `iat` (at most `max_age_seconds` old and `leeway_seconds` in the future);
/// 4. with a server nonce, the same `nonce` ([`Error::DpopNonceInvalid`] otherwise);
/// 5. with an access token, `ath` its hash; with a `jkt`, the key's thumbprint that one.
///
/// Rule breaks are [`Error::DpopProofInvalid`]; a bad signature or token format keeps its JWT
/// code ([`Error::JwtSignatureInvalid`], [`Error::JwtMalformed`], ...). A server answers all
/// of them `invalid_dpop_proof`, except [`Error::DpopNonceInvalid`] (`use_dpop_nonce`).
/// Replay detection needs a store: keep the returned `jti` for `max_age_seconds`.
pub fn verify_dpop_proof(proof: &str, options: &DpopVerifyOptions) -> Result<VerifiedDpopProof> {
    let parsed = jws::parse_compact(proof, options.max_proof_bytes)?;
    let typ = parsed.header.get("typ").and_then(Value::as_str);
    if !typ.is_some_and(|t| t.eq_ignore_ascii_case(DPOP_TYP)) {
        return Err(invalid("its header `typ` is not dpop+jwt"));
    }
    let alg = parsed.alg;
    if alg.family() == KeyFamily::Hmac {
        return Err(invalid(
            "it is signed with a symmetric algorithm (HS256/384/512); a proof needs a public key",
        ));
    }
    if !options.algorithms.is_empty() && !options.algorithms.contains(&alg) {
        return Err(Error::JwtAlgorithmNotAllowed {
            alg: alg.name().to_owned(),
            reason: "it is not in the allowed algorithms",
        });
    }
    // The lite build verifies no proof (every proof key is asymmetric): say so, rather than
    // that the proof's key is unusable.
    alg.family().require_available()?;
    let jwk = match parsed.header.get("jwk") {
        Some(Value::Object(jwk)) => jwk,
        _ => return Err(invalid("its header has no `jwk` object")),
    };
    if PRIVATE_MEMBERS.iter().any(|m| jwk.contains_key(*m)) {
        return Err(invalid(
            "its header `jwk` holds private key material (the client's private key is exposed: revoke it)",
        ));
    }
    let key = VerifyingKey::from_jwk(jwk, None)
        .map_err(|_| invalid("its header `jwk` is not a usable public key"))?;
    jws::verify_parsed(&parsed, core::slice::from_ref(&key), &[alg], false)?;
    let claims = match serde_json::from_slice::<Value>(&parsed.payload) {
        Ok(Value::Object(claims)) => claims,
        _ => {
            return Err(Error::JwtMalformed {
                reason: "the payload is not a JSON object",
            })
        }
    };
    let text = |name: &str| match claims.get(name) {
        Some(Value::String(s)) if !s.is_empty() => Some(s.as_str()),
        _ => None,
    };
    let jti = text("jti").ok_or(invalid("it has no `jti` string"))?;
    if jti.len() > 256 {
        return Err(invalid("its `jti` is longer than 256 characters"));
    }
    let htm = text("htm").ok_or(invalid("it has no `htm` string"))?;
    if htm != options.htm {
        return Err(invalid("its `htm` is not the request's method"));
    }
    let htu = text("htu").ok_or(invalid("it has no `htu` string"))?;
    let expected = normalize_http_uri(&options.htu).ok_or(Error::UrlInvalid {
        name: "htu",
        reason: "it is not an http or https URL",
    })?;
    if normalize_http_uri(htu).as_deref() != Some(expected.as_str()) {
        return Err(invalid("its `htu` is not the request's URL"));
    }
    let iat = match claims.get("iat") {
        Some(Value::Number(n)) => n
            .as_i64()
            .or_else(|| n.as_f64().filter(|f| f.is_finite()).map(|f| f as i64)),
        _ => None,
    }
    .ok_or(invalid("it has no numeric `iat`"))?;
    let age = options.now.saturating_sub(iat);
    if age > i64::try_from(options.max_age_seconds).unwrap_or(i64::MAX) {
        return Err(invalid(
            "its `iat` is older than the allowed age (a replay, or a clock out of sync)",
        ));
    }
    if age.saturating_neg() > i64::try_from(options.leeway_seconds).unwrap_or(i64::MAX) {
        return Err(invalid("its `iat` is in the future (check the clocks)"));
    }
    if let Some(expected) = &options.nonce {
        if !text("nonce").is_some_and(|n| ct_eq(n.as_bytes(), expected.as_bytes())) {
            return Err(Error::DpopNonceInvalid);
        }
    }
    if let Some(token) = &options.access_token {
        let expected = access_token_hash(token.expose_secret());
        if !text("ath").is_some_and(|ath| ct_eq(ath.as_bytes(), expected.as_bytes())) {
            return Err(invalid(
                "its `ath` is not the hash of the access token it is sent with",
            ));
        }
    }
    let jkt = key.thumbprint()?;
    if let Some(bound) = &options.jkt {
        if !ct_eq(bound.as_bytes(), jkt.as_bytes()) {
            return Err(invalid(
                "its key is not the one the access token is bound to (cnf.jkt)",
            ));
        }
    }
    let jti = jti.to_owned();
    Ok(VerifiedDpopProof {
        jkt,
        jti,
        iat,
        header: parsed.header,
        claims,
    })
}

#[cfg(test)]
mod tests;
