//! `rules/countries.json` with the language packs' `country_names`, as a table.

/// A country with every name it is known by.
#[derive(Debug)]
pub struct Country {
    /// ISO 3166-1 alpha-2, upper case.
    pub code: &'static str,
    /// `(language code, names in that language)` in code order; the first name is the one a statement uses.
    pub names: &'static [(&'static str, &'static [&'static str])],
    /// Every name in every language and the endonyms, without repeats.
    pub all_names: &'static [&'static str],
    /// `all_names`, normalised, for picker matching.
    pub normalized_names: &'static [&'static str],
}
