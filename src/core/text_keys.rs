//! The message keys that name the core's states on the options page: a record's stage, a site, what a taught label
//! means and what the built-in rules make of it. The page looks its text up by these keys and keeps no copy of the
//! core's enums; a new state is added here, where the match makes the compiler ask for its key.
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
