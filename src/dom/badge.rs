//! The badge Bezwaar puts on a post: a zero-height host element (so the post's layout does not move) whose UI
//! lives in a closed shadow root. Page CSS cannot reach inside, page scripts can neither read nor press what is
//! there, and our CSS cannot leak out; the few properties page CSS could still set on the host itself are pinned
//! inline. The host carries the contract attribute `data-bezwaar-visibility`. All text is set as text, never as
//! HTML. A post whose audience label no rule reads says so in its explanation, quoting the label, and there (only
//! where the user opened the explanation, one offer per post) offers to learn what it means; the answer goes to the
//! content script's teach handler, on the user's own click only. Only hosts Bezwaar made count as badges (`attribute::is_created`): an element a page makes with the same
//! name and attributes, or its copy of a post with a badge in it, is taken away where Bezwaar puts its own.
use crate::core::taught::{TaughtMeaning, UnreadLabel};
use crate::core::text_keys::PRESS_UNSEEN_KEY;
use crate::core::visibility::Visibility;
use crate::dom::attribute::{is_created, mark_created};
use crate::dom::form_link::open_through_background;
use crate::dom::seen_press;
use crate::dom::selector::{query_all, Selector};
use crate::dom::services::Services;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, DocumentFragment, Element, HtmlElement, ShadowRootInit, ShadowRootMode};

pub const BADGE_TAG: &str = "bezwaar-badge";
pub const VISIBILITY_ATTRIBUTE: &str = "data-bezwaar-visibility";
pub const SCOPE_ATTRIBUTE: &str = "data-bezwaar-scope";
/// Present while the user has switched badges off: the badge stays (so the counts stay right) but is not shown.
pub const HIDDEN_ATTRIBUTE: &str = "data-bezwaar-hidden";
pub const THEME_ATTRIBUTE: &str = "data-bezwaar-theme";

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

/// How a badge is shown, besides what it says.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Look {
    /// The user switched badges off.
    pub hidden: bool,
    /// The page around the badge is dark (Facebook's dark mode is a site setting, not the system's).
    pub dark: bool,
    pub placement: Placement,
}

/// Where the badge's host goes in its container, and how it takes no room there.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Placement {
    /// A positioned container: the host is anchored to its top edge, full width, as its last child (where it least
    /// disturbs structural page CSS such as :first-child).
    #[default]
    Anchored,
    /// A container that lays its children out as blocks: the host is a zero-height block at its start. It is the
    /// badge's own containing block, so laying the badge out never reaches beyond the post; an out-of-flow host
    /// would be laid out by the nearest positioned ancestor, which may hold the whole feed.
    InFlow,
    /// Any other container (flex with gaps, grid, inline): the host is taken out of the flow at the container's
    /// start, as wide as the container's content (in whole pixels).
    OutOfFlow(f64),
}

/// The button and its explanation are siblings, each placed against the host: a box around the two would be one more
/// positioned box in every post of the feed for the browser to lay out, walk and paint.
const STYLE: &str = r#"
:host { all: initial; }
button { position: absolute; top: 8px; inset-inline-end: 96px; font: 600 11px/1.25 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; border: 0; border-radius: 999px; padding: 2px 8px; margin: 0; cursor: help; color: #fff; background: #b3261e; box-shadow: 0 0 0 1px rgb(255 255 255 / .7); }
button.limited { background: #146c2e; }
button.unknown { background: #5f6368; }
button:focus-visible { outline: 2px solid #0b57d0; outline-offset: 2px; }
.tip { display: none; position: absolute; top: calc(8px + 1.25em + 8px); inset-inline-end: 96px; width: 260px; padding: 8px 10px; border-radius: 8px; background: #fff; color: #1f1f1f; font: 400 11px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; text-align: start; white-space: normal; box-shadow: 0 2px 8px rgb(0 0 0 / .25); }
/* Bridges the gap above the explanation: a pointer on its way from the badge to the buttons in it keeps it open. */
.tip::before { content: ""; position: absolute; left: 0; right: 0; top: -10px; height: 10px; }
:host([data-bezwaar-scope="grid"]) button { top: 6px; inset-inline-end: 6px; }
:host([data-bezwaar-scope="grid"]) .tip { top: calc(6px + 1.25em + 8px); inset-inline-end: 6px; }
:host([data-bezwaar-scope="account"]) button { top: 4px; inset-inline-end: 4px; }
:host([data-bezwaar-scope="account"]) .tip { top: calc(4px + 1.25em + 8px); inset-inline-end: 4px; }
:host(:hover) .tip, :host(:focus-within) .tip { display: block; }
/* Bezwaar's text takes its direction from its own words, not from the page (English on a right-to-left page). */
button, .tip, .tip p { unicode-bidi: plaintext; }
.tip a { color: #0b57d0; text-decoration: underline; }
.tip p { margin: 6px 0 0; }
.tip p:empty { display: none; }
.tip .teach { display: flex; flex-wrap: wrap; gap: 4px; margin-top: 6px; }
.tip .teach button { position: static; cursor: pointer; font-weight: 600; color: #1f1f1f; background: #e8eaed; box-shadow: none; border: 1px solid #80868b; padding: 2px 8px; }
.tip .teach button[data-bezwaar-teach="stop"] { background: transparent; border-color: transparent; text-decoration: underline; }
:host([data-bezwaar-theme="dark"]) .tip .teach button { color: #e3e3e3; background: #3c4043; border-color: #9aa0a6; }
:host([data-bezwaar-theme="dark"]) .tip { background: #2d2f31; color: #e3e3e3; box-shadow: 0 2px 8px rgb(0 0 0 / .6); }
:host([data-bezwaar-theme="dark"]) .tip a { color: #a8c7fa; }
:host([data-bezwaar-theme="dark"]) button { box-shadow: 0 0 0 1px rgb(0 0 0 / .7); }
:host([data-bezwaar-theme="dark"]) button:focus-visible { outline-color: #a8c7fa; }
@media (forced-colors: active) { button { border: 1px solid ButtonText; } .tip { border: 1px solid CanvasText; } }
"#;

/// The host's own layout, pinned inline (with !important) because page rules such as `article > * { margin: 1em }`
/// reach a host element and would otherwise move the post. With zero height and no margins, padding or border, the
/// host takes no room (see [`Placement`] for where). Set through the CSSOM, which no page Content-Security-Policy
/// restricts (a style attribute may be refused).
const HOST_LAYOUT: &str = "height: 0 !important; min-height: 0 !important; \
    margin: 0 !important; padding: 0 !important; border: 0 !important; float: none !important; \
    clear: none !important; overflow: visible !important; z-index: 3 !important;";

/// The host's inline position and size for its placement.
fn placement(look: Look) -> [(&'static str, String); 5] {
    let (position, edge, width) = match look.placement {
        Placement::Anchored => ("absolute", "0px", "auto".to_string()),
        Placement::InFlow => ("relative", "auto", "auto".to_string()),
        Placement::OutOfFlow(width) => ("absolute", "auto", format!("{width}px")),
    };
    [
        ("position", position.into()),
        ("top", edge.into()),
        ("left", edge.into()),
        ("right", edge.into()),
        ("width", width),
    ]
}

fn display(hidden: bool) -> &'static str {
    if hidden {
        "none"
    } else {
        "block"
    }
}

/// Stands for the label in the localized "can't read" sentence, replaced as text (a private-use character no
/// translation contains).
const LABEL_MARK: &str = "\u{E000}";
const TEACH_ATTRIBUTE: &str = "data-bezwaar-teach";

/// What an unknown post's badge says about its label, and whether it offers teaching.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeachOffer {
    pub label: UnreadLabel,
    /// False once the user said "Don't ask again": the label is still quoted, nothing is offered.
    pub ask: bool,
}

impl TeachOffer {
    /// Tells offers apart, for [`ensure_badge`] to rebuild a badge whose offer changed.
    fn key(offer: Option<&TeachOffer>) -> String {
        offer.map_or_else(String::new, |o| {
            format!(
                "{}\u{1}{}\u{1}{}",
                u8::from(o.ask),
                o.label.lang,
                o.label.text
            )
        })
    }
}

/// What the user answered in a badge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TeachAnswer {
    Meaning(UnreadLabel, TaughtMeaning),
    StopAsking,
}

/// The localized strings of every badge, read once per page.
pub struct BadgeTexts {
    short: [String; 3],
    /// What an account's badge says first in its explanation: that the verdict is about the whole account.
    account_name: [String; 3],
    explain: [String; 3],
    object: String,
    form_url: String,
    /// "Bezwaar can't read this post's audience label: “…”", with [`LABEL_MARK`] where the label goes.
    unread: String,
    /// What a public or limited badge says of a label only our guessed wording read, [`LABEL_MARK`] as above.
    guessed: String,
    /// What an account's badge says of a private notice only our guessed wording read, [`LABEL_MARK`] as above.
    guessed_notice: String,
    teach_public: String,
    teach_limited: String,
    teach_stop: String,
    teach_hint: String,
    /// Said when a press on an answer was refused: the user could not plainly see it.
    press_unseen: String,
    /// A badge's UI, made once per visibility (and for accounts) and cloned for every badge: one call instead of
    /// a few dozen.
    templates: RefCell<[Option<DocumentFragment>; 6]>,
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
            account_name: per("account name"),
            explain: per("explain"),
            object: "object".into(),
            form_url: "https://www.facebook.com/help/contact/712876720715583".into(),
            unread: format!("unread “{LABEL_MARK}”"),
            guessed: format!("guessed “{LABEL_MARK}”"),
            guessed_notice: format!("guessed notice “{LABEL_MARK}”"),
            teach_public: "teach public".into(),
            teach_limited: "teach limited".into(),
            teach_stop: "teach stop".into(),
            teach_hint: "teach hint".into(),
            press_unseen: "press unseen".into(),
            templates: RefCell::default(),
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
            account_name: [
                t("badgeAccountPublicName"),
                t("badgeAccountLimitedName"),
                t("badgeAccountUnknownName"),
            ],
            explain: [
                t("badgePublicExplain"),
                t("badgeLimitedExplain"),
                t("badgeUnknownExplain"),
            ],
            object: t("badgeObjectLink"),
            form_url: form_url.to_string(),
            unread: services.text("badgeUnreadLabel", &[LABEL_MARK]),
            guessed: services.text("badgeGuessedLabel", &[LABEL_MARK]),
            guessed_notice: services.text("badgeGuessedNotice", &[LABEL_MARK]),
            teach_public: t("badgeTeachPublic"),
            teach_limited: t("badgeTeachLimited"),
            teach_stop: t("badgeTeachStop"),
            teach_hint: t("badgeTeachHint"),
            press_unseen: t(PRESS_UNSEEN_KEY),
            templates: RefCell::default(),
        }
    }
}

thread_local! {
    /// The list of the one stylesheet every badge's shadow root adopts, once the browser has shown that it lets a
    /// content script do so (Some(None): it does not).
    static ADOPTED_SHEETS: RefCell<Option<Option<js_sys::Array>>> = const { RefCell::new(None) };
    /// One click listener shared by every badge.
    static CLICK_LISTENER: Closure<dyn Fn(web_sys::Event)> = Closure::new(keep_clicks_inside);
    /// The pointer or focus came into a badge that asks: from then on, whether its answers are in plain sight is
    /// followed (one badge at a time).
    static FOLLOW_ANSWERS: Closure<dyn Fn(web_sys::Event)> = Closure::new(follow_answers);
    static FOLLOWED_ANSWERS: RefCell<Vec<Element>> = const { RefCell::new(Vec::new()) };
    /// A badge directly inside its container.
    static OWN_BADGE: Selector = Selector::new(&format!(":scope > {BADGE_TAG}"));
    /// Badge hosts before their shadow roots, one per kind lately made, newest last: the badges of one feed are
    /// copies of a few (copying an element takes its parsed inline style along; setting the style parses it again).
    static HOST_TEMPLATES: RefCell<Vec<(HostKind, Element)>> = const { RefCell::new(Vec::new()) };
}

/// Where the user's answers in badges go.
type TeachHandler = Box<dyn Fn(TeachAnswer)>;

thread_local! {
    /// The offer each badge host shows: `[key, label text, label language, what a refused press says]`.
    static OFFERS: js_sys::WeakMap = js_sys::WeakMap::new();
    /// The content script's, which sends them to the background.
    static TEACH_HANDLER: RefCell<Option<TeachHandler>> = const { RefCell::new(None) };
}

/// Sets where the user's answers in badges go.
pub fn on_teach(handler: impl Fn(TeachAnswer) + 'static) {
    TEACH_HANDLER.with(|cell| *cell.borrow_mut() = Some(Box::new(handler)));
}

fn offer_key_of(host: &Element) -> String {
    OFFERS.with(|offers| {
        js_sys::Reflect::get(&offers.get(host.unchecked_ref()), &JsValue::from(0))
            .ok()
            .and_then(|key| key.as_string())
            .unwrap_or_default()
    })
}

/// The answer a trusted click on a teach button in `root` gives, passed to the handler; the offer's buttons are
/// then disabled (the badge is rebuilt once the answer is stored).
fn answer_offer(root: &web_sys::ShadowRoot, button: &Element) {
    let host = root.host();
    let offer = OFFERS.with(|offers| offers.get(host.unchecked_ref()));
    let part = |i: u32| {
        js_sys::Reflect::get(&offer, &JsValue::from(i))
            .ok()
            .and_then(|v| v.as_string())
    };
    let (Some(text), Some(lang)) = (part(1), part(2)) else {
        return;
    };
    let answer = match button.get_attribute(TEACH_ATTRIBUTE).as_deref() {
        Some("public") => TeachAnswer::Meaning(UnreadLabel { text, lang }, TaughtMeaning::Public),
        Some("limited") => TeachAnswer::Meaning(UnreadLabel { text, lang }, TaughtMeaning::Limited),
        Some("stop") => TeachAnswer::StopAsking,
        _ => return,
    };
    if let Ok(buttons) = root.query_selector_all(&format!("button[{TEACH_ATTRIBUTE}]")) {
        for button in crate::dom::selector::elements_of(buttons) {
            let _ = button.set_attribute("disabled", "");
        }
    }
    TEACH_HANDLER.with(|cell| {
        if let Some(handler) = cell.borrow().as_ref() {
            handler(answer);
        }
    });
}

#[cfg(test)]
thread_local! {
    /// The DOM tests' way into the closed roots they check (nothing like it is built into the extension).
    static TEST_ROOTS: js_sys::WeakMap = js_sys::WeakMap::new();
}

/// The closed shadow root of a badge host, for the DOM tests.
#[cfg(test)]
pub fn test_root(host: &Element) -> Option<web_sys::ShadowRoot> {
    TEST_ROOTS.with(|roots| roots.get(host.unchecked_ref()).dyn_into().ok())
}

/// Clicks on a badge stay with the badge: the page must not open the post (or, on an Instagram grid, follow the
/// post link around the badge). The explanation's own link still opens the objection form, on the user's own
/// click only.
fn keep_clicks_inside(event: web_sys::Event) {
    event.stop_propagation();
    let target = event
        .composed_path()
        .get(0)
        .dyn_into::<Element>()
        .ok()
        .filter(|_| event.is_trusted());
    let link = target
        .as_ref()
        .and_then(|target| target.closest("a").ok().flatten());
    match &link {
        Some(link) => open_through_background(&event, link),
        None => event.prevent_default(),
    }
    let teach_button = target.and_then(|target| {
        target
            .closest(&format!("button[{TEACH_ATTRIBUTE}]:not([disabled])"))
            .ok()
            .flatten()
    });
    let root = event
        .current_target()
        .and_then(|root| root.dyn_into::<web_sys::ShadowRoot>().ok());
    if let (Some(button), Some(root)) = (teach_button, root) {
        if seen_press::press_was_seen(&event, &button) {
            answer_offer(&root, &button);
        } else {
            say_press_unseen(&root);
        }
    }
}

/// Follows the answers of the badge the pointer or focus came into, and stops following the last badge's.
fn follow_answers(event: web_sys::Event) {
    let Some(root) = event
        .current_target()
        .and_then(|root| root.dyn_into::<web_sys::ShadowRoot>().ok())
    else {
        return;
    };
    let answers: Vec<Element> = query_all(&root, &format!("button[{TEACH_ATTRIBUTE}]")).collect();
    FOLLOWED_ANSWERS.with(|followed| {
        let mut followed = followed.borrow_mut();
        if *followed == answers {
            return;
        }
        for button in followed.iter() {
            seen_press::untrack(button);
        }
        for button in &answers {
            seen_press::track(button);
        }
        *followed = answers;
    });
}

/// Tells the user, in the badge, that their press on an answer counted for nothing.
fn say_press_unseen(root: &web_sys::ShadowRoot) {
    let host = root.host();
    let text = OFFERS.with(|offers| {
        js_sys::Reflect::get(&offers.get(host.unchecked_ref()), &JsValue::from(3))
            .ok()
            .and_then(|v| v.as_string())
    });
    if let (Some(text), Ok(Some(line))) = (text, root.query_selector("p.unseen")) {
        line.set_text_content(Some(&text));
    }
}

/// Adopts the shared stylesheet into `root`; false when this browser does not let a content script do that.
fn adopt_shared_sheet(root: &web_sys::ShadowRoot) -> bool {
    let key = JsValue::from_str("adoptedStyleSheets");
    ADOPTED_SHEETS.with(|cell| {
        let mut known = cell.borrow_mut();
        if let Some(list) = known.as_ref() {
            return list
                .as_ref()
                .is_some_and(|list| js_sys::Reflect::set(root, &key, list).is_ok());
        }
        // The first badge finds out, and the answer holds for the page's lifetime.
        let adopted = (|| {
            let sheet = web_sys::CssStyleSheet::new().ok()?;
            sheet.replace_sync(STYLE).ok()?;
            let list = js_sys::Array::of1(&sheet);
            js_sys::Reflect::set(root, &key, &list).ok()?;
            let taken = js_sys::Reflect::get(root, &key).ok()?;
            (js_sys::Reflect::get(&taken, &"length".into())
                .ok()?
                .as_f64()
                == Some(1.0))
            .then_some(list)
        })();
        let works = adopted.is_some();
        *known = Some(adopted);
        works
    })
}

fn attach_style(document: &Document, root: &web_sys::ShadowRoot) -> Result<(), JsValue> {
    if adopt_shared_sheet(root) {
        return Ok(());
    }
    // A browser that refuses a stylesheet made in the content script gets a <style> per root instead.
    let style = document.create_element("style")?;
    style.set_text_content(Some(STYLE));
    root.append_child(&style)?;
    Ok(())
}

thread_local! {
    /// The container each badge was made for. A page may move a badge into another post, where it says nothing of
    /// that post: it is not counted there, and goes when that post is read again.
    static MADE_FOR: js_sys::WeakMap = js_sys::WeakMap::new();
}

/// Whether `host` is a badge Bezwaar made that sits in the container it was made for.
pub fn sits_where_made(host: &Element) -> bool {
    is_created(host)
        && host.parent_element().is_some_and(|parent| {
            MADE_FOR
                .with(|made_for| js_sys::Object::is(&made_for.get(host.unchecked_ref()), &parent))
        })
}

/// Whether `host` is a badge Bezwaar made that the page has moved out of the container it was made for.
pub fn is_moved_badge(host: &Element) -> bool {
    MADE_FOR.with(|made_for| made_for.has(host.unchecked_ref())) && !sits_where_made(host)
}

/// The badge directly inside `container`, if we placed one there.
pub fn existing_badge(container: &Element) -> Option<Element> {
    badges_in(container).into_iter().find(sits_where_made)
}

/// Every element named like a badge directly inside `container`, ours or not.
fn badges_in(container: &Element) -> Vec<Element> {
    OWN_BADGE.with(|selector| selector.all(container, u32::MAX))
}

/// Takes away what only looks like our badge for `container`: a page's copy of a post carries a copy of our host
/// (without its UI), a page may imitate one, or move in the badge of another post.
fn remove_imitations(container: &Element) {
    for host in badges_in(container) {
        if !sits_where_made(&host) {
            host.remove();
        }
    }
}

/// What [`ensure_badge`] did.
#[derive(Debug, Clone, PartialEq)]
pub enum BadgeWrite {
    /// The badge was there and looked right.
    Unchanged,
    /// The badge was there; its look changed.
    Restyled,
    /// A new badge where there was none.
    Added(Element),
    /// A new badge in place of one that said something else (or was a copy without its shadow root).
    Replaced(Element),
}

impl BadgeWrite {
    pub fn wrote(&self) -> bool {
        *self != BadgeWrite::Unchanged
    }
}

/// Makes sure `container` carries exactly one badge saying `visibility` (with `offer` in its explanation).
pub fn ensure_badge(
    document: &Document,
    container: &Element,
    visibility: Visibility,
    scope: Scope,
    texts: &BadgeTexts,
    look: Look,
    offer: Option<&TeachOffer>,
) -> Result<BadgeWrite, JsValue> {
    let found = badges_in(container);
    let existing = found.iter().find(|host| sits_where_made(host)).cloned();
    let imitated = found.len() > usize::from(existing.is_some());
    if imitated {
        remove_imitations(container);
    }
    if let Some(host) = &existing {
        if host.get_attribute(VISIBILITY_ATTRIBUTE).as_deref() == Some(visibility.as_str())
            && offer_key_of(host) == TeachOffer::key(offer)
        {
            return Ok(if apply_look(host, look)? {
                BadgeWrite::Restyled
            } else {
                BadgeWrite::Unchanged
            });
        }
        host.remove();
    }
    let host = build(document, visibility, scope, texts, look, offer)?;
    MADE_FOR.with(|made_for| made_for.set(host.unchecked_ref(), container));
    match look.placement {
        Placement::Anchored => container.append_child(&host)?,
        Placement::InFlow | Placement::OutOfFlow(_) => {
            container.insert_before(&host, container.first_child().as_ref())?
        }
    };
    Ok(if existing.is_some() || imitated {
        BadgeWrite::Replaced(host)
    } else {
        BadgeWrite::Added(host)
    })
}

pub fn remove_badge(container: &Element) -> bool {
    remove_imitations(container);
    match existing_badge(container) {
        Some(host) => {
            host.remove();
            true
        }
        None => false,
    }
}

/// Sets an inline property unless it already has that value; true when it changed.
fn pin(host: &HtmlElement, name: &str, value: &str) -> Result<bool, JsValue> {
    let style = host.style();
    if style.get_property_value(name)? == value && style.get_property_priority(name) == "important"
    {
        return Ok(false);
    }
    style.set_property_with_priority(name, value, "important")?;
    Ok(true)
}

/// Brings an existing badge to `look`; true when anything changed.
fn apply_look(host: &Element, look: Look) -> Result<bool, JsValue> {
    let theme = if look.dark { "dark" } else { "light" };
    let mut changed = false;
    if host.get_attribute(THEME_ATTRIBUTE).as_deref() != Some(theme) {
        host.set_attribute(THEME_ATTRIBUTE, theme)?;
        changed = true;
    }
    if let Some(html) = host.dyn_ref::<HtmlElement>() {
        for (name, value) in placement(look) {
            changed |= pin(html, name, &value)?;
        }
    }
    Ok(set_hidden(host, look.hidden)? || changed)
}

/// Shows or hides a badge for the user's setting; true when it changed.
pub fn set_hidden(host: &Element, hidden: bool) -> Result<bool, JsValue> {
    if host.has_attribute(HIDDEN_ATTRIBUTE) == hidden {
        return Ok(false);
    }
    if hidden {
        host.set_attribute(HIDDEN_ATTRIBUTE, "")?;
    } else {
        host.remove_attribute(HIDDEN_ATTRIBUTE)?;
    }
    if let Some(host) = host.dyn_ref::<HtmlElement>() {
        host.style()
            .set_property_with_priority("display", display(hidden), "important")?;
    }
    Ok(true)
}

/// Three visibilities in a light and a dark part of a page.
const MAX_HOST_TEMPLATES: usize = 6;

/// Everything a badge host carries before its shadow root.
type HostKind = (Visibility, Scope, Look);

/// A badge host (no shadow root yet) for `visibility`, `scope` and `look`.
fn new_host(
    document: &Document,
    visibility: Visibility,
    scope: Scope,
    look: Look,
) -> Result<Element, JsValue> {
    let kind = (visibility, scope, look);
    let copy = HOST_TEMPLATES.with(|cell| {
        cell.borrow()
            .iter()
            .find(|(made_for, _)| *made_for == kind)
            .and_then(|(_, template)| template.clone_node().ok())
    });
    if let Some(host) = copy {
        return host.dyn_into::<Element>().map_err(JsValue::from);
    }
    let host = document.create_element(BADGE_TAG)?;
    host.set_attribute(VISIBILITY_ATTRIBUTE, visibility.as_str())?;
    host.set_attribute(SCOPE_ATTRIBUTE, scope.as_str())?;
    host.set_attribute(THEME_ATTRIBUTE, if look.dark { "dark" } else { "light" })?;
    if look.hidden {
        host.set_attribute(HIDDEN_ATTRIBUTE, "")?;
    }
    if let Some(html) = host.dyn_ref::<HtmlElement>() {
        let mut css = format!(
            "display: {} !important; {HOST_LAYOUT}",
            display(look.hidden)
        );
        for (name, value) in placement(look) {
            css.push_str(&format!(" {name}: {value} !important;"));
        }
        html.style().set_css_text(&css);
    }
    let template = host.clone_node()?.dyn_into::<Element>()?;
    HOST_TEMPLATES.with(|cell| {
        let mut templates = cell.borrow_mut();
        if templates.len() >= MAX_HOST_TEMPLATES {
            templates.remove(0);
        }
        templates.push((kind, template));
    });
    Ok(host)
}

fn build(
    document: &Document,
    visibility: Visibility,
    scope: Scope,
    texts: &BadgeTexts,
    look: Look,
    offer: Option<&TeachOffer>,
) -> Result<Element, JsValue> {
    let host = new_host(document, visibility, scope, look)?;
    let root = host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Closed))?;
    mark_created(&host);
    #[cfg(test)]
    TEST_ROOTS.with(|roots| roots.set(host.unchecked_ref(), &root));
    attach_style(document, &root)?;
    root.append_child(
        &texts
            .template(document, visibility, scope)?
            .clone_node_with_deep(true)?,
    )?;
    if let Some(offer) = offer {
        texts.add_offer(document, &root, visibility, scope, offer)?;
        OFFERS.with(|offers| {
            let entry = js_sys::Array::of4(
                &TeachOffer::key(Some(offer)).into(),
                &offer.label.text.as_str().into(),
                &offer.label.lang.as_str().into(),
                &texts.press_unseen.as_str().into(),
            );
            offers.set(host.unchecked_ref(), &entry);
        });
        if offer.ask {
            FOLLOW_ANSWERS.with(|listener| {
                for event_type in ["pointerover", "focusin"] {
                    root.add_event_listener_with_callback(
                        event_type,
                        listener.as_ref().unchecked_ref(),
                    )?;
                }
                Ok::<(), JsValue>(())
            })?;
        }
    }
    // Clicks stop at the shadow root on their way out. Listened for there, not on the host: the root is closed, so
    // from the host an event's path starts at the host and the link it was on (ours, or the page's around the
    // badge) could not be told apart.
    CLICK_LISTENER.with(|listener| {
        root.add_event_listener_with_callback("click", listener.as_ref().unchecked_ref())
    })?;
    Ok(host)
}

impl BadgeTexts {
    /// Quotes the label in the explanation (one no rule read, or, on a public or limited badge, one only our
    /// guessed wording read) and, when asking, adds the three answers. Text only: the label is the page's text.
    fn add_offer(
        &self,
        document: &Document,
        root: &web_sys::ShadowRoot,
        visibility: Visibility,
        scope: Scope,
        offer: &TeachOffer,
    ) -> Result<(), JsValue> {
        let Some(tip) = root.query_selector(".tip")? else {
            return Ok(());
        };
        let said = document.create_element("p")?;
        let (class, sentence) = match (visibility, scope) {
            (Visibility::Unknown, _) => ("unread", &self.unread),
            (_, Scope::Account) => ("guessed", &self.guessed_notice),
            _ => ("guessed", &self.guessed),
        };
        said.set_class_name(class);
        let (before, after) = sentence
            .split_once(LABEL_MARK)
            .unwrap_or((sentence.as_str(), ""));
        // Isolated, in its own language and direction: a right-to-left label cannot reorder the sentence around it.
        let label = document.create_element("bdi")?;
        label.set_text_content(Some(&offer.label.text));
        if !offer.label.lang.is_empty() {
            label.set_attribute("lang", &offer.label.lang)?;
        }
        said.append_child(&document.create_text_node(before))?;
        said.append_child(&label)?;
        said.append_child(&document.create_text_node(after))?;
        tip.append_child(&said)?;
        if !offer.ask {
            return Ok(());
        }
        let hint = document.create_element("p")?;
        hint.set_text_content(Some(&self.teach_hint));
        tip.append_child(&hint)?;
        let buttons = document.create_element("div")?;
        buttons.set_class_name("teach");
        for (answer, text) in [
            ("public", &self.teach_public),
            ("limited", &self.teach_limited),
            ("stop", &self.teach_stop),
        ] {
            let button = document.create_element("button")?;
            button.set_attribute("type", "button")?;
            button.set_attribute(TEACH_ATTRIBUTE, answer)?;
            button.set_text_content(Some(text));
            buttons.append_child(&button)?;
        }
        tip.append_child(&buttons)?;
        let refused = document.create_element("p")?;
        refused.set_class_name("unseen");
        refused.set_attribute("role", "status")?;
        tip.append_child(&refused)?;
        // It holds buttons now: a tooltip may not.
        tip.set_attribute("role", "group")?;
        Ok(())
    }

    /// The UI of a badge saying `visibility` for `scope` (its button and the explanation), made on first use.
    fn template(
        &self,
        document: &Document,
        visibility: Visibility,
        scope: Scope,
    ) -> Result<DocumentFragment, JsValue> {
        let i = index(visibility);
        let slot = i + if scope == Scope::Account { 3 } else { 0 };
        if let Some(template) = &self.templates.borrow()[slot] {
            return Ok(template.clone());
        }
        let ui = document.create_document_fragment();
        let button = document.create_element("button")?;
        button.set_attribute("type", "button")?;
        button.set_class_name(visibility.as_str());
        // The button's name is its visible text (WCAG 2.5.3, label in name); what it means is its description, the
        // explanation below.
        button.set_attribute("aria-describedby", "tip")?;
        button.set_text_content(Some(&self.short[i]));
        let tip = document.create_element("span")?;
        tip.set_class_name("tip");
        tip.set_id("tip");
        tip.set_attribute("role", "tooltip")?;
        if scope == Scope::Account {
            tip.append_child(&document.create_text_node(&self.account_name[i]))?;
            tip.append_child(&document.create_text_node(". "))?;
        }
        tip.append_child(&document.create_text_node(&self.explain[i]))?;
        if visibility == Visibility::Public {
            tip.append_child(&document.create_text_node(" "))?;
            let link = document.create_element("a")?;
            link.set_attribute("href", &self.form_url)?;
            link.set_attribute("target", "_blank")?;
            link.set_attribute("rel", "noopener noreferrer")?;
            link.set_text_content(Some(&self.object));
            tip.append_child(&link)?;
        }
        ui.append_child(&button)?;
        ui.append_child(&tip)?;
        self.templates.borrow_mut()[slot] = Some(ui.clone());
        Ok(ui)
    }
}
