//! What the property tests of the core share: their configuration and the strategies for hostile input.
#![allow(dead_code)] // each fuzz_*.rs test binary uses only some of these

use proptest::prelude::*;
use proptest::test_runner::Config;
use serde_json::{Map, Value};

/// Every language pack (`rules/lang/*.json`), parsed, read from the files as `build.rs` reads them.
pub fn language_packs() -> Vec<Value> {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/lang");
    std::fs::read_dir(folder)
        .expect("rules/lang/ holds the language packs")
        .map(|entry| entry.expect("a readable entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .map(|path| {
            let json = std::fs::read_to_string(&path).expect("a readable pack");
            serde_json::from_str(&json).expect("a pack is JSON")
        })
        .collect()
}

/// `cases` per property, or `PROPTEST_CASES` when set (for a longer run by hand). Failures are not written to files:
/// each one found is kept as a named regression test beside its property instead, with the input written out.
pub fn config(cases: u32) -> Config {
    let cases_asked = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok());
    Config {
        cases: cases_asked.unwrap_or(cases),
        failure_persistence: None,
        ..Config::default()
    }
}

/// Characters that have tripped text handling elsewhere: spaces of every kind, invisible and bidi marks,
/// separators, apostrophes, dots, braces, URL delimiters, case pairs that change length, letters that look like
/// ASCII, combining marks and astral characters.
#[rustfmt::skip]
const AWKWARD_CHARS: &[char] = &[
    ' ', '\t', '\n', '\r', '\u{0}', '\u{7f}', '\u{a0}', '\u{2009}', '\u{202f}', '\u{3000}', '\u{2028}', '\u{2029}',
    '\u{85}', '\u{180e}', '\u{ad}', '\u{200b}', '\u{200c}', '\u{200d}', '\u{2060}', '\u{2064}', '\u{feff}',
    '\u{200e}', '\u{200f}', '\u{61c}', '\u{202a}', '\u{202e}', '\u{2066}', '\u{2069}', ':', '：', '·', '•', '|', '｜',
    '・', '’', '‘', 'ʼ', '\'', '.', '…', ',', '{', '}', '/', '\\', '?', '#', '@', '%', '-', '_', '"', 'Σ', 'ς', 'σ',
    'İ', 'ı', 'ẞ', 'ß', '\u{212a}', 'Ş', 'ş', 'Ţ', 'ţ', 'ǅ', 'ﬁ', 'а', 'е', 'о', 'р', 'ѕ', 'і', 'Ρ', 'ｗ', '\u{301}',
    '\u{308}', '\u{307}', 'é', 'ø', '🌍', '\u{10ffff}', '\u{fffd}',
];

/// The character a number stands for: an awkward one, an ASCII letter or digit, or any character at all. Strings
/// are generated as numbers and read through this, which is several times faster than composing character
/// strategies and still shrinks (towards a plain space).
fn char_for(code: u32) -> char {
    let n = code / 16;
    match code % 16 {
        0..=5 => AWKWARD_CHARS[n as usize % AWKWARD_CHARS.len()],
        6..=11 => char::from(b'a' + (n % 26) as u8),
        12 => char::from(b'A' + (n % 26) as u8),
        13 => char::from(b'0' + (n % 10) as u8),
        _ => char::from_u32(n % 0x11_0000).unwrap_or(char::REPLACEMENT_CHARACTER),
    }
}

/// One awkward character, an ASCII letter or digit, or any character at all.
pub fn awkward_char() -> impl Strategy<Value = char> {
    any::<u32>().prop_map(char_for)
}

/// Strings of up to `max_chars` characters, mostly awkward ones.
pub fn awkward_string(max_chars: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(any::<u32>(), 0..=max_chars)
        .prop_map(|codes| codes.into_iter().map(char_for).collect())
}

/// Strings of any characters at all, up to `max_chars` of them.
pub fn any_string(max_chars: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(0..0x11_0000u32, 0..=max_chars).prop_map(|codes| {
        codes
            .into_iter()
            .map(|code| char::from_u32(code).unwrap_or('\u{fffd}'))
            .collect()
    })
}

/// Strings of `min..=max` characters from `alphabet` (as a regex's character class would give, but faster).
pub fn string_of(alphabet: &'static str, min: usize, max: usize) -> impl Strategy<Value = String> {
    let chars: Vec<char> = alphabet.chars().collect();
    proptest::collection::vec(proptest::sample::select(chars), min..=max)
        .prop_map(|chars| chars.into_iter().collect())
}

/// Any JSON value, nested up to four levels, with awkward strings and keys. Decoded from a list of numbers for
/// speed, as strings are; a shorter list gives a smaller value.
pub fn any_json() -> impl Strategy<Value = Value> {
    proptest::collection::vec(any::<u32>(), 0..48)
        .prop_map(|codes| json_from(&mut codes.into_iter(), 0))
}

fn json_from(codes: &mut impl Iterator<Item = u32>, depth: u8) -> Value {
    let Some(code) = codes.next() else {
        return Value::Null;
    };
    let branches = if depth < 4 { 8 } else { 6 };
    match code % branches {
        0 => Value::Null,
        1 => Value::Bool(code & 8 != 0),
        2 => Value::from(i64::from(codes.next().unwrap_or(0) as i32)),
        3 => Value::from(u64::from(codes.next().unwrap_or(0)) << 32 | u64::from(code)),
        4 => Value::from(f64::from(codes.next().unwrap_or(0) as i32) / 8.0),
        5 => Value::String(text_from(codes)),
        6 => {
            let len = codes.next().unwrap_or(0) % 5;
            Value::Array((0..len).map(|_| json_from(codes, depth + 1)).collect())
        }
        _ => {
            let len = codes.next().unwrap_or(0) % 5;
            Value::Object(
                (0..len)
                    .map(|_| (text_from(codes), json_from(codes, depth + 1)))
                    .collect::<Map<_, _>>(),
            )
        }
    }
}

fn text_from(codes: &mut impl Iterator<Item = u32>) -> String {
    let len = codes.next().unwrap_or(0) % 12;
    codes.take(len as usize).map(char_for).collect()
}

/// JSON values that are often close to the values of `shapes`: the same keys with values replaced, keys dropped or
/// added, at any depth, and now and then anything at all. Reaches deeper into a decoder than [`any_json`] alone.
pub fn json_near(shapes: impl Strategy<Value = Value> + 'static) -> impl Strategy<Value = Value> {
    let edit = (
        any::<proptest::sample::Index>(),
        0..4u8,
        any_json(),
        awkward_string(6),
    );
    let mutated =
        (shapes, proptest::collection::vec(edit, 0..=3)).prop_map(|(mut value, edits)| {
            for (at, edit, replacement, key) in edits {
                mutate_one(&mut value, at, edit, replacement, key);
            }
            value
        });
    prop_oneof![1 => any_json(), 4 => mutated]
}

/// Applies one edit to the node that `at` picks among all nodes of `value` (depth first).
fn mutate_one(
    value: &mut Value,
    at: proptest::sample::Index,
    edit: u8,
    replacement: Value,
    key: String,
) {
    let count = count_nodes(value);
    let mut target = at.index(count);
    let Some(node) = nth_node(value, &mut target) else {
        return;
    };
    match (edit, node) {
        (0, node) => *node = replacement,
        (1, Value::Object(map)) if !map.is_empty() => {
            let doomed = map.keys().nth(key.len() % map.len()).cloned();
            if let Some(doomed) = doomed {
                map.remove(&doomed);
            }
        }
        (1, Value::Array(items)) if !items.is_empty() => {
            items.remove(key.len() % items.len());
        }
        (2, Value::Object(map)) => {
            map.insert(key, replacement);
        }
        (2, Value::Array(items)) => items.push(replacement),
        (_, Value::String(text)) => text.push_str(&key),
        (_, node) => *node = replacement,
    }
}

fn count_nodes(value: &Value) -> usize {
    1 + match value {
        Value::Array(items) => items.iter().map(count_nodes).sum(),
        Value::Object(map) => map.values().map(count_nodes).sum(),
        _ => 0,
    }
}

fn nth_node<'a>(value: &'a mut Value, n: &mut usize) -> Option<&'a mut Value> {
    if *n == 0 {
        return Some(value);
    }
    *n -= 1;
    match value {
        Value::Array(items) => items.iter_mut().find_map(|item| nth_node(item, n)),
        Value::Object(map) => map.values_mut().find_map(|item| nth_node(item, n)),
        _ => None,
    }
}
