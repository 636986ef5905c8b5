//! The pure core: every decision Bezwaar makes, with no access to a browser. Compiles and is tested natively.
//! Each module owns the `rules/` data it reads (compiled in with `include_str!`) and a test that validates it; what
//! is said in a language comes from every language pack's sections (`lang`), matched through `text`.
pub mod countries;
mod fold;
pub mod form_plan;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod fuzz_rules;
pub mod hosts;
pub mod lang;
pub mod messages;
pub mod page_kind;
pub mod post_markup;
pub mod profile;
pub mod record;
pub mod send_control;
pub mod statement;
pub mod taught;
pub mod text;
pub mod ui_locale;
pub mod visibility;
