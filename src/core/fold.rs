//! The character folding behind [`crate::core::text::normalize_text`]: Latin letters lose their diacritics, Latin
//! compatibility forms (fullwidth letters, ligatures) become plain letters, and decomposed (NFD) Greek, Cyrillic and
//! Arabic letters are composed again, so the same word compares equal however the page encoded it.
//!
//! The tables are written out here rather than taken from a Unicode crate to keep the wasm core small; a native test
//! checks them against Unicode's own decompositions (`unicode-normalization`, a dev-dependency only).
//! Greek, Cyrillic, Arabic and CJK letters keep their marks: in those scripts a mark makes another letter
//! (Russian и / й), so folding it away could make two words equal that are not.

/// Lowercase Latin letters with diacritics, by the letter they fold to (their NFD base with every mark removed).
/// Covers Latin-1 Supplement, Latin Extended-A and -B and Latin Extended Additional (U+1E00-U+1EFF, Vietnamese).
const LATIN_DIACRITICS: &[(char, &str)] = &[
    ('a', "àáâãäåāăąǎǟǡǻȁȃȧḁạảấầẩẫậắằẳẵặ"),
    ('b', "ḃḅḇ"),
    ('c', "çćĉċčḉ"),
    ('d', "ďḋḍḏḑḓ"),
    ('e', "èéêëēĕėęěȅȇȩḕḗḙḛḝẹẻẽếềểễệ"),
    ('f', "ḟ"),
    ('g', "ĝğġģǧǵḡ"),
    ('h', "ĥȟḣḥḧḩḫẖ"),
    ('i', "ìíîïĩīĭįǐȉȋḭḯỉị"),
    ('j', "ĵǰ"),
    ('k', "ķǩḱḳḵ"),
    ('l', "ĺļľḷḹḻḽ"),
    ('m', "ḿṁṃ"),
    ('n', "ñńņňǹṅṇṉṋ"),
    ('o', "òóôõöōŏőơǒǫǭȍȏȫȭȯȱṍṏṑṓọỏốồổỗộớờởỡợ"),
    ('p', "ṕṗ"),
    ('r', "ŕŗřȑȓṙṛṝṟ"),
    ('s', "śŝşšșṡṣṥṧṩẛ"),
    ('t', "ţťțṫṭṯṱẗ"),
    ('u', "ùúûüũūŭůűųưǔǖǘǚǜȕȗṳṵṷṹṻụủứừửữự"),
    ('v', "ṽṿ"),
    ('w', "ŵẁẃẅẇẉẘ"),
    ('x', "ẋẍ"),
    ('y', "ýÿŷȳẏẙỳỵỷỹ"),
    ('z', "źżžẑẓẕ"),
    ('æ', "ǣǽ"),
    ('ø', "ǿ"),
    ('ʒ', "ǯ"),
];

/// Latin letters that Unicode does not decompose but that readers and keyboards treat as a letter with a mark:
/// Polish ł, Vietnamese and Croatian đ, and Turkish dotless ı (so "AÇIK" lowercased as "açik" still equals "açık").
const LATIN_STROKES: &[(char, char)] = &[('ł', 'l'), ('đ', 'd'), ('ı', 'i')];

/// Latin compatibility letters (NFKD): ligatures, digraph letters, long s.
const LATIN_COMPATIBILITY: &[(char, &str)] = &[
    ('ﬀ', "ff"),
    ('ﬁ', "fi"),
    ('ﬂ', "fl"),
    ('ﬃ', "ffi"),
    ('ﬄ', "ffl"),
    ('ﬅ', "st"),
    ('ﬆ', "st"),
    ('ĳ', "ij"),
    ('ŀ', "l·"),
    ('ẚ', "aʾ"),
    ('ŉ', "'n"),
    ('ſ', "s"),
    ('ǆ', "dz"),
    ('ǅ', "dz"),
    ('ǉ', "lj"),
    ('ǈ', "lj"),
    ('ǌ', "nj"),
    ('ǋ', "nj"),
    ('ǳ', "dz"),
    ('ǲ', "dz"),
];

/// Greek, Cyrillic and Arabic letters as (letter, combining mark, precomposed letter): NFD text is composed again.
const COMPOSITIONS: &[(char, char, char)] = &[
    ('¨', '\u{301}', '΅'),
    ('ϊ', '\u{301}', 'ΐ'),
    ('α', '\u{301}', 'ά'),
    ('ε', '\u{301}', 'έ'),
    ('η', '\u{301}', 'ή'),
    ('ι', '\u{301}', 'ί'),
    ('ϋ', '\u{301}', 'ΰ'),
    ('ι', '\u{308}', 'ϊ'),
    ('υ', '\u{308}', 'ϋ'),
    ('ο', '\u{301}', 'ό'),
    ('υ', '\u{301}', 'ύ'),
    ('ω', '\u{301}', 'ώ'),
    ('ϒ', '\u{301}', 'ϓ'),
    ('ϒ', '\u{308}', 'ϔ'),
    ('и', '\u{306}', 'й'),
    ('е', '\u{300}', 'ѐ'),
    ('е', '\u{308}', 'ё'),
    ('г', '\u{301}', 'ѓ'),
    ('і', '\u{308}', 'ї'),
    ('к', '\u{301}', 'ќ'),
    ('и', '\u{300}', 'ѝ'),
    ('у', '\u{306}', 'ў'),
    ('ѵ', '\u{30f}', 'ѷ'),
    ('ж', '\u{306}', 'ӂ'),
    ('а', '\u{306}', 'ӑ'),
    ('а', '\u{308}', 'ӓ'),
    ('е', '\u{306}', 'ӗ'),
    ('ә', '\u{308}', 'ӛ'),
    ('ж', '\u{308}', 'ӝ'),
    ('з', '\u{308}', 'ӟ'),
    ('и', '\u{304}', 'ӣ'),
    ('и', '\u{308}', 'ӥ'),
    ('о', '\u{308}', 'ӧ'),
    ('ө', '\u{308}', 'ӫ'),
    ('э', '\u{308}', 'ӭ'),
    ('у', '\u{304}', 'ӯ'),
    ('у', '\u{308}', 'ӱ'),
    ('у', '\u{30b}', 'ӳ'),
    ('ч', '\u{308}', 'ӵ'),
    ('ы', '\u{308}', 'ӹ'),
    ('ا', '\u{653}', 'آ'),
    ('ا', '\u{654}', 'أ'),
    ('و', '\u{654}', 'ؤ'),
    ('ا', '\u{655}', 'إ'),
    ('ي', '\u{654}', 'ئ'),
    ('ە', '\u{654}', 'ۀ'),
    ('ہ', '\u{654}', 'ۂ'),
    ('ے', '\u{654}', 'ۓ'),
];

/// What one lowercase character becomes.
pub(crate) enum Folded {
    Char(char),
    Text(&'static str),
}

/// The plain form of one lowercase Latin or compatibility character; any other character is returned as it is.
pub(crate) fn fold_char(c: char) -> Folded {
    if ('\u{FF01}'..='\u{FF5E}').contains(&c) {
        // Fullwidth ASCII sits at a fixed offset from ASCII.
        let ascii = char::from_u32(c as u32 - 0xFEE0).unwrap_or(c);
        return Folded::Char(ascii.to_ascii_lowercase());
    }
    if is_latin_letter_block(c) {
        if let Some(&(base, _)) = LATIN_DIACRITICS
            .iter()
            .find(|(_, accented)| accented.contains(c))
        {
            return Folded::Char(base);
        }
        if let Some(&(_, plain)) = LATIN_STROKES.iter().find(|(letter, _)| *letter == c) {
            return Folded::Char(plain);
        }
    }
    match LATIN_COMPATIBILITY.iter().find(|(form, _)| *form == c) {
        Some(&(_, plain)) => Folded::Text(plain),
        None => Folded::Char(c),
    }
}

/// Blocks holding the accented Latin letters of [`LATIN_DIACRITICS`] and [`LATIN_STROKES`].
fn is_latin_letter_block(c: char) -> bool {
    matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}')
}

/// Whether `c` is a letter of the Latin script (ASCII or one of the Latin letter blocks): marks after it are dropped.
pub(crate) fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic() || is_latin_letter_block(c) || ('\u{0250}'..='\u{02AF}').contains(&c)
}

/// Combining marks (the combining diacritical blocks), which NFD text carries after its base letter.
pub(crate) fn is_combining_mark(c: char) -> bool {
    matches!(
        c,
        '\u{0300}'..='\u{036F}'
            | '\u{1AB0}'..='\u{1AFF}'
            | '\u{1DC0}'..='\u{1DFF}'
            | '\u{20D0}'..='\u{20FF}'
            | '\u{FE20}'..='\u{FE2F}'
            | '\u{0653}'..='\u{0655}'
    )
}

/// The precomposed letter for `letter` followed by `mark`, for the scripts whose marks are kept.
pub(crate) fn compose(letter: char, mark: char) -> Option<char> {
    COMPOSITIONS
        .iter()
        .find(|&&(base, with, _)| base == letter && with == mark)
        .map(|&(_, _, composed)| composed)
}
