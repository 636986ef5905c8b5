//! The objection form: the profile is read from extension storage (only there), the form is prefilled
//! (automatically unless the user turned that off, or when they ask in the panel), and the panel says what was
//! filled and that the user must press Send themselves. At the user's Send: a record for the background at once
//! ("sent, awaiting Meta's confirmation"), moved on by what Meta shows after (confirmed, or not sent when an error
//! stays next to the form). Filling follows every batch of page changes, so fields the page reveals (the generic
//! route's "yes") are filled. Unlike the other features it writes while it reads: a fill's effect (a field the page
//! reveals, a list it opens) is read back at once.
//!
//! The profile never leaves the content script's own world: no page-world globals, nothing stored in the DOM, no
//! messages to the page. It is written only into the fields the form plan names. Only the user acts: the panel's
//! buttons answer trusted events alone, and a form the page reached by in-app navigation (`pushState`) instead of
//! loading it from Meta is filled only when the user asks in the panel, since any script on the page can do that.
use crate::core::messages::ContentMessage;
use crate::core::page_kind::{submission_page_site, MetaAnswer, PageClass, PageKind};
use crate::core::panel::{
    may_fill, panel_view, FormPanel, PanelInputs, PanelView, ProfileState, RecordPanel, Shown,
    META_SAID_KEY, RECORD_NOT_SAVED_KEY,
};
use crate::core::profile::{load_settings, ready_profile, Profile, ProfileReadiness};
use crate::core::record::{url_without_query, ObjectionRecord, RecordStage};
use crate::core::send_control::{press_effect, Press, Pressed, SendPress};
use crate::core::statement::statement_to_send;
use crate::core::text_keys::{field_key, note_key, PRESS_UNSEEN_KEY};
use crate::dom::banner::{Panel, PanelContent};
use crate::dom::evidence::{confirmation, form_owner, FormContext, Submission};
use crate::dom::feature::{Feature, Next, Page, ReadFrame, Start, StorageValues};
use crate::dom::prefill::{
    asks_to_log_in, objection_region, text_up_to, Edits, Note, NoteReason, Outcome, Prefill,
};
use crate::dom::seen_press::press_was_seen;
use crate::dom::selector::query_all;
use crate::dom::services::{json_at, Services};
use crate::dom::visible::seen;
use crate::dom::watcher::WakeHandle;
use gloo::timers::callback::Timeout;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Window};
/// How soon a pass runs again after opening a combobox, in case the page shows its list without a DOM change.
const RETRY_MS: u32 = 350;
/// How soon a pass runs again after filling, for what the page reveals in reaction.
const FOLLOW_UP_MS: u32 = 120;
/// Bezwaar's own elements: events inside them are not the page's.
const OURS: &str = "bezwaar-panel, bezwaar-banner, bezwaar-badge";
/// The page events that show what the user does in the form.
const WATCHED_EVENTS: [&str; 5] = ["input", "change", "click", "keydown", "submit"];
/// While a sent objection awaits Meta's answer, the page is looked at this often: an answer may be revealed by a
/// style change, which adds no element for the watcher to see.
const AWAIT_ANSWER_MS: u32 = 1000;
/// A `<form>`'s own submit buttons.
const SUBMITTERS: &str =
    "button:not([type]), button[type=\"submit\" i], input[type=\"submit\" i], input[type=\"image\" i]";
/// Controls a press on which may send the form.
const CONTROLS: &str =
    "button, [role=\"button\"], input[type=\"submit\"], input[type=\"button\"], input[type=\"image\"]";

/// The profile as far as this page knows it.
#[derive(Default)]
enum ProfileSlot {
    #[default]
    NotLoaded,
    Loading,
    /// Read: the profile when forms can be filled from it, else how far it is from that.
    Read(Result<Profile, ProfileReadiness>),
}

/// What the panel should do after a pass.
enum PanelUpdate {
    Show(PanelContent),
    Keep,
    Remove,
}

/// State shared with event listeners and storage callbacks, which run outside the content script's frames.
#[derive(Default)]
struct Shared {
    /// The objection form on this page, once classified: submissions are captured only then.
    form: Option<FormContext>,
    edits: Edits,
    /// The fields Bezwaar filled: a trusted edit of one wakes the loop, so its mark comes off.
    filled: Vec<Element>,
    submission: Option<Submission>,
    /// A press that asked the browser to submit the objection form: it sends once the form's submission follows.
    awaiting_submit: Option<AwaitedSubmit>,
    /// What became of the last record sent to the background.
    saving: Saving,
    profile: ProfileSlot,
    /// `settings.autoPrefill` (on unless the user turned it off); read together with the profile, and only looked
    /// at once the profile is loaded.
    auto_prefill: bool,
    /// The user asked for the fill in the panel.
    fill_requested: bool,
    /// The last press of the panel's fill button was on a button the user could not plainly see: nothing was
    /// filled, and the panel says so.
    fill_press_unseen: bool,
    /// Something outside the page's DOM changed (storage, a request, an edit): run a pass.
    dirty: bool,
    /// Bumped when the page is left, so a storage answer for the page before is dropped.
    generation: u32,
    /// Meta's confirmation on the page a Send led to was handed to the background (once per page).
    confirmation_passed_on: bool,
    /// The address (without its query) of the form, loaded from Meta, that this document sent an objection from:
    /// kept across in-app moves, which leave the page, since Meta's form may answer at an address below its own.
    sent_from_form_at: Option<String>,
}

/// A press of the user's that sends the form only if its submission follows.
struct AwaitedSubmit {
    control: Element,
    /// The control is named Send in a language the packs know.
    named_send: bool,
    form: Element,
    /// When the press's own task ended (`Date.now()`), None until it has: a submission within that task is the
    /// press's own however long the page's listeners kept it busy, and one much later is the page's own.
    press_ended: Rc<Cell<Option<f64>>>,
}

impl AwaitedSubmit {
    fn new(control: Element, named_send: bool, form: Element) -> Self {
        let press_ended = Rc::new(Cell::new(None));
        let ended = press_ended.clone();
        Timeout::new(0, move || ended.set(Some(js_sys::Date::now()))).forget();
        AwaitedSubmit {
            control,
            named_send,
            form,
            press_ended,
        }
    }

    /// Whether a submission now can be this press's.
    fn still_due(&self) -> bool {
        self.press_ended.get().map_or(true, |ended| {
            js_sys::Date::now() - ended < SUBMIT_FOLLOWS_MS
        })
    }
}

/// How long after the user's press the form's submission counts as that press's: the browser submits within the
/// press's own events (a key's keypress may come in a task of its own).
const SUBMIT_FOLLOWS_MS: f64 = 1000.0;
/// How long a form the page's script submitted, by a control not named Send, is watched for its next part: a step
/// ("Next") hides the control pressed and shows another submit button in the same form; a Send does not.
const NEXT_PART_SHOWN_MS: u32 = 1500;

/// Whether the background kept the record.
#[derive(Debug, Clone, Default, PartialEq)]
enum Saving {
    #[default]
    Idle,
    Pending,
    Saved,
    /// The background could not write it (e.g. the storage quota is full); the reason, as the browser gave it.
    Failed(String),
}

type SharedRef = Rc<RefCell<Shared>>;
type Listener = Closure<dyn FnMut(web_sys::Event)>;

/// Asks the watcher for a pass soon, outside whatever is running now (an event handler, a storage answer); the
/// pass does the form's work even when the page did not change.
fn wake_soon(shared: &SharedRef, wake: &WakeHandle, delay_ms: u32) -> Timeout {
    if let Ok(mut state) = shared.try_borrow_mut() {
        state.dirty = true;
    }
    wake.after(delay_ms)
}

pub fn on(start: &Start) -> Option<Box<dyn Feature>> {
    Some(Box::new(ObjectionForm {
        shared: Rc::new(RefCell::new(Shared::default())),
        wake: start.wake.clone(),
        prefill: Prefill::default(),
        outcome: Outcome::default(),
        panel: Panel::default(),
        listeners: Vec::new(),
        fill_handler: None,
        retry_timer: None,
        answer_timer: None,
    }))
}

struct ObjectionForm {
    shared: SharedRef,
    wake: WakeHandle,
    prefill: Prefill,
    outcome: Outcome,
    panel: Panel,
    listeners: Vec<(&'static str, Listener)>,
    fill_handler: Option<Listener>,
    retry_timer: Option<Timeout>,
    answer_timer: Option<Timeout>,
}

impl Feature for ObjectionForm {
    fn read(&mut self, frame: &mut ReadFrame) -> Next {
        let page = frame.page;
        if frame.navigated {
            self.leave_page();
        }
        let dirty = std::mem::take(&mut self.shared.borrow_mut().dirty);
        if frame.page_changed || dirty {
            if let Some(class) = frame.class {
                self.work(&page.services, &page.window, &page.document, class);
            }
        }
        Next::default()
    }

    /// The profile or settings changed in the options page: read them again when the form needs them.
    fn storage_changed(&mut self, _page: &Page, changed: &StorageValues) {
        if !(changed.has("profile") || changed.has("settings")) {
            return;
        }
        let mut shared = self.shared.borrow_mut();
        if !matches!(shared.profile, ProfileSlot::NotLoaded) {
            shared.profile = ProfileSlot::NotLoaded;
            shared.generation += 1;
        }
        shared.dirty = true;
    }

    fn stop(&mut self) {
        self.retry_timer = None;
        self.answer_timer = None;
    }
}

impl ObjectionForm {
    /// Another page in the same tab: nothing of the last one carries over, the profile included.
    fn leave_page(&mut self) {
        self.prefill.reset();
        self.outcome = Outcome::default();
        self.panel.remove();
        self.retry_timer = None;
        self.answer_timer = None;
        let mut shared = self.shared.borrow_mut();
        let generation = shared.generation + 1;
        let sent_from_form_at = shared.sent_from_form_at.take();
        *shared = Shared {
            generation,
            sent_from_form_at,
            ..Shared::default()
        };
    }

    /// One pass over the form: listeners, profile, prefill, evidence, panel.
    fn work(
        &mut self,
        services: &Services,
        window: &Window,
        document: &Document,
        class: &PageClass,
    ) {
        let form_page = matches!(
            class.kind,
            PageKind::ObjectionFormFacebook
                | PageKind::ObjectionFormInstagram
                | PageKind::ObjectionFormGeneric
        );
        if form_page {
            if let (Some(site), Some(form_id)) = (class.site, class.form_id.clone()) {
                self.shared.borrow_mut().form = Some(FormContext { site, form_id });
            }
            self.install_listeners(services, window, document);
            self.ensure_profile(services);
            self.prefill_pass(services, window, document);
        }
        self.follow_submission(services, document);
        self.pass_on_confirmation(services, window, document, class);
        let shown = match self.panel_content(services, form_page, window) {
            PanelUpdate::Show(content) => {
                let handler = self.fill_function();
                self.panel.show(document, &content, &handler)
            }
            PanelUpdate::Keep => Ok(false),
            PanelUpdate::Remove => Ok(self.panel.remove()),
        };
        if let Err(error) = shown {
            web_sys::console::warn_1(&error);
        }
    }

    /// On a page a Send led to, Meta's confirmation is handed to the background, which confirms the objection this
    /// tab sent last if it was sent lately on the same site: a page loaded from Meta that the mobile form posts to,
    /// or the form's own address posted to or loaded again (where the page is classed as Meta's confirmation); or,
    /// in the document that sent it from a form loaded from Meta, an in-app move to an address of that form (its
    /// own with another query, or one below it). A page that holds its own record follows that record instead. No
    /// other page is searched: any script of the site can move to any address and show any words (a chat, a bio, a
    /// help article quoting Meta's answer); the user confirms by Meta's e-mail instead.
    fn pass_on_confirmation(
        &mut self,
        services: &Services,
        window: &Window,
        document: &Document,
        class: &PageClass,
    ) {
        let Some(site) = class.site else {
            return;
        };
        {
            let shared = self.shared.borrow();
            if shared.confirmation_passed_on || shared.submission.is_some() {
                return;
            }
            let href = window.location().href().unwrap_or_default();
            let here = url_without_query(&href);
            let loaded_here = (class.kind == PageKind::ObjectionSent
                || submission_page_site(&href).is_some())
                && loaded_from_meta(services, window);
            let moved_within_form = shared.sent_from_form_at.as_deref().is_some_and(|form| {
                let form = form.trim_end_matches('/');
                here.trim_end_matches('/') == form || here.starts_with(&format!("{form}/"))
            });
            if !loaded_here && !moved_within_form {
                return;
            }
        }
        if let Some((MetaAnswer::Confirmed, text)) = confirmation(document) {
            self.shared.borrow_mut().confirmation_passed_on = true;
            services.send(&ContentMessage::ConfirmedAfterSend { site, text });
        }
    }

    /// Moves the objection's record on from what the page shows, and hands every change to the background.
    fn follow_submission(&mut self, services: &Services, document: &Document) {
        let (record, awaiting) = {
            let mut shared = self.shared.borrow_mut();
            let Some(submission) = shared.submission.as_mut() else {
                return;
            };
            submission.observe(document);
            let awaiting = submission.record.stage == RecordStage::Sent;
            let record = std::mem::take(&mut submission.unsent).then(|| submission.record.clone());
            if record.is_some() {
                shared.saving = Saving::Pending;
            }
            (record, awaiting)
        };
        if let Some(record) = record {
            hand_record_over(&self.shared, &self.wake, services, record);
        }
        // Each pass while awaiting sets the next look; a pass for any other reason puts it off, which is as good.
        self.answer_timer = awaiting.then(|| wake_soon(&self.shared, &self.wake, AWAIT_ANSWER_MS));
    }

    fn prefill_pass(&mut self, services: &Services, window: &Window, document: &Document) {
        let (profile, requested, auto) = {
            let shared = self.shared.borrow();
            let ProfileSlot::Read(Ok(profile)) = &shared.profile else {
                return;
            };
            (profile.clone(), shared.fill_requested, shared.auto_prefill)
        };
        if !may_fill(requested, auto, loaded_from_meta(services, window)) {
            return;
        }
        let statement = statement_to_send(&profile);
        let outcome = {
            let shared = self.shared.borrow();
            self.prefill
                .run(window, document, &profile, &statement, &shared.edits)
        };
        // Pages react to a fill by revealing fields (the generic route's "yes") or opening a list, and may do so
        // without adding elements (a `hidden` attribute flips), which the mutation watcher does not see: look again.
        if outcome.retry_soon {
            self.retry_timer = Some(wake_soon(&self.shared, &self.wake, RETRY_MS));
        } else if outcome.wrote {
            self.retry_timer = Some(wake_soon(&self.shared, &self.wake, FOLLOW_UP_MS));
        }
        self.shared.borrow_mut().filled = self.prefill.filled_elements();
        self.outcome = outcome;
    }

    /// Reads the profile and settings from extension storage, once per page (and again after they changed).
    fn ensure_profile(&mut self, services: &Services) {
        let generation = {
            let mut shared = self.shared.borrow_mut();
            if !matches!(shared.profile, ProfileSlot::NotLoaded) {
                return;
            }
            shared.profile = ProfileSlot::Loading;
            shared.generation
        };
        let weak = Rc::downgrade(&self.shared);
        let wake = self.wake.clone();
        let callback = Closure::once_into_js(move |stored: JsValue| {
            let Some(shared) = weak.upgrade() else {
                return;
            };
            {
                let Ok(mut state) = shared.try_borrow_mut() else {
                    return;
                };
                if state.generation != generation {
                    return;
                }
                state.profile = ProfileSlot::Read(ready_profile(&json_at(&stored, "profile")));
                state.auto_prefill = load_settings(&json_at(&stored, "settings"))
                    .settings()
                    .auto_prefill;
            }
            wake_soon(&shared, &wake, 0).forget();
        });
        services.storage_get(&["profile", "settings"], callback.unchecked_ref());
    }

    /// The panel's "fill in" handler: the user's request, then a pass. Only a trusted press counts: the page
    /// cannot reach the closed panel, and an event it made up is not the user. And only one on a button the user
    /// could see: the page may have hidden it under something to have it pressed unknowingly.
    fn fill_function(&mut self) -> js_sys::Function {
        let shared = self.shared.clone();
        let wake = self.wake.clone();
        self.fill_handler
            .get_or_insert_with(|| {
                Closure::new(move |event: web_sys::Event| {
                    if !event.is_trusted() {
                        return;
                    }
                    let seen = event
                        .current_target()
                        .and_then(|button| button.dyn_into::<Element>().ok())
                        .is_some_and(|button| press_was_seen(&event, &button));
                    if let Ok(mut state) = shared.try_borrow_mut() {
                        state.fill_requested |= seen;
                        state.fill_press_unseen = !seen;
                    }
                    wake_soon(&shared, &wake, 0).forget();
                })
            })
            .as_ref()
            .unchecked_ref::<js_sys::Function>()
            .clone()
    }

    /// Trusted events on the page (the user's own): edits, and presses of Send. Our own dispatched events are
    /// never trusted, so they never count as the user's.
    fn install_listeners(&mut self, services: &Services, window: &Window, document: &Document) {
        if !self.listeners.is_empty() {
            return;
        }
        for event_type in WATCHED_EVENTS {
            let shared = self.shared.clone();
            let wake = self.wake.clone();
            let services = services.clone();
            let window = window.clone();
            let document_for_listener = document.clone();
            let listener =
                Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
                    if event.is_trusted() {
                        on_user_event(
                            &shared,
                            &wake,
                            &services,
                            &window,
                            &document_for_listener,
                            &event,
                        );
                    }
                });
            let added = document.add_event_listener_with_callback_and_bool(
                event_type,
                listener.as_ref().unchecked_ref(),
                true,
            );
            if added.is_ok() {
                self.listeners.push((event_type, listener));
            }
        }
    }

    /// What the panel says: `core::panel` decides, this puts it in the user's language.
    fn panel_content(&self, services: &Services, form_page: bool, window: &Window) -> PanelUpdate {
        let t = |key: &str| services.text(key, &[]);
        let shared = self.shared.borrow();
        let record = shared.submission.as_ref().map(|s| &s.record);
        let (profile_state, profile) = match &shared.profile {
            ProfileSlot::NotLoaded | ProfileSlot::Loading => (ProfileState::Reading, None),
            ProfileSlot::Read(Ok(profile)) => {
                (ProfileState::Read(ProfileReadiness::Ready), Some(profile))
            }
            ProfileSlot::Read(Err(readiness)) => (ProfileState::Read(*readiness), None),
        };
        let outcome = &self.outcome;
        let view = panel_view(&PanelInputs {
            record,
            record_not_saved: matches!(shared.saving, Saving::Failed(_)),
            form_page,
            login_wall: form_page && window.document().is_some_and(|d| asks_to_log_in(&d)),
            profile: profile_state,
            fill_requested: shared.fill_requested,
            auto_prefill: shared.auto_prefill,
            loaded_from_meta: loaded_from_meta(services, window),
            filled_any: !outcome.filled.is_empty(),
            email_matches_profile: outcome.email_matches_profile,
        });
        let shown = match view {
            PanelView::Keep => return PanelUpdate::Keep,
            PanelView::Remove => return PanelUpdate::Remove,
            PanelView::Show(shown) => shown,
        };
        let (key_line, lines, fill) = match shown {
            Shown::Record { stage, .. } => {
                let mut lines = vec![t(stage.next_key())];
                if let RecordPanel::NotSent { meta_said: true } = stage {
                    let error_text = record.map_or("", |r| r.error_text.as_str());
                    lines.insert(0, services.text(META_SAID_KEY, &[error_text]));
                }
                if let Saving::Failed(reason) = &shared.saving {
                    lines.insert(0, services.text(RECORD_NOT_SAVED_KEY, &[reason]));
                }
                (t(stage.key_line()), lines, false)
            }
            Shown::Form(form) => {
                // The panel names the profile's e-mail only when it has the profile to name it from.
                let form = match (form, profile) {
                    (FormPanel::Filled { .. }, None) => FormPanel::Filled {
                        from_profile: false,
                    },
                    (form, _) => form,
                };
                let filled = || {
                    // Named once each: the e-mail and its confirmation field are both "e-mail address".
                    let mut names: Vec<String> = Vec::new();
                    for purpose in &outcome.filled {
                        let name = services.text(field_key(*purpose, true), &[]);
                        if !names.contains(&name) {
                            names.push(name);
                        }
                    }
                    names.join(", ")
                };
                let mut lines: Vec<String> = form
                    .first_line_key()
                    .map(|key| match (form, profile) {
                        (FormPanel::Filled { from_profile: true }, Some(profile)) => {
                            services.text(key, &[&profile.email, &filled()])
                        }
                        (FormPanel::Filled { .. }, _) => services.text(key, &[&filled()]),
                        _ => t(key),
                    })
                    .into_iter()
                    .collect();
                if matches!(form, FormPanel::Filled { .. } | FormPanel::FilledNothing) {
                    let mut notes: Vec<Note> = Vec::new();
                    for note in &outcome.notes {
                        if !notes.contains(note) {
                            notes.push(*note);
                        }
                    }
                    lines.extend(notes.iter().map(|note| note_text(services, note)));
                }
                if shared.fill_press_unseen && form.offers_fill() {
                    lines.insert(0, t(PRESS_UNSEEN_KEY));
                }
                (t(form.key_line()), lines, form.offers_fill())
            }
        };
        PanelUpdate::Show(PanelContent {
            state: shown.state_name(),
            title: t("panelTitle"),
            key_line,
            lines,
            fill_button: fill.then(|| t("panelFillIn")),
            hide_label: t("panelHide"),
            show_label: t("panelShow"),
        })
    }
}

impl Drop for ObjectionForm {
    fn drop(&mut self) {
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            for (event_type, listener) in &self.listeners {
                let _ = document.remove_event_listener_with_callback_and_bool(
                    event_type,
                    listener.as_ref().unchecked_ref(),
                    true,
                );
            }
        }
    }
}

/// A trusted event on the page: note the user's edits; capture the form's values when they press Send.
fn on_user_event(
    shared: &SharedRef,
    wake: &WakeHandle,
    services: &Services,
    window: &Window,
    document: &Document,
    event: &web_sys::Event,
) {
    let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return;
    };
    if target.closest(OURS).ok().flatten().is_some() {
        return;
    }
    let Ok(mut state) = shared.try_borrow_mut() else {
        return;
    };
    let event_type = event.type_();
    let key = event.dyn_ref::<web_sys::KeyboardEvent>().map(|k| k.key());
    state
        .edits
        .note_event(document, &event_type, key.as_deref(), &target);
    let edited_ours = matches!(event_type.as_str(), "input" | "change")
        && state.filled.iter().any(|e| e.contains(Some(&target)));
    // An answer may make the form reveal a row by a style change alone, which the mutation watcher does not see.
    let answered = state.form.is_some() && matches!(event_type.as_str(), "change" | "click");
    if let Some(context) = state.form.clone() {
        // The objection form's submission that the user's press asked for: the press sent it.
        if event_type == "submit" {
            let awaited = state
                .awaiting_submit
                .take()
                .filter(|awaited| awaited.form == target && awaited.still_due());
            if let Some(awaited) = awaited {
                let submission = Submission::capture(
                    window,
                    document,
                    &context,
                    &awaited.control,
                    state.submission.as_ref(),
                    loaded_from_meta(services, window),
                );
                drop(state);
                if awaited.named_send {
                    keep_submission(shared, wake, services, submission);
                } else {
                    keep_unless_a_step(shared, wake, services, event, awaited, submission);
                }
            }
            return;
        }
        let pressed = match event_type.as_str() {
            "click" => target
                .closest(CONTROLS)
                .ok()
                .flatten()
                .map(|control| (press_of(document, &control, Press::Click), control)),
            "keydown" if key.as_deref() == Some("Enter") => {
                Some((press_of(document, &target, Press::Enter), target.clone()))
            }
            "keydown" if key.as_deref() == Some(" ") => {
                Some((press_of(document, &target, Press::Space), target.clone()))
            }
            _ => None,
        };
        match pressed {
            Some((SendPress::Now, control)) => {
                // A form the browser itself refuses (a required field left empty) sends nothing.
                let refused = form_owner(&control)
                    .is_some_and(|form| !form.no_validate() && !form.check_validity());
                if !refused {
                    drop(state);
                    record_send(shared, wake, services, window, document, &context, &control);
                    return;
                }
            }
            Some((SendPress::IfSubmitted { named_send }, control)) => {
                if let Some(form) = form_owner(&control).map(Element::from) {
                    state.awaiting_submit =
                        Some(AwaitedSubmit::new(control.clone(), named_send, form));
                    if named_send {
                        drop(state);
                        send_if_taken_over(
                            shared, wake, services, window, document, event, control,
                        );
                        return;
                    }
                }
            }
            Some((SendPress::No, _)) | None => {}
        }
    }
    let sent = state.dirty;
    drop(state);
    if edited_ours || answered || sent {
        wake_soon(shared, wake, 0).forget();
    }
}

/// Keeps the record of a Send the user pressed, handing it over now, within the press: a real <form> may take the
/// page away before the next pass.
fn record_send(
    shared: &SharedRef,
    wake: &WakeHandle,
    services: &Services,
    window: &Window,
    document: &Document,
    context: &FormContext,
    pressed: &Element,
) {
    let submission = {
        let Ok(state) = shared.try_borrow() else {
            return;
        };
        Submission::capture(
            window,
            document,
            context,
            pressed,
            state.submission.as_ref(),
            loaded_from_meta(services, window),
        )
    };
    keep_submission(shared, wake, services, submission);
}

/// Makes `submission` this page's objection and hands its record to the background.
fn keep_submission(
    shared: &SharedRef,
    wake: &WakeHandle,
    services: &Services,
    mut submission: Submission,
) {
    let Ok(mut state) = shared.try_borrow_mut() else {
        return;
    };
    submission.unsent = false;
    let record = submission.record.clone();
    if submission.form_from_meta() {
        state.sent_from_form_at = Some(record.url.clone());
    }
    state.submission = Some(submission);
    state.awaiting_submit = None;
    state.saving = Saving::Pending;
    state.dirty = true;
    drop(state);
    hand_record_over(shared, wake, services, record);
    wake_soon(shared, wake, 0).forget();
}

/// Once the press's events are over: a Send-named submit button whose press the page took over (it cancelled the
/// click, so no submission followed) sends by the page's script, and its record is kept then.
fn send_if_taken_over(
    shared: &SharedRef,
    wake: &WakeHandle,
    services: &Services,
    window: &Window,
    document: &Document,
    press: &web_sys::Event,
    control: Element,
) {
    let weak = Rc::downgrade(shared);
    let (wake, services, window, document, press) = (
        wake.clone(),
        services.clone(),
        window.clone(),
        document.clone(),
        press.clone(),
    );
    Timeout::new(0, move || {
        let Some(shared) = weak.upgrade() else {
            return;
        };
        let context = {
            let Ok(mut state) = shared.try_borrow_mut() else {
                return;
            };
            let still_awaited = state
                .awaiting_submit
                .as_ref()
                .is_some_and(|awaited| awaited.control == control);
            if !still_awaited || !press.default_prevented() {
                return;
            }
            state.awaiting_submit = None;
            state.form.clone()
        };
        if let Some(context) = context {
            record_send(
                &shared, &wake, &services, &window, &document, &context, &control,
            );
        }
    })
    .forget();
}

/// A submission by a control not named Send: the browser's own (the page leaves) sends now; one the page's script
/// took over sends unless the form then shows its next part, the control pressed hidden and another submit button
/// shown in the same form.
fn keep_unless_a_step(
    shared: &SharedRef,
    wake: &WakeHandle,
    services: &Services,
    submit: &web_sys::Event,
    awaited: AwaitedSubmit,
    submission: Submission,
) {
    let weak = Rc::downgrade(shared);
    let (wake, services, submit) = (wake.clone(), services.clone(), submit.clone());
    Timeout::new(0, move || {
        let Some(shared) = weak.upgrade() else {
            return;
        };
        if !submit.default_prevented() {
            keep_submission(&shared, &wake, &services, submission);
            return;
        }
        let weak = Rc::downgrade(&shared);
        Timeout::new(NEXT_PART_SHOWN_MS, move || {
            let Some(shared) = weak.upgrade() else {
                return;
            };
            let shown = |element: &Element| element.is_connected() && seen(element) != Some(false);
            let showed_next_part = !shown(&awaited.control)
                && shown(&awaited.form)
                && query_all(&awaited.form, SUBMITTERS)
                    .any(|other| other != awaited.control && shown(&other));
            if !showed_next_part {
                keep_submission(&shared, &wake, &services, submission);
            }
        })
        .forget();
    })
    .forget();
}

/// Sends a record to the background, which keeps it; its reply says whether it could.
fn hand_record_over(
    shared: &SharedRef,
    wake: &WakeHandle,
    services: &Services,
    record: ObjectionRecord,
) {
    let weak = Rc::downgrade(shared);
    let wake = wake.clone();
    let id = record.id.clone();
    let on_reply = Closure::once_into_js(move |reply: JsValue| {
        let Some(shared) = weak.upgrade() else {
            return;
        };
        if let Ok(mut state) = shared.try_borrow_mut() {
            let current = state.submission.as_ref().map(|s| s.record.id.as_str());
            if current == Some(id.as_str()) {
                state.saving = saving_from_reply(&reply);
            }
        }
        wake_soon(&shared, &wake, 0).forget();
    });
    services.send_then(
        &ContentMessage::ObjectionRecorded { record },
        on_reply.unchecked_ref(),
    );
}

/// What pressing `control` this way does to the form (`core::send_control` decides from what the control is).
fn press_of(document: &Document, control: &Element, press: Press) -> SendPress {
    let tag = control.local_name();
    let type_attr = control
        .get_attribute("type")
        .map(|t| t.to_ascii_lowercase());
    let name = control
        .get_attribute("aria-label")
        .filter(|label| !label.trim().is_empty())
        .or_else(|| {
            (tag == "input")
                .then(|| control.get_attribute("value"))
                .flatten()
        })
        .unwrap_or_else(|| text_up_to(control, 200));
    let role = control
        .get_attribute("role")
        .map(|role| role.trim().to_ascii_lowercase());
    let is_page_button =
        !matches!(tag.as_str(), "button" | "input") && role.as_deref() == Some("button");
    let attribute_is = |name: &str, value: &str| {
        control
            .get_attribute(name)
            .is_some_and(|v| v.trim().eq_ignore_ascii_case(value))
    };
    let opens_something = role.as_deref() == Some("combobox")
        || control.has_attribute("aria-expanded")
        || (control.has_attribute("aria-haspopup") && !attribute_is("aria-haspopup", "false"));
    let form = form_owner(control);
    let objection_form = document
        .default_view()
        .and_then(|window| objection_region(&window, document, &Edits::default()).form);
    let in_form = form
        .as_ref()
        .is_some_and(|form| objection_form.as_ref() == Some(form.as_ref()));
    press_effect(
        &Pressed {
            tag: &tag,
            type_attr: type_attr.as_deref(),
            in_form,
            in_other_form: form.is_some() && !in_form,
            name: &name,
            is_page_button,
            disabled: control.matches(":disabled").unwrap_or(false)
                || attribute_is("aria-disabled", "true"),
            opens_something,
            form_sends_itself: !in_form
                && objection_form
                    .as_ref()
                    .is_some_and(|form| query_all(form, SUBMITTERS).next().is_some()),
        },
        press,
    )
}

/// The reply of the background to a record: `{saved: true}`, or `{saved: false, error}`.
fn saving_from_reply(reply: &JsValue) -> Saving {
    let field = |name: &str| js_sys::Reflect::get(reply, &name.into()).unwrap_or_default();
    if field("saved").as_bool() == Some(true) {
        return Saving::Saved;
    }
    Saving::Failed(
        field("error")
            .as_string()
            .unwrap_or_else(|| "no answer from the extension".to_string()),
    )
}

/// The form page was loaded from Meta, not reached by the page's own in-app navigation: the document's navigation
/// entry (the address the browser requested) is the address shown, fragments aside. Where the browser cannot say,
/// it counts as not loaded. A tab a page in another tab may hold counts as not loaded either (a page that opened it
/// by script, `window.open`, can read its fields, even after setting `opener` to null; so can a tab this one opened,
/// through its `opener`, after this tab loaded the form), and so does one the background cannot answer for.
fn loaded_from_meta(services: &Services, window: &Window) -> bool {
    if services.held_by_tab() != Some(false) {
        return false;
    }
    // Read by property: the opener is a window of another world. Another origin's window throws on `origin`: it
    // cannot read this page either.
    let opener_origin = window
        .opener()
        .ok()
        .filter(|opener| opener.is_object())
        .and_then(|opener| js_sys::Reflect::get(&opener, &"location".into()).ok())
        .and_then(|location| js_sys::Reflect::get(&location, &"origin".into()).ok())
        .and_then(|origin| origin.as_string());
    if opener_origin.is_some() && opener_origin == window.location().origin().ok() {
        return false;
    }
    let Some(performance) = window.performance() else {
        return false;
    };
    let requested = performance.get_entries_by_type("navigation").get(0);
    let requested = js_sys::Reflect::get(&requested, &"name".into())
        .ok()
        .and_then(|name| name.as_string());
    let shown = window.location().href().ok();
    let without_fragment = |url: &str| url.split('#').next().unwrap_or_default().to_string();
    match (requested, shown) {
        (Some(requested), Some(shown)) => without_fragment(&requested) == without_fragment(&shown),
        _ => false,
    }
}

/// A field's name in the panel: in the list of what was filled, the AI question reads as the answer given.
fn note_text(services: &Services, note: &Note) -> String {
    let kept = match note.reason {
        NoteReason::CouldNotFill => None,
        NoteReason::Kept(reason) => Some(reason),
    };
    let field = services.text(field_key(note.purpose, false), &[]);
    services.text(note_key(kept), &[&field])
}
