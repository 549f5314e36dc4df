//! Key import from PEM and DER: PKCS#8, PKCS#1 (RSA), SEC1 (EC), SPKI, X.509 certificates.
//!
//! Errors say what was found and how to convert it, because "invalid key" is the most
//! common and least helpful message in this field.

use base64ct::{Base64, Encoding as _};
use der::{Decode, Encode};
use pkcs1::DecodeRsaPrivateKey as _;
use pkcs1::DecodeRsaPublicKey as _;
use pkcs8::{DecodePrivateKey as _, DecodePublicKey as _, ObjectIdentifier};
use zeroize::Zeroizing;

use super::alg::Algorithm;
use super::key::{SigningInner, SigningKey, VerifyingInner, VerifyingKey};
use crate::error::{echo_safe, Error, Result};

use super::MAX_KEY_INPUT_BYTES;

const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const RSASSA_PSS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");
const EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");
const X25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.110");
const ED448: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.113");
const DSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10040.4.1");
const P256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
const P384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");
const P521: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.35");
const SECP256K1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.10");

fn format_error(reason: impl Into<String>) -> Error {
    Error::KeyFormat {
        reason: reason.into(),
    }
}

/// One PEM block: its label and decoded contents.
struct PemBlock {
    label: String,
    der: Zeroizing<Vec<u8>>,
}

/// Finds and decodes the first key-bearing PEM block, skipping `EC PARAMETERS` (which
/// `openssl ecparam -genkey` writes before the key).
fn decode_pem(input: &str) -> Result<PemBlock> {
    crate::limits::check("key input", input.len(), MAX_KEY_INPUT_BYTES)?;
    // Keys pasted into environment variables often arrive with literal "\n" sequences.
    let unescaped;
    let mut text = input;
    if !input.contains('\n') && input.contains("\\n") {
        unescaped = Zeroizing::new(input.replace("\\n", "\n"));
        text = &unescaped;
    }
    let mut rest = text;
    loop {
        let Some(start) = rest.find("-----BEGIN ") else {
            return Err(format_error(
                "no PEM block found (expected a line like -----BEGIN PRIVATE KEY-----)",
            ));
        };
        let block = rest.get(start..).unwrap_or_default();
        // The label ends on the BEGIN line itself: never search further, or a malformed header
        // would swallow the key body into the "label" (and into error messages).
        let begin_line = block.lines().next().unwrap_or_default();
        let label = begin_line
            .get(11..)
            .and_then(|s| s.strip_suffix("-----"))
            .filter(|label| {
                label.len() <= 64
                    && label
                        .bytes()
                        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b' ')
            })
            .ok_or_else(|| {
                format_error("malformed PEM header line (expected -----BEGIN <LABEL>-----)")
            })?
            .to_owned();
        let end_marker = format!("-----END {label}-----");
        let end = block
            .find(&end_marker)
            .ok_or_else(|| format_error(format!("the PEM block has no `{end_marker}` line")))?;
        let pem = block.get(..end + end_marker.len()).unwrap_or_default();
        rest = block.get(end + end_marker.len()..).unwrap_or_default();
        if label == "EC PARAMETERS" {
            continue;
        }
        return Ok(PemBlock {
            der: decode_body(pem, &label)?,
            label,
        });
    }
}

/// The base64 between a PEM block's BEGIN and END lines, at any line width (RFC 7468 §2 lets
/// parsers accept other widths; keys pasted into secret stores are often one long line).
fn decode_body(pem: &str, label: &str) -> Result<Zeroizing<Vec<u8>>> {
    let mut lines = pem.lines();
    lines.next(); // the BEGIN line
    let mut body = Zeroizing::new(String::with_capacity(pem.len()));
    for line in lines {
        let line = line.trim();
        if line.starts_with("-----END ") {
            break;
        }
        if line.contains(':') {
            // RFC 1421 headers (`Proc-Type: 4,ENCRYPTED`, `DEK-Info: …`): legacy encryption.
            return Err(format_error(
                "this PEM is encrypted (Proc-Type/DEK-Info headers); decrypt it first: `openssl pkey -in encrypted.pem -out key.pem`",
            ));
        }
        body.extend(line.chars().filter(|c| !c.is_ascii_whitespace()));
    }
    Base64::decode_vec(&body)
        .map(Zeroizing::new)
        .map_err(|_| format_error(format!("the `{label}` PEM block is not valid base64")))
}

fn unsupported_algorithm(oid: ObjectIdentifier, parameters_oid: Option<ObjectIdentifier>) -> Error {
    let reason: &'static str = match (oid, parameters_oid) {
        (EC_PUBLIC_KEY, Some(SECP256K1)) => {
            "secp256k1 keys (ES256K) are not supported; use a P-256 or P-384 key"
        }
        (EC_PUBLIC_KEY, Some(P521)) => "P-521 keys (ES512) are not supported; use P-256 or P-384",
        (EC_PUBLIC_KEY, _) => "only the P-256 and P-384 curves are supported",
        (RSASSA_PSS, _) => {
            "RSA-PSS-restricted keys are not supported; convert with `openssl pkey -in key.pem -traditional` or generate a plain RSA key (PS256/PS384/PS512 work with it)"
        }
        (X25519, _) => "X25519 keys are for key agreement, not signatures; use Ed25519",
        (ED448, _) => "Ed448 keys are not supported; use Ed25519",
        (DSA, _) => "DSA keys are not supported",
        _ => "the key's algorithm is not one of RSA, P-256, P-384, Ed25519",
    };
    Error::KeyUnsupported { reason }
}

fn curve_of(parameters: Option<der::AnyRef<'_>>) -> Option<ObjectIdentifier> {
    parameters.and_then(|any| any.decode_as::<ObjectIdentifier>().ok())
}

impl SigningKey {
    /// Imports a private key from PEM: PKCS#8 (`PRIVATE KEY`), PKCS#1 (`RSA PRIVATE KEY`) or
    /// SEC1 (`EC PRIVATE KEY`). `alg` is required for RSA keys; curve keys imply theirs.
    pub fn from_pem(pem: &str, alg: Option<Algorithm>) -> Result<Self> {
        crate::secret::scrubbed(|| {
            let block = decode_pem(pem)?;
            Self::from_inner(private_inner(&block)?, alg, None)
        })
    }

    /// Imports a PKCS#8 private key from DER.
    pub fn from_pkcs8_der(der: &[u8], alg: Option<Algorithm>) -> Result<Self> {
        crate::secret::scrubbed(|| Self::from_inner(pkcs8_inner(der)?, alg, None))
    }
}

/// The private key in a PEM block, whatever its algorithm (the caller binds it to one).
fn private_inner(block: &PemBlock) -> Result<SigningInner> {
    Ok(match block.label.as_str() {
            "PRIVATE KEY" => pkcs8_inner(&block.der)?,
            "RSA PRIVATE KEY" => SigningInner::Rsa(Box::new(
                rsa::PrivateKey::from_pkcs1_der(&block.der)
                    .map_err(|_| format_error("the PKCS#1 RSA private key is malformed"))?,
            )),
            "EC PRIVATE KEY" => sec1_inner(&block.der)?,
            "ENCRYPTED PRIVATE KEY" => {
                return Err(format_error(
                    "this is an encrypted PKCS#8 key; decrypt it first: `openssl pkcs8 -in encrypted.pem -out key.pem`",
                ))
            }
            "OPENSSH PRIVATE KEY" => {
                return Err(format_error(
                    "this is an OpenSSH key; convert it: `ssh-keygen -p -m PKCS8 -f <file>` (rewrites the file)",
                ))
            }
            "PUBLIC KEY" | "RSA PUBLIC KEY" | "CERTIFICATE" => {
                return Err(format_error(format!(
                    "this is a `{}` (public); signing needs the private key",
                    block.label
                )))
            }
            other => {
                return Err(format_error(format!(
                    "unexpected PEM label `{}`; expected PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY",
                    echo_safe(other)
                )))
            }
    })
}

/// The private key in PKCS#8 DER, whatever its algorithm.
fn pkcs8_inner(der: &[u8]) -> Result<SigningInner> {
    let info = pkcs8::PrivateKeyInfoRef::from_der(der).map_err(|_| {
        format_error("not a PKCS#8 PrivateKeyInfo (if it is encrypted, decrypt it first)")
    })?;
    let oid = info.algorithm.oid;
    let curve = curve_of(info.algorithm.parameters);
    let malformed = |what: &str| format_error(format!("the PKCS#8 {what} key is malformed"));
    let inner = match (oid, curve) {
        (RSA_ENCRYPTION, _) => SigningInner::Rsa(Box::new(
            rsa::PrivateKey::from_pkcs8_der(der).map_err(|_| malformed("RSA"))?,
        )),
        (EC_PUBLIC_KEY, Some(P256)) => SigningInner::P256(Box::new(
            p256::ecdsa::SigningKey::from_pkcs8_der(der).map_err(|_| malformed("P-256"))?,
        )),
        (EC_PUBLIC_KEY, Some(P384)) => SigningInner::P384(Box::new(
            p384::ecdsa::SigningKey::from_pkcs8_der(der).map_err(|_| malformed("P-384"))?,
        )),
        (ED25519, _) => SigningInner::Ed25519(Box::new(
            ed25519_dalek::SigningKey::from_pkcs8_der(der).map_err(|_| malformed("Ed25519"))?,
        )),
        (oid, curve) => return Err(unsupported_algorithm(oid, curve)),
    };
    Ok(inner)
}

fn sec1_inner(der: &[u8]) -> Result<SigningInner> {
    let key = sec1::EcPrivateKey::from_der(der)
        .map_err(|_| format_error("the SEC1 EC private key is malformed"))?;
    let curve = key
        .parameters
        .as_ref()
        .and_then(|p| p.named_curve())
        .ok_or_else(|| format_error("the SEC1 EC private key does not name its curve"))?;
    let scalar = key.private_key;
    let (inner, public) = match curve {
        P256 => {
            let k = p256::ecdsa::SigningKey::from_slice(scalar)
                .map_err(|_| format_error("the P-256 private scalar is invalid"))?;
            let public = k.verifying_key().to_sec1_point(false).as_bytes().to_vec();
            (SigningInner::P256(Box::new(k)), public)
        }
        P384 => {
            let k = p384::ecdsa::SigningKey::from_slice(scalar)
                .map_err(|_| format_error("the P-384 private scalar is invalid"))?;
            let public = k.verifying_key().to_sec1_point(false).as_bytes().to_vec();
            (SigningInner::P384(Box::new(k)), public)
        }
        other => return Err(unsupported_algorithm(EC_PUBLIC_KEY, Some(other))),
    };
    // The optional embedded public key must be this private key's (as PKCS#8 and JWK imports
    // require): a mismatch means a corrupted or spliced file.
    if let Some(embedded) = key.public_key {
        if !public_matches(embedded, &public) {
            return Err(format_error(
                "the SEC1 key's embedded public key does not match its private key",
            ));
        }
    }
    Ok(inner)
}

/// Whether an embedded SEC1 point (uncompressed, or compressed) is `uncompressed`.
fn public_matches(embedded: &[u8], uncompressed: &[u8]) -> bool {
    if embedded == uncompressed {
        return true;
    }
    // Compressed form: 0x02/0x03 (parity of y) followed by x.
    let size = uncompressed.len() / 2;
    let (Some(x), Some(y_last)) = (uncompressed.get(1..=size), uncompressed.last()) else {
        return false;
    };
    let prefix = if y_last & 1 == 0 { 0x02 } else { 0x03 };
    embedded.len() == size + 1 && embedded.first() == Some(&prefix) && embedded.get(1..) == Some(x)
}

impl VerifyingKey {
    /// Imports a public key from PEM: SPKI (`PUBLIC KEY`), PKCS#1 (`RSA PUBLIC KEY`) or the
    /// subject key of an X.509 `CERTIFICATE` (its validity is not checked). `alg` restricts
    /// the key to one algorithm; curve keys imply theirs.
    pub fn from_pem(pem: &str, alg: Option<Algorithm>) -> Result<Self> {
        let block = decode_pem(pem)?;
        match block.label.as_str() {
            "PUBLIC KEY" => Self::from_spki_der(&block.der, alg),
            "RSA PUBLIC KEY" => Self::from_inner(
                VerifyingInner::Rsa(Box::new(
                    rsa::PublicKey::from_pkcs1_der(&block.der)
                        .map_err(|_| format_error("the PKCS#1 RSA public key is malformed"))?,
                )),
                alg,
                None,
            ),
            "CERTIFICATE" => {
                let cert = x509_cert::Certificate::from_der(&block.der)
                    .map_err(|_| format_error("the X.509 certificate is malformed"))?;
                let spki = cert
                    .tbs_certificate()
                    .subject_public_key_info()
                    .to_der()
                    .map_err(|_| format_error("the certificate's public key is malformed"))?;
                Self::from_spki_der(&spki, alg)
            }
            "PRIVATE KEY" | "RSA PRIVATE KEY" | "EC PRIVATE KEY" => {
                // Accept a private key where a public one is due, but keep only the public half
                // (an RSA key without `alg` stays unrestricted, as its SPKI form would).
                Self::from_inner(private_inner(&block)?.public(), alg, None)
            }
            other => Err(format_error(format!(
                "unexpected PEM label `{}`; expected PUBLIC KEY, RSA PUBLIC KEY or CERTIFICATE",
                echo_safe(other)
            ))),
        }
    }

    /// Imports a SubjectPublicKeyInfo (SPKI) public key from DER.
    pub fn from_spki_der(der: &[u8], alg: Option<Algorithm>) -> Result<Self> {
        let info = spki::SubjectPublicKeyInfoRef::from_der(der)
            .map_err(|_| format_error("not a SubjectPublicKeyInfo (SPKI) public key"))?;
        let oid = info.algorithm.oid;
        let curve = curve_of(info.algorithm.parameters);
        let malformed = |what: &str| format_error(format!("the {what} public key is malformed"));
        let inner = match (oid, curve) {
            (RSA_ENCRYPTION, _) => VerifyingInner::Rsa(Box::new(
                rsa::PublicKey::from_public_key_der(der).map_err(|_| malformed("RSA"))?,
            )),
            (EC_PUBLIC_KEY, Some(P256)) => VerifyingInner::P256(Box::new(
                p256::ecdsa::VerifyingKey::from_public_key_der(der)
                    .map_err(|_| malformed("P-256"))?,
            )),
            (EC_PUBLIC_KEY, Some(P384)) => VerifyingInner::P384(Box::new(
                p384::ecdsa::VerifyingKey::from_public_key_der(der)
                    .map_err(|_| malformed("P-384"))?,
            )),
            (ED25519, _) => VerifyingInner::Ed25519(Box::new(
                ed25519_dalek::VerifyingKey::from_public_key_der(der)
                    .map_err(|_| malformed("Ed25519"))?,
            )),
            (oid, curve) => return Err(unsupported_algorithm(oid, curve)),
        };
        Self::from_inner(inner, alg, None)
    }
}
