//! Client-authentication methods by name, and the credentials each one needs.

use core::fmt;
use core::str::FromStr;

use super::token::ClientAuth;
use crate::error::{Error, Result};
use crate::jose::{Algorithm, KeyFamily, SigningKey};
use crate::providers::Preset;
use crate::secret::SecretString;

/// How a client authenticates at the token endpoint, by its RFC 8414 /
/// `token_endpoint_auth_method` name (`client_secret_json` is healthauth's name for the JSON
/// body Telesoft expects). [`ClientAuth`] is a method with its credential.
///
/// ```
/// use healthauth::oauth::ClientAuthMethod;
///
/// let method: ClientAuthMethod = "client_secret_post".parse()?;
/// assert_eq!(method, ClientAuthMethod::ClientSecretPost);
/// assert_eq!(method.as_str(), "client_secret_post");
/// assert!(method.needs_secret() && !method.needs_assertion());
/// assert_eq!("client_secret".parse::<ClientAuthMethod>().unwrap_err().code(), "ERR_INVALID_ARGUMENT");
/// # Ok::<(), healthauth::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClientAuthMethod {
    /// `none`: a public client; only `client_id` is sent.
    None,
    /// `client_secret_basic`: HTTP Basic with the form-encoded id and secret.
    ClientSecretBasic,
    /// `client_secret_post`: `client_id` and `client_secret` in the form body.
    ClientSecretPost,
    /// `client_secret_json`: like `client_secret_post`, in a JSON body (Telesoft).
    ClientSecretJson,
    /// `private_key_jwt`: a client assertion signed with a private key (RFC 7523).
    PrivateKeyJwt,
    /// `client_secret_jwt`: a client assertion signed with the shared secret (HMAC).
    ClientSecretJwt,
}

/// What [`ClientAuthMethod::from_str`] accepts, for its error.
const EXPECTED_METHOD: &str = "a client-authentication method: one of none, client_secret_basic, client_secret_post, client_secret_json, private_key_jwt, client_secret_jwt";

impl ClientAuthMethod {
    /// Every method, in the order of their names above.
    pub const ALL: [ClientAuthMethod; 6] = [
        ClientAuthMethod::None,
        ClientAuthMethod::ClientSecretBasic,
        ClientAuthMethod::ClientSecretPost,
        ClientAuthMethod::ClientSecretJson,
        ClientAuthMethod::PrivateKeyJwt,
        ClientAuthMethod::ClientSecretJwt,
    ];

    /// The method's name, such as `client_secret_basic`.
    pub fn as_str(self) -> &'static str {
        match self {
            ClientAuthMethod::None => "none",
            ClientAuthMethod::ClientSecretBasic => "client_secret_basic",
            ClientAuthMethod::ClientSecretPost => "client_secret_post",
            ClientAuthMethod::ClientSecretJson => "client_secret_json",
            ClientAuthMethod::PrivateKeyJwt => "private_key_jwt",
            ClientAuthMethod::ClientSecretJwt => "client_secret_jwt",
        }
    }

    /// Whether the method sends the client secret itself (`client_secret_basic`, `_post`,
    /// `_json`).
    pub fn needs_secret(self) -> bool {
        matches!(
            self,
            ClientAuthMethod::ClientSecretBasic
                | ClientAuthMethod::ClientSecretPost
                | ClientAuthMethod::ClientSecretJson
        )
    }

    /// Whether the method sends a signed client assertion (`private_key_jwt`,
    /// `client_secret_jwt`).
    pub fn needs_assertion(self) -> bool {
        matches!(
            self,
            ClientAuthMethod::PrivateKeyJwt | ClientAuthMethod::ClientSecretJwt
        )
    }

    /// The method whose assertions a key signing with `alg` makes: `client_secret_jwt` for
    /// HMAC (`HS256`/`HS384`/`HS512`), `private_key_jwt` for every asymmetric algorithm.
    pub fn for_algorithm(alg: Algorithm) -> ClientAuthMethod {
        if alg.family() == KeyFamily::Hmac {
            ClientAuthMethod::ClientSecretJwt
        } else {
            ClientAuthMethod::PrivateKeyJwt
        }
    }

    /// The method whose assertions `key` makes ([`ClientAuthMethod::for_algorithm`]).
    pub fn for_key(key: &SigningKey) -> ClientAuthMethod {
        ClientAuthMethod::for_algorithm(key.alg())
    }

    /// Refuses a method a caller `named` for assertions that make this one (a signing key
    /// implies its method, [`ClientAuthMethod::for_key`]) with [`Error::InvalidArgument`].
    pub fn check_named(self, named: ClientAuthMethod) -> Result<ClientAuthMethod> {
        if named != self {
            return Err(Error::InvalidArgument {
                name: "method",
                expected: "the method of the signing key's assertions (private_key_jwt for an RSA, EC or Ed25519 key, client_secret_jwt for an HMAC key), or left out",
            });
        }
        Ok(self)
    }

    /// The method of a client that names none (and signs no assertion): with a client
    /// secret, the preset's method for it ([`Preset::secret_method`]) or
    /// `client_secret_basic` without a preset (the shorthand of
    /// [`ClientAuth::with_client_secret`]); without one, `none` (a public client).
    pub fn unnamed(has_client_secret: bool, preset: Option<&Preset>) -> ClientAuthMethod {
        match (has_client_secret, preset) {
            (false, _) => ClientAuthMethod::None,
            (true, Some(preset)) => preset.secret_method(),
            (true, None) => ClientAuthMethod::ClientSecretBasic,
        }
    }
}

impl FromStr for ClientAuthMethod {
    type Err = Error;

    /// A method by its exact name; anything else is [`Error::InvalidArgument`].
    fn from_str(name: &str) -> Result<Self> {
        ClientAuthMethod::ALL
            .into_iter()
            .find(|method| method.as_str() == name)
            .ok_or(Error::InvalidArgument {
                name: "method",
                expected: EXPECTED_METHOD,
            })
    }
}

impl fmt::Display for ClientAuthMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl ClientAuth {
    /// The credentials for `method`: the client `secret` for `client_secret_basic`, `_post`
    /// and `_json`; the signed `assertion` (a compact JWS, fresh for each request) for
    /// `private_key_jwt` and `client_secret_jwt`; nothing for `none` (a secret or assertion
    /// given with it is not used).
    ///
    /// A method without its credential is [`Error::InvalidArgument`]; the credential's form
    /// is checked by [`Client::new`](super::Client::new).
    pub fn new(
        method: ClientAuthMethod,
        secret: Option<SecretString>,
        assertion: Option<SecretString>,
    ) -> Result<ClientAuth> {
        let secret = || {
            secret.ok_or(Error::InvalidArgument {
                name: "secret",
                expected: "the client secret for this client-authentication method",
            })
        };
        Ok(match method {
            ClientAuthMethod::None => ClientAuth::None,
            ClientAuthMethod::ClientSecretBasic => ClientAuth::ClientSecretBasic { secret: secret()? },
            ClientAuthMethod::ClientSecretPost => ClientAuth::ClientSecretPost { secret: secret()? },
            ClientAuthMethod::ClientSecretJson => ClientAuth::ClientSecretJson { secret: secret()? },
            ClientAuthMethod::PrivateKeyJwt | ClientAuthMethod::ClientSecretJwt => {
                ClientAuth::Assertion {
                    assertion: assertion.ok_or(Error::InvalidArgument {
                        name: "assertion",
                        expected: "a signed client assertion (compact JWS) for this client-authentication method",
                    })?,
                }
            }
        })
    }

    /// The credentials as hosts take them: a `method` with its own `secret` or `assertion`,
    /// and beside it the client-secret shorthand `client_secret`:
    ///
    /// - no method: `client_secret` alone means `client_secret_basic`; nothing at all means a
    ///   public client (`none`); a `secret` or `assertion` without a method is refused;
    /// - a method: as [`ClientAuth::new`], where `client_secret` supplies the secret of a
    ///   method given without one.
    ///
    /// ```
    /// use healthauth::oauth::{ClientAuth, ClientAuthMethod};
    /// use healthauth::SecretString;
    ///
    /// let shorthand = || Some(SecretString::new("s3cret".into()));
    /// let auth = ClientAuth::with_client_secret(None, None, None, shorthand())?;
    /// assert_eq!(auth.method(), "client_secret_basic");
    /// let post = Some(ClientAuthMethod::ClientSecretPost);
    /// let auth = ClientAuth::with_client_secret(post, None, None, shorthand())?;
    /// assert_eq!(auth.method(), "client_secret_post");
    /// assert!(ClientAuth::with_client_secret(post, None, None, None).is_err());
    /// # Ok::<(), healthauth::Error>(())
    /// ```
    pub fn with_client_secret(
        method: Option<ClientAuthMethod>,
        secret: Option<SecretString>,
        assertion: Option<SecretString>,
        client_secret: Option<SecretString>,
    ) -> Result<ClientAuth> {
        match method {
            Some(method) => ClientAuth::new(method, secret.or(client_secret), assertion),
            None if secret.is_some() || assertion.is_some() => Err(Error::InvalidArgument {
                name: "method",
                expected: "given with a client secret or assertion: the client-authentication method they are for",
            }),
            None => Ok(match client_secret {
                Some(secret) => ClientAuth::ClientSecretBasic { secret },
                None => ClientAuth::None,
            }),
        }
    }
}

/// A scope given as a list of scope tokens, as one `scope` parameter: the tokens joined with
/// single spaces (RFC 6749 §3.3). The request builders check the result's grammar.
///
/// ```
/// assert_eq!(healthauth::oauth::join_scopes(&["openid", "system/*.read"]), "openid system/*.read");
/// ```
pub fn join_scopes<S: AsRef<str>>(scopes: &[S]) -> String {
    let mut out = String::new();
    for (i, scope) in scopes.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(scope.as_ref());
    }
    out
}

#[cfg(test)]
#[allow(clippy::panic)]
mod tests {
    use super::*;

    fn secret(s: &str) -> Option<SecretString> {
        Some(SecretString::new(s.into()))
    }

    const JWT: &str = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln";

    #[test]
    fn names_round_trip_and_nothing_else_parses() {
        for method in ClientAuthMethod::ALL {
            assert_eq!(method.as_str().parse::<ClientAuthMethod>().unwrap(), method);
            assert_eq!(method.to_string(), method.as_str());
            // Each method needs at most one kind of credential; only `none` needs neither.
            assert!(!(method.needs_secret() && method.needs_assertion()));
            assert_eq!(
                method == ClientAuthMethod::None,
                !method.needs_secret() && !method.needs_assertion()
            );
        }
        for bad in [
            "",
            "None",
            "client_secret",
            "CLIENT_SECRET_BASIC",
            " none",
            "tls_client_auth",
        ] {
            assert_eq!(
                bad.parse::<ClientAuthMethod>().unwrap_err(),
                Error::InvalidArgument {
                    name: "method",
                    expected: EXPECTED_METHOD
                },
                "{bad}"
            );
        }
    }

    #[test]
    fn a_signing_key_implies_its_method() {
        for alg in Algorithm::ALL {
            let expected = if alg.name().starts_with("HS") {
                ClientAuthMethod::ClientSecretJwt
            } else {
                ClientAuthMethod::PrivateKeyJwt
            };
            assert_eq!(ClientAuthMethod::for_algorithm(alg), expected, "{alg:?}");
        }
        let key = SigningKey::from_hmac_secret(&[1; 48], Algorithm::Hs384).unwrap();
        assert_eq!(
            ClientAuthMethod::for_key(&key),
            ClientAuthMethod::ClientSecretJwt
        );
    }

    #[test]
    fn a_named_method_must_be_the_keys() {
        use ClientAuthMethod as M;
        assert_eq!(
            M::PrivateKeyJwt.check_named(M::PrivateKeyJwt).unwrap(),
            M::PrivateKeyJwt
        );
        for named in [M::ClientSecretJwt, M::None, M::ClientSecretBasic] {
            let e = M::PrivateKeyJwt.check_named(named).unwrap_err();
            assert!(matches!(e, Error::InvalidArgument { name: "method", .. }));
        }
    }

    #[test]
    fn the_method_of_a_client_that_names_none() {
        use ClientAuthMethod as M;
        let telesoft = crate::providers::telesoft();
        let redox = crate::providers::redox(None).unwrap();
        assert_eq!(M::unnamed(false, None), M::None);
        assert_eq!(M::unnamed(false, Some(&telesoft)), M::None);
        assert_eq!(M::unnamed(true, None), M::ClientSecretBasic);
        assert_eq!(M::unnamed(true, Some(&telesoft)), M::ClientSecretJson);
        assert_eq!(M::unnamed(true, Some(&redox)), M::ClientSecretBasic);
    }

    #[test]
    fn each_method_takes_its_credential() {
        use ClientAuthMethod as M;
        let auth = |m, s, a| ClientAuth::new(m, s, a).map(|auth| auth.method());
        assert_eq!(auth(M::None, None, None).unwrap(), "none");
        assert_eq!(auth(M::None, secret("s"), None).unwrap(), "none");
        for m in [
            M::ClientSecretBasic,
            M::ClientSecretPost,
            M::ClientSecretJson,
        ] {
            assert_eq!(auth(m, secret("s"), None).unwrap(), m.as_str());
            let e = auth(m, None, secret(JWT)).unwrap_err();
            assert!(
                matches!(e, Error::InvalidArgument { name: "secret", .. }),
                "{e:?}"
            );
        }
        for m in [M::PrivateKeyJwt, M::ClientSecretJwt] {
            assert!(matches!(
                ClientAuth::new(m, None, secret(JWT)).unwrap(),
                ClientAuth::Assertion { .. }
            ));
            let e = auth(m, secret("s"), None).unwrap_err();
            assert!(
                matches!(
                    e,
                    Error::InvalidArgument {
                        name: "assertion",
                        ..
                    }
                ),
                "{e:?}"
            );
        }
    }

    #[test]
    fn the_client_secret_shorthand() {
        use ClientAuthMethod as M;
        let with = |m, s, a, c| ClientAuth::with_client_secret(m, s, a, c);
        // Alone it means client_secret_basic; nothing at all is a public client.
        let auth = with(None, None, None, secret("short")).unwrap();
        let ClientAuth::ClientSecretBasic { secret: got } = auth else {
            panic!("{auth:?}")
        };
        assert_eq!(got.expose_secret(), "short");
        assert!(matches!(
            with(None, None, None, None).unwrap(),
            ClientAuth::None
        ));
        // It supplies the secret of a method given without one, never overrides one given.
        let auth = with(Some(M::ClientSecretJson), None, None, secret("short")).unwrap();
        let ClientAuth::ClientSecretJson { secret: got } = auth else {
            panic!("{auth:?}")
        };
        assert_eq!(got.expose_secret(), "short");
        let auth = with(
            Some(M::ClientSecretPost),
            secret("own"),
            None,
            secret("short"),
        )
        .unwrap();
        let ClientAuth::ClientSecretPost { secret: got } = auth else {
            panic!("{auth:?}")
        };
        assert_eq!(got.expose_secret(), "own");
        // It is no assertion, and a method's credential without the method is refused.
        assert!(with(Some(M::PrivateKeyJwt), None, None, secret("short")).is_err());
        assert!(with(None, secret("s"), None, None).is_err());
        assert!(with(None, None, secret(JWT), secret("short")).is_err());
        assert!(matches!(
            with(Some(M::None), None, None, secret("short")).unwrap(),
            ClientAuth::None
        ));
    }

    #[test]
    fn scopes_join_with_single_spaces() {
        assert_eq!(join_scopes::<&str>(&[]), "");
        assert_eq!(join_scopes(&["a"]), "a");
        assert_eq!(
            join_scopes(&[String::from("patient/*.read"), String::from("launch")]),
            "patient/*.read launch"
        );
    }
}
