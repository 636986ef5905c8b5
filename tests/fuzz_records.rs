//! Property tests of the objection records' decoder (`load_records` and its users in `core::record`): no panic on any
//! stored value, unreadable evidence comes back whole as corrupt and is never overwritten, and what decodes
//! re-encodes to the same records. Written against behaviour only, so a new stage or a change of the load result's
//! shape touches the strategy and the two helpers below.
#![cfg(not(target_arch = "wasm32"))]

mod fuzz_support;

use bezwaar::core::hosts::Site;
use bezwaar::core::record::{
    export_records_json, load_records, remove_record, store_records, url_without_query,
    ObjectionRecord, RecordStage, RecordsLoad,
};
use fuzz_support::{any_string, awkward_string, config, json_near};
use proptest::prelude::*;
use serde_json::Value;

fn record() -> impl Strategy<Value = ObjectionRecord> {
    let text = || prop_oneof![awkward_string(10), any_string(6)];
    let site = proptest::sample::select(vec![Site::Facebook, Site::Instagram]);
    let stage = proptest::sample::select(vec![RecordStage::Confirmed, RecordStage::CodeSent]);
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
    )
        .prop_map(
            |(id, site, form_id, submitted_at, email, statement, confirmation_text, url, stage)| {
                ObjectionRecord {
                    id: id.to_string(),
                    site,
                    form_id,
                    submitted_at,
                    email,
                    statement,
                    confirmation_text,
                    url,
                    stage,
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

    /// Readable records re-encode to exactly what was stored.
    #[test]
    fn readable_records_reencode_to_the_same(stored in stored_records()) {
        if let Some(records) = decoded(&load_records(&stored)) {
            prop_assert_eq!(store_records(records), stored);
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

    /// An address loses exactly its query and fragment.
    #[test]
    fn urls_lose_only_query_and_fragment(url in prop_oneof![awkward_string(30), any_string(20)]) {
        let kept = url_without_query(&url);
        prop_assert!(url.starts_with(&kept) && !kept.contains(['?', '#']));
        prop_assert!(kept.len() == url.len() || url[kept.len()..].starts_with(['?', '#']));
    }
}
