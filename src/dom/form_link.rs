//! Bezwaar's own links to Meta's objection form (the notice banner's button, a public badge's "object" link). A
//! plain press on one opens the form through the background, in a tab no page opened. The form fills itself only in
//! such a tab: a tab a page opened may be held by that page, which could read what is filled.
use crate::core::hosts::Site;
use crate::core::messages::ContentMessage;
use crate::core::page_kind::objection_form_url;
use crate::dom::services::Services;
use std::cell::RefCell;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, MouseEvent};

thread_local! {
    static SERVICES: RefCell<Option<Services>> = const { RefCell::new(None) };
}

/// Where the requests to open a form go: the content script's services.
pub fn open_forms_through(services: &Services) {
    SERVICES.with(|cell| *cell.borrow_mut() = Some(services.clone()));
}

/// For the user's plain press on `link`, one of our links to an objection form: asks the background to open the
/// form and keeps the browser from opening it from this tab. A press with a modifier key or another button, or one
/// a script made up, keeps the browser's own way (a made-up one is stopped before it gets here).
pub fn open_through_background(event: &Event, link: &Element) {
    let plain = event.dyn_ref::<MouseEvent>().is_some_and(|press| {
        press.button() == 0
            && !(press.ctrl_key() || press.meta_key() || press.shift_key() || press.alt_key())
    });
    if !event.is_trusted() || !plain {
        return;
    }
    let href = link.get_attribute("href").unwrap_or_default();
    let Some(site) = Site::ALL
        .into_iter()
        .find(|&site| objection_form_url(site) == href)
    else {
        return;
    };
    let sent = SERVICES.with(|cell| {
        cell.borrow()
            .as_ref()
            .map(|services| services.send(&ContentMessage::OpenObjectionForm { site }))
            .is_some()
    });
    if sent {
        event.prevent_default();
    }
}
