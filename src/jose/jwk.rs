//! JSON Web Keys (RFC 7517/7518/8037): import, public and private export, RFC 7638 thumbprints.

use base64ct::{Base64UrlUnpadded, Encoding};
#[cfg(feature = "asymmetric")]
use pkcs1::EncodeRsaPrivateKey as _;
#[cfg(feature = "asymmetric")]
use rsa::traits::PublicKeyParts as _;
#[cfg(feature = "asymmetric")]
use rsa::BoxedUint;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use super::alg::{Algorithm, KeyFamily};
use super::key::{SigningInner, SigningKey, VerifyingInner, VerifyingKey};
use crate::encoding::base64url;
use crate::error::{echo_safe, Error, Result};

fn format_error(reason: impl Into<String>) -> Error {
    Error::KeyFormat {
        reason: reason.into(),
    }
}

/// Parses JSON text into a JSON object, with the size cap applied first.
pub(crate) fn parse_object(
    json: &str,
    what: &'static str,
    max: usize,
) -> Result<Map<String, Value>> {
    crate::limits::check(what, json.len(), max)?;
    // `from_slice` everywhere: one instantiation of the JSON parser in the wasm.
    match serde_json::from_slice::<Value>(json.as_bytes()) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(format_error(format!("the {what} must be a JSON object"))),
        // Where it breaks, never the text itself (and not serde_json's message table, which
        // would weigh on the wasm).
        Err(e) => Err(format_error(format!(
            "the {what} is not valid JSON: {} at line {} column {}",
            if e.is_eof() {
                "it ends too early"
            } else {
                "a syntax error"
            },
            e.line(),
            e.column()
        ))),
    }
}

fn member<'a>(jwk: &'a Map<String, Value>, name: &str) -> Result<Option<&'a str>> {
    match jwk.get(name) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(format_error(format!(
            "JWK member `{name}` must be a string"
        ))),
    }
}

fn required<'a>(jwk: &'a Map<String, Value>, name: &str) -> Result<&'a str> {
    member(jwk, name)?.ok_or_else(|| format_error(format!("JWK member `{name}` is missing")))
}

fn bytes(jwk: &Map<String, Value>, name: &str) -> Result<Zeroizing<Vec<u8>>> {
    Base64UrlUnpadded::decode_vec(required(jwk, name)?)
        .map(Zeroizing::new)
        .map_err(|_| {
            format_error(format!(
                "JWK member `{name}` is not base64url without padding"
            ))
        })
}

#[cfg(feature = "asymmetric")]
fn fixed<const N: usize>(jwk: &Map<String, Value>, name: &str) -> Result<Zeroizing<[u8; N]>> {
    let value = bytes(jwk, name)?;
    let mut out = Zeroizing::new([0u8; N]);
    if value.len() != N {
        return Err(format_error(format!(
            "JWK member `{name}` must be {N} bytes for this curve"
        )));
    }
    out.copy_from_slice(&value);
    Ok(out)
}

#[cfg(feature = "asymmetric")]
fn uint(jwk: &Map<String, Value>, name: &str, bits: u32) -> Result<BoxedUint> {
    let value = bytes(jwk, name)?;
    BoxedUint::from_be_slice(&value, bits)
        .map_err(|_| format_error(format!("JWK member `{name}` is too large for the modulus")))
}

/// The JWK's own `alg`, if any, checked against the caller's.
fn jwk_alg(jwk: &Map<String, Value>, requested: Option<Algorithm>) -> Result<Option<Algorithm>> {
    let own = member(jwk, "alg")?
        .map(str::parse::<Algorithm>)
        .transpose()?;
    match (own, requested) {
        (Some(own), Some(requested)) if own != requested => Err(Error::KeyAlgorithmMismatch {
            alg: requested.name(),
            key: "a JWK whose own `alg` says otherwise",
        }),
        (own, requested) => Ok(requested.or(own)),
    }
}

fn check_use(jwk: &Map<String, Value>) -> Result<()> {
    // A whole set where one key is due: say so, rather than "no `kty`" or "no private part".
    if jwk.contains_key("keys") && !jwk.contains_key("kty") {
        return Err(format_error(
            "this is a JWK set (`keys`), not one JWK: pass one of its keys, such as `keys[0]` (a whole set is taken only to verify tokens)",
        ));
    }
    match member(jwk, "use")? {
        None | Some("sig") => Ok(()),
        Some(other) => Err(format_error(format!(
            "JWK `use` is `{}`; a signing key needs `sig`",
            echo_safe(other)
        ))),
    }
}

fn kid(jwk: &Map<String, Value>) -> Result<Option<String>> {
    Ok(member(jwk, "kid")?.map(str::to_owned))
}

fn curve(jwk: &Map<String, Value>) -> Result<&str> {
    required(jwk, "crv")
}

fn unsupported_kty(kty: &str) -> Error {
    format_error(format!(
        "JWK `kty` `{}` is not supported; expected RSA, EC, OKP or oct",
        echo_safe(kty)
    ))
}

/// The key family a JWK's `kty` (and `crv`) names.
fn family(jwk: &Map<String, Value>) -> Result<KeyFamily> {
    Ok(match required(jwk, "kty")? {
        "RSA" => KeyFamily::Rsa,
        "EC" => match curve(jwk)? {
            "P-256" => KeyFamily::P256,
            "P-384" => KeyFamily::P384,
            other => return Err(unsupported_curve(other)),
        },
        "OKP" => match curve(jwk)? {
            "Ed25519" => KeyFamily::Ed25519,
            other => return Err(unsupported_curve(other)),
        },
        "oct" => KeyFamily::Hmac,
        other => return Err(unsupported_kty(other)),
    })
}

fn verifying_inner(jwk: &Map<String, Value>) -> Result<VerifyingInner> {
    family(jwk)?.require_available()?;
    match required(jwk, "kty")? {
        #[cfg(feature = "asymmetric")]
        "RSA" => {
            let n = bytes(jwk, "n")?;
            let bits = u32::try_from(n.len() * 8).map_err(|_| format_error("modulus too large"))?;
            let n = BoxedUint::from_be_slice(&n, bits)
                .map_err(|_| format_error("JWK member `n` is malformed"))?;
            let e = uint(jwk, "e", 64)?;
            let key = rsa::PublicKey::new(n, e)
                .map_err(|_| format_error("the RSA public key (n, e) is invalid"))?;
            Ok(VerifyingInner::Rsa(Box::new(key)))
        }
        #[cfg(feature = "asymmetric")]
        "EC" => {
            let (x, y) = (bytes(jwk, "x")?, bytes(jwk, "y")?);
            let (size, crv) = match curve(jwk)? {
                "P-256" => (32, "P-256"),
                "P-384" => (48, "P-384"),
                other => return Err(unsupported_curve(other)),
            };
            if x.len() != size || y.len() != size {
                return Err(format_error(format!(
                    "JWK `x` and `y` must be {size} bytes for {crv}"
                )));
            }
            let mut point = Vec::with_capacity(1 + 2 * size);
            point.push(0x04);
            point.extend_from_slice(&x);
            point.extend_from_slice(&y);
            let bad_point = |_| format_error(format!("the {crv} point (x, y) is not on the curve"));
            Ok(if size == 32 {
                VerifyingInner::P256(Box::new(
                    p256::ecdsa::VerifyingKey::from_sec1_bytes(&point).map_err(bad_point)?,
                ))
            } else {
                VerifyingInner::P384(Box::new(
                    p384::ecdsa::VerifyingKey::from_sec1_bytes(&point).map_err(bad_point)?,
                ))
            })
        }
        #[cfg(feature = "asymmetric")]
        "OKP" => match curve(jwk)? {
            "Ed25519" => {
                let x = fixed::<32>(jwk, "x")?;
                let key = ed25519_dalek::VerifyingKey::from_bytes(&x)
                    .map_err(|_| format_error("the Ed25519 public key `x` is invalid"))?;
                Ok(VerifyingInner::Ed25519(Box::new(key)))
            }
            other => Err(unsupported_curve(other)),
        },
        "oct" => Ok(VerifyingInner::Hmac(crate::secret::SecretBytes::new(
            bytes(jwk, "k")?.to_vec(),
        ))),
        other => Err(unsupported_kty(other)),
    }
}

fn unsupported_curve(crv: &str) -> Error {
    format_error(format!(
        "JWK curve `{}` is not supported; expected P-256, P-384 or Ed25519",
        echo_safe(crv)
    ))
}

impl VerifyingKey {
    /// Imports a public JWK (or an `oct` secret for HMAC). A private JWK is accepted and only
    /// its public half kept. The JWK's `alg` and `kid` are kept; `alg` overrides nothing: a
    /// mismatch with `alg` here is an error.
    pub fn from_jwk(jwk: &Map<String, Value>, alg: Option<Algorithm>) -> Result<Self> {
        check_use(jwk)?;
        let alg = jwk_alg(jwk, alg)?;
        Self::from_inner(verifying_inner(jwk)?, alg, kid(jwk)?)
    }

    /// Imports a public JWK from JSON text.
    pub fn from_jwk_json(json: &str, alg: Option<Algorithm>) -> Result<Self> {
        Self::from_jwk(&parse_object(json, "JWK", crate::limits::JWK_BYTES)?, alg)
    }

    /// The public JWK: `kty` and key members, then `kid`, `alg` and `use: "sig"`.
    ///
    /// HMAC secrets have no public form: `ERR_KEY_SYMMETRIC`.
    pub fn to_jwk(&self) -> Result<Map<String, Value>> {
        let mut jwk = self.thumbprint_members()?;
        if let Some(kid) = self.kid() {
            jwk.insert("kid".into(), kid.into());
        }
        if let Some(alg) = self.alg() {
            jwk.insert("alg".into(), alg.name().into());
        }
        jwk.insert("use".into(), "sig".into());
        Ok(jwk)
    }

    /// The RFC 7638 thumbprint: base64url SHA-256 of the required members in lexicographic
    /// order, without whitespace.
    pub fn thumbprint(&self) -> Result<String> {
        // serde_json's Map is ordered by key, which is exactly RFC 7638's member order.
        let canonical =
            serde_json::to_string(&self.thumbprint_members()?).map_err(|_| Error::SigningFailed)?;
        Ok(base64url::encode(&Sha256::digest(canonical.as_bytes())))
    }

    // In the lite build every key is HMAC, which has no public members: only the refusal runs.
    #[cfg_attr(
        not(feature = "asymmetric"),
        allow(unreachable_code, unused_mut, unused_variables)
    )]
    fn thumbprint_members(&self) -> Result<Map<String, Value>> {
        let mut m = Map::new();
        match &self.inner {
            VerifyingInner::Hmac(_) => return Err(Error::KeySymmetric),
            #[cfg(feature = "asymmetric")]
            VerifyingInner::Rsa(key) => {
                m.insert("kty".into(), "RSA".into());
                m.insert("n".into(), base64url::encode(&key.n_bytes()).into());
                m.insert("e".into(), base64url::encode(&key.e_bytes()).into());
            }
            #[cfg(feature = "asymmetric")]
            VerifyingInner::P256(key) => {
                let point = key.to_sec1_point(false);
                ec_members(&mut m, "P-256", point.x(), point.y());
            }
            #[cfg(feature = "asymmetric")]
            VerifyingInner::P384(key) => {
                let point = key.to_sec1_point(false);
                ec_members(&mut m, "P-384", point.x(), point.y());
            }
            #[cfg(feature = "asymmetric")]
            VerifyingInner::Ed25519(key) => {
                m.insert("kty".into(), "OKP".into());
                m.insert("crv".into(), "Ed25519".into());
                m.insert("x".into(), base64url::encode(key.as_bytes()).into());
            }
        }
        Ok(m)
    }
}

#[cfg(feature = "asymmetric")]
fn ec_members<T: AsRef<[u8]>>(m: &mut Map<String, Value>, crv: &str, x: Option<T>, y: Option<T>) {
    m.insert("kty".into(), "EC".into());
    m.insert("crv".into(), crv.into());
    if let (Some(x), Some(y)) = (x, y) {
        m.insert("x".into(), base64url::encode(x.as_ref()).into());
        m.insert("y".into(), base64url::encode(y.as_ref()).into());
    }
}

impl SigningKey {
    /// Imports a private JWK (`d` for RSA/EC/OKP with the public members, `k` for `oct`).
    /// `alg` is required for RSA and HMAC keys unless the JWK carries one.
    pub fn from_jwk(jwk: &Map<String, Value>, alg: Option<Algorithm>) -> Result<Self> {
        crate::secret::scrubbed(|| Self::from_private_jwk(jwk, alg))
    }

    fn from_private_jwk(jwk: &Map<String, Value>, alg: Option<Algorithm>) -> Result<Self> {
        check_use(jwk)?;
        let alg = jwk_alg(jwk, alg)?;
        if !jwk.contains_key("d") && !jwk.contains_key("k") {
            return Err(format_error(
                "this JWK has no private part (`d`); signing needs the private key",
            ));
        }
        family(jwk)?.require_available()?;
        let inner = match required(jwk, "kty")? {
            #[cfg(feature = "asymmetric")]
            "RSA" => rsa_private(jwk)?,
            #[cfg(feature = "asymmetric")]
            "EC" => match curve(jwk)? {
                "P-256" => SigningInner::P256(Box::new(
                    p256::ecdsa::SigningKey::from_slice(&fixed::<32>(jwk, "d")?[..])
                        .map_err(|_| format_error("the P-256 private scalar `d` is invalid"))?,
                )),
                "P-384" => SigningInner::P384(Box::new(
                    p384::ecdsa::SigningKey::from_slice(&fixed::<48>(jwk, "d")?[..])
                        .map_err(|_| format_error("the P-384 private scalar `d` is invalid"))?,
                )),
                other => return Err(unsupported_curve(other)),
            },
            #[cfg(feature = "asymmetric")]
            "OKP" => match curve(jwk)? {
                "Ed25519" => SigningInner::Ed25519(Box::new(
                    ed25519_dalek::SigningKey::from_bytes(&*fixed::<32>(jwk, "d")?),
                )),
                other => return Err(unsupported_curve(other)),
            },
            "oct" => SigningInner::Hmac(crate::secret::SecretBytes::new(bytes(jwk, "k")?.to_vec())),
            other => return Err(unsupported_kty(other)),
        };
        let key = Self::from_inner(inner, alg, kid(jwk)?)?;
        // The public members, when present, must be those of the private key.
        if key.family() != KeyFamily::Hmac {
            let derived = key.verifying_key().thumbprint_members()?;
            for (name, value) in &derived {
                if let Some(given) = jwk.get(name) {
                    if given != value {
                        return Err(format_error(format!(
                            "JWK member `{name}` does not match the private key"
                        )));
                    }
                }
            }
        }
        Ok(key)
    }

    /// Imports a private JWK from JSON text.
    pub fn from_jwk_json(json: &str, alg: Option<Algorithm>) -> Result<Self> {
        Self::from_jwk(&parse_object(json, "JWK", crate::limits::JWK_BYTES)?, alg)
    }

    /// The public JWK of this key (see [`VerifyingKey::to_jwk`]).
    pub fn public_jwk(&self) -> Result<Map<String, Value>> {
        self.verifying_key().to_jwk()
    }

    /// The RFC 7638 thumbprint of the public key.
    pub fn thumbprint(&self) -> Result<String> {
        self.verifying_key().thumbprint()
    }

    /// **Exports the private key** as a JWK. Only for moving a key to storage you control;
    /// the name is long on purpose, so that reviews find every use.
    pub fn export_private_jwk(&self) -> Result<Map<String, Value>> {
        let mut jwk = match &self.inner {
            SigningInner::Hmac(secret) => {
                let mut m = Map::new();
                m.insert("kty".into(), "oct".into());
                m.insert("k".into(), base64url::encode(secret.expose_secret()).into());
                m
            }
            #[cfg(feature = "asymmetric")]
            _ => self.verifying_key().thumbprint_members()?,
        };
        match &self.inner {
            SigningInner::Hmac(_) => {}
            #[cfg(feature = "asymmetric")]
            SigningInner::Rsa(key) => {
                let der = key.to_pkcs1_der().map_err(|_| Error::SigningFailed)?;
                let parts = pkcs1::RsaPrivateKeyRef::try_from(der.as_bytes())
                    .map_err(|_| Error::SigningFailed)?;
                for (name, value) in [
                    ("d", parts.private_exponent),
                    ("p", parts.prime1),
                    ("q", parts.prime2),
                    ("dp", parts.exponent1),
                    ("dq", parts.exponent2),
                    ("qi", parts.coefficient),
                ] {
                    jwk.insert(name.into(), base64url::encode(value.as_bytes()).into());
                }
            }
            #[cfg(feature = "asymmetric")]
            SigningInner::P256(key) => {
                jwk.insert("d".into(), base64url::encode(&key.to_bytes()).into());
            }
            #[cfg(feature = "asymmetric")]
            SigningInner::P384(key) => {
                jwk.insert("d".into(), base64url::encode(&key.to_bytes()).into());
            }
            #[cfg(feature = "asymmetric")]
            SigningInner::Ed25519(key) => {
                jwk.insert("d".into(), base64url::encode(key.as_bytes()).into());
            }
        }
        if let Some(kid) = self.kid() {
            jwk.insert("kid".into(), kid.into());
        }
        jwk.insert("alg".into(), self.alg().name().into());
        jwk.insert("use".into(), "sig".into());
        Ok(jwk)
    }
}

#[cfg(feature = "asymmetric")]
fn rsa_private(jwk: &Map<String, Value>) -> Result<SigningInner> {
    if !jwk.contains_key("p") || !jwk.contains_key("q") {
        return Err(format_error(
            "RSA private JWKs without the primes `p` and `q` are not supported",
        ));
    }
    if jwk.contains_key("oth") {
        return Err(Error::KeyUnsupported {
            reason: "multi-prime RSA keys (`oth`) are not supported",
        });
    }
    let n_len = bytes(jwk, "n")?.len();
    let bits = u32::try_from(n_len * 8).map_err(|_| format_error("modulus too large"))?;
    let n = uint(jwk, "n", bits)?;
    let e = uint(jwk, "e", 64)?;
    let d = uint(jwk, "d", bits)?;
    let p = uint(jwk, "p", bits)?;
    let q = uint(jwk, "q", bits)?;
    let key = rsa::PrivateKey::from_components(n, e, d, vec![p, q])
        .map_err(|_| format_error("the RSA private key components are inconsistent"))?;
    key.validate()
        .map_err(|_| format_error("the RSA private key components are inconsistent"))?;
    Ok(SigningInner::Rsa(Box::new(key)))
}
