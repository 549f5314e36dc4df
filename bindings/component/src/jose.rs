//! The `jose` interface: the `signing-key` resource and JWT verification.

use std::cell::RefCell;

use healthauth::jose::{self, ClientAssertionOptions, JsonObject, VerifyOptions};
use healthauth::Error;

use crate::generated::exports::healthauth::auth::jose as wit_jose;
use crate::{Component, WitError};

fn parse_alg(name: Option<String>) -> Result<Option<jose::Algorithm>, Error> {
    name.map(|n| n.parse()).transpose()
}

fn json_text(map: &JsonObject) -> Result<String, Error> {
    serde_json::to_string(map).map_err(|_| Error::SigningFailed)
}

/// The `signing-key` resource: the key stays in component memory (zeroized on drop).
pub struct SigningKeyResource {
    key: RefCell<jose::SigningKey>,
}

impl SigningKeyResource {
    fn wrap(key: jose::SigningKey) -> wit_jose::SigningKey {
        wit_jose::SigningKey::new(SigningKeyResource {
            key: RefCell::new(key),
        })
    }
}

impl wit_jose::GuestSigningKey for SigningKeyResource {
    fn generate(alg: String) -> Result<wit_jose::SigningKey, WitError> {
        let alg = alg.parse()?;
        Ok(Self::wrap(jose::SigningKey::generate(alg)?))
    }

    fn from_pem(pem: String, alg: Option<String>) -> Result<wit_jose::SigningKey, WitError> {
        let pem = zeroize::Zeroizing::new(pem);
        Ok(Self::wrap(jose::SigningKey::from_pem(
            &pem,
            parse_alg(alg)?,
        )?))
    }

    fn from_jwk(jwk_json: String, alg: Option<String>) -> Result<wit_jose::SigningKey, WitError> {
        let jwk_json = zeroize::Zeroizing::new(jwk_json);
        Ok(Self::wrap(jose::SigningKey::from_jwk_json(
            &jwk_json,
            parse_alg(alg)?,
        )?))
    }

    fn alg(&self) -> String {
        self.key.borrow().alg().name().to_owned()
    }

    fn kid(&self) -> Option<String> {
        self.key.borrow().kid().map(str::to_owned)
    }

    fn public_jwk(&self) -> Result<String, WitError> {
        Ok(json_text(&self.key.borrow().public_jwk()?)?)
    }

    fn export_private_jwk(&self) -> Result<String, WitError> {
        Ok(json_text(&self.key.borrow().export_private_jwk()?)?)
    }

    fn sign_jwt(&self, claims_json: String) -> Result<String, WitError> {
        let claims = match serde_json::from_str(&claims_json) {
            Ok(serde_json::Value::Object(claims)) => claims,
            _ => {
                return Err(Error::InvalidArgument {
                    name: "claims-json",
                    expected: "a JSON object",
                }
                .into())
            }
        };
        Ok(jose::sign_jwt(
            &self.key.borrow(),
            &claims,
            &JsonObject::new(),
        )?)
    }

    fn client_assertion(
        &self,
        client_id: String,
        audience: String,
        now: i64,
    ) -> Result<String, WitError> {
        let options = ClientAssertionOptions::new(client_id, audience, now);
        Ok(jose::client_assertion(&self.key.borrow(), &options)?)
    }
}

impl wit_jose::Guest for Component {
    type SigningKey = SigningKeyResource;

    fn verify_jwt(
        token: String,
        key_json: String,
        options: wit_jose::VerifyOptions,
    ) -> Result<wit_jose::VerifiedJwt, WitError> {
        let mut verify = VerifyOptions::new(options.now);
        verify.algorithms = options
            .algorithms
            .iter()
            .map(|a| a.parse())
            .collect::<Result<_, _>>()?;
        verify.audience = options.audience;
        verify.issuer = options.issuer;
        verify.leeway_seconds = options.leeway_seconds;
        let verified = jose::KeySet::parse(&key_json, healthauth::limits::JWK_BYTES)?
            .verify_jwt(&token, &verify)?;
        Ok(wit_jose::VerifiedJwt {
            header_json: json_text(&verified.header)?,
            claims_json: json_text(&verified.claims)?,
        })
    }
}
