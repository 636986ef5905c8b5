//! Bezwaar: wasm-bindgen entry points only. All decisions live in `core`, all DOM work in `dom`.
pub mod core;

#[cfg(target_arch = "wasm32")]
mod dom;

#[cfg(target_arch = "wasm32")]
mod entry {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    pub fn start_content(services: JsValue) {
        let engine = js_sys::Reflect::get(&services, &"engine".into()).unwrap();
        let send = js_sys::Reflect::get(&services, &"send".into()).unwrap();
        let msg = js_sys::Object::new();
        js_sys::Reflect::set(&msg, &"type".into(), &"spike".into()).unwrap();
        js_sys::Reflect::set(&msg, &"engine".into(), &engine).unwrap();
        let f: js_sys::Function = send.into();
        let _ = f.call1(&services, &msg);
    }
}
