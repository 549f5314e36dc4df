//! Checked conversions from JavaScript values, with messages that never echo the value.

use js_sys::{Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::Error;

/// A string argument, or `ERR_INVALID_ARGUMENT`.
pub(crate) fn string(value: &JsValue, name: &'static str) -> Result<String, Error> {
    value.as_string().ok_or(Error::InvalidArgument {
        name,
        expected: "a string",
    })
}

/// An options object: `undefined`/`null` mean "no options"; any property outside `known` is
/// refused, so that a misspelt option cannot be silently ignored.
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
        for key in Object::keys(&object).iter() {
            let key = key.as_string().unwrap_or_default();
            if !known.contains(&key.as_str()) {
                return Err(Error::UnknownOption {
                    call,
                    option: crate::error::echo_safe(&key),
                });
            }
        }
        Ok(Options {
            object: Some(object),
        })
    }

    fn get(&self, name: &str) -> Option<JsValue> {
        let object = self.object.as_ref()?;
        let value = Reflect::get(object, &JsValue::from_str(name)).ok()?;
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

/// A JSON object from a JS object (through `JSON.stringify`) or from JSON text.
pub(crate) fn json_object(
    value: &JsValue,
    name: &'static str,
) -> Result<serde_json::Map<String, serde_json::Value>, Error> {
    let invalid = Error::InvalidArgument {
        name,
        expected: "a plain object (or its JSON text)",
    };
    // The text may be a private JWK: zeroize it once parsed.
    let text = zeroize::Zeroizing::new(match value.as_string() {
        Some(text) => text,
        None if value.is_object() && !js_sys::Array::is_array(value) => {
            js_sys::JSON::stringify(value)
                .ok()
                .and_then(|s| s.as_string())
                .ok_or(invalid.clone())?
        }
        None => return Err(invalid),
    });
    match serde_json::from_str::<serde_json::Value>(&text) {
        Ok(serde_json::Value::Object(map)) => Ok(map),
        _ => Err(invalid),
    }
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
    pub(crate) fn value(&self, name: &str) -> Option<JsValue> {
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

/// Bytes from a `Uint8Array` (a Node `Buffer` too) or an `ArrayBuffer`; `None` for anything else.
pub(crate) fn bytes(value: &JsValue) -> Option<Vec<u8>> {
    if let Some(array) = value.dyn_ref::<js_sys::Uint8Array>() {
        return Some(array.to_vec());
    }
    if let Some(buffer) = value.dyn_ref::<js_sys::ArrayBuffer>() {
        return Some(js_sys::Uint8Array::new(buffer).to_vec());
    }
    None
}

/// A short description of a value's type for error messages (never the value itself).
pub(crate) fn type_name(value: &JsValue) -> &'static str {
    if value.is_undefined() {
        "undefined"
    } else if value.is_null() {
        "null"
    } else if js_sys::Array::is_array(value) {
        "an array"
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

/// HTTP headers from a Fetch `Headers` object (anything with a `get` method: only `names` are
/// read) or from a plain object (every string property; arrays of strings are joined with
/// `", "`). Names are returned as given; lookups are case-insensitive later.
pub(crate) fn headers(
    value: &JsValue,
    name: &'static str,
    names: &[&str],
) -> Result<Vec<(String, String)>, Error> {
    let invalid = Error::InvalidArgument {
        name,
        expected: "a Headers object or a plain object of header names to values",
    };
    if !value.is_object() || js_sys::Array::is_array(value) {
        return Err(invalid);
    }
    let get = Reflect::get(value, &JsValue::from_str("get")).unwrap_or(JsValue::UNDEFINED);
    if let Some(get) = get.dyn_ref::<js_sys::Function>() {
        let mut out = Vec::new();
        for header in names {
            let v = get
                .call1(value, &JsValue::from_str(header))
                .map_err(|_| invalid.clone())?;
            if let Some(v) = v.as_string() {
                out.push(((*header).to_owned(), v));
            }
        }
        return Ok(out);
    }
    let object: Object = value.clone().unchecked_into();
    let mut out = Vec::new();
    for entry in Object::entries(&object).iter() {
        let entry: js_sys::Array = entry.unchecked_into();
        let Some(key) = entry.get(0).as_string() else {
            continue;
        };
        let v = entry.get(1);
        if let Some(v) = v.as_string() {
            out.push((key, v));
        } else if js_sys::Array::is_array(&v) {
            let parts: Vec<String> = js_sys::Array::from(&v)
                .iter()
                .filter_map(|p| p.as_string())
                .collect();
            out.push((key, parts.join(", ")));
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
    if options.bool("dangerouslyAllowBrowser")? == Some(true) || !in_browser() {
        return Ok(());
    }
    Err(Error::SecretInBrowser { what })
}
