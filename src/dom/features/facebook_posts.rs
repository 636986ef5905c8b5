//! Facebook posts: every post the page adds or changes is read (within the frame budget) and badged with its
//! audience; a label no rule reads can be taught from the badge. On the user's own profile, the days of its public
//! posts go into the page's report.
use crate::core::hosts::Site;
use crate::core::messages::ContentMessage;
use crate::core::page_kind::objection_form_url;
use crate::core::post_markup::post_markup;
use crate::core::taught::{TaughtRules, UnreadLabel};
use crate::core::visibility::Visibility;
use crate::dom::attribute::is_ours;
use crate::dom::badge::{existing_badge, on_teach, BadgeTexts, Scope, TeachAnswer};
use crate::dom::badge_batch::BadgeBatch;
use crate::dom::facebook::{ElementQueue, FacebookReader, PostReading};
use crate::dom::feature::{
    Change, Feature, Next, Page, ReadFrame, Start, StorageValues, WriteFrame,
};
use crate::dom::own_profile::OwnProfileReader;
use crate::dom::selector::elements_of;
use crate::dom::services::Services;
use web_sys::Element;

/// Beyond this many added nodes waiting, one rescan of the document is cheaper than looking at each.
const MAX_PENDING_ADDITIONS: u32 = 4000;
/// A batch of more added nodes than this is first checked as a whole: a page churning through elements that are
/// not posts then costs one query, not one per element.
const BULK_ADDITIONS: u32 = 16;
/// A removal of at most this many nodes is looked at node by node for a badge taken out of its post.
const FEW_NODES: u32 = 16;
/// Posts found hidden (and never badged) are looked at again this often: a page may show them by changing a style,
/// which the observer does not watch.
const HIDDEN_POST_RECHECK_MS: f64 = 500.0;
/// At most this many hidden posts are remembered for that.
const MAX_HIDDEN_POSTS: usize = 2000;
/// Until a profile page shows itself to be the user's own, it is looked at again at most this often while it
/// changes (the profile header renders after the page's first frames), and at most `MAX_OWN_PROFILE_CHECKS` times:
/// the header comes long before a profile's hundredth post, and each look queries the whole page.
const OWN_PROFILE_RECHECK_MS: f64 = 1000.0;
const MAX_OWN_PROFILE_CHECKS: u32 = 5;

pub fn on(start: &Start) -> Option<Box<dyn Feature>> {
    (start.site == Site::Facebook).then(|| Box::new(FacebookPosts::new(start)) as Box<dyn Feature>)
}

/// One mutation record's worth of change: the element that changed and the nodes it gained.
struct Touched {
    target: Element,
    added: web_sys::NodeList,
}

struct FacebookPosts {
    facebook: FacebookReader,
    badges: BadgeBatch,
    /// Where the page added nodes (or removed a badge) since the last run, not yet mapped to posts.
    touched: Vec<Touched>,
    /// How many added nodes `touched` holds.
    pending_additions: u32,
    /// Posts to read and badge, in page order.
    posts: ElementQueue,
    /// Posts that were not rendered when read and have no badge yet.
    hidden_posts: ElementQueue,
    last_hidden_check_ms: f64,
    /// Every post of the page is read again.
    rescan: bool,
    own_profile: OwnProfileReader,
    /// The page is the user's own profile: the days of its public posts are gathered for the report.
    is_own_profile: bool,
    /// The page changed since it was last looked at for being the user's own profile.
    own_profile_check_due: bool,
    last_own_profile_check_ms: f64,
    /// Looks taken since the last navigation.
    own_profile_checks: u32,
}

impl FacebookPosts {
    fn new(start: &Start) -> Self {
        send_teach_answers(start.services.clone());
        FacebookPosts {
            facebook: FacebookReader::new(),
            badges: BadgeBatch::new(BadgeTexts::load(
                start.services,
                objection_form_url(Site::Facebook),
            )),
            touched: Vec::new(),
            pending_additions: 0,
            posts: ElementQueue::default(),
            hidden_posts: ElementQueue::default(),
            last_hidden_check_ms: f64::NEG_INFINITY,
            rescan: true,
            own_profile: OwnProfileReader::new(),
            is_own_profile: false,
            own_profile_check_due: true,
            last_own_profile_check_ms: f64::NEG_INFINITY,
            own_profile_checks: 0,
        }
    }

    /// Every post is read again with the labels the user taught now.
    fn set_taught(&mut self, taught: TaughtRules) {
        self.facebook.set_taught(taught);
        self.rescan = true;
    }

    /// Looks, while a profile page changes and at most every `OWN_PROFILE_RECHECK_MS`, whether it is the user's own
    /// profile; once it is, every post is read again for its day. Returns how long until the next look is due.
    fn check_own_profile(&mut self, frame: &mut ReadFrame) -> Option<f64> {
        if self.is_own_profile
            || !self.own_profile_check_due
            || self.own_profile_checks >= MAX_OWN_PROFILE_CHECKS
        {
            return None;
        }
        let since = frame.started - self.last_own_profile_check_ms;
        if since < OWN_PROFILE_RECHECK_MS {
            return Some(OWN_PROFILE_RECHECK_MS - since);
        }
        self.own_profile_check_due = false;
        self.last_own_profile_check_ms = frame.started;
        let path = frame.page.window.location().pathname().unwrap_or_default();
        if !post_markup().facebook.may_be_profile(&path) {
            self.own_profile_checks = MAX_OWN_PROFILE_CHECKS;
            return None;
        }
        self.own_profile_checks += 1;
        if self
            .own_profile
            .is_own_facebook_profile(&frame.page.document)
        {
            self.is_own_profile = true;
            frame.report.set_own_profile(true);
            self.rescan = true;
        }
        None
    }

    /// Reads the posts the page added or changed, within the frame budget.
    fn read_posts(&mut self, frame: &mut ReadFrame) {
        let started = frame.started;
        if self.rescan {
            self.rescan = false;
            self.touched.clear();
            self.facebook
                .queue_all_posts(&frame.page.document, &mut self.posts);
        }
        if !self.hidden_posts.is_empty()
            && started - self.last_hidden_check_ms >= HIDDEN_POST_RECHECK_MS
        {
            self.last_hidden_check_ms = started;
            while let Some(post) = self.hidden_posts.pop() {
                self.posts.push(post);
            }
        }
        self.pending_additions = 0;
        for touched in std::mem::take(&mut self.touched) {
            if !touched.target.is_connected() {
                continue;
            }
            // Inside a post, everything the record added belongs to that post.
            if self
                .facebook
                .post_containing(&touched.target, &mut self.posts)
            {
                continue;
            }
            if touched.added.length() > BULK_ADDITIONS
                && !self.facebook.may_hold_posts(&touched.target)
            {
                continue;
            }
            for element in elements_of(touched.added) {
                if element.is_connected() {
                    self.facebook.posts_touched_by(&element, &mut self.posts);
                }
            }
        }
        let window = &frame.page.window;
        while let Some(post) = self.posts.pop() {
            if post.is_connected() {
                match self.facebook.read_post(window, &post) {
                    PostReading::Post(visibility, unread) => {
                        if self.is_own_profile && visibility == Visibility::Public {
                            if let Some(day) = self.own_profile.post_day(&post) {
                                frame.report.saw_own_public_post(&day);
                            }
                        }
                        self.badges
                            .badge(window, post, visibility, Scope::Post, unread)
                    }
                    PostReading::NotAPost => self.badges.no_badge(post),
                    PostReading::NotShown => {
                        if existing_badge(&post).is_none()
                            && self.hidden_posts.len() < MAX_HIDDEN_POSTS
                        {
                            self.hidden_posts.push(post);
                        }
                    }
                }
            }
            if frame.over_budget() {
                break;
            }
        }
    }
}

impl Feature for FacebookPosts {
    /// Keeps where the page added nodes; a badge someone else removed from a post that is still there sends that
    /// post back to be badged.
    fn saw(&mut self, change: &Change) {
        if self.rescan {
            return;
        }
        if let Some(before) = &change.relabelled_from {
            // Only a label that named an audience, or names one now, changes what a post says about itself.
            let names_audience = |text: &str| self.facebook.names_an_audience(text);
            let target = &change.target;
            let mut now = [
                target.get_attribute("title"),
                target.get_attribute("aria-label"),
            ]
            .into_iter()
            .flatten()
            .chain(target.text_content());
            if names_audience(before) || now.any(|text| names_audience(&text)) {
                self.touched.push(Touched {
                    target: target.clone(),
                    added: change.added.clone(),
                });
            }
            return;
        }
        let additions = change.added.length();
        if additions > 0 {
            self.own_profile_check_due = true;
        }
        if additions == 0 {
            // React re-rendering a post replaces its children, and the additions bring the post back; a badge
            // taken out on its own does not.
            let badge_taken = change.removed.length() <= FEW_NODES
                && elements_of(change.removed.clone()).any(|e| is_ours(&e))
                && change.target.is_connected();
            if badge_taken {
                self.touched.push(Touched {
                    target: change.target.clone(),
                    added: change.added.clone(),
                });
            }
            return;
        }
        self.pending_additions += additions;
        self.touched.push(Touched {
            target: change.target.clone(),
            added: change.added.clone(),
        });
        if self.pending_additions > MAX_PENDING_ADDITIONS {
            self.touched.clear();
            self.pending_additions = 0;
            self.rescan = true;
        }
    }

    fn read(&mut self, frame: &mut ReadFrame) -> Next {
        if frame.navigated {
            self.rescan = true;
            self.is_own_profile = false;
            self.own_profile_check_due = true;
            self.last_own_profile_check_ms = f64::NEG_INFINITY;
            self.own_profile_checks = 0;
        }
        let own_profile_wait = self.check_own_profile(frame);
        self.read_posts(frame);
        Next {
            more: !self.posts.is_empty() || !self.touched.is_empty() || self.rescan,
            wait_ms: (!self.hidden_posts.is_empty()).then_some(HIDDEN_POST_RECHECK_MS),
        }
        .and(Next {
            more: false,
            wait_ms: own_profile_wait,
        })
    }

    fn has_writes(&self) -> bool {
        !self.badges.is_empty()
    }

    fn write(&mut self, frame: &mut WriteFrame) {
        self.badges.write(frame);
    }

    fn stored_keys(&self) -> &'static [&'static str] {
        &["settings", "taught"]
    }

    fn stored(&mut self, page: &Page, values: &StorageValues) {
        self.storage_changed(page, values);
    }

    fn storage_changed(&mut self, page: &Page, changed: &StorageValues) {
        if let Some(settings) = changed.value("settings") {
            if self.badges.apply_settings(&page.document, &settings) {
                self.rescan = true;
            }
        }
        if let Some(taught) = changed.value("taught") {
            self.set_taught(TaughtRules::from_stored(&taught));
        }
    }

    fn stop(&mut self) {
        self.touched.clear();
        self.posts.clear();
        self.badges.clear();
        self.hidden_posts.clear();
    }
}

/// The user's answers in badges go to the background, which stores them; every tab then reads its posts again.
fn send_teach_answers(services: Services) {
    on_teach(move |answer| {
        let message = match answer {
            TeachAnswer::Meaning(UnreadLabel { text, lang }, meaning) => {
                ContentMessage::TeachLabel {
                    text,
                    lang,
                    meaning,
                }
            }
            TeachAnswer::StopAsking => ContentMessage::StopTeachOffers {},
        };
        services.send(&message);
    });
}
