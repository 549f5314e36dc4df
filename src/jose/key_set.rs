//! What a verifier is handed as JSON: one JWK, or a JWK set (`{ "keys": [...] }`).

use serde_json::{Map, Value};

use super::jwk::parse_object;
use super::jwt::{verify_jwt, verify_jwt_with_keys, VerifiedJwt, VerifyOptions};
use super::key::VerifyingKey;
use crate::error::{Error, Result};

/// One JWK or a JWK set, parsed from JSON text and told apart by a top-level `keys` member.
///
/// A set skips keys that are not for signatures or of unsupported types (RFC 7517 §5 allows
/// it); one JWK must be usable.
#[derive(Debug)]
pub struct KeySet {
    keys: Vec<VerifyingKey>,
    single: bool,
    holds_secret: bool,
}

/// Whether a JWK carries secret material: an HMAC key (`k`) or a private key (`d`).
fn is_secret(jwk: &Map<String, Value>) -> bool {
    jwk.contains_key("k") || jwk.contains_key("d")
}

impl KeySet {
    /// Parses a JWK or a JWK set of at most `max_bytes` (default [`crate::limits::JWK_BYTES`]).
    pub fn parse(json: &str, max_bytes: usize) -> Result<KeySet> {
        Self::parse_checked(json, max_bytes, true)
    }

    /// [`KeySet::parse`] for hosts where secrets must not be handled (browsers): a document
    /// with secret material is [`Error::SecretInBrowser`], before any key in it is read.
    pub fn parse_public(json: &str, max_bytes: usize) -> Result<KeySet> {
        Self::parse_checked(json, max_bytes, false)
    }

    fn parse_checked(json: &str, max_bytes: usize, secrets_allowed: bool) -> Result<KeySet> {
        let document = parse_object(json, "JWK set", max_bytes)?;
        let holds_secret = match document.get("keys") {
            Some(Value::Array(keys)) => keys.iter().filter_map(Value::as_object).any(is_secret),
            _ => is_secret(&document),
        };
        if holds_secret && !secrets_allowed {
            return Err(Error::SecretInBrowser {
                what: "a secret or private JWK",
            });
        }
        match document.get("keys") {
            None => Ok(KeySet {
                keys: vec![VerifyingKey::from_jwk(&document, None)?],
                single: true,
                holds_secret,
            }),
            Some(Value::Array(keys)) => Ok(KeySet {
                keys: keys
                    .iter()
                    .filter_map(Value::as_object)
                    .filter_map(|jwk| VerifyingKey::from_jwk(jwk, None).ok())
                    .collect(),
                single: false,
                holds_secret,
            }),
            Some(_) => Err(Error::KeyFormat {
                reason: "a JWK set's `keys` member must be an array of JWKs".into(),
            }),
        }
    }

    /// A set of keys already imported: the token's `kid`, when it has one, selects the keys
    /// tried (as for a parsed JWK set).
    pub fn from_keys(keys: Vec<VerifyingKey>) -> KeySet {
        KeySet {
            keys,
            single: false,
            holds_secret: false,
        }
    }

    /// One key already imported, used whatever the token's `kid` (as for one parsed JWK).
    pub fn from_key(key: VerifyingKey) -> KeySet {
        KeySet {
            keys: vec![key],
            single: true,
            holds_secret: false,
        }
    }

    /// Whether it was parsed from one JWK (used whatever a token's `kid`) rather than a set.
    pub fn is_single(&self) -> bool {
        self.single
    }

    /// The usable keys.
    pub fn keys(&self) -> &[VerifyingKey] {
        &self.keys
    }

    /// Whether any JWK in the document carried secret material (an HMAC `k` or a private
    /// `d`): such a document belongs on a server, never in a browser. Keys given already
    /// imported ([`KeySet::from_keys`]) were classified when they were imported.
    pub fn holds_secret(&self) -> bool {
        self.holds_secret
    }

    /// Verifies a JWT against these keys: one JWK is used whatever the token's `kid`; in a
    /// set, the token's `kid` (when it has one) selects the keys tried.
    pub fn verify_jwt(&self, token: &str, options: &VerifyOptions) -> Result<VerifiedJwt> {
        match (self.single, self.keys.first()) {
            (true, Some(key)) => verify_jwt(token, key, options),
            _ => verify_jwt_with_keys(token, &self.keys, options),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jose::{Algorithm, SigningKey};

    #[test]
    fn a_jwk_whose_kid_is_keys_is_one_jwk_not_a_set() {
        let key = SigningKey::generate(Algorithm::Es256)
            .unwrap()
            .with_kid("keys");
        let mut jwk = key.public_jwk().unwrap();
        jwk.insert("kid".into(), "keys".into());
        let set = KeySet::parse(&Value::Object(jwk).to_string(), 4096).unwrap();
        assert!(set.single);
        assert_eq!(set.keys().len(), 1);
        assert!(!set.holds_secret());
    }

    #[test]
    fn secret_members_are_classified_and_caps_apply() {
        let oct = r#"{"kty":"oct","k":"c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA"}"#;
        assert!(KeySet::parse(oct, 4096).unwrap().holds_secret());
        let set = format!(r#"{{"keys":[{oct}]}}"#);
        assert!(KeySet::parse(&set, 4096).unwrap().holds_secret());
        assert_eq!(
            KeySet::parse(&set, 10).unwrap_err().code(),
            "ERR_INPUT_TOO_LARGE"
        );
        assert_eq!(
            KeySet::parse(r#"{"keys":{}}"#, 4096).unwrap_err().code(),
            "ERR_KEY_FORMAT"
        );
        // Refused before the key is read (this one, without `alg`, could not be used anyway).
        for document in [oct, set.as_str()] {
            let error = KeySet::parse_public(document, 4096).unwrap_err();
            assert_eq!(error.code(), "ERR_SECRET_IN_BROWSER");
        }
    }
}
