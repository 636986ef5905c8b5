//! The thin DOM layer: reads the page for `core`, and writes what `core` decided (badges, banner, filled fields).
mod badge;
#[cfg(test)]
mod browser_tests;
mod content;
mod facebook;
mod instagram;
mod page;
mod services;
mod visible;

pub use content::{report_again, start, storage_changed};
