//! Deciding, from descriptions of a form's controls, which control of Meta's objection form gets what
//! (`rules/form_fields.json`). The DOM layer describes the controls and carries out the plan; it decides nothing.
//!
//! The plan only ever fills what is empty: a value the user typed, or one Meta filled in (the 2025 form fills in the
//! account's e-mail address), is kept and reported, because the user must stay the author of their request. A
//! control whose purpose is not sure gets no step at all, and neither does one the person cannot see (Meta's help
//! forms carry fields hidden by the form's own conditions) or a trap for robots (their honeypot field `sneaky`):
//! what is sent must be what the person saw.

use serde::{Deserialize, Serialize};

use crate::core::countries::{names_a_country, option_matches_country};
use crate::core::profile::Profile;
use crate::core::tables::FORM_MATCHERS;
use crate::core::text::{contains_words, normalize_text};

/// What kind of control a field is, as the DOM layer sees it (tag, type and ARIA role).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ControlKind {
    Text,
    Email,
    Textarea,
    Select,
    /// An ARIA combobox (a text box with a list of options), as custom pickers are built.
    Combobox,
    Radio,
    Checkbox,
    #[default]
    #[serde(other)]
    Other,
}

/// One option of a select or combobox.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionDescriptor {
    pub value: String,
    pub text: String,
}

/// One control of the form, described by the DOM layer in document order.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct FieldDescriptor {
    pub control: ControlKind,
    pub name: String,
    pub id: String,
    pub autocomplete: String,
    pub input_type: String,
    /// Label text + aria-label + aria-labelledby text + placeholder, as read.
    pub accessible_name: String,
    /// Fieldset legend / radiogroup name, for radios.
    pub group_label: String,
    /// Current value; for a select the selected option's value, for a combobox the text in its box.
    pub value: String,
    pub options: Vec<OptionDescriptor>,
    pub checked: bool,
    /// The DOM layer saw the user type or choose here.
    pub user_edited: bool,
    /// The control's `maxlength`, when it declares one (in UTF-16 code units, as browsers count).
    pub max_length: Option<usize>,
    /// Read-only or disabled: the page does not let anyone change it (Meta may show the account's e-mail so).
    pub read_only: bool,
    /// What the person can see of the control, as the DOM layer read it.
    pub sight: Sight,
}

/// What the person can see of a control, fact by fact. Each fact is false until the DOM layer has seen it hold, so
/// a control nobody looked at counts as unseen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Sight {
    /// Laid out: no `display: none` on it or above it, no `hidden` attribute above it, not an `<input type=hidden>`.
    pub rendered: bool,
    /// Painted: not `visibility: hidden` or `collapse`, no `opacity: 0` on it or above it.
    pub painted: bool,
    /// Inside the page: not pushed left of it, above it, or past its far edges.
    pub on_page: bool,
    /// Has room to be seen: not zero-size, not clipped to nothing (`clip`, `clip-path`, a scale of zero, or a
    /// clipping ancestor too small to show it or placed elsewhere).
    pub has_area: bool,
    /// Offered to the person: no `aria-hidden="true"` or `inert` on it or above it.
    pub exposed: bool,
}

impl Sight {
    /// Every fact holds.
    pub const SEEN: Sight = Sight {
        rendered: true,
        painted: true,
        on_page: true,
        has_area: true,
        exposed: true,
    };

    pub fn seen(&self) -> bool {
        *self == Sight::SEEN
    }
}

/// What a control is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FieldPurpose {
    Email,
    Country,
    /// The box asking why the user objects (2024: required explanation; 2025: optional reason).
    Statement,
    /// The "yes" answer to "Does your request relate to AI at Meta?" on the generic objection route.
    AiQuestionYes,
    /// The "no" answer to that question: recognised so it is never touched.
    AiQuestionNo,
    /// A picker (a select or a combobox) asking that question: its "yes" option is chosen, as the "yes" radio is
    /// checked.
    AiQuestionPicker,
    Unknown,
}

/// One thing the DOM layer should do (or deliberately not do) to the field at `index`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(
    tag = "step",
    rename_all = "kebab-case",
    rename_all_fields = "camelCase"
)]
pub enum FillStep {
    SetText { index: usize, value: String },
    ChooseOption { index: usize, option_index: usize },
    Check { index: usize },
    Keep { index: usize, reason: KeepReason },
}

/// Why a field with a known purpose is left as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum KeepReason {
    /// The user typed or chose here.
    UserTyped,
    /// The page already holds a different value (e.g. Meta filled in the account's e-mail address).
    MetaFilledDifferently,
    AlreadyEqual,
    /// No option of the picker is the profile's country (e.g. a form that leaves Norway out).
    NoMatchingOption,
    /// The picker showed no options at all, even once opened (a list that only appears as one types): whether the
    /// country is in it is not known.
    NoOptionsShown,
    /// The profile has nothing to put here (no e-mail, no country, an empty statement).
    NoProfileValue,
    /// The value is longer than the control's `maxlength`; the browser would cut it off.
    TooLong,
    /// An earlier box already gets the statement: one request should not carry it twice.
    DuplicatePurpose,
    /// The control is read-only or disabled (and empty): nobody may fill it.
    ReadOnly,
    /// The generic route's "does your request relate to AI at Meta?" is answered "no": the request is not the
    /// objection, so nothing of the profile goes into it.
    NotAboutAi,
    /// An empty text box whose label names nothing the rules know, on a form where no box is known to take the
    /// statement: it may be the reason box in words no pack has, so the user is told rather than left to guess.
    UnnamedTextBox,
    /// An empty one-line box whose label and attributes name nothing the rules know, on a form where no control is
    /// known to take the e-mail address: it may be the e-mail field in words no pack has.
    UnnamedEmailBox,
}

fn contains_any(text: &str, phrases: &[&str]) -> bool {
    phrases.iter().any(|phrase| contains_words(text, phrase))
}

/// The autocomplete attribute's tokens ("section-a shipping email" -> ["section-a", "shipping", "email"]).
fn autocomplete_says(autocomplete: &str, tokens: &[&str]) -> bool {
    autocomplete
        .split_ascii_whitespace()
        .any(|token| tokens.iter().any(|t| token.eq_ignore_ascii_case(t)))
}

/// Whether the name or id, split at every non-alphanumeric character, has one of the tokens as a segment
/// ("user[email]", "email_address" -> yes; "emailaddress" -> no).
fn name_or_id_says(f: &FieldDescriptor, tokens: &[&str]) -> bool {
    [&f.name, &f.id].iter().any(|attribute| {
        attribute
            .split(|c: char| !c.is_alphanumeric())
            .any(|segment| tokens.iter().any(|t| segment.eq_ignore_ascii_case(t)))
    })
}

/// What a control is for: its kind decides what it can be, then its type / autocomplete / name, then its label words.
pub fn purpose_of(f: &FieldDescriptor) -> FieldPurpose {
    let m = &FORM_MATCHERS;
    let label = normalize_text(&f.accessible_name);
    match f.control {
        ControlKind::Email => FieldPurpose::Email,
        ControlKind::Text => {
            let is_email = f.input_type.trim().eq_ignore_ascii_case("email")
                || autocomplete_says(&f.autocomplete, m.email_autocomplete)
                || name_or_id_says(f, m.email_name_tokens)
                || contains_any(&label, m.email);
            if is_email {
                FieldPurpose::Email
            } else {
                FieldPurpose::Unknown
            }
        }
        ControlKind::Select | ControlKind::Combobox => {
            let is_country = autocomplete_says(&f.autocomplete, m.country_autocomplete)
                || name_or_id_says(f, m.country_name_tokens)
                || contains_any(&label, m.country)
                || lists_countries(&f.options);
            if is_country {
                FieldPurpose::Country
            } else if contains_any(&label, m.ai_question) {
                FieldPurpose::AiQuestionPicker
            } else {
                FieldPurpose::Unknown
            }
        }
        ControlKind::Textarea if contains_any(&label, m.statement) => FieldPurpose::Statement,
        ControlKind::Radio if contains_any(&normalize_text(&f.group_label), m.ai_question) => {
            let answer = normalize_text(&f.accessible_name);
            if m.yes.contains(&answer.as_str()) {
                FieldPurpose::AiQuestionYes
            } else if m.no.contains(&answer.as_str()) {
                FieldPurpose::AiQuestionNo
            } else {
                FieldPurpose::Unknown
            }
        }
        ControlKind::Textarea | ControlKind::Radio | ControlKind::Checkbox | ControlKind::Other => {
            FieldPurpose::Unknown
        }
    }
}

/// Whether a picker's options are a list of countries, in whatever language its label is: Meta's country select
/// has English country names as values. At least three options, and most of them, must name a country we know (a
/// language picker's "Suomi" or "Eesti" is a country's name too, but such a list is mostly other names).
fn lists_countries(options: &[OptionDescriptor]) -> bool {
    let countries = options
        .iter()
        .filter(|o| names_a_country(&o.value) || names_a_country(&o.text))
        .count();
    countries >= 3 && countries * 2 > options.len()
}

/// The selector of the input Meta's e-mail code step asks for the code in: when one appears after Send, the page
/// is asking for the code that Meta e-mailed.
pub fn code_field_selector() -> String {
    FORM_MATCHERS
        .code_field_names
        .iter()
        .map(|name| format!("input[name=\"{name}\"]"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whether the control is a honeypot: a field that only robots fill, so that the form can tell them from people.
pub fn is_honeypot(f: &FieldDescriptor) -> bool {
    name_or_id_says(f, FORM_MATCHERS.honeypot_names)
}

/// Whether the control may receive anything of the profile: the person sees it, and it is no honeypot.
pub fn fillable(f: &FieldDescriptor) -> bool {
    f.sight.seen() && !is_honeypot(f)
}

/// Whether a control the plan would fill is out of sight for now. Meta's forms hide fields by their own conditions
/// and reveal them after an answer, which a page may do by a style change alone: worth looking again.
pub fn awaits_sight(fields: &[FieldDescriptor]) -> bool {
    fields.iter().any(|f| {
        let wanted = matches!(
            purpose_of(f),
            FieldPurpose::Email
                | FieldPurpose::Country
                | FieldPurpose::Statement
                | FieldPurpose::AiQuestionYes
                | FieldPurpose::AiQuestionPicker
        );
        wanted && !f.sight.seen() && !is_honeypot(f) && !f.user_edited && !f.read_only
    })
}

/// How surely a set of controls is Meta's objection form rather than another form on its page (a feedback or
/// newsletter form beside it): each purpose counts once, the reason box and the AI question most (no other form asks
/// them), then the country, then the e-mail address.
pub fn objection_score<'a>(fields: impl IntoIterator<Item = &'a FieldDescriptor>) -> u32 {
    let purposes: Vec<FieldPurpose> = fields
        .into_iter()
        .filter(|f| !is_honeypot(f))
        .map(purpose_of)
        .collect();
    let has = |wanted: &[FieldPurpose]| purposes.iter().any(|p| wanted.contains(p));
    let ai_question = [
        FieldPurpose::AiQuestionYes,
        FieldPurpose::AiQuestionNo,
        FieldPurpose::AiQuestionPicker,
    ];
    [
        (has(&[FieldPurpose::Statement]), 4),
        (has(&ai_question), 4),
        (has(&[FieldPurpose::Country]), 2),
        (has(&[FieldPurpose::Email]), 1),
    ]
    .into_iter()
    .filter(|(present, _)| *present)
    .map(|(_, weight)| weight)
    .sum()
}

/// The plan for a form: at most one step per field, none for fields of unknown purpose (or for the "no" answer),
/// and none for a field that is not [`fillable`]. `statement` is the rendered statement. Fields are addressed by
/// their index in `fields`.
pub fn plan_fill(fields: &[FieldDescriptor], profile: &Profile, statement: &str) -> Vec<FillStep> {
    let purposes: Vec<FieldPurpose> = fields.iter().map(purpose_of).collect();
    // Seen or not: a chosen "no" drawn as a styled label over a hidden radio still means the request is another one.
    let answered_no = fields
        .iter()
        .zip(&purposes)
        .any(|(field, purpose)| match purpose {
            FieldPurpose::AiQuestionNo => field.checked,
            FieldPurpose::AiQuestionPicker => picked_answer_is(field, FORM_MATCHERS.no),
            _ => false,
        });
    // An address the form already shows (Meta's account address, or one the user typed) is the one its other e-mail
    // fields ("confirm e-mail") must repeat: the profile's would not match it.
    let shown_email = fields
        .iter()
        .zip(&purposes)
        .position(|(field, purpose)| {
            *purpose == FieldPurpose::Email && fillable(field) && !field.value.trim().is_empty()
        })
        .map(|index| (index, fields[index].value.trim()));
    let email_for = |index: usize| match shown_email {
        Some((shown_at, shown)) if shown_at != index => shown,
        _ => profile.email.trim(),
    };
    let mut statement_box_seen = false;
    let mut steps = Vec::new();
    for (index, (field, purpose)) in fields.iter().zip(&purposes).enumerate() {
        if !fillable(field) {
            continue;
        }
        let step = match purpose {
            FieldPurpose::Email | FieldPurpose::Country | FieldPurpose::Statement
                if answered_no =>
            {
                FillStep::Keep {
                    index,
                    reason: KeepReason::NotAboutAi,
                }
            }
            FieldPurpose::Email => plan_text(index, field, email_for(index), emails_equal),
            FieldPurpose::Country => plan_country(index, field, profile.country.trim()),
            FieldPurpose::Statement if statement_box_seen && !field.user_edited => FillStep::Keep {
                index,
                reason: KeepReason::DuplicatePurpose,
            },
            FieldPurpose::Statement => {
                statement_box_seen = true;
                plan_text(index, field, statement.trim(), statements_equal)
            }
            FieldPurpose::AiQuestionYes => plan_yes(index, fields, &purposes),
            FieldPurpose::AiQuestionPicker => plan_yes_option(index, field),
            FieldPurpose::AiQuestionNo | FieldPurpose::Unknown => continue,
        };
        steps.push(step);
    }
    if !statement_box_seen && !answered_no {
        let unnamed = fields.iter().zip(&purposes).position(|(field, purpose)| {
            *purpose == FieldPurpose::Unknown
                && field.control == ControlKind::Textarea
                && fillable(field)
                && field.value.trim().is_empty()
        });
        if let Some(index) = unnamed {
            steps.push(FillStep::Keep {
                index,
                reason: KeepReason::UnnamedTextBox,
            });
        }
    }
    if !purposes.contains(&FieldPurpose::Email) && !answered_no {
        let unnamed = fields.iter().zip(&purposes).position(|(field, purpose)| {
            *purpose == FieldPurpose::Unknown
                && field.control == ControlKind::Text
                && fillable(field)
                && !field.read_only
                && field.value.trim().is_empty()
                && !name_or_id_says(field, FORM_MATCHERS.code_field_names)
        });
        if let Some(index) = unnamed {
            steps.push(FillStep::Keep {
                index,
                reason: KeepReason::UnnamedEmailBox,
            });
        }
    }
    steps
}

fn emails_equal(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// Textareas report line breaks as "\n" whatever was typed; compare on that footing.
fn statements_equal(a: &str, b: &str) -> bool {
    a.replace("\r\n", "\n").trim() == b.replace("\r\n", "\n").trim()
}

fn plan_text(
    index: usize,
    field: &FieldDescriptor,
    wanted: &str,
    equal: fn(&str, &str) -> bool,
) -> FillStep {
    let keep = |reason| FillStep::Keep { index, reason };
    if field.user_edited {
        return keep(KeepReason::UserTyped);
    }
    if !field.value.trim().is_empty() {
        return keep(if equal(&field.value, wanted) {
            KeepReason::AlreadyEqual
        } else {
            KeepReason::MetaFilledDifferently
        });
    }
    if field.read_only {
        return keep(KeepReason::ReadOnly);
    }
    if wanted.is_empty() {
        return keep(KeepReason::NoProfileValue);
    }
    if field
        .max_length
        .is_some_and(|max| wanted.encode_utf16().count() > max)
    {
        return keep(KeepReason::TooLong);
    }
    FillStep::SetText {
        index,
        value: wanted.to_string(),
    }
}

fn plan_country(index: usize, field: &FieldDescriptor, code: &str) -> FillStep {
    let keep = |reason| FillStep::Keep { index, reason };
    if field.user_edited {
        return keep(KeepReason::UserTyped);
    }
    let current = field.value.trim();
    if !current.is_empty() {
        if !code.is_empty() && current_choice_is(field, code) {
            return keep(KeepReason::AlreadyEqual);
        }
        if !current_choice_is_a_default(field) {
            return keep(KeepReason::MetaFilledDifferently);
        }
    }
    if field.read_only {
        return keep(KeepReason::ReadOnly);
    }
    if code.is_empty() {
        return keep(KeepReason::NoProfileValue);
    }
    match field
        .options
        .iter()
        .position(|o| option_matches_country(&o.value, &o.text, code))
    {
        Some(option_index) => FillStep::ChooseOption {
            index,
            option_index,
        },
        None if field.options.is_empty() => keep(KeepReason::NoOptionsShown),
        None => keep(KeepReason::NoMatchingOption),
    }
}

/// Whether the picker currently shows the country: a select's selected option, or the text in a combobox.
fn current_choice_is(field: &FieldDescriptor, code: &str) -> bool {
    let current = field.value.trim();
    match field.control {
        ControlKind::Select => match field.options.iter().find(|o| o.value == field.value) {
            Some(selected) => option_matches_country(&selected.value, &selected.text, code),
            None => option_matches_country(current, current, code),
        },
        _ => option_matches_country(current, current, code),
    }
}

/// A select with no explicit choice shows its first option (a "Choose..." prompt, or simply the first country), so
/// the first option says nothing about what Meta chose. Any other non-empty value was chosen by someone.
fn current_choice_is_a_default(field: &FieldDescriptor) -> bool {
    field.control == ControlKind::Select
        && field
            .options
            .first()
            .is_some_and(|first| first.value == field.value)
}

/// Radios answer one question together when they share a name and a group label.
fn same_radio_group(a: &FieldDescriptor, b: &FieldDescriptor) -> bool {
    a.name == b.name && normalize_text(&a.group_label) == normalize_text(&b.group_label)
}

fn plan_yes(index: usize, fields: &[FieldDescriptor], purposes: &[FieldPurpose]) -> FillStep {
    let keep = |reason| FillStep::Keep { index, reason };
    let yes = &fields[index];
    let group: Vec<&FieldDescriptor> = fields
        .iter()
        .zip(purposes)
        .filter(|(other, purpose)| {
            matches!(
                purpose,
                FieldPurpose::AiQuestionYes | FieldPurpose::AiQuestionNo
            ) && same_radio_group(yes, other)
        })
        .map(|(other, _)| other)
        .collect();
    if group.iter().any(|radio| radio.user_edited) {
        return keep(KeepReason::UserTyped);
    }
    if yes.checked {
        return keep(KeepReason::AlreadyEqual);
    }
    if group.iter().any(|radio| radio.checked) {
        return keep(KeepReason::MetaFilledDifferently);
    }
    FillStep::Check { index }
}

/// Whether the picker's current choice is one of `answers` (the yes or the no words): a select's selected option,
/// by its text or its value (Meta's values are English), or the text in a combobox.
fn picked_answer_is(field: &FieldDescriptor, answers: &[&str]) -> bool {
    let is_answer = |text: &str| answers.contains(&normalize_text(text).as_str());
    match field.control {
        ControlKind::Select => field
            .options
            .iter()
            .find(|o| o.value == field.value)
            .is_some_and(|o| is_answer(&o.text) || is_answer(&o.value)),
        _ => is_answer(&field.value),
    }
}

/// Chooses "yes" in a picker asking whether the request relates to AI at Meta, unless someone answered it.
fn plan_yes_option(index: usize, field: &FieldDescriptor) -> FillStep {
    let keep = |reason| FillStep::Keep { index, reason };
    let m = &FORM_MATCHERS;
    if field.user_edited {
        return keep(KeepReason::UserTyped);
    }
    if picked_answer_is(field, m.yes) {
        return keep(KeepReason::AlreadyEqual);
    }
    if picked_answer_is(field, m.no) {
        return keep(KeepReason::MetaFilledDifferently);
    }
    if field.read_only {
        return keep(KeepReason::ReadOnly);
    }
    let says_yes = |o: &OptionDescriptor| {
        [&o.text, &o.value]
            .iter()
            .any(|t| m.yes.contains(&normalize_text(t).as_str()))
    };
    match field.options.iter().position(says_yes) {
        Some(option_index) => FillStep::ChooseOption {
            index,
            option_index,
        },
        None => keep(KeepReason::NoMatchingOption),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::lang::language_packs;
    use crate::core::statement::{default_statement, render_statement};
    use crate::core::tables::load::form_fields::{form_field_rules, FormFieldRules, PhraseBlock};
    use std::collections::HashMap;

    /// `rules/form_fields.json` with every pack's `form_labels`, as written (with sources).
    fn raw_rules() -> FormFieldRules {
        form_field_rules(
            include_str!("../../rules/form_fields.json"),
            language_packs(),
        )
        .expect("the build read it")
    }

    /// The languages whose form labels Bezwaar must know (the registry's `form` role) need every kind of label.
    fn required_languages() -> Vec<&'static str> {
        crate::core::lang::registry()
            .with_role("form")
            .map(|language| language.code.as_str())
            .collect()
    }

    fn profile() -> Profile {
        Profile {
            email: "jan@example.nl".into(),
            country: "NL".into(),
            language: "nl".into(),
            statement: default_statement("nl").expect("nl").into(),
        }
    }

    fn statement() -> String {
        let p = profile();
        render_statement(&p.statement, &p).text
    }

    fn text(label: &str) -> FieldDescriptor {
        FieldDescriptor {
            control: ControlKind::Text,
            input_type: "text".into(),
            accessible_name: label.into(),
            sight: Sight::SEEN,
            ..Default::default()
        }
    }

    fn textarea(label: &str) -> FieldDescriptor {
        FieldDescriptor {
            control: ControlKind::Textarea,
            accessible_name: label.into(),
            sight: Sight::SEEN,
            ..Default::default()
        }
    }

    fn options(list: &[(&str, &str)]) -> Vec<OptionDescriptor> {
        list.iter()
            .map(|(value, text)| OptionDescriptor {
                value: (*value).into(),
                text: (*text).into(),
            })
            .collect()
    }

    fn country_select(label: &str, list: &[(&str, &str)]) -> FieldDescriptor {
        FieldDescriptor {
            control: ControlKind::Select,
            accessible_name: label.into(),
            options: options(list),
            sight: Sight::SEEN,
            ..Default::default()
        }
    }

    fn radio(group: &str, label: &str) -> FieldDescriptor {
        FieldDescriptor {
            control: ControlKind::Radio,
            name: "ai".into(),
            group_label: group.into(),
            accessible_name: label.into(),
            sight: Sight::SEEN,
            ..Default::default()
        }
    }

    fn with_value(mut f: FieldDescriptor, value: &str) -> FieldDescriptor {
        f.value = value.into();
        f
    }

    fn user_edited(mut f: FieldDescriptor) -> FieldDescriptor {
        f.user_edited = true;
        f
    }

    fn keep(index: usize, reason: KeepReason) -> FillStep {
        FillStep::Keep { index, reason }
    }

    const EUROPE: [(&str, &str); 4] = [
        ("", "Select a country"),
        ("BE", "Belgium"),
        ("NL", "Netherlands"),
        ("NO", "Norway"),
    ];

    // ---- rules file ----

    #[test]
    fn rules_file_is_well_formed() {
        let rules = raw_rules();
        assert!(!rules.notes.trim().is_empty());
        let hints = &rules.attribute_hints;
        assert!(!hints.source.trim().is_empty());
        for list in [
            &hints.email_autocomplete,
            &hints.country_autocomplete,
            &hints.email_name_tokens,
            &hints.country_name_tokens,
        ] {
            assert!(!list.is_empty());
            assert!(list.iter().all(|t| !t.is_empty() && t.chars().all(|c| c.is_ascii_lowercase() || c == '-')), "{list:?}");
        }
        assert!(!rules.traps.source.trim().is_empty());
        assert!(!rules.traps.honeypot_names.is_empty());
        assert!(!rules.code_step.source.trim().is_empty());
        assert!(!rules.code_step.code_field_names.is_empty());
        assert!(rules
            .code_step
            .code_field_names
            .iter()
            .all(|name| !name.is_empty()
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')));
        assert!(rules
            .traps
            .honeypot_names
            .iter()
            .all(|t| !t.is_empty() && t.chars().all(|c| c.is_ascii_lowercase())));
        for language in required_languages() {
            let blocks = rules
                .languages
                .get(language)
                .unwrap_or_else(|| panic!("no phrases for {language}"));
            for (kind, pick) in purpose_lists() {
                assert!(
                    blocks.iter().any(|b| !pick(b).is_empty()),
                    "{language} has no {kind} phrase"
                );
            }
        }
        for (language, blocks) in &rules.languages {
            assert!(
                language.len() == 2 && language.chars().all(|c| c.is_ascii_lowercase()),
                "{language}"
            );
            assert!(!blocks.is_empty(), "{language} has no block");
            let mut seen: Vec<String> = Vec::new();
            for block in blocks {
                assert!(
                    !block.source.trim().is_empty(),
                    "{language}: a block without source"
                );
                for (kind, pick) in purpose_lists() {
                    for phrase in pick(block) {
                        let normalized = normalize_text(phrase);
                        assert!(!normalized.is_empty(), "{language} {kind}: empty phrase");
                        assert_eq!(
                            phrase.trim(),
                            phrase,
                            "{language} {kind}: {phrase:?} has surrounding spaces"
                        );
                        assert!(
                            !seen.contains(&normalized),
                            "{language}: {phrase:?} listed twice"
                        );
                        seen.push(normalized);
                    }
                }
            }
        }
    }

    type PhraseList = fn(&PhraseBlock) -> &Vec<String>;

    fn purpose_lists() -> [(&'static str, PhraseList); 6] {
        [
            ("email", |b| &b.email),
            ("country", |b| &b.country),
            ("statement", |b| &b.statement),
            ("ai_question", |b| &b.ai_question),
            ("yes", |b| &b.yes),
            ("no", |b| &b.no),
        ]
    }

    #[test]
    fn no_phrase_has_two_meanings() {
        let rules = raw_rules();
        let mut meaning: HashMap<String, &str> = HashMap::new();
        for block in rules.languages.values().flatten() {
            for (kind, pick) in purpose_lists() {
                for phrase in pick(block) {
                    if let Some(other) = meaning.insert(normalize_text(phrase), kind) {
                        assert_eq!(other, kind, "{phrase:?} is both {other} and {kind}");
                    }
                }
            }
        }
        // Label phrases are found inside longer labels, so none may hide inside a phrase of another purpose.
        let m = &FORM_MATCHERS;
        let contained = [
            ("email", m.email),
            ("country", m.country),
            ("statement", m.statement),
            ("ai_question", m.ai_question),
        ];
        for (kind, phrases) in contained {
            for (other_kind, others) in contained.iter().filter(|(k, _)| *k != kind) {
                for phrase in phrases.iter() {
                    for other in others.iter() {
                        assert!(
                            !contains_words(other, phrase),
                            "{kind} {phrase:?} occurs in {other_kind} {other:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn every_label_phrase_maps_to_its_purpose() {
        let rules = raw_rules();
        for (language, blocks) in &rules.languages {
            for block in blocks {
                for phrase in &block.email {
                    assert_eq!(
                        purpose_of(&text(phrase)),
                        FieldPurpose::Email,
                        "{language} {phrase}"
                    );
                    assert_eq!(
                        purpose_of(&text(&format!("{phrase} *"))),
                        FieldPurpose::Email,
                        "{language} {phrase} *"
                    );
                    assert_eq!(
                        purpose_of(&textarea(phrase)),
                        FieldPurpose::Unknown,
                        "a textarea is never the e-mail"
                    );
                }
                for phrase in &block.country {
                    let select = country_select(phrase, &EUROPE);
                    assert_eq!(
                        purpose_of(&select),
                        FieldPurpose::Country,
                        "{language} {phrase}"
                    );
                    let combobox = FieldDescriptor {
                        control: ControlKind::Combobox,
                        ..select
                    };
                    assert_eq!(
                        purpose_of(&combobox),
                        FieldPurpose::Country,
                        "{language} {phrase} combobox"
                    );
                    assert_eq!(
                        purpose_of(&text(phrase)),
                        FieldPurpose::Unknown,
                        "a text box is never the picker"
                    );
                }
                for phrase in &block.statement {
                    assert_eq!(
                        purpose_of(&textarea(phrase)),
                        FieldPurpose::Statement,
                        "{language} {phrase}"
                    );
                    let sentence = format!("Please, {phrase} (optional)");
                    assert_eq!(
                        purpose_of(&textarea(&sentence)),
                        FieldPurpose::Statement,
                        "{language} {sentence}"
                    );
                    assert_eq!(
                        purpose_of(&text(phrase)),
                        FieldPurpose::Unknown,
                        "{language}: only a textarea"
                    );
                }
                for question in &block.ai_question {
                    let asked = format!("¿{question}?");
                    for yes in &block.yes {
                        assert_eq!(
                            purpose_of(&radio(&asked, yes)),
                            FieldPurpose::AiQuestionYes,
                            "{language} {yes}"
                        );
                    }
                    for no in &block.no {
                        assert_eq!(
                            purpose_of(&radio(&asked, no)),
                            FieldPurpose::AiQuestionNo,
                            "{language} {no}"
                        );
                    }
                    assert_eq!(purpose_of(&radio(&asked, "Maybe")), FieldPurpose::Unknown);
                }
                for yes in &block.yes {
                    assert_eq!(
                        purpose_of(&radio("Do you like cookies?", yes)),
                        FieldPurpose::Unknown,
                        "other questions"
                    );
                }
            }
        }
    }

    #[test]
    fn every_yes_and_no_word_works_under_every_question() {
        let m = &FORM_MATCHERS;
        for question in m.ai_question {
            for yes in m.yes {
                assert_eq!(
                    purpose_of(&radio(question, yes)),
                    FieldPurpose::AiQuestionYes,
                    "{question} / {yes}"
                );
            }
            for no in m.no {
                assert_eq!(
                    purpose_of(&radio(question, no)),
                    FieldPurpose::AiQuestionNo,
                    "{question} / {no}"
                );
            }
        }
    }

    #[test]
    fn attributes_decide_before_labels() {
        let by_type = FieldDescriptor {
            control: ControlKind::Text,
            input_type: "email".into(),
            ..Default::default()
        };
        assert_eq!(purpose_of(&by_type), FieldPurpose::Email);
        let email_control = FieldDescriptor {
            control: ControlKind::Email,
            ..Default::default()
        };
        assert_eq!(purpose_of(&email_control), FieldPurpose::Email);
        let by_autocomplete = FieldDescriptor {
            control: ControlKind::Text,
            autocomplete: "section-x EMAIL".into(),
            ..Default::default()
        };
        assert_eq!(purpose_of(&by_autocomplete), FieldPurpose::Email);
        let by_name = FieldDescriptor {
            control: ControlKind::Text,
            name: "user[email]".into(),
            ..Default::default()
        };
        assert_eq!(purpose_of(&by_name), FieldPurpose::Email);
        let by_id = FieldDescriptor {
            control: ControlKind::Text,
            id: "contact_email_1".into(),
            ..Default::default()
        };
        assert_eq!(purpose_of(&by_id), FieldPurpose::Email);
        let glued = FieldDescriptor {
            control: ControlKind::Text,
            name: "emailaddress".into(),
            ..Default::default()
        };
        assert_eq!(
            purpose_of(&glued),
            FieldPurpose::Unknown,
            "no segment is 'email'"
        );
        let country = FieldDescriptor {
            control: ControlKind::Select,
            autocomplete: "country-name".into(),
            ..Default::default()
        };
        assert_eq!(purpose_of(&country), FieldPurpose::Country);
        let country_by_name = FieldDescriptor {
            control: ControlKind::Combobox,
            name: "country".into(),
            ..Default::default()
        };
        assert_eq!(purpose_of(&country_by_name), FieldPurpose::Country);
    }

    #[test]
    fn label_words_must_be_whole_words() {
        // Options that are no list of countries, which would say "country" by themselves.
        let choices = [("", "Kies"), ("1", "Eén"), ("2", "Twee"), ("3", "Drie")];
        assert_eq!(
            purpose_of(&country_select("Nederland", &choices)),
            FieldPurpose::Unknown,
            "'land' inside a word"
        );
        assert_eq!(
            purpose_of(&country_select("Selecteer je land", &EUROPE)),
            FieldPurpose::Country
        );
        assert_eq!(
            purpose_of(&textarea("Hintergrund")),
            FieldPurpose::Unknown,
            "'grund' inside a word"
        );
        assert_eq!(purpose_of(&textarea("Treason")), FieldPurpose::Unknown);
    }

    #[test]
    fn unrelated_controls_have_no_purpose() {
        for f in [
            textarea("Any other information"),
            textarea("Weitere Informationen"),
            text("Full name"),
            country_select("Language", &[("en", "English"), ("nl", "Nederlands")]),
            FieldDescriptor {
                control: ControlKind::Checkbox,
                accessible_name: "Email me updates".into(),
                ..Default::default()
            },
            FieldDescriptor {
                control: ControlKind::Other,
                accessible_name: "Email address".into(),
                ..Default::default()
            },
            radio("Does your request relate to AI at Meta?", ""),
            radio("", "Yes"),
        ] {
            assert_eq!(purpose_of(&f), FieldPurpose::Unknown, "{f:?}");
        }
    }

    // ---- plans ----

    #[test]
    fn form_2025_keeps_metas_email_and_fills_the_optional_reason() {
        let fields = [
            with_value(text("E-mailadres"), "account@example.com"),
            textarea("Reden (optioneel)"),
        ];
        let steps = plan_fill(&fields, &profile(), &statement());
        assert_eq!(
            steps,
            vec![
                keep(0, KeepReason::MetaFilledDifferently),
                FillStep::SetText {
                    index: 1,
                    value: statement()
                }
            ]
        );
    }

    #[test]
    fn form_2025_with_the_same_email_prefilled_is_already_equal() {
        let fields = [with_value(text("E-Mail-Adresse"), " JAN@example.nl ")];
        assert_eq!(
            plan_fill(&fields, &profile(), &statement()),
            vec![keep(0, KeepReason::AlreadyEqual)]
        );
    }

    #[test]
    fn form_2024_with_empty_fields_is_filled_and_other_information_stays_empty() {
        let fields = [
            country_select("Country of residence", &EUROPE),
            FieldDescriptor {
                control: ControlKind::Email,
                accessible_name: "Email address".into(),
                sight: Sight::SEEN,
                ..Default::default()
            },
            textarea("Please explain how this processing impacts you"),
            textarea("Any other information"),
        ];
        let steps = plan_fill(&fields, &profile(), &statement());
        assert_eq!(
            steps,
            vec![
                FillStep::ChooseOption {
                    index: 0,
                    option_index: 2
                },
                FillStep::SetText {
                    index: 1,
                    value: "jan@example.nl".into()
                },
                FillStep::SetText {
                    index: 2,
                    value: statement()
                },
            ]
        );
    }

    #[test]
    fn instagram_form_in_italian() {
        let p = Profile {
            country: "IT".into(),
            language: "it".into(),
            ..profile()
        };
        let fields = [
            FieldDescriptor {
                control: ControlKind::Combobox,
                accessible_name: "Paese di residenza".into(),
                options: options(&[("1", "Francia"), ("2", "Italia")]),
                sight: Sight::SEEN,
                ..Default::default()
            },
            text("Indirizzo e-mail"),
            textarea("In che modo questo trattamento ti riguarda?"),
        ];
        let steps = plan_fill(&fields, &p, "Mi oppongo.");
        assert_eq!(
            steps,
            vec![
                FillStep::ChooseOption {
                    index: 0,
                    option_index: 1
                },
                FillStep::SetText {
                    index: 1,
                    value: "jan@example.nl".into()
                },
                FillStep::SetText {
                    index: 2,
                    value: "Mi oppongo.".into()
                },
            ]
        );
    }

    #[test]
    fn generic_route_checks_yes_and_never_no() {
        let question = "Bezieht sich deine Anfrage auf KI bei Meta?";
        let fields = [
            radio(question, "Ja"),
            radio(question, "Nein"),
            text("E-Mail-Adresse"),
        ];
        let steps = plan_fill(&fields, &profile(), &statement());
        assert_eq!(
            steps,
            vec![
                FillStep::Check { index: 0 },
                FillStep::SetText {
                    index: 2,
                    value: "jan@example.nl".into()
                }
            ]
        );

        let mut checked_yes = fields.clone();
        checked_yes[0].checked = true;
        assert_eq!(
            plan_fill(&checked_yes, &profile(), "")[0],
            keep(0, KeepReason::AlreadyEqual)
        );

        let mut meta_chose_no = fields.clone();
        meta_chose_no[1].checked = true;
        assert_eq!(
            plan_fill(&meta_chose_no, &profile(), "")[0],
            keep(0, KeepReason::MetaFilledDifferently)
        );

        let mut user_chose_no = fields.clone();
        user_chose_no[1].checked = true;
        user_chose_no[1].user_edited = true;
        assert_eq!(
            plan_fill(&user_chose_no, &profile(), "")[0],
            keep(0, KeepReason::UserTyped)
        );
    }

    #[test]
    fn radios_of_another_group_do_not_block_the_answer() {
        let question = "Does your request relate to AI at Meta?";
        let mut other = radio("Do you like cookies?", "Yes");
        other.name = "cookies".into();
        other.checked = true;
        other.user_edited = true;
        let fields = [other, radio(question, "Yes"), radio(question, "No")];
        assert_eq!(
            plan_fill(&fields, &profile(), ""),
            vec![FillStep::Check { index: 1 }]
        );
    }

    #[test]
    fn select_and_combobox_pick_by_value_or_name() {
        let by_code = country_select("Country", &EUROPE);
        assert_eq!(
            plan_fill(&[by_code], &profile(), ""),
            vec![FillStep::ChooseOption {
                index: 0,
                option_index: 2
            }]
        );

        let numeric_values = country_select(
            "Land",
            &[("", "Kies een land"), ("7", "België"), ("8", "Nederland")],
        );
        assert_eq!(
            plan_fill(&[numeric_values], &profile(), ""),
            vec![FillStep::ChooseOption {
                index: 0,
                option_index: 2
            }]
        );

        let combobox = FieldDescriptor {
            control: ControlKind::Combobox,
            accessible_name: "Wohnsitzland".into(),
            options: options(&[("", "Deutschland"), ("", "Niederlande")]),
            sight: Sight::SEEN,
            ..Default::default()
        };
        assert_eq!(
            plan_fill(std::slice::from_ref(&combobox), &profile(), ""),
            vec![FillStep::ChooseOption {
                index: 0,
                option_index: 1
            }]
        );

        let shows_ours = with_value(combobox.clone(), "Niederlande");
        assert_eq!(
            plan_fill(&[shows_ours], &profile(), ""),
            vec![keep(0, KeepReason::AlreadyEqual)]
        );
        let shows_other = with_value(combobox, "Deutschland");
        assert_eq!(
            plan_fill(&[shows_other], &profile(), ""),
            vec![keep(0, KeepReason::MetaFilledDifferently)]
        );
    }

    #[test]
    fn a_list_of_countries_is_the_country_field_whatever_its_labels_language() {
        // Swedish: no pack has its form labels; the options' English values still say what the list is.
        let swedish = country_select(
            "Bosättningsland",
            &[
                ("", "Välj"),
                ("Norway", "Norge"),
                ("Sweden", "Sverige"),
                ("Netherlands", "Nederländerna"),
            ],
        );
        assert_eq!(purpose_of(&swedish), FieldPurpose::Country);
        assert_eq!(
            plan_fill(&[swedish], &profile(), ""),
            vec![FillStep::ChooseOption {
                index: 0,
                option_index: 3
            }]
        );
        // A language picker names a country or two ("Suomi", "Eesti"), not mostly countries.
        let languages = country_select(
            "Språk",
            &[
                ("fi", "Suomi"),
                ("et", "Eesti"),
                ("de", "Deutsch"),
                ("fr", "Français"),
                ("sv", "Svenska"),
                ("nl", "Nederlands"),
            ],
        );
        assert_eq!(purpose_of(&languages), FieldPurpose::Unknown);
        let two = country_select("Val", &[("Norway", "Norge"), ("Sweden", "Sverige")]);
        assert_eq!(
            purpose_of(&two),
            FieldPurpose::Unknown,
            "two options say too little"
        );
    }

    #[test]
    fn a_select_showing_its_first_option_has_no_choice_yet() {
        let first_is_a_country =
            country_select("Country", &[("AT", "Austria"), ("NL", "Netherlands")]);
        let shown = with_value(first_is_a_country, "AT");
        assert_eq!(
            plan_fill(&[shown], &profile(), ""),
            vec![FillStep::ChooseOption {
                index: 0,
                option_index: 1
            }]
        );

        let chosen_by_meta = with_value(country_select("Country", &EUROPE), "BE");
        assert_eq!(
            plan_fill(&[chosen_by_meta], &profile(), ""),
            vec![keep(0, KeepReason::MetaFilledDifferently)]
        );

        let already_ours = with_value(country_select("Country", &EUROPE), "NL");
        assert_eq!(
            plan_fill(&[already_ours], &profile(), ""),
            vec![keep(0, KeepReason::AlreadyEqual)]
        );

        let ours_first = with_value(
            country_select("Country", &[("NL", "Netherlands"), ("BE", "Belgium")]),
            "NL",
        );
        assert_eq!(
            plan_fill(&[ours_first], &profile(), ""),
            vec![keep(0, KeepReason::AlreadyEqual)]
        );
    }

    #[test]
    fn no_matching_country_option_is_reported() {
        let without_norway = country_select(
            "Country of residence",
            &[("", "Select"), ("SE", "Sweden"), ("DK", "Denmark")],
        );
        let p = Profile {
            country: "NO".into(),
            ..profile()
        };
        assert_eq!(
            plan_fill(&[without_norway], &p, ""),
            vec![keep(0, KeepReason::NoMatchingOption)]
        );
        let closed_combobox = FieldDescriptor {
            control: ControlKind::Combobox,
            accessible_name: "Country".into(),
            sight: Sight::SEEN,
            ..Default::default()
        };
        // A list that never showed (it appears only as one types) says nothing about the country being in it.
        assert_eq!(
            plan_fill(&[closed_combobox], &p, ""),
            vec![keep(0, KeepReason::NoOptionsShown)]
        );
    }

    #[test]
    fn user_typed_values_are_never_overwritten() {
        let fields = [
            user_edited(text("Email address")),
            user_edited(with_value(country_select("Country", &EUROPE), "BE")),
            user_edited(with_value(textarea("Reason"), "My own words")),
            user_edited(textarea("Grund")),
        ];
        let steps = plan_fill(&fields, &profile(), &statement());
        assert_eq!(
            steps,
            vec![
                keep(0, KeepReason::UserTyped),
                keep(1, KeepReason::UserTyped),
                keep(2, KeepReason::UserTyped),
                keep(3, KeepReason::UserTyped),
            ]
        );
    }

    #[test]
    fn the_statement_goes_into_the_first_statement_box_only() {
        let fields = [
            textarea("Please explain how this processing impacts you"),
            textarea("Reason"),
        ];
        assert_eq!(
            plan_fill(&fields, &profile(), "Text"),
            vec![
                FillStep::SetText {
                    index: 0,
                    value: "Text".into()
                },
                keep(1, KeepReason::DuplicatePurpose)
            ]
        );
        let same = [with_value(textarea("Reason"), "Line one\r\nLine two ")];
        assert_eq!(
            plan_fill(&same, &profile(), "Line one\nLine two"),
            vec![keep(0, KeepReason::AlreadyEqual)]
        );
    }

    #[test]
    fn empty_profile_values_are_not_filled() {
        let empty = Profile::default();
        let fields = [
            text("Email"),
            country_select("Country", &EUROPE),
            textarea("Reason"),
        ];
        assert_eq!(
            plan_fill(&fields, &empty, "  "),
            vec![
                keep(0, KeepReason::NoProfileValue),
                keep(1, KeepReason::NoProfileValue),
                keep(2, KeepReason::NoProfileValue)
            ]
        );
    }

    #[test]
    fn a_value_longer_than_maxlength_is_not_cut_off() {
        let mut short_box = textarea("Reason");
        short_box.max_length = Some(10);
        assert_eq!(
            plan_fill(std::slice::from_ref(&short_box), &profile(), "0123456789"),
            vec![FillStep::SetText {
                index: 0,
                value: "0123456789".into()
            }]
        );
        assert_eq!(
            plan_fill(std::slice::from_ref(&short_box), &profile(), "0123456789a"),
            vec![keep(0, KeepReason::TooLong)]
        );
        // Browsers count UTF-16 code units: an emoji takes two.
        assert_eq!(
            plan_fill(&[short_box], &profile(), "012345678😀"),
            vec![keep(0, KeepReason::TooLong)]
        );
    }

    #[test]
    fn unrelated_fields_are_untouched() {
        let fields = [
            text("Full name"),
            textarea("Any other information"),
            FieldDescriptor {
                control: ControlKind::Checkbox,
                accessible_name: "I agree".into(),
                ..Default::default()
            },
            text("Email address"),
        ];
        assert_eq!(
            plan_fill(&fields, &profile(), &statement()),
            vec![
                FillStep::SetText {
                    index: 3,
                    value: "jan@example.nl".into()
                },
                keep(1, KeepReason::UnnamedTextBox)
            ],
            "nothing is written where no rule names the field; the empty box is only mentioned"
        );
    }

    #[test]
    fn an_empty_box_no_rule_names_is_mentioned_only_where_no_box_takes_the_statement() {
        let unnamed = textarea("Forklar hvordan denne behandlingen påvirker deg");
        assert_eq!(
            plan_fill(std::slice::from_ref(&unnamed), &profile(), &statement()),
            vec![keep(0, KeepReason::UnnamedTextBox)]
        );
        let with_reason_box = [
            textarea("Please explain how this processing impacts you"),
            unnamed.clone(),
        ];
        assert!(plan_fill(&with_reason_box, &profile(), &statement())
            .iter()
            .all(|step| !matches!(
                step,
                FillStep::Keep {
                    reason: KeepReason::UnnamedTextBox,
                    ..
                }
            )));
        let typed = FieldDescriptor {
            value: "My own words".into(),
            ..unnamed
        };
        assert_eq!(plan_fill(&[typed], &profile(), &statement()), vec![]);
    }

    #[test]
    fn a_confirm_e_mail_field_repeats_the_address_the_form_already_shows() {
        let account = FieldDescriptor {
            value: "account@example.nl".into(),
            ..text("Email address")
        };
        let confirm = FieldDescriptor {
            name: "confirm_email".into(),
            ..text("Confirm email address")
        };
        assert_eq!(
            plan_fill(&[account, confirm.clone()], &profile(), &statement()),
            vec![
                keep(0, KeepReason::MetaFilledDifferently),
                FillStep::SetText {
                    index: 1,
                    value: "account@example.nl".into()
                }
            ]
        );
        let empty = text("Email address");
        assert_eq!(
            plan_fill(&[empty, confirm], &profile(), &statement()),
            vec![
                FillStep::SetText {
                    index: 0,
                    value: "jan@example.nl".into()
                },
                FillStep::SetText {
                    index: 1,
                    value: "jan@example.nl".into()
                }
            ]
        );
    }

    #[test]
    fn the_objection_form_outweighs_a_feedback_or_newsletter_form_beside_it() {
        let objection = [
            text("Email address"),
            textarea("Please explain how this processing impacts you"),
        ];
        let feedback = [
            text("Email address"),
            FieldDescriptor {
                control: ControlKind::Select,
                accessible_name: "Country".into(),
                sight: Sight::SEEN,
                ..Default::default()
            },
            textarea("What went wrong?"),
        ];
        let newsletter = [text("Email address"), text("Email address")];
        assert!(objection_score(&objection) > objection_score(&feedback));
        assert!(objection_score(&feedback) > objection_score(&newsletter));
        assert_eq!(objection_score(&newsletter), 1, "a purpose counts once");
        assert_eq!(objection_score(&[textarea("What went wrong?")]), 0);
    }

    #[test]
    fn an_empty_line_no_rule_names_is_mentioned_only_where_no_control_takes_the_e_mail() {
        let unnamed = text("Netfang");
        let reason = textarea("Please explain how this processing impacts you");
        let steps = plan_fill(&[unnamed.clone(), reason.clone()], &profile(), &statement());
        assert_eq!(steps.last(), Some(&keep(0, KeepReason::UnnamedEmailBox)));
        assert!(
            !steps
                .iter()
                .any(|s| matches!(s, FillStep::SetText { index: 0, .. })),
            "a box no rule names is never filled"
        );
        let with_email = [text("Email address"), unnamed.clone(), reason];
        let unnamed_noted = |steps: &[FillStep]| {
            steps.iter().any(|step| {
                matches!(
                    step,
                    FillStep::Keep {
                        reason: KeepReason::UnnamedEmailBox,
                        ..
                    }
                )
            })
        };
        assert!(!unnamed_noted(&plan_fill(
            &with_email,
            &profile(),
            &statement()
        )));
        let code = FieldDescriptor {
            name: "nonce".into(),
            ..text("Submit your code")
        };
        assert!(!unnamed_noted(&plan_fill(
            &[code],
            &profile(),
            &statement()
        )));
        let typed = FieldDescriptor {
            value: "someone@example.is".into(),
            ..unnamed
        };
        assert!(!unnamed_noted(&plan_fill(
            &[typed],
            &profile(),
            &statement()
        )));
    }

    #[test]
    fn steps_and_descriptors_use_the_documented_json() {
        let steps = [
            FillStep::SetText {
                index: 0,
                value: "x".into(),
            },
            FillStep::ChooseOption {
                index: 1,
                option_index: 2,
            },
            FillStep::Check { index: 3 },
            keep(4, KeepReason::MetaFilledDifferently),
        ];
        assert_eq!(
            serde_json::to_value(steps).expect("serialises"),
            serde_json::json!([
                { "step": "set-text", "index": 0, "value": "x" },
                { "step": "choose-option", "index": 1, "optionIndex": 2 },
                { "step": "check", "index": 3 },
                { "step": "keep", "index": 4, "reason": "meta-filled-differently" },
            ])
        );
        assert_eq!(
            serde_json::to_value(FieldPurpose::AiQuestionYes).expect("serialises"),
            serde_json::json!("ai-question-yes")
        );

        let descriptor: FieldDescriptor = serde_json::from_value(serde_json::json!({
            "control": "combobox", "accessibleName": "Country", "groupLabel": "", "userEdited": true,
            "options": [{ "value": "NL", "text": "Netherlands" }], "maxLength": 20
        }))
        .expect("descriptor parses");
        assert_eq!(descriptor.control, ControlKind::Combobox);
        assert!(descriptor.user_edited);
        assert_eq!(descriptor.max_length, Some(20));
        assert!(
            !descriptor.sight.seen(),
            "a descriptor that says nothing of its sight is unseen"
        );
        let seen: FieldDescriptor = serde_json::from_value(serde_json::json!({
            "control": "email",
            "sight": { "rendered": true, "painted": true, "onPage": true, "hasArea": true, "exposed": true }
        }))
        .expect("descriptor with sight parses");
        assert!(seen.sight.seen());
        let odd: FieldDescriptor =
            serde_json::from_value(serde_json::json!({ "control": "range" })).expect("parses");
        assert_eq!(odd.control, ControlKind::Other);
        assert!(
            serde_json::from_value::<FieldDescriptor>(serde_json::json!({ "lable": "x" })).is_err(),
            "typos are caught"
        );
    }

    #[test]
    fn answering_no_to_the_ai_question_stops_the_fill() {
        let question = "Does your request relate to AI at Meta?";
        let mut no = radio(question, "No");
        no.checked = true;
        no.user_edited = true;
        let fields = [
            radio(question, "Yes"),
            no,
            text("Email address"),
            textarea("Reason"),
        ];
        assert_eq!(
            plan_fill(&fields, &profile(), &statement()),
            vec![
                keep(0, KeepReason::UserTyped),
                keep(2, KeepReason::NotAboutAi),
                keep(3, KeepReason::NotAboutAi)
            ]
        );
    }

    #[test]
    fn a_picker_asking_the_ai_question_gets_yes_and_its_no_stops_the_fill() {
        let question = "Bezieht sich deine Anfrage auf KI bei Meta?";
        let answers = [("", "Bitte auswählen"), ("Yes", "Ja"), ("No", "Nein")];
        let picker = country_select(question, &answers);
        assert_eq!(purpose_of(&picker), FieldPurpose::AiQuestionPicker);
        let fields = [picker.clone(), text("E-Mail-Adresse"), textarea("Grund")];
        let plan = plan_fill(&fields, &profile(), &statement());
        assert_eq!(
            plan[0],
            FillStep::ChooseOption {
                index: 0,
                option_index: 1
            }
        );
        assert_eq!(plan.len(), 3, "the rows it asks about are filled: {plan:?}");

        let no = user_edited(with_value(picker.clone(), "No"));
        assert_eq!(
            plan_fill(
                &[no, text("E-Mail-Adresse"), textarea("Grund")],
                &profile(),
                &statement()
            ),
            vec![
                keep(0, KeepReason::UserTyped),
                keep(1, KeepReason::NotAboutAi),
                keep(2, KeepReason::NotAboutAi)
            ]
        );
        let yes_already = with_value(picker.clone(), "Yes");
        assert_eq!(
            plan_fill(&[yes_already], &profile(), ""),
            vec![keep(0, KeepReason::AlreadyEqual)]
        );
        let no_preset = with_value(picker, "No");
        assert_eq!(
            plan_fill(&[no_preset], &profile(), ""),
            vec![keep(0, KeepReason::MetaFilledDifferently)]
        );
    }

    #[test]
    fn read_only_controls_are_never_filled() {
        let mut empty = text("Email address");
        empty.read_only = true;
        let mut shown = with_value(text("Email address"), "account@example.com");
        shown.read_only = true;
        let mut picker = country_select("Country", &EUROPE);
        picker.read_only = true;
        assert_eq!(
            plan_fill(&[empty, shown, picker], &profile(), ""),
            vec![
                keep(0, KeepReason::ReadOnly),
                keep(1, KeepReason::MetaFilledDifferently),
                keep(2, KeepReason::ReadOnly)
            ]
        );
    }

    #[test]
    fn every_generic_question_of_the_page_rules_is_an_ai_question_here() {
        // rules/pages.json decides that a form asks the question; this file must then find its radios.
        for (language, question) in crate::core::page_kind::generic_question_texts() {
            let fields = [radio(question, "x"), radio(question, "y")];
            let group = normalize_text(&fields[0].group_label);
            assert!(
                contains_any(&group, FORM_MATCHERS.ai_question),
                "{language}: {question:?} is not an ai_question in form_fields.json"
            );
        }
    }

    // ---- what the person sees ----

    fn each_fact_missing() -> Vec<(&'static str, Sight)> {
        let s = Sight::SEEN;
        vec![
            (
                "not rendered",
                Sight {
                    rendered: false,
                    ..s
                },
            ),
            (
                "not painted",
                Sight {
                    painted: false,
                    ..s
                },
            ),
            (
                "off the page",
                Sight {
                    on_page: false,
                    ..s
                },
            ),
            (
                "without area",
                Sight {
                    has_area: false,
                    ..s
                },
            ),
            (
                "not exposed",
                Sight {
                    exposed: false,
                    ..s
                },
            ),
            ("never read", Sight::default()),
        ]
    }

    #[test]
    fn a_field_out_of_sight_gets_no_step_whatever_fact_hides_it() {
        for (why, sight) in each_fact_missing() {
            let fields = [
                FieldDescriptor {
                    sight,
                    ..text("Email address")
                },
                FieldDescriptor {
                    sight,
                    ..country_select("Country", &EUROPE)
                },
                FieldDescriptor {
                    sight,
                    ..textarea("Reason")
                },
                FieldDescriptor {
                    sight,
                    ..radio("Does your request relate to AI at Meta?", "Yes")
                },
            ];
            assert_eq!(
                plan_fill(&fields, &profile(), &statement()),
                vec![],
                "{why}"
            );
            assert!(!fillable(&fields[0]), "{why}");
        }
    }

    #[test]
    fn only_the_seen_copy_of_a_purpose_is_filled() {
        let mut hidden_email = text("Email address");
        hidden_email.sight.painted = false;
        let mut hidden_reason = textarea("Reason");
        hidden_reason.sight.has_area = false;
        let fields = [
            hidden_email,
            text("Email address"),
            hidden_reason,
            textarea("Reason"),
        ];
        assert_eq!(
            plan_fill(&fields, &profile(), "Text"),
            vec![
                FillStep::SetText {
                    index: 1,
                    value: "jan@example.nl".into()
                },
                // The hidden box does not take the statement's place: the seen one gets it.
                FillStep::SetText {
                    index: 3,
                    value: "Text".into()
                },
            ]
        );
    }

    #[test]
    fn the_honeypot_is_never_filled_even_when_shown_and_labelled_like_the_email_field() {
        let mut sneaky = text("Email address");
        sneaky.name = "sneaky".into();
        sneaky.input_type = "email".into();
        sneaky.autocomplete = "email".into();
        let mut by_id = textarea("Reason");
        by_id.id = "Sneaky".into();
        assert!(is_honeypot(&sneaky) && is_honeypot(&by_id));
        assert!(!fillable(&sneaky));
        assert_eq!(
            purpose_of(&sneaky),
            FieldPurpose::Email,
            "its purpose alone would fill it"
        );
        assert_eq!(
            plan_fill(&[sneaky.clone(), by_id], &profile(), "Text"),
            vec![]
        );
        assert!(!awaits_sight(&[FieldDescriptor {
            sight: Sight::default(),
            ..sneaky
        }]));
        let mut author_named = text("Email address");
        author_named.name = "email".into();
        assert!(!is_honeypot(&author_named));
    }

    #[test]
    fn a_chosen_no_counts_even_when_its_radio_is_out_of_sight() {
        let question = "Does your request relate to AI at Meta?";
        let mut no = radio(question, "No");
        no.checked = true;
        no.sight.has_area = false;
        let fields = [radio(question, "Yes"), no, text("Email address")];
        assert_eq!(
            plan_fill(&fields, &profile(), ""),
            vec![
                keep(0, KeepReason::MetaFilledDifferently),
                keep(2, KeepReason::NotAboutAi)
            ]
        );
    }

    #[test]
    fn a_hidden_field_of_known_purpose_is_worth_another_look() {
        let mut hidden_reason = textarea("Reason");
        hidden_reason.sight.rendered = false;
        assert!(awaits_sight(&[
            text("Email address"),
            hidden_reason.clone()
        ]));
        assert!(
            !awaits_sight(&[text("Email address"), textarea("Reason")]),
            "all seen"
        );
        let mut hidden_name = text("Full name");
        hidden_name.sight.rendered = false;
        assert!(!awaits_sight(&[hidden_name]), "unknown purpose");
        assert!(
            !awaits_sight(&[user_edited(hidden_reason.clone())]),
            "the user's"
        );
        let mut locked = hidden_reason;
        locked.read_only = true;
        assert!(!awaits_sight(&[locked]), "nobody may fill it");
    }
}
