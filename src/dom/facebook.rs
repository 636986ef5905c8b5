//! Reads Facebook posts: which elements are posts, which are sponsored, and the audience labels a post shows.
//! What the labels mean is decided by `core::visibility`; where to look comes from `rules/post_markup.json`.
use crate::core::post_markup::{post_markup, LabelSource};
use crate::core::visibility::{audience_of_label, post_visibility, Visibility};
use crate::dom::badge::BADGE_TAG;
use crate::dom::visible::is_shown;
use web_sys::{Document, Element, Window};

/// Enormous posts (thousands of comments) are read only this far; the audience icon is in the header.
const MAX_CANDIDATES_PER_POST: u32 = 600;
const MAX_SPONSOR_LINKS_PER_POST: u32 = 40;

pub struct FacebookReader {
    post_selector: String,
    sponsored_selector: String,
    audience_selector: String,
    sources: Vec<LabelSource>,
}

impl FacebookReader {
    pub fn new() -> Self {
        let markup = &post_markup().facebook;
        FacebookReader {
            post_selector: markup.post_selector(),
            sponsored_selector: markup.sponsored_selector(),
            audience_selector: markup.audience_selector(),
            sources: markup.label_sources(),
        }
    }

    fn enclosing_container(&self, element: &Element) -> Option<Element> {
        element.closest(&self.post_selector).ok().flatten()
    }

    /// A container with no container around it is a post; the ones inside it are its comments or re-shares.
    fn outermost(&self, container: Element) -> Element {
        let mut top = container;
        while let Some(above) = top
            .parent_element()
            .and_then(|p| self.enclosing_container(&p))
        {
            top = above;
        }
        top
    }

    fn is_outermost(&self, container: &Element) -> bool {
        container
            .parent_element()
            .and_then(|p| self.enclosing_container(&p))
            .is_none()
    }

    /// The posts an added or changed element belongs to or contains, each once.
    pub fn posts_touched_by(&self, element: &Element, out: &mut ElementQueue) {
        if element.tag_name().eq_ignore_ascii_case(BADGE_TAG) {
            return;
        }
        if let Some(container) = self.enclosing_container(element) {
            out.push(self.outermost(container));
            return; // everything inside `element` belongs to that same post
        }
        if let Ok(found) = element.query_selector_all(&self.post_selector) {
            for i in 0..found.length() {
                if let Some(candidate) = found
                    .item(i)
                    .and_then(|n| wasm_bindgen::JsCast::dyn_into::<Element>(n).ok())
                {
                    if self.is_outermost(&candidate) {
                        out.push(candidate);
                    }
                }
            }
        }
    }

    pub fn queue_all_posts(&self, document: &Document, out: &mut ElementQueue) {
        if let Some(root) = document.document_element() {
            self.posts_touched_by(&root, out);
        }
    }

    /// Ads get no badge: they are not the user's posts.
    pub fn is_sponsored(&self, post: &Element) -> bool {
        if post
            .closest(&self.sponsored_selector)
            .ok()
            .flatten()
            .is_some()
            || post
                .query_selector(&self.sponsored_selector)
                .ok()
                .flatten()
                .is_some()
        {
            return true;
        }
        let markup = &post_markup().facebook;
        let Ok(links) = post.query_selector_all("a[aria-label]") else {
            return false;
        };
        (0..links.length().min(MAX_SPONSOR_LINKS_PER_POST))
            .filter_map(|i| {
                links
                    .item(i)
                    .and_then(|n| wasm_bindgen::JsCast::dyn_into::<Element>(n).ok())
            })
            .filter(|link| self.belongs_to(link, post))
            .any(|link| {
                link.get_attribute("aria-label")
                    .is_some_and(|l| markup.is_sponsored_label(&l))
            })
    }

    /// True when `element` is part of `post` itself, not of a comment or embedded post inside it.
    fn belongs_to(&self, element: &Element, post: &Element) -> bool {
        self.enclosing_container(element).as_ref() == Some(post)
    }

    /// The post's visibility: the first audience label that is shown to the user and belongs to the post itself.
    pub fn visibility(&self, window: &Window, post: &Element) -> Visibility {
        let Ok(candidates) = post.query_selector_all(&self.audience_selector) else {
            return Visibility::Unknown;
        };
        let mut shown_labels: Vec<String> = Vec::new();
        'candidates: for i in 0..candidates.length().min(MAX_CANDIDATES_PER_POST) {
            let Some(element) = candidates
                .item(i)
                .and_then(|n| wasm_bindgen::JsCast::dyn_into::<Element>(n).ok())
            else {
                continue;
            };
            if !self.belongs_to(&element, post)
                || element.closest(BADGE_TAG).ok().flatten().is_some()
            {
                continue;
            }
            for source in &self.sources {
                let label = match source.attribute() {
                    Some(attribute) => element.get_attribute(attribute),
                    None if element.tag_name().eq_ignore_ascii_case("title") => {
                        element.text_content()
                    }
                    None => None,
                };
                let Some(label) = label else { continue };
                if audience_of_label(&label).is_some() && is_shown(window, &element, post) {
                    shown_labels.push(label);
                    break 'candidates;
                }
            }
        }
        post_visibility(shown_labels.iter().map(String::as_str))
    }
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

    pub fn clear(&mut self) {
        self.order.clear();
        self.seen = None;
    }
}
