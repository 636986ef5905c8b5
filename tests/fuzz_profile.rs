//! Property tests of the profile decoder (`load_profile` and `profile_readiness` in `core::profile`): no panic on any
//! stored value, an unreadable one comes back whole as corrupt, and what decodes re-encodes to the same profile.
//! Written against behaviour only, so a change of the load result's shape touches the two helpers below.
#![cfg(not(target_arch = "wasm32"))]

mod fuzz_support;

use bezwaar::core::profile::{
    load_profile, profile_readiness, store_profile, Profile, ProfileLoad, ProfileReadiness,
};
use fuzz_support::{awkward_string, config, json_near};
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
    #![proptest_config(config(5000))]

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
