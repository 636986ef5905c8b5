//! Reads an Instagram profile page: whether the account is public, from the private-account notice (visible text
//! only) and the embedded JSON; and the grid's post links. What it means is decided by `core::visibility`.
use crate::core::post_markup::post_markup;
use crate::core::visibility::{
    instagram_account_visibility, is_instagram_private_notice, Visibility,
};
use crate::dom::badge::BADGE_TAG;
use crate::dom::visible::is_shown;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Window};

/// The notice is a short line among a few hundred elements; a huge page is not read further.
const MAX_NOTICE_ELEMENTS: u32 = 3000;
const MAX_JSON_BLOCKS: u32 = 50;

pub struct ProfileView {
    pub header: Option<Element>,
    pub account: Visibility,
    pub post_links: Vec<Element>,
}

fn elements(root: &Element, selector: &str, limit: u32) -> Vec<Element> {
    let Ok(list) = root.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length().min(limit))
        .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
        .collect()
}

/// Reads the profile shown at `username`. Only short leaf texts are read, and only those that match a notice are
/// checked for visibility, so a hidden copy of the notice cannot make a public account look private or the reverse.
pub fn read_profile(window: &Window, document: &Document, username: &str) -> ProfileView {
    let markup = &post_markup().instagram;
    let Some(root) = document.document_element() else {
        return ProfileView {
            header: None,
            account: Visibility::Unknown,
            post_links: Vec::new(),
        };
    };
    let mut notices: Vec<String> = Vec::new();
    if let Ok(Some(region)) = document.query_selector(&markup.notice_region.selector) {
        for element in elements(&region, "*", MAX_NOTICE_ELEMENTS) {
            if element.child_element_count() > 0
                || element.tag_name().eq_ignore_ascii_case(BADGE_TAG)
            {
                continue;
            }
            let Some(text) = element.text_content() else {
                continue;
            };
            if text.len() < 200
                && is_instagram_private_notice(&text)
                && is_shown(window, &element, &region)
            {
                notices.push(text);
            }
        }
    }
    let json: Vec<String> = elements(&root, &markup.embedded_json.selector, MAX_JSON_BLOCKS)
        .iter()
        .filter_map(|script| script.text_content())
        .collect();
    let notice_refs: Vec<&str> = notices.iter().map(String::as_str).collect();
    let json_refs: Vec<&str> = json.iter().map(String::as_str).collect();
    let account = instagram_account_visibility(&notice_refs, &json_refs, username);
    let header = document
        .query_selector(&markup.profile_header.selector)
        .ok()
        .flatten();
    let post_links = elements(&root, &markup.post_links.selector, u32::MAX);
    ProfileView {
        header,
        account,
        post_links,
    }
}
