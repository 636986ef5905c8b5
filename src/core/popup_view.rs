//! What the toolbar popup shows, decided here and named by `_locales` message keys: the popup page looks each text up
//! by its key and keeps no copy of the core's page kinds, sites, profile states or record stages.
//!
//! The popup answers "where do I stand, and what now?": this tab's posts, the objection on each platform (none,
//! sent and awaiting Meta's confirmation, confirmed on a date), one next step, what an objection does now that Meta's
//! training has begun, and what to do about posts that are already public.
use crate::core::hosts::Site;
use crate::core::messages::PageReport;
use crate::core::page_kind::PageKind;
use crate::core::profile::ProfileReadiness;
use crate::core::record::{is_calendar_date, next_step, NextStep, ObjectionRecord, RecordStage};
use crate::core::visibility::Visibility;
use serde::Serialize;

/// Where Instagram lets a person make their account private (its web settings page "who can see your content").
const INSTAGRAM_PRIVACY_URL: &str = "https://www.instagram.com/accounts/who_can_see_your_content/";

/// One substitution of a message: plain text, or a date the page formats in the user's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "kebab-case")]
pub enum Part {
    Plain(String),
    /// RFC 3339.
    Date(String),
}

/// A text to show: a message key and its substitutions, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Text {
    pub key: &'static str,
    pub parts: Vec<Part>,
}

impl Text {
    fn new(key: &'static str) -> Text {
        Text {
            key,
            parts: Vec::new(),
        }
    }

    fn with(key: &'static str, parts: Vec<Part>) -> Text {
        Text { key, parts }
    }
}

/// A link the user may follow: where, and what it says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    pub href: String,
    pub label: Text,
}

/// What the tab shows, when it is a Meta page Bezwaar looked at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TabView {
    pub page: Text,
    pub public: u32,
    pub limited: u32,
    pub unknown: u32,
    pub account: Option<Text>,
    /// On the user's own profile or account: their public footprint as seen so far (empty elsewhere).
    pub own_profile: Vec<Text>,
}

/// The one next step: its name (for styling and tests), what to do, and the link that does it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NextView {
    pub step: &'static str,
    pub text: Text,
    pub action: Option<Link>,
}

/// Advice for posts that are already public on one site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Advice {
    pub text: Text,
    pub link: Option<Link>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PopupView {
    pub tab: Option<TabView>,
    pub next: NextView,
    /// One line per site: the state of the user's objection there.
    pub standing: Vec<Text>,
    pub profile: Text,
    pub readiness: ProfileReadiness,
    pub records: Text,
    /// On Meta's pages: what an objection does now, and what to do about what is public already.
    pub objection_now: Option<Text>,
    pub already_public: Vec<Advice>,
}

/// The stored records as the popup needs them: readable (perhaps none), or unreadable.
pub enum RecordsSeen<'a> {
    Readable(&'a [ObjectionRecord]),
    Unreadable,
}

fn site_name(site: Site) -> Part {
    Part::Plain(site.name().to_string())
}

/// The message naming a page kind; the two objection forms share one, with the site's name.
pub fn page_kind_text(kind: PageKind) -> Text {
    match kind {
        PageKind::AiNotice => Text::new("popupKindAiNotice"),
        PageKind::ObjectionFormFacebook => {
            Text::with("popupKindObjectionForm", vec![site_name(Site::Facebook)])
        }
        PageKind::ObjectionFormInstagram => {
            Text::with("popupKindObjectionForm", vec![site_name(Site::Instagram)])
        }
        PageKind::ObjectionFormGeneric => Text::new("popupKindObjectionFormGeneric"),
        PageKind::ThirdPartyForm => Text::new("popupKindThirdPartyForm"),
        PageKind::ObjectionSent => Text::new("popupKindObjectionSent"),
        PageKind::Other => Text::new("popupKindOther"),
    }
}

fn account_text(account: Visibility) -> Text {
    Text::new(match account {
        Visibility::Public => "popupAccountPublic",
        Visibility::Limited => "popupAccountLimited",
        Visibility::Unknown => "popupAccountUnknown",
    })
}

fn profile_text(readiness: ProfileReadiness) -> Text {
    Text::new(match readiness {
        ProfileReadiness::Ready => "popupProfileReady",
        ProfileReadiness::Incomplete => "popupProfileIncomplete",
        ProfileReadiness::Missing => "popupProfileMissing",
        ProfileReadiness::Unreadable => "popupProfileUnreadable",
    })
}

/// The objection in force on `site`: a confirmed one (the newest confirmation) wins over one still awaiting
/// Meta's answer, which wins over none. A form Meta refused is no objection.
pub fn standing_on(site: Site, records: &[ObjectionRecord]) -> Text {
    let on_site = || records.iter().filter(move |r| r.site == site);
    let confirmed = on_site()
        .filter(|r| r.stage == RecordStage::Confirmed)
        .map(|r| r.confirmed_at.as_deref().unwrap_or(&r.submitted_at))
        .max_by(|a, b| same_instant_order(a, b));
    if let Some(on) = confirmed {
        return Text::with(
            "popupStandingConfirmed",
            vec![site_name(site), Part::Date(on.to_string())],
        );
    }
    let awaiting = on_site()
        .filter(|r| r.stage == RecordStage::Sent)
        .map(|r| r.submitted_at.as_str())
        .max_by(|a, b| same_instant_order(a, b));
    match awaiting {
        Some(at) => Text::with(
            "popupStandingAwaiting",
            vec![site_name(site), Part::Date(at.to_string())],
        ),
        None => Text::with("popupStandingNone", vec![site_name(site)]),
    }
}

/// Orders RFC 3339 stamps by the instant they name where they can be read, else by their text.
fn same_instant_order(a: &str, b: &str) -> std::cmp::Ordering {
    match (instant_of(a), instant_of(b)) {
        (Some(x), Some(y)) => x.cmp(&y),
        _ => a.cmp(b),
    }
}

/// Seconds since 1970 of an RFC 3339 stamp (`2025-05-20T09:30:00+02:00`, fractions ignored), or of a bare date
/// (`2025-05-20`, a date the user gave by hand: its midday in UTC). None when it is neither.
fn instant_of(stamp: &str) -> Option<i64> {
    let number = |text: &str| -> Option<i64> {
        (!text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())).then(|| text.parse().ok())?
    };
    let date = stamp.get(..10)?;
    if !is_calendar_date(date) {
        return None;
    }
    let (year, month, day) = (
        number(&date[..4])?,
        number(&date[5..7])?,
        number(&date[8..10])?,
    );
    // Days from 1970-01-01 to the civil date (proleptic Gregorian).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    let days = era * 146_097 + day_of_era - 719_468;
    let rest = &stamp[10..];
    if rest.is_empty() {
        return Some(days * 86_400 + 12 * 3_600);
    }
    let time = rest.strip_prefix('T').or_else(|| rest.strip_prefix('t'))?;
    let (hours, minutes, seconds) = (
        number(time.get(..2)?)?,
        number(time.get(3..5)?)?,
        number(time.get(6..8)?)?,
    );
    let mut zone = &time[8..];
    if let Some(fraction) = zone.strip_prefix('.') {
        zone = fraction.trim_start_matches(|c: char| c.is_ascii_digit());
    }
    let offset = match zone {
        "Z" | "z" => 0,
        _ => {
            let sign = match zone.as_bytes().first()? {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            if zone.len() != 6 || zone.as_bytes()[3] != b':' {
                return None;
            }
            sign * (number(&zone[1..3])? * 3_600 + number(&zone[4..6])? * 60)
        }
    };
    Some(days * 86_400 + hours * 3_600 + minutes * 60 + seconds - offset)
}

fn next_view(step: NextStep) -> NextView {
    let options = |anchor: &str| format!("../options/options.html#{anchor}");
    let (name, text, action) = match step {
        NextStep::Explain => ("explain", Text::new("popupStepExplain"), None),
        NextStep::SetUpProfile { .. } => (
            "set-up-profile",
            Text::new("popupStepSetUpProfile"),
            Some(Link {
                href: options("profile"),
                label: Text::new("popupSetUpProfile"),
            }),
        ),
        NextStep::CheckAndSend { .. } => {
            ("check-and-send", Text::new("popupStepCheckAndSend"), None)
        }
        NextStep::AnswerAiQuestion { .. } => (
            "answer-ai-question",
            Text::new("popupStepAnswerAiQuestion"),
            None,
        ),
        NextStep::Sent { .. } => (
            "sent",
            Text::new("popupStepSent"),
            Some(Link {
                href: options("records"),
                label: Text::new("popupSeeRecords"),
            }),
        ),
        NextStep::SentUnrecorded { .. } => (
            "sent-unrecorded",
            Text::new("popupStepSentUnrecorded"),
            None,
        ),
        NextStep::WrongForm { site, form_url } => (
            "wrong-form",
            Text::new("popupStepWrongForm"),
            Some(Link {
                href: form_url.to_string(),
                label: Text::with("popupOpenForm", vec![site_name(site)]),
            }),
        ),
        NextStep::Object { site, form_url } => (
            "object",
            Text::with("popupStepObject", vec![site_name(site)]),
            Some(Link {
                href: form_url.to_string(),
                label: Text::with("popupOpenForm", vec![site_name(site)]),
            }),
        ),
        NextStep::AlreadyObjected { site, submitted_at } => (
            "already-objected",
            Text::with(
                "popupStepAlreadyObjected",
                vec![site_name(site), Part::Date(submitted_at)],
            ),
            None,
        ),
    };
    NextView {
        step: name,
        text,
        action,
    }
}

fn advice_for(site: Site) -> Advice {
    match site {
        Site::Facebook => Advice {
            text: Text::new("popupAlreadyPublicFacebook"),
            link: None,
        },
        Site::Instagram => Advice {
            text: Text::new("popupAlreadyPublicInstagram"),
            link: Some(Link {
                href: INSTAGRAM_PRIVACY_URL.to_string(),
                label: Text::new("popupInstagramPrivacyLink"),
            }),
        },
    }
}

/// On the user's own profile: how many of the posts shown so far are public, the days of the oldest and newest
/// public one seen (or that the page shows no date Bezwaar can read), and that this is only what the page showed.
fn own_profile_lines(report: &PageReport) -> Vec<Text> {
    let Some(own) = &report.own_profile else {
        return Vec::new();
    };
    let posts = report.posts;
    let shown = posts.public + posts.limited + posts.unknown;
    let mut lines = vec![Text::with(
        "popupOwnPublicCount",
        vec![
            Part::Plain(posts.public.to_string()),
            Part::Plain(shown.to_string()),
        ],
    )];
    if posts.public > 0 {
        lines.push(match own.public_days() {
            Some((oldest, newest)) if oldest == newest => {
                Text::with("popupOwnPublicDay", vec![Part::Date(oldest.to_string())])
            }
            Some((oldest, newest)) => Text::with(
                "popupOwnPublicDays",
                vec![
                    Part::Date(oldest.to_string()),
                    Part::Date(newest.to_string()),
                ],
            ),
            None => Text::new("popupOwnNoDates"),
        });
    }
    lines.push(Text::new("popupOwnSoFar"));
    lines
}

/// Everything the popup shows for a tab (its report, or None when it is not a Meta page Bezwaar looked at).
pub fn popup_view(
    report: Option<&PageReport>,
    records: RecordsSeen,
    readiness: ProfileReadiness,
) -> PopupView {
    let readable: &[ObjectionRecord] = match records {
        RecordsSeen::Readable(records) => records,
        // Unreadable records count as none for the next step: the popup offers the form, the options page reports
        // them, and the records line says they cannot be read.
        RecordsSeen::Unreadable => &[],
    };
    let tab = report.map(|report| TabView {
        page: page_kind_text(report.page_kind),
        public: report.posts.public,
        limited: report.posts.limited,
        unknown: report.posts.unknown,
        account: report.account.map(account_text),
        own_profile: own_profile_lines(report),
    });
    // The tab's own site first: the advice that fits where the user is.
    let already_public = match report {
        Some(report) => {
            let mut sites = vec![report.site];
            sites.extend(Site::ALL.iter().copied().filter(|s| *s != report.site));
            sites.into_iter().map(advice_for).collect()
        }
        None => Vec::new(),
    };
    PopupView {
        tab,
        next: next_view(next_step(
            report,
            readable,
            readiness == ProfileReadiness::Ready,
        )),
        // Unreadable records say nothing about any site: the records line says they cannot be read.
        standing: match records {
            RecordsSeen::Readable(records) => Site::ALL
                .iter()
                .map(|site| standing_on(*site, records))
                .collect(),
            RecordsSeen::Unreadable => Vec::new(),
        },
        profile: profile_text(readiness),
        readiness,
        records: match records {
            RecordsSeen::Readable(records) => Text::with(
                "popupRecordsCount",
                vec![Part::Plain(records.len().to_string())],
            ),
            RecordsSeen::Unreadable => Text::new("popupRecordsUnreadable"),
        },
        objection_now: report.map(|_| Text::new("popupObjectionNow")),
        already_public,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::messages::{Engine, PostCounts, StartupPhases};
    use crate::core::own_profile::OwnProfile;
    use crate::core::record::ConfirmedBy;
    use serde_json::Value;

    const EN_MESSAGES: &str = include_str!("../../extension/_locales/en/messages.json");

    fn record(
        site: Site,
        stage: RecordStage,
        submitted: &str,
        confirmed: Option<&str>,
    ) -> ObjectionRecord {
        ObjectionRecord {
            id: format!("{site:?}-{submitted}"),
            site,
            form_id: "712876720715583".into(),
            submitted_at: submitted.into(),
            email: "anna@example.eu".into(),
            country: String::new(),
            statement: "I object.".into(),
            confirmation_text: String::new(),
            url: "https://www.facebook.com/help/contact/712876720715583".into(),
            stage,
            confirmed_at: confirmed.map(str::to_string),
            confirmed_by: confirmed.map(|_| ConfirmedBy::Page),
            code_step: false,
            error_text: String::new(),
        }
    }

    fn report(site: Site, page_kind: PageKind) -> PageReport {
        PageReport {
            url: "https://www.facebook.com/".into(),
            site,
            page_kind,
            engine: Engine::Wasm,
            startup_ms: 10.0,
            startup_phases: StartupPhases::default(),
            memory_pages: 17,
            posts: PostCounts {
                public: 3,
                limited: 2,
                unknown: 1,
            },
            account: None,
            own_profile: None,
        }
    }

    #[test]
    fn standing_is_none_awaiting_or_confirmed_and_a_refused_form_is_none() {
        let none = standing_on(Site::Facebook, &[]);
        assert_eq!(none.key, "popupStandingNone");
        let refused = [record(
            Site::Facebook,
            RecordStage::NotSent,
            "2025-06-01T10:00:00Z",
            None,
        )];
        assert_eq!(
            standing_on(Site::Facebook, &refused).key,
            "popupStandingNone"
        );
        let sent = [record(
            Site::Facebook,
            RecordStage::Sent,
            "2025-06-01T10:00:00Z",
            None,
        )];
        assert_eq!(
            standing_on(Site::Facebook, &sent),
            Text::with(
                "popupStandingAwaiting",
                vec![
                    site_name(Site::Facebook),
                    Part::Date("2025-06-01T10:00:00Z".into())
                ]
            )
        );
        assert_eq!(
            standing_on(Site::Instagram, &sent).key,
            "popupStandingNone",
            "per site"
        );
    }

    #[test]
    fn a_confirmed_objection_wins_over_a_later_one_still_awaiting_and_shows_its_confirmation_date()
    {
        let records = [
            record(
                Site::Instagram,
                RecordStage::Confirmed,
                "2025-05-20T09:30:00+02:00",
                Some("2025-05-21T08:00:00+02:00"),
            ),
            record(
                Site::Instagram,
                RecordStage::Sent,
                "2025-07-01T10:00:00Z",
                None,
            ),
        ];
        assert_eq!(
            standing_on(Site::Instagram, &records),
            Text::with(
                "popupStandingConfirmed",
                vec![
                    site_name(Site::Instagram),
                    Part::Date("2025-05-21T08:00:00+02:00".into())
                ]
            )
        );
    }

    #[test]
    fn the_newest_confirmation_is_shown_by_instant_not_by_text() {
        // 23:30 at -02:00 is later than 09:00 Z on the next day's text order would say otherwise.
        let records = [
            record(
                Site::Facebook,
                RecordStage::Confirmed,
                "2025-05-20T01:00:00Z",
                Some("2025-05-20T23:30:00-02:00"),
            ),
            record(
                Site::Facebook,
                RecordStage::Confirmed,
                "2025-05-20T02:00:00Z",
                Some("2025-05-21T00:30:00Z"),
            ),
        ];
        assert_eq!(
            standing_on(Site::Facebook, &records).parts[1],
            Part::Date("2025-05-20T23:30:00-02:00".into())
        );
    }

    #[test]
    fn instants_are_read_with_their_offsets_and_bare_dates_at_midday() {
        assert_eq!(instant_of("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(instant_of("2025-05-20T09:30:00+02:00"), Some(1_747_726_200));
        assert_eq!(instant_of("2025-05-20T07:30:00.123Z"), Some(1_747_726_200));
        assert_eq!(instant_of("2025-05-20"), Some(1_747_742_400));
        assert_eq!(instant_of("2024-02-29T00:00:00Z"), Some(1_709_164_800));
        for bad in [
            "",
            "2025-13-01",
            "2025-05-20T09:30",
            "2025-05-20T09:30:00+0200",
            "yesterday",
            "2025-05-20T09:30:00+02:00x",
        ] {
            assert_eq!(instant_of(bad), None, "{bad}");
        }
    }

    #[test]
    fn both_objection_forms_share_one_message_with_the_site_name() {
        let facebook = page_kind_text(PageKind::ObjectionFormFacebook);
        let instagram = page_kind_text(PageKind::ObjectionFormInstagram);
        assert_eq!(facebook.key, instagram.key);
        assert_eq!(facebook.parts, vec![site_name(Site::Facebook)]);
        assert_eq!(instagram.parts, vec![site_name(Site::Instagram)]);
    }

    #[test]
    fn on_another_tab_the_popup_explains_and_offers_no_page_advice() {
        let view = popup_view(None, RecordsSeen::Readable(&[]), ProfileReadiness::Missing);
        assert_eq!(view.tab, None);
        assert_eq!(view.next.step, "explain");
        assert_eq!(view.objection_now, None);
        assert!(view.already_public.is_empty());
        assert_eq!(
            view.standing.len(),
            2,
            "the objection on each platform is still shown"
        );
    }

    #[test]
    fn on_a_feed_the_tab_site_advice_comes_first_and_the_next_step_opens_the_form() {
        let view = popup_view(
            Some(&report(Site::Instagram, PageKind::Other)),
            RecordsSeen::Readable(&[]),
            ProfileReadiness::Ready,
        );
        let tab = view.tab.as_ref().unwrap();
        assert_eq!((tab.public, tab.limited, tab.unknown), (3, 2, 1));
        assert_eq!(view.next.step, "object");
        assert!(view
            .next
            .action
            .as_ref()
            .unwrap()
            .href
            .starts_with("https://help.instagram.com/"));
        assert_eq!(
            view.already_public[0].text.key,
            "popupAlreadyPublicInstagram"
        );
        assert_eq!(
            view.already_public[1].text.key,
            "popupAlreadyPublicFacebook"
        );
        assert_eq!(view.objection_now, Some(Text::new("popupObjectionNow")));
    }

    #[test]
    fn unreadable_records_say_so_and_count_as_none_for_the_next_step() {
        let view = popup_view(
            Some(&report(Site::Facebook, PageKind::Other)),
            RecordsSeen::Unreadable,
            ProfileReadiness::Ready,
        );
        assert_eq!(view.records.key, "popupRecordsUnreadable");
        assert_eq!(view.next.step, "object");
        assert!(
            view.standing.is_empty(),
            "no site is said to have no objection"
        );
    }

    /// Every view the popup can be given, for the key check below.
    fn every_view() -> Vec<PopupView> {
        let kinds = PageKind::ALL;
        let readiness = [
            ProfileReadiness::Ready,
            ProfileReadiness::Incomplete,
            ProfileReadiness::Missing,
            ProfileReadiness::Unreadable,
        ];
        let some = [
            record(
                Site::Facebook,
                RecordStage::Sent,
                "2025-06-01T10:00:00Z",
                None,
            ),
            record(
                Site::Instagram,
                RecordStage::Confirmed,
                "2025-06-01T10:00:00Z",
                Some("2025-06-02T10:00:00Z"),
            ),
        ];
        let mut views = Vec::new();
        for site in Site::ALL {
            for kind in kinds {
                for ready in readiness {
                    for records in [
                        RecordsSeen::Readable(&[]),
                        RecordsSeen::Readable(&some),
                        RecordsSeen::Unreadable,
                    ] {
                        let mut report = report(site, kind);
                        report.account = Some(Visibility::Unknown);
                        views.push(popup_view(Some(&report), records, ready));
                    }
                }
            }
        }
        for visibility in [Visibility::Public, Visibility::Limited] {
            let mut report = report(Site::Instagram, PageKind::Other);
            report.account = Some(visibility);
            views.push(popup_view(
                Some(&report),
                RecordsSeen::Readable(&some),
                ProfileReadiness::Ready,
            ));
        }
        for days in [&[][..], &["2024-06-01"], &["2019-01-15", "2025-10-05"]] {
            let mut report = report(Site::Facebook, PageKind::Other);
            let mut own = OwnProfile::default();
            for day in days {
                own.saw_public_post(day);
            }
            report.own_profile = Some(own);
            views.push(popup_view(
                Some(&report),
                RecordsSeen::Readable(&[]),
                ProfileReadiness::Ready,
            ));
        }
        views.push(popup_view(
            None,
            RecordsSeen::Readable(&[]),
            ProfileReadiness::Missing,
        ));
        views
    }

    #[test]
    fn on_the_users_own_profile_the_tab_says_how_much_of_it_is_public_and_since_when() {
        let mut report = report(Site::Facebook, PageKind::Other);
        let view = |report: &PageReport| {
            popup_view(
                Some(report),
                RecordsSeen::Readable(&[]),
                ProfileReadiness::Ready,
            )
            .tab
            .unwrap()
            .own_profile
        };
        // Someone else's profile, or any other page: nothing about the user's own posts.
        assert!(view(&report).is_empty());
        let plain = |n: u32| Part::Plain(n.to_string());
        let date = |d: &str| Part::Date(d.to_string());
        let mut own = OwnProfile::default();
        report.own_profile = Some(own.clone());
        assert_eq!(
            view(&report),
            vec![
                Text::with("popupOwnPublicCount", vec![plain(3), plain(6)]),
                Text::new("popupOwnNoDates"),
                Text::new("popupOwnSoFar"),
            ]
        );
        own.saw_public_post("2021-07-07");
        report.own_profile = Some(own.clone());
        assert_eq!(
            view(&report)[1],
            Text::with("popupOwnPublicDay", vec![date("2021-07-07")])
        );
        own.saw_public_post("2019-01-15");
        own.saw_public_post("2025-10-05");
        report.own_profile = Some(own);
        assert_eq!(
            view(&report)[1],
            Text::with(
                "popupOwnPublicDays",
                vec![date("2019-01-15"), date("2025-10-05")]
            )
        );
        // No public post shown: no dates to speak of.
        report.posts = PostCounts {
            public: 0,
            limited: 4,
            unknown: 0,
        };
        assert_eq!(
            view(&report),
            vec![
                Text::with("popupOwnPublicCount", vec![plain(0), plain(4)]),
                Text::new("popupOwnSoFar"),
            ]
        );
    }

    #[test]
    fn every_key_the_core_names_is_an_english_message_with_as_many_placeholders_as_parts() {
        let messages: Value = serde_json::from_str(EN_MESSAGES).unwrap();
        let mut texts = Vec::new();
        for view in every_view() {
            texts.extend(
                view.tab
                    .iter()
                    .flat_map(|t| std::iter::once(t.page.clone()).chain(t.account.clone())),
            );
            texts.extend(view.tab.iter().flat_map(|t| t.own_profile.clone()));
            texts.push(view.next.text.clone());
            texts.extend(view.next.action.iter().map(|a| a.label.clone()));
            texts.extend(view.standing.iter().cloned());
            texts.push(view.profile.clone());
            texts.push(view.records.clone());
            texts.extend(view.objection_now.iter().cloned());
            for advice in &view.already_public {
                texts.push(advice.text.clone());
                texts.extend(advice.link.iter().map(|l| l.label.clone()));
            }
        }
        let mut keys = std::collections::BTreeSet::new();
        for text in texts {
            let entry = &messages[text.key];
            assert!(
                entry.is_object(),
                "{} is not in extension/_locales/en/messages.json",
                text.key
            );
            let placeholders = entry["placeholders"].as_object().map_or(0, |p| p.len());
            assert_eq!(
                placeholders,
                text.parts.len(),
                "{}: placeholders and parts differ",
                text.key
            );
            keys.insert(text.key);
        }
        assert!(keys.len() >= 25, "the views cover only {} keys", keys.len());
    }
}
