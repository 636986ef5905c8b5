//! The browser services the JavaScript shim hands the core (messaging, i18n, storage). Going through the shim keeps
//! every browser difference (chrome.* vs browser.*, promise shapes) out of Rust.
use crate::core::messages::{Engine, StartupPhases};
use js_sys::{Function, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[derive(Clone)]
pub struct Services {
    object: JsValue,
}

impl Services {
    pub fn new(object: JsValue) -> Self {
        Services { object }
    }

    /// What the shim's object holds under `name`.
    fn member(&self, name: &str) -> Option<JsValue> {
        Reflect::get(&self.object, &JsValue::from_str(name)).ok()
    }

    fn function(&self, name: &str) -> Option<Function> {
        self.member(name)?.dyn_into::<Function>().ok()
    }

    fn call(&self, name: &str, args: &[JsValue]) -> JsValue {
        let Some(f) = self.function(name) else {
            return JsValue::UNDEFINED;
        };
        let array = args.iter().collect::<js_sys::Array>();
        f.apply(&self.object, &array).unwrap_or(JsValue::UNDEFINED)
    }

    pub fn engine(&self) -> Engine {
        match self.member("engine").and_then(|v| v.as_string()).as_deref() {
            Some("wasm2js") => Engine::Wasm2js,
            _ => Engine::Wasm,
        }
    }

    pub fn startup_ms(&self) -> f64 {
        self.member("startupMs")
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0)
    }

    pub fn startup_phases(&self) -> StartupPhases {
        self.member("startupPhases")
            .and_then(|v| serde_wasm_bindgen::from_value(v).ok())
            .unwrap_or_default()
    }

    /// Whether a page in another tab may hold this one (it opened it, or this one opened it), as the background read
    /// it from the browser; None when it could not say.
    pub fn held_by_tab(&self) -> Option<bool> {
        self.member("heldByTab").and_then(|v| v.as_bool())
    }

    /// False once the extension was reloaded or removed: this content script is then an orphan and must stop.
    pub fn alive(&self) -> bool {
        self.call("alive", &[]).as_bool().unwrap_or(false)
    }

    /// Fire and forget: the background answers nothing the page needs.
    pub fn send<T: Serialize>(&self, message: &T) {
        if let Ok(value) = message.serialize(&serde_wasm_bindgen::Serializer::json_compatible()) {
            self.call("send", &[value]);
        }
    }

    /// Sends `message` and calls `on_reply` with the background's answer (undefined when there is none).
    pub fn send_then<T: Serialize>(&self, message: &T, on_reply: &Function) {
        let Ok(value) = message.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        else {
            let _ = on_reply.call1(&JsValue::NULL, &JsValue::UNDEFINED);
            return;
        };
        let reply = self.call("send", &[value]);
        let then = Reflect::get(&reply, &"then".into())
            .ok()
            .and_then(|then| then.dyn_into::<Function>().ok());
        match then {
            Some(then) => {
                let on_reply = on_reply.clone();
                let callback = Closure::once_into_js(move |answer: JsValue| {
                    let _ = on_reply.call1(&JsValue::NULL, &answer);
                });
                let _ = then.call1(&reply, &callback);
            }
            None => {
                let _ = on_reply.call1(&JsValue::NULL, &JsValue::UNDEFINED);
            }
        }
    }

    /// A localized UI string from `_locales`, in the browser's language.
    pub fn text(&self, key: &str, substitutions: &[&str]) -> String {
        let subs: js_sys::Array = substitutions.iter().map(|s| JsValue::from_str(s)).collect();
        self.call("text", &[key.into(), subs.into()])
            .as_string()
            .unwrap_or_default()
    }

    /// Reads keys from extension storage and calls back with the object the browser returns.
    pub fn storage_get(&self, keys: &[&str], callback: &Function) {
        let keys: js_sys::Array = keys.iter().map(|k| JsValue::from_str(k)).collect();
        self.call("storageGet", &[keys.into(), callback.into()]);
    }
}

/// What `object[key]` holds, as JSON (`Null` when absent or not JSON-like): storage answers are read this way.
pub fn json_at(object: &JsValue, key: &str) -> serde_json::Value {
    Reflect::get(object, &JsValue::from_str(key))
        .ok()
        .filter(|v| !v.is_undefined())
        .and_then(|v| serde_wasm_bindgen::from_value(v).ok())
        .unwrap_or(serde_json::Value::Null)
}
