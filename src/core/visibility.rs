//! Who can see a post or an account: Facebook audience labels and Instagram account privacy.
//!
//! The wording lives in `rules/audience.json` and `rules/instagram.json`; this module only knows how to match it.
//! Matching is deliberately one-sided: `Public` needs a label or signal we know, while anything unknown or
//! contradictory yields `None` / `Unknown`. Telling someone a post is public when it is not (or the reverse) would
//! defeat the point of showing them which of their posts Meta may use, so we never guess.

pub use crate::core::tables::audience::Visibility;
use crate::core::tables::audience::{AudienceRules, AudienceVocabulary};
use crate::core::tables::{AUDIENCE_RULES, PRIVATE_NOTICES};
use crate::core::text::{
    normalize_text, starts_with_words, strip_leading_words, strip_trailing_words,
};

impl Visibility {
    /// The value written to `data-bezwaar-visibility` and exchanged with the extension's JavaScript.
    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::Public => "public",
            Visibility::Limited => "limited",
            Visibility::Unknown => "unknown",
        }
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Facebook audience labels
// ---------------------------------------------------------------------------------------------------------------

impl AudienceRules {
    /// What a label means in any language; see [`audience_of_label`].
    pub(crate) fn audience_of(&self, label: &str) -> Option<Visibility> {
        self.all_languages.verdict(&normalize_text(label))
    }

    /// What a label means by the wording public sources show Meta using; see [`is_guessed_wording`].
    fn verified_audience_of(&self, label: &str) -> Option<Visibility> {
        self.verified_languages.verdict(&normalize_text(label))
    }
}

impl AudienceVocabulary {
    /// The meaning of an already normalised label, or None when it means nothing we know or means both things.
    fn verdict(&self, label: &str) -> Option<Visibility> {
        let mut verdict = None;
        for remainder in self.remainders(label) {
            for meaning in self.meanings(remainder) {
                match verdict {
                    None => verdict = Some(meaning),
                    Some(earlier) if earlier == meaning => {}
                    Some(_) => return None,
                }
            }
        }
        verdict
    }

    /// The label itself and what is left after removing one prefix and/or one suffix.
    fn remainders<'a>(&self, label: &'a str) -> Vec<&'a str> {
        let without_prefix: Vec<&str> = self
            .prefixes
            .iter()
            .filter_map(|prefix| strip_leading_words(label, prefix))
            .collect();
        let mut remainders = vec![label];
        for &text in std::iter::once(&label).chain(&without_prefix) {
            remainders.extend(
                self.suffixes
                    .iter()
                    .filter_map(|suffix| strip_trailing_words(text, suffix)),
            );
        }
        remainders.extend(without_prefix);
        remainders
    }

    fn meanings(&self, remainder: &str) -> impl Iterator<Item = Visibility> {
        let public = self.public.contains(&remainder);
        let limited = self.limited.contains(&remainder)
            || self
                .limited_prefixes
                .iter()
                .any(|start| starts_with_words(remainder, start))
            || self
                .limited_patterns
                .iter()
                .any(|pattern| pattern.matches(remainder));
        [
            public.then_some(Visibility::Public),
            limited.then_some(Visibility::Limited),
        ]
        .into_iter()
        .flatten()
    }
}

/// What one audience label (an icon's title / aria-label / tooltip, in any language) means.
/// None when the text is not an audience label we know (the caller then keeps looking).
pub fn audience_of_label(label: &str) -> Option<Visibility> {
    AUDIENCE_RULES.audience_of(label)
}

/// What one audience label means by wording a public source shows Meta using; None when only our own guessed
/// wording (or nothing) reads it.
pub fn verified_audience_of_label(label: &str) -> Option<Visibility> {
    AUDIENCE_RULES.verified_audience_of(label)
}

/// True when a label names an audience only by wording we guessed (our translation of a language no source shows
/// Meta's words for): its meaning may be shown, never as settled, and the user may correct it.
pub fn is_guessed_wording(label: &str) -> bool {
    read_label(label).is_some_and(|(_, wording)| wording == Wording::Guessed)
}

/// Whose words gave a label its meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wording {
    /// Wording a public source shows Meta using.
    Meta,
    /// Only our own translation.
    Guessed,
}

/// What one audience label means and whose wording says so: [`audience_of_label`] and [`is_guessed_wording`] in
/// one reading, for the DOM layer that needs both of every label it meets.
pub fn read_label(label: &str) -> Option<(Visibility, Wording)> {
    let meaning = audience_of_label(label)?;
    let wording = if verified_audience_of_label(label) == Some(meaning) {
        Wording::Meta
    } else {
        Wording::Guessed
    };
    Some((meaning, wording))
}

/// A Facebook post's visibility from the labels of its own audience icons (the DOM layer has already left out hidden
/// or decoy labels, and those of comments and of posts it re-shares): when every label that names a known audience
/// names the same one, that is the answer; none, or two that disagree (a post showing both a globe and a friends
/// icon), give Unknown, since either answer could be the wrong one.
pub fn post_visibility<'a, I: IntoIterator<Item = &'a str>>(labels: I) -> Visibility {
    combined_visibility(labels.into_iter().filter_map(audience_of_label))
}

/// [`post_visibility`] for labels whose meanings are known already: one, or several that agree, decide.
pub fn combined_visibility<I: IntoIterator<Item = Visibility>>(meanings: I) -> Visibility {
    let mut verdict = None;
    for meaning in meanings {
        match verdict {
            None => verdict = Some(meaning),
            Some(earlier) if earlier == meaning => {}
            Some(_) => return Visibility::Unknown,
        }
    }
    verdict.unwrap_or(Visibility::Unknown)
}

/// The audience label's language code if known (for diagnostics / tests), e.g. "pl".
/// None when no language's own wording explains the label, or when several do (a bare "Public" is English, French
/// and Romanian).
pub fn label_language(label: &str) -> Option<&'static str> {
    let label = normalize_text(label);
    let mut matching = AUDIENCE_RULES
        .languages
        .iter()
        .filter(|(_, vocabulary)| vocabulary.verdict(&label).is_some())
        .map(|(code, _)| *code);
    let only = matching.next()?;
    matching.next().is_none().then_some(only)
}

// ---------------------------------------------------------------------------------------------------------------
// Instagram accounts
// ---------------------------------------------------------------------------------------------------------------

/// True when `text` (normalised) is one of the private-account notices.
/// A text with line breaks (an element's `innerText` holding the notice and the "Follow to see ..." line) also
/// counts when one of its lines is a notice; a notice merely mentioned inside a sentence does not.
pub fn is_instagram_private_notice(text: &str) -> bool {
    holds_notice(text, PRIVATE_NOTICES.notices)
}

fn holds_notice(text: &str, notices: &[&str]) -> bool {
    let is_notice = |candidate: &str| {
        let normalised = normalize_text(candidate);
        notices.contains(&normalised.as_str())
    };
    is_notice(text) || (text.contains(is_line_break) && text.split(is_line_break).any(is_notice))
}

/// An Instagram account's visibility, and the notice it was read from when only our guessed wording reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountReading {
    pub visibility: Visibility,
    /// The private notice shown, when a notice in words no public source shows Meta using (our translation) is
    /// all that says the account is private: the badge quotes it as read by a guess.
    pub guessed_notice: Option<String>,
}

/// [`instagram_account_visibility`], saying whether the verdict rests on a guessed notice alone.
pub fn instagram_account_reading(
    visible_texts: &[&str],
    embedded_json: &[&str],
    username: &str,
) -> AccountReading {
    let notice = visible_texts
        .iter()
        .find(|text| is_instagram_private_notice(text));
    let flag = embedded_json_says_private(embedded_json, username);
    let visibility = match (flag, notice.is_some()) {
        (Some(true), _) | (None, true) => Visibility::Limited,
        (Some(false), false) => Visibility::Public,
        // The page's own data says public while a line reads as the private notice (a bio or a caption quoting it
        // where no header tells the account's words apart): which is right cannot be told.
        (Some(false), true) | (None, false) => Visibility::Unknown,
    };
    let settled = flag == Some(true)
        || visible_texts
            .iter()
            .any(|text| holds_notice(text, PRIVATE_NOTICES.verified_notices));
    AccountReading {
        visibility,
        guessed_notice: notice
            .filter(|_| !settled && visibility == Visibility::Limited)
            .map(|text| text.trim().to_string()),
    }
}

fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

/// Instagram: an account's visibility. `private_notice_seen`: texts visible in the profile's main area;
/// `embedded_json`: the text of the page's JSON script blocks; `username`: from the URL path.
/// JSON `"is_private":true` for that user, or a visible private notice ("This account is private" in any language
/// from rules/instagram.json) where the JSON does not say public -> Limited; `"is_private":false` for that user and
/// no private notice -> Public; otherwise (no signal, or the two contradict each other) Unknown. When several
/// accounts' `"is_private"` appear in the JSON, use the one belonging to `username` (nearest to
/// `"username":"<name>"` in the same object); if it can't be attributed and they disagree -> Unknown.
///
/// A flag in an object naming another username is never used for this account; flags in objects without a username
/// are used only when no flag names this account, only when they all agree, and only to say private: such an object
/// may be another account's (the signed-in viewer's), so it never makes an account public.
pub fn instagram_account_visibility(
    visible_texts: &[&str],
    embedded_json: &[&str],
    username: &str,
) -> Visibility {
    instagram_account_reading(visible_texts, embedded_json, username).visibility
}

/// The account's `is_private` flag according to the page's JSON, or None when absent or contradictory.
fn embedded_json_says_private(embedded_json: &[&str], username: &str) -> Option<bool> {
    let mut flags = Vec::new();
    for text in embedded_json {
        collect_privacy_flags(text, 0, &mut flags);
    }
    let username = username.trim().trim_matches('/');
    let is_this_account = |flag: &&PrivacyFlag| {
        flag.username
            .as_deref()
            .is_some_and(|name| !username.is_empty() && name.eq_ignore_ascii_case(username))
    };
    let own: Vec<bool> = flags
        .iter()
        .filter(is_this_account)
        .map(|flag| flag.is_private)
        .collect();
    let agreed = |values: &[bool]| {
        let first = *values.first()?;
        values.iter().all(|&value| value == first).then_some(first)
    };
    if !own.is_empty() {
        return agreed(&own);
    }
    let unattributed: Vec<bool> = flags
        .iter()
        .filter(|flag| flag.username.is_none())
        .map(|flag| flag.is_private)
        .collect();
    agreed(&unattributed).filter(|&is_private| is_private)
}

/// One `"is_private"` value found in embedded JSON, with the `"username"` of the same object when it has one.
struct PrivacyFlag {
    username: Option<String>,
    is_private: bool,
}

/// What has been seen so far inside one open `{ ... }`.
#[derive(Default)]
struct OpenObject {
    username: Option<String>,
    is_private: Vec<bool>,
}

impl OpenObject {
    fn close_into(self, flags: &mut Vec<PrivacyFlag>) {
        let username = self.username;
        flags.extend(self.is_private.into_iter().map(|is_private| PrivacyFlag {
            username: username.clone(),
            is_private,
        }));
    }
}

/// How many times JSON may be found encoded inside a JSON string (Meta's server-rendered pages nest it) before we
/// stop looking: bounds the work on hostile input.
const MAX_JSON_NESTING: u8 = 4;

/// Finds every `"is_private": true|false` in `text` and the object it belongs to.
///
/// Script blocks are not always pure JSON (JavaScript around it, truncated blocks, JSON encoded inside strings), so
/// this is a tolerant scan rather than a parser: braces outside strings delimit objects, a string followed by ':' is
/// a key, and a string value that itself contains `is_private` is scanned as JSON again. Text that is JSON with its
/// quotes escaped (`{\"is_private\":true}`) is scanned once more with one level of escaping removed.
fn collect_privacy_flags(text: &str, nesting: u8, flags: &mut Vec<PrivacyFlag>) {
    if nesting > MAX_JSON_NESTING || !text.contains("is_private") {
        return;
    }
    let flags_before = flags.len();
    let bytes = text.as_bytes();
    let mut open_objects: Vec<OpenObject> = Vec::new();
    let mut key: Option<String> = None;
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'"' => {
                let Some((content, after_string)) = read_json_string(text, at) else {
                    break;
                };
                let next = skip_ascii_whitespace(bytes, after_string);
                if bytes.get(next) == Some(&b':') {
                    key = Some(content);
                    at = next + 1;
                    continue;
                }
                if key.as_deref() == Some("username") {
                    if let Some(object) = open_objects.last_mut() {
                        object.username = Some(content.clone());
                    }
                }
                if content.contains("is_private") {
                    collect_privacy_flags(&content, nesting + 1, flags);
                }
                key = None;
                at = after_string;
                continue;
            }
            b'{' => {
                open_objects.push(OpenObject::default());
                key = None;
            }
            b'}' => {
                if let Some(object) = open_objects.pop() {
                    object.close_into(flags);
                }
                key = None;
            }
            b't' | b'f' if key.as_deref() == Some("is_private") => {
                let rest = &text[at..];
                let value = if rest.starts_with("true") {
                    Some(true)
                } else if rest.starts_with("false") {
                    Some(false)
                } else {
                    None
                };
                if let (Some(value), Some(object)) = (value, open_objects.last_mut()) {
                    object.is_private.push(value);
                }
                key = None;
            }
            byte if byte.is_ascii_whitespace() => {}
            _ => key = None,
        }
        at += 1;
    }
    // A truncated block leaves objects open: what they held is still evidence.
    while let Some(object) = open_objects.pop() {
        object.close_into(flags);
    }
    if flags.len() == flags_before && text.contains("\\\"") {
        collect_privacy_flags(&remove_one_level_of_escaping(text), nesting + 1, flags);
    }
}

fn skip_ascii_whitespace(bytes: &[u8], mut at: usize) -> usize {
    while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
        at += 1;
    }
    at
}

/// Decodes the JSON string whose opening quote is at `open_quote`; returns it and the index after its closing quote,
/// or None when the string is not closed. Unknown escapes keep the escaped character.
fn read_json_string(text: &str, open_quote: usize) -> Option<(String, usize)> {
    let bytes = text.as_bytes();
    let mut decoded = String::new();
    let mut chunk_start = open_quote + 1;
    let mut at = chunk_start;
    while at < bytes.len() {
        match bytes[at] {
            b'"' => {
                decoded.push_str(&text[chunk_start..at]);
                return Some((decoded, at + 1));
            }
            b'\\' => {
                decoded.push_str(&text[chunk_start..at]);
                let escaped = *bytes.get(at + 1)?;
                let simple = match escaped {
                    b'"' => Some('"'),
                    b'\\' => Some('\\'),
                    b'/' => Some('/'),
                    b'b' => Some('\u{8}'),
                    b'f' => Some('\u{c}'),
                    b'n' => Some('\n'),
                    b'r' => Some('\r'),
                    b't' => Some('\t'),
                    _ => None,
                };
                if let Some(c) = simple {
                    decoded.push(c);
                    at += 2;
                } else if escaped == b'u' {
                    let (c, consumed) = decode_unicode_escape(bytes, at + 2);
                    decoded.push(c);
                    at += 2 + consumed;
                } else {
                    // Keep the character after the backslash (it may be multi-byte: leave it in the next chunk).
                    at += 1;
                }
                chunk_start = at;
                continue;
            }
            _ => {}
        }
        at += 1;
    }
    None
}

/// Decodes the hex digits of a `\u` escape starting at `at` (a surrogate pair when followed by `\uDC00`-`\uDFFF`).
/// Returns the character (U+FFFD when invalid) and how many bytes after the `\u` were used.
fn decode_unicode_escape(bytes: &[u8], at: usize) -> (char, usize) {
    let Some(high) = hex4(bytes, at) else {
        return (char::REPLACEMENT_CHARACTER, 0);
    };
    if (0xD800..0xDC00).contains(&high) && bytes.get(at + 4..at + 6) == Some(b"\\u".as_slice()) {
        if let Some(low) = hex4(bytes, at + 6).filter(|low| (0xDC00..0xE000).contains(low)) {
            let combined = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
            return (
                char::from_u32(combined).unwrap_or(char::REPLACEMENT_CHARACTER),
                10,
            );
        }
    }
    (
        char::from_u32(high).unwrap_or(char::REPLACEMENT_CHARACTER),
        4,
    )
}

fn hex4(bytes: &[u8], at: usize) -> Option<u32> {
    let digits = bytes.get(at..at + 4)?;
    digits.iter().try_fold(0u32, |value, &digit| {
        Some(value * 16 + char::from(digit).to_digit(16)?)
    })
}

/// `\"` -> `"`, `\\` -> `\`, `\/` -> `/`: turns escaped JSON that is not inside a string back into JSON.
fn remove_one_level_of_escaping(text: &str) -> String {
    let mut unescaped = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            unescaped.push(c);
            continue;
        }
        match chars.next() {
            Some(next @ ('"' | '\\' | '/')) => unescaped.push(next),
            Some(other) => {
                unescaped.push('\\');
                unescaped.push(other);
            }
            None => unescaped.push('\\'),
        }
    }
    unescaped
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::lang::{language_packs, registry};
    use crate::core::tables::load::audience::{
        AudienceSection, AudienceWordings, InstagramSection, PrivateNoticeBlock,
    };
    use crate::core::tables::load::pack_sections;
    use crate::core::text::Pattern;
    use std::collections::BTreeMap;

    /// Every pack's audience blocks, by language code.
    fn audience_blocks() -> BTreeMap<String, Vec<AudienceWordings>> {
        pack_sections::<AudienceSection>(language_packs())
            .expect("the build read every pack's audience section")
            .into_iter()
            .filter(|(_, section)| !section.audience.is_empty())
            .map(|(code, section)| (code.to_string(), section.audience))
            .collect()
    }

    /// Every pack's private-account notices, by language code.
    fn private_notice_blocks() -> BTreeMap<String, PrivateNoticeBlock> {
        pack_sections::<InstagramSection>(language_packs())
            .expect("the build read every pack's instagram_private section")
            .into_iter()
            .filter_map(|(code, section)| Some((code.to_string(), section.instagram_private?)))
            .collect()
    }
    use std::collections::{BTreeSet, HashMap};

    // ---- the packs' audience sections ----

    #[test]
    fn a_meaning_only_unverified_wording_gives_is_a_guess() {
        // Greek: no source shows Meta's wording, so the pack's words are our translation.
        let greek = "Κοινοποιήθηκε με: Δημόσιο";
        assert_eq!(audience_of_label(greek), Some(Visibility::Public));
        assert_eq!(verified_audience_of_label(greek), None);
        assert!(is_guessed_wording(greek));
        assert_eq!(
            read_label(greek),
            Some((Visibility::Public, Wording::Guessed))
        );
        assert_eq!(
            read_label("Shared with Friends"),
            Some((Visibility::Limited, Wording::Meta))
        );
        assert_eq!(read_label("Photos from the weekend"), None);
        for seen in [
            "Shared with Public",
            "Mit Öffentlich geteilt",
            "Shared with Friends",
        ] {
            assert!(!is_guessed_wording(seen), "{seen} is Meta's wording");
            assert_eq!(verified_audience_of_label(seen), audience_of_label(seen));
        }
        assert!(!is_guessed_wording("Photos from the weekend"));
        // Every word only unverified blocks give is a guess, alone or after one of its language's prefixes.
        let languages = audience_blocks();
        let verified_words: BTreeSet<String> = languages
            .values()
            .flatten()
            .filter(|block| block.verified)
            .flat_map(|block| block.public.iter().chain(&block.limited))
            .map(|word| normalize_text(word))
            .collect();
        let mut guesses = 0;
        for blocks in languages.values() {
            for block in blocks.iter().filter(|block| !block.verified) {
                for word in block.public.iter().chain(&block.limited) {
                    if verified_words.contains(&normalize_text(word)) {
                        continue;
                    }
                    let labels = std::iter::once(word.clone())
                        .chain(block.prefixes.first().map(|p| format!("{p} {word}")));
                    // A verified block's prefix or pattern may read it too ("*的好友" reads "好友的好友").
                    for label in labels.filter(|label| {
                        audience_of_label(label).is_some()
                            && verified_audience_of_label(label).is_none()
                    }) {
                        assert!(
                            is_guessed_wording(&label),
                            "{label:?} comes from a guess only"
                        );
                        guesses += 1;
                    }
                }
            }
        }
        assert!(
            guesses > 50,
            "the packs' guessed words were checked ({guesses})"
        );
    }

    #[test]
    fn audience_rules_are_valid() {
        let languages = audience_blocks();
        assert!(languages.len() >= 20, "expected the EU languages");
        let mut public_names = BTreeSet::new();
        let mut limited_names = BTreeSet::new();
        let mut limited_starts = BTreeSet::new();
        let mut affixes = BTreeSet::new();
        let mut patterns = Vec::new();
        for (code, blocks) in &languages {
            for block in blocks {
                // The same word may come from several sources (one block each), but not twice from one.
                let mut seen_in_block = BTreeSet::new();
                assert!(!block.source.trim().is_empty(), "{code}: no source");
                let lists = [
                    &block.prefixes,
                    &block.suffixes,
                    &block.public,
                    &block.limited,
                    &block.limited_prefixes,
                    &block.limited_patterns,
                ];
                assert!(
                    lists.iter().any(|list| !list.is_empty()),
                    "{code}: empty block"
                );
                for wording in lists.into_iter().flatten() {
                    let normalised = normalize_text(wording);
                    assert!(
                        !normalised.is_empty(),
                        "{code}: {wording:?} is empty once normalised"
                    );
                    assert!(
                        seen_in_block.insert(normalised.clone()),
                        "{code}: {wording:?} is listed twice in one block"
                    );
                }
                public_names.extend(block.public.iter().map(|n| normalize_text(n)));
                limited_names.extend(block.limited.iter().map(|n| normalize_text(n)));
                limited_starts.extend(block.limited_prefixes.iter().map(|n| normalize_text(n)));
                for pattern in &block.limited_patterns {
                    patterns.push(
                        Pattern::new(pattern)
                            .unwrap_or_else(|| panic!("{code}: {pattern:?} has no words")),
                    );
                }
                affixes.extend(
                    block
                        .prefixes
                        .iter()
                        .chain(&block.suffixes)
                        .map(|n| normalize_text(n)),
                );
            }
        }
        for language in registry().with_role("audience") {
            assert!(
                languages[&language.code]
                    .iter()
                    .any(|block| !block.public.is_empty()),
                "{}: an audience language needs its public audience name",
                language.code
            );
        }
        for public in &public_names {
            assert!(
                !limited_names.contains(public),
                "{public:?} is both public and limited"
            );
            for start in &limited_starts {
                assert!(
                    public != start && strip_leading_words(public, start).is_none(),
                    "public {public:?} starts with limited prefix {start:?}"
                );
            }
            for pattern in &patterns {
                assert!(
                    !pattern.matches(public),
                    "public {public:?} matches limited pattern {pattern:?}"
                );
            }
        }
        for affix in &affixes {
            let is_name = public_names.contains(affix)
                || limited_names.contains(affix)
                || limited_starts.contains(affix);
            assert!(!is_name, "prefix/suffix {affix:?} is also an audience name");
        }
    }

    /// Every name, with and without every language's prefix and suffix, has its listed meaning: exercises each entry
    /// and proves no wording of one language contradicts another's.
    #[test]
    fn every_audience_rule_matches_in_every_wrapping() {
        let languages = audience_blocks();
        let blocks = || languages.values().flatten();
        let prefixes: Vec<&String> = blocks().flat_map(|block| &block.prefixes).collect();
        let suffixes: Vec<&String> = blocks().flat_map(|block| &block.suffixes).collect();
        let named = blocks()
            .flat_map(|block| {
                block
                    .public
                    .iter()
                    .map(|name| (name.clone(), Visibility::Public))
            })
            .chain(blocks().flat_map(|block| {
                block
                    .limited
                    .iter()
                    .map(|name| (name.clone(), Visibility::Limited))
            }))
            .chain(blocks().flat_map(|block| {
                block
                    .limited_prefixes
                    .iter()
                    .map(|start| (format!("{start} Example Group"), Visibility::Limited))
            }))
            .chain(blocks().flat_map(|block| {
                block
                    .limited_patterns
                    .iter()
                    .map(|pattern| (pattern.replace('*', "Example Name"), Visibility::Limited))
            }));
        let mut checked = 0;
        for (name, meaning) in named {
            let mut labels = vec![name.clone()];
            labels.extend(prefixes.iter().map(|prefix| format!("{prefix}: {name}")));
            labels.extend(suffixes.iter().map(|suffix| format!("{name} {suffix}")));
            for prefix in &prefixes {
                labels.extend(
                    suffixes
                        .iter()
                        .map(|suffix| format!("{prefix} {name} {suffix}")),
                );
            }
            for label in labels {
                assert_eq!(audience_of_label(&label), Some(meaning), "{label:?}");
                checked += 1;
            }
        }
        assert!(checked > 1000, "only {checked} labels checked");
    }

    #[test]
    fn every_language_recognises_its_own_prefixed_labels() {
        for (code, blocks) in &audience_blocks() {
            let prefixes: Vec<&String> = blocks.iter().flat_map(|block| &block.prefixes).collect();
            let suffixes: Vec<&String> = blocks.iter().flat_map(|block| &block.suffixes).collect();
            let names = blocks
                .iter()
                .flat_map(|block| block.public.iter().chain(&block.limited));
            for name in names {
                for prefix in &prefixes {
                    let label = match suffixes.first() {
                        Some(suffix) => format!("{prefix} {name} {suffix}"),
                        None => format!("{prefix} {name}"),
                    };
                    assert_eq!(label_language(&label), Some(code.as_str()), "{label:?}");
                }
            }
        }
    }

    /// The exact wordings meta-facts.md lists.
    #[test]
    fn labels_seen_in_public_sources() {
        let public = [
            ("Shared with Public", Some("en")),
            ("Partagé avec Public", Some("fr")),
            ("Mit Öffentlich geteilt", Some("de")),
            ("Compartido con: Público", Some("es")),
            ("Compartilhado com Público", Some("pt-BR")),
            ("Conteúdo partilhado com: Público", Some("pt-PT")),
            ("Contenuto condiviso con: Tutti", Some("it")),
            ("Grono odbiorców: Publiczne", Some("pl")),
            ("Publiczne", Some("pl")),
            ("Distribuit pentru: Public", Some("ro")),
            ("Podijeljeno s publikom Javno", Some("hr")),
        ];
        for (label, language) in public {
            assert_eq!(
                audience_of_label(label),
                Some(Visibility::Public),
                "{label:?}"
            );
            assert_eq!(label_language(label), language, "{label:?}");
        }
        let limited = [
            ("Shared with Friends", Some("en")),
            ("Shared with Friends of friends", Some("en")),
            ("Shared with Only me", Some("en")),
            ("Custom", Some("en")),
            ("Members of Stamtafel Utrecht", Some("en")),
            ("Members of ...", Some("en")),
            ("Amis de ...", Some("fr")),
            ("Amis de leurs amis", Some("fr")),
            ("Personnalisé", Some("fr")),
            ("Membres de Club de lecture", Some("fr")),
            ("Membres de …", Some("fr")),
        ];
        for (label, language) in limited {
            assert_eq!(
                audience_of_label(label),
                Some(Visibility::Limited),
                "{label:?}"
            );
            assert_eq!(label_language(label), language, "{label:?}");
        }
    }

    /// Every language's own public and limited names read right behind its own prefix (and suffix), e.g. "Shared
    /// with Public", "Mit Freunden geteilt".
    #[test]
    fn every_language_reads_its_public_and_limited_labels() {
        for (code, blocks) in &audience_blocks() {
            let prefix = blocks.iter().flat_map(|b| &b.prefixes).next();
            let suffix = blocks.iter().flat_map(|b| &b.suffixes).next();
            let wrap = |name: &str| match (prefix, suffix) {
                (Some(prefix), Some(suffix)) => format!("{prefix} {name} {suffix}"),
                (Some(prefix), None) => format!("{prefix}: {name}"),
                _ => name.to_string(),
            };
            let public = blocks.iter().flat_map(|b| &b.public).next();
            let limited = blocks.iter().flat_map(|b| &b.limited).next();
            assert!(
                public.is_some() || limited.is_some(),
                "{code}: no audience name"
            );
            if let Some(name) = public {
                let label = wrap(name);
                assert_eq!(
                    audience_of_label(&label),
                    Some(Visibility::Public),
                    "{code}: {label:?}"
                );
            }
            if let Some(name) = limited {
                let label = wrap(name);
                assert_eq!(
                    audience_of_label(&label),
                    Some(Visibility::Limited),
                    "{code}: {label:?}"
                );
            }
        }
    }

    /// Labels from meta-facts.md "Seen in real pages" and the classic shapes with names in them (names invented).
    #[test]
    fn labels_seen_in_real_pages() {
        for label in [
            "Đã chia sẻ với Nhóm công khai",
            "تمت المشاركة مع مجموعة عامة",
            "Опубликовано для: Доступно всем",
            "Доступно всем",
            "分享对象：公开",
            "公开",
            "Shared with Public group",
        ] {
            assert_eq!(
                audience_of_label(label),
                Some(Visibility::Public),
                "{label:?}"
            );
        }
        for label in [
            "分享对象：林小明的好友",
            "Shared with: Anna Vos's friends",
            "Shared with: Anna Vos’s friends and Bob Jansen",
            "Shared with Friends; Except: Acquaintances",
            "Members of Elm Street Gardeners",
            "Shared with Your friends",
            "Private group",
        ] {
            assert_eq!(
                audience_of_label(label),
                Some(Visibility::Limited),
                "{label:?}"
            );
        }
        assert_eq!(label_language("Đã chia sẻ với Nhóm công khai"), Some("vi"));
        assert_eq!(label_language("تمت المشاركة مع مجموعة عامة"), Some("ar"));
        assert_eq!(
            label_language("Опубликовано для: Доступно всем"),
            Some("ru")
        );
        assert_eq!(label_language("分享对象：公开"), Some("zh-Hans"));
        // A name pattern needs a name: the bare wording is no audience.
        assert_eq!(audience_of_label("'s friends"), None);
        assert_eq!(audience_of_label("Shared with: 's"), None);
        assert_eq!(audience_of_label("的好友"), None);
    }

    /// Precomposed (NFC) and decomposed (NFD) spellings of a label, and one typed without accents, read the same.
    #[test]
    fn nfc_nfd_and_unaccented_spellings_read_the_same() {
        for (nfc, nfd) in [
            (
                "Đã chia sẻ với Nhóm công khai",
                "Đa\u{0303} chia se\u{0309} vơ\u{0301}i Nho\u{0301}m cô\u{0302}ng khai",
            ),
            ("Compartido con: Público", "Compartido con: Pu\u{0301}blico"),
            ("Mit Öffentlich geteilt", "Mit O\u{0308}ffentlich geteilt"),
            (
                "Κοινοποιήθηκε με: Δημόσιο",
                "Κοινοποιη\u{0301}θηκε με: Δημο\u{0301}σιο",
            ),
        ] {
            assert_ne!(nfc, nfd);
            assert_eq!(audience_of_label(nfc), Some(Visibility::Public), "{nfc:?}");
            assert_eq!(audience_of_label(nfd), audience_of_label(nfc), "{nfd:?}");
        }
        assert_eq!(
            audience_of_label("Compartido con: Publico"),
            Some(Visibility::Public)
        );
    }

    #[test]
    fn odd_unicode_spacing_and_case_still_match() {
        let public = [
            "Shared with: Public",
            "shared with public",
            "SHARED WITH PUBLIC",
            "Shared\u{00A0}with\u{00A0}Public",
            "Shared\u{202F}with\u{2009}Public",
            "\u{200F}Shared with Public\u{200E}",
            "\u{2067}Shared with Public\u{2069}",
            "Sha\u{200B}red with Pub\u{00AD}lic",
            "\u{FEFF}Shared with Public.",
            "  Shared \n with  Public  ",
            "Compartido con：Público",
            "Grono odbiorców • Publiczne",
            "Mit\u{00A0}Öffentlich\u{00A0}geteilt",
        ];
        for label in public {
            assert_eq!(
                audience_of_label(label),
                Some(Visibility::Public),
                "{label:?}"
            );
        }
        assert_eq!(
            audience_of_label("\u{200F}Shared with: Only me\u{200E}"),
            Some(Visibility::Limited)
        );
        assert_eq!(
            audience_of_label("Friends except Anna, Bob"),
            Some(Visibility::Limited)
        );
        assert_eq!(
            audience_of_label("Prieteni, cu excepţia lui Ion"),
            Some(Visibility::Limited)
        );
    }

    #[test]
    fn a_public_groups_posts_are_public_and_a_groups_members_limited() {
        for label in [
            "Shared with Public group",
            "Shared with: Public group",
            "Public group",
        ] {
            assert_eq!(
                audience_of_label(label),
                Some(Visibility::Public),
                "{label:?}"
            );
        }
        assert_eq!(
            audience_of_label("Members of Neighbours of Elm Street"),
            Some(Visibility::Limited)
        );
    }

    #[test]
    fn unknown_labels_mean_nothing() {
        for label in [
            "Shared with Aliens",
            "",
            "   ",
            "\u{200B}",
            "Public transport",
            "Publicly shared",
            "Shared with",
            "Shared with:",
            "Mit",
            "geteilt",
            "Mit geteilt",
            "3 h",
            "Edited",
            "Sponsored",
            "Shared with Public Figures",
            "Republic",
        ] {
            assert_eq!(audience_of_label(label), None, "{label:?}");
            assert_eq!(label_language(label), None, "{label:?}");
        }
    }

    #[test]
    fn bare_names_shared_by_languages_have_no_single_language() {
        assert_eq!(label_language("Public"), None);
        assert_eq!(label_language("Público"), None);
        assert_eq!(label_language("Javno"), None);
        assert_eq!(audience_of_label("Javno"), Some(Visibility::Public));
    }

    #[test]
    fn a_post_needs_its_known_labels_to_agree() {
        assert_eq!(
            post_visibility(["3 h", "Shared with Friends", "Custom"]),
            Visibility::Limited
        );
        assert_eq!(
            post_visibility(["Anna Smit", "Mit Öffentlich geteilt", "Public"]),
            Visibility::Public
        );
        assert_eq!(
            post_visibility(["Shared with Public", "Shared with Friends"]),
            Visibility::Unknown,
            "two icons that disagree"
        );
        assert_eq!(
            post_visibility(["Anna Smit", "Shared with Aliens"]),
            Visibility::Unknown
        );
        assert_eq!(post_visibility(["", " "]), Visibility::Unknown);
        assert_eq!(post_visibility(Vec::<&str>::new()), Visibility::Unknown);
    }

    #[test]
    fn meanings_known_already_combine_as_their_labels_do() {
        use Visibility::*;
        assert_eq!(combined_visibility([Public]), Public);
        assert_eq!(combined_visibility([Limited, Limited]), Limited);
        assert_eq!(combined_visibility([Public, Limited]), Unknown);
        assert_eq!(combined_visibility([]), Unknown);
    }

    /// Look-alike letters (Cyrillic Р, Greek Ρ), a label cut short or run on: never public.
    #[test]
    fn near_misses_are_never_public() {
        for label in [
            "Shared with \u{420}ublic",
            "Shared with \u{3a1}ublic",
            "Shared with Publi",
            "Shared with Publicc",
            "Shared with Public and Friends",
            "Shared with Pub lic",
            "🌍",
            "<b>Shared with Public</b>",
        ] {
            assert_ne!(
                audience_of_label(label),
                Some(Visibility::Public),
                "{label:?}"
            );
        }
        let long = "Shared with Public ".repeat(5000);
        assert_eq!(audience_of_label(&long), None);
    }

    #[test]
    fn visibility_names_are_stable() {
        for (visibility, name) in [
            (Visibility::Public, "public"),
            (Visibility::Limited, "limited"),
            (Visibility::Unknown, "unknown"),
        ] {
            assert_eq!(visibility.as_str(), name);
            let json = serde_json::to_string(&visibility).expect("serialises");
            assert_eq!(json, format!("\"{name}\""));
            assert_eq!(
                serde_json::from_str::<Visibility>(&json).expect("parses"),
                visibility
            );
        }
    }

    // ---- the packs' instagram_private sections ----

    #[test]
    fn instagram_rules_are_valid() {
        let private_notices = private_notice_blocks();
        let mut language_of: HashMap<String, &str> = HashMap::new();
        for (code, language) in &private_notices {
            assert!(!language.source.trim().is_empty(), "{code}: no source");
            assert!(!language.notices.is_empty(), "{code}: no notice");
            for notice in &language.notices {
                let normalised = normalize_text(notice);
                assert!(!normalised.is_empty(), "{code}: empty notice");
                if let Some(other) = language_of.insert(normalised, code) {
                    panic!("{notice:?} listed for {other} and {code}");
                }
                assert!(
                    audience_of_label(notice).is_none(),
                    "{notice:?} reads as an audience label"
                );
            }
        }
        for code in ["en", "de", "fr", "es", "it", "pt", "nl", "pl"] {
            assert!(
                private_notices[code].source.starts_with("meta-facts.md"),
                "{code} comes from meta-facts.md"
            );
        }
    }

    #[test]
    fn every_private_notice_is_recognised() {
        for language in private_notice_blocks().values() {
            for notice in &language.notices {
                assert!(is_instagram_private_notice(notice), "{notice:?}");
                assert!(
                    is_instagram_private_notice(&notice.to_uppercase()),
                    "{notice:?} in capitals"
                );
                assert!(
                    is_instagram_private_notice(&format!("{notice}.")),
                    "{notice:?} with a full stop"
                );
                let block = format!("{notice}\nFollow to see their photos and videos.");
                assert!(is_instagram_private_notice(&block), "{block:?}");
                assert_eq!(
                    instagram_account_visibility(&[notice], &[], "anna"),
                    Visibility::Limited,
                    "{notice:?}"
                );
            }
        }
    }

    #[test]
    fn private_notice_must_be_the_whole_text_or_a_line() {
        assert!(is_instagram_private_notice("This Account is Private"));
        assert!(is_instagram_private_notice(
            "\u{200E}Questo account è privato"
        ));
        assert!(!is_instagram_private_notice(
            "I wish this account is private forever"
        ));
        assert!(!is_instagram_private_notice("This account is public"));
        assert!(!is_instagram_private_notice(""));
    }

    // ---- Instagram embedded JSON ----

    #[test]
    fn single_user_flag() {
        let private = r#"{"data":{"user":{"id":"1","is_private":true,"username":"anna"}}}"#;
        let public = r#"{"data":{"user":{"id":"1","is_private":false,"username":"anna"}}}"#;
        assert_eq!(
            instagram_account_visibility(&[], &[private], "anna"),
            Visibility::Limited
        );
        assert_eq!(
            instagram_account_visibility(&[], &[public], "anna"),
            Visibility::Public
        );
        assert_eq!(
            instagram_account_visibility(&[], &[public], "Anna/"),
            Visibility::Public
        );
    }

    #[test]
    fn a_visible_notice_against_a_public_flag_is_unknown() {
        // A bio quoting the notice, where no header sets the account's words apart, against the page's own flag:
        // neither "public" nor "not public" can be told, and a wrong "not public" misleads as much.
        let public = r#"{"user":{"is_private":false,"username":"anna"}}"#;
        let reading = instagram_account_reading(&["This account is private"], &[public], "anna");
        assert_eq!(reading.visibility, Visibility::Unknown);
        assert_eq!(reading.guessed_notice, None);
        let greek =
            instagram_account_reading(&["Αυτός ο λογαριασμός είναι ιδιωτικός"], &[public], "anna");
        assert_eq!(greek.visibility, Visibility::Unknown);
        assert_eq!(greek.guessed_notice, None);
    }

    #[test]
    fn no_signal_is_unknown() {
        assert_eq!(
            instagram_account_visibility(&[], &[], "anna"),
            Visibility::Unknown
        );
        assert_eq!(
            instagram_account_visibility(
                &["Follow", "123 posts"],
                &[r#"{"username":"anna"}"#],
                "anna"
            ),
            Visibility::Unknown
        );
    }

    #[test]
    fn several_users_the_profile_owner_first_or_last() {
        let owner_first = r#"{"user":{"username":"anna","is_private":false},
            "related":[{"username":"bob","is_private":true},{"is_private":true,"username":"carla"}]}"#;
        let owner_last = r#"{"related":[{"username":"bob","is_private":true},{"is_private":true,"username":"carla"}],
            "user":{"is_private":false,"edge_followed_by":{"count":10},"username":"anna"}}"#;
        for json in [owner_first, owner_last] {
            assert_eq!(
                instagram_account_visibility(&[], &[json], "anna"),
                Visibility::Public,
                "{json}"
            );
            assert_eq!(
                instagram_account_visibility(&[], &[json], "bob"),
                Visibility::Limited,
                "{json}"
            );
        }
    }

    #[test]
    fn flags_of_other_accounts_are_never_used() {
        let others_only = r#"{"related":[{"username":"bob","is_private":false}]}"#;
        assert_eq!(
            instagram_account_visibility(&[], &[others_only], "anna"),
            Visibility::Unknown
        );
        assert_eq!(
            instagram_account_visibility(&[], &[others_only], ""),
            Visibility::Unknown
        );
    }

    #[test]
    fn unattributed_flags_count_only_when_they_agree() {
        let agree = r#"{"user":{"is_private":true},"friendship_status":{"is_private":true}}"#;
        let disagree = r#"[{"is_private":true},{"is_private":false}]"#;
        assert_eq!(
            instagram_account_visibility(&[], &[agree], "anna"),
            Visibility::Limited
        );
        assert_eq!(
            instagram_account_visibility(&[], &[disagree], "anna"),
            Visibility::Unknown
        );
        let across_blocks = [r#"{"is_private":false}"#, r#"{"is_private":true}"#];
        assert_eq!(
            instagram_account_visibility(&[], &across_blocks, "anna"),
            Visibility::Unknown
        );
    }

    #[test]
    fn unattributed_flags_never_make_an_account_public() {
        let viewer = r#"{"viewer":{"id":"900","is_private":false},"user":{"id":"271828","username":"petra"}}"#;
        assert_eq!(
            instagram_account_visibility(&[], &[viewer], "petra"),
            Visibility::Unknown
        );
        let all_public = r#"[{"is_private":false},{"is_private":false}]"#;
        assert_eq!(
            instagram_account_visibility(&[], &[all_public], "anna"),
            Visibility::Unknown
        );
    }

    #[test]
    fn contradictory_flags_for_the_owner_are_unknown() {
        let json =
            r#"[{"username":"anna","is_private":false},{"username":"anna","is_private":true}]"#;
        assert_eq!(
            instagram_account_visibility(&[], &[json], "anna"),
            Visibility::Unknown
        );
    }

    #[test]
    fn whitespace_around_the_colon() {
        let json = "{ \"username\" : \"anna\" ,\n  \"is_private\" :\t true }";
        assert_eq!(
            instagram_account_visibility(&[], &[json], "anna"),
            Visibility::Limited
        );
    }

    #[test]
    fn json_encoded_inside_a_json_string() {
        let json = r#"{"require":[["ScheduledServerJS","handle",null,[{"__bbox":{"result":"{\"data\":{\"user\":{\"is_private\":true,\"username\":\"anna\"}},\"viewer\":{\"username\":\"bob\",\"is_private\":false}}"}}]]]}"#;
        assert_eq!(
            instagram_account_visibility(&[], &[json], "anna"),
            Visibility::Limited
        );
        assert_eq!(
            instagram_account_visibility(&[], &[json], "bob"),
            Visibility::Public
        );
        let twice = r#"{"outer":"{\"inner\":\"{\\\"username\\\":\\\"anna\\\",\\\"is_private\\\":false}\"}"}"#;
        assert_eq!(
            instagram_account_visibility(&[], &[twice], "anna"),
            Visibility::Public
        );
    }

    #[test]
    fn escaped_json_outside_a_string() {
        let json = r#"{\"user\":{\"username\":\"anna\",\"is_private\":true}}"#;
        assert_eq!(
            instagram_account_visibility(&[], &[json], "anna"),
            Visibility::Limited
        );
    }

    #[test]
    fn json_inside_javascript() {
        let script = r#"window._sharedData = {"entry_data":{"ProfilePage":[{"graphql":{"user":{"biography":"a {curly} bio \"quoted\"","is_private":false,"username":"anna"}}}]}};"#;
        assert_eq!(
            instagram_account_visibility(&[], &[script], "anna"),
            Visibility::Public
        );
    }

    #[test]
    fn unicode_escapes_in_strings_are_decoded() {
        let json =
            r#"{"username":"\u0061nna","is_private":true,"full_name":"\ud83d\ude00 \u00e9"}"#;
        assert_eq!(
            instagram_account_visibility(&[], &[json], "anna"),
            Visibility::Limited
        );
        let (decoded, end) =
            read_json_string(r#""\ud83d\ude00 \u00e9 \é""#, 0).expect("closed string");
        assert_eq!(decoded, "😀 é é");
        assert_eq!(end, 25);
    }

    #[test]
    fn a_private_account_read_from_a_guessed_notice_alone_says_so() {
        // Greek: the el pack's notice is our translation; English is Meta's own wording.
        let greek = "Αυτός ο λογαριασμός είναι ιδιωτικός";
        let reading = instagram_account_reading(&[greek], &[], "eleni");
        assert_eq!(reading.visibility, Visibility::Limited);
        assert_eq!(reading.guessed_notice.as_deref(), Some(greek));
        let json = r#"{"user":{"username":"eleni","is_private":true}}"#;
        assert_eq!(
            instagram_account_reading(&[greek], &[json], "eleni").guessed_notice,
            None,
            "the page's own flag settles it"
        );
        let english = instagram_account_reading(&["This account is private"], &[], "eleni");
        assert_eq!(english.visibility, Visibility::Limited);
        assert_eq!(english.guessed_notice, None);
        assert_eq!(
            instagram_account_reading(&[], &[], "eleni").guessed_notice,
            None
        );
    }

    #[test]
    fn broken_input_never_panics() {
        for text in [
            "\"is_private",
            "{\"is_private\":",
            "{\"is_private\":tru",
            "{\"is_private\":\"true\"}",
            "{\"a\":\"\\u12\",\"is_private\":true",
            "{\"a\":\"\\ud800\\u\",\"is_private\":true}",
            "}}}{{{\"is_private\"::true",
            "\\\"is_private\\\":\\",
            "\"é\\é\" is_private \\",
        ] {
            let _ = instagram_account_visibility(&[], &[text], "anna");
        }
        let truncated = r#"{"user":{"username":"anna","is_private":true,"bio":"cut"#;
        assert_eq!(
            instagram_account_visibility(&[], &[truncated], "anna"),
            Visibility::Limited
        );
    }
}
