//! Property tests: sign → verify round trips for every algorithm with random claims, and
//! arbitrary input never panics (tokens, PEM, JWK, DER, raw signatures).
#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

mod common;

use common::{key, keys};

use std::collections::BTreeMap;
use std::sync::OnceLock;

use common::b64;
use healthauth::jose::{self, Algorithm, JsonObject, SigningKey, VerifyOptions, VerifyingKey};
use proptest::prelude::*;
use serde_json::Value;

fn verifying_keys() -> &'static [VerifyingKey] {
    static VERIFYING: OnceLock<Vec<VerifyingKey>> = OnceLock::new();
    VERIFYING.get_or_init(|| keys().iter().map(SigningKey::verifying_key).collect())
}

const FAST: [Algorithm; 6] = [
    Algorithm::Hs256,
    Algorithm::Hs384,
    Algorithm::Hs512,
    Algorithm::Es256,
    Algorithm::Es384,
    Algorithm::EdDsa,
];
const RSA: [Algorithm; 6] = [
    Algorithm::Rs256,
    Algorithm::Rs384,
    Algorithm::Rs512,
    Algorithm::Ps256,
    Algorithm::Ps384,
    Algorithm::Ps512,
];
const REGISTERED: [&str; 6] = ["exp", "nbf", "iat", "aud", "iss", "sub"];

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        // No regression files written into the source tree.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// A JSON value of a few shapes (no floats: their text form need not round-trip exactly).
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        any::<String>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<bool>().prop_map(Value::from),
        Just(Value::Null),
    ];
    leaf.prop_recursive(2, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::btree_map("[a-zA-Z0-9_]{0,8}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn extra_claims() -> impl Strategy<Value = BTreeMap<String, Value>> {
    prop::collection::btree_map(
        "[a-z][a-z0-9_:/.]{0,11}".prop_filter("not a registered claim", |name| {
            !REGISTERED.contains(&name.as_str())
        }),
        json_value(),
        0..6,
    )
}

/// Signs random claims with `alg`, then verifies them with every check turned on.
fn round_trip(
    alg: Algorithm,
    extra: BTreeMap<String, Value>,
    now: i64,
    lifetime: i64,
    issuer: String,
    subject: String,
    audience: String,
) -> Result<(), TestCaseError> {
    let mut claims: JsonObject = extra.into_iter().collect();
    claims.insert("exp".into(), (now + lifetime).into());
    claims.insert("iat".into(), now.into());
    claims.insert("nbf".into(), now.into());
    claims.insert("iss".into(), issuer.clone().into());
    claims.insert("sub".into(), subject.clone().into());
    claims.insert("aud".into(), Value::from(vec![audience.clone()]));
    let key = key(alg);
    let token = jose::sign_jwt(key, &claims, &JsonObject::new()).unwrap();
    let mut options = VerifyOptions::new(now);
    options.algorithms = vec![alg];
    options.issuer = Some(issuer);
    options.subject = Some(subject);
    options.audience = Some(vec![audience]);
    options.max_age_seconds = Some(0);
    let verified = jose::verify_jwt(&token, &key.verifying_key(), &options)
        .map_err(|e| TestCaseError::fail(format!("{alg}: {e}")))?;
    prop_assert_eq!(&verified.claims, &claims);
    prop_assert_eq!(verified.header["alg"].as_str(), Some(alg.name()));
    // Through a key set too (kid selects the key).
    jose::verify_jwt_with_keys(&token, verifying_keys(), &options)
        .map_err(|e| TestCaseError::fail(format!("{alg} via key set: {e}")))?;
    // At `exp` it is expired; with every other key it is refused.
    options.now = now + lifetime;
    options.max_age_seconds = None;
    prop_assert_eq!(
        jose::verify_jwt(&token, &key.verifying_key(), &options)
            .unwrap_err()
            .code(),
        "ERR_JWT_EXPIRED"
    );
    options.now = now;
    options.algorithms = Algorithm::ALL.to_vec();
    for other in Algorithm::ALL.into_iter().filter(|a| *a != alg) {
        prop_assert!(
            jose::verify_jwt(&token, &self::key(other).verifying_key(), &options).is_err()
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(48))]

    #[test]
    fn round_trip_hmac_ecdsa_eddsa(
        alg in prop::sample::select(FAST.to_vec()),
        extra in extra_claims(),
        now in 0i64..4_000_000_000,
        lifetime in 1i64..10_000,
        issuer in any::<String>(),
        subject in any::<String>(),
        audience in any::<String>(),
    ) {
        round_trip(alg, extra, now, lifetime, issuer, subject, audience)?;
    }

    #[test]
    fn one_character_changes_never_verify(
        alg in prop::sample::select(FAST.to_vec()),
        position in any::<prop::sample::Index>(),
        replacement in prop::sample::select(
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ".to_vec()
        ),
    ) {
        let mut claims = JsonObject::new();
        claims.insert("exp".into(), 2_000_000_000i64.into());
        claims.insert("sub".into(), "alice".into());
        let token = jose::sign_jwt(key(alg), &claims, &JsonObject::new()).unwrap();
        let index = position.index(token.len());
        let mut bytes = token.clone().into_bytes();
        bytes[index] = replacement;
        let mutated = String::from_utf8(bytes).unwrap();
        prop_assume!(mutated != token);
        let mut options = VerifyOptions::new(1_000_000_000);
        options.algorithms = vec![alg];
        let result = jose::verify_jwt(&mutated, &key(alg).verifying_key(), &options);
        prop_assert!(result.is_err(), "{} verified after changing byte {}: {}", alg, index, mutated);
    }
}

proptest! {
    // RSA in a debug build is slow: few cases.
    #![proptest_config(config(8))]

    #[test]
    fn round_trip_rsa(
        alg in prop::sample::select(RSA.to_vec()),
        extra in extra_claims(),
        now in 0i64..4_000_000_000,
        lifetime in 1i64..10_000,
        issuer in any::<String>(),
        subject in any::<String>(),
        audience in any::<String>(),
    ) {
        round_trip(alg, extra, now, lifetime, issuer, subject, audience)?;
    }
}

/// Every key tries `token` with every algorithm allowed: it must be an error, never a panic.
fn refuse_everywhere(token: &str) -> Result<(), TestCaseError> {
    let mut options = VerifyOptions::new(1_700_000_000);
    options.algorithms = Algorithm::ALL.to_vec();
    options.require_exp = false;
    for key in verifying_keys() {
        let result = jose::verify_jwt(token, key, &options);
        prop_assert!(result.is_err(), "accepted {:?}", token);
    }
    prop_assert!(jose::verify_jwt_with_keys(token, verifying_keys(), &options).is_err());
    Ok(())
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn arbitrary_strings_are_refused_without_panic(token in any::<String>()) {
        refuse_everywhere(&token)?;
    }

    #[test]
    fn token_shaped_strings_are_refused_without_panic(
        token in "[A-Za-z0-9_=-]{0,40}(\\.[A-Za-z0-9_=-]{0,40}){0,4}",
    ) {
        refuse_everywhere(&token)?;
    }

    #[test]
    fn well_formed_tokens_with_random_parts_are_refused(
        alg in prop::sample::select(
            Algorithm::ALL.iter().map(|a| a.name()).chain(["none", "", "HS1", "EdDSA "]).collect::<Vec<_>>()
        ),
        header_extra in prop::collection::btree_map("[a-z]{1,4}", json_value(), 0..3),
        payload in prop::collection::vec(any::<u8>(), 0..64),
        json_payload in json_value(),
        signature in prop::collection::vec(any::<u8>(), 0..600),
    ) {
        let mut header: JsonObject = header_extra.into_iter().collect();
        header.insert("alg".into(), alg.into());
        header.remove("crit");
        let header = b64(&serde_json::to_vec(&header).unwrap());
        let json = serde_json::to_vec(&json_payload).unwrap();
        for body in [&payload[..], &json[..]] {
            refuse_everywhere(&format!("{header}.{}.{}", b64(body), b64(&signature)))?;
        }
    }

    #[test]
    fn raw_verify_of_random_signatures_fails(
        message in prop::collection::vec(any::<u8>(), 0..64),
        signature in prop::collection::vec(any::<u8>(), 0..600),
    ) {
        for (alg, key) in Algorithm::ALL.iter().zip(verifying_keys()) {
            prop_assert!(key.verify(*alg, &message, &signature).is_err());
        }
    }

    #[test]
    fn arbitrary_key_text_is_refused_without_panic(text in any::<String>()) {
        prop_assert!(SigningKey::from_pem(&text, Some(Algorithm::Rs256)).is_err());
        prop_assert!(VerifyingKey::from_pem(&text, None).is_err());
        prop_assert!(SigningKey::from_jwk_json(&text, None).is_err());
        // A JWK document could only parse if the text were a JSON object with a key in it.
        let _ = VerifyingKey::from_jwk_json(&text, None);
        let _ = jose::parse_jwks(&text);
        let framed = format!("-----BEGIN PRIVATE KEY-----\n{text}\n-----END PRIVATE KEY-----\n");
        prop_assert!(SigningKey::from_pem(&framed, Some(Algorithm::Rs256)).is_err());
    }

    #[test]
    fn arbitrary_der_is_refused_without_panic(der in prop::collection::vec(any::<u8>(), 0..300)) {
        prop_assert!(SigningKey::from_pkcs8_der(&der, Some(Algorithm::Rs256)).is_err());
        prop_assert!(VerifyingKey::from_spki_der(&der, Some(Algorithm::Rs256)).is_err());
    }
}
