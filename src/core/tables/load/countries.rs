//! Reads `rules/countries.json` and the language packs' `country_names`.
use std::collections::BTreeMap;

use serde::Deserialize;

use super::{leak_slice, leak_str, leak_strs, pack_sections, parse, RulesError};
use crate::bake_struct;
use crate::core::tables::countries::Country;
use crate::core::text::normalize_text;

pub const FILE: &str = "rules/countries.json";

/// `rules/countries.json` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountryRules {
    /// For people editing the file; the validating test checks it is present.
    pub notes: String,
    pub countries: Vec<CountryEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountryEntry {
    pub code: String,
    /// Where the code and names come from; the validating test checks it is present.
    pub source: String,
    /// Language code -> names in that language; the first is the one a statement uses. From the language packs'
    /// `country_names`.
    #[serde(skip)]
    pub names: BTreeMap<String, Vec<String>>,
    pub endonyms: Vec<String>,
}

/// The `country_names` section of a language pack: the countries' names in that language, by code.
#[derive(Debug, Deserialize)]
pub struct CountryNameSection {
    pub country_names: Option<CountryNames>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountryNames {
    /// Where the names come from; the validating test checks it is present.
    pub source: String,
    #[allow(dead_code)]
    pub verified: bool,
    pub names: BTreeMap<String, Vec<String>>,
}

/// Reads a countries rules document (the build's is `rules/countries.json`) with the country names of language packs
/// (`rules/lang/*.json`) filled in. Names for a code the document does not list are ignored (the validating test
/// reports them).
pub fn country_entries(
    json: &str,
    packs: &[(&str, &str)],
) -> Result<Vec<CountryEntry>, RulesError> {
    let mut rules: CountryRules = parse(FILE, json)?;
    for (language, section) in pack_sections::<CountryNameSection>(packs)? {
        let Some(section) = section.country_names else {
            continue;
        };
        for (code, names) in section.names {
            if let Some(entry) = rules.countries.iter_mut().find(|c| c.code == code) {
                entry.names.insert(language.to_string(), names);
            }
        }
    }
    Ok(rules.countries)
}

/// The countries, every name normalised once for picker matching.
pub fn countries_from_json(
    json: &str,
    packs: &[(&str, &str)],
) -> Result<&'static [Country], RulesError> {
    let countries = country_entries(json, packs)?
        .into_iter()
        .map(|entry| {
            let mut all_names: Vec<String> = Vec::new();
            for name in entry.names.values().flatten().chain(&entry.endonyms) {
                if !all_names.contains(name) {
                    all_names.push(name.clone());
                }
            }
            let normalized_names = all_names.iter().map(|n| normalize_text(n)).collect();
            let names = entry
                .names
                .into_iter()
                .map(|(language, names)| (leak_str(language), leak_strs(names)))
                .collect();
            Country {
                code: leak_str(entry.code),
                names: leak_slice(names),
                all_names: leak_strs(all_names),
                normalized_names: leak_strs(normalized_names),
            }
        })
        .collect();
    Ok(leak_slice(countries))
}

bake_struct!(Country {
    code,
    names,
    all_names,
    normalized_names
});
