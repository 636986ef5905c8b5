//! What the extension's own pages call (background, popup, options). Each converts between JS values and core types
//! and nothing more.
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

/// Background: the address of a site's objection form (`facebook` or `instagram`), from the rules.
#[wasm_bindgen]
pub fn objection_form_address(site: JsValue) -> Result<String, JsValue> {
    Ok(crate::core::page_kind::objection_form_url(from_js(site)?).to_string())
}

/// Background: the toolbar badge text for a tab's report (or null).
#[wasm_bindgen]
pub fn toolbar_badge_text(report: JsValue) -> Result<String, JsValue> {
    let report: Option<PageReport> = from_js(report)?;
    Ok(badge_text(report.as_ref()))
}

/// Background: the stored records with `record` put in (a new record, or a later stage of one). Throws (and
/// changes nothing) when what storage holds is unreadable, so the caller can set it aside instead of overwriting
/// evidence.
#[wasm_bindgen]
pub fn records_put(stored: JsValue, record: JsValue) -> Result<JsValue, JsValue> {
    let stored: serde_json::Value = from_js(stored)?;
    let record = from_js(record)?;
    to_js(&crate::core::record::put_record(&stored, record).map_err(|e| JsValue::from_str(&e))?)
}

/// Background: the stored records with record `id` marked confirmed by the user on `date`; throws why not.
#[wasm_bindgen]
pub fn records_confirm(stored: JsValue, id: &str, date: &str) -> Result<JsValue, JsValue> {
    let stored: serde_json::Value = from_js(stored)?;
    to_js(
        &crate::core::record::confirm_record_by_user(&stored, id, date)
            .map_err(|e| JsValue::from_str(&e))?,
    )
}

/// Background: the stored records with record `id` confirmed by Meta's `text`, shown on the page its Send led to
/// at `at` (ISO time); throws why not (a text that is not Meta's confirmation, no such record).
#[wasm_bindgen]
pub fn records_confirm_after_send(
    stored: JsValue,
    id: &str,
    text: &str,
    at: &str,
) -> Result<JsValue, JsValue> {
    let stored: serde_json::Value = from_js(stored)?;
    to_js(
        &crate::core::record::confirm_record_after_send(&stored, id, text, at)
            .map_err(|e| JsValue::from_str(&e))?,
    )
}

// ---- Options page and popup: profile, settings, statements, countries, records ----

/// Options page: what storage holds under `profile`, read as missing / current / migrated / corrupt (with the raw
/// value, so the page can show it and offer it for download).
#[wasm_bindgen]
pub fn profile_load(stored: JsValue) -> Result<JsValue, JsValue> {
    let stored: serde_json::Value = from_js(stored)?;
    to_js(&crate::core::profile::load_profile(&stored))
}

/// Options page: a profile as typed into the form, tidied, with every field error (`{field, code}`) found in it and
/// the statement length limit (for the "too long" message).
#[wasm_bindgen]
pub fn profile_check(profile: JsValue) -> Result<JsValue, JsValue> {
    use crate::core::profile::{validate_profile, Profile, STATEMENT_MAX_CHARS};
    let profile: Profile = from_js(profile)?;
    let profile = profile.tidied();
    let errors = validate_profile(&profile);
    to_js(&serde_json::json!({
        "profile": profile,
        "errors": errors,
        "statementMaxChars": STATEMENT_MAX_CHARS,
    }))
}

/// Options page: the value to store under `profile` for a profile `profile_check` found valid.
#[wasm_bindgen]
pub fn profile_store(profile: JsValue) -> Result<JsValue, JsValue> {
    let profile: crate::core::profile::Profile = from_js(profile)?;
    to_js(&crate::core::profile::store_profile(&profile.tidied()))
}

/// Options page: what storage holds under `settings` (missing / current / unreadable), with the switches in force.
#[wasm_bindgen]
pub fn settings_load(stored: JsValue) -> Result<JsValue, JsValue> {
    let stored: serde_json::Value = from_js(stored)?;
    to_js(&crate::core::profile::load_settings(&stored))
}

/// Options page: the locales Bezwaar's own text is in (Chrome's codes, `pt_PT`), for "Language of Bezwaar".
#[wasm_bindgen]
pub fn ui_locales() -> Vec<String> {
    crate::core::ui_locale::UI_LOCALES
        .iter()
        .map(|locale| locale.to_string())
        .collect()
}

/// Options page: the statement languages as `[{code, endonym}]`, in the rules file's order.
#[wasm_bindgen]
pub fn statement_languages() -> Result<JsValue, JsValue> {
    let languages: Vec<serde_json::Value> = crate::core::statement::statement_languages()
        .into_iter()
        .map(|(code, endonym)| serde_json::json!({ "code": code, "endonym": endonym }))
        .collect();
    to_js(&languages)
}

/// Options page: the default statement of a language, or undefined for a language without one.
#[wasm_bindgen]
pub fn statement_default(language: &str) -> Option<String> {
    crate::core::statement::default_statement(language).map(str::to_string)
}

/// Options page: the statement with its placeholders filled from the profile, for the live preview.
#[wasm_bindgen]
pub fn statement_render(template: &str, profile: JsValue) -> Result<JsValue, JsValue> {
    let profile: crate::core::profile::Profile = from_js(profile)?;
    to_js(&crate::core::statement::render_statement(
        template, &profile,
    ))
}

/// Options page: the ISO 3166-1 alpha-2 codes of the countries a profile can name.
#[wasm_bindgen]
pub fn country_codes() -> Result<JsValue, JsValue> {
    to_js(&crate::core::countries::country_codes())
}

/// Options page and popup: what storage holds under `records`, read as missing / current / corrupt (with raw).
#[wasm_bindgen]
pub fn records_load(stored: JsValue) -> Result<JsValue, JsValue> {
    let stored: serde_json::Value = from_js(stored)?;
    to_js(&crate::core::record::load_records(&stored))
}

/// Background: the value to store under `records` once the record `id` is deleted; throws (so nothing is written)
/// when what storage holds is unreadable.
#[wasm_bindgen]
pub fn records_remove(stored: JsValue, id: &str) -> Result<JsValue, JsValue> {
    let stored: serde_json::Value = from_js(stored)?;
    let updated =
        crate::core::record::remove_record(&stored, id).map_err(|e| JsValue::from_str(&e))?;
    to_js(&updated)
}

/// Background: the value to store under `records` once every record is deleted; throws when storage is unreadable.
#[wasm_bindgen]
pub fn records_clear(stored: JsValue) -> Result<JsValue, JsValue> {
    let stored: serde_json::Value = from_js(stored)?;
    to_js(&crate::core::record::clear_records(&stored).map_err(|e| JsValue::from_str(&e))?)
}

/// Options page: the export file's text for the stored records (`exported_at` is the page's RFC 3339 clock).
#[wasm_bindgen]
pub fn records_export_json(records: JsValue, exported_at: &str) -> Result<String, JsValue> {
    let records: Vec<crate::core::record::ObjectionRecord> = from_js(records)?;
    Ok(crate::core::record::export_records_json(
        &records,
        exported_at,
    ))
}

/// Popup: everything it shows for the tab, as message keys and substitutions, from the tab's report (or null), the
/// stored records and the stored profile.
#[wasm_bindgen]
pub fn popup_view(
    report: JsValue,
    stored_records: JsValue,
    stored_profile: JsValue,
) -> Result<JsValue, JsValue> {
    use crate::core::popup_view::{popup_view, RecordsSeen};
    use crate::core::profile::profile_readiness;
    use crate::core::record::{load_records, RecordsLoad};
    let report: Option<PageReport> = from_js(report)?;
    let stored_records: serde_json::Value = from_js(stored_records)?;
    let stored_profile: serde_json::Value = from_js(stored_profile)?;
    let loaded = load_records(&stored_records);
    let records = match &loaded {
        RecordsLoad::Current { records } => RecordsSeen::Readable(records),
        RecordsLoad::Missing => RecordsSeen::Readable(&[]),
        RecordsLoad::Corrupt { .. } => RecordsSeen::Unreadable,
    };
    to_js(&popup_view(
        report.as_ref(),
        records,
        profile_readiness(&stored_profile),
    ))
}

// ---- Taught audience labels: background and options page ----

/// Options page: what storage holds under `taught`, read as missing / current (each label with what the built-in
/// rules make of it) / corrupt (with the raw value).
#[wasm_bindgen]
pub fn taught_load(stored: JsValue) -> Result<JsValue, JsValue> {
    let stored: serde_json::Value = from_js(stored)?;
    to_js(&crate::core::taught::load_taught(&stored))
}

/// Background: the value to store under `taught` with `text` in `lang` taught as `meaning`; throws why not (an
/// unreadable stored value among the reasons: the caller sets it aside first).
#[wasm_bindgen]
pub fn taught_teach(
    stored: JsValue,
    text: &str,
    lang: &str,
    meaning: JsValue,
    taught_at: &str,
) -> Result<JsValue, JsValue> {
    let stored: serde_json::Value = from_js(stored)?;
    let meaning = from_js(meaning)?;
    to_js(
        &crate::core::taught::teach_label(&stored, text, lang, meaning, taught_at)
            .map_err(|e| JsValue::from_str(&e))?,
    )
}

/// Background: the value to store under `taught` without `text` in `lang`; throws when storage is unreadable.
#[wasm_bindgen]
pub fn taught_forget(stored: JsValue, text: &str, lang: &str) -> Result<JsValue, JsValue> {
    let stored: serde_json::Value = from_js(stored)?;
    to_js(
        &crate::core::taught::forget_label(&stored, text, lang)
            .map_err(|e| JsValue::from_str(&e))?,
    )
}

/// Options page: the taught labels as a JSON snippet in the `rules/` audience format.
#[wasm_bindgen]
pub fn taught_export_json(labels: JsValue) -> Result<String, JsValue> {
    let labels: Vec<crate::core::taught::TaughtLabel> = from_js(labels)?;
    Ok(crate::core::taught::export_taught_json(&labels))
}

/// Background: the value to store under `settings` once the user said "Don't ask again"; throws when the stored
/// settings are unreadable.
#[wasm_bindgen]
pub fn settings_stop_teach_offers(stored: JsValue) -> Result<JsValue, JsValue> {
    let stored: serde_json::Value = from_js(stored)?;
    to_js(
        &crate::core::profile::settings_without_teach_offers(&stored)
            .map_err(|e| JsValue::from_str(&e))?,
    )
}

/// Options page: the message key naming each of the core's states it shows (record stages, sites, taught meanings,
/// what the built-in rules make of a label).
#[wasm_bindgen]
pub fn text_keys() -> Result<JsValue, JsValue> {
    to_js(&crate::core::text_keys::text_keys())
}
