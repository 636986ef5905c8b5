//! Evidence of objections the user sent: stored after they press Send on Meta's form, listed in the options page and
//! exportable as a file they can keep (e.g. to show a data-protection authority what they sent and when).
//!
//! As with the profile, storage this build cannot read comes back as [`RecordsLoad::Corrupt`] with the raw value:
//! evidence is never dropped silently.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::core::hosts::Site;

/// Version of the stored shape `{"version": 1, "records": [...]}` and of the export file.
pub const RECORDS_SCHEMA_VERSION: u32 = 1;

/// Identifies an export file as Bezwaar's, whatever it is renamed to.
const EXPORT_FORMAT: &str = "bezwaar-objections";

/// What one objection covers (consumer-centre guides, see meta-facts.md); put in the export so the file explains itself.
const EXPORT_NOTE: &str = "An objection covers the accounts in one Accounts Center. Accounts that are not linked there, \
     or that use another e-mail address, need their own objection; business accounts too. Facebook Pages cannot object.";

/// How far the objection got when it was recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RecordStage {
    /// Meta showed its success text (the 2025 form, or the 2024 form after the code was entered).
    Confirmed,
    /// The 2024 form sent a code by e-mail that still had to be entered.
    CodeSent,
}

/// One objection as sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ObjectionRecord {
    pub id: String,
    pub site: Site,
    /// Meta's form id, the number in `/help/contact/<id>`.
    pub form_id: String,
    /// RFC 3339 timestamp supplied by the caller (the core has no clock).
    pub submitted_at: String,
    pub email: String,
    pub statement: String,
    /// Meta's confirmation text as shown, the user's best evidence.
    pub confirmation_text: String,
    /// The form's address without query or fragment (see [`url_without_query`]).
    pub url: String,
    pub stage: RecordStage,
}

/// The address without `?query` and `#fragment`: tracking parameters and session tokens have no place in evidence
/// the user may share.
pub fn url_without_query(url: &str) -> String {
    let end = url.find(['?', '#']).unwrap_or(url.len());
    url[..end].to_string()
}

/// Result of reading what storage holds under the records key (`Value::Null` when nothing).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum RecordsLoad {
    Missing,
    Current {
        records: Vec<ObjectionRecord>,
    },
    /// Unreadable; `raw` is exactly what storage held, so it can be shown or exported.
    Corrupt {
        reason: String,
        raw: Value,
    },
}

pub fn load_records(stored: &Value) -> RecordsLoad {
    let corrupt = |reason: String| RecordsLoad::Corrupt {
        reason,
        raw: stored.clone(),
    };
    let object = match stored {
        Value::Null => return RecordsLoad::Missing,
        Value::Object(object) => object,
        _ => {
            return corrupt(
                "the stored objections are not an object with a version and a list".to_string(),
            )
        }
    };
    let version = match object.get("version").map(Value::as_u64) {
        None => return corrupt("the stored objections have no version".to_string()),
        Some(None) => {
            return corrupt("the stored objections' version is not a whole number".to_string())
        }
        Some(Some(version)) => version,
    };
    if version > u64::from(RECORDS_SCHEMA_VERSION) {
        return corrupt(format!(
            "the objections were saved by a newer version of Bezwaar (format {version}; this version reads up to \
             {RECORDS_SCHEMA_VERSION}); update the extension to read them"
        ));
    }
    if version != u64::from(RECORDS_SCHEMA_VERSION) {
        return corrupt(format!("objections format {version} does not exist"));
    }
    if let Some(extra) = object
        .keys()
        .find(|key| *key != "version" && *key != "records")
    {
        return corrupt(format!(
            "the stored objections have an unexpected entry \"{extra}\""
        ));
    }
    let Some(records) = object.get("records") else {
        return corrupt("the stored objections have a version but no \"records\" list".to_string());
    };
    match Vec::<ObjectionRecord>::deserialize(records) {
        Ok(records) => RecordsLoad::Current { records },
        Err(error) => corrupt(format!("the stored objections cannot be read: {error}")),
    }
}

/// The value to put in storage under the records key.
pub fn store_records(records: &[ObjectionRecord]) -> Value {
    serde_json::json!({ "version": RECORDS_SCHEMA_VERSION, "records": records })
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ExportFile<'a> {
    format: &'static str,
    version: u32,
    exported_at: &'a str,
    records: &'a [ObjectionRecord],
    note: &'static str,
}

/// The export file's text: pretty JSON `{"format", "version", "exportedAt", "records", "note"}`.
pub fn export_records_json(records: &[ObjectionRecord], exported_at: &str) -> String {
    let file = ExportFile {
        format: EXPORT_FORMAT,
        version: RECORDS_SCHEMA_VERSION,
        exported_at,
        records,
        note: EXPORT_NOTE,
    };
    serde_json::to_string_pretty(&file).expect("an export of strings and enums always serialises")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn record(id: &str, site: Site, stage: RecordStage) -> ObjectionRecord {
        ObjectionRecord {
            id: id.into(),
            site,
            form_id: "712876720715583".into(),
            submitted_at: "2025-05-20T09:30:00+02:00".into(),
            email: "jan@example.nl".into(),
            statement: "Ik maak bezwaar — \"AVG\" artikel 21.\nTweede regel.".into(),
            confirmation_text: "Ciò significa che la tua richiesta verrà applicata d'ora in avanti"
                .into(),
            url: url_without_query(
                "https://www.facebook.com/help/contact/712876720715583?ref=notif#top",
            ),
            stage,
        }
    }

    fn records() -> Vec<ObjectionRecord> {
        vec![
            record("a1", Site::Facebook, RecordStage::Confirmed),
            record("b2", Site::Instagram, RecordStage::CodeSent),
        ]
    }

    #[test]
    fn url_loses_query_and_fragment_only() {
        let cases = [
            (
                "https://www.facebook.com/help/contact/712876720715583?locale=de_DE&x=1",
                "https://www.facebook.com/help/contact/712876720715583",
            ),
            (
                "https://help.instagram.com/contact/767264225370182#form",
                "https://help.instagram.com/contact/767264225370182",
            ),
            (
                "https://fr-fr.facebook.com/help/contact/712876720715583#a?b",
                "https://fr-fr.facebook.com/help/contact/712876720715583",
            ),
            (
                "https://www.facebook.com/help/contact/712876720715583",
                "https://www.facebook.com/help/contact/712876720715583",
            ),
            ("", ""),
        ];
        for (url, expected) in cases {
            assert_eq!(url_without_query(url), expected);
        }
    }

    #[test]
    fn stored_shape_is_camel_case_with_kebab_case_stages() {
        let stored = store_records(&records());
        assert_eq!(stored["version"], json!(1));
        let first = &stored["records"][0];
        assert_eq!(first["site"], json!("facebook"));
        assert_eq!(first["formId"], json!("712876720715583"));
        assert_eq!(first["submittedAt"], json!("2025-05-20T09:30:00+02:00"));
        assert_eq!(
            first["confirmationText"],
            json!("Ciò significa che la tua richiesta verrà applicata d'ora in avanti")
        );
        assert_eq!(first["stage"], json!("confirmed"));
        assert_eq!(stored["records"][1]["stage"], json!("code-sent"));
        assert_eq!(stored["records"][1]["site"], json!("instagram"));
    }

    #[test]
    fn store_then_load_round_trips() {
        assert_eq!(
            load_records(&store_records(&records())),
            RecordsLoad::Current { records: records() }
        );
        assert_eq!(
            load_records(&store_records(&[])),
            RecordsLoad::Current { records: vec![] }
        );
        assert_eq!(load_records(&Value::Null), RecordsLoad::Missing);
    }

    #[test]
    fn unreadable_values_are_corrupt_and_kept() {
        let mut wrong_stage = store_records(&records());
        wrong_stage["records"][0]["stage"] = json!("sent");
        let mut wrong_type = store_records(&records());
        wrong_type["records"][1]["email"] = json!(["x"]);
        let mut unknown_field = store_records(&records());
        unknown_field["records"][0]["extra"] = json!(1);
        let cases = [
            (json!([]), "not an object"),
            (json!("records"), "not an object"),
            (json!({ "records": [] }), "no version"),
            (
                json!({ "version": "1", "records": [] }),
                "not a whole number",
            ),
            (
                json!({ "version": 0, "records": [] }),
                "format 0 does not exist",
            ),
            (json!({ "version": 1 }), "no \"records\" list"),
            (json!({ "version": 1, "records": {} }), "cannot be read"),
            (
                json!({ "version": 1, "records": [], "more": [] }),
                "unexpected entry \"more\"",
            ),
            (wrong_stage, "cannot be read"),
            (wrong_type, "cannot be read"),
            (unknown_field, "cannot be read"),
        ];
        for (stored, expected) in cases {
            match load_records(&stored) {
                RecordsLoad::Corrupt { reason, raw } => {
                    assert!(
                        reason.contains(expected),
                        "{stored}: {reason:?} should mention {expected:?}"
                    );
                    assert_eq!(raw, stored);
                }
                other => panic!("{stored} should be corrupt, got {other:?}"),
            }
        }
    }

    #[test]
    fn records_from_a_newer_version_are_corrupt_saying_so_and_kept() {
        let stored = json!({ "version": 99, "records": [{ "id": "x", "new": true }] });
        let RecordsLoad::Corrupt { reason, raw } = load_records(&stored) else {
            panic!("expected corrupt");
        };
        assert!(
            reason.contains("newer version") && reason.contains("99"),
            "{reason}"
        );
        assert_eq!(raw, stored);
    }

    #[test]
    fn load_result_serialises_for_the_options_page() {
        let value =
            serde_json::to_value(RecordsLoad::Current { records: records() }).expect("serialises");
        assert_eq!(value["status"], json!("current"));
        assert_eq!(value["records"][1]["id"], json!("b2"));
    }

    #[test]
    fn export_round_trips_and_explains_itself() {
        let text = export_records_json(&records(), "2025-06-01T12:00:00Z");
        assert!(text.contains("\n  \"format\""), "pretty-printed");
        let file: Value = serde_json::from_str(&text).expect("the export is JSON");
        assert_eq!(file["format"], json!("bezwaar-objections"));
        assert_eq!(file["version"], json!(1));
        assert_eq!(file["exportedAt"], json!("2025-06-01T12:00:00Z"));
        assert!(file["note"]
            .as_str()
            .is_some_and(|note| note.contains("Accounts Center")));
        let back =
            Vec::<ObjectionRecord>::deserialize(&file["records"]).expect("records read back");
        assert_eq!(back, records());
        let keys: Vec<&String> = file.as_object().expect("object").keys().collect();
        assert_eq!(keys.len(), 5, "{keys:?}");
    }

    #[test]
    fn an_empty_export_is_still_a_valid_file() {
        let file: Value =
            serde_json::from_str(&export_records_json(&[], "2025-06-01T12:00:00Z")).expect("JSON");
        assert_eq!(file["records"], json!([]));
    }
}
