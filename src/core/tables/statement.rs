//! The statement languages (`rules/languages.json`) with their packs' statements, as a table.

/// A language a statement can be written in, in registry order.
#[derive(Debug)]
pub struct StatementLanguage {
    pub code: &'static str,
    pub endonym: &'static str,
    pub statement: &'static str,
}
