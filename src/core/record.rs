//! Evidence of objections the user sent: stored after they press Send on Meta's form, listed in the options page and
//! exportable as a file they can keep (e.g. to show a data-protection authority what they sent and when).
//!
//! As with the profile, storage this build cannot read comes back as [`RecordsLoad::Corrupt`] with the raw value:
//! evidence is never dropped silently.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::core::hosts::Site;
use crate::core::messages::PageReport;
use crate::core::page_kind::{objection_form_url, objection_sent_in, MetaAnswer, PageKind};

/// Version of the stored shape `{"version": 3, "records": [...]}` and of the export file.
pub const RECORDS_SCHEMA_VERSION: u32 = 3;

/// Identifies an export file as Bezwaar's, whatever it is renamed to.
const EXPORT_FORMAT: &str = "bezwaar-objections";

/// What one objection covers (consumer-centre guides, see meta-facts.md); put in the export so the file explains itself.
const EXPORT_NOTE: &str = "An objection covers the accounts in one Accounts Center. Accounts that are not linked there, \
     or that use another e-mail address, need their own objection; business accounts too. Facebook Pages cannot object.";

/// Where an objection stands. A record is kept the moment the user presses Send, so it never depends on Bezwaar
/// recognising Meta's wording; what Meta shows afterwards only moves it on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RecordStage {
    /// The user pressed Send; Meta's confirmation has not been seen (yet).
    Sent,
    /// Meta's confirmation was shown on the page, or the user says Meta's e-mail arrived.
    Confirmed,
    /// Meta refused the form (an error shown, the form still there): nothing went out.
    NotSent,
}

impl RecordStage {
    /// The value of the options page's `data-bezwaar-record` attribute (the observable contract).
    pub fn as_str(self) -> &'static str {
        match self {
            RecordStage::Sent => "sent",
            RecordStage::Confirmed => "confirmed",
            RecordStage::NotSent => "not-sent",
        }
    }
}

/// Who saw the confirmation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ConfirmedBy {
    /// Bezwaar read Meta's visible confirmation on the page.
    Page,
    /// The user marked it confirmed (e.g. Meta's e-mail arrived).
    User,
}

/// One objection, from the moment it was sent. Every field is always stored (null or empty when unset), so a
/// stored record reads back to exactly what was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ObjectionRecord {
    pub id: String,
    pub site: Site,
    /// Meta's form id, the number in `/help/contact/<id>`.
    pub form_id: String,
    /// RFC 3339 timestamp of the Send press, supplied by the caller (the core has no clock).
    pub submitted_at: String,
    pub email: String,
    /// The country of residence as the form showed it at Send (a list's chosen option by its text, or the text of
    /// a typed country); empty when the form asked for none, or the record is older than format 3.
    pub country: String,
    pub statement: String,
    /// The form's address without query or fragment (see [`url_without_query`]).
    pub url: String,
    pub stage: RecordStage,
    /// Meta's confirmation as shown on the page, the user's best evidence; empty until one was seen.
    pub confirmation_text: String,
    /// When the record became confirmed (RFC 3339, or the date the user gave).
    pub confirmed_at: Option<String>,
    pub confirmed_by: Option<ConfirmedBy>,
    /// Meta's e-mail code step (the 2024 form) was shown after Send: the code still has to be entered.
    pub code_step: bool,
    /// What the page showed when it refused the form.
    pub error_text: String,
}

/// How long a kept address may be: a page can give itself an address of millions of characters
/// (`history.replaceState`), which would fill the browser's storage for every tab.
pub const MAX_URL_CHARS: usize = 2_000;

/// The address without `?query` and `#fragment`, cut at [`MAX_URL_CHARS`]: tracking parameters and session tokens
/// have no place in evidence the user may share.
pub fn url_without_query(url: &str) -> String {
    let end = url.find(['?', '#']).unwrap_or(url.len());
    url[..end].chars().take(MAX_URL_CHARS).collect()
}

/// Result of reading what storage holds under the records key (`Value::Null` when nothing).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum RecordsLoad {
    Missing,
    /// Readable; records of an older format come back in today's shape, nothing dropped.
    Current {
        records: Vec<ObjectionRecord>,
    },
    /// Unreadable; `raw` is exactly what storage held, so it can be shown or exported.
    Corrupt {
        reason: String,
        raw: Value,
    },
}

/// A format-1 record: the stage was "confirmed" or "code-sent" and every record had Meta's text.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct RecordV1 {
    id: String,
    site: Site,
    form_id: String,
    submitted_at: String,
    email: String,
    statement: String,
    confirmation_text: String,
    url: String,
    stage: StageV1,
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
enum StageV1 {
    Confirmed,
    CodeSent,
}

impl From<RecordV1> for ObjectionRecord {
    fn from(old: RecordV1) -> Self {
        let confirmed = matches!(old.stage, StageV1::Confirmed);
        ObjectionRecord {
            id: old.id,
            site: old.site,
            form_id: old.form_id,
            confirmed_at: confirmed.then(|| old.submitted_at.clone()),
            confirmed_by: confirmed.then_some(ConfirmedBy::Page),
            submitted_at: old.submitted_at,
            email: old.email,
            country: String::new(),
            statement: old.statement,
            url: old.url,
            stage: if confirmed {
                RecordStage::Confirmed
            } else {
                RecordStage::Sent
            },
            code_step: !confirmed,
            // Format 1 kept the code step's text in the same field as a confirmation.
            confirmation_text: old.confirmation_text,
            error_text: String::new(),
        }
    }
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
    if version == 0 {
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
    let read = match version {
        1 => Vec::<RecordV1>::deserialize(records)
            .map(|old| old.into_iter().map(ObjectionRecord::from).collect()),
        2 => Vec::<ObjectionRecord>::deserialize(&with_empty_country(records)),
        _ => Vec::<ObjectionRecord>::deserialize(records),
    };
    match read {
        Ok(records) => RecordsLoad::Current { records },
        Err(error) => corrupt(format!("the stored objections cannot be read: {error}")),
    }
}

/// Format-2 records as format 3 reads them: they did not keep the country, so it is empty. Anything that is not a
/// list of objects is left as it is, for the reading to refuse.
fn with_empty_country(records: &Value) -> Value {
    let mut records = records.clone();
    if let Value::Array(list) = &mut records {
        for record in list {
            if let Value::Object(fields) = record {
                fields
                    .entry("country")
                    .or_insert_with(|| Value::String(String::new()));
            }
        }
    }
    records
}

/// The value to put in storage under the records key.
pub fn store_records(records: &[ObjectionRecord]) -> Value {
    serde_json::json!({ "version": RECORDS_SCHEMA_VERSION, "records": records })
}

/// The records storage holds, for a change: `Err` (the reason) when it is unreadable, because changing evidence we
/// cannot read would mean overwriting all of it.
fn readable(stored: &Value) -> Result<Vec<ObjectionRecord>, String> {
    match load_records(stored) {
        RecordsLoad::Missing => Ok(Vec::new()),
        RecordsLoad::Current { records } => Ok(records),
        RecordsLoad::Corrupt { reason, .. } => Err(reason),
    }
}

/// The stored records with `record` put in: it replaces the record with the same id (a later stage of the same
/// objection) or is appended. A confirmed record stays confirmed: what the page shows later (a reload of the form,
/// an error on another attempt) has its own record.
pub fn put_record(stored: &Value, record: ObjectionRecord) -> Result<Value, String> {
    let mut records = readable(stored)?;
    match records.iter_mut().find(|r| r.id == record.id) {
        Some(existing) if existing.stage == RecordStage::Confirmed => {}
        Some(existing) => *existing = record,
        None => records.push(record),
    }
    Ok(store_records(&records))
}

/// The stored records with record `id` marked confirmed by the user on `date` (YYYY-MM-DD, as a date input gives
/// it). `Err` when storage is unreadable, the record is unknown or the date is not a calendar date.
pub fn confirm_record_by_user(stored: &Value, id: &str, date: &str) -> Result<Value, String> {
    if !is_calendar_date(date) {
        return Err(format!("\"{date}\" is not a date (YYYY-MM-DD)"));
    }
    let mut records = readable(stored)?;
    let record = records
        .iter_mut()
        .find(|r| r.id == id)
        .ok_or_else(|| format!("no objection with id \"{id}\""))?;
    record.stage = RecordStage::Confirmed;
    record.confirmed_by = Some(ConfirmedBy::User);
    record.confirmed_at = Some(date.to_string());
    Ok(store_records(&records))
}

/// The stored records with record `id` marked confirmed by Meta's page, shown after the page its Send was pressed
/// on (the mobile form posts to a page of its own): `text` is what that page said, at `at` (ISO time). Only a text
/// that reads as Meta's confirmation confirms; a record already confirmed stays as it is. Errs with why not.
pub fn confirm_record_after_send(
    stored: &Value,
    id: &str,
    text: &str,
    at: &str,
) -> Result<Value, String> {
    let confirmed =
        objection_sent_in(text).is_some_and(|sent| sent.answer == MetaAnswer::Confirmed);
    if !confirmed || text.chars().count() > MAX_CONFIRMATION_TEXT_CHARS {
        return Err("this text is not Meta's confirmation".into());
    }
    let mut records = readable(stored)?;
    let record = records
        .iter_mut()
        .find(|r| r.id == id)
        .ok_or_else(|| format!("no objection with id \"{id}\""))?;
    if record.stage != RecordStage::Confirmed {
        record.stage = RecordStage::Confirmed;
        record.confirmed_by = Some(ConfirmedBy::Page);
        record.confirmed_at = Some(at.to_string());
        record.confirmation_text = text.to_string();
        record.error_text.clear();
    }
    Ok(store_records(&records))
}

/// Longest confirmation text kept: a page's block of text, not the page.
pub const MAX_CONFIRMATION_TEXT_CHARS: usize = 2000;

/// YYYY-MM-DD with a month and day that exist (leap years included).
pub(crate) fn is_calendar_date(date: &str) -> bool {
    let parts: Vec<&str> = date.split('-').collect();
    let [year, month, day] = parts.as_slice() else {
        return false;
    };
    let number = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let (Some(year), Some(month), Some(day)) = (number(year, 4), number(month, 2), number(day, 2))
    else {
        return false;
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// No records, once storage is known to be readable (`Err` otherwise: unreadable evidence is never cleared here).
pub fn clear_records(stored: &Value) -> Result<Value, String> {
    readable(stored).map(|_| store_records(&[]))
}

/// The stored records without the one whose id is `id` (unchanged when there is none). `Err` when what storage holds
/// is unreadable.
pub fn remove_record(stored: &Value, id: &str) -> Result<Value, String> {
    let mut records = readable(stored)?;
    records.retain(|record| record.id != id);
    Ok(store_records(&records))
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
    /// Meta's confirmation, and no objection recorded for this site: Bezwaar keeps no evidence of it, so the user
    /// keeps Meta's e-mail.
    SentUnrecorded { site: Site },
    /// A form for other people's information, not the user's own objection: here is the right one.
    WrongForm { site: Site, form_url: &'static str },
    /// A Meta page and no objection recorded for this site: open its objection form.
    Object { site: Site, form_url: &'static str },
    /// An objection for this site is recorded (the newest one's date): remind what it does not cover.
    AlreadyObjected { site: Site, submitted_at: String },
}

/// Whether an objection for `site` is recorded, sent or confirmed (a form Meta refused is no objection).
fn has_objection(site: Site, records: &[ObjectionRecord]) -> bool {
    records
        .iter()
        .any(|record| record.site == site && record.stage != RecordStage::NotSent)
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
        PageKind::ObjectionSent if has_objection(site, records) => NextStep::Sent { site },
        PageKind::ObjectionSent => NextStep::SentUnrecorded { site },
        PageKind::ThirdPartyForm => NextStep::WrongForm {
            site,
            form_url: objection_form_url(site),
        },
        PageKind::AiNotice | PageKind::Other => {
            // Records are appended as they happen, so the last one for the site is the newest. A form Meta refused
            // is no objection.
            match records
                .iter()
                .rev()
                .find(|record| record.site == site && record.stage != RecordStage::NotSent)
            {
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
        let confirmed = stage == RecordStage::Confirmed;
        ObjectionRecord {
            id: id.into(),
            site,
            form_id: "712876720715583".into(),
            submitted_at: "2025-05-20T09:30:00+02:00".into(),
            email: "jan@example.nl".into(),
            country: "Netherlands".into(),
            statement: "Ik maak bezwaar — \"AVG\" artikel 21.\nTweede regel.".into(),
            confirmation_text: if confirmed {
                "Ciò significa che la tua richiesta verrà applicata d'ora in avanti".into()
            } else {
                String::new()
            },
            url: url_without_query(
                "https://www.facebook.com/help/contact/712876720715583?ref=notif#top",
            ),
            stage,
            confirmed_at: confirmed.then(|| "2025-05-20T09:31:00+02:00".into()),
            confirmed_by: confirmed.then_some(ConfirmedBy::Page),
            code_step: false,
            error_text: String::new(),
        }
    }

    fn records() -> Vec<ObjectionRecord> {
        vec![
            record("a1", Site::Facebook, RecordStage::Confirmed),
            record("b2", Site::Instagram, RecordStage::Sent),
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
        let endless = format!("https://www.facebook.com/{}?q", "é".repeat(3_000_000));
        let kept = url_without_query(&endless);
        assert_eq!(kept.chars().count(), MAX_URL_CHARS);
        assert!(kept.starts_with("https://www.facebook.com/éé"));
    }

    #[test]
    fn stored_shape_is_camel_case_with_kebab_case_stages() {
        let stored = store_records(&records());
        assert_eq!(stored["version"], json!(3));
        let first = &stored["records"][0];
        assert_eq!(first["site"], json!("facebook"));
        assert_eq!(first["formId"], json!("712876720715583"));
        assert_eq!(first["submittedAt"], json!("2025-05-20T09:30:00+02:00"));
        assert_eq!(
            first["confirmationText"],
            json!("Ciò significa che la tua richiesta verrà applicata d'ora in avanti")
        );
        assert_eq!(first["stage"], json!("confirmed"));
        assert_eq!(first["confirmedBy"], json!("page"));
        assert_eq!(stored["records"][1]["stage"], json!("sent"));
        assert_eq!(stored["records"][1]["site"], json!("instagram"));
        let second = &stored["records"][1];
        assert_eq!(
            [
                &second["confirmedAt"],
                &second["confirmedBy"],
                &second["codeStep"],
                &second["errorText"]
            ],
            [&Value::Null, &Value::Null, &json!(false), &json!("")],
            "unset fields are stored as null or empty"
        );
        for stage in [
            RecordStage::Sent,
            RecordStage::Confirmed,
            RecordStage::NotSent,
        ] {
            assert_eq!(json!(stage), json!(stage.as_str()));
        }
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
        wrong_stage["records"][0]["stage"] = json!("code-sent");
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
            (json!({ "version": 2 }), "no \"records\" list"),
            (json!({ "version": 2, "records": {} }), "cannot be read"),
            (
                json!({ "version": 1, "records": [{ "id": "x" }] }),
                "cannot be read",
            ),
            (
                json!({ "version": 2, "records": [], "more": [] }),
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
        assert_eq!(file["version"], json!(3));
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
    fn format_one_records_migrate_without_losing_anything() {
        let stored = json!({ "version": 1, "records": [
            { "id": "a1", "site": "facebook", "formId": "712876720715583", "submittedAt": "2025-05-20T09:30:00Z",
              "email": "jan@example.nl", "statement": "Ik maak bezwaar.", "confirmationText": "Meta's text",
              "url": "https://www.facebook.com/help/contact/712876720715583", "stage": "confirmed" },
            { "id": "b2", "site": "instagram", "formId": "767264225370182", "submittedAt": "2025-05-21T10:00:00Z",
              "email": "jan@example.nl", "statement": "", "confirmationText": "Enter the code we sent",
              "url": "https://help.instagram.com/contact/767264225370182", "stage": "code-sent" }
        ]});
        let RecordsLoad::Current { records } = load_records(&stored) else {
            panic!("format 1 is readable");
        };
        assert_eq!(records[0].stage, RecordStage::Confirmed);
        assert_eq!(records[0].confirmed_by, Some(ConfirmedBy::Page));
        assert_eq!(
            records[0].confirmed_at.as_deref(),
            Some("2025-05-20T09:30:00Z")
        );
        assert_eq!(records[0].confirmation_text, "Meta's text");
        assert_eq!(records[1].stage, RecordStage::Sent);
        assert!(records[1].code_step);
        assert_eq!(records[1].confirmation_text, "Enter the code we sent");
        assert_eq!(records[1].confirmed_by, None);
        assert_eq!(records[0].country, "", "format 1 kept no country");
        let again = store_records(&records);
        assert_eq!(again["version"], json!(3));
        assert_eq!(load_records(&again), RecordsLoad::Current { records });
    }

    #[test]
    fn format_two_records_read_with_no_country_and_nothing_else_changed() {
        let mut format_two = serde_json::to_value(records()).expect("records serialise");
        for record in format_two.as_array_mut().expect("a list") {
            record.as_object_mut().expect("an object").remove("country");
        }
        let RecordsLoad::Current { records: read } =
            load_records(&json!({ "version": 2, "records": format_two }))
        else {
            panic!("format 2 is readable");
        };
        let expected: Vec<ObjectionRecord> = records()
            .into_iter()
            .map(|record| ObjectionRecord {
                country: String::new(),
                ..record
            })
            .collect();
        assert_eq!(read, expected);
        // Format 3 needs the country, as every field: a record without one was not written by this format.
        let mut missing = serde_json::to_value(records()).expect("records serialise");
        missing[0]
            .as_object_mut()
            .expect("an object")
            .remove("country");
        assert!(matches!(
            load_records(&json!({ "version": 3, "records": missing })),
            RecordsLoad::Corrupt { .. }
        ));
    }

    #[test]
    fn a_later_stage_replaces_the_sent_record_and_a_confirmed_one_stays() {
        let sent = record("c3", Site::Facebook, RecordStage::Sent);
        let stored = put_record(&Value::Null, sent.clone()).expect("empty storage");
        let stored = put_record(&stored, record("d4", Site::Instagram, RecordStage::Sent))
            .expect("readable");
        let mut refused = sent.clone();
        refused.stage = RecordStage::NotSent;
        refused.error_text = "Please enter a valid e-mail address".into();
        let stored = put_record(&stored, refused.clone()).expect("readable");
        let RecordsLoad::Current { records } = load_records(&stored) else {
            panic!("readable");
        };
        assert_eq!(records.len(), 2, "replaced in place, not appended");
        assert_eq!(records[0], refused);
        let confirmed = record("c3", Site::Facebook, RecordStage::Confirmed);
        let stored = put_record(&stored, confirmed.clone()).expect("readable");
        let stored = put_record(&stored, sent).expect("readable");
        let RecordsLoad::Current { records } = load_records(&stored) else {
            panic!("readable");
        };
        assert_eq!(
            records[0], confirmed,
            "a confirmed record is never moved back"
        );
        assert!(
            put_record(&json!({ "version": 99, "records": [] }), refused)
                .is_err_and(|reason| reason.contains("newer version"))
        );
    }

    #[test]
    fn the_user_confirms_a_sent_record_with_a_date() {
        let stored = store_records(&records());
        let changed = confirm_record_by_user(&stored, "b2", "2025-06-03").expect("valid");
        let RecordsLoad::Current { records: after } = load_records(&changed) else {
            panic!("readable");
        };
        assert_eq!(after[1].stage, RecordStage::Confirmed);
        assert_eq!(after[1].confirmed_by, Some(ConfirmedBy::User));
        assert_eq!(after[1].confirmed_at.as_deref(), Some("2025-06-03"));
        assert_eq!(after[0], records()[0], "the others are untouched");
        for date in [
            "2025-02-29",
            "2025-13-01",
            "2025-6-3",
            "03-06-2025",
            "",
            "2025-06-03T10:00",
        ] {
            assert!(
                confirm_record_by_user(&stored, "b2", date).is_err(),
                "{date}"
            );
        }
        assert!(
            confirm_record_by_user(&stored, "2024-02-29", "2024-02-29").is_err(),
            "unknown id"
        );
        assert!(
            confirm_record_by_user(&stored, "b2", "2024-02-29").is_ok(),
            "a leap day"
        );
        assert!(confirm_record_by_user(&json!("x"), "b2", "2025-06-03").is_err());
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
        assert_eq!(clear_records(&stored), Ok(store_records(&[])));
        assert_eq!(clear_records(&Value::Null), Ok(store_records(&[])));
        assert!(clear_records(&json!({ "version": 99, "records": [] })).is_err());
    }

    fn report(site: Site, page_kind: PageKind) -> PageReport {
        serde_json::from_value(json!({
            "url": "https://www.facebook.com/", "site": site, "pageKind": page_kind, "engine": "wasm",
            "startupMs": 1.0,
            "startupPhases": { "scriptMs": 0.5, "coreMs": 1.0, "textsMs": 0.5 }, "memoryPages": 17, "posts": { "public": 0, "limited": 0, "unknown": 0 }, "account": null
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
            NextStep::SentUnrecorded {
                site: Site::Instagram
            },
            "Meta's confirmation with no record: Bezwaar does not claim to keep evidence"
        );
        let instagram_sent = vec![record("r9", Site::Instagram, RecordStage::Sent)];
        assert_eq!(
            next_step(
                Some(&report(Site::Instagram, PageKind::ObjectionSent)),
                &instagram_sent,
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

    #[test]
    fn a_record_is_confirmed_after_send_only_by_metas_confirmation() {
        let sent = record("r1", Site::Facebook, RecordStage::Sent);
        let stored = store_records(std::slice::from_ref(&sent));
        let text =
            "We will process your objection in accordance with applicable data protection laws.";
        let at = "2026-12-03T19:00:00.000Z";
        let confirmed = confirm_record_after_send(&stored, &sent.id, text, at).expect("confirmed");
        let kept = &readable(&confirmed).expect("readable")[0];
        assert_eq!(kept.stage, RecordStage::Confirmed);
        assert_eq!(kept.confirmed_by, Some(ConfirmedBy::Page));
        assert_eq!(kept.confirmation_text, text);
        assert_eq!(kept.confirmed_at.as_deref(), Some(at));
        assert!(
            confirm_record_after_send(&stored, &sent.id, "Thanks for your feedback", at).is_err()
        );
        assert!(confirm_record_after_send(&stored, "no-such-id", text, at).is_err());
        // Confirmed already: kept as it was.
        let again =
            confirm_record_after_send(&confirmed, &sent.id, text, "2027-01-01T00:00:00.000Z")
                .expect("readable");
        assert_eq!(
            readable(&again).expect("readable")[0]
                .confirmed_at
                .as_deref(),
            Some(at)
        );
    }
}
