//! Is a label something the user can see? Facebook has planted hidden decoy text in every post before, so a label
//! decides only when it is rendered: not aria-hidden, not display:none / visibility:hidden / opacity 0, not clipped
//! away, and not pushed off-screen out of its post. Only labels that match a known audience are checked, and the
//! content script reads them after the frame has been rendered, so style and layout are already up to date.
//! The same facts are read for the controls of an objection form, whose honeypot and conditionally hidden fields
//! must never be filled.
use crate::core::form_plan::Sight;
use crate::dom::attribute::{is_ours, ElementName};
use crate::dom::selector::Selector;
use js_sys::JsString;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CssStyleDeclaration, Element, Window};

/// A label further than this below its post is not trusted (pathologically nested pages): the post stays unknown.
const MAX_ANCESTORS: usize = 256;
/// Elements that hide what they hold from everyone (assistive technology, or all).
const HIDERS: &str = "[aria-hidden=\"true\"], [hidden]";
/// A clipping box this thin (in CSS pixels) shows nothing: the "visually hidden" pattern.
const MIN_CLIP_SIZE: f64 = 1.0;
/// An element this transparent shows nothing a person can read.
const MAX_INVISIBLE_OPACITY: f64 = 0.01;

#[derive(Clone, Copy)]
struct Rect {
    left: f64,
    top: f64,
    right: f64,
    bottom: f64,
}

impl Rect {
    fn of(element: &Element) -> Rect {
        let r = element.get_bounding_client_rect();
        Rect {
            left: r.left(),
            top: r.top(),
            right: r.right(),
            bottom: r.bottom(),
        }
    }

    /// Overlapping or touching: a zero-size label inside a box still counts as inside it.
    fn touches(&self, other: &Rect) -> bool {
        self.right >= other.left
            && self.left <= other.right
            && self.bottom >= other.top
            && self.top <= other.bottom
    }

    /// No area at all: a box sized or scaled to nothing, or an empty inline element (a link around a sprite icon).
    fn is_empty(&self) -> bool {
        self.right <= self.left && self.bottom <= self.top
    }

    fn too_thin(&self) -> bool {
        self.right - self.left <= MIN_CLIP_SIZE || self.bottom - self.top <= MIN_CLIP_SIZE
    }
}

thread_local! {
    static TITLE: ElementName = ElementName::new("title");
}

/// True for a `<title>` element (an SVG icon's, whose text is a label).
pub fn is_title(element: &Element) -> bool {
    TITLE.with(|title| title.names(element))
}

/// The element whose box the user sees for a label: an SVG `<title>` is never rendered itself, its icon is.
pub fn label_box(label_element: &Element) -> Option<Element> {
    if is_title(label_element) {
        label_element.parent_element()
    } else {
        Some(label_element.clone())
    }
}

fn property(style: &CssStyleDeclaration, name: &str) -> String {
    style.get_property_value(name).unwrap_or_default()
}

/// `clip: rect(...)` that leaves (almost) nothing: the classic visually-hidden pattern.
fn clips_everything(clip: &str) -> bool {
    let Some(inner) = clip
        .strip_prefix("rect(")
        .and_then(|rest| rest.strip_suffix(')'))
    else {
        return false;
    };
    let values: Vec<Option<f64>> = inner
        .split([',', ' '])
        .filter(|part| !part.is_empty())
        .map(|part| part.trim_end_matches("px").parse::<f64>().ok())
        .collect();
    let [top, right, bottom, left] = values[..] else {
        return false;
    };
    let empty = |low: Option<f64>, high: Option<f64>| match (low, high) {
        (Some(low), Some(high)) => high - low <= MIN_CLIP_SIZE,
        _ => false, // `auto` leaves that side open
    };
    empty(left, right) || empty(top, bottom)
}

fn clip_path_hides(clip_path: &str) -> bool {
    ["inset(50%", "inset(100%", "circle(0", "ellipse(0"]
        .iter()
        .any(|start| clip_path.starts_with(start))
}

#[wasm_bindgen]
extern "C" {
    /// A computed style, read with property names that are browser strings already.
    type StyleRead;
    #[wasm_bindgen(method, js_name = getPropertyValue)]
    fn value_of(this: &StyleRead, name: &JsString) -> JsString;
}

/// The property names and values that [`is_shown`] (for every label) and [`surroundings`] (for every post) read and
/// compare, made into browser strings once: values that are the usual ones are then compared without being copied
/// into Rust.
struct StyleWords {
    hiders: Selector,
    transform: JsString,
    scale: JsString,
    clip_path: JsString,
    clip: JsString,
    position: JsString,
    overflow: JsString,
    none: JsString,
    visible: JsString,
    absolute: JsString,
    fixed: JsString,
    display: JsString,
    column_count: JsString,
    color: JsString,
    static_: JsString,
    auto: JsString,
    opacity: JsString,
    opaque: JsString,
    block_flow: [JsString; 3],
}

thread_local! {
    static WORDS: StyleWords = StyleWords {
        hiders: Selector::new(HIDERS),
        transform: "transform".into(),
        scale: "scale".into(),
        clip_path: "clip-path".into(),
        clip: "clip".into(),
        position: "position".into(),
        overflow: "overflow".into(),
        none: "none".into(),
        visible: "visible".into(),
        absolute: "absolute".into(),
        fixed: "fixed".into(),
        display: "display".into(),
        column_count: "column-count".into(),
        color: "color".into(),
        static_: "static".into(),
        auto: "auto".into(),
        opacity: "opacity".into(),
        opaque: "1".into(),
        block_flow: BLOCK_FLOW.map(JsString::from),
    };
}

fn read(style: &CssStyleDeclaration, name: &JsString) -> JsString {
    style.unchecked_ref::<StyleRead>().value_of(name)
}

/// Whether this one element (between a label and its post) hides what it holds by clipping: clipped away by
/// `clip-path`, or an absolutely placed box clipped by `clip`. Adds it to `clipping` when it clips its overflow.
/// `clip` is read before `position`: it is `auto` on nearly every element, so `position` is rarely read at all.
/// A transform that scales to nothing is not read here: it leaves an empty box, which the callers measure.
fn hides_by_style(
    words: &StyleWords,
    style: &CssStyleDeclaration,
    is_label: bool,
    element: &Element,
    clipping: &mut Vec<Element>,
) -> bool {
    let clip_path = read(style, &words.clip_path);
    if clip_path != words.none && clip_path_hides(&String::from(clip_path)) {
        return true;
    }
    let clip = read(style, &words.clip);
    if clip != words.auto && clips_everything(&String::from(clip)) {
        let position = read(style, &words.position);
        if position == words.absolute || position == words.fixed {
            return true;
        }
    }
    if !is_label && read(style, &words.overflow) != words.visible {
        clipping.push(element.clone());
    }
    false
}

/// An opacity so low that nothing shows, though it is not zero (which `checkVisibility` reports).
fn all_but_transparent(words: &StyleWords, style: &CssStyleDeclaration) -> bool {
    let opacity = read(style, &words.opacity);
    opacity != words.opaque
        && String::from(opacity)
            .parse::<f64>()
            .is_ok_and(|o| o <= MAX_INVISIBLE_OPACITY)
}

/// A `transform` or `scale` that shrinks the element to a point.
fn scales_to_nothing(words: &StyleWords, style: &CssStyleDeclaration) -> bool {
    let transform = read(style, &words.transform);
    if transform != words.none && String::from(transform).starts_with("matrix(0, 0, 0, 0") {
        return true;
    }
    let scale = read(style, &words.scale);
    scale != words.none
        && String::from(scale)
            .split(' ')
            .take(2)
            .all(|factor| factor.parse::<f64>() == Ok(0.0))
}

#[wasm_bindgen]
extern "C" {
    /// An element, seen through `checkVisibility` with options.
    type Checkable;
    #[wasm_bindgen(method, catch, js_name = checkVisibility)]
    fn check_visibility(this: &Checkable, options: &JsValue) -> Result<bool, JsValue>;
}

thread_local! {
    /// Options asking `checkVisibility` about opacity and `visibility` too (under both the standard names and the
    /// older ones).
    static SEEN_OPTIONS: JsValue = {
        let options = js_sys::Object::new();
        for name in ["checkOpacity", "checkVisibilityCSS", "opacityProperty", "visibilityProperty"] {
            let _ = js_sys::Reflect::set(&options, &name.into(), &JsValue::TRUE);
        }
        options.into()
    };
}

/// Whether the element and all its ancestors are displayed, visible and not transparent, in one call; None where
/// the browser cannot say.
pub fn seen(element: &Element) -> Option<bool> {
    SEEN_OPTIONS.with(|options| {
        element
            .unchecked_ref::<Checkable>()
            .check_visibility(options)
            .ok()
    })
}

/// True when the label (or its icon) is rendered inside `post` where the user can see it. `post` itself is assumed
/// to be rendered (see [`region_rendered`]).
///
/// The platform answers most of it in three calls: `closest` for the markup that hides, `checkVisibility` for
/// display, content-visibility, visibility and an opacity of zero, and one rect for where the label is and how big.
/// What no synchronous platform call reports is clipping: `checkVisibility` ignores it, a rect is the same clipped
/// or not, hit testing answers only inside the viewport and not for boxes that ignore the pointer, and an
/// `IntersectionObserver` answers only after the next rendering. So each element from the label up to the post is
/// still asked for its own `clip-path`, `clip`, `overflow` and `opacity` (none of them is inherited: an ancestor's
/// value never shows on the label), and only the few boxes that clip their overflow are measured.
pub fn is_shown(window: &Window, label_element: &Element, post: &Element) -> bool {
    let Some(start) = label_box(label_element) else {
        return false;
    };
    // aria-hidden or the hidden attribute between the label and the post (above the post it says nothing: Facebook
    // hides the whole feed from assistive technology while a dialog is open).
    if let Some(hider) = WORDS.with(|words| words.hiders.closest(&start)) {
        if &hider != post && post.contains(Some(&hider)) {
            return false;
        }
    }
    // Where `checkVisibility` says no because the post itself is not shown (a post fading in), or cannot say, the
    // walk below reads display, content-visibility and opacity of the part between label and post itself.
    let settled = match seen(&start) {
        Some(true) => true,
        Some(false) if seen(post) == Some(true) => return false,
        _ => false,
    };
    // Off-screen decoys sit outside their post.
    let label = Rect::of(&start);
    if !label.touches(&Rect::of(post)) {
        return false;
    }
    // A box with no area shows nothing: an icon or a block sized to nothing (a zero-size svg, an em-sized icon in
    // text of size 0). Only an inline box takes its size from what it holds, so an empty one (a link around a sprite
    // that a stylesheet sizes) may still show its icon; for it, transforms are read, since a part scaled to nothing
    // leaves no box either.
    let empty = label.is_empty();
    if empty && !is_inline_box(window, &start) {
        return false;
    }
    let mut clipping: Vec<Element> = Vec::new();
    let mut current = Some(start);
    let mut is_label = true;
    let mut depth = 0;
    while let Some(element) = current {
        if &element == post {
            break;
        }
        depth += 1;
        if depth > MAX_ANCESTORS {
            return false;
        }
        let Ok(Some(style)) = window.get_computed_style(&element) else {
            return false;
        };
        if !settled && !displayed(&style, is_label) {
            return false;
        }
        // `checkVisibility` reports an opacity of exactly zero only.
        let hides = WORDS.with(|words| {
            (settled && all_but_transparent(words, &style))
                || (empty && scales_to_nothing(words, &style))
                || hides_by_style(words, &style, is_label, &element, &mut clipping)
        });
        if hides {
            return false;
        }
        is_label = false;
        current = element.parent_element();
    }
    // "Visually hidden" decoys sit inside a box too small to show anything, or are clipped by one placed elsewhere.
    clipping.iter().all(|clip| {
        let area = Rect::of(clip);
        !area.too_thin() && label.touches(&area)
    })
}

/// Elements whose box is their own content's size, not the box's: pictures, media, frames and form controls.
const REPLACED: [&str; 10] = [
    "svg", "img", "video", "canvas", "iframe", "embed", "object", "input", "select", "textarea",
];

/// A non-replaced element laid out inline: its box is only as big as the text and boxes inside it.
fn is_inline_box(window: &Window, element: &Element) -> bool {
    !REPLACED.contains(&element.local_name().as_str())
        && window
            .get_computed_style(element)
            .ok()
            .flatten()
            .is_some_and(|style| property(&style, "display") == "inline")
}

/// Display, content-visibility and opacity of one element (and `visibility` for the label itself: it is inherited,
/// and a child may turn it back on).
fn displayed(style: &CssStyleDeclaration, is_label: bool) -> bool {
    let hidden = property(style, "display") == "none"
        || property(style, "content-visibility") == "hidden"
        || property(style, "opacity")
            .parse::<f64>()
            .is_ok_and(|o| o <= MAX_INVISIBLE_OPACITY)
        || (is_label
            && matches!(
                property(style, "visibility").as_str(),
                "hidden" | "collapse"
            ));
    !hidden
}

/// Text read from one region at the most.
const MAX_SHOWN_CHARS: usize = 20_000;

/// Which parts of an element [`read_text`] reads.
#[derive(Clone, Copy, PartialEq)]
pub enum TextParts {
    /// All but what the markup hides (`hidden`, `aria-hidden`): cheap, for labels and questions.
    NotHidden,
    /// As `NotHidden`, without the posts and comments inside (`role="article"`, `<article>`) and what is being typed
    /// (`role="textbox"`, `contenteditable`): what a dialog says itself, not what people wrote in it (a post, or a
    /// post being written, repeating Meta's notice is not the notice).
    OwnWords,
    /// Only what is rendered and visible (style included): for what the page says happened.
    Shown,
}

/// The text a person reads in `element`, up to about `max` bytes: text nodes only, leaving out scripts, styles,
/// the options of pickers, Bezwaar's own elements and what `parts` leaves out. Elements are separated by a space.
pub fn read_text(element: &Element, max: usize, parts: TextParts) -> String {
    let mut text = String::new();
    collect_text(element, &mut text, max, parts);
    text
}

/// The text a person sees in `element`: rendered elements only (no display:none, visibility:hidden, transparent
/// or `hidden` parts).
pub fn shown_text(element: &Element) -> String {
    read_text(element, MAX_SHOWN_CHARS, TextParts::Shown)
}

fn collect_text(node: &web_sys::Node, out: &mut String, max: usize, parts: TextParts) {
    let children = node.child_nodes();
    for i in 0..children.length() {
        if out.len() > max {
            return;
        }
        let Some(child) = children.item(i) else {
            continue;
        };
        match child.node_type() {
            web_sys::Node::TEXT_NODE => {
                if let Some(value) = child.node_value() {
                    out.push_str(&value);
                }
            }
            web_sys::Node::ELEMENT_NODE => {
                let Some(element) = child.dyn_ref::<Element>() else {
                    continue;
                };
                let role = element.get_attribute("role");
                let has_role = |name: &str| {
                    role.as_deref()
                        .is_some_and(|role| role.trim().eq_ignore_ascii_case(name))
                };
                let skipped = matches!(
                    element.local_name().as_str(),
                    "script" | "style" | "template" | "select" | "option" | "noscript" | "textarea"
                ) || is_ours(element)
                    || has_role("listbox")
                    || element.get_attribute("aria-hidden").as_deref() == Some("true")
                    || match parts {
                        TextParts::NotHidden => element.has_attribute("hidden"),
                        TextParts::OwnWords => {
                            element.has_attribute("hidden")
                                || has_role("article")
                                || (role.is_none() && element.local_name() == "article")
                                || has_role("textbox")
                                || element
                                    .get_attribute("contenteditable")
                                    .is_some_and(|editable| !editable.eq_ignore_ascii_case("false"))
                        }
                        TextParts::Shown => seen(element) == Some(false),
                    };
                if !skipped {
                    out.push(' ');
                    collect_text(&child, out, max, parts);
                }
            }
            _ => {}
        }
    }
}

/// `checkVisibility()` where the browser has it: false when the element or an ancestor is display:none (or its
/// content is hidden), as in a page an in-app navigation has hidden. A browser without it says true.
pub fn region_rendered(element: &Element) -> bool {
    element
        .unchecked_ref::<Checkable>()
        .check_visibility(&JsValue::UNDEFINED)
        .unwrap_or(true)
}

/// Elements that withdraw what they hold from the person: from assistive technology, or from all interaction.
const WITHDRAWN: &str = "[aria-hidden=\"true\"], [inert]";

/// What the person can see of a form control, fact by fact; the form plan decides what to make of them. Read after
/// the frame has been rendered, like labels. Anything that cannot be read counts as unseen.
pub fn sight_of(window: &Window, element: &Element) -> Sight {
    let is_hidden_input = element.tag_name().eq_ignore_ascii_case("input")
        && element
            .get_attribute("type")
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("hidden"));
    let mut sight = Sight {
        rendered: !is_hidden_input && element.closest("[hidden]").ok().flatten().is_none(),
        exposed: element.closest(WITHDRAWN).ok().flatten().is_none(),
        ..Sight::SEEN
    };
    let mut clipping: Vec<Element> = Vec::new();
    let mut current = Some(element.clone());
    let mut depth = 0;
    while let Some(box_) = current {
        depth += 1;
        if depth > MAX_ANCESTORS {
            return Sight::default();
        }
        let Ok(Some(style)) = window.get_computed_style(&box_) else {
            return Sight::default();
        };
        let is_control = &box_ == element;
        if property(&style, "display") == "none"
            || (!is_control && property(&style, "content-visibility") == "hidden")
        {
            sight.rendered = false;
        }
        if property(&style, "opacity")
            .parse::<f64>()
            .is_ok_and(|o| o <= 0.01)
            || (is_control
                && matches!(
                    property(&style, "visibility").as_str(),
                    "hidden" | "collapse"
                ))
        {
            sight.painted = false;
        }
        if WORDS.with(|words| hides_by_style(words, &style, is_control, &box_, &mut clipping)) {
            sight.has_area = false;
        }
        current = box_.parent_element();
    }
    let control = Rect::of(element);
    // The page's own scrolling boxes say nothing: the document's area is what `on_page` is about.
    let document_boxes = element
        .owner_document()
        .map(|d| [d.document_element(), d.body().map(Element::from)])
        .unwrap_or_default();
    let clipped_away = clipping
        .iter()
        .filter(|clip| !document_boxes.iter().flatten().any(|d| d == *clip))
        .any(|clip| {
            let area = Rect::of(clip);
            area.too_thin() || !control.touches(&area)
        });
    if control.too_thin() || clipped_away {
        sight.has_area = false;
    }
    sight.on_page = on_page(window, element, &control);
    sight
}

/// Whether the box lies at least partly inside the document's area (below the fold is on the page; left of it,
/// above it or past its far edges is not).
fn on_page(window: &Window, element: &Element, r: &Rect) -> bool {
    let Some(root) = element.owner_document().and_then(|d| d.document_element()) else {
        return false;
    };
    let (x, y) = (
        window.scroll_x().unwrap_or(0.0),
        window.scroll_y().unwrap_or(0.0),
    );
    let width = f64::from(root.scroll_width().max(root.client_width()));
    let height = f64::from(root.scroll_height().max(root.client_height()));
    r.right + x > 0.0 && r.bottom + y > 0.0 && r.left + x < width && r.top + y < height
}

/// What a badge needs to know about the element it goes into, read with the rest of the batch.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Surroundings {
    /// The page shows light text here (a dark theme). Facebook's dark mode is a site setting, not the system's, so
    /// `prefers-color-scheme` cannot tell.
    pub dark: bool,
    pub container: Container,
}

/// How an element lays out what it holds, as far as a badge placed in it is concerned.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Container {
    /// Positioned: a badge can anchor to its corner.
    Positioned,
    /// Not positioned, its children laid out as blocks: a zero-height block at its start takes no room.
    BlockFlow,
    /// Anything else (flex, grid, inline): the width of its content box, which a badge placed out of the flow at
    /// its start spans.
    Other(f64),
}

fn pixels(style: &CssStyleDeclaration, name: &str) -> f64 {
    property(style, name)
        .trim_end_matches("px")
        .parse()
        .unwrap_or(0.0)
}

/// Displays whose children are laid out as blocks.
const BLOCK_FLOW: [&str; 3] = ["block", "flow-root", "list-item"];

pub fn surroundings(window: &Window, element: &Element) -> Surroundings {
    let Ok(Some(style)) = window.get_computed_style(element) else {
        return Surroundings {
            dark: false,
            container: Container::Other(element.get_bounding_client_rect().width()),
        };
    };
    let (positioned, block_flow, color) = WORDS.with(|words| {
        let positioned = read(&style, &words.position) != words.static_;
        let block_flow = !positioned
            && words.block_flow.contains(&read(&style, &words.display))
            && read(&style, &words.column_count) == words.auto;
        (
            positioned,
            block_flow,
            String::from(read(&style, &words.color)),
        )
    });
    let container = if positioned {
        Container::Positioned
    } else if block_flow {
        Container::BlockFlow
    } else {
        let edges = [
            "border-left-width",
            "border-right-width",
            "padding-left",
            "padding-right",
        ];
        let inner = element.get_bounding_client_rect().width()
            - edges.iter().map(|e| pixels(&style, e)).sum::<f64>();
        Container::Other(inner.max(0.0))
    };
    Surroundings {
        dark: is_light(&color),
        container,
    }
}

/// True for a light colour (`rgb(...)` / `rgba(...)` as computed styles give it).
fn is_light(color: &str) -> bool {
    let channels: Vec<f64> = color
        .trim_start_matches("rgba(")
        .trim_start_matches("rgb(")
        .trim_end_matches(')')
        .split([',', ' ', '/'])
        .filter(|part| !part.is_empty())
        .take(3)
        .filter_map(|part| part.parse::<f64>().ok())
        .collect();
    let [r, g, b] = channels[..] else {
        return false;
    };
    // Rec. 709 luma on 0..255 channels: light text on a dark page is well above the middle.
    0.2126 * r + 0.7152 * g + 0.0722 * b > 150.0
}

#[cfg(test)]
mod tests {
    use super::{clip_path_hides, clips_everything, is_light};
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn clip_rectangles() {
        assert!(clips_everything("rect(0px, 0px, 0px, 0px)"));
        assert!(clips_everything("rect(1px, 1px, 1px, 1px)"));
        assert!(clips_everything("rect(0px 0px 0px 0px)"));
        assert!(!clips_everything("auto"));
        assert!(!clips_everything("rect(0px, 100px, 20px, 0px)"));
        assert!(!clips_everything("rect(auto, auto, auto, auto)"));
    }

    #[wasm_bindgen_test]
    fn clip_paths() {
        assert!(clip_path_hides("inset(50%)"));
        assert!(clip_path_hides("circle(0px at 50% 50%)"));
        assert!(!clip_path_hides("none"));
        assert!(!clip_path_hides("inset(2px)"));
    }

    #[wasm_bindgen_test]
    fn light_and_dark_text() {
        assert!(is_light("rgb(228, 230, 235)"));
        assert!(is_light("rgba(255, 255, 255, 0.9)"));
        assert!(!is_light("rgb(5, 5, 5)"));
        assert!(!is_light("color(srgb 1 1 1)"));
    }
}
