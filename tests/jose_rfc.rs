//! Known-answer tests from the JOSE RFCs: RFC 7515 Appendix A (JWS examples), RFC 8037
//! Appendix A (Ed25519) and RFC 7638 §3.1 (JWK thumbprint).
#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

mod common;

use common::{b64, err_code, obj, unb64};
use healthauth::jose::{self, Algorithm, SigningKey, VerifyOptions, VerifyingKey};
use serde_json::json;

/// RFC 7515 A.1–A.3: every example token has `exp` 1300819380; verify ten seconds before.
const RFC7515_NOW: i64 = 1_300_819_370;

/// RFC 7515 A.1.1 / A.2.1 / A.3.1: the JWS Payload, base64url-encoded. It decodes to
/// `{"iss":"joe",\r\n "exp":1300819380,\r\n "http://example.com/is_root":true}`.
const RFC7515_PAYLOAD_B64: &str =
    "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ";

// ---- RFC 7515 Appendix A.1: HS256 --------------------------------------------------------

/// RFC 7515 A.1.1: the protected header `{"typ":"JWT",\r\n "alg":"HS256"}`, base64url.
const A1_HEADER_B64: &str = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9";
/// RFC 7515 A.1.1: the HMAC key as an `oct` JWK.
const A1_JWK: &str = r#"{"kty":"oct",
 "k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}"#;
/// RFC 7515 A.1.1: the HMAC SHA-256 JWS Signature, base64url.
const A1_SIGNATURE_B64: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

// ---- RFC 7515 Appendix A.2: RS256 --------------------------------------------------------

/// RFC 7515 A.2.1: the protected header `{"alg":"RS256"}`, base64url.
const A2_HEADER_B64: &str = "eyJhbGciOiJSUzI1NiJ9";
/// RFC 7515 A.2.1: the RSA private key as a JWK.
const A2_JWK: &str = r#"{"kty":"RSA",
 "n":"ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ",
 "e":"AQAB",
 "d":"Eq5xpGnNCivDflJsRQBXHx1hdR1k6Ulwe2JZD50LpXyWPEAeP88vLNO97IjlA7_GQ5sLKMgvfTeXZx9SE-7YwVol2NXOoAJe46sui395IW_GO-pWJ1O0BkTGoVEn2bKVRUCgu-GjBVaYLU6f3l9kJfFNS3E0QbVdxzubSu3Mkqzjkn439X0M_V51gfpRLI9JYanrC4D4qAdGcopV_0ZHHzQlBjudU2QvXt4ehNYTCBr6XCLQUShb1juUO1ZdiYoFaFQT5Tw8bGUl_x_jTj3ccPDVZFD9pIuhLhBOneufuBiB4cS98l2SR_RQyGWSeWjnczT0QU91p1DhOVRuOopznQ",
 "p":"4BzEEOtIpmVdVEZNCqS7baC4crd0pqnRH_5IB3jw3bcxGn6QLvnEtfdUdiYrqBdss1l58BQ3KhooKeQTa9AB0Hw_Py5PJdTJNPY8cQn7ouZ2KKDcmnPGBY5t7yLc1QlQ5xHdwW1VhvKn-nXqhJTBgIPgtldC-KDV5z-y2XDwGUc",
 "q":"uQPEfgmVtjL0Uyyx88GZFF1fOunH3-7cepKmtH4pxhtCoHqpWmT8YAmZxaewHgHAjLYsp1ZSe7zFYHj7C6ul7TjeLQeZD_YwD66t62wDmpe_HlB-TnBA-njbglfIsRLtXlnDzQkv5dTltRJ11BKBBypeeF6689rjcJIDEz9RWdc",
 "dp":"BwKfV3Akq5_MFZDFZCnW-wzl-CCo83WoZvnLQwCTeDv8uzluRSnm71I3QCLdhrqE2e9YkxvuxdBfpT_PI7Yz-FOKnu1R6HsJeDCjn12Sk3vmAktV2zb34MCdy7cpdTh_YVr7tss2u6vneTwrA86rZtu5Mbr1C1XsmvkxHQAdYo0",
 "dq":"h_96-mK1R_7glhsum81dZxjTnYynPbZpHziZjeeHcXYsXaaMwkOlODsWa7I9xXDoRwbKgB719rrmI2oKr6N3Do9U0ajaHF-NKJnwgjMd2w9cjz3_-kyNlxAr2v4IKhGNpmM5iIgOS1VZnOZ68m6_pbLBSp3nssTdlqvd0tIiTHU",
 "qi":"IYd7DHOhrWvxkwPQsRM2tOgrjbcrfvtQJipd-DlcxyVuuM9sQLdgjVk2oy26F0EmpScGLq2MowX7fhd_QJQ3ydy5cY7YIBi87w93IKLEdfnbJtoOPLUW0ITrJReOgo1cq9SbsxYawBgfp_gh6A5603k2-ZQwVK0JKSHuLFkuQ3U"
}"#;
/// RFC 7515 A.2.1: the RSASSA-PKCS1-v1_5 SHA-256 JWS Signature, base64url.
const A2_SIGNATURE_B64: &str = concat!(
    "cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7",
    "AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4",
    "BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K",
    "0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqv",
    "hJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrB",
    "p0igcN_IoypGlUPQGe77Rw"
);

// ---- RFC 7515 Appendix A.3: ES256 --------------------------------------------------------

/// RFC 7515 A.3.1: the protected header `{"alg":"ES256"}`, base64url.
const A3_HEADER_B64: &str = "eyJhbGciOiJFUzI1NiJ9";
/// RFC 7515 A.3.1: the P-256 public key (`x`, `y`) and private key (`d`).
const A3_X: &str = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU";
const A3_Y: &str = "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0";
const A3_D: &str = "jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI";
/// RFC 7515 A.3.1: the ECDSA P-256 SHA-256 JWS Signature (R || S), base64url.
const A3_SIGNATURE_B64: &str =
    "DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";

// ---- RFC 8037 Appendix A: Ed25519 --------------------------------------------------------

/// RFC 8037 A.1: the Ed25519 private key.
const RFC8037_PRIVATE_JWK: &str = r#"{"kty":"OKP","crv":"Ed25519",
 "d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A",
 "x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#;
/// RFC 8037 A.2: the Ed25519 public key.
const RFC8037_PUBLIC_JWK: &str =
    r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#;
/// RFC 8037 A.3: the RFC 7638 thumbprint of the public key.
const RFC8037_THUMBPRINT: &str = "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k";
/// RFC 8037 A.4: the protected header `{"alg":"EdDSA"}`, base64url.
const RFC8037_HEADER_B64: &str = "eyJhbGciOiJFZERTQSJ9";
/// RFC 8037 A.4: the payload "Example of Ed25519 signing", base64url.
const RFC8037_PAYLOAD_B64: &str = "RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc";
/// RFC 8037 A.4: the complete JWS.
const RFC8037_JWS: &str = concat!(
    "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.",
    "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg"
);

// ---- RFC 7638 §3.1 -----------------------------------------------------------------------

/// RFC 7638 §3.1: the example RSA public key (with its `kid` and `alg`).
const RFC7638_JWK: &str = r#"{
 "kty": "RSA",
 "n": "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
 "e": "AQAB",
 "alg": "RS256",
 "kid": "2011-04-29"
}"#;
/// RFC 7638 §3.1: its thumbprint.
const RFC7638_THUMBPRINT: &str = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";

fn token(header_b64: &str, payload_b64: &str, signature_b64: &str) -> String {
    format!("{header_b64}.{payload_b64}.{signature_b64}")
}

fn signing_input(header_b64: &str, payload_b64: &str) -> String {
    format!("{header_b64}.{payload_b64}")
}

/// The RFC 7515 example claims, as every A.1–A.3 verification must return them.
fn check_rfc7515_claims(verified: &jose::VerifiedJwt) {
    assert_eq!(
        unb64(RFC7515_PAYLOAD_B64),
        b"{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}"
    );
    assert_eq!(verified.claims["iss"], "joe");
    assert_eq!(verified.claims["exp"], 1_300_819_380);
    assert_eq!(verified.claims["http://example.com/is_root"], true);
    assert_eq!(verified.claims.len(), 3);
}

// ---- A.1 ---------------------------------------------------------------------------------

#[test]
fn rfc7515_a1_hs256_header_decodes_to_the_rfc_bytes() {
    assert_eq!(
        unb64(A1_HEADER_B64),
        b"{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}"
    );
}

#[test]
fn rfc7515_a1_hs256_token_verifies() {
    let key = VerifyingKey::from_jwk_json(A1_JWK, Some(Algorithm::Hs256)).unwrap();
    let jwt = token(A1_HEADER_B64, RFC7515_PAYLOAD_B64, A1_SIGNATURE_B64);
    let verified = jose::verify_jwt(&jwt, &key, &VerifyOptions::new(RFC7515_NOW)).unwrap();
    assert_eq!(verified.header["alg"], "HS256");
    assert_eq!(verified.header["typ"], "JWT");
    check_rfc7515_claims(&verified);
    // The same key, given as raw bytes rather than a JWK.
    let jwk = obj(serde_json::from_str(A1_JWK).unwrap());
    let k = unb64(jwk["k"].as_str().unwrap());
    let raw = VerifyingKey::from_hmac_secret(&k, Algorithm::Hs256).unwrap();
    jose::verify_jwt(&jwt, &raw, &VerifyOptions::new(RFC7515_NOW)).unwrap();
}

#[test]
fn rfc7515_a1_hs256_signing_reproduces_the_rfc_signature() {
    let key = SigningKey::from_jwk_json(A1_JWK, Some(Algorithm::Hs256)).unwrap();
    let signature = key
        .sign(signing_input(A1_HEADER_B64, RFC7515_PAYLOAD_B64).as_bytes())
        .unwrap();
    assert_eq!(b64(&signature), A1_SIGNATURE_B64);
}

#[test]
fn rfc7515_a1_hs256_token_expired_at_exp_and_refused_under_other_algorithms() {
    let key = VerifyingKey::from_jwk_json(A1_JWK, Some(Algorithm::Hs256)).unwrap();
    let jwt = token(A1_HEADER_B64, RFC7515_PAYLOAD_B64, A1_SIGNATURE_B64);
    // `exp` is exclusive (RFC 7519 §4.1.4: "on or after ... MUST NOT be accepted").
    assert_eq!(
        err_code(jose::verify_jwt(
            &jwt,
            &key,
            &VerifyOptions::new(1_300_819_380)
        )),
        "ERR_JWT_EXPIRED"
    );
    jose::verify_jwt(&jwt, &key, &VerifyOptions::new(1_300_819_379)).unwrap();
    let mut options = VerifyOptions::new(RFC7515_NOW);
    options.algorithms = vec![Algorithm::Hs384];
    assert_eq!(
        err_code(jose::verify_jwt(&jwt, &key, &options)),
        "ERR_JWT_ALG_NOT_ALLOWED"
    );
    // A different HS256 key of the right length: signature invalid.
    let other = VerifyingKey::from_hmac_secret(&[7u8; 64], Algorithm::Hs256).unwrap();
    assert_eq!(
        err_code(jose::verify_jwt(
            &jwt,
            &other,
            &VerifyOptions::new(RFC7515_NOW)
        )),
        "ERR_JWT_SIGNATURE_INVALID"
    );
}

// ---- A.2 ---------------------------------------------------------------------------------

#[test]
fn rfc7515_a2_rs256_signing_reproduces_the_rfc_signature() {
    // RSASSA-PKCS1-v1_5 is deterministic: blinding must not change the output.
    let key = SigningKey::from_jwk_json(A2_JWK, Some(Algorithm::Rs256)).unwrap();
    let input = signing_input(A2_HEADER_B64, RFC7515_PAYLOAD_B64);
    let signature = key.sign(input.as_bytes()).unwrap();
    assert_eq!(signature.len(), 256);
    assert_eq!(b64(&signature), A2_SIGNATURE_B64);
    // Twice, to make sure blinding randomness never leaks into the output.
    assert_eq!(b64(&key.sign(input.as_bytes()).unwrap()), A2_SIGNATURE_B64);
}

#[test]
fn rfc7515_a2_rs256_token_verifies() {
    let private = SigningKey::from_jwk_json(A2_JWK, Some(Algorithm::Rs256)).unwrap();
    let jwt = token(A2_HEADER_B64, RFC7515_PAYLOAD_B64, A2_SIGNATURE_B64);
    let verified = jose::verify_jwt(
        &jwt,
        &private.verifying_key(),
        &VerifyOptions::new(RFC7515_NOW),
    )
    .unwrap();
    assert_eq!(verified.header["alg"], "RS256");
    check_rfc7515_claims(&verified);

    // The public half alone (n, e), restricted to RS256 by the caller.
    let full = obj(serde_json::from_str(A2_JWK).unwrap());
    let public = obj(json!({"kty": "RSA", "n": full["n"], "e": full["e"]}));
    let key = VerifyingKey::from_jwk(&public, Some(Algorithm::Rs256)).unwrap();
    jose::verify_jwt(&jwt, &key, &VerifyOptions::new(RFC7515_NOW)).unwrap();
    // Without an algorithm restriction an RSA key needs an explicit allow-list.
    let unrestricted = VerifyingKey::from_jwk(&public, None).unwrap();
    assert_eq!(
        err_code(jose::verify_jwt(
            &jwt,
            &unrestricted,
            &VerifyOptions::new(RFC7515_NOW)
        )),
        "ERR_JWT_ALG_NOT_ALLOWED"
    );
    let mut options = VerifyOptions::new(RFC7515_NOW);
    options.algorithms = vec![Algorithm::Rs256];
    jose::verify_jwt(&jwt, &unrestricted, &options).unwrap();
    // The same modulus restricted to PS256 refuses an RS256 token.
    let ps = VerifyingKey::from_jwk(&public, Some(Algorithm::Ps256)).unwrap();
    assert_eq!(
        err_code(jose::verify_jwt(&jwt, &ps, &options)),
        "ERR_JWT_ALG_NOT_ALLOWED"
    );
}

#[test]
fn rfc7515_a2_private_jwk_export_round_trips() {
    let key = SigningKey::from_jwk_json(A2_JWK, Some(Algorithm::Rs256)).unwrap();
    let exported = key.export_private_jwk().unwrap();
    let original = obj(serde_json::from_str(A2_JWK).unwrap());
    for member in ["n", "e", "d", "p", "q", "dp", "dq", "qi"] {
        assert_eq!(exported[member], original[member], "member {member}");
    }
    assert_eq!(exported["alg"], "RS256");
    // The default kid is the RFC 7638 thumbprint.
    assert_eq!(key.kid(), Some(key.thumbprint().unwrap().as_str()));
}

// ---- A.3 ---------------------------------------------------------------------------------

#[test]
fn rfc7515_a3_es256_token_verifies() {
    let public = obj(json!({"kty": "EC", "crv": "P-256", "x": A3_X, "y": A3_Y}));
    let key = VerifyingKey::from_jwk(&public, None).unwrap();
    assert_eq!(key.alg(), Some(Algorithm::Es256));
    let jwt = token(A3_HEADER_B64, RFC7515_PAYLOAD_B64, A3_SIGNATURE_B64);
    let verified = jose::verify_jwt(&jwt, &key, &VerifyOptions::new(RFC7515_NOW)).unwrap();
    assert_eq!(verified.header["alg"], "ES256");
    check_rfc7515_claims(&verified);
    // Raw r||s check of the RFC signature too.
    key.verify(
        Algorithm::Es256,
        signing_input(A3_HEADER_B64, RFC7515_PAYLOAD_B64).as_bytes(),
        &unb64(A3_SIGNATURE_B64),
    )
    .unwrap();
}

#[test]
fn rfc7515_a3_es256_our_signature_over_the_same_input_verifies() {
    let private = obj(json!({"kty": "EC", "crv": "P-256", "x": A3_X, "y": A3_Y, "d": A3_D}));
    let key = SigningKey::from_jwk(&private, None).unwrap();
    assert_eq!(key.alg(), Algorithm::Es256);
    let input = signing_input(A3_HEADER_B64, RFC7515_PAYLOAD_B64);
    let signature = key.sign(input.as_bytes()).unwrap();
    assert_eq!(signature.len(), 64, "JWS ES256 signatures are raw r||s");
    // RFC 6979 nonces: the same input gives the same signature.
    assert_eq!(signature, key.sign(input.as_bytes()).unwrap());
    let public = obj(json!({"kty": "EC", "crv": "P-256", "x": A3_X, "y": A3_Y}));
    let verifier = VerifyingKey::from_jwk(&public, None).unwrap();
    verifier
        .verify(Algorithm::Es256, input.as_bytes(), &signature)
        .unwrap();
    let jwt = token(A3_HEADER_B64, RFC7515_PAYLOAD_B64, &b64(&signature));
    jose::verify_jwt(&jwt, &verifier, &VerifyOptions::new(RFC7515_NOW)).unwrap();
    // The public JWK we publish is the RFC's.
    let jwk = key.public_jwk().unwrap();
    assert_eq!(jwk["x"], A3_X);
    assert_eq!(jwk["y"], A3_Y);
    assert_eq!(jwk["crv"], "P-256");
    assert!(jwk.get("d").is_none());
}

// ---- RFC 8037 ----------------------------------------------------------------------------

#[test]
fn rfc8037_a1_a2_a3_keys_and_thumbprint() {
    let private = SigningKey::from_jwk_json(RFC8037_PRIVATE_JWK, None).unwrap();
    assert_eq!(private.alg(), Algorithm::EdDsa);
    let public = VerifyingKey::from_jwk_json(RFC8037_PUBLIC_JWK, None).unwrap();
    assert_eq!(public.alg(), Some(Algorithm::EdDsa));
    // A.2: the public key derived from A.1's private key is A.2's.
    let derived = private.public_jwk().unwrap();
    let expected = obj(serde_json::from_str(RFC8037_PUBLIC_JWK).unwrap());
    for member in ["kty", "crv", "x"] {
        assert_eq!(derived[member], expected[member], "member {member}");
    }
    // A.3: the thumbprint, from both.
    assert_eq!(public.thumbprint().unwrap(), RFC8037_THUMBPRINT);
    assert_eq!(private.thumbprint().unwrap(), RFC8037_THUMBPRINT);
    assert_eq!(private.kid(), Some(RFC8037_THUMBPRINT));
    // The private export gives back A.1's `d`.
    let exported = private.export_private_jwk().unwrap();
    let original = obj(serde_json::from_str(RFC8037_PRIVATE_JWK).unwrap());
    assert_eq!(exported["d"], original["d"]);
    assert_eq!(exported["x"], original["x"]);
}

#[test]
fn rfc8037_a4_signature_matches_exactly() {
    assert_eq!(unb64(RFC8037_HEADER_B64), br#"{"alg":"EdDSA"}"#);
    assert_eq!(unb64(RFC8037_PAYLOAD_B64), b"Example of Ed25519 signing");
    let key = SigningKey::from_jwk_json(RFC8037_PRIVATE_JWK, None).unwrap();
    let input = signing_input(RFC8037_HEADER_B64, RFC8037_PAYLOAD_B64);
    let signature = key.sign(input.as_bytes()).unwrap();
    assert_eq!(format!("{input}.{}", b64(&signature)), RFC8037_JWS);
}

#[test]
fn rfc8037_a5_verification() {
    let key = VerifyingKey::from_jwk_json(RFC8037_PUBLIC_JWK, None).unwrap();
    let parts: Vec<&str> = RFC8037_JWS.split('.').collect();
    let input = signing_input(parts[0], parts[1]);
    key.verify(Algorithm::EdDsa, input.as_bytes(), &unb64(parts[2]))
        .unwrap();
    // Through the JWT verifier: the signature passes, then the payload (not JSON) is refused.
    assert_eq!(
        err_code(jose::verify_jwt(RFC8037_JWS, &key, &VerifyOptions::new(0))),
        "ERR_JWT_MALFORMED"
    );
    // A flipped bit in the signature, or another message, fails.
    let mut bad = unb64(parts[2]);
    bad[10] ^= 1;
    assert_eq!(
        err_code(key.verify(Algorithm::EdDsa, input.as_bytes(), &bad)),
        "ERR_JWT_SIGNATURE_INVALID"
    );
    assert_eq!(
        err_code(key.verify(
            Algorithm::EdDsa,
            b"Example of Ed25519 signinG",
            &unb64(parts[2])
        )),
        "ERR_JWT_SIGNATURE_INVALID"
    );
    let mut tampered = RFC8037_JWS.to_owned();
    tampered.replace_range(parts[0].len() + 1..parts[0].len() + 2, "S");
    assert_eq!(
        err_code(jose::verify_jwt(&tampered, &key, &VerifyOptions::new(0))),
        "ERR_JWT_SIGNATURE_INVALID"
    );
}

// ---- RFC 7638 ----------------------------------------------------------------------------

#[test]
fn rfc7638_section_3_1_thumbprint() {
    let key = VerifyingKey::from_jwk_json(RFC7638_JWK, None).unwrap();
    assert_eq!(key.thumbprint().unwrap(), RFC7638_THUMBPRINT);
    assert_eq!(key.kid(), Some("2011-04-29"));
    assert_eq!(key.alg(), Some(Algorithm::Rs256));
    // Optional members do not change the thumbprint; the export keeps them.
    let jwk = key.to_jwk().unwrap();
    assert_eq!(jwk["kid"], "2011-04-29");
    assert_eq!(jwk["alg"], "RS256");
    assert_eq!(jwk["use"], "sig");
    let again = VerifyingKey::from_jwk(&jwk, None).unwrap();
    assert_eq!(again.thumbprint().unwrap(), RFC7638_THUMBPRINT);
    // Through a JWKS document too.
    let document = serde_json::Value::Object(jose::jwks([&key]).unwrap()).to_string();
    let keys = jose::parse_jwks(&document).unwrap();
    assert_eq!(keys.len(), 1);
    assert_eq!(keys[0].thumbprint().unwrap(), RFC7638_THUMBPRINT);
    assert_eq!(keys[0].kid(), Some("2011-04-29"));
}

#[test]
fn rfc7638_hmac_secret_has_no_thumbprint() {
    let key = VerifyingKey::from_jwk_json(A1_JWK, Some(Algorithm::Hs256)).unwrap();
    assert_eq!(err_code(key.thumbprint()), "ERR_KEY_SYMMETRIC");
    assert_eq!(err_code(key.to_jwk()), "ERR_KEY_SYMMETRIC");
}
