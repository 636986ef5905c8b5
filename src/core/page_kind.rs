//! What kind of Meta page the user is looking at: the AI-training notice, an objection form, a confirmation, or
//! anything else.
//!
//! The decision is made from data (`rules/pages.json`) in a fixed order, because a wrong answer here means filling the
//! wrong form or recording an objection that was never sent:
//! 1. a URL that is not `https:` on an exact Meta host is `other`, whatever the page says (phishing copies);
//! 2. a contact form URL is decided by its id; an unknown id counts only if the page asks the generic "does your
//!    request relate to AI at Meta?" question; a confirmation text turns an objection form into `objection-sent`;
//! 3. a known AI privacy page is `ai-notice`;
//! 4. otherwise the page is `ai-notice` only if a title, heading, dialog or notifications-list entry reads as the
//!    notice.
use crate::core::hosts::{parse_meta_url, MetaUrl, Site};
use crate::core::tables::pages::{AllOf, ContactForm, ListedPage, Pages, PhraseMatcher};
pub use crate::core::tables::pages::{MetaAnswer, PageKind};
use crate::core::tables::PAGES;
use crate::core::text::{contains_words, normalize_text, without_quotations};

impl PageKind {
    /// Every kind, for the tests that go through them all.
    #[cfg(test)]
    pub const ALL: [PageKind; 7] = [
        PageKind::AiNotice,
        PageKind::ObjectionFormFacebook,
        PageKind::ObjectionFormInstagram,
        PageKind::ObjectionFormGeneric,
        PageKind::ThirdPartyForm,
        PageKind::ObjectionSent,
        PageKind::Other,
    ];

    /// The kind's name as used in `data-bezwaar-banner` and in messages (same as its serde name).
    pub fn as_str(self) -> &'static str {
        match self {
            PageKind::AiNotice => "ai-notice",
            PageKind::ObjectionFormFacebook => "objection-form-facebook",
            PageKind::ObjectionFormInstagram => "objection-form-instagram",
            PageKind::ObjectionFormGeneric => "objection-form-generic",
            PageKind::ThirdPartyForm => "third-party-form",
            PageKind::ObjectionSent => "objection-sent",
            PageKind::Other => "other",
        }
    }

    /// Forms on which Bezwaar's objection belongs, so on which a confirmation text means the objection went out.
    fn is_objection_form(self) -> bool {
        matches!(
            self,
            PageKind::ObjectionFormFacebook | PageKind::ObjectionFormInstagram
        )
    }
}

/// What the DOM layer reads from a page (visible text only) for classification.
#[derive(Debug, Default, Clone, serde::Deserialize)]
pub struct PageSignals {
    pub url: String,
    pub title: String,
    /// h1-h3 / role=heading texts.
    pub headings: Vec<String>,
    /// Visible text of each role=dialog / `<dialog>`.
    pub dialogs: Vec<String>,
    /// Visible text of each `<form>` (labels, questions, buttons) with no field to fill, of alerts and status
    /// regions, or of the main region if there is no form.
    pub form_texts: Vec<String>,
    /// Visible text of each `<form>` that shows a field to fill (other than the e-mail code step's): the form's
    /// own words, read for the AI question but never as Meta's answer, since a form's introduction may say what
    /// Meta does with an objection in the confirmation's words.
    #[serde(default)]
    pub filled_form_texts: Vec<String>,
    /// Whether inputs, textareas or selects are present.
    pub has_form_controls: bool,
    /// Visible text of each entry of a notifications list (see [`notification_entry_selector`]).
    #[serde(default)]
    pub notifications: Vec<String>,
    /// Where the links of each rendered dialog lead (not those of the posts or comments it shows).
    #[serde(default)]
    pub dialog_links: Vec<String>,
}

/// The verdict on a page.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PageClass {
    pub kind: PageKind,
    /// The Meta site, whenever the URL is on an exact Meta host (also for `other`).
    pub site: Option<Site>,
    /// The contact form id for form kinds and `objection-sent`.
    pub form_id: Option<String>,
    /// Language code of the wording that matched (notice, generic question or confirmation), if any did.
    pub language: Option<&'static str>,
}

impl PageClass {
    fn other(site: Option<Site>) -> PageClass {
        PageClass {
            kind: PageKind::Other,
            site,
            form_id: None,
            language: None,
        }
    }
}

// ---- matching ---------------------------------------------------------------------------------------------------

/// Text normalised for phrase matching ([`normalize_text`]: words separated by single spaces, punctuation a word
/// break, Latin accents folded), so "l'IA" and "l’IA" agree, "SI." matches "SI" and "oposicion" matches "oposición".
/// The phrases of the rules are stored normalised the same way.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Words(String);

impl Words {
    fn new(text: &str) -> Words {
        Words(normalize_text(text))
    }

    /// Whether the normalised `phrase` occurs in this text as whole words.
    fn contains(&self, phrase: &str) -> bool {
        contains_words(&self.0, phrase)
    }
}

impl AllOf {
    fn matches(&self, text: &Words) -> bool {
        self.groups
            .iter()
            .all(|group| group.iter().any(|phrase| text.contains(phrase)))
    }
}

fn pages() -> &'static Pages {
    &PAGES
}

impl Pages {
    /// The language of the first notice wording found in any of `texts`; verbatim headlines are tried before phrase
    /// rules, so a known headline always names its own language.
    fn notice_language(&'static self, texts: &[Words]) -> Option<&'static str> {
        let exact = self.notice.iter().find(|wording| {
            wording
                .exact
                .iter()
                .any(|headline| texts.iter().any(|text| text.contains(headline)))
        });
        let by_phrases = || {
            self.notice.iter().find(|wording| {
                wording
                    .all_of
                    .iter()
                    .any(|rule| texts.iter().any(|text| rule.matches(text)))
            })
        };
        exact.or_else(by_phrases).map(|wording| wording.language)
    }

    fn phrase_language(
        matchers: &'static [PhraseMatcher],
        texts: &[Words],
    ) -> Option<&'static str> {
        matchers
            .iter()
            .find(|matcher| texts.iter().any(|text| text.contains(matcher.phrase)))
            .map(|matcher| matcher.language)
    }

    /// The site whose form it is and the form id, if `url` is a contact form route followed by a numeric id (and
    /// at most a trailing '/').
    fn contact_form_id<'a>(&self, url: &MetaUrl, path: &'a str) -> Option<(Site, &'a str)> {
        self.contact_routes
            .iter()
            .filter(|route| applies(route.site, route.host, url))
            .find_map(|route| {
                let rest = path.strip_prefix(route.path_prefix)?;
                let id = rest.strip_suffix('/').unwrap_or(rest);
                (!id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
                    .then_some((route.forms_of, id))
            })
    }

    fn is_privacy_page(&self, url: &MetaUrl, path: &str) -> bool {
        is_listed_page(self.privacy_pages, url, path)
    }

    fn known_form(&self, site: Site, id: &str) -> Option<&ContactForm> {
        self.contact_forms
            .iter()
            .find(|form| form.site == site && form.id == id)
    }
}

/// Whether `path` (lowercase) is one of `pages` on the host of `url`, one trailing '/' ignored.
fn is_listed_page(pages: &[ListedPage], url: &MetaUrl, path: &str) -> bool {
    let path = if path.len() > 1 {
        path.strip_suffix('/').unwrap_or(path)
    } else {
        path
    };
    pages
        .iter()
        .any(|page| applies(page.site, page.host, url) && page.path == path)
}

/// Whether a rule for `site` (and, if given, only `host`) applies to `url`.
fn applies(site: Site, host: Option<&str>, url: &MetaUrl) -> bool {
    site == url.site && host.map_or(true, |host| host == url.host)
}

/// Classifies a page from what the DOM layer read; see the module documentation for the order of the rules.
pub fn classify_page(signals: &PageSignals) -> PageClass {
    let Some(url) = parse_meta_url(&signals.url) else {
        return PageClass::other(None);
    };
    let pages = pages();
    let path = url.path.to_ascii_lowercase();
    let notifications: Vec<String> = signals
        .notifications
        .iter()
        .map(|entry| entry_own_words(entry))
        .collect();
    let notice_texts: Vec<Words> = std::iter::once(&signals.title)
        .chain(&signals.headings)
        .chain(&signals.dialogs)
        .chain(&notifications)
        .map(|text| Words::new(text))
        .collect();

    if let Some((form_site, form_id)) = pages.contact_form_id(&url, &path) {
        let answer_texts: Vec<Words> = notice_texts
            .iter()
            .cloned()
            .chain(signals.form_texts.iter().map(|text| Words::new(text)))
            .collect();
        let all_texts: Vec<Words> = answer_texts
            .iter()
            .cloned()
            .chain(
                signals
                    .filled_form_texts
                    .iter()
                    .map(|text| Words::new(text)),
            )
            .collect();
        return classify_contact_form(pages, form_site, form_id, &all_texts, &answer_texts);
    }
    if pages.is_privacy_page(&url, &path) {
        return PageClass {
            kind: PageKind::AiNotice,
            site: Some(url.site),
            form_id: None,
            language: pages.notice_language(&notice_texts),
        };
    }
    let language = pages.notice_language(&notice_texts);
    // Meta's notice links to its objection form, or to its page on AI and people's information, whatever its
    // wording: a dialog of Meta's own (not a post it shows) that does so is the notice, in a language whose words
    // no pack has yet.
    if language.is_some() || signals.dialog_links.iter().any(|href| is_notice_link(href)) {
        PageClass {
            kind: PageKind::AiNotice,
            site: Some(url.site),
            form_id: None,
            language,
        }
    } else {
        PageClass::other(Some(url.site))
    }
}

/// Whether `href` is a link Meta's notice carries whatever its wording: to an objection form, or to Meta's page on
/// AI and people's information.
pub fn is_notice_link(href: &str) -> bool {
    leads_to_objection_form(href) || leads_to_privacy_page(href)
}

/// Whether `href` is one of Meta's pages on AI and people's information (`privacy_pages`), on an exact Meta host.
fn leads_to_privacy_page(href: &str) -> bool {
    parse_meta_url(href)
        .is_some_and(|url| pages().is_privacy_page(&url, &url.path.to_ascii_lowercase()))
}

/// Whether `href` is the address of one of Meta's objection forms, on an exact Meta host.
fn leads_to_objection_form(href: &str) -> bool {
    contact_form_of(href).is_some_and(|(site, id)| {
        pages()
            .known_form(site, &id)
            .is_some_and(|form| form.kind.is_objection_form())
    })
}

/// A contact form: known ids by their data, unknown ones only when they ask the generic AI question (in `texts`,
/// everything the page shows).
///
/// A confirmation only counts on an objection form, and only in `answer_texts` (not in a form still to be filled):
/// a random form saying "we received your request" is not our objection. After the generic form is sent its
/// question may disappear; the page is then `other`, and the DOM layer (which saw the form before) is the one to
/// remember that the objection went out.
fn classify_contact_form(
    pages: &'static Pages,
    site: Site,
    form_id: &str,
    texts: &[Words],
    answer_texts: &[Words],
) -> PageClass {
    let sent_language = || Pages::phrase_language(pages.objection_sent, answer_texts);
    match pages.known_form(site, form_id) {
        Some(form) if form.kind.is_objection_form() => match sent_language() {
            Some(language) => form_class(PageKind::ObjectionSent, site, form_id, Some(language)),
            None => form_class(form.kind, site, form_id, None),
        },
        Some(form) => form_class(form.kind, site, form_id, None),
        None => match Pages::phrase_language(pages.generic_question, texts) {
            None => PageClass::other(Some(site)),
            Some(question_language) => match sent_language() {
                Some(language) => {
                    form_class(PageKind::ObjectionSent, site, form_id, Some(language))
                }
                None => form_class(
                    PageKind::ObjectionFormGeneric,
                    site,
                    form_id,
                    Some(question_language),
                ),
            },
        },
    }
}

fn form_class(
    kind: PageKind,
    site: Site,
    form_id: &str,
    language: Option<&'static str>,
) -> PageClass {
    PageClass {
        kind,
        site: Some(site),
        form_id: Some(form_id.to_string()),
        language,
    }
}

/// For any single text block: does this text read as Meta's AI-training notice? Returns the wording's language code.
pub fn ai_notice_language(text: &str) -> Option<&'static str> {
    pages().notice_language(&[Words::new(text)])
}

/// Whether an entry of a notifications list reads as Meta's AI-training notice in its own words.
pub fn entry_reads_as_notice(entry: &str) -> bool {
    ai_notice_language(&entry_own_words(entry)).is_some()
}

/// What a notifications entry says itself: what it quotes ("X commented: "…"") is someone's words, not Meta's.
fn entry_own_words(entry: &str) -> String {
    without_quotations(entry)
}

/// A confirmation (or the 2024 e-mail code step) found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SentText {
    pub language: &'static str,
    pub answer: MetaAnswer,
}

/// Does this text block say that an objection went out (`objection_sent` in the rules)? Counts only where the page
/// is an objection form; the DOM layer uses it to find the block to keep as evidence, and how far the objection got.
pub fn objection_sent_in(text: &str) -> Option<SentText> {
    let words = Words::new(text);
    pages()
        .objection_sent
        .iter()
        .find(|matcher| words.contains(matcher.phrase))
        .map(|matcher| SentText {
            language: matcher.language,
            answer: matcher.stage,
        })
}

/// The Meta site and form id when `url` is a contact form route (`/help/contact/<id>` and the like), known or not.
/// The DOM layer reads a form page's text only there.
pub fn contact_form_of(url: &str) -> Option<(Site, String)> {
    let url = parse_meta_url(url)?;
    let path = url.path.to_ascii_lowercase();
    pages()
        .contact_form_id(&url, &path)
        .map(|(site, id)| (site, id.to_string()))
}

/// The Meta site of `url` when it is a page a help form's Send leads to (the mobile form posts to its own
/// address), where Meta's confirmation of the objection this tab sent may be shown.
pub fn submission_page_site(url: &str) -> Option<Site> {
    let url = parse_meta_url(url)?;
    let path = url.path.to_ascii_lowercase();
    is_listed_page(pages().submission_pages, &url, &path).then_some(url.site)
}

/// Whether `url` is a page that is a notifications list as a whole (e.g. Facebook's `/notifications`).
pub fn is_notifications_page(url: &str) -> bool {
    parse_meta_url(url).is_some_and(|url| {
        let path = url.path.to_ascii_lowercase();
        is_listed_page(pages().notification_pages, &url, &path)
    })
}

/// Whether a label (an aria-label or a heading) names a notifications list ("Notifications", "Meldingen", ...):
/// the whole label, not a word in it.
pub fn names_notifications_list(label: &str) -> bool {
    let label = Words::new(label);
    pages().notification_names.contains(&label.0.as_str())
}

/// CSS selector of one entry of a notifications list; the outermost match inside the list is the entry.
pub fn notification_entry_selector() -> &'static str {
    pages().notification_entry_selector
}

/// `rules/pages.json` with every pack's page wording, as written (with sources), for the tests.
#[cfg(test)]
fn page_rules() -> &'static crate::core::tables::load::pages::PageRules {
    static RULES: std::sync::OnceLock<crate::core::tables::load::pages::PageRules> =
        std::sync::OnceLock::new();
    RULES.get_or_init(|| {
        crate::core::tables::load::pages::page_rules_file(
            include_str!("../../rules/pages.json"),
            crate::core::lang::language_packs(),
        )
        .expect("the build read it")
    })
}

/// The generic route's questions as (language, text), for the form plan's test that it finds their radios.
#[cfg(test)]
pub(crate) fn generic_question_texts() -> Vec<(&'static str, &'static str)> {
    page_rules()
        .generic_question
        .iter()
        .map(|q| (q.language.as_str(), q.text.as_str()))
        .collect()
}

/// The objection form URL to open for a site (a button in our banner opens it), from rules data.
pub fn objection_form_url(site: Site) -> &'static str {
    pages()
        .objection_form_urls
        .iter()
        .find(|form| form.site == site)
        .map(|form| form.url)
        .expect("rules/pages.json lists an objection form URL for every site (checked by its validating test)")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{HashMap, HashSet};

    /// The languages the notice must be recognised in: the registry's `notice` role (project brief).
    fn required_languages() -> Vec<&'static str> {
        let required: Vec<&'static str> = crate::core::lang::registry()
            .with_role("notice")
            .map(|language| language.code.as_str())
            .collect();
        for brief in ["en", "nl", "de", "fr", "it", "es", "pl"] {
            assert!(
                required.contains(&brief),
                "the registry must require {brief}"
            );
        }
        required
    }

    fn page(url: &str) -> PageSignals {
        PageSignals {
            url: url.to_string(),
            title: "Facebook".to_string(),
            ..PageSignals::default()
        }
    }

    fn with_dialog(url: &str, dialog: &str) -> PageSignals {
        PageSignals {
            dialogs: vec![dialog.to_string()],
            ..page(url)
        }
    }

    fn with_form_text(url: &str, form_text: &str) -> PageSignals {
        PageSignals {
            form_texts: vec![form_text.to_string()],
            has_form_controls: true,
            ..page(url)
        }
    }

    fn kind(signals: &PageSignals) -> PageKind {
        classify_page(signals).kind
    }

    fn key(text: &str) -> String {
        Words::new(text).0
    }

    fn is_language_code(code: &str) -> bool {
        code.len() == 2 && code.bytes().all(|b| b.is_ascii_lowercase())
    }

    // ---- data validation ----------------------------------------------------------------------------------------

    #[test]
    fn rules_file_is_valid() {
        let rules = page_rules();
        assert!(!rules.notes.trim().is_empty(), "pages.json needs notes");

        for site in [Site::Facebook, Site::Instagram] {
            let urls: Vec<_> = rules
                .objection_form_urls
                .iter()
                .filter(|form| form.site == site)
                .collect();
            assert_eq!(urls.len(), 1, "exactly one objection form URL for {site:?}");
            assert!(!urls[0].source.trim().is_empty());
        }

        let mut prefixes = HashSet::new();
        for route in &rules.contact_routes {
            assert!(!route.source.trim().is_empty(), "{route:?} needs a source");
            assert!(
                route.path_prefix.starts_with('/') && route.path_prefix.ends_with('/'),
                "{route:?}"
            );
            assert_eq!(
                route.path_prefix,
                route.path_prefix.to_ascii_lowercase(),
                "{route:?} must be lowercase"
            );
            assert!(
                prefixes.insert((route.site, route.host.clone(), route.path_prefix.clone())),
                "{route:?} twice"
            );
            if let Some(host) = &route.host {
                assert_eq!(
                    crate::core::hosts::site_of_host(host),
                    Some(route.site),
                    "{route:?}: host of another site"
                );
                assert_eq!(host, &host.to_ascii_lowercase());
            }
        }

        let mut ids = HashSet::new();
        for form in &rules.contact_forms {
            assert!(!form.source.trim().is_empty(), "{form:?} needs a source");
            assert!(
                (6..=20).contains(&form.id.len()) && form.id.bytes().all(|b| b.is_ascii_digit()),
                "{form:?}: ids are numeric"
            );
            assert!(
                ids.insert((form.site, form.id.as_str())),
                "form {} listed twice for {:?}",
                form.id,
                form.site
            );
            let allowed = match form.site {
                Site::Facebook => [PageKind::ObjectionFormFacebook, PageKind::ThirdPartyForm],
                Site::Instagram => [PageKind::ObjectionFormInstagram, PageKind::ThirdPartyForm],
            };
            assert!(
                allowed.contains(&form.kind),
                "{form:?}: not a form kind of its site"
            );
            assert!(
                rules
                    .contact_routes
                    .iter()
                    .any(|route| route.forms_of.unwrap_or(route.site) == form.site),
                "{form:?}: its site has no contact route"
            );
        }

        let mut paths = HashSet::new();
        for privacy in &rules.privacy_pages {
            assert!(
                !privacy.source.trim().is_empty(),
                "{privacy:?} needs a source"
            );
            let path = &privacy.path;
            assert!(
                path.starts_with('/') && path.len() > 1 && !path.ends_with('/'),
                "{privacy:?}"
            );
            assert!(
                !path.contains(['?', '#']) && *path == path.to_ascii_lowercase(),
                "{privacy:?}"
            );
            assert!(
                paths.insert((privacy.site, privacy.host.clone(), path.clone())),
                "{privacy:?} twice"
            );
            if let Some(host) = &privacy.host {
                assert_eq!(
                    crate::core::hosts::site_of_host(host),
                    Some(privacy.site),
                    "{privacy:?}"
                );
            }
        }

        // Notice wordings: known languages once each, every phrase non-empty and unique, rules of two groups or more.
        let mut languages = HashSet::new();
        let mut exact_keys: HashMap<String, &str> = HashMap::new();
        let mut rule_keys: HashMap<Vec<Vec<String>>, &str> = HashMap::new();
        for wording in &rules.ai_notice {
            let language = wording.language.as_str();
            assert!(is_language_code(language), "bad language code {language:?}");
            assert!(
                languages.insert(language),
                "language {language} listed twice in ai_notice"
            );
            assert!(
                !(wording.exact.is_empty() && wording.all_of.is_empty()),
                "{language}: no notice wording"
            );
            for headline in &wording.exact {
                assert!(
                    !headline.source.trim().is_empty(),
                    "{headline:?} needs a source"
                );
                let headline_key = key(&headline.text);
                assert!(
                    headline_key.split(' ').count() >= 4,
                    "{headline:?}: too short to be a headline"
                );
                if let Some(other) = exact_keys.insert(headline_key, language) {
                    panic!(
                        "headline {:?} listed for {other} and {language}",
                        headline.text
                    );
                }
            }
            for rule in &wording.all_of {
                assert!(!rule.source.trim().is_empty(), "{rule:?} needs a source");
                assert!(
                    rule.groups.len() >= 2,
                    "{language}: {rule:?} would decide on one group alone"
                );
                let mut group_keys: Vec<Vec<String>> = Vec::new();
                for group in &rule.groups {
                    assert!(!group.is_empty(), "{language}: empty group in {rule:?}");
                    let mut keys: Vec<String> = group.iter().map(|phrase| key(phrase)).collect();
                    for (index, phrase_key) in keys.iter().enumerate() {
                        assert!(
                            !phrase_key.is_empty(),
                            "{language}: empty phrase in {rule:?}"
                        );
                        for other in &keys[index + 1..] {
                            let redundant = Words::new(phrase_key).contains(&Words::new(other).0)
                                || Words::new(other).contains(&Words::new(phrase_key).0);
                            assert!(
                                !redundant,
                                "{language}: {phrase_key:?} and {other:?} overlap in {rule:?}"
                            );
                        }
                    }
                    keys.sort();
                    group_keys.push(keys);
                }
                group_keys.sort();
                if let Some(other) = rule_keys.insert(group_keys, language) {
                    panic!("{rule:?} is listed for {other} and {language}");
                }
            }
        }
        for required in required_languages() {
            assert!(languages.contains(required), "ai_notice lacks {required}");
        }

        // Generic questions and confirmations: one meaning per phrase, none reads as something else.
        let mut meanings: HashMap<String, &str> =
            exact_keys.keys().map(|k| (k.clone(), "notice")).collect();
        let mut question_languages = HashSet::new();
        for (meaning, phrases) in [
            ("generic question", &rules.generic_question),
            ("sent", &rules.objection_sent),
        ] {
            for entry in phrases.iter() {
                assert!(is_language_code(&entry.language), "{entry:?}");
                assert!(!entry.source.trim().is_empty(), "{entry:?} needs a source");
                let entry_key = key(&entry.text);
                assert!(
                    entry_key.split(' ').count() >= 3,
                    "{entry:?}: too short to tell anything"
                );
                if let Some(other) = meanings.insert(entry_key, meaning) {
                    panic!("{:?} means both {other} and {meaning}", entry.text);
                }
                assert_eq!(
                    ai_notice_language(&entry.text),
                    None,
                    "{meaning} {:?} reads as the notice",
                    entry.text
                );
                if meaning == "generic question" {
                    question_languages.insert(entry.language.as_str());
                }
            }
        }
        for required in required_languages() {
            assert!(
                question_languages.contains(required),
                "generic_question lacks {required}"
            );
        }
        for question in pages().generic_question {
            for sent in pages().objection_sent {
                assert!(
                    !contains_words(question.phrase, sent.phrase)
                        && !contains_words(sent.phrase, question.phrase)
                );
            }
        }
        // A stage belongs to confirmations only; every required language has both stages.
        for question in &rules.generic_question {
            assert_eq!(
                question.stage, None,
                "{question:?}: a question has no stage"
            );
        }
        for stage in [MetaAnswer::Confirmed, MetaAnswer::CodeSent] {
            for required in required_languages() {
                assert!(
                    pages()
                        .objection_sent
                        .iter()
                        .any(|sent| sent.stage == stage && sent.language == required),
                    "objection_sent lacks a {stage:?} text in {required}"
                );
            }
        }

        // Notifications lists: sourced pages on the right site, whole-label names, a selector.
        let notifications = &rules.notifications;
        assert!(!notifications.source.trim().is_empty());
        assert!(!notifications.pages.is_empty());
        for list_page in &notifications.pages {
            assert!(!list_page.source.trim().is_empty(), "{list_page:?}");
            assert!(
                list_page.path.starts_with('/')
                    && !list_page.path.ends_with('/')
                    && list_page.path == list_page.path.to_ascii_lowercase(),
                "{list_page:?}"
            );
            if let Some(host) = &list_page.host {
                assert_eq!(
                    crate::core::hosts::site_of_host(host),
                    Some(list_page.site),
                    "{list_page:?}"
                );
            }
        }
        let mut names = HashSet::new();
        for name in &notifications.names {
            assert!(is_language_code(&name.language), "{name:?}");
            assert!(!name.source.trim().is_empty(), "{name:?} needs a source");
            assert_eq!(name.stage, None, "{name:?}");
            assert!(names.insert(key(&name.text)), "{name:?} twice");
            assert_eq!(ai_notice_language(&name.text), None, "{name:?}");
        }
        for required in required_languages() {
            let listed = notifications.names.iter().any(|n| n.language == required)
                // French uses the English word.
                || (required == "fr" && names.contains("notifications"));
            assert!(listed, "notifications names lack {required}");
        }
        let selector = notifications.entry_selector.trim();
        assert!(
            !selector.is_empty() && !selector.contains(['.', '#']),
            "{selector:?}: roles and tags only"
        );
    }

    #[test]
    fn objection_form_urls_are_the_documented_forms_and_classify_as_such() {
        assert_eq!(
            objection_form_url(Site::Facebook),
            "https://www.facebook.com/help/contact/712876720715583"
        );
        assert_eq!(
            objection_form_url(Site::Instagram),
            "https://help.instagram.com/contact/767264225370182"
        );
        for (site, kind_of_site) in [
            (Site::Facebook, PageKind::ObjectionFormFacebook),
            (Site::Instagram, PageKind::ObjectionFormInstagram),
        ] {
            let class = classify_page(&page(objection_form_url(site)));
            assert_eq!((class.kind, class.site), (kind_of_site, Some(site)));
        }
    }

    #[test]
    fn page_kind_names_match_their_serde_names() {
        for kind in PageKind::ALL {
            assert_eq!(
                serde_json::to_string(&kind).expect("serialises"),
                format!("\"{}\"", kind.as_str())
            );
        }
        assert_eq!(
            PageKind::ObjectionFormFacebook.as_str(),
            "objection-form-facebook"
        );
    }

    #[test]
    fn page_class_serialises_for_the_dom_layer() {
        let class = classify_page(&page(
            "https://www.facebook.com/help/contact/712876720715583",
        ));
        assert_eq!(
            serde_json::to_value(&class).expect("serialises"),
            serde_json::json!({"kind": "objection-form-facebook", "site": "facebook", "form_id": "712876720715583", "language": null})
        );
    }

    #[test]
    fn page_signals_deserialise_from_the_dom_layer() {
        let signals: PageSignals = serde_json::from_value(serde_json::json!({
            "url": "https://www.facebook.com/", "title": "Facebook", "headings": [],
            "dialogs": ["Erfahre, wie wir deine Informationen im Zuge der Verbesserung von KI bei Meta verwenden"],
            "form_texts": [], "has_form_controls": false
        }))
        .expect("valid signals");
        assert_eq!(classify_page(&signals).kind, PageKind::AiNotice);
    }

    // ---- URL rules ------------------------------------------------------------------------------------------------

    /// Every contact form in the data, with what it must be. Adding a form to the data without a line here fails.
    const FORMS: [(&str, &str, PageKind); 6] = [
        (
            "https://www.facebook.com/help/contact/712876720715583",
            "712876720715583",
            PageKind::ObjectionFormFacebook,
        ),
        (
            "https://www.facebook.com/help/contact/6359191084165019",
            "6359191084165019",
            PageKind::ObjectionFormFacebook,
        ),
        (
            "https://www.facebook.com/help/contact/510058597920541",
            "510058597920541",
            PageKind::ThirdPartyForm,
        ),
        (
            "https://www.facebook.com/help/contact/1266025207620918",
            "1266025207620918",
            PageKind::ThirdPartyForm,
        ),
        (
            "https://help.instagram.com/contact/767264225370182",
            "767264225370182",
            PageKind::ObjectionFormInstagram,
        ),
        (
            "https://help.instagram.com/contact/233964459562201",
            "233964459562201",
            PageKind::ObjectionFormInstagram,
        ),
    ];

    #[test]
    fn every_known_contact_form_id() {
        for (url, id, expected) in FORMS {
            let class = classify_page(&page(url));
            assert_eq!(class.kind, expected, "{url}");
            assert_eq!(class.form_id.as_deref(), Some(id), "{url}");
            assert_eq!(class.language, None, "{url}");
        }
        let tested: HashSet<&str> = FORMS.iter().map(|(_, id, _)| *id).collect();
        for form in &page_rules().contact_forms {
            assert!(
                tested.contains(form.id.as_str()),
                "form {} has no test line",
                form.id
            );
        }
    }

    #[test]
    fn facebook_forms_on_every_facebook_host() {
        for host in ["www", "web", "m", "nl-nl", "de-de", "fr-fr", "PL-PL"] {
            let url = format!("https://{host}.facebook.com/help/contact/712876720715583");
            assert_eq!(kind(&page(&url)), PageKind::ObjectionFormFacebook, "{url}");
        }
        assert_eq!(
            kind(&page("https://facebook.com/help/contact/712876720715583")),
            PageKind::ObjectionFormFacebook
        );
    }

    #[test]
    fn instagram_forms_on_facebook_hosts_are_instagrams() {
        for host in ["www", "web", "m", "tr-tr"] {
            let url =
                format!("https://{host}.facebook.com/help/instagram/contact/767264225370182/");
            let class = classify_page(&page(&url));
            assert_eq!(class.kind, PageKind::ObjectionFormInstagram, "{url}");
            assert_eq!(class.site, Some(Site::Instagram), "{url}");
            assert_eq!(class.form_id.as_deref(), Some("767264225370182"));
        }
        assert_eq!(
            contact_form_of("https://www.facebook.com/help/instagram/contact/233964459562201"),
            Some((Site::Instagram, "233964459562201".to_string()))
        );
        // Another of Instagram's forms there is no objection; nor is the route on Instagram's own hosts.
        for url in [
            "https://www.facebook.com/help/instagram/contact/606967319425038",
            "https://help.instagram.com/help/instagram/contact/767264225370182",
            "https://www.facebook.com/help/instagram/contact/712876720715583",
        ] {
            assert_eq!(kind(&page(url)), PageKind::Other, "{url}");
        }
    }

    #[test]
    fn instagram_forms_only_on_help_instagram() {
        for url in [
            "https://www.instagram.com/contact/767264225370182",
            "https://instagram.com/contact/767264225370182",
            "https://privacycenter.instagram.com/contact/767264225370182",
            "https://www.facebook.com/help/contact/767264225370182",
            "https://help.instagram.com/help/contact/712876720715583",
        ] {
            assert_eq!(kind(&page(url)), PageKind::Other, "{url}");
        }
    }

    #[test]
    fn form_urls_ignore_case_query_fragment_and_one_trailing_slash() {
        for url in [
            "https://www.facebook.com/help/contact/712876720715583/",
            "https://www.facebook.com/HELP/Contact/712876720715583",
            "https://WWW.FACEBOOK.COM/help/contact/712876720715583?ref=privacy#form",
            "https://www.facebook.com/help/contact/712876720715583/?locale=nl_NL",
            "HTTPS://www.facebook.com/help/contact/712876720715583",
        ] {
            assert_eq!(kind(&page(url)), PageKind::ObjectionFormFacebook, "{url}");
        }
        assert_eq!(
            kind(&page(
                "https://HELP.instagram.com/CONTACT/767264225370182/?x#y"
            )),
            PageKind::ObjectionFormInstagram
        );
    }

    #[test]
    fn malformed_form_paths_are_not_forms() {
        for url in [
            "https://www.facebook.com/help/contact/712876720715583/extra",
            "https://www.facebook.com/help/contact/712876720715583x",
            "https://www.facebook.com/help/contact/712876720715583//",
            "https://www.facebook.com/help/contact/",
            "https://www.facebook.com/help/contact",
            "https://www.facebook.com/help/contact/%37%31%32",
            "https://www.facebook.com/x/help/contact/712876720715583",
            "https://www.facebook.com/help/contacts/712876720715583",
        ] {
            let class = classify_page(&page(url));
            assert_eq!(
                (class.kind, class.form_id),
                (PageKind::Other, None),
                "{url}"
            );
        }
    }

    #[test]
    fn forms_on_http_or_lookalike_hosts_are_other_without_site() {
        for url in [
            "http://www.facebook.com/help/contact/712876720715583",
            "https://www.facebook.com.example.test/help/contact/712876720715583",
            "https://faceb00k.com/help/contact/712876720715583",
            "https://wwwfacebook.com/help/contact/712876720715583",
            "https://www.facebook.co/help/contact/712876720715583",
            "https://xn--facebook-abc.com/help/contact/712876720715583",
            "https://www.facebook.com:8443/help/contact/712876720715583",
            "https://help.instagram.com.evil.test/contact/767264225370182",
            "http://help.instagram.com/contact/767264225370182",
            "",
            "about:blank",
        ] {
            assert_eq!(classify_page(&page(url)), PageClass::other(None), "{url}");
        }
    }

    /// Every privacy page in the data. Adding one without a line here fails.
    const PRIVACY_PAGES: [&str; 5] = [
        "https://www.facebook.com/privacy/genai",
        "https://www.facebook.com/privacy/guide/genai",
        "https://privacycenter.instagram.com/privacy/genai",
        "https://privacycenter.instagram.com/privacy/guide/generative-ai",
        "https://privacycenter.instagram.com/legal/eu-ai-terms",
    ];

    #[test]
    fn every_privacy_page_is_the_notice_with_or_without_slash_and_query() {
        for url in PRIVACY_PAGES {
            for variant in [
                url.to_string(),
                format!("{url}/"),
                format!("{url}?entry_point=notification#top"),
                url.to_uppercase().replace("HTTPS://", "https://"),
            ] {
                let class = classify_page(&page(&variant));
                assert_eq!(
                    (class.kind, class.form_id, class.language),
                    (PageKind::AiNotice, None, None),
                    "{variant}"
                );
            }
        }
        assert_eq!(
            page_rules().privacy_pages.len(),
            PRIVACY_PAGES.len(),
            "privacy page without a test line"
        );
        for privacy in &page_rules().privacy_pages {
            assert!(
                PRIVACY_PAGES.iter().any(|url| url.ends_with(&privacy.path)),
                "{privacy:?} untested"
            );
        }
    }

    #[test]
    fn facebook_privacy_pages_on_every_facebook_host() {
        for url in [
            "https://m.facebook.com/privacy/genai/",
            "https://nl-nl.facebook.com/privacy/guide/genai",
            "https://web.facebook.com/privacy/genai",
        ] {
            assert_eq!(kind(&page(url)), PageKind::AiNotice, "{url}");
        }
    }

    #[test]
    fn privacy_pages_need_their_exact_path_and_host() {
        for url in [
            "https://www.facebook.com/privacy/genai/more",
            "https://www.facebook.com/privacy/genaix",
            "https://www.facebook.com/privacy/genai//",
            "https://www.facebook.com/privacy/guide/generative-ai",
            "https://www.facebook.com/legal/eu-ai-terms",
            "https://www.instagram.com/privacy/genai",
            "https://help.instagram.com/legal/eu-ai-terms",
            "https://privacycenter.instagram.com/privacy/guide/genai",
            "https://privacycenter.instagram.com/",
            "http://www.facebook.com/privacy/genai",
            "https://www.facebook.com.example.test/privacy/genai",
        ] {
            assert_ne!(kind(&page(url)), PageKind::AiNotice, "{url}");
        }
    }

    #[test]
    fn privacy_page_reports_the_notice_language_when_its_wording_is_shown() {
        let signals = PageSignals {
            headings: vec!["Découvrez comment nous utiliserons vos informations à mesure que nous améliorons l'IA de Meta".into()],
            ..page("https://www.facebook.com/privacy/genai")
        };
        assert_eq!(classify_page(&signals).language, Some("fr"));
    }

    // ---- notice text ----------------------------------------------------------------------------------------------

    /// Every verbatim headline in the data, with its language (from meta-facts.md). Adding one without a line fails.
    const HEADLINES: [(&str, &str); 8] = [
        ("en", "We're getting ready to expand our AI at Meta experiences"),
        ("de", "Erfahre, wie wir deine Informationen im Zuge der Verbesserung von KI bei Meta verwenden"),
        ("de", "Wir aktualisieren unsere Datenschutzrichtlinie, da wir KI bei Meta ausweiten"),
        ("fr", "Découvrez comment nous utiliserons vos informations à mesure que nous améliorons l'IA de Meta"),
        ("fr", "Nous planifions de nouvelles fonctionnalités d'IA pour vous"),
        ("it", "Scopri come useremo le tue informazioni mentre miglioriamo l'intelligenza artificiale (IA) in Meta"),
        ("pl", "Ulepszamy dla Ciebie funkcje SI. Dowiedz się, jak wykorzystamy Twoje informacje."),
        // Facts give the DE 2025 headline as subject; the same words as the in-app heading:
        ("de", "ERFAHRE, WIE WIR DEINE INFORMATIONEN IM ZUGE DER VERBESSERUNG VON KI BEI META VERWENDEN"),
    ];

    #[test]
    fn every_headline_in_every_language() {
        for (language, headline) in HEADLINES {
            assert_eq!(ai_notice_language(headline), Some(language), "{headline}");
            // As a heading, inside a dialog with more text, and in a notification entry with a time stamp.
            let heading = PageSignals {
                headings: vec![headline.into()],
                ..page("https://www.facebook.com/")
            };
            assert_eq!(
                classify_page(&heading).kind,
                PageKind::AiNotice,
                "{headline}"
            );
            assert_eq!(
                classify_page(&heading).language,
                Some(language),
                "{headline}"
            );
            let dialog = with_dialog(
                "https://www.instagram.com/",
                &format!("Meta\n{headline}\nMehr erfahren · OK"),
            );
            assert_eq!(
                classify_page(&dialog).kind,
                PageKind::AiNotice,
                "{headline}"
            );
            assert_eq!(
                ai_notice_language(&format!("{headline} · 2 Std.")),
                Some(language),
                "{headline}"
            );
        }
        for wording in &page_rules().ai_notice {
            for headline in &wording.exact {
                assert!(
                    HEADLINES
                        .iter()
                        .any(|(language, text)| *language == wording.language
                            && key(text) == key(&headline.text)),
                    "headline {:?} has no test line",
                    headline.text
                );
            }
        }
    }

    #[test]
    fn every_phrase_alternative_matches_and_every_group_is_needed() {
        for wording in &page_rules().ai_notice {
            for rule in &wording.all_of {
                for (group_index, group) in rule.groups.iter().enumerate() {
                    let others: Vec<&str> = rule
                        .groups
                        .iter()
                        .enumerate()
                        .filter(|(index, _)| *index != group_index)
                        .map(|(_, other)| other[0].as_str())
                        .collect();
                    for alternative in group {
                        let text =
                            format!("Lorem {alternative} ipsum {} dolor.", others.join(" sit "));
                        assert_eq!(
                            ai_notice_language(&text),
                            Some(wording.language.as_str()),
                            "{text:?}"
                        );
                    }
                    let without_group = format!("Lorem ipsum {} dolor.", others.join(" sit "));
                    assert_eq!(
                        ai_notice_language(&without_group),
                        None,
                        "{without_group:?} lacks a group"
                    );
                }
            }
        }
    }

    #[test]
    fn realistic_unseen_wordings_are_recognised() {
        for (language, text) in [
            // EN e-mail body from meta-facts.md (discuss.grapheneos.org), without its first sentence.
            ("en", "We'll use public information like public posts and comments from accounts of people 18 years or older on the basis of legitimate interests to develop and improve AI at Meta. You have the right to object."),
            ("en", "AI at Meta: you can object to how we use your information"),
            ("nl", "We gebruiken openbare informatie om AI bij Meta te verbeteren. Je kunt bezwaar maken."),
            ("de", "Du hast das Recht, Widerspruch einzulegen, wie wir deine Informationen für KI bei Meta verwenden."),
            ("fr", "Vous avez le droit de vous opposer à l’utilisation de vos informations pour l’IA de Meta."),
            ("it", "Hai il diritto di opporti all'uso delle tue informazioni per l'IA in Meta."),
            ("es", "Tienes derecho a oponerte al uso de tu información para la IA de Meta."),
            ("pl", "Ulepszamy dla Ciebie funkcje SI. Masz prawo wnieść sprzeciw."),
            // PL headline's two sentences shown as separate lines in one dialog.
            ("pl", "Ulepszamy dla Ciebie funkcje SI\nDowiedz się, jak wykorzystamy Twoje informacje"),
        ] {
            assert_eq!(ai_notice_language(text), Some(language), "{text}");
        }
    }

    #[test]
    fn one_common_word_or_one_group_is_never_enough() {
        for text in [
            "Meta",
            "AI",
            "AI at Meta",
            "Meta AI",
            "Try Meta AI: ask anything",
            "KI bei Meta",
            "object",
            "You can object to this ad",
            "bezwaar",
            "Widerspruch",
            "public posts and comments",
            "opposition",
            "funkcje SI",
            "SI",
            "sprzeciw",
            "Dowiedz się, jak wykorzystamy Twoje informacje",
            "Bezieht sich deine Anfrage auf KI bei Meta?",
            "We will honour your objection",
            "objects at Meta: an AI gallery",
            "",
            "   ",
        ] {
            assert_eq!(ai_notice_language(text), None, "{text:?}");
        }
    }

    #[test]
    fn phrases_match_whole_words_only() {
        // "objective" is not "object", "siła" is not "SI", "KI bei Metall" is not "KI bei Meta".
        assert_eq!(ai_notice_language("AI at Meta has one objective"), None);
        assert_eq!(ai_notice_language("KI bei Metall: Widerspruch"), None);
        assert_eq!(ai_notice_language("funkcje siłowni i sprzeciw"), None);
        assert_eq!(ai_notice_language("AI at Metadata: object"), None);
    }

    #[test]
    fn odd_unicode_in_notice_texts() {
        for (language, text) in [
            // No-break and narrow no-break spaces, line breaks, tabs.
            ("de", "Erfahre,\u{00A0}wie wir deine Informationen im\u{202F}Zuge der\nVerbesserung von KI bei\tMeta verwenden"),
            // Zero-width space inside a word, soft hyphen, bidi marks.
            ("de", "\u{200F}Wir aktuali\u{200B}sieren unsere Datenschutz\u{00AD}richtlinie, da wir KI bei Meta ausweiten\u{200E}"),
            // Typographic apostrophes.
            ("fr", "Découvrez comment nous utiliserons vos informations à mesure que nous améliorons l’IA de Meta"),
            ("fr", "Nous planifions de nouvelles fonctionnalités d‘IA pour vous"),
            ("en", "We’re getting ready to expand our AI at Meta experiences"),
            // Decomposed accents (NFD).
            ("fr", "De\u{0301}couvrez comment nous utiliserons vos informations a\u{0300} mesure que nous ame\u{0301}liorons l'IA de Meta"),
            ("pl", "Ulepszamy dla Ciebie funkcje SI. Dowiedz sie\u{0328}, jak wykorzystamy Twoje informacje."),
            // Missing punctuation and mixed case.
            ("it", "SCOPRI COME USEREMO LE TUE INFORMAZIONI MENTRE MIGLIORIAMO L INTELLIGENZA ARTIFICIALE IA IN META"),
            // Accents left off by the writer.
            ("es", "Tienes derecho a la oposicion: IA de Meta"),
        ] {
            assert_eq!(ai_notice_language(text), Some(language), "{text:?}");
        }
    }

    #[test]
    fn notice_text_on_an_ordinary_meta_page() {
        let class = classify_page(&with_dialog(
            "https://www.facebook.com/?sk=h_chr",
            "Erfahre, wie wir deine Informationen im Zuge der Verbesserung von KI bei Meta verwenden",
        ));
        assert_eq!(
            class,
            PageClass {
                kind: PageKind::AiNotice,
                site: Some(Site::Facebook),
                form_id: None,
                language: Some("de")
            }
        );
        let title = PageSignals {
            title: "Nous planifions de nouvelles fonctionnalités d'IA pour vous | Instagram".into(),
            ..page("https://www.instagram.com/accounts/notice/")
        };
        assert_eq!(classify_page(&title).kind, PageKind::AiNotice);
        assert_eq!(classify_page(&title).site, Some(Site::Instagram));
    }

    #[test]
    fn notice_text_only_counts_in_titles_headings_and_dialogs() {
        // The main region / form text of an ordinary page is not where the notice is shown.
        let signals = with_form_text(
            "https://www.facebook.com/",
            "Erfahre, wie wir deine Informationen im Zuge der Verbesserung von KI bei Meta verwenden",
        );
        assert_eq!(
            classify_page(&signals),
            PageClass::other(Some(Site::Facebook))
        );
    }

    #[test]
    fn ordinary_meta_pages_are_other_with_their_site() {
        assert_eq!(
            classify_page(&page("https://www.facebook.com/")),
            PageClass::other(Some(Site::Facebook))
        );
        assert_eq!(
            classify_page(&page("https://www.instagram.com/p/abc/")),
            PageClass::other(Some(Site::Instagram))
        );
    }

    #[test]
    fn notice_text_on_lookalike_or_http_pages_is_other_without_site() {
        for url in [
            "https://www.facebook.com.example.test/",
            "http://www.facebook.com/",
            "https://faceb00k.com/privacy/genai",
        ] {
            let signals = with_dialog(url, "Erfahre, wie wir deine Informationen im Zuge der Verbesserung von KI bei Meta verwenden");
            assert_eq!(classify_page(&signals), PageClass::other(None), "{url}");
        }
    }

    // ---- generic route and confirmations --------------------------------------------------------------------------

    const UNKNOWN_FORM: &str = "https://www.facebook.com/help/contact/540977946302970";

    #[test]
    fn every_generic_question_makes_an_unknown_form_generic() {
        for entry in &page_rules().generic_question {
            let signals = with_form_text(
                UNKNOWN_FORM,
                &format!("{}\nJa\nNein\nE-Mail-Adresse\nSenden", entry.text),
            );
            let class = classify_page(&signals);
            assert_eq!(class.kind, PageKind::ObjectionFormGeneric, "{}", entry.text);
            assert_eq!(class.form_id.as_deref(), Some("540977946302970"));
            assert_eq!(
                class.language,
                Some(entry.language.as_str()),
                "{}",
                entry.text
            );
            assert_eq!(class.site, Some(Site::Facebook));
        }
        // Verbatim from meta-facts.md (infranken.de), in a heading instead of the form, with odd spacing.
        let heading = PageSignals {
            headings: vec!["Bezieht\u{00A0}sich deine Anfrage auf KI bei Meta ?".into()],
            ..page("https://de-de.facebook.com/help/contact/540977946302970/")
        };
        assert_eq!(classify_page(&heading).language, Some("de"));
        assert_eq!(classify_page(&heading).kind, PageKind::ObjectionFormGeneric);
    }

    #[test]
    fn unknown_form_without_the_question_is_other() {
        for signals in [
            page(UNKNOWN_FORM),
            with_form_text(UNKNOWN_FORM, "Welche Daten möchtest du anfordern? E-Mail-Adresse Senden"),
            // Even a notice dialog over it does not make it something to fill.
            with_dialog(UNKNOWN_FORM, "Erfahre, wie wir deine Informationen im Zuge der Verbesserung von KI bei Meta verwenden"),
            // A confirmation without the question: we cannot know it was our objection.
            with_form_text(UNKNOWN_FORM, "We will honour your objection"),
        ] {
            assert_eq!(classify_page(&signals), PageClass::other(Some(Site::Facebook)), "{signals:?}");
        }
    }

    #[test]
    fn generic_question_on_a_non_form_page_does_nothing() {
        let signals = with_form_text(
            "https://www.facebook.com/privacy/policy/",
            "Bezieht sich deine Anfrage auf KI bei Meta?",
        );
        assert_eq!(kind(&signals), PageKind::Other);
    }

    #[test]
    fn every_confirmation_marks_an_objection_form_as_sent() {
        for entry in &page_rules().objection_sent {
            for (url, id) in [
                (
                    "https://www.facebook.com/help/contact/712876720715583",
                    "712876720715583",
                ),
                (
                    "https://m.facebook.com/help/contact/6359191084165019",
                    "6359191084165019",
                ),
                (
                    "https://help.instagram.com/contact/233964459562201",
                    "233964459562201",
                ),
            ] {
                let class = classify_page(&with_dialog(url, &format!("{}.", entry.text)));
                assert_eq!(class.kind, PageKind::ObjectionSent, "{url}: {}", entry.text);
                assert_eq!(class.form_id.as_deref(), Some(id));
                assert_eq!(class.language, Some(entry.language.as_str()));
            }
        }
    }

    #[test]
    fn documented_confirmations_in_context() {
        // IT success text and EN e-mail from meta-facts.md, as the page may show them.
        let italian = with_form_text(
            "https://www.facebook.com/help/contact/712876720715583",
            "Ciò significa che la tua richiesta verrà applicata d’ora in avanti allo sviluppo e al miglioramento dell’IA in Meta. Riceverai una e-mail con i dettagli.",
        );
        assert_eq!(
            (kind(&italian), classify_page(&italian).language),
            (PageKind::ObjectionSent, Some("it"))
        );
        let english = with_dialog(
            "https://help.instagram.com/contact/767264225370182",
            "We will honour your objection for your public information, such as public posts and comments.",
        );
        assert_eq!(
            (kind(&english), classify_page(&english).language),
            (PageKind::ObjectionSent, Some("en"))
        );
        let code_step = with_form_text(
            "https://www.facebook.com/help/contact/712876720715583",
            "Enter the code we sent to your email address",
        );
        assert_eq!(kind(&code_step), PageKind::ObjectionSent);
    }

    #[test]
    fn confirmation_on_a_generic_form_that_still_shows_its_question() {
        let signals = PageSignals {
            form_texts: vec!["Does your request relate to AI at Meta? Yes No".into()],
            dialogs: vec!["We will honour your objection".into()],
            ..page(UNKNOWN_FORM)
        };
        let class = classify_page(&signals);
        assert_eq!(
            (class.kind, class.form_id.as_deref(), class.language),
            (PageKind::ObjectionSent, Some("540977946302970"), Some("en"))
        );
    }

    #[test]
    fn a_form_still_to_fill_that_says_what_meta_does_is_no_answer() {
        let intro =
            "If you submit this form, we will honour your objection for your public information.";
        let filling = PageSignals {
            filled_form_texts: vec![intro.into()],
            ..page("https://www.facebook.com/help/contact/712876720715583")
        };
        assert_eq!(kind(&filling), PageKind::ObjectionFormFacebook);
        // The generic form's question still counts there, so an unknown id is still our form.
        let generic = PageSignals {
            filled_form_texts: vec![format!(
                "Does your request relate to AI at Meta? Yes No {intro}"
            )],
            ..page(UNKNOWN_FORM)
        };
        assert_eq!(kind(&generic), PageKind::ObjectionFormGeneric);
        // The same words where the page answers (a form with nothing left to fill, an alert) are Meta's answer.
        let answered = PageSignals {
            form_texts: vec![intro.into()],
            ..page("https://www.facebook.com/help/contact/712876720715583")
        };
        assert_eq!(kind(&answered), PageKind::ObjectionSent);
    }

    #[test]
    fn confirmations_elsewhere_do_not_count() {
        for url in [
            "https://www.facebook.com/help/contact/510058597920541",
            "https://www.facebook.com/help/contact/1266025207620918",
            "https://www.facebook.com/",
            "https://www.facebook.com/privacy/genai",
            "https://www.facebook.com.example.test/help/contact/712876720715583",
        ] {
            assert_ne!(
                kind(&with_dialog(url, "We will honour your objection")),
                PageKind::ObjectionSent,
                "{url}"
            );
        }
        assert_eq!(
            kind(&with_dialog(
                "https://www.facebook.com/help/contact/510058597920541",
                "We will honour your objection"
            )),
            PageKind::ThirdPartyForm
        );
    }

    #[test]
    fn the_form_wins_over_notice_words_on_its_own_page() {
        // The 2024 EN form title and the 2025 DE form title both read like the notice (AI at Meta + object words).
        for (url, title, expected) in [
            (
                "https://www.facebook.com/help/contact/712876720715583",
                "Object to Your Information Being Used for AI at Meta",
                PageKind::ObjectionFormFacebook,
            ),
            (
                "https://help.instagram.com/contact/767264225370182",
                "Einspruch gegen die Verwendung deiner Informationen für KI bei Meta",
                PageKind::ObjectionFormInstagram,
            ),
            (
                "https://www.facebook.com/help/contact/510058597920541",
                "Data Subject Rights for Third Party Information Used for AI at Meta: object",
                PageKind::ThirdPartyForm,
            ),
        ] {
            let signals = PageSignals {
                headings: vec![title.into()],
                ..page(url)
            };
            assert_eq!(kind(&signals), expected, "{url}");
        }
        assert_eq!(
            ai_notice_language("Object to Your Information Being Used for AI at Meta"),
            Some("en")
        );
    }

    #[test]
    fn a_dialog_linking_to_an_objection_form_or_the_ai_privacy_page_is_the_notice_whatever_its_words(
    ) {
        let dialog = |href: &str| PageSignals {
            dialogs: vec!["Vi förbättrar AI hos Meta".to_string()],
            dialog_links: vec![href.to_string()],
            ..page("https://www.instagram.com/")
        };
        for form in [
            "https://help.instagram.com/contact/767264225370182",
            "https://www.facebook.com/help/contact/712876720715583?ref=notice",
            // Meta's page on AI and people's information, which the notice's "Learn more" leads to.
            "https://www.facebook.com/privacy/genai/",
            "https://pt-pt.facebook.com/privacy/guide/genai",
            "https://privacycenter.instagram.com/privacy/genai/?entry=notice",
        ] {
            let class = classify_page(&dialog(form));
            assert_eq!(class.kind, PageKind::AiNotice, "{form}");
            assert_eq!(class.language, None);
        }
        for elsewhere in [
            "https://help.instagram.com/contact/233964459562201.evil.test",
            "https://facebook.com.evil.test/help/contact/712876720715583",
            "https://www.facebook.com/help/contact/1266025207620918",
            "https://www.instagram.com/accounts/edit/",
            "https://www.facebook.com/privacy/policy/",
            "https://www.facebook.com.evil.test/privacy/genai/",
            "https://www.instagram.com/privacy/genai/",
            "not a url",
        ] {
            assert_eq!(kind(&dialog(elsewhere)), PageKind::Other, "{elsewhere}");
        }
    }

    #[test]
    fn the_mobile_forms_submission_page_is_known_on_facebook_only() {
        for url in [
            "https://m.facebook.com/a/help/contact_us/",
            "https://m.facebook.com/a/help/contact_us/?fixture=x",
            "https://www.facebook.com/a/help/contact_us",
        ] {
            assert_eq!(submission_page_site(url), Some(Site::Facebook), "{url}");
            assert_eq!(
                kind(&page(url)),
                PageKind::Other,
                "{url}: a page of its own kind only by what it shows"
            );
        }
        for url in [
            "https://m.facebook.com/a/help/contact_us/more",
            "https://m.facebook.com.evil.test/a/help/contact_us/",
            "https://help.instagram.com/a/help/contact_us/",
            "https://m.facebook.com/help/contact/712876720715583",
        ] {
            assert_eq!(submission_page_site(url), None, "{url}");
        }
    }

    #[test]
    fn known_form_with_the_generic_question_keeps_its_kind() {
        let signals = with_form_text(
            "https://www.facebook.com/help/contact/1266025207620918",
            "Does your request relate to AI at Meta?",
        );
        assert_eq!(kind(&signals), PageKind::ThirdPartyForm);
    }

    // ---- notifications lists, confirmations for the DOM layer -------------------------------------------------

    #[test]
    fn a_notice_entry_in_the_notifications_list_is_the_notice() {
        let signals = PageSignals {
            notifications: vec![
                "Anna commented on your photo. 2 h".into(),
                "Ulepszamy dla Ciebie funkcje SI. Dowiedz się, jak wykorzystamy Twoje informacje. 1 dzień".into(),
            ],
            ..page("https://www.facebook.com/notifications")
        };
        let class = classify_page(&signals);
        assert_eq!(
            (class.kind, class.site, class.language),
            (PageKind::AiNotice, Some(Site::Facebook), Some("pl"))
        );
        let ordinary = PageSignals {
            notifications: vec![
                "Anna commented on your photo.".into(),
                "Meta AI: try it".into(),
            ],
            ..page("https://www.facebook.com/notifications")
        };
        assert_eq!(kind(&ordinary), PageKind::Other);
        // Someone's comment quoting the notice is their words.
        let quoting = PageSignals {
            notifications: vec![
                "Tom commented on your post: “Ulepszamy dla Ciebie funkcje SI. Dowiedz się, jak wykorzystamy Twoje informacje.” 5 h".into(),
            ],
            ..page("https://www.facebook.com/notifications")
        };
        assert_eq!(kind(&quoting), PageKind::Other);
    }

    #[test]
    fn notifications_pages_and_list_names() {
        for url in [
            "https://www.facebook.com/notifications",
            "https://m.facebook.com/notifications/",
            "https://nl-nl.facebook.com/Notifications?ref=bookmarks",
            "https://www.instagram.com/accounts/activity/",
        ] {
            assert!(is_notifications_page(url), "{url}");
        }
        for url in [
            "https://www.facebook.com/notifications/settings",
            "https://www.facebook.com.example.test/notifications",
            "https://help.instagram.com/notifications",
            "https://www.facebook.com/",
        ] {
            assert!(!is_notifications_page(url), "{url}");
        }
        for label in [
            "Notifications",
            "  meldingen ",
            "Benachrichtigungen",
            "Powiadomienia",
        ] {
            assert!(names_notifications_list(label), "{label}");
        }
        for label in [
            "Notification settings",
            "Turn on notifications",
            "Meldingen van Anna",
            "",
        ] {
            assert!(!names_notifications_list(label), "{label}");
        }
        assert!(notification_entry_selector().contains("listitem"));
    }

    #[test]
    fn sent_texts_say_how_far_the_objection_got() {
        assert_eq!(
            objection_sent_in(
                "Thank you. We will honour your objection for your public information."
            ),
            Some(SentText {
                language: "en",
                answer: MetaAnswer::Confirmed
            })
        );
        assert_eq!(
            objection_sent_in("Gib den Code ein, den wir dir per E-Mail gesendet haben. Code"),
            Some(SentText {
                language: "de",
                answer: MetaAnswer::CodeSent
            })
        );
        assert_eq!(
            objection_sent_in("Object to Your Information Being Used for AI at Meta"),
            None
        );
        for entry in &page_rules().objection_sent {
            let found = objection_sent_in(&format!("Meta: {}.", entry.text)).expect("found");
            assert_eq!(
                found.answer,
                entry.stage.unwrap_or(MetaAnswer::Confirmed),
                "{}",
                entry.text
            );
        }
        // A code step marks the form as sent too.
        let code = with_form_text(
            "https://www.facebook.com/help/contact/712876720715583",
            "Voer de code in die we naar je e-mailadres hebben gestuurd. Code Verzenden",
        );
        assert_eq!(kind(&code), PageKind::ObjectionSent);
    }

    #[test]
    fn contact_form_urls_with_their_ids() {
        assert_eq!(
            contact_form_of("https://de-de.facebook.com/help/contact/540977946302970/?x=1"),
            Some((Site::Facebook, "540977946302970".to_string()))
        );
        assert_eq!(
            contact_form_of("https://help.instagram.com/contact/767264225370182"),
            Some((Site::Instagram, "767264225370182".to_string()))
        );
        for url in [
            "https://www.instagram.com/contact/767264225370182",
            "https://www.facebook.com.example.test/help/contact/712876720715583",
            "https://www.facebook.com/help/contact/",
            "https://www.facebook.com/privacy/genai",
        ] {
            assert_eq!(contact_form_of(url), None, "{url}");
        }
    }
}
