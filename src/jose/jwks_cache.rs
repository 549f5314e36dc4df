//! The rules of a remote JWKS cache (the npm package's `RemoteJwks`): when a cached key set is
//! still fresh, and when the host may fetch the set again. The host does the I/O (fetch,
//! timers, one request in flight, an optional store shared across isolates); every decision on
//! what it holds is made here.
//!
//! A key set is fetched when there is none, when it is older than the cache's maximum age, or
//! when a token names a `kid` the set does not hold (the issuer rotated its keys) — but never
//! twice within the cooldown: a failing server is not hammered, and an attacker's tokens with
//! random `kid`s cost at most one fetch per cooldown, whatever their number.
//!
//! ```
//! use healthauth::jose::jwks_cache::{JwksCachePolicy, JwksCacheState, JwksDecision};
//!
//! let policy = JwksCachePolicy::default(); // 600 s maximum age, 30 s cooldown
//! let state = JwksCacheState { fetched_at: Some(1_000.0), attempted_at: Some(1_000.0) };
//! assert_eq!(policy.decide(&state, 1_010.0, false), JwksDecision::Use);
//! // An unknown kid 10 s after the last fetch: within the cooldown, no new fetch.
//! assert_eq!(policy.decide(&state, 1_010.0, true), JwksDecision::Use);
//! // After the cooldown, one fetch.
//! assert_eq!(policy.decide(&state, 1_030.0, true), JwksDecision::Fetch);
//! // Stale after ten minutes.
//! assert_eq!(policy.decide(&state, 1_600.0, false), JwksDecision::Fetch);
//! ```

use super::KeySet;
use crate::error::{Error, Result};

/// How long a fetched key set is used before it is fetched again, when the host does not say:
/// 600 seconds.
pub const DEFAULT_JWKS_MAX_AGE_SECONDS: u64 = 600;
/// The shortest time between two fetches of one key set, when the host does not say: 30
/// seconds.
pub const DEFAULT_JWKS_COOLDOWN_SECONDS: u64 = 30;
/// The version of the records a host keeps in a shared store; a record of any other version,
/// or for another URL, is a miss.
pub const JWKS_RECORD_VERSION: u32 = 1;

/// A cache's maximum age and cooldown, in seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JwksCachePolicy {
    /// How long a fetched set is fresh.
    pub max_age_seconds: u64,
    /// The shortest time between two fetch attempts.
    pub cooldown_seconds: u64,
}

impl Default for JwksCachePolicy {
    fn default() -> Self {
        JwksCachePolicy {
            max_age_seconds: DEFAULT_JWKS_MAX_AGE_SECONDS,
            cooldown_seconds: DEFAULT_JWKS_COOLDOWN_SECONDS,
        }
    }
}

/// What a host knows of its cached key set (Unix seconds, fractions allowed). A time that is
/// not a finite number counts as absent.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct JwksCacheState {
    /// When the key set it holds was fetched; `None` when it holds none.
    pub fetched_at: Option<f64>,
    /// When it last tried to fetch (successfully or not); `None` when it never tried.
    pub attempted_at: Option<f64>,
}

/// What to do with the cached key set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JwksDecision {
    /// Verify with the cached set (a token under an unknown `kid` then fails with
    /// [`Error::JwtKeyNotFound`](crate::Error::JwtKeyNotFound)).
    Use,
    /// Fetch the set, then verify with what came back.
    Fetch,
    /// No set is held and the cooldown forbids fetching: the key set is unavailable.
    Unavailable,
}

fn finite(t: Option<f64>) -> Option<f64> {
    t.filter(|t| t.is_finite())
}

impl JwksCachePolicy {
    /// Whether a set fetched at `fetched_at` is fresh at `now`: fetched, not in the future (a
    /// record claiming so was planted, or the clock went back), and younger than the maximum
    /// age.
    pub fn fresh(&self, fetched_at: Option<f64>, now: f64) -> bool {
        finite(fetched_at).is_some_and(|at| at <= now && now - at < self.max_age_seconds as f64)
    }

    /// Whether the host may fetch at `now`, its last attempt having been at `attempted_at`:
    /// never tried, or the cooldown has passed. An attempt dated in the future (the clock went
    /// back, or a planted record) does not block fetching forever: it counts as no attempt.
    pub fn may_fetch(&self, attempted_at: Option<f64>, now: f64) -> bool {
        match finite(attempted_at) {
            None => true,
            Some(at) => at > now || now - at >= self.cooldown_seconds as f64,
        }
    }

    /// What to do at `now` with the cache in `state`; `unknown_kid` when the cached set was
    /// tried and holds no key for the token's `kid`.
    pub fn decide(&self, state: &JwksCacheState, now: f64, unknown_kid: bool) -> JwksDecision {
        let held = finite(state.fetched_at).is_some();
        let must_fetch = !held || unknown_kid || !self.fresh(state.fetched_at, now);
        if !must_fetch {
            JwksDecision::Use
        } else if self.may_fetch(state.attempted_at, now) {
            JwksDecision::Fetch
        } else if held {
            JwksDecision::Use
        } else {
            JwksDecision::Unavailable
        }
    }
}

/// The shortest time a store keeps a record, in seconds (Workers KV refuses an
/// `expirationTtl` under 60 s).
pub const MIN_JWKS_RECORD_TTL_SECONDS: u64 = 60;

impl JwksCachePolicy {
    /// How long a shared store keeps a record: the maximum age (a staler set is fetched again
    /// anyway), never under [`MIN_JWKS_RECORD_TTL_SECONDS`].
    pub fn record_ttl_seconds(&self) -> u64 {
        self.max_age_seconds.max(MIN_JWKS_RECORD_TTL_SECONDS)
    }
}

/// Parses a JWK set fetched from a `jwks_uri` (at most [`crate::limits::JWK_BYTES`]): it must
/// be a set (`{ "keys": [...] }`, keys of unsupported types skipped) of public keys. A document
/// with a secret or private key, or a single JWK, is [`Error::KeyFormat`]: a server that
/// publishes one is misconfigured, and its document is not taken in place of the held set.
pub fn parse_remote_jwks(json: &str) -> Result<KeySet> {
    let set = KeySet::parse(json, crate::limits::JWK_BYTES)?;
    if set.holds_secret() {
        return Err(Error::KeyFormat {
            reason: "a published JWK set must hold public keys only; this one holds a secret or private key".into(),
        });
    }
    if set.is_single() {
        return Err(Error::KeyFormat {
            reason: "a jwks_uri must serve a JWK set (an object with a `keys` array), not one JWK"
                .into(),
        });
    }
    Ok(set)
}

/// The store key of the key set at `url`, for a store shared across isolates. `url` must be an
/// endpoint (https, or http on loopback): a key set fetched in the clear could be anyone's.
///
/// # Errors
/// [`Error::UrlInvalid`] for a URL that cannot be an endpoint.
pub fn jwks_store_key(url: &str) -> Result<String, Error> {
    crate::url::validate_endpoint(url, "url")?;
    Ok(format!("healthauth:jwks:v{JWKS_RECORD_VERSION}:{url}"))
}

/// Whether a record read back from a shared store is the key set of `url`: of
/// [`JWKS_RECORD_VERSION`], for that URL.
pub fn is_own_jwks_record(version: Option<f64>, url: Option<&str>, expected_url: &str) -> bool {
    version == Some(f64::from(JWKS_RECORD_VERSION)) && url == Some(expected_url)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: f64 = 1_700_000_000.0;

    fn state(fetched_at: Option<f64>, attempted_at: Option<f64>) -> JwksCacheState {
        JwksCacheState {
            fetched_at,
            attempted_at,
        }
    }

    #[test]
    fn freshness() {
        let p = JwksCachePolicy::default();
        assert!(p.fresh(Some(NOW), NOW));
        assert!(p.fresh(Some(NOW - 599.9), NOW));
        assert!(!p.fresh(Some(NOW - 600.0), NOW));
        assert!(!p.fresh(Some(NOW + 1.0), NOW));
        assert!(!p.fresh(None, NOW));
        assert!(!p.fresh(Some(f64::NAN), NOW));
    }

    #[test]
    fn cooldown() {
        let p = JwksCachePolicy::default();
        assert!(p.may_fetch(None, NOW));
        assert!(!p.may_fetch(Some(NOW - 29.9), NOW));
        assert!(p.may_fetch(Some(NOW - 30.0), NOW));
        assert!(p.may_fetch(Some(NOW + 5.0), NOW));
        assert!(p.may_fetch(Some(f64::INFINITY), NOW));
    }

    #[test]
    fn decisions() {
        let p = JwksCachePolicy::default();
        use JwksDecision::*;
        // Nothing held: fetch, unless a fetch was just tried (a failing server is not hammered).
        assert_eq!(p.decide(&state(None, None), NOW, false), Fetch);
        assert_eq!(
            p.decide(&state(None, Some(NOW - 1.0)), NOW, false),
            Unavailable
        );
        assert_eq!(p.decide(&state(None, Some(NOW - 31.0)), NOW, true), Fetch);
        // Fresh: used; an unknown kid fetches once per cooldown.
        let fresh = state(Some(NOW - 10.0), Some(NOW - 10.0));
        assert_eq!(p.decide(&fresh, NOW, false), Use);
        assert_eq!(p.decide(&fresh, NOW, true), Use);
        assert_eq!(p.decide(&fresh, NOW + 20.0, true), Fetch);
        // Stale: fetched again, or used while a failed attempt's cooldown runs.
        let stale = state(Some(NOW - 700.0), Some(NOW - 700.0));
        assert_eq!(p.decide(&stale, NOW, false), Fetch);
        assert_eq!(
            p.decide(&state(Some(NOW - 700.0), Some(NOW - 5.0)), NOW, false),
            Use
        );
        // A zero cooldown fetches on every unknown kid.
        let eager = JwksCachePolicy {
            max_age_seconds: 600,
            cooldown_seconds: 0,
        };
        assert_eq!(eager.decide(&fresh, NOW, true), Fetch);
    }

    #[test]
    fn remote_sets() {
        use crate::jose::{Algorithm, SigningKey};
        let key = SigningKey::generate(Algorithm::Es256)
            .unwrap()
            .with_kid("k1");
        let jwk = serde_json::Value::Object(key.public_jwk().unwrap());
        let set = serde_json::json!({ "keys": [jwk.clone()] }).to_string();
        assert_eq!(parse_remote_jwks(&set).unwrap().keys().len(), 1);
        let one = jwk.to_string();
        let private =
            serde_json::json!({ "keys": [key.export_private_jwk().unwrap()] }).to_string();
        for bad in [one.as_str(), private.as_str(), "[]", "{\"keys\": 1}"] {
            assert_eq!(
                parse_remote_jwks(bad).unwrap_err().code(),
                "ERR_KEY_FORMAT",
                "{bad}"
            );
        }
    }

    #[test]
    fn records() {
        let url = "https://as.example/jwks";
        assert_eq!(
            jwks_store_key(url).ok().as_deref(),
            Some("healthauth:jwks:v1:https://as.example/jwks")
        );
        for bad in [
            "http://10.1.1.1/jwks",
            "jwks.json",
            "https://as.example/jwks#x",
        ] {
            assert_eq!(
                jwks_store_key(bad).map_err(|e| e.code()),
                Err("ERR_URL_INVALID"),
                "{bad}"
            );
        }
        assert!(is_own_jwks_record(Some(1.0), Some(url), url));
        assert!(!is_own_jwks_record(Some(2.0), Some(url), url));
        assert!(!is_own_jwks_record(
            Some(1.0),
            Some("https://other/jwks"),
            url
        ));
        assert!(!is_own_jwks_record(None, None, url));
        assert_eq!(JwksCachePolicy::default().record_ttl_seconds(), 600);
        let short = JwksCachePolicy {
            max_age_seconds: 5,
            cooldown_seconds: 0,
        };
        assert_eq!(short.record_ttl_seconds(), 60);
    }
}
