//! Wycheproof vectors (C2SP/wycheproof `testvectors_v1`, Apache-2.0) for the JWS signature
//! algorithms: ECDSA P-256/P-384 in the JWS (IEEE P1363, r||s) format, RSASSA-PKCS1-v1_5
//! verification and deterministic signing, and RSASSA-PSS with SHA-384/48-byte salt.
//!
//! The vectors are vendored in `tests/vectors/wycheproof/` (see `tests/vectors/README.md`).
//! A missing file fails the test.
//!
//! Rules applied to every test case:
//! - `valid`: must verify (signing: our signature must equal `sig` byte for byte).
//! - `invalid`: must not verify, and must fail with `ERR_JWT_SIGNATURE_INVALID`.
//! - `acceptable`: nothing is asserted. These are legal-but-discouraged inputs (e.g. a
//!   PKCS#1 DigestInfo without the NULL parameter, weak hashes, small public exponents);
//!   whether a strict verifier takes them is a policy choice, so we only count how many
//!   were accepted and rejected and print the counts, to notice a change of behaviour.
//! - A group whose key our import refuses (e.g. an unusual encoding or a modulus below
//!   2048 bits) may hold only `invalid` or `acceptable` cases: a refused key with a `valid`
//!   case is a failure. Refused groups are counted and printed.
//!
//! Each key is imported from the group's DER (`publicKeyDer`/`keyDer`, SPKI), and also from
//! its PEM and (when present) its JWK: all three imports must agree on every case.
#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

mod common;

use std::fmt;

use common::hex;
use healthauth::jose::{Algorithm, SigningKey, VerifyingKey};
use serde_json::Value;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors/wycheproof/");

fn load(file: &str) -> Value {
    let path = format!("{DIR}{file}");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("cannot read Wycheproof file {path}: {e} (see tests/vectors/README.md)")
    });
    let json: Value = serde_json::from_str(&text).expect("Wycheproof JSON");
    assert!(
        json["testGroups"].as_array().is_some_and(|g| !g.is_empty()),
        "{file}: no test groups"
    );
    json
}

fn groups(json: &Value) -> &Vec<Value> {
    json["testGroups"].as_array().expect("testGroups")
}

fn tests(group: &Value) -> &Vec<Value> {
    group["tests"].as_array().expect("tests")
}

fn field<'a>(value: &'a Value, name: &str) -> &'a str {
    value[name]
        .as_str()
        .unwrap_or_else(|| panic!("missing string field `{name}`"))
}

#[derive(Default)]
struct Counts {
    valid: usize,
    invalid: usize,
    acceptable_accepted: usize,
    acceptable_rejected: usize,
    /// Groups whose key the import refused, and the cases in them.
    refused_groups: usize,
    refused_cases: usize,
    refused_codes: std::collections::BTreeSet<&'static str>,
    /// Groups skipped on purpose (signing with a hash JWS does not use).
    skipped_groups: usize,
    skipped_cases: usize,
    failures: Vec<String>,
}

impl Counts {
    fn total_checked(&self) -> usize {
        self.valid + self.invalid + self.acceptable_accepted + self.acceptable_rejected
    }

    fn finish(self, file: &str) {
        eprintln!("{file}: {self}");
        assert!(
            self.failures.is_empty(),
            "{file}: {} failure(s):\n{}",
            self.failures.len(),
            self.failures.join("\n")
        );
        assert!(self.valid > 0, "{file}: no valid case was checked");
        assert!(self.total_checked() > 0, "{file}: no case was checked");
    }
}

impl fmt::Display for Counts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "valid {} ok, invalid {} rejected, acceptable {} accepted / {} rejected, \
             refused-key groups {} ({} cases, {:?}), skipped groups {} ({} cases), failures {}",
            self.valid,
            self.invalid,
            self.acceptable_accepted,
            self.acceptable_rejected,
            self.refused_groups,
            self.refused_cases,
            self.refused_codes,
            self.skipped_groups,
            self.skipped_cases,
            self.failures.len()
        )
    }
}

/// Imports the group's public key from DER, and cross-checks PEM and JWK imports.
/// `Err` carries the import error code (the group is then "refused").
fn group_keys(
    file: &str,
    group: &Value,
    alg: Algorithm,
    counts: &mut Counts,
) -> Result<Vec<VerifyingKey>, &'static str> {
    let der_field = if group.get("publicKeyDer").is_some() {
        "publicKeyDer"
    } else {
        "keyDer"
    };
    let from_der =
        VerifyingKey::from_spki_der(&hex(field(group, der_field)), Some(alg)).map_err(|e| e.code());
    let pem_field = if group.get("publicKeyPem").is_some() {
        "publicKeyPem"
    } else {
        "keyPem"
    };
    let from_pem = VerifyingKey::from_pem(field(group, pem_field), Some(alg)).map_err(|e| e.code());
    let jwk_field = ["publicKeyJwk", "keyJwk"]
        .into_iter()
        .find(|name| group.get(*name).is_some_and(Value::is_object));
    let from_jwk = jwk_field.map(|name| {
        VerifyingKey::from_jwk(group[name].as_object().expect("JWK object"), Some(alg))
            .map_err(|e| e.code())
    });

    let der_key = match from_der {
        Ok(key) => key,
        Err(code) => {
            if let Ok(key) = &from_pem {
                counts.failures.push(format!(
                    "{file}: DER import refused ({code}) a key the PEM import took ({})",
                    key.thumbprint().unwrap_or_default()
                ));
            }
            return Err(code);
        }
    };
    let mut keys = vec![der_key];
    let thumbprint = keys[0].thumbprint().expect("thumbprint");
    match from_pem {
        Ok(key) if key.thumbprint().ok().as_deref() == Some(&thumbprint) => keys.push(key),
        Ok(_) => counts
            .failures
            .push(format!("{file}: PEM and DER imports give different keys")),
        Err(code) => counts.failures.push(format!(
            "{file}: PEM import refused ({code}) a key DER took"
        )),
    }
    match from_jwk {
        None => {}
        Some(Ok(key)) if key.thumbprint().ok().as_deref() == Some(&thumbprint) => keys.push(key),
        Some(Ok(_)) => counts
            .failures
            .push(format!("{file}: JWK and DER imports give different keys")),
        Some(Err(code)) => counts.failures.push(format!(
            "{file}: JWK import refused ({code}) a key DER took"
        )),
    }
    Ok(keys)
}

/// Runs a Wycheproof signature-verification file with `alg`; every group must use `sha`.
fn run_verify_file(file: &str, alg: Algorithm, sha: &str) {
    let json = load(file);
    let mut counts = Counts::default();
    for group in groups(&json) {
        assert_eq!(field(group, "sha"), sha, "{file}: unexpected group hash");
        if let Some(mgf_sha) = group.get("mgfSha") {
            assert_eq!(mgf_sha, sha, "{file}: MGF1 hash must be the signature hash");
        }
        let keys = match group_keys(file, group, alg, &mut counts) {
            Ok(keys) => keys,
            Err(code) => {
                counts.refused_groups += 1;
                counts.refused_codes.insert(code);
                for case in tests(group) {
                    counts.refused_cases += 1;
                    if case["result"] == "valid" {
                        counts.failures.push(format!(
                            "{file} tcId {}: key refused ({code}) but the case is valid ({})",
                            case["tcId"], case["comment"]
                        ));
                    }
                }
                continue;
            }
        };
        for case in tests(group) {
            let (msg, sig) = (hex(field(case, "msg")), hex(field(case, "sig")));
            let id = format!(
                "{file} tcId {} ({}, flags {})",
                case["tcId"], case["comment"], case["flags"]
            );
            let outcomes: Vec<Result<(), &'static str>> = keys
                .iter()
                .map(|key| key.verify(alg, &msg, &sig).map_err(|e| e.code()))
                .collect();
            if outcomes.iter().any(|o| *o != outcomes[0]) {
                counts
                    .failures
                    .push(format!("{id}: DER/PEM/JWK imports disagree: {outcomes:?}"));
                continue;
            }
            match (field(case, "result"), outcomes[0]) {
                ("valid", Ok(())) => counts.valid += 1,
                ("valid", Err(code)) => counts
                    .failures
                    .push(format!("{id}: valid signature rejected with {code}")),
                ("invalid", Err("ERR_JWT_SIGNATURE_INVALID")) => counts.invalid += 1,
                ("invalid", Err(code)) => counts.failures.push(format!(
                    "{id}: invalid signature rejected with {code}, expected ERR_JWT_SIGNATURE_INVALID"
                )),
                ("invalid", Ok(())) => counts
                    .failures
                    .push(format!("{id}: INVALID SIGNATURE ACCEPTED")),
                ("acceptable", Ok(())) => counts.acceptable_accepted += 1,
                ("acceptable", Err(_)) => counts.acceptable_rejected += 1,
                (other, _) => panic!("{id}: unknown result `{other}`"),
            }
        }
    }
    counts.finish(file);
}

#[test]
fn ecdsa_secp256r1_sha256_p1363_es256() {
    run_verify_file(
        "ecdsa_secp256r1_sha256_p1363_test.json",
        Algorithm::Es256,
        "SHA-256",
    );
}

#[test]
fn ecdsa_secp384r1_sha384_p1363_es384() {
    run_verify_file(
        "ecdsa_secp384r1_sha384_p1363_test.json",
        Algorithm::Es384,
        "SHA-384",
    );
}

#[test]
fn rsa_signature_2048_sha256_rs256() {
    run_verify_file(
        "rsa_signature_2048_sha256_test.json",
        Algorithm::Rs256,
        "SHA-256",
    );
}

#[test]
fn rsa_signature_2048_sha384_rs384() {
    run_verify_file(
        "rsa_signature_2048_sha384_test.json",
        Algorithm::Rs384,
        "SHA-384",
    );
}

#[test]
fn rsa_signature_3072_sha384_rs384() {
    run_verify_file(
        "rsa_signature_3072_sha384_test.json",
        Algorithm::Rs384,
        "SHA-384",
    );
}

#[test]
fn rsa_pss_2048_sha384_mgf1_48_ps384() {
    // PS384 is RSASSA-PSS with SHA-384, MGF1-SHA-384 and a 48-byte salt (RFC 7518 §3.5):
    // exactly this file's parameters.
    let json = load("rsa_pss_2048_sha384_mgf1_48_test.json");
    for group in groups(&json) {
        assert_eq!(group["sLen"], 48);
        assert_eq!(group["mgf"], "MGF1");
    }
    run_verify_file(
        "rsa_pss_2048_sha384_mgf1_48_test.json",
        Algorithm::Ps384,
        "SHA-384",
    );
}

/// The JWS algorithm for a PKCS#1 v1.5 signing group's hash, if JWS has one.
fn pkcs1_alg(sha: &str) -> Option<Algorithm> {
    match sha {
        "SHA-256" => Some(Algorithm::Rs256),
        "SHA-384" => Some(Algorithm::Rs384),
        "SHA-512" => Some(Algorithm::Rs512),
        _ => None,
    }
}

/// RSASSA-PKCS1-v1_5 signing is deterministic: our signature must equal Wycheproof's.
/// Groups with a hash JWS does not use (SHA-1, SHA-224) are skipped and counted.
fn run_sig_gen_file(file: &str) {
    let json = load(file);
    let mut counts = Counts::default();
    for group in groups(&json) {
        let Some(alg) = pkcs1_alg(field(group, "sha")) else {
            counts.skipped_groups += 1;
            counts.skipped_cases += tests(group).len();
            continue;
        };
        let key = match SigningKey::from_pkcs8_der(&hex(field(group, "privateKeyPkcs8")), Some(alg))
        {
            Ok(key) => key,
            Err(e) => {
                counts.refused_groups += 1;
                counts.refused_codes.insert(e.code());
                for case in tests(group) {
                    counts.refused_cases += 1;
                    if case["result"] == "valid" {
                        counts.failures.push(format!(
                            "{file} tcId {}: private key refused ({}) but the case is valid",
                            case["tcId"],
                            e.code()
                        ));
                    }
                }
                continue;
            }
        };
        // The PKCS#1 PEM and the JWK of the same key must import to the same key.
        let thumbprint = key.thumbprint().expect("thumbprint");
        match SigningKey::from_pem(field(group, "privateKeyPem"), Some(alg)) {
            Ok(pem_key) if pem_key.thumbprint().ok() == Some(thumbprint.clone()) => {}
            Ok(_) => counts
                .failures
                .push(format!("{file}: PEM and PKCS#8 imports differ")),
            Err(e) => counts.failures.push(format!(
                "{file}: PEM import refused ({}) a key PKCS#8 took",
                e.code()
            )),
        }
        if let Some(jwk) = group.get("privateKeyJwk").and_then(Value::as_object) {
            match SigningKey::from_jwk(jwk, Some(alg)) {
                Ok(jwk_key) if jwk_key.thumbprint().ok() == Some(thumbprint.clone()) => {}
                Ok(_) => counts
                    .failures
                    .push(format!("{file}: JWK and PKCS#8 imports differ")),
                Err(e) => counts.failures.push(format!(
                    "{file}: JWK import refused ({}) a key PKCS#8 took",
                    e.code()
                )),
            }
        }
        let public = VerifyingKey::from_spki_der(&hex(field(group, "keyDer")), Some(alg));
        for case in tests(group) {
            let id = format!("{file} tcId {} ({})", case["tcId"], case["flags"]);
            let (msg, expected) = (hex(field(case, "msg")), hex(field(case, "sig")));
            let ours = key.sign(&msg);
            let same = ours.as_ref().is_ok_and(|sig| *sig == expected);
            match (field(case, "result"), same) {
                ("valid", true) => counts.valid += 1,
                ("valid", false) => counts.failures.push(format!(
                    "{id}: our signature differs from Wycheproof's ({:?})",
                    ours.as_ref().map(|s| s.len()).map_err(|e| e.code())
                )),
                ("acceptable", true) => counts.acceptable_accepted += 1,
                ("acceptable", false) => counts.acceptable_rejected += 1,
                ("invalid", _) => panic!("{id}: sig-gen files have no invalid cases"),
                (other, _) => panic!("{id}: unknown result `{other}`"),
            }
            // Our signature also verifies under the group's public key.
            if let (Ok(sig), Ok(public)) = (&ours, &public) {
                if let Err(e) = public.verify(alg, &msg, sig) {
                    counts
                        .failures
                        .push(format!("{id}: our signature fails to verify: {}", e.code()));
                }
            }
        }
    }
    counts.finish(file);
}

#[test]
fn rsa_pkcs1_2048_sig_gen() {
    run_sig_gen_file("rsa_pkcs1_2048_sig_gen_test.json");
}

#[test]
fn rsa_pkcs1_3072_sig_gen() {
    run_sig_gen_file("rsa_pkcs1_3072_sig_gen_test.json");
}

// hmac_sha256_test.json / hmac_sha384_test.json belong to the webhook suite: not run here.
