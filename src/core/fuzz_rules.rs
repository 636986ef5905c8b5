//! Property tests of every rules loader in the core that reads `rules/*.json` and the language packs
//! (`rules/lang/*.json`): any document in, an error or rules out, never a panic, and rules that load can be matched
//! against any text. Documents are the build's own files with entries replaced, removed, added or given awkward
//! text, plus anything at all; a fuzzed pack is read beside the build's others. The loaders are those `build.rs`
//! runs (`core::tables::load`).

#[path = "../../tests/fuzz_support/mod.rs"]
mod fuzz_support;

use fuzz_support::{any_string, awkward_string, config, json_near};
use proptest::prelude::*;
use serde_json::Value;

use crate::core::lang::language_packs;
use crate::core::tables::load::audience::{audience_rules_from_packs, private_notices_from_packs};
use crate::core::tables::load::countries::countries_from_json;
use crate::core::tables::load::form_fields::form_matchers_from_json;
use crate::core::tables::load::hosts::host_rules_from_json;
use crate::core::tables::load::pages::pages_from_json;
use crate::core::tables::load::post_markup::post_markup_from_json;
use crate::core::tables::load::registry::registry_from_json;
use crate::core::tables::load::statement::statement_languages_from_packs;

const PAGES: &str = include_str!("../../rules/pages.json");
const FORM_FIELDS: &str = include_str!("../../rules/form_fields.json");
const COUNTRIES: &str = include_str!("../../rules/countries.json");
const REGISTRY: &str = include_str!("../../rules/languages.json");

/// The build's pack of `code`.
fn pack(code: &str) -> &'static str {
    language_packs()
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, json)| *json)
        .expect("the build has this pack")
}

/// The build's packs with `fuzzed` standing in for the one of `code`.
fn packs_with<'a>(code: &'a str, fuzzed: &'a str) -> Vec<(&'a str, &'a str)> {
    language_packs()
        .iter()
        .map(|&(c, json)| if c == code { (c, fuzzed) } else { (c, json) })
        .collect()
}

/// Documents near `file`: its JSON with entries changed, the file cut short anywhere, or any text.
fn documents_near(file: &'static str) -> impl Strategy<Value = String> {
    let parsed: Value = serde_json::from_str(file).expect("the build's rules file is JSON");
    prop_oneof![
        6 => json_near(Just(parsed)).prop_map(|value| value.to_string()),
        1 => any::<proptest::sample::Index>().prop_map(move |cut| {
            let mut end = cut.index(file.len());
            while !file.is_char_boundary(end) {
                end -= 1;
            }
            file[..end].to_string()
        }),
        1 => any_string(40),
    ]
}

/// Text to match loaded rules against.
fn probe() -> impl Strategy<Value = String> {
    prop_oneof![awkward_string(30), any_string(20)]
}

proptest! {
    #![proptest_config(config(500))]

    #[test]
    fn host_rules_load_or_fail(json in documents_near(include_str!("../../rules/hosts.json")), host in probe()) {
        if let Ok(rules) = host_rules_from_json(&json) {
            let _ = rules.site_of(&host);
        }
    }

    #[test]
    fn audience_rules_load_or_fail(json in documents_near(pack("en")), label in probe()) {
        if let Ok(rules) = audience_rules_from_packs(&packs_with("en", &json)) {
            let _ = rules.audience_of(&label);
        }
    }

    #[test]
    fn instagram_rules_load_or_fail(json in documents_near(pack("de"))) {
        let _ = private_notices_from_packs(&packs_with("de", &json));
    }

    #[test]
    fn country_rules_load_or_fail(json in documents_near(COUNTRIES), pack_json in documents_near(pack("fr"))) {
        let _ = countries_from_json(&json, language_packs());
        let _ = countries_from_json(COUNTRIES, &packs_with("fr", &pack_json));
    }

    #[test]
    fn page_rules_load_or_fail(json in documents_near(PAGES), pack_json in documents_near(pack("pl"))) {
        let _ = pages_from_json(&json, language_packs());
        let _ = pages_from_json(PAGES, &packs_with("pl", &pack_json));
    }

    #[test]
    fn form_field_rules_load_or_fail(json in documents_near(FORM_FIELDS), pack_json in documents_near(pack("de"))) {
        let _ = form_matchers_from_json(&json, language_packs());
        let _ = form_matchers_from_json(FORM_FIELDS, &packs_with("de", &pack_json));
    }

    #[test]
    fn statement_rules_load_or_fail(json in documents_near(REGISTRY), pack_json in documents_near(pack("nl"))) {
        let _ = registry_from_json(&json);
        let _ = statement_languages_from_packs(&json, language_packs());
        let _ = statement_languages_from_packs(REGISTRY, &packs_with("nl", &pack_json));
    }

    #[test]
    fn post_markup_rules_load_or_fail(json in documents_near(include_str!("../../rules/post_markup.json")), text in probe()) {
        if let Ok(markup) = post_markup_from_json(&json, language_packs()) {
            let _ = (markup.facebook.post_selector(), markup.facebook.label_sources());
            let _ = (markup.facebook.is_sponsored_label(&text), markup.facebook.is_comment_label(&text));
            let _ = markup.instagram.profile_username(&text);
        }
    }
}

/// The loaders accept the build's own files (each module's validating test checks their content).
#[test]
fn the_builds_rules_load() {
    assert!(host_rules_from_json(include_str!("../../rules/hosts.json")).is_ok());
    assert!(audience_rules_from_packs(language_packs()).is_ok());
    assert!(private_notices_from_packs(language_packs()).is_ok());
    assert!(countries_from_json(COUNTRIES, language_packs()).is_ok());
    assert!(pages_from_json(PAGES, language_packs()).is_ok());
    assert!(form_matchers_from_json(FORM_FIELDS, language_packs()).is_ok());
    assert!(registry_from_json(REGISTRY).is_ok());
    assert!(statement_languages_from_packs(REGISTRY, language_packs()).is_ok());
    assert!(post_markup_from_json(
        include_str!("../../rules/post_markup.json"),
        language_packs()
    )
    .is_ok());
}
