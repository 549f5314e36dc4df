//! Checked conversions from JavaScript values, with messages that never echo the value.

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::{wasm_bindgen, Closure};
use wasm_bindgen::{JsCast, JsValue};

use healthauth::Error;

// `Object.keys` and `Object.entries` that return a throw (a Proxy trap, a getter) as an `Err`:
// js_sys's own let it unwind through the wasm frames of the call, which leaves a handle the
// call borrowed (a `WebhookVerifier`) borrowed for good (tests/js/suites/malformed.js).
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Object, js_name = keys, catch)]
    fn object_keys(object: &Object) -> Result<js_sys::Array, JsValue>;
    #[wasm_bindgen(js_namespace = Object, js_name = entries, catch)]
    pub(crate) fn object_entries(object: &Object) -> Result<js_sys::Array, JsValue>;
}

/// A string argument, or `ERR_INVALID_ARGUMENT`.
pub(crate) fn string(value: &JsValue, name: &'static str) -> Result<String, Error> {
    value.as_string().ok_or(Error::InvalidArgument {
        name,
        expected: "a string",
    })
}

/// An options object: `undefined`/`null` mean "no options"; any property outside `known` is
/// refused, so that a misspelt option cannot be silently ignored (with the core's "did you
/// mean" from `known`, the same list the declarations test compares with the TypeScript).
pub(crate) struct Options {
    object: Option<Object>,
}

impl Options {
    pub(crate) fn new(
        value: &JsValue,
        call: &'static str,
        known: &[&'static str],
    ) -> Result<Self, Error> {
        if value.is_undefined() || value.is_null() {
            return Ok(Options { object: None });
        }
        if !value.is_object() || js_sys::Array::is_array(value) {
            return Err(Error::InvalidArgument {
                name: call,
                expected: "called with an options object",
            });
        }
        let object: Object = value.clone().unchecked_into();
        let keys = object_keys(&object).map_err(|_| Error::InvalidArgument {
            name: call,
            expected: "an options object whose keys can be read (listing them threw)",
        })?;
        for key in keys.iter() {
            let key = key.as_string().unwrap_or_default();
            if !known.contains(&key.as_str()) {
                return Err(healthauth::suggest::unknown_option(call, &key, known));
            }
        }
        Ok(Options {
            object: Some(object),
        })
    }

    fn get(&self, name: &'static str) -> Option<JsValue> {
        let object = self.object.as_ref()?;
        let value = Reflect::get(object, &key(name)).ok()?;
        (!value.is_undefined()).then_some(value)
    }

    /// An optional non-negative integer option.
    pub(crate) fn usize(&self, name: &'static str) -> Result<Option<usize>, Error> {
        self.get(name).map(|v| usize_arg(&v, name)).transpose()
    }

    /// An optional string option.
    pub(crate) fn string(&self, name: &'static str) -> Result<Option<String>, Error> {
        self.get(name).map(|v| string(&v, name)).transpose()
    }

    /// A required string option.
    pub(crate) fn required_string(&self, name: &'static str) -> Result<String, Error> {
        self.string(name)?.ok_or(Error::InvalidArgument {
            name,
            expected: "given (a string)",
        })
    }

    /// An optional boolean option.
    pub(crate) fn bool(&self, name: &'static str) -> Result<Option<bool>, Error> {
        self.get(name)
            .map(|v| {
                v.as_bool().ok_or(Error::InvalidArgument {
                    name,
                    expected: "a boolean",
                })
            })
            .transpose()
    }

    /// A Unix time in seconds from option `name`, or the JS clock when it is absent (the
    /// core never reads a clock: `SystemTime::now()` panics on wasm32).
    pub(crate) fn seconds_or_now(&self, name: &'static str) -> Result<i64, Error> {
        Ok(self.i64(name)?.unwrap_or_else(now_seconds))
    }

    /// An optional string-or-array-of-strings option, as a list.
    pub(crate) fn strings(&self, name: &'static str) -> Result<Option<Vec<String>>, Error> {
        self.get(name).map(|v| strings(&v, name)).transpose()
    }
}

/// The current time in Unix seconds from the JS clock (the core never reads a clock).
pub(crate) fn now_seconds() -> i64 {
    (js_sys::Date::now() / 1000.0).floor() as i64
}

/// Text from a JS string, refused before it is copied into wasm memory when it is over `max`
/// bytes: a copy of attacker-sized text could exhaust the memory, which never shrinks.
pub(crate) fn capped_string(
    value: &JsValue,
    name: &'static str,
    input: &'static str,
    max: usize,
) -> Result<String, Error> {
    let text = value
        .dyn_ref::<js_sys::JsString>()
        .ok_or(Error::InvalidArgument {
            name,
            expected: "a string",
        })?;
    // UTF-8 is never shorter than UTF-16, so the UTF-16 length is a safe lower bound.
    healthauth::limits::check(input, text.length() as usize, max)?;
    let text = value.as_string().ok_or(Error::InvalidArgument {
        name,
        expected: "a string",
    })?;
    healthauth::limits::check(input, text.len(), max)?;
    Ok(text)
}

/// JSON text from a JS object (through `JSON.stringify`, outside wasm) or from a string,
/// capped at `max` bytes before it is copied in. `None` for any other kind of value.
pub(crate) fn json_text(
    value: &JsValue,
    name: &'static str,
    input: &'static str,
    max: usize,
) -> Result<Option<zeroize::Zeroizing<String>>, Error> {
    let text = if value.is_string() {
        value.clone()
    } else if value.is_object() && !js_sys::Array::is_array(value) {
        // JSON.stringify silently drops a Symbol or a function (or makes it `null` in an
        // array): such a value is refused instead, not read as absent. `undefined` members are
        // left out as JSON.stringify does, as JavaScript code expects (`{ nonce: undefined }`).
        let replacer = Closure::<dyn Fn(JsValue, JsValue) -> Result<JsValue, JsValue>>::new(
            |_key: JsValue, value: JsValue| {
                if value.is_symbol() || value.is_function() {
                    Err(JsValue::from_str("not a JSON value"))
                } else {
                    Ok(value)
                }
            },
        );
        match js_sys::JSON::stringify_with_replacer(value, replacer.as_ref()) {
            Ok(text) => text.into(),
            Err(_) => return Ok(None),
        }
    } else {
        return Ok(None);
    };
    // The text may be a private JWK: zeroized once parsed.
    capped_string(&text, name, input, max)
        .map(zeroize::Zeroizing::new)
        .map(Some)
}

/// A JSON object from a JS object (through `JSON.stringify`) or from JSON text of at most
/// `max` bytes.
pub(crate) fn json_object(
    value: &JsValue,
    name: &'static str,
    max: usize,
) -> Result<serde_json::Map<String, serde_json::Value>, Error> {
    let invalid = Error::InvalidArgument {
        name,
        expected: "a plain object (or its JSON text)",
    };
    let text = json_text(value, name, name, max)?.ok_or(invalid.clone())?;
    // `from_slice`, as the core: one instantiation of the JSON parser in the wasm.
    match serde_json::from_slice::<serde_json::Value>(text.as_bytes()) {
        Ok(serde_json::Value::Object(map)) => Ok(map),
        _ => Err(invalid),
    }
}

/// One JWK: an object, or JSON text parsed by the core (whose error says where the text
/// breaks, rather than only that it is not an object).
pub(crate) fn jwk_object(
    value: &JsValue,
) -> Result<serde_json::Map<String, serde_json::Value>, Error> {
    let max = healthauth::limits::JWK_BYTES;
    if value.is_string() {
        // The text may be a private JWK: zeroized once parsed.
        let text = zeroize::Zeroizing::new(capped_string(value, "jwk", "JWK", max)?);
        return healthauth::jose::parse_jwk(&text);
    }
    json_object(value, "jwk", max)
}

/// A JS value from a JSON object (through `JSON.parse`).
pub(crate) fn from_json(map: &serde_json::Map<String, serde_json::Value>) -> JsValue {
    serde_json::to_string(map)
        .ok()
        .map(zeroize::Zeroizing::new) // an exported private JWK passes through here
        .and_then(|text| js_sys::JSON::parse(&text).ok())
        .unwrap_or(JsValue::NULL)
}

/// A non-negative integer argument (a JS number with no fractional part).
pub(crate) fn usize_arg(value: &JsValue, name: &'static str) -> Result<usize, Error> {
    let invalid = Error::InvalidArgument {
        name,
        expected: "a non-negative integer",
    };
    let n = value.as_f64().ok_or(invalid.clone())?;
    if !(n.is_finite() && n >= 0.0 && n.fract() == 0.0 && n <= 9_007_199_254_740_991.0) {
        return Err(invalid);
    }
    // Safe integers beyond usize (wasm32) saturate: every caller bounds the value anyway.
    Ok(usize::try_from(n as u64).unwrap_or(usize::MAX))
}

/// A plain object with string properties, built for return values.
pub(crate) fn object(entries: &[(&str, &str)]) -> Object {
    let object = Object::new();
    for (key, value) in entries {
        set(&object, key, &JsValue::from_str(value));
    }
    object
}

// ---- helpers added for webhooks (generic) ----------------------------------------------------

impl Options {
    /// The raw value of an option, `None` when absent or `undefined`.
    pub(crate) fn value(&self, name: &'static str) -> Option<JsValue> {
        self.get(name)
    }

    /// An optional integer option (a finite JS number; a fractional part is rounded down).
    pub(crate) fn i64(&self, name: &'static str) -> Result<Option<i64>, Error> {
        self.get(name).map(|v| i64_arg(&v, name)).transpose()
    }
}

/// A safe-integer argument (a finite JS number, rounded down), such as Unix seconds.
pub(crate) fn i64_arg(value: &JsValue, name: &'static str) -> Result<i64, Error> {
    let invalid = Error::InvalidArgument {
        name,
        expected: "a finite number within the safe integer range",
    };
    let n = value.as_f64().ok_or(invalid.clone())?.floor();
    if !(n.is_finite() && n.abs() <= 9_007_199_254_740_991.0) {
        return Err(invalid);
    }
    Ok(n as i64)
}

/// One string or an array of strings (such as `secret` / `secrets`).
pub(crate) fn strings(value: &JsValue, name: &'static str) -> Result<Vec<String>, Error> {
    if let Some(s) = value.as_string() {
        return Ok(vec![s]);
    }
    let invalid = Error::InvalidArgument {
        name,
        expected: "a string or an array of strings",
    };
    if !js_sys::Array::is_array(value) {
        return Err(invalid);
    }
    let array: js_sys::Array = value.clone().unchecked_into();
    array
        .iter()
        .map(|v| v.as_string().ok_or(invalid.clone()))
        .collect()
}

/// The length of a `Uint8Array` or `ArrayBuffer` without copying it; `None` for anything else.
pub(crate) fn byte_length(value: &JsValue) -> Option<usize> {
    if let Some(array) = value.dyn_ref::<js_sys::Uint8Array>() {
        return Some(array.length() as usize);
    }
    value
        .dyn_ref::<js_sys::ArrayBuffer>()
        .map(|buffer| buffer.byte_length() as usize)
}

/// Bytes from a `Uint8Array` (a Node `Buffer` too) or an `ArrayBuffer`; `None` for anything else.
///
/// An empty one is not copied: a detached `ArrayBuffer` (and a view of one) reports 0 bytes,
/// and copying from it throws inside wasm, past this call's frames (tests/js/suites/malformed.js).
pub(crate) fn bytes(value: &JsValue) -> Option<Vec<u8>> {
    if let Some(array) = value.dyn_ref::<js_sys::Uint8Array>() {
        return Some(uint8_array(array));
    }
    if let Some(buffer) = value.dyn_ref::<js_sys::ArrayBuffer>() {
        if buffer.byte_length() == 0 {
            return Some(Vec::new());
        }
        return Some(js_sys::Uint8Array::new(buffer).to_vec());
    }
    None
}

/// A copy of `array`'s bytes; an empty (or detached) one is not copied, as in [`bytes`].
pub(crate) fn uint8_array(array: &js_sys::Uint8Array) -> Vec<u8> {
    if array.length() == 0 {
        return Vec::new();
    }
    array.to_vec()
}

/// A short description of a value's type for error messages (never the value itself).
pub(crate) fn type_name(value: &JsValue) -> &'static str {
    if value.is_undefined() {
        "undefined"
    } else if value.is_null() {
        "null"
    } else if js_sys::Array::is_array(value) {
        "an array"
    } else if value.is_instance_of::<js_sys::DataView>() {
        "a DataView"
    } else if js_sys::ArrayBuffer::is_view(value) && !value.is_instance_of::<js_sys::Uint8Array>() {
        "a typed array other than bytes"
    } else if value.is_object() {
        "an object"
    } else if value.as_f64().is_some() {
        "a number"
    } else if value.as_bool().is_some() {
        "a boolean"
    } else {
        "a value of another type"
    }
}

/// HTTP headers from a Fetch `Headers` object (anything with a `get` method) or from a plain
/// object (arrays of strings are joined with `", "`). Only `names` are read (case-insensitively),
/// and a value over `max` bytes is refused before it is copied, as `input` (such as
/// `"webhook header"`) in the error.
pub(crate) fn headers(
    value: &JsValue,
    name: &'static str,
    names: &[&str],
    input: &'static str,
    max: usize,
) -> Result<Vec<(String, String)>, Error> {
    let invalid = Error::InvalidArgument {
        name,
        expected: "a Headers object or a plain object of header names to values",
    };
    if !value.is_object() || js_sys::Array::is_array(value) {
        return Err(invalid);
    }
    let header = |v: &JsValue| -> Result<Option<String>, Error> {
        if !v.is_string() {
            return Ok(None);
        }
        capped_string(v, name, input, max).map(Some)
    };
    let get = Reflect::get(value, &key("get")).unwrap_or(JsValue::UNDEFINED);
    if let Some(get) = get.dyn_ref::<js_sys::Function>() {
        let mut out = Vec::new();
        for header_name in names {
            let v = get
                .call1(value, &JsValue::from_str(header_name))
                .map_err(|_| invalid.clone())?;
            if let Some(v) = header(&v)? {
                out.push(((*header_name).to_owned(), v));
            }
        }
        return Ok(out);
    }
    let object: Object = value.clone().unchecked_into();
    let mut out = Vec::new();
    for property in object_keys(&object).map_err(|_| invalid.clone())?.iter() {
        let Some(key) = property
            .as_string()
            .filter(|k| names.iter().any(|n| n.eq_ignore_ascii_case(k)))
        else {
            continue;
        };
        let v = Reflect::get(&object, &property).unwrap_or(JsValue::UNDEFINED);
        if let Some(v) = header(&v)? {
            out.push((key, v));
        } else if js_sys::Array::is_array(&v) {
            let mut joined = String::new();
            for part in js_sys::Array::from(&v).iter() {
                if let Some(part) = header(&part)? {
                    let size = joined.len() + 2 + part.len();
                    healthauth::limits::check(input, size, max)?;
                    if !joined.is_empty() {
                        joined.push_str(", ");
                    }
                    joined.push_str(&part);
                }
            }
            out.push((key, joined));
        }
    }
    Ok(out)
}

// ---- oauth and providers: more option readers ------------------------------------------------

impl Options {
    /// An optional finite number option.
    pub(crate) fn f64_opt(&self, name: &'static str) -> Result<Option<f64>, Error> {
        self.get(name)
            .map(|v| {
                v.as_f64()
                    .filter(|n| n.is_finite())
                    .ok_or(Error::InvalidArgument {
                        name,
                        expected: "a finite number",
                    })
            })
            .transpose()
    }
}

/// An array of strings, or `ERR_INVALID_ARGUMENT`.
pub(crate) fn string_array(value: &JsValue, name: &'static str) -> Result<Vec<String>, Error> {
    let invalid = Error::InvalidArgument {
        name,
        expected: "an array of strings",
    };
    if !js_sys::Array::is_array(value) {
        return Err(invalid);
    }
    js_sys::Array::from(value)
        .iter()
        .map(|v| v.as_string().ok_or(invalid.clone()))
        .collect()
}

/// Sets `key` on a plain object built for a return value.
pub(crate) fn set(object: &Object, key: &str, value: &JsValue) {
    // Reflect::set on an ordinary object we created cannot fail.
    let _ = Reflect::set(object, &JsValue::from_str(key), value);
}

// ---- the browser secret guard --------------------------------------------------------------

/// Whether this runs in a browser: a page or a Web/Service Worker. Their user agent starts
/// with "Mozilla/"; Node, Deno, Bun and Cloudflare Workers say otherwise. A page without a
/// `navigator` (old test shims) is caught by `window` + `document`.
pub(crate) fn in_browser() -> bool {
    // The host does not change under a running instance: looked up once, not at every call
    // that takes a secret (six property reads across the JS boundary).
    thread_local! {
        static IN_BROWSER: std::cell::OnceCell<bool> = const { std::cell::OnceCell::new() };
    }
    IN_BROWSER.with(|cached| *cached.get_or_init(detect_browser))
}

fn detect_browser() -> bool {
    let global = js_sys::global();
    let get = |name: &str| Reflect::get(&global, &JsValue::from_str(name)).ok();
    let agent = get("navigator")
        .filter(|n| n.is_object())
        .and_then(|n| Reflect::get(&n, &JsValue::from_str("userAgent")).ok())
        .and_then(|a| a.as_string());
    let has = |name: &str| get(name).is_some_and(|v| !v.is_undefined());
    agent.is_some_and(|a| a.starts_with("Mozilla/"))
        || (has("window") && has("document") && !has("Deno"))
}

/// Refuses to load `what` (a private key, a shared secret) in a browser unless the options say
/// `dangerouslyAllowBrowser: true`: such secrets belong on a server (the seeds say so too).
pub(crate) fn refuse_secret_in_browser(options: &Options, what: &'static str) -> Result<(), Error> {
    if secrets_allowed(options)? {
        return Ok(());
    }
    Err(Error::SecretInBrowser { what })
}

/// Whether secrets may be handled here: outside browsers, or with `dangerouslyAllowBrowser`.
pub(crate) fn secrets_allowed(options: &Options) -> Result<bool, Error> {
    Ok(options.bool("dangerouslyAllowBrowser")? == Some(true) || !in_browser())
}

// ---- interned property names -----------------------------------------------------------------

/// The JS string of a property name the binding reads or sets on every call (an option, a
/// result field): created once and kept, instead of decoded from wasm memory at each use (a
/// measurable share of a small call). Only `'static` names, so the cache stays bounded.
pub(crate) fn key(name: &'static str) -> JsValue {
    thread_local! {
        static KEYS: std::cell::RefCell<Vec<(&'static str, JsValue)>> =
            const { std::cell::RefCell::new(Vec::new()) };
    }
    KEYS.with(|keys| {
        // No JS runs while the cache is borrowed; `try_` all the same: a miss is never a panic.
        if let Ok(keys) = keys.try_borrow() {
            if let Some((_, value)) = keys.iter().find(|(k, _)| core::ptr::eq(*k, name)) {
                return value.clone();
            }
        }
        let value = JsValue::from_str(name);
        if let Ok(mut keys) = keys.try_borrow_mut() {
            keys.push((name, value.clone()));
        }
        value
    })
}

/// A JS value from any JSON value (through `JSON.parse`).
pub(crate) fn from_json_value(value: &serde_json::Value) -> JsValue {
    serde_json::to_string(value)
        .ok()
        .and_then(|text| js_sys::JSON::parse(&text).ok())
        .unwrap_or(JsValue::NULL)
}
