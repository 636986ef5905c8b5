//! The countries a profile can name (`rules/countries.json`): the EU 27, the EEA's Iceland, Liechtenstein and Norway,
//! the United Kingdom and Switzerland, keyed by ISO 3166-1 alpha-2 code.
//!
//! Two jobs need country names: the statement names the user's country in the statement's language, and the content
//! script must find the user's country among the options of Meta's country picker, whose wording and language we do
//! not know. Matching is exact after text normalisation, never fuzzy: a wrong country in a legal request is worse
//! than leaving the picker for the user.

use crate::core::tables::countries::Country;
use crate::core::tables::COUNTRIES;
use crate::core::text::normalize_text;

/// The country for a code, whatever its case or surrounding spaces (storage and pickers are not always tidy).
fn find(code: &str) -> Option<&'static Country> {
    let code = code.trim();
    COUNTRIES.iter().find(|c| c.code.eq_ignore_ascii_case(code))
}

/// All supported alpha-2 codes (upper case), in the order of the rules file.
pub fn country_codes() -> Vec<&'static str> {
    COUNTRIES.iter().map(|c| c.code).collect()
}

pub fn is_supported_country(code: &str) -> bool {
    find(code).is_some()
}

/// Every known name of a country (all languages and endonyms, without repeats), used to pick an option in Meta's
/// country picker. Empty for an unsupported code.
pub fn country_names(code: &str) -> Vec<&'static str> {
    find(code).map(|c| c.all_names.to_vec()).unwrap_or_default()
}

/// The country's name in a statement language (e.g. `("DE", "fr")` -> "Allemagne"); None when either is unknown.
pub fn country_name(code: &str, language: &str) -> Option<&'static str> {
    let language = language.trim().to_ascii_lowercase();
    let (_, names) = find(code)?
        .names
        .iter()
        .find(|(name_language, _)| *name_language == language)?;
    names.first().copied()
}

/// Whether an option of a country picker (its value attribute and visible text) is the given country: the value is
/// the alpha-2 code (any case), or the value or text is, after normalisation, one of the country's known names.
/// Three-letter codes, numeric codes and partial names are not matched: nothing here is a guess.
pub fn option_matches_country(option_value: &str, option_text: &str, code: &str) -> bool {
    let Some(country) = find(code) else {
        return false;
    };
    if option_value.trim().eq_ignore_ascii_case(country.code) {
        return true;
    }
    let text = normalize_text(option_text);
    let value = normalize_text(option_value);
    country
        .normalized_names
        .iter()
        .any(|name| *name == text || *name == value)
}

/// Whether a text, as shown, is the name of a country we know in any language (a select-only picker showing its
/// choice, as against a prompt such as "Choose a country").
pub fn names_a_country(text: &str) -> bool {
    let text = text.trim();
    !text.is_empty()
        && country_codes()
            .iter()
            .any(|code| option_matches_country("", text, code))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::lang::language_packs;
    use crate::core::tables::load::countries::{
        country_entries, CountryNameSection, CountryRules, FILE,
    };
    use crate::core::tables::load::statement::STATEMENT_ROLE;
    use crate::core::tables::load::{pack_sections, parse};
    use std::collections::HashMap;

    #[test]
    fn a_country_name_is_told_from_a_prompt() {
        assert!(names_a_country("Nederland"));
        assert!(names_a_country("  Germany "));
        assert!(names_a_country("Deutschland"));
        assert!(!names_a_country("Choose a country"));
        assert!(!names_a_country("Kies een land"));
        assert!(!names_a_country(""));
        assert!(!names_a_country("   "));
        // A code is a value, not a name shown.
        assert!(!names_a_country("NL"));
    }

    const EU_27: [&str; 27] = [
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
        "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
    ];
    fn raw_rules() -> CountryRules {
        parse(FILE, include_str!("../../rules/countries.json")).expect("the build read it")
    }

    #[test]
    fn every_packs_country_names_are_of_listed_countries() {
        let listed: Vec<String> = raw_rules().countries.into_iter().map(|c| c.code).collect();
        let sections: Vec<(&str, CountryNameSection)> =
            pack_sections(language_packs()).expect("packs parse");
        for (language, section) in sections {
            let Some(names) = section.country_names else {
                continue;
            };
            assert!(!names.source.trim().is_empty(), "{language}: no source");
            for code in names.names.keys() {
                assert!(
                    listed.contains(code),
                    "{language}: {code} is not in countries.json"
                );
            }
        }
    }

    #[test]
    fn rules_file_is_well_formed() {
        let rules = raw_rules();
        assert!(!rules.notes.trim().is_empty());
        assert!(!rules.countries.is_empty());
        let statement_languages: Vec<&str> = crate::core::lang::registry()
            .with_role(STATEMENT_ROLE)
            .map(|language| language.code.as_str())
            .collect();
        let mut seen = Vec::new();
        let entries = country_entries(include_str!("../../rules/countries.json"), language_packs())
            .expect("the build read it");
        for entry in &entries {
            assert!(
                entry.code.len() == 2 && entry.code.chars().all(|c| c.is_ascii_uppercase()),
                "{} is not an upper-case alpha-2 code",
                entry.code
            );
            assert!(!seen.contains(&entry.code), "duplicate code {}", entry.code);
            seen.push(entry.code.clone());
            assert!(
                !entry.source.trim().is_empty(),
                "{} has no source",
                entry.code
            );
            assert!(!entry.endonyms.is_empty(), "{} has no endonym", entry.code);
            for &language in &statement_languages {
                assert!(
                    entry
                        .names
                        .get(language)
                        .is_some_and(|names| !names.is_empty()),
                    "{} has no {language} name",
                    entry.code
                );
            }
            for name in entry.names.values().flatten().chain(&entry.endonyms) {
                assert_eq!(
                    name.trim(),
                    name,
                    "{}: name {name:?} has surrounding spaces",
                    entry.code
                );
                assert!(
                    !normalize_text(name).is_empty(),
                    "{}: empty name",
                    entry.code
                );
            }
            for (language, names) in &entry.names {
                let normalized: Vec<String> = names.iter().map(|n| normalize_text(n)).collect();
                for (i, n) in normalized.iter().enumerate() {
                    assert!(
                        !normalized[..i].contains(n),
                        "{} {language}: {n:?} listed twice",
                        entry.code
                    );
                }
            }
        }
    }

    #[test]
    fn the_list_is_the_eu_the_eea_the_uk_and_switzerland() {
        let mut expected: Vec<&str> = EU_27.to_vec();
        expected.extend(["IS", "LI", "NO", "GB", "CH"]);
        expected.sort_unstable();
        let mut codes = country_codes();
        codes.sort_unstable();
        assert_eq!(codes, expected);
    }

    #[test]
    fn no_name_belongs_to_two_countries() {
        let mut owner: HashMap<String, &str> = HashMap::new();
        for code in country_codes() {
            for name in country_names(code) {
                let key = normalize_text(name);
                if let Some(other) = owner.insert(key.clone(), code) {
                    assert_eq!(other, code, "{key:?} names both {other} and {code}");
                }
            }
        }
    }

    #[test]
    fn every_name_of_every_country_picks_that_country_and_no_other() {
        let codes = country_codes();
        for &code in &codes {
            let names = country_names(code);
            assert!(!names.is_empty());
            for name in names {
                assert!(
                    option_matches_country("", name, code),
                    "{name} should match {code}"
                );
                // Upper case round-trips except for Turkish dotless 'ı' (Kıbrıs -> KIBRIS -> kibris), which only a
                // Turkish-aware lowercase could undo; a picker shows the name as written anyway.
                let upper = name.to_uppercase();
                if upper.to_lowercase() == name.to_lowercase() {
                    assert!(
                        option_matches_country("", &upper, code),
                        "{name} upper case"
                    );
                }
                assert!(
                    option_matches_country(name, "", code),
                    "value {name} should match {code}"
                );
                for &other in codes.iter().filter(|&&c| c != code) {
                    assert!(
                        !option_matches_country("", name, other),
                        "{name} must not match {other}"
                    );
                }
            }
        }
    }

    #[test]
    fn every_country_has_a_statement_name_in_every_language() {
        let rules = raw_rules();
        for entry in &rules.countries {
            for (language, names) in &entry.names {
                assert_eq!(country_name(&entry.code, language), Some(names[0].as_str()));
            }
        }
    }

    #[test]
    fn names_in_the_statement_language() {
        assert_eq!(country_name("DE", "fr"), Some("Allemagne"));
        assert_eq!(country_name("nl", "NL"), Some("Nederland"));
        assert_eq!(country_name("PL", "pl"), Some("Polska"));
        assert_eq!(country_name("CH", "it"), Some("Svizzera"));
        assert_eq!(country_name("CZ", "en"), Some("Czechia"));
        assert_eq!(country_name("DE", "xx"), None);
        assert_eq!(country_name("US", "en"), None);
    }

    #[test]
    fn codes_are_matched_case_insensitively_and_only_when_sure() {
        assert!(is_supported_country("NO"));
        assert!(is_supported_country(" de "));
        assert!(!is_supported_country("US"));
        assert!(
            !is_supported_country("EL"),
            "the EU's code for Greece is not ISO 3166-1"
        );
        assert!(!is_supported_country(""));
        assert!(country_names("US").is_empty());

        assert!(option_matches_country("de", "", "DE"));
        assert!(option_matches_country("NL", "Pays-Bas", "NL"));
        assert!(option_matches_country("123", "  Deutschland\u{00A0}", "DE"));
        assert!(option_matches_country("", "Czech Republic", "CZ"));
        assert!(
            !option_matches_country("DEU", "", "DE"),
            "alpha-3 codes are not matched"
        );
        assert!(
            !option_matches_country("276", "", "DE"),
            "numeric codes are not matched"
        );
        assert!(
            !option_matches_country("", "Germ", "DE"),
            "partial names are not matched"
        );
        assert!(!option_matches_country("", "", "DE"));
        assert!(
            !option_matches_country("US", "United States", "US"),
            "unsupported countries never match"
        );
        assert!(!option_matches_country("", "Select a country", "DE"));
    }
}
