//! The thin DOM layer: reads the page for `core`, and writes what `core` decided (badges, banner, filled fields).
mod attribute;
mod badge;
mod badge_batch;
mod banner;
#[cfg(test)]
mod browser_tests;
mod evidence;
mod facebook;
mod feature;
mod features;
mod form_link;
mod instagram;
mod own_profile;
mod page_class;
mod prefill;
mod report;
mod seen_press;
mod selector;
mod services;
mod visible;
mod watcher;

pub use watcher::{report_again, start, storage_changed};
