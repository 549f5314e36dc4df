//! Telesoft API keys: `ts_test_…` for synthetic data, `ts_live_…` for real patient data.

use core::fmt;

use crate::error::{Error, Result};
use crate::secret::SecretString;

/// Shortest key body (after the prefix) accepted.
const MIN_BODY: usize = 16;
/// Longest key body accepted.
const MAX_BODY: usize = 256;

/// Which Telesoft environment a key belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiKeyEnvironment {
    /// `ts_test_`: synthetic data and testing endpoints only.
    Test,
    /// `ts_live_`: production, real patient data.
    Live,
}

impl ApiKeyEnvironment {
    /// `"test"` or `"live"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ApiKeyEnvironment::Test => "test",
            ApiKeyEnvironment::Live => "live",
        }
    }
}

/// A well-formed Telesoft API key.
#[derive(Clone)]
pub struct ApiKey {
    key: SecretString,
    environment: ApiKeyEnvironment,
    redacted: String,
}

impl ApiKey {
    /// The provider: always `"telesoft"`.
    pub fn provider(&self) -> &'static str {
        "telesoft"
    }

    /// The key's environment.
    pub fn environment(&self) -> ApiKeyEnvironment {
        self.environment
    }

    /// The key with everything but its prefix and last 4 characters masked, safe to log:
    /// `ts_live_****abcd`.
    pub fn redacted(&self) -> &str {
        &self.redacted
    }

    /// The key itself, for the `Authorization: Bearer` header.
    pub fn expose_secret(&self) -> &str {
        self.key.expose_secret()
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ApiKey({})", self.redacted)
    }
}

/// Parses a Telesoft API key: `ts_test_` or `ts_live_`, then 16 to 256 ASCII letters and digits.
/// Errors never contain the key.
pub fn parse_api_key(key: &str) -> Result<ApiKey> {
    let (prefix, environment) = if key.starts_with("ts_test_") {
        ("ts_test_", ApiKeyEnvironment::Test)
    } else if key.starts_with("ts_live_") {
        ("ts_live_", ApiKeyEnvironment::Live)
    } else {
        return Err(Error::ApiKeyInvalid {
            reason: "it does not start with ts_test_ or ts_live_",
        });
    };
    let body = key.get(prefix.len()..).unwrap_or("");
    if !body.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(Error::ApiKeyInvalid {
            reason: "it has characters other than letters and digits after the prefix (whitespace or a quote copied along?)",
        });
    }
    if !(MIN_BODY..=MAX_BODY).contains(&body.len()) {
        return Err(Error::ApiKeyInvalid {
            reason: "the part after the prefix must be 16 to 256 characters long",
        });
    }
    let last4 = body.get(body.len() - 4..).unwrap_or("");
    Ok(ApiKey {
        key: SecretString::new(key.to_owned()),
        environment,
        redacted: format!("{prefix}****{last4}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_keys() {
        let k = parse_api_key("ts_live_4eC39HqLyjWDarjtT1zdp7dc").unwrap();
        assert_eq!(k.environment(), ApiKeyEnvironment::Live);
        assert_eq!(k.environment().as_str(), "live");
        assert_eq!(k.provider(), "telesoft");
        assert_eq!(k.redacted(), "ts_live_****p7dc");
        assert_eq!(format!("{k:?}"), "ApiKey(ts_live_****p7dc)");
        let k = parse_api_key(&format!("ts_test_{}", "x".repeat(27))).unwrap();
        assert_eq!(k.environment(), ApiKeyEnvironment::Test);
        assert_eq!(k.redacted(), "ts_test_****xxxx");
        assert!(parse_api_key(&format!("ts_test_{}", "a".repeat(256))).is_ok());
    }

    #[test]
    fn invalid_keys() {
        for bad in [
            "".to_owned(),
            "ts_".into(),
            "ts_live_".into(),
            "ts_live_short".into(),
            "TS_LIVE_4eC39HqLyjWDarjtT1zdp7dc".into(),
            "ts_prod_4eC39HqLyjWDarjtT1zdp7dc".into(),
            "sk_live_4eC39HqLyjWDarjtT1zdp7dc".into(),
            " ts_live_4eC39HqLyjWDarjtT1zdp7dc".into(),
            "ts_live_4eC39HqLyjWDarjtT1zdp7dc\n".into(),
            "ts_live_4eC39HqLyjWDarjtT1zdp7dc\"".into(),
            "ts_live_4eC39HqLyjWDarjtT1zdp7d-".into(),
            "ts_live_4eC39HqLyjWDarjtT1zdp7é".into(),
            "Bearer ts_live_4eC39HqLyjWDarjtT1zdp7dc".into(),
            format!("ts_test_{}", "a".repeat(257)),
        ] {
            let e = parse_api_key(&bad).unwrap_err();
            assert_eq!(e.code(), "ERR_API_KEY_INVALID", "{bad:?}");
            assert!(bad.len() < 10 || !e.to_string().contains(&bad));
        }
    }
}
