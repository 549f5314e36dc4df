//! Randomness from the platform CSPRNG (`getrandom`: the OS on native targets,
//! `crypto.getRandomValues` on the web target, `wasi:random` in the component).

use crate::encoding::base64url;
use crate::error::{Error, Result};

/// Byte count [`random_state`] uses when none is given: 256 bits.
pub const STATE_DEFAULT_BYTES: usize = 32;
/// Smallest byte count [`random_state`] accepts: 128 bits, the floor RFC 9700 §4.7 relies on.
pub const STATE_MIN_BYTES: usize = 16;
/// Largest byte count [`random_state`] accepts, so a typo cannot allocate megabytes.
pub const STATE_MAX_BYTES: usize = 256;

/// Fills `buf` from the platform CSPRNG.
pub(crate) fn fill(buf: &mut [u8]) -> Result<()> {
    getrandom::fill(buf).map_err(|_| Error::RandomUnavailable)
}

/// A fresh unguessable value for the OAuth `state` parameter or an OpenID Connect `nonce`:
/// `bytes` random bytes (16 to 256), base64url-encoded without padding.
pub fn random_state(bytes: usize) -> Result<String> {
    if !(STATE_MIN_BYTES..=STATE_MAX_BYTES).contains(&bytes) {
        return Err(Error::RandomLength {
            requested: bytes,
            min: STATE_MIN_BYTES,
            max: STATE_MAX_BYTES,
        });
    }
    let mut raw = zeroize::Zeroizing::new(vec![0u8; bytes]);
    fill(&mut raw)?;
    Ok(base64url::encode(&raw))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_has_the_requested_entropy_and_alphabet() {
        for bytes in [16, 17, 32, 255, 256] {
            let s = random_state(bytes).unwrap();
            assert_eq!(s.len(), (bytes * 4).div_ceil(3));
            assert!(s
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        }
        assert_ne!(random_state(16).unwrap(), random_state(16).unwrap());
    }

    #[test]
    fn state_length_is_bounded() {
        for bytes in [0, 15, 257, usize::MAX] {
            let err = random_state(bytes).unwrap_err();
            assert_eq!(err.code(), "ERR_RANDOM_LENGTH");
        }
    }
}
