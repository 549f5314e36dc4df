//! `createPkce`, `pkceChallenge`, `verifyPkce`, `randomState`.

use wasm_bindgen::prelude::*;

use super::convert::{self, Options};
use super::{JsResult, Thrown};
use healthauth::pkce::{self, Pkce};
use healthauth::random;

#[wasm_bindgen(typescript_custom_section)]
const PKCE_TS: &str = r#"
/** A PKCE code verifier and its S256 challenge (RFC 7636). */
export interface PkcePair {
  /** Keep server-side; send as `code_verifier` in the token request. */
  verifier: string;
  /** Send as `code_challenge` in the authorization request. */
  challenge: string;
  /** Send as `code_challenge_method`. */
  method: "S256";
}

/** Options for {@link createPkce}. */
export interface CreatePkceOptions {
  /** Verifier length in characters, 43 to 128. Default 64. */
  length?: number;
}
"#;

/// The options of `createPkce`.
pub(crate) const CREATE_PKCE_OPTIONS: &[&str] = &["length"];

/// A fresh PKCE pair from the platform CSPRNG.
/// @throws {HealthAuthError} `ERR_PKCE_VERIFIER_LENGTH` for a length outside 43..128.
#[wasm_bindgen(js_name = createPkce, unchecked_return_type = "PkcePair")]
pub fn create_pkce(
    #[wasm_bindgen(unchecked_optional_param_type = "CreatePkceOptions")] options: JsValue,
) -> JsResult<js_sys::Object> {
    let options = Options::new(&options, "createPkce", CREATE_PKCE_OPTIONS)?;
    let length = options
        .usize("length")?
        .unwrap_or(pkce::VERIFIER_DEFAULT_LEN);
    let pair = Pkce::generate_with_length(length)?;
    Ok(convert::object(&[
        ("verifier", pair.verifier().expose_secret()),
        ("challenge", pair.challenge()),
        ("method", pair.method()),
    ]))
}

/// The S256 challenge of a verifier: BASE64URL(SHA-256(verifier)).
/// @throws {HealthAuthError} `ERR_PKCE_VERIFIER_LENGTH` or `ERR_PKCE_VERIFIER_INVALID` for a
///   verifier outside RFC 7636 grammar (43 to 128 characters of `A-Z a-z 0-9 - . _ ~`).
#[wasm_bindgen(js_name = pkceChallenge)]
pub fn pkce_challenge(
    #[wasm_bindgen(unchecked_param_type = "string")] verifier: JsValue,
) -> JsResult<String> {
    let verifier = zeroize::Zeroizing::new(convert::string(&verifier, "verifier")?);
    pkce::challenge_s256(&verifier).map_err(Thrown::from)
}

/// Whether a verifier matches a challenge under S256, compared in constant time.
/// A verifier outside RFC 7636 grammar matches nothing: the answer is `false`.
#[wasm_bindgen(js_name = verifyPkce)]
pub fn verify_pkce(
    #[wasm_bindgen(unchecked_param_type = "string")] verifier: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] challenge: JsValue,
) -> JsResult<bool> {
    let verifier = zeroize::Zeroizing::new(convert::string(&verifier, "verifier")?);
    let challenge = convert::string(&challenge, "challenge")?;
    Ok(pkce::verify_s256(&verifier, &challenge))
}

/// A fresh `state` (or OpenID Connect `nonce`): base64url of `bytes` random bytes.
/// @param bytes 16 to 256, default 32 (256 bits).
/// @throws {HealthAuthError} `ERR_RANDOM_LENGTH` for a byte count outside 16..256.
#[wasm_bindgen(js_name = randomState)]
pub fn random_state(
    #[wasm_bindgen(unchecked_optional_param_type = "number")] bytes: JsValue,
) -> JsResult<String> {
    let bytes = if bytes.is_undefined() {
        random::STATE_DEFAULT_BYTES
    } else {
        convert::usize_arg(&bytes, "bytes")?
    };
    random::random_state(bytes).map_err(Thrown::from)
}
