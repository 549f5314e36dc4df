//! The rules of a token cache kept in a store that several clients share (the npm package's
//! `TokenClient` over Workers KV, Redis, ...): which stored record may be served, when a token
//! a caller already holds is due for refresh, how long a store keeps a record, and how a
//! client recognises the refresh tokens of its own grant. The host does the I/O (get and put,
//! encryption, one request in flight); every decision on what it reads is made here.
//!
//! A record is what the host stores under the key of [`token_store_key`](super::token_store_key):
//! its version ([`TOKEN_RECORD_VERSION`]) and identity (the store key derived for the client),
//! the access token with its type and times (Unix seconds, fractions allowed: a host's clock
//! may have them), the refresh token, and the lineage: the digests
//! ([`refresh_token_digest`]) of the refresh tokens it was rotated from. Records come back
//! from a store that other clients write to: nothing in them is trusted.

use super::store::refresh_token_digest;
use crate::error::{Error, Result};
use crate::mac::ct_eq;
use crate::providers::Preset;

/// The version of the records these rules read and write; a record of any other version is
/// a cache miss.
pub const TOKEN_RECORD_VERSION: u32 = 2;
/// The shortest time a store keeps a record, in seconds (Workers KV refuses an
/// `expirationTtl` under 60 s).
pub const MIN_RECORD_TTL_SECONDS: u64 = 60;
/// How long a record holding a refresh token is kept when neither the client nor its preset
/// says: 30 days.
pub const DEFAULT_REFRESH_TOKEN_LIFETIME_SECONDS: u64 = 30 * 86_400;
/// How long a cached token without `expires_in` is used before it is renewed, when the client
/// does not say ([`TokenResponseOptions::default_lifetime_seconds`](super::TokenResponseOptions::default_lifetime_seconds)):
/// 300 seconds.
pub const DEFAULT_TOKEN_LIFETIME_SECONDS: u64 = 300;
/// How many rotations back a refresh token is still recognised as the same grant.
pub const MAX_REFRESH_TOKEN_LINEAGE: usize = 16;

/// How long a token lease lasts in a shared store (`acquire(key, ttlSeconds)`), in seconds:
/// longer than a token request normally takes, short enough that a client that died holding
/// one blocks the others only briefly.
pub const TOKEN_LEASE_SECONDS: u64 = 30;
/// How long a client that found the lease taken waits for the holder's token in the store
/// before fetching one itself, in milliseconds.
pub const TOKEN_LEASE_WAIT_MILLISECONDS: u64 = 10_000;
/// How often a waiting client reads the store (and tries the lease again), in milliseconds.
pub const TOKEN_LEASE_POLL_MILLISECONDS: u64 = 100;
// A waiter gives up before the lease it waits on could expire, and polls many times meanwhile.
const _: () = assert!(TOKEN_LEASE_WAIT_MILLISECONDS < TOKEN_LEASE_SECONDS * 1000);
const _: () = assert!(TOKEN_LEASE_POLL_MILLISECONDS * 10 <= TOKEN_LEASE_WAIT_MILLISECONDS);

/// What tells a client's credential apart in its store key
/// ([`token_store_key`](super::token_store_key)'s `credential_id`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreCredential<'a> {
    /// The credential's identity: [`client_secret_credential_id`](super::client_secret_credential_id)
    /// of a client secret, [`SigningKey::credential_id`](crate::jose::SigningKey::credential_id)
    /// of a signing key.
    Id(&'a str),
    /// A public client, with neither a secret nor a key.
    Public,
    /// A client whose assertions are signed elsewhere: the key is unknown.
    Unknown,
}

impl StoreCredential<'_> {
    /// The `credential_id` of the store key: the identity, `public-client` or
    /// `opaque-assertion`.
    pub fn as_str(&self) -> &str {
        match self {
            StoreCredential::Id(id) => id,
            StoreCredential::Public => "public-client",
            StoreCredential::Unknown => "opaque-assertion",
        }
    }
}

/// The credential identity (a store key's `credential_id`) of a client whose tokens are
/// DPoP-bound (RFC 9449): its credential's identity and the DPoP key's
/// ([`SigningKey::credential_id`](crate::jose::SigningKey::credential_id)), since a bound token
/// is usable only with that key: clients with other DPoP keys never share a token.
///
/// ```
/// use healthauth::oauth::cache::dpop_bound_credential_id;
///
/// assert_eq!(dpop_bound_credential_id("secret:abc", "jkt:xyz"), "secret:abc+dpop:jkt:xyz");
/// ```
pub fn dpop_bound_credential_id(credential_id: &str, dpop_key_id: &str) -> String {
    format!("{credential_id}+dpop:{dpop_key_id}")
}

/// Refuses to derive the store key of a client whose tokens, in a store shared with other
/// clients, nothing derived would tell apart from another's, with [`Error::InvalidArgument`]
/// for `storeKey` (the caller then names the key itself): a user's client (the derived key
/// names the client, not the user), a client without a client id, and a client whose
/// credential is unknown (assertions signed elsewhere). A store only this client uses needs
/// no check.
pub fn check_derived_store_key(
    user: bool,
    client_id: &str,
    credential: &StoreCredential<'_>,
) -> Result<()> {
    let expected = if user {
        "given when a user's tokens are kept in a shared store: the derived key names the client, not the user (name it after the user)"
    } else if client_id.is_empty() {
        "given when tokens are kept in a shared store without a client id: nothing would tell this client's tokens from another's (give the client id, or a store key naming this tenant)"
    } else if *credential == StoreCredential::Unknown {
        "given when tokens are kept in a shared store by a client whose assertions are signed elsewhere: nothing tells which key the tokens belong to (sign with a signing key held here, or give a store key unique to this key)"
    } else {
        return Ok(());
    };
    Err(Error::InvalidArgument {
        name: "storeKey",
        expected,
    })
}

/// Whether a record read back from a store is this client's: of [`TOKEN_RECORD_VERSION`],
/// under the client's `identity` (its derived store key). Another client's record (another
/// credential, scope or endpoint), or a record of another version, is a miss.
pub fn is_own_record(version: Option<f64>, id: Option<&str>, identity: &str) -> bool {
    version == Some(f64::from(TOKEN_RECORD_VERSION)) && id == Some(identity)
}

/// The access token part of a record read back from a store, as far as serving it goes.
/// Times are Unix seconds; a member the record lacks, or holds as something other than a
/// number, is NaN (and [`CachedToken::expires_at`] is `None` only when the record has none).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CachedToken {
    /// Whether the record holds an access token (a non-empty string) and a token type.
    pub has_token: bool,
    /// When the access token expires, if the record says.
    pub expires_at: Option<f64>,
    /// When the token is due for refresh.
    pub refresh_at: f64,
    /// When the client that stored it obtained it.
    pub obtained_at: f64,
}

impl CachedToken {
    /// Whether the record's token may be served at `now`: it has one, it is not yet due for
    /// refresh, it was not obtained in the future (a record claiming so was planted), and if
    /// it has an expiry, it has not expired and is not due for refresh after it. A time that
    /// is not a finite number serves nothing.
    ///
    /// ```
    /// use healthauth::oauth::cache::CachedToken;
    ///
    /// let token = CachedToken { has_token: true, expires_at: Some(1_300.0), refresh_at: 1_240.0, obtained_at: 1_000.0 };
    /// assert!(token.servable(1_100.5));
    /// assert!(!token.servable(1_240.0)); // due for refresh
    /// assert!(!token.servable(999.0)); // obtained in the future
    /// ```
    pub fn servable(&self, now: f64) -> bool {
        self.has_token
            && self.refresh_at.is_finite()
            && now < self.refresh_at
            && self.obtained_at.is_finite()
            && self.obtained_at <= now
            && self.expires_at.is_none_or(|expires_at| {
                expires_at.is_finite() && now < expires_at && self.refresh_at <= expires_at
            })
    }
}

/// When a token a caller already holds (obtained elsewhere, such as the code exchange kept by
/// the caller) is due for refresh at `now`: its own `refresh_at` if it has one, else
/// `refresh_skew_seconds` before `expires_at`, else `default_lifetime_seconds` from now (in
/// whole seconds); never after `expires_at`, whatever refresh time it came with. A token
/// parsed by [`parse_token_response`](super::parse_token_response) has its refresh time
/// already.
pub fn held_token_refresh_at(
    now: f64,
    expires_at: Option<f64>,
    refresh_at: Option<f64>,
    refresh_skew_seconds: u64,
    default_lifetime_seconds: u64,
) -> f64 {
    let due = match (refresh_at, expires_at) {
        (Some(refresh_at), _) => refresh_at,
        (None, Some(expires_at)) => expires_at - refresh_skew_seconds as f64,
        (None, None) => now.floor() + default_lifetime_seconds as f64,
    };
    match expires_at {
        Some(expires_at) => due.min(expires_at),
        None => due,
    }
}

/// How long a refresh token is kept in a store, in seconds: the client's own setting, else
/// the preset's documented refresh token lifetime, else
/// [`DEFAULT_REFRESH_TOKEN_LIFETIME_SECONDS`].
pub fn refresh_token_lifetime_seconds(configured: Option<u64>, preset: Option<&Preset>) -> u64 {
    configured
        .or_else(|| preset.and_then(|p| p.refresh_token_lifetime_seconds))
        .unwrap_or(DEFAULT_REFRESH_TOKEN_LIFETIME_SECONDS)
}

/// The time a store keeps a record written at `now`, in whole seconds: while its access
/// token lives (`token`: until its expiry, else its refresh time), and when it holds a
/// refresh token, at least `refresh_token_lifetime_seconds` (`Some` for a record with one);
/// never under [`MIN_RECORD_TTL_SECONDS`], also for a record with neither (a tombstone).
pub fn record_ttl_seconds(
    now: f64,
    token: Option<&CachedToken>,
    refresh_token_lifetime_seconds: Option<u64>,
) -> u64 {
    let token_life = token.map_or(0.0, |t| t.expires_at.unwrap_or(t.refresh_at) - now);
    let mut ttl = if token_life.is_finite() {
        token_life.ceil().max(0.0) as u64
    } else {
        0
    };
    if let Some(lifetime) = refresh_token_lifetime_seconds {
        ttl = ttl.max(lifetime);
    }
    ttl.max(MIN_RECORD_TTL_SECONDS)
}

/// The last [`MAX_REFRESH_TOKEN_LINEAGE`] digests of a lineage: older ones are no longer
/// recognised.
pub fn trim_lineage<S: AsRef<str>>(lineage: &[S]) -> &[S] {
    let start = lineage.len().saturating_sub(MAX_REFRESH_TOKEN_LINEAGE);
    lineage.get(start..).unwrap_or_default()
}

/// The lineage of the refresh token a refresh with `used` returned: unchanged when the
/// server kept the token (`rotated` false), else `used`'s digest appended, trimmed to the
/// last [`MAX_REFRESH_TOKEN_LINEAGE`].
pub fn next_lineage<S: AsRef<str>>(lineage: &[S], used: &str, rotated: bool) -> Vec<String> {
    let mut next: Vec<String> = lineage.iter().map(|d| d.as_ref().to_owned()).collect();
    if rotated {
        next.push(refresh_token_digest(used));
    }
    trim_lineage(&next).to_vec()
}

/// Whether a stored record (its refresh token and lineage) belongs to the grant of the
/// refresh token `held`: it holds `held` itself, or a token rotated from it.
pub fn same_grant<S: AsRef<str>>(held: &str, stored: Option<&str>, lineage: &[S]) -> bool {
    if stored.is_some_and(|stored| ct_eq(stored.as_bytes(), held.as_bytes())) {
        return true;
    }
    let digest = refresh_token_digest(held);
    trim_lineage(lineage).iter().any(|d| d.as_ref() == digest)
}

/// Whether a client takes the refresh token of a stored record: when it is newer than the
/// one it holds (rotated from it, by another client sharing the store), or the client holds
/// none and is not a user's client (a user's client never takes an unrelated grant's token).
/// An empty stored token, or the one it holds, is not taken.
pub fn adopts_refresh_token<S: AsRef<str>>(
    held: Option<&str>,
    user: bool,
    stored: &str,
    lineage: &[S],
) -> bool {
    if stored.is_empty() || held.is_some_and(|held| ct_eq(held.as_bytes(), stored.as_bytes())) {
        return false;
    }
    match held {
        Some(held) => same_grant(held, None, lineage),
        None => !user,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: f64 = 1_700_000_000.0;

    fn token(expires_at: Option<f64>, refresh_at: f64, obtained_at: f64) -> CachedToken {
        CachedToken {
            has_token: true,
            expires_at,
            refresh_at,
            obtained_at,
        }
    }

    #[test]
    fn derived_store_keys_in_shared_stores() {
        let id = StoreCredential::Id("secret:abc");
        assert_eq!(id.as_str(), "secret:abc");
        assert_eq!(StoreCredential::Public.as_str(), "public-client");
        assert_eq!(StoreCredential::Unknown.as_str(), "opaque-assertion");
        assert!(check_derived_store_key(false, "app", &id).is_ok());
        assert!(check_derived_store_key(false, "app", &StoreCredential::Public).is_ok());
        for (user, client_id, credential) in [
            (true, "app", id),
            (false, "", id),
            (false, "app", StoreCredential::Unknown),
            (true, "", StoreCredential::Unknown),
        ] {
            let e = check_derived_store_key(user, client_id, &credential).unwrap_err();
            assert!(
                matches!(
                    e,
                    Error::InvalidArgument {
                        name: "storeKey",
                        ..
                    }
                ),
                "{e:?}"
            );
        }
    }

    #[test]
    fn own_records_only() {
        assert!(is_own_record(Some(2.0), Some("key"), "key"));
        for (version, id) in [
            (Some(1.0), Some("key")),
            (None, Some("key")),
            (Some(2.0), Some("other")),
            (Some(2.0), None),
            (Some(f64::NAN), Some("key")),
        ] {
            assert!(!is_own_record(version, id, "key"), "{version:?} {id:?}");
        }
    }

    #[test]
    fn which_records_are_served() {
        let good = token(Some(NOW + 300.0), NOW + 240.0, NOW - 10.0);
        assert!(good.servable(NOW));
        assert!(good.servable(NOW + 239.9));
        // Due for refresh, expired, or refreshed after its own expiry (then only until expiry).
        assert!(!good.servable(NOW + 240.0));
        assert!(!token(Some(NOW + 300.0), NOW + 400.0, NOW).servable(NOW));
        assert!(!token(Some(NOW - 1.0), NOW - 2.0, NOW - 10.0).servable(NOW));
        // Obtained in the future: planted.
        assert!(!token(Some(NOW + 300.0), NOW + 240.0, NOW + 1.0).servable(NOW));
        assert!(token(Some(NOW + 300.0), NOW + 240.0, NOW).servable(NOW));
        // No expiry: served until the refresh time.
        assert!(token(None, NOW + 240.0, NOW).servable(NOW));
        // No token, or times that are not numbers.
        assert!(!CachedToken {
            has_token: false,
            ..good
        }
        .servable(NOW));
        for bad in [f64::NAN, f64::INFINITY] {
            assert!(!token(Some(bad), NOW + 240.0, NOW).servable(NOW));
            assert!(!token(None, bad, NOW).servable(NOW));
            assert!(!token(None, NOW + 240.0, bad).servable(NOW));
        }
        assert!(!token(None, NOW + 240.0, f64::NEG_INFINITY).servable(NOW));
    }

    #[test]
    fn held_tokens_are_timed() {
        // Its own refresh time, never after its expiry.
        assert_eq!(
            held_token_refresh_at(NOW, Some(NOW + 10.0), Some(NOW + 10_000.0), 60, 300),
            NOW + 10.0
        );
        assert_eq!(
            held_token_refresh_at(NOW, None, Some(NOW + 100.0), 60, 300),
            NOW + 100.0
        );
        // The skew before its expiry (even if that is already past), or the default lifetime.
        assert_eq!(
            held_token_refresh_at(NOW, Some(NOW + 30.0), None, 60, 300),
            NOW - 30.0
        );
        assert_eq!(
            held_token_refresh_at(NOW + 0.7, None, None, 60, 300),
            NOW + 300.0
        );
    }

    #[test]
    fn record_lifetimes() {
        let preset = crate::providers::telesoft();
        assert_eq!(refresh_token_lifetime_seconds(Some(7), Some(&preset)), 7);
        assert_eq!(
            refresh_token_lifetime_seconds(None, Some(&preset)),
            30 * 24 * 3600
        );
        let redox = crate::providers::redox(None).unwrap();
        assert_eq!(
            refresh_token_lifetime_seconds(None, Some(&redox)),
            DEFAULT_REFRESH_TOKEN_LIFETIME_SECONDS
        );
        assert_eq!(
            refresh_token_lifetime_seconds(None, None),
            DEFAULT_REFRESH_TOKEN_LIFETIME_SECONDS
        );
        // The token's remaining life (to its expiry, else its refresh time), rounded up.
        let t = token(Some(NOW + 3_600.5), NOW + 3_540.0, NOW);
        assert_eq!(record_ttl_seconds(NOW, Some(&t), None), 3_601);
        let t = token(None, NOW + 300.0, NOW);
        assert_eq!(record_ttl_seconds(NOW, Some(&t), None), 300);
        // At least the refresh token's lifetime when it holds one, never under 60 s.
        assert_eq!(record_ttl_seconds(NOW, Some(&t), Some(86_400)), 86_400);
        let short = token(Some(NOW + 30.0), NOW + 15.0, NOW);
        assert_eq!(record_ttl_seconds(NOW, Some(&short), None), 60);
        assert_eq!(record_ttl_seconds(NOW, None, None), 60);
        assert_eq!(record_ttl_seconds(NOW, None, Some(7)), 60);
        let expired = token(Some(NOW - 100.0), NOW - 160.0, NOW - 400.0);
        assert_eq!(record_ttl_seconds(NOW, Some(&expired), None), 60);
        let broken = token(Some(f64::NAN), f64::NAN, NOW);
        assert_eq!(record_ttl_seconds(NOW, Some(&broken), None), 60);
    }

    #[test]
    fn lineages_and_grants() {
        let rt1 = refresh_token_digest("rt-1");
        // A rotation appends the used token's digest; a kept token keeps the lineage.
        assert_eq!(next_lineage::<String>(&[], "rt-1", true), vec![rt1.clone()]);
        assert_eq!(
            next_lineage(std::slice::from_ref(&rt1), "rt-2", false),
            vec![rt1.clone()]
        );
        let long: Vec<String> = (0..20).map(|i| format!("rt:{i}")).collect();
        let next = next_lineage(&long, "rt-x", true);
        assert_eq!(next.len(), MAX_REFRESH_TOKEN_LINEAGE);
        assert_eq!(next.last().unwrap(), &refresh_token_digest("rt-x"));
        assert_eq!(next.first().unwrap(), "rt:5");
        // The same grant: the token itself, or one rotated from it within the lineage.
        assert!(same_grant("rt-1", Some("rt-1"), &[] as &[String]));
        assert!(same_grant("rt-1", Some("rt-2"), std::slice::from_ref(&rt1)));
        assert!(!same_grant("rt-1", Some("rt-2"), &[] as &[String]));
        assert!(!same_grant("rt-1", None, &[refresh_token_digest("rt-0")]));
        let mut old = vec![rt1.clone()];
        old.extend((0..MAX_REFRESH_TOKEN_LINEAGE).map(|i| format!("rt:{i}")));
        assert!(
            !same_grant("rt-1", Some("rt-9"), &old),
            "beyond the lineage"
        );
        // Adoption: a successor of the held token; any token for a client (not a user's)
        // holding none; never an empty or the same token, never an unrelated one.
        assert!(adopts_refresh_token(
            Some("rt-1"),
            true,
            "rt-2",
            std::slice::from_ref(&rt1)
        ));
        assert!(!adopts_refresh_token(
            Some("rt-1"),
            false,
            "rt-2",
            &[] as &[String]
        ));
        assert!(adopts_refresh_token(None, false, "rt-2", &[] as &[String]));
        assert!(!adopts_refresh_token(None, true, "rt-2", &[] as &[String]));
        assert!(!adopts_refresh_token(
            Some("rt-1"),
            false,
            "rt-1",
            std::slice::from_ref(&rt1)
        ));
        assert!(!adopts_refresh_token(None, false, "", &[] as &[String]));
    }
}
