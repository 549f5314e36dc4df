//! "Did you mean …?" for a name a caller got wrong (an option of any binding's options object):
//! the known name it is closest to, so that [`Error::UnknownOption`] names the real mistake.
//!
//! A name matches when it is the same but for case, `_` and `-` (`token_endpoint`), when it is
//! within a small edit distance (`lenght`, `heders`), when it is a prefix of a known name
//! (`tolerance` for `toleranceSeconds`), or when it is a name people commonly reach for
//! ([`ALIASES`]: `tokenUrl` for `tokenEndpoint`).

use crate::error::{echo_safe, Error};

/// Names callers use for an option whose real name is far from them in spelling:
/// `(what they wrote, the option)`. An entry applies only where the call takes that option.
pub const ALIASES: &[(&str, &str)] = &[
    ("tokenUrl", "tokenEndpoint"),
    ("tokenUri", "tokenEndpoint"),
    ("url", "tokenEndpoint"),
    ("endpoint", "tokenEndpoint"),
    // A preset where a request builder wants its endpoint (bindings add where presets go).
    ("provider", "tokenEndpoint"),
    ("authorizeUrl", "authorizationEndpoint"),
    ("authorizationUrl", "authorizationEndpoint"),
    ("authUrl", "authorizationEndpoint"),
    ("key", "signingKey"),
    ("privateKey", "signingKey"),
    ("algorithm", "alg"),
    ("body", "payload"),
    ("rawBody", "payload"),
    ("signature", "headers"),
    ("verifier", "codeVerifier"),
    ("challenge", "codeChallenge"),
    ("aud", "audience"),
    ("iss", "issuer"),
    ("leeway", "leewaySeconds"),
    ("tolerance", "toleranceSeconds"),
    ("secretKey", "secret"),
    ("clientSecret", "secret"),
];

/// The option a misspelt or misremembered `given` most likely means among `known`; `None`
/// when nothing is close.
pub fn option(given: &str, known: &[&'static str]) -> Option<&'static str> {
    let wanted = normalized(given);
    if wanted.is_empty() {
        return None;
    }
    if let Some(same) = known.iter().find(|k| normalized(k) == wanted) {
        return Some(same);
    }
    for (alias, target) in ALIASES {
        if normalized(alias) == wanted {
            if let Some(target) = known.iter().find(|k| *k == target) {
                return Some(target);
            }
        }
    }
    // About one edit per three characters (`maxEntry` is three from `maxEntries`), the closest
    // first.
    let budget = wanted.chars().count().div_ceil(3);
    let closest = known
        .iter()
        .map(|k| (distance(&wanted, &normalized(k)), *k))
        .filter(|(d, _)| *d <= budget)
        .min_by_key(|(d, _)| *d);
    if let Some((_, name)) = closest {
        return Some(name);
    }
    (wanted.len() >= 4)
        .then(|| known.iter().find(|k| normalized(k).starts_with(&wanted)))
        .flatten()
        .copied()
}

/// [`Error::UnknownOption`] for `given` in an options object of `call` that takes `known`, with
/// the closest known option as its suggestion.
pub fn unknown_option(call: &'static str, given: &str, known: &[&'static str]) -> Error {
    Error::UnknownOption {
        call,
        option: echo_safe(given),
        suggestion: option(given, known),
    }
}

/// Lower case, without `_` and `-`: `token_endpoint` and `TokenEndpoint` are `tokenendpoint`.
fn normalized(name: &str) -> String {
    name.chars()
        .filter(|c| *c != '_' && *c != '-')
        .map(|c| c.to_ascii_lowercase()) // option names are ASCII; no Unicode tables in the wasm
        .take(64) // an option name longer than this is no typo of a known one
        .collect()
}

/// The optimal string alignment distance: insertions, deletions, substitutions and swaps of
/// two neighbours (`lenght` is one edit from `length`).
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Three rows of the dynamic programme: two back (for swaps), one back, current.
    let mut two_back: Vec<usize> = vec![0; b.len() + 1];
    let mut one_back: Vec<usize> = (0..=b.len()).collect();
    let at = |row: &[usize], k: usize| row.get(k).copied().unwrap_or(usize::MAX / 2);
    for (i, ca) in a.iter().enumerate() {
        let mut current = Vec::with_capacity(b.len() + 1);
        current.push(i + 1);
        for (j, cb) in b.iter().enumerate() {
            let left = current.last().copied().unwrap_or(0);
            let mut best = (at(&one_back, j) + usize::from(ca != cb))
                .min(at(&one_back, j + 1) + 1)
                .min(left + 1);
            let swapped = i > 0 && j > 0 && a.get(i - 1) == Some(cb) && b.get(j - 1) == Some(ca);
            if swapped {
                best = best.min(at(&two_back, j - 1) + 1);
            }
            current.push(best);
        }
        two_back = std::mem::replace(&mut one_back, current);
    }
    one_back.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    const VERIFY: &[&str] = &[
        "scheme",
        "payload",
        "headers",
        "secret",
        "secrets",
        "toleranceSeconds",
    ];

    #[test]
    fn typos_swaps_case_and_separators_find_the_option() {
        assert_eq!(option("lenght", &["length"]), Some("length"));
        assert_eq!(option("heders", VERIFY), Some("headers"));
        assert_eq!(option("Scheme", VERIFY), Some("scheme"));
        assert_eq!(
            option("token_endpoint", &["tokenEndpoint", "clientId"]),
            Some("tokenEndpoint")
        );
        assert_eq!(option("tolerance", VERIFY), Some("toleranceSeconds"));
        assert_eq!(option("secrts", VERIFY), Some("secrets"));
        assert_eq!(option("maxEntry", &["maxEntries"]), Some("maxEntries"));
        assert_eq!(option("kid", &["alg"]), None);
    }

    #[test]
    fn common_names_for_an_option_find_it_where_the_call_takes_it() {
        let request = &["tokenEndpoint", "clientId", "clientAuth", "scope"];
        assert_eq!(option("tokenUrl", request), Some("tokenEndpoint"));
        assert_eq!(option("provider", request), Some("tokenEndpoint"));
        // Not where the call has no such option.
        assert_eq!(option("tokenUrl", VERIFY), None);
    }

    #[test]
    fn nothing_close_suggests_nothing() {
        assert_eq!(option("zzz", VERIFY), None);
        assert_eq!(option("", VERIFY), None);
        assert_eq!(option("x", &["alg", "kid"]), None);
        assert_eq!(option(&"q".repeat(100_000), VERIFY), None);
    }

    #[test]
    fn the_error_says_what_was_meant() {
        let e = unknown_option("createPkce", "lenght", &["length"]);
        assert_eq!(e.code(), "ERR_UNKNOWN_OPTION");
        assert_eq!(
            e.to_string(),
            "createPkce: unknown option `lenght`: did you mean `length`?"
        );
        let e = unknown_option("createPkce", "zzz", &["length"]);
        assert_eq!(
            e.to_string(),
            "createPkce: unknown option `zzz` (check its spelling against the documentation)"
        );
    }

    #[test]
    fn distance_counts_edits() {
        assert_eq!(distance("", ""), 0);
        assert_eq!(distance("abc", "abc"), 0);
        assert_eq!(distance("abc", "acb"), 1);
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "abc"), 3);
    }
}
