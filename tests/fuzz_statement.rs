//! Property tests of the statement templating (`core::statement`): no panic on any template or profile, every
//! placeholder is either filled or reported, and a statement that reports nothing holds no placeholder.
#![cfg(not(target_arch = "wasm32"))]

mod fuzz_support;

use bezwaar::core::countries::{country_codes, country_name};
use bezwaar::core::profile::Profile;
use bezwaar::core::statement::{default_statement, render_statement, statement_languages};
use fuzz_support::{any_string, awkward_string, config, string_of};
use proptest::prelude::*;

/// Every `{name}` in `text` that has a placeholder's form: 1 to 32 ASCII letters, digits, `_` or `-` in braces.
fn placeholders_in(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    for (open, _) in text.match_indices('{') {
        let after = &text[open + 1..];
        if let Some(close) = after.find('}') {
            let name = &after[..close];
            if (1..=32).contains(&name.len())
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
            {
                found.push(&text[open..open + close + 2]);
            }
        }
    }
    found
}

/// Templates: default statements, text with placeholders known, unknown and broken, or anything.
fn template() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => awkward_string(6),
        2 => proptest::sample::select(vec!["{email}", "{country}", "{EMAIL}", "{Country}", "{name}", "{}", "{", "}", "{{email}}", "{e mail}"])
            .prop_map(str::to_string),
        1 => string_of("aZ09_-", 0, 34).prop_map(|name| format!("{{{name}}}")),
    ];
    let language = proptest::sample::select(
        statement_languages()
            .into_iter()
            .map(|(code, _)| code)
            .collect::<Vec<_>>(),
    );
    prop_oneof![
        4 => proptest::collection::vec(piece, 0..12).prop_map(|pieces| pieces.concat()),
        1 => language.prop_map(|code| default_statement(code).expect("listed").to_string()),
        1 => any_string(40),
    ]
}

/// Profiles with the given e-mail addresses and countries and languages that are valid, padded, unsupported or
/// anything.
fn profile(email: BoxedStrategy<String>) -> impl Strategy<Value = Profile> {
    let country = prop_oneof![
        3 => proptest::sample::select(country_codes()).prop_map(str::to_string),
        1 => proptest::sample::select(country_codes()).prop_map(|code| format!(" {} ", code.to_ascii_lowercase())),
        1 => awkward_string(4),
    ];
    let language = prop_oneof![
        3 => proptest::sample::select(statement_languages().into_iter().map(|(code, _)| code).collect::<Vec<_>>())
            .prop_map(str::to_string),
        1 => awkward_string(4),
    ];
    (email, country, language).prop_map(|(email, country, language)| Profile {
        email,
        country,
        language,
        statement: String::new(),
    })
}

fn email_without_braces() -> BoxedStrategy<String> {
    prop_oneof![
        3 => (string_of("az09.+_-", 1, 12), string_of("az09-", 1, 10), string_of("abcnlz", 2, 4))
            .prop_map(|(local, domain, tld)| format!("{local}@{domain}.{tld}")),
        1 => Just(String::new()),
        1 => awkward_string(12).prop_map(|text| text.replace(['{', '}'], "")),
    ]
    .boxed()
}

fn any_email() -> BoxedStrategy<String> {
    prop_oneof![email_without_braces(), awkward_string(16), any_string(16)].boxed()
}

proptest! {
    #![proptest_config(config(5000))]

    /// Each reported placeholder has a placeholder's form, came from the template, is still in the text as typed,
    /// and is reported once, in one list.
    #[test]
    fn reported_placeholders_are_left_as_typed(template in template(), profile in profile(any_email())) {
        let rendered = render_statement(&template, &profile);
        let reported: Vec<&String> = rendered.unknown_placeholders.iter().chain(&rendered.unfilled_placeholders).collect();
        for (i, typed) in reported.iter().enumerate() {
            prop_assert_eq!(placeholders_in(typed), vec![typed.as_str()], "{:?}", template);
            prop_assert!(template.contains(typed.as_str()) && rendered.text.contains(typed.as_str()), "{:?}", template);
            prop_assert!(!reported[i + 1..].contains(typed), "{:?} reported twice", typed);
        }
    }

    /// Every placeholder of the template is filled when it is known and the profile has its value, and otherwise
    /// reported; so a statement that reports nothing has no placeholder of its template left.
    #[test]
    fn every_placeholder_is_filled_or_reported(template in template(), profile in profile(any_email())) {
        let rendered = render_statement(&template, &profile);
        let reported = |typed: &str| {
            rendered.unknown_placeholders.iter().chain(&rendered.unfilled_placeholders).any(|r| r == typed)
        };
        for typed in placeholders_in(&template) {
            let name = &typed[1..typed.len() - 1];
            let has_value = if name.eq_ignore_ascii_case("email") {
                !profile.email.trim().is_empty()
            } else if name.eq_ignore_ascii_case("country") {
                country_name(&profile.country, &profile.language).or_else(|| country_name(&profile.country, "en")).is_some()
            } else {
                false
            };
            prop_assert_eq!(reported(typed), !has_value, "{:?} in {:?}", typed, template);
        }
    }

    /// Text without braces comes back unchanged, with nothing reported.
    #[test]
    fn text_without_braces_is_kept(text in awkward_string(40), profile in profile(any_email())) {
        let text = text.replace(['{', '}'], "");
        let rendered = render_statement(&text, &profile);
        prop_assert_eq!(&rendered.text, &text);
        prop_assert!(rendered.unknown_placeholders.is_empty() && rendered.unfilled_placeholders.is_empty());
    }

    /// A value is put in as it is and never read as a template again: an address holding `{country}` stays so.
    #[test]
    fn values_are_inserted_literally(email in any_email(), profile in profile(email_without_braces())) {
        let profile = Profile { email: email.clone(), ..profile };
        let rendered = render_statement("{email}", &profile);
        if email.trim().is_empty() {
            prop_assert_eq!(rendered.text, "{email}");
            prop_assert_eq!(rendered.unfilled_placeholders, vec!["{email}".to_string()]);
        } else {
            prop_assert_eq!(rendered.text, email.trim());
            prop_assert!(rendered.unfilled_placeholders.is_empty() && rendered.unknown_placeholders.is_empty());
        }
    }

    /// Every language's default statement, for a supported country and an address, is complete.
    #[test]
    fn default_statements_render_completely(profile in profile(email_without_braces())) {
        let Some(template) = default_statement(&profile.language) else {
            return Ok(());
        };
        let rendered = render_statement(template, &profile);
        let country_ok = country_codes().iter().any(|code| code.eq_ignore_ascii_case(profile.country.trim()));
        if country_ok && !profile.email.trim().is_empty() {
            prop_assert!(rendered.unfilled_placeholders.is_empty() && rendered.unknown_placeholders.is_empty());
            prop_assert!(placeholders_in(&rendered.text).is_empty(), "{:?}", rendered.text);
        }
    }
}

/// Found by `every_placeholder_is_filled_or_reported` in its first form, which wanted no placeholder-shaped text at
/// all in a complete statement: braces the user typed around a filled placeholder stay as typed, around the value.
/// The statement is complete; the value is not a placeholder.
#[test]
fn braces_typed_around_a_filled_placeholder_stay_around_its_value() {
    let profile = Profile {
        email: "a".into(),
        country: "AT".into(),
        language: "en".into(),
        statement: String::new(),
    };
    let rendered = render_statement("{{email}} {{country}}", &profile);
    assert_eq!(rendered.text, "{a} {Austria}");
    assert!(rendered.unknown_placeholders.is_empty() && rendered.unfilled_placeholders.is_empty());
}
