//! Reads `rules/form_fields.json` and the language packs' `form_labels`.
use std::collections::BTreeMap;

use serde::Deserialize;

use super::{leak_strs, pack_sections, parse, RulesError};
use crate::bake_struct;
use crate::core::tables::form_fields::FormMatchers;
use crate::core::text::normalize_text;

pub const FILE: &str = "rules/form_fields.json";

/// `rules/form_fields.json` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormFieldRules {
    /// For people editing the file; the validating test checks it is present.
    pub notes: String,
    pub attribute_hints: AttributeHints,
    pub traps: Traps,
    pub code_step: CodeStep,
    /// Language code -> blocks of phrases, each block with its own source: the language packs' `form_labels`.
    #[serde(skip)]
    pub languages: BTreeMap<String, Vec<PhraseBlock>>,
}

/// The `form_labels` section of a language pack.
#[derive(Debug, Deserialize)]
pub struct FormLabelSection {
    #[serde(default)]
    pub form_labels: Vec<PhraseBlock>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttributeHints {
    /// Where the attribute conventions come from; the validating test checks it is present.
    pub source: String,
    pub email_autocomplete: Vec<String>,
    pub country_autocomplete: Vec<String>,
    pub email_name_tokens: Vec<String>,
    pub country_name_tokens: Vec<String>,
}

/// Fields a form carries to catch robots, which no person fills.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Traps {
    /// Where the names come from; the validating test checks it is present.
    pub source: String,
    /// Names (or ids) of honeypot fields, as a segment of the name or id, like the attribute hints.
    pub honeypot_names: Vec<String>,
}

/// The field Meta's e-mail code step asks for the code in.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeStep {
    /// Where the names come from; the validating test checks it is present.
    pub source: String,
    /// The `name` of the code's input, exactly.
    pub code_field_names: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhraseBlock {
    /// Where the phrases come from; the validating test checks it is present.
    pub source: String,
    /// Whether the source shows Meta's own wording.
    #[allow(dead_code)]
    pub verified: bool,
    #[serde(default)]
    pub email: Vec<String>,
    #[serde(default)]
    pub country: Vec<String>,
    #[serde(default)]
    pub statement: Vec<String>,
    #[serde(default)]
    pub ai_question: Vec<String>,
    #[serde(default)]
    pub yes: Vec<String>,
    #[serde(default)]
    pub no: Vec<String>,
}

/// Reads a form fields rules document (the build's is `rules/form_fields.json`) with every language pack's
/// `form_labels` added, as written.
pub fn form_field_rules(json: &str, packs: &[(&str, &str)]) -> Result<FormFieldRules, RulesError> {
    let mut rules: FormFieldRules = parse(FILE, json)?;
    let sections: Vec<(&str, FormLabelSection)> = pack_sections(packs)?;
    for (code, section) in sections {
        if !section.form_labels.is_empty() {
            rules
                .languages
                .insert(code.to_string(), section.form_labels);
        }
    }
    Ok(rules)
}

/// [`form_field_rules`] as the table the core holds: every phrase normalised once, all languages merged.
pub fn form_matchers_from_json(
    json: &str,
    packs: &[(&str, &str)],
) -> Result<FormMatchers, RulesError> {
    let rules = form_field_rules(json, packs)?;
    let blocks: Vec<&PhraseBlock> = rules.languages.values().flatten().collect();
    let merged = |pick: fn(&PhraseBlock) -> &Vec<String>| {
        let mut phrases: Vec<String> = Vec::new();
        for phrase in blocks.iter().flat_map(|block| pick(block)) {
            let phrase = normalize_text(phrase);
            if !phrases.contains(&phrase) {
                phrases.push(phrase);
            }
        }
        leak_strs(phrases)
    };
    let hints = rules.attribute_hints;
    Ok(FormMatchers {
        email_autocomplete: leak_strs(hints.email_autocomplete),
        country_autocomplete: leak_strs(hints.country_autocomplete),
        email_name_tokens: leak_strs(hints.email_name_tokens),
        country_name_tokens: leak_strs(hints.country_name_tokens),
        honeypot_names: leak_strs(rules.traps.honeypot_names),
        code_field_names: leak_strs(rules.code_step.code_field_names),
        email: merged(|b| &b.email),
        country: merged(|b| &b.country),
        statement: merged(|b| &b.statement),
        ai_question: merged(|b| &b.ai_question),
        yes: merged(|b| &b.yes),
        no: merged(|b| &b.no),
    })
}

bake_struct!(FormMatchers {
    email_autocomplete,
    country_autocomplete,
    email_name_tokens,
    country_name_tokens,
    honeypot_names,
    code_field_names,
    email,
    country,
    statement,
    ai_question,
    yes,
    no
});
