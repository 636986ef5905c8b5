//! The functions the JavaScript shim calls. Each converts between JS values and core types and nothing more.
use crate::core::messages::{
    badge_text, parse_content_message, parse_extension_page_message, PageReport,
};
use serde::Serialize;
use wasm_bindgen::prelude::*;

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsValue::from_str(&e.to_string()))
}

fn from_js<T: serde::de::DeserializeOwned>(value: JsValue) -> Result<T, JsValue> {
    serde_wasm_bindgen::from_value(value).map_err(|e| JsValue::from_str(&e.to_string()))
}

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

/// Background: a content script's message, validated against the typed protocol; throws why when it is refused.
#[wasm_bindgen]
pub fn read_content_message(message: JsValue) -> Result<JsValue, JsValue> {
    let value: serde_json::Value = from_js(message)?;
    to_js(&parse_content_message(value).map_err(|e| JsValue::from_str(&e))?)
}

/// Background: a message from one of the extension's own pages, validated likewise.
#[wasm_bindgen]
pub fn read_extension_page_message(message: JsValue) -> Result<JsValue, JsValue> {
    let value: serde_json::Value = from_js(message)?;
    to_js(&parse_extension_page_message(value).map_err(|e| JsValue::from_str(&e))?)
}

/// Background: the toolbar badge text for a tab's report (or null).
#[wasm_bindgen]
pub fn toolbar_badge_text(report: JsValue) -> Result<String, JsValue> {
    let report: Option<PageReport> = from_js(report)?;
    Ok(badge_text(report.as_ref()))
}

/// Background: the stored records with one more appended. Throws (and changes nothing) when what storage holds is
/// unreadable, so the caller can set it aside instead of overwriting evidence.
#[wasm_bindgen]
pub fn append_record(stored: JsValue, record: JsValue) -> Result<JsValue, JsValue> {
    use crate::core::record::{load_records, store_records, ObjectionRecord, RecordsLoad};
    let stored: serde_json::Value = from_js(stored)?;
    let record: ObjectionRecord = from_js(record)?;
    let mut records = match load_records(&stored) {
        RecordsLoad::Missing => Vec::new(),
        RecordsLoad::Current { records } => records,
        RecordsLoad::Corrupt { reason, .. } => return Err(JsValue::from_str(&reason)),
    };
    records.push(record);
    to_js(&store_records(&records))
}
