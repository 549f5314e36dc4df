//! Proof Key for Code Exchange (RFC 7636) with the `S256` method.
//!
//! A client makes a [`Pkce`] pair, sends the challenge in the authorization request and the
//! verifier in the token request; a server checks them with [`verify_s256`].

use sha2::{Digest, Sha256};

use crate::encoding::base64url;
use crate::error::{Error, Result};
use crate::random;
use crate::secret::SecretString;

/// Shortest verifier RFC 7636 §4.1 allows.
pub const VERIFIER_MIN_LEN: usize = 43;
/// Longest verifier RFC 7636 §4.1 allows.
pub const VERIFIER_MAX_LEN: usize = 128;
/// Length of generated verifiers when none is asked for: 64 characters, about 384 bits.
pub const VERIFIER_DEFAULT_LEN: usize = 64;
/// The only challenge method healthauth makes: `plain` offers no protection (RFC 9700 §2.1.1).
pub const METHOD_S256: &str = "S256";

/// RFC 7636 `unreserved` characters, the verifier alphabet (66 of them).
const ALPHABET: &[u8; 66] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
/// Random bytes at or above this are rejected so that `byte % 66` is uniform (3 * 66 = 198).
const UNBIASED_LIMIT: u8 = 198;

/// A code verifier and its `S256` challenge.
#[derive(Debug, Clone)]
pub struct Pkce {
    verifier: SecretString,
    challenge: String,
}

impl Pkce {
    /// A fresh pair with a verifier of [`VERIFIER_DEFAULT_LEN`] characters.
    pub fn generate() -> Result<Self> {
        Self::generate_with_length(VERIFIER_DEFAULT_LEN)
    }

    /// A fresh pair with a verifier of `length` characters (43 to 128).
    pub fn generate_with_length(length: usize) -> Result<Self> {
        let verifier = generate_verifier(length)?;
        let challenge = challenge_of_valid(verifier.expose_secret());
        Ok(Pkce {
            verifier,
            challenge,
        })
    }

    /// The code verifier, to keep server-side and send in the token request.
    pub fn verifier(&self) -> &SecretString {
        &self.verifier
    }

    /// The `code_challenge` for the authorization request.
    pub fn challenge(&self) -> &str {
        &self.challenge
    }

    /// The `code_challenge_method`: always `S256`.
    pub fn method(&self) -> &'static str {
        METHOD_S256
    }
}

/// A random code verifier of `length` characters (43 to 128) from the RFC 7636 alphabet,
/// drawn from the platform CSPRNG without modulo bias.
pub fn generate_verifier(length: usize) -> Result<SecretString> {
    if !(VERIFIER_MIN_LEN..=VERIFIER_MAX_LEN).contains(&length) {
        return Err(Error::PkceVerifierLength { length });
    }
    let mut out = String::with_capacity(length);
    // 77 % of bytes are accepted; two bytes per character make a refill rare.
    let mut pool = zeroize::Zeroizing::new([0u8; 2 * VERIFIER_MAX_LEN]);
    while out.len() < length {
        random::fill(&mut pool[..])?;
        for &b in pool.iter() {
            if out.len() == length {
                break;
            }
            if b >= UNBIASED_LIMIT {
                continue;
            }
            if let Some(&c) = ALPHABET.get(usize::from(b % 66)) {
                out.push(char::from(c));
            }
        }
    }
    Ok(SecretString::new(out))
}

/// Whether `b` is in [`ALPHABET`] (RFC 3986 unreserved), by ranges: a search of the alphabet
/// for each byte was most of the time of a challenge.
fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

/// Checks a verifier against RFC 7636 §4.1: 43 to 128 characters of `A-Z a-z 0-9 - . _ ~`.
pub fn validate_verifier(verifier: &str) -> Result<()> {
    // Characters, not bytes, so that the reported length matches what the caller sees.
    if let Some(position) = verifier.bytes().position(|b| !is_unreserved(b)) {
        let length = verifier.chars().count();
        if !(VERIFIER_MIN_LEN..=VERIFIER_MAX_LEN).contains(&length) {
            return Err(Error::PkceVerifierLength { length });
        }
        let position = verifier
            .char_indices()
            .take_while(|(i, _)| *i < position)
            .count();
        return Err(Error::PkceVerifierInvalid { position });
    }
    if !(VERIFIER_MIN_LEN..=VERIFIER_MAX_LEN).contains(&verifier.len()) {
        return Err(Error::PkceVerifierLength {
            length: verifier.len(),
        });
    }
    Ok(())
}

/// The `S256` code challenge of `verifier`: `BASE64URL(SHA256(ASCII(verifier)))`.
///
/// Refuses a verifier outside RFC 7636 grammar rather than hashing it: a server would reject
/// it later with a far less helpful message.
pub fn challenge_s256(verifier: &str) -> Result<String> {
    validate_verifier(verifier)?;
    Ok(challenge_of_valid(verifier))
}

/// Whether `verifier` matches `challenge` under `S256`, compared in constant time.
///
/// A verifier outside RFC 7636 grammar matches nothing and gives `false`, as does any
/// challenge that is not the 43-character encoding of a SHA-256 digest.
pub fn verify_s256(verifier: &str, challenge: &str) -> bool {
    if validate_verifier(verifier).is_err() {
        return false;
    }
    let expected = challenge_of_valid(verifier);
    // Lengths are public (always 43 for a real challenge); the contents are compared in constant time.
    crate::mac::ct_eq(expected.as_bytes(), challenge.as_bytes())
}

fn challenge_of_valid(verifier: &str) -> String {
    base64url::encode(&Sha256::digest(verifier.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unreserved_is_the_alphabet() {
        for b in 0..=u8::MAX {
            assert_eq!(is_unreserved(b), ALPHABET.contains(&b), "byte {b}");
        }
    }

    // RFC 7636 Appendix B.
    const RFC_VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    const RFC_CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    #[test]
    fn rfc7636_appendix_b() {
        assert_eq!(challenge_s256(RFC_VERIFIER).unwrap(), RFC_CHALLENGE);
        assert!(verify_s256(RFC_VERIFIER, RFC_CHALLENGE));
    }

    #[test]
    fn default_pair() {
        let p = Pkce::generate().unwrap();
        assert_eq!(p.verifier().expose_secret().len(), VERIFIER_DEFAULT_LEN);
        assert_eq!(p.challenge().len(), 43);
        assert_eq!(p.method(), "S256");
        assert!(verify_s256(p.verifier().expose_secret(), p.challenge()));
        assert!(!format!("{p:?}").contains(p.verifier().expose_secret()));
    }

    #[test]
    fn length_bounds() {
        for len in [0, 1, 42, 129, 1000, usize::MAX] {
            assert_eq!(
                Pkce::generate_with_length(len).unwrap_err(),
                Error::PkceVerifierLength { length: len }
            );
        }
        for len in [43, 128] {
            assert_eq!(generate_verifier(len).unwrap().expose_secret().len(), len);
        }
    }

    #[test]
    fn grammar_errors() {
        let ok43 = "a".repeat(43);
        assert!(validate_verifier(&ok43).is_ok());
        assert_eq!(
            validate_verifier(&"a".repeat(42)),
            Err(Error::PkceVerifierLength { length: 42 })
        );
        assert_eq!(
            validate_verifier(&"a".repeat(129)),
            Err(Error::PkceVerifierLength { length: 129 })
        );
        assert_eq!(
            validate_verifier(""),
            Err(Error::PkceVerifierLength { length: 0 })
        );
        for (bad, position) in [
            (format!("{}+", "a".repeat(42)), 42),
            (format!("{} b", "a".repeat(42)), 42),
            (format!("é{}", "a".repeat(44)), 0),
            (format!("{}é{}", "a".repeat(10), "a".repeat(40)), 10),
            (format!("{}=", "a".repeat(50)), 50),
            (format!("{}/", "a".repeat(50)), 50),
        ] {
            assert_eq!(
                validate_verifier(&bad),
                Err(Error::PkceVerifierInvalid { position }),
                "{bad}"
            );
            assert_eq!(
                challenge_s256(&bad).unwrap_err().code(),
                "ERR_PKCE_VERIFIER_INVALID"
            );
            assert!(!verify_s256(&bad, RFC_CHALLENGE));
        }
        // Length is reported in characters even with multi-byte characters.
        assert_eq!(
            validate_verifier(&"é".repeat(30)),
            Err(Error::PkceVerifierLength { length: 30 })
        );
    }

    #[test]
    fn verify_rejects_near_misses() {
        assert!(!verify_s256(RFC_VERIFIER, ""));
        assert!(!verify_s256(RFC_VERIFIER, &RFC_CHALLENGE[..42]));
        assert!(!verify_s256(RFC_VERIFIER, &format!("{RFC_CHALLENGE}=")));
        let mut flipped = RFC_CHALLENGE.as_bytes().to_vec();
        flipped[0] ^= 1;
        assert!(!verify_s256(
            RFC_VERIFIER,
            core::str::from_utf8(&flipped).unwrap()
        ));
        assert!(!verify_s256(&RFC_VERIFIER[..42], RFC_CHALLENGE));
    }

    #[test]
    fn characters_are_roughly_uniform() {
        // 66 symbols, 64 * 2000 draws: every symbol appears, none more than twice its share.
        let mut counts = [0usize; 66];
        for _ in 0..2000 {
            for b in generate_verifier(64).unwrap().expose_secret().bytes() {
                let i = ALPHABET.iter().position(|&a| a == b).unwrap();
                counts[i] += 1;
            }
        }
        let share = 64 * 2000 / 66;
        assert!(
            counts.iter().all(|&c| c > share / 2 && c < share * 2),
            "{counts:?}"
        );
    }

    mod props {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn generated_verifiers_are_valid(len in VERIFIER_MIN_LEN..=VERIFIER_MAX_LEN) {
                let p = Pkce::generate_with_length(len).unwrap();
                let v = p.verifier().expose_secret();
                prop_assert_eq!(v.len(), len);
                prop_assert!(v.bytes().all(|b| ALPHABET.contains(&b)));
                prop_assert!(validate_verifier(v).is_ok());
                prop_assert_eq!(challenge_s256(v).unwrap(), p.challenge());
                prop_assert!(verify_s256(v, p.challenge()));
            }

            #[test]
            fn grammar_verifiers_round_trip(v in "[A-Za-z0-9._~-]{43,128}") {
                let c = challenge_s256(&v).unwrap();
                prop_assert_eq!(c.len(), 43);
                prop_assert!(verify_s256(&v, &c));
            }

            #[test]
            fn arbitrary_strings_never_panic(v in any::<String>(), c in any::<String>()) {
                let _ = challenge_s256(&v);
                let _ = verify_s256(&v, &c);
            }

            #[test]
            fn other_verifiers_do_not_match(a in "[A-Za-z0-9._~-]{43,128}", b in "[A-Za-z0-9._~-]{43,128}") {
                prop_assume!(a != b);
                prop_assert!(!verify_s256(&b, &challenge_s256(&a).unwrap()));
            }
        }
    }
}
