//! `SigningKey`, `VerifyingKey`, `signJwt`, `verifyJwtWithKey`/`verifyJwtWithJwks` (behind the
//! JS `verifyJwt`), `jwksFromJwks` (behind the JS `jwks`), `clientAssertion`.
//!
//! Keys are opaque handles: the key material stays in wasm memory, no getter returns it, and
//! `free()` drops it (every key type zeroizes on drop). `exportPrivateJwk()` is the one,
//! explicitly named, way out.

use wasm_bindgen::prelude::*;

use super::convert::{self, Options};
use super::{JsResult, Thrown};
use healthauth::jose::{self, Algorithm, ClientAssertionOptions, VerifyOptions};
use healthauth::Error;

/// Options every key import takes. `dangerouslyAllowBrowser` is read by the browser entry.
const IMPORT_OPTIONS: &[&str] = &["alg", "kid", "dangerouslyAllowBrowser"];

/// PEM text, capped before it is copied in; the copy is zeroized once parsed.
fn pem_text(pem: &JsValue) -> Result<zeroize::Zeroizing<String>, Error> {
    convert::capped_string(pem, "pem", "key input", jose::MAX_KEY_INPUT_BYTES)
        .map(zeroize::Zeroizing::new)
}

fn alg_option(options: &Options) -> Result<Option<Algorithm>, Error> {
    options.string("alg")?.map(|name| name.parse()).transpose()
}

/// A private key (or HMAC secret) held inside WebAssembly.
#[wasm_bindgen(js_name = SigningKey)]
pub struct JsSigningKey {
    key: jose::SigningKey,
}

#[wasm_bindgen(js_class = SigningKey)]
impl JsSigningKey {
    fn finish(key: jose::SigningKey, options: &Options) -> JsResult<JsSigningKey> {
        let key = match options.string("kid")? {
            Some(kid) => key.with_kid(kid),
            None => key,
        };
        Ok(JsSigningKey { key })
    }

    /// `SigningKey.fromPem(pem, { alg?, kid? })`: PKCS#8, PKCS#1 or SEC1 PEM.
    #[wasm_bindgen(js_name = fromPem)]
    pub fn from_pem(pem: JsValue, options: JsValue) -> JsResult<JsSigningKey> {
        let options = Options::new(&options, "SigningKey.fromPem", IMPORT_OPTIONS)?;
        convert::refuse_secret_in_browser(&options, "a private key")?;
        let pem = pem_text(&pem)?;
        let alg = alg_option(&options)?;
        let key = jose::SigningKey::from_pem(&pem, alg)?;
        Self::finish(key, &options)
    }

    /// `SigningKey.fromJwk(jwk, { alg?, kid? })`: a private JWK object or its JSON text.
    #[wasm_bindgen(js_name = fromJwk)]
    pub fn from_jwk(jwk: JsValue, options: JsValue) -> JsResult<JsSigningKey> {
        let options = Options::new(&options, "SigningKey.fromJwk", IMPORT_OPTIONS)?;
        convert::refuse_secret_in_browser(&options, "a private key")?;
        let jwk = convert::json_object(&jwk, "jwk", healthauth::limits::JWK_BYTES)?;
        let alg = alg_option(&options)?;
        let key = jose::SigningKey::from_jwk(&jwk, alg)?;
        Self::finish(key, &options)
    }

    /// `SigningKey.fromSecret(secret, { alg, kid? })`: an HMAC secret (bytes or UTF-8 string).
    #[wasm_bindgen(js_name = fromSecret)]
    pub fn from_secret(secret: JsValue, options: JsValue) -> JsResult<JsSigningKey> {
        let options = Options::new(&options, "SigningKey.fromSecret", IMPORT_OPTIONS)?;
        convert::refuse_secret_in_browser(&options, "an HMAC secret")?;
        let secret = zeroize::Zeroizing::new(
            secret
                .as_string()
                .map(String::into_bytes)
                .or_else(|| convert::bytes(&secret))
                .ok_or_else(|| {
                    Thrown::from(Error::InvalidArgument {
                        name: "secret",
                        expected: "a Uint8Array, an ArrayBuffer or a string",
                    })
                })?,
        );
        let alg = alg_option(&options)?.ok_or_else(|| {
            Thrown::from(Error::KeyAlgorithmMissing {
                key: jose::KeyFamily::Hmac.describe(),
            })
        })?;
        let key = jose::SigningKey::from_hmac_secret(&secret, alg)?;
        Self::finish(key, &options)
    }

    /// `SigningKey.generate(alg, { kid?, modulusLength? })`.
    pub fn generate(alg: JsValue, options: JsValue) -> JsResult<JsSigningKey> {
        let options = Options::new(&options, "SigningKey.generate", &["kid", "modulusLength"])?;
        let alg: Algorithm = convert::string(&alg, "alg").and_then(|name| name.parse())?;
        let bits = options
            .usize("modulusLength")?
            .unwrap_or(jose::RSA_DEFAULT_BITS);
        let key = jose::SigningKey::generate_with_rsa_bits(alg, bits)?;
        Self::finish(key, &options)
    }

    /// The algorithm this key signs with, e.g. `"RS384"`.
    #[wasm_bindgen(getter)]
    pub fn alg(&self) -> String {
        self.key.alg().name().to_owned()
    }

    /// The key id put in JWS headers (the RFC 7638 thumbprint unless one was given).
    #[wasm_bindgen(getter)]
    pub fn kid(&self) -> Option<String> {
        self.key.kid().map(str::to_owned)
    }

    /// The public JWK to publish (with `kid`, `alg`, `use: "sig"`). HMAC keys have none.
    #[wasm_bindgen(js_name = publicJwk)]
    pub fn public_jwk(&self) -> JsResult<JsValue> {
        self.key
            .public_jwk()
            .map(|jwk| convert::from_json(&jwk))
            .map_err(Thrown::from)
    }

    /// The RFC 7638 thumbprint of the public key.
    pub fn thumbprint(&self) -> JsResult<String> {
        self.key.thumbprint().map_err(Thrown::from)
    }

    /// The matching `VerifyingKey`.
    #[wasm_bindgen(js_name = verifyingKey)]
    pub fn verifying_key(&self) -> JsVerifyingKey {
        JsVerifyingKey {
            key: self.key.verifying_key(),
        }
    }

    /// **Exports the private key** as a JWK: the one way private material leaves wasm.
    #[wasm_bindgen(js_name = exportPrivateJwk)]
    pub fn export_private_jwk(&self) -> JsResult<JsValue> {
        self.key
            .export_private_jwk()
            .map(|jwk| convert::from_json(&jwk))
            .map_err(Thrown::from)
    }
}

/// A public key (or HMAC secret) that checks signatures.
#[wasm_bindgen(js_name = VerifyingKey)]
pub struct JsVerifyingKey {
    key: jose::VerifyingKey,
}

#[wasm_bindgen(js_class = VerifyingKey)]
impl JsVerifyingKey {
    fn finish(key: jose::VerifyingKey, options: &Options) -> JsResult<JsVerifyingKey> {
        let key = match options.string("kid")? {
            Some(kid) => key.with_kid(kid),
            None => key,
        };
        Ok(JsVerifyingKey { key })
    }

    /// `VerifyingKey.fromPem(pem, { alg?, kid? })`: SPKI, PKCS#1 public, or an X.509 certificate.
    #[wasm_bindgen(js_name = fromPem)]
    pub fn from_pem(pem: JsValue, options: JsValue) -> JsResult<JsVerifyingKey> {
        let options = Options::new(&options, "VerifyingKey.fromPem", IMPORT_OPTIONS)?;
        let pem = pem_text(&pem)?;
        if pem.contains("PRIVATE KEY-----") {
            convert::refuse_secret_in_browser(&options, "a private key")?;
        }
        let alg = alg_option(&options)?;
        let key = jose::VerifyingKey::from_pem(&pem, alg)?;
        Self::finish(key, &options)
    }

    /// `VerifyingKey.fromJwk(jwk, { alg?, kid? })`: a public JWK object or its JSON text.
    #[wasm_bindgen(js_name = fromJwk)]
    pub fn from_jwk(jwk: JsValue, options: JsValue) -> JsResult<JsVerifyingKey> {
        let options = Options::new(&options, "VerifyingKey.fromJwk", IMPORT_OPTIONS)?;
        let jwk = convert::json_object(&jwk, "jwk", healthauth::limits::JWK_BYTES)?;
        if jwk.contains_key("k") || jwk.contains_key("d") {
            convert::refuse_secret_in_browser(&options, "a secret or private JWK")?;
        }
        let alg = alg_option(&options)?;
        let key = jose::VerifyingKey::from_jwk(&jwk, alg)?;
        Self::finish(key, &options)
    }

    /// The algorithm this key is restricted to, if any.
    #[wasm_bindgen(getter)]
    pub fn alg(&self) -> Option<String> {
        self.key.alg().map(|a| a.name().to_owned())
    }

    /// The key id, if any.
    #[wasm_bindgen(getter)]
    pub fn kid(&self) -> Option<String> {
        self.key.kid().map(str::to_owned)
    }

    /// The public JWK.
    #[wasm_bindgen(js_name = toJwk)]
    pub fn to_jwk(&self) -> JsResult<JsValue> {
        self.key
            .to_jwk()
            .map(|jwk| convert::from_json(&jwk))
            .map_err(Thrown::from)
    }

    /// The RFC 7638 thumbprint.
    pub fn thumbprint(&self) -> JsResult<String> {
        self.key.thumbprint().map_err(Thrown::from)
    }
}

/// `signJwt(key, claims, header?)` → compact JWS.
#[wasm_bindgen(js_name = signJwt)]
pub fn sign_jwt(key: &JsSigningKey, claims: JsValue, header: JsValue) -> JsResult<String> {
    let claims = convert::json_object(&claims, "claims", healthauth::limits::TOKEN_BYTES)?;
    let header = if header.is_undefined() || header.is_null() {
        jose::JsonObject::new()
    } else {
        convert::json_object(&header, "header", healthauth::limits::TOKEN_BYTES)?
    };
    jose::sign_jwt(&key.key, &claims, &header).map_err(Thrown::from)
}

const VERIFY_OPTIONS: &[&str] = &[
    "algorithms",
    "audience",
    "issuer",
    "subject",
    "typ",
    "leewaySeconds",
    "maxAgeSeconds",
    "requireExp",
    "maxTokenBytes",
    "maxJwksBytes",
    "now",
    "dangerouslyAllowBrowser",
];

fn verify_options(options: &Options) -> Result<VerifyOptions, Error> {
    let now = options.seconds_or_now("now")?;
    let mut verify = VerifyOptions::new(now);
    if let Some(names) = options.strings("algorithms")? {
        verify.algorithms = names
            .iter()
            .map(|name| name.parse())
            .collect::<Result<_, _>>()?;
    }
    verify.audience = options.strings("audience")?;
    verify.issuer = options.string("issuer")?;
    verify.subject = options.string("subject")?;
    verify.typ = options.string("typ")?;
    if let Some(leeway) = options.usize("leewaySeconds")? {
        verify.leeway_seconds = leeway as u64;
    }
    verify.max_age_seconds = options.usize("maxAgeSeconds")?.map(|s| s as u64);
    if let Some(require) = options.bool("requireExp")? {
        verify.require_exp = require;
    }
    if let Some(max) = options.usize("maxTokenBytes")? {
        verify.max_token_bytes = max;
    }
    Ok(verify)
}

/// The token's text, refused as `ERR_JWT_TOO_LARGE` before it is copied into wasm when it is
/// over the cap.
fn token_text(token: &JsValue, max: usize) -> Result<String, Error> {
    convert::capped_string(token, "token", "token", max).map_err(|error| match error {
        Error::InputTooLarge { size, max, .. } => Error::JwtTooLarge { size, max },
        other => other,
    })
}

fn verified_to_js(verified: jose::VerifiedJwt) -> JsValue {
    let object = js_sys::Object::new();
    convert::set(&object, "header", &convert::from_json(&verified.header));
    convert::set(&object, "claims", &convert::from_json(&verified.claims));
    object.into()
}

/// `verifyJwt(token, verifyingKey, options)` for one key (the JS `verifyJwt` dispatches here).
#[wasm_bindgen(js_name = verifyJwtWithKey)]
pub fn verify_jwt_with_key(
    token: JsValue,
    key: &JsVerifyingKey,
    options: JsValue,
) -> JsResult<JsValue> {
    let options = Options::new(&options, "verifyJwt", VERIFY_OPTIONS)?;
    let verify = verify_options(&options)?;
    let token = token_text(&token, verify.max_token_bytes)?;
    jose::verify_jwt(&token, &key.key, &verify)
        .map(verified_to_js)
        .map_err(Thrown::from)
}

/// `verifyJwt(token, jwksOrJwk, options)` for a JWKS (`{ keys: [...] }`) or one public JWK,
/// as an object or JSON text.
#[wasm_bindgen(js_name = verifyJwtWithJwks)]
pub fn verify_jwt_with_jwks(token: JsValue, jwks: JsValue, options: JsValue) -> JsResult<JsValue> {
    verify_with_jwks_inner(&token, &jwks, &options).map_err(Thrown::from)
}

fn verify_with_jwks_inner(
    token: &JsValue,
    jwks: &JsValue,
    options: &JsValue,
) -> Result<JsValue, Error> {
    let options = Options::new(options, "verifyJwt", VERIFY_OPTIONS)?;
    let verify = verify_options(&options)?;
    let token = token_text(token, verify.max_token_bytes)?;
    let max = options
        .usize("maxJwksBytes")?
        .unwrap_or(healthauth::limits::JWK_BYTES);
    let text = convert::json_text(jwks, "key", "JWK set", max)?.ok_or(Error::InvalidArgument {
        name: "key",
        expected: "a VerifyingKey, a SigningKey, a public JWK or a JWKS (object or JSON text)",
    })?;
    let keys = if convert::secrets_allowed(&options)? {
        jose::KeySet::parse(&text, max)?
    } else {
        jose::KeySet::parse_public(&text, max)?
    };
    keys.verify_jwt(&token, &verify).map(verified_to_js)
}

/// `jwksFromJwks(jwks)` → `{ keys: [...] }`: the JWK set publishing these public JWKs (behind
/// the JS `jwks()`, which turns each key it is given into its public JWK). Each is read as a
/// verifying key; [`jose::jwks`] refuses two with one `kid`.
#[wasm_bindgen(js_name = jwksFromJwks)]
pub fn jwks_from_jwks(jwks: JsValue) -> JsResult<JsValue> {
    if !js_sys::Array::is_array(&jwks) {
        return Err(Thrown::from(Error::InvalidArgument {
            name: "keys",
            expected: "an array of keys",
        }));
    }
    let keys = js_sys::Array::from(&jwks)
        .iter()
        .map(|jwk| {
            let jwk = convert::json_object(&jwk, "keys", healthauth::limits::JWK_BYTES)?;
            if jwk.contains_key("k") || jwk.contains_key("d") {
                // As `VerifyingKey.fromJwk` without options: no secrets in a browser.
                let no_options = Options::new(&JsValue::UNDEFINED, "jwks", &[])?;
                convert::refuse_secret_in_browser(&no_options, "a secret or private JWK")?;
            }
            jose::VerifyingKey::from_jwk(&jwk, None)
        })
        .collect::<Result<Vec<_>, Error>>()?;
    Ok(convert::from_json(&jose::jwks(&keys)?))
}

/// `clientAssertion(key, { clientId, audience, lifetimeSeconds?, now?, jti?, jku? })`.
#[wasm_bindgen(js_name = clientAssertion)]
pub fn client_assertion(key: &JsSigningKey, options: JsValue) -> JsResult<String> {
    let options = Options::new(
        &options,
        "clientAssertion",
        &[
            "clientId",
            "audience",
            "lifetimeSeconds",
            "now",
            "jti",
            "jku",
        ],
    )?;
    let now = options.seconds_or_now("now")?;
    let mut assertion = ClientAssertionOptions::new(
        options.required_string("clientId")?,
        options.required_string("audience")?,
        now,
    );
    if let Some(lifetime) = options.usize("lifetimeSeconds")? {
        assertion.lifetime_seconds = lifetime as u64;
    }
    assertion.jti = options.string("jti")?;
    assertion.jku = options.string("jku")?;
    jose::client_assertion(&key.key, &assertion).map_err(Thrown::from)
}

/// `signingKeyCredentialId(key)` → `jkt:<RFC 7638 thumbprint>`, or `hs:…` (a keyed digest)
/// for an HMAC secret: a non-secret identity of the key for `TokenClient`'s store key
/// (internal; see [`jose::SigningKey::credential_id`]).
#[wasm_bindgen(js_name = signingKeyCredentialId)]
pub fn signing_key_credential_id(key: &JsSigningKey) -> JsResult<String> {
    key.key.credential_id().map_err(Thrown::from)
}
