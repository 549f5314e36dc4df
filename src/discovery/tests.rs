use super::*;

/// The example of SMART App Launch v2 section 2.1.2, as the author remembers it.
const SMART_EXAMPLE: &str = r#"{
  "issuer": "https://ehr.example.com",
  "jwks_uri": "https://ehr.example.com/.well-known/jwks.json",
  "authorization_endpoint": "https://ehr.example.com/auth/authorize",
  "grant_types_supported": ["authorization_code", "client_credentials"],
  "token_endpoint": "https://ehr.example.com/auth/token",
  "token_endpoint_auth_methods_supported": ["client_secret_basic", "private_key_jwt"],
  "registration_endpoint": "https://ehr.example.com/auth/register",
  "scopes_supported": ["openid", "profile", "launch", "launch/patient", "patient/*.rs", "user/*.rs", "offline_access"],
  "response_types_supported": ["code"],
  "management_endpoint": "https://ehr.example.com/user/manage",
  "introspection_endpoint": "https://ehr.example.com/user/introspect",
  "revocation_endpoint": "https://ehr.example.com/user/revoke",
  "code_challenge_methods_supported": ["S256"],
  "capabilities": ["launch-ehr", "permission-patient", "permission-v2", "client-public",
    "client-confidential-symmetric", "context-ehr-patient", "sso-openid-connect"]
}"#;

fn codes(metadata: &Metadata) -> Vec<&'static str> {
    metadata.warnings.iter().map(|w| w.code).collect()
}

#[test]
fn the_smart_example_parses_without_warnings() {
    let m = parse_smart_configuration(SMART_EXAMPLE, Some("https://ehr.example.com/fhir")).unwrap();
    assert_eq!(m.kind, MetadataKind::Smart);
    assert_eq!(
        m.fhir_base_url.as_deref(),
        Some("https://ehr.example.com/fhir")
    );
    assert_eq!(
        m.token_endpoint.as_deref(),
        Some("https://ehr.example.com/auth/token")
    );
    assert_eq!(
        m.management_endpoint.as_deref(),
        Some("https://ehr.example.com/user/manage")
    );
    assert!(m.has_capability("sso-openid-connect") && !m.has_capability("launch-standalone"));
    assert!(m.supports_pkce_s256());
    assert_eq!(m.warnings, []);
    assert!(m.extra.is_empty());
    let json = m.to_json();
    assert_eq!(json["kind"], "smart");
    assert_eq!(
        json["revocationEndpoint"],
        "https://ehr.example.com/user/revoke"
    );
    assert_eq!(json["codeChallengeMethodsSupported"][0], "S256");
}

#[test]
fn a_minimal_smart_configuration_is_usable_with_warnings() {
    let m = parse_smart_configuration(r#"{"token_endpoint":"https://e/token"}"#, None).unwrap();
    assert_eq!(
        codes(&m),
        [
            "capabilities_missing",
            "code_challenge_methods_missing",
            "grant_types_missing"
        ]
    );
    assert!(m.capabilities.is_empty() && m.fhir_base_url.is_none());
}

#[test]
fn deviations_are_tolerated_and_reported() {
    let m = parse_smart_configuration(
        r#"{"token_endpoint":"https://e/token","authorization_endpoint":"https://e/auth",
            "capabilities":"launch-standalone client-public sso-openid-connect",
            "code_challenge_methods_supported":["S256","plain"],
            "grant_types_supported":["authorization_code",7],
            "scopes_supported":{"x":1},
            "revocation_endpoint":"",
            "require_pushed_authorization_requests":"true",
            "associated_endpoints":[{"url":"https://e/x","capabilities":[]}]}"#,
        None,
    )
    .unwrap();
    assert_eq!(
        codes(&m),
        [
            "empty_endpoint",
            "list_as_string",
            "member_wrong_type",
            "list_item_not_string",
            "flag_as_string",
            "pkce_plain_offered",
            "openid_members_missing"
        ]
    );
    assert_eq!(m.capabilities.len(), 3);
    assert_eq!(
        m.grant_types_supported.as_deref(),
        Some(&["authorization_code".to_owned()][..])
    );
    assert!(m.scopes_supported.is_none() && m.revocation_endpoint.is_none());
    assert!(m.require_pushed_authorization_requests);
    assert!(m.extra.contains_key("associated_endpoints"));
    assert_eq!(m.warnings[0].member, Some("revocation_endpoint"));
}

#[test]
fn broken_documents_are_refused() {
    for (json, code) in [
        ("", "ERR_DISCOVERY_INVALID"),
        ("[]", "ERR_DISCOVERY_INVALID"),
        ("{}", "ERR_DISCOVERY_INVALID"),
        (r#"{"token_endpoint":5}"#, "ERR_DISCOVERY_INVALID"),
        (
            r#"{"token_endpoint":"https://e/t","capabilities":["launch-ehr"]}"#,
            "ERR_DISCOVERY_INVALID",
        ),
        (r#"{"token_endpoint":"http://e/t"}"#, "ERR_URL_INVALID"),
        (
            r#"{"token_endpoint":"https://e/t","jwks_uri":"http://e/jwks"}"#,
            "ERR_URL_INVALID",
        ),
        (
            r#"{"token_endpoint":"https://e/t","code_challenge_methods_supported":["plain"]}"#,
            "ERR_DISCOVERY_PKCE_PLAIN_ONLY",
        ),
    ] {
        assert_eq!(
            parse_smart_configuration(json, None).unwrap_err().code(),
            code,
            "{json}"
        );
    }
    let e = parse_smart_configuration(r#"{"token_endpoint":"http://e/t"}"#, None).unwrap_err();
    assert!(matches!(
        e,
        Error::UrlInvalid {
            name: "token_endpoint",
            ..
        }
    ));
    // Loopback http is fine (tests, native apps).
    assert!(
        parse_smart_configuration(r#"{"token_endpoint":"http://127.0.0.1:8080/t"}"#, None).is_ok()
    );
    assert_eq!(
        parse_smart_configuration("{}", Some("http://ehr/fhir"))
            .unwrap_err()
            .code(),
        "ERR_URL_INVALID"
    );
    let big = format!(
        r#"{{"token_endpoint":"https://e/t","x":"{}"}}"#,
        "x".repeat(crate::limits::RESPONSE_BYTES)
    );
    assert_eq!(
        parse_smart_configuration(&big, None).unwrap_err().code(),
        "ERR_INPUT_TOO_LARGE"
    );
}

const OPENID: &str = r#"{
  "issuer": "https://server.example.com",
  "authorization_endpoint": "https://server.example.com/connect/authorize",
  "token_endpoint": "https://server.example.com/connect/token",
  "jwks_uri": "https://server.example.com/jwks.json",
  "response_types_supported": ["code", "code id_token", "id_token", "id_token token"],
  "subject_types_supported": ["public", "pairwise"],
  "id_token_signing_alg_values_supported": ["RS256", "ES256", "HS256"],
  "code_challenge_methods_supported": ["S256"],
  "end_session_endpoint": "https://server.example.com/connect/end_session"
}"#;

#[test]
fn openid_configuration_and_its_issuer() {
    let m = parse_openid_configuration(OPENID, "https://server.example.com").unwrap();
    assert_eq!(m.kind, MetadataKind::OpenId);
    assert_eq!(m.warnings, []);
    assert_eq!(
        m.id_token_signing_alg_values_supported
            .as_ref()
            .map(Vec::len),
        Some(3)
    );
    assert!(m.extra.contains_key("subject_types_supported"));
    assert!(m.extra.contains_key("end_session_endpoint"));
    for expected in [
        "https://server.example.com/",
        "https://SERVER.example.com",
        "https://evil.example.com",
    ] {
        let e = parse_openid_configuration(OPENID, expected).unwrap_err();
        assert_eq!(e.code(), "ERR_DISCOVERY_ISSUER_MISMATCH", "{expected}");
    }
    let no_issuer = OPENID.replace("\"issuer\"", "\"x\"");
    assert_eq!(
        parse_openid_configuration(&no_issuer, "https://server.example.com")
            .unwrap_err()
            .code(),
        "ERR_DISCOVERY_INVALID"
    );
    let no_jwks = OPENID.replace("\"jwks_uri\"", "\"x\"");
    assert_eq!(
        parse_openid_configuration(&no_jwks, "https://server.example.com")
            .unwrap_err()
            .code(),
        "ERR_DISCOVERY_INVALID"
    );
    let insecure = OPENID.replace(
        "https://server.example.com/jwks",
        "http://server.example.com/jwks",
    );
    assert_eq!(
        parse_openid_configuration(&insecure, "https://server.example.com")
            .unwrap_err()
            .code(),
        "ERR_URL_INVALID"
    );
    let sparse =
        r#"{"issuer":"https://i","authorization_endpoint":"https://i/a","jwks_uri":"https://i/j"}"#;
    let m = parse_openid_configuration(sparse, "https://i").unwrap();
    assert_eq!(
        codes(&m),
        [
            "code_challenge_methods_missing",
            "token_endpoint_missing",
            "response_types_missing",
            "subject_types_missing",
            "id_token_signing_algs_missing"
        ]
    );
}

#[test]
fn authorization_server_metadata() {
    let json = r#"{"issuer":"https://as.example.com/t1","token_endpoint":"https://as.example.com/t1/token",
        "response_types_supported":["code"],"code_challenge_methods_supported":["S256"],
        "pushed_authorization_request_endpoint":"https://as.example.com/t1/par",
        "require_pushed_authorization_requests":true,"dpop_signing_alg_values_supported":["ES256"],
        "authorization_response_iss_parameter_supported":true}"#;
    let m = parse_authorization_server_metadata(json, "https://as.example.com/t1").unwrap();
    assert_eq!(m.kind, MetadataKind::OAuth);
    assert!(m.require_pushed_authorization_requests);
    assert!(m.authorization_response_iss_parameter_supported);
    assert_eq!(m.warnings, []);
    assert_eq!(
        parse_authorization_server_metadata(json, "https://as.example.com")
            .unwrap_err()
            .code(),
        "ERR_DISCOVERY_ISSUER_MISMATCH"
    );
}

#[test]
fn the_urls_to_try() {
    let urls = |u: &str| -> Vec<(MetadataKind, String, Option<String>, Option<String>)> {
        discovery_urls(u)
            .unwrap()
            .into_iter()
            .map(|c| (c.kind, c.url, c.issuer, c.fhir_base_url))
            .collect()
    };
    let s = |x: &str| Some(x.to_owned());
    assert_eq!(
        urls("https://ehr.example.com/fhir/r4/"),
        [
            (
                MetadataKind::Smart,
                "https://ehr.example.com/fhir/r4/.well-known/smart-configuration".into(),
                None,
                s("https://ehr.example.com/fhir/r4/")
            ),
            (
                MetadataKind::OpenId,
                "https://ehr.example.com/fhir/r4/.well-known/openid-configuration".into(),
                s("https://ehr.example.com/fhir/r4/"),
                None
            ),
            (
                MetadataKind::OAuth,
                "https://ehr.example.com/.well-known/oauth-authorization-server/fhir/r4".into(),
                s("https://ehr.example.com/fhir/r4/"),
                None
            ),
            (
                MetadataKind::OAuth,
                "https://ehr.example.com/fhir/r4/.well-known/oauth-authorization-server".into(),
                s("https://ehr.example.com/fhir/r4/"),
                None
            ),
        ]
    );
    assert_eq!(urls("http://127.0.0.1:3000").len(), 3);
    assert_eq!(
        urls("http://127.0.0.1:3000")[2].1,
        "http://127.0.0.1:3000/.well-known/oauth-authorization-server"
    );
    // A well-known URL alone, with the base or issuer it implies.
    assert_eq!(
        urls("https://i.example/.well-known/openid-configuration"),
        [(
            MetadataKind::OpenId,
            "https://i.example/.well-known/openid-configuration".into(),
            s("https://i.example"),
            None
        )]
    );
    assert_eq!(
        urls("https://i.example/.well-known/oauth-authorization-server/t1")[0].2,
        s("https://i.example/t1")
    );
    assert_eq!(
        urls("https://i.example/t1/.well-known/oauth-authorization-server")[0].2,
        s("https://i.example/t1")
    );
    assert_eq!(
        urls("https://ehr.example/fhir/.well-known/smart-configuration")[0].3,
        s("https://ehr.example/fhir")
    );
    for bad in [
        "http://ehr.example.com/fhir",
        "https://ehr.example.com/fhir?tenant=1",
        "https://ehr.example.com/.well-known/jwks.json",
        "https://i.example/t1/.well-known/oauth-authorization-server/t2",
        "ehr.example.com",
    ] {
        assert_eq!(
            discovery_urls(bad).unwrap_err().code(),
            "ERR_URL_INVALID",
            "{bad}"
        );
    }
    // Each candidate parses with its own checks.
    let candidates = discovery_urls("https://server.example.com").unwrap();
    assert_eq!(
        candidates[1].parse(OPENID).unwrap().kind,
        MetadataKind::OpenId
    );
    assert_eq!(
        candidates[2].parse(OPENID).unwrap().kind,
        MetadataKind::OAuth
    );
    assert_eq!(
        candidates[0]
            .parse(OPENID)
            .unwrap()
            .fhir_base_url
            .as_deref(),
        Some("https://server.example.com")
    );
}

mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn never_panics(json in any::<String>(), url in any::<String>()) {
            let _ = parse_smart_configuration(&json, None);
            let _ = parse_openid_configuration(&json, "https://i");
            let _ = discovery_urls(&url);
            let _ = crate::url::normalize_http_uri(&url);
        }

        #[test]
        fn lists_of_any_shape_never_panic(value in "[\\[\\]{}\",: a-z0-9]{0,40}") {
            let json = format!(r#"{{"token_endpoint":"https://e/t","capabilities":{value},"code_challenge_methods_supported":{value}}}"#);
            let _ = parse_smart_configuration(&json, None);
        }
    }
}
