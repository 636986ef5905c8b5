//! Reads `rules/pages.json` and the language packs' page wording.
use serde::Deserialize;

use super::{leak_slice, leak_str, pack_sections, parse, RulesError};
use crate::core::tables::hosts::Site;
use crate::core::tables::pages as table;
use crate::core::tables::pages::{MetaAnswer, PageKind};
use crate::core::text::normalize_text;
use crate::{bake_enum, bake_struct};

pub const FILE: &str = "rules/pages.json";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageRules {
    pub notes: String,
    pub objection_form_urls: Vec<ObjectionFormUrl>,
    pub contact_routes: Vec<ContactRoute>,
    pub contact_forms: Vec<ContactForm>,
    pub privacy_pages: Vec<PageByPath>,
    /// Pages a help form's Send leads to (a real `<form>` posting to its own address).
    pub submission_pages: Vec<PageByPath>,
    /// From the language packs' `ai_notice` sections, in pack order.
    #[serde(skip)]
    pub ai_notice: Vec<NoticeWording>,
    /// From the language packs' `generic_question` sections.
    #[serde(skip)]
    pub generic_question: Vec<LanguagePhrase>,
    /// From the language packs' `objection_sent` sections.
    #[serde(skip)]
    pub objection_sent: Vec<LanguagePhrase>,
    pub notifications: NotificationRules,
}

/// The sections of a language pack this module reads.
#[derive(Debug, Deserialize)]
pub struct PageSections {
    pub ai_notice: Option<NoticeSection>,
    #[serde(default)]
    pub generic_question: Vec<PackPhrase>,
    #[serde(default)]
    pub objection_sent: Vec<PackPhrase>,
    #[serde(default)]
    pub notification_names: Vec<PackPhrase>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoticeSection {
    pub exact: Vec<SourcedText>,
    pub all_of: Vec<PhraseGroups>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackPhrase {
    pub text: String,
    #[serde(default)]
    pub stage: Option<MetaAnswer>,
    pub source: String,
    /// Whether the source shows Meta's own wording; checked on the raw pack by `core::lang`'s tests.
    #[allow(dead_code)]
    pub verified: bool,
}

impl PackPhrase {
    pub fn in_language(self, language: &str) -> LanguagePhrase {
        LanguagePhrase {
            language: language.to_string(),
            text: self.text,
            stage: self.stage,
            source: self.source,
        }
    }
}

/// Where the notice can show up as one entry among others (the notifications page, or the notifications panel that
/// opens over any page).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotificationRules {
    pub source: String,
    /// Pages that are a notifications list as a whole.
    pub pages: Vec<PageByPath>,
    /// What a notifications list is called (its aria-label or heading), per language: the packs'
    /// `notification_names`.
    #[serde(skip)]
    pub names: Vec<LanguagePhrase>,
    /// CSS selector of one entry inside a list (the outermost match counts).
    pub entry_selector: String,
}

/// The form our banner opens for a site.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObjectionFormUrl {
    pub site: Site,
    pub url: String,
    pub source: String,
}

/// Where a site's contact forms live: `<path_prefix><numeric id>` with an optional trailing '/'.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactRoute {
    pub site: Site,
    /// The one host the route is served on; `None` means every host of the site.
    #[serde(default)]
    pub host: Option<String>,
    /// Lowercase, starts and ends with '/'.
    pub path_prefix: String,
    /// The site whose forms the route serves, when not its own (Instagram's forms on Facebook's hosts).
    #[serde(default)]
    pub forms_of: Option<Site>,
    pub source: String,
}

/// A known contact form id and what it is.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactForm {
    pub site: Site,
    pub id: String,
    pub kind: PageKind,
    pub source: String,
}

/// A page known by its address: a privacy page that explains AI at Meta, a notifications page, the page a help
/// form's Send leads to.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageByPath {
    pub site: Site,
    /// The one host the page is served on; `None` means every host of the site.
    #[serde(default)]
    pub host: Option<String>,
    /// Lowercase, no trailing '/'.
    pub path: String,
    pub source: String,
}

/// How the AI notice reads in one language.
#[derive(Debug)]
pub struct NoticeWording {
    pub language: String,
    /// Verbatim headlines / subjects; one occurring in a text is enough.
    pub exact: Vec<SourcedText>,
    /// Phrase rules for wordings not seen yet.
    pub all_of: Vec<PhraseGroups>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourcedText {
    pub text: String,
    pub source: String,
    /// Whether the source shows Meta's own wording; checked on the raw pack by `core::lang`'s tests.
    #[allow(dead_code)]
    pub verified: bool,
}

/// Every group must occur in the text; a group occurs when any one of its alternatives does.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhraseGroups {
    pub groups: Vec<Vec<String>>,
    pub source: String,
    /// Whether the source shows Meta's own wording; checked on the raw pack by `core::lang`'s tests.
    #[allow(dead_code)]
    pub verified: bool,
}

/// A phrase of one language's pack.
#[derive(Debug)]
pub struct LanguagePhrase {
    pub language: String,
    pub text: String,
    /// Only for `objection_sent`: what the text tells of the objection (default: confirmed).
    pub stage: Option<MetaAnswer>,
    pub source: String,
}

/// Reads a page rules document (the build's is `rules/pages.json`) with the wording of language packs (the build's
/// are `rules/lang/*.json`) added, as written.
pub fn page_rules_file(json: &str, packs: &[(&str, &str)]) -> Result<PageRules, RulesError> {
    let mut rules: PageRules = parse(FILE, json)?;
    for (code, sections) in pack_sections::<PageSections>(packs)? {
        if let Some(notice) = sections.ai_notice {
            rules.ai_notice.push(NoticeWording {
                language: code.to_string(),
                exact: notice.exact,
                all_of: notice.all_of,
            });
        }
        let in_language = |phrase: PackPhrase| phrase.in_language(code);
        rules
            .generic_question
            .extend(sections.generic_question.into_iter().map(in_language));
        rules
            .objection_sent
            .extend(sections.objection_sent.into_iter().map(in_language));
        rules
            .notifications
            .names
            .extend(sections.notification_names.into_iter().map(in_language));
    }
    Ok(rules)
}

/// [`page_rules_file`] as the table the core holds, every phrase normalised for matching.
pub fn pages_from_json(json: &str, packs: &[(&str, &str)]) -> Result<table::Pages, RulesError> {
    let rules = page_rules_file(json, packs)?;
    let normal = |text: &str| leak_str(normalize_text(text));
    let notice = rules
        .ai_notice
        .iter()
        .map(|wording| table::NoticeMatcher {
            language: leak_str(wording.language.clone()),
            exact: leak_slice(
                wording
                    .exact
                    .iter()
                    .map(|headline| normal(&headline.text))
                    .collect(),
            ),
            all_of: leak_slice(
                wording
                    .all_of
                    .iter()
                    .map(|rule| table::AllOf {
                        groups: leak_slice(
                            rule.groups
                                .iter()
                                .map(|group| {
                                    leak_slice(group.iter().map(|phrase| normal(phrase)).collect())
                                })
                                .collect(),
                        ),
                    })
                    .collect(),
            ),
        })
        .collect();
    let phrase_matchers = |phrases: &[LanguagePhrase]| {
        leak_slice(
            phrases
                .iter()
                .map(|entry| table::PhraseMatcher {
                    language: leak_str(entry.language.clone()),
                    phrase: normal(&entry.text),
                    stage: entry.stage.unwrap_or(MetaAnswer::Confirmed),
                })
                .collect(),
        )
    };
    let listed = |pages: &[PageByPath]| {
        leak_slice(
            pages
                .iter()
                .map(|page| table::ListedPage {
                    site: page.site,
                    host: page.host.clone().map(leak_str),
                    path: leak_str(page.path.clone()),
                })
                .collect(),
        )
    };
    Ok(table::Pages {
        objection_form_urls: leak_slice(
            rules
                .objection_form_urls
                .iter()
                .map(|form| table::ObjectionFormUrl {
                    site: form.site,
                    url: leak_str(form.url.clone()),
                })
                .collect(),
        ),
        contact_routes: leak_slice(
            rules
                .contact_routes
                .iter()
                .map(|route| table::ContactRoute {
                    site: route.site,
                    host: route.host.clone().map(leak_str),
                    path_prefix: leak_str(route.path_prefix.clone()),
                    forms_of: route.forms_of.unwrap_or(route.site),
                })
                .collect(),
        ),
        contact_forms: leak_slice(
            rules
                .contact_forms
                .iter()
                .map(|form| table::ContactForm {
                    site: form.site,
                    id: leak_str(form.id.clone()),
                    kind: form.kind,
                })
                .collect(),
        ),
        privacy_pages: listed(&rules.privacy_pages),
        submission_pages: listed(&rules.submission_pages),
        notification_pages: listed(&rules.notifications.pages),
        notification_entry_selector: leak_str(rules.notifications.entry_selector.clone()),
        notice: leak_slice(notice),
        generic_question: phrase_matchers(&rules.generic_question),
        objection_sent: phrase_matchers(&rules.objection_sent),
        notification_names: leak_slice(
            rules
                .notifications
                .names
                .iter()
                .map(|name| normal(&name.text))
                .collect(),
        ),
    })
}

bake_enum!(PageKind {
    AiNotice,
    ObjectionFormFacebook,
    ObjectionFormInstagram,
    ObjectionFormGeneric,
    ThirdPartyForm,
    ObjectionSent,
    Other
});
bake_enum!(MetaAnswer {
    Confirmed,
    CodeSent
});
bake_struct!(table::ObjectionFormUrl { site, url });
bake_struct!(table::ContactRoute {
    site,
    host,
    path_prefix,
    forms_of
});
bake_struct!(table::ContactForm { site, id, kind });
bake_struct!(table::ListedPage { site, host, path });
bake_struct!(table::AllOf { groups });
bake_struct!(table::NoticeMatcher {
    language,
    exact,
    all_of
});
bake_struct!(table::PhraseMatcher {
    language,
    phrase,
    stage
});
bake_struct!(table::Pages {
    objection_form_urls,
    contact_routes,
    contact_forms,
    privacy_pages,
    submission_pages,
    notification_pages,
    notification_entry_selector,
    notice,
    generic_question,
    objection_sent,
    notification_names
});
