//! `createPkce`, `pkceChallenge`, `verifyPkce`, `randomState`.

use wasm_bindgen::prelude::*;

use super::convert::{self, Options};
use super::{JsResult, Thrown};
use healthauth::pkce::{self, Pkce};
use healthauth::random;

/// `createPkce({ length? })` → `{ verifier, challenge, method: "S256" }`.
#[wasm_bindgen(js_name = createPkce)]
pub fn create_pkce(options: JsValue) -> JsResult<js_sys::Object> {
    let options = Options::new(&options, "createPkce", &["length"])?;
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

/// `pkceChallenge(verifier)` → the `S256` challenge; throws on a verifier outside RFC 7636.
#[wasm_bindgen(js_name = pkceChallenge)]
pub fn pkce_challenge(verifier: JsValue) -> JsResult<String> {
    let verifier = zeroize::Zeroizing::new(convert::string(&verifier, "verifier")?);
    pkce::challenge_s256(&verifier).map_err(Thrown::from)
}

/// `verifyPkce(verifier, challenge)` → whether they match, in constant time.
#[wasm_bindgen(js_name = verifyPkce)]
pub fn verify_pkce(verifier: JsValue, challenge: JsValue) -> JsResult<bool> {
    let verifier = zeroize::Zeroizing::new(convert::string(&verifier, "verifier")?);
    let challenge = convert::string(&challenge, "challenge")?;
    Ok(pkce::verify_s256(&verifier, &challenge))
}

/// `randomState(bytes?)` → base64url of `bytes` (16 to 256, default 32) random bytes.
#[wasm_bindgen(js_name = randomState)]
pub fn random_state(bytes: JsValue) -> JsResult<String> {
    let bytes = if bytes.is_undefined() {
        random::STATE_DEFAULT_BYTES
    } else {
        convert::usize_arg(&bytes, "bytes")?
    };
    random::random_state(bytes).map_err(Thrown::from)
}
