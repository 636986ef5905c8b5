//! Evidence of objections the user sent: stored after they press Send on Meta's form, listed in the options page and
//! exportable as a file they can keep (e.g. to show a data-protection authority what they sent and when).
//!
//! As with the profile, storage this build cannot read comes back as [`RecordsLoad::Corrupt`] with the raw value:
//! evidence is never dropped silently.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::core::hosts::Site;
use crate::core::messages::PageReport;
use crate::core::page_kind::{objection_form_url, PageKind};

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

/// The stored records without the one whose id is `id` (unchanged when there is none). `Err` when what storage holds
/// is unreadable: deleting from evidence we cannot read would mean overwriting all of it.
pub fn remove_record(stored: &Value, id: &str) -> Result<Value, String> {
    match load_records(stored) {
        RecordsLoad::Missing => Ok(store_records(&[])),
        RecordsLoad::Current { mut records } => {
            records.retain(|record| record.id != id);
            Ok(store_records(&records))
        }
        RecordsLoad::Corrupt { reason, .. } => Err(reason),
    }
}

/// What the toolbar popup suggests for the tab the user is looking at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(
    tag = "step",
    rename_all = "kebab-case",
    rename_all_fields = "camelCase"
)]
pub enum NextStep {
    /// Not one of Meta's pages (or Bezwaar has not looked at it): say what Bezwaar does and where.
    Explain,
    /// On Meta's objection form without a usable profile: set one up so the form can be filled.
    SetUpProfile { site: Site },
    /// On Meta's objection form: check what Bezwaar filled in, then press Send yourself.
    CheckAndSend { site: Site },
    /// On the privacy-policy route: answer that the request is about AI at Meta, then check and send.
    AnswerAiQuestion { site: Site },
    /// The confirmation page: the objection went out and is kept as evidence.
    Sent { site: Site },
    /// A form for other people's information, not the user's own objection: here is the right one.
    WrongForm { site: Site, form_url: &'static str },
    /// A Meta page and no objection recorded for this site: open its objection form.
    Object { site: Site, form_url: &'static str },
    /// An objection for this site is recorded (the newest one's date): remind what it does not cover.
    AlreadyObjected { site: Site, submitted_at: String },
}

/// Decides the popup's next step from the tab's report (None when the tab is not a Meta page Bezwaar looked at),
/// the stored records and whether the profile can fill a form.
pub fn next_step(
    report: Option<&PageReport>,
    records: &[ObjectionRecord],
    profile_ready: bool,
) -> NextStep {
    let Some(report) = report else {
        return NextStep::Explain;
    };
    let site = report.site;
    match report.page_kind {
        PageKind::ObjectionFormFacebook | PageKind::ObjectionFormInstagram if !profile_ready => {
            NextStep::SetUpProfile { site }
        }
        PageKind::ObjectionFormFacebook | PageKind::ObjectionFormInstagram => {
            NextStep::CheckAndSend { site }
        }
        PageKind::ObjectionFormGeneric => NextStep::AnswerAiQuestion { site },
        PageKind::ObjectionSent => NextStep::Sent { site },
        PageKind::ThirdPartyForm => NextStep::WrongForm {
            site,
            form_url: objection_form_url(site),
        },
        PageKind::AiNotice | PageKind::Other => {
            // Records are appended as they happen, so the last one for the site is the newest.
            match records.iter().rev().find(|record| record.site == site) {
                Some(record) => NextStep::AlreadyObjected {
                    site,
                    submitted_at: record.submitted_at.clone(),
                },
                None => NextStep::Object {
                    site,
                    form_url: objection_form_url(site),
                },
            }
        }
    }
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
    fn removing_a_record_keeps_the_others_and_refuses_unreadable_storage() {
        let stored = store_records(&records());
        let RecordsLoad::Current { records: left } =
            load_records(&remove_record(&stored, "a1").expect("readable"))
        else {
            panic!("still readable");
        };
        assert_eq!(left, vec![records()[1].clone()]);
        assert_eq!(remove_record(&stored, "zz"), Ok(stored.clone()));
        assert_eq!(remove_record(&Value::Null, "a1"), Ok(store_records(&[])));
        assert!(
            remove_record(&json!({ "version": 99, "records": [] }), "a1")
                .is_err_and(|reason| reason.contains("newer version"))
        );
    }

    fn report(site: Site, page_kind: PageKind) -> PageReport {
        serde_json::from_value(json!({
            "url": "https://www.facebook.com/", "site": site, "pageKind": page_kind, "engine": "wasm",
            "startupMs": 1.0, "posts": { "public": 0, "limited": 0, "unknown": 0 }, "account": null
        }))
        .expect("a valid report")
    }

    #[test]
    fn next_step_follows_the_page_and_the_evidence() {
        let none: &[ObjectionRecord] = &[];
        assert_eq!(next_step(None, &records(), true), NextStep::Explain);
        let feed = report(Site::Facebook, PageKind::Other);
        assert_eq!(
            next_step(Some(&feed), none, false),
            NextStep::Object {
                site: Site::Facebook,
                form_url: objection_form_url(Site::Facebook)
            }
        );
        let mut older_and_newer = records();
        older_and_newer.push(ObjectionRecord {
            id: "c3".into(),
            submitted_at: "2025-06-02T08:00:00Z".into(),
            ..records()[0].clone()
        });
        assert_eq!(
            next_step(Some(&feed), &older_and_newer, true),
            NextStep::AlreadyObjected {
                site: Site::Facebook,
                submitted_at: "2025-06-02T08:00:00Z".into()
            }
        );
        let facebook_only = vec![records()[0].clone()];
        let instagram = report(Site::Instagram, PageKind::AiNotice);
        assert_eq!(
            next_step(Some(&instagram), &facebook_only, true),
            NextStep::Object {
                site: Site::Instagram,
                form_url: objection_form_url(Site::Instagram)
            },
            "a Facebook objection does not cover an Instagram account that may not be linked"
        );
        let form = report(Site::Facebook, PageKind::ObjectionFormFacebook);
        assert_eq!(
            next_step(Some(&form), none, true),
            NextStep::CheckAndSend {
                site: Site::Facebook
            }
        );
        assert_eq!(
            next_step(Some(&form), none, false),
            NextStep::SetUpProfile {
                site: Site::Facebook
            }
        );
        assert_eq!(
            next_step(
                Some(&report(Site::Facebook, PageKind::ObjectionFormGeneric)),
                none,
                true
            ),
            NextStep::AnswerAiQuestion {
                site: Site::Facebook
            }
        );
        assert_eq!(
            next_step(
                Some(&report(Site::Instagram, PageKind::ObjectionSent)),
                none,
                true
            ),
            NextStep::Sent {
                site: Site::Instagram
            }
        );
        assert!(matches!(
            next_step(
                Some(&report(Site::Facebook, PageKind::ThirdPartyForm)),
                none,
                true
            ),
            NextStep::WrongForm {
                site: Site::Facebook,
                ..
            }
        ));
    }

    #[test]
    fn next_step_serialises_for_the_popup() {
        let value = serde_json::to_value(NextStep::AlreadyObjected {
            site: Site::Instagram,
            submitted_at: "2025-06-02T08:00:00Z".into(),
        })
        .expect("serialises");
        assert_eq!(
            value,
            json!({ "step": "already-objected", "site": "instagram", "submittedAt": "2025-06-02T08:00:00Z" })
        );
        let value = serde_json::to_value(NextStep::Object {
            site: Site::Facebook,
            form_url: objection_form_url(Site::Facebook),
        })
        .expect("serialises");
        assert_eq!(value["formUrl"], json!(objection_form_url(Site::Facebook)));
    }

    #[test]
    fn an_empty_export_is_still_a_valid_file() {
        let file: Value =
            serde_json::from_str(&export_records_json(&[], "2025-06-01T12:00:00Z")).expect("JSON");
        assert_eq!(file["records"], json!([]));
    }
}
