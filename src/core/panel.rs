//! The objection form's panel: what it says, from where the objection stands (a record sent, Meta's answer, whether
//! the background kept it) and, before Send, from the profile and the fill. And the one rule on filling by
//! itself: a form the page reached by its own in-app navigation is filled only at the user's request.
use crate::core::profile::ProfileReadiness;
use crate::core::record::{ObjectionRecord, RecordStage};

/// What the panel does after a pass over the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PanelView {
    /// The profile is being (re)read: what the panel says stays until then.
    Keep,
    /// Not an objection form, and nothing was sent here.
    Remove,
    Show(Shown),
}

/// What a shown panel says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// An objection was sent from this page; `not_saved` when the background could not keep its record.
    Record {
        stage: RecordPanel,
        not_saved: bool,
    },
    Form(FormPanel),
}

/// Where a sent objection stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordPanel {
    /// Meta showed its confirmation.
    Confirmed,
    /// Sent, and Meta asks for the code it e-mailed.
    CodeSent,
    /// Sent, awaiting Meta's confirmation.
    Sent,
    /// Meta refused the form; `meta_said` when it said why.
    NotSent { meta_said: bool },
}

/// The form before Send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormPanel {
    /// The form's address shows Meta's login form instead: nothing there is Bezwaar's to fill.
    LogInFirst,
    NoProfile,
    ProfileUnreadable,
    ProfileIncomplete,
    /// Nothing filled by itself: the fill button is offered. `in_page` when that is because the page reached the
    /// form by in-app navigation.
    Offer {
        in_page: bool,
    },
    /// Filled; `from_profile` when the form's e-mail is the profile's (the panel names it).
    Filled {
        from_profile: bool,
    },
    /// Looked at, and nothing needed filling.
    FilledNothing,
}

/// The profile as the form's page knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileState {
    /// Not read yet, or being read again after a change.
    Reading,
    Read(ProfileReadiness),
}

/// Everything the panel depends on.
pub struct PanelInputs<'a> {
    /// The objection sent from this page, if any.
    pub record: Option<&'a ObjectionRecord>,
    /// The background could not keep the record.
    pub record_not_saved: bool,
    /// The page is an objection form.
    pub form_page: bool,
    /// The page asks for a password and holds no field of the objection form (Meta's login in its place).
    pub login_wall: bool,
    pub profile: ProfileState,
    /// The user asked for the fill in the panel.
    pub fill_requested: bool,
    /// `settings.autoPrefill`.
    pub auto_prefill: bool,
    /// The page was loaded from Meta, not reached by the page's own in-app navigation.
    pub loaded_from_meta: bool,
    /// The fill wrote at least one field.
    pub filled_any: bool,
    /// The form's e-mail field holds the profile's address.
    pub email_matches_profile: bool,
}

/// Whether the form is filled now: at the user's request, or by itself when the user allows that and the page was
/// loaded from Meta (any script on the page can navigate in-app to a form, so that alone never fills it).
pub fn may_fill(fill_requested: bool, auto_prefill: bool, loaded_from_meta: bool) -> bool {
    fill_requested || (auto_prefill && loaded_from_meta)
}

pub fn panel_view(inputs: &PanelInputs) -> PanelView {
    if let Some(record) = inputs.record {
        let stage = match record.stage {
            RecordStage::Confirmed => RecordPanel::Confirmed,
            RecordStage::Sent if record.code_step => RecordPanel::CodeSent,
            RecordStage::Sent => RecordPanel::Sent,
            RecordStage::NotSent => RecordPanel::NotSent {
                meta_said: !record.error_text.is_empty(),
            },
        };
        return PanelView::Show(Shown::Record {
            stage,
            not_saved: inputs.record_not_saved,
        });
    }
    if !inputs.form_page {
        return PanelView::Remove;
    }
    let form = |panel| PanelView::Show(Shown::Form(panel));
    if inputs.login_wall {
        return form(FormPanel::LogInFirst);
    }
    match inputs.profile {
        ProfileState::Reading => return PanelView::Keep,
        ProfileState::Read(ProfileReadiness::Missing) => return form(FormPanel::NoProfile),
        ProfileState::Read(ProfileReadiness::Unreadable) => {
            return form(FormPanel::ProfileUnreadable)
        }
        ProfileState::Read(ProfileReadiness::Incomplete) => {
            return form(FormPanel::ProfileIncomplete)
        }
        ProfileState::Read(ProfileReadiness::Ready) => {}
    }
    if !may_fill(
        inputs.fill_requested,
        inputs.auto_prefill,
        inputs.loaded_from_meta,
    ) {
        return form(FormPanel::Offer {
            in_page: inputs.auto_prefill,
        });
    }
    if !inputs.filled_any {
        return form(FormPanel::FilledNothing);
    }
    form(FormPanel::Filled {
        from_profile: inputs.email_matches_profile,
    })
}

impl RecordPanel {
    /// The message key of the panel's key line once an objection was sent here.
    pub fn key_line(self) -> &'static str {
        match self {
            RecordPanel::Confirmed => "panelRecorded",
            RecordPanel::CodeSent => "panelCodeSent",
            RecordPanel::Sent => "panelRecordedSent",
            RecordPanel::NotSent { .. } => "panelNotSent",
        }
    }

    /// The message key of what to do next, the line under the key line.
    pub fn next_key(self) -> &'static str {
        match self {
            RecordPanel::Confirmed => "panelAccountsCenter",
            RecordPanel::CodeSent => "panelRecordedSent",
            RecordPanel::Sent => "panelConfirmLater",
            RecordPanel::NotSent { .. } => "panelNotSentFix",
        }
    }
}

/// Above the next step of a refused form: what Meta said (the key takes Meta's text).
pub const META_SAID_KEY: &str = "panelMetaSaid";
/// First of all lines when the background could not keep the record (the key takes the reason).
pub const RECORD_NOT_SAVED_KEY: &str = "panelRecordNotSaved";

impl FormPanel {
    /// The message key of the panel's key line before Send.
    pub fn key_line(self) -> &'static str {
        match self {
            FormPanel::LogInFirst => "panelLogInFirst",
            FormPanel::NoProfile => "panelNoProfile",
            FormPanel::ProfileUnreadable => "panelProfileUnreadable",
            FormPanel::ProfileIncomplete => "panelProfileIncomplete",
            FormPanel::Offer { .. } => "panelOffer",
            FormPanel::Filled { .. } | FormPanel::FilledNothing => "panelPressSend",
        }
    }

    /// The message key of the first line under the key line, if any. `panelFilledFrom` takes the profile's e-mail
    /// and the names of the fields filled, `panelFilled` those names.
    pub fn first_line_key(self) -> Option<&'static str> {
        match self {
            FormPanel::Offer { in_page: true } => Some("panelOfferInPage"),
            FormPanel::Filled { from_profile: true } => Some("panelFilledFrom"),
            FormPanel::Filled {
                from_profile: false,
            } => Some("panelFilled"),
            FormPanel::FilledNothing => Some("panelFilledNothing"),
            _ => None,
        }
    }

    /// Whether the panel offers its "Fill in" button.
    pub fn offers_fill(self) -> bool {
        matches!(self, FormPanel::Offer { .. })
    }
}

impl Shown {
    /// The panel's `data-state`, which the page's tests and the panel's styles key on.
    pub fn state_name(&self) -> &'static str {
        match self {
            Shown::Record {
                not_saved: true, ..
            } => "record-not-saved",
            Shown::Record { stage, .. } => match stage {
                RecordPanel::Confirmed => "recorded",
                RecordPanel::CodeSent => "code-sent",
                RecordPanel::Sent => "sent",
                RecordPanel::NotSent { .. } => "not-sent",
            },
            Shown::Form(form) => match form {
                FormPanel::LogInFirst => "log-in-first",
                FormPanel::NoProfile => "no-profile",
                FormPanel::ProfileUnreadable => "profile-unreadable",
                FormPanel::ProfileIncomplete => "profile-incomplete",
                FormPanel::Offer { .. } => "offer",
                FormPanel::Filled { .. } => "filled",
                FormPanel::FilledNothing => "checked",
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::hosts::Site;

    fn record(stage: RecordStage, code_step: bool, error_text: &str) -> ObjectionRecord {
        ObjectionRecord {
            id: "a1".into(),
            site: Site::Facebook,
            form_id: "712876720715583".into(),
            submitted_at: "2025-05-20T09:30:00+02:00".into(),
            email: "jan@example.nl".into(),
            country: String::new(),
            statement: "Ik maak bezwaar.".into(),
            url: "https://www.facebook.com/help/contact/712876720715583".into(),
            stage,
            confirmation_text: String::new(),
            confirmed_at: None,
            confirmed_by: None,
            code_step,
            error_text: error_text.into(),
        }
    }

    fn ready_form() -> PanelInputs<'static> {
        PanelInputs {
            record: None,
            record_not_saved: false,
            form_page: true,
            login_wall: false,
            profile: ProfileState::Read(ProfileReadiness::Ready),
            fill_requested: false,
            auto_prefill: true,
            loaded_from_meta: true,
            filled_any: true,
            email_matches_profile: false,
        }
    }

    fn form(panel: FormPanel) -> PanelView {
        PanelView::Show(Shown::Form(panel))
    }

    fn state(view: PanelView) -> Option<&'static str> {
        match view {
            PanelView::Show(shown) => Some(shown.state_name()),
            PanelView::Keep | PanelView::Remove => None,
        }
    }

    #[test]
    fn a_form_reached_in_page_is_filled_only_on_request() {
        assert!(may_fill(false, true, true), "loaded from Meta, auto on");
        assert!(!may_fill(false, true, false), "in-app navigation");
        assert!(!may_fill(false, false, true), "auto off");
        assert!(may_fill(true, false, false), "the user asked");
        let in_page = PanelInputs {
            loaded_from_meta: false,
            ..ready_form()
        };
        assert_eq!(
            panel_view(&in_page),
            form(FormPanel::Offer { in_page: true })
        );
        let auto_off = PanelInputs {
            auto_prefill: false,
            ..ready_form()
        };
        assert_eq!(
            panel_view(&auto_off),
            form(FormPanel::Offer { in_page: false })
        );
        let asked = PanelInputs {
            fill_requested: true,
            ..in_page
        };
        assert_eq!(
            panel_view(&asked),
            form(FormPanel::Filled {
                from_profile: false
            })
        );
    }

    #[test]
    fn the_profile_decides_before_the_fill() {
        let with = |profile| PanelInputs {
            profile,
            ..ready_form()
        };
        assert_eq!(panel_view(&with(ProfileState::Reading)), PanelView::Keep);
        for (readiness, panel, name) in [
            (
                ProfileReadiness::Missing,
                FormPanel::NoProfile,
                "no-profile",
            ),
            (
                ProfileReadiness::Unreadable,
                FormPanel::ProfileUnreadable,
                "profile-unreadable",
            ),
            (
                ProfileReadiness::Incomplete,
                FormPanel::ProfileIncomplete,
                "profile-incomplete",
            ),
        ] {
            let view = panel_view(&with(ProfileState::Read(readiness)));
            assert_eq!(view, form(panel));
            assert_eq!(state(view), Some(name));
        }
    }

    #[test]
    fn what_the_fill_did_is_said() {
        let nothing = PanelInputs {
            filled_any: false,
            ..ready_form()
        };
        assert_eq!(state(panel_view(&nothing)), Some("checked"));
        let from_profile = PanelInputs {
            email_matches_profile: true,
            ..ready_form()
        };
        assert_eq!(
            panel_view(&from_profile),
            form(FormPanel::Filled { from_profile: true })
        );
        assert_eq!(state(panel_view(&from_profile)), Some("filled"));
    }

    #[test]
    fn a_sent_record_outranks_the_form_and_its_profile() {
        let cases = [
            (record(RecordStage::Confirmed, false, ""), "recorded"),
            (record(RecordStage::Sent, true, ""), "code-sent"),
            (record(RecordStage::Sent, false, ""), "sent"),
            (record(RecordStage::NotSent, false, "Invalid"), "not-sent"),
        ];
        for (sent, name) in &cases {
            let inputs = PanelInputs {
                record: Some(sent),
                form_page: false,
                profile: ProfileState::Read(ProfileReadiness::Missing),
                ..ready_form()
            };
            assert_eq!(state(panel_view(&inputs)), Some(*name));
            let not_saved = PanelInputs {
                record_not_saved: true,
                ..inputs
            };
            assert_eq!(state(panel_view(&not_saved)), Some("record-not-saved"));
        }
        let refused = record(RecordStage::NotSent, false, "");
        let inputs = PanelInputs {
            record: Some(&refused),
            ..ready_form()
        };
        assert_eq!(
            panel_view(&inputs),
            PanelView::Show(Shown::Record {
                stage: RecordPanel::NotSent { meta_said: false },
                not_saved: false
            })
        );
    }

    #[test]
    fn off_a_form_with_nothing_sent_there_is_no_panel() {
        let off = PanelInputs {
            form_page: false,
            ..ready_form()
        };
        assert_eq!(panel_view(&off), PanelView::Remove);
    }

    #[test]
    fn the_forms_address_showing_a_login_says_to_log_in_first_whatever_the_profile() {
        for profile in [
            ProfileState::Read(ProfileReadiness::Ready),
            ProfileState::Read(ProfileReadiness::Missing),
            ProfileState::Reading,
        ] {
            let login = PanelInputs {
                login_wall: true,
                profile,
                ..ready_form()
            };
            assert_eq!(panel_view(&login), form(FormPanel::LogInFirst));
            assert_eq!(state(panel_view(&login)), Some("log-in-first"));
        }
        let sent = record(RecordStage::Sent, false, "");
        let after_send = PanelInputs {
            record: Some(&sent),
            login_wall: true,
            ..ready_form()
        };
        assert_eq!(state(panel_view(&after_send)), Some("sent"));
        assert_eq!(FormPanel::LogInFirst.key_line(), "panelLogInFirst");
        assert!(!FormPanel::LogInFirst.offers_fill());
    }
}
