use super::*;
use crate::jose::sign_jwt;

/// RFC 9449 section 4.1, Figure 3: the example proof (its ES256 signature verifies under the
/// `jwk` of its header; checked independently with Python cryptography too).
const RFC_PROOF: &str = "eyJ0eXAiOiJkcG9wK2p3dCIsImFsZyI6IkVTMjU2IiwiandrIjp7Imt0eSI6Ik\
VDIiwieCI6Imw4dEZyaHgtMzR0VjNoUklDUkRZOXpDa0RscEJoRjQyVVFVZldWQVdCR\
nMiLCJ5IjoiOVZFNGpmX09rX282NHpiVFRsY3VOSmFqSG10NnY5VERWclUwQ2R2R1JE\
QSIsImNydiI6IlAtMjU2In19.eyJqdGkiOiItQndDM0VTYzZhY2MybFRjIiwiaHRtIj\
oiUE9TVCIsImh0dSI6Imh0dHBzOi8vc2VydmVyLmV4YW1wbGUuY29tL3Rva2VuIiwia\
WF0IjoxNTYyMjYyNjE2fQ.2-GxA6T8lP4vfrg8v-FdWP0A0zdrj8igiMLvqRMUvwnQg\
4PtFLbdLXiOSsX0x7NVY-FNyJK70nfbV37xRZT3Lg";
/// RFC 9449 section 6.1: the thumbprint of that key (the `cnf.jkt` of a bound token).
const RFC_JKT: &str = "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I";
const RFC_IAT: i64 = 1_562_262_616;
const TOKEN_URL: &str = "https://server.example.com/token";

fn rfc_options(now: i64) -> DpopVerifyOptions {
    DpopVerifyOptions::new("POST", TOKEN_URL, now)
}

#[test]
fn the_rfc_9449_example_proof_verifies() {
    let v = verify_dpop_proof(RFC_PROOF, &rfc_options(RFC_IAT + 10)).unwrap();
    assert_eq!(v.jkt, RFC_JKT);
    assert_eq!(v.jti, "-BwC3ESc6acc2lTc");
    assert_eq!(v.iat, RFC_IAT);
    assert_eq!(v.header["typ"], "dpop+jwt");
    assert_eq!(v.header["jwk"]["crv"], "P-256");
    assert_eq!(v.claims["htu"], TOKEN_URL);
    // The jkt binding: the right one passes, another is refused.
    let mut o = rfc_options(RFC_IAT);
    o.jkt = Some(RFC_JKT.into());
    assert!(verify_dpop_proof(RFC_PROOF, &o).is_ok());
    o.jkt = Some("another-thumbprint".into());
    assert_eq!(
        verify_dpop_proof(RFC_PROOF, &o).unwrap_err().code(),
        "ERR_DPOP_PROOF_INVALID"
    );
}

#[test]
fn the_rfc_example_against_other_requests() {
    let refuse = |o: DpopVerifyOptions, code: &str| {
        assert_eq!(
            verify_dpop_proof(RFC_PROOF, &o).unwrap_err().code(),
            code,
            "{o:?}"
        );
    };
    let invalid = "ERR_DPOP_PROOF_INVALID";
    refuse(DpopVerifyOptions::new("GET", TOKEN_URL, RFC_IAT), invalid);
    refuse(DpopVerifyOptions::new("post", TOKEN_URL, RFC_IAT), invalid);
    refuse(
        DpopVerifyOptions::new("POST", "https://server.example.com/other", RFC_IAT),
        invalid,
    );
    refuse(
        DpopVerifyOptions::new("POST", "https://other.example.com/token", RFC_IAT),
        invalid,
    );
    // Stale and future iat.
    refuse(rfc_options(RFC_IAT + 301), invalid);
    refuse(rfc_options(RFC_IAT - 61), invalid);
    assert!(verify_dpop_proof(RFC_PROOF, &rfc_options(RFC_IAT + 300)).is_ok());
    assert!(verify_dpop_proof(RFC_PROOF, &rfc_options(RFC_IAT - 60)).is_ok());
    // A nonce the server requires, an access token the proof does not hash.
    let mut o = rfc_options(RFC_IAT);
    o.nonce = Some("eyJ7S_zG.eyJH0-Z.HX4w-7v".into());
    refuse(o, "ERR_DPOP_NONCE_INVALID");
    let mut o = rfc_options(RFC_IAT);
    o.access_token = Some(SecretString::new(
        "Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU".into(),
    ));
    refuse(o, invalid);
    // An allow-list without ES256.
    let mut o = rfc_options(RFC_IAT);
    o.algorithms = vec![Algorithm::EdDsa];
    refuse(o, "ERR_JWT_ALG_NOT_ALLOWED");
    // The same target, written another way (RFC 3986 normalization, query and fragment).
    for htu in [
        "https://SERVER.example.com:443/token",
        "https://server.example.com/token?x=1",
        "https://server.example.com/./token#f",
    ] {
        assert!(
            verify_dpop_proof(RFC_PROOF, &DpopVerifyOptions::new("POST", htu, RFC_IAT)).is_ok(),
            "{htu}"
        );
    }
    // A tampered signature, and a cap.
    let mut tampered = RFC_PROOF.to_owned();
    tampered.pop();
    tampered.push('A');
    assert_eq!(
        verify_dpop_proof(&tampered, &rfc_options(RFC_IAT))
            .unwrap_err()
            .code(),
        "ERR_JWT_SIGNATURE_INVALID"
    );
    let mut o = rfc_options(RFC_IAT);
    o.max_proof_bytes = 100;
    refuse(o, "ERR_JWT_TOO_LARGE");
}

#[test]
fn the_rfc_9449_ath_example() {
    // RFC 9449 section 7.1: the access token and the `ath` of its proof.
    assert_eq!(
        access_token_hash("Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU"),
        "fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo"
    );
}

#[test]
fn proofs_round_trip_with_ath_and_nonce() {
    let now = 1_700_000_000;
    for alg in [
        Algorithm::Es256,
        Algorithm::Es384,
        Algorithm::EdDsa,
        Algorithm::Ps256,
    ] {
        let key = if alg == Algorithm::Ps256 {
            SigningKey::generate_with_rsa_bits(alg, 2048).unwrap()
        } else {
            SigningKey::generate(alg).unwrap()
        };
        let url = "https://resource.example.org/protectedresource?patient=1";
        let mut options = DpopOptions::new("GET", url, now);
        options.access_token = Some(SecretString::new("at".into()));
        options.nonce = Some("n-1".into());
        let proof = dpop_proof(&key, &options).unwrap();
        let mut verify = DpopVerifyOptions::new("GET", url, now + 5);
        verify.access_token = Some(SecretString::new("at".into()));
        verify.nonce = Some("n-1".into());
        verify.jkt = Some(key.thumbprint().unwrap());
        let v = verify_dpop_proof(&proof, &verify).unwrap();
        assert_eq!(
            v.claims["htu"],
            "https://resource.example.org/protectedresource"
        );
        assert_eq!(v.claims["ath"], access_token_hash("at"));
        assert_eq!(v.jti.len(), 32);
        assert!(v.header.get("kid").is_none());
        assert!(v.header["jwk"].get("d").is_none() && v.header["jwk"].get("kid").is_none());
        verify.nonce = Some("n-2".into());
        assert_eq!(
            verify_dpop_proof(&proof, &verify).unwrap_err(),
            Error::DpopNonceInvalid
        );
    }
}

#[test]
fn deterministic_with_a_fixed_jti() {
    let key = SigningKey::generate(Algorithm::Es256).unwrap();
    let mut options = DpopOptions::new("POST", TOKEN_URL, RFC_IAT);
    options.jti = Some("-BwC3ESc6acc2lTc".into());
    assert_eq!(
        dpop_proof(&key, &options).unwrap(),
        dpop_proof(&key, &options).unwrap()
    );
}

#[test]
fn proof_options_are_checked() {
    let key = SigningKey::generate(Algorithm::Es256).unwrap();
    let bad = |edit: fn(&mut DpopOptions), code: &str| {
        let mut o = DpopOptions::new("POST", TOKEN_URL, 0);
        edit(&mut o);
        assert_eq!(dpop_proof(&key, &o).unwrap_err().code(), code);
    };
    bad(|o| o.htm = String::new(), "ERR_INVALID_ARGUMENT");
    bad(|o| o.htm = "PO ST".into(), "ERR_INVALID_ARGUMENT");
    bad(
        |o| o.htu = "http://server.example.com/token".into(),
        "ERR_URL_INVALID",
    );
    bad(|o| o.htu = "/token".into(), "ERR_URL_INVALID");
    bad(|o| o.jti = Some(String::new()), "ERR_INVALID_ARGUMENT");
    bad(|o| o.nonce = Some("a b".into()), "ERR_INVALID_ARGUMENT");
    let hmac = SigningKey::from_hmac_secret(&[7; 32], Algorithm::Hs256).unwrap();
    assert_eq!(
        dpop_proof(&hmac, &DpopOptions::new("POST", TOKEN_URL, 0))
            .unwrap_err()
            .code(),
        "ERR_KEY_SYMMETRIC"
    );
}

/// Signs a proof-like token with `key` and the given header and claims, for refusals that a
/// well-behaved client never makes.
fn forged(key: &SigningKey, header: JsonObject, claims: JsonObject) -> String {
    let payload = serde_json::to_vec(&claims).unwrap();
    jws::sign_with_header(key, &header, &payload).unwrap()
}

#[test]
fn malformed_proofs_are_refused() {
    let key = SigningKey::generate(Algorithm::Es256).unwrap();
    let jwk = public_members(key.public_jwk().unwrap());
    let header = |typ: &str, jwk: Option<Map<String, Value>>| {
        let mut h = JsonObject::new();
        h.insert("alg".into(), "ES256".into());
        h.insert("typ".into(), typ.into());
        if let Some(jwk) = jwk {
            h.insert("jwk".into(), Value::Object(jwk));
        }
        h
    };
    let claims = |edit: fn(&mut JsonObject)| {
        let mut c = JsonObject::new();
        c.insert("jti".into(), "j".into());
        c.insert("htm".into(), "POST".into());
        c.insert("htu".into(), TOKEN_URL.into());
        c.insert("iat".into(), 1000.into());
        edit(&mut c);
        c
    };
    let o = DpopVerifyOptions::new("POST", TOKEN_URL, 1000);
    let invalid = "ERR_DPOP_PROOF_INVALID";
    let check = |token: String, code: &str| {
        assert_eq!(verify_dpop_proof(&token, &o).unwrap_err().code(), code);
    };
    assert!(verify_dpop_proof(
        &forged(&key, header("dpop+jwt", Some(jwk.clone())), claims(|_| {})),
        &o
    )
    .is_ok());
    check(
        forged(&key, header("JWT", Some(jwk.clone())), claims(|_| {})),
        invalid,
    );
    check(
        forged(&key, header("dpop+jwt", None), claims(|_| {})),
        invalid,
    );
    for missing in ["jti", "htm", "htu", "iat"] {
        let mut c = claims(|_| {});
        c.remove(missing);
        check(
            forged(&key, header("dpop+jwt", Some(jwk.clone())), c),
            invalid,
        );
    }
    check(
        forged(
            &key,
            header("dpop+jwt", Some(jwk.clone())),
            claims(|c| drop(c.insert("iat".into(), "1000".into()))),
        ),
        invalid,
    );
    // A private key in the header (the client leaked it).
    let private = key.export_private_jwk().unwrap();
    check(
        forged(&key, header("dpop+jwt", Some(private)), claims(|_| {})),
        invalid,
    );
    // Another key in the header than the one that signed.
    let other = public_members(
        SigningKey::generate(Algorithm::Es256)
            .unwrap()
            .public_jwk()
            .unwrap(),
    );
    check(
        forged(&key, header("dpop+jwt", Some(other)), claims(|_| {})),
        "ERR_JWT_SIGNATURE_INVALID",
    );
    // A symmetric algorithm.
    let hmac = SigningKey::from_hmac_secret(&[7; 32], Algorithm::Hs256).unwrap();
    let mut h = header("dpop+jwt", Some(jwk.clone()));
    h.insert("alg".into(), "HS256".into());
    check(forged(&hmac, h, claims(|_| {})), invalid);
    // A plain JWT with the right claims is not a proof either.
    check(
        sign_jwt(&key, &claims(|_| {}), &JsonObject::new()).unwrap(),
        invalid,
    );
}

mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn never_panics(proof in any::<String>(), now in any::<i64>()) {
            let _ = verify_dpop_proof(&proof, &DpopVerifyOptions::new("POST", TOKEN_URL, now));
        }

        #[test]
        fn any_now_is_safe_with_the_rfc_proof(now in any::<i64>(), max_age in any::<u64>(), leeway in any::<u64>()) {
            let mut o = rfc_options(now);
            o.max_age_seconds = max_age;
            o.leeway_seconds = leeway;
            let _ = verify_dpop_proof(RFC_PROOF, &o);
        }
    }
}
