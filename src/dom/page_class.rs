//! What kind of Meta page this is (decided by `core::page_kind` from what is read here): re-read when the URL
//! changes and, at most every `RECLASSIFY_MS`, after the page changed (notices arrive as dialogs or in notifications
//! lists opened later; the confirmation replaces the form in place); a timer makes sure the last change is read.
//! Every feature reads the class the watcher keeps here.
use crate::core::form_plan::code_field_selector;
use crate::core::page_kind::{
    classify_page, contact_form_of, is_notifications_page, names_notifications_list,
    notification_entry_selector, PageClass, PageKind, PageSignals,
};
use crate::dom::attribute::is_ours;
use crate::dom::prefill::{text_of, text_up_to};
use crate::dom::selector::{elements_of, query_all, Selector};
use crate::dom::visible::{read_text, region_rendered, seen, shown_text, TextParts};
use crate::dom::watcher::WakeHandle;
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, NodeList, Window};

const RECLASSIFY_MS: f64 = 400.0;
const MAX_TEXT_BLOCKS: u32 = 40;
const MAX_BLOCK_CHARS: usize = 4000;
/// A form's text (intro, questions, labels) may be longer than a heading or dialog.
const MAX_FORM_CHARS: usize = 20_000;
/// Headings looked at for a notifications list's title.
const MAX_LIST_HEADINGS: usize = 200;
const MAX_NOTIFICATION_ENTRIES: usize = 100;
/// Containers that can be a notifications list when their accessible name says so (only named ones are looked at:
/// a feed has thousands of unnamed lists).
const LABELLED_CONTAINERS: &str = "[role=\"dialog\"][aria-label], [role=\"dialog\"][aria-labelledby], \
     [role=\"region\"][aria-label], [role=\"region\"][aria-labelledby], \
     [role=\"complementary\"][aria-label], [role=\"complementary\"][aria-labelledby], \
     [role=\"list\"][aria-label], [role=\"list\"][aria-labelledby], [role=\"grid\"][aria-label], \
     [role=\"grid\"][aria-labelledby], [role=\"navigation\"][aria-label], [role=\"navigation\"][aria-labelledby], \
     section[aria-label], section[aria-labelledby], aside[aria-label], aside[aria-labelledby], \
     ul[aria-label], ul[aria-labelledby], ol[aria-label], ol[aria-labelledby]";
/// A heading longer than this is no list's title.
const MAX_LIST_NAME_CHARS: usize = 60;
pub const HEADINGS: &str = "h1, h2, h3, [role=\"heading\"]";
pub const DIALOGS: &str = "[role=\"dialog\"], [role=\"alertdialog\"], dialog[open]";

/// What a run of the classifier found.
pub struct Classified {
    /// The page was classified again in this run.
    pub reclassified: bool,
    /// What the page is changed (the report must be resent).
    pub kind_changed: bool,
    /// The page changed in a way that matters beyond posts since the last run (or was classified again).
    pub page_changed: bool,
}

pub struct PageClassifier {
    class: Option<PageClass>,
    /// The entries of the notifications lists, as of the last classification.
    entries: Vec<Element>,
    /// The page changed since it was last classified.
    mutated: bool,
    /// The page changed since the last run.
    work_due: bool,
    last_read_ms: f64,
    /// The URL is a contact form or a notifications page: any change there may alter what the page is.
    url_matters: bool,
    reclassify_timer: Option<Timeout>,
    dialogs: Selector,
    /// Dialogs and the named containers a notifications list can be: where a notice arrives on any page.
    notice_places: Selector,
    wake: WakeHandle,
}

impl PageClassifier {
    pub fn new(wake: WakeHandle) -> Self {
        PageClassifier {
            class: None,
            entries: Vec::new(),
            mutated: true,
            work_due: true,
            last_read_ms: f64::NEG_INFINITY,
            url_matters: true,
            reclassify_timer: None,
            dialogs: Selector::new(DIALOGS),
            notice_places: Selector::new(&format!("{DIALOGS}, {LABELLED_CONTAINERS}")),
            wake,
        }
    }

    pub fn class(&self) -> Option<&PageClass> {
        self.class.as_ref()
    }

    pub fn kind(&self) -> Option<PageKind> {
        self.class.as_ref().map(|c| c.kind)
    }

    pub fn notice_entries(&self) -> &[Element] {
        &self.entries
    }

    /// Something under `target` changed (`added` holds the nodes it gained). On a feed, reading the whole page
    /// after every batch of posts would cost far more than badging them (the benchmark measured 85% of the script
    /// time there), and only a dialog can turn a feed into a notice page; so outside the pages whose URL or kind
    /// already matters, only changes that touch a dialog are read.
    pub fn saw(&mut self, target: &Element, added: &NodeList) {
        if self.mutated && self.work_due {
            return;
        }
        let whole_page_matters = self.url_matters
            || self
                .class
                .as_ref()
                .map_or(true, |c| c.kind != PageKind::Other);
        // A dialog changed, or something was added to or as a place a notice can be shown in (a notifications list
        // opened after the page loaded, or a new entry in one).
        let touches_notice_place = || {
            self.dialogs.closest(target).is_some()
                || (added.length() > 0
                    && (self.notice_places.closest(target).is_some()
                        || elements_of(added.clone()).any(|e| {
                            self.notice_places.matches(&e) || self.notice_places.any_under(&e)
                        })))
        };
        if whole_page_matters || touches_notice_place() {
            self.mutated = true;
            self.work_due = true;
        }
    }

    /// Classifies the page when it is due (a navigation, the first run, a change once `RECLASSIFY_MS` has passed).
    pub fn run(
        &mut self,
        window: &Window,
        document: &Document,
        navigated: bool,
        now: f64,
    ) -> Classified {
        let due = navigated
            || self.class.is_none()
            || (self.mutated && now - self.last_read_ms >= RECLASSIFY_MS);
        let mut kind_changed = false;
        if due {
            self.mutated = false;
            self.last_read_ms = now;
            self.reclassify_timer = None;
            let reading = read_page(window, document);
            self.url_matters = contact_form_of(&reading.signals.url).is_some()
                || is_notifications_page(&reading.signals.url);
            let class = classify_page(&reading.signals);
            kind_changed = self.kind() != Some(class.kind);
            self.class = Some(class);
            self.entries = reading.entries;
            self.work_due = true;
        } else if self.mutated && self.reclassify_timer.is_none() {
            // Changes inside the window are read when it ends, not at the next unrelated change.
            let wait = (RECLASSIFY_MS - (now - self.last_read_ms)).max(0.0) as u32 + 1;
            self.reclassify_timer = Some(self.wake.after(wait));
        }
        Classified {
            reclassified: due,
            kind_changed,
            page_changed: std::mem::take(&mut self.work_due),
        }
    }

    pub fn stop(&mut self) {
        self.reclassify_timer = None;
    }
}

struct Reading {
    signals: PageSignals,
    /// The entries of notifications lists, in page order.
    entries: Vec<Element>,
}

/// What each rendered dialog says itself (at most `MAX_TEXT_BLOCKS`, each cut at `MAX_BLOCK_CHARS`).
fn dialog_texts(document: &Document) -> Vec<String> {
    query_all(document, DIALOGS)
        .filter(|e| !is_ours(e))
        .take(MAX_TEXT_BLOCKS as usize)
        .filter(region_rendered)
        .map(|e| dialog_text(&e))
        .filter(|t| !t.trim().is_empty())
        .collect()
}

/// Links read in one dialog: a notice has a few; a dialog with more is some other list.
const MAX_DIALOG_LINKS: usize = 50;

/// Where the links of each rendered dialog lead (see [`dialog_own_links`]).
fn dialog_links(document: &Document) -> Vec<String> {
    query_all(document, DIALOGS)
        .filter(|e| !is_ours(e))
        .take(MAX_TEXT_BLOCKS as usize)
        .filter(region_rendered)
        .flat_map(|dialog| dialog_own_links(&dialog))
        .collect()
}

/// Where a dialog's own links lead, leaving out those of the posts and comments it shows (a post viewer is a
/// dialog too, and a friend's post may link to the objection form).
pub fn dialog_own_links(dialog: &Element) -> Vec<String> {
    query_all(dialog, "a[href]")
        .filter(|link| {
            link.closest(PEOPLES_WORDS)
                .ok()
                .flatten()
                .map_or(true, |article| !dialog.contains(Some(&article)))
        })
        .take(MAX_DIALOG_LINKS)
        .filter_map(|link| link.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .map(|link| link.href())
        .collect()
}

/// Where a page shows what people wrote, not what Meta says: posts and comments (`role="article"`, `<article>`), and
/// the header of what the main region shows (a profile's name and bio, a post's author and caption). A heading
/// there repeating Meta's notice (a chain message, a bio) is not the notice.
const PEOPLES_WORDS: &str =
    "[role=\"article\"], article:not([role]), [role=\"main\"] header, main header";
/// Posts and comments.
const POSTS: &str = "[role=\"article\"], article:not([role])";

/// Whether the page shows posts or comments: people's words, which may quote Meta's (a chain message, a friend's
/// "Meta wrote back to me").
pub fn shows_posts(document: &Document) -> bool {
    // The page an in-app move left stays in the document, hidden: only posts rendered now count.
    query_all(document, POSTS).any(|post| region_rendered(&post))
}

/// Headings are short and read on every page (a feed has one per post): `textContent`, read natively, is enough.
fn heading_texts(document: &Document) -> Vec<String> {
    query_all(document, HEADINGS)
        .take(MAX_LIST_HEADINGS)
        .filter(|e| !is_ours(e))
        .filter(|e| e.closest(PEOPLES_WORDS).ok().flatten().is_none())
        .take(MAX_TEXT_BLOCKS as usize)
        .filter(region_rendered)
        .filter_map(|e| e.text_content())
        .map(|t| t.chars().take(MAX_BLOCK_CHARS).collect::<String>())
        .filter(|t| !t.trim().is_empty())
        .collect()
}

/// What a dialog says itself, without the posts and comments it shows (a post viewer is a dialog too).
pub fn dialog_text(element: &Element) -> String {
    read_text(element, MAX_BLOCK_CHARS, TextParts::OwnWords)
        .chars()
        .take(MAX_BLOCK_CHARS)
        .collect()
}

pub fn block_text(element: &Element) -> String {
    text_up_to(element, MAX_BLOCK_CHARS)
        .chars()
        .take(MAX_BLOCK_CHARS)
        .collect()
}

/// What a form region says, as a person reads it: without the options of its pickers, scripts or hidden parts (a
/// form's hidden "thank you", whether by attribute or by style, must not read as sent). Only read on contact form
/// routes.
fn form_texts_of(document: &Document, selector: &str) -> Vec<String> {
    regions_of(document, selector)
        .iter()
        .map(region_text)
        .filter(|t| !t.trim().is_empty())
        .collect()
}

fn regions_of(document: &Document, selector: &str) -> Vec<Element> {
    query_all(document, selector)
        .filter(|e| !is_ours(e))
        .take(MAX_TEXT_BLOCKS as usize)
        .filter(region_rendered)
        .collect()
}

fn region_text(region: &Element) -> String {
    shown_text(region).chars().take(MAX_FORM_CHARS).collect()
}

/// The texts of a contact form's page, as `(form_texts, filled_form_texts)` of [`PageSignals`]: a form that shows a
/// field to fill (other than the e-mail code step's) speaks for itself; every other form, alert and status region,
/// or the main region when there is no form, may be Meta's answer.
fn contact_form_texts(document: &Document) -> (Vec<String>, Vec<String>) {
    let to_fill = format!(
        "input:not([type=\"hidden\"]):not([type=\"submit\"]):not([type=\"button\"]):not([type=\"reset\"])\
         :not([type=\"image\"]):not({code}), textarea, select",
        code = code_field_selector()
    );
    let forms = regions_of(document, "form");
    let (filling, answering): (Vec<Element>, Vec<Element>) =
        forms.iter().cloned().partition(|form| {
            query_all(form, &to_fill).any(|field| !is_ours(&field) && seen(&field) != Some(false))
        });
    let texts = |regions: &[Element]| -> Vec<String> {
        regions
            .iter()
            .map(region_text)
            .filter(|t| !t.trim().is_empty())
            .collect()
    };
    let mut answers = texts(&answering);
    answers.extend(form_texts_of(
        document,
        "[role=\"alert\"], [role=\"status\"]",
    ));
    if document.query_selector("form").ok().flatten().is_none() {
        answers.extend(form_texts_of(document, "[role=\"main\"], main"));
        if answers.is_empty() {
            answers.extend(form_texts_of(document, "body"));
        }
    }
    (answers, texts(&filling))
}

fn read_page(window: &Window, document: &Document) -> Reading {
    let url = window.location().href().unwrap_or_default();
    // Form and main-region text only matters on a contact form route; elsewhere it is not read at all.
    let (form_texts, filled_form_texts) = if contact_form_of(&url).is_some() {
        contact_form_texts(document)
    } else {
        (Vec::new(), Vec::new())
    };
    let entries = notification_entries(&url, document);
    let notifications = entries
        .iter()
        .map(block_text)
        .filter(|t| !t.trim().is_empty())
        .collect();
    let signals = PageSignals {
        url,
        // A post's page is titled with the post's text, which may quote the notice (a chain message): where the
        // page shows posts, its title is not read as Meta's words.
        title: if shows_posts(document) {
            String::new()
        } else {
            document.title()
        },
        headings: heading_texts(document),
        dialogs: dialog_texts(document),
        form_texts,
        filled_form_texts,
        has_form_controls: document
            .query_selector("input:not([type=\"hidden\"]), textarea, select, [role=\"combobox\"]")
            .ok()
            .flatten()
            .is_some(),
        notifications,
        dialog_links: dialog_links(document),
    };
    Reading { signals, entries }
}

/// The accessible name of a container: its aria-label, or the text of what aria-labelledby names.
fn container_name(document: &Document, element: &Element) -> String {
    if let Some(label) = element.get_attribute("aria-label") {
        return label;
    }
    element
        .get_attribute("aria-labelledby")
        .map(|ids| {
            ids.split_whitespace()
                .filter_map(|id| document.get_element_by_id(id))
                .map(|e| text_of(&e))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default()
}

/// The entries of the notifications lists on the page: the whole page on a notifications page, else containers
/// named "Notifications" (by aria-label, aria-labelledby or a heading) in one of the known languages.
fn notification_entries(url: &str, document: &Document) -> Vec<Element> {
    let selector = notification_entry_selector();
    let mut lists: Vec<Element> = Vec::new();
    if is_notifications_page(url) {
        lists.extend(
            document
                .query_selector("[role=\"main\"], main")
                .ok()
                .flatten()
                .or_else(|| document.body().map(Element::from)),
        );
    }
    for container in query_all(document, LABELLED_CONTAINERS) {
        if names_notifications_list(&container_name(document, &container)) {
            lists.push(container);
        }
    }
    for heading in query_all(document, HEADINGS).take(MAX_LIST_HEADINGS) {
        let name = heading.text_content().unwrap_or_default();
        if name.len() > MAX_LIST_NAME_CHARS || !names_notifications_list(&name) {
            continue;
        }
        // The list a heading names is in the nearest box around the heading that has entries.
        let mut current = heading.parent_element();
        while let Some(ancestor) = current {
            if ancestor.query_selector(selector).ok().flatten().is_some() {
                lists.push(ancestor);
                break;
            }
            current = ancestor.parent_element();
        }
    }
    let mut entries: Vec<Element> = Vec::new();
    for list in &lists {
        for entry in query_all(list, selector) {
            let nested = entry
                .parent_element()
                .and_then(|p| p.closest(selector).ok().flatten())
                .is_some_and(|outer| list.contains(Some(&outer)));
            if nested || entries.contains(&entry) || !region_rendered(&entry) {
                continue;
            }
            entries.push(entry);
            if entries.len() >= MAX_NOTIFICATION_ENTRIES {
                return entries;
            }
        }
    }
    entries
}
