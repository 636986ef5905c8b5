//! Property tests of the settings decoder (`load_settings` in `core::profile`): no panic on any stored value, and
//! switches stored by Bezwaar read back as stored. Written against behaviour only: the two helpers below are all a
//! change of what `load_settings` returns has to touch.
#![cfg(not(target_arch = "wasm32"))]

mod fuzz_support;

use bezwaar::core::profile::{load_settings, Settings};
use fuzz_support::{config, json_near};
use proptest::prelude::*;
use serde_json::{json, Value};

/// Whether badges show, and whether the objection form is prefilled without asking, for a stored value.
fn switches(stored: &Value) -> (bool, bool) {
    let settings = load_settings(stored).settings();
    (settings.show_badges, settings.auto_prefill)
}

/// The value Bezwaar stores for two switches.
fn stored_switches(show_badges: bool, auto_prefill: bool) -> Value {
    serde_json::to_value(Settings {
        show_badges,
        auto_prefill,
        teach_offers: true,
        ui_language: None,
    })
    .expect("settings serialise")
}

fn stored_settings() -> impl Strategy<Value = Value> {
    json_near(
        (any::<bool>(), any::<bool>())
            .prop_map(|(badges, prefill)| stored_switches(badges, prefill)),
    )
}

/// Prefilling without asking is on only when storage holds nothing, or says so with `true`.
fn prefill_was_asked_for(stored: &Value) -> bool {
    stored.is_null()
        || (stored.is_object()
            && stored
                .get("autoPrefill")
                .map_or(true, |value| value == &json!(true)))
}

proptest! {
    #![proptest_config(config(6000))]

    /// Any stored value: no panic.
    #[test]
    fn any_stored_value_is_read(stored in stored_settings()) {
        let _ = switches(&stored);
    }

    /// Switches stored by Bezwaar read back as stored.
    #[test]
    fn stored_switches_read_back(show_badges in any::<bool>(), auto_prefill in any::<bool>()) {
        prop_assert_eq!(switches(&stored_switches(show_badges, auto_prefill)), (show_badges, auto_prefill));
    }

    /// Fails closed: an unreadable value never turns prefilling on.
    #[test]
    fn unreadable_settings_never_prefill(stored in stored_settings()) {
        if switches(&stored).1 {
            prop_assert!(prefill_was_asked_for(&stored), "{}", stored);
        }
    }
}

/// Found by `unreadable_settings_never_prefill`: settings stored as a bare `false` read as prefilling on.
#[test]
fn settings_stored_as_false_do_not_prefill() {
    assert!(!switches(&json!(false)).1);
}

/// The case of issue 11: the switch stored as text reads as on.
#[test]
fn a_switch_stored_as_text_does_not_prefill() {
    assert!(!switches(&json!({"showBadges": true, "autoPrefill": "false"})).1);
}
