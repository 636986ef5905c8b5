//! `rules/post_markup.json` with the language packs' `post_labels` and `own_profile`, as a table.
use crate::core::tables::audience::Visibility;

#[derive(Debug)]
pub struct PostMarkup {
    pub facebook: FacebookMarkup,
    pub instagram: InstagramMarkup,
}

#[derive(Debug)]
pub struct FacebookMarkup {
    /// Elements that are a post (or, nested in one, a comment or a re-shared post).
    pub post_containers: &'static [SelectorRule],
    /// Elements that are a post only when no post container encloses them (the classic layout's inner wrapper).
    pub fallback_containers: &'static [SelectorRule],
    /// Feed units (pagelets): a post when no container is inside and it shows an audience label.
    pub feed_units: SelectorRule,
    /// A post opened over the page: a post when every container in it is a comment and its header shows an icon.
    pub dialog_posts: SelectorRule,
    /// Audience indicators that make a post of the story around them even when no container is recognised.
    pub orphan_indicators: SelectorRule,
    /// What a story's text is in; marks the story around an orphan indicator.
    pub story_text_blocks: SelectorRule,
    /// A post's message, below its header: an icon in or after it is not the post's audience.
    pub message_blocks: SelectorRule,
    /// Author lines: a post's own, or those of a post it re-shares (whose audience is not the post's).
    pub headings: SelectorRule,
    pub sponsored_containers: &'static [SelectorRule],
    pub sponsored_links: SelectorRule,
    /// The "Sponsored" marker's words: every language pack's `post_labels.sponsored`.
    pub sponsored_labels: LabelList,
    /// The first words of a comment's aria-label: every language pack's `post_labels.comment`.
    pub comment_labels: LabelList,
    pub comment_links: SelectorRule,
    /// Links to a post's own address: its time.
    pub post_links: SelectorRule,
    /// Icons that are an audience indicator even when no rule knows their label.
    pub audience_icons: SelectorRule,
    /// Links that are the audience indicator itself; an icon in any other link is something else.
    pub indicator_links: SelectorRule,
    /// Audience icons known by their drawing, whatever the language of their label.
    pub audience_glyphs: &'static [AudienceGlyph],
    /// Icons known by their drawing that are never an audience indicator (a verified badge beside the author).
    pub other_glyphs: &'static [OtherGlyph],
    pub audience_sources: &'static [AudienceSource],
    /// First path segments that are site sections, not a profile; only a profile is looked at for being one's own.
    pub non_profile_paths: LabelList,
    /// The page's own controls (outside any post) where the "Edit profile" control of one's own profile is.
    pub own_profile_controls: SelectorRule,
    /// The name of that control: every language pack's `own_profile.edit_profile`.
    pub own_profile_labels: LabelList,
    /// Where a post's date is written in a form that needs no language, in rule order.
    pub post_dates: &'static [DateSource],
}

/// An icon known by its shape: an SVG with this view box holding paths that begin with every one of `path_starts`
/// (both with runs of white space collapsed to one space).
#[derive(Debug)]
pub struct AudienceGlyph {
    pub meaning: Visibility,
    pub view_box: &'static str,
    pub path_starts: &'static [&'static str],
}

/// An icon known by its shape, as [`AudienceGlyph`], that means no audience.
#[derive(Debug)]
pub struct OtherGlyph {
    pub view_box: &'static str,
    pub path_starts: &'static [&'static str],
}

#[derive(Debug)]
pub struct InstagramMarkup {
    /// Tried in order; the first that matches is the account's header.
    pub profile_headers: &'static [SelectorRule],
    pub post_links: SelectorRule,
    pub embedded_json: SelectorRule,
    pub notice_region: SelectorRule,
    pub non_profile_paths: LabelList,
    /// A profile's tabs (second path segments) that show the account's own posts, as its main grid does.
    pub own_post_tabs: LabelList,
    /// A link in the account's header that only the account's owner is shown.
    pub own_account_links: SelectorRule,
}

#[derive(Debug)]
pub struct SelectorRule {
    pub selector: &'static str,
}

#[derive(Debug)]
pub struct LabelList {
    pub labels: &'static [&'static str],
    /// `labels` normalised: they are compared with page text for every post.
    pub normalized: &'static [&'static str],
}

/// Where an audience label is read from on a matching element.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LabelSource {
    AriaLabel,
    Title,
    DataTooltipContent,
    /// The element's own text (an SVG `<title>` child).
    Text,
    /// The last comma-separated part of an aria-label of three or more parts ("<author>, <time>, <audience>").
    AriaLabelLastPart,
}

#[derive(Debug)]
pub struct AudienceSource {
    pub selector: &'static str,
    pub read: LabelSource,
}

/// An element that holds a post's date in an attribute.
#[derive(Debug)]
pub struct DateSource {
    pub selector: &'static str,
    pub attribute: &'static str,
    pub format: DateFormat,
}

/// How a date attribute is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateFormat {
    /// Seconds since 1970-01-01 UTC.
    UnixSeconds,
    /// An ISO 8601 date, or date and time (`2025-03-05`, `2025-03-05T10:00:00.000Z`).
    Iso8601,
}
