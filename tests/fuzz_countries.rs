//! Property tests of the country lookups (`core::countries`): no panic on any code, language or picker option, and
//! an option never names two countries, since a wrong country in a legal request is worse than none.
#![cfg(not(target_arch = "wasm32"))]

mod fuzz_support;

use bezwaar::core::countries::{
    country_codes, country_name, country_names, is_supported_country, option_matches_country,
};
use fuzz_support::{awkward_string, config};
use proptest::prelude::*;

/// Every known name of every country, plus codes, as a picker may show them.
fn option_text() -> impl Strategy<Value = String> {
    let names: Vec<String> = country_codes()
        .into_iter()
        .flat_map(country_names)
        .map(str::to_string)
        .chain(country_codes().into_iter().map(str::to_string))
        .collect();
    let decorated = (
        proptest::sample::select(names),
        proptest::sample::select(vec!["", " ", "\u{a0}", ".", "\u{200f}"]),
        any::<bool>(),
    )
        .prop_map(|(name, mark, upper)| {
            let name = if upper { name.to_uppercase() } else { name };
            format!("{mark}{name}{mark}")
        });
    prop_oneof![4 => decorated, 1 => awkward_string(12)]
}

fn code() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::sample::select(country_codes()).prop_map(str::to_string),
        1 => proptest::sample::select(country_codes()).prop_map(|code| format!(" {} ", code.to_ascii_lowercase())),
        1 => awkward_string(3),
    ]
}

proptest! {
    #![proptest_config(config(3000))]

    /// An option whose value is empty or repeats its text (pickers with a value naming one country and a text
    /// naming another are the page's contradiction, not ours) is at most one country.
    #[test]
    fn an_option_is_at_most_one_country(text in option_text(), value_is_text in any::<bool>()) {
        let value = if value_is_text { text.clone() } else { String::new() };
        let matching: Vec<&str> =
            country_codes().into_iter().filter(|code| option_matches_country(&value, &text, code)).collect();
        prop_assert!(matching.len() <= 1, "{:?} / {:?} is {:?}", value, text, matching);
    }

    /// Any code, language and option: no panic; a code is supported exactly when listed (ASCII case and spaces
    /// aside), and only a supported code has names or matches an option.
    #[test]
    fn lookups_take_any_code(code in code(), language in awkward_string(3), value in option_text(), text in option_text()) {
        let supported = is_supported_country(&code);
        prop_assert_eq!(supported, country_codes().iter().any(|known| known.eq_ignore_ascii_case(code.trim())));
        prop_assert_eq!(supported, !country_names(&code).is_empty());
        if country_name(&code, &language).is_some() || option_matches_country(&value, &text, &code) {
            prop_assert!(supported);
        }
    }
}
