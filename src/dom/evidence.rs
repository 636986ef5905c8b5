//! Evidence of an objection: what the form carried when the user pressed Send, and Meta's answer.
//!
//! A submission is captured at the user's own (trusted) click on a button of the form, its Enter in a text field,
//! or the form's submit event: at that moment the fields still hold what is being sent. It becomes a record once
//! the page shows a confirmation (or the 2024 e-mail code step) that it did not show when Send was pressed, and
//! only once: a reload on a confirmation page, or another click there, records nothing.
use crate::core::hosts::Site;
use crate::core::page_kind::objection_sent_in;
use crate::core::record::{url_without_query, ObjectionRecord, RecordStage};
use crate::dom::prefill::{sent_values, text_of};
use crate::dom::selector::query_all;
use crate::dom::visible::region_rendered;
use web_sys::{Document, Element, Window};

/// Where a confirmation can be shown: dialogs, live regions, the form or the main region, in that order.
const CONFIRMATION_REGIONS: &str =
    "[role=\"dialog\"], [role=\"alertdialog\"], dialog[open], [role=\"alert\"], \
     [role=\"status\"], [aria-live], form, [role=\"main\"], main";
/// A confirmation block grows to its surrounding box when that box is this short (a heading and a paragraph or
/// two), so the record keeps Meta's whole message but not the rest of the page.
const CONFIRMATION_CONTEXT_CHARS: usize = 800;
const MAX_CONFIRMATION_CHARS: usize = 2000;
/// A submit event this soon after a captured click is the same submission (the page may have cleared the fields).
const SAME_SUBMISSION_MS: f64 = 1000.0;

/// The objection form the page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct FormContext {
    pub site: Site,
    pub form_id: String,
}

/// What the user sent, captured when they pressed Send.
#[derive(Debug, Clone)]
pub struct Submission {
    context: FormContext,
    url: String,
    email: String,
    statement: String,
    submitted_at: String,
    at_ms: f64,
    /// The confirmation stage the page already showed when Send was pressed (e.g. the code step, when the user
    /// then sends the code): only a different one answers this submission.
    shown_before: Option<RecordStage>,
    /// Set once the record went out.
    pub recorded: Option<RecordStage>,
}

impl Submission {
    /// Captures a submission now. Fields the form no longer has (the 2024 code step asks only for the code) keep
    /// the values of the submission before on the same page.
    pub fn capture(
        window: &Window,
        document: &Document,
        context: &FormContext,
        previous: Option<&Submission>,
    ) -> Submission {
        let (email, statement) = sent_values(document);
        let earlier = previous.filter(|p| p.context == *context);
        let email = email
            .or_else(|| earlier.map(|p| p.email.clone()))
            .unwrap_or_default();
        let statement = statement
            .or_else(|| earlier.map(|p| p.statement.clone()))
            .unwrap_or_default();
        Submission {
            context: context.clone(),
            url: url_without_query(&window.location().href().unwrap_or_default()),
            email: email.trim().to_string(),
            statement: statement.trim().to_string(),
            submitted_at: js_sys::Date::new_0().to_iso_string().into(),
            at_ms: now(window),
            shown_before: confirmation(document).map(|(stage, _)| stage),
            recorded: None,
        }
    }

    /// A submit event right after a captured click belongs to that click's submission.
    pub fn is_recent(&self, window: &Window) -> bool {
        now(window) - self.at_ms < SAME_SUBMISSION_MS
    }

    /// The record, if the page now answers this submission with a confirmation or the code step.
    pub fn answer(&mut self, document: &Document) -> Option<ObjectionRecord> {
        if self.recorded.is_some() {
            return None;
        }
        let (stage, text) = confirmation(document)?;
        if Some(stage) == self.shown_before {
            return None;
        }
        self.recorded = Some(stage);
        Some(ObjectionRecord {
            id: record_id(),
            site: self.context.site,
            form_id: self.context.form_id.clone(),
            submitted_at: self.submitted_at.clone(),
            email: self.email.clone(),
            statement: self.statement.clone(),
            confirmation_text: text,
            url: self.url.clone(),
            stage,
        })
    }
}

fn now(window: &Window) -> f64 {
    window.performance().map(|p| p.now()).unwrap_or(0.0)
}

fn record_id() -> String {
    let random = (js_sys::Math::random() * f64::from(u32::MAX)) as u32;
    format!("{:x}-{random:08x}", js_sys::Date::now() as u64)
}

fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The confirmation or code step the page shows, with the block of text that says it.
pub fn confirmation(document: &Document) -> Option<(RecordStage, String)> {
    let candidates =
        query_all(document, CONFIRMATION_REGIONS).chain(document.body().map(Element::from));
    for region in candidates {
        if !region_rendered(&region) {
            continue;
        }
        if let Some(sent) = objection_sent_in(&text_of(&region)) {
            let block = narrowest_block(&region, sent.stage);
            return Some((sent.stage, block));
        }
    }
    None
}

/// The smallest element under `region` that still says it, widened by one level when its surroundings are short
/// (the message's heading usually sits beside the paragraph that matched).
fn narrowest_block(region: &Element, stage: RecordStage) -> String {
    let says_it = |e: &Element| objection_sent_in(&text_of(e)).is_some_and(|s| s.stage == stage);
    let mut block = region.clone();
    'descend: loop {
        let children = block.children();
        for i in 0..children.length() {
            if let Some(child) = children.item(i) {
                if region_rendered(&child) && says_it(&child) {
                    block = child;
                    continue 'descend;
                }
            }
        }
        break;
    }
    if &block != region {
        if let Some(parent) = block.parent_element() {
            if words(&text_of(&parent)).chars().count() <= CONFIRMATION_CONTEXT_CHARS {
                block = parent;
            }
        }
    }
    words(&text_of(&block))
        .chars()
        .take(MAX_CONFIRMATION_CHARS)
        .collect()
}
