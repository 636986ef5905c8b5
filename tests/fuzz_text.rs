//! Property tests of the text normaliser (`core::text`): whatever the page holds, the normalised form is stable,
//! tidy, and blind to the invisible and spacing differences it exists to remove.
#![cfg(not(target_arch = "wasm32"))]

mod fuzz_support;

use bezwaar::core::text::{contains_words, normalize_text, Pattern};
use fuzz_support::{any_string, awkward_string, config};
use proptest::prelude::*;

/// Marks the normaliser drops and spaces it turns into one plain space (a sample of each, from its documentation).
const INVISIBLE: &[char] = &[
    '\u{ad}', '\u{200b}', '\u{200d}', '\u{2060}', '\u{feff}', '\u{200e}', '\u{200f}', '\u{61c}',
    '\u{202b}', '\u{2067}',
];
const SPACES: &[char] = &[
    ' ', '\u{a0}', '\u{202f}', '\u{2009}', '\u{3000}', '\t', '\n',
];

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![3 => awkward_string(40), 1 => any_string(40)]
}

/// `text` with invisible marks put in at random places and each space replaced by a random run of spaces.
fn disguised(text: &str, marks: &[(usize, usize)], spaces: &[usize]) -> String {
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        for &(at, which) in marks {
            if at == i {
                out.push(INVISIBLE[which % INVISIBLE.len()]);
            }
        }
        if c == ' ' {
            let run = spaces.get(i % spaces.len().max(1)).copied().unwrap_or(0);
            out.push(SPACES[run % SPACES.len()]);
            if run % 3 == 0 {
                out.push(SPACES[(run / 3) % SPACES.len()]);
            }
        } else {
            out.push(c);
        }
    }
    out
}

proptest! {
    #![proptest_config(config(12000))]

    /// Normalising twice changes nothing.
    #[test]
    fn normalising_is_idempotent(text in any_text()) {
        let once = normalize_text(&text);
        prop_assert_eq!(normalize_text(&once), once.clone(), "{:?}", text);
    }

    /// The result is tidy: no space at either end or twice in a row, no other whitespace, no invisible mark, no
    /// trailing dot or ellipsis, and no character that lower-casing would still change.
    #[test]
    fn the_result_is_tidy(text in any_text()) {
        let normalised = normalize_text(&text);
        prop_assert!(!normalised.starts_with(' ') && !normalised.ends_with([' ', '.', '…']), "{:?}", normalised);
        prop_assert!(!normalised.contains("  "), "{:?}", normalised);
        prop_assert!(normalised.chars().all(|c| c == ' ' || !c.is_whitespace()), "{:?}", normalised);
        prop_assert!(!normalised.contains(INVISIBLE), "{:?}", normalised);
        prop_assert_eq!(normalised.to_lowercase(), normalised.clone(), "{:?}", text);
    }

    /// Invisible marks anywhere and any mix of Unicode spaces between words normalise away.
    #[test]
    fn invisible_marks_and_spacing_do_not_matter(
        text in any_text(),
        marks in proptest::collection::vec((0..48usize, any::<usize>()), 0..6),
        spaces in proptest::collection::vec(any::<usize>(), 1..6),
    ) {
        prop_assert_eq!(normalize_text(&disguised(&text, &marks, &spaces)), normalize_text(&text), "{:?}", text);
    }

    /// A pattern without gaps matches exactly the texts that normalise to it; with gaps, matching never panics and
    /// a text that matches contains each fixed part's words.
    #[test]
    fn patterns_match_whole_normalised_texts(pattern in any_text(), text in any_text(), gaps in 0..3usize) {
        let words: Vec<&str> = pattern.split(' ').collect();
        let with_gaps = match gaps {
            0 => pattern.replace('*', ""),
            1 => format!("*{}", pattern.replace('*', "")),
            _ => words.join(" * "),
        };
        let normalised = normalize_text(&text);
        if let Some(compiled) = Pattern::new(&with_gaps) {
            let matched = compiled.matches(&normalised);
            if gaps == 0 {
                prop_assert_eq!(matched, normalised == normalize_text(&with_gaps), "{:?} {:?}", with_gaps, text);
            }
            if matched {
                for part in with_gaps.split('*') {
                    let part = normalize_text(part);
                    prop_assert!(part.is_empty() || normalised.contains(&part), "{:?} {:?}", with_gaps, text);
                }
            }
        }
        let phrase = normalize_text(&pattern);
        prop_assert_eq!(contains_words(&normalised, &phrase), !phrase.is_empty() && format!(" {normalised} ").contains(&format!(" {phrase} ")));
    }
}
