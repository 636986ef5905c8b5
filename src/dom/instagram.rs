//! Reads an Instagram profile page: whether the account is public, from the private-account notice (visible text
//! only) and the embedded JSON; and the grid's post links. What it means is decided by `core::visibility`.
//!
//! The embedded JSON describes the profile the page was loaded for. After an in-app navigation to another profile
//! it still sits in the page, so it is used only while the address is the one the page was loaded at.
use crate::core::post_markup::post_markup;
use crate::core::visibility::{instagram_account_reading, is_instagram_private_notice, Visibility};
use crate::dom::attribute::is_ours;
use crate::dom::selector::{query_all, Selector};
use crate::dom::visible::is_shown;
use web_sys::{Document, Element, Window};

/// The notice is a short line among a few hundred elements; a huge page is not read further.
const MAX_NOTICE_ELEMENTS: u32 = 3000;
const MAX_NOTICE_CHARS: usize = 200;
const MAX_JSON_BLOCKS: u32 = 200;

pub struct ProfileView {
    pub header: Option<Element>,
    pub account: Visibility,
    /// The private notice the verdict rests on, when only our guessed wording reads it.
    pub guessed_notice: Option<String>,
    pub post_links: Vec<Element>,
}

/// Remembers the embedded JSON of the page as loaded (read once: inline scripts can be megabytes).
pub struct InstagramReader {
    loaded_path: String,
    /// The script texts that mention `is_private`, once read.
    json: Option<Vec<String>>,
    own_account_links: Selector,
}

fn elements(root: &Element, selector: &str, limit: u32) -> Vec<Element> {
    query_all(root, selector).take(limit as usize).collect()
}

/// Whether all the text of `element` is its own: none of its child elements holds any (an icon beside the words
/// does not make a heading a container).
fn holds_its_own_text(element: &Element) -> bool {
    let children = element.children();
    (0..children.length())
        .filter_map(|i| children.item(i))
        .all(|child| child.text_content().unwrap_or_default().trim().is_empty())
}

/// Short texts of `region`'s innermost text-holding elements that read as a private-account notice and are shown: a
/// hidden copy of the notice cannot make a public account look private.
fn shown_notices(window: &Window, region: &Element, header: Option<&Element>) -> Vec<String> {
    let mut notices = Vec::new();
    for element in elements(region, "*", MAX_NOTICE_ELEMENTS) {
        // The header holds the account's own words (its bio may quote the notice); Instagram's notice is below it.
        if is_ours(&element)
            || element.tag_name().eq_ignore_ascii_case("script")
            || !holds_its_own_text(&element)
            || header.is_some_and(|header| header.contains(Some(&element)))
        {
            continue;
        }
        let Some(text) = element.text_content() else {
            continue;
        };
        if text.len() < MAX_NOTICE_CHARS
            && is_instagram_private_notice(&text)
            && is_shown(window, &element, region)
        {
            notices.push(text);
        }
    }
    notices
}

impl InstagramReader {
    pub fn new(loaded_path: String) -> Self {
        InstagramReader {
            loaded_path,
            json: None,
            own_account_links: Selector::new(post_markup().instagram.own_account_links.selector),
        }
    }

    /// True when the account's header links to the profile editor, which only the account's owner is shown.
    pub fn is_own_account(&self, header: &Element) -> bool {
        self.own_account_links.any_under(header)
    }

    fn embedded_json(&mut self, document: &Document, path: &str) -> &[String] {
        if path != self.loaded_path {
            return &[];
        }
        let Some(root) = document.document_element() else {
            return &[];
        };
        let selector = &post_markup().instagram.embedded_json.selector;
        self.json.get_or_insert_with(|| {
            elements(&root, selector, MAX_JSON_BLOCKS)
                .iter()
                .filter_map(|script| script.text_content())
                .filter(|text| text.contains("is_private"))
                .collect()
        })
    }

    /// Reads the profile of `username` shown at `path`.
    pub fn read_profile(
        &mut self,
        window: &Window,
        document: &Document,
        path: &str,
        username: &str,
    ) -> ProfileView {
        let markup = &post_markup().instagram;
        let header = markup
            .profile_headers
            .iter()
            .find_map(|rule| document.query_selector(rule.selector).ok().flatten());
        let notices = match document.query_selector(markup.notice_region.selector) {
            Ok(Some(region)) => shown_notices(window, &region, header.as_ref()),
            _ => Vec::new(),
        };
        let notice_refs: Vec<&str> = notices.iter().map(String::as_str).collect();
        let json_refs: Vec<&str> = self
            .embedded_json(document, path)
            .iter()
            .map(String::as_str)
            .collect();
        let reading = instagram_account_reading(&notice_refs, &json_refs, username);
        let post_links = match document.document_element() {
            Some(root) => elements(&root, markup.post_links.selector, u32::MAX),
            None => Vec::new(),
        };
        ProfileView {
            header,
            account: reading.visibility,
            guessed_notice: reading.guessed_notice,
            post_links,
        }
    }
}
