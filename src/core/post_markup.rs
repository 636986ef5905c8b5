//! Where posts and audience indicators sit in Meta's markup (`rules/post_markup.json`). Pure data for the DOM layer:
//! the selectors are validated here so that a rule edit that reaches for a generated class name fails a test.
pub use crate::core::tables::post_markup::{
    AudienceGlyph, AudienceSource, DateFormat, DateSource, FacebookMarkup, InstagramMarkup,
    LabelList, LabelSource, PostMarkup, SelectorRule,
};
use crate::core::tables::POST_MARKUP;
use crate::core::text::collapse_spaces;
use crate::core::visibility::{audience_of_label, Visibility};

/// A drawing's `viewBox` and path data with runs of white space made one space, as the rules store them.
fn collapsed_drawing<S: AsRef<str>>(view_box: &str, paths: &[S]) -> (String, Vec<String>) {
    (
        collapse_spaces(view_box),
        paths.iter().map(|d| collapse_spaces(d.as_ref())).collect(),
    )
}

/// Whether a drawing has the rule's view box and a path beginning with each of the rule's starts.
fn draws(rule_view_box: &str, path_starts: &[&str], view_box: &str, paths: &[String]) -> bool {
    rule_view_box == view_box
        && path_starts
            .iter()
            .all(|start| paths.iter().any(|d| d.starts_with(start)))
}

/// What a header label listing author, time and audience says of the audience.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderLabel<'a> {
    /// The part that names it.
    Audience(&'a str),
    /// Two parts may name it: the post's audience is not known.
    Unclear,
}

/// What separates the parts of a header label ("<author>, <time>, <audience>"): a comma, or Arabic's.
const LABEL_PART_SEPARATORS: [char; 2] = [',', '\u{060C}'];
/// What separates a marker's parts ("Sponsored · Paid for by ..."): a middle dot or a bullet.
const MARKER_SEPARATORS: [char; 2] = ['\u{00B7}', '\u{2022}'];

impl InstagramMarkup {
    /// The user name of a profile page path (`/name/` or `/name`, or a tab of its own posts: `/name/reels/`), None
    /// for every other page.
    pub fn profile_username<'a>(&self, path: &'a str) -> Option<&'a str> {
        let mut segments = path.split('/').filter(|s| !s.is_empty());
        let first = segments.next()?;
        let valid = first
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_');
        let reserved = self
            .non_profile_paths
            .labels
            .iter()
            .any(|l| l.eq_ignore_ascii_case(first));
        let own_posts = match segments.next() {
            None => true,
            Some(tab) => {
                segments.next().is_none()
                    && self
                        .own_post_tabs
                        .labels
                        .iter()
                        .any(|l| l.eq_ignore_ascii_case(tab))
            }
        };
        (own_posts && valid && !reserved).then_some(first)
    }
}

impl LabelSource {
    /// The attribute to read, or None for the element's text.
    pub fn attribute(self) -> Option<&'static str> {
        match self {
            LabelSource::AriaLabel | LabelSource::AriaLabelLastPart => Some("aria-label"),
            LabelSource::Title => Some("title"),
            LabelSource::DataTooltipContent => Some("data-tooltip-content"),
            LabelSource::Text => None,
        }
    }
}

/// `rules/post_markup.json` with every pack's post labels, compiled in by `build.rs`.
pub fn post_markup() -> &'static PostMarkup {
    &POST_MARKUP
}

impl FacebookMarkup {
    /// One selector matching any post container, for a single `querySelectorAll` / `closest`.
    pub fn post_selector(&self) -> String {
        join(self.post_containers.iter().map(|r| r.selector))
    }

    /// Post containers and fallback containers together: any element that may be a story of its own.
    pub fn any_container_selector(&self) -> String {
        join(
            self.post_containers
                .iter()
                .chain(self.fallback_containers)
                .map(|r| r.selector),
        )
    }

    pub fn fallback_selector(&self) -> String {
        join(self.fallback_containers.iter().map(|r| r.selector))
    }

    pub fn sponsored_selector(&self) -> String {
        join(self.sponsored_containers.iter().map(|r| r.selector))
    }

    /// One selector matching every element that may carry an audience label, so candidates come in document order.
    pub fn audience_selector(&self) -> String {
        join(self.audience_sources.iter().map(|s| s.selector))
    }

    /// Where to read labels on a candidate, each source once, in rule order.
    pub fn label_sources(&self) -> Vec<LabelSource> {
        let mut sources = Vec::new();
        for s in self.audience_sources {
            if !sources.contains(&s.read) {
                sources.push(s.read);
            }
        }
        sources
    }

    /// What an SVG icon's drawing says, from its `viewBox` and the `d` of its paths in document order. Only a
    /// drawing listed in the rules means anything; spacing inside the attributes does not matter.
    pub fn glyph_meaning<S: AsRef<str>>(&self, view_box: &str, paths: &[S]) -> Option<Visibility> {
        let (view_box, paths) = collapsed_drawing(view_box, paths);
        self.audience_glyphs
            .iter()
            .find(|glyph| draws(glyph.view_box, glyph.path_starts, &view_box, &paths))
            .map(|glyph| glyph.meaning)
    }

    /// Whether an SVG icon's drawing is one the rules know as no audience indicator (a verified badge).
    pub fn is_other_glyph<S: AsRef<str>>(&self, view_box: &str, paths: &[S]) -> bool {
        let (view_box, paths) = collapsed_drawing(view_box, paths);
        self.other_glyphs
            .iter()
            .any(|glyph| draws(glyph.view_box, glyph.path_starts, &view_box, &paths))
    }

    /// The part of a header label that names the audience when the label lists several things ("<author>, <time>,
    /// <audience>"): its last comma-separated part, for a label of three parts or more.
    pub fn last_label_part(label: &str) -> Option<&str> {
        let parts = label.split(LABEL_PART_SEPARATORS).count();
        (parts >= 3)
            .then(|| label.rsplit(LABEL_PART_SEPARATORS).next())
            .flatten()
            .map(str::trim)
            .filter(|part| !part.is_empty())
    }

    /// What a header label listing several things says of the audience. Its last part names the audience, unless an
    /// earlier part already names one: then the last part may be the end of that one's name ("Members of <group>"
    /// or "Friends; Except: <list>", whose names may hold a comma), and the label is unclear.
    pub fn header_label_audience(label: &str) -> Option<HeaderLabel<'_>> {
        let last = Self::last_label_part(label)?;
        let (earlier, _) = label.rsplit_once(LABEL_PART_SEPARATORS)?;
        let names_one_earlier = earlier
            .split(LABEL_PART_SEPARATORS)
            .any(|part| audience_of_label(part).is_some());
        Some(if names_one_earlier {
            HeaderLabel::Unclear
        } else {
            HeaderLabel::Audience(last)
        })
    }

    /// Whether a marker's text or label is "Sponsored": the whole of it, or its first part before a separator dot
    /// ("Sponsored · Paid for by ...", political ads' marker).
    pub fn is_sponsored_label(&self, text: &str) -> bool {
        let is_word = |text: &str| {
            let text = crate::core::text::normalize_text(text);
            !text.is_empty() && self.sponsored_labels.normalized.contains(&text.as_str())
        };
        is_word(text)
            || text
                .split_once(MARKER_SEPARATORS)
                .is_some_and(|(first, _)| is_word(first))
    }

    /// Whether a header label listing author, time and audience ("Shop, Sponsored, Public") names the post an ad in
    /// one of the parts after its author.
    pub fn lists_sponsored(&self, label: &str) -> bool {
        Self::last_label_part(label).is_some()
            && label
                .split(LABEL_PART_SEPARATORS)
                .skip(1)
                .any(|part| self.is_sponsored_label(part))
    }

    /// True when an element's aria-label names it a comment or a reply ("Comment by Ana Example 2 hours ago").
    pub fn is_comment_label(&self, aria_label: &str) -> bool {
        let label = crate::core::text::normalize_text(aria_label);
        !label.is_empty()
            && self
                .comment_labels
                .normalized
                .iter()
                .any(|start| crate::core::text::starts_with_words(&label, start))
    }

    /// Whether a post container inside a feed unit or a dialog is one of the post's comments: its own aria-label
    /// names it a comment in a language the packs know or, in any language, it is named by an aria-label of its own
    /// rather than by `aria-labelledby` (a post's article is named by its author line; a comment's by "Comment by
    /// ...", meta-facts.md, Seen in real pages).
    pub fn is_comment_container(&self, aria_label: Option<&str>, labelled_by: bool) -> bool {
        aria_label.is_some_and(|label| {
            self.is_comment_label(label) || (!labelled_by && !label.trim().is_empty())
        })
    }

    /// True when a page path may be a person's profile (`/name`, `/profile.php`, `/people/name/1`, with or without a
    /// tab): not the home feed, and not a site section.
    pub fn may_be_profile(&self, path: &str) -> bool {
        let Some(first) = path.split('/').find(|s| !s.is_empty()) else {
            return false;
        };
        !self
            .non_profile_paths
            .labels
            .iter()
            .any(|l| l.eq_ignore_ascii_case(first))
    }

    /// True when a control's name is that of the "Edit profile" control Facebook shows on one's own profile only
    /// (compared whole, so "Edit profile picture" is not it).
    pub fn is_edit_profile_label(&self, name: &str) -> bool {
        let name = crate::core::text::normalize_text(name);
        !name.is_empty() && self.own_profile_labels.normalized.contains(&name.as_str())
    }

    /// One selector matching every element that may hold a post's date, so candidates come in document order.
    pub fn date_selector(&self) -> String {
        join(self.post_dates.iter().map(|d| d.selector))
    }
}

fn join<'a>(selectors: impl Iterator<Item = &'a str>) -> String {
    selectors.collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::lang::language_packs;
    use crate::core::tables::load::post_markup::{self as load, post_markup_file, PostMarkupFile};
    use std::sync::OnceLock;

    /// Class names that are Facebook's own human-named hooks of the classic layout, not generated ones.
    const CLASSIC_CLASS_NAMES: [&str; 3] = [
        "fbPrivacyAudienceIndicator",
        "userContentWrapper",
        "userContent",
    ];

    /// Class names a selector uses (`.name`), for the no-generated-class-names rule.
    fn class_names(selector: &str) -> Vec<&str> {
        let mut names = Vec::new();
        let mut in_quotes = false;
        let bytes = selector.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'"' => in_quotes = !in_quotes,
                b'.' if !in_quotes => {
                    let start = i + 1;
                    let mut end = start;
                    while end < bytes.len()
                        && (bytes[end].is_ascii_alphanumeric()
                            || bytes[end] == b'_'
                            || bytes[end] == b'-')
                    {
                        end += 1;
                    }
                    names.push(&selector[start..end]);
                    i = end;
                    continue;
                }
                _ => {}
            }
            i += 1;
        }
        names
    }

    /// `rules/post_markup.json` as written (with the packs' post labels), to check what the table leaves out.
    fn markup_file() -> &'static PostMarkupFile {
        static FILE: OnceLock<PostMarkupFile> = OnceLock::new();
        FILE.get_or_init(|| {
            post_markup_file(
                include_str!("../../rules/post_markup.json"),
                language_packs(),
            )
            .expect("the build read it")
        })
    }

    fn all_rules() -> Vec<&'static load::SelectorRule> {
        let m = markup_file();
        let f = &m.facebook;
        let ig = &m.instagram;
        let mut all: Vec<&load::SelectorRule> = Vec::new();
        all.extend(&f.post_containers);
        all.extend(&f.fallback_containers);
        all.extend(&f.sponsored_containers);
        all.extend([
            &f.feed_units,
            &f.dialog_posts,
            &f.audience_icons,
            &f.indicator_links,
            &f.orphan_indicators,
            &f.story_text_blocks,
            &f.message_blocks,
            &f.headings,
            &f.sponsored_links,
            &f.comment_links,
            &f.post_links,
            &f.own_profile_controls,
        ]);
        all.extend(&ig.profile_headers);
        all.extend([
            &ig.post_links,
            &ig.embedded_json,
            &ig.notice_region,
            &ig.own_account_links,
        ]);
        all
    }

    fn all_selectors() -> Vec<&'static str> {
        let mut all: Vec<&str> = all_rules().iter().map(|r| r.selector.as_str()).collect();
        all.extend(
            post_markup()
                .facebook
                .audience_sources
                .iter()
                .map(|r| r.selector),
        );
        all.extend(post_markup().facebook.post_dates.iter().map(|d| d.selector));
        all
    }

    #[test]
    fn rules_parse_and_every_rule_names_its_source() {
        let m = markup_file();
        assert!(!m.notes.is_empty());
        assert!(!m.facebook.post_containers.is_empty());
        assert!(!m.instagram.profile_headers.is_empty());
        for rule in all_rules() {
            assert!(!rule.source.trim().is_empty(), "{}", rule.selector);
        }
        assert!(m
            .facebook
            .audience_sources
            .iter()
            .all(|r| !r.source.trim().is_empty()));
        assert!(m
            .facebook
            .post_dates
            .iter()
            .all(|r| !r.source.trim().is_empty()));
        for list in [
            &m.facebook.sponsored_labels,
            &m.facebook.comment_labels,
            &m.facebook.own_profile_labels,
            &m.facebook.non_profile_paths,
            &m.instagram.non_profile_paths,
        ] {
            assert!(!list.source.trim().is_empty());
            assert!(list
                .labels
                .iter()
                .all(|l| !crate::core::text::normalize_text(l).is_empty()));
        }
    }

    #[test]
    fn selectors_are_well_formed_and_never_use_generated_class_names() {
        for selector in all_selectors() {
            assert!(!selector.trim().is_empty());
            assert_eq!(
                selector.matches('[').count(),
                selector.matches(']').count(),
                "{selector}"
            );
            assert_eq!(selector.matches('"').count() % 2, 0, "{selector}");
            for class in class_names(selector) {
                assert!(
                    CLASSIC_CLASS_NAMES.contains(&class),
                    "{selector} uses class .{class}: anchor on roles, ARIA, links or text"
                );
            }
        }
    }

    #[test]
    fn class_name_scanner_ignores_dots_inside_attribute_values() {
        assert_eq!(
            class_names("a[href*=\"x.y\"].fbPrivacyAudienceIndicator"),
            vec!["fbPrivacyAudienceIndicator"]
        );
        assert_eq!(
            class_names("div.x1yztbdb > span.x4k7w5x"),
            vec!["x1yztbdb", "x4k7w5x"]
        );
    }

    #[test]
    fn union_selectors_keep_every_rule() {
        let f = &post_markup().facebook;
        for r in f.post_containers {
            assert!(f.post_selector().contains(r.selector));
            assert!(f.any_container_selector().contains(r.selector));
        }
        for r in f.fallback_containers {
            assert!(f.fallback_selector().contains(r.selector));
            assert!(f.any_container_selector().contains(r.selector));
            assert!(!f.post_selector().contains(r.selector));
        }
        for r in f.audience_sources {
            assert!(f.audience_selector().contains(r.selector));
        }
        let sources = f.label_sources();
        for read in [
            LabelSource::AriaLabel,
            LabelSource::Title,
            LabelSource::DataTooltipContent,
            LabelSource::Text,
            LabelSource::AriaLabelLastPart,
        ] {
            assert_eq!(
                sources.iter().filter(|s| **s == read).count(),
                1,
                "{read:?}"
            );
        }
        assert_eq!(LabelSource::Text.attribute(), None);
        assert_eq!(LabelSource::AriaLabel.attribute(), Some("aria-label"));
    }

    #[test]
    fn instagram_profile_paths_give_the_user_name_and_site_sections_give_none() {
        let ig = &post_markup().instagram;
        assert_eq!(ig.profile_username("/some.user_1/"), Some("some.user_1"));
        assert_eq!(ig.profile_username("/some.user_1"), Some("some.user_1"));
        for section in ig.non_profile_paths.labels {
            assert_eq!(
                ig.profile_username(&format!("/{section}/")),
                None,
                "{section}"
            );
        }
        assert_eq!(ig.profile_username("/p/Cx1/"), None);
        assert_eq!(ig.profile_username("/user/tagged/"), None);
        assert_eq!(ig.profile_username("/user/reels/"), Some("user"));
        assert_eq!(ig.profile_username("/user/reels/extra/"), None);
        assert_eq!(ig.profile_username("/p/reels/"), None);
        assert_eq!(ig.profile_username("/"), None);
        assert_eq!(ig.profile_username("/bad%20name/"), None);
    }

    #[test]
    fn sponsored_labels_match_in_every_listed_language_and_nothing_else() {
        let f = &post_markup().facebook;
        for label in f.sponsored_labels.labels {
            assert!(f.is_sponsored_label(label), "{label}");
            assert!(
                f.is_sponsored_label(&format!(" {}\u{200b}", label.to_uppercase())),
                "{label}"
            );
        }
        assert!(!f.is_sponsored_label("Shared with Public"));
        assert!(!f.is_sponsored_label(""));
    }

    #[test]
    fn a_marker_is_sponsored_with_an_icon_glyph_or_a_political_ad_s_payer_after_it() {
        let f = &post_markup().facebook;
        // An icon-font glyph (private use) drawn after the word is no letter of it.
        assert!(f.is_sponsored_label("Sponsored \u{F078B}"));
        assert!(f.is_sponsored_label("Sponsored\u{E000}"));
        assert!(f.is_sponsored_label("Sponsored · Paid for by Example Party"));
        assert!(f.is_sponsored_label("Sponsorowane • Opłacone przez Example"));
        // Only the first part decides, and only as a whole word.
        assert!(!f.is_sponsored_label("2 h · Sponsored"));
        assert!(!f.is_sponsored_label("Sponsored by my club · 2 h"));
        assert!(!f.is_sponsored_label("Sponsoredish"));
    }

    #[test]
    fn a_header_label_lists_sponsored_after_its_author() {
        let f = &post_markup().facebook;
        assert!(f.lists_sponsored("Shop Two, Sponsored, Public"));
        assert!(f.lists_sponsored("Sklep, Sponsorowane, Publiczne"));
        assert!(!f.lists_sponsored("Ana Example, 2 h, Public"));
        assert!(f.lists_sponsored("Shop Two, 2 h, Sponsored"));
        // Two parts are no header list, and the first part is the author's name.
        assert!(!f.lists_sponsored("Sponsored, Public"));
        assert!(!f.lists_sponsored("Sponsored, 2 h, Public"));
    }

    #[test]
    fn the_edit_profile_control_is_named_whole_in_every_listed_language() {
        let f = &post_markup().facebook;
        assert!(f.own_profile_labels.labels.contains(&"Edit profile"));
        assert!(f.own_profile_labels.labels.contains(&"Editar perfil"));
        for label in f.own_profile_labels.labels {
            assert!(f.is_edit_profile_label(label), "{label}");
            assert!(
                f.is_edit_profile_label(&format!(" {} ", label.to_uppercase())),
                "{label}"
            );
            // Other controls of a profile start with the same words; only the whole name is the owner's control.
            assert!(
                !f.is_edit_profile_label(&format!("{label} picture")),
                "{label}"
            );
        }
        for other in ["Add friend", "Message", "Follow", "Edit", "Profile", ""] {
            assert!(!f.is_edit_profile_label(other), "{other}");
        }
    }

    #[test]
    fn only_profile_paths_are_looked_at_for_the_users_own_profile() {
        let f = &post_markup().facebook;
        for path in [
            "/ana.example",
            "/ana.example/",
            "/ana.example/posts",
            "/profile.php",
            "/people/Ana-Example/1000123/",
        ] {
            assert!(f.may_be_profile(path), "{path}");
        }
        for path in [
            "",
            "/",
            "/groups/1234/",
            "/watch/",
            "/Marketplace",
            "/help/contact/712876720715583",
            "/permalink.php",
            "/search/top/",
        ] {
            assert!(!f.may_be_profile(path), "{path}");
        }
        for section in f.non_profile_paths.labels {
            assert!(!f.may_be_profile(&format!("/{section}/")), "{section}");
        }
    }

    #[test]
    fn post_dates_are_read_from_their_attribute_in_their_format() {
        use crate::core::own_profile::day_of;
        let f = &post_markup().facebook;
        let rule = |selector: &str| {
            f.post_dates
                .iter()
                .find(|d| d.selector == selector)
                .unwrap_or_else(|| panic!("{selector} is a date rule"))
        };
        let utime = rule("abbr[data-utime]");
        assert_eq!(utime.attribute, "data-utime");
        assert_eq!(
            day_of("1463572430", utime.format).as_deref(),
            Some("2016-05-18")
        );
        let time = rule("time[datetime]");
        assert_eq!(time.attribute, "datetime");
        assert_eq!(
            day_of("2025-03-05T10:00:00.000Z", time.format).as_deref(),
            Some("2025-03-05")
        );
        assert_eq!(
            f.date_selector(),
            "abbr[data-utime], time[datetime]",
            "one query finds every dated element in document order"
        );
    }

    #[test]
    fn comment_labels_match_whole_words_at_the_start_only() {
        let f = &post_markup().facebook;
        for label in f.comment_labels.labels {
            assert!(f.is_comment_label(label), "{label}");
            assert!(
                f.is_comment_label(&format!("{label} Ana Example 2 hours ago")),
                "{label}"
            );
        }
        assert!(f.is_comment_label("Comment by\u{a0}Ben Example 1 hour ago"));
        assert!(f.is_comment_label("\u{200f}Kommentar von Lena Schmidt"));
        assert!(f.is_comment_label("Comment"));
        assert!(!f.is_comment_label("Commentary on the news"));
        assert!(!f.is_comment_label("Ana Example"));
        assert!(!f.is_comment_label("Leave a comment"));
        assert!(!f.is_comment_label(""));
    }

    #[test]
    fn a_container_named_by_its_own_label_is_a_comment_in_any_language() {
        let f = &post_markup().facebook;
        assert!(f.is_comment_container(Some("Comment by Ana Example"), true));
        assert!(f.is_comment_container(Some("Athugasemd frá Pétri"), false));
        assert!(
            !f.is_comment_container(Some("Athugasemd frá Pétri"), true),
            "a post is named by aria-labelledby"
        );
        assert!(!f.is_comment_container(None, true));
        assert!(!f.is_comment_container(None, false));
        assert!(!f.is_comment_container(Some("  "), false));
    }

    /// The globe as the facts give it: the first path's start and the last, closing path.
    const GLOBE_FIRST: &str =
        "M109.5 408.5c0 3.23-2.04 5.983-4.903 7.036l.07-.036c1.167-1 1.814-2.967 2-3.834";
    const GLOBE_LAST: &str = "M110 408.5a8 8 0 1 1-16 0 8 8 0 0 1 16 0z";

    #[test]
    fn the_globe_is_public_however_its_attributes_are_spaced() {
        let f = &post_markup().facebook;
        assert_eq!(
            f.glyph_meaning("0 0 16 16", &[GLOBE_FIRST, "M104.617 415.536z", GLOBE_LAST]),
            Some(Visibility::Public)
        );
        assert_eq!(
            f.glyph_meaning(
                " 0  0 16\n16 ",
                &[GLOBE_FIRST.replace(' ', "  "), GLOBE_LAST.to_string()]
            ),
            Some(Visibility::Public)
        );
    }

    #[test]
    fn a_drawing_nobody_listed_decides_nothing() {
        let f = &post_markup().facebook;
        // Another view box, a missing path, another drawing, no paths at all.
        assert_eq!(
            f.glyph_meaning("0 0 20 20", &[GLOBE_FIRST, GLOBE_LAST]),
            None
        );
        assert_eq!(f.glyph_meaning("0 0 16 16", &[GLOBE_FIRST]), None);
        assert_eq!(f.glyph_meaning("0 0 16 16", &[GLOBE_LAST]), None);
        assert_eq!(
            f.glyph_meaning("0 0 16 16", &["M8 0a8 8 0 1 0 0 16A8 8 0 0 0 8 0z"]),
            None
        );
        assert_eq!(f.glyph_meaning::<&str>("0 0 16 16", &[]), None);
        // The start of a path must be the start of the drawing, not found inside another one.
        assert_eq!(
            f.glyph_meaning(
                "0 0 16 16",
                &[format!("M0 0{GLOBE_FIRST}"), GLOBE_LAST.to_string()]
            ),
            None
        );
    }

    #[test]
    fn every_glyph_names_its_source_and_a_drawing() {
        for glyph in &markup_file().facebook.audience_glyphs {
            assert!(!glyph.source.trim().is_empty());
            assert!(!glyph.view_box.trim().is_empty());
            assert!(glyph.path_starts.iter().all(|p| p.trim().len() >= 20));
        }
        for glyph in &markup_file().facebook.other_glyphs {
            assert!(!glyph.name.trim().is_empty() && !glyph.source.trim().is_empty());
            assert!(!glyph.view_box.trim().is_empty());
            assert!(glyph.path_starts.iter().all(|p| p.trim().len() >= 20));
        }
    }

    #[test]
    fn the_verified_badge_is_no_audience_icon_and_no_audience_glyph() {
        let f = &post_markup().facebook;
        let badge =
            "m106.853  922.354-3.5 3.5a.499.499 0 0 1-.706 0l-1.5-1.5a.5.5 0 1 1 .706-.708z";
        assert!(f.is_other_glyph("0 0 12  13", &[badge]));
        assert_eq!(f.glyph_meaning("0 0 12 13", &[badge]), None);
        assert!(!f.is_other_glyph("0 0 16 16", &[badge]));
        assert!(!f.is_other_glyph("0 0 16 16", &[GLOBE_FIRST, GLOBE_LAST]));
        assert!(!f.is_other_glyph::<&str>("0 0 12 13", &[]));
    }

    #[test]
    fn a_header_label_of_three_parts_or_more_names_its_audience_last() {
        let last = FacebookMarkup::last_label_part;
        assert_eq!(last("Ana Example, 2 h, Public group"), Some("Public group"));
        assert_eq!(last("سارة, ٣ س, مجموعة عامة"), Some("مجموعة عامة"));
        assert_eq!(last("سارة، ٣ س، مجموعة عامة"), Some("مجموعة عامة"));
        assert_eq!(last("Ana Example, Public"), None);
        assert_eq!(last("Public"), None);
        assert_eq!(last("Ana, 2 h, "), None);
    }

    #[test]
    fn a_header_label_whose_earlier_part_names_an_audience_is_unclear() {
        let read = FacebookMarkup::header_label_audience;
        assert_eq!(
            read("Ana Example, Yesterday, Public group"),
            Some(HeaderLabel::Audience("Public group"))
        );
        assert_eq!(
            read("Ward Example, Yesterday, Members of Buurtapp Oost, Public group"),
            Some(HeaderLabel::Unclear)
        );
        assert_eq!(
            read("Ward Example, 2 h, Shared with Friends; Except: Acquaintances, Public"),
            Some(HeaderLabel::Unclear)
        );
        assert_eq!(
            read("وارد، أمس، أعضاء نادي الدراجات، مجموعة عامة"),
            Some(HeaderLabel::Unclear)
        );
        assert_eq!(read("Ana Example, Public"), None);
    }
}
