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
                return Err(Error::UnknownOption { call, option: key });
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
        // Reflect::set on a fresh ordinary object cannot fail.
        let _ = Reflect::set(&object, &JsValue::from_str(key), &JsValue::from_str(value));
    }
    object
}

// ---- oauth and providers: more option readers ------------------------------------------------

impl Options {
    /// A raw option value (`None` when absent or `undefined`).
    pub(crate) fn value(&self, name: &str) -> Option<JsValue> {
        self.get(name)
    }

    /// A required string option.
    pub(crate) fn string(&self, name: &'static str) -> Result<String, Error> {
        match self.get(name) {
            Some(v) => string(&v, name),
            None => Err(Error::InvalidArgument {
                name,
                expected: "a string (it is required)",
            }),
        }
    }

    /// An optional string option (`undefined` means absent; `null` is refused).
    pub(crate) fn string_opt(&self, name: &'static str) -> Result<Option<String>, Error> {
        self.get(name).map(|v| string(&v, name)).transpose()
    }

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

    /// An optional boolean option.
    pub(crate) fn bool_opt(&self, name: &'static str) -> Result<Option<bool>, Error> {
        self.get(name)
            .map(|v| {
                v.as_bool().ok_or(Error::InvalidArgument {
                    name,
                    expected: "a boolean",
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
    let array: js_sys::Array = value.clone().unchecked_into();
    array
        .iter()
        .map(|v| v.as_string().ok_or(invalid.clone()))
        .collect()
}

/// Sets `key` on a plain object built for a return value.
pub(crate) fn set(object: &Object, key: &str, value: &JsValue) {
    // Reflect::set on an ordinary object we created cannot fail.
    let _ = Reflect::set(object, &JsValue::from_str(key), value);
}

// ---- end of oauth and providers option readers -----------------------------------------------
