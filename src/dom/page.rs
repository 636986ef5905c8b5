//! Page-level features: what kind of Meta page this is (from `core::page_kind`), read from visible headings,
//! dialogs and forms. The kind is re-read when the URL changes and, at most every `RECLASSIFY_MS`, after the page
//! changed (notices arrive as dialogs; the confirmation replaces the form in place).
use crate::core::hosts::Site;
use crate::core::page_kind::{classify_page, PageKind, PageSignals};
use crate::dom::services::Services;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Window};

const RECLASSIFY_MS: f64 = 400.0;
const MAX_TEXT_BLOCKS: u32 = 40;
const MAX_BLOCK_CHARS: usize = 4000;

pub struct PageFeatures {
    site: Site,
    kind: Option<PageKind>,
    mutated: bool,
    last_read_ms: f64,
}

impl PageFeatures {
    pub fn new(site: Site) -> Self {
        PageFeatures {
            site,
            kind: None,
            mutated: true,
            last_read_ms: f64::NEG_INFINITY,
        }
    }

    pub fn kind(&self) -> Option<PageKind> {
        self.kind
    }

    pub fn note_mutations(&mut self) {
        self.mutated = true;
    }

    pub fn storage_changed(&mut self, _changes: &JsValue) {}

    /// Returns true when what the page is changed (the report must be resent).
    pub fn run(
        &mut self,
        _services: &Services,
        window: &Window,
        document: &Document,
        navigated: bool,
    ) -> bool {
        let now = window.performance().map(|p| p.now()).unwrap_or(0.0);
        if !(navigated
            || self.kind.is_none()
            || (self.mutated && now - self.last_read_ms >= RECLASSIFY_MS))
        {
            return false;
        }
        self.mutated = false;
        self.last_read_ms = now;
        let signals = read_signals(window, document);
        let kind = classify_page(&signals).kind;
        let _ = self.site;
        let changed = self.kind != Some(kind);
        self.kind = Some(kind);
        changed
    }
}

fn texts_of(document: &Document, selector: &str) -> Vec<String> {
    let Ok(list) = document.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length().min(MAX_TEXT_BLOCKS))
        .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
        .filter(|e| !e.tag_name().to_ascii_lowercase().starts_with("bezwaar-"))
        .filter(crate::dom::visible::region_rendered)
        .filter_map(|e| e.text_content())
        .map(|t| t.chars().take(MAX_BLOCK_CHARS).collect::<String>())
        .filter(|t| !t.trim().is_empty())
        .collect()
}

fn read_signals(window: &Window, document: &Document) -> PageSignals {
    PageSignals {
        url: window.location().href().unwrap_or_default(),
        title: document.title(),
        headings: texts_of(document, "h1, h2, h3, [role=\"heading\"]"),
        dialogs: texts_of(
            document,
            "[role=\"dialog\"], [role=\"alertdialog\"], dialog[open]",
        ),
        form_texts: texts_of(document, "form"),
        has_form_controls: document
            .query_selector("input:not([type=\"hidden\"]), textarea, select, [role=\"combobox\"]")
            .ok()
            .flatten()
            .is_some(),
    }
}
