//! Evidence of an objection: a record kept the moment the user presses Send, moved on by what Meta shows after.
//!
//! The record never depends on Bezwaar recognising Meta's wording. The user's own (trusted) press of the form's Send
//! makes it, as "sent, awaiting Meta's confirmation", with what the form carried at that moment. It becomes
//! "confirmed" when the page newly shows one of Meta's confirmation texts (only on a form loaded from Meta, in a tab
//! no page opened: elsewhere a page's script could write them), and "not sent" when the page newly shows
//! an error while the form is still there. A refusal repeated word for word changes nothing on the page, so after a
//! Send again, the error that refused the last one counts too once it is still there seconds later, with the form
//! and its Send; should the form go after all, it was answered, and the record is "sent" again. Only what is
//! rendered counts: text the page keeps hidden in the DOM (a confirmation waiting to be revealed, say) is not shown,
//! so it neither answers a Send nor hides a later answer.
use crate::core::form_plan::code_field_selector;
use crate::core::hosts::Site;
use crate::core::page_kind::{objection_sent_in, MetaAnswer};
use crate::core::record::{
    url_without_query, ConfirmedBy, ObjectionRecord, RecordStage, MAX_CONFIRMATION_TEXT_CHARS,
};
use crate::dom::attribute::is_ours;
use crate::dom::prefill::sent_values;
use crate::dom::selector::query_all;
use crate::dom::visible::{seen, shown_text};
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Window};

/// Where a confirmation can be shown: dialogs, live regions, the form or the main region, in that order.
const CONFIRMATION_REGIONS: &str =
    "[role=\"dialog\"], [role=\"alertdialog\"], dialog[open], [role=\"alert\"], \
     [role=\"status\"], [aria-live], form, [role=\"main\"], main";
/// Where a page says that what was sent is wrong: alerts, assertive live regions, and fields marked invalid, inside
/// the form that was sent (an alert beside it, a toast or a progress line, may say anything: it decides nothing).
const ERROR_REGIONS: &str = "[role=\"alert\"], [aria-live=\"assertive\"]";
const INVALID_FIELDS: &str = "[aria-invalid=\"true\"]";
/// A form's own Send: the controls that submit it.
const SUBMIT_CONTROLS: &str = "button:not([type]), button[type=\"submit\"], input[type=\"submit\"]";
/// A confirmation block grows to its surrounding box when that box is this short (a heading and a paragraph or
/// two), so the record keeps Meta's whole message but not the rest of the page.
const CONFIRMATION_CONTEXT_CHARS: usize = 800;
const MAX_ERROR_CHARS: usize = 500;
/// How long after a Send an error the form already showed, still shown beside the form's Send, takes to count as
/// Meta's refusal: long enough for an accepted form to go or clear its old errors.
const STANDING_ERROR_MS: f64 = 3000.0;

/// The objection form the page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct FormContext {
    pub site: Site,
    pub form_id: String,
}

/// What the page shows that may answer a Send.
#[derive(Debug, Clone, Default)]
struct Answers {
    meta: Option<(MetaAnswer, String)>,
    /// The input Meta's e-mail code step asks for the code in is shown.
    code_field: bool,
    /// Error texts shown; a field marked invalid without a message counts by its place in the form.
    errors: Vec<String>,
}

/// One objection on this page: its record as it stands, and what the page showed when Send was pressed.
#[derive(Debug, Clone)]
pub struct Submission {
    pub record: ObjectionRecord,
    /// The control the user pressed (or typed Enter in): while it is shown, the form is still there.
    pressed: Element,
    /// The form's page was loaded from Meta, in a tab no page opened. Otherwise a page's script drew the form or
    /// holds the tab, and can write any words into it: its confirmation is not taken, the user confirms by Meta's
    /// e-mail.
    form_from_meta: bool,
    /// The `<form>` the pressed control sends, if it has one: where the page's errors about this Send are.
    sent_form: Option<Element>,
    before: Answers,
    /// When the Send was pressed (`Date.now()`).
    sent_at: f64,
    /// The error (as `answers` keys it) that refused the Send before this one, when this Send tries again.
    earlier_refusal: Option<String>,
    /// The error that made this record "not sent".
    refused_by: Option<String>,
    /// The record changed since it last went to the background.
    pub unsent: bool,
}

impl Submission {
    /// Captures a Send now. A Send again on the same page (after Meta refused the form, or the 2024 form's code
    /// step) continues the same record; fields the form no longer has keep the values sent before.
    pub fn capture(
        window: &Window,
        document: &Document,
        context: &FormContext,
        pressed: &Element,
        previous: Option<&Submission>,
        form_from_meta: bool,
    ) -> Submission {
        // What was sent comes from the pressed control's form, or the page's main region for a form of the
        // page's script.
        let sent_form: Option<Element> = form_owner(pressed).map(Into::into);
        let sent_from = sent_form
            .clone()
            .or_else(|| pressed.closest("[role=\"main\"], main").ok().flatten())
            .or_else(|| document.body().map(Into::into))
            .unwrap_or_else(|| pressed.clone());
        let sent = sent_values(document, &sent_from);
        let earlier = previous
            .map(|p| &p.record)
            .filter(|r| r.site == context.site && r.form_id == context.form_id);
        let email = sent
            .email
            .map(|e| e.trim().to_string())
            .or_else(|| earlier.map(|r| r.email.clone()))
            .unwrap_or_default();
        let country = sent
            .country
            .map(|c| c.trim().to_string())
            .or_else(|| earlier.map(|r| r.country.clone()))
            .unwrap_or_default();
        let statement = sent
            .statement
            .map(|s| s.trim().to_string())
            .or_else(|| earlier.map(|r| r.statement.clone()))
            .unwrap_or_default();
        let continued = earlier.filter(|r| r.stage != RecordStage::Confirmed);
        let earlier_refusal = earlier
            .filter(|r| r.stage == RecordStage::NotSent)
            .and(previous)
            .and_then(|p| p.refused_by.clone());
        let record = ObjectionRecord {
            id: continued.map_or_else(record_id, |r| r.id.clone()),
            site: context.site,
            form_id: context.form_id.clone(),
            submitted_at: iso_now(),
            email,
            country,
            statement,
            url: url_without_query(&window.location().href().unwrap_or_default()),
            stage: RecordStage::Sent,
            confirmation_text: String::new(),
            confirmed_at: None,
            confirmed_by: None,
            code_step: continued.is_some_and(|r| r.code_step),
            error_text: String::new(),
        };
        Submission {
            record,
            pressed: pressed.clone(),
            form_from_meta,
            before: answers(document, sent_form.as_ref()),
            sent_form,
            sent_at: js_sys::Date::now(),
            earlier_refusal,
            refused_by: None,
            unsent: true,
        }
    }

    /// Moves the record on from what the page shows now: Meta's confirmation, its code step, or an error next to
    /// the form. Answers already shown when Send was pressed say nothing about this Send, but for an error that
    /// stays with the form and its Send (see the module's comment).
    pub fn observe(&mut self, document: &Document) {
        if self.record.stage == RecordStage::Confirmed {
            return;
        }
        let now = answers(document, self.sent_form.as_ref());
        let shown_before = self.before.meta.as_ref().map(|(answer, _)| *answer);
        match now.meta {
            Some((MetaAnswer::Confirmed, text))
                if shown_before != Some(MetaAnswer::Confirmed) && self.form_from_meta =>
            {
                let record = &mut self.record;
                record.stage = RecordStage::Confirmed;
                record.confirmation_text = text;
                record.confirmed_at = Some(iso_now());
                record.confirmed_by = Some(ConfirmedBy::Page);
                record.error_text.clear();
                self.unsent = true;
                return;
            }
            Some((MetaAnswer::CodeSent, _))
                if shown_before != Some(MetaAnswer::CodeSent) && !self.record.code_step =>
            {
                self.record.code_step = true;
                self.unsent = true;
                return;
            }
            _ => {}
        }
        if now.code_field && !self.before.code_field && !self.record.code_step {
            self.record.code_step = true;
            self.unsent = true;
            return;
        }
        if self.record.stage == RecordStage::NotSent
            && self.refused_by_standing_error()
            && !self.form_still_there()
        {
            self.refused_by = None;
            self.record.stage = RecordStage::Sent;
            self.record.error_text.clear();
            self.unsent = true;
            return;
        }
        if self.record.stage != RecordStage::Sent || !self.form_still_there() {
            return;
        }
        let new_error = now.errors.iter().find(|e| !self.before.errors.contains(e));
        let standing_error = || {
            let refusal = self.earlier_refusal.as_ref()?;
            let waited = js_sys::Date::now() - self.sent_at >= STANDING_ERROR_MS;
            (waited && now.errors.contains(refusal)).then_some(refusal)
        };
        if let Some(error) = new_error.or_else(standing_error) {
            self.refused_by = Some(error.clone());
            self.record.stage = RecordStage::NotSent;
            self.record.error_text = error
                .strip_prefix(INVALID_MARK)
                .map_or_else(|| error.clone(), |_| String::new());
            self.unsent = true;
        }
    }

    /// Whether the form was loaded from Meta, in a tab no page opened.
    pub fn form_from_meta(&self) -> bool {
        self.form_from_meta
    }

    /// "Not sent" was read from the earlier refusal still shown: an error the form showed already at this Send (a
    /// new error is one it did not show then).
    fn refused_by_standing_error(&self) -> bool {
        self.refused_by
            .as_ref()
            .is_some_and(|error| self.before.errors.contains(error))
    }

    /// The form is still there to send again: the pressed control is shown, or the sent form is and holds a Send
    /// (the page may have drawn its Send anew, as a spinner's replacement). A form whose Send is gone has been
    /// answered, whatever its alerts say.
    fn form_still_there(&self) -> bool {
        let shown = |element: &Element| element.is_connected() && seen(element) != Some(false);
        shown(&self.pressed)
            || self.sent_form.as_ref().is_some_and(|form| {
                shown(form) && query_all(form, SUBMIT_CONTROLS).any(|control| shown(&control))
            })
    }
}

/// Marks an invalid field that carries no message of its own (its place in the form follows).
const INVALID_MARK: &str = "\u{0}invalid:";

/// The form a control sends: its form owner, which may be tied to it by the control's `form` attribute from
/// elsewhere in the page, or else the `<form>` around it.
pub fn form_owner(control: &Element) -> Option<web_sys::HtmlFormElement> {
    js_sys::Reflect::get(control, &"form".into())
        .ok()
        .and_then(|form| form.dyn_into().ok())
        .or_else(|| {
            control
                .closest("form")
                .ok()
                .flatten()
                .and_then(|form| form.dyn_into().ok())
        })
}

/// What the page shows now; errors only inside `form` (the sent form) when there is one.
fn answers(document: &Document, form: Option<&Element>) -> Answers {
    let mut errors: Vec<String> = Vec::new();
    let scope = |selector: &str| -> Vec<Element> {
        match form {
            Some(form) => query_all(form, selector).collect(),
            None => query_all(document, selector).collect(),
        }
    };
    for region in scope(ERROR_REGIONS) {
        if seen(&region) == Some(false) || is_ours(&region) {
            continue;
        }
        let text = words(&shown_text(&region));
        if !text.is_empty() && !errors.contains(&text) {
            errors.push(text.chars().take(MAX_ERROR_CHARS).collect());
        }
    }
    for (place, field) in scope(INVALID_FIELDS).into_iter().enumerate() {
        if seen(&field) == Some(false) || is_ours(&field) {
            continue;
        }
        let message = field
            .get_attribute("aria-errormessage")
            .and_then(|id| document.get_element_by_id(&id))
            .filter(|m| seen(m) != Some(false))
            .map(|m| words(&shown_text(&m)))
            .filter(|m| !m.is_empty());
        let key = message.unwrap_or_else(|| format!("{INVALID_MARK}{place}"));
        if !errors.contains(&key) {
            errors.push(key);
        }
    }
    let code_field = query_all(document, &code_field_selector())
        .any(|field| seen(&field) != Some(false) && !is_ours(&field));
    Answers {
        meta: confirmation(document),
        code_field,
        errors,
    }
}

fn iso_now() -> String {
    js_sys::Date::new_0().to_iso_string().into()
}

fn record_id() -> String {
    let random = (js_sys::Math::random() * f64::from(u32::MAX)) as u32;
    format!("{:x}-{random:08x}", js_sys::Date::now() as u64)
}

fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Meta's confirmation or code step as the page shows it, with the block of text that says it.
pub fn confirmation(document: &Document) -> Option<(MetaAnswer, String)> {
    let candidates =
        query_all(document, CONFIRMATION_REGIONS).chain(document.body().map(Element::from));
    for region in candidates {
        if seen(&region) == Some(false) || is_ours(&region) {
            continue;
        }
        if let Some(sent) = objection_sent_in(&shown_text(&region)) {
            let block = narrowest_block(&region, sent.answer);
            return Some((sent.answer, block));
        }
    }
    None
}

/// The smallest element under `region` that still says it, widened by one level when its surroundings are short
/// (the message's heading usually sits beside the paragraph that matched).
fn narrowest_block(region: &Element, answer: MetaAnswer) -> String {
    let says_it =
        |e: &Element| objection_sent_in(&shown_text(e)).is_some_and(|s| s.answer == answer);
    let mut block = region.clone();
    'descend: loop {
        let children = block.children();
        for i in 0..children.length() {
            if let Some(child) = children.item(i) {
                if seen(&child) != Some(false) && says_it(&child) {
                    block = child;
                    continue 'descend;
                }
            }
        }
        break;
    }
    if &block != region {
        if let Some(parent) = block.parent_element() {
            if words(&shown_text(&parent)).chars().count() <= CONFIRMATION_CONTEXT_CHARS {
                block = parent;
            }
        }
    }
    words(&shown_text(&block))
        .chars()
        .take(MAX_CONFIRMATION_TEXT_CHARS)
        .collect()
}
