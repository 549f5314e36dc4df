//! The `pkce` interface.

use healthauth::pkce::{self, Pkce};

use crate::generated::exports::healthauth::auth::pkce as wit_pkce;
use crate::{Component, WitError};

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
