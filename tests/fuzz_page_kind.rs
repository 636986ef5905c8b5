//! Property tests of page classification (`core::page_kind`): a page off Meta's exact hosts is never anything but
//! `other`, a form's kind and id come from its URL, a confirmation counts only on an objection form, and the
//! wording of the language packs (`rules/lang/*.json`) is found however the page spaces, cases, accents or punctuates it.
#![cfg(not(target_arch = "wasm32"))]

mod fuzz_support;

use bezwaar::core::hosts::{parse_meta_url, Site};
use bezwaar::core::page_kind::{
    ai_notice_language, classify_page, contact_form_of, objection_sent_in, PageKind, PageSignals,
};
use fuzz_support::{any_string, awkward_string, config, string_of};
use proptest::prelude::*;
use serde_json::Value;
use std::sync::OnceLock;

fn pages_json() -> &'static Value {
    static PAGES: OnceLock<Value> = OnceLock::new();
    PAGES.get_or_init(|| {
        serde_json::from_str(include_str!("../rules/pages.json")).expect("pages.json")
    })
}

fn texts_of(list: &Value) -> Vec<String> {
    list.as_array()
        .expect("a list")
        .iter()
        .map(|entry| entry["text"].as_str().expect("text").to_string())
        .collect()
}

/// Every language pack (`rules/lang/*.json`), parsed.
fn packs() -> impl Iterator<Item = Value> {
    fuzz_support::language_packs().into_iter()
}

/// Confirmation texts, and the AI notice's verbatim headlines.
fn sent_texts() -> Vec<String> {
    packs()
        .filter(|pack| pack.get("objection_sent").is_some())
        .flat_map(|pack| texts_of(&pack["objection_sent"]))
        .collect()
}

fn notice_headlines() -> Vec<String> {
    packs()
        .filter(|pack| pack.get("ai_notice").is_some())
        .flat_map(|pack| texts_of(&pack["ai_notice"]["exact"]))
        .collect()
}

/// Known forms as (site, id, kind).
fn known_forms() -> Vec<(Site, String, PageKind)> {
    let forms = pages_json()["contact_forms"]
        .as_array()
        .expect("contact_forms");
    forms
        .iter()
        .map(|form| {
            let site = serde_json::from_value(form["site"].clone()).expect("site");
            let kind = serde_json::from_value(form["kind"].clone()).expect("kind");
            (site, form["id"].as_str().expect("id").to_string(), kind)
        })
        .collect()
}

/// The decomposed (NFD) spelling of the accented letters the rules use.
#[rustfmt::skip]
const DECOMPOSED: &[(char, &str)] = &[
    ('à', "a\u{300}"), ('á', "a\u{301}"), ('â', "a\u{302}"), ('ä', "a\u{308}"), ('ą', "a\u{328}"),
    ('ç', "c\u{327}"), ('ć', "c\u{301}"), ('č', "c\u{30c}"), ('è', "e\u{300}"), ('é', "e\u{301}"),
    ('ê', "e\u{302}"), ('ë', "e\u{308}"), ('ę', "e\u{328}"), ('ì', "i\u{300}"), ('í', "i\u{301}"),
    ('î', "i\u{302}"), ('ï', "i\u{308}"), ('ñ', "n\u{303}"), ('ń', "n\u{301}"), ('ò', "o\u{300}"),
    ('ó', "o\u{301}"), ('ô', "o\u{302}"), ('ö', "o\u{308}"), ('ś', "s\u{301}"), ('š', "s\u{30c}"),
    ('ù', "u\u{300}"), ('ú', "u\u{301}"), ('û', "u\u{302}"), ('ü', "u\u{308}"), ('ź', "z\u{301}"),
    ('ż', "z\u{307}"), ('ž', "z\u{30c}"),
];

/// `text` as a page might render it: letters in upper case or decomposed, apostrophes typographic, spaces of any
/// kind, punctuation after words.
fn rendered(text: String) -> impl Strategy<Value = String> {
    let joints =
        proptest::sample::select(vec![" ", "  ", "\u{a0}", "\n", ", ", " - ", "\u{200b} "]);
    (proptest::collection::vec((any::<u8>(), joints), 64)).prop_map(move |choices| {
        let mut out = String::new();
        for (i, c) in text.chars().enumerate() {
            let (choice, joint) = choices[i % choices.len()];
            match c {
                ' ' => out.push_str(joint),
                '\'' if choice % 2 == 0 => out.push('’'),
                _ => match DECOMPOSED
                    .iter()
                    .find(|(letter, _)| *letter == c.to_lowercase().next().unwrap_or(c))
                {
                    Some((_, nfd)) if choice % 3 == 0 => out.push_str(nfd),
                    _ if choice % 5 == 0 => out.extend(c.to_uppercase()),
                    _ => out.push(c),
                },
            }
        }
        out
    })
}

/// Words that are in no rule, to put around wording.
fn filler() -> impl Strategy<Value = String> {
    proptest::collection::vec(string_of("qxzjkvw", 1, 6), 0..4).prop_map(|words| words.join(" "))
}

/// `wording` rendered as a page might, inside filler words.
fn inside_text(wording: Vec<String>) -> impl Strategy<Value = String> {
    let mark = proptest::sample::select(vec!["", ".", "!", ":"]);
    (
        proptest::sample::select(wording).prop_flat_map(rendered),
        filler(),
        filler(),
        mark,
    )
        .prop_map(|(text, before, after, mark)| format!("{before} {text}{mark} {after}"))
}

/// A host and contact form URL of a known form.
fn known_form_url() -> impl Strategy<Value = (String, Site, String, PageKind)> {
    (
        proptest::sample::select(known_forms()),
        any::<bool>(),
        proptest::sample::select(vec!["", "/", "?ref=x", "/#top"]),
    )
        .prop_map(|((site, id, kind), www, tail)| {
            let url = match site {
                Site::Facebook => format!(
                    "https://{}.facebook.com/help/contact/{id}{tail}",
                    if www { "www" } else { "m" }
                ),
                Site::Instagram => format!("https://help.instagram.com/contact/{id}{tail}"),
            };
            (url, site, id, kind)
        })
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![2 => inside_text(sent_texts()), 1 => inside_text(notice_headlines()), 2 => awkward_string(30), 1 => any_string(20)]
}

/// Where a dialog's links may lead: an objection form (known or lookalike), or anywhere.
fn any_link() -> impl Strategy<Value = String> {
    prop_oneof![
        known_form_url().prop_map(|(url, ..)| url),
        known_form_url().prop_map(|(url, ..)| url.replacen(".com", ".com.example.test", 1)),
        any_string(30),
    ]
}

/// Where [`signals`] puts the text of a form still to fill: the fifth text.
const FILLED_FORM_TEXT: usize = 4;

/// Page signals of `texts` in turn: the title, a heading, a dialog, an answering form, a form still to fill, then
/// notifications entries.
fn signals(
    url: String,
    texts: Vec<String>,
    links: Vec<String>,
    has_form_controls: bool,
) -> PageSignals {
    let mut texts = texts.into_iter();
    PageSignals {
        dialog_links: links,
        url,
        title: texts.next().unwrap_or_default(),
        headings: texts.next().into_iter().collect(),
        dialogs: texts.next().into_iter().collect(),
        form_texts: texts.next().into_iter().collect(),
        filled_form_texts: texts.next().into_iter().collect(),
        has_form_controls,
        notifications: texts.collect(),
    }
}

proptest! {
    #![proptest_config(config(2000))]

    /// A confirmation is found inside any text, however it is rendered.
    #[test]
    fn confirmations_are_found_however_rendered(text in inside_text(sent_texts())) {
        prop_assert!(objection_sent_in(&text).is_some(), "{:?}", text);
    }

    /// The notice's headlines are found inside any text, however rendered.
    #[test]
    fn notice_headlines_are_found_however_rendered(text in inside_text(notice_headlines())) {
        prop_assert!(ai_notice_language(&text).is_some(), "{:?}", text);
    }

    /// On a known form, the kind is the form's own, or `objection-sent` when an objection form shows a
    /// confirmation; never anything else, and always with the URL's id.
    #[test]
    fn a_known_form_is_its_kind_or_sent(
        (url, site, id, kind) in known_form_url(),
        texts in proptest::collection::vec(any_text(), 0..6),
        links in proptest::collection::vec(any_link(), 0..3),
        has_form_controls in any::<bool>(),
    ) {
        // The text of a form still to fill (the fifth) says what it says of itself, never Meta's answer.
        let confirmed = texts
            .iter()
            .enumerate()
            .any(|(at, text)| at != FILLED_FORM_TEXT && objection_sent_in(text).is_some());
        let class = classify_page(&signals(url.clone(), texts, links, has_form_controls));
        let objection_form = matches!(kind, PageKind::ObjectionFormFacebook | PageKind::ObjectionFormInstagram);
        let expected = if objection_form && confirmed { PageKind::ObjectionSent } else { kind };
        prop_assert_eq!(class.kind, expected, "{:?}", url);
        prop_assert_eq!(class.site, Some(site));
        prop_assert_eq!(class.form_id, Some(id));
    }

    /// Any page: no panic; off Meta's exact hosts always `other` without a site; a form id only with the URL's own.
    #[test]
    fn any_page_is_classified_by_its_url_first(
        url in prop_oneof![
            known_form_url().prop_map(|(url, ..)| url),
            known_form_url().prop_map(|(url, ..)| url.replacen("https", "http", 1)),
            known_form_url().prop_map(|(url, ..)| url.replacen(".com", ".com.example.test", 1)),
            awkward_string(12).prop_map(|host| format!("https://{host}/help/contact/712876720715583")),
            any_string(30),
        ],
        texts in proptest::collection::vec(any_text(), 0..6),
        links in proptest::collection::vec(any_link(), 0..3),
        has_form_controls in any::<bool>(),
    ) {
        let class = classify_page(&signals(url.clone(), texts, links, has_form_controls));
        let meta = parse_meta_url(&url);
        if meta.is_none() {
            prop_assert_eq!(class.kind, PageKind::Other, "{:?}", url);
            prop_assert_eq!(class.site, None);
        }
        prop_assert_eq!(class.site, meta.map(|meta| meta.site));
        if let Some(id) = &class.form_id {
            prop_assert_eq!(contact_form_of(&url).map(|(_, id)| id), Some(id.clone()), "{:?}", url);
        }
    }
}
