//! The badge Bezwaar puts on a post: a zero-height host element (so the post's layout does not move) whose UI
//! lives in an open shadow root. Page CSS cannot reach inside, and our CSS cannot leak out. The host carries the
//! contract attribute `data-bezwaar-visibility`. All text is set as text, never as HTML.
use crate::core::visibility::Visibility;
use crate::dom::services::Services;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, ShadowRootInit, ShadowRootMode};

pub const BADGE_TAG: &str = "bezwaar-badge";
pub const VISIBILITY_ATTRIBUTE: &str = "data-bezwaar-visibility";
pub const SCOPE_ATTRIBUTE: &str = "data-bezwaar-scope";

/// What a badge stands for; the toolbar count includes posts only, not accounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Post,
    /// An Instagram grid item (a post link).
    GridPost,
    Account,
}

impl Scope {
    fn as_str(self) -> &'static str {
        match self {
            Scope::Post => "post",
            Scope::GridPost => "grid",
            Scope::Account => "account",
        }
    }
}

const STYLE: &str = r#"
:host { all: initial; display: block; position: relative; height: 0; z-index: 3; }
:host([data-bezwaar-hidden]) { display: none; }
.wrap { position: absolute; top: 8px; right: 96px; font: 600 11px/1.25 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
:host([data-bezwaar-scope="grid"]) .wrap { top: 6px; right: 6px; }
:host([data-bezwaar-scope="account"]) .wrap { position: static; display: inline-block; margin: 6px 0; }
button { font: inherit; border: 0; border-radius: 999px; padding: 2px 8px; cursor: help; color: #fff; background: #b3261e; box-shadow: 0 0 0 1px rgb(255 255 255 / .6); }
button.limited { background: #146c2e; }
button.unknown { background: #5f6368; }
button:focus-visible { outline: 2px solid #0b57d0; outline-offset: 2px; }
.tip { display: none; position: absolute; top: calc(100% + 4px); right: 0; width: 260px; padding: 8px 10px; border-radius: 8px; background: #fff; color: #1f1f1f; font-weight: 400; line-height: 1.4; box-shadow: 0 2px 8px rgb(0 0 0 / .25); }
:host([data-bezwaar-scope="account"]) .tip { right: auto; left: 0; }
.wrap:hover .tip, .wrap:focus-within .tip { display: block; }
.tip a { color: #0b57d0; }
@media (prefers-color-scheme: dark) {
  .tip { background: #2d2f31; color: #e3e3e3; }
  .tip a { color: #a8c7fa; }
  button { box-shadow: 0 0 0 1px rgb(0 0 0 / .6); }
}
@media (prefers-reduced-motion: no-preference) { .tip { transition: opacity .1s; } }
"#;

/// The localized strings of every badge, read once per page.
pub struct BadgeTexts {
    short: [String; 3],
    name: [String; 3],
    explain: [String; 3],
    object: String,
    form_url: String,
}

fn index(v: Visibility) -> usize {
    match v {
        Visibility::Public => 0,
        Visibility::Limited => 1,
        Visibility::Unknown => 2,
    }
}

impl BadgeTexts {
    /// Fixed strings for the browser tests (which run without the extension's `_locales`).
    #[cfg(test)]
    pub fn for_tests() -> Self {
        let per = |what: &str| ["public", "limited", "unknown"].map(|v| format!("{v} {what}"));
        BadgeTexts {
            short: per("short"),
            name: per("name"),
            explain: per("explain"),
            object: "object".into(),
            form_url: "https://www.facebook.com/help/contact/712876720715583".into(),
        }
    }

    pub fn load(services: &Services, form_url: &str) -> Self {
        let t = |k: &str| services.text(k, &[]);
        BadgeTexts {
            short: [
                t("badgePublicShort"),
                t("badgeLimitedShort"),
                t("badgeUnknownShort"),
            ],
            name: [
                t("badgePublicName"),
                t("badgeLimitedName"),
                t("badgeUnknownName"),
            ],
            explain: [
                t("badgePublicExplain"),
                t("badgeLimitedExplain"),
                t("badgeUnknownExplain"),
            ],
            object: t("badgeObjectLink"),
            form_url: form_url.to_string(),
        }
    }
}

thread_local! {
    /// One stylesheet shared by every badge's shadow root where the browser lets a content script adopt it.
    static SHARED_SHEET: RefCell<Option<Option<JsValue>>> = const { RefCell::new(None) };
}

fn shared_sheet() -> Option<JsValue> {
    SHARED_SHEET.with(|cell| {
        cell.borrow_mut()
            .get_or_insert_with(|| {
                let sheet = web_sys::CssStyleSheet::new().ok()?;
                sheet.replace_sync(STYLE).ok()?;
                Some(sheet.into())
            })
            .clone()
    })
}

fn attach_style(document: &Document, root: &web_sys::ShadowRoot) -> Result<(), JsValue> {
    if let Some(sheet) = shared_sheet() {
        let list = js_sys::Array::of1(&sheet);
        if js_sys::Reflect::set(root, &"adoptedStyleSheets".into(), &list).is_ok() {
            let adopted = js_sys::Reflect::get(root, &"adoptedStyleSheets".into())?;
            if js_sys::Reflect::get(&adopted, &"length".into())?.as_f64() == Some(1.0) {
                return Ok(());
            }
        }
    }
    // Firefox's content-script sandbox may refuse a stylesheet made in it: fall back to a <style> per root.
    let style = document.create_element("style")?;
    style.set_text_content(Some(STYLE));
    root.append_child(&style)?;
    Ok(())
}

/// The badge directly inside `container`, if we placed one.
pub fn existing_badge(container: &Element) -> Option<Element> {
    let children = container.children();
    (0..children.length())
        .filter_map(|i| children.item(i))
        .find(|c| c.tag_name().eq_ignore_ascii_case(BADGE_TAG))
}

/// Makes sure `container` carries exactly one badge saying `visibility`. Returns true when it wrote to the DOM.
pub fn ensure_badge(
    document: &Document,
    container: &Element,
    visibility: Visibility,
    scope: Scope,
    texts: &BadgeTexts,
    hidden: bool,
) -> Result<bool, JsValue> {
    if let Some(host) = existing_badge(container) {
        if host.get_attribute(VISIBILITY_ATTRIBUTE).as_deref() == Some(visibility.as_str()) {
            set_hidden(&host, hidden)?;
            return Ok(false);
        }
        host.remove();
    }
    let host = build(document, visibility, scope, texts)?;
    set_hidden(&host, hidden)?;
    if scope == Scope::Account {
        container.append_child(&host)?;
    } else {
        container.insert_before(&host, container.first_child().as_ref())?;
    }
    Ok(true)
}

pub fn remove_badge(container: &Element) -> bool {
    match existing_badge(container) {
        Some(host) => {
            host.remove();
            true
        }
        None => false,
    }
}

pub fn set_hidden(host: &Element, hidden: bool) -> Result<(), JsValue> {
    if hidden {
        host.set_attribute("data-bezwaar-hidden", "")
    } else {
        host.remove_attribute("data-bezwaar-hidden")
    }
}

fn build(
    document: &Document,
    visibility: Visibility,
    scope: Scope,
    texts: &BadgeTexts,
) -> Result<Element, JsValue> {
    let i = index(visibility);
    let host = document.create_element(BADGE_TAG)?;
    host.set_attribute(VISIBILITY_ATTRIBUTE, visibility.as_str())?;
    host.set_attribute(SCOPE_ATTRIBUTE, scope.as_str())?;
    let root = host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?;
    attach_style(document, &root)?;

    let wrap = document.create_element("span")?;
    wrap.set_class_name("wrap");
    let button = document.create_element("button")?;
    button.set_attribute("type", "button")?;
    button.set_class_name(visibility.as_str());
    button.set_attribute("aria-label", &texts.name[i])?;
    button.set_attribute("aria-describedby", "tip")?;
    button.set_text_content(Some(&texts.short[i]));
    let tip = document.create_element("span")?;
    tip.set_class_name("tip");
    tip.set_id("tip");
    tip.set_attribute("role", "tooltip")?;
    tip.append_child(&document.create_text_node(&texts.explain[i]))?;
    if visibility == Visibility::Public {
        tip.append_child(&document.create_text_node(" "))?;
        let link = document.create_element("a")?;
        link.set_attribute("href", &texts.form_url)?;
        link.set_attribute("target", "_blank")?;
        link.set_attribute("rel", "noopener noreferrer")?;
        link.set_text_content(Some(&texts.object));
        tip.append_child(&link)?;
    }
    wrap.append_child(&button)?;
    wrap.append_child(&tip)?;
    root.append_child(&wrap)?;
    Ok(host)
}
