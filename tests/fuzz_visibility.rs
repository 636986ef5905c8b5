//! Property tests of the audience-label matcher and the Instagram account reader (`core::visibility`): no panic on
//! any text, a public verdict only for a known public name, never for a label that also reads as limited, and the
//! same verdict however the label is spaced or marked.
#![cfg(not(target_arch = "wasm32"))]

mod fuzz_support;

use bezwaar::core::text::normalize_text;
use bezwaar::core::visibility::{
    audience_of_label, instagram_account_visibility, is_instagram_private_notice, label_language,
    post_visibility, Visibility,
};
use fuzz_support::{any_json, any_string, awkward_string, config, string_of};
use proptest::prelude::*;
use serde_json::Value;
use std::sync::OnceLock;

/// The audience wording of every language pack (`rules/lang/*.json`) together, normalised: read independently of
/// the matcher.
#[derive(Default)]
struct Wording {
    prefixes: Vec<String>,
    suffixes: Vec<String>,
    public: Vec<String>,
    limited: Vec<String>,
    limited_prefixes: Vec<String>,
}

fn wording() -> &'static Wording {
    static WORDING: OnceLock<Wording> = OnceLock::new();
    WORDING.get_or_init(|| {
        let mut wording = Wording::default();
        let packs = fuzz_support::language_packs().into_iter();
        for block in packs.flat_map(|pack| pack["audience"].as_array().cloned().unwrap_or_default())
        {
            for (key, list) in [
                ("prefixes", &mut wording.prefixes),
                ("suffixes", &mut wording.suffixes),
                ("public", &mut wording.public),
                ("limited", &mut wording.limited),
                ("limited_prefixes", &mut wording.limited_prefixes),
            ] {
                for text in block
                    .get(key)
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    list.push(normalize_text(text.as_str().expect("text")));
                }
            }
        }
        wording
    })
}

/// What is left of a normalised label once nothing, one prefix, one suffix, or both are taken off as whole words.
fn cores(label: &str) -> Vec<String> {
    let w = wording();
    let mut without_prefix = vec![label.to_string()];
    for prefix in &w.prefixes {
        if let Some(rest) = label.strip_prefix(&format!("{prefix} ")) {
            without_prefix.push(rest.to_string());
        }
    }
    let mut cores = without_prefix.clone();
    for text in &without_prefix {
        for suffix in &w.suffixes {
            if let Some(rest) = text.strip_suffix(&format!(" {suffix}")) {
                cores.push(rest.to_string());
            }
        }
    }
    cores.retain(|core| !core.is_empty());
    cores
}

fn reads_as_public(core: &str) -> bool {
    wording().public.iter().any(|name| name == core)
}

fn reads_as_limited(core: &str) -> bool {
    let w = wording();
    w.limited.iter().any(|name| name == core)
        || w.limited_prefixes
            .iter()
            .any(|start| core == start || core.starts_with(&format!("{start} ")))
}

/// A label made of audience wording (prefixes, names, starts of names, suffixes, in every language) and other
/// words, joined the ways Facebook joins them, in random ASCII case and with stray marks.
fn label() -> impl Strategy<Value = String> {
    let w = wording();
    let all: Vec<String> = [
        &w.prefixes,
        &w.suffixes,
        &w.public,
        &w.limited,
        &w.limited_prefixes,
    ]
    .into_iter()
    .flatten()
    .cloned()
    .collect();
    let part = prop_oneof![
        3 => proptest::sample::select(w.public.clone()),
        2 => proptest::sample::select(all),
        1 => string_of("abcdefghijklmnopqrstuvwxyzABCZ", 1, 8),
        1 => awkward_string(4),
    ];
    let joint =
        proptest::sample::select(vec![" ", " ", ": ", "\u{a0}", " · ", "\u{200f}", "", "\n"]);
    let prefix = proptest::option::of(proptest::sample::select(w.prefixes.clone()));
    let suffix = proptest::option::of(proptest::sample::select(w.suffixes.clone()));
    (
        prefix,
        proptest::collection::vec((part, joint), 1..3),
        suffix,
        any::<u64>(),
        proptest::sample::select(vec!["", ".", "…"]),
    )
        .prop_map(|(prefix, parts, suffix, case_bits, end)| {
            let mut label = prefix.map(|p| format!("{p} ")).unwrap_or_default();
            for (part, joint) in parts {
                label.push_str(&part);
                label.push_str(joint);
            }
            if let Some(suffix) = suffix {
                label.push(' ');
                label.push_str(&suffix);
            }
            label.push_str(end);
            label
                .chars()
                .enumerate()
                .map(|(i, c)| {
                    if case_bits >> (i % 64) & 1 == 1 {
                        c.to_ascii_uppercase()
                    } else {
                        c
                    }
                })
                .collect()
        })
}

fn any_label() -> impl Strategy<Value = String> {
    prop_oneof![4 => label(), 1 => awkward_string(30), 1 => any_string(30)]
}

proptest! {
    #![proptest_config(config(6000))]

    /// Public only when what is left of the label, once one known prefix and suffix are taken off, is exactly a
    /// public audience name: unknown or run-on text never becomes public.
    #[test]
    fn public_needs_a_known_public_name(label in any_label()) {
        if audience_of_label(&label) == Some(Visibility::Public) {
            let normalised = normalize_text(&label);
            prop_assert!(cores(&normalised).iter().any(|core| reads_as_public(core)), "{:?}", label);
        }
    }

    /// A label that can be read as a limited audience is never public, whatever else it could be read as.
    #[test]
    fn a_label_that_reads_as_limited_is_never_public(label in any_label()) {
        let normalised = normalize_text(&label);
        if cores(&normalised).iter().any(|core| reads_as_limited(core)) {
            prop_assert_ne!(audience_of_label(&label), Some(Visibility::Public), "{:?}", label);
        }
    }

    /// The verdict depends on the words, not on their normalisation: a normalised label means the same.
    #[test]
    fn a_normalised_label_means_the_same(label in any_label()) {
        prop_assert_eq!(audience_of_label(&normalize_text(&label)), audience_of_label(&label), "{:?}", label);
        let _ = label_language(&label);
    }

    /// A post is public only when some label is public and none reads otherwise.
    #[test]
    fn a_public_post_has_only_public_labels(labels in proptest::collection::vec(any_label(), 0..4)) {
        let verdict = post_visibility(labels.iter().map(String::as_str));
        let meanings: Vec<_> = labels.iter().filter_map(|label| audience_of_label(label)).collect();
        if verdict == Visibility::Public {
            prop_assert!(!meanings.is_empty() && meanings.iter().all(|&m| m == Visibility::Public), "{:?}", labels);
        }
        if meanings.contains(&Visibility::Public) && meanings.contains(&Visibility::Limited) {
            prop_assert_eq!(verdict, Visibility::Unknown, "{:?}", labels);
        }
    }
}

/// Embedded JSON as Instagram's pages hold it: an object naming a user and an `is_private` flag, inside other
/// values, perhaps encoded again as a JSON string, perhaps with its quotes escaped, perhaps cut short.
fn embedded_json() -> impl Strategy<Value = String> {
    let account = (string_of("abcdeanx_.", 0, 8), any::<bool>(), any_json()).prop_map(|(username, is_private, other)| {
        serde_json::json!({"user": {"username": username, "is_private": is_private, "other": other}})
    });
    let document = prop_oneof![3 => account, 1 => any_json()];
    (
        document,
        0..3u8,
        any::<proptest::sample::Index>(),
        any::<bool>(),
    )
        .prop_map(|(document, wrapping, cut, truncate)| {
            let text = document.to_string();
            let text = match wrapping {
                0 => text,
                1 => Value::String(text).to_string(),
                _ => text.replace('"', "\\\""),
            };
            if !truncate {
                return text;
            }
            let mut end = cut.index(text.len() + 1);
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            text[..end].to_string()
        })
}

proptest! {
    #![proptest_config(config(4000))]

    /// Any embedded JSON, any visible text, any user name: no panic; no flag and no notice is never public.
    #[test]
    fn instagram_accounts_are_public_only_on_a_flag(
        json in proptest::collection::vec(prop_oneof![3 => embedded_json(), 1 => awkward_string(40)], 0..3),
        visible in proptest::collection::vec(awkward_string(30), 0..3),
        username in prop_oneof![string_of("abcdeanx_.", 0, 8), awkward_string(8)],
    ) {
        let json: Vec<&str> = json.iter().map(String::as_str).collect();
        let visible: Vec<&str> = visible.iter().map(String::as_str).collect();
        let verdict = instagram_account_visibility(&visible, &json, &username);
        if !json.iter().any(|text| text.contains("is_private")) {
            prop_assert_ne!(verdict, Visibility::Public);
        }
        if visible.iter().any(|text| is_instagram_private_notice(text)) {
            prop_assert_eq!(verdict, Visibility::Limited);
        }
    }
}

/// One account object as Instagram's JSON may hold it: the user name and the flag in either order, among other
/// entries (nested objects, lists, text that mentions the keys).
fn account_object(username: String, is_private: bool) -> impl Strategy<Value = String> {
    let other = prop_oneof![
        any_json(),
        awkward_string(10).prop_map(Value::String),
        Just(Value::String("username is_private".into())),
        Just(serde_json::json!({"edge": {"count": 3}, "is_verified": false})),
    ];
    (
        proptest::collection::vec((string_of("abcdefg_", 1, 8), other), 0..3),
        any::<proptest::sample::Index>(),
        any::<bool>(),
    )
        .prop_map(move |(others, at, flag_first)| {
            let mut entries: Vec<String> = others
                .iter()
                .map(|(key, value)| format!("{}:{value}", Value::String(key.clone())))
                .collect();
            let name = format!("\"username\":{}", Value::String(username.clone()));
            let flag = format!("\"is_private\": {is_private}");
            let pair = if flag_first {
                [flag, name]
            } else {
                [name, flag]
            };
            let i = at.index(entries.len() + 1);
            entries.insert(i, pair.join(","));
            format!("{{{}}}", entries.join(","))
        })
}

/// Several accounts' objects as one JSON document, in any order, the account asked about among them: its user
/// name, its flag, and the document.
fn accounts_json() -> impl Strategy<Value = (String, bool, String)> {
    let name = || string_of("abcxyz09._", 1, 10);
    (
        name(),
        any::<bool>(),
        proptest::collection::vec((name(), any::<bool>()), 0..3),
    )
        .prop_flat_map(|(own, is_private, others)| {
            let objects: Vec<_> = std::iter::once((own.clone(), is_private))
                .chain(
                    others
                        .into_iter()
                        .filter(|(name, _)| !name.eq_ignore_ascii_case(&own)),
                )
                .map(|(name, flag)| account_object(name, flag))
                .collect();
            (Just(own), Just(is_private), objects.prop_shuffle())
        })
        .prop_map(|(own, is_private, objects)| {
            (
                own,
                is_private,
                format!("{{\"data\":{{\"users\":[{}]}}}}", objects.join(",")),
            )
        })
}

proptest! {
    #![proptest_config(config(2500))]

    /// The account's own flag decides, wherever its object sits among other accounts' objects, whatever their flags
    /// say, and whether the JSON is plain, encoded in a JSON string, or escaped inside script code.
    #[test]
    fn the_accounts_own_flag_decides((username, is_private, document) in accounts_json(), wrapping in 0..3u8) {
        prop_assert!(serde_json::from_str::<Value>(&document).is_ok(), "{}", document);
        let text = match wrapping {
            0 => document,
            1 => format!("{{\"payload\":{}}}", Value::String(document)),
            _ => format!("require(\"X\").handle({});", document.replace('\\', "\\\\").replace('"', "\\\"")),
        };
        let expected = if is_private { Visibility::Limited } else { Visibility::Public };
        prop_assert_eq!(instagram_account_visibility(&[], &[&text], &username), expected, "{}", text);
    }
}
