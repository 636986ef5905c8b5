//! What a feature is to the watcher: it says which page changes it wants to see, reads within the frame budget
//! right after a frame is rendered, and writes what it decided at the start of the next frame. The watcher owns the
//! observer, the frames, the budget and the report; a feature owns only what it knows about its part of the page.
use crate::core::hosts::Site;
use crate::core::page_kind::PageClass;
use crate::dom::report::Reporter;
use crate::dom::services::{json_at, Services};
use crate::dom::watcher::WakeHandle;
use wasm_bindgen::JsValue;
use web_sys::{Document, Element, NodeList, Window};

/// Main-thread time one run may spend reading; the rest waits for the next frame, so a page that mutates without
/// end (or a feed of thousands of posts) cannot freeze the tab.
const FRAME_BUDGET_MS: f64 = 6.0;

/// One of Bezwaar's jobs on a page (badging posts, the notice banner, the objection form ...).
pub trait Feature {
    /// The page changed under `change.target` (never a change Bezwaar made itself).
    fn saw(&mut self, _change: &Change) {}
    /// Reads what it needs right after a frame was rendered, within the frame's budget.
    fn read(&mut self, frame: &mut ReadFrame) -> Next;
    /// Whether `write` has anything to write.
    fn has_writes(&self) -> bool {
        false
    }
    /// Writes what `read` decided, at the start of the next frame.
    fn write(&mut self, _frame: &mut WriteFrame) {}
    /// The extension storage keys it starts from; the watcher reads them once for all features.
    fn stored_keys(&self) -> &'static [&'static str] {
        &[]
    }
    /// The values of `stored_keys`, as storage held them when the watcher started.
    fn stored(&mut self, _page: &Page, _values: &StorageValues) {}
    /// Extension storage changed: the new values of the keys that changed (any keys, not only `stored_keys`).
    fn storage_changed(&mut self, _page: &Page, _changed: &StorageValues) {}
    /// The extension is gone: let go of everything.
    fn stop(&mut self) {}
}

/// Values of extension storage keys: as a read returned them (`{key: value}`, absent keys left out), or as a change
/// set them (`{key: {oldValue, newValue}}`, a removed key's new value absent).
pub struct StorageValues {
    object: JsValue,
    is_change: bool,
}

impl StorageValues {
    /// A `storage.get` answer.
    pub fn read(stored: JsValue) -> Self {
        StorageValues {
            object: stored,
            is_change: false,
        }
    }

    /// A `storage.onChanged` event's changes.
    pub fn changed(changes: JsValue) -> Self {
        StorageValues {
            object: changes,
            is_change: true,
        }
    }

    /// Whether `key` is among these values (read, or changed).
    pub fn has(&self, key: &str) -> bool {
        js_sys::Reflect::has(&self.object, &key.into()).unwrap_or(false)
    }

    /// The value of `key` as JSON: `None` when `key` is not among these values, `Null` when a change removed it.
    pub fn value(&self, key: &str) -> Option<serde_json::Value> {
        if !self.has(key) {
            return None;
        }
        Some(if self.is_change {
            let change = js_sys::Reflect::get(&self.object, &key.into()).unwrap_or_default();
            json_at(&change, "newValue")
        } else {
            json_at(&self.object, key)
        })
    }
}

/// What a feature is given when the watcher starts in a page.
pub struct Start<'a> {
    pub site: Site,
    pub services: &'a Services,
    pub window: &'a Window,
    /// Wakes the watcher from outside a run (a storage answer, an event, a timer).
    pub wake: &'a WakeHandle,
}

/// One mutation record the page made: the element that changed, the nodes it gained and lost, or the label it
/// changed in place.
pub struct Change {
    pub target: Element,
    pub added: NodeList,
    pub removed: NodeList,
    /// A label rewritten in place (a `title` or `aria-label` attribute, or the text of an element): what it said
    /// before. A page that re-renders an audience icon may change only that, keeping every node.
    pub relabelled_from: Option<String>,
}

/// What every feature reads from: the page and the browser services.
pub struct Page {
    pub services: Services,
    pub window: Window,
    /// Kept, not fetched from the window on every reading of the clock (the budget is checked after each post).
    pub performance: Option<web_sys::Performance>,
    pub document: Document,
    pub site: Site,
    pub href: String,
}

impl Page {
    pub fn now(&self) -> f64 {
        self.performance.as_ref().map_or(0.0, |p| p.now())
    }
}

/// A read, right after a frame was rendered.
pub struct ReadFrame<'a> {
    pub page: &'a Page,
    /// The URL changed since the last run (in-app navigation): nothing of the page before carries over.
    pub navigated: bool,
    /// What kind of Meta page this is, as last classified.
    pub class: Option<&'a PageClass>,
    /// The page was classified again in this run.
    pub reclassified: bool,
    /// The page changed in a way that matters beyond posts since the last run.
    pub page_changed: bool,
    /// The entries of the notifications lists, as found when the page was last classified.
    pub notice_entries: &'a [Element],
    pub started: f64,
    pub report: &'a mut Reporter,
}

impl ReadFrame<'_> {
    /// True once this run has spent its reading time.
    pub fn over_budget(&self) -> bool {
        self.page.now() - self.started > FRAME_BUDGET_MS
    }
}

/// A write, at the start of a frame.
pub struct WriteFrame<'a> {
    pub page: &'a Page,
    pub report: &'a mut Reporter,
}

/// What one read leaves for later.
#[derive(Clone, Copy, Default)]
pub struct Next {
    /// Work remains: run again next frame.
    pub more: bool,
    /// Work that must wait (a throttled read, a recheck): run again after this many milliseconds.
    pub wait_ms: Option<f64>,
}

impl Next {
    /// Both: more when either has more, the earlier wait.
    pub fn and(self, other: Next) -> Next {
        Next {
            more: self.more || other.more,
            wait_ms: match (self.wait_ms, other.wait_ms) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            },
        }
    }
}
