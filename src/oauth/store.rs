//! Keys and identities for caching tokens in a store shared by several clients (Workers KV,
//! Redis, …).
//!
//! A cached token belongs to one token endpoint, one client, one scope and one credential. The
//! store key is a digest over an unambiguous (length-prefixed) encoding of all four, so that
//! no two different clients can land on one key, whatever characters their parts contain, and
//! the key carries no raw value (no client id, no scope, no secret) for whoever lists the store.
//!
//! ```
//! use healthauth::oauth::{client_secret_credential_id, token_store_key};
//!
//! let credential = client_secret_credential_id("s3cret");
//! let a = token_store_key("https://as.example/token", "clinicA", Some("read:patient_data"), &credential);
//! let b = token_store_key("https://as.example/token", "clinicA:read", Some("patient_data"), &credential);
//! assert!(a.starts_with("healthauth:token:v2:"));
//! assert_ne!(a, b);
//! ```

use sha2::{Digest, Sha256};

use crate::encoding::base64url;
use crate::mac;

/// The prefix of every key [`token_store_key`] makes (`v2`: the digest form; `v1` keys joined
/// raw values with `:`).
pub const TOKEN_STORE_KEY_PREFIX: &str = "healthauth:token:v2:";

/// Domain separation for the store-key digest: no other healthauth digest starts this way.
const STORE_KEY_LABEL: &[u8] = b"healthauth/token-store-key/v2";
/// Domain separation for [`client_secret_credential_id`].
const CLIENT_SECRET_LABEL: &[u8] = b"healthauth/credential-id/v1/client-secret";
/// Domain separation for [`refresh_token_digest`].
const REFRESH_TOKEN_LABEL: &[u8] = b"healthauth/credential-id/v1/refresh-token";

/// The store key for the tokens of one client: `healthauth:token:v2:` followed by the base64url
/// SHA-256 of a length-prefixed encoding of `endpoint`, `client_id` (empty when the client
/// has none), `scope` (absent and empty are different) and `credential_id` (from
/// [`client_secret_credential_id`], [`SigningKey::credential_id`](crate::jose::SigningKey::credential_id),
/// or a caller's own label for a public client).
///
/// Each part is written as its byte length (8 bytes, big-endian) and its bytes, so that
/// `("clinicA", "read:patient_data")` and `("clinicA:read", "patient_data")` give different
/// keys.
pub fn token_store_key(
    endpoint: &str,
    client_id: &str,
    scope: Option<&str>,
    credential_id: &str,
) -> String {
    let mut digest = Sha256::new();
    let mut part = |bytes: &[u8]| {
        digest.update((bytes.len() as u64).to_be_bytes());
        digest.update(bytes);
    };
    part(STORE_KEY_LABEL);
    part(endpoint.as_bytes());
    part(client_id.as_bytes());
    match scope {
        // A presence byte, so that "no scope" and an empty scope stay apart.
        None => part(&[0]),
        Some(scope) => {
            part(&[1]);
            part(scope.as_bytes());
        }
    }
    part(credential_id.as_bytes());
    format!(
        "{TOKEN_STORE_KEY_PREFIX}{}",
        base64url::encode(&digest.finalize())
    )
}

/// A stable, non-secret identity for a client secret: `secret:` followed by the base64url
/// HMAC-SHA256 keyed by the secret over a domain-separation label. The secret cannot be read
/// back from it (a weak secret can still be guessed offline, as from any digest of it).
pub fn client_secret_credential_id(secret: &str) -> String {
    mac::keyed_id("secret:", secret.as_bytes(), CLIENT_SECRET_LABEL)
}

/// A stable, non-secret digest of a refresh token (`rt:` and the base64url HMAC-SHA256 keyed
/// by the token over a label), for telling which refresh token a cached one was rotated from
/// without storing the old token itself.
pub fn refresh_token_digest(token: &str) -> String {
    mac::keyed_id("rt:", token.as_bytes(), REFRESH_TOKEN_LABEL)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jose::{Algorithm, SigningKey};

    const URL: &str = "https://as.example/token";

    #[test]
    fn keys_are_unambiguous() {
        let c = client_secret_credential_id("s");
        // The audit's collision: the old key joined the parts with an unescaped `:`.
        assert_ne!(
            token_store_key(URL, "clinicA", Some("read:patient_data"), &c),
            token_store_key(URL, "clinicA:read", Some("patient_data"), &c),
        );
        // Moving bytes between any two neighbouring parts changes the key.
        assert_ne!(
            token_store_key("https://as.example/t", "oken", None, &c),
            token_store_key("https://as.example/to", "ken", None, &c),
        );
        assert_ne!(
            token_store_key(URL, "a", Some("b"), "c"),
            token_store_key(URL, "a", Some("bc"), ""),
        );
        assert_ne!(
            token_store_key(URL, "", Some(""), "x"),
            token_store_key(URL, "", None, "x")
        );
        // Every part counts.
        let base = token_store_key(URL, "a", Some("s"), &c);
        assert_ne!(
            base,
            token_store_key("https://other.example/token", "a", Some("s"), &c)
        );
        assert_ne!(base, token_store_key(URL, "b", Some("s"), &c));
        assert_ne!(base, token_store_key(URL, "a", Some("t"), &c));
        assert_ne!(
            base,
            token_store_key(URL, "a", Some("s"), &client_secret_credential_id("t"))
        );
        // Stable: the same parts, the same key.
        assert_eq!(base, token_store_key(URL, "a", Some("s"), &c));
    }

    #[test]
    fn keys_carry_no_raw_values() {
        let secret = "super-secret-value";
        let key = token_store_key(
            URL,
            "clinicA",
            Some("read:patient_data"),
            &client_secret_credential_id(secret),
        );
        let digest = key.strip_prefix(TOKEN_STORE_KEY_PREFIX).unwrap();
        assert_eq!(digest.len(), 43); // 32 bytes, base64url without padding
        assert!(digest
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        for raw in ["clinicA", "patient_data", "as.example", secret] {
            assert!(!key.contains(raw), "{raw} in {key}");
        }
    }

    #[test]
    fn credential_ids_are_domain_separated_digests() {
        let id = client_secret_credential_id("s3cret");
        assert!(id.starts_with("secret:"));
        assert!(!id.contains("s3cret"));
        assert_eq!(id, client_secret_credential_id("s3cret"));
        assert_ne!(id, client_secret_credential_id("s3cret2"));
        // One value as a client secret and as a refresh token: two different digests.
        assert_ne!(
            id.strip_prefix("secret:"),
            refresh_token_digest("s3cret").strip_prefix("rt:")
        );
        // Not the plain SHA-256 of the secret, nor an unlabelled HMAC.
        assert_ne!(
            id,
            format!("secret:{}", base64url::encode(&Sha256::digest(b"s3cret")))
        );
    }

    #[test]
    fn signing_key_ids_are_thumbprints_or_keyed_digests() {
        let es = SigningKey::generate(Algorithm::Es384).unwrap();
        let id = es.credential_id().unwrap();
        assert_eq!(id, format!("jkt:{}", es.thumbprint().unwrap()));
        // A `kid` is a label, not the key: it does not change the identity.
        let es = es.with_kid("another-label");
        assert_eq!(es.credential_id().unwrap(), id);
        let other = SigningKey::generate(Algorithm::Es384).unwrap();
        assert_ne!(es.credential_id().unwrap(), other.credential_id().unwrap());

        let secret = [7u8; 48];
        let hs = SigningKey::from_hmac_secret(&secret, Algorithm::Hs384).unwrap();
        let id = hs.credential_id().unwrap();
        assert!(id.starts_with("hs:"));
        assert_eq!(
            id,
            SigningKey::from_hmac_secret(&secret, Algorithm::Hs384)
                .unwrap()
                .with_kid("k")
                .credential_id()
                .unwrap()
        );
        assert_ne!(
            id,
            SigningKey::from_hmac_secret(&[8u8; 48], Algorithm::Hs384)
                .unwrap()
                .credential_id()
                .unwrap()
        );
        // Never the secret itself, in any encoding.
        assert!(!id.contains(&base64url::encode(&secret)));
        // The same bytes as an HMAC key and as a client secret: different identities.
        let text = "k".repeat(48);
        let hs_text = SigningKey::from_hmac_secret(text.as_bytes(), Algorithm::Hs384).unwrap();
        assert_ne!(
            hs_text.credential_id().unwrap().strip_prefix("hs:"),
            client_secret_credential_id(&text).strip_prefix("secret:")
        );
    }
}
