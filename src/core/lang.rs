//! The language packs (`rules/lang/<code>.json`) and their registry (`rules/languages.json`), as the native tests
//! read them, and the tests that check them.
//!
//! Everything Bezwaar knows about one language is in its pack; each table of `core::tables` is made from the
//! sections it needs of every pack (see `rules/lang/README.md` for the sections). `build.rs` reads every pack it
//! finds, so adding a language is adding one file and one registry line.

use std::sync::OnceLock;

use crate::core::tables::load::registry::{registry_from_json, Registry};

include!(concat!(env!("OUT_DIR"), "/language_packs.rs"));

/// Every language pack, as `(code, JSON)`, sorted by code.
pub fn language_packs() -> &'static [(&'static str, &'static str)] {
    LANGUAGE_PACKS
}

/// `rules/languages.json`, as the build read it.
pub(crate) fn registry() -> &'static Registry {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    REGISTRY.get_or_init(|| {
        registry_from_json(include_str!("../../rules/languages.json"))
            .expect("the build read rules/languages.json")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::tables::load::pack_sections;
    use serde::Deserialize;
    use serde_json::Value;
    use std::collections::BTreeSet;

    /// Every section a pack may have; anything else is a typo that would silently be ignored.
    const SECTIONS: [&str; 13] = [
        "code",
        "audience",
        "ai_notice",
        "generic_question",
        "objection_sent",
        "notification_names",
        "form_labels",
        "statement",
        "country_names",
        "instagram_private",
        "send_names",
        "post_labels",
        "own_profile",
    ];

    fn pack(code: &str) -> Value {
        let (_, json) = language_packs()
            .iter()
            .find(|(c, _)| *c == code)
            .expect("pack exists");
        serde_json::from_str(json).expect("pack is JSON")
    }

    /// "en", "pt-BR", "zh-Hans": a language subtag, then at most a region or a script.
    pub(crate) fn is_well_formed_language_code(code: &str) -> bool {
        let mut parts = code.split('-');
        let language = parts.next().unwrap_or("");
        let language_ok =
            (2..=3).contains(&language.len()) && language.bytes().all(|b| b.is_ascii_lowercase());
        let rest: Vec<&str> = parts.collect();
        let subtag_ok = match rest.as_slice() {
            [] => true,
            [region] if region.len() == 2 => region.bytes().all(|b| b.is_ascii_uppercase()),
            [script] if script.len() == 4 => {
                script.as_bytes()[0].is_ascii_uppercase()
                    && script.bytes().skip(1).all(|b| b.is_ascii_lowercase())
            }
            _ => false,
        };
        language_ok && subtag_ok
    }

    #[test]
    fn registry_and_packs_name_the_same_languages() {
        let registry = registry();
        assert!(!registry.notes.trim().is_empty());
        let registered: BTreeSet<&str> =
            registry.languages.iter().map(|l| l.code.as_str()).collect();
        assert_eq!(
            registered.len(),
            registry.languages.len(),
            "a language is registered twice"
        );
        let packed: BTreeSet<&str> = language_packs().iter().map(|(code, _)| *code).collect();
        for code in &packed {
            assert!(
                registered.contains(code),
                "rules/lang/{code}.json has no entry in rules/languages.json"
            );
        }
        for code in &registered {
            assert!(
                packed.contains(code),
                "rules/languages.json lists {code}, but rules/lang/{code}.json does not exist"
            );
        }
    }

    #[test]
    fn registry_entries_are_well_formed() {
        let registry = registry();
        let mut endonyms = BTreeSet::new();
        for language in &registry.languages {
            assert!(
                is_well_formed_language_code(&language.code),
                "{:?}",
                language.code
            );
            assert!(!language.endonym.trim().is_empty(), "{}", language.code);
            assert!(endonyms.insert(&language.endonym), "{}", language.endonym);
            for role in &language.required {
                assert!(
                    registry.requirements.contains_key(role),
                    "{}: unknown role {role:?}",
                    language.code
                );
            }
        }
        for sections in registry.requirements.values() {
            for section in sections {
                assert!(SECTIONS.contains(&section.as_str()), "{section:?}");
            }
        }
    }

    fn is_empty_section(value: &Value) -> bool {
        match value {
            Value::Null => true,
            Value::Array(items) => items.is_empty(),
            Value::Object(fields) => fields.is_empty(),
            Value::String(text) => text.trim().is_empty(),
            _ => false,
        }
    }

    #[test]
    fn every_required_section_is_present() {
        let registry = registry();
        for language in &registry.languages {
            let pack = pack(&language.code);
            for role in &language.required {
                for section in &registry.requirements[role] {
                    let value = pack.get(section).unwrap_or(&Value::Null);
                    assert!(
                        !is_empty_section(value),
                        "{}: role {role:?} needs section {section:?}",
                        language.code
                    );
                }
            }
        }
    }

    /// Every object with a source says whether it is verified, and the other way round; nothing else says either.
    fn check_sources(code: &str, value: &Value, sourced: &mut usize) {
        match value {
            Value::Object(fields) => {
                let source = fields.get("source");
                let verified = fields.get("verified");
                assert_eq!(
                    source.is_some(),
                    verified.is_some(),
                    "{code}: {value} needs both 'source' and 'verified'"
                );
                if let (Some(source), Some(verified)) = (source, verified) {
                    let source = source.as_str().expect("source is text");
                    assert!(!source.trim().is_empty(), "{code}: empty source");
                    let verified = verified.as_bool().expect("verified is true or false");
                    assert!(
                        !(verified && source.contains("translation, unverified")),
                        "{code}: {source:?} is a translation, not verified"
                    );
                    *sourced += 1;
                }
                for field in fields.values() {
                    check_sources(code, field, sourced);
                }
            }
            Value::Array(items) => items
                .iter()
                .for_each(|item| check_sources(code, item, sourced)),
            _ => {}
        }
    }

    #[test]
    fn every_pack_is_well_formed() {
        for (code, json) in language_packs() {
            let pack: Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("{code}: {e}"));
            let fields = pack.as_object().expect("a pack is an object");
            assert_eq!(
                fields.get("code").and_then(Value::as_str),
                Some(*code),
                "rules/lang/{code}.json must say \"code\": {code:?}"
            );
            for key in fields.keys() {
                assert!(
                    SECTIONS.contains(&key.as_str()),
                    "{code}: unknown section {key:?}"
                );
            }
            let mut sourced = 0;
            check_sources(code, &pack, &mut sourced);
            assert!(
                sourced > 0,
                "{code}: a pack needs at least one sourced block"
            );
        }
    }

    /// Audience words a block gives (names and name starts; prefixes and suffixes alone decide nothing).
    fn audience_words(block: &Value) -> usize {
        ["public", "limited", "limited_prefixes", "limited_patterns"]
            .iter()
            .filter_map(|list| block.get(*list).and_then(Value::as_array))
            .map(Vec::len)
            .sum()
    }

    /// (languages with audience words from a verified source, languages whose audience words are all guesses).
    fn audience_language_counts() -> (usize, usize) {
        let mut verified = 0;
        let mut guessed = 0;
        for (code, _) in language_packs() {
            let pack = pack(code);
            let blocks: Vec<&Value> = pack
                .get("audience")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter(|block| audience_words(block) > 0)
                .collect();
            if blocks
                .iter()
                .any(|block| block["verified"] == Value::Bool(true))
            {
                verified += 1;
            } else if !blocks.is_empty() {
                guessed += 1;
            }
        }
        (verified, guessed)
    }

    /// The README states how many languages have verified audience words: counted here, not by hand.
    #[test]
    fn readme_counts_languages_by_verified_audience_words() {
        let (verified, guessed) = audience_language_counts();
        let sentence = format!(
            "Audience words today: {verified} languages have words from a verified source (Meta's own wording, seen \
             in meta-facts.md or another public source), {guessed} only our unverified guesses"
        );
        let readme = include_str!("../../README.md").replace("\n", " ");
        assert!(
            readme.contains(&sentence),
            "README.md must say: {sentence:?}"
        );
    }

    #[test]
    fn a_pack_with_a_typo_in_a_section_is_caught() {
        let pack: Value = serde_json::from_str(r#"{"code": "xx", "audiance": []}"#).expect("JSON");
        let fields = pack.as_object().expect("object");
        assert!(fields.keys().any(|key| !SECTIONS.contains(&key.as_str())));
    }

    #[test]
    fn pack_sections_read_only_what_they_name() {
        #[derive(Deserialize)]
        struct Names {
            #[serde(default)]
            notification_names: Vec<Value>,
        }
        let packs = [
            (
                "aa",
                r#"{"code": "aa", "notification_names": [{"text": "x"}]}"#,
            ),
            ("bb", r#"{"code": "bb"}"#),
        ];
        let read: Vec<(&str, Names)> = pack_sections(&packs).expect("parses");
        assert_eq!(read[0].1.notification_names.len(), 1);
        assert!(read[1].1.notification_names.is_empty());
        assert!(pack_sections::<Names>(&[("cc", "{")]).is_err());
        let _ = pack("en");
    }
}
