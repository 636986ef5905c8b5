//! Text normalisation shared by every rule that compares page wording with wording in `rules/*.json`.
//!
//! Meta renders the same label with different spacing, invisible characters and punctuation depending on layout,
//! locale and direction (e.g. "Shared with: Public", "Shared with\u{00A0}Public", an RTL mark before the label).
//! Rules are written once in plain form; both sides go through [`normalize_text`] before they are compared.

/// Normalises text read from a page (labels, notices) so that wordings compare equal however Meta spaces or marks them:
/// lowercase (Unicode-aware), every Unicode space incl. U+00A0/U+202F/U+2009 -> ' ', removes zero-width chars
/// (U+200B..U+200D, U+2060, U+FEFF, U+00AD soft hyphen) and bidi marks (U+200E, U+200F, U+061C, U+202A..U+202E,
/// U+2066..U+2069), turns ':' '：' '·' '•' and similar separators into spaces, collapses runs of whitespace,
/// trims, strips trailing '.', '…' . Typographic apostrophes ’ ‘ -> '.
///
/// Romanian s/t with cedilla (ş ţ, common in older fonts and keyboards) become the comma-below letters (ș ț) so both
/// spellings of the same word compare equal. The middle dot is a separator here, so Catalan "l·l" is split: no rule
/// relies on it.
pub fn normalize_text(raw: &str) -> String {
    let mapped: String = raw
        .chars()
        .filter(|&c| !is_invisible(c))
        .map(|c| {
            if is_separator(c) || c.is_whitespace() {
                ' '
            } else if is_typographic_apostrophe(c) {
                '\''
            } else {
                c
            }
        })
        .collect();
    // Lowercase the whole string rather than char by char: `str::to_lowercase` knows that a word-final Greek capital
    // sigma becomes 'ς', which matters for Greek labels.
    let lowered: String = mapped
        .to_lowercase()
        .chars()
        .map(comma_below_for_cedilla)
        .collect();
    let mut collapsed = lowered.split_whitespace().collect::<Vec<_>>().join(" ");
    while collapsed.ends_with(['.', '…', ' ']) {
        collapsed.pop();
    }
    collapsed
}

/// Characters that take no space on screen but would make two identical-looking wordings differ.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' // soft hyphen
            | '\u{180E}' // Mongolian vowel separator (formerly a space)
            | '\u{200B}'..='\u{200D}' // zero-width space, non-joiner, joiner
            | '\u{2060}'..='\u{2064}' // word joiner and invisible operators
            | '\u{FEFF}' // zero-width no-break space / byte-order mark
            | '\u{200E}' | '\u{200F}' | '\u{061C}' // directional marks
            | '\u{202A}'..='\u{202E}' // directional embeddings and overrides
            | '\u{2066}'..='\u{2069}' // directional isolates
    )
}

/// Punctuation Facebook puts between "Shared with" and the audience name, or between header items.
fn is_separator(c: char) -> bool {
    matches!(
        c,
        ':' | '：' // fullwidth colon
            | '﹕' // small colon
            | '︓' // vertical colon
            | '·' // middle dot
            | '•' // bullet
            | '‣' // triangular bullet
            | '◦' // white bullet
            | '‧' // hyphenation point
            | '∙' // bullet operator
            | '⋅' // dot operator
            | '・' // katakana middle dot
            | '･' // halfwidth katakana middle dot
            | '|'
            | '｜' // fullwidth vertical line
    )
}

fn is_typographic_apostrophe(c: char) -> bool {
    matches!(c, '’' | '‘' | 'ʼ' | '‛')
}

fn comma_below_for_cedilla(c: char) -> char {
    match c {
        'ş' => 'ș',
        'ţ' => 'ț',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::normalize_text;

    #[test]
    fn lowercases_unicode() {
        assert_eq!(
            normalize_text("Mit ÖFFENTLICH geteilt"),
            "mit öffentlich geteilt"
        );
        assert_eq!(normalize_text("ΔΗΜΌΣΙΟ"), "δημόσιο");
    }

    #[test]
    fn greek_final_sigma_is_lowercased_in_context() {
        assert_eq!(normalize_text("ΙΔΙΩΤΙΚΌΣ"), "ιδιωτικός");
    }

    #[test]
    fn every_unicode_space_becomes_one_plain_space() {
        for space in [
            '\u{00A0}', '\u{202F}', '\u{2009}', '\u{3000}', '\t', '\n', '\u{2028}',
        ] {
            let raw = format!("Shared{space}with{space}{space}Public");
            assert_eq!(
                normalize_text(&raw),
                "shared with public",
                "space U+{:04X}",
                space as u32
            );
        }
    }

    #[test]
    fn removes_zero_width_and_bidi_characters() {
        let invisible = [
            '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{00AD}', '\u{200E}',
            '\u{200F}', '\u{061C}', '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}',
            '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
        ];
        for mark in invisible {
            let raw = format!("{mark}Pub{mark}lic{mark}");
            assert_eq!(normalize_text(&raw), "public", "mark U+{:04X}", mark as u32);
        }
    }

    #[test]
    fn separators_become_spaces() {
        for raw in [
            "Shared with: Public",
            "Shared with ： Public",
            "Shared with · Public",
            "Shared with • Public",
            "Shared with|Public",
            "Shared with:Public",
        ] {
            assert_eq!(normalize_text(raw), "shared with public", "{raw:?}");
        }
    }

    #[test]
    fn strips_trailing_dots_and_ellipses_only_at_the_end() {
        assert_eq!(normalize_text("Members of ..."), "members of");
        assert_eq!(normalize_text("Amis de …"), "amis de");
        assert_eq!(
            normalize_text("This account is private."),
            "this account is private"
        );
        assert_eq!(normalize_text("St. Anna"), "st. anna");
    }

    #[test]
    fn typographic_apostrophes_become_ascii() {
        assert_eq!(normalize_text("Amis d’amis"), "amis d'amis");
        assert_eq!(normalize_text("Amis d‘amis"), "amis d'amis");
    }

    #[test]
    fn romanian_cedilla_letters_equal_comma_below_letters() {
        assert_eq!(normalize_text("cu excepţia"), normalize_text("cu excepția"));
        assert_eq!(normalize_text("Ştiri"), "știri");
    }

    #[test]
    fn trims_and_collapses() {
        assert_eq!(normalize_text("   "), "");
        assert_eq!(normalize_text(""), "");
        assert_eq!(normalize_text("  a \n\n b  "), "a b");
        assert_eq!(normalize_text("…"), "");
    }

    #[test]
    fn is_idempotent() {
        for raw in [
            "Compartido con: Público",
            "\u{200F}Grono odbiorców: Publiczne…",
            "Amis de ...",
        ] {
            let once = normalize_text(raw);
            assert_eq!(normalize_text(&once), once);
        }
    }
}
