//! Tests of the shared core and every scheme.
#![allow(clippy::panic, clippy::cloned_ref_to_slice_refs)]

use base64ct::Encoding;

use super::redox::Handshake;
use super::*;
use crate::mac::hmac_verify_truncated;

fn s(v: &str) -> SecretString {
    SecretString::new(v.into())
}

fn hex(s: &str) -> Vec<u8> {
    crate::encoding::hex::decode(s).unwrap()
}

// RFC 4231 ("Identifiers and Test Vectors for HMAC-SHA-224, HMAC-SHA-256, HMAC-SHA-384, and
// HMAC-SHA-512"), section 4, test cases 1 to 7. Test case 5 is truncated to 128 bits.
#[test]
fn rfc4231_test_cases_1_to_7() {
    let aa131 = vec![0xaa; 131];
    let key4: Vec<u8> = (1..=25).collect();
    let cases: [(&[u8], &[u8], [&str; 3]); 7] = [
        (&[0x0b; 20], b"Hi There", [
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
            "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6",
            "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854",
        ]),
        (b"Jefe", b"what do ya want for nothing?", [
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
            "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649",
            "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737",
        ]),
        (&[0xaa; 20], &[0xdd; 50], [
            "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
            "88062608d3e6ad8a0aa2ace014c8a86f0aa635d947ac9febe83ef4e55966144b2a5ab39dc13814b94e3ab6e101a34f27",
            "fa73b0089d56a284efb0f0756c890be9b1b5dbdd8ee81a3655f83e33b2279d39bf3e848279a722c806b485a47e67c807b946a337bee8942674278859e13292fb",
        ]),
        (&key4, &[0xcd; 50], [
            "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
            "3e8a69b7783c25851933ab6290af6ca77a9981480850009cc5577c6e1f573b4e6801dd23c4a7d679ccf8a386c674cffb",
            "b0ba465637458c6990e5a8c5f61d4af7e576d97ff94b872de76f8050361ee3dba91ca5c11aa25eb4d679275cc5788063a5f19741120c4f2de2adebeb10a298dd",
        ]),
        (&[0x0c; 20], b"Test With Truncation", [
            "a3b6167473100ee06e0c796c2955552b",
            "3abf34c3503b2a23a46efc619baef897",
            "415fad6271580a531d4179bc891d87a6",
        ]),
        (&aa131, b"Test Using Larger Than Block-Size Key - Hash Key First", [
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
            "4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c60c2ef6ab4030fe8296248df163f44952",
            "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598",
        ]),
        (&aa131, b"This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.", [
            "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
            "6617178e941f020d351e2f254e8fd32c602420feb0b8fb9adccebb82461e99c5a678cc31e799176d3860e6110c46523e",
            "e37b6a775dc87dbaa4dfa9f96e5e3ffddebd71f8867289865df5a32d20cdc944b6022cac3c4982b10d5eeb55c3e4de15134676fb6de0446065c97440fa8c6a58",
        ]),
    ];
    for (i, (key, data, tags)) in cases.iter().enumerate() {
        for (hash, tag) in [Hash::Sha256, Hash::Sha384, Hash::Sha512]
            .into_iter()
            .zip(tags)
        {
            let tag = hex(tag);
            let full = hmac(hash, key, &[data]);
            assert_eq!(&full[..tag.len()], &tag[..], "case {} {hash:?}", i + 1);
            if tag.len() == hash.output_len() {
                assert_eq!(full, tag);
            }
            assert!(hmac_verify_truncated(hash, key, &[data], &tag));
            // Split input gives the same MAC.
            let (a, b) = data.split_at(data.len() / 2);
            assert_eq!(hmac(hash, key, &[a, b]), full);
            let mut bad = tag.clone();
            bad[0] ^= 1;
            assert!(!hmac_verify_truncated(hash, key, &[data], &bad));
        }
    }
}

fn wycheproof(file: &str, hash: Hash) -> usize {
    let path = format!(
        "{}/tests/vectors/wycheproof/{file}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut count = 0;
    for group in json["testGroups"].as_array().unwrap() {
        let tag_bytes = group["tagSize"].as_u64().unwrap() as usize / 8;
        for t in group["tests"].as_array().unwrap() {
            let key = hex(t["key"].as_str().unwrap());
            let msg = hex(t["msg"].as_str().unwrap());
            let tag = hex(t["tag"].as_str().unwrap());
            let id = t["tcId"].as_u64().unwrap();
            let ok = hmac_verify_truncated(hash, &key, &[&msg], &tag) && tag.len() == tag_bytes;
            match t["result"].as_str().unwrap() {
                "valid" => assert!(ok, "{file} tcId {id} should verify"),
                "invalid" => assert!(!ok, "{file} tcId {id} should not verify"),
                other => panic!("{file} tcId {id}: unexpected result {other}"),
            }
            count += 1;
        }
    }
    count
}

#[test]
fn wycheproof_hmac_sha256_and_sha384() {
    assert_eq!(wycheproof("hmac_sha256_test.json", Hash::Sha256), 174);
    assert_eq!(wycheproof("hmac_sha384_test.json", Hash::Sha384), 174);
}

#[test]
fn truncated_tags_have_a_floor() {
    let tag = hmac(Hash::Sha256, b"k", &[b"m"]);
    assert!(hmac_verify_truncated(
        Hash::Sha256,
        b"k",
        &[b"m"],
        &tag[..16]
    ));
    assert!(!hmac_verify_truncated(
        Hash::Sha256,
        b"k",
        &[b"m"],
        &tag[..15]
    ));
    assert!(!hmac_verify_truncated(Hash::Sha256, b"k", &[b"m"], &[]));
    let mut long = tag.clone();
    long.push(0);
    assert!(!hmac_verify_truncated(Hash::Sha256, b"k", &[b"m"], &long));
}

#[test]
fn tolerance_both_directions() {
    assert!(check_timestamp(1000, 1300, 300).is_ok());
    assert!(check_timestamp(1000, 700, 300).is_ok());
    assert_eq!(
        check_timestamp(1000, 1301, 300),
        Err(Error::WebhookTimestampOutOfTolerance {
            age_seconds: 301,
            tolerance_seconds: 300
        })
    );
    assert_eq!(
        check_timestamp(1000, 699, 300).unwrap_err().code(),
        "ERR_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE"
    );
    assert!(check_timestamp(i64::MAX, i64::MIN, 0).is_err());
    assert!(check_timestamp(i64::MIN, i64::MAX, u64::MAX).is_ok());
    assert!(check_timestamp(5, 5, 0).is_ok());
}

const NOW: i64 = 1_700_000_000;
const BODY: &[u8] = br#"{"event":"appointment.created","id":"a1"}"#;

fn all_schemes() -> Vec<(Scheme, SecretString)> {
    vec![
        (Scheme::Telesoft, s("telesoft-webhook-secret")),
        (
            Scheme::HmacHex(HmacHexConfig::with("X-Signature", "sha512=", Hash::Sha512)),
            s("generic-secret"),
        ),
        (Scheme::Github, s("It's a Secret to Everybody")),
        (Scheme::Stripe, s("whsec_test_stripe_secret")),
        (
            Scheme::Standard,
            s("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
        ),
    ]
}

#[test]
fn every_scheme_round_trips_with_rotation() {
    for (scheme, secret) in all_schemes() {
        let headers = sign(&scheme, BODY, &[secret.clone()], Some("msg_1"), NOW).unwrap();
        let opts = VerifyOptions::at(NOW);
        let v = verify(&scheme, BODY, &headers, &[secret.clone()], &opts).unwrap();
        assert_eq!(v.scheme, scheme.name());
        // Rotation: the right secret second in the list.
        let other = s("some-other-secret");
        let other = if scheme == Scheme::Standard {
            s("whsec_c29tZS1vdGhlci1zZWNyZXQ=")
        } else {
            other
        };
        verify(
            &scheme,
            BODY,
            &headers,
            &[other.clone(), secret.clone()],
            &opts,
        )
        .unwrap();
        let e = verify(&scheme, BODY, &headers, &[other.clone()], &opts).unwrap_err();
        assert_eq!(e.code(), "ERR_WEBHOOK_SIGNATURE_MISMATCH", "{scheme:?}");
        assert!(e.to_string().contains("raw request body"));
        // Several signatures in one header, signed with both secrets.
        let both = sign(
            &scheme,
            BODY,
            &[other.clone(), secret.clone()],
            Some("msg_1"),
            NOW,
        )
        .unwrap();
        verify(&scheme, BODY, &both, &[secret.clone()], &opts).unwrap();
        verify(&scheme, BODY, &both, &[other], &opts).unwrap();
        // Header names are matched case-insensitively.
        let upper: Vec<(String, String)> = headers
            .iter()
            .map(|(k, v)| (k.to_ascii_uppercase(), v.clone()))
            .collect();
        verify(&scheme, BODY, &upper, &[secret.clone()], &opts).unwrap();
        // Empty body signs and verifies too.
        let empty = sign(&scheme, b"", &[secret.clone()], Some("msg_1"), NOW).unwrap();
        verify(&scheme, b"", &empty, &[secret.clone()], &opts).unwrap();
        assert_eq!(
            verify(&scheme, b"", &headers, &[secret.clone()], &opts)
                .unwrap_err()
                .code(),
            "ERR_WEBHOOK_SIGNATURE_MISMATCH"
        );
        // Missing header.
        let none: Vec<(String, String)> = vec![];
        assert_eq!(
            verify(&scheme, BODY, &none, &[secret.clone()], &opts)
                .unwrap_err()
                .code(),
            "ERR_WEBHOOK_SIGNATURE_MISSING"
        );
        // Size cap.
        let small = VerifyOptions {
            max_payload_bytes: 4,
            ..opts
        };
        assert_eq!(
            verify(&scheme, BODY, &headers, &[secret.clone()], &small)
                .unwrap_err()
                .code(),
            "ERR_WEBHOOK_PAYLOAD_TOO_LARGE"
        );
    }
}

/// Re-serializing the body (`JSON.stringify(JSON.parse(body))`) changes its bytes.
#[test]
fn json_reserialization_trap() {
    let raw = br#"{ "event": "appointment.created", "id": "a1" }"#;
    let reserialized = br#"{"event":"appointment.created","id":"a1"}"#;
    let secret = s("telesoft-webhook-secret");
    let headers = sign(&Scheme::Telesoft, raw, &[secret.clone()], None, 0).unwrap();
    verify(
        &Scheme::Telesoft,
        raw,
        &headers,
        &[secret.clone()],
        &VerifyOptions::at(0),
    )
    .unwrap();
    let e = verify(
        &Scheme::Telesoft,
        reserialized,
        &headers,
        &[secret],
        &VerifyOptions::at(0),
    )
    .unwrap_err();
    assert_eq!(e.code(), "ERR_WEBHOOK_SIGNATURE_MISMATCH");
    assert!(e.to_string().contains("re-serialized parsed body"));
}

fn flip_char(v: &str, i: usize) -> String {
    let mut b = v.as_bytes().to_vec();
    // Flip one bit but stay in the same character class (hex stays hex-ish, digits stay digits).
    b[i] ^= 1;
    String::from_utf8(b).unwrap()
}

fn set(headers: &[(String, String)], name: &str, value: String) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(k, v)| (k.clone(), if k == name { value.clone() } else { v.clone() }))
        .collect()
}

#[test]
fn tampering_battery() {
    for (scheme, secret) in all_schemes() {
        let opts = VerifyOptions::at(NOW);
        let headers = sign(&scheme, BODY, &[secret.clone()], Some("msg_1"), NOW).unwrap();
        let code = |body: &[u8], h: &[(String, String)]| {
            verify(&scheme, body, h, &[secret.clone()], &opts)
                .err()
                .map(|e| e.code())
        };
        // One flipped bit anywhere in the body.
        for i in 0..BODY.len() {
            for bit in [0x01, 0x80] {
                let mut body = BODY.to_vec();
                body[i] ^= bit;
                assert_eq!(
                    code(&body, &headers),
                    Some("ERR_WEBHOOK_SIGNATURE_MISMATCH")
                );
            }
        }
        let sig_header = match &scheme {
            Scheme::Telesoft => "telesoft-signature",
            Scheme::HmacHex(_) => "x-signature",
            Scheme::Github => "x-hub-signature-256",
            Scheme::Stripe => "stripe-signature",
            _ => "webhook-signature",
        };
        let sig = headers.header(sig_header).unwrap().to_owned();
        // The last character of the signature, flipped; truncated; doubled.
        let last = sig.len() - 3; // before any base64 padding
        assert_eq!(
            code(BODY, &set(&headers, sig_header, flip_char(&sig, last))),
            Some("ERR_WEBHOOK_SIGNATURE_MISMATCH"),
            "{scheme:?}"
        );
        assert_eq!(
            code(
                BODY,
                &set(&headers, sig_header, sig[..sig.len() - 2].to_owned())
            ),
            Some("ERR_WEBHOOK_SIGNATURE_MISMATCH"),
            "{scheme:?} truncated"
        );
        let doubled = match &scheme {
            Scheme::Standard => {
                let (v, b) = sig.split_once(',').unwrap();
                format!("{v},{b}{b}")
            }
            Scheme::Stripe => {
                let tail = sig.rsplit('=').next().unwrap().to_owned();
                format!("{sig}{tail}")
            }
            _ => {
                let tail = sig.rsplit('=').next().unwrap().to_owned();
                format!("{sig}{tail}")
            }
        };
        assert_eq!(
            code(BODY, &set(&headers, sig_header, doubled)),
            Some("ERR_WEBHOOK_SIGNATURE_MISMATCH"),
            "{scheme:?} doubled"
        );
        if scheme == Scheme::Standard {
            let id = headers.header("webhook-id").unwrap();
            assert_eq!(
                code(BODY, &set(&headers, "webhook-id", flip_char(id, 4))),
                Some("ERR_WEBHOOK_SIGNATURE_MISMATCH")
            );
            let ts = headers.header("webhook-timestamp").unwrap();
            assert_eq!(
                code(
                    BODY,
                    &set(&headers, "webhook-timestamp", flip_char(ts, ts.len() - 1))
                ),
                Some("ERR_WEBHOOK_SIGNATURE_MISMATCH")
            );
            assert_eq!(
                code(BODY, &set(&headers, "webhook-timestamp", "12a".into())),
                Some("ERR_WEBHOOK_HEADER_MALFORMED")
            );
            assert_eq!(
                code(BODY, &set(&headers, "webhook-signature", "v1".into())),
                Some("ERR_WEBHOOK_HEADER_MALFORMED")
            );
            assert_eq!(
                code(BODY, &set(&headers, "webhook-signature", "v2,abc".into())),
                Some("ERR_WEBHOOK_SIGNATURE_MISSING")
            );
        }
        if scheme == Scheme::Stripe {
            let ts_flipped = sig.replacen(&format!("t={NOW}"), &format!("t={}", NOW ^ 1), 1);
            assert_eq!(
                code(BODY, &set(&headers, sig_header, ts_flipped)),
                Some("ERR_WEBHOOK_SIGNATURE_MISMATCH")
            );
            let no_t = sig.split(',').skip(1).collect::<Vec<_>>().join(",");
            assert_eq!(
                code(BODY, &set(&headers, sig_header, no_t)),
                Some("ERR_WEBHOOK_HEADER_MALFORMED")
            );
            let no_v1 = format!("t={NOW}");
            assert_eq!(
                code(BODY, &set(&headers, sig_header, no_v1)),
                Some("ERR_WEBHOOK_SIGNATURE_MISSING")
            );
        }
        if scheme == Scheme::Github {
            let bare = sig.trim_start_matches("sha256=").to_owned();
            assert_eq!(
                code(BODY, &set(&headers, sig_header, bare)),
                Some("ERR_WEBHOOK_HEADER_MALFORMED")
            );
        }
        // Timestamps one second either side of the tolerance.
        if matches!(scheme, Scheme::Stripe | Scheme::Standard) {
            for (now, ok) in [
                (NOW + 300, true),
                (NOW + 301, false),
                (NOW - 300, true),
                (NOW - 301, false),
            ] {
                let r = verify(
                    &scheme,
                    BODY,
                    &headers,
                    &[secret.clone()],
                    &VerifyOptions::at(now),
                );
                assert_eq!(r.is_ok(), ok, "{scheme:?} at {now}");
                if !ok {
                    assert_eq!(
                        r.unwrap_err().code(),
                        "ERR_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE"
                    );
                }
            }
            let tight = VerifyOptions {
                tolerance_seconds: 10,
                ..VerifyOptions::at(NOW + 11)
            };
            assert!(verify(&scheme, BODY, &headers, &[secret.clone()], &tight).is_err());
            let tight = VerifyOptions {
                tolerance_seconds: 10,
                ..VerifyOptions::at(NOW + 10)
            };
            assert!(verify(&scheme, BODY, &headers, &[secret.clone()], &tight).is_ok());
        }
    }
}

#[test]
fn secrets_are_checked() {
    let opts = VerifyOptions::at(NOW);
    let headers = sign(&Scheme::Telesoft, BODY, &[s("abc")], None, NOW).unwrap();
    for bad in [" abc", "abc\n", "", "whpk_AAAA"] {
        let e = verify(&Scheme::Telesoft, BODY, &headers, &[s(bad)], &opts).unwrap_err();
        assert_eq!(e.code(), "ERR_WEBHOOK_SECRET_INVALID", "{bad:?}");
    }
    assert_eq!(
        verify(&Scheme::Telesoft, BODY, &headers, &[], &opts)
            .unwrap_err()
            .code(),
        "ERR_WEBHOOK_SECRET_INVALID"
    );
    let std_headers = sign(&Scheme::Standard, BODY, &[s("whsec_c2VjcmV0")], None, NOW).unwrap();
    for bad in [
        "whsec_not base64!",
        "whsec_",
        "whsk_c2VjcmV0",
        "whpk_c2VjcmV0",
        " whsec_c2VjcmV0",
    ] {
        let e = verify(&Scheme::Standard, BODY, &std_headers, &[s(bad)], &opts).unwrap_err();
        assert_eq!(e.code(), "ERR_WEBHOOK_SECRET_INVALID", "{bad:?}");
        assert!(!e.to_string().contains("c2VjcmV0"));
    }
    // A bare base64 secret is accepted, as by the reference library.
    verify(
        &Scheme::Standard,
        BODY,
        &std_headers,
        &[s("c2VjcmV0")],
        &opts,
    )
    .unwrap();
}

#[test]
fn standard_webhooks_spec_example_shape_and_v1a() {
    // Key pair from a fixed seed.
    let seed = [7u8; 32];
    let sk = SecretString::new(format!("whsk_{}", base64ct::Base64::encode_string(&seed)));
    let pk = s(&standard::public_key(&sk).unwrap());
    assert!(pk.expose_secret().starts_with("whpk_"));
    let opts = VerifyOptions::at(NOW);
    let headers = sign(
        &Scheme::Standard,
        BODY,
        &[sk.clone()],
        Some("msg_2KWPBgLlAfxdpx2AI54pPJ85f4W"),
        NOW,
    )
    .unwrap();
    let sig = headers.header("webhook-signature").unwrap();
    assert!(sig.starts_with("v1a,"));
    let v = verify(&Scheme::Standard, BODY, &headers, &[pk.clone()], &opts).unwrap();
    assert_eq!(v.id.as_deref(), Some("msg_2KWPBgLlAfxdpx2AI54pPJ85f4W"));
    assert_eq!(v.timestamp, Some(NOW));
    let replay = v.replay_key.unwrap();
    assert_eq!(
        replay.key,
        format!(
            "standard:{}:msg_2KWPBgLlAfxdpx2AI54pPJ85f4W",
            secret_digest(&base64ct::Base64::decode_vec(&pk.expose_secret()[5..]).unwrap())
        )
    );
    // A v1a signature does not verify under an HMAC secret, nor a tampered body.
    assert_eq!(
        verify(
            &Scheme::Standard,
            BODY,
            &headers,
            &[s("whsec_c2VjcmV0")],
            &opts
        )
        .unwrap_err()
        .code(),
        "ERR_WEBHOOK_SIGNATURE_MISMATCH"
    );
    assert_eq!(
        verify(&Scheme::Standard, b"{}", &headers, &[pk.clone()], &opts)
            .unwrap_err()
            .code(),
        "ERR_WEBHOOK_SIGNATURE_MISMATCH"
    );
    // A 64-byte whsk_ (seed and public key) signs too; a mismatched public half is refused.
    let public = base64ct::Base64::decode_vec(&pk.expose_secret()[5..]).unwrap();
    let full = [seed.to_vec(), public.clone()].concat();
    let sk64 = SecretString::new(format!("whsk_{}", base64ct::Base64::encode_string(&full)));
    let h64 = sign(&Scheme::Standard, BODY, &[sk64], Some("msg_1"), NOW).unwrap();
    verify(&Scheme::Standard, BODY, &h64, &[pk.clone()], &opts).unwrap();
    let wrong = [vec![8u8; 32], public].concat();
    let wrong = SecretString::new(format!("whsk_{}", base64ct::Base64::encode_string(&wrong)));
    assert_eq!(
        sign(&Scheme::Standard, BODY, &[wrong], None, NOW)
            .unwrap_err()
            .code(),
        "ERR_WEBHOOK_SECRET_INVALID"
    );
    // Mixed header: v1 and v1a, keys of both kinds.
    let mixed = sign(
        &Scheme::Standard,
        BODY,
        &[s("whsec_c2VjcmV0"), sk],
        Some("msg_1"),
        NOW,
    )
    .unwrap();
    verify(&Scheme::Standard, BODY, &mixed, &[pk], &opts).unwrap();
    verify(
        &Scheme::Standard,
        BODY,
        &mixed,
        &[s("whsec_c2VjcmV0")],
        &opts,
    )
    .unwrap();
    // Generated ids.
    let generated = sign(&Scheme::Standard, BODY, &[s("whsec_c2VjcmV0")], None, NOW).unwrap();
    assert!(generated.header("webhook-id").unwrap().starts_with("msg_"));
    assert_eq!(
        sign(
            &Scheme::Standard,
            BODY,
            &[s("whsec_c2VjcmV0")],
            Some("a.b"),
            NOW
        )
        .unwrap_err()
        .code(),
        "ERR_INVALID_ARGUMENT"
    );
}

#[test]
fn standard_known_answer() {
    // Computed independently with Python's hmac module over "msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330.{"test": 2432232314}"
    // under the key base64-decoded from "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw".
    let headers = vec![
        ("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek"),
        ("webhook-timestamp", "1614265330"),
        (
            "webhook-signature",
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
        ),
    ];
    let v = verify(
        &Scheme::Standard,
        br#"{"test": 2432232314}"#,
        &headers,
        &[s("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")],
        &VerifyOptions::at(1614265330),
    )
    .unwrap();
    assert_eq!(v.timestamp, Some(1614265330));
}

#[test]
fn stripe_replay_key_and_unknown_items() {
    let secret = s("whsec_abc");
    let headers = sign(&Scheme::Stripe, BODY, &[secret.clone()], None, NOW).unwrap();
    let value = format!(
        "{},v0=deadbeef,x=1",
        headers.header("stripe-signature").unwrap()
    );
    let h = vec![("Stripe-Signature", value.as_str())];
    let v = verify(
        &Scheme::Stripe,
        BODY,
        &h,
        &[secret],
        &VerifyOptions::at(NOW),
    )
    .unwrap();
    assert_eq!(v.timestamp, Some(NOW));
    assert!(v
        .replay_key
        .unwrap()
        .key
        .starts_with(&format!("stripe:{}:{NOW}.", secret_digest(b"whsec_abc"))));
}

#[test]
fn too_many_signatures_or_secrets() {
    let secret = s("k");
    let many = vec!["00"; 17].join(",");
    let h = vec![("telesoft-signature", many.as_str())];
    assert_eq!(
        verify(
            &Scheme::Telesoft,
            BODY,
            &h,
            &[secret],
            &VerifyOptions::at(0)
        )
        .unwrap_err()
        .code(),
        "ERR_WEBHOOK_HEADER_MALFORMED"
    );
    let secrets: Vec<SecretString> = (0..17).map(|i| s(&format!("k{i}"))).collect();
    assert_eq!(
        verify(&Scheme::Telesoft, BODY, &h, &secrets, &VerifyOptions::at(0))
            .unwrap_err()
            .code(),
        "ERR_WEBHOOK_SECRET_INVALID"
    );
}

#[test]
fn scheme_names() {
    for name in ["telesoft", "github", "stripe", "standard", "redox"] {
        assert_eq!(Scheme::from_name(name).unwrap().name(), name);
    }
    assert_eq!(
        Scheme::from_name("svix").unwrap_err().code(),
        "ERR_WEBHOOK_SCHEME_UNKNOWN"
    );
    assert_eq!(Hash::from_name("SHA-384"), Some(Hash::Sha384));
    assert_eq!(Hash::from_name("md5"), None);
    // An unknown name is echoed printable and bounded (finding 12).
    let hostile = format!("svix\r\nX-Forged: 1{}", "a".repeat(100));
    assert_eq!(
        Scheme::from_name(&hostile).unwrap_err(),
        Error::WebhookSchemeUnknown {
            scheme: format!("svix??X-Forged: 1{}...", "a".repeat(23)),
        }
    );
}

#[test]
fn a_configured_header_name_is_echoed_printable_and_bounded() {
    let config = HmacHexConfig::new(format!("x-sig\n{}", "h".repeat(100)));
    let e = verify(
        &Scheme::HmacHex(config),
        BODY,
        &Vec::<(String, String)>::new(),
        &[s("k")],
        &VerifyOptions::at(NOW),
    )
    .unwrap_err();
    assert_eq!(
        e,
        Error::WebhookSignatureMissing {
            header: format!("x-sig?{}...", "h".repeat(34)),
        }
    );
}

#[test]
fn redox_token_and_handshakes() {
    let token = s("redox-verification-token");
    let h = vec![("Verification-Token", "redox-verification-token")];
    assert_eq!(
        verify(
            &Scheme::Redox,
            b"{}",
            &h,
            &[token.clone()],
            &VerifyOptions::at(0)
        )
        .unwrap()
        .scheme,
        "redox"
    );
    let bad = vec![("verification-token", "redox-verification-tokeN")];
    let e = verify(
        &Scheme::Redox,
        b"{}",
        &bad,
        &[token.clone()],
        &VerifyOptions::at(0),
    )
    .unwrap_err();
    assert_eq!(e.code(), "ERR_WEBHOOK_SIGNATURE_MISMATCH");
    assert!(!e.to_string().contains("redox-verification"));
    let none: Vec<(&str, &str)> = vec![];
    assert_eq!(
        verify(
            &Scheme::Redox,
            b"",
            &none,
            &[token.clone()],
            &VerifyOptions::at(0)
        )
        .unwrap_err()
        .code(),
        "ERR_WEBHOOK_SIGNATURE_MISSING"
    );

    let c = "2e73f864-a0e9-4764-a7d5-91fe5836db22";
    let body = format!(r#"{{"verification-token":"redox-verification-token","challenge":"{c}"}}"#);
    assert_eq!(
        redox::challenge(Handshake::Body(body.as_bytes()), None, &[token.clone()]).unwrap(),
        c
    );
    let body2 = format!(r#"{{"verificationToken":"redox-verification-token","challenge":"{c}"}}"#);
    assert_eq!(
        redox::challenge(Handshake::Body(body2.as_bytes()), None, &[token.clone()]).unwrap(),
        c
    );
    let url = format!(
        "https://example.com/redox?challenge={c}&verification-token=redox%2Dverification%2Dtoken#x"
    );
    assert_eq!(
        redox::challenge(Handshake::Query(&url), None, &[token.clone()]).unwrap(),
        c
    );
    let query = format!("?challenge={c}");
    assert_eq!(
        redox::challenge(
            Handshake::Query(&query),
            Some("redox-verification-token"),
            &[token.clone()]
        )
        .unwrap(),
        c
    );
    assert_eq!(
        redox::challenge(Handshake::Query(&query), None, &[token.clone()])
            .unwrap_err()
            .code(),
        "ERR_WEBHOOK_SIGNATURE_MISSING"
    );
    assert_eq!(
        redox::challenge(
            Handshake::Query("verification-token=nope&challenge=x"),
            None,
            &[token.clone()]
        )
        .unwrap_err()
        .code(),
        "ERR_WEBHOOK_SIGNATURE_MISMATCH"
    );
    assert_eq!(
        redox::challenge(
            Handshake::Fields {
                challenge: None,
                token: Some("redox-verification-token")
            },
            None,
            &[token.clone()]
        )
        .unwrap_err()
        .code(),
        "ERR_WEBHOOK_HEADER_MALFORMED"
    );
    for body in ["[1]", "not json", ""] {
        assert_eq!(
            redox::challenge(Handshake::Body(body.as_bytes()), None, &[token.clone()])
                .unwrap_err()
                .code(),
            "ERR_WEBHOOK_HEADER_MALFORMED"
        );
    }
    assert_eq!(
        redox::challenge(
            Handshake::Query(
                "challenge=%3Cscript%3E%20x&verification-token=redox-verification-token"
            ),
            None,
            &[token]
        )
        .unwrap_err()
        .code(),
        "ERR_WEBHOOK_HEADER_MALFORMED"
    );
}

mod props {
    use super::super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn arbitrary_headers_never_panic(
            body in proptest::collection::vec(any::<u8>(), 0..64),
            value in any::<String>(),
            id in any::<String>(),
            ts in any::<String>(),
        ) {
            let secret = SecretString::new("whsec_c2VjcmV0".into());
            for scheme in [Scheme::Telesoft, Scheme::Github, Scheme::Stripe, Scheme::Standard, Scheme::Redox,
                           Scheme::HmacHex(HmacHexConfig::new("x-sig"))] {
                let headers = vec![
                    ("telesoft-signature", value.as_str()),
                    ("x-hub-signature-256", value.as_str()),
                    ("stripe-signature", value.as_str()),
                    ("webhook-signature", value.as_str()),
                    ("webhook-id", id.as_str()),
                    ("webhook-timestamp", ts.as_str()),
                    ("verification-token", value.as_str()),
                    ("x-sig", value.as_str()),
                ];
                let r = verify(&scheme, &body, &headers, &[secret.clone()], &VerifyOptions::at(0));
                prop_assert!(r.is_err() || scheme == Scheme::Redox);
            }
            let _ = redox::challenge(redox::Handshake::Query(&value), Some(&id), &[secret.clone()]);
            let _ = redox::challenge(redox::Handshake::Body(&body), None, &[secret]);
        }

        #[test]
        fn signed_round_trips(body in proptest::collection::vec(any::<u8>(), 0..256), now in 0i64..4_000_000_000) {
            let secret = SecretString::new("whsec_c2VjcmV0".into());
            for scheme in [Scheme::Telesoft, Scheme::Github, Scheme::Stripe, Scheme::Standard] {
                let headers = sign(&scheme, &body, &[secret.clone()], None, now).unwrap();
                prop_assert!(verify(&scheme, &body, &headers, &[secret.clone()], &VerifyOptions::at(now)).is_ok());
            }
        }
    }
}

// ---- replay keys (audit finding 9) -----------------------------------------------------------

fn standard_delivery(secrets: &[SecretString], id: &str) -> Vec<(String, String)> {
    sign(&Scheme::Standard, BODY, secrets, Some(id), NOW).unwrap()
}

#[test]
fn replay_keys_are_bound_to_the_scheme_and_the_secret() {
    let tenant_a = s("whsec_dGVuYW50LWEtc2VjcmV0LWtleS0xMjM0NTY3OA==");
    let tenant_b = s("whsec_dGVuYW50LWItc2VjcmV0LWtleS0xMjM0NTY3OA==");
    let opts = VerifyOptions::at(NOW);
    // Two tenants, the same webhook-id: two different keys.
    let key = |secret: &SecretString| {
        let headers = standard_delivery(core::slice::from_ref(secret), "msg_same");
        verify(&Scheme::Standard, BODY, &headers, &[secret.clone()], &opts)
            .unwrap()
            .replay_key
            .unwrap()
    };
    let (a, b) = (key(&tenant_a), key(&tenant_b));
    assert_ne!(a.key, b.key);
    for k in [&a.key, &b.key] {
        let parts: Vec<&str> = k.splitn(3, ':').collect();
        assert_eq!(parts[0], "standard");
        assert_eq!(parts[1].len(), 32);
        assert!(parts[1].bytes().all(|c| c.is_ascii_hexdigit()));
        assert_eq!(parts[2], "msg_same");
    }
    assert!(a.other_keys.is_empty());
    assert_eq!(a.ttl_seconds, 601);
    // The same for Stripe: same timestamp and body, two secrets, two keys.
    let stripe_key = |secret: &str| {
        let secret = s(secret);
        let headers = sign(&Scheme::Stripe, BODY, &[secret.clone()], None, NOW).unwrap();
        verify(&Scheme::Stripe, BODY, &headers, &[secret], &opts)
            .unwrap()
            .replay_key
            .unwrap()
            .key
    };
    let (sa, sb) = (stripe_key("whsec_tenant_a"), stripe_key("whsec_tenant_b"));
    assert_ne!(sa, sb);
    assert!(sa.starts_with("stripe:") && sb.starts_with("stripe:"));
    // The secret itself never appears, in any form the key could be mistaken for.
    assert!(!sa.contains("tenant_a") && !a.key.contains("dGVuYW50"));
    // Schemes without a signed id or timestamp have no replay key.
    let telesoft = sign(&Scheme::Telesoft, BODY, &[s("k")], None, NOW).unwrap();
    assert_eq!(
        verify(&Scheme::Telesoft, BODY, &telesoft, &[s("k")], &opts)
            .unwrap()
            .replay_key,
        None
    );
}

#[test]
fn secret_digest_is_short_domain_separated_and_deterministic() {
    let d = secret_digest(b"secret-1");
    assert_eq!(d, secret_digest(b"secret-1"));
    assert_ne!(d, secret_digest(b"secret-2"));
    assert_eq!(d.len(), 32);
    // Not a prefix of the secret's own HMAC of anything a scheme signs, nor of a bare hash.
    let sha = <sha2::Sha256 as sha2::Digest>::digest(b"secret-1");
    assert!(!crate::encoding::hex::encode(&sha).starts_with(&d));
    assert!(
        !crate::encoding::hex::encode(&hmac(Hash::Sha256, b"secret-1", &[b""])).starts_with(&d)
    );
}

#[test]
fn a_rotation_replay_stripped_of_one_signature_keeps_a_recorded_key() {
    let old = s("whsec_b2xkLXNlY3JldC1rZXktMTIzNDU2Nzg5MA==");
    let new = s("whsec_bmV3LXNlY3JldC1rZXktMTIzNDU2Nzg5MA==");
    let opts = VerifyOptions::at(NOW);
    let configured = [old.clone(), new.clone()];
    // During the roll the sender signs with both secrets.
    let both = standard_delivery(&configured, "msg_roll");
    let first = verify(&Scheme::Standard, BODY, &both, &configured, &opts)
        .unwrap()
        .replay_key
        .unwrap();
    assert_eq!(first.other_keys.len(), 1);
    let recorded: Vec<&str> = first.keys().collect();
    // A replay carrying only the new secret's signature, or only the old one's, names a key
    // the first delivery recorded.
    for only in [&old, &new] {
        let stripped = standard_delivery(core::slice::from_ref(only), "msg_roll");
        let replay = verify(&Scheme::Standard, BODY, &stripped, &configured, &opts)
            .unwrap()
            .replay_key
            .unwrap();
        assert!(replay.keys().all(|k| recorded.contains(&k)), "{replay:?}");
    }
    // Stripe: one v1 per secret; dropping either still names a recorded key.
    let stripe = sign(&Scheme::Stripe, BODY, &configured, None, NOW).unwrap();
    let header = stripe.header("stripe-signature").unwrap().to_owned();
    let first = verify(&Scheme::Stripe, BODY, &stripe, &configured, &opts)
        .unwrap()
        .replay_key
        .unwrap();
    let recorded: Vec<&str> = first.keys().collect();
    assert_eq!(recorded.len(), 2);
    let items: Vec<&str> = header.split(',').collect();
    for keep in [1, 2] {
        let value = format!("{},{}", items[0], items[keep]);
        let h = vec![("stripe-signature", value.as_str())];
        let replay = verify(&Scheme::Stripe, BODY, &h, &configured, &opts)
            .unwrap()
            .replay_key
            .unwrap();
        assert!(replay.keys().all(|k| recorded.contains(&k)));
    }
}

#[test]
fn replay_ttl_covers_the_tolerance_both_ways() {
    assert_eq!(replay_ttl_seconds(300), 601);
    assert_eq!(replay_ttl_seconds(30), 61);
    assert_eq!(replay_ttl_seconds(29), 60);
    assert_eq!(replay_ttl_seconds(0), MIN_REPLAY_TTL_SECONDS);
    assert_eq!(replay_ttl_seconds(u64::MAX), u64::MAX);
    let headers = standard_delivery(&[s("whsec_c2VjcmV0")], "msg_ttl");
    let mut opts = VerifyOptions::at(NOW);
    opts.tolerance_seconds = 1000;
    let v = verify(
        &Scheme::Standard,
        BODY,
        &headers,
        &[s("whsec_c2VjcmV0")],
        &opts,
    )
    .unwrap();
    assert_eq!(v.replay_key.unwrap().ttl_seconds, 2001);
}

#[test]
fn schemes_parse_by_name_with_their_options() {
    let none = SchemeOptions::default();
    for name in ["telesoft", "github", "stripe", "standard", "redox"] {
        assert_eq!(Scheme::parse(name, none).unwrap().name(), name);
    }
    assert_eq!(
        Scheme::parse("svix", none).unwrap_err().code(),
        "ERR_WEBHOOK_SCHEME_UNKNOWN"
    );
    // hmac-hex: the header is required; SHA-256 and no prefix by default.
    let header = SchemeOptions {
        header: Some("x-signature"),
        ..none
    };
    assert_eq!(
        Scheme::parse("hmac-hex", header).unwrap(),
        Scheme::HmacHex(HmacHexConfig::new("x-signature"))
    );
    let full = SchemeOptions {
        header: Some("x-sig"),
        prefix: Some("sha512="),
        hash: Some("sha512"),
    };
    assert_eq!(
        Scheme::parse("hmac-hex", full).unwrap(),
        Scheme::HmacHex(HmacHexConfig::with("x-sig", "sha512=", Hash::Sha512))
    );
    let invalid = |name: &str, options: SchemeOptions<'_>| match Scheme::parse(name, options) {
        Err(Error::InvalidArgument { name, .. }) => name,
        other => panic!("{other:?}"),
    };
    assert_eq!(invalid("hmac-hex", none), "header");
    let md5 = SchemeOptions {
        hash: Some("md5"),
        ..header
    };
    assert_eq!(invalid("hmac-hex", md5), "hash");
    // Options another scheme would ignore are refused, each by its name.
    assert_eq!(invalid("telesoft", header), "header");
    let prefix = SchemeOptions {
        prefix: Some("sha256="),
        ..none
    };
    assert_eq!(invalid("github", prefix), "prefix");
    let hash = SchemeOptions {
        hash: Some("sha256"),
        ..none
    };
    assert_eq!(invalid("standard", hash), "hash");
    // An unknown scheme with options is still an unknown scheme... once its options are not
    // hmac-hex's: they are refused first, as the scheme would ignore them.
    assert_eq!(invalid("svix", header), "header");
}

#[test]
fn freshness_options_only_for_schemes_that_sign_a_timestamp() {
    let timed = [Scheme::Standard, Scheme::Stripe];
    let untimed = [
        Scheme::Telesoft,
        Scheme::HmacHex(HmacHexConfig::new("x-sig")),
        Scheme::Github,
        Scheme::Redox,
    ];
    for scheme in &timed {
        assert!(scheme.signs_timestamp());
        // The clock is read only when no `now` is given.
        let o = VerifyOptions::for_scheme(scheme, None, None, || NOW).unwrap();
        assert_eq!(o, VerifyOptions::at(NOW));
        let o =
            VerifyOptions::for_scheme(scheme, Some(5), Some(10), || panic!("clock read")).unwrap();
        assert_eq!((o.now, o.tolerance_seconds), (5, 10));
        assert_eq!(o.max_payload_bytes, DEFAULT_MAX_PAYLOAD_BYTES);
    }
    for scheme in &untimed {
        assert!(!scheme.signs_timestamp());
        let o = VerifyOptions::for_scheme(scheme, None, None, || panic!("clock read")).unwrap();
        assert_eq!(o.tolerance_seconds, DEFAULT_TOLERANCE_SECONDS);
        for (now, tolerance, name) in [
            (None, Some(60), "tolerance"),
            (Some(NOW), None, "now"),
            (Some(NOW), Some(0), "tolerance"),
        ] {
            match VerifyOptions::for_scheme(scheme, now, tolerance, || NOW) {
                Err(Error::InvalidArgument { name: got, .. }) => assert_eq!(got, name),
                other => panic!("{scheme:?}: {other:?}"),
            }
        }
    }
}

#[test]
fn every_header_a_verifier_reads_is_capped_by_max_header_bytes() {
    let mut schemes = all_schemes();
    schemes.push((Scheme::Redox, s("redox-verification-token")));
    // The default (8 KiB), a raised and a lowered cap: one-shot and held alike accept a value
    // at the cap and refuse one byte past it, before it is read.
    for limit in [crate::limits::HEADER_BYTES, 20_000, 600] {
        let options = VerifyOptions {
            max_header_bytes: limit,
            ..VerifyOptions::at(NOW)
        };
        assert_eq!(
            limit == crate::limits::HEADER_BYTES,
            options == VerifyOptions::at(NOW)
        );
        for (scheme, secret) in &schemes {
            let secrets = [secret.clone()];
            let held = Verifier::new(
                scheme.clone(),
                &secrets,
                VerifierOptions {
                    max_header_bytes: Some(limit),
                    ..VerifierOptions::default()
                },
            )
            .unwrap();
            assert_eq!(held.max_header_bytes(), limit);
            let now = scheme.signs_timestamp().then_some(NOW);
            let headers = sign(scheme, BODY, &secrets, Some("msg_cap"), NOW).unwrap();
            for name in scheme.header_names() {
                let name = name.to_ascii_lowercase();
                let name = name.as_str();
                // Padded with spaces (trimmed by the verifiers).
                let value = headers.header(name).unwrap().to_owned();
                let at = set(
                    &headers,
                    name,
                    format!("{value}{}", " ".repeat(limit - value.len())),
                );
                let over = set(
                    &headers,
                    name,
                    format!("{value}{}", " ".repeat(limit + 1 - value.len())),
                );
                let what = format!("{scheme:?} {name} at {limit}");
                let ok = verify(scheme, BODY, &at, &secrets, &options);
                assert!(ok.is_ok(), "{what}: {ok:?}");
                let ok = held.verify(BODY, &at, now, || NOW);
                assert!(ok.is_ok(), "held {what}: {ok:?}");
                let refused = verify(scheme, BODY, &over, &secrets, &options).unwrap_err();
                assert_eq!(refused.code(), "ERR_INPUT_TOO_LARGE", "{what}");
                assert!(
                    refused.to_string().contains(&format!("{limit}-byte limit")),
                    "{refused}"
                );
                let refused = held.verify(BODY, &over, now, || NOW).unwrap_err();
                assert_eq!(refused.code(), "ERR_INPUT_TOO_LARGE", "held {what}");
            }
        }
    }
    // The Redox handshake's header, under the handshake's own cap.
    let token = s("redox-verification-token");
    let cap = crate::limits::REDOX_HANDSHAKE_BYTES;
    let query = Handshake::Query("challenge=c");
    let at = "t".repeat(cap);
    let e = redox::challenge(query, Some(&at), std::slice::from_ref(&token)).unwrap_err();
    assert_eq!(e.code(), "ERR_WEBHOOK_SIGNATURE_MISMATCH");
    let over = "t".repeat(cap + 1);
    let e = redox::challenge(query, Some(&over), std::slice::from_ref(&token)).unwrap_err();
    assert_eq!(e.code(), "ERR_INPUT_TOO_LARGE");
    let raised = redox::challenge_with_limit(query, Some(&over), &[token], cap + 1).unwrap_err();
    assert_eq!(raised.code(), "ERR_WEBHOOK_SIGNATURE_MISMATCH");
}

#[test]
fn redox_handshake_shapes_and_tokens() {
    assert_eq!(Handshake::from_text("{}"), Handshake::Body(b"{}"));
    assert_eq!(
        Handshake::from_text(" \n\t{\"challenge\":\"c\"}"),
        Handshake::Body(b" \n\t{\"challenge\":\"c\"}")
    );
    for text in [
        "",
        "challenge=c",
        "?challenge=c",
        "https://app/redox?challenge={x}",
        "[{}]",
    ] {
        assert_eq!(Handshake::from_text(text), Handshake::Query(text), "{text}");
    }
    let token = s("redox-verification-token");
    let query = "challenge=c&verification-token=redox-verification-token";
    assert_eq!(
        redox::challenge(Handshake::from_text(query), None, &[token.clone()]).unwrap(),
        "c"
    );
    // No token configured: refused before anything is read, whatever the input.
    assert_eq!(
        redox::check_tokens(&[]).unwrap_err(),
        Error::WebhookSecretInvalid {
            reason: "no verification token given"
        }
    );
    assert!(redox::check_tokens(&[token]).is_ok());
    for input in [Handshake::from_text(query), Handshake::Body(b"not json")] {
        let e = redox::challenge(input, Some("x"), &[]).unwrap_err();
        assert_eq!(e.code(), "ERR_WEBHOOK_SECRET_INVALID");
    }
}

// ---- the held verifier ------------------------------------------------------------------------

/// A body, its headers and the time of verifying.
type Delivery<'a> = (&'a [u8], &'a [(String, String)], i64);

fn outcome(result: Result<Verified>) -> std::result::Result<Verified, &'static str> {
    result.map_err(|e| e.code())
}

/// Every scheme (and Redox), with a list of deliveries, good and bad: a held verifier gives the
/// same result (the same Verified, replay keys included, or the same error code) as the one-shot
/// call, whatever the order of calls.
#[test]
fn a_held_verifier_agrees_with_the_one_shot_call() {
    let mut schemes = all_schemes();
    schemes.push((Scheme::Redox, s("redox-verification-token")));
    let whpk = super::standard::public_key(&s("whsk_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwMfKQ9r8GKYo="))
        .unwrap();
    for (scheme, secret) in schemes {
        let other = if scheme == Scheme::Standard {
            s("whsec_c29tZS1vdGhlci1zZWNyZXQ=")
        } else {
            s("some-other-secret")
        };
        let signed = sign(&scheme, BODY, &[secret.clone()], Some("msg_1"), NOW).unwrap();
        let both = sign(
            &scheme,
            BODY,
            &[other.clone(), secret.clone()],
            Some("msg_2"),
            NOW,
        )
        .unwrap();
        let (first, _) = signed.first().cloned().unwrap();
        let tampered = set(&signed, &first, "00".repeat(32));
        let none: Vec<(String, String)> = vec![];
        let timed = scheme.signs_timestamp();
        let deliveries: [Delivery<'_>; 7] = [
            (BODY, &signed, NOW),
            (b"{}", &signed, NOW),
            (BODY, &tampered, NOW),
            (BODY, &none, NOW),
            (BODY, &both, NOW),
            (BODY, &signed, NOW + 301),
            (BODY, &signed, NOW - 300),
        ];
        let mut secret_lists = vec![
            vec![secret.clone()],
            vec![other.clone(), secret.clone()],
            vec![other.clone()],
        ];
        if scheme == Scheme::Standard {
            secret_lists.push(vec![secret.clone(), s(&whpk)]);
        }
        for secrets in &secret_lists {
            for tolerance in [None, Some(10)] {
                if tolerance.is_some() && !timed {
                    continue;
                }
                let options = VerifierOptions {
                    tolerance_seconds: tolerance,
                    ..VerifierOptions::default()
                };
                let verifier = Verifier::new(scheme.clone(), secrets, options).unwrap();
                for (body, headers, now) in deliveries {
                    let one_shot = VerifyOptions::for_scheme(&scheme, None, tolerance, || now)
                        .and_then(|o| verify(&scheme, body, headers, secrets, &o));
                    let held = verifier.verify(body, headers, None, || now);
                    assert_eq!(
                        outcome(held),
                        outcome(one_shot),
                        "{scheme:?}, {} secrets, tolerance {tolerance:?}, now {now}",
                        secrets.len()
                    );
                    if timed {
                        // `now` given instead of the clock: the same answer.
                        let by_now = verifier.verify(body, headers, Some(now), || unreachable!());
                        let by_clock = verifier.verify(body, headers, None, || now);
                        assert_eq!(outcome(by_now), outcome(by_clock));
                    }
                }
            }
        }
    }
}

#[test]
fn a_held_verifier_refuses_at_construction_what_a_call_would_refuse() {
    let code = |scheme: Scheme, secrets: &[SecretString], options: VerifierOptions| {
        Verifier::new(scheme, secrets, options).unwrap_err().code()
    };
    let defaults = VerifierOptions::default();
    assert_eq!(
        code(Scheme::Telesoft, &[], defaults),
        "ERR_WEBHOOK_SECRET_INVALID"
    );
    assert_eq!(
        code(Scheme::Telesoft, &[s("")], defaults),
        "ERR_WEBHOOK_SECRET_INVALID"
    );
    assert_eq!(
        code(Scheme::Telesoft, &[s(" x")], defaults),
        "ERR_WEBHOOK_SECRET_INVALID"
    );
    assert_eq!(
        code(Scheme::Github, &[s("whpk_AAAA")], defaults),
        "ERR_WEBHOOK_SECRET_INVALID"
    );
    assert_eq!(
        code(Scheme::Standard, &[s("whsk_AAAA")], defaults),
        "ERR_WEBHOOK_SECRET_INVALID"
    );
    assert_eq!(
        code(Scheme::Standard, &[s("whsec_not base64!")], defaults),
        "ERR_WEBHOOK_SECRET_INVALID"
    );
    assert_eq!(
        code(Scheme::Redox, &[s("")], defaults),
        "ERR_WEBHOOK_SECRET_INVALID"
    );
    let many: Vec<SecretString> = (0..17).map(|i| s(&format!("secret-{i}"))).collect();
    assert_eq!(
        code(Scheme::Telesoft, &many, defaults),
        "ERR_WEBHOOK_SECRET_INVALID"
    );
    let empty_header = Scheme::HmacHex(HmacHexConfig::new(" "));
    assert_eq!(
        code(empty_header, &[s("k")], defaults),
        "ERR_INVALID_ARGUMENT"
    );
    // A tolerance means nothing to a scheme that signs no timestamp, and `now` neither.
    let tolerance = VerifierOptions {
        tolerance_seconds: Some(60),
        ..VerifierOptions::default()
    };
    for scheme in [Scheme::Telesoft, Scheme::Github, Scheme::Redox] {
        assert_eq!(
            code(scheme.clone(), &[s("k")], tolerance),
            "ERR_INVALID_ARGUMENT"
        );
        let verifier = Verifier::new(scheme, &[s("k")], defaults).unwrap();
        let headers = [("x", "y")];
        let e = verifier
            .verify(BODY, &headers[..], Some(NOW), || unreachable!())
            .unwrap_err();
        assert_eq!(e.code(), "ERR_INVALID_ARGUMENT");
        // The clock is never read for such a scheme.
        let _ = verifier.verify(BODY, &headers[..], None, || unreachable!());
    }
    Verifier::new(Scheme::Stripe, &[s("k")], tolerance).unwrap();
}

#[test]
fn a_held_verifier_caps_the_payload_and_hides_its_secrets() {
    let secret = s("telesoft-webhook-secret");
    let headers = sign(&Scheme::Telesoft, BODY, &[secret.clone()], None, 0).unwrap();
    let capped = Verifier::new(
        Scheme::Telesoft,
        &[secret.clone()],
        VerifierOptions {
            max_payload_bytes: Some(BODY.len()),
            ..VerifierOptions::default()
        },
    )
    .unwrap();
    assert_eq!(capped.max_payload_bytes(), BODY.len());
    capped.verify(BODY, &headers, None, || 0).unwrap();
    let long = [BODY, b" "].concat();
    let e = capped.verify(&long, &headers, None, || 0).unwrap_err();
    assert_eq!(e.code(), "ERR_WEBHOOK_PAYLOAD_TOO_LARGE");
    let default = Verifier::new(Scheme::Telesoft, &[secret], VerifierOptions::default()).unwrap();
    assert_eq!(default.max_payload_bytes(), DEFAULT_MAX_PAYLOAD_BYTES);
    assert_eq!(default.scheme(), &Scheme::Telesoft);
    let printed = format!("{default:?}");
    assert!(!printed.contains("telesoft-webhook-secret"), "{printed}");
    assert!(printed.contains("Telesoft"), "{printed}");
    // Many deliveries through one verifier: the key schedule is reused, never consumed.
    for _ in 0..3 {
        default.verify(BODY, &headers, None, || 0).unwrap();
    }
}

#[test]
fn an_hmac_key_schedule_gives_the_tags_of_the_one_shot_hmac() {
    for hash in [Hash::Sha256, Hash::Sha384, Hash::Sha512] {
        for key in [&b""[..], b"k", &[0xaa; 131]] {
            let held = crate::mac::HmacKey::new(hash, key);
            assert_eq!(held.hash(), hash);
            for parts in [&[&b""[..]][..], &[b"Hi There"], &[b"Hi ", b"There"]] {
                assert_eq!(held.tag(parts), hmac(hash, key, parts));
                // Reused: the schedule is copied for each tag.
                assert_eq!(held.tag(parts), hmac(hash, key, parts));
            }
            assert!(!format!("{held:?}").contains("170"));
        }
    }
}
