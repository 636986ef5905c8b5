//! The rules of `rules/` as the core holds them: plain `static` data that `build.rs` writes from the JSON files
//! (through [`load`]), so the core carries no JSON parser and does no work at start-up to read its own rules. Every
//! text that is matched against page text is stored already normalised (`core::text::normalize_text`).
//!
//! `build.rs` compiles the table types and `load` (by `#[path]`), and so do the native tests, which run the same
//! loader on the rules files and on documents near them.
pub mod audience;
pub mod countries;
pub mod form_fields;
pub mod hosts;
pub mod pages;
pub mod post_markup;
pub mod send;
pub mod statement;

#[cfg(test)]
pub(crate) mod load;

use crate::core::text::Pattern;
use audience::{AudienceRules, AudienceVocabulary, PrivateNotices, Visibility};
use countries::Country;
use form_fields::FormMatchers;
use hosts::{HostRules, Site, SiteHosts};
use pages::{
    AllOf, ContactForm, ContactRoute, ListedPage, MetaAnswer, NoticeMatcher, ObjectionFormUrl,
    PageKind, Pages, PhraseMatcher,
};
use post_markup::{
    AudienceGlyph, AudienceSource, DateFormat, DateSource, FacebookMarkup, InstagramMarkup,
    LabelList, LabelSource, OtherGlyph, PostMarkup, SelectorRule,
};
use send::SendNames;
use statement::StatementLanguage;

/// `rules/hosts.json`.
pub static HOST_RULES: HostRules = include!(concat!(env!("OUT_DIR"), "/hosts.rs"));
/// Every pack's audience wording.
pub static AUDIENCE_RULES: AudienceRules = include!(concat!(env!("OUT_DIR"), "/audience.rs"));
/// Every pack's Instagram private-account notices.
pub static PRIVATE_NOTICES: PrivateNotices =
    include!(concat!(env!("OUT_DIR"), "/private_notices.rs"));
/// Every pack's Send names.
pub static SEND_NAMES: SendNames = include!(concat!(env!("OUT_DIR"), "/send_names.rs"));
/// The statement languages, in registry order, with their packs' statements.
pub static STATEMENT_LANGUAGES: &[StatementLanguage] =
    include!(concat!(env!("OUT_DIR"), "/statement_languages.rs"));
/// The countries a profile can name, with their names in every pack.
pub static COUNTRIES: &[Country] = include!(concat!(env!("OUT_DIR"), "/countries.rs"));
/// `rules/post_markup.json` with every pack's post labels.
pub static POST_MARKUP: PostMarkup = include!(concat!(env!("OUT_DIR"), "/post_markup.rs"));
/// `rules/pages.json` with every pack's page wording.
pub static PAGES: Pages = include!(concat!(env!("OUT_DIR"), "/pages.rs"));
/// `rules/form_fields.json` with every pack's form labels.
pub static FORM_MATCHERS: FormMatchers = include!(concat!(env!("OUT_DIR"), "/form_fields.rs"));
