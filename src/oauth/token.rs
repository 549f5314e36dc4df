//! Token endpoint requests (RFC 6749 §4.1.3, §6, §4.4) for every client-authentication method.

use core::fmt;

use base64ct::{Base64, Encoding};

use super::authorize::{validate_redirect_uri, validate_scope};
use crate::encoding::form::{encode_pairs_secret, encode_with, encoded_len};
use crate::error::{Error, Result};
use crate::jose::{dpop_proof, DpopOptions, SigningKey};
use crate::pkce;
use crate::secret::{SecretBuf, SecretString};
use crate::url::validate_endpoint;

/// `client_assertion_type` for JWT client assertions (RFC 7523 §2.2).
pub const CLIENT_ASSERTION_TYPE_JWT_BEARER: &str =
    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/// How the client proves its identity at the token endpoint.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum ClientAuth {
    /// A public client (`none`): only `client_id` is sent; a code exchange then needs PKCE.
    None,
    /// `client_secret_basic`: HTTP Basic with the form-encoded id and secret (RFC 6749 §2.3.1).
    ClientSecretBasic {
        /// The client secret.
        secret: SecretString,
    },
    /// `client_secret_post`: `client_id` and `client_secret` in the form body.
    ClientSecretPost {
        /// The client secret.
        secret: SecretString,
    },
    /// Like `client_secret_post`, but the whole body is JSON (Telesoft's token endpoint).
    ClientSecretJson {
        /// The client secret.
        secret: SecretString,
    },
    /// `private_key_jwt` or `client_secret_jwt` (RFC 7523 §2.2): an already-signed JWT sent as
    /// `client_assertion`, with `client_assertion_type` set to
    /// [`CLIENT_ASSERTION_TYPE_JWT_BEARER`]. Signing is the JOSE module's job: give each
    /// request a fresh assertion (new `jti`, `aud` = the token endpoint).
    Assertion {
        /// The compact JWS.
        assertion: SecretString,
    },
}

impl ClientAuth {
    /// The RFC 8414 name of the method (`client_secret_json` is healthauth's own name).
    pub fn method(&self) -> &'static str {
        match self {
            ClientAuth::None => "none",
            ClientAuth::ClientSecretBasic { .. } => "client_secret_basic",
            ClientAuth::ClientSecretPost { .. } => "client_secret_post",
            ClientAuth::ClientSecretJson { .. } => "client_secret_json",
            ClientAuth::Assertion { .. } => "private_key_jwt",
        }
    }
}

/// A client of one token endpoint.
#[derive(Debug, Clone)]
pub struct Client {
    token_endpoint: String,
    client_id: String,
    auth: ClientAuth,
}

impl Client {
    /// Checks the endpoint (`https`, or `http` on loopback), the client id and the credentials.
    pub fn new(token_endpoint: &str, client_id: &str, auth: ClientAuth) -> Result<Self> {
        validate_endpoint(token_endpoint, "tokenEndpoint")?;
        let empty_secret = match &auth {
            ClientAuth::None => false,
            ClientAuth::ClientSecretBasic { secret }
            | ClientAuth::ClientSecretPost { secret }
            | ClientAuth::ClientSecretJson { secret } => secret.expose_secret().is_empty(),
            ClientAuth::Assertion { assertion } => {
                let a = assertion.expose_secret();
                if a.split('.').count() != 3
                    || !a
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
                {
                    return Err(Error::InvalidArgument {
                        name: "assertion",
                        expected: "a compact JWS (three base64url parts separated by dots)",
                    });
                }
                false
            }
        };
        if empty_secret {
            return Err(Error::InvalidArgument {
                name: "clientSecret",
                expected: "a non-empty string",
            });
        }
        // A client secret in Basic auth may contain anything; a client id may not be empty,
        // except with an assertion, where the JWT's `sub` names the client.
        if client_id.is_empty() && !matches!(auth, ClientAuth::Assertion { .. }) {
            return Err(Error::InvalidArgument {
                name: "clientId",
                expected: "a non-empty string",
            });
        }
        Ok(Client {
            token_endpoint: token_endpoint.to_owned(),
            client_id: client_id.to_owned(),
            auth,
        })
    }

    /// The token endpoint.
    pub fn token_endpoint(&self) -> &str {
        &self.token_endpoint
    }

    /// The client identifier.
    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    /// The authentication method.
    pub fn auth(&self) -> &ClientAuth {
        &self.auth
    }
}

/// The encoding of a request body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyFormat {
    /// `application/x-www-form-urlencoded` (RFC 6749).
    Form,
    /// `application/json` (Telesoft).
    Json,
}

/// An HTTP request ready to send: `POST` to `url` with `headers` and `body`.
///
/// The body and the `authorization` header carry credentials: `Debug` redacts them.
#[derive(Clone)]
pub struct HttpRequest {
    /// Always `POST` for token requests.
    pub method: &'static str,
    /// The token endpoint.
    pub url: String,
    /// Header names (lowercase) and values, in order.
    pub headers: Vec<(&'static str, SecretString)>,
    /// The encoded body.
    pub body: SecretString,
    /// How the body is encoded.
    pub format: BodyFormat,
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field(
                "headers",
                &self.headers.iter().map(|(k, _)| *k).collect::<Vec<_>>(),
            )
            .field("body", &"[redacted]")
            .finish()
    }
}

impl HttpRequest {
    /// The request with a `dpop` header carrying `proof` (RFC 9449 section 5): a proof made
    /// for this request's method and URL ([`crate::jose::dpop_proof`]), for a token, PAR,
    /// revocation or introspection request. A proof that is not a compact JWS is
    /// [`Error::InvalidArgument`]; a second proof is refused the same way.
    pub fn with_dpop_proof(mut self, proof: &str) -> Result<HttpRequest> {
        let compact = proof.split('.').count() == 3
            && proof.len() <= crate::limits::HEADER_BYTES
            && proof
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
        if !compact || self.headers.iter().any(|(name, _)| *name == "dpop") {
            return Err(Error::InvalidArgument {
                name: "dpop",
                expected: "one DPoP proof (a compact JWS) for the request",
            });
        }
        self.headers
            .push(("dpop", SecretString::new(proof.to_owned())));
        Ok(self)
    }

    /// The request with a DPoP proof made with `key` for its method and URL: `htm` and `htu`
    /// come from the request; `nonce` is the server's latest `DPoP-Nonce` (after a
    /// `use_dpop_nonce` error, make the request again with it); `jti` is random unless given.
    ///
    /// ```
    /// use healthauth::jose::{Algorithm, SigningKey};
    /// use healthauth::oauth::{self, Client, ClientAuth};
    ///
    /// let dpop_key = SigningKey::generate(Algorithm::Es256)?;
    /// let client = Client::new("https://as.example.com/token", "app", ClientAuth::None)?;
    /// let request = oauth::refresh_request(&client, "rt", None)?
    ///     .with_dpop(&dpop_key, None, 1_700_000_000, None)?;
    /// assert!(request.headers.iter().any(|(name, _)| *name == "dpop"));
    /// # Ok::<(), healthauth::Error>(())
    /// ```
    pub fn with_dpop(
        self,
        key: &SigningKey,
        nonce: Option<&str>,
        now: i64,
        jti: Option<&str>,
    ) -> Result<HttpRequest> {
        let mut options = DpopOptions::new(self.method, self.url.as_str(), now);
        options.nonce = nonce.map(str::to_owned);
        options.jti = jti.map(str::to_owned);
        let proof = dpop_proof(key, &options)?;
        self.with_dpop_proof(&proof)
    }
}

/// The authorization code exchange (RFC 6749 §4.1.3), with the PKCE `code_verifier`
/// (RFC 7636 §4.5). A public client (`ClientAuth::None`) must send a verifier.
pub fn code_exchange_request(
    client: &Client,
    code: &str,
    redirect_uri: &str,
    code_verifier: Option<&str>,
) -> Result<HttpRequest> {
    if code.is_empty() {
        return Err(Error::InvalidArgument {
            name: "code",
            expected: "the non-empty authorization code from parseCallback",
        });
    }
    validate_redirect_uri(redirect_uri)?;
    if let Some(v) = code_verifier {
        pkce::validate_verifier(v)?;
    } else if matches!(client.auth, ClientAuth::None) {
        return Err(Error::InvalidArgument {
            name: "codeVerifier",
            expected: "a PKCE code verifier: a public client (clientAuth none) must use PKCE (RFC 9700 section 2.1.1)",
        });
    }
    let mut params = vec![
        ("grant_type", "authorization_code"),
        ("code", code),
        ("redirect_uri", redirect_uri),
    ];
    if let Some(v) = code_verifier {
        params.push(("code_verifier", v));
    }
    build(client, &params)
}

/// The refresh token grant (RFC 6749 §6), optionally narrowing `scope`.
pub fn refresh_request(
    client: &Client,
    refresh_token: &str,
    scope: Option<&str>,
) -> Result<HttpRequest> {
    if refresh_token.is_empty() {
        return Err(Error::InvalidArgument {
            name: "refreshToken",
            expected: "a non-empty refresh token",
        });
    }
    let mut params = vec![
        ("grant_type", "refresh_token"),
        ("refresh_token", refresh_token),
    ];
    if let Some(scope) = scope {
        validate_scope(scope)?;
        params.push(("scope", scope));
    }
    build(client, &params)
}

/// The client credentials grant (RFC 6749 §4.4): a confidential client only.
pub fn client_credentials_request(client: &Client, scope: Option<&str>) -> Result<HttpRequest> {
    if matches!(client.auth, ClientAuth::None) {
        return Err(Error::InvalidArgument {
            name: "clientAuth",
            expected: "client credentials (a secret or an assertion): the client_credentials grant is for confidential clients only (RFC 6749 section 4.4)",
        });
    }
    let mut params = vec![("grant_type", "client_credentials")];
    if let Some(scope) = scope {
        validate_scope(scope)?;
        params.push(("scope", scope));
    }
    build(client, &params)
}

fn build(client: &Client, grant: &[(&str, &str)]) -> Result<HttpRequest> {
    build_to(client, &client.token_endpoint, grant, false)
}

/// A `POST` of `params` and the client's credentials to `url`. With `client_id_sent`, the
/// parameters already carry `client_id` (an authorization request pushed by PAR), and the
/// credentials do not add it again.
pub(crate) fn build_to(
    client: &Client,
    url: &str,
    grant: &[(&str, &str)],
    client_id_sent: bool,
) -> Result<HttpRequest> {
    let mut params: Vec<(&str, &str)> = grant.to_vec();
    let mut headers: Vec<(&'static str, SecretString)> = Vec::new();
    let mut format = BodyFormat::Form;
    let client_id = (!client_id_sent).then_some(("client_id", client.client_id.as_str()));
    match &client.auth {
        ClientAuth::None => params.extend(client_id),
        ClientAuth::ClientSecretBasic { secret } => {
            headers.push(("authorization", basic_credentials(client, secret)));
        }
        ClientAuth::ClientSecretPost { secret } => {
            params.extend(client_id);
            params.push(("client_secret", secret.expose_secret()));
        }
        ClientAuth::ClientSecretJson { secret } => {
            format = BodyFormat::Json;
            params.extend(client_id);
            params.push(("client_secret", secret.expose_secret()));
        }
        ClientAuth::Assertion { assertion } => {
            if !client.client_id.is_empty() {
                params.extend(client_id);
            }
            params.push(("client_assertion_type", CLIENT_ASSERTION_TYPE_JWT_BEARER));
            params.push(("client_assertion", assertion.expose_secret()));
        }
    }
    // The body carries credentials: it is built in one zeroizing buffer (no `format!`,
    // `join` or serde_json value, whose freed copies would keep the secret).
    let (content_type, body) = match format {
        BodyFormat::Form => (
            "application/x-www-form-urlencoded",
            encode_pairs_secret(&params),
        ),
        BodyFormat::Json => {
            // Written by hand to keep the parameters in order (serde_json's map sorts keys).
            let size = params
                .iter()
                .map(|(k, v)| k.len() + v.len() + 6)
                .sum::<usize>()
                + 2;
            let mut body = SecretBuf::with_capacity(size);
            body.push_json_object(&params);
            ("application/json", body.into_secret())
        }
    };
    headers.push(("content-type", SecretString::new(content_type.to_owned())));
    headers.push(("accept", SecretString::new("application/json".to_owned())));
    Ok(HttpRequest {
        method: "POST",
        url: url.to_owned(),
        headers,
        body,
        format,
    })
}

/// `Basic base64(urlencode(client_id) ":" urlencode(secret))` (RFC 6749 §2.3.1), with every
/// intermediate in a zeroizing buffer.
fn basic_credentials(client: &Client, secret: &SecretString) -> SecretString {
    let (id, secret) = (client.client_id.as_str(), secret.expose_secret());
    let mut credentials = SecretBuf::with_capacity(encoded_len(id) + 1 + encoded_len(secret));
    encode_with(id, |c| credentials.push(c));
    credentials.push(':');
    encode_with(secret, |c| credentials.push(c));
    let credentials = credentials.into_secret();
    // encode_string allocates its output once, at its final size.
    let encoded = zeroize::Zeroizing::new(Base64::encode_string(
        credentials.expose_secret().as_bytes(),
    ));
    let mut header = SecretBuf::with_capacity("Basic ".len() + encoded.len());
    header.push_str("Basic ");
    header.push_str(&encoded);
    header.into_secret()
}

#[cfg(test)]
mod tests {
    use super::*;

    const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    const JWT: &str = "eyJhbGciOiJSUzM4NCJ9.eyJzdWIiOiJhIn0.c2ln";

    fn secret(s: &str) -> SecretString {
        SecretString::new(s.into())
    }

    fn client(auth: ClientAuth) -> Client {
        Client::new("https://as.example.com/token", "my app", auth).unwrap()
    }

    fn header<'a>(r: &'a HttpRequest, name: &str) -> Option<&'a str> {
        r.headers
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.expose_secret())
    }

    #[test]
    fn public_client_with_pkce() {
        let r = code_exchange_request(
            &client(ClientAuth::None),
            "SplxlOBe ZQQ",
            "https://app.example.com/cb?x=1",
            Some(VERIFIER),
        )
        .unwrap();
        assert_eq!(r.method, "POST");
        assert_eq!(r.url, "https://as.example.com/token");
        assert_eq!(
            r.body.expose_secret(),
            "grant_type=authorization_code&code=SplxlOBe%20ZQQ\
             &redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb%3Fx%3D1\
             &code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk&client_id=my%20app"
        );
        assert_eq!(
            header(&r, "content-type"),
            Some("application/x-www-form-urlencoded")
        );
        assert_eq!(header(&r, "accept"), Some("application/json"));
        assert_eq!(header(&r, "authorization"), None);
        // A public client without PKCE is refused; a bad verifier too.
        assert_eq!(
            code_exchange_request(&client(ClientAuth::None), "c", "https://a/cb", None)
                .unwrap_err()
                .code(),
            "ERR_INVALID_ARGUMENT"
        );
        assert_eq!(
            code_exchange_request(
                &client(ClientAuth::None),
                "c",
                "https://a/cb",
                Some("short")
            )
            .unwrap_err()
            .code(),
            "ERR_PKCE_VERIFIER_LENGTH"
        );
    }

    #[test]
    fn client_secret_basic_rfc6749_appendix_b() {
        let c = Client::new(
            "https://as.example.com/token",
            "s6BhdRkqt3",
            ClientAuth::ClientSecretBasic {
                secret: secret("gX1fBat3bV"),
            },
        )
        .unwrap();
        let r = refresh_request(&c, "tGzv3JOkF0XG5Qx2TlKWIA", None).unwrap();
        // RFC 6749 §4.1.3 / §6 example credentials.
        assert_eq!(
            header(&r, "authorization"),
            Some("Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW")
        );
        assert_eq!(
            r.body.expose_secret(),
            "grant_type=refresh_token&refresh_token=tGzv3JOkF0XG5Qx2TlKWIA"
        );
        // Reserved characters are form-encoded before base64 (RFC 6749 §2.3.1).
        let c = Client::new(
            "https://as.example.com/token",
            "id:1",
            ClientAuth::ClientSecretBasic {
                secret: secret("p@ss word"),
            },
        )
        .unwrap();
        let r = client_credentials_request(&c, None).unwrap();
        let expected = Base64::encode_string(b"id%3A1:p%40ss%20word");
        assert_eq!(
            header(&r, "authorization"),
            Some(format!("Basic {expected}").as_str())
        );
        assert!(!format!("{r:?}").contains(&expected));
        assert!(!format!("{c:?}").contains("p@ss"));
    }

    #[test]
    fn client_secret_post() {
        let r = code_exchange_request(
            &client(ClientAuth::ClientSecretPost {
                secret: secret("s&cret="),
            }),
            "abc",
            "https://app/cb",
            Some(VERIFIER),
        )
        .unwrap();
        assert_eq!(
            r.body.expose_secret(),
            "grant_type=authorization_code&code=abc&redirect_uri=https%3A%2F%2Fapp%2Fcb\
             &code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk\
             &client_id=my%20app&client_secret=s%26cret%3D"
        );
        assert!(!format!("{r:?}").contains("s%26cret"));
    }

    #[test]
    fn telesoft_json_body() {
        let c = Client::new(
            "https://auth.telesoft.us/oauth/token",
            "YOUR_CLIENT_ID",
            ClientAuth::ClientSecretJson {
                secret: secret("YOUR_CLIENT_SECRET"),
            },
        )
        .unwrap();
        let r =
            code_exchange_request(&c, "code\"1", "https://your-app.com/callback", None).unwrap();
        assert_eq!(header(&r, "content-type"), Some("application/json"));
        assert_eq!(r.format, BodyFormat::Json);
        assert_eq!(
            r.body.expose_secret(),
            r#"{"grant_type":"authorization_code","code":"code\"1","redirect_uri":"https://your-app.com/callback","client_id":"YOUR_CLIENT_ID","client_secret":"YOUR_CLIENT_SECRET"}"#
        );
        let r = refresh_request(&c, "rt", None).unwrap();
        assert_eq!(
            r.body.expose_secret(),
            r#"{"grant_type":"refresh_token","refresh_token":"rt","client_id":"YOUR_CLIENT_ID","client_secret":"YOUR_CLIENT_SECRET"}"#
        );
    }

    #[test]
    fn assertion_redox_style() {
        let c = Client::new(
            "https://api.redoxengine.com/v2/auth/token",
            "",
            ClientAuth::Assertion {
                assertion: secret(JWT),
            },
        )
        .unwrap();
        let r = client_credentials_request(&c, None).unwrap();
        assert_eq!(
            r.body.expose_secret(),
            format!(
                "grant_type=client_credentials\
                 &client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer\
                 &client_assertion={JWT}"
            )
        );
        let c = client(ClientAuth::Assertion {
            assertion: secret(JWT),
        });
        let r = client_credentials_request(&c, Some("system/Patient.read")).unwrap();
        assert_eq!(
            r.body.expose_secret(),
            format!(
                "grant_type=client_credentials&scope=system%2FPatient.read&client_id=my%20app\
                 &client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer\
                 &client_assertion={JWT}"
            )
        );
        for bad in ["", "a.b", "a.b.c.d", "a.b.c d", "a.b.c="] {
            assert_eq!(
                Client::new(
                    "https://as/token",
                    "x",
                    ClientAuth::Assertion {
                        assertion: secret(bad)
                    }
                )
                .unwrap_err()
                .code(),
                "ERR_INVALID_ARGUMENT",
                "{bad}"
            );
        }
    }

    #[test]
    fn refusals() {
        assert_eq!(
            Client::new("http://as.example.com/token", "a", ClientAuth::None)
                .unwrap_err()
                .code(),
            "ERR_URL_INVALID"
        );
        assert_eq!(
            Client::new("https://as/token", "", ClientAuth::None)
                .unwrap_err()
                .code(),
            "ERR_INVALID_ARGUMENT"
        );
        assert_eq!(
            Client::new(
                "https://as/token",
                "a",
                ClientAuth::ClientSecretPost { secret: secret("") }
            )
            .unwrap_err()
            .code(),
            "ERR_INVALID_ARGUMENT"
        );
        let public = client(ClientAuth::None);
        assert!(client_credentials_request(&public, None).is_err());
        assert!(refresh_request(&public, "", None).is_err());
        assert!(refresh_request(&public, "rt", Some("a  b")).is_err());
        assert!(code_exchange_request(&public, "", "https://a/cb", Some(VERIFIER)).is_err());
        assert!(code_exchange_request(&public, "c", "https://a/cb#f", Some(VERIFIER)).is_err());
        let r = refresh_request(&public, "rt", Some("openid profile")).unwrap();
        assert_eq!(
            r.body.expose_secret(),
            "grant_type=refresh_token&refresh_token=rt&scope=openid%20profile&client_id=my%20app"
        );
    }
}
