//! The typed messages between Bezwaar's parts. The background accepts exactly these shapes (unknown types, unknown
//! fields or wrong types are rejected by serde and ignored), so a page that compromises a content script still
//! cannot make the background do anything else.
//!
//! | from → to                     | type                 | meaning                                              |
//! |-------------------------------|----------------------|------------------------------------------------------|
//! | content script → background   | `page-report`        | what the tab shows now; replaces that tab's report   |
//! | content script → background   | `objection-recorded` | an objection's record, new or at a later stage: keep |
//! | content script → background   | `teach-label`        | the user answered what a label means: keep the rule  |
//! | content script → background   | `stop-teach-offers`  | the user pressed "Don't ask again" in a badge        |
//! | content script → background   | `get-ui-messages`    | the texts of the language chosen for Bezwaar, or null |
//! | content script → background   | `held-by-tab`        | whether a page in another tab may hold this one      |
//! | content script → background   | `open-objection-form`| the user pressed one of Bezwaar's links to a form    |
//! | popup/options → background    | `get-tab-state`      | the last report of a tab, or null                    |
//! | options → background          | `record-confirm`     | the user marks a record confirmed, on a date         |
//! | options → background          | `record-remove`      | the user deletes one record                          |
//! | options → background          | `records-clear`      | the user deletes every record                        |
//! | options → background          | `taught-forget`      | the user removes one taught label                    |
//!
//! Every change to the stored records and taught labels goes through the background, one after the other, so two tabs (or a tab and
//! the options page) writing at once lose nothing. It answers `{saved: true}` or `{saved: false, error}`.
//! | background → content script   | `report-again`       | the background lost or cleared its state: resend     |
use crate::core::hosts::Site;
use crate::core::own_profile::OwnProfile;
use crate::core::page_kind::PageKind;
use crate::core::record::ObjectionRecord;
use crate::core::taught::TaughtMeaning;
use crate::core::visibility::Visibility;
use serde::{Deserialize, Serialize};

/// Which encoding of the core runs in a tab (pages whose CSP forbids wasm get the wasm2js build).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Engine {
    Wasm,
    Wasm2js,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostCounts {
    pub public: u32,
    pub limited: u32,
    pub unknown: u32,
}

/// Milliseconds from injection (`content/started.js`) to each point of the content script's start.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StartupPhases {
    /// The browser has parsed and run the core's script (for the wasm encoding, also decoded the module's bytes):
    /// the loader's first line. No Bezwaar code has decided anything yet.
    pub script_ms: f64,
    /// The core can run: the wasm module compiled and instantiated (the same as `script_ms` for wasm2js).
    pub core_ms: f64,
    /// The background has answered with the texts of the language the user chose.
    pub texts_ms: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PageReport {
    /// The page's URL without query or fragment (nothing the user typed into a search box).
    pub url: String,
    pub site: Site,
    pub page_kind: PageKind,
    pub engine: Engine,
    /// Content-script start-up: injection to core ready, in milliseconds.
    pub startup_ms: f64,
    /// Where that start-up went, so that what bounds it is measured rather than argued.
    pub startup_phases: StartupPhases,
    /// The core's linear memory in the page, in 64 KiB pages: what reading the page has cost it so far.
    pub memory_pages: u32,
    pub posts: PostCounts,
    /// The Instagram account shown on a profile page, when there is one.
    pub account: Option<Visibility>,
    /// Present when the page is the user's own Facebook profile or Instagram account.
    pub own_profile: Option<OwnProfile>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case", deny_unknown_fields)]
pub enum ContentMessage {
    PageReport {
        report: PageReport,
    },
    ObjectionRecorded {
        record: ObjectionRecord,
    },
    /// Meta's confirmation, shown on the page a Send led to (not the form's page): the background confirms the
    /// objection this tab sent last, if the text is Meta's confirmation and the Send was recent.
    ConfirmedAfterSend {
        site: Site,
        text: String,
    },
    /// Sent only from a trusted click in a badge; the background checks the label is teachable.
    TeachLabel {
        text: String,
        lang: String,
        meaning: TaughtMeaning,
    },
    StopTeachOffers {},
    /// The texts of the language the user chose for Bezwaar (the content script cannot read the extension's files).
    GetUiMessages {},
    /// Whether a page in another tab may hold this one: the browser's record of which tab opened which, which a page
    /// cannot cut (it can set `window.opener` to null and keep its handle on the tab).
    HeldByTab {},
    /// The user's plain press on one of Bezwaar's own links to a site's objection form: the background opens the
    /// form (the address is the rules', never the page's) in a tab no page opened.
    OpenObjectionForm {
        site: Site,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case", deny_unknown_fields)]
pub enum ExtensionPageMessage {
    GetTabState {
        #[serde(rename = "tabId")]
        tab_id: u32,
    },
    RecordConfirm {
        id: String,
        /// The day Meta's e-mail arrived, YYYY-MM-DD.
        date: String,
    },
    RecordRemove {
        id: String,
    },
    RecordsClear,
    TaughtForget {
        text: String,
        lang: String,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case", deny_unknown_fields)]
pub enum BackgroundMessage {
    ReportAgain,
}

/// Reads a content script's message; `Err` says why it was refused (for a one-time log line).
pub fn parse_content_message(value: serde_json::Value) -> Result<ContentMessage, String> {
    serde_json::from_value(value).map_err(|e| e.to_string())
}

pub fn parse_extension_page_message(
    value: serde_json::Value,
) -> Result<ExtensionPageMessage, String> {
    serde_json::from_value(value).map_err(|e| e.to_string())
}

/// The text of the toolbar badge for a report: the number of public posts, empty when none.
pub fn badge_text(report: Option<&PageReport>) -> String {
    match report {
        Some(r) if r.posts.public > 0 => r.posts.public.to_string(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn report_json() -> serde_json::Value {
        json!({"type": "page-report", "report": {
            "url": "https://www.facebook.com/", "site": "facebook", "pageKind": "other", "engine": "wasm2js",
            "startupMs": 12.5, "startupPhases": {"scriptMs": 6.0, "coreMs": 9.5, "textsMs": 12.5},
            "memoryPages": 18, "posts": {"public": 3, "limited": 1, "unknown": 0}, "account": null,
            "ownProfile": {"oldestPublic": "2019-01-15", "newestPublic": "2025-10-05"}}})
    }

    #[test]
    fn a_page_report_round_trips() {
        let parsed = parse_content_message(report_json()).expect("valid");
        let ContentMessage::PageReport { report } = &parsed else {
            panic!("wrong variant")
        };
        assert_eq!(report.posts.public, 3);
        assert_eq!(report.engine, Engine::Wasm2js);
        assert_eq!(serde_json::to_value(&parsed).unwrap(), report_json());
        assert_eq!(badge_text(Some(report)), "3");
    }

    #[test]
    fn unknown_types_fields_and_shapes_are_refused() {
        assert!(parse_content_message(json!({"type": "set-badge", "text": "999"})).is_err());
        assert!(
            parse_content_message(json!({"type": "get-tab-state", "tabId": 1})).is_err(),
            "page-only type"
        );
        let mut extra = report_json();
        extra["report"]["evil"] = json!(true);
        assert!(parse_content_message(extra).is_err());
        let mut wrong = report_json();
        wrong["report"]["posts"]["public"] = json!(-1);
        assert!(parse_content_message(wrong).is_err());
        let mut kind = report_json();
        kind["report"]["pageKind"] = json!("admin");
        assert!(parse_content_message(kind).is_err());
        assert!(parse_content_message(json!("page-report")).is_err());
        assert!(parse_content_message(json!(null)).is_err());
        assert!(
            parse_extension_page_message(json!({"type": "get-tab-state", "tabId": "1"})).is_err()
        );
        assert!(parse_extension_page_message(json!({"type": "page-report"})).is_err());
    }

    #[test]
    fn a_confirmation_after_send_names_its_site_and_text_only() {
        assert_eq!(
            parse_content_message(
                json!({"type": "confirmed-after-send", "site": "facebook", "text": "We will process your objection"})
            ),
            Ok(ContentMessage::ConfirmedAfterSend {
                site: Site::Facebook,
                text: "We will process your objection".into(),
            })
        );
        for refused in [
            json!({"type": "confirmed-after-send", "site": "whatsapp", "text": "x"}),
            json!({"type": "confirmed-after-send", "text": "x"}),
            json!({"type": "confirmed-after-send", "site": "facebook", "text": "x", "id": "1"}),
        ] {
            assert!(parse_content_message(refused.clone()).is_err(), "{refused}");
        }
    }

    #[test]
    fn a_taught_label_has_a_text_a_language_and_one_of_two_meanings() {
        assert_eq!(
            parse_content_message(
                json!({"type": "teach-label", "text": "Rhannwyd gyda: Pawb", "lang": "cy", "meaning": "public"})
            ),
            Ok(ContentMessage::TeachLabel {
                text: "Rhannwyd gyda: Pawb".into(),
                lang: "cy".into(),
                meaning: TaughtMeaning::Public
            })
        );
        for refused in [
            json!({"type": "teach-label", "text": "x", "lang": "cy", "meaning": "unknown"}),
            json!({"type": "teach-label", "text": "x", "meaning": "public"}),
            json!({"type": "teach-label", "text": 1, "lang": "cy", "meaning": "public"}),
            json!({"type": "teach-label", "text": "x", "lang": "cy", "meaning": "public", "date": "2020"}),
            json!({"type": "stop-teach-offers", "again": true}),
            json!({"type": "get-ui-messages", "locale": "../../x"}),
            json!({"type": "taught-forget", "text": "x", "lang": "cy"}),
        ] {
            assert!(parse_content_message(refused.clone()).is_err(), "{refused}");
        }
        assert_eq!(
            parse_content_message(json!({"type": "stop-teach-offers"})),
            Ok(ContentMessage::StopTeachOffers {})
        );
        assert_eq!(
            parse_content_message(json!({"type": "get-ui-messages"})),
            Ok(ContentMessage::GetUiMessages {})
        );
        assert_eq!(
            parse_content_message(json!({"type": "held-by-tab"})),
            Ok(ContentMessage::HeldByTab {})
        );
        assert_eq!(
            parse_content_message(json!({"type": "open-objection-form", "site": "instagram"})),
            Ok(ContentMessage::OpenObjectionForm {
                site: Site::Instagram
            })
        );
        assert!(parse_content_message(
            json!({"type": "open-objection-form", "site": "facebook", "url": "https://evil.test/"})
        )
        .is_err());
        assert!(
            parse_content_message(json!({"type": "open-objection-form", "site": "example"}))
                .is_err()
        );
        assert_eq!(
            parse_extension_page_message(
                json!({"type": "taught-forget", "text": "x", "lang": "cy"})
            ),
            Ok(ExtensionPageMessage::TaughtForget {
                text: "x".into(),
                lang: "cy".into()
            })
        );
    }

    #[test]
    fn extension_pages_ask_for_a_tab_by_id() {
        assert_eq!(
            parse_extension_page_message(json!({"type": "get-tab-state", "tabId": 7})),
            Ok(ExtensionPageMessage::GetTabState { tab_id: 7 })
        );
    }

    #[test]
    fn the_badge_is_empty_without_public_posts() {
        assert_eq!(badge_text(None), "");
        let ContentMessage::PageReport { mut report } =
            parse_content_message(report_json()).unwrap()
        else {
            unreachable!()
        };
        report.posts.public = 0;
        assert_eq!(badge_text(Some(&report)), "");
    }

    #[test]
    fn background_messages_have_one_shape() {
        assert_eq!(
            serde_json::to_value(BackgroundMessage::ReportAgain).unwrap(),
            json!({"type": "report-again"})
        );
    }
}
