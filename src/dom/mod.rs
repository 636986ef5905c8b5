//! The thin DOM layer: reads the page for `core`, and writes what `core` decided (badges, banner, filled fields).
mod attribute;
mod badge;
mod banner;
#[cfg(test)]
mod browser_tests;
mod content;
mod evidence;
mod facebook;
mod instagram;
mod page;
mod prefill;
mod selector;
mod services;
mod visible;

pub use content::{report_again, start, storage_changed};
