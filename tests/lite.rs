//! The lite build (the crate without its default `asymmetric` feature; the npm
//! `healthauth/lite` wasm): HMAC works, and every asymmetric capability refuses with
//! `ERR_NOT_IN_LITE`. Run by `cargo test -p healthauth --no-default-features --test lite`
//! (`make test-rust`); with the default features this file has no tests.
#![cfg(not(feature = "asymmetric"))]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use healthauth::jose::{self, Algorithm, SigningKey, VerifyOptions, VerifyingKey};
use healthauth::webhook::{self, Scheme};
use healthauth::SecretString;

fn assert_not_in_lite<T: std::fmt::Debug>(result: healthauth::Result<T>) {
    let error = result.expect_err("lite refuses");
    assert_eq!(error.code(), "ERR_NOT_IN_LITE", "{error}");
    assert!(
        error.to_string().contains("import from \"healthauth\""),
        "{error}"
    );
}

#[test]
fn asymmetric_keys_are_refused_and_hmac_keys_work() {
    for alg in [
        Algorithm::Rs256,
        Algorithm::Ps384,
        Algorithm::Es256,
        Algorithm::Es384,
        Algorithm::EdDsa,
    ] {
        assert_not_in_lite(SigningKey::generate(alg));
    }
    assert_not_in_lite(SigningKey::from_pem("-----BEGIN PRIVATE KEY-----", None));
    assert_not_in_lite(VerifyingKey::from_spki_der(&[0x30, 0x00], None));
    assert_not_in_lite(VerifyingKey::from_jwk_json(
        r#"{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}"#,
        None,
    ));
    let key = SigningKey::generate(Algorithm::Hs256).unwrap();
    let token = jose::sign_jwt(&key, &Default::default(), &Default::default()).unwrap();
    let mut options = VerifyOptions::new(0);
    options.require_exp = false;
    jose::verify_jwt(&token, &key.verifying_key(), &options).unwrap();
    // {"alg":"RS256"}.{}.signature: refused for what it is, whatever the key.
    assert_not_in_lite(jose::verify_jwt(
        "eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl",
        &key.verifying_key(),
        &options,
    ));
}

#[test]
fn dpop_proofs_are_refused() {
    // RFC 9449 section 4.1's example proof.
    let proof = "eyJ0eXAiOiJkcG9wK2p3dCIsImFsZyI6IkVTMjU2IiwiandrIjp7Imt0eSI6IkVDIiwieCI6Imw4dEZyaHgtMzR0VjNoUklDUkRZOXpDa0RscEJoRjQyVVFVZldWQVdCRnMiLCJ5IjoiOVZFNGpmX09rX282NHpiVFRsY3VOSmFqSG10NnY5VERWclUwQ2R2R1JEQSIsImNydiI6IlAtMjU2In19.eyJqdGkiOiItQndDM0VTYzZhY2MybFRjIiwiaHRtIjoiUE9TVCIsImh0dSI6Imh0dHBzOi8vc2VydmVyLmV4YW1wbGUuY29tL3Rva2VuIiwiaWF0IjoxNTYyMjYyNjE2fQ.2-GxA6T8lP4vfrg8v-FdWP0A0zdrj8igiMLvqRMUvwnQg4PtFLbdLXiOSsX0x7NVY-FNyJK70nfbV37xRZT3Lg";
    let options =
        jose::DpopVerifyOptions::new("POST", "https://server.example.com/token", 1_562_262_616);
    assert_not_in_lite(jose::verify_dpop_proof(proof, &options));
}

#[test]
fn standard_webhooks_v1a_keys_are_refused_and_v1_works() {
    let whsk = SecretString::from(format!("whsk_{}=", "A".repeat(43)));
    assert_not_in_lite(webhook::sign(&Scheme::Standard, b"x", &[whsk], None, 1));
    let whsec = SecretString::from("whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQ=".to_owned());
    let headers = webhook::sign(
        &Scheme::Standard,
        b"x",
        std::slice::from_ref(&whsec),
        Some("msg_1"),
        1,
    )
    .unwrap();
    let verified = webhook::verify(
        &Scheme::Standard,
        b"x",
        &headers,
        &[whsec],
        &webhook::VerifyOptions::at(1),
    )
    .unwrap();
    assert_eq!(verified.id.as_deref(), Some("msg_1"));
    let whpk = SecretString::from(format!("whpk_{}=", "A".repeat(43)));
    assert_not_in_lite(webhook::verify(
        &Scheme::Standard,
        b"x",
        &headers,
        &[whpk],
        &webhook::VerifyOptions::at(1),
    ));
}
