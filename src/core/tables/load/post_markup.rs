//! Reads `rules/post_markup.json` and the language packs' `post_labels` and `own_profile`.
use serde::Deserialize;

use super::{leak_slice, leak_str, leak_strs, pack_sections, parse, RulesError};
use crate::core::tables::audience::Visibility;
use crate::core::tables::post_markup as table;
use crate::core::tables::post_markup::{DateFormat, LabelSource};
use crate::core::text::{collapse_spaces, normalize_text};
use crate::{bake_enum, bake_struct};

pub const FILE: &str = "rules/post_markup.json";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostMarkupFile {
    pub notes: String,
    pub facebook: FacebookMarkup,
    pub instagram: InstagramMarkup,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FacebookMarkup {
    /// Elements that are a post (or, nested in one, a comment or a re-shared post).
    pub post_containers: Vec<SelectorRule>,
    /// Elements that are a post only when no post container encloses them (the classic layout's inner wrapper).
    pub fallback_containers: Vec<SelectorRule>,
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
    pub sponsored_containers: Vec<SelectorRule>,
    pub sponsored_links: SelectorRule,
    /// The "Sponsored" marker's words: every language pack's `post_labels.sponsored`.
    #[serde(skip)]
    pub sponsored_labels: LabelList,
    /// The first words of a comment's aria-label: every language pack's `post_labels.comment`.
    #[serde(skip)]
    pub comment_labels: LabelList,
    pub comment_links: SelectorRule,
    /// Links to a post's own address: its time.
    pub post_links: SelectorRule,
    /// Icons that are an audience indicator even when no rule knows their label.
    pub audience_icons: SelectorRule,
    /// Links that are the audience indicator itself; an icon in any other link is something else.
    pub indicator_links: SelectorRule,
    /// Audience icons known by their drawing, whatever the language of their label.
    pub audience_glyphs: Vec<AudienceGlyph>,
    /// Icons known by their drawing that are never an audience indicator, wherever they sit.
    pub other_glyphs: Vec<OtherGlyph>,
    pub audience_sources: Vec<AudienceSource>,
    /// First path segments that are site sections, not a profile; only a profile is looked at for being one's own.
    pub non_profile_paths: LabelList,
    /// The page's own controls (outside any post) where the "Edit profile" control of one's own profile is.
    pub own_profile_controls: SelectorRule,
    /// The name of that control: every language pack's `own_profile.edit_profile`.
    #[serde(skip)]
    pub own_profile_labels: LabelList,
    /// Where a post's date is written in a form that needs no language, in rule order.
    pub post_dates: Vec<DateSource>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DateSource {
    pub selector: String,
    pub attribute: String,
    pub format: DateFormat,
    pub source: String,
}

/// An icon known by its shape: an SVG with this view box holding paths that begin with every one of `path_starts`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AudienceGlyph {
    pub meaning: Visibility,
    pub view_box: String,
    pub path_starts: Vec<String>,
    pub source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OtherGlyph {
    /// What the icon is, for people reading the rules.
    pub name: String,
    pub view_box: String,
    pub path_starts: Vec<String>,
    pub source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InstagramMarkup {
    /// Tried in order; the first that matches is the account's header.
    pub profile_headers: Vec<SelectorRule>,
    pub post_links: SelectorRule,
    pub embedded_json: SelectorRule,
    pub notice_region: SelectorRule,
    pub non_profile_paths: LabelList,
    /// A profile's tabs (second path segments) that show the account's own posts, as its main grid does.
    pub own_post_tabs: LabelList,
    /// A link in the account's header that only the account's owner is shown.
    pub own_account_links: SelectorRule,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SelectorRule {
    pub selector: String,
    pub source: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelList {
    pub source: String,
    pub labels: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AudienceSource {
    pub selector: String,
    pub read: LabelSource,
    pub source: String,
}

/// The `post_labels` section of a language pack: the words of the "Sponsored" marker and of a comment's aria-label.
#[derive(Debug, Deserialize)]
pub struct PostLabelSection {
    pub post_labels: Option<PostLabels>,
    pub own_profile: Option<OwnProfileLabels>,
}

/// The `own_profile` section of a language pack: the name of the control Facebook shows on one's own profile only.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OwnProfileLabels {
    #[allow(dead_code)]
    pub source: String,
    #[allow(dead_code)]
    pub verified: bool,
    pub edit_profile: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostLabels {
    #[allow(dead_code)]
    pub source: String,
    #[allow(dead_code)]
    pub verified: bool,
    #[serde(default)]
    pub sponsored: Vec<String>,
    #[serde(default)]
    pub comment: Vec<String>,
}

/// Reads a post markup rules document (the build's is `rules/post_markup.json`) with the post labels of language
/// packs (the build's are `rules/lang/*.json`) added to its sponsored and comment label lists.
pub fn post_markup_file(json: &str, packs: &[(&str, &str)]) -> Result<PostMarkupFile, RulesError> {
    let mut markup: PostMarkupFile = parse(FILE, json)?;
    let facebook = &mut markup.facebook;
    for (_, section) in pack_sections::<PostLabelSection>(packs)? {
        if let Some(labels) = section.post_labels {
            facebook.sponsored_labels.labels.extend(labels.sponsored);
            facebook.comment_labels.labels.extend(labels.comment);
        }
        if let Some(own) = section.own_profile {
            facebook.own_profile_labels.labels.extend(own.edit_profile);
        }
    }
    for list in [&mut facebook.sponsored_labels, &mut facebook.comment_labels] {
        list.source = "the language packs' post_labels (rules/lang/<code>.json)".to_string();
    }
    facebook.own_profile_labels.source =
        "the language packs' own_profile (rules/lang/<code>.json)".to_string();
    Ok(markup)
}

/// [`post_markup_file`] as the table the core holds.
pub fn post_markup_from_json(
    json: &str,
    packs: &[(&str, &str)],
) -> Result<table::PostMarkup, RulesError> {
    let PostMarkupFile {
        facebook: f,
        instagram: i,
        ..
    } = post_markup_file(json, packs)?;
    let facebook = table::FacebookMarkup {
        post_containers: rules(f.post_containers),
        fallback_containers: rules(f.fallback_containers),
        feed_units: rule(f.feed_units),
        dialog_posts: rule(f.dialog_posts),
        orphan_indicators: rule(f.orphan_indicators),
        story_text_blocks: rule(f.story_text_blocks),
        message_blocks: rule(f.message_blocks),
        headings: rule(f.headings),
        sponsored_containers: rules(f.sponsored_containers),
        sponsored_links: rule(f.sponsored_links),
        sponsored_labels: list(f.sponsored_labels),
        comment_labels: list(f.comment_labels),
        comment_links: rule(f.comment_links),
        post_links: rule(f.post_links),
        audience_icons: rule(f.audience_icons),
        indicator_links: rule(f.indicator_links),
        audience_glyphs: leak_slice(
            f.audience_glyphs
                .into_iter()
                .map(|glyph| table::AudienceGlyph {
                    meaning: glyph.meaning,
                    view_box: leak_str(collapse_spaces(&glyph.view_box)),
                    path_starts: leak_strs(
                        glyph
                            .path_starts
                            .iter()
                            .map(|d| collapse_spaces(d))
                            .collect(),
                    ),
                })
                .collect(),
        ),
        other_glyphs: leak_slice(
            f.other_glyphs
                .into_iter()
                .map(|glyph| table::OtherGlyph {
                    view_box: leak_str(collapse_spaces(&glyph.view_box)),
                    path_starts: leak_strs(
                        glyph
                            .path_starts
                            .iter()
                            .map(|d| collapse_spaces(d))
                            .collect(),
                    ),
                })
                .collect(),
        ),
        audience_sources: leak_slice(
            f.audience_sources
                .into_iter()
                .map(|source| table::AudienceSource {
                    selector: leak_str(source.selector),
                    read: source.read,
                })
                .collect(),
        ),
        non_profile_paths: list(f.non_profile_paths),
        own_profile_controls: rule(f.own_profile_controls),
        own_profile_labels: list(f.own_profile_labels),
        post_dates: leak_slice(
            f.post_dates
                .into_iter()
                .map(|date| table::DateSource {
                    selector: leak_str(date.selector),
                    attribute: leak_str(date.attribute),
                    format: date.format,
                })
                .collect(),
        ),
    };
    let instagram = table::InstagramMarkup {
        profile_headers: rules(i.profile_headers),
        post_links: rule(i.post_links),
        embedded_json: rule(i.embedded_json),
        notice_region: rule(i.notice_region),
        non_profile_paths: list(i.non_profile_paths),
        own_post_tabs: list(i.own_post_tabs),
        own_account_links: rule(i.own_account_links),
    };
    Ok(table::PostMarkup {
        facebook,
        instagram,
    })
}

fn rule(rule: SelectorRule) -> table::SelectorRule {
    table::SelectorRule {
        selector: leak_str(rule.selector),
    }
}

fn rules(rules: Vec<SelectorRule>) -> &'static [table::SelectorRule] {
    leak_slice(rules.into_iter().map(rule).collect())
}

fn list(list: LabelList) -> table::LabelList {
    let normalized = list.labels.iter().map(|l| normalize_text(l)).collect();
    table::LabelList {
        labels: leak_strs(list.labels),
        normalized: leak_strs(normalized),
    }
}

bake_struct!(table::PostMarkup {
    facebook,
    instagram
});
bake_struct!(table::FacebookMarkup {
    post_containers,
    fallback_containers,
    feed_units,
    dialog_posts,
    orphan_indicators,
    story_text_blocks,
    message_blocks,
    headings,
    sponsored_containers,
    sponsored_links,
    sponsored_labels,
    comment_labels,
    comment_links,
    post_links,
    audience_icons,
    indicator_links,
    audience_glyphs,
    other_glyphs,
    audience_sources,
    non_profile_paths,
    own_profile_controls,
    own_profile_labels,
    post_dates
});
bake_struct!(table::DateSource {
    selector,
    attribute,
    format
});
bake_enum!(DateFormat {
    UnixSeconds,
    Iso8601
});
bake_struct!(table::AudienceGlyph {
    meaning,
    view_box,
    path_starts
});
bake_struct!(table::OtherGlyph {
    view_box,
    path_starts
});
bake_struct!(table::InstagramMarkup {
    profile_headers,
    post_links,
    embedded_json,
    notice_region,
    non_profile_paths,
    own_post_tabs,
    own_account_links
});
bake_struct!(table::SelectorRule { selector });
bake_struct!(table::LabelList { labels, normalized });
bake_struct!(table::AudienceSource { selector, read });
bake_enum!(Visibility {
    Public,
    Limited,
    Unknown
});
bake_enum!(LabelSource {
    AriaLabel,
    Title,
    DataTooltipContent,
    Text,
    AriaLabelLastPart
});
