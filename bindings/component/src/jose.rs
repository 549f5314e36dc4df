//! The `jose` interface: the `signing-key` and `verifying-key` resources, JWT verification
//! against a JWK / JWK set or one key, and JWK sets.

use healthauth::jose::{self, Algorithm, ClientAssertionOptions, JsonObject, KeyFamily};
use healthauth::{limits, Error};
use zeroize::Zeroizing;

use crate::generated::exports::healthauth::auth::jose as wit_jose;
use crate::{json_object, now_seconds, size_or, Component, WitError};
use healthauth::secret::SecretString;

fn algorithm(name: Option<String>) -> Result<Option<Algorithm>, Error> {
    name.map(|n| n.parse()).transpose()
}

fn json_text(map: &JsonObject) -> Result<String, Error> {
    serde_json::to_string(map).map_err(|_| Error::SigningFailed)
}

/// The `signing-key` resource: the key stays in component memory (zeroized on drop).
pub struct SigningKeyResource {
    pub(crate) key: jose::SigningKey,
}

impl SigningKeyResource {
    fn wrap(key: jose::SigningKey, kid: Option<String>) -> wit_jose::SigningKey {
        let key = match kid {
            Some(kid) => key.with_kid(kid),
            None => key,
        };
        wit_jose::SigningKey::new(SigningKeyResource { key })
    }
}

impl wit_jose::GuestSigningKey for SigningKeyResource {
    fn generate(
        alg: String,
        options: wit_jose::GenerateOptions,
    ) -> Result<wit_jose::SigningKey, WitError> {
        let alg = alg.parse()?;
        let bits = options
            .modulus_length
            .map_or(jose::RSA_DEFAULT_BITS, |b| b as usize);
        let key = jose::SigningKey::generate_with_rsa_bits(alg, bits)?;
        Ok(Self::wrap(key, options.kid))
    }

    fn from_pem(
        pem: String,
        options: wit_jose::KeyOptions,
    ) -> Result<wit_jose::SigningKey, WitError> {
        let pem = Zeroizing::new(pem);
        let key = jose::SigningKey::from_pem(&pem, algorithm(options.alg)?)?;
        Ok(Self::wrap(key, options.kid))
    }

    fn from_jwk(
        jwk_json: String,
        options: wit_jose::KeyOptions,
    ) -> Result<wit_jose::SigningKey, WitError> {
        let jwk_json = Zeroizing::new(jwk_json);
        let key = jose::SigningKey::from_jwk_json(&jwk_json, algorithm(options.alg)?)?;
        Ok(Self::wrap(key, options.kid))
    }

    fn from_secret(
        secret: Vec<u8>,
        options: wit_jose::KeyOptions,
    ) -> Result<wit_jose::SigningKey, WitError> {
        let secret = Zeroizing::new(secret);
        let alg = algorithm(options.alg)?.ok_or(Error::KeyAlgorithmMissing {
            key: KeyFamily::Hmac.describe(),
        })?;
        let key = jose::SigningKey::from_hmac_secret(&secret, alg)?;
        Ok(Self::wrap(key, options.kid))
    }

    fn alg(&self) -> String {
        self.key.alg().name().to_owned()
    }

    fn kid(&self) -> Option<String> {
        self.key.kid().map(str::to_owned)
    }

    fn public_jwk(&self) -> Result<String, WitError> {
        Ok(json_text(&self.key.public_jwk()?)?)
    }

    fn thumbprint(&self) -> Result<String, WitError> {
        Ok(self.key.thumbprint()?)
    }

    fn verifying_key(&self) -> wit_jose::VerifyingKey {
        wit_jose::VerifyingKey::new(VerifyingKeyResource {
            key: self.key.verifying_key(),
        })
    }

    fn export_private_jwk(&self) -> Result<String, WitError> {
        let jwk = self.key.export_private_jwk()?;
        Ok(json_text(&jwk)?)
    }

    fn sign_jwt(
        &self,
        claims_json: String,
        header_json: Option<String>,
    ) -> Result<String, WitError> {
        // Claims and header are capped as the npm binding caps them (the token's own cap).
        let claims = json_object(&claims_json, "claims-json", limits::TOKEN_BYTES)?;
        let header = match header_json {
            Some(text) => json_object(&text, "header-json", limits::TOKEN_BYTES)?,
            None => JsonObject::new(),
        };
        Ok(jose::sign_jwt(&self.key, &claims, &header)?)
    }

    fn client_assertion(
        &self,
        options: wit_jose::ClientAssertionOptions,
    ) -> Result<String, WitError> {
        let mut assertion =
            ClientAssertionOptions::new(options.client_id, options.audience, options.now);
        if let Some(lifetime) = options.lifetime_seconds {
            assertion.lifetime_seconds = lifetime;
        }
        assertion.jti = options.jti;
        assertion.jku = options.jku;
        Ok(jose::client_assertion(&self.key, &assertion)?)
    }
}

/// The `verifying-key` resource.
pub struct VerifyingKeyResource {
    key: jose::VerifyingKey,
}

impl VerifyingKeyResource {
    fn wrap(key: jose::VerifyingKey, kid: Option<String>) -> wit_jose::VerifyingKey {
        let key = match kid {
            Some(kid) => key.with_kid(kid),
            None => key,
        };
        wit_jose::VerifyingKey::new(VerifyingKeyResource { key })
    }
}

impl wit_jose::GuestVerifyingKey for VerifyingKeyResource {
    fn from_pem(
        pem: String,
        options: wit_jose::KeyOptions,
    ) -> Result<wit_jose::VerifyingKey, WitError> {
        let pem = Zeroizing::new(pem);
        let key = jose::VerifyingKey::from_pem(&pem, algorithm(options.alg)?)?;
        Ok(Self::wrap(key, options.kid))
    }

    fn from_jwk(
        jwk_json: String,
        options: wit_jose::KeyOptions,
    ) -> Result<wit_jose::VerifyingKey, WitError> {
        let jwk_json = Zeroizing::new(jwk_json);
        let key = jose::VerifyingKey::from_jwk_json(&jwk_json, algorithm(options.alg)?)?;
        Ok(Self::wrap(key, options.kid))
    }

    fn alg(&self) -> Option<String> {
        self.key.alg().map(|a| a.name().to_owned())
    }

    fn kid(&self) -> Option<String> {
        self.key.kid().map(str::to_owned)
    }

    fn to_jwk(&self) -> Result<String, WitError> {
        Ok(json_text(&self.key.to_jwk()?)?)
    }

    fn thumbprint(&self) -> Result<String, WitError> {
        Ok(self.key.thumbprint()?)
    }
}

fn verify_options(options: &wit_jose::VerifyOptions) -> Result<jose::VerifyOptions, Error> {
    let mut verify = jose::VerifyOptions::new(options.now);
    if let Some(algorithms) = algorithms(&options.algorithms)? {
        verify.algorithms = algorithms;
    }
    verify.audience = options.audience.clone();
    verify.issuer = options.issuer.clone();
    verify.subject = options.subject.clone();
    verify.typ = options.typ.clone();
    if let Some(leeway) = options.leeway_seconds {
        verify.leeway_seconds = leeway;
    }
    verify.max_age_seconds = options.max_age_seconds;
    if let Some(require) = options.require_exp {
        verify.require_exp = require;
    }
    verify.max_token_bytes = size_or(options.max_token_bytes, verify.max_token_bytes);
    Ok(verify)
}

fn verified(verified: jose::VerifiedJwt) -> Result<wit_jose::VerifiedJwt, WitError> {
    Ok(wit_jose::VerifiedJwt {
        header_json: json_text(&verified.header)?,
        claims_json: json_text(&verified.claims)?,
    })
}

fn algorithms(names: &Option<Vec<String>>) -> Result<Option<Vec<Algorithm>>, Error> {
    names
        .as_ref()
        .map(|names| names.iter().map(|n| n.parse()).collect())
        .transpose()
}

fn id_token_options(options: &wit_jose::IdTokenOptions) -> Result<jose::IdTokenOptions, Error> {
    let mut id = jose::IdTokenOptions::new(
        options.issuer.clone(),
        options.client_id.clone(),
        options.now,
    );
    id.nonce = options.nonce.clone();
    id.max_age_seconds = options.max_age_seconds;
    id.access_token = options.access_token.clone().map(SecretString::new);
    if let Some(algorithms) = algorithms(&options.algorithms)? {
        id.algorithms = algorithms;
    }
    if let Some(leeway) = options.leeway_seconds {
        id.leeway_seconds = leeway;
    }
    id.max_token_bytes = size_or(options.max_token_bytes, id.max_token_bytes);
    Ok(id)
}

fn verified_id_token(
    verified: jose::VerifiedIdToken,
) -> Result<wit_jose::VerifiedIdToken, WitError> {
    Ok(wit_jose::VerifiedIdToken {
        header_json: json_text(&verified.header)?,
        claims_json: json_text(&verified.claims)?,
        subject: verified.subject,
        fhir_user: verified.fhir_user,
    })
}

impl wit_jose::Guest for Component {
    type SigningKey = SigningKeyResource;
    type VerifyingKey = VerifyingKeyResource;

    fn verify_jwt(
        token: String,
        keys_json: String,
        options: wit_jose::VerifyOptions,
    ) -> Result<wit_jose::VerifiedJwt, WitError> {
        let verify = verify_options(&options)?;
        let keys_json = Zeroizing::new(keys_json);
        let max = size_or(options.max_jwks_bytes, limits::JWK_BYTES);
        let keys = jose::KeySet::parse(&keys_json, max)?;
        verified(keys.verify_jwt(&token, &verify)?)
    }

    fn decode_jwt(
        token: String,
        max_token_bytes: Option<u64>,
    ) -> Result<wit_jose::VerifiedJwt, WitError> {
        let max = size_or(max_token_bytes, limits::TOKEN_BYTES);
        let decoded = jose::decode_jwt_unverified(&token, max)?;
        verified(jose::VerifiedJwt {
            header: decoded.header,
            claims: decoded.claims,
        })
    }

    fn verify_jwt_with_key(
        token: String,
        key: wit_jose::VerifyingKeyBorrow<'_>,
        options: wit_jose::VerifyOptions,
    ) -> Result<wit_jose::VerifiedJwt, WitError> {
        let verify = verify_options(&options)?;
        let key = &key.get::<VerifyingKeyResource>().key;
        verified(jose::verify_jwt(&token, key, &verify)?)
    }

    fn jwks(keys: Vec<wit_jose::VerifyingKeyBorrow<'_>>) -> Result<String, WitError> {
        let keys = keys.iter().map(|k| &k.get::<VerifyingKeyResource>().key);
        Ok(json_text(&jose::jwks(keys)?)?)
    }

    fn verify_id_token(
        token: String,
        keys_json: String,
        options: wit_jose::IdTokenOptions,
    ) -> Result<wit_jose::VerifiedIdToken, WitError> {
        let id = id_token_options(&options)?;
        let keys_json = Zeroizing::new(keys_json);
        let max = size_or(options.max_jwks_bytes, limits::JWK_BYTES);
        let keys = jose::KeySet::parse(&keys_json, max)?;
        verified_id_token(jose::verify_id_token(&token, &keys, &id)?)
    }

    fn verify_id_token_with_key(
        token: String,
        key: wit_jose::VerifyingKeyBorrow<'_>,
        options: wit_jose::IdTokenOptions,
    ) -> Result<wit_jose::VerifiedIdToken, WitError> {
        let id = id_token_options(&options)?;
        let keys = jose::KeySet::from_key(key.get::<VerifyingKeyResource>().key.clone());
        verified_id_token(jose::verify_id_token(&token, &keys, &id)?)
    }

    fn dpop_proof(
        key: wit_jose::SigningKeyBorrow<'_>,
        options: wit_jose::DpopOptions,
    ) -> Result<String, WitError> {
        let mut dpop = jose::DpopOptions::new(
            options.htm,
            options.htu,
            options.now.unwrap_or_else(now_seconds),
        );
        dpop.access_token = options.access_token.map(SecretString::new);
        dpop.nonce = options.nonce;
        dpop.jti = options.jti;
        Ok(jose::dpop_proof(
            &key.get::<SigningKeyResource>().key,
            &dpop,
        )?)
    }

    fn verify_dpop_proof(
        proof: String,
        options: wit_jose::DpopVerifyOptions,
    ) -> Result<wit_jose::VerifiedDpopProof, WitError> {
        let mut verify = jose::DpopVerifyOptions::new(
            options.htm.clone(),
            options.htu.clone(),
            options.now.unwrap_or_else(now_seconds),
        );
        verify.access_token = options.access_token.clone().map(SecretString::new);
        verify.nonce = options.nonce.clone();
        verify.jkt = options.jkt.clone();
        if let Some(algorithms) = algorithms(&options.algorithms)? {
            verify.algorithms = algorithms;
        }
        if let Some(max) = options.max_age_seconds {
            verify.max_age_seconds = max;
        }
        if let Some(leeway) = options.leeway_seconds {
            verify.leeway_seconds = leeway;
        }
        let verified = jose::verify_dpop_proof(&proof, &verify)?;
        Ok(wit_jose::VerifiedDpopProof {
            jkt: verified.jkt,
            jti: verified.jti,
            iat: verified.iat,
        })
    }
}
