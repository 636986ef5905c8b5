//! The user's profile as the options page edits it and extension storage keeps it, with schema versioning.
//!
//! Storage outlives builds: a profile written by an older build is migrated, and anything this build cannot read is
//! handed back as [`ProfileLoad::Corrupt`] together with the raw value, so the options page can show or export it.
//! Nothing the user entered is ever dropped silently.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::core::countries::is_supported_country;
use crate::core::statement::{default_statement, render_statement};
use crate::core::ui_locale::ui_locale;

/// Version of the stored shape `{"version": 1, "profile": {...}}`.
pub const PROFILE_SCHEMA_VERSION: u32 = 1;

/// Longest statement accepted, in characters. Meta does not document a limit for its reason box (meta-facts.md has
/// none). The default statements are under 800 characters; 5000 leaves room for a personal explanation of any sensible
/// length while catching an accidental paste of a whole document. The form plan separately honours a `maxlength` the
/// box itself declares, so the statement is never cut off there.
pub const STATEMENT_MAX_CHARS: usize = 5000;

/// Longest e-mail address accepted (RFC 5321's path limit of 256 octets minus the angle brackets).
const EMAIL_MAX_CHARS: usize = 254;
/// Longest local part (before the '@') RFC 5321 allows.
const EMAIL_LOCAL_MAX_CHARS: usize = 64;

/// What the objection form is filled with. Feature switches (badges, auto-prefill) are not part of it: they live under
/// their own storage key (see [`Settings`]), because the content script reads them on every Meta page and must not
/// load the profile there.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Profile {
    pub email: String,
    /// ISO 3166-1 alpha-2, upper case (see `rules/countries.json`).
    pub country: String,
    /// Statement language code (ISO 639-1, see `rules/statements.json`).
    pub language: String,
    /// The objection statement; may contain `{email}` / `{country}` placeholders.
    pub statement: String,
}

impl Profile {
    /// The profile as it should be saved from a form: e-mail and statement without surrounding whitespace, country
    /// code upper case, language code lower case.
    pub fn tidied(&self) -> Profile {
        Profile {
            email: self.email.trim().to_string(),
            country: self.country.trim().to_ascii_uppercase(),
            language: self.language.trim().to_ascii_lowercase(),
            statement: self.statement.trim().to_string(),
        }
    }
}

/// Result of reading what storage holds under the profile key (`Value::Null` when nothing).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(
    tag = "status",
    rename_all = "kebab-case",
    rename_all_fields = "camelCase"
)]
pub enum ProfileLoad {
    Missing,
    Current {
        profile: Profile,
    },
    /// Read from an older shape; the caller should store [`store_profile`] of it.
    Migrated {
        profile: Profile,
        from_version: u32,
    },
    /// Unreadable; `raw` is exactly what storage held, so it can be shown or exported.
    Corrupt {
        reason: String,
        raw: Value,
    },
}

/// Reads a stored profile. Version 0 is the shape an early build wrote: a flat object without `"version"` holding
/// any of `email`, `country`, `reason` (the statement), all strings.
pub fn load_profile(stored: &Value) -> ProfileLoad {
    let corrupt = |reason: String| ProfileLoad::Corrupt {
        reason,
        raw: stored.clone(),
    };
    let object = match stored {
        Value::Null => return ProfileLoad::Missing,
        Value::Object(object) => object,
        other => {
            return corrupt(format!(
                "the stored profile is {}, not an object",
                describe(other)
            ))
        }
    };
    let Some(version) = object.get("version") else {
        return match migrate_version_0(object) {
            Ok(profile) => ProfileLoad::Migrated {
                profile,
                from_version: 0,
            },
            Err(reason) => corrupt(reason),
        };
    };
    let version = match version.as_u64() {
        Some(version) => version,
        None => {
            return corrupt(format!(
                "the profile's version is {}, not a whole number",
                describe(version)
            ))
        }
    };
    if version > u64::from(PROFILE_SCHEMA_VERSION) {
        return corrupt(format!(
            "the profile was saved by a newer version of Bezwaar (profile format {version}; this version reads up to \
             {PROFILE_SCHEMA_VERSION}); update the extension to read it"
        ));
    }
    if version != u64::from(PROFILE_SCHEMA_VERSION) {
        return corrupt(format!("profile format {version} does not exist"));
    }
    if let Some(extra) = object
        .keys()
        .find(|key| *key != "version" && *key != "profile")
    {
        return corrupt(format!(
            "the stored profile has an unexpected entry \"{extra}\""
        ));
    }
    let Some(profile) = object.get("profile") else {
        return corrupt("the stored profile has a version but no \"profile\" entry".to_string());
    };
    match Profile::deserialize(profile) {
        Ok(profile) => ProfileLoad::Current { profile },
        Err(error) => corrupt(format!("the stored profile cannot be read: {error}")),
    }
}

/// The value to put in storage under the profile key.
pub fn store_profile(p: &Profile) -> Value {
    serde_json::json!({ "version": PROFILE_SCHEMA_VERSION, "profile": p })
}

/// Version 0 -> current. Keys other than the three version 0 knew mean the value is not a version 0 profile.
fn migrate_version_0(object: &Map<String, Value>) -> Result<Profile, String> {
    if object.is_empty() {
        return Err("the stored profile is an empty object".to_string());
    }
    let mut profile = Profile::default();
    for (key, value) in object {
        let Value::String(text) = value else {
            return Err(format!(
                "the stored profile's \"{key}\" is {}, not text",
                describe(value)
            ));
        };
        match key.as_str() {
            "email" => profile.email = text.clone(),
            "country" => profile.country = text.clone(),
            "reason" => profile.statement = text.clone(),
            _ => {
                return Err(format!(
                    "the stored profile has no version and an unexpected entry \"{key}\""
                ))
            }
        }
    }
    Ok(profile.tidied())
}

/// How a JSON value is named in a reason shown to the user.
fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "empty (null)",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// A problem with one field of the profile: which field, what is wrong (`code`), and the message key that says so
/// on the options page (`key`), so the page keeps no table of its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: &'static str,
    pub code: &'static str,
    pub key: &'static str,
}

impl FieldError {
    fn new(field: &'static str, code: &'static str) -> Self {
        let key = match code {
            "email_missing" => "optionsErrorEmailMissing",
            "email_invalid" => "optionsErrorEmailInvalid",
            "country_missing" => "optionsErrorCountryMissing",
            "country_unsupported" => "optionsErrorCountryUnsupported",
            "language_missing" => "optionsErrorLanguageMissing",
            "language_unsupported" => "optionsErrorLanguageUnsupported",
            "statement_missing" => "optionsErrorStatementMissing",
            "statement_unknown_placeholder" => "optionsErrorStatementUnknownPlaceholder",
            "statement_too_long" => "optionsErrorStatementTooLong",
            _ => "optionsErrorGeneric",
        };
        FieldError { field, code, key }
    }
}

/// Everything wrong with a profile, at most one error per field, in form order. Empty means it can be used.
pub fn validate_profile(p: &Profile) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if p.email.trim().is_empty() {
        errors.push(FieldError::new("email", "email_missing"));
    } else if !is_plausible_email(&p.email) {
        errors.push(FieldError::new("email", "email_invalid"));
    }
    if p.country.trim().is_empty() {
        errors.push(FieldError::new("country", "country_missing"));
    } else if !is_supported_country(&p.country) {
        errors.push(FieldError::new("country", "country_unsupported"));
    }
    if p.language.trim().is_empty() {
        errors.push(FieldError::new("language", "language_missing"));
    } else if default_statement(&p.language).is_none() {
        errors.push(FieldError::new("language", "language_unsupported"));
    }
    let rendered = render_statement(&p.statement, p);
    if !rendered.unknown_placeholders.is_empty() {
        errors.push(FieldError::new(
            "statement",
            "statement_unknown_placeholder",
        ));
    } else if rendered.text.trim().is_empty() {
        errors.push(FieldError::new("statement", "statement_missing"));
    } else if rendered.text.chars().count() > STATEMENT_MAX_CHARS {
        errors.push(FieldError::new("statement", "statement_too_long"));
    }
    errors
}

/// How far the stored profile is from usable, for the popup's one-line summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProfileReadiness {
    /// Nothing stored yet.
    Missing,
    /// Stored (perhaps in an older format) but something is missing or wrong: the options page says what.
    Incomplete,
    /// Every field is valid: objection forms can be filled.
    Ready,
    /// Storage holds something this build cannot read; the options page shows it.
    Unreadable,
}

pub fn profile_readiness(stored: &Value) -> ProfileReadiness {
    ready_profile(stored)
        .err()
        .unwrap_or(ProfileReadiness::Ready)
}

/// The stored profile when objection forms can be filled from it (every field valid), else how far it is from
/// that. Nothing is filled from a profile that is incomplete or unreadable.
pub fn ready_profile(stored: &Value) -> Result<Profile, ProfileReadiness> {
    match load_profile(stored) {
        ProfileLoad::Missing => Err(ProfileReadiness::Missing),
        ProfileLoad::Corrupt { .. } => Err(ProfileReadiness::Unreadable),
        ProfileLoad::Current { profile } | ProfileLoad::Migrated { profile, .. } => {
            if validate_profile(&profile).is_empty() {
                Ok(profile)
            } else {
                Err(ProfileReadiness::Incomplete)
            }
        }
    }
}

/// The feature switches under storage key `settings`: `{"showBadges": bool, "autoPrefill": bool, "teachOffers": bool,
/// "uiLanguage": locale or null}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    /// Show visibility badges on posts.
    pub show_badges: bool,
    /// Prefill Meta's objection form when the user opens it (never submits it).
    pub auto_prefill: bool,
    /// Offer, in the explanation of a badge whose label Bezwaar cannot read, to teach it what the label means.
    pub teach_offers: bool,
    /// The locale of `extension/_locales` Bezwaar's own text is in; `None` (not stored): the browser's language.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ui_language: Option<&'static str>,
}

/// Both on: they are what the user installed Bezwaar for (badges only read the page; prefilling never submits).
impl Default for Settings {
    fn default() -> Self {
        Settings {
            show_badges: true,
            auto_prefill: true,
            teach_offers: true,
            ui_language: None,
        }
    }
}

/// What storage holds under `settings`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum SettingsLoad {
    /// Never saved: the defaults.
    Missing,
    /// Readable; a switch the stored value lacks (saved by an older version) takes its default.
    Current { settings: Settings },
    /// Not an object, or a switch that is not true/false. Bezwaar then fails closed: nothing is filled without the
    /// user's click, and badges (which only read the page) stay on. `raw` is what storage held, for the report.
    Unreadable {
        reason: String,
        raw: Value,
        settings: Settings,
    },
}

impl SettingsLoad {
    /// The switches in force.
    pub fn settings(&self) -> Settings {
        match self {
            SettingsLoad::Missing => Settings::default(),
            SettingsLoad::Current { settings } | SettingsLoad::Unreadable { settings, .. } => {
                *settings
            }
        }
    }
}

/// The switches that hold while the stored ones cannot be read.
const FAIL_CLOSED: Settings = Settings {
    show_badges: true,
    auto_prefill: false,
    teach_offers: true,
    ui_language: None,
};

pub fn load_settings(stored: &Value) -> SettingsLoad {
    let unreadable = |reason: String| SettingsLoad::Unreadable {
        reason,
        raw: stored.clone(),
        settings: FAIL_CLOSED,
    };
    let object = match stored {
        Value::Null => return SettingsLoad::Missing,
        Value::Object(object) => object,
        _ => return unreadable("the stored settings are not an object".to_string()),
    };
    let defaults = Settings::default();
    let switch = |name: &str, default: bool| match object.get(name) {
        None => Ok(default),
        Some(Value::Bool(on)) => Ok(*on),
        Some(other) => Err(format!(
            "the setting \"{name}\" is {other}, not true or false"
        )),
    };
    // A locale this version has no translation for is not what it wrote: unreadable, like a switch that is not a bool.
    let ui_language = match object.get("uiLanguage") {
        None | Some(Value::Null) => Ok(defaults.ui_language),
        Some(Value::String(code)) => ui_locale(code).map(Some).ok_or_else(|| {
            format!("the setting \"uiLanguage\" is \"{code}\", not a language Bezwaar has")
        }),
        Some(other) => Err(format!(
            "the setting \"uiLanguage\" is {other}, not a language code"
        )),
    };
    match (
        switch("showBadges", defaults.show_badges),
        switch("autoPrefill", defaults.auto_prefill),
        switch("teachOffers", defaults.teach_offers),
        ui_language,
    ) {
        (Ok(show_badges), Ok(auto_prefill), Ok(teach_offers), Ok(ui_language)) => {
            SettingsLoad::Current {
                settings: Settings {
                    show_badges,
                    auto_prefill,
                    teach_offers,
                    ui_language,
                },
            }
        }
        (Err(reason), _, _, _)
        | (_, Err(reason), _, _)
        | (_, _, Err(reason), _)
        | (_, _, _, Err(reason)) => unreadable(reason),
    }
}

/// The value to store under `settings` once the user said "Don't ask again" in a badge: the other switches as they
/// are. `Err` when the stored settings are unreadable (the options page reports them; they are not overwritten).
pub fn settings_without_teach_offers(stored: &Value) -> Result<Value, String> {
    let settings = match load_settings(stored) {
        SettingsLoad::Missing => Settings::default(),
        SettingsLoad::Current { settings } => settings,
        SettingsLoad::Unreadable { reason, .. } => return Err(reason),
    };
    serde_json::to_value(Settings {
        teach_offers: false,
        ..settings
    })
    .map_err(|e| e.to_string())
}

/// A pragmatic e-mail check: catches typos (no '@', no domain dot, spaces, stray dots) without rejecting real
/// addresses; international domain names and local parts are allowed. Only the mail server can say more.
pub fn is_plausible_email(email: &str) -> bool {
    if email.chars().count() > EMAIL_MAX_CHARS
        || email.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return false;
    }
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local.chars().count() <= EMAIL_LOCAL_MAX_CHARS
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..");
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && labels.last().is_some_and(|tld| {
            tld.chars().count() >= 2 && !tld.chars().all(|c| c.is_ascii_digit())
        });
    local_ok && domain_ok
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn valid_profile() -> Profile {
        Profile {
            email: "jan@example.nl".into(),
            country: "NL".into(),
            language: "nl".into(),
            statement: default_statement("nl").expect("nl statement").into(),
        }
    }

    fn codes(p: &Profile) -> Vec<&'static str> {
        validate_profile(p).into_iter().map(|e| e.code).collect()
    }

    #[test]
    fn store_then_load_round_trips() {
        let profile = valid_profile();
        let stored = store_profile(&profile);
        assert_eq!(stored["version"], json!(1));
        assert_eq!(
            stored["profile"]
                .as_object()
                .map(|o| o.keys().cloned().collect::<Vec<_>>()),
            Some(vec![
                "country".to_string(),
                "email".into(),
                "language".into(),
                "statement".into()
            ]),
            "only the form's four fields are stored: settings have their own key"
        );
        assert_eq!(load_profile(&stored), ProfileLoad::Current { profile });
    }

    #[test]
    fn nothing_stored_is_missing() {
        assert_eq!(load_profile(&Value::Null), ProfileLoad::Missing);
    }

    #[test]
    fn version_0_is_migrated() {
        let stored =
            json!({ "email": " jan@example.nl ", "country": "de", "reason": "Ik maak bezwaar." });
        let ProfileLoad::Migrated {
            profile,
            from_version,
        } = load_profile(&stored)
        else {
            panic!("expected a migration");
        };
        assert_eq!(from_version, 0);
        assert_eq!(profile.email, "jan@example.nl");
        assert_eq!(profile.country, "DE");
        assert_eq!(profile.statement, "Ik maak bezwaar.");
        assert_eq!(
            profile.language, "",
            "version 0 had no language: the options page must ask, not guess"
        );
        assert_eq!(codes(&profile), vec!["language_missing"]);
        assert_eq!(
            load_profile(&store_profile(&profile)),
            ProfileLoad::Current { profile }
        );
    }

    #[test]
    fn version_0_with_only_some_fields_is_migrated() {
        let ProfileLoad::Migrated { profile, .. } = load_profile(&json!({ "email": "a@b.de" }))
        else {
            panic!("expected a migration");
        };
        assert_eq!(
            profile,
            Profile {
                email: "a@b.de".into(),
                ..Profile::default()
            }
        );
    }

    #[test]
    fn unreadable_values_are_corrupt_and_kept() {
        let cases = [
            (json!("jan@example.nl"), "text, not an object"),
            (json!([1, 2]), "a list, not an object"),
            (json!(true), "true/false"),
            (json!({}), "empty object"),
            (json!({ "email": 42 }), "\"email\" is a number"),
            (
                json!({ "email": "a@b.nl", "phone": "123" }),
                "unexpected entry \"phone\"",
            ),
            (
                json!({ "version": "1", "profile": {} }),
                "not a whole number",
            ),
            (
                json!({ "version": -1, "profile": {} }),
                "not a whole number",
            ),
            (
                json!({ "version": 1.5, "profile": {} }),
                "not a whole number",
            ),
            (
                json!({ "version": 0, "profile": {} }),
                "format 0 does not exist",
            ),
            (json!({ "version": 1 }), "no \"profile\" entry"),
            (json!({ "version": 1, "profile": null }), "cannot be read"),
            (json!({ "version": 1, "profile": [] }), "cannot be read"),
            (
                json!({ "version": 1, "profile": valid_profile(), "extra": 1 }),
                "unexpected entry \"extra\"",
            ),
        ];
        for (stored, expected) in cases {
            match load_profile(&stored) {
                ProfileLoad::Corrupt { reason, raw } => {
                    assert!(
                        reason.contains(expected),
                        "{stored}: {reason:?} should mention {expected:?}"
                    );
                    assert_eq!(raw, stored, "the raw value must be kept");
                }
                other => panic!("{stored} should be corrupt, got {other:?}"),
            }
        }
    }

    #[test]
    fn wrong_types_inside_a_current_profile_are_corrupt_with_the_field_named() {
        let mut profile = serde_json::to_value(valid_profile()).expect("serialises");
        profile["email"] = json!(["jan@example.nl"]);
        let stored = json!({ "version": 1, "profile": profile });
        let ProfileLoad::Corrupt { reason, raw } = load_profile(&stored) else {
            panic!("expected corrupt");
        };
        assert!(reason.contains("cannot be read"), "{reason}");
        assert_eq!(raw, stored);

        let mut missing = serde_json::to_value(valid_profile()).expect("serialises");
        missing.as_object_mut().expect("object").remove("email");
        let stored = json!({ "version": 1, "profile": missing });
        let ProfileLoad::Corrupt { reason, .. } = load_profile(&stored) else {
            panic!("expected corrupt");
        };
        assert!(reason.contains("email"), "{reason}");
    }

    #[test]
    fn a_profile_from_a_newer_version_is_corrupt_saying_so_and_kept() {
        let stored =
            json!({ "version": 99, "profile": { "email": "x@y.de", "somethingNew": true } });
        let ProfileLoad::Corrupt { reason, raw } = load_profile(&stored) else {
            panic!("expected corrupt");
        };
        assert!(reason.contains("newer version"), "{reason}");
        assert!(reason.contains("99"), "{reason}");
        assert_eq!(raw, stored);
    }

    #[test]
    fn load_result_serialises_for_the_options_page() {
        let migrated = ProfileLoad::Migrated {
            profile: Profile::default(),
            from_version: 0,
        };
        let value = serde_json::to_value(&migrated).expect("serialises");
        assert_eq!(value["status"], json!("migrated"));
        assert_eq!(value["fromVersion"], json!(0));
        assert_eq!(value["profile"]["email"], json!(""));
        let corrupt = ProfileLoad::Corrupt {
            reason: "r".into(),
            raw: json!([1]),
        };
        assert_eq!(
            serde_json::to_value(&corrupt).expect("serialises"),
            json!({"status": "corrupt", "reason": "r", "raw": [1]})
        );
        assert_eq!(
            serde_json::to_value(ProfileLoad::Missing).expect("serialises"),
            json!({"status": "missing"})
        );
    }

    #[test]
    fn a_complete_profile_is_valid_in_every_statement_language() {
        assert!(validate_profile(&valid_profile()).is_empty());
        for (language, _) in crate::core::statement::statement_languages() {
            let p = Profile {
                language: language.into(),
                statement: default_statement(language).expect("listed").into(),
                ..valid_profile()
            };
            assert!(
                validate_profile(&p).is_empty(),
                "{language}: {:?}",
                validate_profile(&p)
            );
        }
    }

    #[test]
    fn every_field_is_checked() {
        let empty = Profile::default();
        assert_eq!(
            codes(&empty),
            vec![
                "email_missing",
                "country_missing",
                "language_missing",
                "statement_missing"
            ]
        );
        let wrong = Profile {
            email: "jan@".into(),
            country: "US".into(),
            language: "xx".into(),
            statement: "Hello {name}".into(),
        };
        assert_eq!(
            validate_profile(&wrong),
            vec![
                FieldError::new("email", "email_invalid"),
                FieldError::new("country", "country_unsupported"),
                FieldError::new("language", "language_unsupported"),
                FieldError::new("statement", "statement_unknown_placeholder"),
            ]
        );
    }

    #[test]
    fn statement_length_is_measured_after_rendering() {
        let at_limit = Profile {
            statement: "é".repeat(STATEMENT_MAX_CHARS),
            ..valid_profile()
        };
        assert!(
            validate_profile(&at_limit).is_empty(),
            "the limit counts characters, not bytes"
        );
        let over = Profile {
            statement: "a".repeat(STATEMENT_MAX_CHARS + 1),
            ..valid_profile()
        };
        assert_eq!(codes(&over), vec!["statement_too_long"]);
        let grows = Profile {
            statement: format!("{}{{email}}", "a".repeat(STATEMENT_MAX_CHARS - 5)),
            ..valid_profile()
        };
        assert_eq!(codes(&grows), vec!["statement_too_long"]);
        let blank = Profile {
            statement: " \n ".into(),
            ..valid_profile()
        };
        assert_eq!(codes(&blank), vec!["statement_missing"]);
    }

    #[test]
    fn email_check_is_pragmatic() {
        for ok in [
            "jan@example.nl",
            "j.de.vries+meta@mail.example.co.uk",
            "zoë@bücher.de",
            "a_b-c@x-y.org",
            "x@xn--bcher-kva.de",
        ] {
            assert!(is_plausible_email(ok), "{ok} should pass");
        }
        for bad in [
            "jan",
            "jan@",
            "@example.nl",
            "jan@example",
            "jan@@example.nl",
            "jan@exa mple.nl",
            " jan@example.nl",
            "jan.@example.nl",
            ".jan@example.nl",
            "j..an@example.nl",
            "jan@example..nl",
            "jan@-example.nl",
            "jan@example.n",
            "jan@127.0.0.1",
            "jan@example_nl.com",
        ] {
            assert!(!is_plausible_email(bad), "{bad} should fail");
        }
        assert!(!is_plausible_email(&format!(
            "{}@example.nl",
            "a".repeat(EMAIL_LOCAL_MAX_CHARS + 1)
        )));
        assert!(!is_plausible_email(&format!(
            "a@{}.nl",
            "b".repeat(EMAIL_MAX_CHARS)
        )));
    }

    #[test]
    fn readiness_follows_load_and_validation() {
        assert_eq!(profile_readiness(&Value::Null), ProfileReadiness::Missing);
        assert_eq!(
            profile_readiness(&store_profile(&valid_profile())),
            ProfileReadiness::Ready
        );
        let no_country = Profile {
            country: String::new(),
            ..valid_profile()
        };
        assert_eq!(
            profile_readiness(&store_profile(&no_country)),
            ProfileReadiness::Incomplete
        );
        assert_eq!(
            profile_readiness(&json!({ "email": "jan@example.nl" })),
            ProfileReadiness::Incomplete,
            "a version 0 profile has no language yet"
        );
        assert_eq!(
            profile_readiness(&json!("garbage")),
            ProfileReadiness::Unreadable
        );
        assert_eq!(
            serde_json::to_value(ProfileReadiness::Unreadable).expect("serialises"),
            json!("unreadable")
        );
    }

    #[test]
    fn only_a_ready_profile_is_handed_out_for_filling() {
        assert_eq!(
            ready_profile(&store_profile(&valid_profile())),
            Ok(valid_profile().tidied())
        );
        let no_email = Profile {
            email: String::new(),
            ..valid_profile()
        };
        assert_eq!(
            ready_profile(&store_profile(&no_email)),
            Err(ProfileReadiness::Incomplete)
        );
        assert_eq!(ready_profile(&Value::Null), Err(ProfileReadiness::Missing));
        assert_eq!(
            ready_profile(&json!([1, 2])),
            Err(ProfileReadiness::Unreadable)
        );
    }

    #[test]
    fn the_language_of_bezwaar_is_a_packaged_locale_or_the_browsers() {
        let chosen = load_settings(&json!({ "uiLanguage": "pt_PT" })).settings();
        assert_eq!(chosen.ui_language, Some("pt_PT"));
        assert_eq!(
            load_settings(&json!({ "uiLanguage": null })).settings(),
            Settings::default()
        );
        let kept = settings_without_teach_offers(&json!({ "uiLanguage": "sv" })).expect("readable");
        assert_eq!(
            kept["uiLanguage"],
            json!("sv"),
            "the badge's switch keeps the language"
        );
        assert_eq!(kept["teachOffers"], json!(false));
    }

    #[test]
    fn settings_default_to_on_and_unreadable_ones_fail_closed() {
        let on = Settings {
            show_badges: true,
            auto_prefill: true,
            teach_offers: true,
            ui_language: None,
        };
        assert_eq!(load_settings(&Value::Null), SettingsLoad::Missing);
        assert_eq!(load_settings(&Value::Null).settings(), on);
        assert_eq!(
            load_settings(&json!({ "showBadges": false })).settings(),
            Settings {
                show_badges: false,
                auto_prefill: true,
                teach_offers: true,
                ui_language: None
            }
        );
        assert_eq!(
            load_settings(&json!({ "autoPrefill": false, "other": 1 })),
            SettingsLoad::Current {
                settings: Settings {
                    show_badges: true,
                    auto_prefill: false,
                    teach_offers: true,
                    ui_language: None
                }
            }
        );
        let closed = Settings {
            show_badges: true,
            auto_prefill: false,
            teach_offers: true,
            ui_language: None,
        };
        for (stored, expected) in [
            (json!("off"), "not an object"),
            (json!([true, true]), "not an object"),
            (
                json!({ "autoPrefill": "false" }),
                "\"autoPrefill\" is \"false\"",
            ),
            (json!({ "autoPrefill": 1 }), "\"autoPrefill\" is 1"),
            (
                json!({ "showBadges": "no", "autoPrefill": true }),
                "\"showBadges\"",
            ),
            (
                json!({ "showBadges": false, "autoPrefill": null }),
                "\"autoPrefill\" is null",
            ),
            (json!({ "uiLanguage": "xx" }), "\"uiLanguage\" is \"xx\""),
            (
                json!({ "uiLanguage": "pt-PT" }),
                "\"uiLanguage\" is \"pt-PT\"",
            ),
            (json!({ "uiLanguage": 7 }), "\"uiLanguage\" is 7"),
        ] {
            let load = load_settings(&stored);
            let SettingsLoad::Unreadable {
                reason,
                raw,
                settings,
            } = &load
            else {
                panic!("{stored} should be unreadable, got {load:?}");
            };
            assert!(
                reason.contains(expected),
                "{reason:?} should say {expected:?}"
            );
            assert_eq!(raw, &stored, "kept for the report");
            assert_eq!(*settings, closed, "{stored}: auto-prefill off, badges on");
            assert_eq!(load.settings(), closed);
        }
        let serialised = serde_json::to_value(load_settings(&json!(3))).expect("serialises");
        assert_eq!(serialised["status"], json!("unreadable"));
        assert_eq!(
            serialised["settings"],
            json!({ "showBadges": true, "autoPrefill": false, "teachOffers": true })
        );
    }

    #[test]
    fn dont_ask_again_turns_only_the_teach_offers_off() {
        assert_eq!(
            settings_without_teach_offers(&json!({ "showBadges": false })),
            Ok(json!({ "showBadges": false, "autoPrefill": true, "teachOffers": false }))
        );
        assert_eq!(
            settings_without_teach_offers(&Value::Null),
            Ok(json!({ "showBadges": true, "autoPrefill": true, "teachOffers": false }))
        );
        assert!(settings_without_teach_offers(&json!({ "teachOffers": "yes" })).is_err());
        assert!(
            !load_settings(&json!({ "teachOffers": false }))
                .settings()
                .teach_offers
        );
    }

    #[test]
    fn tidied_fixes_what_a_form_typically_gets_wrong() {
        let messy = Profile {
            email: "  jan@example.nl\n".into(),
            country: " nl".into(),
            language: "NL ".into(),
            statement: "\n Tekst \n".into(),
        };
        let tidy = messy.tidied();
        assert_eq!(
            (
                tidy.email.as_str(),
                tidy.country.as_str(),
                tidy.language.as_str()
            ),
            ("jan@example.nl", "NL", "nl")
        );
        assert_eq!(tidy.statement, "Tekst");
    }
}
