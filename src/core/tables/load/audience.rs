//! Reads the language packs' `audience` and `instagram_private` sections.
use serde::Deserialize;

use super::{leak_slice, leak_str, leak_strs, pack_sections, RulesError};
use crate::bake_struct;
use crate::core::tables::audience::{AudienceRules, AudienceVocabulary, PrivateNotices};
use crate::core::text::{normalize_text, Pattern};

/// The `audience` section of a language pack.
#[derive(Deserialize)]
pub struct AudienceSection {
    #[serde(default)]
    pub audience: Vec<AudienceWordings>,
}

/// A block of one language's audience wording that comes from a single source.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AudienceWordings {
    /// Where the wording comes from.
    pub source: String,
    /// Whether the source shows Meta's own wording (checked on the raw pack by `core::lang`'s tests): a meaning
    /// read only from unverified blocks is shown as a guess.
    pub verified: bool,
    /// The "Shared with" part before the audience name.
    #[serde(default)]
    pub prefixes: Vec<String>,
    /// The part after the audience name when the language wraps it (German "Mit ... geteilt").
    #[serde(default)]
    pub suffixes: Vec<String>,
    /// Audience names meaning anyone can see the post.
    #[serde(default)]
    pub public: Vec<String>,
    /// Audience names meaning a restricted audience.
    #[serde(default)]
    pub limited: Vec<String>,
    /// Starts of restricted audience names that go on with a name ("Members of <group>", "Friends except ...").
    #[serde(default)]
    pub limited_prefixes: Vec<String>,
    /// Restricted audience names with a name inside ("*'s friends", "*的好友"), `*` standing for the name.
    #[serde(default)]
    pub limited_patterns: Vec<String>,
}

/// The `instagram_private` section of a language pack: the notices a private profile shows in that language.
#[derive(Deserialize)]
pub struct InstagramSection {
    pub instagram_private: Option<PrivateNoticeBlock>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrivateNoticeBlock {
    /// Where the wording comes from.
    pub source: String,
    /// Whether the source shows Meta's own wording (checked on the raw pack by `core::lang`'s tests): a private
    /// verdict from an unverified notice alone is shown as a guess.
    pub verified: bool,
    pub notices: Vec<String>,
}

/// Audience wording being gathered, normalised and without repeats.
#[derive(Default)]
struct Vocabulary {
    prefixes: Vec<String>,
    suffixes: Vec<String>,
    public: Vec<String>,
    limited: Vec<String>,
    limited_prefixes: Vec<String>,
    limited_patterns: Vec<Pattern>,
}

impl Vocabulary {
    fn add(&mut self, block: &AudienceWordings) {
        add_normalised(&mut self.prefixes, &block.prefixes);
        add_normalised(&mut self.suffixes, &block.suffixes);
        add_normalised(&mut self.public, &block.public);
        add_normalised(&mut self.limited, &block.limited);
        add_normalised(&mut self.limited_prefixes, &block.limited_prefixes);
        for pattern in block
            .limited_patterns
            .iter()
            .filter_map(|p| Pattern::new(p))
        {
            if !self.limited_patterns.contains(&pattern) {
                self.limited_patterns.push(pattern);
            }
        }
    }

    fn into_table(self) -> AudienceVocabulary {
        AudienceVocabulary {
            prefixes: leak_strs(self.prefixes),
            suffixes: leak_strs(self.suffixes),
            public: leak_strs(self.public),
            limited: leak_strs(self.limited),
            limited_prefixes: leak_strs(self.limited_prefixes),
            limited_patterns: leak_slice(self.limited_patterns),
        }
    }
}

fn add_normalised(into: &mut Vec<String>, wordings: &[String]) {
    for wording in wordings {
        let normalised = normalize_text(wording);
        if !into.contains(&normalised) {
            into.push(normalised);
        }
    }
}

/// Reads the audience sections of language packs (the build's are `rules/lang/*.json`) and normalises their wording
/// for matching.
pub fn audience_rules_from_packs(packs: &[(&str, &str)]) -> Result<AudienceRules, RulesError> {
    let sections: Vec<(&str, AudienceSection)> = pack_sections(packs)?;
    let mut all_languages = Vocabulary::default();
    let mut verified_languages = Vocabulary::default();
    let mut languages = Vec::with_capacity(sections.len());
    for (code, section) in &sections {
        if section.audience.is_empty() {
            continue;
        }
        let mut vocabulary = Vocabulary::default();
        for block in &section.audience {
            vocabulary.add(block);
            all_languages.add(block);
            if block.verified {
                verified_languages.add(block);
            }
        }
        languages.push((leak_str(code.to_string()), vocabulary.into_table()));
    }
    Ok(AudienceRules {
        languages: leak_slice(languages),
        all_languages: all_languages.into_table(),
        verified_languages: verified_languages.into_table(),
    })
}

/// Reads the private-account notices of language packs (the build's are `rules/lang/*.json`), normalised.
pub fn private_notices_from_packs(packs: &[(&str, &str)]) -> Result<PrivateNotices, RulesError> {
    let sections: Vec<(&str, InstagramSection)> = pack_sections(packs)?;
    let mut notices = Vec::new();
    let mut verified_notices = Vec::new();
    for (_, section) in &sections {
        if let Some(language) = &section.instagram_private {
            add_normalised(&mut notices, &language.notices);
            if language.verified {
                add_normalised(&mut verified_notices, &language.notices);
            }
        }
    }
    Ok(PrivateNotices {
        notices: leak_strs(notices),
        verified_notices: leak_strs(verified_notices),
    })
}

bake_struct!(Pattern { parts });
bake_struct!(AudienceVocabulary {
    prefixes,
    suffixes,
    public,
    limited,
    limited_prefixes,
    limited_patterns
});
bake_struct!(AudienceRules {
    languages,
    all_languages,
    verified_languages
});
bake_struct!(PrivateNotices {
    notices,
    verified_notices
});
