//! Negative battery for the JOSE module: tampered tokens, `alg: none`, algorithm confusion,
//! claim checks, malformed tokens, garbage keys, weak keys, and PEM import of keys made by
//! OpenSSL. Every refusal is checked by its stable error code.
#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

mod common;

use common::pems::*;
use common::{b64, err_code, key, obj, pem_der, raw_token, unb64};
use healthauth::jose::{
    self, Algorithm, ClientAssertionOptions, JsonObject, KeyFamily, SigningKey, VerifyOptions,
    VerifyingKey, CLIENT_ASSERTION_TYPE,
};
use healthauth::Error;
use serde_json::{json, Value};

const NOW: i64 = 1_750_000_000;

/// A second, unrelated key for `alg` (RSA: the OpenSSL key, imported rather than generated).
fn other_key(alg: Algorithm) -> SigningKey {
    match alg.family() {
        KeyFamily::Rsa => SigningKey::from_pem(RSA_PKCS8_PEM, Some(alg)).unwrap(),
        _ => SigningKey::generate(alg).unwrap(),
    }
}

fn claims() -> JsonObject {
    obj(json!({
        "iss": "issuer",
        "sub": "subject",
        "aud": "audience",
        "iat": NOW - 10,
        "nbf": NOW - 10,
        "exp": NOW + 300,
        "jti": "id-1",
    }))
}

fn options_for(alg: Algorithm) -> VerifyOptions {
    let mut options = VerifyOptions::new(NOW);
    options.algorithms = vec![alg];
    options
}

fn sign(alg: Algorithm, claims: &JsonObject) -> String {
    jose::sign_jwt(key(alg), claims, &JsonObject::new()).unwrap()
}

fn parts(token: &str) -> Vec<String> {
    token.split('.').map(str::to_owned).collect()
}

fn with_part(token: &str, index: usize, value: &str) -> String {
    let mut p = parts(token);
    p[index] = value.to_owned();
    p.join(".")
}

fn verify(token: &str, alg: Algorithm) -> healthauth::Result<jose::VerifiedJwt> {
    jose::verify_jwt(token, &key(alg).verifying_key(), &options_for(alg))
}

const B64URL: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// ---- tampering ---------------------------------------------------------------------------

#[test]
fn untampered_tokens_verify_for_every_algorithm() {
    for alg in Algorithm::ALL {
        let token = sign(alg, &claims());
        let verified = verify(&token, alg).unwrap_or_else(|e| panic!("{alg}: {e}"));
        assert_eq!(verified.claims, claims(), "{alg}");
        assert_eq!(verified.header["alg"], alg.name());
        // Curve keys are restricted to their one algorithm: no allow-list needed.
        if alg.family().implied_algorithm().is_some() {
            jose::verify_jwt(&token, &key(alg).verifying_key(), &VerifyOptions::new(NOW)).unwrap();
        }
    }
}

#[test]
fn tampered_header_payload_or_signature_is_signature_invalid() {
    for alg in Algorithm::ALL {
        let token = sign(alg, &claims());
        let p = parts(&token);
        let invalid = |t: &str, what: &str| {
            assert_eq!(
                err_code(verify(t, alg)),
                "ERR_JWT_SIGNATURE_INVALID",
                "{alg}: {what}"
            );
        };
        // Header: one added member.
        let mut header = obj(serde_json::from_slice(&unb64(&p[0])).unwrap());
        header.insert("typ".into(), "JWT".into());
        invalid(
            &with_part(&token, 0, &b64(&serde_json::to_vec(&header).unwrap())),
            "header",
        );
        // Payload: a changed claim, and a later expiry.
        let mut changed = claims();
        changed.insert("sub".into(), "mallory".into());
        invalid(
            &with_part(&token, 1, &b64(&serde_json::to_vec(&changed).unwrap())),
            "sub",
        );
        changed = claims();
        changed.insert("exp".into(), (NOW + 3600).into());
        invalid(
            &with_part(&token, 1, &b64(&serde_json::to_vec(&changed).unwrap())),
            "exp",
        );
        // Signature: flipped bits, truncated, extended, empty, zeros.
        let signature = unb64(&p[2]);
        for index in [0, signature.len() / 2, signature.len() - 1] {
            let mut bad = signature.clone();
            bad[index] ^= 0x01;
            invalid(&with_part(&token, 2, &b64(&bad)), "flipped bit");
        }
        invalid(
            &with_part(&token, 2, &b64(&signature[..signature.len() - 1])),
            "truncated",
        );
        let mut longer = signature.clone();
        longer.push(0);
        invalid(&with_part(&token, 2, &b64(&longer)), "extended");
        invalid(&with_part(&token, 2, ""), "empty");
        invalid(
            &with_part(&token, 2, &b64(&vec![0u8; signature.len()])),
            "zeros",
        );
        // The same claims signed by another key of the same algorithm.
        let foreign = jose::sign_jwt(&other_key(alg), &claims(), &JsonObject::new()).unwrap();
        invalid(
            &format!("{}.{}.{}", p[0], p[1], parts(&foreign)[2]),
            "foreign signature",
        );
        invalid(&with_part(&foreign, 0, &p[0]), "foreign token, our header");
    }
}

#[test]
fn tampered_base64_is_malformed() {
    for alg in Algorithm::ALL {
        let token = sign(alg, &claims());
        for index in 0..3 {
            let part = parts(&token)[index].clone();
            for bad in [
                format!("{part}="),
                format!("*{part}"),
                format!("{part}+"),
                format!("/{part}"),
                format!("{}{}", &part[..part.len() / 2], " "),
                format!("{part}A"), // one extra character: a length base64 cannot have
            ] {
                // `{part}A` may be a valid length for the signature; it must fail either way.
                let result = verify(&with_part(&token, index, &bad), alg);
                let code = err_code(result);
                assert!(
                    code == "ERR_JWT_MALFORMED"
                        || (bad.ends_with('A') && code == "ERR_JWT_SIGNATURE_INVALID"),
                    "{alg} part {index} `{bad}`: {code}"
                );
            }
        }
    }
}

#[test]
fn non_canonical_base64_signature_is_refused() {
    // A base64url string whose last character carries unused low bits: changing those bits
    // decodes to the same bytes under a lenient decoder. A strict decoder refuses it;
    // accepting it would make tokens malleable (two strings, one signature).
    let mut checked = 0;
    for alg in Algorithm::ALL {
        let token = sign(alg, &claims());
        let signature = parts(&token)[2].clone();
        if unb64(&signature).len() % 3 == 0 {
            continue; // no unused bits (HS384, ES384)
        }
        let last = *signature.as_bytes().last().unwrap();
        let index = B64URL.iter().position(|c| *c == last).unwrap();
        let tweaked = B64URL[index ^ 1] as char;
        let bad = format!("{}{tweaked}", &signature[..signature.len() - 1]);
        let code = err_code(verify(&with_part(&token, 2, &bad), alg));
        assert!(
            code == "ERR_JWT_MALFORMED" || code == "ERR_JWT_SIGNATURE_INVALID",
            "{alg}: {code}"
        );
        checked += 1;
    }
    assert!(checked >= 8);
}

// ---- alg: none and unknown algorithms ----------------------------------------------------

#[test]
fn alg_none_is_never_accepted() {
    let payload = serde_json::to_string(&claims()).unwrap();
    for alg in Algorithm::ALL {
        let verifying = key(alg).verifying_key();
        let real_signature = unb64(&parts(&sign(alg, &claims()))[2]);
        for none in ["none", "None", "NONE", "nOnE"] {
            let header = format!(r#"{{"alg":"{none}","typ":"JWT"}}"#);
            for signature in [&b""[..], &real_signature[..]] {
                let token = raw_token(&header, &payload, signature);
                for algorithms in [vec![], vec![alg], Algorithm::ALL.to_vec()] {
                    let mut options = VerifyOptions::new(NOW);
                    options.algorithms = algorithms;
                    assert_eq!(
                        err_code(jose::verify_jwt(&token, &verifying, &options)),
                        "ERR_JWT_ALG_NOT_ALLOWED",
                        "{alg} / {none}"
                    );
                    assert_eq!(
                        err_code(jose::verify_jwt_with_keys(
                            &token,
                            core::slice::from_ref(&verifying),
                            &options
                        )),
                        "ERR_JWT_ALG_NOT_ALLOWED"
                    );
                }
            }
        }
        // A header with `alg: none` and no signature part at all is malformed.
        let token = format!("{}.{}", b64(br#"{"alg":"none"}"#), b64(payload.as_bytes()));
        assert_eq!(
            err_code(jose::verify_jwt(&token, &verifying, &options_for(alg))),
            "ERR_JWT_MALFORMED"
        );
    }
    assert_eq!(err_code("none".parse::<Algorithm>()), "ERR_ALG_UNSUPPORTED");
}

#[test]
fn unknown_or_missing_alg_in_header() {
    let payload = serde_json::to_string(&claims()).unwrap();
    let verifying = key(Algorithm::Hs256).verifying_key();
    let options = options_for(Algorithm::Hs256);
    for header in [
        r#"{"alg":"HS1024"}"#,
        r#"{"alg":""}"#,
        r#"{"alg":"hs256"}"#,
        r#"{"alg":"ES512"}"#,
        r#"{"alg":"ES256K"}"#,
        r#"{"alg":"HS256 "}"#,
    ] {
        let token = raw_token(header, &payload, &[0u8; 32]);
        assert_eq!(
            err_code(jose::verify_jwt(&token, &verifying, &options)),
            "ERR_JWT_ALG_NOT_ALLOWED",
            "{header}"
        );
    }
    for header in [
        r#"{}"#,
        r#"{"typ":"JWT"}"#,
        r#"{"alg":256}"#,
        r#"{"alg":null}"#,
        r#"{"alg":["HS256"]}"#,
    ] {
        let token = raw_token(header, &payload, &[0u8; 32]);
        assert_eq!(
            err_code(jose::verify_jwt(&token, &verifying, &options)),
            "ERR_JWT_MALFORMED",
            "{header}"
        );
    }
}

// ---- algorithm confusion -----------------------------------------------------------------

#[test]
fn hs256_signed_with_the_rsa_public_key_is_refused() {
    // The classic attack: the verifier holds an RSA public key; the attacker signs an HS256
    // token using the public key's bytes (PEM or DER) as the HMAC secret.
    let rsa_keys = [
        VerifyingKey::from_pem(RSA_SPKI_PEM, None).unwrap(),
        VerifyingKey::from_pem(RSA_SPKI_PEM, Some(Algorithm::Rs256)).unwrap(),
        VerifyingKey::from_pem(RSA_CERT_PEM, None).unwrap(),
        VerifyingKey::from_jwk(
            &VerifyingKey::from_pem(RSA_SPKI_PEM, None)
                .unwrap()
                .to_jwk()
                .unwrap(),
            None,
        )
        .unwrap(),
    ];
    let spki_der = pem_der(RSA_SPKI_PEM);
    let secrets: Vec<Vec<u8>> = vec![
        RSA_SPKI_PEM.as_bytes().to_vec(),
        format!("{RSA_SPKI_PEM}\n").into_bytes(),
        RSA_PKCS1_PUBLIC_PEM.as_bytes().to_vec(),
        spki_der,
        pem_der(RSA_PKCS1_PUBLIC_PEM),
    ];
    let mut checked = 0;
    for secret in &secrets {
        for hs in [Algorithm::Hs256, Algorithm::Hs384, Algorithm::Hs512] {
            let forger = SigningKey::from_hmac_secret(secret, hs).unwrap();
            let token = jose::sign_jwt(&forger, &claims(), &JsonObject::new()).unwrap();
            for rsa in &rsa_keys {
                for algorithms in [
                    vec![],
                    vec![hs],
                    vec![hs, Algorithm::Rs256],
                    Algorithm::ALL.to_vec(),
                ] {
                    let mut options = VerifyOptions::new(NOW);
                    options.algorithms = algorithms.clone();
                    assert_eq!(
                        err_code(jose::verify_jwt(&token, rsa, &options)),
                        "ERR_JWT_ALG_NOT_ALLOWED",
                        "{hs} with {algorithms:?}"
                    );
                    let code = err_code(jose::verify_jwt_with_keys(
                        &token,
                        core::slice::from_ref(rsa),
                        &options,
                    ));
                    assert!(
                        code == "ERR_JWT_ALG_NOT_ALLOWED" || code == "ERR_JWT_KEY_NOT_FOUND",
                        "{code}"
                    );
                    // The raw primitive refuses it too.
                    let p = parts(&token);
                    assert_eq!(
                        err_code(rsa.verify(
                            hs,
                            format!("{}.{}", p[0], p[1]).as_bytes(),
                            &unb64(&p[2])
                        )),
                        "ERR_JWT_ALG_NOT_ALLOWED"
                    );
                    checked += 1;
                }
            }
        }
    }
    assert_eq!(checked, 5 * 3 * 4 * 4);
}

#[test]
fn every_cross_algorithm_pair_is_refused() {
    // A token made with algorithm `a` never verifies under a key for algorithm `b` != `a`,
    // even when both are allowed: the key decides.
    for a in Algorithm::ALL {
        let token = sign(a, &claims());
        for b in Algorithm::ALL {
            if a == b {
                continue;
            }
            let mut options = VerifyOptions::new(NOW);
            options.algorithms = vec![a, b];
            assert_eq!(
                err_code(jose::verify_jwt(&token, &key(b).verifying_key(), &options)),
                "ERR_JWT_ALG_NOT_ALLOWED",
                "{a} token, {b} key"
            );
        }
    }
}

#[test]
fn es256_token_against_a_p384_key_and_relabelled_headers() {
    let es256 = sign(Algorithm::Es256, &claims());
    let p384 = key(Algorithm::Es384).verifying_key();
    for algorithms in [vec![], vec![Algorithm::Es256, Algorithm::Es384]] {
        let mut options = VerifyOptions::new(NOW);
        options.algorithms = algorithms;
        assert_eq!(
            err_code(jose::verify_jwt(&es256, &p384, &options)),
            "ERR_JWT_ALG_NOT_ALLOWED"
        );
    }
    // An ES384 token relabelled ES256: refused by the P-384 key (wrong alg) and by a P-256
    // key (wrong signature).
    let es384 = sign(Algorithm::Es384, &claims());
    let relabelled = with_part(
        &es384,
        0,
        &b64(format!(
            r#"{{"alg":"ES256","kid":"{}"}}"#,
            key(Algorithm::Es384).kid().unwrap()
        )
        .as_bytes()),
    );
    assert_eq!(
        err_code(jose::verify_jwt(
            &relabelled,
            &p384,
            &VerifyOptions::new(NOW)
        )),
        "ERR_JWT_ALG_NOT_ALLOWED"
    );
    assert_eq!(
        err_code(jose::verify_jwt(
            &relabelled,
            &key(Algorithm::Es256).verifying_key(),
            &VerifyOptions::new(NOW)
        )),
        "ERR_JWT_SIGNATURE_INVALID"
    );
    // A PS256 signature relabelled RS256 (same RSA key, both allowed) is a bad signature.
    let ps = sign(Algorithm::Ps256, &claims());
    let rs_header = b64(br#"{"alg":"RS256"}"#);
    let forged = format!("{rs_header}.{}.{}", parts(&ps)[1], parts(&ps)[2]);
    // The public JWK carries `alg: RS256`; strip it to get an unrestricted RSA key.
    let mut jwk = key(Algorithm::Rs256).public_jwk().unwrap();
    jwk.remove("alg");
    let unrestricted = VerifyingKey::from_jwk(&jwk, None).unwrap();
    assert_eq!(unrestricted.alg(), None);
    let mut options = VerifyOptions::new(NOW);
    options.algorithms = vec![Algorithm::Rs256, Algorithm::Ps256];
    assert_eq!(
        err_code(jose::verify_jwt(&forged, &unrestricted, &options)),
        "ERR_JWT_SIGNATURE_INVALID"
    );
    // Unrestricted RSA key, no allow-list: the caller must choose.
    assert_eq!(
        err_code(jose::verify_jwt(
            &ps,
            &unrestricted,
            &VerifyOptions::new(NOW)
        )),
        "ERR_JWT_ALG_NOT_ALLOWED"
    );
    // A key restricted with `with_alg` refuses the other RSA algorithms.
    let only_rs384 = unrestricted.clone().with_alg(Algorithm::Rs384).unwrap();
    assert_eq!(
        err_code(jose::verify_jwt(
            &sign(Algorithm::Rs256, &claims()),
            &only_rs384,
            &options
        )),
        "ERR_JWT_ALG_NOT_ALLOWED"
    );
    assert_eq!(
        err_code(unrestricted.clone().with_alg(Algorithm::Es256)),
        "ERR_KEY_ALG_MISMATCH"
    );
}

// ---- claims ------------------------------------------------------------------------------

fn hs_token(claims: &Value) -> String {
    jose::sign_jwt(
        key(Algorithm::Hs256),
        &obj(claims.clone()),
        &JsonObject::new(),
    )
    .unwrap()
}

fn check_claims(claims: Value, configure: impl FnOnce(&mut VerifyOptions)) -> Result<(), Error> {
    let mut options = options_for(Algorithm::Hs256);
    configure(&mut options);
    jose::verify_jwt(
        &hs_token(&claims),
        &key(Algorithm::Hs256).verifying_key(),
        &options,
    )
    .map(|_| ())
}

#[test]
fn audience_issuer_subject_and_typ() {
    let base = json!({"iss": "issuer", "sub": "subject", "aud": "audience", "exp": NOW + 60});
    let with = |name: &str, value: Value| {
        let mut c = base.clone();
        match value {
            Value::Null => {
                c.as_object_mut().unwrap().remove(name);
            }
            v => {
                c[name] = v;
            }
        }
        c
    };
    let aud = |o: &mut VerifyOptions| o.audience = Some(vec!["audience".into(), "other".into()]);
    check_claims(base.clone(), aud).unwrap();
    check_claims(with("aud", json!(["x", "other"])), aud).unwrap();
    for bad in [
        json!("wrong"),
        json!(["x", "y"]),
        json!([]),
        json!(7),
        json!({"aud": "audience"}),
        json!([1, 2]),
        Value::Null,
    ] {
        let result = check_claims(with("aud", bad.clone()), aud);
        assert!(
            matches!(result, Err(Error::JwtClaimInvalid { claim: "aud", .. })),
            "aud {bad}: {result:?}"
        );
    }
    // Audience not configured: `aud` is not checked.
    check_claims(with("aud", json!("anything")), |_| {}).unwrap();
    // An empty list of accepted audiences is a mistake, not "any audience" (audit finding 7):
    // refused before the token is looked at, whatever its `aud`.
    for claims in [
        base.clone(),
        with("aud", Value::Null),
        with("aud", json!([])),
    ] {
        assert_eq!(
            check_claims(claims, |o| o.audience = Some(Vec::new())),
            Err(Error::InvalidArgument {
                name: "audience",
                expected: "at least one accepted audience (an empty list would accept any token); leave it out to skip the `aud` check",
            })
        );
    }

    let iss = |o: &mut VerifyOptions| o.issuer = Some("issuer".into());
    check_claims(base.clone(), iss).unwrap();
    for bad in [
        json!("Issuer"),
        json!("issuer "),
        json!(1),
        json!(["issuer"]),
        Value::Null,
    ] {
        let result = check_claims(with("iss", bad.clone()), iss);
        assert!(
            matches!(result, Err(Error::JwtClaimInvalid { claim: "iss", .. })),
            "iss {bad}: {result:?}"
        );
    }
    let sub = |o: &mut VerifyOptions| o.subject = Some("subject".into());
    check_claims(base.clone(), sub).unwrap();
    for bad in [json!("other"), json!(""), json!(false), Value::Null] {
        let result = check_claims(with("sub", bad.clone()), sub);
        assert!(
            matches!(result, Err(Error::JwtClaimInvalid { claim: "sub", .. })),
            "sub {bad}: {result:?}"
        );
    }

    // typ: compared without case and without an `application/` prefix.
    let key = key(Algorithm::Hs256);
    for (header_typ, expected, ok) in [
        ("JWT", "jwt", true),
        ("application/jwt", "JWT", true),
        ("at+jwt", "application/at+JWT", true),
        ("JWT", "at+jwt", false),
        ("JWS", "JWT", false),
    ] {
        let token =
            jose::sign_jwt(key, &obj(base.clone()), &obj(json!({ "typ": header_typ }))).unwrap();
        let mut options = options_for(Algorithm::Hs256);
        options.typ = Some(expected.into());
        let result = jose::verify_jwt(&token, &key.verifying_key(), &options);
        assert_eq!(result.is_ok(), ok, "{header_typ} vs {expected}: {result:?}");
        if !ok {
            assert!(matches!(
                result,
                Err(Error::JwtClaimInvalid { claim: "typ", .. })
            ));
        }
    }
    // typ required but absent.
    let mut options = options_for(Algorithm::Hs256);
    options.typ = Some("JWT".into());
    assert_eq!(
        err_code(jose::verify_jwt(
            &hs_token(&base),
            &key.verifying_key(),
            &options
        )),
        "ERR_JWT_CLAIM_INVALID"
    );
}

#[test]
fn expiry_not_before_issued_at_and_max_age() {
    let none = |_: &mut VerifyOptions| {};
    let leeway = |s: u64| move |o: &mut VerifyOptions| o.leeway_seconds = s;
    let expired = |r: Result<(), Error>| matches!(r, Err(Error::JwtExpired { claim: "exp" }));
    // exp: strictly after now.
    check_claims(json!({ "exp": NOW + 1 }), none).unwrap();
    assert!(expired(check_claims(json!({ "exp": NOW }), none)));
    assert!(expired(check_claims(json!({ "exp": NOW - 1 }), none)));
    assert!(expired(check_claims(json!({ "exp": 0 }), none)));
    assert!(expired(check_claims(json!({ "exp": -1 }), none)));
    // Fractional NumericDates.
    check_claims(json!({ "exp": NOW as f64 + 0.5 }), none).unwrap();
    assert!(expired(check_claims(
        json!({ "exp": NOW as f64 - 0.5 }),
        none
    )));
    // Within the leeway.
    check_claims(json!({ "exp": NOW }), leeway(1)).unwrap();
    check_claims(json!({ "exp": NOW - 59 }), leeway(60)).unwrap();
    assert!(expired(check_claims(
        json!({ "exp": NOW - 60 }),
        leeway(60)
    )));
    assert!(expired(check_claims(
        json!({ "exp": NOW - 61 }),
        leeway(60)
    )));
    // A huge leeway is capped, not overflowing.
    check_claims(json!({ "exp": NOW - 1 }), leeway(u64::MAX)).unwrap();

    // Missing or mistyped exp.
    let missing = check_claims(json!({ "iss": "x" }), none);
    assert!(
        matches!(missing, Err(Error::JwtClaimInvalid { claim: "exp", .. })),
        "{missing:?}"
    );
    check_claims(json!({ "iss": "x" }), |o| o.require_exp = false).unwrap();
    for bad in [
        json!("1800000000"),
        json!(true),
        json!(null),
        json!([NOW + 60]),
        json!({}),
    ] {
        let result = check_claims(json!({ "exp": bad }), none);
        assert!(
            matches!(result, Err(Error::JwtClaimInvalid { claim: "exp", .. })),
            "exp {bad}: {result:?}"
        );
    }

    // nbf: valid from nbf on.
    let not_yet = |r: Result<(), Error>, claim: &str| matches!(r, Err(Error::JwtNotYetValid { claim: c }) if c == claim);
    let exp = NOW + 600;
    check_claims(json!({ "exp": exp, "nbf": NOW }), none).unwrap();
    assert!(not_yet(
        check_claims(json!({ "exp": exp, "nbf": NOW + 1 }), none),
        "nbf"
    ));
    check_claims(json!({ "exp": exp, "nbf": NOW + 30 }), leeway(30)).unwrap();
    assert!(not_yet(
        check_claims(json!({ "exp": exp, "nbf": NOW + 31 }), leeway(30)),
        "nbf"
    ));
    assert!(matches!(
        check_claims(json!({ "exp": exp, "nbf": "soon" }), none),
        Err(Error::JwtClaimInvalid { claim: "nbf", .. })
    ));

    // iat in the future.
    check_claims(json!({ "exp": exp, "iat": NOW }), none).unwrap();
    assert!(not_yet(
        check_claims(json!({ "exp": exp, "iat": NOW + 1 }), none),
        "iat"
    ));
    check_claims(json!({ "exp": exp, "iat": NOW + 5 }), leeway(5)).unwrap();
    assert!(matches!(
        check_claims(json!({ "exp": exp, "iat": "now" }), none),
        Err(Error::JwtClaimInvalid { claim: "iat", .. })
    ));

    // maxAge: iat no further back than max_age (+ leeway).
    let max_age = |age: u64, lee: u64| {
        move |o: &mut VerifyOptions| {
            o.max_age_seconds = Some(age);
            o.leeway_seconds = lee;
        }
    };
    check_claims(json!({ "exp": exp, "iat": NOW - 100 }), max_age(100, 0)).unwrap();
    let too_old = check_claims(json!({ "exp": exp, "iat": NOW - 101 }), max_age(100, 0));
    assert!(
        matches!(too_old, Err(Error::JwtExpired { claim: "maxAge" })),
        "{too_old:?}"
    );
    check_claims(json!({ "exp": exp, "iat": NOW - 110 }), max_age(100, 10)).unwrap();
    assert!(matches!(
        check_claims(json!({ "exp": exp, "iat": NOW - 111 }), max_age(100, 10)),
        Err(Error::JwtExpired { claim: "maxAge" })
    ));
    assert!(matches!(
        check_claims(json!({ "exp": exp }), max_age(100, 0)),
        Err(Error::JwtClaimInvalid { claim: "iat", .. })
    ));
}

// ---- header parameters -------------------------------------------------------------------

/// A token with exactly this header JSON, correctly signed by the HS256 test key.
fn hs256_with_header(header: &str) -> String {
    let payload = serde_json::to_string(&claims()).unwrap();
    let input = format!("{}.{}", b64(header.as_bytes()), b64(payload.as_bytes()));
    let signature = key(Algorithm::Hs256).sign(input.as_bytes()).unwrap();
    format!("{input}.{}", b64(&signature))
}

#[test]
fn crit_header_is_refused() {
    let verifying = key(Algorithm::Hs256).verifying_key();
    let options = options_for(Algorithm::Hs256);
    // Sanity: the hand-built token verifies without crit.
    jose::verify_jwt(
        &hs256_with_header(r#"{"alg":"HS256"}"#),
        &verifying,
        &options,
    )
    .unwrap();
    for header in [
        r#"{"alg":"HS256","crit":["exp"],"exp":1363284000}"#,
        r#"{"alg":"HS256","crit":["b64"],"b64":false}"#,
        r#"{"alg":"HS256","crit":["http://example.invalid/x", "exp"]}"#,
    ] {
        let result = jose::verify_jwt(&hs256_with_header(header), &verifying, &options);
        assert_eq!(err_code(result), "ERR_JWT_CRIT_UNSUPPORTED", "{header}");
    }
    for header in [
        r#"{"alg":"HS256","crit":[]}"#,
        r#"{"alg":"HS256","crit":"exp"}"#,
        r#"{"alg":"HS256","crit":[1]}"#,
        r#"{"alg":"HS256","crit":null}"#,
    ] {
        let code = err_code(jose::verify_jwt(
            &hs256_with_header(header),
            &verifying,
            &options,
        ));
        assert!(
            code == "ERR_JWT_MALFORMED" || code == "ERR_JWT_CRIT_UNSUPPORTED",
            "{header}: {code}"
        );
    }
    // The signer refuses to make such headers, or to change `alg`.
    let key = key(Algorithm::Hs256);
    for extra in [
        json!({"crit": ["exp"]}),
        json!({"b64": false}),
        json!({"alg": "none"}),
        json!({"alg": "HS384"}),
    ] {
        assert_eq!(
            err_code(jose::sign_compact(key, &obj(extra.clone()), b"{}")),
            "ERR_JWT_MALFORMED",
            "{extra}"
        );
    }
    // Restating the key's own alg is fine.
    jose::sign_compact(key, &obj(json!({"alg": "HS256"})), b"{}").unwrap();
}

#[test]
fn oversized_tokens_are_refused_before_parsing() {
    let mut big = claims();
    big.insert("pad".into(), "x".repeat(70_000).into());
    let token = sign(Algorithm::Hs256, &big);
    assert!(token.len() > jose::DEFAULT_MAX_TOKEN_BYTES);
    let verifying = key(Algorithm::Hs256).verifying_key();
    let result = jose::verify_jwt(&token, &verifying, &options_for(Algorithm::Hs256));
    assert!(
        matches!(result, Err(Error::JwtTooLarge { size, max }) if size == token.len() && max == jose::DEFAULT_MAX_TOKEN_BYTES),
        "{result:?}"
    );
    // The cap is inclusive.
    let mut options = options_for(Algorithm::Hs256);
    options.max_token_bytes = token.len();
    jose::verify_jwt(&token, &verifying, &options).unwrap();
    options.max_token_bytes = token.len() - 1;
    assert_eq!(
        err_code(jose::verify_jwt(&token, &verifying, &options)),
        "ERR_JWT_TOO_LARGE"
    );
    // Garbage is refused by size first, too.
    options.max_token_bytes = 10;
    assert_eq!(
        err_code(jose::verify_jwt("...........", &verifying, &options)),
        "ERR_JWT_TOO_LARGE"
    );
}

#[test]
fn malformed_tokens() {
    let verifying = key(Algorithm::Hs256).verifying_key();
    let options = options_for(Algorithm::Hs256);
    let good = sign(Algorithm::Hs256, &claims());
    let p = parts(&good);
    let shapes = [
        String::new(),
        "a".into(),
        ".".into(),
        "..".into(),
        "...".into(),
        "a.b".into(),
        format!("{}.{}", p[0], p[1]),
        format!("{}.{}.{}.{}", p[0], p[1], p[2], p[2]),
        format!("{}.{}.{}.", p[0], p[1], p[2]),
        format!(".{}.{}.{}", p[0], p[1], p[2]),
        format!("{}.{}.{}.{}.{}", p[0], p[1], p[2], p[0], p[1]),
        format!("{good}\n"),
        format!(" {good}"),
        format!("{}\n.{}.{}", p[0], p[1], p[2]),
        good.replace('.', ","),
    ];
    for token in &shapes {
        assert_eq!(
            err_code(jose::verify_jwt(token, &verifying, &options)),
            "ERR_JWT_MALFORMED",
            "{token:?}"
        );
    }
    // Headers that are not JSON objects.
    for header in [
        "[]",
        "\"HS256\"",
        "null",
        "42",
        "{",
        "{\"alg\":\"HS256\"",
        "",
        "\u{feff}{}",
    ] {
        let token = format!("{}.{}.{}", b64(header.as_bytes()), p[1], p[2]);
        assert_eq!(
            err_code(jose::verify_jwt(&token, &verifying, &options)),
            "ERR_JWT_MALFORMED",
            "header {header:?}"
        );
    }
    // Payloads that are not JSON objects, correctly signed: malformed after the signature.
    let key = key(Algorithm::Hs256);
    for payload in [
        &b"[]"[..],
        b"\"claims\"",
        b"null",
        b"42",
        b"{",
        b"",
        b"\xff\xfe{}",
    ] {
        let token = jose::sign_compact(key, &JsonObject::new(), payload).unwrap();
        assert_eq!(
            err_code(jose::verify_jwt(&token, &verifying, &options)),
            "ERR_JWT_MALFORMED",
            "payload {payload:?}"
        );
    }
}

// ---- key sets and kid --------------------------------------------------------------------

#[test]
fn key_sets_select_by_kid() {
    let first = SigningKey::generate(Algorithm::Es256)
        .unwrap()
        .with_kid("k1");
    let second = SigningKey::generate(Algorithm::Es256)
        .unwrap()
        .with_kid("k2");
    let set = [first.verifying_key(), second.verifying_key()];
    let options = VerifyOptions::new(NOW);
    let token = jose::sign_jwt(&second, &claims(), &JsonObject::new()).unwrap();
    let verified = jose::verify_jwt_with_keys(&token, &set, &options).unwrap();
    assert_eq!(verified.header["kid"], "k2");
    // Unknown kid: no key found.
    let unknown = jose::sign_jwt(&second, &claims(), &obj(json!({"kid": "k3"}))).unwrap();
    assert!(matches!(
        jose::verify_jwt_with_keys(&unknown, &set, &options),
        Err(Error::JwtKeyNotFound { kid: Some(k) }) if k == "k3"
    ));
    // A kid pointing at the wrong key: bad signature (the right key is not tried).
    let wrong = jose::sign_jwt(&second, &claims(), &obj(json!({"kid": "k1"}))).unwrap();
    assert_eq!(
        err_code(jose::verify_jwt_with_keys(&wrong, &set, &options)),
        "ERR_JWT_SIGNATURE_INVALID"
    );
    // One key given directly: kid not consulted.
    jose::verify_jwt(&unknown, &second.verifying_key(), &options).unwrap();
    // Through a published JWKS document.
    let document = Value::Object(jose::jwks(&set).unwrap()).to_string();
    let parsed = jose::parse_jwks(&document).unwrap();
    assert_eq!(parsed.len(), 2);
    jose::verify_jwt_with_keys(&token, &parsed, &options).unwrap();
    // Empty key set.
    assert_eq!(
        err_code(jose::verify_jwt_with_keys(&token, &[], &options)),
        "ERR_JWT_ALG_NOT_ALLOWED"
    );
}

#[test]
fn client_assertion_round_trip_and_claims() {
    let key = key(Algorithm::Es384);
    let url = "https://auth.example.invalid/token";
    let assertion =
        jose::client_assertion(key, &ClientAssertionOptions::new("client", url, NOW)).unwrap();
    let mut options = VerifyOptions::new(NOW);
    options.audience = Some(vec![url.into()]);
    options.issuer = Some("client".into());
    options.subject = Some("client".into());
    options.typ = Some("JWT".into());
    let verified = jose::verify_jwt(&assertion, &key.verifying_key(), &options).unwrap();
    assert_eq!(verified.header["kid"], key.kid().unwrap());
    assert!(verified.claims["jti"].as_str().unwrap().len() >= 16);
    assert_eq!(verified.claims["exp"], NOW + 300);
    // Five minutes later it has expired.
    options.now = NOW + 300;
    assert_eq!(
        err_code(jose::verify_jwt(&assertion, &key.verifying_key(), &options)),
        "ERR_JWT_EXPIRED"
    );
    assert!(CLIENT_ASSERTION_TYPE.ends_with("jwt-bearer"));
    let mut bad = ClientAssertionOptions::new("client", "http://example.invalid/token", NOW);
    assert_eq!(
        err_code(jose::client_assertion(key, &bad)),
        "ERR_CLIENT_ASSERTION_INVALID"
    );
    bad.audience = url.into();
    bad.lifetime_seconds = 301;
    assert_eq!(
        err_code(jose::client_assertion(key, &bad)),
        "ERR_CLIENT_ASSERTION_INVALID"
    );
}

// ---- PEM import --------------------------------------------------------------------------

/// Signs with `private`, verifies with each of `publics`; all share one thumbprint.
fn sign_and_verify_with(private: &SigningKey, publics: &[VerifyingKey]) {
    let token = jose::sign_jwt(private, &claims(), &JsonObject::new()).unwrap();
    let thumbprint = private.thumbprint().unwrap();
    let options = options_for(private.alg());
    for public in publics {
        assert_eq!(public.thumbprint().unwrap(), thumbprint);
        jose::verify_jwt(&token, public, &options).unwrap();
    }
}

#[test]
fn openssl_rsa_pems_import_sign_and_verify() {
    let pkcs8 = SigningKey::from_pem(RSA_PKCS8_PEM, Some(Algorithm::Rs256)).unwrap();
    let pkcs1 = SigningKey::from_pem(RSA_PKCS1_PEM, Some(Algorithm::Ps384)).unwrap();
    assert_eq!(pkcs8.thumbprint().unwrap(), pkcs1.thumbprint().unwrap());
    let der = SigningKey::from_pkcs8_der(&pem_der(RSA_PKCS8_PEM), Some(Algorithm::Rs512)).unwrap();
    assert_eq!(der.thumbprint().unwrap(), pkcs8.thumbprint().unwrap());
    for (private, alg) in [(&pkcs8, Algorithm::Rs256), (&pkcs1, Algorithm::Ps384)] {
        let publics: Vec<VerifyingKey> = [
            RSA_SPKI_PEM,
            RSA_PKCS1_PUBLIC_PEM,
            RSA_CERT_PEM,
            RSA_PKCS8_PEM,
            RSA_PKCS1_PEM,
        ]
        .iter()
        .map(|pem| VerifyingKey::from_pem(pem, Some(alg)).unwrap())
        .chain([VerifyingKey::from_spki_der(&pem_der(RSA_SPKI_PEM), Some(alg)).unwrap()])
        .collect();
        sign_and_verify_with(private, &publics);
    }
    // Unrestricted public key (no alg) verifies with an allow-list.
    let public = VerifyingKey::from_pem(RSA_SPKI_PEM, None).unwrap();
    assert_eq!(public.alg(), None);
    sign_and_verify_with(&pkcs8, &[public]);
}

#[test]
fn openssl_curve_pems_import_sign_and_verify() {
    // P-256: SEC1 with an `EC PARAMETERS` block first, and PKCS#8.
    let sec1 = SigningKey::from_pem(EC_P256_SEC1_PEM, None).unwrap();
    assert!(EC_P256_SEC1_PEM.starts_with("-----BEGIN EC PARAMETERS-----"));
    assert_eq!(sec1.alg(), Algorithm::Es256);
    let pkcs8 = SigningKey::from_pem(EC_P256_PKCS8_PEM, Some(Algorithm::Es256)).unwrap();
    assert_eq!(sec1.thumbprint().unwrap(), pkcs8.thumbprint().unwrap());
    let p256_publics = [
        VerifyingKey::from_pem(EC_P256_SPKI_PEM, None).unwrap(),
        VerifyingKey::from_pem(EC_P256_SEC1_PEM, None).unwrap(),
        VerifyingKey::from_spki_der(&pem_der(EC_P256_SPKI_PEM), None).unwrap(),
    ];
    sign_and_verify_with(&sec1, &p256_publics);
    sign_and_verify_with(&pkcs8, &p256_publics);

    // P-384: PKCS#8, SPKI and a certificate.
    let p384 = SigningKey::from_pem(EC_P384_PKCS8_PEM, None).unwrap();
    assert_eq!(p384.alg(), Algorithm::Es384);
    sign_and_verify_with(
        &p384,
        &[
            VerifyingKey::from_pem(EC_P384_SPKI_PEM, None).unwrap(),
            VerifyingKey::from_pem(EC_P384_CERT_PEM, Some(Algorithm::Es384)).unwrap(),
        ],
    );

    // Ed25519: PKCS#8 and SPKI.
    let ed = SigningKey::from_pem(ED25519_PKCS8_PEM, None).unwrap();
    assert_eq!(ed.alg(), Algorithm::EdDsa);
    sign_and_verify_with(
        &ed,
        &[VerifyingKey::from_pem(ED25519_SPKI_PEM, None).unwrap()],
    );
}

#[test]
fn pem_text_variations_are_tolerated() {
    let reference = SigningKey::from_pem(EC_P256_PKCS8_PEM, None)
        .unwrap()
        .thumbprint()
        .unwrap();
    let variants = [
        // Pasted into an environment variable with literal `\n` sequences.
        EC_P256_PKCS8_PEM.replace('\n', "\\n"),
        // Explanatory text before the block (as `openssl pkcs12` writes), blank lines around.
        format!("Bag Attributes\n    localKeyID: 01\n\n{EC_P256_PKCS8_PEM}\n\n"),
        format!("  {EC_P256_PKCS8_PEM}  \n"),
    ];
    for variant in &variants {
        let key =
            SigningKey::from_pem(variant, None).unwrap_or_else(|e| panic!("{variant:?}: {e}"));
        assert_eq!(key.thumbprint().unwrap(), reference);
    }
}

#[test]
fn pem_with_crlf_line_endings_imports() {
    let crlf = EC_P256_PKCS8_PEM.replace('\n', "\r\n");
    let key = SigningKey::from_pem(&crlf, None).unwrap();
    assert_eq!(key.alg(), Algorithm::Es256);
    VerifyingKey::from_pem(&RSA_SPKI_PEM.replace('\n', "\r\n"), None).unwrap();
}

// ---- garbage and unsupported keys --------------------------------------------------------

fn format_or_unsupported(code: &str) -> bool {
    code == "ERR_KEY_FORMAT" || code == "ERR_KEY_UNSUPPORTED"
}

#[test]
fn garbage_pem_is_a_format_error() {
    let truncated = &RSA_PKCS8_PEM[..RSA_PKCS8_PEM.len() / 2];
    let cut_body = {
        // Valid framing, base64 body cut short: the DER inside is truncated.
        let lines: Vec<&str> = RSA_PKCS8_PEM.lines().collect();
        let keep = [&lines[..5], &lines[lines.len() - 1..]].concat();
        keep.join("\n")
    };
    let bad_base64 = "-----BEGIN PRIVATE KEY-----\n!!!!not base64!!!!\n-----END PRIVATE KEY-----\n";
    let random_der = format!(
        "-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----\n",
        <base64ct::Base64 as base64ct::Encoding>::encode_string(&[0x30, 0x03, 0x02, 0x01, 0x05]),
    );
    let mismatched_end = RSA_PKCS8_PEM.replace("END PRIVATE KEY", "END PUBLIC KEY");
    let unknown_label = RSA_PKCS8_PEM.replace("PRIVATE KEY", "SECRET THING");
    let huge = format!("{}{RSA_PKCS8_PEM}", " ".repeat(70 * 1024));
    let garbage: Vec<(&str, String)> = vec![
        ("empty", String::new()),
        ("text", "hello, I am not a key".into()),
        ("random", "q9V8$#@!xZ\u{0}\u{1}\u{7f}".into()),
        ("truncated", truncated.into()),
        ("cut body", cut_body),
        ("bad base64", bad_base64.into()),
        ("random DER", random_der),
        ("mismatched END", mismatched_end),
        ("unknown label", unknown_label),
        ("header only", "-----BEGIN PRIVATE KEY-----".into()),
        ("unterminated header", "-----BEGIN PRIVATE KEY".into()),
        (
            "EC PARAMETERS only",
            EC_P256_SEC1_PEM
                .lines()
                .take(3)
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        ("encrypted", ENCRYPTED_PEM.into()),
        ("openssh", OPENSSH_PEM.into()),
        ("public given as private", RSA_SPKI_PEM.into()),
        ("PKCS#1 public as private", RSA_PKCS1_PUBLIC_PEM.into()),
        ("certificate as private", EC_P384_CERT_PEM.into()),
        ("public EC as private", EC_P256_SPKI_PEM.into()),
    ];
    for (what, pem) in &garbage {
        let result = SigningKey::from_pem(pem, Some(Algorithm::Rs256));
        assert_eq!(
            err_code(result),
            "ERR_KEY_FORMAT",
            "SigningKey::from_pem: {what}"
        );
    }
    for (what, pem) in garbage.iter().take(12) {
        let result = VerifyingKey::from_pem(pem, Some(Algorithm::Rs256));
        assert_eq!(
            err_code(result),
            "ERR_KEY_FORMAT",
            "VerifyingKey::from_pem: {what}"
        );
    }
    // Over 64 KiB: refused before reading, with the size cap's own code.
    assert_eq!(
        err_code(SigningKey::from_pem(&huge, Some(Algorithm::Rs256))),
        "ERR_INPUT_TOO_LARGE"
    );
    assert_eq!(
        err_code(VerifyingKey::from_pem(&huge, Some(Algorithm::Rs256))),
        "ERR_INPUT_TOO_LARGE"
    );
    // Messages never echo key material.
    let message = SigningKey::from_pem(RSA_SPKI_PEM, None)
        .unwrap_err()
        .to_string();
    assert!(!message.contains("MIIB"), "{message}");
    // DER entry points.
    for der in [
        &b""[..],
        b"\x30",
        b"\x30\x00",
        b"garbage",
        &pem_der(RSA_SPKI_PEM),
    ] {
        assert_eq!(
            err_code(SigningKey::from_pkcs8_der(der, Some(Algorithm::Rs256))),
            "ERR_KEY_FORMAT"
        );
    }
    for der in [&b""[..], b"\x30\x00", b"garbage", &pem_der(RSA_PKCS8_PEM)] {
        assert_eq!(
            err_code(VerifyingKey::from_spki_der(der, Some(Algorithm::Rs256))),
            "ERR_KEY_FORMAT"
        );
    }
}

#[test]
fn unsupported_key_types_are_named() {
    for (what, pem) in [
        ("secp256k1", SECP256K1_PEM),
        ("P-521", P521_PEM),
        ("X25519", X25519_PEM),
        ("RSA-PSS", RSA_PSS_PEM),
    ] {
        assert_eq!(
            err_code(SigningKey::from_pem(pem, None)),
            "ERR_KEY_UNSUPPORTED",
            "{what}"
        );
        assert_eq!(
            err_code(VerifyingKey::from_pem(pem, None)),
            "ERR_KEY_UNSUPPORTED",
            "{what} (private PEM to VerifyingKey)"
        );
    }
}

#[test]
fn weak_keys_are_refused() {
    assert_eq!(
        err_code(SigningKey::from_pem(RSA_1024_PEM, Some(Algorithm::Rs256))),
        "ERR_KEY_TOO_WEAK"
    );
    assert_eq!(
        err_code(VerifyingKey::from_pem(
            RSA_1024_PUBLIC_PEM,
            Some(Algorithm::Rs256)
        )),
        "ERR_KEY_TOO_WEAK"
    );
    assert_eq!(
        err_code(VerifyingKey::from_pem(RSA_1024_PUBLIC_PEM, None)),
        "ERR_KEY_TOO_WEAK"
    );
    assert_eq!(
        err_code(SigningKey::from_pkcs8_der(
            &pem_der(RSA_1024_PEM),
            Some(Algorithm::Ps256)
        )),
        "ERR_KEY_TOO_WEAK"
    );
    // The same 1024-bit key as a JWK.
    let public_der = pem_der(RSA_1024_PUBLIC_PEM);
    // SPKI for a 1024-bit key: the modulus is the 129-byte INTEGER after `02 81 81`.
    let at = public_der
        .windows(3)
        .position(|w| w == [0x02, 0x81, 0x81])
        .unwrap();
    let modulus = &public_der[at + 4..at + 3 + 129];
    assert_eq!(modulus.len(), 128);
    let jwk = obj(json!({"kty": "RSA", "n": b64(modulus), "e": "AQAB"}));
    assert_eq!(
        err_code(VerifyingKey::from_jwk(&jwk, Some(Algorithm::Rs256))),
        "ERR_KEY_TOO_WEAK"
    );
    // Generation below 2048 bits is refused (ERR_KEY_UNSUPPORTED: outside 2048..=8192).
    let code = err_code(SigningKey::generate_with_rsa_bits(Algorithm::Rs256, 1024));
    assert!(
        code == "ERR_KEY_TOO_WEAK" || code == "ERR_KEY_UNSUPPORTED",
        "{code}"
    );
    assert_eq!(
        err_code(SigningKey::generate_with_rsa_bits(Algorithm::Rs256, 2049)),
        "ERR_KEY_UNSUPPORTED"
    );

    // HMAC secrets shorter than the hash.
    for (alg, len) in [
        (Algorithm::Hs256, 32),
        (Algorithm::Hs384, 48),
        (Algorithm::Hs512, 64),
    ] {
        SigningKey::from_hmac_secret(&vec![1u8; len], alg).unwrap();
        VerifyingKey::from_hmac_secret(&vec![1u8; len], alg).unwrap();
        for short in [0, 1, len - 1] {
            assert_eq!(
                err_code(SigningKey::from_hmac_secret(&vec![1u8; short], alg)),
                "ERR_KEY_TOO_WEAK",
                "{alg} {short}"
            );
            assert_eq!(
                err_code(VerifyingKey::from_hmac_secret(&vec![1u8; short], alg)),
                "ERR_KEY_TOO_WEAK"
            );
            let jwk = obj(json!({"kty": "oct", "k": b64(&vec![1u8; short])}));
            assert_eq!(
                err_code(SigningKey::from_jwk(&jwk, Some(alg))),
                "ERR_KEY_TOO_WEAK"
            );
            assert_eq!(
                err_code(VerifyingKey::from_jwk(&jwk, Some(alg))),
                "ERR_KEY_TOO_WEAK"
            );
        }
    }
    // An HMAC secret is not an RSA key.
    assert_eq!(
        err_code(SigningKey::from_hmac_secret(&[1u8; 64], Algorithm::Rs256)),
        "ERR_KEY_ALG_MISMATCH"
    );
}

#[test]
fn short_oct_jwk_without_alg_cannot_verify() {
    // RFC 7518 §3.2 (and this crate's rule): an HMAC key shorter than the hash MUST NOT be
    // used. `VerifyingKey::from_jwk(&{"kty":"oct","k":"AQ"}, None)` succeeds, because the
    // length check only runs when an algorithm is known, and `parse_jwks` keeps such a key;
    // with `algorithms = [HS256]` it then verifies a token whose HMAC key is the single byte
    // 0x01 (or the empty string). Expected: ERR_KEY_TOO_WEAK, at import or at verification.
    let payload = serde_json::to_string(&claims()).unwrap();
    let input = format!("{}.{}", b64(br#"{"alg":"HS256"}"#), b64(payload.as_bytes()));
    for secret in [&[1u8][..], &[]] {
        let jwk = obj(json!({"kty": "oct", "k": b64(secret)}));
        // The token is built with an independent HMAC, since the library refuses to sign
        // with such a secret.
        let token = format!("{input}.{}", b64(&hmac_sha256(secret, input.as_bytes())));
        let options = options_for(Algorithm::Hs256);
        let from_jwk = VerifyingKey::from_jwk(&jwk, None)
            .and_then(|key| jose::verify_jwt(&token, &key, &options));
        assert_eq!(err_code(from_jwk), "ERR_KEY_TOO_WEAK", "k = {secret:?}");
        let document = json!({ "keys": [jwk] }).to_string();
        let from_jwks = jose::parse_jwks(&document)
            .and_then(|keys| jose::verify_jwt_with_keys(&token, &keys, &options));
        assert!(from_jwks.is_err(), "JWKS, k = {secret:?}: {from_jwks:?}");
    }
}

/// HMAC-SHA-256 (RFC 2104) over the crate's own SHA-256, for building a token with a secret
/// the library refuses to sign with.
fn hmac_sha256(secret: &[u8], message: &[u8]) -> Vec<u8> {
    use sha2::{Digest, Sha256};
    let mut block = [0u8; 64];
    block[..secret.len()].copy_from_slice(secret);
    let inner: Vec<u8> = block.iter().map(|b| b ^ 0x36).collect();
    let outer: Vec<u8> = block.iter().map(|b| b ^ 0x5c).collect();
    let inner_hash = Sha256::new()
        .chain_update(&inner)
        .chain_update(message)
        .finalize();
    Sha256::new()
        .chain_update(&outer)
        .chain_update(inner_hash)
        .finalize()
        .to_vec()
}

#[test]
fn key_algorithm_mismatch_and_missing() {
    assert_eq!(
        err_code(SigningKey::from_pem(
            EC_P256_PKCS8_PEM,
            Some(Algorithm::Es384)
        )),
        "ERR_KEY_ALG_MISMATCH"
    );
    assert_eq!(
        err_code(SigningKey::from_pem(
            EC_P256_SEC1_PEM,
            Some(Algorithm::Rs256)
        )),
        "ERR_KEY_ALG_MISMATCH"
    );
    assert_eq!(
        err_code(SigningKey::from_pem(
            ED25519_PKCS8_PEM,
            Some(Algorithm::Es256)
        )),
        "ERR_KEY_ALG_MISMATCH"
    );
    assert_eq!(
        err_code(SigningKey::from_pem(RSA_PKCS8_PEM, Some(Algorithm::Es256))),
        "ERR_KEY_ALG_MISMATCH"
    );
    assert_eq!(
        err_code(SigningKey::from_pem(RSA_PKCS8_PEM, Some(Algorithm::Hs256))),
        "ERR_KEY_ALG_MISMATCH"
    );
    assert_eq!(
        err_code(VerifyingKey::from_pem(
            EC_P384_SPKI_PEM,
            Some(Algorithm::Es256)
        )),
        "ERR_KEY_ALG_MISMATCH"
    );
    assert_eq!(
        err_code(VerifyingKey::from_pem(RSA_CERT_PEM, Some(Algorithm::EdDsa))),
        "ERR_KEY_ALG_MISMATCH"
    );
    // RSA keys fit six algorithms: the caller must say which one to sign with.
    for pem in [RSA_PKCS8_PEM, RSA_PKCS1_PEM] {
        assert_eq!(
            err_code(SigningKey::from_pem(pem, None)),
            "ERR_KEY_ALG_MISSING"
        );
    }
    assert_eq!(
        err_code(SigningKey::from_pkcs8_der(&pem_der(RSA_PKCS8_PEM), None)),
        "ERR_KEY_ALG_MISSING"
    );
    let mut jwk = key(Algorithm::Rs256).export_private_jwk().unwrap();
    jwk.remove("alg");
    assert_eq!(
        err_code(SigningKey::from_jwk(&jwk, None)),
        "ERR_KEY_ALG_MISSING"
    );
    let oct = obj(json!({"kty": "oct", "k": b64(&[1u8; 64])}));
    assert_eq!(
        err_code(SigningKey::from_jwk(&oct, None)),
        "ERR_KEY_ALG_MISSING"
    );
    // A JWK's own alg and the caller's must agree.
    let mut jwk = key(Algorithm::Es256).public_jwk().unwrap();
    jwk.insert("alg".into(), "ES384".into());
    assert_eq!(
        err_code(VerifyingKey::from_jwk(&jwk, None)),
        "ERR_KEY_ALG_MISMATCH"
    );
    let rsa_public = key(Algorithm::Rs256).public_jwk().unwrap();
    assert_eq!(
        err_code(VerifyingKey::from_jwk(&rsa_public, Some(Algorithm::Ps256))),
        "ERR_KEY_ALG_MISMATCH"
    );
}

#[test]
fn garbage_jwks_are_refused() {
    let ec = key(Algorithm::Es256).public_jwk().unwrap();
    let ec_private = key(Algorithm::Es256).export_private_jwk().unwrap();
    let ed_private = key(Algorithm::EdDsa).export_private_jwk().unwrap();
    let rsa_private = key(Algorithm::Rs256).export_private_jwk().unwrap();
    let other_ec = other_key(Algorithm::Es256).public_jwk().unwrap();
    let other_ed = other_key(Algorithm::EdDsa).public_jwk().unwrap();
    let other_rsa = other_key(Algorithm::Rs256).public_jwk().unwrap();

    let edit = |base: &JsonObject, name: &str, value: Value| {
        let mut jwk = base.clone();
        if value.is_null() {
            jwk.remove(name);
        } else {
            jwk.insert(name.into(), value);
        }
        jwk
    };
    // The EC point with `y` changed: almost surely off the curve.
    let mut y = unb64(ec["y"].as_str().unwrap());
    y[31] ^= 1;
    let off_curve = edit(&ec, "y", b64(&y).into());

    let public_garbage: Vec<(&str, JsonObject)> = vec![
        ("empty", JsonObject::new()),
        ("kty number", edit(&ec, "kty", json!(2))),
        ("kty missing", edit(&ec, "kty", Value::Null)),
        ("kty unknown", edit(&ec, "kty", json!("XYZ"))),
        ("crv missing", edit(&ec, "crv", Value::Null)),
        ("crv P-521", edit(&ec, "crv", json!("P-521"))),
        ("crv secp256k1", edit(&ec, "crv", json!("secp256k1"))),
        ("x missing", edit(&ec, "x", Value::Null)),
        ("y missing", edit(&ec, "y", Value::Null)),
        ("x number", edit(&ec, "x", json!(12))),
        ("x short", edit(&ec, "x", json!("AAAA"))),
        (
            "x padded base64",
            edit(&ec, "x", json!(format!("{}=", ec["x"].as_str().unwrap()))),
        ),
        ("x standard base64", edit(&ec, "x", json!("+/+/"))),
        ("point off the curve", off_curve),
        (
            "point at zero",
            edit(
                &edit(&ec, "x", b64(&[0; 32]).into()),
                "y",
                b64(&[0; 32]).into(),
            ),
        ),
        ("use enc", edit(&ec, "use", json!("enc"))),
        ("use number", edit(&ec, "use", json!(1))),
        ("kid number", edit(&ec, "kid", json!(1))),
        ("RSA n missing", edit(&other_rsa, "n", Value::Null)),
        ("RSA e missing", edit(&other_rsa, "e", Value::Null)),
        ("RSA e number", edit(&other_rsa, "e", json!(65537))),
        ("RSA n not base64", edit(&other_rsa, "n", json!("***"))),
        ("RSA e zero", edit(&other_rsa, "e", json!("AA"))),
        ("RSA e even", edit(&other_rsa, "e", json!("Ag"))),
        ("OKP Ed448", edit(&other_ed, "crv", json!("Ed448"))),
        ("OKP X25519", edit(&other_ed, "crv", json!("X25519"))),
        ("OKP x short", edit(&other_ed, "x", json!("AAAA"))),
        ("oct k missing", obj(json!({"kty": "oct"}))),
        ("oct k number", obj(json!({"kty": "oct", "k": 5}))),
    ];
    for (what, jwk) in &public_garbage {
        let code = err_code(
            VerifyingKey::from_jwk(jwk, Some(Algorithm::Es256)).or_else(|e| {
                // Keys of other families are also tried with no algorithm, so the family
                // mismatch does not hide the format error.
                if e.code() == "ERR_KEY_ALG_MISMATCH" {
                    VerifyingKey::from_jwk(jwk, None)
                } else {
                    Err(e)
                }
            }),
        );
        assert!(format_or_unsupported(code), "{what}: {code}");
    }
    // Sanity: the unedited keys import.
    VerifyingKey::from_jwk(&ec, None).unwrap();
    VerifyingKey::from_jwk(&other_ed, None).unwrap();
    VerifyingKey::from_jwk(&other_rsa, None).unwrap();

    let private_garbage: Vec<(&str, JsonObject, Option<Algorithm>)> = vec![
        ("EC public only", ec.clone(), None),
        (
            "EC x of another key",
            edit(&ec_private, "x", other_ec["x"].clone()),
            None,
        ),
        (
            "EC y of another key",
            edit(&ec_private, "y", other_ec["y"].clone()),
            None,
        ),
        ("EC d short", edit(&ec_private, "d", json!("AAAA")), None),
        (
            "EC d zero",
            edit(&ec_private, "d", b64(&[0; 32]).into()),
            None,
        ),
        (
            "EC d = n",
            edit(
                &ec_private,
                "d",
                json!("_____wAAAAD__________7zm-q2nF56E87nKwvxjJVE"),
            ),
            None,
        ),
        ("EC d number", edit(&ec_private, "d", json!(1)), None),
        ("EC use enc", edit(&ec_private, "use", json!("enc")), None),
        (
            "Ed25519 x of another key",
            edit(&ed_private, "x", other_ed["x"].clone()),
            None,
        ),
        (
            "Ed25519 d short",
            edit(&ed_private, "d", json!("AAAA")),
            None,
        ),
        (
            "RSA n of another key",
            edit(&rsa_private, "n", other_rsa["n"].clone()),
            None,
        ),
        ("RSA p missing", edit(&rsa_private, "p", Value::Null), None),
        ("RSA d missing", edit(&rsa_private, "d", Value::Null), None),
        (
            "RSA p corrupted",
            edit(&rsa_private, "p", json!("AQAB")),
            None,
        ),
        (
            "RSA oth",
            edit(
                &rsa_private,
                "oth",
                json!([{"r": "AQ", "d": "AQ", "t": "AQ"}]),
            ),
            None,
        ),
        ("RSA use enc", edit(&rsa_private, "use", json!("enc")), None),
        (
            "oct k not base64",
            obj(json!({"kty": "oct", "k": "!!"})),
            Some(Algorithm::Hs256),
        ),
    ];
    for (what, jwk, alg) in &private_garbage {
        let code = err_code(SigningKey::from_jwk(jwk, *alg));
        assert!(format_or_unsupported(code), "{what}: {code}");
    }
    // Not JSON, not an object.
    for text in [
        "",
        "{",
        "[]",
        "null",
        "\"kty\"",
        "{\"kty\":\"EC\"} trailing",
    ] {
        assert_eq!(
            err_code(VerifyingKey::from_jwk_json(text, None)),
            "ERR_KEY_FORMAT"
        );
        assert_eq!(
            err_code(SigningKey::from_jwk_json(text, None)),
            "ERR_KEY_FORMAT"
        );
    }
    // Over the size cap: refused before parsing, with the cap's own code.
    let huge = format!("{{\"kty\":\"oct\",\"k\":\"{}\"}}", "A".repeat(300 * 1024));
    assert_eq!(
        err_code(VerifyingKey::from_jwk_json(&huge, Some(Algorithm::Hs256))),
        "ERR_INPUT_TOO_LARGE"
    );
}

#[test]
fn jwks_documents_skip_unusable_keys() {
    let good = key(Algorithm::Es256).public_jwk().unwrap();
    let mut enc = good.clone();
    enc.insert("use".into(), "enc".into());
    let document = json!({"keys": [
        enc,
        {"kty": "XYZ"},
        {"kty": "EC", "crv": "P-521", "x": "AA", "y": "AA"},
        "not an object",
        7,
        good,
    ]})
    .to_string();
    let keys = jose::parse_jwks(&document).unwrap();
    assert_eq!(keys.len(), 1);
    assert_eq!(keys[0].kid(), key(Algorithm::Es256).kid());
    for bad in ["{}", "[]", "{\"keys\": {}}", "{\"keys\": \"x\"}", "nope"] {
        assert_eq!(err_code(jose::parse_jwks(bad)), "ERR_KEY_FORMAT", "{bad}");
    }
    assert!(jose::parse_jwks("{\"keys\": []}").unwrap().is_empty());
}

// ---- secrets never printed ---------------------------------------------------------------

#[test]
fn debug_output_never_contains_private_material() {
    for alg in Algorithm::ALL {
        let key = key(alg);
        let private = key.export_private_jwk().unwrap();
        let debug = format!("{key:?} {:?} {:#?}", key.verifying_key(), key);
        for member in ["d", "p", "q", "dp", "dq", "qi", "k"] {
            if let Some(value) = private.get(member).and_then(Value::as_str) {
                // Any 16-character window of the secret would be a leak.
                let probe = &value[..16.min(value.len())];
                assert!(
                    !debug.contains(probe),
                    "{alg}: `{member}` leaks into Debug: {debug}"
                );
            }
        }
        assert!(debug.contains("redacted"), "{alg}: {debug}");
        // Errors made with this key do not carry it either.
        let error = format!(
            "{:?}",
            verify(&with_part(&sign(alg, &claims()), 2, "AAAA"), alg).unwrap_err()
        );
        assert!(!error.contains(&private.get("d").or(private.get("k")).unwrap().to_string()));
    }
    // Options and verified tokens are printable without secrets involved at all.
    let _ = format!("{:?}", VerifyOptions::new(NOW));
}

// ---- PEM and JWK edge cases found while writing these tests ------------------------------

#[test]
fn pem_rewrapped_at_64_columns_still_imports() {
    // Control for the ignored test below: re-encoding at the standard width works.
    let pem = common::wrap_pem("PRIVATE KEY", &pem_der(RSA_PKCS8_PEM), 64);
    SigningKey::from_pem(&pem, Some(Algorithm::Rs256)).unwrap();
}

#[test]
fn pem_with_other_line_widths_imports() {
    // RFC 7468 §2: "parsers MAY handle other line sizes"; keys pasted into environment
    // variables and secret stores very often have the whole body on one line.
    // Expected: the same key; actual: ERR_KEY_FORMAT ("the `PRIVATE KEY` PEM block is not
    // valid base64").
    let reference = SigningKey::from_pem(RSA_PKCS8_PEM, Some(Algorithm::Rs256))
        .unwrap()
        .thumbprint()
        .unwrap();
    for width in [76, 100_000] {
        let pem = common::wrap_pem("PRIVATE KEY", &pem_der(RSA_PKCS8_PEM), width);
        let key = SigningKey::from_pem(&pem, Some(Algorithm::Rs256))
            .unwrap_or_else(|e| panic!("width {width}: {e}"));
        assert_eq!(key.thumbprint().unwrap(), reference);
        let public = common::wrap_pem("PUBLIC KEY", &pem_der(EC_P256_SPKI_PEM), width);
        VerifyingKey::from_pem(&public, None).unwrap_or_else(|e| panic!("width {width}: {e}"));
    }
}

/// The openssl P-256 SEC1 key (without its `EC PARAMETERS` block) as DER, with its embedded
/// public key replaced by another key's point. SEC1 DER ends with `03 42 00 04 || X || Y`.
fn sec1_with_foreign_public_key() -> Vec<u8> {
    let sec1: String = EC_P256_SEC1_PEM
        .lines()
        .skip(3)
        .collect::<Vec<_>>()
        .join("\n");
    let mut der = pem_der(&sec1);
    let other = other_key(Algorithm::Es256).public_jwk().unwrap();
    let n = der.len();
    assert_eq!(der[n - 68..n - 64], [0x03, 0x42, 0x00, 0x04]);
    der[n - 64..n - 32].copy_from_slice(&unb64(other["x"].as_str().unwrap()));
    der[n - 32..].copy_from_slice(&unb64(other["y"].as_str().unwrap()));
    der
}

#[test]
fn pkcs8_ec_key_with_a_foreign_public_key_is_refused() {
    let mut der = pem_der(EC_P256_PKCS8_PEM);
    let other = other_key(Algorithm::Es256).public_jwk().unwrap();
    let n = der.len();
    assert_eq!(der[n - 68..n - 64], [0x03, 0x42, 0x00, 0x04]);
    der[n - 64..n - 32].copy_from_slice(&unb64(other["x"].as_str().unwrap()));
    der[n - 32..].copy_from_slice(&unb64(other["y"].as_str().unwrap()));
    assert_eq!(
        err_code(SigningKey::from_pkcs8_der(&der, None)),
        "ERR_KEY_FORMAT"
    );
    // The SEC1 control: the untouched key imports.
    let sec1 = common::wrap_pem(
        "EC PRIVATE KEY",
        &pem_der(
            &EC_P256_SEC1_PEM
                .lines()
                .skip(3)
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        64,
    );
    SigningKey::from_pem(&sec1, None).unwrap();
}

#[test]
fn sec1_ec_key_with_a_foreign_public_key_is_refused() {
    // The same check PKCS#8 (above) and private JWKs (`x`/`y` must match `d`) make.
    // Expected ERR_KEY_FORMAT; actual: Ok (the public key is ignored).
    let pem = common::wrap_pem("EC PRIVATE KEY", &sec1_with_foreign_public_key(), 64);
    assert_eq!(err_code(SigningKey::from_pem(&pem, None)), "ERR_KEY_FORMAT");
}

#[test]
fn rsa_private_pem_as_verifying_key_without_alg() {
    // `VerifyingKey::from_pem` documents that a private key is accepted "where a public one
    // is due" and keeps the public half; for public RSA keys `alg` is optional (the key is
    // then unrestricted). Expected: Ok with `alg() == None`, like the SPKI PEM.
    assert_eq!(
        VerifyingKey::from_pem(RSA_SPKI_PEM, None).unwrap().alg(),
        None
    );
    for pem in [RSA_PKCS8_PEM, RSA_PKCS1_PEM] {
        let key = VerifyingKey::from_pem(pem, None).unwrap();
        assert_eq!(key.alg(), None);
    }
}

#[test]
fn duplicate_alg_members_never_smuggle_none() {
    // RFC 7515 §5.2: reject duplicates, or use the lexically last one. Either way a token
    // whose last `alg` is `none` is refused.
    let verifying = key(Algorithm::Hs256).verifying_key();
    let options = options_for(Algorithm::Hs256);
    let token = hs256_with_header(r#"{"alg":"HS256","alg":"none"}"#);
    assert_eq!(
        err_code(jose::verify_jwt(&token, &verifying, &options)),
        "ERR_JWT_ALG_NOT_ALLOWED"
    );
}

#[test]
fn rsa_jwk_modulus_with_a_leading_zero_has_the_same_thumbprint() {
    let key = other_key(Algorithm::Rs256);
    let mut jwk = key.public_jwk().unwrap();
    let mut n = vec![0u8];
    n.extend(unb64(jwk["n"].as_str().unwrap()));
    jwk.insert("n".into(), b64(&n).into());
    let imported = VerifyingKey::from_jwk(&jwk, None).unwrap();
    assert_eq!(imported.thumbprint().unwrap(), key.thumbprint().unwrap());
    let token = jose::sign_jwt(&key, &claims(), &JsonObject::new()).unwrap();
    jose::verify_jwt(&token, &imported, &options_for(Algorithm::Rs256)).unwrap();
}

#[test]
fn hmac_length_is_checked_per_token_algorithm_for_unrestricted_secrets() {
    // An `oct` JWK without `alg` is held to the shortest hash (32 bytes) at import, and to
    // the token algorithm's hash at verification.
    let secret = [7u8; 40];
    let jwk = obj(json!({"kty": "oct", "k": b64(&secret)}));
    let key = VerifyingKey::from_jwk(&jwk, None).unwrap();
    assert_eq!(key.alg(), None);
    let signer = SigningKey::from_hmac_secret(&secret, Algorithm::Hs256).unwrap();
    let token = jose::sign_jwt(&signer, &claims(), &JsonObject::new()).unwrap();
    jose::verify_jwt(&token, &key, &options_for(Algorithm::Hs256)).unwrap();
    for (alg, tag_len) in [(Algorithm::Hs384, 48), (Algorithm::Hs512, 64)] {
        assert_eq!(
            err_code(key.verify(alg, b"message", &vec![0u8; tag_len])),
            "ERR_KEY_TOO_WEAK",
            "{alg}"
        );
    }
    // 48 bytes: HS384 is allowed, HS512 still is not.
    let key =
        VerifyingKey::from_jwk(&obj(json!({"kty": "oct", "k": b64(&[7u8; 48])})), None).unwrap();
    assert_eq!(
        err_code(key.verify(Algorithm::Hs384, b"message", &[0u8; 48])),
        "ERR_JWT_SIGNATURE_INVALID"
    );
    assert_eq!(
        err_code(key.verify(Algorithm::Hs512, b"message", &[0u8; 64])),
        "ERR_KEY_TOO_WEAK"
    );
    // A JWKS drops a too-short secret rather than failing the whole document.
    let document = json!({"keys": [{"kty": "oct", "k": "AQ"}]}).to_string();
    assert!(jose::parse_jwks(&document).unwrap().is_empty());
}

#[test]
fn legacy_encrypted_pem_is_refused_with_advice() {
    // RFC 1421 headers mark OpenSSL's legacy PEM encryption (`openssl rsa -aes128`).
    let legacy = RSA_PKCS1_PEM.replacen(
        "-----BEGIN RSA PRIVATE KEY-----\n",
        "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\n",
        1,
    );
    let error = SigningKey::from_pem(&legacy, Some(Algorithm::Rs256)).unwrap_err();
    assert_eq!(error.code(), "ERR_KEY_FORMAT");
    assert!(error.to_string().contains("decrypt"), "{error}");
    assert_eq!(
        err_code(VerifyingKey::from_pem(&legacy, Some(Algorithm::Rs256))),
        "ERR_KEY_FORMAT"
    );
}

#[test]
fn rsa_4096_and_8192_bit_keys_import_and_larger_ones_are_refused() {
    for (private, public, bits) in [
        (RSA_4096_PEM, RSA_4096_PUBLIC_PEM, 4096),
        (RSA_8192_PEM, RSA_8192_PUBLIC_PEM, 8192),
    ] {
        let signer = SigningKey::from_pem(private, Some(Algorithm::Ps512)).unwrap();
        let verifier = VerifyingKey::from_pem(public, Some(Algorithm::Ps512)).unwrap();
        let n = unb64(signer.public_jwk().unwrap()["n"].as_str().unwrap());
        assert_eq!(n.len() * 8, bits);
        sign_and_verify_with(&signer, &[verifier]);
        // The private JWK export round-trips.
        let jwk = signer.export_private_jwk().unwrap();
        let again = SigningKey::from_jwk(&jwk, None).unwrap();
        assert_eq!(again.thumbprint().unwrap(), signer.thumbprint().unwrap());
    }
    // A modulus of 8200 bits: over the cap.
    let mut n = vec![0xffu8; 1025];
    n[1024] = 0xfb; // odd
    let jwk = obj(json!({"kty": "RSA", "n": b64(&n), "e": "AQAB"}));
    let code = err_code(VerifyingKey::from_jwk(&jwk, Some(Algorithm::Rs256)));
    assert!(format_or_unsupported(code), "{code}");
    assert_eq!(
        err_code(SigningKey::generate_with_rsa_bits(Algorithm::Rs256, 8200)),
        "ERR_KEY_UNSUPPORTED"
    );
}

#[test]
fn a_malformed_pem_header_never_echoes_the_key_body() {
    // Security review: a BEGIN line missing one dash once made the "label" run to the END line,
    // and the error message printed it, key body included.
    let body = RSA_PKCS8_PEM
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect::<Vec<_>>()
        .join("\n");
    for pem in [
        format!("-----BEGIN PRIVATE KEY----\n{body}\n-----END PRIVATE KEY-----\n"),
        format!("-----BEGIN PRIVATE KEY\n{body}\n-----END PRIVATE KEY-----\n"),
        format!("-----BEGIN PRIVATE KEY-----\n{body}\n-----END PRIVATE KEY----\n"),
        format!("-----BEGIN {body}-----\n"),
    ] {
        for message in [
            SigningKey::from_pem(&pem, Some(Algorithm::Rs256))
                .unwrap_err()
                .to_string(),
            VerifyingKey::from_pem(&pem, None).unwrap_err().to_string(),
        ] {
            for line in body.lines().filter(|l| l.len() > 16) {
                assert!(!message.contains(line), "key material in: {message}");
            }
            assert!(message.len() < 300, "overlong message: {message}");
        }
    }
}

#[test]
fn assertion_urls_must_really_be_https_or_loopback() {
    // Security review: `http://127.0.0.1@evil.example/` and `http://127.evil.example/` once
    // passed as loopback.
    let key = key(Algorithm::Es256);
    for url in [
        "http://127.0.0.1@evil.example/jwks.json",
        "http://127.evil.example/jwks.json",
        "http://localhost.evil.example/jwks.json",
        "https://user:pass@as.example/jwks.json",
        "https://as.example/jwks.json#frag",
    ] {
        let mut options = ClientAssertionOptions::new("c", "https://as.example/token", NOW);
        options.jku = Some(url.into());
        assert_eq!(
            err_code(jose::client_assertion(key, &options)),
            "ERR_CLIENT_ASSERTION_INVALID",
            "{url}"
        );
        let options = ClientAssertionOptions::new("c", url, NOW);
        assert_eq!(
            err_code(jose::client_assertion(key, &options)),
            "ERR_CLIENT_ASSERTION_INVALID",
            "{url}"
        );
    }
    let mut options = ClientAssertionOptions::new("c", "http://127.0.0.1:8080/token", NOW);
    options.jku = Some("https://app.example/.well-known/jwks.json".into());
    jose::client_assertion(key, &options).unwrap();
}
