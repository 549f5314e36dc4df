//! JS bindings for webhooks: `verifyWebhook`, `signWebhook`, `redoxVerification`.
//! (`verifyWebhookRequest` and the replay store are hand-written JS in `pkg/webhook.js`.)

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::convert::{self, Options};
use super::{to_js, JsResult};
use crate::secret::SecretString;
use crate::webhook::{self, redox, Hash, HmacHexConfig, Scheme, VerifyOptions};
use crate::Error;

const VERIFY_OPTIONS: &[&str] = &[
    "scheme",
    "payload",
    "headers",
    "secret",
    "secrets",
    "toleranceSeconds",
    "now",
    "maxPayloadBytes",
    "header",
    "prefix",
    "hash",
];

const SIGN_OPTIONS: &[&str] = &[
    "scheme",
    "payload",
    "secret",
    "secrets",
    "id",
    "timestamp",
    "header",
    "prefix",
    "hash",
];

/// Every header a scheme reads, for `Headers` objects (read by name).
const KNOWN_HEADERS: &[&str] = &[
    webhook::telesoft::HEADER,
    webhook::github::HEADER,
    webhook::stripe::HEADER,
    webhook::standard::ID_HEADER,
    webhook::standard::TIMESTAMP_HEADER,
    webhook::standard::SIGNATURE_HEADER,
    redox::HEADER,
];

fn scheme(options: &Options) -> Result<Scheme, Error> {
    let name = options.string("scheme")?.ok_or(Error::InvalidArgument {
        name: "scheme",
        expected:
            "one of \"telesoft\", \"hmac-hex\", \"github\", \"stripe\", \"standard\", \"redox\"",
    })?;
    let header = options.string("header")?;
    let prefix = options.string("prefix")?;
    let hash = options.string("hash")?;
    if name != "hmac-hex" {
        if header.is_some() || prefix.is_some() || hash.is_some() {
            // Only hmac-hex is configurable; elsewhere these would be silently ignored.
            return Err(Error::InvalidArgument {
                name: "header",
                expected: "used only with scheme \"hmac-hex\" (header, prefix and hash)",
            });
        }
        return Scheme::from_name(&name);
    }
    let header = header.ok_or(Error::InvalidArgument {
        name: "header",
        expected: "the signature header's name (required by scheme \"hmac-hex\")",
    })?;
    let hash = match hash {
        None => Hash::Sha256,
        Some(h) => Hash::from_name(&h).ok_or(Error::InvalidArgument {
            name: "hash",
            expected: "\"sha256\", \"sha384\" or \"sha512\"",
        })?,
    };
    Ok(Scheme::HmacHex(HmacHexConfig {
        header,
        prefix: prefix.unwrap_or_default(),
        hash,
    }))
}

fn secrets(options: &Options) -> Result<Vec<SecretString>, Error> {
    let values = match (options.value("secret"), options.value("secrets")) {
        (Some(_), Some(_)) => {
            return Err(Error::InvalidArgument {
                name: "secret",
                expected: "given alone: pass either `secret` or `secrets`, not both",
            })
        }
        (Some(v), None) => convert::strings(&v, "secret")?,
        (None, Some(v)) => convert::strings(&v, "secrets")?,
        (None, None) => Vec::new(),
    };
    Ok(values.into_iter().map(SecretString::new).collect())
}

fn payload(options: &Options) -> Result<Vec<u8>, Error> {
    let value = options.value("payload").unwrap_or(JsValue::UNDEFINED);
    if let Some(s) = value.as_string() {
        return Ok(s.into_bytes());
    }
    convert::bytes(&value).ok_or(Error::WebhookPayloadNotRaw {
        got: convert::type_name(&value),
    })
}

fn now_seconds(options: &Options, name: &'static str) -> Result<i64, Error> {
    match options.i64(name)? {
        Some(now) => Ok(now),
        // The core never reads a clock (SystemTime::now() panics on wasm32): the JS clock does.
        None => Ok((js_sys::Date::now() / 1000.0).floor() as i64),
    }
}

fn set(object: &Object, key: &str, value: &JsValue) {
    // Reflect::set on a fresh ordinary object cannot fail.
    let _ = Reflect::set(object, &JsValue::from_str(key), value);
}

/// `verifyWebhook({ scheme, payload, headers, secret | secrets, toleranceSeconds?, now?,
/// maxPayloadBytes?, header?, prefix?, hash? })` → `{ scheme, id?, timestamp?, replayKey? }`;
/// throws a `HealthAuthError` on any failure.
#[wasm_bindgen(js_name = verifyWebhook)]
pub fn verify_webhook(options: JsValue) -> JsResult<Object> {
    verify_inner(&options).map_err(to_js)
}

fn verify_inner(options: &JsValue) -> Result<Object, Error> {
    let options = Options::new(options, "verifyWebhook", VERIFY_OPTIONS)?;
    let scheme = scheme(&options)?;
    let payload = payload(&options)?;
    let mut names: Vec<&str> = KNOWN_HEADERS.to_vec();
    if let Scheme::HmacHex(config) = &scheme {
        names.push(&config.header);
    }
    let headers = convert::headers(
        &options.value("headers").unwrap_or(JsValue::UNDEFINED),
        "headers",
        &names,
    )?;
    let secrets = secrets(&options)?;
    let tolerance = options.usize("toleranceSeconds")?;
    let max = options.usize("maxPayloadBytes")?;
    let mut verify_options = VerifyOptions::at(now_seconds(&options, "now")?);
    if let Some(t) = tolerance {
        verify_options.tolerance_seconds = u64::try_from(t).unwrap_or(u64::MAX);
    }
    if let Some(m) = max {
        verify_options.max_payload_bytes = m;
    }
    let verified = webhook::verify(&scheme, &payload, &headers, &secrets, &verify_options)?;
    let out = Object::new();
    set(&out, "scheme", &JsValue::from_str(verified.scheme));
    if let Some(id) = &verified.id {
        set(&out, "id", &JsValue::from_str(id));
    }
    if let Some(ts) = verified.timestamp {
        set(&out, "timestamp", &JsValue::from_f64(ts as f64));
    }
    if let Some(key) = &verified.replay_key {
        set(&out, "replayKey", &JsValue::from_str(key));
    }
    Ok(out)
}

/// `signWebhook({ scheme, payload, secret | secrets, id?, timestamp?, header?, prefix?, hash? })`
/// → the headers a sender sets, as a plain object.
#[wasm_bindgen(js_name = signWebhook)]
pub fn sign_webhook(options: JsValue) -> JsResult<Object> {
    sign_inner(&options).map_err(to_js)
}

fn sign_inner(options: &JsValue) -> Result<Object, Error> {
    let options = Options::new(options, "signWebhook", SIGN_OPTIONS)?;
    let scheme = scheme(&options)?;
    let payload = payload(&options)?;
    let secrets = secrets(&options)?;
    let id = options.string("id")?;
    let timestamp = now_seconds(&options, "timestamp")?;
    let headers = webhook::sign(&scheme, &payload, &secrets, id.as_deref(), timestamp)?;
    let out = Object::new();
    for (name, value) in &headers {
        set(&out, name, &JsValue::from_str(value));
    }
    Ok(out)
}

/// `redoxVerification(input, token)` → the challenge to echo, after checking the token.
///
/// `input`: the POST body (JSON text or bytes), the GET request's URL or query string (a string,
/// `URL` or `URLSearchParams`), or an object with `challenge` and `verification-token` (or
/// `verificationToken`). `token`: the destination's verification token, or an array of them.
#[wasm_bindgen(js_name = redoxVerification)]
pub fn redox_verification(input: JsValue, token: JsValue) -> JsResult<String> {
    redox_inner(&input, &token).map_err(to_js)
}

fn field(object: &JsValue, names: &[&str]) -> Option<String> {
    names.iter().find_map(|name| {
        Reflect::get(object, &JsValue::from_str(name))
            .ok()
            .and_then(|v| v.as_string())
    })
}

fn redox_inner(input: &JsValue, token: &JsValue) -> Result<String, Error> {
    let tokens: Vec<SecretString> = convert::strings(token, "token")?
        .into_iter()
        .map(SecretString::new)
        .collect();
    if tokens.is_empty() {
        return Err(Error::WebhookSecretInvalid {
            reason: "no verification token given",
        });
    }
    if let Some(text) = input.as_string() {
        let trimmed = text.trim_start();
        return if trimmed.starts_with('{') {
            redox::challenge(redox::Handshake::Body(text.as_bytes()), None, &tokens)
        } else {
            redox::challenge(redox::Handshake::Query(&text), None, &tokens)
        };
    }
    if let Some(bytes) = convert::bytes(input) {
        return redox::challenge(redox::Handshake::Body(&bytes), None, &tokens);
    }
    if input.is_object() && !js_sys::Array::is_array(input) {
        // A URL (has `href`) or URLSearchParams (has `get` and a query-string `toString`).
        if let Some(href) = field(input, &["href"]) {
            return redox::challenge(redox::Handshake::Query(&href), None, &tokens);
        }
        let get = Reflect::get(input, &JsValue::from_str("get")).unwrap_or(JsValue::UNDEFINED);
        if get.is_function() {
            let query: String = input.unchecked_ref::<Object>().to_string().into();
            return redox::challenge(redox::Handshake::Query(&query), None, &tokens);
        }
        let challenge = field(input, &["challenge"]);
        let received = field(input, &["verification-token", "verificationToken"]);
        return redox::challenge(
            redox::Handshake::Fields {
                challenge: challenge.as_deref(),
                token: received.as_deref(),
            },
            None,
            &tokens,
        );
    }
    Err(Error::InvalidArgument {
        name: "input",
        expected: "the Redox verification POST body (string or bytes), the GET URL or query string, or an object with `challenge` and `verification-token`",
    })
}
