//! Percent-encoding for URLs and `application/x-www-form-urlencoded` bodies.
//!
//! Encoding keeps only RFC 3986 `unreserved` characters (`A-Z a-z 0-9 - . _ ~`) and encodes
//! every other byte of the UTF-8 form as `%XX` (uppercase), a space included (`%20`): the result
//! is correct in a query string, in a form body (RFC 6749 Appendix B) and in HTTP Basic
//! credentials (RFC 6749 §2.3.1) alike. Decoding accepts `+` as a space (form encoding).

use crate::error::{Error, Result};
use crate::secret::{SecretBuf, SecretString};

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Whether `b` stays as is (RFC 3986 `unreserved`).
fn unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

/// The length of [`encode_component`]'s output, to allocate it once.
pub(crate) fn encoded_len(input: &str) -> usize {
    input
        .bytes()
        .map(|b| if unreserved(b) { 1 } else { 3 })
        .sum()
}

/// Percent-encodes `input` one character at a time into `push` (no intermediate string, so a
/// secret can be encoded straight into a zeroizing buffer).
pub(crate) fn encode_with(input: &str, mut push: impl FnMut(char)) {
    for &b in input.as_bytes() {
        if unreserved(b) {
            push(char::from(b));
        } else {
            push('%');
            push(char::from(
                HEX.get(usize::from(b >> 4)).copied().unwrap_or(b'0'),
            ));
            push(char::from(
                HEX.get(usize::from(b & 15)).copied().unwrap_or(b'0'),
            ));
        }
    }
}

/// Percent-encodes `input` for a query or form component.
pub fn encode_component(input: &str) -> String {
    let mut out = String::with_capacity(encoded_len(input));
    encode_with(input, |c| out.push(c));
    out
}

fn pairs_len<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)]) -> usize {
    pairs
        .iter()
        .map(|(k, v)| encoded_len(k.as_ref()) + 1 + encoded_len(v.as_ref()) + 1)
        .sum()
}

fn pairs_with<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)], mut push: impl FnMut(char)) {
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            push('&');
        }
        encode_with(k.as_ref(), &mut push);
        push('=');
        encode_with(v.as_ref(), &mut push);
    }
}

/// Encodes `pairs` as `k=v&k=v` with [`encode_component`].
pub fn encode_pairs<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)]) -> String {
    let mut out = String::with_capacity(pairs_len(pairs));
    pairs_with(pairs, |c| out.push(c));
    out
}

/// [`encode_pairs`] for a body that carries credentials (a client secret, a code, a refresh
/// token): built in one zeroizing buffer, so that no copy is left in freed memory.
pub(crate) fn encode_pairs_secret(pairs: &[(&str, &str)]) -> SecretString {
    let mut out = SecretBuf::with_capacity(pairs_len(pairs));
    pairs_with(pairs, |c| out.push(c));
    out.into_secret()
}

/// Form decoding (`%XX` escapes, `+` as a space). A malformed escape is `None` when `strict`;
/// otherwise it stays as written.
fn decode_bytes(input: &str, strict: bool) -> Option<Vec<u8>> {
    let bytes = input.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'%' => {
                let hi = bytes.get(i + 1).copied().and_then(super::hex::digit);
                let lo = bytes.get(i + 2).copied().and_then(super::hex::digit);
                match (hi, lo) {
                    (Some(hi), Some(lo)) => {
                        out.push(hi << 4 | lo);
                        i += 3;
                    }
                    _ if strict => return None,
                    _ => {
                        out.push(b'%');
                        i += 1;
                    }
                }
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    Some(out)
}

/// Decodes a form component: `%XX` escapes and `+` as a space; the result must be UTF-8.
pub fn decode_component(input: &str) -> Result<String> {
    decode_bytes(input, true)
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .ok_or(Error::OAuthCallbackInvalid {
            reason: "bad percent-encoding",
        })
}

/// Lenient form decoding, for values that are only echoed back (the Redox challenge): a bad
/// escape stays as written and invalid UTF-8 is replaced.
pub(crate) fn decode_component_lossy(input: &str) -> String {
    String::from_utf8_lossy(&decode_bytes(input, false).unwrap_or_default()).into_owned()
}

/// Splits a query string (without `?`) into decoded pairs; empty segments are skipped.
pub fn decode_pairs(query: &str) -> Result<Vec<(String, String)>> {
    let mut pairs = Vec::new();
    for segment in query.split('&').filter(|s| !s.is_empty()) {
        let (k, v) = segment.split_once('=').unwrap_or((segment, ""));
        pairs.push((decode_component(k)?, decode_component(v)?));
    }
    Ok(pairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_and_lossy_decoding_differ_only_on_bad_input() {
        assert_eq!(decode_component("a%41+b").unwrap(), "aA b");
        assert_eq!(decode_component_lossy("a%41+b"), "aA b");
        for bad in ["%zz", "%4", "50%", "%C3%28"] {
            assert!(decode_component(bad).is_err(), "{bad}");
        }
        assert_eq!(decode_component_lossy("a%zz+%4"), "a%zz %4");
        assert_eq!(decode_component_lossy("%C3%28"), "\u{FFFD}(");
    }

    #[test]
    fn encodes_everything_but_unreserved() {
        assert_eq!(encode_component("AZaz09-._~"), "AZaz09-._~");
        assert_eq!(encode_component(" "), "%20");
        assert_eq!(encode_component("+&=?#/%"), "%2B%26%3D%3F%23%2F%25");
        assert_eq!(encode_component("é"), "%C3%A9");
        assert_eq!(encode_component("\u{1F600}"), "%F0%9F%98%80");
        assert_eq!(encode_component("a:b@c"), "a%3Ab%40c");
        assert_eq!(encode_component("\0\n"), "%00%0A");
        assert_eq!(encode_component(""), "");
        assert_eq!(
            encode_component("https://app.example.com/cb?x=1"),
            "https%3A%2F%2Fapp.example.com%2Fcb%3Fx%3D1"
        );
    }

    #[test]
    fn decodes_form_components() {
        assert_eq!(decode_component("a+b%20c").unwrap(), "a b c");
        assert_eq!(decode_component("%C3%a9").unwrap(), "é");
        assert_eq!(decode_component("%2B").unwrap(), "+");
        for bad in ["%", "%2", "%G0", "%C3", "%FF"] {
            assert_eq!(
                decode_component(bad).unwrap_err().code(),
                "ERR_OAUTH_CALLBACK_INVALID",
                "{bad}"
            );
        }
        assert_eq!(
            decode_pairs("a=1&&b&c=x%3Dy").unwrap(),
            vec![
                ("a".into(), "1".into()),
                ("b".into(), "".into()),
                ("c".into(), "x=y".into())
            ]
        );
    }

    mod props {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn round_trips(s in any::<String>()) {
                let e = encode_component(&s);
                prop_assert!(e.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~%".contains(&b)));
                prop_assert_eq!(decode_component(&e).unwrap(), s);
            }

            #[test]
            fn decoding_never_panics(s in any::<String>()) {
                let _ = decode_pairs(&s);
            }
        }
    }
}
