//! The WebAssembly component (wit/healthauth.wit): converts WIT values to and from the core,
//! like the wasm-bindgen crate does for JavaScript. Build with
//! `cargo build -p healthauth-component --release --target wasm32-wasip2` (`make component`).

use std::cell::RefCell;

use healthauth::jose::{self, ClientAssertionOptions, JsonObject, VerifyOptions};
use healthauth::pkce::{self, Pkce};
use healthauth::secret::SecretString;
use healthauth::webhook;
use healthauth::Error;

/// The glue wit-bindgen generates (the crate's only `unsafe`, none of it written here).
#[allow(unsafe_code, missing_docs, clippy::all)]
mod generated {
    wit_bindgen::generate!({
        world: "healthauth",
        path: "../../wit",
        pub_export_macro: true,
    });
}

use generated::exports::healthauth::auth::types::Error as WitError;
use generated::exports::healthauth::auth::{
    jose as wit_jose, pkce as wit_pkce, webhook as wit_webhook,
};
use healthauth::error::Detail;

struct Component;

#[allow(unsafe_code)]
mod export {
    use super::{generated, Component};
    generated::export!(Component with_types_in generated);
}

fn parse_alg(name: Option<String>) -> Result<Option<jose::Algorithm>, Error> {
    name.map(|n| n.parse()).transpose()
}

fn json_text(map: &JsonObject) -> Result<String, Error> {
    serde_json::to_string(map).map_err(|_| Error::SigningFailed)
}

mod error_code;

impl From<Error> for WitError {
    fn from(error: Error) -> Self {
        WitError {
            code: error_code::error_code(error.code()),
            message: error.to_string(),
            details: error
                .details()
                .into_iter()
                .map(|(name, value)| {
                    let value = match value {
                        Detail::Text(text) => text,
                        Detail::Integer(n) => n.to_string(),
                    };
                    (name.to_owned(), value)
                })
                .collect(),
        }
    }
}

impl wit_pkce::Guest for Component {
    fn create_pkce(length: Option<u32>) -> Result<wit_pkce::PkcePair, WitError> {
        let length = length.map_or(pkce::VERIFIER_DEFAULT_LEN, |l| l as usize);
        let pair = Pkce::generate_with_length(length)?;
        Ok(wit_pkce::PkcePair {
            verifier: pair.verifier().expose_secret().to_owned(),
            challenge: pair.challenge().to_owned(),
            method: pair.method().to_owned(),
        })
    }

    fn pkce_challenge(verifier: String) -> Result<String, WitError> {
        Ok(pkce::challenge_s256(&verifier)?)
    }

    fn verify_pkce(verifier: String, challenge: String) -> bool {
        pkce::verify_s256(&verifier, &challenge)
    }

    fn random_state(bytes: Option<u32>) -> Result<String, WitError> {
        let bytes = bytes.map_or(healthauth::random::STATE_DEFAULT_BYTES, |b| b as usize);
        Ok(healthauth::random::random_state(bytes)?)
    }
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

impl wit_webhook::Guest for Component {
    fn verify(
        scheme: String,
        payload: Vec<u8>,
        headers: Vec<(String, String)>,
        secrets: Vec<String>,
        now: i64,
        tolerance_seconds: Option<u64>,
    ) -> Result<wit_webhook::Verified, WitError> {
        let scheme = webhook::Scheme::from_name(&scheme)?;
        let secrets: Vec<SecretString> = secrets.into_iter().map(SecretString::new).collect();
        let mut options = webhook::VerifyOptions::at(now);
        if let Some(tolerance) = tolerance_seconds {
            options.tolerance_seconds = tolerance;
        }
        let verified = webhook::verify(&scheme, &payload, &headers, &secrets, &options)?;
        Ok(wit_webhook::Verified {
            scheme: verified.scheme.to_owned(),
            id: verified.id,
            timestamp: verified.timestamp,
        })
    }
}
