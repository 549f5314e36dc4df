//! Secret values: redacted in `Debug`, zeroized when dropped, read only through `expose_secret`.

use core::fmt;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

/// Bytes of stack [`scrubbed`] overwrites: more than the deepest private-key work here uses
/// (measured in wasm32: PKCS#8, JWK, ECDSA/EdDSA signing stay well under 16 KiB).
const STACK_SCRUB_BYTES: usize = 64 * 1024;

/// Runs `work`, then overwrites the stack its calls used. The crypto crates copy private
/// scalars into stack temporaries (field bytes, expanded keys) that are never zeroized, and a
/// wasm host can read the shadow stack after the call (tests/js/node/zeroize.test.js). The
/// core wraps its private-key operations in it; a binding wraps a whole export that handles
/// a private key, so that its own outermost frame holds no temporaries either.
pub fn scrubbed<T>(work: impl FnOnce() -> T) -> T {
    let out = in_own_frame(work);
    scrub_stack();
    out
}

/// Runs `work` in a frame below the caller's, so that its temporaries are in the area
/// [`scrub_stack`] overwrites rather than in the (live) caller's frame.
#[inline(never)]
fn in_own_frame<T>(work: impl FnOnce() -> T) -> T {
    core::hint::black_box(work())
}

#[inline(never)]
fn scrub_stack() {
    let mut area = [0u8; STACK_SCRUB_BYTES];
    // Volatile writes: the compiler cannot drop them as dead stores.
    area.zeroize();
    core::hint::black_box(&area);
}

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

/// A secret being assembled (a request body, an `authorization` header, JSON text), with no
/// copy left behind in freed memory however it grows.
///
/// A `String` grows by reallocation, which frees the old buffer without overwriting it: text
/// pushed into a growing `String` (or built by `format!`, `join`, `serde_json::to_string`)
/// leaves partial copies in freed memory, which on wasm is linear memory any later code can
/// read. Here a push that needs more room moves the text into a new buffer and zeroizes the old
/// one, and the finished text moves into a [`SecretString`] without a copy. Size it with
/// [`SecretBuf::with_capacity`] to avoid even the move.
pub(crate) struct SecretBuf(Zeroizing<String>);

impl SecretBuf {
    /// An empty buffer with room for `capacity` bytes.
    pub(crate) fn with_capacity(capacity: usize) -> Self {
        SecretBuf(Zeroizing::new(String::with_capacity(capacity)))
    }

    fn reserve(&mut self, additional: usize) {
        let needed = self.0.len().saturating_add(additional);
        if needed <= self.0.capacity() {
            return;
        }
        let mut bigger = String::with_capacity(needed.max(self.0.capacity().saturating_mul(2)));
        bigger.push_str(&self.0);
        // The old buffer is zeroized (its whole capacity) as it drops.
        self.0 = Zeroizing::new(bigger);
    }

    /// Appends `text`.
    pub(crate) fn push_str(&mut self, text: &str) {
        self.reserve(text.len());
        self.0.push_str(text);
    }

    /// Appends one character.
    pub(crate) fn push(&mut self, c: char) {
        self.reserve(c.len_utf8());
        self.0.push(c);
    }

    /// Appends `text` as a JSON string literal, escaped as `serde_json` does (`"`, `\`,
    /// and control characters; everything else as is).
    pub(crate) fn push_json_string(&mut self, text: &str) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        self.reserve(text.len().saturating_add(2));
        self.push('"');
        let mut start = 0;
        for (i, c) in text.char_indices() {
            let short = match c {
                '"' => Some("\\\""),
                '\\' => Some("\\\\"),
                '\n' => Some("\\n"),
                '\r' => Some("\\r"),
                '\t' => Some("\\t"),
                '\u{8}' => Some("\\b"),
                '\u{c}' => Some("\\f"),
                _ => None,
            };
            if short.is_none() && c >= ' ' {
                continue;
            }
            self.push_str(text.get(start..i).unwrap_or_default());
            match short {
                Some(escape) => self.push_str(escape),
                None => {
                    // Another control character: \u00XX.
                    self.push_str("\\u00");
                    let b = u8::try_from(c).unwrap_or_default();
                    for nibble in [b >> 4, b & 0x0f] {
                        if let Some(&digit) = HEX.get(usize::from(nibble)) {
                            self.push(char::from(digit));
                        }
                    }
                }
            }
            start = i + c.len_utf8();
        }
        self.push_str(text.get(start..).unwrap_or_default());
        self.push('"');
    }

    /// Appends a JSON object of string members, in the given order (not sorted, unlike a
    /// `serde_json::Map`).
    pub(crate) fn push_json_object(&mut self, members: &[(&str, &str)]) {
        self.push('{');
        for (i, (name, value)) in members.iter().enumerate() {
            if i > 0 {
                self.push(',');
            }
            self.push_json_string(name);
            self.push(':');
            self.push_json_string(value);
        }
        self.push('}');
    }

    /// The finished text, moved (not copied) into a [`SecretString`].
    pub(crate) fn into_secret(mut self) -> SecretString {
        SecretString::new(core::mem::take(&mut *self.0))
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

    #[test]
    fn secret_buf_grows_and_escapes_like_serde_json() {
        let mut buf = SecretBuf::with_capacity(1);
        buf.push_str("Basic ");
        buf.push_str(&"s".repeat(100));
        buf.push(':');
        assert_eq!(
            buf.into_secret().expose_secret(),
            format!("Basic {}:", "s".repeat(100))
        );
        let mut all: String = (0u8..0x80).map(char::from).collect();
        all.push_str(
            "caf\u{e9} \u{2028} \u{1F600} tmo>gQsnTwf,ArM{GPC]u[+yFf9d]B%:dt92V4Ctjk]raKZQZp",
        );
        for text in [all.as_str(), "", "plain", "\"", "\\", "a\u{7f}b"] {
            let mut buf = SecretBuf::with_capacity(0);
            buf.push_json_string(text);
            assert_eq!(
                buf.into_secret().expose_secret(),
                serde_json::Value::from(text).to_string(),
                "{text:?}"
            );
        }
        let mut buf = SecretBuf::with_capacity(0);
        buf.push_json_object(&[("z", "1"), ("a", "\"2\"")]);
        assert_eq!(
            buf.into_secret().expose_secret(),
            r#"{"z":"1","a":"\"2\""}"#
        );
    }
}
