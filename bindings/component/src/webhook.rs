//! The `webhook` interface.

use healthauth::secret::SecretString;
use healthauth::webhook;

use crate::generated::exports::healthauth::auth::webhook as wit_webhook;
use crate::{Component, WitError};

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
