//! `rules/pages.json` with the language packs' `ai_notice`, `generic_question`, `objection_sent` and
//! `notification_names` sections, as a table; every phrase normalised for matching.
use crate::core::tables::hosts::Site;

/// The kinds of page Bezwaar tells apart; the DOM layer shows the banner and fills forms from this.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PageKind {
    AiNotice,
    ObjectionFormFacebook,
    ObjectionFormInstagram,
    ObjectionFormGeneric,
    ThirdPartyForm,
    ObjectionSent,
    Other,
}

/// What Meta's page says after Send.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MetaAnswer {
    /// The objection is accepted (the 2025 form, or the 2024 form after the code was entered).
    Confirmed,
    /// The 2024 form sent a code by e-mail that still has to be entered.
    CodeSent,
}

/// The form our banner opens for a site.
#[derive(Debug)]
pub struct ObjectionFormUrl {
    pub site: Site,
    pub url: &'static str,
}

/// Where a site's contact forms live: `<path_prefix><numeric id>` with an optional trailing '/'.
#[derive(Debug)]
pub struct ContactRoute {
    pub site: Site,
    /// The one host the route is served on; `None` means every host of the site.
    pub host: Option<&'static str>,
    /// Lowercase, starts and ends with '/'.
    pub path_prefix: &'static str,
    /// The site whose forms the route serves: its own, or Instagram's on Facebook's hosts.
    pub forms_of: Site,
}

/// A known contact form id and what it is.
#[derive(Debug)]
pub struct ContactForm {
    pub site: Site,
    pub id: &'static str,
    pub kind: PageKind,
}

/// A page on one site (and, if given, only one host).
#[derive(Debug)]
pub struct ListedPage {
    pub site: Site,
    /// The one host the page is served on; `None` means every host of the site.
    pub host: Option<&'static str>,
    /// Lowercase, no trailing '/'.
    pub path: &'static str,
}

/// Every group must occur in the text; a group occurs when any one of its (normalised) alternatives does.
#[derive(Debug)]
pub struct AllOf {
    pub groups: &'static [&'static [&'static str]],
}

/// How the AI notice reads in one language.
#[derive(Debug)]
pub struct NoticeMatcher {
    pub language: &'static str,
    /// Verbatim headlines / subjects, normalised; one occurring in a text is enough.
    pub exact: &'static [&'static str],
    /// Phrase rules for wordings not seen yet.
    pub all_of: &'static [AllOf],
}

/// A normalised phrase of one language's pack.
#[derive(Debug)]
pub struct PhraseMatcher {
    pub language: &'static str,
    pub phrase: &'static str,
    pub stage: MetaAnswer,
}

#[derive(Debug)]
pub struct Pages {
    pub objection_form_urls: &'static [ObjectionFormUrl],
    pub contact_routes: &'static [ContactRoute],
    pub contact_forms: &'static [ContactForm],
    /// Privacy pages that explain AI at Meta (and link to the objection).
    pub privacy_pages: &'static [ListedPage],
    /// Pages a help form's Send leads to, where Meta's confirmation may be shown.
    pub submission_pages: &'static [ListedPage],
    /// Pages that are a notifications list as a whole.
    pub notification_pages: &'static [ListedPage],
    /// CSS selector of one entry inside a notifications list (the outermost match counts).
    pub notification_entry_selector: &'static str,
    /// In pack order.
    pub notice: &'static [NoticeMatcher],
    pub generic_question: &'static [PhraseMatcher],
    pub objection_sent: &'static [PhraseMatcher],
    /// What a notifications list is called (its aria-label or heading), in every language.
    pub notification_names: &'static [&'static str],
}
