//! The Instagram profile shown: the account's audience on its header and on each grid post's link, read again (at
//! most every `PROFILE_READ_INTERVAL_MS`) while the grid grows.
use crate::core::hosts::Site;
use crate::core::page_kind::objection_form_url;
use crate::core::post_markup::post_markup;
use crate::core::taught::UnreadLabel;
use crate::dom::attribute::{is_created, is_ours};
use crate::dom::badge::{BadgeTexts, Scope, BADGE_TAG};
use crate::dom::badge_batch::BadgeBatch;
use crate::dom::feature::{
    Change, Feature, Next, Page, ReadFrame, Start, StorageValues, WriteFrame,
};
use crate::dom::instagram::InstagramReader;
use crate::dom::selector::{elements_of, query_all};

/// An Instagram profile is re-read at most this often while its grid grows.
const PROFILE_READ_INTERVAL_MS: f64 = 300.0;
/// A removal of at most this many nodes is looked at node by node for a badge taken out.
const FEW_NODES: u32 = 16;

pub fn on(start: &Start) -> Option<Box<dyn Feature>> {
    (start.site == Site::Instagram)
        .then(|| Box::new(InstagramProfile::new(start)) as Box<dyn Feature>)
}

struct InstagramProfile {
    instagram: InstagramReader,
    badges: BadgeBatch,
    /// The page changed since the profile was last read.
    profile_dirty: bool,
    last_profile_read_ms: f64,
}

impl InstagramProfile {
    fn new(start: &Start) -> Self {
        InstagramProfile {
            instagram: InstagramReader::new(start.window.location().pathname().unwrap_or_default()),
            badges: BadgeBatch::new(BadgeTexts::load(
                start.services,
                objection_form_url(Site::Instagram),
            )),
            profile_dirty: true,
            last_profile_read_ms: f64::NEG_INFINITY,
        }
    }
}

impl Feature for InstagramProfile {
    /// Nodes added, or a badge someone else took out, may change what the profile shows.
    fn saw(&mut self, change: &Change) {
        let badge_taken = || {
            change.removed.length() <= FEW_NODES
                && elements_of(change.removed.clone()).any(|e| is_ours(&e))
                && change.target.is_connected()
        };
        if change.added.length() > 0 || badge_taken() {
            self.profile_dirty = true;
        }
    }

    /// Reads the profile's account and grid; comes back later for a read it put off.
    fn read(&mut self, frame: &mut ReadFrame) -> Next {
        if frame.navigated {
            self.profile_dirty = true;
        }
        if !self.profile_dirty {
            return Next::default();
        }
        let since = frame.started - self.last_profile_read_ms;
        if since < PROFILE_READ_INTERVAL_MS {
            return Next {
                more: false,
                wait_ms: Some(PROFILE_READ_INTERVAL_MS - since),
            };
        }
        self.profile_dirty = false;
        self.last_profile_read_ms = frame.started;
        let window = &frame.page.window;
        let path = window.location().pathname().unwrap_or_default();
        let Some(username) = post_markup()
            .instagram
            .profile_username(&path)
            .map(str::to_string)
        else {
            // Not a profile (the Tagged tab shows other accounts' posts, a post's page is one post): badges the
            // profile left in elements the app kept are not this page's.
            frame.report.set_account(None);
            frame.report.set_own_profile(false);
            for badge in query_all(&frame.page.document, BADGE_TAG).filter(is_created) {
                if let Some(container) = badge.parent_element() {
                    self.badges.no_badge(container);
                }
            }
            return Next::default();
        };
        let view = self
            .instagram
            .read_profile(window, &frame.page.document, &path, &username);
        frame.report.set_account(Some(view.account));
        frame.report.set_own_profile(
            view.header
                .as_ref()
                .is_some_and(|header| self.instagram.is_own_account(header)),
        );
        if let Some(header) = view.header {
            // Quoted, never offered for teaching: an account's notice is no audience label.
            let guessed = view.guessed_notice.map(|text| UnreadLabel {
                text,
                lang: String::new(),
            });
            self.badges
                .badge(window, header, view.account, Scope::Account, guessed);
        }
        for link in view.post_links {
            self.badges
                .badge(window, link, view.account, Scope::GridPost, None);
        }
        Next::default()
    }

    fn has_writes(&self) -> bool {
        !self.badges.is_empty()
    }

    fn write(&mut self, frame: &mut WriteFrame) {
        self.badges.write(frame);
    }

    fn stored_keys(&self) -> &'static [&'static str] {
        &["settings"]
    }

    fn stored(&mut self, page: &Page, values: &StorageValues) {
        self.storage_changed(page, values);
    }

    fn storage_changed(&mut self, page: &Page, changed: &StorageValues) {
        if let Some(settings) = changed.value("settings") {
            self.badges.apply_settings(&page.document, &settings);
        }
    }

    fn stop(&mut self) {
        self.badges.clear();
    }
}
