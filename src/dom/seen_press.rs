//! Whether the user could see the Bezwaar button they pressed with the pointer. A page cannot press the buttons
//! itself (closed roots, trusted events only), but it can make one invisible, or lay something of its own over it
//! that lets clicks through, and get the user to press it without knowing (clickjacking): the panel's "Fill in"
//! would then fill a form the page reads, and a badge's answer would teach what the page chose.
//!
//! Where the browser tracks visibility (Chromium's IntersectionObserver with `trackVisibility`, which sees any
//! content painted over the button, and its transforms, filters and opacity), a press counts only after the button
//! has been in plain sight for [`SEEN_FOR_MS`]: long enough that an overlay taken away as the pointer arrives does
//! not pass. Everywhere, a press also needs the button drawn at full opacity, no element of the top layer (a
//! popover, a modal dialog) over the point pressed, and the button the topmost thing hit there. A press from the
//! keyboard counts as it is: the page cannot move focus into a closed root, the user did.
use crate::dom::attribute::is_created;
use crate::dom::selector::query_all;
use crate::dom::visible::seen;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, MouseEvent};

/// How long a button must have been in plain sight before a press on it counts.
const SEEN_FOR_MS: f64 = 500.0;
/// The most often the browser reports visibility (its minimum).
const REPORT_DELAY_MS: u32 = 100;
/// Below this opacity, everything between the button and the page multiplied, the button is not plainly seen.
const MIN_OPACITY: f64 = 0.9;
/// Top-layer elements, drawn over everything else whatever their z-index.
const TOP_LAYER: [&str; 3] = [":popover-open", "dialog:modal", ":fullscreen"];
/// Flat-tree ancestors walked for opacity; deeper nesting than this is not plainly seen.
const MAX_ANCESTORS: usize = 512;

/// The browser's visibility tracking, and since when each tracked button has been in plain sight (a timestamp on
/// the events' clock; absent while it is not).
struct Tracker {
    observer: web_sys::IntersectionObserver,
    seen_since: js_sys::WeakMap,
    _on_report: Closure<dyn FnMut(js_sys::Array)>,
}

thread_local! {
    /// None where the browser does not track visibility (Firefox).
    static TRACKER: Option<Tracker> = make_tracker();
}

fn make_tracker() -> Option<Tracker> {
    let entry =
        js_sys::Reflect::get(&js_sys::global(), &"IntersectionObserverEntry".into()).ok()?;
    let prototype = js_sys::Reflect::get(&entry, &"prototype".into()).ok()?;
    if !js_sys::Reflect::has(&prototype, &"isVisible".into()).unwrap_or(false) {
        return None;
    }
    let seen_since = js_sys::WeakMap::new();
    let map = seen_since.clone();
    let on_report = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        for entry in entries.iter() {
            let Ok(entry) = entry.dyn_into::<web_sys::IntersectionObserverEntry>() else {
                continue;
            };
            let target = entry.target();
            let visible = js_sys::Reflect::get(&entry, &"isVisible".into())
                .ok()
                .and_then(|v| v.as_bool())
                .unwrap_or(false);
            if !visible {
                map.delete(target.unchecked_ref());
            } else if !map.has(target.unchecked_ref()) {
                map.set(target.unchecked_ref(), &JsValue::from(entry.time()));
            }
        }
    });
    let options = web_sys::IntersectionObserverInit::new();
    js_sys::Reflect::set(&options, &"trackVisibility".into(), &JsValue::TRUE).ok()?;
    js_sys::Reflect::set(&options, &"delay".into(), &JsValue::from(REPORT_DELAY_MS)).ok()?;
    let observer = web_sys::IntersectionObserver::new_with_options(
        on_report.as_ref().unchecked_ref(),
        &options,
    )
    .ok()?;
    Some(Tracker {
        observer,
        seen_since,
        _on_report: on_report,
    })
}

/// Starts following whether `button` is in plain sight (nothing where the browser cannot tell).
pub fn track(button: &Element) {
    TRACKER.with(|tracker| {
        if let Some(tracker) = tracker {
            tracker.observer.observe(button);
        }
    });
}

/// Stops following `button` (the observer would otherwise keep it alive).
pub fn untrack(button: &Element) {
    TRACKER.with(|tracker| {
        if let Some(tracker) = tracker {
            tracker.observer.unobserve(button);
            tracker.seen_since.delete(button.unchecked_ref());
        }
    });
}

/// Whether the user could see `button` when they pressed it with `event` (a trusted click on it).
pub fn press_was_seen(event: &Event, button: &Element) -> bool {
    let Some(mouse) = event.dyn_ref::<MouseEvent>() else {
        return true;
    };
    // A click the keyboard made (Enter, Space) carries no pointer: the button had the user's focus.
    if mouse.detail() == 0 {
        return true;
    }
    let seen_long_enough = TRACKER.with(|tracker| match tracker {
        Some(tracker) => tracker
            .seen_since
            .get(button.unchecked_ref())
            .as_f64()
            .is_some_and(|since| event.time_stamp() - since >= SEEN_FOR_MS),
        None => true,
    });
    let (x, y) = (f64::from(mouse.client_x()), f64::from(mouse.client_y()));
    seen_long_enough
        && drawn_opaque(button)
        && !under_top_layer(button, x, y)
        && hit_at(button, x, y)
}

/// The button, and everything it is drawn inside, at (nearly) full opacity and visible.
fn drawn_opaque(button: &Element) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    if seen(button) == Some(false) {
        return false;
    }
    let mut opacity = 1.0;
    let mut current = Some(button.clone());
    for _ in 0..MAX_ANCESTORS {
        let Some(element) = current else {
            return opacity >= MIN_OPACITY;
        };
        if let Ok(Some(style)) = window.get_computed_style(&element) {
            let own = style
                .get_property_value("opacity")
                .ok()
                .and_then(|v| v.trim().parse::<f64>().ok())
                .unwrap_or(1.0);
            opacity *= own;
        }
        current = flat_parent(&element);
    }
    false
}

/// The element `element` is drawn inside: its parent, or the host of the shadow root it is in.
fn flat_parent(element: &Element) -> Option<Element> {
    element.parent_element().or_else(|| {
        element
            .get_root_node()
            .dyn_into::<web_sys::ShadowRoot>()
            .ok()
            .map(|root| root.host())
    })
}

/// The outermost host around `button` in the document (the element the document sees for it).
fn document_host(button: &Element) -> Element {
    let mut element = button.clone();
    while let Ok(root) = element.get_root_node().dyn_into::<web_sys::ShadowRoot>() {
        element = root.host();
    }
    element
}

/// An element of the top layer that is not around the button covers the point pressed.
fn under_top_layer(button: &Element, x: f64, y: f64) -> bool {
    let Some(document) = button.owner_document() else {
        return true;
    };
    let host = document_host(button);
    TOP_LAYER.iter().any(|selector| {
        query_all(&document, selector).any(|layer| {
            if layer.contains(Some(&host)) || is_created(&layer) {
                return false;
            }
            let r = layer.get_bounding_client_rect();
            x >= r.left() && x <= r.right() && y >= r.top() && y <= r.bottom()
        })
    })
}

/// What the browser hits at the point pressed is the button's own host (an element over it that takes clicks would
/// have taken this one).
fn hit_at(button: &Element, x: f64, y: f64) -> bool {
    let Some(document) = button.owner_document() else {
        return false;
    };
    let host = document_host(button);
    document
        .element_from_point(x as f32, y as f32)
        .is_some_and(|hit| hit == host || host.contains(Some(&hit)))
}
