//! The Updox `auth` object: application or individual authentication, never a mix.

use core::fmt;

use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::secret::{SecretBuf, SecretString};

/// The fields a caller may give; empty strings count as missing.
#[derive(Debug, Clone, Default)]
pub struct UpdoxCredentials {
    /// Application authentication: the application id.
    pub application_id: Option<String>,
    /// Application authentication: the application password.
    pub application_password: Option<SecretString>,
    /// Application authentication: the practice account, when acting for one.
    pub account_id: Option<String>,
    /// Application authentication: the user within `account_id`, when acting as one.
    pub user_id: Option<String>,
    /// Individual authentication: the user's login id.
    pub login_id: Option<String>,
    /// Individual authentication: the user's password.
    pub login_password: Option<SecretString>,
}

/// A checked Updox `auth` object.
#[derive(Clone)]
#[non_exhaustive]
pub enum UpdoxAuth {
    /// Application authentication.
    Application {
        /// `applicationId`.
        application_id: String,
        /// `applicationPassword`.
        application_password: SecretString,
        /// `accountId`, if any.
        account_id: Option<String>,
        /// `userId`, if any (only with `account_id`).
        user_id: Option<String>,
    },
    /// Individual authentication.
    Individual {
        /// `loginId`.
        login_id: String,
        /// `loginPassword`.
        login_password: SecretString,
    },
}

impl fmt::Debug for UpdoxAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UpdoxAuth::Application {
                application_id,
                account_id,
                user_id,
                ..
            } => f
                .debug_struct("UpdoxAuth::Application")
                .field("application_id", application_id)
                .field("application_password", &"[redacted]")
                .field("account_id", account_id)
                .field("user_id", user_id)
                .finish(),
            UpdoxAuth::Individual { login_id, .. } => f
                .debug_struct("UpdoxAuth::Individual")
                .field("login_id", login_id)
                .field("login_password", &"[redacted]")
                .finish(),
        }
    }
}

impl UpdoxAuth {
    /// The members of the `auth` object, sorted by name as serde_json's map sorts them.
    fn members(&self) -> Vec<(&'static str, &str)> {
        match self {
            UpdoxAuth::Application {
                application_id,
                application_password,
                account_id,
                user_id,
            } => {
                let mut members = Vec::with_capacity(4);
                if let Some(a) = account_id {
                    members.push(("accountId", a.as_str()));
                }
                members.push(("applicationId", application_id.as_str()));
                members.push(("applicationPassword", application_password.expose_secret()));
                if let Some(u) = user_id {
                    members.push(("userId", u.as_str()));
                }
                members
            }
            UpdoxAuth::Individual {
                login_id,
                login_password,
            } => vec![
                ("loginId", login_id.as_str()),
                ("loginPassword", login_password.expose_secret()),
            ],
        }
    }

    /// The JSON text of [`UpdoxAuth::to_json`] (`{"auth":{...}}`), built in one zeroizing
    /// buffer: no copy of the password is left in freed memory. Prefer it to
    /// `to_json().to_string()`.
    pub fn to_json_text(&self) -> SecretString {
        let members = self.members();
        let size = members
            .iter()
            .map(|(k, v)| k.len() + v.len() + 6)
            .sum::<usize>()
            + 12;
        let mut text = SecretBuf::with_capacity(size);
        text.push_str("{\"auth\":");
        text.push_json_object(&members);
        text.push('}');
        text.into_secret()
    }

    /// The `{ "auth": { ... } }` JSON object Updox expects in every request body.
    /// It contains the password: send it, do not log it. serde_json cannot zeroize a `Value`,
    /// so the copy of the password in it stays in memory after it is dropped: to send the
    /// object, use [`UpdoxAuth::to_json_text`].
    pub fn to_json(&self) -> Value {
        let auth: Map<String, Value> = self
            .members()
            .into_iter()
            .map(|(name, value)| (name.to_owned(), value.into()))
            .collect();
        let mut outer = Map::new();
        outer.insert("auth".into(), Value::Object(auth));
        Value::Object(outer)
    }
}

fn present(s: &Option<String>) -> Option<String> {
    s.as_ref().filter(|v| !v.is_empty()).cloned()
}

fn present_secret(s: &Option<SecretString>) -> Option<SecretString> {
    s.as_ref()
        .filter(|v| !v.expose_secret().is_empty())
        .cloned()
}

/// Checks `credentials` and builds the auth object.
///
/// Application auth needs `application_id` and `application_password` (plus `account_id`, and
/// `user_id` only with an account); individual auth needs `login_id` and `login_password`.
/// Fields of both kinds: [`Error::UpdoxAuthMixed`]; half a pair or nothing:
/// [`Error::UpdoxAuthIncomplete`]. Errors name fields, never values.
pub fn updox_auth(credentials: &UpdoxCredentials) -> Result<UpdoxAuth> {
    let application_id = present(&credentials.application_id);
    let application_password = present_secret(&credentials.application_password);
    let account_id = present(&credentials.account_id);
    let user_id = present(&credentials.user_id);
    let login_id = present(&credentials.login_id);
    let login_password = present_secret(&credentials.login_password);
    let application = application_id.is_some()
        || application_password.is_some()
        || account_id.is_some()
        || user_id.is_some();
    let individual = login_id.is_some() || login_password.is_some();
    match (application, individual) {
        (true, true) => Err(Error::UpdoxAuthMixed),
        (false, false) => Err(Error::UpdoxAuthIncomplete {
            missing: "applicationId",
        }),
        (true, false) => {
            let application_id = application_id.ok_or(Error::UpdoxAuthIncomplete {
                missing: "applicationId",
            })?;
            let application_password = application_password.ok_or(Error::UpdoxAuthIncomplete {
                missing: "applicationPassword",
            })?;
            if user_id.is_some() && account_id.is_none() {
                return Err(Error::UpdoxAuthIncomplete {
                    missing: "accountId",
                });
            }
            Ok(UpdoxAuth::Application {
                application_id,
                application_password,
                account_id,
                user_id,
            })
        }
        (false, true) => {
            let login_id = login_id.ok_or(Error::UpdoxAuthIncomplete { missing: "loginId" })?;
            let login_password = login_password.ok_or(Error::UpdoxAuthIncomplete {
                missing: "loginPassword",
            })?;
            Ok(UpdoxAuth::Individual {
                login_id,
                login_password,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const APP_PW: &str = "tmo>gQsnTwf,ArM{GPC]u[+yFf9d]B%:dt92V4Ctjk]raKZQZp";
    const LOGIN_PW: &str = "a2@::6$>8{6.#@H";

    fn s(v: &str) -> Option<String> {
        Some(v.into())
    }
    fn pw(v: &str) -> Option<SecretString> {
        Some(SecretString::new(v.into()))
    }

    #[test]
    fn seed_examples() {
        let app = updox_auth(&UpdoxCredentials {
            application_id: s("updox"),
            application_password: pw(APP_PW),
            account_id: s("2001002"),
            user_id: s("1337"),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(
            app.to_json().to_string(),
            format!(
                r#"{{"auth":{{"accountId":"2001002","applicationId":"updox","applicationPassword":{},"userId":"1337"}}}}"#,
                Value::from(APP_PW)
            )
        );
        assert!(!format!("{app:?}").contains(APP_PW));
        let ind = updox_auth(&UpdoxCredentials {
            login_id: s("updoxuser"),
            login_password: pw(LOGIN_PW),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(
            ind.to_json()["auth"]["loginPassword"].as_str(),
            Some(LOGIN_PW)
        );
        assert!(!format!("{ind:?}").contains(LOGIN_PW));
        // The zeroized text is exactly serde_json's.
        for auth in [&app, &ind] {
            assert_eq!(
                auth.to_json_text().expose_secret(),
                auth.to_json().to_string()
            );
        }
        let no_account = updox_auth(&UpdoxCredentials {
            application_id: s("up\"dox"),
            application_password: pw("p\n\\w"),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(
            no_account.to_json_text().expose_secret(),
            no_account.to_json().to_string()
        );
        // Application auth without account (practice-level calls).
        assert!(updox_auth(&UpdoxCredentials {
            application_id: s("updox"),
            application_password: pw(APP_PW),
            ..Default::default()
        })
        .is_ok());
    }

    #[test]
    fn refusals() {
        let cases = [
            (UpdoxCredentials::default(), "ERR_UPDOX_AUTH_INCOMPLETE"),
            (
                UpdoxCredentials {
                    application_id: s("updox"),
                    ..Default::default()
                },
                "ERR_UPDOX_AUTH_INCOMPLETE",
            ),
            (
                UpdoxCredentials {
                    application_password: pw(APP_PW),
                    ..Default::default()
                },
                "ERR_UPDOX_AUTH_INCOMPLETE",
            ),
            (
                UpdoxCredentials {
                    application_id: s("updox"),
                    application_password: pw(APP_PW),
                    user_id: s("1337"),
                    ..Default::default()
                },
                "ERR_UPDOX_AUTH_INCOMPLETE",
            ),
            (
                UpdoxCredentials {
                    login_id: s("u"),
                    login_password: pw(""),
                    ..Default::default()
                },
                "ERR_UPDOX_AUTH_INCOMPLETE",
            ),
            (
                UpdoxCredentials {
                    application_id: s("updox"),
                    application_password: pw(APP_PW),
                    login_id: s("u"),
                    ..Default::default()
                },
                "ERR_UPDOX_AUTH_MIXED",
            ),
            (
                UpdoxCredentials {
                    account_id: s("1"),
                    login_id: s("u"),
                    login_password: pw(LOGIN_PW),
                    ..Default::default()
                },
                "ERR_UPDOX_AUTH_MIXED",
            ),
        ];
        for (c, code) in cases {
            let e = updox_auth(&c).unwrap_err();
            assert_eq!(e.code(), code, "{c:?}");
            assert!(!e.to_string().contains(APP_PW) && !e.to_string().contains(LOGIN_PW));
        }
    }
}
