//! The message keys that name the core's states on the options page (a record's stage, a site, what a taught label
//! means and what the built-in rules make of it) and, for the in-page panel, a form field and why it was kept. The page looks its text up by these keys and keeps no copy of the
//! core's enums; a new state is added here, where the match makes the compiler ask for its key.
use crate::core::form_plan::{FieldPurpose, KeepReason};
use crate::core::hosts::Site;
use crate::core::record::RecordStage;
use crate::core::taught::TaughtMeaning;
use crate::core::visibility::Visibility;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TextKeys {
    /// Record stage (as stored) to the key naming it.
    pub stages: BTreeMap<&'static str, &'static str>,
    /// Site id to its name (a brand, the same in every language).
    pub sites: BTreeMap<&'static str, &'static str>,
    /// What the user taught a label to mean, to the key naming it.
    pub taught_meanings: BTreeMap<&'static str, &'static str>,
    /// What the built-in rules make of a taught label, to the key saying so.
    pub built_in: BTreeMap<&'static str, &'static str>,
}

fn stage_key(stage: RecordStage) -> &'static str {
    match stage {
        RecordStage::Sent => "optionsStageSent",
        RecordStage::Confirmed => "optionsStageConfirmed",
        RecordStage::NotSent => "optionsStageNotSent",
    }
}

/// The site's id as storage and messages carry it (its serde name).
fn site_id(site: Site) -> &'static str {
    match site {
        Site::Facebook => "facebook",
        Site::Instagram => "instagram",
    }
}

fn meaning(meaning: TaughtMeaning) -> (&'static str, &'static str) {
    match meaning {
        TaughtMeaning::Public => ("public", "optionsTaughtPublic"),
        TaughtMeaning::Limited => ("limited", "optionsTaughtLimited"),
    }
}

fn built_in(visibility: Visibility) -> (&'static str, &'static str) {
    match visibility {
        Visibility::Public => ("public", "optionsTaughtBuiltInPublic"),
        Visibility::Limited => ("limited", "optionsTaughtBuiltInLimited"),
        Visibility::Unknown => ("unknown", "optionsTaughtBuiltInUnknown"),
    }
}

/// The message key of the notice banner's button that opens a site's objection form. One key per site: the site's
/// name is inflected in several languages ("a Facebookon" / "az Instagramon"), so the texts differ by more than it.
pub fn banner_object_key(site: Site) -> &'static str {
    match site {
        Site::Facebook => "bannerObjectFacebook",
        Site::Instagram => "bannerObjectInstagram",
    }
}

/// The message key naming a field of Meta's form in the panel; `filled` names the AI question by the answer given.
pub fn field_key(purpose: FieldPurpose, filled: bool) -> &'static str {
    match purpose {
        FieldPurpose::Email => "fieldEmail",
        FieldPurpose::Country => "fieldCountry",
        FieldPurpose::Statement => "fieldStatement",
        FieldPurpose::AiQuestionYes
        | FieldPurpose::AiQuestionNo
        | FieldPurpose::AiQuestionPicker
            if filled =>
        {
            "fieldAiQuestionYes"
        }
        FieldPurpose::AiQuestionYes
        | FieldPurpose::AiQuestionNo
        | FieldPurpose::AiQuestionPicker => "fieldAiQuestion",
        FieldPurpose::Unknown => "fieldOther",
    }
}

/// The message key of the panel's note on a field left as it was (`None`: it could not be filled); the key takes
/// the field's name.
pub fn note_key(kept: Option<KeepReason>) -> &'static str {
    match kept {
        None => "noteCouldNotFill",
        Some(reason) => match reason {
            KeepReason::UserTyped => "noteUserTyped",
            KeepReason::MetaFilledDifferently => "noteMetaFilled",
            KeepReason::NoMatchingOption => "noteNoOption",
            KeepReason::NoOptionsShown => "noteCouldNotFill",
            KeepReason::NoProfileValue => "noteNoProfileValue",
            KeepReason::TooLong => "noteTooLong",
            KeepReason::ReadOnly => "noteReadOnly",
            KeepReason::NotAboutAi => "noteNotAboutAi",
            KeepReason::UnnamedTextBox => "noteUnnamedTextBox",
            KeepReason::UnnamedEmailBox => "noteUnnamedEmailBox",
            KeepReason::AlreadyEqual | KeepReason::DuplicatePurpose => "noteUnchanged",
        },
    }
}

/// Said by the panel and a badge when a press with the pointer was refused: the user could not plainly see the
/// button (the page may have hidden it under something of its own).
pub const PRESS_UNSEEN_KEY: &str = "pressUnseen";

pub fn text_keys() -> TextKeys {
    TextKeys {
        stages: [
            RecordStage::Sent,
            RecordStage::Confirmed,
            RecordStage::NotSent,
        ]
        .into_iter()
        .map(|stage| (stage.as_str(), stage_key(stage)))
        .collect(),
        sites: Site::ALL
            .into_iter()
            .map(|site| (site_id(site), site.name()))
            .collect(),
        taught_meanings: [TaughtMeaning::Public, TaughtMeaning::Limited]
            .into_iter()
            .map(meaning)
            .collect(),
        built_in: [Visibility::Public, Visibility::Limited, Visibility::Unknown]
            .into_iter()
            .map(built_in)
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::profile::{validate_profile, Profile};
    use serde_json::{json, Value};

    const EN_MESSAGES: &str = include_str!("../../extension/_locales/en/messages.json");

    #[test]
    fn the_names_match_what_the_core_stores_and_every_key_is_an_english_message() {
        let messages: Value = serde_json::from_str(EN_MESSAGES).unwrap();
        let keys = text_keys();
        // The left-hand names are what storage and messages carry.
        for stage in keys.stages.keys() {
            let parsed: RecordStage = serde_json::from_value(json!(stage)).expect("a stage name");
            assert_eq!(parsed.as_str(), *stage);
        }
        for id in keys.sites.keys() {
            let _: Site = serde_json::from_value(json!(id)).expect("a site id");
        }
        for id in keys.taught_meanings.keys() {
            let _: TaughtMeaning = serde_json::from_value(json!(id)).expect("a meaning");
        }
        let message_keys = keys
            .stages
            .values()
            .chain(keys.taught_meanings.values())
            .chain(keys.built_in.values());
        for key in message_keys {
            assert!(messages[key].is_object(), "{key} is not an English message");
        }
    }

    #[test]
    fn every_panel_key_is_an_english_message_with_as_many_placeholders_as_it_is_given() {
        use crate::core::panel::{FormPanel, RecordPanel, META_SAID_KEY, RECORD_NOT_SAVED_KEY};
        let messages: Value = serde_json::from_str(EN_MESSAGES).unwrap();
        let placeholders = |key: &str| {
            assert!(messages[key].is_object(), "{key} is not an English message");
            messages[key]["placeholders"]
                .as_object()
                .map_or(0, |p| p.len())
        };
        let stages = [
            RecordPanel::Confirmed,
            RecordPanel::CodeSent,
            RecordPanel::Sent,
            RecordPanel::NotSent { meta_said: true },
            RecordPanel::NotSent { meta_said: false },
        ];
        for stage in stages {
            assert_eq!(placeholders(stage.key_line()), 0, "{stage:?}");
            assert_eq!(placeholders(stage.next_key()), 0, "{stage:?}");
        }
        assert_eq!(placeholders(META_SAID_KEY), 1);
        for site in Site::ALL {
            assert_eq!(placeholders(banner_object_key(site)), 0, "{site:?}");
        }
        assert_eq!(placeholders(RECORD_NOT_SAVED_KEY), 1);
        assert_eq!(placeholders(PRESS_UNSEEN_KEY), 0);
        let forms = [
            (FormPanel::LogInFirst, None),
            (FormPanel::NoProfile, None),
            (FormPanel::ProfileUnreadable, None),
            (FormPanel::ProfileIncomplete, None),
            (FormPanel::Offer { in_page: false }, None),
            (FormPanel::Offer { in_page: true }, Some(0)),
            // The profile's e-mail and the fields filled; the fields filled.
            (FormPanel::Filled { from_profile: true }, Some(2)),
            (
                FormPanel::Filled {
                    from_profile: false,
                },
                Some(1),
            ),
            (FormPanel::FilledNothing, Some(0)),
        ];
        for (form, first_line) in forms {
            assert_eq!(placeholders(form.key_line()), 0, "{form:?}");
            assert_eq!(
                form.first_line_key().map(placeholders),
                first_line,
                "{form:?}"
            );
            assert_eq!(form.offers_fill(), matches!(form, FormPanel::Offer { .. }));
        }
        let purposes = [
            FieldPurpose::Email,
            FieldPurpose::Country,
            FieldPurpose::Statement,
            FieldPurpose::AiQuestionYes,
            FieldPurpose::AiQuestionNo,
            FieldPurpose::AiQuestionPicker,
            FieldPurpose::Unknown,
        ];
        for purpose in purposes {
            for filled in [true, false] {
                assert_eq!(placeholders(field_key(purpose, filled)), 0, "{purpose:?}");
            }
        }
        let reasons = [
            None,
            Some(KeepReason::UserTyped),
            Some(KeepReason::MetaFilledDifferently),
            Some(KeepReason::AlreadyEqual),
            Some(KeepReason::NoMatchingOption),
            Some(KeepReason::NoOptionsShown),
            Some(KeepReason::NoProfileValue),
            Some(KeepReason::TooLong),
            Some(KeepReason::DuplicatePurpose),
            Some(KeepReason::ReadOnly),
            Some(KeepReason::NotAboutAi),
        ];
        for reason in reasons {
            // Each note names the field it is about.
            assert_eq!(placeholders(note_key(reason)), 1, "{reason:?}");
        }
        // A box no rule names has no name to give.
        assert_eq!(placeholders(note_key(Some(KeepReason::UnnamedTextBox))), 0);
        assert_eq!(placeholders(note_key(Some(KeepReason::UnnamedEmailBox))), 0);
    }

    #[test]
    fn every_field_error_names_an_english_message() {
        let messages: Value = serde_json::from_str(EN_MESSAGES).unwrap();
        let broken = [
            Profile {
                email: String::new(),
                country: String::new(),
                language: String::new(),
                statement: String::new(),
            },
            Profile {
                email: "not an address".into(),
                country: "XX".into(),
                language: "xx".into(),
                statement: "{nobody}".into(),
            },
            Profile {
                email: "anna@example.eu".into(),
                country: "BE".into(),
                language: "en".into(),
                statement: "x".repeat(100_000),
            },
        ];
        let mut seen = std::collections::BTreeSet::new();
        for profile in &broken {
            for error in validate_profile(profile) {
                assert_ne!(
                    error.key, "optionsErrorGeneric",
                    "{} has no key of its own",
                    error.code
                );
                assert!(
                    messages[error.key].is_object(),
                    "{} is not an English message",
                    error.key
                );
                seen.insert(error.code);
            }
        }
        assert_eq!(seen.len(), 9, "every field error was produced: {seen:?}");
    }
}
