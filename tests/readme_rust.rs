//! The README's "Use from Rust" snippets, compiled and run. Each module below holds one
//! snippet between `README:begin` and `README:end` markers; `readme_blocks_are_these_snippets`
//! checks that the ```rust blocks under that heading are exactly these, in this order, so the
//! README cannot drift from code that builds and passes.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

mod pkce_and_state {
    // README:begin
    use healthauth::pkce::{self, Pkce};

    fn main() -> Result<(), healthauth::Error> {
        let pair = Pkce::generate()?; // the verifier is a SecretString: Debug prints [redacted]
        let (verifier, challenge) = (pair.verifier().expose_secret(), pair.challenge());
        assert!(pkce::verify_s256(verifier, challenge)); // constant time
        let state = healthauth::random_state(32)?; // 256 random bits, base64url
        assert_eq!(state.len(), 43);
        assert_eq!(
            pkce::challenge_s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")?,
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM" // RFC 7636 Appendix B
        );
        Ok(())
    }
    // README:end

    #[test]
    fn runs() {
        main().unwrap();
    }
}

mod jose_sign_verify_assert {
    // README:begin
    use healthauth::jose::{self, Algorithm, ClientAssertionOptions, JsonObject, KeySet};
    use healthauth::jose::{SigningKey, VerifyOptions};
    use healthauth::limits::JWK_BYTES;

    fn main() -> Result<(), healthauth::Error> {
        // Generate a key, or import yours: SigningKey::from_pem(pem, Some(Algorithm::Rs384)),
        // SigningKey::from_jwk(&jwk, None). Its kid is the RFC 7638 thumbprint.
        let key = SigningKey::generate(Algorithm::Es384)?;
        let published = jose::jwks([&key.verifying_key()])?; // {"keys":[{kty, crv, x, y, kid, ...}]}

        // A client assertion for Redox or SMART Backend Services (RFC 7523): iss = sub = the
        // client id, aud = the token endpoint, exp = iat + 300 s, a random jti.
        let now = 1_700_000_000; // Unix seconds: the core never reads a clock
        let token_url = "https://api.redoxengine.com/v2/auth/token";
        let options = ClientAssertionOptions::new("my-client", token_url, now);
        let assertion = jose::client_assertion(&key, &options)?;

        // Any claims: sign_jwt(key, claims, extra header parameters).
        let mut claims = JsonObject::new();
        claims.insert("sub".into(), "patient-app".into());
        claims.insert("exp".into(), (now + 60).into());
        let token = jose::sign_jwt(&key, &claims, &JsonObject::new())?;

        // Strict verification: the key's own algorithm, `exp` required, `aud`/`iss` checked.
        let mut options = VerifyOptions::new(now);
        options.audience = Some(vec![token_url.into()]);
        options.issuer = Some("my-client".into());
        let verified = jose::verify_jwt(&assertion, &key.verifying_key(), &options)?;
        assert_eq!(verified.claims["sub"], "my-client");

        // A receiver of your JWKS (JSON text, here through serde_json) picks the key by kid.
        let jwks_json = serde_json::to_string(&published).unwrap_or_default();
        let keys = KeySet::parse(&jwks_json, JWK_BYTES)?;
        let verified = keys.verify_jwt(&token, &VerifyOptions::new(now))?;
        assert_eq!(verified.header["alg"], "ES384");
        Ok(())
    }
    // README:end

    #[test]
    fn runs() {
        main().unwrap();
    }
}

mod webhooks_and_redox {
    // README:begin
    use healthauth::webhook::{self, redox, Headers, Scheme, VerifyOptions};
    use healthauth::SecretString;

    fn main() -> Result<(), healthauth::Error> {
        // Standard Webhooks' reference vector. Verify the raw body bytes, never a re-serialized body.
        let secret = SecretString::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw".into());
        let body = br#"{"test": 2432232314}"#;
        let headers = [
            ("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek"),
            ("webhook-timestamp", "1614265330"),
            (
                "webhook-signature",
                "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
            ),
        ];
        let now = 1_614_265_330; // within 300 s of the signed timestamp, either way
        let secrets = [secret];
        let options = VerifyOptions::at(now);
        let verified = webhook::verify(
            &Scheme::Standard,
            body,
            headers.as_slice(),
            &secrets,
            &options,
        )?;
        assert_eq!(verified.id.as_deref(), Some("msg_p5jXN8AQM9LWM0D4loKWxJek"));

        // Sign as a sender: the headers to set (Scheme::Telesoft, Github, Stripe, HmacHex, ...).
        let id = Some("msg_p5jXN8AQM9LWM0D4loKWxJek");
        let signed = webhook::sign(&Scheme::Standard, body, &secrets, id, now)?;
        assert_eq!(signed.header("webhook-signature"), Some(headers[2].1));

        // Redox destination verification: check the token, answer with the challenge.
        let token = SecretString::new("redox-verification-token".into());
        let post = br#"{"verification-token":"redox-verification-token","challenge":"abc"}"#;
        let challenge = redox::challenge(redox::Handshake::Body(post), None, &[token])?;
        assert_eq!(challenge, "abc");
        Ok(())
    }
    // README:end

    #[test]
    fn runs() {
        main().unwrap();
    }
}

mod oauth_flow {
    // README:begin
    use healthauth::oauth::{self, AuthorizationRequest, Client, ClientAuth};
    use healthauth::{pkce::Pkce, providers, random_state, SecretString};

    fn main() -> Result<(), healthauth::Error> {
        let telesoft = providers::telesoft();
        let redirect_uri = "https://your-app.com/callback";
        let (pkce, state) = (Pkce::generate()?, random_state(32)?); // keep both server-side
        let endpoint = telesoft
            .authorization_endpoint
            .as_deref()
            .unwrap_or_default();
        let url = oauth::authorization_url(&AuthorizationRequest {
            authorization_endpoint: endpoint,
            client_id: "YOUR_CLIENT_ID",
            redirect_uri,
            scope: Some("read:patient_data write:medical_records"),
            state: &state,
            code_challenge: Some(pkce.challenge()),
            extra_params: &[],
        })?;
        assert!(url.starts_with("https://auth.telesoft.us/oauth/authorize?response_type=code"));

        // The callback: state checked in constant time (RFC 9207 `iss` too, when expected).
        let callback_url = format!("{redirect_uri}?code=abc&state={state}");
        let callback = oauth::parse_callback(&callback_url, &state, None)?;

        // Token requests are values to send with your HTTP client: method, url, headers, body.
        let secret = SecretString::new("YOUR_CLIENT_SECRET".into());
        let auth = ClientAuth::ClientSecretJson { secret }; // or ClientSecretBasic, Assertion, ...
        let client = Client::new(&telesoft.token_endpoint, "YOUR_CLIENT_ID", auth)?;
        let code = callback.code.expose_secret();
        let verifier = Some(pkce.verifier().expose_secret());
        let request = oauth::code_exchange_request(&client, code, redirect_uri, verifier)?;
        assert_eq!(request.url, "https://auth.telesoft.us/oauth/token");
        // Later: oauth::refresh_request(&client, refresh_token, None); backend services:
        // oauth::client_credentials_request with ClientAuth::Assertion (jose::client_assertion).

        // The response: lenient where providers deviate, refresh due 60 s before expiry.
        let body = r#"{"access_token":"at","expires_in":"7200","token_type":"bearer"}"#;
        let timing = oauth::TokenResponseOptions::at(1_700_000_000); // and refresh_skew_seconds, ...
        let token = oauth::parse_token_response(200, body, &timing)?;
        assert_eq!(
            (token.token_type.as_str(), token.refresh_at),
            ("Bearer", Some(1_700_007_140))
        );
        Ok(())
    }
    // README:end

    #[test]
    fn runs() {
        main().unwrap();
    }
}

mod providers_and_cidr {
    // README:begin
    use healthauth::providers::{self, UpdoxCredentials};
    use healthauth::{net, SecretString};

    fn main() -> Result<(), healthauth::Error> {
        // Presets: endpoints and rules (assertion algorithms, lifetimes, kid, PKCE).
        let redox = providers::redox(None)?;
        assert_eq!(
            redox.token_endpoint,
            "https://api.redoxengine.com/v2/auth/token"
        );
        assert!(providers::smart("https://ehr.example/oauth2/token")?.kid_required);
        assert!(providers::digitail("https://clinic.example")?.pkce_required);

        // Updox: application or individual auth, never a mix (ERR_UPDOX_AUTH_MIXED).
        let auth = providers::updox_auth(&UpdoxCredentials {
            application_id: Some("updox".into()),
            application_password: Some(SecretString::new("app-password".into())),
            ..Default::default()
        })?;
        assert_eq!(auth.to_json()["auth"]["applicationId"], "updox");

        // Telesoft API keys: the environment, and a form safe to log.
        let key = providers::parse_api_key("ts_test_4eC39HqLyjWDarjtT1zdp7dc")?;
        assert_eq!(key.redacted(), "ts_test_****p7dc");

        // IP allowlists, IPv4 and IPv6, strictly parsed; a bad entry is an error, not a miss.
        assert!(net::ip_allowed(
            "203.0.113.7",
            &["203.0.113.0/24", "198.51.100.42"]
        )?);
        assert!(!net::ip_allowed("2001:db8::1", &["203.0.113.0/24"])?);
        Ok(())
    }
    // README:end

    #[test]
    fn runs() {
        main().unwrap();
    }
}

mod smart_oidc_dpop {
    // README:begin
    use healthauth::jose::{self, Algorithm, DpopOptions, DpopVerifyOptions, IdTokenOptions};
    use healthauth::jose::{JsonObject, KeySet, SigningKey};
    use healthauth::oauth::{self, AuthorizationRequest, Client, ClientAuth};
    use healthauth::{discovery, pkce::Pkce, random_state, smart, SecretString};

    fn main() -> Result<(), healthauth::Error> {
        // Discovery: the URLs to fetch for a FHIR base, in order; the first document that parses.
        let fhir = "https://ehr.example.com/fhir";
        let candidates = discovery::discovery_urls(fhir)?; // smart-configuration first
        let body = r#"{"issuer": "https://ehr.example.com", "jwks_uri": "https://ehr.example.com/jwks",
            "authorization_endpoint": "https://ehr.example.com/authorize",
            "token_endpoint": "https://ehr.example.com/token",
            "capabilities": ["launch-ehr", "client-public", "sso-openid-connect"],
            "code_challenge_methods_supported": ["S256"], "grant_types_supported": ["authorization_code"]}"#;
        let metadata = candidates[0].parse(body)?; // https endpoints, S256, warnings
        let endpoint = metadata
            .authorization_endpoint
            .as_deref()
            .unwrap_or_default();

        // EHR launch: aud is the FHIR base, launch comes from the EHR, PKCE S256 is required.
        let (pkce, state, nonce) = (Pkce::generate()?, random_state(32)?, random_state(32)?);
        let url = smart::authorization_url(
            &AuthorizationRequest {
                authorization_endpoint: endpoint,
                client_id: "growth-chart",
                redirect_uri: "https://app.example.com/cb",
                scope: Some("launch openid fhirUser patient/Observation.rs"),
                state: &state,
                code_challenge: Some(pkce.challenge()),
                extra_params: &[("nonce", &nonce)],
            },
            &smart::SmartLaunch::ehr(fhir, "xyz123"),
        )?;
        assert!(url.contains("&aud=https%3A%2F%2Fehr.example.com%2Ffhir&launch=xyz123"));

        // The token response: launch context, and the granted scopes with v2 semantics.
        let now: i64 = 1_700_000_000;
        let body = r#"{"access_token": "at", "expires_in": 3600, "patient": "123",
            "scope": "launch openid fhirUser patient/*.rs", "need_patient_banner": true}"#;
        let token =
            oauth::parse_token_response(200, body, &oauth::TokenResponseOptions::at(now as u64))?;
        let patient = token.launch_context().and_then(|context| context.patient);
        assert_eq!(patient.as_deref(), Some("123"));
        let granted = token.scope.as_deref().unwrap_or_default();
        assert!(smart::scopes_satisfy(granted, "patient/Observation.r")?);

        // The ID token, verified against the issuer's JWKS (here a key made for the example).
        let issuer_key = SigningKey::generate(Algorithm::Es256)?;
        let mut claims = JsonObject::new();
        for (name, value) in [
            ("iss", "https://ehr.example.com"),
            ("aud", "growth-chart"),
            ("sub", "u1"),
            ("nonce", nonce.as_str()),
            ("fhirUser", "Practitioner/9"),
        ] {
            claims.insert(name.into(), value.into());
        }
        claims.insert("iat".into(), now.into());
        claims.insert("exp".into(), (now + 300).into());
        let id_token = jose::sign_jwt(&issuer_key, &claims, &JsonObject::new())?;
        let jwks = KeySet::from_keys(vec![issuer_key.verifying_key()]); // KeySet::parse(jwks_json)
        let mut options = IdTokenOptions::new("https://ehr.example.com", "growth-chart", now);
        options.nonce = Some(nonce.clone()); // compared in constant time; also aud, azp, exp, at_hash
        let id = jose::verify_id_token(&id_token, &jwks, &options)?;
        assert_eq!(id.fhir_user.as_deref(), Some("Practitioner/9"));

        // DPoP: one key per client; each request carries a proof (RFC 9449).
        let dpop_key = SigningKey::generate(Algorithm::Es256)?;
        let client = Client::new(
            "https://ehr.example.com/token",
            "growth-chart",
            ClientAuth::None,
        )?;
        let refresh = oauth::refresh_request(&client, "rt", None)?;
        let refresh = refresh.with_dpop(&dpop_key, None, now, None)?; // a `dpop` header
        assert_eq!(refresh.headers.last().map(|(name, _)| *name), Some("dpop"));
        let resource = "https://ehr.example.com/fhir/Patient/123";
        let mut proof = DpopOptions::new("GET", resource, now);
        proof.access_token = Some(SecretString::new("at".into())); // bound by its hash, `ath`
        let proof = jose::dpop_proof(&dpop_key, &proof)?;
        // A resource server checks the proof against the request and the token's cnf.jkt.
        let mut check = DpopVerifyOptions::new("GET", resource, now);
        check.access_token = Some(SecretString::new("at".into()));
        check.jkt = Some(dpop_key.thumbprint()?);
        let verified = jose::verify_dpop_proof(&proof, &check)?; // keep verified.jti against replays
        assert_eq!(verified.iat, now);
        Ok(())
    }
    // README:end

    #[test]
    fn runs() {
        main().unwrap();
    }
}

/// The snippets of this file, without the module's indentation.
fn snippets() -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Option<Vec<&str>> = None;
    for line in include_str!("readme_rust.rs").lines() {
        let marker = line.trim();
        if marker == "// README:begin" {
            current = Some(Vec::new());
        } else if marker == "// README:end" {
            out.push(current.take().expect("README:end without begin").join("\n"));
        } else if let Some(lines) = current.as_mut() {
            lines.push(line.strip_prefix("    ").unwrap_or(line));
        }
    }
    out
}

/// The ```rust blocks of README.md between "## Use from Rust" and the next `## ` heading.
fn readme_blocks() -> Vec<String> {
    let readme = include_str!("../README.md");
    let section = readme
        .split_once("\n## Use from Rust\n")
        .expect("README.md has a \"## Use from Rust\" section")
        .1;
    let section = section.split("\n## ").next().unwrap_or_default();
    let mut out = Vec::new();
    let mut current: Option<Vec<&str>> = None;
    for line in section.lines() {
        match (&mut current, line) {
            (None, "```rust") => current = Some(Vec::new()),
            (Some(lines), "```") => {
                out.push(lines.join("\n"));
                current = None;
            }
            (Some(lines), _) => lines.push(line),
            (None, _) => {}
        }
    }
    out
}

#[test]
fn readme_blocks_are_these_snippets() {
    let (readme, tested) = (readme_blocks(), snippets());
    assert_eq!(tested.len(), 6, "six snippets, one per capability");
    assert_eq!(
        readme.len(),
        tested.len(),
        "README.md \"Use from Rust\" has {} rust blocks, tests/readme_rust.rs {}",
        readme.len(),
        tested.len()
    );
    for (i, (block, snippet)) in readme.iter().zip(&tested).enumerate() {
        assert_eq!(
            block,
            snippet,
            "README.md \"Use from Rust\" block {} differs from tests/readme_rust.rs",
            i + 1
        );
    }
}
