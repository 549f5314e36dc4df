use super::*;
use crate::jose::{self, Algorithm, DpopVerifyOptions, SigningKey};
use crate::oauth::ClientAuth;
use crate::secret::SecretString;

const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

fn basic() -> Client {
    // RFC 9126 section 2.1 and RFC 7009 section 2.1 use this client.
    Client::new(
        "https://as.example.com/token",
        "s6BhdRkqt3",
        ClientAuth::ClientSecretBasic {
            secret: SecretString::new("7Fjfp0ZBr1KtDRbnfVdmIw".into()),
        },
    )
    .unwrap()
}

fn header<'a>(r: &'a HttpRequest, name: &str) -> Option<&'a str> {
    r.headers
        .iter()
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.expose_secret())
}

fn authorization() -> AuthorizationRequest<'static> {
    AuthorizationRequest {
        authorization_endpoint: "https://as.example.com/authorize",
        client_id: "s6BhdRkqt3",
        redirect_uri: "https://client.example.org/cb",
        scope: Some("ehr"),
        state: "af0ifjsldkj",
        code_challenge: Some(CHALLENGE),
        extra_params: &[],
    }
}

#[test]
fn the_rfc_9126_pushed_request() {
    let r =
        pushed_authorization_request(&basic(), "https://as.example.com/as/par", &authorization())
            .unwrap();
    assert_eq!(r.method, "POST");
    assert_eq!(r.url, "https://as.example.com/as/par");
    assert_eq!(
        r.body.expose_secret(),
        "response_type=code&client_id=s6BhdRkqt3\
         &redirect_uri=https%3A%2F%2Fclient.example.org%2Fcb&scope=ehr&state=af0ifjsldkj\
         &code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"
    );
    // RFC 9126 section 2.1's Basic credentials for s6BhdRkqt3 / 7Fjfp0ZBr1KtDRbnfVdmIw.
    assert_eq!(
        header(&r, "authorization"),
        Some("Basic czZCaGRSa3F0Mzo3RmpmcDBaQnIxS3REUmJuZlZkbUl3")
    );
    // A public client and client_secret_post send client_id once.
    for auth in [
        ClientAuth::None,
        ClientAuth::ClientSecretPost {
            secret: SecretString::new("s".into()),
        },
    ] {
        let client = Client::new("https://as.example.com/token", "s6BhdRkqt3", auth).unwrap();
        let r = pushed_authorization_request(
            &client,
            "https://as.example.com/as/par",
            &authorization(),
        )
        .unwrap();
        assert_eq!(r.body.expose_secret().matches("client_id=").count(), 1);
    }
    // With a SMART launch.
    let launch = crate::smart::SmartLaunch::ehr("https://ehr.example.com/fhir", "xyz");
    let extra = launch.extra_params(&[]).unwrap();
    let request = AuthorizationRequest {
        extra_params: &extra,
        ..authorization()
    };
    let r =
        pushed_authorization_request(&basic(), "https://as.example.com/as/par", &request).unwrap();
    assert!(r
        .body
        .expose_secret()
        .ends_with("&aud=https%3A%2F%2Fehr.example.com%2Ffhir&launch=xyz"));
    // Refusals.
    let other = AuthorizationRequest {
        client_id: "someone-else",
        ..authorization()
    };
    assert_eq!(
        pushed_authorization_request(&basic(), "https://as.example.com/as/par", &other)
            .unwrap_err()
            .code(),
        "ERR_INVALID_ARGUMENT"
    );
    assert_eq!(
        pushed_authorization_request(&basic(), "http://as.example.com/as/par", &authorization())
            .unwrap_err()
            .code(),
        "ERR_URL_INVALID"
    );
}

#[test]
fn pushed_authorization_responses() {
    // RFC 9126 section 2.2.
    let r = parse_pushed_authorization_response(
        201,
        r#"{"request_uri":"urn:ietf:params:oauth:request_uri:6esc_11ACC5bwc014ltc14eY22c","expires_in":60}"#,
    )
    .unwrap();
    assert_eq!(
        r.request_uri,
        "urn:ietf:params:oauth:request_uri:6esc_11ACC5bwc014ltc14eY22c"
    );
    assert_eq!(r.expires_in, 60);
    assert_eq!(
        parse_pushed_authorization_response(200, r#"{"request_uri":"u","expires_in":"90"}"#)
            .unwrap()
            .expires_in,
        90
    );
    assert_eq!(
        parse_pushed_authorization_response(
            400,
            r#"{"error":"invalid_request","error_description":"The redirect_uri is not valid for the given client"}"#
        )
        .unwrap_err(),
        Error::OAuthEndpointError {
            endpoint: "pushed authorization request",
            status: 400,
            error: "invalid_request".into(),
            description: Some("The redirect_uri is not valid for the given client".into()),
        }
    );
    for (status, body) in [
        (201, "{}"),
        (201, r#"{"request_uri":"u"}"#),
        (201, r#"{"request_uri":5,"expires_in":60}"#),
        (201, "not json"),
        (500, ""),
        (201, r#"{"error":7}"#),
    ] {
        assert_eq!(
            parse_pushed_authorization_response(status, body)
                .unwrap_err()
                .code(),
            "ERR_OAUTH_RESPONSE_INVALID",
            "{status} {body}"
        );
    }
    assert_eq!(
        parse_pushed_authorization_response(0, "{}")
            .unwrap_err()
            .code(),
        "ERR_INVALID_ARGUMENT"
    );
    let big = "x".repeat(crate::limits::RESPONSE_BYTES + 1);
    assert_eq!(
        parse_pushed_authorization_response(201, &big)
            .unwrap_err()
            .code(),
        "ERR_INPUT_TOO_LARGE"
    );
}

#[test]
fn the_authorization_url_after_par() {
    let url = crate::oauth::pushed_authorization_url(
        "https://as.example.com/authorize?tenant=1",
        "s6BhdRkqt3",
        "urn:ietf:params:oauth:request_uri:6esc_11ACC5bwc014ltc14eY22c",
    )
    .unwrap();
    assert_eq!(
        url,
        "https://as.example.com/authorize?tenant=1&client_id=s6BhdRkqt3\
         &request_uri=urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3A6esc_11ACC5bwc014ltc14eY22c"
    );
    for (endpoint, client, uri, code) in [
        ("http://as.example.com/a", "c", "u", "ERR_URL_INVALID"),
        ("https://as.example.com/a", "", "u", "ERR_INVALID_ARGUMENT"),
        ("https://as.example.com/a", "c", "", "ERR_INVALID_ARGUMENT"),
    ] {
        assert_eq!(
            crate::oauth::pushed_authorization_url(endpoint, client, uri)
                .unwrap_err()
                .code(),
            code
        );
    }
}

#[test]
fn revocation_and_introspection_requests() {
    // RFC 7009 section 2.1.
    let r = revocation_request(
        &basic(),
        "https://server.example.com/revoke",
        "45ghiukldjahdnhzdauz",
        Some("refresh_token"),
    )
    .unwrap();
    assert_eq!(
        r.body.expose_secret(),
        "token=45ghiukldjahdnhzdauz&token_type_hint=refresh_token"
    );
    assert_eq!(r.url, "https://server.example.com/revoke");
    assert!(header(&r, "authorization").is_some());
    // RFC 7662 section 2.1 (its example with client_secret_post credentials instead).
    let client = Client::new(
        "https://server.example.com/token",
        "app",
        ClientAuth::ClientSecretPost {
            secret: SecretString::new("s".into()),
        },
    )
    .unwrap();
    let r = introspection_request(
        &client,
        "https://server.example.com/introspect",
        "mF_9.B5f-4.1JqM",
        Some("access_token"),
    )
    .unwrap();
    assert_eq!(
        r.body.expose_secret(),
        "token=mF_9.B5f-4.1JqM&token_type_hint=access_token&client_id=app&client_secret=s"
    );
    let public = Client::new("https://s/token", "app", ClientAuth::None).unwrap();
    let r = revocation_request(&public, "https://s/revoke", "t", None).unwrap();
    assert_eq!(r.body.expose_secret(), "token=t&client_id=app");
    for (token, hint, code) in [
        ("", None, "ERR_INVALID_ARGUMENT"),
        ("t", Some(""), "ERR_INVALID_ARGUMENT"),
        ("t", Some("a b"), "ERR_INVALID_ARGUMENT"),
    ] {
        assert_eq!(
            revocation_request(&public, "https://s/revoke", token, hint)
                .unwrap_err()
                .code(),
            code
        );
        assert_eq!(
            introspection_request(&public, "https://s/introspect", token, hint)
                .unwrap_err()
                .code(),
            code
        );
    }
    assert_eq!(
        revocation_request(&public, "http://s/revoke", "t", None)
            .unwrap_err()
            .code(),
        "ERR_URL_INVALID"
    );
}

#[test]
fn revocation_responses() {
    assert!(parse_revocation_response(200, "").is_ok());
    assert!(parse_revocation_response(200, "{}").is_ok());
    assert_eq!(
        parse_revocation_response(400, r#"{"error":"unsupported_token_type"}"#)
            .unwrap_err()
            .code(),
        "ERR_OAUTH_ENDPOINT_ERROR"
    );
    assert_eq!(
        parse_revocation_response(503, "").unwrap_err().code(),
        "ERR_OAUTH_RESPONSE_INVALID"
    );
}

#[test]
fn introspection_responses() {
    // RFC 7662 section 2.2, with a DPoP binding (RFC 9449 section 6.2) and SMART context.
    let i = parse_introspection_response(
        200,
        r#"{"active":true,"client_id":"l238j323ds-23ij4","username":"jdoe",
            "scope":"read write dolphin","sub":"Z5O3upPC88QrAjx00dis",
            "aud":"https://protected.example.net/resource","iss":"https://server.example.com/",
            "exp":1419356238,"iat":1419350238,"extension_field":"twenty-seven",
            "token_type":"DPoP","cnf":{"jkt":"0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"},
            "patient":"123","need_patient_banner":false}"#,
    )
    .unwrap();
    assert!(i.active);
    assert_eq!(i.client_id.as_deref(), Some("l238j323ds-23ij4"));
    assert_eq!(i.scope.as_deref(), Some("read write dolphin"));
    assert_eq!(i.exp, Some(1_419_356_238));
    assert_eq!(i.aud, ["https://protected.example.net/resource"]);
    assert_eq!(
        i.cnf_jkt.as_deref(),
        Some("0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I")
    );
    let context = i.launch_context.as_ref().unwrap();
    assert_eq!(context.patient.as_deref(), Some("123"));
    assert_eq!(context.need_patient_banner, Some(false));
    assert_eq!(i.extra.len(), 1);
    let json = i.to_json();
    assert_eq!(
        json["cnf"]["jkt"],
        "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"
    );
    assert_eq!(json["launchContext"]["patient"], "123");
    assert_eq!(json["tokenType"], "DPoP");
    // Inactive: nothing else is kept.
    let i = parse_introspection_response(200, r#"{"active":false,"sub":"x"}"#).unwrap();
    assert_eq!(i, Introspection::inactive());
    assert_eq!(
        Value::Object(i.to_json()),
        serde_json::json!({ "active": false })
    );
    assert!(
        parse_introspection_response(200, r#"{"active":"true","exp":"1419356238"}"#)
            .unwrap()
            .exp
            == Some(1_419_356_238)
    );
    for (status, body, code) in [
        (200, "{}", "ERR_OAUTH_RESPONSE_INVALID"),
        (200, r#"{"active":1}"#, "ERR_OAUTH_RESPONSE_INVALID"),
        (200, "[]", "ERR_OAUTH_RESPONSE_INVALID"),
        (
            401,
            r#"{"error":"invalid_client"}"#,
            "ERR_OAUTH_ENDPOINT_ERROR",
        ),
        (401, "", "ERR_OAUTH_RESPONSE_INVALID"),
    ] {
        assert_eq!(
            parse_introspection_response(status, body)
                .unwrap_err()
                .code(),
            code,
            "{status} {body}"
        );
    }
}

#[test]
fn requests_carry_a_dpop_proof() {
    let key = SigningKey::generate(Algorithm::Es256).unwrap();
    let now = 1_700_000_000;
    let client = Client::new("https://as.example.com/token", "app", ClientAuth::None).unwrap();
    let r = crate::oauth::refresh_request(&client, "rt", None)
        .unwrap()
        .with_dpop(&key, Some("server-nonce"), now, Some("jti-1"))
        .unwrap();
    let proof = header(&r, "dpop").unwrap().to_owned();
    let mut verify = DpopVerifyOptions::new("POST", "https://as.example.com/token", now);
    verify.nonce = Some("server-nonce".into());
    let v = jose::verify_dpop_proof(&proof, &verify).unwrap();
    assert_eq!(v.jti, "jti-1");
    assert_eq!(v.jkt, key.thumbprint().unwrap());
    // The PAR endpoint's URL, not the token endpoint's.
    let r =
        pushed_authorization_request(&basic(), "https://as.example.com/as/par", &authorization())
            .unwrap()
            .with_dpop(&key, None, now, None)
            .unwrap();
    let proof = header(&r, "dpop").unwrap().to_owned();
    assert!(jose::verify_dpop_proof(
        &proof,
        &DpopVerifyOptions::new("POST", "https://as.example.com/as/par", now)
    )
    .is_ok());
    // One proof only, and only a compact JWS.
    assert_eq!(
        r.with_dpop_proof(&proof).unwrap_err().code(),
        "ERR_INVALID_ARGUMENT"
    );
    let r = crate::oauth::refresh_request(&client, "rt", None).unwrap();
    assert_eq!(
        r.with_dpop_proof("not a proof").unwrap_err().code(),
        "ERR_INVALID_ARGUMENT"
    );
}

mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn never_panics(status in any::<u16>(), body in any::<String>()) {
            let _ = parse_pushed_authorization_response(status, &body);
            let _ = parse_revocation_response(status, &body);
            let _ = parse_introspection_response(status, &body);
        }
    }
}
