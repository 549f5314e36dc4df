//! Interoperability with OpenSSL, and two signature-scheme edge cases: RSASSA-PSS salt and
//! MGF1 parameters (RFC 7518 §3.5 fixes them), and small-order Ed25519 public keys.
//!
//! The signatures below were made at test-writing time with OpenSSL 3.0 and the RSA key
//! `common::pems::RSA_PKCS8_PEM`, over `MESSAGE`:
//! `openssl dgst -sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:32
//!  -sigopt rsa_mgf1_md:sha256 -sign key.pem msg.txt | xxd -p` (and likewise for the others).
#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

mod common;

use common::pems::{RSA_PKCS8_PEM, RSA_SPKI_PEM};
use common::{b64, err_code, hex};
use healthauth::jose::{self, Algorithm, SigningKey, VerifyOptions, VerifyingKey};

/// The JWS signing input every OpenSSL signature below covers.
const MESSAGE: &str = "eyJhbGciOiJQUzI1NiJ9.eyJzdWIiOiJwc3MifQ";

const PS256_SALT32: &str = "aa8309d1a74b1cbfa81617563eb6978444781ad8421ea9b43e8e7e3c1d0afbdc70861ea32786f47431f407b1f06c3360e0c372a118a5af28c9a82b0710990ef4f6a05df3bed3b546f1d548a43626c2bd371772684b4a072fa4fe4dc950f3598a51d1f5ff204e7044d7f5acf90673ae454c431a7addee6ee9b2de73b5c737e1acaab700d6ca840441bbbd61d23a79e9fd9357f87896b46666884e1ecda88616cc19466d705c85a06455b22abae870ace9f2081110417885a3470576e3fa1fbc62504fa5c727341762d18a17667b23cc306ea8086cd1843fde534003e57f93169b57197f446bfa8a283c8910f2c028d17440b6d322e42ebca939f6735bc2ffb8e1";
const PS256_SALT0: &str = "6535a6c80d337031a8d4240057f340621e9efb5cf8087d2387a5c30c87069229dfcf696bd7bdac26f42cd0df4b430c42e206a6fb2f63f7c93d8214e3a93bd22500a110cfc51ea9720980538c24f03a13aa9b788302feb40356d26a54632a4d8fd4714516f853649e2dfc394c4e8d9018f971ea153cde5b7220fd55b9cbb18c92fcc707c65bcb35b484ede9dc506290b1f3028177325d5114bce1431183092165d0efa77d68ea1be96908f2b59dae43224184bf323c90386c0fd0dcdbe782fadd1bae1efb6f5d9ae66e57e7a59548ee2ad5eef2fc0fb222c05efd79feb1a33ffa48c479f6be1dafb0ce56129bee20da1f98e5ba1370f3f85dbed446b3b3a7e8d4";
const PS256_SALT20: &str = "cd0549064e9e482e81934faaf51dda80f89f872f09622aa5a4a26ade82b17a91eca1ef7923fa31cb2f7af058c11e10219d2039a5ac09ce5abbd033aa6d115cff292a7f6c0ef7259be0971240afef466e05bf241033a69e1da46b9009b03931c1f62708f054ff6182abff2902d0baed880a424895098509ff2848deb2ee549ac2cb132caf1c8c6e27eb284317b7894eda9c8423afc06913e5bf1f66cc86f1e82292fbdac2c0dcc71de5406daf4c7119c5faf9c5e621bedd3b83e6b8733825a5d8244b20bc6ea0b7c19ac8f5d52574f612865e96d18498a8ffd16e2b544f308d72daeefb2cdd06924732af3bc46cf77c2b4591c0adc2cbfae57407c95f067c546f";
const PS256_SALT64: &str = "474016aa45c84b6ad75f204a8f34405aed9a5dc8997e92a86d7191fab285a1e5950165148b9aa36137ff0be37b1073eca008d98d268b6e5f28a5363233acba021efb1762e2decad5763af41c80be533d3c25bfa4e79e8dbe3df94f5afdfdb7bc1b3a333d5ba4788dc9838d68ad1d0050eb98a39f64bea222c2f8b68356329bab9aa92e7f26b60422853d7b57b3dee58a45e84da03332930ba50d19c9eb9a25d5745ac35032f544114d35bec585c794fa1e7373a8233d41f52240f5a6e3763169a6db71d5385d8dca8b0b508b36a5de67fd801ec6b03639a79bcc6bf53cabada361b547c058d444eaef45479ee83a81b6b0da8de44d672ffd7add64b057215b61";
const PS256_MGF1_SHA1: &str = "399afe360d31b40a264699965ae59ca78f09e02376bf4e4545382d6f5ff9f1546c910695919a66ebe6e7219a1b6ddc45a0ea381d2fe4ec9544e1f34bf53d4d6ee7305fea503777d3ea5e52a231353e14dba0c55d406bbca076ae9ac4be64790fe8c440884e4dbda2100b7211d835caa284671ef1e795686b3f63552d597a40a404313041c8b1ad9e27a9e6164981ebdf058194589ec3b84e87555fa66bd1c2d7eeb0a4568e5b4c51829d1e982255a5dc57e612e35f32069c34c38dcb6dfe084419db5e3364d8f60babcac1c49edcb8403d1d44c1c0cc6686182b7dbc9e9f79f80fc359414faf6c72085c8d781ebbac26d8b3c5857b7ebbfc43de4dc88dd75dbb";
const PS384_SALT48: &str = "be5621c2b7d31ccaff166a6e0aced45dc525a2d19bc81c552639ffc33384e6ed0edaef71a4d379ba81c6283c36d925e0f4f815be733ef5bbb51ae7634fc7f850693ae0352be370c0d8e93fefd11dff9b6ded3cee38e189c637b03bc5f29b64fca0bcfe8d4a0bfe8c783df7638b2ca59c3fe4acd6afebd499bee2fe606663bc0c846d03f87f488e28f89b8feed0fcddb163a273e7671600606b94139b40950f86897073aaa687fcd42bf8577fc8e6876425898452e924026f979cd0c7aee1a70311889af0f90fd81ba1250117b46a5ff90f186037bd647880b401ee335dc9f10abb7cb825a7f8a8c998959ae784954d37556cc8173d36ec41ee91d6febeaa9a47";
const PS384_SALT32: &str = "61ff0db1c26eb7d95cf667d8ee535d25cfd7cf64cf879dfa83d77390d6d4005a2c0ec008c00dc2901677fba18d8ea9df60d2e103fd5d5e94531862dc51fe1632ef735489d76b0ce54e83492c7f2ffc75eb16ac6d3ebed33dd6cbc2cc222b54329cca8f7d7518d75390f40644a5e9b950b40157d9464e6c7978b395092633f75b4304edf110f8551ba6aad20d9e96379187675d73a113f091497816b78b5a151a1d6a5feaf4374f11981982caa87ccc50889c1b1b2be07bf7e21da535920c86a2f63f2dc4fd38d409112549d9f529776b5221aa839b86ce7495f3c9512398da07e732b1b55d16bc82cb93961455267f11793dc46830a9f62b5b327aded81ed8e3";
const PS512_SALT64: &str = "0368fc4c6e0168a097786e912f357b7a79c49020c4dedf4fe8d48e1468e7773896d2ccee412d2ca8a893a8abda71207cde99bc7232e25c591e0e0e4ee196228d1b1b3fef6e50a7e8fa16617b8d5f684920ab488b5a21577f722780afc33bea5b95ed1b1509232a244eb99c4820ff911c4a24315954274617f691c17c09323971c80fe0016633ac9e83bedc636834d373904ed4c9a92166229626d86e2de0e946146881822a6e221207d7b684e3e00960a70fb63bdda12eae7b806c43ffc45bb799632ab78ec4313137a0b454b2a5770513897b0b22d533a149a68cf8301ccb3f5f5925aff5d5ef3fe956435890f95c61acbdd4a3f49bfbc3a670c6769ddf2fd0";
const PS512_SALT32: &str = "9663e2e73dfb7d2eb87d7a21e49749b6a9dbce538a01804cc78b9612aedc539d6a0bb4bfb0d4281abfc052e8e8a586d7a93d787a0c556960a5d291161e5d74c65b3f9945dbae6067d9e192723a1635baa5f844ad868f72b9315913036278cbdfffb37749006455d12f7026cd206c9deda16545c31444d93b106f49c7d20836b45a7a7f567d701aa1b2daa7b8f762e0716a085eb561aecc57ccd85efd26ba87abf4551a21a9eea3394da93baf4ea54a1c29af44098f007579693f0d20400f57bc24b1af532de21cb9a92e2ba844e96ec22ad903c33d6cf1f939dd0c0a605efbf540e192fd79f23633d9f8e1f297bea64965b48d137370c857d16954fa1c66023c";
const RS256_OPENSSL: &str = "b9b3f69f7fe19bd4c70d6fb5906472b216c2f2b0c60905e0038b75ea8df4176181a1d051bd58f8ea6be3294f271b7cfd73a8f4d94ef537a23ff8b0984c00fc9cf19384eee1aa96b1c0584828468865c9afc06f43c0212e9471baca74abdedc990e40d87a429de51791c4820f7fe87cf37550487f4bf403afb357f1a52db7ef707c43568705d3fbb5df0b5a40a88d44c14c04bd107d748cd53a38c991d4a63727edd3613c0449672f6515ab2d323d27c78503598081e19548476919028f2de48a022709610b0b07986827764dc599e74475434de9bddbd06eb752b406638b5306992f0dfb2d67744ad02d3c62e8ce06cace7c505abd39d9c47cbdd9c6cb22a6a6";

fn public(alg: Algorithm) -> VerifyingKey {
    VerifyingKey::from_pem(RSA_SPKI_PEM, Some(alg)).unwrap()
}

#[test]
fn openssl_rs256_signature_is_reproduced_and_verifies() {
    // PKCS#1 v1.5 is deterministic: OpenSSL's signature and ours are the same bytes.
    let key = SigningKey::from_pem(RSA_PKCS8_PEM, Some(Algorithm::Rs256)).unwrap();
    assert_eq!(key.sign(MESSAGE.as_bytes()).unwrap(), hex(RS256_OPENSSL));
    public(Algorithm::Rs256)
        .verify(Algorithm::Rs256, MESSAGE.as_bytes(), &hex(RS256_OPENSSL))
        .unwrap();
}

#[test]
fn openssl_pss_signatures_with_the_jwa_salt_verify() {
    for (alg, signature) in [
        (Algorithm::Ps256, PS256_SALT32),
        (Algorithm::Ps384, PS384_SALT48),
        (Algorithm::Ps512, PS512_SALT64),
    ] {
        public(alg)
            .verify(alg, MESSAGE.as_bytes(), &hex(signature))
            .unwrap_or_else(|e| panic!("{alg}: {e}"));
        // And as a compact JWS (the header here is only the signing input's first part).
        let (header, payload) = MESSAGE.split_once('.').unwrap();
        let token = format!("{header}.{payload}.{}", b64(&hex(signature)));
        let mut options = VerifyOptions::new(0);
        options.require_exp = false;
        options.algorithms = vec![alg];
        let result = jose::verify_jwt(&token, &public(alg), &options);
        if alg == Algorithm::Ps256 {
            assert_eq!(result.unwrap().claims["sub"], "pss");
        } else {
            // The header says PS256: a PS384/PS512 key refuses it before any cryptography.
            assert_eq!(err_code(result), "ERR_JWT_ALG_NOT_ALLOWED");
        }
    }
}

#[test]
fn our_pss_signatures_verify_and_are_randomized() {
    for alg in [Algorithm::Ps256, Algorithm::Ps384, Algorithm::Ps512] {
        let key = SigningKey::from_pem(RSA_PKCS8_PEM, Some(alg)).unwrap();
        let first = key.sign(MESSAGE.as_bytes()).unwrap();
        let second = key.sign(MESSAGE.as_bytes()).unwrap();
        assert_ne!(first, second, "{alg}: PSS uses a random salt");
        for signature in [&first, &second] {
            public(alg)
                .verify(alg, MESSAGE.as_bytes(), signature)
                .unwrap();
        }
    }
}

#[test]
fn pss_with_another_salt_length_or_mgf1_hash_is_refused() {
    // RFC 7518 §3.5: PSxxx uses MGF1 with the same hash, and a salt as long as the hash
    // output. Signatures with other parameters are not PSxxx signatures.
    for (alg, signature, what) in [
        (Algorithm::Ps256, PS256_SALT0, "salt 0"),
        (Algorithm::Ps256, PS256_SALT20, "salt 20"),
        (Algorithm::Ps256, PS256_SALT64, "salt 64"),
        (Algorithm::Ps256, PS256_MGF1_SHA1, "MGF1-SHA1"),
        (Algorithm::Ps384, PS384_SALT32, "salt 32"),
        (Algorithm::Ps512, PS512_SALT32, "salt 32"),
    ] {
        assert_eq!(
            err_code(public(alg).verify(alg, MESSAGE.as_bytes(), &hex(signature))),
            "ERR_JWT_SIGNATURE_INVALID",
            "{alg} {what}"
        );
    }
    // A PSS signature is never a PKCS#1 v1.5 one, nor the reverse.
    let unrestricted = VerifyingKey::from_pem(RSA_SPKI_PEM, None).unwrap();
    assert_eq!(
        err_code(unrestricted.verify(Algorithm::Rs256, MESSAGE.as_bytes(), &hex(PS256_SALT32))),
        "ERR_JWT_SIGNATURE_INVALID"
    );
    assert_eq!(
        err_code(unrestricted.verify(Algorithm::Ps256, MESSAGE.as_bytes(), &hex(RS256_OPENSSL))),
        "ERR_JWT_SIGNATURE_INVALID"
    );
}

#[test]
fn small_order_ed25519_keys_verify_nothing() {
    // The identity point (y = 1) as a public key: with R = identity and S = 0, the
    // cofactorless equation [S]B = R + [k]A holds for every message. Strict verification
    // must refuse it (or the import must).
    let mut identity = [0u8; 32];
    identity[0] = 1;
    let jwk = format!(
        r#"{{"kty":"OKP","crv":"Ed25519","x":"{}"}}"#,
        b64(&identity)
    );
    let key = match VerifyingKey::from_jwk_json(&jwk, None) {
        Ok(key) => key,
        // Refusing the key at import is fine too.
        Err(e) => return assert_eq!(e.code(), "ERR_KEY_FORMAT"),
    };
    let mut signature = [0u8; 64];
    signature[0] = 1; // R = identity, S = 0
    for message in [&b""[..], b"anything", MESSAGE.as_bytes()] {
        assert_eq!(
            err_code(key.verify(Algorithm::EdDsa, message, &signature)),
            "ERR_JWT_SIGNATURE_INVALID"
        );
    }
    let token = format!(
        "{}.{}.{}",
        b64(br#"{"alg":"EdDSA"}"#),
        b64(br#"{"exp":9999999999}"#),
        b64(&signature)
    );
    assert_eq!(
        err_code(jose::verify_jwt(&token, &key, &VerifyOptions::new(0))),
        "ERR_JWT_SIGNATURE_INVALID"
    );
}

#[test]
fn non_canonical_ed25519_s_is_refused() {
    // Malleability: S + L (the group order) is the same scalar, non-canonically encoded.
    // RFC 8032 §5.1.7 requires S < L.
    const L: [u8; 32] = [
        0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde,
        0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
    ];
    let mut checked = 0;
    while checked < 4 {
        let key = SigningKey::generate(Algorithm::EdDsa).unwrap();
        let mut signature = key.sign(MESSAGE.as_bytes()).unwrap();
        // S is little-endian in bytes 32..64; add L with carry.
        let mut carry = 0u16;
        for i in 0..32 {
            let sum = u16::from(signature[32 + i]) + u16::from(L[i]) + carry;
            signature[32 + i] = sum as u8;
            carry = sum >> 8;
        }
        // Only S + L < 2^253 fits the encoding's 253 bits (always true here: S < L).
        assert_eq!(carry, 0);
        assert_eq!(signature[63] & 0xe0, 0);
        assert_eq!(
            err_code(
                key.verifying_key()
                    .verify(Algorithm::EdDsa, MESSAGE.as_bytes(), &signature)
            ),
            "ERR_JWT_SIGNATURE_INVALID"
        );
        checked += 1;
    }
}
