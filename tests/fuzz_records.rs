//! Property tests of the objection records' decoder (`load_records` and its users in `core::record`): no panic on any
//! stored value, unreadable evidence comes back whole as corrupt and is never overwritten, and what decodes
//! re-encodes to the same records. Written against behaviour only, so a new stage or a change of the load result's
//! shape touches the strategy and the two helpers below.
#![cfg(not(target_arch = "wasm32"))]

mod fuzz_support;

use bezwaar::core::hosts::Site;
use bezwaar::core::record::{
    confirm_record_by_user, export_records_json, load_records, put_record, remove_record,
    store_records, url_without_query, ConfirmedBy, ObjectionRecord, RecordStage, RecordsLoad,
};
use fuzz_support::{any_string, awkward_string, config, json_near};
use proptest::prelude::*;
use serde_json::Value;

fn record() -> impl Strategy<Value = ObjectionRecord> {
    let text = || prop_oneof![awkward_string(10), any_string(6)];
    let site = proptest::sample::select(vec![Site::Facebook, Site::Instagram]);
    let stage = proptest::sample::select(vec![
        RecordStage::Sent,
        RecordStage::Confirmed,
        RecordStage::NotSent,
    ]);
    let confirmed_by = proptest::option::of(proptest::sample::select(vec![
        ConfirmedBy::Page,
        ConfirmedBy::User,
    ]));
    (
        (
            proptest::sample::select(vec!["a1", "b2", "c3"]),
            site,
            text(),
            text(),
            text(),
            text(),
            text(),
            text(),
            stage,
        ),
        (
            proptest::option::of(text()),
            confirmed_by,
            any::<bool>(),
            text(),
            text(),
        ),
    )
        .prop_map(
            |(
                (id, site, form_id, submitted_at, email, statement, confirmation_text, url, stage),
                (confirmed_at, confirmed_by, code_step, error_text, country),
            )| {
                ObjectionRecord {
                    id: id.to_string(),
                    site,
                    form_id,
                    submitted_at,
                    email,
                    country,
                    statement,
                    confirmation_text,
                    url,
                    stage,
                    confirmed_at,
                    confirmed_by,
                    code_step,
                    error_text,
                }
            },
        )
}

fn records() -> impl Strategy<Value = Vec<ObjectionRecord>> {
    proptest::collection::vec(record(), 0..4)
}

/// Stored values: anything, and stored records with entries changed at any depth.
fn stored_records() -> impl Strategy<Value = Value> {
    json_near(records().prop_map(|records| store_records(&records)))
}

/// The records a stored value decodes to, if it decodes.
fn decoded(load: &RecordsLoad) -> Option<&[ObjectionRecord]> {
    match load {
        RecordsLoad::Current { records } => Some(records),
        RecordsLoad::Missing | RecordsLoad::Corrupt { .. } => None,
    }
}

fn ids_are_unique(load: &RecordsLoad) -> bool {
    let records = decoded(load).unwrap_or_default();
    records
        .iter()
        .enumerate()
        .all(|(i, r)| records[..i].iter().all(|earlier| earlier.id != r.id))
}

/// The raw value a load kept because it could not read it.
fn kept_as_corrupt(load: &RecordsLoad) -> Option<&Value> {
    match load {
        RecordsLoad::Corrupt { raw, .. } => Some(raw),
        _ => None,
    }
}

proptest! {
    #![proptest_config(config(4000))]

    /// Nothing is lost: stored records are missing only when storage holds nothing, readable, or kept whole.
    #[test]
    fn unreadable_records_are_kept_whole(stored in stored_records()) {
        let load = load_records(&stored);
        prop_assert_eq!(load == RecordsLoad::Missing, stored.is_null());
        if let Some(raw) = kept_as_corrupt(&load) {
            prop_assert_eq!(raw, &stored);
        }
        prop_assert!(stored.is_null() || decoded(&load).is_some() || kept_as_corrupt(&load).is_some());
    }

    /// Readable records re-encode to what was stored: every entry kept with its value (an optional entry the stored
    /// value left out comes back as null), and the re-encoded value reads back the same.
    #[test]
    fn readable_records_reencode_to_the_same(stored in stored_records()) {
        let load = load_records(&stored);
        if let Some(records) = decoded(&load) {
            let again = store_records(records);
            if stored["version"] != serde_json::json!(2) {
                // An older format is migrated: checked by the core's own tests, not entry by entry.
                return Ok(());
            }
            let (before, after) = (stored["records"].as_array(), again["records"].as_array());
            prop_assert_eq!(before.map(Vec::len), after.map(Vec::len));
            for (old, new) in before.into_iter().flatten().zip(after.into_iter().flatten()) {
                for (key, value) in old.as_object().into_iter().flatten() {
                    prop_assert_eq!(Some(value), new.get(key), "{}", key);
                }
            }
            prop_assert_eq!(load_records(&again), load);
        }
    }

    /// Any records stored read back as themselves, and their export holds them all.
    #[test]
    fn stored_records_read_back(records in records(), exported_at in awkward_string(8)) {
        prop_assert_eq!(load_records(&store_records(&records)), RecordsLoad::Current { records: records.clone() });
        let export: Value = serde_json::from_str(&export_records_json(&records, &exported_at)).expect("export is JSON");
        prop_assert_eq!(&export["records"], &store_records(&records)["records"]);
        prop_assert_eq!(&export["exportedAt"], &Value::String(exported_at));
    }

    /// Removing a record never writes over evidence that cannot be read, and keeps every other record.
    #[test]
    fn removing_a_record_keeps_the_others(stored in stored_records(), id in proptest::sample::select(vec!["a1", "b2", "zz"])) {
        let load = load_records(&stored);
        match remove_record(&stored, id) {
            Err(_) => prop_assert!(kept_as_corrupt(&load).is_some()),
            Ok(remaining) => {
                let before: Vec<ObjectionRecord> = decoded(&load).map(<[_]>::to_vec).unwrap_or_default();
                let expected: Vec<ObjectionRecord> = before.into_iter().filter(|record| record.id != id).collect();
                prop_assert_eq!(load_records(&remaining), RecordsLoad::Current { records: expected });
            }
        }
    }

    /// Putting a record in (a new one, or a later stage of one) loses no other record, never moves a confirmed one
    /// back, and refuses unreadable storage instead of overwriting it.
    #[test]
    fn putting_a_record_loses_nothing(stored in stored_records(), record in record()) {
        let load = load_records(&stored);
        prop_assume!(ids_are_unique(&load), "Bezwaar's ids are random: it never stores two alike");
        match put_record(&stored, record.clone()) {
            Err(_) => prop_assert!(kept_as_corrupt(&load).is_some()),
            Ok(changed) => {
                let before: Vec<ObjectionRecord> = decoded(&load).map(<[_]>::to_vec).unwrap_or_default();
                let after = match load_records(&changed) {
                    RecordsLoad::Current { records } => records,
                    other => return Err(TestCaseError::fail(format!("unreadable after a put: {other:?}"))),
                };
                for old in &before {
                    let kept = after.iter().find(|r| r.id == old.id);
                    prop_assert!(kept.is_some(), "{} lost", old.id);
                    if old.id != record.id || old.stage == RecordStage::Confirmed {
                        prop_assert_eq!(kept, Some(old));
                    }
                }
                let placed = after.iter().filter(|r| r.id == record.id).count();
                prop_assert!(placed >= 1);
            }
        }
    }

    /// Marking a record confirmed by hand changes that record alone, and only with a real date.
    #[test]
    fn confirming_by_hand_changes_one_record(stored in stored_records(), id in proptest::sample::select(vec!["a1", "b2", "zz"]), date in prop_oneof![Just("2025-06-03".to_string()), awkward_string(10)]) {
        let load = load_records(&stored);
        prop_assume!(ids_are_unique(&load), "Bezwaar's ids are random: it never stores two alike");
        if let Ok(changed) = confirm_record_by_user(&stored, id, &date) {
            let before: Vec<ObjectionRecord> = decoded(&load).map(<[_]>::to_vec).unwrap_or_default();
            let RecordsLoad::Current { records: after } = load_records(&changed) else {
                return Err(TestCaseError::fail("unreadable after a confirmation"));
            };
            prop_assert_eq!(before.len(), after.len());
            for (old, new) in before.iter().zip(&after) {
                if old.id == id {
                    prop_assert_eq!(new.stage, RecordStage::Confirmed);
                    prop_assert_eq!(new.confirmed_at.as_deref(), Some(date.as_str()));
                    prop_assert_eq!(&new.statement, &old.statement);
                } else {
                    prop_assert_eq!(new, old);
                }
            }
        }
    }

    /// An address loses exactly its query and fragment.
    #[test]
    fn urls_lose_only_query_and_fragment(url in prop_oneof![awkward_string(30), any_string(20)]) {
        let kept = url_without_query(&url);
        prop_assert!(url.starts_with(&kept) && !kept.contains(['?', '#']));
        prop_assert!(kept.len() == url.len() || url[kept.len()..].starts_with(['?', '#']));
    }
}
