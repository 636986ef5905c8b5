//! What the content script calls: start the page's watcher, and pass on what the browser tells it.
use wasm_bindgen::prelude::*;

/// Content script: start watching this page.
#[wasm_bindgen]
pub fn start_content(services: JsValue) -> Result<(), JsValue> {
    // A bug must say where it is instead of a bare "unreachable" from the aborting panic.
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("Bezwaar stopped: {info}").into())
    }));
    crate::dom::start(services)
}

#[wasm_bindgen]
pub fn report_again() {
    crate::dom::report_again();
}

#[wasm_bindgen]
pub fn storage_changed(changes: JsValue) {
    crate::dom::storage_changed(changes);
}
