//! `rules/form_fields.json` with every language pack's `form_labels`, as a table: every phrase normalised, all
//! languages merged (Meta may show any language whatever the profile's language is).

#[derive(Debug)]
pub struct FormMatchers {
    /// `autocomplete` tokens of an e-mail field.
    pub email_autocomplete: &'static [&'static str],
    /// `autocomplete` tokens of a country field.
    pub country_autocomplete: &'static [&'static str],
    /// Segments of a name or id that say e-mail.
    pub email_name_tokens: &'static [&'static str],
    /// Segments of a name or id that say country.
    pub country_name_tokens: &'static [&'static str],
    /// Names (or ids) of honeypot fields, as a segment of the name or id, like the attribute hints.
    pub honeypot_names: &'static [&'static str],
    /// The `name` of the input Meta's e-mail code step asks for the code in.
    pub code_field_names: &'static [&'static str],
    pub email: &'static [&'static str],
    pub country: &'static [&'static str],
    pub statement: &'static [&'static str],
    pub ai_question: &'static [&'static str],
    pub yes: &'static [&'static str],
    pub no: &'static [&'static str],
}
