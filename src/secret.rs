//! Secret values: redacted in `Debug`, zeroized when dropped, read only through `expose_secret`.

use core::fmt;
use zeroize::{Zeroize, ZeroizeOnDrop};

/// A secret string (a PKCE verifier, a client secret, a password).
///
/// `Debug` prints `[redacted]`; the memory is overwritten with zeros on drop. There is no
/// `Display`: reading the value takes an explicit [`SecretString::expose_secret`].
#[derive(Clone, Zeroize, ZeroizeOnDrop, PartialEq, Eq)]
pub struct SecretString(String);

impl SecretString {
    /// Wraps a string, taking ownership so that no unzeroized copy is left behind by this call.
    pub fn new(value: String) -> Self {
        SecretString(value)
    }

    /// The secret itself. Every read is explicit, so reviews can find them.
    pub fn expose_secret(&self) -> &str {
        &self.0
    }
}

impl From<String> for SecretString {
    fn from(value: String) -> Self {
        SecretString(value)
    }
}

impl fmt::Debug for SecretString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretString([redacted])")
    }
}

/// Secret bytes (an HMAC key, private key material).
///
/// `Debug` prints `[redacted]`; the memory is overwritten with zeros on drop.
#[derive(Clone, Zeroize, ZeroizeOnDrop, PartialEq, Eq)]
pub struct SecretBytes(Vec<u8>);

impl SecretBytes {
    /// Wraps bytes, taking ownership.
    pub fn new(value: Vec<u8>) -> Self {
        SecretBytes(value)
    }

    /// The secret bytes themselves.
    pub fn expose_secret(&self) -> &[u8] {
        &self.0
    }
}

impl From<Vec<u8>> for SecretBytes {
    fn from(value: Vec<u8>) -> Self {
        SecretBytes(value)
    }
}

impl fmt::Debug for SecretBytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretBytes([redacted])")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_is_redacted() {
        let s = SecretString::new("hunter2-very-secret".into());
        let b = SecretBytes::new(b"key-material".to_vec());
        let out = format!("{s:?} {b:?}");
        assert_eq!(out, "SecretString([redacted]) SecretBytes([redacted])");
        assert_eq!(s.expose_secret(), "hunter2-very-secret");
        assert_eq!(b.expose_secret(), b"key-material");
    }

    #[test]
    fn zeroize_clears_the_value() {
        let mut s = SecretString::new("abc".into());
        s.zeroize();
        assert_eq!(s.expose_secret(), "");
        let mut b = SecretBytes::new(vec![1, 2, 3]);
        b.zeroize();
        assert!(b.expose_secret().is_empty());
    }
}
