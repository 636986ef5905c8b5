//! Reads `rules/languages.json`, the registry of languages.
use std::collections::BTreeMap;

use serde::Deserialize;

use super::{parse, RulesError};

pub const FILE: &str = "rules/languages.json";

/// `rules/languages.json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Registry {
    /// For people editing the file; the validating test checks it is present.
    pub notes: String,
    /// Role -> the pack sections a language with that role must have.
    pub requirements: BTreeMap<String, Vec<String>>,
    pub languages: Vec<RegisteredLanguage>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegisteredLanguage {
    pub code: String,
    /// The language's own name, for the options page's statement-language picker.
    pub endonym: String,
    /// Roles the language must fill (keys of `requirements`).
    pub required: Vec<String>,
}

/// Reads a registry document (the build's is `rules/languages.json`).
pub fn registry_from_json(json: &str) -> Result<Registry, RulesError> {
    parse(FILE, json)
}

impl Registry {
    /// The registered languages that have `role`, in registry order.
    pub fn with_role<'a>(
        &'a self,
        role: &'a str,
    ) -> impl Iterator<Item = &'a RegisteredLanguage> + 'a {
        self.languages
            .iter()
            .filter(move |language| language.required.iter().any(|r| r == role))
    }
}
