//! The build-time half of `core::tables`: reads and checks the `rules/` JSON files and writes the tables as Rust
//! source. `build.rs` runs it for the build's files; the native tests run it on those files and on broken ones. It
//! never reaches the wasm build, which holds only the tables it wrote.
//!
//! A loader returns the table itself (its texts leaked to `'static`, which costs nothing in a build script or a
//! test), so a test can match with exactly what the build would write; [`Bake`] then writes it as a Rust
//! expression.
pub mod audience;
pub mod countries;
pub mod form_fields;
pub mod hosts;
pub mod pages;
pub mod post_markup;
pub mod registry;
pub mod send;
pub mod statement;

use std::fmt::Write;

use serde::de::DeserializeOwned;

/// Reads every rules file and writes every table: `(file name in OUT_DIR, Rust source)`. `read` gives the contents
/// of a rules file by its path (`rules/hosts.json`); `packs` are the language packs as `(code, contents)`.
pub fn tables(
    read: impl Fn(&str) -> Result<String, RulesError>,
    packs: &[(&str, &str)],
) -> Result<Vec<(&'static str, String)>, RulesError> {
    Ok(vec![
        (
            "hosts.rs",
            baked(&hosts::host_rules_from_json(&read(hosts::FILE)?)?),
        ),
        (
            "audience.rs",
            baked(&audience::audience_rules_from_packs(packs)?),
        ),
        (
            "private_notices.rs",
            baked(&audience::private_notices_from_packs(packs)?),
        ),
        (
            "countries.rs",
            baked(&countries::countries_from_json(
                &read(countries::FILE)?,
                packs,
            )?),
        ),
        (
            "post_markup.rs",
            baked(&post_markup::post_markup_from_json(
                &read(post_markup::FILE)?,
                packs,
            )?),
        ),
        (
            "form_fields.rs",
            baked(&form_fields::form_matchers_from_json(
                &read(form_fields::FILE)?,
                packs,
            )?),
        ),
        (
            "pages.rs",
            baked(&pages::pages_from_json(&read(pages::FILE)?, packs)?),
        ),
        ("send_names.rs", baked(&send::send_names_from_packs(packs)?)),
        (
            "statement_languages.rs",
            baked(&statement::statement_languages_from_packs(
                &read(registry::FILE)?,
                packs,
            )?),
        ),
    ])
}

/// A rules file that does not have its documented shape: which file, and what is wrong (serde names the field).
#[derive(Debug)]
pub struct RulesError {
    pub file: String,
    pub problem: String,
}

impl std::fmt::Display for RulesError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.file, self.problem)
    }
}

impl RulesError {
    pub fn new(file: &str, problem: impl std::fmt::Display) -> RulesError {
        RulesError {
            file: file.to_string(),
            problem: problem.to_string(),
        }
    }
}

/// Parses `json`, the contents of `file`, as `T`.
pub fn parse<T: DeserializeOwned>(file: &str, json: &str) -> Result<T, RulesError> {
    serde_json::from_str(json).map_err(|e| RulesError::new(file, e))
}

/// The rules file of a language pack.
pub fn pack_file(code: &str) -> String {
    format!("rules/lang/{code}.json")
}

/// Reads, from every pack `(code, JSON)`, the sections a table needs: `T` names them (as optional or defaulted
/// fields) and ignores the rest. Fails on the first pack whose sections do not have their documented shape.
pub fn pack_sections<'a, T: DeserializeOwned>(
    packs: &[(&'a str, &str)],
) -> Result<Vec<(&'a str, T)>, RulesError> {
    packs
        .iter()
        .map(|&(code, json)| Ok((code, parse(&pack_file(code), json)?)))
        .collect()
}

pub fn leak_str(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

pub fn leak_slice<T>(items: Vec<T>) -> &'static [T] {
    Box::leak(items.into_boxed_slice())
}

pub fn leak_strs(texts: Vec<String>) -> &'static [&'static str] {
    leak_slice(texts.into_iter().map(leak_str).collect())
}

/// Writes a value as the Rust expression that builds it in a `static`.
pub trait Bake {
    fn bake(&self, out: &mut String);
}

/// The Rust source of `value`.
pub fn baked<T: Bake + ?Sized>(value: &T) -> String {
    let mut out = String::new();
    value.bake(&mut out);
    out
}

impl Bake for &str {
    fn bake(&self, out: &mut String) {
        write!(out, "{self:?}").expect("writing to a String");
    }
}

impl Bake for bool {
    fn bake(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

impl<T: Bake> Bake for &[T] {
    fn bake(&self, out: &mut String) {
        out.push_str("&[");
        for item in self.iter() {
            item.bake(out);
            out.push(',');
        }
        out.push(']');
    }
}

impl<T: Bake> Bake for Option<T> {
    fn bake(&self, out: &mut String) {
        match self {
            Some(value) => {
                out.push_str("Some(");
                value.bake(out);
                out.push(')');
            }
            None => out.push_str("None"),
        }
    }
}

impl<A: Bake, B: Bake> Bake for (A, B) {
    fn bake(&self, out: &mut String) {
        out.push('(');
        self.0.bake(out);
        out.push(',');
        self.1.bake(out);
        out.push(')');
    }
}

/// `Bake` for a struct with named fields (`Name { fields }`, or `module::Name { fields }` for a table type whose
/// name a loader's own type shadows): every field must be listed, or the written literal does not compile.
#[macro_export]
macro_rules! bake_struct {
    ($ty:ident { $($field:ident),* $(,)? }) => {
        $crate::bake_struct!(self::$ty { $($field),* });
    };
    ($module:ident :: $ty:ident { $($field:ident),* $(,)? }) => {
        impl $crate::core::tables::load::Bake for $module::$ty {
            fn bake(&self, out: &mut String) {
                out.push_str(concat!(stringify!($ty), " {"));
                $(
                    out.push_str(concat!(stringify!($field), ":"));
                    $crate::core::tables::load::Bake::bake(&self.$field, out);
                    out.push(',');
                )*
                out.push('}');
            }
        }
    };
}

/// `Bake` for a fieldless enum, naming each variant.
#[macro_export]
macro_rules! bake_enum {
    ($ty:ident { $($variant:ident),* $(,)? }) => {
        impl $crate::core::tables::load::Bake for $ty {
            fn bake(&self, out: &mut String) {
                out.push_str(match self {
                    $($ty::$variant => concat!(stringify!($ty), "::", stringify!($variant)),)*
                });
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::lang::language_packs;

    /// The build wrote exactly what the loader makes of the rules files.
    #[test]
    fn the_builds_tables_are_the_loaders() {
        let read = |file: &str| {
            std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file))
                .map_err(|e| RulesError::new(file, e))
        };
        let out = std::path::Path::new(env!("OUT_DIR"));
        for (name, source) in tables(read, language_packs()).expect("the build read them") {
            let written = std::fs::read_to_string(out.join(name)).expect("the build wrote it");
            assert!(
                written == source,
                "{name} differs from what the loader makes"
            );
        }
    }
}
