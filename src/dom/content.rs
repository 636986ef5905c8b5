//! The content script's one loop. A single MutationObserver collects what the page added; once per rendered frame
//! the batch is turned into posts, each post is read within a time budget, and a short report goes to the
//! background when anything it shows changed (at most every `REPORT_INTERVAL_MS`). Reading and writing are split
//! across the frame boundary: the read runs right after a frame is rendered, when style and layout are up to date
//! and reading them costs nothing; what it decided is written at the start of the next frame, after the page's own
//! frame callbacks (registered earlier), so the badges are laid out in the same pass as the page's own changes and
//! no read of the page's finds layout dirty. The extension's own writes are taken back out of the observer's queue
//! at once, so they never come back as work.
use crate::core::hosts::{site_of_host, Site};
use crate::core::messages::{ContentMessage, PageReport, PostCounts};
use crate::core::page_kind::{objection_form_url, PageKind};
use crate::core::post_markup::post_markup;
use crate::core::profile::load_settings;
use crate::core::taught::{TaughtRules, UnreadLabel};
use crate::core::visibility::Visibility;
use crate::dom::attribute::{is_created, is_ours};
use crate::dom::badge::{
    ensure_badge, existing_badge, on_teach, remove_badge, set_hidden, BadgeTexts, BadgeWrite, Look,
    Placement, Scope, TeachAnswer, TeachOffer, BADGE_TAG, SCOPE_ATTRIBUTE, VISIBILITY_ATTRIBUTE,
};
use crate::dom::facebook::{ElementQueue, FacebookReader, PostReading};
use crate::dom::instagram::InstagramReader;
use crate::dom::page::PageFeatures;
use crate::dom::selector::{elements_of, query_all, Selector};
use crate::dom::services::{json_at, Services};
use crate::dom::visible::{region_rendered, surroundings, Container};
use gloo::render::{request_animation_frame, AnimationFrame};
use gloo::timers::callback::{Interval, Timeout};
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, MutationObserver, MutationObserverInit, MutationRecord, Window};

/// Main-thread time one run may spend reading posts; the rest waits for the next frame, so a page that mutates
/// without end (or a feed of thousands of posts) cannot freeze the tab.
const FRAME_BUDGET_MS: f64 = 6.0;
/// Beyond this many added nodes waiting, one rescan of the document is cheaper than looking at each.
const MAX_PENDING_ADDITIONS: u32 = 4000;
/// A batch of more added nodes than this is first checked as a whole: a page churning through elements that are
/// not posts then costs one query, not one per element.
const BULK_ADDITIONS: u32 = 16;
/// A record of at most this many nodes is looked at node by node for our own badges (one taken out of its post by
/// someone else, or our own insertion coming back from the observer).
const FEW_NODES: u32 = 16;
/// How often the URL is compared, for in-app navigation that adds nothing to the DOM (`history.pushState`).
const URL_POLL_MS: u32 = 1000;
/// The toolbar count is sent at most this often: counting walks every badge.
const REPORT_INTERVAL_MS: f64 = 250.0;
/// An Instagram profile is re-read at most this often while its grid grows.
const PROFILE_READ_INTERVAL_MS: f64 = 300.0;
/// Posts found hidden (and never badged) are looked at again this often: a page may show them by changing a style,
/// which the observer does not watch.
const HIDDEN_POST_RECHECK_MS: f64 = 500.0;
/// At most this many hidden posts are remembered for that.
const MAX_HIDDEN_POSTS: usize = 2000;
/// In a background tab animation frames stop; work still runs, on a slow timer.
const HIDDEN_TAB_DELAY_MS: u32 = 200;

type Shared = Rc<RefCell<Content>>;

thread_local! {
    static CONTENT: RefCell<Option<Shared>> = const { RefCell::new(None) };
}

/// What one run leaves for later.
struct Next {
    /// Work remains: run again next frame.
    more: bool,
    /// Work that must wait (a throttled report or profile read): run again after this many milliseconds.
    wait_ms: Option<f64>,
}

struct Content {
    services: Services,
    window: Window,
    /// Kept, not fetched from the window on every reading of the clock (the budget is checked after each post).
    performance: Option<web_sys::Performance>,
    document: Document,
    site: Site,
    facebook: FacebookReader,
    instagram: InstagramReader,
    texts: BadgeTexts,
    /// Where the page added nodes (or removed a badge) since the last run, not yet mapped to posts.
    touched: Vec<Touched>,
    /// How many added nodes `touched` holds.
    pending_additions: u32,
    /// Posts to read and badge, in page order.
    posts: ElementQueue,
    /// What reading decided, written at the start of the next frame.
    decided: Vec<Decision>,
    /// Posts that were not rendered when read and have no badge yet.
    hidden_posts: ElementQueue,
    last_hidden_check_ms: f64,
    rescan: bool,
    profile_dirty: bool,
    last_profile_read_ms: f64,
    report_dirty: bool,
    last_report_ms: f64,
    href: String,
    badges_hidden: bool,
    /// Badges of posts whose label no rule reads offer to learn it (until the user says "Don't ask again").
    teach_offers: bool,
    page: PageFeatures,
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
    last_report: Option<PageReport>,
    account: Option<Visibility>,
    observer: Option<MutationObserver>,
    /// The next run: first an animation frame, then a task right after that frame is rendered, when reading style
    /// and layout costs nothing (nothing has changed them since) and what is written goes into the next frame.
    frame: Option<AnimationFrame>,
    task: Option<Timeout>,
    /// The frame in which `decided` is written.
    write_frame: Option<AnimationFrame>,
    /// A later run for work that waits (a throttled report or profile read).
    wake: Option<Timeout>,
    stopped: bool,
    // Kept alive for as long as the content runs; dropping them would detach the callbacks.
    _observer_callback: Option<Closure<dyn FnMut(js_sys::Array, MutationObserver)>>,
    _url_poll: Option<Interval>,
}

/// Starts Bezwaar in this page. Does nothing outside Meta's exact hosts or on documents that are not HTML.
pub fn start(services: JsValue) -> Result<(), JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let content_type = document.content_type();
    if content_type != "text/html" && content_type != "application/xhtml+xml" {
        return Ok(());
    }
    let location = window.location();
    if location.protocol()? != "https:" {
        return Ok(());
    }
    let Some(site) = site_of_host(&location.hostname()?) else {
        return Ok(());
    };
    let services = Services::new(services);
    let texts = BadgeTexts::load(&services, objection_form_url(site));
    let href = location.href()?;
    let page = PageFeatures::new(site);
    let content = Rc::new(RefCell::new(Content {
        services,
        performance: window.performance(),
        window,
        document,
        site,
        facebook: FacebookReader::new(),
        instagram: InstagramReader::new(location.pathname()?),
        texts,
        touched: Vec::new(),
        pending_additions: 0,
        posts: ElementQueue::default(),
        decided: Vec::new(),
        hidden_posts: ElementQueue::default(),
        last_hidden_check_ms: f64::NEG_INFINITY,
        rescan: true,
        profile_dirty: true,
        last_profile_read_ms: f64::NEG_INFINITY,
        report_dirty: true,
        last_report_ms: f64::NEG_INFINITY,
        href,
        badges_hidden: false,
        teach_offers: true,
        page,
        count_selectors: [Visibility::Public, Visibility::Limited, Visibility::Unknown].map(|v| {
            Selector::new(&format!(
                "{BADGE_TAG}[{VISIBILITY_ATTRIBUTE}=\"{}\"]:not([{SCOPE_ATTRIBUTE}=\"account\"])",
                v.as_str()
            ))
        }),
        tally: PostCounts::default(),
        new_badges: Vec::new(),
        full_count_due: true,
        badge_selector: Selector::new(BADGE_TAG),
        last_report: None,
        account: None,
        observer: None,
        frame: None,
        task: None,
        write_frame: None,
        wake: None,
        stopped: false,
        _observer_callback: None,
        _url_poll: None,
    }));
    observe(&content)?;
    poll_url(&content);
    read_settings(&content);
    send_teach_answers(&content);
    schedule_run(&content);
    CONTENT.with(|c| *c.borrow_mut() = Some(content));
    Ok(())
}

/// The background lost or cleared this tab's state (navigation, service-worker restart): send it all again.
pub fn report_again() {
    with_content(|shared| {
        {
            let mut content = shared.borrow_mut();
            content.last_report = None;
            content.last_report_ms = f64::NEG_INFINITY;
        }
        schedule_run(shared);
    });
}

/// Extension storage changed (the user changed a setting or the profile in the options page, or taught a label in
/// any tab).
pub fn storage_changed(changes: JsValue) {
    with_content(|shared| {
        let changed = |key: &str| {
            js_sys::Reflect::has(&changes, &key.into())
                .unwrap_or(false)
                .then(|| js_sys::Reflect::get(&changes, &key.into()).unwrap_or_default())
        };
        if let Some(change) = changed("settings") {
            let settings = load_settings(&json_at(&change, "newValue")).settings();
            let mut content = shared.borrow_mut();
            content.badges_hidden = !settings.show_badges;
            content.apply_badge_setting();
            content.set_teach_offers(settings.teach_offers);
        }
        if let Some(change) = changed("taught") {
            shared
                .borrow_mut()
                .set_taught(TaughtRules::from_stored(&json_at(&change, "newValue")));
        }
        shared.borrow_mut().page.storage_changed(&changes);
        schedule_run(shared);
    });
}

fn with_content(f: impl FnOnce(&Shared)) {
    if let Some(shared) = CONTENT.with(|c| c.borrow().clone()) {
        f(&shared);
    }
}

fn read_settings(shared: &Shared) {
    let weak = Rc::downgrade(shared);
    let callback = Closure::once_into_js(move |stored: JsValue| {
        let Some(shared) = weak.upgrade() else { return };
        let settings = load_settings(&json_at(&stored, "settings")).settings();
        let taught = TaughtRules::from_stored(&json_at(&stored, "taught"));
        {
            let mut content = shared.borrow_mut();
            content.badges_hidden = !settings.show_badges;
            content.apply_badge_setting();
            content.set_teach_offers(settings.teach_offers);
            if !taught.is_empty() {
                content.set_taught(taught);
            }
        }
        schedule_run(&shared);
    });
    shared
        .borrow()
        .services
        .storage_get(&["settings", "taught"], callback.unchecked_ref());
}

/// The user's answers in badges go to the background, which stores them; every tab then reads its posts again.
fn send_teach_answers(shared: &Shared) {
    let weak = Rc::downgrade(shared);
    on_teach(move |answer| {
        let Some(shared) = weak.upgrade() else { return };
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
        shared.borrow().services.send(&message);
    });
}

fn observe(shared: &Shared) -> Result<(), JsValue> {
    let weak: Weak<RefCell<Content>> = Rc::downgrade(shared);
    let callback = Closure::<dyn FnMut(js_sys::Array, MutationObserver)>::new(
        move |records: js_sys::Array, _observer: MutationObserver| {
            let Some(shared) = weak.upgrade() else { return };
            shared.borrow_mut().collect(&records, false);
            schedule_run(&shared);
        },
    );
    let observer = MutationObserver::new(callback.as_ref().unchecked_ref())?;
    let options = MutationObserverInit::new();
    options.set_child_list(true);
    options.set_subtree(true);
    let root = shared
        .borrow()
        .document
        .document_element()
        .ok_or("no root element")?;
    observer.observe_with_options(&root, &options)?;
    let mut content = shared.borrow_mut();
    content.observer = Some(observer);
    content._observer_callback = Some(callback);
    Ok(())
}

fn poll_url(shared: &Shared) {
    let weak = Rc::downgrade(shared);
    let interval = Interval::new(URL_POLL_MS, move || {
        let Some(shared) = weak.upgrade() else { return };
        let changed =
            shared.borrow().window.location().href().ok() != Some(shared.borrow().href.clone());
        if changed {
            schedule_run(&shared);
        }
    });
    shared.borrow_mut()._url_poll = Some(interval);
}

/// Asks for a run after the next rendered frame (or soon, in a background tab where frames stop).
fn schedule_run(shared: &Shared) {
    let mut content = shared.borrow_mut();
    if content.frame.is_some() || content.task.is_some() || content.stopped {
        return;
    }
    let weak = Rc::downgrade(shared);
    if content.document.hidden() {
        content.task = Some(Timeout::new(HIDDEN_TAB_DELAY_MS, move || run(&weak)));
        return;
    }
    content.frame = Some(request_animation_frame(move |_timestamp| {
        let Some(shared) = weak.upgrade() else { return };
        let mut content = shared.borrow_mut();
        content.frame = None;
        let weak = Rc::downgrade(&shared);
        // A task queued from an animation frame runs once that frame has been rendered.
        content.task = Some(Timeout::new(0, move || run(&weak)));
    }));
}

fn run(weak: &Weak<RefCell<Content>>) {
    let Some(shared) = weak.upgrade() else { return };
    let next = {
        let mut content = shared.borrow_mut();
        content.task = None;
        content.run_once()
    };
    schedule_write(&shared);
    if next.more {
        schedule_run(&shared);
    } else if let Some(wait_ms) = next.wait_ms {
        wake_after(&shared, wait_ms);
    }
}

/// Writes what the last read decided at the start of the next frame (at once in a background tab, which renders
/// no frames), then asks for a run to report it once it has been rendered.
fn schedule_write(shared: &Shared) {
    let mut content = shared.borrow_mut();
    if content.decided.is_empty() || content.write_frame.is_some() || content.stopped {
        return;
    }
    if content.document.hidden() {
        content.write_decided();
        drop(content);
        schedule_run(shared);
        return;
    }
    let weak = Rc::downgrade(shared);
    content.write_frame = Some(request_animation_frame(move |_timestamp| {
        let Some(shared) = weak.upgrade() else { return };
        {
            let mut content = shared.borrow_mut();
            content.write_frame = None;
            content.write_decided();
        }
        schedule_run(&shared);
    }));
}

fn wake_after(shared: &Shared, wait_ms: f64) {
    let mut content = shared.borrow_mut();
    if content.wake.is_some() || content.stopped {
        return;
    }
    let weak = Rc::downgrade(shared);
    let millis = wait_ms.clamp(0.0, 60_000.0).ceil() as u32;
    content.wake = Some(Timeout::new(millis, move || {
        let Some(shared) = weak.upgrade() else { return };
        shared.borrow_mut().wake = None;
        schedule_run(&shared);
    }));
}

/// What reading decided for one element: a badge (what it says, what it stands for, how it looks), or none.
struct Decision {
    container: Element,
    badge: Option<(Visibility, Scope, Look)>,
    /// The post's own label that no rule reads, when it showed one.
    unread: Option<UnreadLabel>,
}

/// One mutation record's worth of change: the element that changed and the nodes it gained.
struct Touched {
    target: Element,
    added: web_sys::NodeList,
}

/// True for a short list of nodes that are all elements Bezwaar made.
fn all_ours(list: &web_sys::NodeList) -> bool {
    let n = list.length();
    n > 0 && n <= FEW_NODES && elements_of(list.clone()).filter(is_created).count() == n as usize
}

impl Content {
    fn now(&self) -> f64 {
        self.performance.as_ref().map_or(0.0, |p| p.now())
    }

    /// Keeps where the page added nodes. Removals make the counts stale (badges leave with their posts); a badge
    /// someone else removed from a post that is still there sends that post back to be badged. `own`: the records
    /// are the effect of this run's own writes, which are not work (a badge added, or replaced).
    fn collect(&mut self, records: &js_sys::Array, own: bool) {
        for record in records.iter() {
            let Ok(record) = record.dyn_into::<MutationRecord>() else {
                continue;
            };
            let Some(target) = record.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
                continue;
            };
            let added = record.added_nodes();
            let removed = record.removed_nodes();
            let additions = added.length();
            if removed.length() > 0 {
                self.report_dirty = true;
                if !own && self.may_remove_badges(&removed) {
                    self.full_count_due = true;
                }
            }
            let ours = if additions == 0 {
                own
            } else {
                all_ours(&added)
            };
            if !ours {
                self.page.note_change(&target, &added);
            }
            if self.rescan {
                continue;
            }
            if additions == 0 {
                // React re-rendering a post replaces its children, and the additions bring the post back; a badge
                // taken out on its own does not.
                let badge_taken = !own
                    && removed.length() <= FEW_NODES
                    && elements_of(removed.clone()).any(|e| is_ours(&e))
                    && target.is_connected();
                if badge_taken {
                    self.touched.push(Touched { target, added });
                }
                continue;
            }
            if ours {
                continue;
            }
            self.pending_additions += additions;
            self.touched.push(Touched { target, added });
            if self.pending_additions > MAX_PENDING_ADDITIONS {
                self.touched.clear();
                self.pending_additions = 0;
                self.rescan = true;
            }
        }
    }

    fn run_once(&mut self) -> Next {
        let idle = Next {
            more: false,
            wait_ms: None,
        };
        if self.stopped {
            return idle;
        }
        if !self.services.alive() {
            self.stop();
            return idle;
        }
        let started = self.now();
        // Page mutations queued since the observer last ran belong to this batch.
        if let Some(observer) = self.observer.clone() {
            self.collect(&observer.take_records(), false);
        }
        let href = self.window.location().href().unwrap_or_default();
        let navigated = href != self.href;
        if navigated {
            self.href = href;
            self.rescan = true;
            self.report_dirty = true;
            self.full_count_due = true;
        }
        // What the last run wrote has been rendered since: counting it now (it checks that each post is shown)
        // finds style up to date, which it would not right after this run's writes.
        self.report();
        let mut wait_ms = None;
        match self.site {
            Site::Facebook => {
                self.read_facebook_posts(started);
                if !self.hidden_posts.is_empty() {
                    wait_ms = Some(HIDDEN_POST_RECHECK_MS);
                }
            }
            Site::Instagram => wait_ms = self.read_instagram_profile(started),
        }
        if self
            .page
            .run(&self.services, &self.window, &self.document, navigated)
        {
            self.report_dirty = true;
        }
        // What this run changed, ours and whatever the page did in reaction (React re-renders synchronously after
        // the events a prefill dispatches); `collect` drops our own elements, so they never come back as work.
        if let Some(observer) = self.observer.clone() {
            self.collect(&observer.take_records(), true);
        }
        // Anything this run changed is reported by a later run.
        let report_wait = self
            .report_dirty
            .then(|| (REPORT_INTERVAL_MS - (self.now() - self.last_report_ms)).max(0.0));
        Next {
            more: !self.posts.is_empty() || !self.touched.is_empty() || self.rescan,
            wait_ms: match (wait_ms, report_wait) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            },
        }
    }

    /// How a badge in `container` is to look: read now, written later with the rest of the batch.
    fn look_for(&self, container: &Element) -> Look {
        let around = surroundings(&self.window, container);
        Look {
            hidden: self.badges_hidden,
            dark: around.dark,
            placement: match around.container {
                Container::Positioned => Placement::Anchored,
                Container::BlockFlow => Placement::InFlow,
                Container::Other(width) => Placement::OutOfFlow(width.round()),
            },
        }
    }

    /// Writes every decision the last read made (all reads of a batch come before any of its writes).
    fn write_decided(&mut self) {
        let mut wrote = false;
        for decision in std::mem::take(&mut self.decided) {
            // The page may have replaced the post since it was read; its replacement is read in turn.
            if !decision.container.is_connected() {
                continue;
            }
            let Some((visibility, scope, look)) = decision.badge else {
                if remove_badge(&decision.container) {
                    wrote = true;
                    self.full_count_due = true;
                }
                continue;
            };
            let offer = decision.unread.map(|label| TeachOffer {
                label,
                ask: self.teach_offers,
            });
            let written = ensure_badge(
                &self.document,
                &decision.container,
                visibility,
                scope,
                &self.texts,
                // The setting may have arrived since the read.
                Look {
                    hidden: self.badges_hidden,
                    ..look
                },
                offer.as_ref(),
            )
            .unwrap_or(BadgeWrite::Unchanged);
            wrote |= written.wrote();
            match written {
                BadgeWrite::Added(host) if scope != Scope::Account => {
                    self.new_badges.push((host, visibility))
                }
                BadgeWrite::Replaced(_) => self.full_count_due = true,
                _ => {}
            }
        }
        if wrote {
            self.report_dirty = true;
        }
        if let Some(observer) = self.observer.clone() {
            self.collect(&observer.take_records(), true);
        }
    }

    /// Reads the posts the page added or changed, within the frame budget; what it decides goes to `decided`.
    fn read_facebook_posts(&mut self, started: f64) {
        if self.rescan {
            self.rescan = false;
            self.touched.clear();
            self.facebook
                .queue_all_posts(&self.document, &mut self.posts);
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
        while let Some(post) = self.posts.pop() {
            if post.is_connected() {
                match self.facebook.read_post(&self.window, &post) {
                    PostReading::Post(visibility, unread) => {
                        let look = self.look_for(&post);
                        self.decided.push(Decision {
                            container: post,
                            badge: Some((visibility, Scope::Post, look)),
                            unread,
                        });
                    }
                    PostReading::NotAPost => self.decided.push(Decision {
                        container: post,
                        badge: None,
                        unread: None,
                    }),
                    PostReading::NotShown => {
                        if existing_badge(&post).is_none()
                            && self.hidden_posts.len() < MAX_HIDDEN_POSTS
                        {
                            self.hidden_posts.push(post);
                        }
                    }
                }
            }
            if self.now() - started > FRAME_BUDGET_MS {
                break;
            }
        }
    }

    /// Reads the profile's account and grid into `decided`; returns when to come back for a read it put off.
    fn read_instagram_profile(&mut self, now: f64) -> Option<f64> {
        if self.rescan || !self.touched.is_empty() {
            self.profile_dirty = true;
        }
        self.rescan = false;
        self.touched.clear();
        self.pending_additions = 0;
        if !self.profile_dirty {
            return None;
        }
        let since = now - self.last_profile_read_ms;
        if since < PROFILE_READ_INTERVAL_MS {
            return Some(PROFILE_READ_INTERVAL_MS - since);
        }
        self.profile_dirty = false;
        self.last_profile_read_ms = now;
        let path = self.window.location().pathname().unwrap_or_default();
        let Some(username) = post_markup()
            .instagram
            .profile_username(&path)
            .map(str::to_string)
        else {
            self.account = None;
            return None;
        };
        let view = self
            .instagram
            .read_profile(&self.window, &self.document, &path, &username);
        self.account = Some(view.account);
        if let Some(header) = &view.header {
            let look = self.look_for(header);
            self.decided.push(Decision {
                container: header.clone(),
                badge: Some((view.account, Scope::Account, look)),
                unread: None,
            });
        }
        for link in &view.post_links {
            let look = self.look_for(link);
            self.decided.push(Decision {
                container: link.clone(),
                badge: Some((view.account, Scope::GridPost, look)),
                unread: None,
            });
        }
        None
    }

    /// Every post is read again with the labels the user taught now.
    fn set_taught(&mut self, taught: TaughtRules) {
        self.facebook.set_taught(taught);
        self.rescan = true;
    }

    fn set_teach_offers(&mut self, on: bool) {
        if self.teach_offers != on {
            self.teach_offers = on;
            self.rescan = true;
        }
    }

    fn apply_badge_setting(&self) {
        for host in query_all(&self.document, BADGE_TAG).filter(is_created) {
            let _ = set_hidden(&host, self.badges_hidden);
        }
        if let Some(observer) = &self.observer {
            observer.take_records();
        }
    }

    /// True unless none of `removed` is or holds a badge (a long list is assumed to).
    fn may_remove_badges(&self, removed: &web_sys::NodeList) -> bool {
        removed.length() > FEW_NODES
            || elements_of(removed.clone())
                .any(|e| is_ours(&e) || self.badge_selector.any_under(&e))
    }

    /// The badged posts of the page now shown: a page the app keeps hidden after an in-app navigation is not
    /// counted; the account badge is not a post. After a removal or a navigation every badge is counted again (one
    /// query per visibility, then one check per badge); otherwise the badges written since the last count are added.
    fn counts(&mut self) -> PostCounts {
        let shown = |host: &Element| {
            is_created(host) && host.parent_element().is_some_and(|p| region_rendered(&p))
        };
        if self.full_count_due {
            self.full_count_due = false;
            self.new_badges.clear();
            let Some(root) = self.document.document_element() else {
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
    fn report(&mut self) {
        // Nothing to say before the page has been classified once (the first run does that after reporting).
        if (!self.report_dirty && self.last_report.is_some()) || self.page.kind().is_none() {
            return;
        }
        let now = self.now();
        if self.last_report.is_some() && now - self.last_report_ms < REPORT_INTERVAL_MS {
            return;
        }
        self.report_dirty = false;
        self.last_report_ms = now;
        let report = PageReport {
            url: crate::core::record::url_without_query(&self.href),
            site: self.site,
            page_kind: self.page.kind().unwrap_or(PageKind::Other),
            engine: self.services.engine(),
            startup_ms: self.services.startup_ms(),
            posts: self.counts(),
            account: self.account,
        };
        if self.last_report.as_ref() != Some(&report) {
            self.services.send(&ContentMessage::PageReport {
                report: report.clone(),
            });
            self.last_report = Some(report);
        }
    }

    /// The extension is gone (reloaded, updated, removed): let go of the page without a sound.
    fn stop(&mut self) {
        self.stopped = true;
        if let Some(observer) = self.observer.take() {
            observer.disconnect();
        }
        self.frame = None;
        self.task = None;
        self.write_frame = None;
        self.wake = None;
        self._url_poll = None;
        self.touched.clear();
        self.posts.clear();
        self.decided.clear();
        self.hidden_posts.clear();
    }
}
