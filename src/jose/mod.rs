//! JOSE: signing and verifying keys, compact JWS, JWT claims, client assertions, OpenID
//! Connect ID tokens and DPoP proofs (RFC 7515, 7517, 7518, 7519, 7523, 7638, 8037, 9449;
//! OpenID Connect Core).
//!
//! ```
//! use healthauth::jose::{self, Algorithm, ClientAssertionOptions, SigningKey, VerifyOptions};
//!
//! let key = SigningKey::generate(Algorithm::Es384)?;
//! let jwk = key.public_jwk()?; // publish this in your JWKS
//! assert_eq!(jwk["crv"], "P-384");
//!
//! let now = 1_700_000_000;
//! let token_url = "https://api.redoxengine.com/v2/auth/token";
//! let assertion = jose::client_assertion(&key, &ClientAssertionOptions::new("my-client", token_url, now))?;
//!
//! let mut options = VerifyOptions::new(now);
//! options.audience = Some(vec![token_url.into()]);
//! let verified = jose::verify_jwt(&assertion, &key.verifying_key(), &options)?;
//! assert_eq!(verified.claims["iss"], "my-client");
//! # Ok::<(), healthauth::Error>(())
//! ```

mod alg;
mod assertion;
mod dpop;
mod id_token;
mod jwk;
mod jws;
mod jwt;
mod key;
mod key_set;
mod pem;
mod rsa_sign;

pub use alg::{Algorithm, KeyFamily};
pub use assertion::{
    client_assertion, ClientAssertionOptions, CLIENT_ASSERTION_TYPE, MAX_ASSERTION_LIFETIME_SECONDS,
};
pub use dpop::{
    access_token_hash, dpop_proof, verify_dpop_proof, DpopOptions, DpopVerifyOptions,
    VerifiedDpopProof, DEFAULT_DPOP_LEEWAY_SECONDS, DEFAULT_DPOP_MAX_AGE_SECONDS, DPOP_TYP,
};
pub use id_token::{left_half_hash, verify_id_token, IdTokenOptions, VerifiedIdToken};
pub use jws::{sign_compact, JsonObject, DEFAULT_MAX_TOKEN_BYTES};
pub use jwt::{sign_jwt, verify_jwt, verify_jwt_with_keys, VerifiedJwt, VerifyOptions};
pub use key::{SigningKey, VerifyingKey, RSA_DEFAULT_BITS, RSA_MAX_BITS, RSA_MIN_BITS};
pub use key_set::KeySet;
pub use pem::MAX_KEY_INPUT_BYTES;

/// Parses the JSON text of one JWK (at most [`crate::limits::JWK_BYTES`]) into its members,
/// for [`SigningKey::from_jwk`] and [`VerifyingKey::from_jwk`]; text that does not parse is
/// `ERR_KEY_FORMAT` saying where (never echoing the text).
pub fn parse_jwk(json: &str) -> crate::Result<JsonObject> {
    jwk::parse_object(json, "JWK", crate::limits::JWK_BYTES)
}

/// Parses a JWKS document (`{ "keys": [...] }`) into verifying keys, skipping keys that are
/// not for signatures (`use: "enc"`) or of unsupported types, as RFC 7517 §5 allows.
pub fn parse_jwks(json: &str) -> crate::Result<Vec<VerifyingKey>> {
    let document = jwk::parse_object(json, "JWK set", crate::limits::JWK_BYTES)?;
    let keys = match document.get("keys") {
        Some(serde_json::Value::Array(keys)) => keys,
        _ => {
            return Err(crate::Error::KeyFormat {
                reason: "a JWKS is an object with a `keys` array".into(),
            })
        }
    };
    Ok(keys
        .iter()
        .filter_map(serde_json::Value::as_object)
        .filter_map(|jwk| VerifyingKey::from_jwk(jwk, None).ok())
        .collect())
}

/// The JWKS document publishing these keys' public halves: `{ "keys": [...] }`.
///
/// Two keys with one `kid` are refused ([`crate::Error::InvalidArgument`]): a verifier
/// selecting by `kid` could not tell them apart, and the same key given twice (same thumbprint
/// `kid`) is a mistake too. Keys without a `kid` are not compared.
pub fn jwks<'a>(keys: impl IntoIterator<Item = &'a VerifyingKey>) -> crate::Result<JsonObject> {
    let mut kids = std::collections::BTreeSet::new();
    let keys = keys
        .into_iter()
        .map(|k| {
            if let Some(kid) = k.kid() {
                if !kids.insert(kid) {
                    return Err(crate::Error::InvalidArgument {
                        name: "keys",
                        expected:
                            "keys with distinct `kid`s (two keys in the JWKS share one `kid`)",
                    });
                }
            }
            k.to_jwk().map(serde_json::Value::Object)
        })
        .collect::<crate::Result<Vec<_>>>()?;
    let mut document = JsonObject::new();
    document.insert("keys".into(), keys.into());
    Ok(document)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_jwks_refuses_two_keys_with_one_kid() {
        let a = SigningKey::generate(Algorithm::Es256)
            .unwrap()
            .verifying_key();
        let b = SigningKey::generate(Algorithm::EdDsa)
            .unwrap()
            .verifying_key();
        let set = jwks([&a, &b]).unwrap();
        assert_eq!(set["keys"].as_array().map(Vec::len), Some(2));
        // The same key twice: one thumbprint `kid`.
        assert_eq!(jwks([&a, &a]).unwrap_err().code(), "ERR_INVALID_ARGUMENT");
        // Two keys given one `kid`.
        let (a, b) = (a.with_kid("k"), b.with_kid("k"));
        assert_eq!(jwks([&a, &b]).unwrap_err().code(), "ERR_INVALID_ARGUMENT");
        // Keys without a `kid` are not compared.
        let mut jwk = a.to_jwk().unwrap();
        jwk.remove("kid");
        let unnamed = VerifyingKey::from_jwk(&jwk, None).unwrap();
        assert_eq!(unnamed.kid(), None);
        let set = jwks([&unnamed, &unnamed]).unwrap();
        assert_eq!(set["keys"].as_array().map(Vec::len), Some(2));
    }
}
