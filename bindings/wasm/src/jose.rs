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
use healthauth::secret::SecretString;
use healthauth::Error;

/// Options every key import takes. `dangerouslyAllowBrowser` is read by the browser entry.
pub(crate) const IMPORT_OPTIONS: &[&str] = &["alg", "kid", "dangerouslyAllowBrowser"];

/// The options of `SigningKey.generate`.
pub(crate) const GENERATE_OPTIONS: &[&str] = &["kid", "modulusLength"];

/// PEM text, capped before it is copied in; the copy is zeroized once parsed.
fn pem_text(pem: &JsValue) -> Result<zeroize::Zeroizing<String>, Error> {
    convert::capped_string(pem, "pem", "key input", jose::MAX_KEY_INPUT_BYTES)
        .map(zeroize::Zeroizing::new)
}

fn alg_option(options: &Options) -> Result<Option<Algorithm>, Error> {
    options.string("alg")?.map(|name| name.parse()).transpose()
}

#[wasm_bindgen(typescript_custom_section)]
const JOSE_TS: &str = r#"
/** JWS algorithms healthauth signs and verifies with. `none` does not exist here. */
export type Algorithm =
  | "HS256" | "HS384" | "HS512"
  | "RS256" | "RS384" | "RS512"
  | "PS256" | "PS384" | "PS512"
  | "ES256" | "ES384" | "EdDSA";

/** A JSON Web Key (RFC 7517) as a plain object. */
export interface Jwk {
  kty: "RSA" | "EC" | "OKP" | "oct";
  kid?: string;
  alg?: Algorithm;
  use?: "sig";
  [member: string]: unknown;
}

/** A JWK Set: what a provider fetches from your JWKS URL. */
export interface Jwks {
  keys: Jwk[];
}

/** Options for importing a key. */
export interface KeyImportOptions {
  /** Required for RSA and HMAC keys; implied by P-256 (ES256), P-384 (ES384), Ed25519 (EdDSA). */
  alg?: Algorithm;
  /** Key id for JWS headers. Default: the RFC 7638 thumbprint (asymmetric keys). */
  kid?: string;
  /** Browsers only: allow loading a private key or secret into the page. */
  dangerouslyAllowBrowser?: boolean;
}

/** Options for {@link SigningKey.fromSecret}: an HMAC secret needs its algorithm. */
export interface SecretImportOptions extends KeyImportOptions {
  alg: "HS256" | "HS384" | "HS512";
}

/** Options for {@link SigningKey.generate}. */
export interface GenerateKeyOptions {
  /** Key id for JWS headers. Default: the RFC 7638 thumbprint. */
  kid?: string;
  /** RSA only: the modulus size in bits. Default 2048. */
  modulusLength?: number;
}

/** What a JWT must satisfy besides its signature. */
export interface VerifyJwtOptions {
  /** Accepted algorithms. Default: the key's own (required for RSA/HMAC keys without `alg`). */
  algorithms?: Algorithm[];
  /**
   * Accepted audience(s): the token's `aud` must name one. Leave it out to skip the check; an
   * empty array throws `ERR_INVALID_ARGUMENT` (it would accept any audience).
   */
  audience?: string | string[];
  issuer?: string;
  subject?: string;
  /** Required header `typ`. */
  typ?: string;
  /** Clock skew tolerated on `exp`, `nbf`, `iat` (seconds). Default 0. */
  leewaySeconds?: number;
  /** Oldest `iat` accepted (seconds before now). */
  maxAgeSeconds?: number;
  /** Refuse tokens without `exp`. Default true. */
  requireExp?: boolean;
  /** Size cap in bytes, checked before the token is copied or parsed. Default 65536. */
  maxTokenBytes?: number;
  /** Size cap on a JWK or JWKS given as an object or JSON text. Default 262144 (256 KiB). */
  maxJwksBytes?: number;
  /** Current time in Unix seconds. Default: the clock. */
  now?: number;
  /** Accept an HMAC (`oct`) or private JWK (or a JWKS holding one) in a browser. */
  dangerouslyAllowBrowser?: boolean;
}

/** A verified JWT. */
export interface VerifiedJwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
}

/** Options for {@link decodeJwt}. */
export interface DecodeJwtOptions {
  /** Size cap on the token in bytes (default 65536), checked before it is copied. */
  maxTokenBytes?: number;
}

/** A JWT's header and claims from {@link decodeJwt}: NOT verified, to show, never to trust. */
export interface DecodedJwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
}

/** Options for {@link clientAssertion}. */
export interface ClientAssertionOptions {
  /** Your client id: `iss` and `sub`. */
  clientId: string;
  /** The token endpoint URL: `aud`. */
  audience: string;
  /** 1 to 300 seconds. Default 300. */
  lifetimeSeconds?: number;
  now?: number;
  /** Default: 192 random bits. */
  jti?: string;
  /** The https URL of your JWKS (Epic requires it). */
  jku?: string;
}
/** Options for {@link verifyIdToken} (OpenID Connect Core section 3.1.3.7). */
export interface VerifyIdTokenOptions {
  /** The issuer: `iss` must be identical. */
  issuer: string;
  /** Your client id: `aud` must contain it, and `azp` must be it when there are several audiences. */
  clientId: string;
  /** The `nonce` sent with the authorization request: compared in constant time. */
  nonce?: string;
  /** The longest time since the user authenticated (`auth_time` required then), in seconds. */
  maxAgeSeconds?: number;
  /** The access token issued with the ID token: `at_hash` must be its left-half hash. */
  accessToken?: string;
  /** Accepted algorithms. Default: RS256 and the keys' own. */
  algorithms?: Algorithm[];
  /** Clock skew tolerated on `exp` and `iat` (seconds). Default 0. */
  leewaySeconds?: number;
  /** Size cap in bytes, checked before the token is copied or parsed. Default 65536. */
  maxTokenBytes?: number;
  /** Size cap on a JWK or JWKS given as an object or JSON text. Default 262144 (256 KiB). */
  maxJwksBytes?: number;
  /** Current time in Unix seconds. Default: the clock. */
  now?: number;
  /** Accept an HMAC (`oct`) or private JWK (or a JWKS holding one) in a browser. */
  dangerouslyAllowBrowser?: boolean;
}

/** A verified ID token. */
export interface VerifiedIdToken {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  /** `sub`. */
  subject: string;
  /** The SMART `fhirUser` claim, when present. */
  fhirUser?: string;
}

/** Options for {@link dpopProof} (RFC 9449 section 4.2). */
export interface DpopProofOptions {
  /** The request's HTTP method. */
  htm: string;
  /** The request's URL (sent without query and fragment). */
  htu: string;
  /** The access token the request carries: adds `ath`. */
  accessToken?: string;
  /** The server's latest `DPoP-Nonce`. */
  nonce?: string;
  /** Current time in Unix seconds (`iat`). Default: the clock. */
  now?: number;
  /** Default: 192 random bits. */
  jti?: string;
}

/** Options for {@link verifyDpopProof} (RFC 9449 section 4.3). */
export interface VerifyDpopProofOptions {
  /** The request's HTTP method: `htm` must be identical. */
  htm: string;
  /** The request's URL: `htu` must be the same without query and fragment. */
  htu: string;
  /** The access token the request carries: `ath` must be its hash. */
  accessToken?: string;
  /** The nonce this server requires now, if it uses nonces. */
  nonce?: string;
  /** The thumbprint the access token is bound to (`cnf.jkt`): the proof's key must be that one. */
  jkt?: string;
  /** Accepted algorithms. Default: every asymmetric one. */
  algorithms?: Algorithm[];
  /** How old `iat` may be, in seconds. Default 300. */
  maxAgeSeconds?: number;
  /** How far in the future `iat` may be, in seconds. Default 60. */
  leewaySeconds?: number;
  /** Current time in Unix seconds. Default: the clock. */
  now?: number;
}

/** A DPoP proof that passed verification. */
export interface VerifiedDpopProof {
  /** The RFC 7638 thumbprint of the proof's key: what a DPoP-bound token names in `cnf.jkt`. */
  jkt: string;
  /** Keep the ids seen for the proof's lifetime and refuse a repeat. */
  jti: string;
  iat: number;
}
"#;

/// A private key or HMAC secret held inside WebAssembly. No property returns the key material.
/// `free()` frees the key and zeroizes its memory, and so does the end of the scope of
/// `using key = SigningKey.fromPem(...)` (`[Symbol.dispose]()`).
#[wasm_bindgen(js_name = SigningKey)]
pub struct JsSigningKey {
    pub(crate) key: jose::SigningKey,
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

    /// PKCS#8 (`PRIVATE KEY`), PKCS#1 (`RSA PRIVATE KEY`) or SEC1 (`EC PRIVATE KEY`) PEM.
    #[wasm_bindgen(js_name = fromPem)]
    pub fn from_pem(
        #[wasm_bindgen(unchecked_param_type = "string")] pem: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "KeyImportOptions")] options: JsValue,
    ) -> JsResult<JsSigningKey> {
        let options = Options::new(&options, "SigningKey.fromPem", IMPORT_OPTIONS)?;
        convert::refuse_secret_in_browser(&options, "a private key")?;
        let pem = pem_text(&pem)?;
        let alg = alg_option(&options)?;
        let key = jose::SigningKey::from_pem(&pem, alg)?;
        Self::finish(key, &options)
    }

    /// A private JWK (object or JSON text).
    #[wasm_bindgen(js_name = fromJwk)]
    pub fn from_jwk(
        #[wasm_bindgen(unchecked_param_type = "Jwk | string")] jwk: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "KeyImportOptions")] options: JsValue,
    ) -> JsResult<JsSigningKey> {
        healthauth::secret::scrubbed(|| {
            let options = Options::new(&options, "SigningKey.fromJwk", IMPORT_OPTIONS)?;
            convert::refuse_secret_in_browser(&options, "a private key")?;
            let jwk = convert::jwk_object(&jwk)?;
            let alg = alg_option(&options)?;
            let key = jose::SigningKey::from_jwk(&jwk, alg)?;
            Self::finish(key, &options)
        })
    }

    /// An HMAC secret (at least as long as the hash: 32, 48 or 64 bytes), as bytes or UTF-8 text.
    #[wasm_bindgen(js_name = fromSecret)]
    pub fn from_secret(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer | string")] secret: JsValue,
        #[wasm_bindgen(unchecked_param_type = "SecretImportOptions")] options: JsValue,
    ) -> JsResult<JsSigningKey> {
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

    /// A fresh key. RSA takes noticeably longer (see BENCHMARKS.md); the rest are instant.
    pub fn generate(
        #[wasm_bindgen(unchecked_param_type = "Algorithm")] alg: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "GenerateKeyOptions")] options: JsValue,
    ) -> JsResult<JsSigningKey> {
        let options = Options::new(&options, "SigningKey.generate", GENERATE_OPTIONS)?;
        let alg: Algorithm = convert::string(&alg, "alg").and_then(|name| name.parse())?;
        let bits = options
            .usize("modulusLength")?
            .unwrap_or(jose::RSA_DEFAULT_BITS);
        let key = jose::SigningKey::generate_with_rsa_bits(alg, bits)?;
        Self::finish(key, &options)
    }

    /// The algorithm this key signs with.
    #[wasm_bindgen(getter, unchecked_return_type = "Algorithm")]
    pub fn alg(&self) -> String {
        self.key.alg().name().to_owned()
    }

    /// The key id put in JWS headers (the RFC 7638 thumbprint unless one was given).
    #[wasm_bindgen(getter)]
    pub fn kid(&self) -> Option<String> {
        self.key.kid().map(str::to_owned)
    }

    /// The public JWK to publish, with `kid`, `alg` and `use: "sig"`. Throws for HMAC keys.
    #[wasm_bindgen(js_name = publicJwk, unchecked_return_type = "Jwk")]
    pub fn public_jwk(&self) -> JsResult<JsValue> {
        self.key
            .public_jwk()
            .map(|jwk| convert::from_json(&jwk))
            .map_err(Thrown::from)
    }

    /// RFC 7638 thumbprint of the public key.
    pub fn thumbprint(&self) -> JsResult<String> {
        self.key.thumbprint().map_err(Thrown::from)
    }

    /// The matching public key.
    #[wasm_bindgen(js_name = verifyingKey)]
    pub fn verifying_key(&self) -> JsVerifyingKey {
        JsVerifyingKey {
            key: self.key.verifying_key(),
        }
    }

    /// Exports the private key as a JWK: the only way private material leaves WebAssembly.
    #[wasm_bindgen(js_name = exportPrivateJwk, unchecked_return_type = "Jwk")]
    pub fn export_private_jwk(&self) -> JsResult<JsValue> {
        self.key
            .export_private_jwk()
            .map(|jwk| convert::from_json(&jwk))
            .map_err(Thrown::from)
    }
}

/// A public key (or HMAC secret) that checks signatures. `free()` frees the key, and so does the
/// end of the scope of `using key = VerifyingKey.fromJwk(...)` (`[Symbol.dispose]()`).
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

    /// SPKI (`PUBLIC KEY`), PKCS#1 (`RSA PUBLIC KEY`) or an X.509 `CERTIFICATE`.
    #[wasm_bindgen(js_name = fromPem)]
    pub fn from_pem(
        #[wasm_bindgen(unchecked_param_type = "string")] pem: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "KeyImportOptions")] options: JsValue,
    ) -> JsResult<JsVerifyingKey> {
        let options = Options::new(&options, "VerifyingKey.fromPem", IMPORT_OPTIONS)?;
        let pem = pem_text(&pem)?;
        if pem.contains("PRIVATE KEY-----") {
            convert::refuse_secret_in_browser(&options, "a private key")?;
        }
        let alg = alg_option(&options)?;
        let key = jose::VerifyingKey::from_pem(&pem, alg)?;
        Self::finish(key, &options)
    }

    /// A public JWK (object or JSON text).
    #[wasm_bindgen(js_name = fromJwk)]
    pub fn from_jwk(
        #[wasm_bindgen(unchecked_param_type = "Jwk | string")] jwk: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "KeyImportOptions")] options: JsValue,
    ) -> JsResult<JsVerifyingKey> {
        let options = Options::new(&options, "VerifyingKey.fromJwk", IMPORT_OPTIONS)?;
        let jwk = convert::jwk_object(&jwk)?;
        if jwk.contains_key("k") || jwk.contains_key("d") {
            convert::refuse_secret_in_browser(&options, "a secret or private JWK")?;
        }
        let alg = alg_option(&options)?;
        let key = jose::VerifyingKey::from_jwk(&jwk, alg)?;
        Self::finish(key, &options)
    }

    /// The algorithm this key is restricted to, if any.
    #[wasm_bindgen(getter, unchecked_return_type = "Algorithm | undefined")]
    pub fn alg(&self) -> Option<String> {
        self.key.alg().map(|a| a.name().to_owned())
    }

    /// The key id, if any.
    #[wasm_bindgen(getter)]
    pub fn kid(&self) -> Option<String> {
        self.key.kid().map(str::to_owned)
    }

    /// The public JWK.
    #[wasm_bindgen(js_name = toJwk, unchecked_return_type = "Jwk")]
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

/// Signs claims as a compact JWT. The header gets `alg` and `kid` from the key.
#[wasm_bindgen(js_name = signJwt)]
pub fn sign_jwt(
    key: &JsSigningKey,
    #[wasm_bindgen(unchecked_param_type = "Record<string, unknown>")] claims: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Record<string, unknown>")] header: JsValue,
) -> JsResult<String> {
    let claims = convert::json_object(&claims, "claims", healthauth::limits::TOKEN_BYTES)?;
    let header = if header.is_undefined() || header.is_null() {
        jose::JsonObject::new()
    } else {
        convert::json_object(&header, "header", healthauth::limits::TOKEN_BYTES)?
    };
    jose::sign_jwt(&key.key, &claims, &header).map_err(Thrown::from)
}

pub(crate) const VERIFY_OPTIONS: &[&str] = &[
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
    if let Some(algorithms) = algorithms(options)? {
        verify.algorithms = algorithms;
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
    header_and_claims(&verified.header, &verified.claims)
}

/// `{ header, claims }` of a verified or a decoded token.
fn header_and_claims(header: &jose::JsonObject, claims: &jose::JsonObject) -> JsValue {
    let object = js_sys::Object::new();
    convert::set(&object, "header", &convert::from_json(header));
    convert::set(&object, "claims", &convert::from_json(claims));
    object.into()
}

/// The options of `decodeJwt`.
pub(crate) const DECODE_JWT_OPTIONS: &[&str] = &["maxTokenBytes"];

/// Decodes a JWT's header and claims WITHOUT verifying its signature or claims: to show a
/// token, never to trust it (use `verifyJwt` for that). The token must still be well formed.
/// @param options `maxTokenBytes` (default 65536), checked before the token is copied.
/// @throws {HealthAuthError} `ERR_JWT_MALFORMED`, `ERR_JWT_TOO_LARGE`,
///   `ERR_JWT_ALGORITHM_NOT_ALLOWED` (`alg: none` or unknown), `ERR_JWT_CRIT_UNSUPPORTED`.
#[wasm_bindgen(js_name = decodeJwt, unchecked_return_type = "DecodedJwt")]
pub fn decode_jwt(
    #[wasm_bindgen(unchecked_param_type = "string")] token: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "DecodeJwtOptions")] options: JsValue,
) -> JsResult<JsValue> {
    let options = Options::new(&options, "decodeJwt", DECODE_JWT_OPTIONS)?;
    let max = options
        .usize("maxTokenBytes")?
        .unwrap_or(healthauth::limits::TOKEN_BYTES);
    let token = token_text(&token, max)?;
    let decoded = jose::decode_jwt_unverified(&token, max)?;
    Ok(header_and_claims(&decoded.header, &decoded.claims))
}

/// `verifyJwt(token, verifyingKey, options)` for one key (the JS `verifyJwt` dispatches here).
#[wasm_bindgen(js_name = verifyJwtWithKey, unchecked_return_type = "VerifiedJwt")]
pub fn verify_jwt_with_key(
    #[wasm_bindgen(unchecked_param_type = "string")] token: JsValue,
    key: &JsVerifyingKey,
    #[wasm_bindgen(unchecked_optional_param_type = "VerifyJwtOptions")] options: JsValue,
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
#[wasm_bindgen(js_name = verifyJwtWithJwks, unchecked_return_type = "VerifiedJwt")]
pub fn verify_jwt_with_jwks(
    #[wasm_bindgen(unchecked_param_type = "string")] token: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Jwk | Jwks | string")] jwks: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "VerifyJwtOptions")] options: JsValue,
) -> JsResult<JsValue> {
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
#[wasm_bindgen(js_name = jwksFromJwks, unchecked_return_type = "Jwks")]
pub fn jwks_from_jwks(
    #[wasm_bindgen(unchecked_param_type = "Jwk[]")] jwks: JsValue,
) -> JsResult<JsValue> {
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

/// The options of `clientAssertion`.
pub(crate) const CLIENT_ASSERTION_OPTIONS: &[&str] = &[
    "clientId",
    "audience",
    "lifetimeSeconds",
    "now",
    "jti",
    "jku",
];

/// An RFC 7523 client assertion for `private_key_jwt` (Redox, SMART Backend Services).
#[wasm_bindgen(js_name = clientAssertion)]
pub fn client_assertion(
    key: &JsSigningKey,
    #[wasm_bindgen(unchecked_param_type = "ClientAssertionOptions")] options: JsValue,
) -> JsResult<String> {
    let options = Options::new(&options, "clientAssertion", CLIENT_ASSERTION_OPTIONS)?;
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

/// The options of `verifyIdToken`.
pub(crate) const ID_TOKEN_OPTIONS: &[&str] = &[
    "issuer",
    "clientId",
    "nonce",
    "maxAgeSeconds",
    "accessToken",
    "algorithms",
    "leewaySeconds",
    "maxTokenBytes",
    "maxJwksBytes",
    "now",
    "dangerouslyAllowBrowser",
];

fn algorithms(options: &Options) -> Result<Option<Vec<Algorithm>>, Error> {
    options
        .strings("algorithms")?
        .map(|names| names.iter().map(|name| name.parse()).collect())
        .transpose()
}

fn id_token_options(options: &Options) -> Result<jose::IdTokenOptions, Error> {
    let mut id = jose::IdTokenOptions::new(
        options.required_string("issuer")?,
        options.required_string("clientId")?,
        options.seconds_or_now("now")?,
    );
    id.nonce = options.string("nonce")?;
    id.max_age_seconds = options.usize("maxAgeSeconds")?.map(|s| s as u64);
    id.access_token = options.string("accessToken")?.map(SecretString::new);
    if let Some(algorithms) = algorithms(options)? {
        id.algorithms = algorithms;
    }
    if let Some(leeway) = options.usize("leewaySeconds")? {
        id.leeway_seconds = leeway as u64;
    }
    if let Some(max) = options.usize("maxTokenBytes")? {
        id.max_token_bytes = max;
    }
    Ok(id)
}

fn verified_id_token_to_js(verified: jose::VerifiedIdToken) -> JsValue {
    let object = js_sys::Object::new();
    convert::set(&object, "header", &convert::from_json(&verified.header));
    convert::set(&object, "claims", &convert::from_json(&verified.claims));
    convert::set(&object, "subject", &JsValue::from_str(&verified.subject));
    if let Some(user) = &verified.fhir_user {
        convert::set(&object, "fhirUser", &JsValue::from_str(user));
    }
    object.into()
}

/// `verifyIdToken(token, verifyingKey, options)` for one key (the JS `verifyIdToken`
/// dispatches here).
#[wasm_bindgen(js_name = verifyIdTokenWithKey, unchecked_return_type = "VerifiedIdToken")]
pub fn verify_id_token_with_key(
    #[wasm_bindgen(unchecked_param_type = "string")] token: JsValue,
    key: &JsVerifyingKey,
    #[wasm_bindgen(unchecked_param_type = "VerifyIdTokenOptions")] options: JsValue,
) -> JsResult<JsValue> {
    let options = Options::new(&options, "verifyIdToken", ID_TOKEN_OPTIONS)?;
    let id = id_token_options(&options)?;
    let token = token_text(&token, id.max_token_bytes)?;
    let keys = jose::KeySet::from_key(key.key.clone());
    jose::verify_id_token(&token, &keys, &id)
        .map(verified_id_token_to_js)
        .map_err(Thrown::from)
}

/// `verifyIdToken(token, jwksOrJwk, options)` for a JWKS or one public JWK, as an object or
/// JSON text.
#[wasm_bindgen(js_name = verifyIdTokenWithJwks, unchecked_return_type = "VerifiedIdToken")]
pub fn verify_id_token_with_jwks(
    #[wasm_bindgen(unchecked_param_type = "string")] token: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Jwk | Jwks | string")] jwks: JsValue,
    #[wasm_bindgen(unchecked_param_type = "VerifyIdTokenOptions")] options: JsValue,
) -> JsResult<JsValue> {
    let options = Options::new(&options, "verifyIdToken", ID_TOKEN_OPTIONS)?;
    let id = id_token_options(&options)?;
    let token = token_text(&token, id.max_token_bytes)?;
    let keys = key_set(&jwks, &options)?;
    jose::verify_id_token(&token, &keys, &id)
        .map(verified_id_token_to_js)
        .map_err(Thrown::from)
}

/// A JWKS or one JWK (object or JSON text) as a key set, under `maxJwksBytes`; secrets and
/// private keys only where allowed.
fn key_set(jwks: &JsValue, options: &Options) -> Result<jose::KeySet, Error> {
    let max = options
        .usize("maxJwksBytes")?
        .unwrap_or(healthauth::limits::JWK_BYTES);
    let text = convert::json_text(jwks, "key", "JWK set", max)?.ok_or(Error::InvalidArgument {
        name: "key",
        expected: "a VerifyingKey, a SigningKey, a public JWK or a JWKS (object or JSON text)",
    })?;
    if convert::secrets_allowed(options)? {
        jose::KeySet::parse(&text, max)
    } else {
        jose::KeySet::parse_public(&text, max)
    }
}

/// The options of `dpopProof`.
pub(crate) const DPOP_PROOF_OPTIONS: &[&str] =
    &["htm", "htu", "accessToken", "nonce", "now", "jti"];

/// A DPoP proof (RFC 9449): a `dpop+jwt` signed by `key` (asymmetric) with its public JWK in
/// the header, for one request (`htm`, `htu`), with `ath` when an access token is given.
/// @throws {HealthAuthError} `ERR_INVALID_ARGUMENT` (an HMAC key, a bad method or URL),
///   `ERR_UNKNOWN_OPTION`.
#[wasm_bindgen(js_name = dpopProof)]
pub fn dpop_proof(
    key: &JsSigningKey,
    #[wasm_bindgen(unchecked_param_type = "DpopProofOptions")] options: JsValue,
) -> JsResult<String> {
    let o = Options::new(&options, "dpopProof", DPOP_PROOF_OPTIONS)?;
    let mut dpop = jose::DpopOptions::new(
        o.required_string("htm")?,
        o.required_string("htu")?,
        o.seconds_or_now("now")?,
    );
    dpop.access_token = o.string("accessToken")?.map(SecretString::new);
    dpop.nonce = o.string("nonce")?;
    dpop.jti = o.string("jti")?;
    jose::dpop_proof(&key.key, &dpop).map_err(Thrown::from)
}

/// The options of `verifyDpopProof`.
pub(crate) const VERIFY_DPOP_PROOF_OPTIONS: &[&str] = &[
    "htm",
    "htu",
    "accessToken",
    "nonce",
    "jkt",
    "algorithms",
    "maxAgeSeconds",
    "leewaySeconds",
    "now",
];

/// Verifies a DPoP proof at a resource or authorization server (RFC 9449 section 4.3): its
/// type, an asymmetric algorithm, a public key in its header, `htm`/`htu`/`ath`/`nonce`, a
/// fresh `iat`, and the bound key's thumbprint (`jkt`). Keep the returned `jti` to refuse
/// replays.
/// @throws {HealthAuthError} `ERR_DPOP_PROOF_INVALID`, `ERR_DPOP_NONCE_INVALID`,
///   `ERR_JWT_MALFORMED`, `ERR_JWT_SIGNATURE_INVALID`, `ERR_JWT_ALG_NOT_ALLOWED`, ...
#[wasm_bindgen(js_name = verifyDpopProof, unchecked_return_type = "VerifiedDpopProof")]
pub fn verify_dpop_proof(
    #[wasm_bindgen(unchecked_param_type = "string")] proof: JsValue,
    #[wasm_bindgen(unchecked_param_type = "VerifyDpopProofOptions")] options: JsValue,
) -> JsResult<JsValue> {
    let o = Options::new(&options, "verifyDpopProof", VERIFY_DPOP_PROOF_OPTIONS)?;
    let mut verify = jose::DpopVerifyOptions::new(
        o.required_string("htm")?,
        o.required_string("htu")?,
        o.seconds_or_now("now")?,
    );
    verify.access_token = o.string("accessToken")?.map(SecretString::new);
    verify.nonce = o.string("nonce")?;
    verify.jkt = o.string("jkt")?;
    if let Some(algorithms) = algorithms(&o)? {
        verify.algorithms = algorithms;
    }
    if let Some(max) = o.usize("maxAgeSeconds")? {
        verify.max_age_seconds = max as u64;
    }
    if let Some(leeway) = o.usize("leewaySeconds")? {
        verify.leeway_seconds = leeway as u64;
    }
    let proof = convert::capped_string(&proof, "proof", "DPoP proof", verify.max_proof_bytes)?;
    let verified = jose::verify_dpop_proof(&proof, &verify)?;
    let object = js_sys::Object::new();
    convert::set(&object, "jkt", &JsValue::from_str(&verified.jkt));
    convert::set(&object, "jti", &JsValue::from_str(&verified.jti));
    convert::set(&object, "iat", &JsValue::from_f64(verified.iat as f64));
    Ok(object.into())
}

// ---- the remote JWKS cache's rules (internal: `RemoteJwks`; see [`jose::jwks_cache`]) -------

/// The options of `RemoteJwks` that the core reads.
const JWKS_CACHE_OPTIONS: &[&str] = &["cacheMaxAgeSeconds", "cooldownSeconds"];

/// The policy from `{ cacheMaxAgeSeconds?, cooldownSeconds? }` (non-negative integers; the
/// defaults of [`jose::jwks_cache::JwksCachePolicy::default`]).
fn jwks_cache_policy(options: &JsValue) -> Result<jose::jwks_cache::JwksCachePolicy, Error> {
    let o = Options::new(options, "RemoteJwks", JWKS_CACHE_OPTIONS)?;
    let defaults = jose::jwks_cache::JwksCachePolicy::default();
    Ok(jose::jwks_cache::JwksCachePolicy {
        max_age_seconds: o
            .usize("cacheMaxAgeSeconds")?
            .map_or(defaults.max_age_seconds, |n| n as u64),
        cooldown_seconds: o
            .usize("cooldownSeconds")?
            .map_or(defaults.cooldown_seconds, |n| n as u64),
    })
}

/// `jwksCachePolicy({ cacheMaxAgeSeconds?, cooldownSeconds? })` → the policy with its
/// defaults filled in, `maxBytes`, the largest JWK set read
/// ([`healthauth::limits::JWK_BYTES`]), and `recordTtlSeconds`, a shared store's TTL
/// ([`jose::jwks_cache::JwksCachePolicy::record_ttl_seconds`]); refuses other options and values that are not
/// non-negative integers.
#[wasm_bindgen(js_name = jwksCachePolicy)]
pub fn jwks_cache_policy_js(options: JsValue) -> JsResult<js_sys::Object> {
    let policy = jwks_cache_policy(&options)?;
    let out = js_sys::Object::new();
    let number = |name: &str, n: f64| convert::set(&out, name, &JsValue::from_f64(n));
    number("cacheMaxAgeSeconds", policy.max_age_seconds as f64);
    number("cooldownSeconds", policy.cooldown_seconds as f64);
    number("maxBytes", healthauth::limits::JWK_BYTES as f64);
    number("recordTtlSeconds", policy.record_ttl_seconds() as f64);
    Ok(out)
}

/// `jwksCacheDecision(policy, fetchedAt, attemptedAt, now, unknownKid)` → `"use"`, `"fetch"`
/// or `"unavailable"` ([`jose::jwks_cache::JwksCachePolicy::decide`]); a time that is not a
/// number is absent.
#[wasm_bindgen(js_name = jwksCacheDecision)]
pub fn jwks_cache_decision(
    policy: JsValue,
    fetched_at: JsValue,
    attempted_at: JsValue,
    now: f64,
    unknown_kid: bool,
) -> JsResult<String> {
    let policy = jwks_cache_policy(&policy)?;
    let state = jose::jwks_cache::JwksCacheState {
        fetched_at: fetched_at.as_f64(),
        attempted_at: attempted_at.as_f64(),
    };
    Ok(match policy.decide(&state, now, unknown_kid) {
        jose::jwks_cache::JwksDecision::Use => "use",
        jose::jwks_cache::JwksDecision::Fetch => "fetch",
        jose::jwks_cache::JwksDecision::Unavailable => "unavailable",
    }
    .to_owned())
}

/// `jwksStoreKey(url)` → the key of the JWK set of `url` in a shared store; refuses a URL that
/// cannot be an endpoint (`ERR_URL_INVALID`)
/// ([`jose::jwks_cache::jwks_store_key`]).
#[wasm_bindgen(js_name = jwksStoreKey)]
pub fn jwks_store_key(url: JsValue) -> JsResult<String> {
    let url = convert::string(&url, "url")?;
    Ok(jose::jwks_cache::jwks_store_key(&url)?)
}

/// `jwksRecordVersion()` → the version of the records `RemoteJwks` writes.
#[wasm_bindgen(js_name = jwksRecordVersion)]
pub fn jwks_record_version() -> u32 {
    jose::jwks_cache::JWKS_RECORD_VERSION
}

/// `ownJwksRecord(record, url)` → whether a record read back from a shared store is the JWK
/// set of `url` ([`jose::jwks_cache::is_own_jwks_record`]).
#[wasm_bindgen(js_name = ownJwksRecord)]
pub fn own_jwks_record(record: JsValue, url: JsValue) -> JsResult<bool> {
    let url = convert::string(&url, "url")?;
    if !record.is_object() {
        return Ok(false);
    }
    let get = |name: &str| js_sys::Reflect::get(&record, &JsValue::from_str(name)).ok();
    let version = get("v").and_then(|v| v.as_f64());
    let record_url = get("url").and_then(|v| v.as_string());
    Ok(jose::jwks_cache::is_own_jwks_record(
        version,
        record_url.as_deref(),
        &url,
    ))
}

/// `checkRemoteJwks(text)` → the number of usable keys in a JWK set fetched from a
/// `jwks_uri`: a set (`{ "keys": [...] }`) of public keys. A document with secret material,
/// one JWK instead of a set, or one that does not parse is [`Error::KeyFormat`].
#[wasm_bindgen(js_name = checkRemoteJwks)]
pub fn check_remote_jwks(text: JsValue) -> JsResult<u32> {
    let text = convert::capped_string(&text, "jwks", "JWK set", healthauth::limits::JWK_BYTES)?;
    let set = jose::jwks_cache::parse_remote_jwks(&text)?;
    Ok(u32::try_from(set.keys().len()).unwrap_or(u32::MAX))
}

/// Every option `RemoteJwks` (pkg/remote-jwks.js) takes.
pub(crate) const REMOTE_JWKS_OPTIONS: &[&str] = &[
    "fetch",
    "store",
    "cacheMaxAgeSeconds",
    "cooldownSeconds",
    "timeoutMs",
    "now",
];

/// Refuses an unknown `RemoteJwks` option with `ERR_UNKNOWN_OPTION`, its name made safe to
/// echo (internal: called by `RemoteJwks`'s constructor).
#[wasm_bindgen(js_name = checkRemoteJwksOptions)]
pub fn check_remote_jwks_options(options: JsValue) -> JsResult<()> {
    Options::new(&options, "RemoteJwks", REMOTE_JWKS_OPTIONS)
        .map(|_| ())
        .map_err(Thrown::from)
}
