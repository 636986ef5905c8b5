//! The page's report to the background (page kind, public / limited / unknown posts shown, the account's audience,
//! whether it is the user's own profile and the days of its public posts seen),
//! sent when what it says changed and at most every `REPORT_INTERVAL_MS`: counting walks badges.
use crate::core::hosts::Site;
use crate::core::messages::{ContentMessage, PageReport, PostCounts};
use crate::core::own_profile::OwnProfile;
use crate::core::page_kind::PageKind;
use crate::core::visibility::Visibility;
use crate::dom::attribute::is_ours;
use crate::dom::badge::{
    sits_where_made, BadgeWrite, Scope, BADGE_TAG, SCOPE_ATTRIBUTE, VISIBILITY_ATTRIBUTE,
};
use crate::dom::feature::Page;
use crate::dom::selector::{elements_of, Selector};
use crate::dom::visible::region_rendered;
use web_sys::{Element, NodeList};

/// The toolbar count is sent at most this often: counting walks every badge.
const REPORT_INTERVAL_MS: f64 = 250.0;
/// A list of at most this many removed nodes is looked at node by node for badges; a longer one is assumed to
/// hold one.
const FEW_NODES: u32 = 16;

pub struct Reporter {
    /// What the page is, once classified: nothing is reported before.
    pub kind: Option<PageKind>,
    /// Whose page it is, when the classification says (Instagram's form on a Facebook host is Instagram's);
    /// otherwise the host's site.
    pub class_site: Option<Site>,
    /// The audience of the Instagram account shown, if any.
    account: Option<Visibility>,
    /// Set while the page is the user's own profile or account.
    own_profile: Option<OwnProfile>,
    dirty: bool,
    last_report_ms: f64,
    last_report: Option<PageReport>,
    /// The post badges saying public, limited and unknown.
    count_selectors: [Selector; 3],
    /// The counts as of the last report, kept so that a feed that only grows is counted by its new badges alone
    /// (a full count walks every badge, and a feed of thousands would pay for it every report).
    tally: PostCounts,
    /// Post badges written since the last count, with what they say.
    new_badges: Vec<(Element, Visibility)>,
    /// A badge may have gone (a removal, a replacement, a navigation): the next count walks them all.
    full_count_due: bool,
    /// Any element that is or holds a badge.
    badge_selector: Selector,
}

impl Reporter {
    pub fn new() -> Self {
        Reporter {
            kind: None,
            class_site: None,
            account: None,
            own_profile: None,
            dirty: true,
            last_report_ms: f64::NEG_INFINITY,
            last_report: None,
            count_selectors: [Visibility::Public, Visibility::Limited, Visibility::Unknown].map(
                |v| {
                    Selector::new(&format!(
                        "{BADGE_TAG}[{VISIBILITY_ATTRIBUTE}=\"{}\"]:not([{SCOPE_ATTRIBUTE}=\"account\"])",
                        v.as_str()
                    ))
                },
            ),
            tally: PostCounts::default(),
            new_badges: Vec::new(),
            full_count_due: true,
            badge_selector: Selector::new(BADGE_TAG),
        }
    }

    /// Something the report says may have changed.
    pub fn changed(&mut self) {
        self.dirty = true;
    }

    /// The background lost this tab's state: send it all again.
    pub fn again(&mut self) {
        self.last_report = None;
        self.last_report_ms = f64::NEG_INFINITY;
    }

    /// Another page in the same tab: every badge is counted again, and it is nobody's own profile until a feature
    /// says so.
    pub fn navigated(&mut self) {
        self.dirty = true;
        self.full_count_due = true;
        self.own_profile = None;
    }

    /// The audience of the Instagram account shown, or None where the page shows no account.
    pub fn set_account(&mut self, account: Option<Visibility>) {
        if account != self.account {
            self.account = account;
            self.dirty = true;
        }
    }

    /// Whether the page is the user's own profile or account; being it again keeps the days seen so far.
    pub fn set_own_profile(&mut self, own: bool) {
        if own != self.own_profile.is_some() {
            self.own_profile = own.then(OwnProfile::default);
            self.dirty = true;
        }
    }

    /// A public post of this day was seen on the user's own profile.
    pub fn saw_own_public_post(&mut self, day: &str) {
        if let Some(own) = &mut self.own_profile {
            if own.saw_public_post(day) {
                self.dirty = true;
            }
        }
    }

    /// Nodes left the page: the counts are stale, and a removal someone else made may have taken badges.
    pub fn removed(&mut self, removed: &NodeList, own: bool) {
        self.dirty = true;
        if !own && self.may_hold_badges(removed) {
            self.full_count_due = true;
        }
    }

    /// Nodes joined the page: a post put back (a feed that virtualises its posts) brings its badge along, which
    /// no badge write reports.
    pub fn added(&mut self, added: &NodeList) {
        if elements_of(added.clone()).any(|e| is_ours(&e) || self.badge_selector.any_under(&e)) {
            self.dirty = true;
            self.full_count_due = true;
        }
    }

    /// A badge was written (or found unchanged).
    pub fn badge_written(&mut self, written: BadgeWrite, scope: Scope, visibility: Visibility) {
        if written.wrote() {
            self.dirty = true;
        }
        match written {
            BadgeWrite::Added(host) if scope != Scope::Account => {
                self.new_badges.push((host, visibility))
            }
            BadgeWrite::Replaced(_) => self.full_count_due = true,
            _ => {}
        }
    }

    /// A badge was removed.
    pub fn badge_removed(&mut self) {
        self.dirty = true;
        self.full_count_due = true;
    }

    /// How long until the report is due, when one is.
    pub fn wait_ms(&self, now: f64) -> Option<f64> {
        self.dirty
            .then(|| (REPORT_INTERVAL_MS - (now - self.last_report_ms)).max(0.0))
    }

    /// True unless none of `nodes` is or holds a badge (a long list is assumed to).
    fn may_hold_badges(&self, nodes: &NodeList) -> bool {
        nodes.length() > FEW_NODES
            || elements_of(nodes.clone()).any(|e| is_ours(&e) || self.badge_selector.any_under(&e))
    }

    /// The badged posts of the page now shown: a page the app keeps hidden after an in-app navigation is not
    /// counted; the account badge is not a post. After a removal or a navigation every badge is counted again (one
    /// query per visibility, then one check per badge); otherwise the badges written since the last count are added.
    fn counts(&mut self, page: &Page) -> PostCounts {
        let shown = |host: &Element| {
            sits_where_made(host) && host.parent_element().is_some_and(|p| region_rendered(&p))
        };
        if self.full_count_due {
            self.full_count_due = false;
            self.new_badges.clear();
            let Some(root) = page.document.document_element() else {
                return PostCounts::default();
            };
            let count = |selector: &Selector| {
                selector
                    .all(&root, u32::MAX)
                    .iter()
                    .filter(|host| shown(host))
                    .count() as u32
            };
            let [public, limited, unknown] = &self.count_selectors;
            self.tally = PostCounts {
                public: count(public),
                limited: count(limited),
                unknown: count(unknown),
            };
        } else {
            for (host, visibility) in std::mem::take(&mut self.new_badges) {
                if !host.is_connected() || !shown(&host) {
                    continue;
                }
                match visibility {
                    Visibility::Public => self.tally.public += 1,
                    Visibility::Limited => self.tally.limited += 1,
                    Visibility::Unknown => self.tally.unknown += 1,
                }
            }
        }
        self.tally
    }

    /// Sends the report when what it says changed, at most every `REPORT_INTERVAL_MS` (it stays due otherwise).
    pub fn report(&mut self, page: &Page) {
        // Nothing to say before the page has been classified once (the first run does that after reporting).
        let Some(kind) = self.kind else { return };
        if !self.dirty && self.last_report.is_some() {
            return;
        }
        let now = page.now();
        if self.last_report.is_some() && now - self.last_report_ms < REPORT_INTERVAL_MS {
            return;
        }
        self.dirty = false;
        self.last_report_ms = now;
        let report = PageReport {
            url: crate::core::record::url_without_query(&page.href),
            site: self.class_site.unwrap_or(page.site),
            page_kind: kind,
            engine: page.services.engine(),
            startup_ms: page.services.startup_ms(),
            startup_phases: page.services.startup_phases(),
            memory_pages: ::core::arch::wasm32::memory_size(0) as u32,
            posts: self.counts(page),
            account: self.account,
            own_profile: self.own_profile.clone(),
        };
        if self.last_report.as_ref() != Some(&report) {
            page.services.send(&ContentMessage::PageReport {
                report: report.clone(),
            });
            self.last_report = Some(report);
        }
    }

    pub fn stop(&mut self) {
        self.new_badges.clear();
    }
}
