//! Is a label something the user can see? Facebook has planted hidden decoy text in every post before, so a label
//! decides only when it is rendered: not aria-hidden, not display:none / visibility:hidden / opacity 0, and not
//! pushed off-screen or clipped away. Only the few labels that match a known audience are checked, and style is
//! read before the batch writes anything, so the check costs at most one style recalc per batch.
use wasm_bindgen::JsCast;
use web_sys::{Element, Window};

/// Walk from the label's element up to (not including) the post.
pub fn is_shown(window: &Window, label_element: &Element, post: &Element) -> bool {
    // An SVG <title> is never rendered itself: its icon is what the user sees.
    let start = if label_element.tag_name().eq_ignore_ascii_case("title") {
        match label_element.parent_element() {
            Some(parent) => parent,
            None => return false,
        }
    } else {
        label_element.clone()
    };
    let mut positioned = false;
    let mut current = Some(start.clone());
    let mut first = true;
    while let Some(element) = current {
        if &element == post {
            break;
        }
        if element.get_attribute("aria-hidden").as_deref() == Some("true")
            || element.has_attribute("hidden")
        {
            return false;
        }
        let Ok(Some(style)) = window.get_computed_style(&element) else {
            return false;
        };
        let value = |name: &str| style.get_property_value(name).unwrap_or_default();
        if value("display") == "none" || value("content-visibility") == "hidden" {
            return false;
        }
        if value("opacity")
            .parse::<f64>()
            .map(|o| o <= 0.01)
            .unwrap_or(false)
        {
            return false;
        }
        if first && (value("visibility") == "hidden" || value("visibility") == "collapse") {
            return false;
        }
        let position = value("position");
        if position == "absolute" || position == "fixed" {
            positioned = true;
            let clip = value("clip");
            let clip_path = value("clip-path");
            if clip.starts_with("rect(0") || clip_path.starts_with("inset(50%") {
                return false;
            }
        }
        first = false;
        current = element.parent_element();
    }
    // Geometry forces layout, so it is read only when something between the label and the post is taken out of
    // the flow, which is how off-screen decoys are made; Facebook's own audience icons sit in the flow.
    if positioned {
        let label = start.get_bounding_client_rect();
        let frame = post.get_bounding_client_rect();
        let visible_area = label.width() * label.height();
        let overlaps = label.right() > frame.left()
            && label.left() < frame.right()
            && label.bottom() > frame.top()
            && label.top() < frame.bottom();
        if visible_area < 4.0 || !overlaps {
            return false;
        }
    }
    true
}

/// `checkVisibility()` where the browser has it, for coarse checks of whole regions.
pub fn region_rendered(element: &Element) -> bool {
    let Ok(check) = js_sys::Reflect::get(element, &"checkVisibility".into()) else {
        return true;
    };
    match check.dyn_into::<js_sys::Function>() {
        Ok(f) => f
            .call0(element)
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(true),
        Err(_) => true,
    }
}
