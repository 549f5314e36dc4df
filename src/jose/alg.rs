//! JWS algorithms (RFC 7518 §3, RFC 8037) and the key family each one needs.

use core::fmt;
use core::str::FromStr;

use crate::error::{echo_safe, Error, Result};

/// A JWS signature algorithm healthauth can sign and verify with.
///
/// `none` is deliberately absent: there is no way to make or accept an unsigned token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Algorithm {
    /// HMAC with SHA-256.
    Hs256,
    /// HMAC with SHA-384 (Redox's shared-secret assertions).
    Hs384,
    /// HMAC with SHA-512.
    Hs512,
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    Rs256,
    /// RSASSA-PKCS1-v1_5 with SHA-384 (Redox, SMART Backend Services).
    Rs384,
    /// RSASSA-PKCS1-v1_5 with SHA-512.
    Rs512,
    /// RSASSA-PSS with SHA-256, MGF1 with SHA-256, 32-byte salt.
    Ps256,
    /// RSASSA-PSS with SHA-384, MGF1 with SHA-384, 48-byte salt.
    Ps384,
    /// RSASSA-PSS with SHA-512, MGF1 with SHA-512, 64-byte salt.
    Ps512,
    /// ECDSA on P-256 with SHA-256.
    Es256,
    /// ECDSA on P-384 with SHA-384 (Redox, SMART Backend Services).
    Es384,
    /// EdDSA with Ed25519 (RFC 8037).
    EdDsa,
}

/// The kind of key an algorithm needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyFamily {
    /// A shared secret (`kty: "oct"`).
    Hmac,
    /// An RSA key (`kty: "RSA"`).
    Rsa,
    /// A P-256 key (`kty: "EC"`, `crv: "P-256"`).
    P256,
    /// A P-384 key (`kty: "EC"`, `crv: "P-384"`).
    P384,
    /// An Ed25519 key (`kty: "OKP"`, `crv: "Ed25519"`).
    Ed25519,
}

impl Algorithm {
    /// Every supported algorithm.
    pub const ALL: [Algorithm; 12] = [
        Algorithm::Hs256,
        Algorithm::Hs384,
        Algorithm::Hs512,
        Algorithm::Rs256,
        Algorithm::Rs384,
        Algorithm::Rs512,
        Algorithm::Ps256,
        Algorithm::Ps384,
        Algorithm::Ps512,
        Algorithm::Es256,
        Algorithm::Es384,
        Algorithm::EdDsa,
    ];

    /// The registered `alg` name, such as `RS384`.
    pub fn name(self) -> &'static str {
        match self {
            Algorithm::Hs256 => "HS256",
            Algorithm::Hs384 => "HS384",
            Algorithm::Hs512 => "HS512",
            Algorithm::Rs256 => "RS256",
            Algorithm::Rs384 => "RS384",
            Algorithm::Rs512 => "RS512",
            Algorithm::Ps256 => "PS256",
            Algorithm::Ps384 => "PS384",
            Algorithm::Ps512 => "PS512",
            Algorithm::Es256 => "ES256",
            Algorithm::Es384 => "ES384",
            Algorithm::EdDsa => "EdDSA",
        }
    }

    /// The key family this algorithm signs with.
    pub fn family(self) -> KeyFamily {
        match self {
            Algorithm::Hs256 | Algorithm::Hs384 | Algorithm::Hs512 => KeyFamily::Hmac,
            Algorithm::Rs256
            | Algorithm::Rs384
            | Algorithm::Rs512
            | Algorithm::Ps256
            | Algorithm::Ps384
            | Algorithm::Ps512 => KeyFamily::Rsa,
            Algorithm::Es256 => KeyFamily::P256,
            Algorithm::Es384 => KeyFamily::P384,
            Algorithm::EdDsa => KeyFamily::Ed25519,
        }
    }

    /// Output size of the algorithm's hash in bytes: the minimum HMAC secret length
    /// (RFC 7518 §3.2).
    pub fn hash_len(self) -> usize {
        match self {
            Algorithm::Hs256 | Algorithm::Rs256 | Algorithm::Ps256 | Algorithm::Es256 => 32,
            Algorithm::Hs384 | Algorithm::Rs384 | Algorithm::Ps384 | Algorithm::Es384 => 48,
            Algorithm::Hs512 | Algorithm::Rs512 | Algorithm::Ps512 | Algorithm::EdDsa => 64,
        }
    }
}

impl KeyFamily {
    /// The one algorithm a curve key can use, if it has exactly one.
    pub fn implied_algorithm(self) -> Option<Algorithm> {
        match self {
            KeyFamily::P256 => Some(Algorithm::Es256),
            KeyFamily::P384 => Some(Algorithm::Es384),
            KeyFamily::Ed25519 => Some(Algorithm::EdDsa),
            KeyFamily::Hmac | KeyFamily::Rsa => None,
        }
    }

    /// Whether this build has the family's cryptography. The default build has every family;
    /// the lite build (without the `asymmetric` feature) only HMAC, and refuses the others
    /// here with [`Error::NotInLite`]: the one place that refusal is written.
    pub fn require_available(self) -> Result<()> {
        if cfg!(feature = "asymmetric") || self == KeyFamily::Hmac {
            Ok(())
        } else {
            Err(Error::NotInLite {
                capability: self.describe(),
            })
        }
    }

    /// A human name for messages.
    pub fn describe(self) -> &'static str {
        match self {
            KeyFamily::Hmac => "an HMAC secret (HS256, HS384, HS512)",
            KeyFamily::Rsa => "an RSA key (RS256, RS384, RS512, PS256, PS384, PS512)",
            KeyFamily::P256 => "a P-256 key (ES256)",
            KeyFamily::P384 => "a P-384 key (ES384)",
            KeyFamily::Ed25519 => "an Ed25519 key (EdDSA)",
        }
    }
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Algorithm {
    type Err = Error;

    /// Parses a registered name. `none` and unknown names are refused.
    fn from_str(name: &str) -> Result<Self> {
        Algorithm::ALL
            .into_iter()
            .find(|alg| alg.name() == name)
            .ok_or_else(|| Error::AlgorithmUnsupported {
                alg: echo_safe(name),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_none_is_refused() {
        for alg in Algorithm::ALL {
            assert_eq!(alg.name().parse::<Algorithm>().unwrap(), alg);
        }
        for bad in [
            "none", "None", "NONE", "", "rs256", "RS1", "ES512", "HS1024",
        ] {
            assert_eq!(
                bad.parse::<Algorithm>().unwrap_err().code(),
                "ERR_ALG_UNSUPPORTED"
            );
        }
    }
}
