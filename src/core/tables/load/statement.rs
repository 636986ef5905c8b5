//! Reads the statement languages from the registry and their statements from the language packs.
use serde::Deserialize;

use super::registry::registry_from_json;
use super::{leak_slice, leak_str, pack_sections, RulesError};
use crate::bake_struct;
use crate::core::tables::statement::StatementLanguage;

/// The registry role of the languages a statement can be written in.
pub const STATEMENT_ROLE: &str = "statement";

/// The `statement` section of a language pack.
#[derive(Debug, Deserialize)]
pub struct StatementSection {
    pub statement: Option<PackStatement>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackStatement {
    /// Who wrote or translated the statement; the validating test checks it is present.
    pub source: String,
    /// Always false: the statements are Bezwaar's own text, not Meta's wording.
    #[allow(dead_code)]
    pub verified: bool,
    pub text: String,
}

/// Reads the statement languages from a registry document (the build's is `rules/languages.json`: its `statement`
/// languages, in its order) and their statements from the language packs (`rules/lang/*.json`). A registered
/// statement language whose pack has no statement is left out (the registry's test fails on it).
pub fn statement_languages_from_packs(
    registry_json: &str,
    packs: &[(&str, &str)],
) -> Result<&'static [StatementLanguage], RulesError> {
    let registry = registry_from_json(registry_json)?;
    let mut statements: Vec<(&str, StatementSection)> = pack_sections(packs)?;
    let languages = registry
        .with_role(STATEMENT_ROLE)
        .filter_map(|language| {
            let (_, section) = statements
                .iter_mut()
                .find(|(code, _)| *code == language.code)?;
            let statement = section.statement.take()?;
            Some(StatementLanguage {
                code: leak_str(language.code.clone()),
                endonym: leak_str(language.endonym.clone()),
                statement: leak_str(statement.text),
            })
        })
        .collect();
    Ok(leak_slice(languages))
}

bake_struct!(StatementLanguage {
    code,
    endonym,
    statement
});
