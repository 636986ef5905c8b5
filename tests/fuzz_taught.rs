//! Property tests of the taught labels (`core::taught`): no panic on any stored value or label, an unreadable value
//! comes back whole as corrupt and is never changed, a taught label is found again by its own text and language
//! only, and a label the built-in rules read is never taught. Written against behaviour only.
#![cfg(not(target_arch = "wasm32"))]

mod fuzz_support;

use bezwaar::core::taught::{
    forget_label, load_taught, teach_label, TaughtLoad, TaughtMeaning, TaughtRules, MAX_LABEL_CHARS,
};
use bezwaar::core::text::normalize_text;
use bezwaar::core::visibility::audience_of_label;
use fuzz_support::{any_string, awkward_string, config, json_near};
use proptest::prelude::*;
use serde_json::{json, Value};

const WHEN: &str = "2026-03-01T10:00:00.000Z";

fn label_text() -> impl Strategy<Value = String> {
    prop_oneof![awkward_string(12), any_string(20)]
}

fn meaning() -> impl Strategy<Value = TaughtMeaning> {
    proptest::sample::select(vec![TaughtMeaning::Public, TaughtMeaning::Limited])
}

fn stored_taught() -> impl Strategy<Value = Value> {
    json_near(
        (label_text(), any_string(4), meaning()).prop_map(|(text, lang, meaning)| {
            teach_label(&Value::Null, &text, &lang, meaning, WHEN)
                .unwrap_or_else(|_| json!({"format": 1, "labels": []}))
        }),
    )
}

proptest! {
    #![proptest_config(config(4000))]

    /// Any stored value: no panic; unreadable comes back whole and no change is made to it.
    #[test]
    fn any_stored_value_is_read_or_kept_whole(stored in stored_taught()) {
        let _ = TaughtRules::from_stored(&stored);
        if let TaughtLoad::Corrupt { raw, .. } = load_taught(&stored) {
            prop_assert_eq!(raw, stored.clone());
            prop_assert!(teach_label(&stored, "Rhannwyd gyda: Pawb", "cy", TaughtMeaning::Public, WHEN).is_err());
            prop_assert!(forget_label(&stored, "Rhannwyd gyda: Pawb", "cy").is_err());
        }
    }

    /// What is taught is found by its own text and language, never by another language; the built-in rules win.
    #[test]
    fn a_taught_label_applies_to_its_text_and_language_only(
        text in label_text(), lang in string_lang(), other in string_lang(), meaning in meaning()
    ) {
        match teach_label(&Value::Null, &text, &lang, meaning, WHEN) {
            Ok(stored) => {
                prop_assert!(audience_of_label(&text).is_none());
                let rules = TaughtRules::from_stored(&stored);
                prop_assert_eq!(rules.meaning(&text, &lang), Some(meaning.visibility()));
                if other.trim().to_lowercase() != lang.trim().to_lowercase() {
                    prop_assert_eq!(rules.meaning(&text, &other), None);
                }
                let forgotten = forget_label(&stored, &text, &lang).expect("readable");
                prop_assert_eq!(TaughtRules::from_stored(&forgotten).meaning(&text, &lang), None);
            }
            // Refused only for a reason: the built-in rules read it, or it is no label.
            Err(_) => prop_assert!(
                audience_of_label(&text).is_some()
                    || normalize_text(&text).is_empty()
                    || text.chars().count() > MAX_LABEL_CHARS
            ),
        }
    }
}

fn string_lang() -> impl Strategy<Value = String> {
    proptest::sample::select(vec!["", "cy", "CY", "ka", "he", "en-GB", "pt-br"])
        .prop_map(str::to_string)
}

/// A label the built-in rules read is refused, whatever the language.
#[test]
fn a_built_in_label_is_never_taught() {
    for label in ["Shared with Public", "Shared with Friends", "Publiczne"] {
        assert!(teach_label(&Value::Null, label, "cy", TaughtMeaning::Limited, WHEN).is_err());
    }
}
