//! Bezwaar's jobs on a page, one file each, behind `dom::feature::Feature`. A new site or job is a new file and one
//! line in `FEATURES`; the watcher's loop does not change.
mod facebook_posts;
mod instagram_profile;
mod notice_banner;
mod objection_form;

use crate::dom::feature::{Feature, Start};

/// A feature's `on`: the feature, when it has a job on this page (each knows its sites).
type On = fn(&Start) -> Option<Box<dyn Feature>>;

/// In the order they read and write.
const FEATURES: [On; 4] = [
    facebook_posts::on,
    instagram_profile::on,
    notice_banner::on,
    objection_form::on,
];

pub fn features_for(start: &Start) -> Vec<Box<dyn Feature>> {
    FEATURES.iter().filter_map(|on| on(start)).collect()
}
