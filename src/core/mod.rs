//! The pure core: every decision Bezwaar makes, with no access to a browser. Compiles and is tested natively.
//! The `rules/` data is compiled into static tables by `build.rs` (`tables`); each module matches with the tables it
//! reads and holds the tests that check their rules files. What is said in a language comes from every language
//! pack's sections (`lang`), matched through `text`.
pub mod countries;
mod fold;
pub mod form_plan;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod fuzz_rules;
pub mod hosts;
#[cfg(test)]
mod lang;
pub mod messages;
pub mod own_audience;
pub mod own_profile;
pub mod page_kind;
pub mod panel;
pub mod popup_view;
pub mod post_markup;
pub mod profile;
pub mod record;
pub mod send_control;
pub mod statement;
pub(crate) mod tables;
pub mod taught;
pub mod text;
pub mod text_keys;
pub mod ui_locale;
pub mod visibility;
