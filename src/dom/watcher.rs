//! The content script's one loop. A single MutationObserver collects what the page changed and hands it to the
//! features that want to see it; once per rendered frame every feature reads within a shared time budget, and what
//! they decided is written at the start of the next frame; a short report goes to the background when anything it
//! shows changed. Reading and writing are split across the frame boundary: the read runs right after a frame is
//! rendered, when style and layout are up to date and reading them costs nothing; the write runs at the start of
//! the next frame, after the page's own frame callbacks (registered earlier), so Bezwaar's elements are laid out in
//! the same pass as the page's own changes and no read of the page's finds layout dirty. A frame in which the page
//! changed nothing would be laid out for Bezwaar's elements alone, so while reading is still under way such a frame
//! writes nothing: what was decided waits for the page's next change, the end of reading, or `MAX_WRITE_WAIT_MS`.
//! The extension's own writes are taken back out of the observer's queue at once, so they never come back as work.
//!
//! What runs on a page is the list in `features`; the loop knows none of them.
use crate::core::hosts::site_of_host;
use crate::dom::attribute::is_created;
use crate::dom::badge::is_moved_badge;
use crate::dom::feature::{
    Change, Feature, Next, Page, ReadFrame, Start, StorageValues, WriteFrame,
};
use crate::dom::features::features_for;
use crate::dom::form_link::open_forms_through;
use crate::dom::page_class::PageClassifier;
use crate::dom::report::Reporter;
use crate::dom::selector::elements_of;
use crate::dom::services::Services;
use gloo::render::{request_animation_frame, AnimationFrame};
use gloo::timers::callback::{Interval, Timeout};
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, MutationObserver, MutationObserverInit, MutationRecord};

/// A record of at most this many added nodes is looked at node by node for Bezwaar's own elements.
const FEW_NODES: u32 = 16;
/// How often the URL is compared, for in-app navigation that adds nothing to the DOM (`history.pushState`).
const URL_POLL_MS: u32 = 1000;
/// In a background tab animation frames stop; work still runs, on a slow timer.
const HIDDEN_TAB_DELAY_MS: u32 = 200;
/// What was decided while the page is quiet waits at most this long for a frame the page lays out anyway.
const MAX_WRITE_WAIT_MS: f64 = 500.0;

type Shared = Rc<RefCell<Watcher>>;

thread_local! {
    static WATCHER: RefCell<Option<Shared>> = const { RefCell::new(None) };
}

/// Lets a feature (its event listeners, storage answers and timers) ask the watcher for a run.
#[derive(Clone)]
pub struct WakeHandle(Weak<RefCell<Watcher>>);

impl WakeHandle {
    /// A run after `delay_ms`, outside whatever is running now; dropping the timer cancels it.
    pub fn after(&self, delay_ms: u32) -> Timeout {
        let weak = self.0.clone();
        Timeout::new(delay_ms, move || {
            if let Some(shared) = weak.upgrade() {
                schedule_run(&shared);
            }
        })
    }
}

pub struct Watcher {
    page: Page,
    classifier: PageClassifier,
    report: Reporter,
    features: Vec<Box<dyn Feature>>,
    observer: Option<MutationObserver>,
    /// The next run: first an animation frame, then a task right after that frame is rendered, when reading style
    /// and layout costs nothing (nothing has changed them since) and what is written goes into the next frame.
    frame: Option<AnimationFrame>,
    task: Option<Timeout>,
    /// The frame in which the features write.
    write_frame: Option<AnimationFrame>,
    /// When the oldest decision not yet written was made.
    decided_since_ms: Option<f64>,
    /// The page added or removed nodes since the last write frame: the next frame lays the page out anyway.
    page_changed: bool,
    /// The last read left work for later frames.
    reading_more: bool,
    /// A later run for work that waits (a throttled report or read).
    wake: Option<Timeout>,
    stopped: bool,
    // Kept alive for as long as the watcher runs; dropping them would detach the callbacks.
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
    open_forms_through(&services);
    let href = location.href()?;
    let shared = Rc::new_cyclic(|weak: &Weak<RefCell<Watcher>>| {
        let wake = WakeHandle(weak.clone());
        let features = features_for(&Start {
            site,
            services: &services,
            window: &window,
            wake: &wake,
        });
        RefCell::new(Watcher {
            page: Page {
                services,
                performance: window.performance(),
                window,
                document,
                site,
                href,
            },
            classifier: PageClassifier::new(wake),
            report: Reporter::new(),
            features,
            observer: None,
            frame: None,
            task: None,
            write_frame: None,
            decided_since_ms: None,
            page_changed: false,
            reading_more: false,
            wake: None,
            stopped: false,
            _observer_callback: None,
            _url_poll: None,
        })
    });
    observe(&shared)?;
    poll_url(&shared);
    read_stored(&shared);
    schedule_run(&shared);
    WATCHER.with(|w| *w.borrow_mut() = Some(shared));
    Ok(())
}

/// The background lost or cleared this tab's state (navigation, service-worker restart): send it all again.
pub fn report_again() {
    with_watcher(|shared| {
        shared.borrow_mut().report.again();
        schedule_run(shared);
    });
}

/// Extension storage changed (the user changed a setting or the profile in the options page, or taught a label in
/// any tab).
pub fn storage_changed(changes: JsValue) {
    with_watcher(|shared| {
        {
            let changed = StorageValues::changed(changes);
            let mut watcher = shared.borrow_mut();
            let Watcher { page, features, .. } = &mut *watcher;
            for feature in features.iter_mut() {
                feature.storage_changed(page, &changed);
            }
            // What the features changed in reaction (badges shown or hidden) is not work.
            watcher.take_own_records();
        }
        schedule_run(shared);
    });
}

fn with_watcher(f: impl FnOnce(&Shared)) {
    if let Some(shared) = WATCHER.with(|w| w.borrow().clone()) {
        f(&shared);
    }
}

/// One read of the storage keys the features start from, handed to each.
fn read_stored(shared: &Shared) {
    let mut keys: Vec<&'static str> = Vec::new();
    for feature in &shared.borrow().features {
        for key in feature.stored_keys() {
            if !keys.contains(key) {
                keys.push(key);
            }
        }
    }
    if keys.is_empty() {
        return;
    }
    let weak = Rc::downgrade(shared);
    let callback = Closure::once_into_js(move |stored: JsValue| {
        let Some(shared) = weak.upgrade() else { return };
        {
            let stored = StorageValues::read(stored);
            let mut watcher = shared.borrow_mut();
            let Watcher { page, features, .. } = &mut *watcher;
            for feature in features.iter_mut() {
                feature.stored(page, &stored);
            }
            watcher.take_own_records();
        }
        schedule_run(&shared);
    });
    shared
        .borrow()
        .page
        .services
        .storage_get(&keys, callback.unchecked_ref());
}

fn observe(shared: &Shared) -> Result<(), JsValue> {
    let weak: Weak<RefCell<Watcher>> = Rc::downgrade(shared);
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
    // Labels rewritten in place: only the attributes that name an audience icon, and text, with what they said.
    let labels = js_sys::Array::of2(&"title".into(), &"aria-label".into());
    options.set_attribute_filter(&labels);
    options.set_attribute_old_value(true);
    options.set_character_data(true);
    options.set_character_data_old_value(true);
    let root = shared
        .borrow()
        .page
        .document
        .document_element()
        .ok_or("no root element")?;
    observer.observe_with_options(&root, &options)?;
    let mut watcher = shared.borrow_mut();
    watcher.observer = Some(observer);
    watcher._observer_callback = Some(callback);
    Ok(())
}

fn poll_url(shared: &Shared) {
    let weak = Rc::downgrade(shared);
    let interval = Interval::new(URL_POLL_MS, move || {
        let Some(shared) = weak.upgrade() else { return };
        let changed = {
            let watcher = shared.borrow();
            watcher.page.window.location().href().ok().as_ref() != Some(&watcher.page.href)
        };
        if changed {
            schedule_run(&shared);
        }
    });
    shared.borrow_mut()._url_poll = Some(interval);
}

/// Asks for a run after the next rendered frame (or soon, in a background tab where frames stop).
fn schedule_run(shared: &Shared) {
    let Ok(mut watcher) = shared.try_borrow_mut() else {
        return;
    };
    if watcher.frame.is_some() || watcher.task.is_some() || watcher.stopped {
        return;
    }
    let weak = Rc::downgrade(shared);
    if watcher.page.document.hidden() {
        watcher.task = Some(Timeout::new(HIDDEN_TAB_DELAY_MS, move || run(&weak)));
        return;
    }
    watcher.frame = Some(request_animation_frame(move |_timestamp| {
        let Some(shared) = weak.upgrade() else { return };
        let mut watcher = shared.borrow_mut();
        watcher.frame = None;
        let weak = Rc::downgrade(&shared);
        // A task queued from an animation frame runs once that frame has been rendered.
        watcher.task = Some(Timeout::new(0, move || run(&weak)));
    }));
}

fn run(weak: &Weak<RefCell<Watcher>>) {
    let Some(shared) = weak.upgrade() else { return };
    let next = {
        let mut watcher = shared.borrow_mut();
        watcher.task = None;
        watcher.run_once()
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
    let mut watcher = shared.borrow_mut();
    if !watcher.features.iter().any(|f| f.has_writes())
        || watcher.write_frame.is_some()
        || watcher.stopped
    {
        return;
    }
    if watcher.page.document.hidden() {
        watcher.write();
        drop(watcher);
        schedule_run(shared);
        return;
    }
    let now = watcher.page.now();
    watcher.decided_since_ms.get_or_insert(now);
    let weak = Rc::downgrade(shared);
    watcher.write_frame = Some(request_animation_frame(move |_timestamp| {
        let Some(shared) = weak.upgrade() else { return };
        {
            let mut watcher = shared.borrow_mut();
            watcher.write_frame = None;
            if watcher.write_due() {
                watcher.write();
            }
            watcher.page_changed = false;
        }
        schedule_run(&shared);
    }));
}

fn wake_after(shared: &Shared, wait_ms: f64) {
    let mut watcher = shared.borrow_mut();
    if watcher.wake.is_some() || watcher.stopped {
        return;
    }
    let weak = Rc::downgrade(shared);
    let millis = wait_ms.clamp(0.0, 60_000.0).ceil() as u32;
    watcher.wake = Some(Timeout::new(millis, move || {
        let Some(shared) = weak.upgrade() else { return };
        shared.borrow_mut().wake = None;
        schedule_run(&shared);
    }));
}

/// True for a short list of nodes that are all elements Bezwaar made, where it put them (a badge the page moved into
/// another post is the page's change).
fn all_ours(list: &web_sys::NodeList) -> bool {
    let n = list.length();
    n > 0
        && n <= FEW_NODES
        && elements_of(list.clone())
            .filter(|e| is_created(e) && !is_moved_badge(e))
            .count()
            == n as usize
}

impl Watcher {
    /// Hands the page's changes to the classifier and the features. Removals make the report's counts stale
    /// (badges leave with their posts). `own`: the records are the effect of Bezwaar's own writes, which are not
    /// work (a badge added, or replaced); the page's reaction to them (React re-renders synchronously after the
    /// events a prefill dispatches) still is.
    fn collect(&mut self, records: &js_sys::Array, own: bool) {
        for record in records.iter() {
            let Ok(record) = record.dyn_into::<MutationRecord>() else {
                continue;
            };
            let relabelled = record.type_() != "childList";
            // A text change names the text node: the element holding it is what changed.
            let Some(target) = record.target().and_then(|node| {
                node.clone()
                    .dyn_into::<Element>()
                    .ok()
                    .or_else(|| node.parent_element())
            }) else {
                continue;
            };
            let added = record.added_nodes();
            let removed = record.removed_nodes();
            if removed.length() > 0 {
                self.report.removed(&removed, own);
            }
            if added.length() > 0 && !own {
                self.report.added(&added);
            }
            let ours = if added.length() == 0 {
                own
            } else {
                all_ours(&added)
            };
            if ours {
                continue;
            }
            self.page_changed = true;
            self.classifier.saw(&target, &added);
            let change = Change {
                target,
                added,
                removed,
                relabelled_from: relabelled.then(|| record.old_value().unwrap_or_default()),
            };
            for feature in &mut self.features {
                feature.saw(&change);
            }
        }
    }

    /// Takes what Bezwaar itself just changed out of the observer's queue.
    fn take_own_records(&mut self) {
        if let Some(observer) = self.observer.clone() {
            self.collect(&observer.take_records(), true);
        }
    }

    fn run_once(&mut self) -> Next {
        if self.stopped {
            return Next::default();
        }
        if !self.page.services.alive() {
            self.stop();
            return Next::default();
        }
        let started = self.page.now();
        // Page mutations queued since the observer last ran belong to this batch.
        if let Some(observer) = self.observer.clone() {
            self.collect(&observer.take_records(), false);
        }
        let href = self.page.window.location().href().unwrap_or_default();
        let navigated = href != self.page.href;
        if navigated {
            self.page.href = href;
            self.report.navigated();
        }
        // What the last run wrote has been rendered since: counting it now (it checks that each post is shown)
        // finds style up to date, which it would not right after this run's writes.
        self.report.report(&self.page);
        let classified =
            self.classifier
                .run(&self.page.window, &self.page.document, navigated, started);
        self.report.kind = self.classifier.kind();
        self.report.class_site = self.classifier.class().and_then(|class| class.site);
        if classified.kind_changed {
            self.report.changed();
        }
        let mut frame = ReadFrame {
            page: &self.page,
            navigated,
            class: self.classifier.class(),
            reclassified: classified.reclassified,
            page_changed: classified.page_changed,
            notice_entries: self.classifier.notice_entries(),
            started,
            report: &mut self.report,
        };
        let mut next = Next::default();
        for feature in &mut self.features {
            next = next.and(feature.read(&mut frame));
        }
        self.reading_more = next.more;
        // What this run changed, ours and whatever the page did in reaction.
        self.take_own_records();
        // Anything this run changed is reported by a later run.
        next.and(Next {
            more: false,
            wait_ms: self.report.wait_ms(self.page.now()),
        })
    }

    /// Whether this frame writes what reading decided: when the page changed something the frame lays out anyway,
    /// when reading is done, or when the oldest decision has waited long enough.
    fn write_due(&self) -> bool {
        let waited_ms = self
            .decided_since_ms
            .map_or(0.0, |since| self.page.now() - since);
        self.page_changed || !self.reading_more || waited_ms >= MAX_WRITE_WAIT_MS
    }

    /// Every feature writes what its last read decided (all reads of a batch come before any of its writes).
    fn write(&mut self) {
        self.decided_since_ms = None;
        let mut frame = WriteFrame {
            page: &self.page,
            report: &mut self.report,
        };
        for feature in &mut self.features {
            if feature.has_writes() {
                feature.write(&mut frame);
            }
        }
        self.take_own_records();
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
        self.classifier.stop();
        self.report.stop();
        for feature in &mut self.features {
            feature.stop();
        }
    }
}
