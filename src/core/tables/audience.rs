//! The language packs' `audience` and `instagram_private` sections as tables, every wording normalised.
use serde::{Deserialize, Serialize};

use crate::core::text::Pattern;

/// Who can see a post or an account, as far as the page tells us.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Visibility {
    /// Anyone, including Meta's AI training on public content.
    Public,
    /// A restricted audience: friends, only me, custom lists, group members, a private account ...
    Limited,
    /// The page did not say, or said contradictory things.
    Unknown,
}

/// Audience wording, normalised, for one language or for all languages together.
#[derive(Debug, Default)]
pub struct AudienceVocabulary {
    pub prefixes: &'static [&'static str],
    pub suffixes: &'static [&'static str],
    pub public: &'static [&'static str],
    pub limited: &'static [&'static str],
    pub limited_prefixes: &'static [&'static str],
    pub limited_patterns: &'static [Pattern],
}

#[derive(Debug)]
pub struct AudienceRules {
    /// Per language, in code order: used to name a label's language.
    pub languages: &'static [(&'static str, AudienceVocabulary)],
    /// Every language merged: a label is matched against all of them, since the page's language is not known.
    pub all_languages: AudienceVocabulary,
    /// Every language's wording that a public source shows Meta using (`"verified": true`), merged: what a label
    /// means by these alone is settled; a meaning only the other wording gives is our guess.
    pub verified_languages: AudienceVocabulary,
}

/// Every pack's Instagram private-account notices, normalised.
#[derive(Debug)]
pub struct PrivateNotices {
    pub notices: &'static [&'static str],
    /// Those a public source shows Meta using (`"verified": true`): a private verdict from the others is a guess.
    pub verified_notices: &'static [&'static str],
}
