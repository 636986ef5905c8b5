//! Bezwaar's two in-page surfaces, each a host element with its UI in a closed shadow root (like the post badge):
//! the banner on Meta's AI notice (contract: `data-bezwaar-banner` = page kind, exactly one per page) and the small
//! panel on an objection form. Text is set as text, never as HTML. The roots are closed, so page scripts can neither
//! read what they say nor reach their buttons (assistive technology still reads them); and every control in them
//! answers only the user's own, trusted, events.
use crate::core::page_kind::PageKind;
use crate::dom::attribute::{is_created, mark_created};
use crate::dom::form_link::open_through_background;
use crate::dom::seen_press;
use crate::dom::selector::query_all;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, ShadowRoot, ShadowRootInit, ShadowRootMode};

pub const BANNER_TAG: &str = "bezwaar-banner";
pub const BANNER_ATTRIBUTE: &str = "data-bezwaar-banner";
pub const PANEL_TAG: &str = "bezwaar-panel";
pub const PANEL_ATTRIBUTE: &str = "data-bezwaar-panel";

const BANNER_STYLE: &str = r#"
:host { all: initial; display: block; margin: 8px 0; }
.banner { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 16px; padding: 10px 14px; border-radius: 8px;
  border-inline-start: 4px solid #b3261e; background: #fff4f2; color: #1f1f1f;
  font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
/* Bezwaar's text takes its direction from its own words, not from the page (English on a right-to-left page). */
p { margin: 0; flex: 1 1 280px; unicode-bidi: plaintext; }
a { flex: none; display: inline-block; padding: 6px 12px; border-radius: 6px; background: #b3261e; color: #fff;
  font-weight: 600; text-decoration: none; }
a:hover { background: #8c1d18; }
a:focus-visible { outline: 2px solid #0b57d0; outline-offset: 2px; }
@media (prefers-color-scheme: dark) { .banner { background: #3a1f1d; color: #f2dedc; } }
"#;

const PANEL_STYLE: &str = r#"
:host { all: initial; position: fixed; inset-inline-end: 16px; bottom: 16px; z-index: 2147483646; display: block;
  max-width: min(340px, calc(100vw - 32px)); font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
section { background: #fff; color: #1f1f1f; border-radius: 10px; box-shadow: 0 2px 12px rgb(0 0 0 / .3);
  padding: 10px 12px; border-top: 4px solid #0b57d0; }
section:focus { outline: none; }
header { display: flex; align-items: center; justify-content: space-between; gap: 8px; }
h2 { margin: 0; font-size: 14px; }
p { margin: 6px 0 0; }
h2, p { unicode-bidi: plaintext; }
p.key { font-weight: 600; }
button { font: inherit; cursor: pointer; border-radius: 6px; }
button.fill { margin-top: 8px; padding: 5px 12px; border: 0; background: #0b57d0; color: #fff; font-weight: 600; }
button.toggle { border: 1px solid #c4c7c5; background: transparent; color: inherit; padding: 1px 8px; }
button:focus-visible { outline: 2px solid #0b57d0; outline-offset: 2px; }
:host([data-bezwaar-collapsed]) .body { display: none; }
@media (prefers-color-scheme: dark) {
  section { background: #2d2f31; color: #e3e3e3; border-top-color: #a8c7fa; }
  button.fill { background: #a8c7fa; color: #062e6f; }
}
"#;

fn attach_style(document: &Document, root: &ShadowRoot, css: &str) -> Result<(), JsValue> {
    // A <style> per root: these surfaces exist at most once per page, so sharing a sheet buys nothing, and
    // Firefox's content-script sandbox may refuse an adopted sheet made in it.
    let style = document.create_element("style")?;
    style.set_text_content(Some(css));
    root.append_child(&style)?;
    Ok(())
}

thread_local! {
    /// The banner's button opens the form through the background (`form_link`).
    static FORM_LINK_PRESS: Closure<dyn Fn(web_sys::Event)> = Closure::new(|event: web_sys::Event| {
        if let Some(link) = event.current_target().and_then(|t| t.dyn_into::<Element>().ok()) {
            open_through_background(&event, &link);
        }
    });
    /// One guard on every host, for clicks and keys on their way in: an event a script made up stops there.
    static UNTRUSTED_GUARD: Closure<dyn Fn(web_sys::Event)> = Closure::new(|event: web_sys::Event| {
        if !event.is_trusted() {
            event.prevent_default();
            event.stop_immediate_propagation();
        }
    });
}

/// A host of ours with a closed shadow root, guarded against made-up events.
fn new_host(document: &Document, tag: &str) -> Result<(Element, ShadowRoot), JsValue> {
    let host = document.create_element(tag)?;
    let root = host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Closed))?;
    UNTRUSTED_GUARD.with(|guard| {
        for event_type in ["click", "keydown", "keyup", "keypress"] {
            host.add_event_listener_with_callback_and_bool(
                event_type,
                guard.as_ref().unchecked_ref(),
                true,
            )?;
        }
        Ok::<(), JsValue>(())
    })?;
    mark_created(&host);
    Ok((host, root))
}

fn element(document: &Document, tag: &str, text: Option<&str>) -> Result<Element, JsValue> {
    let e = document.create_element(tag)?;
    if let Some(text) = text {
        e.set_text_content(Some(text));
    }
    Ok(e)
}

// ---- the banner ------------------------------------------------------------------------------------------------

/// Where the banner goes, relative to the notice it explains.
#[derive(Debug, Clone, PartialEq)]
pub enum Anchor {
    /// Right after this entry of a notifications list.
    AfterEntry(Element),
    /// First thing inside this dialog (a modal dialog makes the rest of the page inert: a banner outside it could
    /// not be used).
    InDialog(Element),
    /// Right before this heading.
    BeforeHeading(Element),
    /// First thing inside this region (the main content, or the body).
    TopOf(Element),
}

impl Anchor {
    fn holds(&self, host: &Element) -> bool {
        match self {
            Anchor::AfterEntry(entry) => host.previous_element_sibling().as_ref() == Some(entry),
            Anchor::InDialog(region) | Anchor::TopOf(region) => {
                region.first_element_child().as_ref() == Some(host)
            }
            Anchor::BeforeHeading(heading) => host.next_element_sibling().as_ref() == Some(heading),
        }
    }

    fn place(&self, host: &Element) -> Result<(), JsValue> {
        match self {
            Anchor::AfterEntry(entry) => entry.after_with_node_1(host),
            Anchor::InDialog(region) | Anchor::TopOf(region) => region.prepend_with_node_1(host),
            Anchor::BeforeHeading(heading) => heading.before_with_node_1(host),
        }
    }
}

/// The banner's localized text and the form its button opens.
#[derive(Debug, Clone, PartialEq)]
pub struct BannerContent {
    pub label: String,
    pub sentence: String,
    pub button: String,
    pub form_url: String,
}

/// Makes sure the page carries exactly one banner, for `kind`, at `anchor`. Returns true when it wrote to the DOM.
pub fn ensure_banner(
    document: &Document,
    anchor: &Anchor,
    kind: PageKind,
    content: &BannerContent,
) -> Result<bool, JsValue> {
    let existing = query_all(document, BANNER_TAG)
        .filter(is_created)
        .collect::<Vec<_>>();
    if let [host] = existing.as_slice() {
        let same = host.get_attribute(BANNER_ATTRIBUTE).as_deref() == Some(kind.as_str())
            && anchor.holds(host)
            && host.get_attribute("data-bezwaar-href").as_deref() == Some(&content.form_url);
        if same {
            return Ok(false);
        }
    }
    for host in &existing {
        host.remove();
    }
    let host = build_banner(document, kind, content)?;
    anchor.place(&host)?;
    Ok(true)
}

/// Removes every banner; true when there was one.
pub fn remove_banners(document: &Document) -> bool {
    let existing = query_all(document, BANNER_TAG)
        .filter(is_created)
        .collect::<Vec<_>>();
    for host in &existing {
        host.remove();
    }
    !existing.is_empty()
}

fn build_banner(
    document: &Document,
    kind: PageKind,
    content: &BannerContent,
) -> Result<Element, JsValue> {
    let (host, root) = new_host(document, BANNER_TAG)?;
    host.set_attribute(BANNER_ATTRIBUTE, kind.as_str())?;
    // Lets `ensure_banner` see which form the button opens without reaching into the shadow root.
    host.set_attribute("data-bezwaar-href", &content.form_url)?;
    attach_style(document, &root, BANNER_STYLE)?;
    let region = element(document, "div", None)?;
    region.set_class_name("banner");
    region.set_attribute("role", "note")?;
    region.set_attribute("aria-label", &content.label)?;
    let sentence = element(document, "p", Some(&content.sentence))?;
    region.append_child(&sentence)?;
    let link = element(document, "a", Some(&content.button))?;
    link.set_attribute("href", &content.form_url)?;
    link.set_attribute("target", "_blank")?;
    link.set_attribute("rel", "noopener noreferrer")?;
    FORM_LINK_PRESS.with(|listener| {
        link.add_event_listener_with_callback("click", listener.as_ref().unchecked_ref())
    })?;
    region.append_child(&link)?;
    root.append_child(&region)?;
    Ok(host)
}

// ---- the panel -------------------------------------------------------------------------------------------------

/// What the panel says; built by `page.rs` from localized strings.
#[derive(Debug, Clone, PartialEq)]
pub struct PanelContent {
    /// Short machine-readable state, put on the host as `data-bezwaar-panel`.
    pub state: &'static str,
    pub title: String,
    /// The sentence that matters most (shown in bold, announced politely).
    pub key_line: String,
    pub lines: Vec<String>,
    /// Label of the "fill in" button, when it is offered.
    pub fill_button: Option<String>,
    pub hide_label: String,
    pub show_label: String,
}

/// The panel's host and what it shows, kept so that an unchanged panel is not rebuilt.
#[derive(Default)]
pub struct Panel {
    host: Option<(Element, ShadowRoot)>,
    shown: Option<PanelContent>,
    /// The fill button shown, whose being in plain sight is followed (`seen_press`).
    fill: Option<Element>,
    // Kept alive as long as the panel: dropping them would detach the buttons' handlers.
    _handlers: Vec<Closure<dyn FnMut(web_sys::Event)>>,
}

impl Panel {
    /// Shows `content`; `on_fill` runs when the user presses the fill-in button. Returns true when it wrote.
    pub fn show(
        &mut self,
        document: &Document,
        content: &PanelContent,
        on_fill: &js_sys::Function,
    ) -> Result<bool, JsValue> {
        let attached = self.host.as_ref().is_some_and(|(h, _)| h.is_connected());
        if attached && self.shown.as_ref() == Some(content) {
            return Ok(false);
        }
        let (host, root) = match &self.host {
            Some(made) if attached => made.clone(),
            _ => {
                let (host, root) = new_host(document, PANEL_TAG)?;
                let parent = document
                    .body()
                    .map(Element::from)
                    .or_else(|| document.document_element())
                    .ok_or("no body")?;
                parent.append_child(&host)?;
                self.host = Some((host.clone(), root.clone()));
                (host, root)
            }
        };
        let had_focus = js_sys::Reflect::get(&root, &"activeElement".into())
            .map(|active| !active.is_null() && !active.is_undefined())
            .unwrap_or(false);
        root.set_text_content(None);
        self._handlers.clear();
        if let Some(fill) = self.fill.take() {
            seen_press::untrack(&fill);
        }
        attach_style(document, &root, PANEL_STYLE)?;
        host.set_attribute(PANEL_ATTRIBUTE, content.state)?;

        let section = element(document, "section", None)?;
        section.set_attribute("role", "region")?;
        section.set_attribute("aria-label", &content.title)?;
        section.set_attribute("tabindex", "-1")?;
        let header = element(document, "header", None)?;
        let title = element(document, "h2", Some(&content.title))?;
        header.append_child(&title)?;
        let toggle = element(document, "button", None)?;
        toggle.set_attribute("type", "button")?;
        toggle.set_class_name("toggle");
        header.append_child(&toggle)?;
        section.append_child(&header)?;

        let body = element(document, "div", None)?;
        body.set_class_name("body");
        let key = element(document, "p", Some(&content.key_line))?;
        key.set_class_name("key");
        key.set_attribute("role", "status")?;
        body.append_child(&key)?;
        for line in &content.lines {
            let paragraph = element(document, "p", Some(line))?;
            body.append_child(&paragraph)?;
        }
        if let Some(label) = &content.fill_button {
            let fill = element(document, "button", Some(label))?;
            fill.set_attribute("type", "button")?;
            fill.set_class_name("fill");
            fill.add_event_listener_with_callback("click", on_fill)?;
            body.append_child(&fill)?;
            seen_press::track(&fill);
            self.fill = Some(fill);
        }
        section.append_child(&body)?;
        root.append_child(&section)?;

        let collapsed = host.has_attribute("data-bezwaar-collapsed");
        set_toggle(&toggle, collapsed, content)?;
        let (hide, show) = (content.hide_label.clone(), content.show_label.clone());
        let toggle_host = host.clone();
        let toggle_button = toggle.clone();
        let handler = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            if !event.is_trusted() {
                return;
            }
            let collapse = !toggle_host.has_attribute("data-bezwaar-collapsed");
            let _ = if collapse {
                toggle_host.set_attribute("data-bezwaar-collapsed", "")
            } else {
                toggle_host.remove_attribute("data-bezwaar-collapsed")
            };
            let label = if collapse { &show } else { &hide };
            let _ = toggle_button
                .set_attribute("aria-expanded", if collapse { "false" } else { "true" });
            toggle_button.set_text_content(Some(label));
        });
        toggle.add_event_listener_with_callback("click", handler.as_ref().unchecked_ref())?;
        self._handlers.push(handler);

        // Rebuilding took away the focused button; keep keyboard users inside the panel.
        if had_focus {
            if let Some(section) = section.dyn_ref::<web_sys::HtmlElement>() {
                let _ = section.focus();
            }
        }
        self.shown = Some(content.clone());
        Ok(true)
    }

    /// Takes the panel off the page; true when there was one.
    pub fn remove(&mut self) -> bool {
        self.shown = None;
        self._handlers.clear();
        if let Some(fill) = self.fill.take() {
            seen_press::untrack(&fill);
        }
        match self.host.take() {
            Some((host, _)) => {
                let connected = host.is_connected();
                host.remove();
                connected
            }
            None => false,
        }
    }
}

fn set_toggle(toggle: &Element, collapsed: bool, content: &PanelContent) -> Result<(), JsValue> {
    toggle.set_attribute("aria-expanded", if collapsed { "false" } else { "true" })?;
    toggle.set_text_content(Some(if collapsed {
        &content.show_label
    } else {
        &content.hide_label
    }));
    Ok(())
}
