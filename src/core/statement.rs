//! Objection statements (each statement language's pack, `rules/lang/<code>.json`): a default text per language, and the placeholders the user may
//! put in their own text.
//!
//! The options page shows a live preview of the rendered statement, so a placeholder we cannot fill is left exactly as
//! typed (the user sees it and fixes it) and reported, rather than silently dropped or replaced by a guess.

use serde::Serialize;

use crate::core::countries::country_name;
use crate::core::profile::Profile;
use crate::core::tables::STATEMENT_LANGUAGES;

/// Placeholder for the profile's e-mail address.
const EMAIL_PLACEHOLDER: &str = "email";
/// Placeholder for the profile's country, named in the profile's statement language.
const COUNTRY_PLACEHOLDER: &str = "country";
/// Language whose country names stand in when the statement language has none (the name is still correct, only in
/// another language).
const FALLBACK_NAME_LANGUAGE: &str = "en";
/// Longest placeholder name recognised; longer `{...}` runs are ordinary text, not typos of a placeholder.
const MAX_PLACEHOLDER_NAME_CHARS: usize = 32;

/// The statement languages as (code, endonym), in registry order, for the options page's picker.
pub fn statement_languages() -> Vec<(&'static str, &'static str)> {
    STATEMENT_LANGUAGES
        .iter()
        .map(|l| (l.code, l.endonym))
        .collect()
}

/// The default statement of a language (with `{email}` / `{country}` placeholders); None for an unknown language.
pub fn default_statement(language: &str) -> Option<&'static str> {
    let language = language.trim().to_ascii_lowercase();
    STATEMENT_LANGUAGES
        .iter()
        .find(|l| l.code == language)
        .map(|l| l.statement)
}

/// The statement to send with an objection: the profile's text (or its language's default), placeholders filled
/// in. Empty when a placeholder cannot be filled: a request reading "{country}" is worse than an empty box the user
/// fills.
pub fn statement_to_send(profile: &Profile) -> String {
    let template = if profile.statement.trim().is_empty() {
        default_statement(&profile.language).unwrap_or_default()
    } else {
        profile.statement.as_str()
    };
    let statement = render_statement(template, profile);
    if statement.unknown_placeholders.is_empty() && statement.unfilled_placeholders.is_empty() {
        statement.text
    } else {
        String::new()
    }
}

/// A statement with its placeholders filled in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RenderedStatement {
    pub text: String,
    /// Placeholders that are not `{email}` / `{country}` (as typed, each once), left in the text.
    pub unknown_placeholders: Vec<String>,
    /// Known placeholders the profile has no value for yet (no e-mail, no supported country), left in the text.
    pub unfilled_placeholders: Vec<String>,
}

/// Fills `{email}` and `{country}` (names are case-insensitive). A placeholder is `{` + 1..=32 ASCII letters, digits,
/// `_` or `-` + `}`; any other brace is ordinary text.
pub fn render_statement(template: &str, p: &Profile) -> RenderedStatement {
    let mut text = String::with_capacity(template.len());
    let mut unknown_placeholders: Vec<String> = Vec::new();
    let mut unfilled_placeholders: Vec<String> = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        text.push_str(&rest[..open]);
        let after_open = &rest[open + 1..];
        let Some(name) = placeholder_name(after_open) else {
            text.push('{');
            rest = after_open;
            continue;
        };
        let typed = &rest[open..open + name.len() + 2];
        match placeholder_value(name, p) {
            Some(value) => text.push_str(value),
            None => {
                text.push_str(typed);
                let report = if is_known_placeholder(name) {
                    &mut unfilled_placeholders
                } else {
                    &mut unknown_placeholders
                };
                if !report.iter().any(|r| r == typed) {
                    report.push(typed.to_string());
                }
            }
        }
        rest = &after_open[name.len() + 1..];
    }
    text.push_str(rest);
    RenderedStatement {
        text,
        unknown_placeholders,
        unfilled_placeholders,
    }
}

/// The placeholder name at the start of `after_open` (the text after a `{`), if a valid name and `}` follow.
fn placeholder_name(after_open: &str) -> Option<&str> {
    let close = after_open.find('}')?;
    let name = &after_open[..close];
    let well_formed = (1..=MAX_PLACEHOLDER_NAME_CHARS).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    well_formed.then_some(name)
}

fn is_known_placeholder(name: &str) -> bool {
    name.eq_ignore_ascii_case(EMAIL_PLACEHOLDER) || name.eq_ignore_ascii_case(COUNTRY_PLACEHOLDER)
}

/// The text for a known placeholder, or None when it is unknown or the profile has no value for it.
fn placeholder_value<'p>(name: &str, p: &'p Profile) -> Option<&'p str> {
    if name.eq_ignore_ascii_case(EMAIL_PLACEHOLDER) {
        let email = p.email.trim();
        return (!email.is_empty()).then_some(email);
    }
    if name.eq_ignore_ascii_case(COUNTRY_PLACEHOLDER) {
        return country_name(&p.country, &p.language)
            .or_else(|| country_name(&p.country, FALLBACK_NAME_LANGUAGE));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::countries::country_codes;
    use crate::core::lang::language_packs;
    use crate::core::profile::STATEMENT_MAX_CHARS;
    use crate::core::tables::load::pack_sections;
    use crate::core::tables::load::statement::{StatementSection, STATEMENT_ROLE};

    /// The abbreviation of the GDPR a statement in each language must use, so a reader recognises the law cited.
    /// How each statement names the Regulation: its abbreviation in that language, or (Finnish, which has none)
    /// the stem of its short name.
    const GDPR_ABBREVIATIONS: [(&str, &str); 24] = [
        ("en", "GDPR"),
        ("nl", "AVG"),
        ("de", "DSGVO"),
        ("fr", "RGPD"),
        ("it", "GDPR"),
        ("es", "RGPD"),
        ("pl", "RODO"),
        ("pt", "RGPD"),
        ("bg", "ОРЗД"),
        ("cs", "GDPR"),
        ("da", "GDPR"),
        ("el", "ΓΚΠΔ"),
        ("et", "GDPR"),
        ("fi", "tietosuoja-asetu"),
        ("ga", "RGCS"),
        ("hr", "GDPR"),
        ("hu", "GDPR"),
        ("lt", "BDAR"),
        ("lv", "VDAR"),
        ("mt", "RĠPD"),
        ("ro", "RGPD"),
        ("sk", "GDPR"),
        ("sl", "GDPR"),
        ("sv", "GDPR"),
    ];

    fn profile(language: &str, country: &str) -> Profile {
        Profile {
            email: "jan@example.nl".into(),
            country: country.into(),
            language: language.into(),
            statement: String::new(),
        }
    }

    #[test]
    fn the_statement_sent_is_the_profiles_or_its_languages_default() {
        let mut p = profile("nl", "NL");
        p.statement = "Ik maak bezwaar ({email}).".into();
        assert_eq!(statement_to_send(&p), "Ik maak bezwaar (jan@example.nl).");
        p.statement = "  ".into();
        let sent = statement_to_send(&p);
        assert!(
            sent.contains("AVG") && sent.contains("jan@example.nl"),
            "{sent}"
        );
        assert!(!sent.contains('{'), "{sent}");
    }

    #[test]
    fn a_statement_with_a_placeholder_left_is_not_sent() {
        let mut p = profile("en", "NL");
        p.statement = "I object {reason}.".into();
        assert_eq!(statement_to_send(&p), "", "unknown placeholder");
        p.statement = "I object, from {country}.".into();
        p.country = String::new();
        assert_eq!(statement_to_send(&p), "", "no country to fill in");
        let mut unknown_language = profile("xx", "NL");
        unknown_language.statement = String::new();
        assert_eq!(statement_to_send(&unknown_language), "");
    }

    #[test]
    fn rules_file_is_well_formed() {
        assert_eq!(
            STATEMENT_LANGUAGES.len(),
            crate::core::lang::registry()
                .with_role(STATEMENT_ROLE)
                .count(),
            "every statement language's pack has a statement"
        );
        let sections: Vec<(&str, StatementSection)> =
            pack_sections(language_packs()).expect("the build read every pack's statement");
        let mut seen: Vec<&str> = Vec::new();
        for language in STATEMENT_LANGUAGES {
            let code = language.code;
            assert!(
                code.len() == 2 && code.chars().all(|c| c.is_ascii_lowercase()),
                "{code} is not a lower-case ISO 639-1 code"
            );
            assert!(!seen.contains(&code), "duplicate language {code}");
            seen.push(code);
            assert!(!language.endonym.trim().is_empty(), "{code} has no endonym");
            let (_, section) = sections.iter().find(|(c, _)| *c == code).expect("its pack");
            let statement = section.statement.as_ref().expect("its statement");
            assert!(!statement.source.trim().is_empty(), "{code} has no source");
            let mut endonyms = STATEMENT_LANGUAGES
                .iter()
                .filter(|l| l.endonym == language.endonym);
            assert!(endonyms.nth(1).is_none(), "endonym of {code} used twice");
        }
        for required in ["en", "nl", "de", "fr", "it", "es", "pl"] {
            assert!(seen.contains(&required), "no statement in {required}");
        }
    }

    #[test]
    fn every_statement_renders_completely_and_cites_article_21_and_the_gdpr() {
        for (code, _) in statement_languages() {
            let template = default_statement(code).expect("listed language has a statement");
            assert!(
                template.contains("{email}") && template.contains("{country}"),
                "{code}: placeholders"
            );
            let (_, abbreviation) = GDPR_ABBREVIATIONS
                .iter()
                .find(|(language, _)| *language == code)
                .unwrap_or_else(|| panic!("add the GDPR abbreviation for {code} to this test"));
            for country in country_codes() {
                let rendered = render_statement(template, &profile(code, country));
                assert!(
                    rendered.unknown_placeholders.is_empty(),
                    "{code}: {:?}",
                    rendered.unknown_placeholders
                );
                assert!(
                    rendered.unfilled_placeholders.is_empty(),
                    "{code}/{country} left placeholders unfilled"
                );
                assert!(
                    !rendered.text.contains('{') && !rendered.text.contains('}'),
                    "{code}: braces left"
                );
                assert!(rendered
                    .text
                    .contains(country_name(country, code).expect("named in every language")));
                assert!(rendered.text.contains("jan@example.nl"));
                assert!(
                    rendered.text.chars().count() <= STATEMENT_MAX_CHARS,
                    "{code}/{country} too long"
                );
            }
            assert!(template.contains("21"), "{code} must cite Article 21");
            assert!(
                template.contains(abbreviation),
                "{code} must name the law as {abbreviation}"
            );
            assert!(template.contains("Meta"), "{code} must name Meta");
        }
    }

    #[test]
    fn every_statement_language_has_country_names() {
        for (code, _) in statement_languages() {
            for country in country_codes() {
                assert!(
                    country_name(country, code).is_some(),
                    "{country} has no {code} name"
                );
            }
        }
    }

    #[test]
    fn default_statement_is_looked_up_by_code() {
        assert!(default_statement("nl").is_some_and(|s| s.contains("AVG")));
        assert!(default_statement(" DE ").is_some_and(|s| s.contains("DSGVO")));
        assert_eq!(default_statement("xx"), None);
        assert_eq!(default_statement(""), None);
        assert!(statement_languages().contains(&("pl", "Polski")));
    }

    #[test]
    fn fills_known_placeholders_in_any_case() {
        let rendered = render_statement(
            "From {email} in {country}; again {EMAIL}, {Country}.",
            &profile("de", "NL"),
        );
        assert_eq!(
            rendered.text,
            "From jan@example.nl in Niederlande; again jan@example.nl, Niederlande."
        );
        assert!(
            rendered.unknown_placeholders.is_empty() && rendered.unfilled_placeholders.is_empty()
        );
    }

    #[test]
    fn unknown_placeholders_stay_as_typed_and_are_reported_once() {
        let rendered = render_statement(
            "Dear {name}, {name} and {Name_2} from {email}",
            &profile("en", "BE"),
        );
        assert_eq!(
            rendered.text,
            "Dear {name}, {name} and {Name_2} from jan@example.nl"
        );
        assert_eq!(
            rendered.unknown_placeholders,
            vec!["{name}".to_string(), "{Name_2}".to_string()]
        );
    }

    #[test]
    fn braces_that_are_not_placeholders_are_plain_text() {
        for text in [
            "{}",
            "{ email }",
            "a { b",
            "x}",
            "{{email}",
            "{e-mail address please}",
            "{é}",
        ] {
            let rendered = render_statement(text, &profile("en", "BE"));
            let expected = text.replace("{email}", "jan@example.nl");
            assert_eq!(rendered.text, expected, "{text:?}");
            assert!(rendered.unknown_placeholders.is_empty(), "{text:?}");
        }
        let long_name = format!("{{{}}}", "a".repeat(MAX_PLACEHOLDER_NAME_CHARS + 1));
        assert!(render_statement(&long_name, &profile("en", "BE"))
            .unknown_placeholders
            .is_empty());
    }

    #[test]
    fn placeholders_without_a_profile_value_stay_and_are_reported() {
        let empty = Profile {
            language: "en".into(),
            ..Profile::default()
        };
        let rendered = render_statement("{email} / {country}", &empty);
        assert_eq!(rendered.text, "{email} / {country}");
        assert_eq!(
            rendered.unfilled_placeholders,
            vec!["{email}".to_string(), "{country}".to_string()]
        );
        let unsupported = profile("en", "US");
        assert_eq!(
            render_statement("{country}", &unsupported).unfilled_placeholders,
            vec!["{country}".to_string()]
        );
    }

    #[test]
    fn country_falls_back_to_english_for_a_language_without_names() {
        assert_eq!(
            render_statement("{country}", &profile("xx", "DE")).text,
            "Germany"
        );
    }

    #[test]
    fn multibyte_text_around_placeholders_is_kept() {
        let rendered = render_statement(
            "Wohnsitzland: {country} — ÄÖÜ {email}",
            &profile("de", "AT"),
        );
        assert_eq!(
            rendered.text,
            "Wohnsitzland: Österreich — ÄÖÜ jan@example.nl"
        );
    }
}
