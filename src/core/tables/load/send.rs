//! Reads the language packs' `send_names` sections.
use serde::Deserialize;

use super::{leak_strs, pack_sections, RulesError};
use crate::bake_struct;
use crate::core::tables::send::SendNames;
use crate::core::text::normalize_text;

/// The `send_names` section of a language pack.
#[derive(Debug, Deserialize)]
pub struct SendSection {
    #[serde(default)]
    pub send_names: Vec<SendLabel>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SendLabel {
    pub text: String,
    pub source: String,
    /// Whether the source shows Meta's own wording; checked on the raw pack by `core::lang`'s tests.
    #[allow(dead_code)]
    pub verified: bool,
}

/// Every pack's Send names with their language, as written.
pub fn send_labels<'a>(packs: &[(&'a str, &str)]) -> Result<Vec<(&'a str, SendLabel)>, RulesError> {
    let sections: Vec<(&str, SendSection)> = pack_sections(packs)?;
    Ok(sections
        .into_iter()
        .flat_map(|(code, section)| {
            section
                .send_names
                .into_iter()
                .map(move |label| (code, label))
        })
        .collect())
}

/// Every pack's Send names, normalised.
pub fn send_names_from_packs(packs: &[(&str, &str)]) -> Result<SendNames, RulesError> {
    let names = send_labels(packs)?
        .iter()
        .map(|(_, label)| normalize_text(&label.text))
        .collect();
    Ok(SendNames {
        names: leak_strs(names),
    })
}

bake_struct!(SendNames { names });
