//! Reads the controls of Meta's objection form for `core::form_plan`, and carries out its plan the way a person
//! would have: values go in through the native setter of the element's prototype followed by bubbling `input` and
//! `change` events (React keeps its own copy of a controlled input's value and only learns of a change from those
//! events), radios and list options are clicked, an ARIA combobox is opened before its option is chosen.
//!
//! Every control is read with what the person can see of it (`visible::sight_of`), hidden ones too: the plan, not
//! this layer, leaves out what is hidden, off-screen or a honeypot.
//!
//! Never pressed: anything that could submit the form. A click on an element whose activation would submit a form
//! is refused outright, so even a country picker built from a `<button>` inside the form cannot send it.
use crate::core::countries::names_a_country;
use crate::core::form_plan::{
    awaits_sight, fillable, objection_score, plan_fill, purpose_of, ControlKind, FieldDescriptor,
    FieldPurpose, FillStep, KeepReason, OptionDescriptor, Sight,
};
use crate::core::profile::{is_plausible_email, Profile};
use crate::dom::attribute::is_ours;
use crate::dom::selector::query_all;
use crate::dom::visible::{read_text, region_rendered, sight_of, TextParts};
use js_sys::{Function, JsString, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement, Window};

/// Everything that can be a control of the form; narrowed down in `read_controls`.
const CONTROL_SELECTOR: &str =
    "input, textarea, select, [role=\"combobox\"], [aria-haspopup=\"listbox\"], [role=\"radio\"]";
/// A picker with a list: an ARIA combobox, or a button that pops up a listbox (the older ARIA pattern).
const COMBOBOX: &str = "[role=\"combobox\"], [aria-haspopup=\"listbox\"]";
/// Input types that hold nothing of the profile (and passwords, which Bezwaar never goes near).
const SKIPPED_INPUT_TYPES: [&str; 9] = [
    "hidden", "submit", "button", "reset", "image", "file", "password", "range", "color",
];
/// Page chrome around the form: site search, navigation. Never part of the objection.
const CHROME_SELECTOR: &str =
    "[role=\"banner\"], [role=\"navigation\"], nav, [role=\"search\"], search";
/// Longest label text read for one control; labels are short, a long text means we climbed too far.
const MAX_LABEL_CHARS: usize = 600;
/// Longest text read from one element (a form, a confirmation region): enough for any of Meta's help pages.
const MAX_TEXT_CHARS: usize = 20_000;
/// Tries to open a closed country combobox (a click, then the keyboard) before leaving it to the user.
const MAX_OPEN_TRIES: u8 = 2;
/// Passes in a row that look again for a hidden field the plan would fill, with nothing written or answered
/// meanwhile. A page may reveal a row by a style change alone, which no DOM watcher sees; the looks start over after
/// each fill and each answer of the user's, which is when a page reveals rows.
const MAX_LOOKS_FOR_HIDDEN: u16 = 60;
/// The outline that marks a field Bezwaar filled.
const MARK_OUTLINE: &str = "2px solid #0b57d0";

// ---- user edits --------------------------------------------------------------------------------------------------

/// Controls the user changed themselves (seen through trusted events): their values are never overwritten.
#[derive(Default)]
pub struct Edits {
    elements: Vec<Element>,
    /// Trusted changes and clicks seen so far: each may be an answer that makes the page reveal a row.
    answers: u32,
}

/// Enough for any form; the oldest entries go first (they are the least likely to still be on the page).
const MAX_EDITS: usize = 256;

impl Edits {
    pub fn contains(&self, element: &Element) -> bool {
        self.elements.iter().any(|e| e == element)
    }

    fn add(&mut self, element: Element) {
        if !self.contains(&element) {
            if self.elements.len() >= MAX_EDITS {
                self.elements.remove(0);
            }
            self.elements.push(element);
        }
    }

    /// Notes the control a trusted `input`, `change`, `click` or `keydown` (with its `key`) event changed, if any.
    pub fn note_event(
        &mut self,
        document: &Document,
        event_type: &str,
        key: Option<&str>,
        target: &Element,
    ) {
        if matches!(event_type, "input" | "change" | "click") {
            self.answers = self.answers.wrapping_add(1);
        }
        match event_type {
            "input" | "change" => {
                if let Some(combobox) = target.closest(COMBOBOX).ok().flatten() {
                    self.add(combobox);
                }
                self.add(target.clone());
            }
            "click" => {
                if let Some(radio) = target.closest("[role=\"radio\"]").ok().flatten() {
                    self.add(radio);
                }
                if let Some(option) = target.closest("[role=\"option\"]").ok().flatten() {
                    if let Some(combobox) = combobox_of_option(document, &option) {
                        self.add(combobox);
                    }
                }
            }
            "keydown" if key.is_some_and(chooses) => {
                // Choosing with the keyboard: in a combobox (its own input events are caught above) or in an ARIA
                // radio group, where arrows move the choice to another radio of the group.
                if let Some(combobox) = target.closest(COMBOBOX).ok().flatten() {
                    self.add(combobox);
                }
                if let Some(radio) = target.closest("[role=\"radio\"]").ok().flatten() {
                    let group = radio.closest("[role=\"radiogroup\"]").ok().flatten();
                    match group {
                        Some(group) => {
                            for other in query_all(&group, "[role=\"radio\"]") {
                                self.add(other);
                            }
                        }
                        None => self.add(radio),
                    }
                }
            }
            _ => {}
        }
    }
}

/// Keys that change a choice (Tab, Escape and modifiers only move around).
fn chooses(key: &str) -> bool {
    matches!(
        key,
        "Enter"
            | " "
            | "ArrowUp"
            | "ArrowDown"
            | "ArrowLeft"
            | "ArrowRight"
            | "Home"
            | "End"
            | "Backspace"
            | "Delete"
    ) || key.chars().count() == 1
}

/// The combobox whose list holds `option`: named by `aria-controls` / `aria-owns`, or the one beside the list.
fn combobox_of_option(document: &Document, option: &Element) -> Option<Element> {
    let listbox = option.closest("[role=\"listbox\"]").ok()??;
    let id = listbox.id();
    query_all(document, COMBOBOX).find(|combobox| {
        let names = |e: &Element| {
            ["aria-controls", "aria-owns"].iter().any(|attribute| {
                e.get_attribute(attribute)
                    .is_some_and(|ids| !id.is_empty() && ids.split_whitespace().any(|i| i == id))
            })
        };
        names(combobox)
            || combobox
                .query_selector("input")
                .ok()
                .flatten()
                .is_some_and(|input| names(&input))
            || combobox
                .parent_element()
                .is_some_and(|parent| parent.contains(Some(&listbox)))
    })
}

// ---- reading the form --------------------------------------------------------------------------------------------

/// One control of the form as read now, with what the plan needs to know about it.
pub struct Control {
    pub element: Element,
    pub descriptor: FieldDescriptor,
    /// For a combobox: its option elements (only while its list is shown), in the order of `descriptor.options`.
    option_elements: Vec<Element>,
    /// For a combobox: whether its list is shown.
    list_open: bool,
}

/// A control's `value`, cut in the browser at `MAX_TEXT_CHARS` (UTF-16 units): a page can swell a field to megabytes
/// as Send is pressed, and no more than this is ever needed, nor kept as evidence.
fn value_of(target: &JsValue) -> String {
    let Some(value) = Reflect::get(target, &"value".into())
        .ok()
        .and_then(|v| v.dyn_into::<JsString>().ok())
    else {
        return String::new();
    };
    let value = if value.length() as usize > MAX_TEXT_CHARS {
        // Not between the two halves of a surrogate pair.
        let last = u32::from(value.char_code_at(MAX_TEXT_CHARS as u32 - 1) as u16);
        let end = MAX_TEXT_CHARS as u32 - u32::from((0xD800..=0xDBFF).contains(&last));
        value.slice(0, end)
    } else {
        value
    };
    String::from(value)
}

fn string_property(target: &JsValue, name: &str) -> String {
    Reflect::get(target, &name.into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

fn bool_property(target: &JsValue, name: &str) -> bool {
    Reflect::get(target, &name.into())
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

fn tag(element: &Element) -> String {
    element.tag_name().to_ascii_lowercase()
}

fn role(element: &Element) -> String {
    element
        .get_attribute("role")
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// The text a person reads in `element`: text nodes only, leaving out scripts, the options of pickers and anything
/// hidden from assistive technology.
pub fn text_of(element: &Element) -> String {
    text_up_to(element, MAX_TEXT_CHARS)
}

/// Like [`text_of`], stopping once about `max` bytes are read. Elements are separated by a space, so that text
/// split over elements ("... l'IA de Meta</a><div>Il y a 5 heures") does not run words together.
pub fn text_up_to(element: &Element, max: usize) -> String {
    read_text(element, max, TextParts::NotHidden)
}

fn capped(text: String) -> String {
    let trimmed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    trimmed.chars().take(MAX_LABEL_CHARS).collect()
}

fn texts_of_ids(document: &Document, ids: &str) -> Vec<String> {
    ids.split_whitespace()
        .filter_map(|id| document.get_element_by_id(id))
        .map(|e| text_of(&e))
        .collect()
}

/// The control's name as assistive technology would read it: aria-labelledby, aria-label, its `<label>`s (or the
/// label around it), the text of an ARIA radio itself, the placeholder; failing all that, the text beside it.
fn accessible_name(document: &Document, element: &Element, input: Option<&Element>) -> String {
    let mut parts: Vec<String> = Vec::new();
    for e in std::iter::once(element).chain(input) {
        if let Some(ids) = e.get_attribute("aria-labelledby") {
            parts.extend(texts_of_ids(document, &ids));
        }
        if let Some(label) = e.get_attribute("aria-label") {
            parts.push(label);
        }
        if let Ok(labels) = Reflect::get(e, &"labels".into()) {
            if let Ok(labels) = labels.dyn_into::<web_sys::NodeList>() {
                for i in 0..labels.length() {
                    if let Some(label) = labels.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                        parts.push(text_of(&label));
                    }
                }
            }
        }
    }
    if parts.iter().all(|p| p.trim().is_empty()) {
        if let Some(label) = element.closest("label").ok().flatten() {
            parts.push(text_of(&label));
        }
    }
    if parts.iter().all(|p| p.trim().is_empty()) && role(element) == "radio" {
        parts.push(text_of(element));
    }
    let has_name = parts.iter().any(|p| !p.trim().is_empty());
    for e in std::iter::once(element).chain(input) {
        if let Some(placeholder) = e.get_attribute("placeholder") {
            parts.push(placeholder);
        }
    }
    if !has_name {
        parts.push(nearby_text(element));
    }
    capped(parts.join(" "))
}

/// The text of the nearest enclosing box that holds this control and no other: how a form lays out a label that
/// is not tied to its field.
fn nearby_text(element: &Element) -> String {
    let mut current = element.parent_element();
    while let Some(ancestor) = current {
        if matches!(tag(&ancestor).as_str(), "form" | "body" | "main") {
            break;
        }
        let others = query_all(&ancestor, CONTROL_SELECTOR)
            .filter(|c| c != element && !element.contains(Some(c)) && is_laid_out(c))
            .count();
        if others > 0 {
            break;
        }
        let text = capped(text_of(&ancestor));
        if !text.is_empty() {
            return text;
        }
        current = ancestor.parent_element();
    }
    String::new()
}

/// The question a radio answers: its radiogroup's name, its fieldset's legend, or the text of the nearest box that
/// holds the other answers too.
fn group_label(document: &Document, radio: &Element) -> String {
    if let Some(group) = radio.closest("[role=\"radiogroup\"]").ok().flatten() {
        let mut parts = Vec::new();
        if let Some(ids) = group.get_attribute("aria-labelledby") {
            parts.extend(texts_of_ids(document, &ids));
        }
        if let Some(label) = group.get_attribute("aria-label") {
            parts.push(label);
        }
        let name = capped(parts.join(" "));
        if !name.is_empty() {
            return name;
        }
    }
    if let Some(fieldset) = radio.closest("fieldset").ok().flatten() {
        if let Some(legend) = fieldset.query_selector("legend").ok().flatten() {
            let name = capped(text_of(&legend));
            if !name.is_empty() {
                return name;
            }
        }
    }
    // No markup names the question: it is the text around the answers. Start at the nearest box holding the
    // other answers too, and widen while the wider box holds no other control and its text stays label-sized
    // (the question may sit in a heading just outside the answers' own box).
    let name = radio.get_attribute("name").unwrap_or_default();
    let is_answer = |e: &Element| {
        (role(e) == "radio" || string_property(e, "type").eq_ignore_ascii_case("radio"))
            && e.get_attribute("name").unwrap_or_default() == name
    };
    let answers_in = |e: &Element| {
        query_all(e, "input[type=\"radio\"], [role=\"radio\"]")
            .filter(|r| is_answer(r))
            .count()
    };
    let mut current = radio.parent_element();
    while let Some(ancestor) = &current {
        if answers_in(ancestor) >= 2 || matches!(tag(ancestor).as_str(), "form" | "body") {
            break;
        }
        current = ancestor.parent_element();
    }
    let Some(mut group) = current else {
        return String::new();
    };
    while let Some(parent) = group.parent_element() {
        if tag(&group) == "form" || tag(&parent) == "body" {
            break;
        }
        let other_controls =
            query_all(&parent, CONTROL_SELECTOR).any(|c| !is_answer(&c) && is_laid_out(&c));
        let text = text_of(&parent);
        if other_controls
            || text
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .chars()
                .count()
                > MAX_LABEL_CHARS
        {
            break;
        }
        group = parent;
    }
    capped(text_of(&group))
}

fn has_password(form: &Element) -> bool {
    form.query_selector("input[type=\"password\"]")
        .ok()
        .flatten()
        .is_some()
}

/// Whether a control found by `CONTROL_SELECTOR` can belong to the objection: not page chrome, not part of a login
/// form, not the text box inside a combobox (the combobox stands for it). Shown or not: that is the plan's to weigh.
fn is_candidate(element: &Element) -> bool {
    if is_ours(element) {
        return false;
    }
    if tag(element) == "input" {
        let input_type = string_property(element, "type").to_ascii_lowercase();
        if SKIPPED_INPUT_TYPES.contains(&input_type.as_str()) {
            return false;
        }
        if role(element) != "combobox" {
            if let Some(combobox) = element.closest(COMBOBOX).ok().flatten() {
                if &combobox != element {
                    return false;
                }
            }
        }
    }
    if element.closest(CHROME_SELECTOR).ok().flatten().is_some()
        || element
            .closest("[role=\"listbox\"]")
            .ok()
            .flatten()
            .is_some()
    {
        return false;
    }
    if element
        .closest("form")
        .ok()
        .flatten()
        .is_some_and(|form| has_password(&form))
    {
        return false;
    }
    true
}

/// A control that takes part in the layout around a label: a candidate that is rendered and not withdrawn. Hidden
/// controls beside a field do not stop its label from being found.
fn is_laid_out(element: &Element) -> bool {
    is_candidate(element)
        && element
            .closest("[aria-hidden=\"true\"], [inert]")
            .ok()
            .flatten()
            .is_none()
        && region_rendered(element)
}

/// The page asks for a password and shows no control of the objection form: Meta's login in the form's place.
pub fn asks_to_log_in(document: &Document) -> bool {
    query_all(document, "input[type=\"password\"]").any(|field| region_rendered(&field))
        && !query_all(document, CONTROL_SELECTOR).any(|c| is_candidate(&c))
}

/// Whether a `<form>` can be the objection form: it holds a control of it, and asks for no password.
fn holds_objection_fields(form: &Element) -> bool {
    !has_password(form) && query_all(form, CONTROL_SELECTOR).any(|c| is_candidate(&c))
}

/// Where the objection form is: a `<form>` of the page, or (a React form need not be a `<form>`) the controls of the
/// main region, else the body, outside every form.
pub struct ObjectionRegion {
    pub form: Option<Element>,
    pub controls: Vec<Control>,
}

/// The objection form: of the page's `<form>` elements that can be it (not a login form, not a site search or a
/// language picker, whose controls are page chrome) and the controls outside them, the one whose controls the rules
/// know best ([`objection_score`]), the first of equals and forms first. Another form on the page (a feedback or
/// newsletter form beside Meta's) is never filled, and a press in it sends nothing.
pub fn objection_region(window: &Window, document: &Document, edits: &Edits) -> ObjectionRegion {
    let outside_forms = document
        .query_selector("[role=\"main\"], main")
        .ok()
        .flatten()
        .or_else(|| document.body().map(Element::from));
    let forms = query_all(document, "form")
        .filter(holds_objection_fields)
        .map(|form| {
            (
                Some(form.clone()),
                controls_in(window, document, &form, edits, false),
            )
        });
    let rest = outside_forms.map(|root| (None, controls_in(window, document, &root, edits, true)));
    let mut best: Option<(u32, ObjectionRegion)> = None;
    for (form, controls) in forms.chain(rest) {
        if controls.is_empty() {
            continue;
        }
        let score = objection_score(controls.iter().map(|c| &c.descriptor));
        if best.as_ref().map_or(true, |(top, _)| score > *top) {
            best = Some((score, ObjectionRegion { form, controls }));
        }
    }
    best.map_or(
        ObjectionRegion {
            form: None,
            controls: Vec::new(),
        },
        |(_, region)| region,
    )
}

/// The candidate controls under `root` in document order, each described for the plan; with `outside_forms`, only
/// those in no `<form>`.
fn controls_in(
    window: &Window,
    document: &Document,
    root: &Element,
    edits: &Edits,
    outside_forms: bool,
) -> Vec<Control> {
    let mut controls: Vec<Control> = Vec::new();
    for element in query_all(root, CONTROL_SELECTOR) {
        if controls.iter().any(|c| c.element == element) || !is_candidate(&element) {
            continue;
        }
        if outside_forms && element.closest("form").ok().flatten().is_some() {
            continue;
        }
        if let Some(control) = describe(window, document, &element, edits) {
            controls.push(control);
        }
    }
    controls
}

/// The objection form's controls in document order, each described for the plan.
pub fn read_controls(window: &Window, document: &Document, edits: &Edits) -> Vec<Control> {
    objection_region(window, document, edits).controls
}

fn control_kind(element: &Element) -> ControlKind {
    let element_role = role(element);
    let pops_up_list = element.get_attribute("aria-haspopup").as_deref() == Some("listbox");
    match tag(element).as_str() {
        _ if element_role == "combobox" || pops_up_list => ControlKind::Combobox,
        "textarea" => ControlKind::Textarea,
        "select" => ControlKind::Select,
        "input" => match string_property(element, "type")
            .to_ascii_lowercase()
            .as_str()
        {
            "email" => ControlKind::Email,
            "text" | "search" | "tel" | "url" | "" => ControlKind::Text,
            "radio" => ControlKind::Radio,
            "checkbox" => ControlKind::Checkbox,
            _ => ControlKind::Other,
        },
        _ if element_role == "radio" => ControlKind::Radio,
        _ => ControlKind::Other,
    }
}

/// What the person sees of a control. A radio or checkbox with a label is seen through its label: pages often draw
/// the choice on the label and hide the box itself, and a click on the label chooses it.
fn sight_of_control(window: &Window, element: &Element, control: ControlKind) -> Sight {
    let own = sight_of(window, element);
    if !matches!(control, ControlKind::Radio | ControlKind::Checkbox) || tag(element) != "input" {
        return own;
    }
    let label = element.closest("label").ok().flatten().or_else(|| {
        Reflect::get(element, &"labels".into())
            .ok()
            .and_then(|labels| labels.dyn_into::<web_sys::NodeList>().ok())
            .and_then(|labels| labels.item(0))
            .and_then(|label| label.dyn_into::<Element>().ok())
    });
    match label {
        Some(label) => Sight {
            exposed: own.exposed,
            ..sight_of(window, &label)
        },
        None => own,
    }
}

fn describe(
    window: &Window,
    document: &Document,
    element: &Element,
    edits: &Edits,
) -> Option<Control> {
    let control = control_kind(element);
    if control == ControlKind::Other {
        return None;
    }
    let combobox_input = (control == ControlKind::Combobox)
        .then(|| {
            if tag(element) == "input" {
                Some(element.clone())
            } else {
                element.query_selector("input").ok().flatten()
            }
        })
        .flatten();
    let aria_true = |name: &str| element.get_attribute(name).as_deref() == Some("true");
    let mut descriptor = FieldDescriptor {
        control,
        name: element.get_attribute("name").unwrap_or_default(),
        id: element.id(),
        autocomplete: element.get_attribute("autocomplete").unwrap_or_default(),
        input_type: if tag(element) == "input" {
            string_property(element, "type").to_ascii_lowercase()
        } else {
            String::new()
        },
        accessible_name: accessible_name(document, element, combobox_input.as_ref()),
        user_edited: edits.contains(element),
        read_only: bool_property(element, "readOnly")
            || bool_property(element, "disabled")
            || aria_true("aria-readonly")
            || aria_true("aria-disabled"),
        sight: sight_of_control(window, element, control),
        ..FieldDescriptor::default()
    };
    let mut option_elements = Vec::new();
    let mut list_open = false;
    match control {
        ControlKind::Text | ControlKind::Email | ControlKind::Textarea => {
            descriptor.value = value_of(element);
            descriptor.max_length = Reflect::get(element, &"maxLength".into())
                .ok()
                .and_then(|v| v.as_f64())
                .filter(|max| *max >= 0.0)
                .map(|max| max as usize);
        }
        ControlKind::Select => {
            descriptor.value = value_of(element);
            if let Some(select) = element.dyn_ref::<web_sys::HtmlSelectElement>() {
                let options = select.options();
                for i in 0..options.length() {
                    if let Some(option) = options
                        .item(i)
                        .and_then(|o| o.dyn_into::<web_sys::HtmlOptionElement>().ok())
                    {
                        descriptor.options.push(OptionDescriptor {
                            value: option.value(),
                            text: option.text(),
                        });
                    }
                }
            }
        }
        ControlKind::Radio | ControlKind::Checkbox => {
            descriptor.checked = if tag(element) == "input" {
                bool_property(element, "checked")
            } else {
                aria_true("aria-checked")
            };
            if control == ControlKind::Radio {
                descriptor.group_label = group_label(document, element);
            }
        }
        ControlKind::Combobox => {
            let listbox = listbox_of(document, element, combobox_input.as_ref());
            list_open = listbox.is_some();
            let shown = match &combobox_input {
                Some(input) => value_of(input),
                None => capped(text_of(element)),
            };
            let mut selected_text = None;
            if let Some(listbox) = &listbox {
                for option in query_all(listbox, "[role=\"option\"]") {
                    if option.get_attribute("aria-disabled").as_deref() == Some("true") {
                        continue;
                    }
                    let text = capped(text_of(&option));
                    if option.get_attribute("aria-selected").as_deref() == Some("true") {
                        selected_text = Some(text.clone());
                    }
                    descriptor.options.push(OptionDescriptor {
                        value: option.get_attribute("data-value").unwrap_or_default(),
                        text,
                    });
                    option_elements.push(option);
                }
            }
            descriptor.value = combobox_value(
                &shown,
                combobox_input.is_some(),
                selected_text,
                &descriptor.options,
            );
            descriptor.read_only |= combobox_input
                .as_ref()
                .is_some_and(|i| bool_property(i, "disabled"));
        }
        ControlKind::Other => {}
    }
    Some(Control {
        element: element.clone(),
        descriptor,
        option_elements,
        list_open,
    })
}

/// What a combobox currently holds. A text box shows its value. A select-only combobox shows either its choice or a
/// prompt ("Choose a country"): its text counts as a choice when it names a country we know, or, while its list is
/// open, when it is the selected option or one of the options; otherwise it is a prompt and the combobox is empty.
fn combobox_value(
    shown: &str,
    is_text_box: bool,
    selected: Option<String>,
    options: &[OptionDescriptor],
) -> String {
    if is_text_box {
        return shown.to_string();
    }
    if let Some(selected) = selected {
        return selected;
    }
    let shown = shown.trim();
    let is_an_option = options.iter().any(|o| o.text.trim() == shown);
    if !shown.is_empty() && (names_a_country(shown) || is_an_option) {
        shown.to_string()
    } else {
        String::new()
    }
}

/// The list of a combobox, if it is shown: the element its `aria-controls` / `aria-owns` name, else a listbox
/// inside it or beside it.
fn listbox_of(document: &Document, combobox: &Element, input: Option<&Element>) -> Option<Element> {
    let named = std::iter::once(combobox)
        .chain(input)
        .flat_map(|e| {
            ["aria-controls", "aria-owns"]
                .iter()
                .filter_map(|a| e.get_attribute(a))
                .collect::<Vec<_>>()
        })
        .flat_map(|ids| {
            ids.split_whitespace()
                .filter_map(|id| document.get_element_by_id(id))
                .collect::<Vec<_>>()
        })
        .find_map(|e| {
            if role(&e) == "listbox" {
                Some(e)
            } else {
                e.query_selector("[role=\"listbox\"]").ok().flatten()
            }
        });
    let listbox = named
        .or_else(|| combobox.query_selector("[role=\"listbox\"]").ok().flatten())
        .or_else(|| {
            combobox
                .parent_element()?
                .query_selector("[role=\"listbox\"]")
                .ok()
                .flatten()
        })?;
    region_rendered(&listbox).then_some(listbox)
}

/// The e-mail address and statement a submission carries: the values of the e-mail and statement fields the person
/// sees, if the form has fields whose purpose the rules know. Where it has none (labels in words no pack knows, a
/// part of the form shown earlier), what `sent_from` holds stands in: the first value that is an e-mail address and
/// the longest text in a text box, since the record must keep what was sent, not what was recognised. The country
/// is kept only from a field the rules name.
pub fn sent_values(document: &Document, sent_from: &Element) -> SentValues {
    let Some(window) = document.default_view() else {
        return SentValues::default();
    };
    let controls = read_controls(&window, document, &Edits::default());
    let planned_value = |wanted: FieldPurpose| {
        controls
            .iter()
            .filter(|c| fillable(&c.descriptor) && purpose_of(&c.descriptor) == wanted)
            .map(|c| c.descriptor.value.clone())
            .find(|v| !v.trim().is_empty())
    };
    let email = planned_value(FieldPurpose::Email).or_else(|| {
        query_all(sent_from, SENT_TEXT_INPUTS)
            .map(|input| value_of(&input).trim().to_string())
            .find(|value| is_plausible_email(value))
    });
    let statement = planned_value(FieldPurpose::Statement).or_else(|| {
        query_all(sent_from, "textarea")
            .map(|area| value_of(&area))
            .filter(|value| !value.trim().is_empty())
            .max_by_key(|value| value.chars().count())
    });
    // Only a field the rules name: no guess stands in for the country in the evidence. A list's choice is kept as
    // its text, as the user saw it (its value may be a code).
    let country = controls
        .iter()
        .filter(|c| fillable(&c.descriptor) && purpose_of(&c.descriptor) == FieldPurpose::Country)
        .map(
            |c| match c.element.dyn_ref::<web_sys::HtmlSelectElement>() {
                Some(list) => list
                    .selected_options()
                    .item(0)
                    .and_then(|option| option.text_content())
                    .unwrap_or_default(),
                None => c.descriptor.value.clone(),
            },
        )
        .map(|shown| shown.split_whitespace().collect::<Vec<_>>().join(" "))
        .find(|shown| !shown.is_empty());
    SentValues {
        email,
        country,
        statement,
    }
}

/// What a submission carried, as far as it could be read (see [`sent_values`]).
#[derive(Default)]
pub struct SentValues {
    pub email: Option<String>,
    pub country: Option<String>,
    pub statement: Option<String>,
}

/// The inputs whose value a submission carries as text.
const SENT_TEXT_INPUTS: &str =
    "input:not([type]), input[type=\"text\" i], input[type=\"email\" i], input[type=\"hidden\" i]";

// ---- writing -----------------------------------------------------------------------------------------------------

/// A JS function, checked with `typeof` rather than `instanceof` (what `dyn_into` asks): in Firefox a content script
/// reaches the page's DOM objects (constructors, prototypes, the events they build) through wrappers from another
/// compartment, where `instanceof` against the content script's own builtins can be false.
fn function(value: JsValue) -> Option<Function> {
    value.is_function().then(|| value.unchecked_into())
}

fn event(
    window: &Window,
    class: &str,
    event_type: &str,
    init: &[(&str, JsValue)],
) -> Option<web_sys::Event> {
    let constructor = function(Reflect::get(window, &class.into()).ok()?)?;
    let options = Object::new();
    Reflect::set(&options, &"bubbles".into(), &true.into()).ok()?;
    Reflect::set(&options, &"cancelable".into(), &true.into()).ok()?;
    Reflect::set(&options, &"composed".into(), &true.into()).ok()?;
    for (key, value) in init {
        Reflect::set(&options, &(*key).into(), value).ok()?;
    }
    let args = js_sys::Array::of2(&event_type.into(), &options);
    let event = Reflect::construct(&constructor, &args).ok()?;
    event.is_object().then(|| event.unchecked_into())
}

fn dispatch(
    window: &Window,
    target: &Element,
    class: &str,
    event_type: &str,
    init: &[(&str, JsValue)],
) {
    if let Some(e) = event(window, class, event_type, init) {
        let _ = target.dispatch_event(&e);
    }
}

/// Sets `property` through the setter on the prototype of `class` (e.g. `HTMLInputElement.prototype.value`),
/// bypassing whatever the page defined on the element itself.
fn native_set(
    window: &Window,
    element: &Element,
    class: &str,
    property: &str,
    value: &JsValue,
) -> bool {
    let set = || -> Option<()> {
        let constructor = Reflect::get(window, &class.into()).ok()?;
        let prototype = Reflect::get(&constructor, &"prototype".into()).ok()?;
        if !prototype.is_object() {
            return None;
        }
        let descriptor = Object::get_own_property_descriptor(
            prototype.unchecked_ref::<Object>(),
            &property.into(),
        );
        let setter = function(Reflect::get(&descriptor, &"set".into()).ok()?)?;
        setter.call1(element, value).ok()?;
        Some(())
    };
    set().is_some()
}

fn prototype_class(element: &Element) -> &'static str {
    match tag(element).as_str() {
        "textarea" => "HTMLTextAreaElement",
        "select" => "HTMLSelectElement",
        _ => "HTMLInputElement",
    }
}

/// The events a person's typing or choosing produces, in the order React and plain pages expect.
fn announce_change(window: &Window, element: &Element) {
    dispatch(window, element, "Event", "input", &[]);
    dispatch(window, element, "Event", "change", &[]);
}

fn set_text(window: &Window, element: &Element, value: &str) -> bool {
    if !native_set(
        window,
        element,
        prototype_class(element),
        "value",
        &value.into(),
    ) {
        return false;
    }
    announce_change(window, element);
    value_of(element) == value
}

fn choose_in_select(window: &Window, element: &Element, option_index: usize, value: &str) -> bool {
    let class = prototype_class(element);
    native_set(window, element, class, "value", &value.into());
    // Two options may share a value (or have none): the index is what the plan chose.
    if Reflect::get(element, &"selectedIndex".into())
        .ok()
        .and_then(|v| v.as_f64())
        != Some(option_index as f64)
    {
        native_set(
            window,
            element,
            class,
            "selectedIndex",
            &(option_index as f64).into(),
        );
    }
    announce_change(window, element);
    Reflect::get(element, &"selectedIndex".into())
        .ok()
        .and_then(|v| v.as_f64())
        == Some(option_index as f64)
}

/// Whether activating `element` (a click, Enter, Space) could submit a form: a submit button or image input, or
/// anything inside one.
fn activation_submits(element: &Element) -> bool {
    let Ok(Some(button)) = element.closest("button, input[type=\"submit\"], input[type=\"image\"]")
    else {
        return false;
    };
    let has_form = Reflect::get(&button, &"form".into())
        .map(|form| !form.is_null() && !form.is_undefined())
        .unwrap_or(false);
    let kind = string_property(&button, "type").to_ascii_lowercase();
    has_form && (kind == "submit" || kind == "image")
}

/// A pointer press and click, as a mouse would produce them. Refused on anything that could submit the form.
fn press(window: &Window, element: &Element) -> bool {
    if activation_submits(element) {
        return false;
    }
    let primary = [("button", JsValue::from(0)), ("isPrimary", JsValue::TRUE)];
    dispatch(window, element, "PointerEvent", "pointerdown", &primary);
    dispatch(window, element, "MouseEvent", "mousedown", &primary[..1]);
    dispatch(window, element, "PointerEvent", "pointerup", &primary);
    dispatch(window, element, "MouseEvent", "mouseup", &primary[..1]);
    match element.dyn_ref::<HtmlElement>() {
        Some(html) => {
            html.click();
            true
        }
        None => false,
    }
}

fn key(window: &Window, element: &Element, name: &str) {
    let init = [
        ("key", JsValue::from_str(name)),
        ("code", JsValue::from_str(name)),
    ];
    dispatch(window, element, "KeyboardEvent", "keydown", &init);
    dispatch(window, element, "KeyboardEvent", "keyup", &init);
}

// ---- the prefill -------------------------------------------------------------------------------------------------

/// The inline style properties the mark sets.
const MARK_PROPERTIES: [&str; 2] = ["outline", "outline-offset"];

/// A field Bezwaar filled, with what its mark's properties were before (value, priority), to put them back.
struct Filled {
    element: Element,
    purpose: FieldPurpose,
    style_before: Vec<(String, String)>,
}

/// Why a field of known purpose did not get the profile's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteReason {
    /// The plan said to leave it (see `KeepReason`).
    Kept(KeepReason),
    /// The plan said to fill it, but the page did not take the value (or the control could not be used safely).
    CouldNotFill,
}

/// Something the panel should tell about a field Bezwaar left alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Note {
    pub purpose: FieldPurpose,
    pub reason: NoteReason,
}

/// What one prefill pass did and saw.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Outcome {
    /// The purposes of the fields filled so far on this page, in form order.
    pub filled: Vec<FieldPurpose>,
    /// Why other fields of known purpose were left alone (only what the user should know).
    pub notes: Vec<Note>,
    /// The e-mail field now shows the profile's address (filled by us, or already equal).
    pub email_matches_profile: bool,
    /// Run again shortly even if the page does not change: a combobox was just opened, or a field the plan would
    /// fill is hidden for now.
    pub retry_soon: bool,
    /// Something on the page was written.
    pub wrote: bool,
}

/// The prefill state of one page.
#[derive(Default)]
pub struct Prefill {
    filled: Vec<Filled>,
    /// Every control written to once: never written again, so a page that refuses a value cannot make us loop.
    attempted: Vec<Element>,
    open_tries: Vec<(Element, u8)>,
    /// Comboboxes we opened to look and then closed again.
    closed: Vec<Element>,
    /// Passes in a row that found a field of known purpose hidden, with nothing written or answered meanwhile.
    looks_for_hidden: u16,
    /// `Edits::answers` when last looked at.
    answers_seen: u32,
}

impl Prefill {
    /// The elements Bezwaar filled (a trusted edit of one of them takes its mark off).
    pub fn filled_elements(&self) -> Vec<Element> {
        self.filled.iter().map(|f| f.element.clone()).collect()
    }

    /// Forgets the page (another page was navigated to): marks come off the fields that are still there.
    pub fn reset(&mut self) {
        for filled in self.filled.drain(..) {
            unmark(&filled);
        }
        self.attempted.clear();
        self.open_tries.clear();
        self.closed.clear();
        self.looks_for_hidden = 0;
    }

    /// One pass: read the form, plan, carry out the plan. `statement` is the rendered statement.
    pub fn run(
        &mut self,
        window: &Window,
        document: &Document,
        profile: &Profile,
        statement: &str,
        edits: &Edits,
    ) -> Outcome {
        let mut outcome = Outcome::default();
        // A field the user changed is theirs now: it no longer carries our mark.
        self.filled.retain(|f| {
            let keep = f.element.is_connected() && !edits.contains(&f.element);
            if !keep {
                unmark(f);
            }
            keep
        });

        let controls = read_controls(window, document, edits);
        let mut waiting: Vec<usize> = Vec::new();
        for (index, control) in controls.iter().enumerate() {
            if self.needs_opening(control) {
                waiting.push(index);
                outcome.wrote |= self.open(window, control);
                outcome.retry_soon = true;
            }
        }
        let descriptors: Vec<FieldDescriptor> =
            controls.iter().map(|c| c.descriptor.clone()).collect();
        for step in plan_fill(&descriptors, profile, statement) {
            let index = step_index(&step);
            if waiting.contains(&index) {
                continue;
            }
            let Some(control) = controls.get(index) else {
                continue;
            };
            let purpose = purpose_of(&control.descriptor);
            let ours = self.filled.iter().any(|f| f.element == control.element);
            if !matches!(step, FillStep::Keep { .. }) {
                if self.attempted.contains(&control.element) {
                    if !ours {
                        outcome.notes.push(Note {
                            purpose,
                            reason: NoteReason::CouldNotFill,
                        });
                    }
                    continue;
                }
                self.attempted.push(control.element.clone());
                outcome.wrote = true;
            }
            let done = match step {
                FillStep::SetText { value, .. } => set_text(window, &control.element, &value),
                FillStep::ChooseOption { option_index, .. } => match control.descriptor.control {
                    ControlKind::Select => control
                        .descriptor
                        .options
                        .get(option_index)
                        .is_some_and(|o| {
                            choose_in_select(window, &control.element, option_index, &o.value)
                        }),
                    _ => control
                        .option_elements
                        .get(option_index)
                        .is_some_and(|option| press(window, option)),
                },
                FillStep::Check { .. } => press(window, &control.element),
                FillStep::Keep { reason, .. } => {
                    if purpose == FieldPurpose::Email && reason == KeepReason::AlreadyEqual {
                        outcome.email_matches_profile = true;
                    }
                    if control.descriptor.control == ControlKind::Combobox
                        && control.list_open
                        && self.opened_by_us(&control.element)
                        && !self.closed.contains(&control.element)
                    {
                        // We opened it to look; leave it as we found it (once: a list that stays open is the
                        // page's business).
                        key(window, &control.element, "Escape");
                        self.closed.push(control.element.clone());
                        outcome.wrote = true;
                    }
                    let worth_telling = !matches!(
                        reason,
                        KeepReason::AlreadyEqual | KeepReason::DuplicatePurpose
                    );
                    if worth_telling && !ours {
                        outcome.notes.push(Note {
                            purpose,
                            reason: NoteReason::Kept(reason),
                        });
                    }
                    continue;
                }
            };
            if done {
                self.mark(control, purpose);
            } else {
                outcome.notes.push(Note {
                    purpose,
                    reason: NoteReason::CouldNotFill,
                });
            }
        }
        // Listed in form order, whatever order the fill took (a combobox is chosen a pass later).
        self.filled.sort_by(|a, b| {
            let following = a.element.compare_document_position(&b.element)
                & web_sys::Node::DOCUMENT_POSITION_FOLLOWING;
            if a.element == b.element {
                std::cmp::Ordering::Equal
            } else if following != 0 {
                std::cmp::Ordering::Less
            } else {
                std::cmp::Ordering::Greater
            }
        });
        outcome.filled = self.filled.iter().map(|f| f.purpose).collect();
        if outcome.wrote || edits.answers != self.answers_seen {
            self.answers_seen = edits.answers;
            self.looks_for_hidden = 0;
        }
        if awaits_sight(&descriptors) && self.looks_for_hidden < MAX_LOOKS_FOR_HIDDEN {
            self.looks_for_hidden += 1;
            outcome.retry_soon = true;
        }
        if self.filled.iter().any(|f| f.purpose == FieldPurpose::Email) {
            outcome.email_matches_profile = true;
        }
        outcome
    }

    /// A combobox we choose in (the country, the AI question) whose list is closed and whose value we cannot read
    /// must be opened to choose in it.
    fn needs_opening(&self, control: &Control) -> bool {
        let d = &control.descriptor;
        d.control == ControlKind::Combobox
            && fillable(d)
            && !control.list_open
            && !d.user_edited
            && !d.read_only
            && d.value.trim().is_empty()
            && matches!(
                purpose_of(d),
                FieldPurpose::Country | FieldPurpose::AiQuestionPicker
            )
            && !self.filled.iter().any(|f| f.element == control.element)
            && self.tries(&control.element) < MAX_OPEN_TRIES
    }

    fn tries(&self, element: &Element) -> u8 {
        self.open_tries
            .iter()
            .find(|(e, _)| e == element)
            .map_or(0, |(_, n)| *n)
    }

    fn opened_by_us(&self, element: &Element) -> bool {
        self.tries(element) > 0
    }

    /// Opens a combobox's list: first as a click would, then from the keyboard.
    fn open(&mut self, window: &Window, control: &Control) -> bool {
        let tries = self.tries(&control.element);
        match self
            .open_tries
            .iter_mut()
            .find(|(e, _)| *e == control.element)
        {
            Some((_, n)) => *n += 1,
            None => self.open_tries.push((control.element.clone(), 1)),
        }
        if tries == 0 {
            press(window, &control.element)
        } else {
            let target = control
                .element
                .query_selector("input")
                .ok()
                .flatten()
                .unwrap_or_else(|| control.element.clone());
            if let Some(html) = target.dyn_ref::<HtmlElement>() {
                let _ = html.focus();
            }
            key(window, &target, "ArrowDown");
            true
        }
    }

    fn mark(&mut self, control: &Control, purpose: FieldPurpose) {
        if self.filled.iter().any(|f| f.element == control.element) {
            return;
        }
        let mut style_before = Vec::new();
        if let Some(html) = control.element.dyn_ref::<HtmlElement>() {
            let style = html.style();
            for property in MARK_PROPERTIES {
                style_before.push((
                    style.get_property_value(property).unwrap_or_default(),
                    style.get_property_priority(property),
                ));
            }
            let _ = style.set_property("outline", MARK_OUTLINE);
            let _ = style.set_property("outline-offset", "1px");
        }
        self.filled.push(Filled {
            element: control.element.clone(),
            purpose,
            style_before,
        });
    }
}

fn unmark(filled: &Filled) {
    let Some(html) = filled.element.dyn_ref::<HtmlElement>() else {
        return;
    };
    let style = html.style();
    for (property, (value, priority)) in MARK_PROPERTIES.iter().zip(&filled.style_before) {
        let _ = if value.is_empty() {
            style.remove_property(property).map(|_| ())
        } else {
            style.set_property_with_priority(property, value, priority)
        };
    }
}

fn step_index(step: &FillStep) -> usize {
    match step {
        FillStep::SetText { index, .. }
        | FillStep::ChooseOption { index, .. }
        | FillStep::Check { index }
        | FillStep::Keep { index, .. } => *index,
    }
}
