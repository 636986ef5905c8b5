//! Reads whether a Facebook page is the user's own profile, and the day of a post there: the control only the profile's
//! owner is shown ("Edit profile", `rules/post_markup.json` and the language packs' `own_profile`), and the dates a
//! page writes in a form that needs no language (`post_dates`).
use crate::core::own_profile::day_of;
use crate::core::post_markup::post_markup;
use crate::dom::attribute::{text_of, Attribute};
use crate::dom::selector::Selector;
use web_sys::{Document, Element};

/// The profile header comes before the posts; its controls are among the first of the page's.
const MAX_CONTROLS: u32 = 200;
/// A control's name is a few words; a longer text is a control holding something else.
const MAX_CONTROL_NAME: u32 = 60;
/// A post's date is in its header, among its first few dated elements.
const MAX_DATES_PER_POST: u32 = 8;

pub struct OwnProfileReader {
    controls: Selector,
    /// Any post container: a control or a date inside a nested one is not the page's or the post's own.
    containers: Selector,
    dates: Selector,
    date_sources: Vec<(Selector, Attribute)>,
    aria_label: Attribute,
}

impl OwnProfileReader {
    pub fn new() -> Self {
        let facebook = &post_markup().facebook;
        OwnProfileReader {
            controls: Selector::new(facebook.own_profile_controls.selector),
            containers: Selector::new(&facebook.any_container_selector()),
            dates: Selector::new(&facebook.date_selector()),
            date_sources: facebook
                .post_dates
                .iter()
                .map(|d| (Selector::new(d.selector), Attribute::new(d.attribute)))
                .collect(),
            aria_label: Attribute::new("aria-label"),
        }
    }

    /// True when the page shows, before its first post, the control Facebook shows only on one's own profile.
    pub fn is_own_facebook_profile(&self, document: &Document) -> bool {
        let Some(root) = document.document_element() else {
            return false;
        };
        let facebook = &post_markup().facebook;
        // The profile's header comes before its posts: the look ends at the first control inside a post, so a feed
        // of thousands costs one check.
        self.controls
            .all(&root, MAX_CONTROLS)
            .iter()
            .take_while(|control| self.containers.closest(control).is_none())
            .any(|control| {
                let name = self
                    .aria_label
                    .of(control)
                    .or_else(|| text_of(control))
                    .filter(|name| name.length() <= MAX_CONTROL_NAME);
                name.is_some_and(|name| facebook.is_edit_profile_label(&String::from(name)))
            })
    }

    /// The day of `post`'s own date (not that of a post it re-shares or of a comment), when the page writes it in
    /// a form a rule reads.
    pub fn post_day(&self, post: &Element) -> Option<String> {
        let markup = &post_markup().facebook;
        self.dates
            .all(post, MAX_DATES_PER_POST)
            .iter()
            .filter(|element| match self.containers.closest(element) {
                Some(container) => container == *post || !post.contains(Some(&container)),
                None => true,
            })
            .find_map(|element| {
                markup
                    .post_dates
                    .iter()
                    .zip(&self.date_sources)
                    .filter(|(_, (selector, _))| selector.matches(element))
                    .find_map(|(rule, (_, attribute))| {
                        day_of(&String::from(attribute.of(element)?), rule.format)
                    })
            })
    }
}
