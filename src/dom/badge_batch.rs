//! The badges one read decided, written together at the start of the next frame, and the settings every badge
//! follows (shown or hidden, offering to learn an unread label). Shared by the features that badge posts.
use crate::core::profile::load_settings;
use crate::core::taught::UnreadLabel;
use crate::core::visibility::Visibility;
use crate::dom::attribute::is_created;
use crate::dom::badge::{
    ensure_badge, remove_badge, set_hidden, BadgeTexts, BadgeWrite, Look, Placement, Scope,
    TeachOffer, BADGE_TAG,
};
use crate::dom::feature::WriteFrame;
use crate::dom::selector::query_all;
use crate::dom::visible::{surroundings, Container};
use web_sys::{Document, Element, Window};

/// What reading decided for one element: a badge (what it says, what it stands for, how it looks), or none.
struct Decision {
    container: Element,
    badge: Option<(Visibility, Scope, Look)>,
    /// The post's own label that no rule reads, when it showed one.
    unread: Option<UnreadLabel>,
}

pub struct BadgeBatch {
    texts: BadgeTexts,
    hidden: bool,
    /// Badges of posts whose label no rule reads offer to learn it (until the user says "Don't ask again").
    teach_offers: bool,
    decided: Vec<Decision>,
}

impl BadgeBatch {
    pub fn new(texts: BadgeTexts) -> Self {
        BadgeBatch {
            texts,
            hidden: false,
            teach_offers: true,
            decided: Vec::new(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.decided.is_empty()
    }

    pub fn clear(&mut self) {
        self.decided.clear();
    }

    /// `container` gets a badge saying `visibility`; how it is to look is read now.
    pub fn badge(
        &mut self,
        window: &Window,
        container: Element,
        visibility: Visibility,
        scope: Scope,
        unread: Option<UnreadLabel>,
    ) {
        let look = self.look_for(window, &container);
        self.decided.push(Decision {
            container,
            badge: Some((visibility, scope, look)),
            unread,
        });
    }

    /// `container` is not a post: a badge it carries goes.
    pub fn no_badge(&mut self, container: Element) {
        self.decided.push(Decision {
            container,
            badge: None,
            unread: None,
        });
    }

    /// How a badge in `container` is to look: read now, written later with the rest of the batch.
    fn look_for(&self, window: &Window, container: &Element) -> Look {
        let around = surroundings(window, container);
        Look {
            hidden: self.hidden,
            dark: around.dark,
            placement: match around.container {
                Container::Positioned => Placement::Anchored,
                Container::BlockFlow => Placement::InFlow,
                Container::Other(width) => Placement::OutOfFlow(width.round()),
            },
        }
    }

    /// The stored settings (`settings` in extension storage): shows or hides every badge at once. Returns true when
    /// the badges must be written again (the offer to learn labels was switched).
    pub fn apply_settings(&mut self, document: &Document, settings: &serde_json::Value) -> bool {
        let settings = load_settings(settings).settings();
        self.apply(document, settings.show_badges, settings.teach_offers)
    }

    fn apply(&mut self, document: &Document, show: bool, teach_offers: bool) -> bool {
        self.hidden = !show;
        for host in query_all(document, BADGE_TAG).filter(is_created) {
            let _ = set_hidden(&host, self.hidden);
        }
        let switched = self.teach_offers != teach_offers;
        self.teach_offers = teach_offers;
        switched
    }

    /// Writes every decision of the last read.
    pub fn write(&mut self, frame: &mut WriteFrame) {
        for decision in std::mem::take(&mut self.decided) {
            // The page may have replaced the post since it was read; its replacement is read in turn.
            if !decision.container.is_connected() {
                continue;
            }
            let Some((visibility, scope, look)) = decision.badge else {
                if remove_badge(&decision.container) {
                    frame.report.badge_removed();
                }
                continue;
            };
            let offer = decision.unread.map(|label| TeachOffer {
                label,
                // An account's quoted notice is no audience label: nothing to teach.
                ask: self.teach_offers && scope != Scope::Account,
            });
            let written = ensure_badge(
                &frame.page.document,
                &decision.container,
                visibility,
                scope,
                &self.texts,
                // The setting may have arrived since the read.
                Look {
                    hidden: self.hidden,
                    ..look
                },
                offer.as_ref(),
            )
            .unwrap_or(BadgeWrite::Unchanged);
            frame.report.badge_written(written, scope, visibility);
        }
    }
}
