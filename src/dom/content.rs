//! The content script's one loop. A single MutationObserver collects what the page added; once per animation frame
//! the batch is turned into posts, each post is read and badged within a time budget, and a short report goes to
//! the background when anything it shows changed. The extension's own writes are taken back out of the observer's
//! queue before the frame ends, so they never come back as work.
use crate::core::hosts::{site_of_host, Site};
use crate::core::messages::{ContentMessage, PageReport, PostCounts};
use crate::core::page_kind::{objection_form_url, PageKind};
use crate::core::post_markup::post_markup;
use crate::core::visibility::Visibility;
use crate::dom::badge::{ensure_badge, remove_badge, set_hidden, BadgeTexts, Scope, BADGE_TAG};
use crate::dom::facebook::{ElementQueue, FacebookReader};
use crate::dom::instagram::read_profile;
use crate::dom::page::PageFeatures;
use crate::dom::services::Services;
use gloo::render::{request_animation_frame, AnimationFrame};
use gloo::timers::callback::Interval;
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, MutationObserver, MutationObserverInit, MutationRecord, Window};

/// Main-thread time one frame may spend on posts; the rest waits for the next frame, so a page that mutates
/// without end (or a feed of thousands of posts) cannot freeze the tab.
const FRAME_BUDGET_MS: f64 = 6.0;
/// Beyond this many added elements waiting, one rescan of the document is cheaper than remembering each.
const MAX_PENDING_ADDITIONS: usize = 4000;
/// How often the URL is compared, for in-app navigation that adds nothing to the DOM (`history.pushState`).
const URL_POLL_MS: u32 = 1000;

type Shared = Rc<RefCell<Content>>;

thread_local! {
    static CONTENT: RefCell<Option<Shared>> = const { RefCell::new(None) };
}

struct Content {
    services: Services,
    window: Window,
    document: Document,
    site: Site,
    facebook: FacebookReader,
    texts: BadgeTexts,
    /// Elements the page added since the last frame, not yet mapped to posts.
    added: Vec<Element>,
    /// Posts to read and badge, in page order.
    posts: ElementQueue,
    rescan: bool,
    report_dirty: bool,
    href: String,
    badges_hidden: bool,
    page: PageFeatures,
    last_report: Option<PageReport>,
    account: Option<Visibility>,
    observer: Option<MutationObserver>,
    frame: Option<AnimationFrame>,
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
        window,
        document,
        site,
        facebook: FacebookReader::new(),
        texts,
        added: Vec::new(),
        posts: ElementQueue::default(),
        rescan: true,
        report_dirty: true,
        href,
        badges_hidden: false,
        page,
        last_report: None,
        account: None,
        observer: None,
        frame: None,
        stopped: false,
        _observer_callback: None,
        _url_poll: None,
    }));
    observe(&content)?;
    poll_url(&content);
    load_settings(&content);
    schedule_frame(&content);
    CONTENT.with(|c| *c.borrow_mut() = Some(content));
    Ok(())
}

/// The background lost or cleared this tab's state (navigation, service-worker restart): send it all again.
pub fn report_again() {
    with_content(|shared| {
        shared.borrow_mut().last_report = None;
        schedule_frame(shared);
    });
}

/// Extension storage changed (the user changed a setting or the profile in the options page).
pub fn storage_changed(changes: JsValue) {
    with_content(|shared| {
        if let Some(show) = setting_from_change(&changes, "showBadges") {
            let mut content = shared.borrow_mut();
            content.badges_hidden = !show;
            content.apply_badge_setting();
        }
        shared.borrow_mut().page.storage_changed(&changes);
        schedule_frame(shared);
    });
}

fn with_content(f: impl FnOnce(&Shared)) {
    if let Some(shared) = CONTENT.with(|c| c.borrow().clone()) {
        f(&shared);
    }
}

fn setting_from_change(changes: &JsValue, name: &str) -> Option<bool> {
    let change = js_sys::Reflect::get(changes, &"settings".into()).ok()?;
    let new_value = js_sys::Reflect::get(&change, &"newValue".into()).ok()?;
    js_sys::Reflect::get(&new_value, &name.into())
        .ok()?
        .as_bool()
}

fn load_settings(shared: &Shared) {
    let weak = Rc::downgrade(shared);
    let callback = Closure::once_into_js(move |stored: JsValue| {
        let Some(shared) = weak.upgrade() else { return };
        let settings =
            js_sys::Reflect::get(&stored, &"settings".into()).unwrap_or(JsValue::UNDEFINED);
        if let Some(show) = js_sys::Reflect::get(&settings, &"showBadges".into())
            .ok()
            .and_then(|v| v.as_bool())
        {
            let mut content = shared.borrow_mut();
            content.badges_hidden = !show;
            content.apply_badge_setting();
        }
    });
    shared
        .borrow()
        .services
        .storage_get(&["settings"], callback.unchecked_ref());
}

fn observe(shared: &Shared) -> Result<(), JsValue> {
    let weak: Weak<RefCell<Content>> = Rc::downgrade(shared);
    let callback = Closure::<dyn FnMut(js_sys::Array, MutationObserver)>::new(
        move |records: js_sys::Array, _observer: MutationObserver| {
            let Some(shared) = weak.upgrade() else { return };
            shared.borrow_mut().collect(&records);
            schedule_frame(&shared);
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
            schedule_frame(&shared);
        }
    });
    shared.borrow_mut()._url_poll = Some(interval);
}

fn schedule_frame(shared: &Shared) {
    let mut content = shared.borrow_mut();
    if content.frame.is_some() || content.stopped {
        return;
    }
    let weak = Rc::downgrade(shared);
    content.frame = Some(request_animation_frame(move |_timestamp| {
        let Some(shared) = weak.upgrade() else { return };
        let more = {
            let mut content = shared.borrow_mut();
            content.frame = None;
            content.run_frame()
        };
        if more {
            schedule_frame(&shared);
        }
    }));
}

/// Bezwaar's own elements all have tag names starting `bezwaar-`.
fn is_ours(element: &Element) -> bool {
    element
        .tag_name()
        .to_ascii_lowercase()
        .starts_with("bezwaar-")
}

impl Content {
    fn now(&self) -> f64 {
        self.window.performance().map(|p| p.now()).unwrap_or(0.0)
    }

    /// Keeps what the page added; removals only make the counts stale (badges leave with their posts).
    fn collect(&mut self, records: &js_sys::Array) {
        for record in records.iter() {
            let Ok(record) = record.dyn_into::<MutationRecord>() else {
                continue;
            };
            if record.removed_nodes().length() > 0 {
                self.report_dirty = true;
            }
            if self.rescan {
                continue;
            }
            let added = record.added_nodes();
            for i in 0..added.length() {
                if let Some(element) = added.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                    if !is_ours(&element) {
                        self.added.push(element);
                    }
                }
            }
            if self.added.len() > MAX_PENDING_ADDITIONS {
                self.added.clear();
                self.rescan = true;
            }
        }
        self.page.note_mutations();
    }

    /// One frame of work. Returns true when work is left for the next frame.
    fn run_frame(&mut self) -> bool {
        if self.stopped {
            return false;
        }
        if !self.services.alive() {
            self.stop();
            return false;
        }
        let started = self.now();
        // Page mutations queued since the observer last ran belong to this batch.
        if let Some(observer) = self.observer.clone() {
            self.collect(&observer.take_records());
        }
        let href = self.window.location().href().unwrap_or_default();
        let navigated = href != self.href;
        if navigated {
            self.href = href;
            self.rescan = true;
            self.report_dirty = true;
        }
        let mut wrote = false;
        match self.site {
            Site::Facebook => wrote |= self.badge_facebook_posts(started),
            Site::Instagram => wrote |= self.badge_instagram_profile(),
        }
        wrote |= self
            .page
            .run(&self.services, &self.window, &self.document, navigated);
        if wrote {
            self.report_dirty = true;
        }
        // What the frame changed, ours and whatever the page did in reaction (React re-renders synchronously after
        // the events a prefill dispatches); `collect` drops our own elements, so they never come back as work.
        if let Some(observer) = self.observer.clone() {
            self.collect(&observer.take_records());
        }
        self.report();
        !self.posts.is_empty() || !self.added.is_empty() || self.rescan
    }

    fn badge_facebook_posts(&mut self, started: f64) -> bool {
        if self.rescan {
            self.rescan = false;
            self.added.clear();
            self.facebook
                .queue_all_posts(&self.document, &mut self.posts);
        }
        for element in std::mem::take(&mut self.added) {
            if element.is_connected() {
                self.facebook.posts_touched_by(&element, &mut self.posts);
            }
        }
        // Read every post of the batch before writing anything, so style is computed once per frame.
        let mut decided: Vec<(Element, Option<Visibility>)> = Vec::new();
        while let Some(post) = self.posts.pop() {
            if post.is_connected() {
                let visibility = (!self.facebook.is_sponsored(&post))
                    .then(|| self.facebook.visibility(&self.window, &post));
                decided.push((post, visibility));
            }
            if self.now() - started > FRAME_BUDGET_MS {
                break;
            }
        }
        let mut wrote = false;
        for (post, visibility) in decided {
            wrote |= match visibility {
                Some(v) => ensure_badge(
                    &self.document,
                    &post,
                    v,
                    Scope::Post,
                    &self.texts,
                    self.badges_hidden,
                )
                .unwrap_or(false),
                None => remove_badge(&post),
            };
        }
        wrote
    }

    fn badge_instagram_profile(&mut self) -> bool {
        let had_work = self.rescan || !self.added.is_empty();
        self.rescan = false;
        self.added.clear();
        if !had_work {
            return false;
        }
        let path = self.window.location().pathname().unwrap_or_default();
        let Some(username) = post_markup()
            .instagram
            .profile_username(&path)
            .map(str::to_string)
        else {
            self.account = None;
            return false;
        };
        let view = read_profile(&self.window, &self.document, &username);
        self.account = Some(view.account);
        let mut wrote = false;
        if let Some(header) = &view.header {
            wrote |= ensure_badge(
                &self.document,
                header,
                view.account,
                Scope::Account,
                &self.texts,
                self.badges_hidden,
            )
            .unwrap_or(false);
        }
        for link in &view.post_links {
            wrote |= ensure_badge(
                &self.document,
                link,
                view.account,
                Scope::GridPost,
                &self.texts,
                self.badges_hidden,
            )
            .unwrap_or(false);
        }
        wrote
    }

    fn apply_badge_setting(&self) {
        if let Ok(hosts) = self.document.query_selector_all(BADGE_TAG) {
            for i in 0..hosts.length() {
                if let Some(host) = hosts.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                    let _ = set_hidden(&host, self.badges_hidden);
                }
            }
        }
        if let Some(observer) = &self.observer {
            observer.take_records();
        }
    }

    fn count(&self, visibility: Visibility) -> u32 {
        // Posts and grid posts count; the account badge does not.
        let selector = format!(
            "{BADGE_TAG}[data-bezwaar-visibility=\"{}\"]:not([data-bezwaar-scope=\"account\"])",
            visibility.as_str()
        );
        self.document
            .query_selector_all(&selector)
            .map(|l| l.length())
            .unwrap_or(0)
    }

    fn report(&mut self) {
        if !self.report_dirty && self.last_report.is_some() {
            return;
        }
        self.report_dirty = false;
        let report = PageReport {
            url: crate::core::record::url_without_query(&self.href),
            site: self.site,
            page_kind: self.page.kind().unwrap_or(PageKind::Other),
            engine: self.services.engine(),
            startup_ms: self.services.startup_ms(),
            posts: PostCounts {
                public: self.count(Visibility::Public),
                limited: self.count(Visibility::Limited),
                unknown: self.count(Visibility::Unknown),
            },
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
        self._url_poll = None;
        self.added.clear();
        self.posts.clear();
    }
}
