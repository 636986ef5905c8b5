//! Property tests of the profile decoder (`load_profile` and `profile_readiness` in `core::profile`): no panic on any
//! stored value, an unreadable one comes back whole as corrupt, and what decodes re-encodes to the same profile; and
//! a profile that validates can fill a form.
//! Written against behaviour only, so a change of the load result's shape touches the two helpers below.
#![cfg(not(target_arch = "wasm32"))]

mod fuzz_support;

use bezwaar::core::countries::country_codes;
use bezwaar::core::profile::{
    load_profile, profile_readiness, store_profile, validate_profile, Profile, ProfileLoad,
    ProfileReadiness, STATEMENT_MAX_CHARS,
};
use bezwaar::core::statement::{default_statement, render_statement, statement_languages};
use fuzz_support::{awkward_string, config, json_near, string_of};
use proptest::prelude::*;
use serde_json::{json, Value};

/// Stored values: anything, the current shape with entries changed, and the version 0 shape likewise.
fn stored_profile() -> impl Strategy<Value = Value> {
    let text = || {
        prop_oneof![
            awkward_string(12),
            Just("jan@example.nl".to_string()),
            Just(" NL ".to_string())
        ]
    };
    let current = (text(), text(), text(), text()).prop_map(|(email, country, language, statement)| {
        json!({"version": 1, "profile": {"email": email, "country": country, "language": language, "statement": statement}})
    });
    let version_0 = (text(), text(), text()).prop_map(
        |(email, country, reason)| json!({"email": email, "country": country, "reason": reason}),
    );
    json_near(prop_oneof![current, version_0])
}

/// The profile a stored value decodes to, if it decodes.
fn decoded(load: &ProfileLoad) -> Option<&Profile> {
    match load {
        ProfileLoad::Current { profile } | ProfileLoad::Migrated { profile, .. } => Some(profile),
        ProfileLoad::Missing | ProfileLoad::Corrupt { .. } => None,
    }
}

/// The raw value a load kept because it could not read it.
fn kept_as_corrupt(load: &ProfileLoad) -> Option<&Value> {
    match load {
        ProfileLoad::Corrupt { raw, .. } => Some(raw),
        _ => None,
    }
}

proptest! {
    #![proptest_config(config(6000))]

    /// Nothing is lost: a value is missing only when storage holds nothing, readable, or kept whole as corrupt.
    #[test]
    fn an_unreadable_profile_is_kept_whole(stored in stored_profile()) {
        let load = load_profile(&stored);
        prop_assert_eq!(load == ProfileLoad::Missing, stored.is_null());
        if let Some(raw) = kept_as_corrupt(&load) {
            prop_assert_eq!(raw, &stored);
        }
        prop_assert!(stored.is_null() || decoded(&load).is_some() || kept_as_corrupt(&load).is_some());
        let readiness = profile_readiness(&stored);
        prop_assert_eq!(readiness == ProfileReadiness::Unreadable, kept_as_corrupt(&load).is_some());
    }

    /// A current profile re-encodes to exactly what was stored; a migrated one to a value that reads back the same.
    #[test]
    fn a_readable_profile_reencodes_to_the_same(stored in stored_profile()) {
        let load = load_profile(&stored);
        let Some(profile) = decoded(&load) else {
            return Ok(());
        };
        let stored_again = store_profile(profile);
        prop_assert_eq!(load_profile(&stored_again), ProfileLoad::Current { profile: profile.clone() });
        if let ProfileLoad::Current { .. } = load {
            prop_assert_eq!(stored_again, stored);
        }
    }

    /// A migrated profile keeps what the old shape held, tidied (surrounding spaces, the code's case).
    #[test]
    fn a_migrated_profile_keeps_every_entry(stored in stored_profile()) {
        if let ProfileLoad::Migrated { profile, .. } = load_profile(&stored) {
            let entry = |key: &str| stored.get(key).and_then(Value::as_str).unwrap_or("").to_string();
            let expected = Profile { email: entry("email"), country: entry("country"), language: String::new(), statement: entry("reason") }.tidied();
            prop_assert_eq!(profile, expected);
        }
    }

    /// Any profile stored reads back as itself.
    #[test]
    fn a_stored_profile_reads_back(email in awkward_string(16), country in awkward_string(4), language in awkward_string(4), statement in awkward_string(40)) {
        let profile = Profile { email, country, language, statement };
        prop_assert_eq!(load_profile(&store_profile(&profile)), ProfileLoad::Current { profile });
    }
}

/// Profiles near valid ones: supported or unsupported codes in any case and padding, plausible or broken addresses,
/// default statements or typed ones with placeholders.
fn near_valid_profile() -> impl Strategy<Value = Profile> {
    let codes = |list: Vec<&'static str>| {
        prop_oneof![
            4 => proptest::sample::select(list).prop_map(str::to_string),
            1 => awkward_string(3),
        ]
    };
    let padded = |code: String, pad: bool| {
        if pad {
            format!(" {} ", code.to_ascii_lowercase())
        } else {
            code
        }
    };
    let email = prop_oneof![
        3 => (string_of("ab.+_{}-", 1, 8), string_of("ab-", 1, 6), string_of("lnz", 2, 3))
            .prop_map(|(local, domain, tld)| format!("{local}@{domain}.{tld}")),
        1 => awkward_string(14),
    ];
    let statement =
        prop_oneof![
            proptest::sample::select(statement_languages())
                .prop_map(|(code, _)| default_statement(code).expect("listed").to_string()),
            (
                awkward_string(20),
                proptest::sample::select(vec!["{email}", "{country}", "{name}", "", "{Email}"])
            )
                .prop_map(|(text, placeholder)| format!("{text}{placeholder}")),
        ];
    let languages = statement_languages()
        .into_iter()
        .map(|(code, _)| code)
        .collect();
    (
        email,
        codes(country_codes()),
        codes(languages),
        statement,
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            move |(email, country, language, statement, pad_country, pad_language)| Profile {
                email,
                country: padded(country, pad_country),
                language: padded(language, pad_language),
                statement,
            },
        )
}

proptest! {
    #![proptest_config(config(4000))]

    /// A profile without errors can fill a form: stored, it reads back ready, and its statement renders completely
    /// within the length limit.
    #[test]
    fn a_valid_profile_renders_completely(profile in near_valid_profile()) {
        let errors = validate_profile(&profile);
        let readiness = profile_readiness(&store_profile(&profile));
        prop_assert_eq!(readiness == ProfileReadiness::Ready, errors.is_empty(), "{:?}", errors);
        if errors.is_empty() {
            let rendered = render_statement(&profile.statement, &profile);
            prop_assert!(rendered.unknown_placeholders.is_empty() && rendered.unfilled_placeholders.is_empty(), "{:?}", profile);
            prop_assert!(rendered.text.chars().count() <= STATEMENT_MAX_CHARS && !rendered.text.trim().is_empty());
        }
    }
}
