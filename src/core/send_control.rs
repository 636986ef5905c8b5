//! Which press of the user sends Meta's form. Bezwaar keeps a record of an objection the moment the user sends it,
//! so this decides when a record is made; it is the user's own press (the DOM layer passes trusted events only).
//!
//! A submit button of the objection form's `<form>`, or Enter in one of its text fields, sends that form whatever
//! it is called. A control outside a form sends only when its name is one of the Send names of the language packs,
//! whether it is clicked or, for an element the page made a button (`role="button"`), activated with Enter or Space:
//! such an element gets no click from the keyboard, while a native button turns both keys into a click of its own.
//! Nothing sends the objection from another form on the page (a site search, a login form), nothing outside the
//! objection form's `<form>` when that form has a submit button of its own (a chat box's "Send"), and no control
//! that is disabled or that opens something (a country picker made of a button) sends, whatever it is called.
//!
//! A press that asks the browser to submit the `<form>` sends only when the form's submission follows: the page may
//! take the press over (Enter that picks a country in a typeahead, a "Next" that shows the form's next part).
//!
//! A name there only widens what counts as the user's Send: a press of it keeps a record marked "sent, awaiting
//! Meta's confirmation", which the user sees in the panel and in the options page and can delete. Names are compared
//! whole, after `core::text::normalize_text`; they are each language pack's `send_names`.
use crate::core::tables::SEND_NAMES;
use crate::core::text::normalize_text;

/// The control the user pressed, as the DOM layer reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pressed<'a> {
    /// Lowercase element name: "button", "input", or anything else with `role="button"`.
    pub tag: &'a str,
    /// The `type` attribute, lowercase, when present.
    pub type_attr: Option<&'a str>,
    /// Inside a `<form>` that holds the objection form's fields.
    pub in_form: bool,
    /// Inside another `<form>`: one that holds none of them (a site search) or asks for a password (a login form).
    pub in_other_form: bool,
    /// Its accessible name as shown (text content, `aria-label`, or an input's value).
    pub name: &'a str,
    /// An element other than a native control that has `role="button"`.
    pub is_page_button: bool,
    /// Disabled, natively or with `aria-disabled="true"`: pressing it does nothing.
    pub disabled: bool,
    /// It opens something rather than acting (`aria-haspopup`, `aria-expanded`, a combobox): a picker.
    pub opens_something: bool,
    /// The objection form on the page is a `<form>` with a submit button of its own.
    pub form_sends_itself: bool,
}

/// How the user acted on the control.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Press {
    Click,
    /// Enter typed in it.
    Enter,
    /// Space typed on it.
    Space,
}

fn is_send_name(name: &str) -> bool {
    let name = normalize_text(name);
    !name.is_empty() && SEND_NAMES.names.contains(&name.as_str())
}

/// Text fields in which Enter submits their form (HTML's implicit submission).
fn submits_on_enter(type_attr: Option<&str>) -> bool {
    matches!(
        type_attr.unwrap_or("text"),
        "text" | "email" | "search" | "tel" | "url" | "number" | "password" | "date"
    )
}

/// What a press does to the objection form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SendPress {
    /// It sends nothing.
    No,
    /// It sends now: a Send-named control that submits no `<form>` (the page sends by script).
    Now,
    /// It asks the browser to submit the `<form>`: it sends only if the form's `submit` event follows (the page may
    /// take the press over instead: a typeahead that picks on Enter, a "Next" that shows the form's next part).
    /// Where no submission follows because the page took the press over, a control named Send still sends (the
    /// page sends by script), and any other does not.
    IfSubmitted { named_send: bool },
}

/// What this press does to the form.
pub fn press_effect(control: &Pressed, press: Press) -> SendPress {
    if control.disabled || control.opens_something || control.in_other_form {
        return SendPress::No;
    }
    // While the objection form is a <form> with a Send of its own, nothing outside it sends (a chat's "Send").
    if !control.in_form && control.form_sends_itself {
        return SendPress::No;
    }
    let named = || is_send_name(control.name);
    let by_name = |named: bool| if named { SendPress::Now } else { SendPress::No };
    let submits = || SendPress::IfSubmitted {
        named_send: named(),
    };
    match (control.tag, press) {
        ("input", Press::Enter) if control.in_form && submits_on_enter(control.type_attr) => {
            SendPress::IfSubmitted { named_send: false }
        }
        ("input" | "button", Press::Enter | Press::Space) => SendPress::No,
        (_, Press::Enter | Press::Space) => by_name(control.is_page_button && named()),
        ("button", Press::Click)
            if control.in_form && matches!(control.type_attr, None | Some("submit")) =>
        {
            submits()
        }
        ("input", Press::Click) => match control.type_attr {
            Some("submit") | Some("image") if control.in_form => submits(),
            Some("button") => by_name(named()),
            _ => SendPress::No,
        },
        (_, Press::Click) => by_name(named()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::lang::language_packs;
    use crate::core::tables::load::send::send_labels;

    fn control<'a>(
        tag: &'a str,
        type_attr: Option<&'a str>,
        in_form: bool,
        name: &'a str,
    ) -> Pressed<'a> {
        Pressed {
            tag,
            type_attr,
            in_form,
            in_other_form: false,
            name,
            is_page_button: !matches!(tag, "button" | "input"),
            disabled: false,
            opens_something: false,
            form_sends_itself: false,
        }
    }

    fn sends_form(control: &Pressed, press: Press) -> bool {
        press_effect(control, press) != SendPress::No
    }

    #[test]
    fn the_rules_file_is_valid_and_every_label_is_distinct() {
        let mut seen: Vec<(String, String)> = Vec::new();
        let labels = send_labels(language_packs()).expect("the build read every pack's send_names");
        for (language, label) in labels {
            assert!(
                !label.source.trim().is_empty(),
                "{} has no source",
                label.text
            );
            let normal = normalize_text(&label.text);
            assert!(!normal.is_empty(), "{:?} normalises to nothing", label.text);
            let key = (language.to_string(), normal);
            assert!(!seen.contains(&key), "{key:?} twice");
            seen.push(key);
        }
    }

    #[test]
    fn a_forms_submit_button_sends_whatever_its_name() {
        assert!(sends_form(
            &control("button", None, true, "Weiter"),
            Press::Click
        ));
        assert!(sends_form(
            &control("button", Some("submit"), true, ""),
            Press::Click
        ));
        assert!(sends_form(
            &control("input", Some("submit"), true, "OK"),
            Press::Click
        ));
        assert!(!sends_form(
            &control("button", Some("button"), true, "Land wählen"),
            Press::Click
        ));
        assert!(!sends_form(
            &control("button", Some("reset"), true, "Reset"),
            Press::Click
        ));
        assert!(!sends_form(
            &control("input", Some("submit"), false, "OK"),
            Press::Click
        ));
        assert!(!sends_form(
            &control("input", Some("checkbox"), true, "Send"),
            Press::Click
        ));
    }

    #[test]
    fn outside_a_form_only_a_send_name_sends() {
        for name in [
            "Send",
            "  verzenden ",
            "SENDEN",
            "Envoyer",
            "Invia",
            "Wyślij",
            "Submit",
        ] {
            assert!(
                sends_form(&control("div", None, false, name), Press::Click),
                "{name}"
            );
            assert!(
                sends_form(
                    &control("button", Some("button"), false, name),
                    Press::Click
                ),
                "{name}"
            );
        }
        for name in [
            "Sending options",
            "Send a message to",
            "Cancel",
            "",
            "Annuleren",
        ] {
            assert!(
                !sends_form(&control("div", None, false, name), Press::Click),
                "{name}"
            );
            assert!(
                !sends_form(&control("button", None, false, name), Press::Click),
                "{name}"
            );
        }
    }

    #[test]
    fn enter_sends_from_a_forms_text_field_only() {
        assert!(sends_form(&control("input", None, true, ""), Press::Enter));
        assert!(sends_form(
            &control("input", Some("email"), true, ""),
            Press::Enter
        ));
        assert!(!sends_form(
            &control("input", Some("email"), false, ""),
            Press::Enter
        ));
        assert!(!sends_form(
            &control("input", Some("checkbox"), true, ""),
            Press::Enter
        ));
        assert!(!sends_form(
            &control("textarea", None, true, ""),
            Press::Enter
        ));
        assert!(!sends_form(
            &control("button", None, true, "Send"),
            Press::Enter
        ));
    }

    #[test]
    fn a_page_made_send_button_sends_on_enter_and_space_a_native_one_by_its_click() {
        for press in [Press::Enter, Press::Space] {
            assert!(sends_form(&control("div", None, false, "Senden"), press));
            assert!(sends_form(&control("span", None, true, "Wyślij"), press));
            assert!(!sends_form(
                &control("div", None, false, "Abbrechen"),
                press
            ));
            assert!(!sends_form(&control("button", None, false, "Send"), press));
            assert!(!sends_form(&control("button", None, true, "Send"), press));
            assert!(!sends_form(
                &control("input", Some("submit"), true, "Send"),
                press
            ));
            let not_a_button = Pressed {
                is_page_button: false,
                ..control("div", None, false, "Send")
            };
            assert!(
                !sends_form(&not_a_button, press),
                "no role=button: no press"
            );
        }
        assert!(!sends_form(&control("input", None, true, ""), Press::Space));
    }

    #[test]
    fn a_press_that_submits_the_form_waits_for_its_submission() {
        assert_eq!(
            press_effect(&control("input", Some("text"), true, ""), Press::Enter),
            SendPress::IfSubmitted { named_send: false },
            "Enter in a field may pick a typeahead's country instead"
        );
        assert_eq!(
            press_effect(&control("button", None, true, "Weiter"), Press::Click),
            SendPress::IfSubmitted { named_send: false },
            "a submit button that may show the next part"
        );
        assert_eq!(
            press_effect(
                &control("button", Some("submit"), true, "Senden"),
                Press::Click
            ),
            SendPress::IfSubmitted { named_send: true }
        );
        assert_eq!(
            press_effect(
                &control("input", Some("submit"), true, "Send"),
                Press::Click
            ),
            SendPress::IfSubmitted { named_send: true }
        );
        assert_eq!(
            press_effect(
                &control("button", Some("button"), true, "Send"),
                Press::Click
            ),
            SendPress::Now,
            "a Send that submits no form sends by script"
        );
        assert_eq!(
            press_effect(&control("div", None, false, "Verzenden"), Press::Enter),
            SendPress::Now
        );
    }

    #[test]
    fn nothing_outside_a_form_that_sends_itself_sends() {
        let chat = Pressed {
            form_sends_itself: true,
            ..control("div", None, false, "Send")
        };
        for press in [Press::Click, Press::Enter, Press::Space] {
            assert_eq!(press_effect(&chat, press), SendPress::No);
        }
        let its_own = Pressed {
            form_sends_itself: true,
            ..control("button", Some("submit"), true, "Send")
        };
        assert_eq!(
            press_effect(&its_own, Press::Click),
            SendPress::IfSubmitted { named_send: true }
        );
    }

    #[test]
    fn nothing_sends_from_another_form_a_disabled_control_or_a_picker() {
        let searches = Pressed {
            in_form: false,
            in_other_form: true,
            ..control("input", Some("search"), false, "")
        };
        assert!(
            !sends_form(&searches, Press::Enter),
            "Enter in a site search"
        );
        let logs_in = Pressed {
            in_form: false,
            in_other_form: true,
            ..control("button", Some("submit"), false, "Log in")
        };
        assert!(!sends_form(&logs_in, Press::Click), "a login form's button");
        for press in [Press::Click, Press::Enter, Press::Space] {
            let disabled = Pressed {
                disabled: true,
                ..control("div", None, false, "Enviar")
            };
            assert!(!sends_form(&disabled, press), "a disabled Send");
        }
        let disabled_submit = Pressed {
            disabled: true,
            ..control("button", Some("submit"), true, "Send")
        };
        assert!(!sends_form(&disabled_submit, Press::Click));
        let picker = Pressed {
            opens_something: true,
            ..control("button", None, true, "België")
        };
        assert!(
            !sends_form(&picker, Press::Click),
            "a picker button in the form"
        );
        assert!(sends_form(
            &control("button", None, true, "België"),
            Press::Click
        ));
    }
}
