//! Reads Facebook posts: which elements are posts, which are ads or comments, and the audience labels a post shows
//! for itself. What the labels mean is decided by `core::visibility`; where to look comes from
//! `rules/post_markup.json`.
//!
//! A post's own audience icon sits in its header, beside the author line and the time. A post that re-shares another
//! carries the other post's header (and icon) too, nested in an attachment; so do comments, as articles of their own.
//! Labels inside a nested container are never the post's. For re-shares without a container of their own, a label
//! counts only when the part of the post that holds it branches off from the post's own author line without another
//! author line, link or story text of its own in between.
use crate::core::own_audience::{own_audience, PostLabels, Said};
use crate::core::post_markup::{post_markup, FacebookMarkup, HeaderLabel, LabelSource};
use crate::core::taught::{is_teachable, label_lang, TaughtRules, UnreadLabel};
use crate::core::visibility::{read_label, Visibility, Wording};
use crate::dom::attribute::{text_of, Attribute, ElementName};
use crate::dom::badge::BADGE_TAG;
use crate::dom::selector::Selector;
use crate::dom::visible::{is_shown, is_title, label_box, region_rendered};
use js_sys::JsString;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, Window};

/// Enormous posts (thousands of comments) are read only this far; the audience icon is in the header.
const MAX_CANDIDATES_PER_POST: u32 = 600;
/// A post shows one audience icon (two when it re-shares); more shown labels than this and it is not trusted.
const MAX_LABELS_PER_POST: usize = 8;
const MAX_LINKS_PER_CHECK: u32 = 40;
/// An audience label is a few words; a longer text on an icon is something else.
const MAX_UNREAD_LABEL: u32 = 120;
/// The longest header label (author, time, audience, each a name of its own) whose rewriting is looked at.
const MAX_HEADER_LABEL: usize = 500;
/// The known glyphs have three paths; a drawing with many more is another picture.
const MAX_GLYPH_PATHS: u32 = 8;
/// How many distinct texts each [`KnownTexts`] remembers.
const MAX_KNOWN_TEXTS: u32 = 512;
/// The links of a post's header: author, time, and an ad's "Sponsored".
const MAX_HEADER_LINKS: u32 = 8;
/// A link whose one word is cut into this many elements or more may hide letters between its pieces (Facebook once
/// wrote its "Sponsored" so, with stray letters hidden by style): its rendered text is read too.
const CHOPPED_TEXT_PIECES: u32 = 3;
/// How many elements naming a link through `aria-labelledby` are read: a word spelled out letter by letter.
const MAX_LABELLING_PARTS: usize = 16;
/// How far above its audience icon the icon's line (time, "Sponsored", audience) may start.
const AUDIENCE_LINE_DEPTH: usize = 3;
/// The parts of that line read for a "Sponsored": a time, a dot, an icon, perhaps a place.
const MAX_LINE_PARTS: u32 = 12;
/// Where the search for the story around a classic indicator stops: these hold many stories.
const STORY_BOUNDARY: &str = "body, [role=\"main\"], [role=\"feed\"]";
const LINK: &str = "a[href]";

/// What reading a post decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PostReading {
    /// A post of the user's (or a friend's, a page's, a group's) with this audience, and the label the badge quotes
    /// and offers to learn: for an unknown post, the first label of its own header that no rule read; for a public
    /// or limited one, the label that only our guessed wording read.
    Post(Visibility, Option<UnreadLabel>),
    /// An ad or a comment: no badge.
    NotAPost,
    /// Not rendered now (a page the app has hidden): decided when it is shown and changes.
    NotShown,
}

/// Where a candidate element's label is read, in rule order.
enum LabelRead {
    Attribute(Attribute),
    /// The last part of a header label listing author, time and audience.
    LastPartOf(Attribute),
    /// The text of an SVG `<title>`.
    TitleText,
}

/// Texts already judged, with the verdict (a small number). A feed repeats the same few labels, and judging one
/// normalises it and compares it with every language's wording. Kept in the browser and keyed by the text as the
/// page gives it, so a text seen before is never copied into Rust.
struct KnownTexts(js_sys::Map);

impl KnownTexts {
    fn new() -> Self {
        KnownTexts(js_sys::Map::new())
    }

    fn judge(&self, text: &JsString, judge: impl FnOnce(&str) -> u8) -> u8 {
        if let Some(known) = self.0.get(text).as_f64() {
            return known as u8;
        }
        let verdict = judge(&String::from(text));
        // A page of odd texts cannot make it grow without end.
        if self.0.size() >= MAX_KNOWN_TEXTS {
            self.0.clear();
        }
        self.0.set(text, &JsValue::from(verdict));
        verdict
    }
}

/// What a text means as an audience label, as [`KnownTexts`] keeps it: 0 nothing, 1-3 a meaning of Meta's own
/// wording, 4-5 a meaning only our guessed wording gives.
fn meaning_code(text: &str) -> u8 {
    match read_label(text) {
        None => 0,
        Some((Visibility::Public, Wording::Meta)) => 1,
        Some((Visibility::Limited, Wording::Meta)) => 2,
        Some((Visibility::Unknown, _)) => 3,
        Some((Visibility::Public, Wording::Guessed)) => 4,
        Some((Visibility::Limited, Wording::Guessed)) => 5,
    }
}

fn meaning_of(code: u8) -> Option<Visibility> {
    match code {
        1 | 4 => Some(Visibility::Public),
        2 | 5 => Some(Visibility::Limited),
        3 => Some(Visibility::Unknown),
        _ => None,
    }
}

fn is_guessed_code(code: u8) -> bool {
    code >= 4
}

/// What an icon's drawing tells by the rules' glyphs.
enum Drawing {
    /// An audience icon's drawing, with what it means in every language.
    Audience(Visibility),
    /// A drawing that is never an audience icon (a verified badge).
    NoAudience,
    /// No drawing the rules list.
    Unlisted,
}

/// An audience indicator the user can see, with the element that shows it.
struct ShownLabel {
    shown_by: Element,
    said: Said,
}

pub struct FacebookReader {
    post_selector: Selector,
    fallback_selector: Selector,
    any_container_selector: Selector,
    unit_selector: Selector,
    dialog_selector: Selector,
    /// Containers, feed units, dialogs and orphan indicators: everything that leads to a post.
    scan_selector: Selector,
    orphan_selector: Selector,
    text_block_selector: Selector,
    message_selector: Selector,
    heading_selector: Selector,
    sponsored_selector: Selector,
    sponsored_link_selector: Selector,
    comment_link_selector: Selector,
    post_link_selector: Selector,
    /// Everything that may be an audience indicator: labelled elements and audience icons, in one query.
    candidate_selector: Selector,
    icon_selector: Selector,
    indicator_link_selector: Selector,
    path_selector: Selector,
    picture_selector: Selector,
    svg: ElementName,
    view_box: Attribute,
    path_data: Attribute,
    link_selector: Selector,
    labelled_link_selector: Selector,
    /// Where an ad's "Sponsored" may be: a link, or a part that acts as one (with no address until pressed).
    marker_link_selector: Selector,
    labelled_part_selector: Selector,
    story_boundary: Selector,
    label_reads: Vec<LabelRead>,
    badge: ElementName,
    aria_label: Attribute,
    aria_labelledby: Attribute,
    /// What a text means as an audience label, if anything.
    audience_texts: KnownTexts,
    /// Whether a link's text or label says "Sponsored".
    sponsored_texts: KnownTexts,
    /// What the user taught labels mean, asked when no built-in rule reads a label.
    taught: TaughtRules,
    lang_selector: Selector,
}

/// The largest ancestor-or-self of `node` below `post` that does not contain `other`: the part of the post where
/// `node` branches off from `other`.
fn branch_of(post: &Element, node: &Element, other: &Element) -> Element {
    let mut branch = node.clone();
    while let Some(parent) = branch.parent_element() {
        if &parent == post || parent.contains(Some(other)) {
            break;
        }
        branch = parent;
    }
    branch
}

impl FacebookReader {
    pub fn new() -> Self {
        let markup = &post_markup().facebook;
        let any_container = markup.any_container_selector();
        FacebookReader {
            post_selector: Selector::new(&markup.post_selector()),
            fallback_selector: Selector::new(&markup.fallback_selector()),
            scan_selector: Selector::new(&format!(
                "{any_container}, {}, {}, {}",
                markup.feed_units.selector,
                markup.dialog_posts.selector,
                markup.orphan_indicators.selector
            )),
            any_container_selector: Selector::new(&any_container),
            unit_selector: Selector::new(markup.feed_units.selector),
            dialog_selector: Selector::new(markup.dialog_posts.selector),
            orphan_selector: Selector::new(markup.orphan_indicators.selector),
            text_block_selector: Selector::new(markup.story_text_blocks.selector),
            message_selector: Selector::new(markup.message_blocks.selector),
            heading_selector: Selector::new(markup.headings.selector),
            sponsored_selector: Selector::new(&markup.sponsored_selector()),
            sponsored_link_selector: Selector::new(markup.sponsored_links.selector),
            comment_link_selector: Selector::new(markup.comment_links.selector),
            post_link_selector: Selector::new(markup.post_links.selector),
            candidate_selector: Selector::new(&format!(
                "{}, {}",
                markup.audience_selector(),
                markup.audience_icons.selector
            )),
            icon_selector: Selector::new(markup.audience_icons.selector),
            indicator_link_selector: Selector::new(markup.indicator_links.selector),
            path_selector: Selector::new("path"),
            picture_selector: Selector::new("image, img"),
            svg: ElementName::new("svg"),
            view_box: Attribute::new("viewBox"),
            path_data: Attribute::new("d"),
            link_selector: Selector::new(LINK),
            labelled_link_selector: Selector::new("a[aria-label], [role=\"link\"][aria-label]"),
            marker_link_selector: Selector::new("a, [role=\"link\"]"),
            labelled_part_selector: Selector::new("[aria-labelledby]"),
            story_boundary: Selector::new(STORY_BOUNDARY),
            label_reads: markup
                .label_sources()
                .into_iter()
                .map(|source| match (source, source.attribute()) {
                    (LabelSource::AriaLabelLastPart, Some(name)) => {
                        LabelRead::LastPartOf(Attribute::new(name))
                    }
                    (_, Some(name)) => LabelRead::Attribute(Attribute::new(name)),
                    (_, None) => LabelRead::TitleText,
                })
                .collect(),
            badge: ElementName::new(BADGE_TAG),
            aria_label: Attribute::new("aria-label"),
            aria_labelledby: Attribute::new("aria-labelledby"),
            audience_texts: KnownTexts::new(),
            sponsored_texts: KnownTexts::new(),
            taught: TaughtRules::default(),
            lang_selector: Selector::new("[lang]"),
        }
    }

    /// Whether `text` names an audience the rules know (a label rewritten in place matters only then).
    pub fn names_an_audience(&self, text: &str) -> bool {
        let names_one = |text: &str| {
            meaning_of(
                self.audience_texts
                    .judge(&JsString::from(text), meaning_code),
            )
            .is_some()
        };
        let length = text.chars().count();
        (length <= MAX_UNREAD_LABEL as usize && names_one(text))
            || (length <= MAX_HEADER_LABEL
                && FacebookMarkup::header_label_audience(text).is_some_and(|read| match read {
                    HeaderLabel::Audience(part) => names_one(part),
                    HeaderLabel::Unclear => true,
                }))
    }

    /// The labels the user taught, from now on (the caller reads every post again).
    pub fn set_taught(&mut self, taught: TaughtRules) {
        self.taught = taught;
    }

    /// The language of the page around `element`: its nearest `lang` attribute, "" when none.
    fn lang_of(&self, element: &Element) -> String {
        self.lang_selector
            .closest(element)
            .and_then(|e| e.get_attribute("lang"))
            .map(|lang| label_lang(&lang))
            .unwrap_or_default()
    }

    /// The outermost element around (or at) `element` matching `selector`.
    fn outermost(element: &Element, selector: &Selector) -> Option<Element> {
        let mut top = selector.closest(element)?;
        while let Some(above) = top.parent_element().and_then(|p| selector.closest(&p)) {
            top = above;
        }
        Some(top)
    }

    /// The post `element` is part of: the outermost post container around it, or else the outermost fallback one,
    /// or else a feed unit with no container inside but comments, or else a dialog showing one post.
    fn post_around(&self, element: &Element) -> Option<Element> {
        Self::outermost(element, &self.post_selector)
            .or_else(|| Self::outermost(element, &self.fallback_selector))
            .or_else(|| {
                self.unit_selector
                    .closest(element)
                    .filter(|unit| self.holds_only_comments(unit))
            })
            .or_else(|| {
                self.dialog_selector
                    .closest(element)
                    .filter(|dialog| self.holds_only_comments(dialog))
            })
    }

    /// The story around a classic audience indicator that no container encloses: the nearest ancestor that holds
    /// story text, without reaching into a neighbouring story or the feed itself.
    fn story_of_orphan(&self, indicator: &Element) -> Option<Element> {
        let mut story = None;
        let mut current = indicator.parent_element();
        while let Some(element) = current {
            if self.story_boundary.matches(&element)
                || self.orphan_selector.all(&element, 2).len() > 1
            {
                break;
            }
            if self.text_block_selector.any_under(&element) {
                return Some(element);
            }
            current = element.parent_element();
            story = Some(element);
        }
        story
    }

    /// Queues the post `element` is part of, if any; true when there is one.
    pub fn post_containing(&self, element: &Element, out: &mut ElementQueue) -> bool {
        match self.post_around(element) {
            Some(post) => {
                out.push(post);
                true
            }
            None => false,
        }
    }

    /// False when nothing under `root` can be or lead to a post (one query for a whole batch of additions).
    pub fn may_hold_posts(&self, root: &Element) -> bool {
        self.scan_selector.any_under(root)
    }

    /// The posts an added or changed element belongs to or contains, each once.
    pub fn posts_touched_by(&self, element: &Element, out: &mut ElementQueue) {
        if self.badge.names(element) {
            return;
        }
        if let Some(post) = self.post_around(element) {
            out.push(post);
            return; // everything inside `element` belongs to that same post
        }
        let mut found = self.scan_selector.all(element, u32::MAX);
        if self.orphan_selector.matches(element) {
            found.push(element.clone());
        }
        // The last post container queued: what follows it in document order, up to where it ends, is inside it and
        // belongs to it (its comments, a re-shared post), which one call tells.
        let mut last_container: Option<Element> = None;
        for candidate in found {
            if last_container
                .as_ref()
                .is_some_and(|post| post.contains(Some(&candidate)))
            {
                continue;
            }
            if self.orphan_selector.matches(&candidate)
                && self.any_container_selector.closest(&candidate).is_none()
            {
                if let Some(story) = self.story_of_orphan(&candidate) {
                    out.push(story);
                }
            } else if self.post_around(&candidate).as_ref() == Some(&candidate) {
                if self.post_selector.matches(&candidate) {
                    last_container = Some(candidate.clone());
                }
                out.push(candidate);
            }
        }
    }

    pub fn queue_all_posts(&self, document: &Document, out: &mut ElementQueue) {
        if let Some(root) = document.document_element() {
            self.posts_touched_by(&root, out);
        }
    }

    /// The selector whose nearest match around an element inside `post` tells which story the element is part of:
    /// inside a post container only post containers are stories (a classic wrapper inside is the same story).
    fn story_selector(&self, post: &Element) -> &Selector {
        if self.post_selector.matches(post) {
            &self.post_selector
        } else {
            &self.any_container_selector
        }
    }

    /// True when `element` is part of `post` itself, not of a comment or embedded post inside it.
    fn belongs_to(&self, element: &Element, post: &Element, story_selector: &Selector) -> bool {
        match story_selector.closest(element) {
            Some(story) => &story == post,
            None => post.contains(Some(element)),
        }
    }

    /// Ads get no badge: they are not the user's posts. The "Sponsored" marker sits in the header, so only the first
    /// links' texts are read. A marker counts only where the user sees it: Facebook has put a hidden "Sponsored" into
    /// every post before, and a public post must not go uncounted for it.
    fn is_sponsored(&self, window: &Window, post: &Element, story_selector: &Selector) -> bool {
        if self.sponsored_selector.closest(post).is_some() {
            return true;
        }
        let own = |link: &Element| {
            self.belongs_to(link, post, story_selector) && is_shown(window, link, post)
        };
        self.sponsored_link_selector
            .all(post, MAX_LINKS_PER_CHECK)
            .iter()
            .any(own)
            || self
                .labelled_link_selector
                .all(post, MAX_LINKS_PER_CHECK)
                .iter()
                .any(|link| {
                    self.aria_label
                        .of(link)
                        .is_some_and(|label| self.says_sponsored(&label))
                        && own(link)
                })
            || self
                .marker_link_selector
                .all(post, MAX_HEADER_LINKS)
                .iter()
                .any(|link| {
                    let says = |text: Option<JsString>| {
                        text.is_some_and(|text| text.length() < 64 && self.says_sponsored(&text))
                    };
                    let text = text_of(link);
                    // Read in the browser: most links have text, and it need not be copied to tell.
                    let drawn = text.as_ref().map_or(true, |text| text.trim().length() == 0);
                    let chopped = !drawn
                        && link.get_elements_by_tag_name("*").length() >= CHOPPED_TEXT_PIECES
                        && text.as_ref().is_some_and(|text| {
                            !String::from(text).trim().contains(char::is_whitespace)
                        });
                    (says(text)
                        || (chopped && says(rendered_text(link)))
                        || ((drawn || self.aria_labelledby.of(link).is_some())
                            && says(self.labelled_by_text(link)))
                        || (drawn && says(used_text(link))))
                        && own(link)
                })
    }

    /// The text of what names a link through `aria-labelledby`, its own or that of the part inside it that draws
    /// its words (a canvas or a picture named by text elsewhere in the page).
    fn labelled_by_text(&self, link: &Element) -> Option<JsString> {
        let named = if self.aria_labelledby.of(link).is_some() {
            link.clone()
        } else {
            self.labelled_part_selector.first(link)?
        };
        let document = link.owner_document()?;
        let ids = String::from(self.aria_labelledby.of(&named)?);
        let parts: Vec<String> = ids
            .split_whitespace()
            .take(MAX_LABELLING_PARTS)
            .filter_map(|id| document.get_element_by_id(id))
            .filter_map(|element| text_of(&element).map(String::from))
            .collect();
        // A word may be spelled out one letter per labelling element (":r1a: :r1b: ...").
        let spelled = parts.len() > 1 && parts.iter().all(|part| part.trim().chars().count() == 1);
        let separator = if spelled { "" } else { " " };
        Some(JsString::from(
            parts
                .iter()
                .map(|part| part.trim())
                .collect::<Vec<_>>()
                .join(separator),
        ))
    }

    fn says_sponsored(&self, text: &JsString) -> bool {
        let markup = &post_markup().facebook;
        self.sponsored_texts
            .judge(text, |text| u8::from(markup.is_sponsored_label(text)))
            == 1
    }

    /// Whether the line of the post's own audience icon also shows a "Sponsored" in plain text (m.facebook.com's ads
    /// write it as a span beside the icon, where a post shows its time). Only that line is read, below the author
    /// line and above the message, so words in the story never make a post an ad.
    fn audience_line_says_sponsored(&self, window: &Window, view: &PostView) -> bool {
        (0..view.count())
            .filter(|&label| view.in_own_header(label))
            .any(|label| {
                let icon = &view.labels[label].shown_by;
                let markup = &post_markup().facebook;
                if self
                    .aria_label
                    .of(icon)
                    .is_some_and(|label| markup.lists_sponsored(&String::from(label)))
                {
                    return true;
                }
                let mut line = icon.parent_element();
                for _ in 0..AUDIENCE_LINE_DEPTH {
                    let Some(element) = line else {
                        return false;
                    };
                    let holds_more_than_the_line = &element == view.post
                        || view
                            .author
                            .as_ref()
                            .is_some_and(|author| element.contains(Some(author)))
                        || view
                            .text
                            .as_ref()
                            .is_some_and(|text| element.contains(Some(text)));
                    if holds_more_than_the_line {
                        return false;
                    }
                    let children = element.children();
                    let says = (0..children.length().min(MAX_LINE_PARTS))
                        .filter_map(|index| children.item(index))
                        .any(|part| {
                            !part.contains(Some(icon))
                                && text_of(&part).is_some_and(|text| {
                                    text.length() < 64 && self.says_sponsored(&text)
                                })
                                && is_shown(window, &part, view.post)
                        });
                    if says {
                        return true;
                    }
                    line = element.parent_element();
                }
                false
            })
    }

    fn has_own_comment_link(&self, post: &Element, story_selector: &Selector) -> bool {
        self.comment_link_selector
            .all(post, MAX_LINKS_PER_CHECK)
            .iter()
            .any(|link| self.belongs_to(link, post, story_selector))
    }

    /// What a candidate element says: the first of its labels that names an audience we know, else its drawing when
    /// the rules know it, else, for an audience icon, its first label as unread. None for an element that is no
    /// audience indicator.
    fn indicator_says(&self, element: &Element, shown_by: &Element) -> Option<Said> {
        let mut first_label: Option<JsString> = None;
        let words = self.label_reads.iter().find_map(|read| {
            let label = match read {
                LabelRead::Attribute(attribute) => attribute.of(element),
                // Whether it is the header line is asked only of the few labels that list several parts: nearly
                // every candidate has an `aria-label`, and asking costs two ancestor searches.
                LabelRead::LastPartOf(attribute) => {
                    let label = String::from(attribute.of(element)?);
                    let read = FacebookMarkup::header_label_audience(&label)?;
                    if !self.is_header_line(element) {
                        return None;
                    }
                    match read {
                        HeaderLabel::Audience(part) => Some(JsString::from(part)),
                        HeaderLabel::Unclear => return Some(Said::Known(Visibility::Unknown)),
                    }
                }
                LabelRead::TitleText if is_title(element) => text_of(element),
                LabelRead::TitleText => None,
            }?;
            if first_label.is_none() && label.length() > 0 {
                first_label = Some(label.clone());
            }
            let code = self.audience_texts.judge(&label, meaning_code);
            let taught = || {
                (!self.taught.is_empty())
                    .then(|| {
                        self.taught
                            .meaning(&String::from(&label), &self.lang_of(element))
                    })
                    .flatten()
            };
            match meaning_of(code) {
                // What the user taught for a label only our guess reads settles it.
                Some(meaning) if is_guessed_code(code) => Some(taught().map_or_else(
                    || {
                        Said::Guessed(
                            meaning,
                            UnreadLabel {
                                text: String::from(&label),
                                lang: self.lang_of(element),
                            },
                        )
                    },
                    Said::Known,
                )),
                Some(meaning) => Some(Said::Known(meaning)),
                None => taught().map(Said::Known),
            }
        });
        // An icon counts only where the audience icon sits, never as a picture elsewhere (a globe in a link
        // preview, a badge in the author line), whatever its words or drawing say.
        let is_icon = self.icon_selector.matches(element);
        if is_icon && !self.sits_like_an_audience_icon(shown_by) {
            return None;
        }
        // A label on a link that leads somewhere names that place (a group's or a Page's picture named "Public", a
        // link preview), never the post's audience; the audience indicator itself goes nowhere.
        if !is_icon
            && self
                .link_selector
                .closest(element)
                .is_some_and(|link| !self.indicator_link_selector.matches(&link))
        {
            return None;
        }
        let drawn = match is_icon.then(|| self.drawing_of(shown_by)) {
            Some(Drawing::NoAudience) => return None,
            Some(Drawing::Audience(meaning)) => Some(meaning),
            Some(Drawing::Unlisted) | None => None,
        };
        match (words, drawn) {
            // The drawing, the same in every language, settles what guessed words said, or contradicts them.
            (Some(said), Some(drawn)) => Some(Said::Known(match said {
                Said::Known(meaning) | Said::Guessed(meaning, _) if meaning == drawn => meaning,
                _ => Visibility::Unknown,
            })),
            (Some(said), None) => Some(said),
            (None, Some(drawn)) => Some(Said::Known(drawn)),
            (None, None) if is_icon => first_label
                .filter(|label| label.length() <= MAX_UNREAD_LABEL)
                .map(|label| {
                    Said::Unread(UnreadLabel {
                        text: label.into(),
                        lang: self.lang_of(element),
                    })
                }),
            (None, None) => None,
        }
    }

    /// A label listing author, time and audience belongs to the header line itself: not to a link (a hashtag, a
    /// mention) and not to the story's text.
    fn is_header_line(&self, element: &Element) -> bool {
        self.link_selector.closest(element).is_none()
            && self.text_block_selector.closest(element).is_none()
    }

    /// What an SVG icon's drawing means by the rules' glyphs.
    fn drawing_of(&self, icon: &Element) -> Drawing {
        if !self.svg.names(icon) {
            return Drawing::Unlisted;
        }
        let view_box = self.view_box.of(icon).map(String::from).unwrap_or_default();
        let paths: Vec<String> = self
            .path_selector
            .all(icon, MAX_GLYPH_PATHS)
            .iter()
            .filter_map(|path| self.path_data.of(path).map(String::from))
            .collect();
        let markup = &post_markup().facebook;
        match markup.glyph_meaning(&view_box, &paths) {
            Some(meaning) => Drawing::Audience(meaning),
            None if markup.is_other_glyph(&view_box, &paths) => Drawing::NoAudience,
            None => Drawing::Unlisted,
        }
    }

    /// An audience icon sits beside the time, alone: not in an author line (a verified badge), not inside a link
    /// of its own (a profile picture, an attachment) unless it is the link, and it draws no picture.
    fn sits_like_an_audience_icon(&self, icon: &Element) -> bool {
        self.heading_selector.closest(icon).is_none()
            && self.link_selector.closest(icon).map_or(true, |link| {
                &link == icon || self.indicator_link_selector.matches(&link)
            })
            && !self.picture_selector.any_under(icon)
    }

    /// The audience indicators of `post` itself that the user can see, in document order.
    fn shown_labels(
        &self,
        window: &Window,
        post: &Element,
        story_selector: &Selector,
    ) -> Vec<ShownLabel> {
        let mut shown: Vec<ShownLabel> = Vec::new();
        for element in self.candidate_selector.all(post, MAX_CANDIDATES_PER_POST) {
            let Some(shown_by) = label_box(&element) else {
                continue;
            };
            // An icon with a title attribute and a <title> child is one icon.
            if shown.last().is_some_and(|last| last.shown_by == shown_by) {
                continue;
            }
            let Some(said) = self.indicator_says(&element, &shown_by) else {
                continue;
            };
            if !self.belongs_to(&element, post, story_selector) || !is_shown(window, &element, post)
            {
                continue;
            }
            shown.push(ShownLabel { shown_by, said });
            if shown.len() > MAX_LABELS_PER_POST {
                return Vec::new();
            }
        }
        shown
    }

    /// The post's own author line: what `aria-labelledby` names, or else its first heading (a dialog's
    /// `aria-labelledby` names its title, which is never the author line).
    fn author_line(&self, post: &Element, story_selector: &Selector) -> Option<Element> {
        let document = post.owner_document()?;
        let named_by: Vec<Element> = self
            .aria_labelledby
            .of(post)
            .map(String::from)
            .unwrap_or_default()
            .split_whitespace()
            .filter_map(|id| document.get_element_by_id(id))
            .filter(|element| post.contains(Some(element)))
            .collect();
        // A dialog's name is its title ("Ana's post"), above the post's own author line.
        if !self.dialog_selector.matches(post) {
            if let Some(labelled) = named_by.first() {
                return Some(labelled.clone());
            }
        }
        self.heading_selector
            .all(post, MAX_LINKS_PER_CHECK)
            .into_iter()
            .find(|heading| {
                !named_by.contains(heading) && self.belongs_to(heading, post, story_selector)
            })
    }

    /// Whether a part of the post holds a story of its own: an author line, story text, or a link other than the
    /// one that is the icon.
    fn holds_a_story(&self, branch: &Element, icon: &Element, with_links: bool) -> bool {
        let is_or_has =
            |selector: &Selector| selector.matches(branch) || selector.any_under(branch);
        is_or_has(&self.heading_selector)
            || (with_links
                && (is_or_has(&self.text_block_selector)
                    || self
                        .link_selector
                        .all(branch, MAX_LINKS_PER_CHECK)
                        .iter()
                        .chain(self.link_selector.matches(branch).then_some(branch))
                        .any(|link| !link.contains(Some(icon)))))
    }

    /// The post's own message, if any: its audience icon sits above it, in the header.
    fn own_message(&self, post: &Element, story_selector: &Selector) -> Option<Element> {
        self.message_selector
            .all(post, MAX_LINKS_PER_CHECK)
            .into_iter()
            .find(|block| self.belongs_to(block, post, story_selector))
    }

    /// The labels a post shows, with where its header and message are.
    fn view<'a>(
        &'a self,
        post: &'a Element,
        labels: &'a [ShownLabel],
        story_selector: &'a Selector,
    ) -> PostView<'a> {
        PostView {
            reader: self,
            post,
            story_selector,
            labels,
            author: self.author_line(post, story_selector),
            text: self.own_message(post, story_selector),
            first_picture: std::cell::OnceCell::new(),
        }
    }

    /// Whether a dialog shows a post: a link to a post's address (its time, a comment's) or a comment.
    fn shows_a_post(&self, dialog: &Element) -> bool {
        self.any_container_selector.any_under(dialog) || self.post_link_selector.any_under(dialog)
    }

    /// Whether every post container in `element` is a comment: then a feed unit, or a dialog showing one post, is
    /// that post, and the containers are its comments.
    fn holds_only_comments(&self, element: &Element) -> bool {
        let markup = &post_markup().facebook;
        self.any_container_selector
            .all(element, MAX_LINKS_PER_CHECK)
            .iter()
            .all(|container| {
                markup.is_comment_container(
                    self.aria_label.of(container).map(String::from).as_deref(),
                    container.has_attribute("aria-labelledby"),
                )
            })
    }

    /// Reads one post. Reads style and geometry only; writes nothing.
    pub fn read_post(&self, window: &Window, post: &Element) -> PostReading {
        if !region_rendered(post) {
            return PostReading::NotShown;
        }
        let story_selector = self.story_selector(post);
        let is_comment = self.aria_label.of(post).is_some_and(|label| {
            post_markup()
                .facebook
                .is_comment_label(&String::from(label))
        });
        if is_comment || self.is_sponsored(window, post, story_selector) {
            return PostReading::NotAPost;
        }
        let labels = self.shown_labels(window, post, story_selector);
        let is_container = self.any_container_selector.matches(post);
        if labels.is_empty() {
            // A comment shown outside its post (a permalink page's list), or a feed unit that is no post.
            let bare_unit = self.unit_selector.matches(post) && !is_container;
            if bare_unit || self.has_own_comment_link(post, story_selector) {
                return PostReading::NotAPost;
            }
        }
        let view = self.view(post, &labels, story_selector);
        if self.audience_line_says_sponsored(window, &view) {
            return PostReading::NotAPost;
        }
        // What the post's own audience indicator says (`core::own_audience` decides from where each label sits).
        let own = own_audience(&view);
        // A dialog is taken for a post only on a label the rules know, and only when it shows a post (its address
        // or its comments): other dialogs (a composer, the audience chooser, a profile's details) are not.
        if !is_container
            && self.dialog_selector.matches(post)
            && (!matches!(own, Some(Said::Known(_) | Said::Guessed(..)))
                || !self.shows_a_post(post))
        {
            return PostReading::NotAPost;
        }
        match own {
            Some(Said::Known(meaning)) => PostReading::Post(meaning, None),
            Some(Said::Guessed(meaning, label)) => {
                let teachable = is_teachable(&label.text, &label.lang).then_some(label);
                PostReading::Post(meaning, teachable)
            }
            Some(Said::Unread(label)) => {
                let teachable = is_teachable(&label.text, &label.lang).then_some(label);
                PostReading::Post(Visibility::Unknown, teachable)
            }
            None => PostReading::Post(Visibility::Unknown, None),
        }
    }
}

/// The labels a post shows, with its author line and its own message, for `core::own_audience`.
struct PostView<'a> {
    reader: &'a FacebookReader,
    post: &'a Element,
    story_selector: &'a Selector,
    labels: &'a [ShownLabel],
    author: Option<Element>,
    text: Option<Element>,
    /// The first picture after the author line, once asked: where an attachment (a photo, an event's or a group's
    /// card) begins, if the header has not ended before.
    first_picture: std::cell::OnceCell<Option<Element>>,
}

impl PostView<'_> {
    fn first_picture_after_author(&self) -> Option<&Element> {
        self.first_picture
            .get_or_init(|| {
                let author = self.author.as_ref()?;
                self.reader
                    .picture_selector
                    .all(self.post, MAX_LINKS_PER_CHECK)
                    .into_iter()
                    .find(|picture| follows(picture, author) && !author.contains(Some(picture)))
            })
            .as_ref()
    }

    /// The post links to a post address of its own outside `story` (its time, not a comment's): it is a share,
    /// whose own audience is its own, not a wrapper around the story.
    fn links_to_a_post_of_its_own(&self, story: &Element) -> bool {
        let reader = self.reader;
        reader
            .post_link_selector
            .all(self.post, MAX_LINKS_PER_CHECK)
            .iter()
            .any(|link| {
                !story.contains(Some(link))
                    && !reader.comment_link_selector.matches(link)
                    && reader.belongs_to(link, self.post, self.story_selector)
            })
    }
}

impl PostLabels for PostView<'_> {
    fn count(&self) -> usize {
        self.labels.len()
    }

    fn said(&self, label: usize) -> &Said {
        &self.labels[label].said
    }

    fn in_own_header(&self, label: usize) -> bool {
        let shown_by = &self.labels[label].shown_by;
        let in_header = match &self.text {
            Some(text) => !text.contains(Some(shown_by)) && !follows(shown_by, text),
            None => true,
        };
        // The header shows no picture: an icon after one is in an attachment (an event's "Public", a group's card).
        in_header
            && self
                .first_picture_after_author()
                .map_or(true, |picture| !follows(shown_by, picture))
            && match &self.author {
                // A label before the author line (a "Pinned post" mark above the header) is not the audience.
                Some(author) if !shown_by.contains(Some(author)) => {
                    let branch = branch_of(self.post, shown_by, author);
                    !follows(author, shown_by)
                        && !self.reader.holds_a_story(&branch, shown_by, false)
                }
                _ => true,
            }
    }

    fn wraps_one_story(&self) -> bool {
        let (Some(first), Some(author)) = (self.labels.first(), &self.author) else {
            return false;
        };
        let story = branch_of(self.post, &first.shown_by, author);
        let own_text_outside = self
            .text
            .as_ref()
            .is_some_and(|text| !story.contains(Some(text)));
        let heading = &self.reader.heading_selector;
        let author_lines = heading.all(&story, 3).len() + usize::from(heading.matches(&story));
        !own_text_outside && author_lines == 1 && !self.links_to_a_post_of_its_own(&story)
    }

    fn same_story(&self, own: usize, other: usize) -> bool {
        let other = &self.labels[other].shown_by;
        let branch = branch_of(self.post, other, &self.labels[own].shown_by);
        !self.reader.holds_a_story(&branch, other, true)
    }

    fn shows_whose_post(&self) -> bool {
        let reader = self.reader;
        let author_links = self.author.as_ref().is_some_and(|author| {
            reader.link_selector.matches(author) || reader.link_selector.any_under(author)
        });
        author_links
            || reader
                .post_link_selector
                .all(self.post, MAX_LINKS_PER_CHECK)
                .iter()
                .any(|link| reader.belongs_to(link, self.post, self.story_selector))
    }
}

/// The text of `element` as rendered (`innerText`: without what style hides), for the few links read so.
fn rendered_text(element: &Element) -> Option<JsString> {
    element
        .dyn_ref::<web_sys::HtmlElement>()
        .map(|html| JsString::from(html.inner_text()))
}

/// True when `later` comes after `earlier` in document order, or is inside it.
fn follows(later: &Element, earlier: &Element) -> bool {
    const DOCUMENT_POSITION_FOLLOWING: u16 = 4;
    earlier.compare_document_position(later) & DOCUMENT_POSITION_FOLLOWING != 0
}

/// Elements in first-seen order, each once (a JS Set: comparing elements one by one from Rust costs a call each).
#[derive(Default)]
pub struct ElementQueue {
    order: std::collections::VecDeque<Element>,
    seen: Option<js_sys::Set>,
}

impl ElementQueue {
    pub fn push(&mut self, element: Element) {
        let seen = self
            .seen
            .get_or_insert_with(|| js_sys::Set::new(&wasm_bindgen::JsValue::UNDEFINED));
        if !seen.has(&element) {
            seen.add(&element);
            self.order.push_back(element);
        }
    }

    pub fn pop(&mut self) -> Option<Element> {
        let element = self.order.pop_front()?;
        if let Some(seen) = &self.seen {
            seen.delete(&element);
        }
        Some(element)
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    pub fn len(&self) -> usize {
        self.order.len()
    }

    pub fn clear(&mut self) {
        self.order.clear();
        self.seen = None;
    }
}

/// The text a link draws with an SVG `<use>` of an element elsewhere in the page (`href="#id"`, or the older
/// `xlink:href`): a word written once and drawn where it is shown.
fn used_text(link: &Element) -> Option<JsString> {
    let used = link.query_selector("use").ok().flatten()?;
    let reference = used
        .get_attribute("href")
        .or_else(|| used.get_attribute("xlink:href"))?;
    let id = reference.strip_prefix('#')?;
    let drawn = link.owner_document()?.get_element_by_id(id)?;
    text_of(&drawn)
}
