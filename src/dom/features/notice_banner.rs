//! On Meta's AI notice (privacy page, dialog, notifications entry): one banner beside the notice, pointing to the
//! objection form. Placed when the page is classified as the notice, removed when it no longer is.
use crate::core::page_kind::{
    ai_notice_language, entry_reads_as_notice, is_notice_link, objection_form_url, PageKind,
};
use crate::core::text_keys::banner_object_key;
use crate::dom::attribute::is_ours;
use crate::dom::banner::{ensure_banner, remove_banners, Anchor, BannerContent};
use crate::dom::feature::{Feature, Next, ReadFrame, Start, WriteFrame};
use crate::dom::page_class::{block_text, dialog_own_links, dialog_text, DIALOGS, HEADINGS};
use crate::dom::selector::query_all;
use crate::dom::visible::region_rendered;
use web_sys::{Document, Element};

pub fn on(_start: &Start) -> Option<Box<dyn Feature>> {
    Some(Box::new(NoticeBanner { write: None }))
}

/// What the next frame writes.
enum BannerWrite {
    Remove,
    Show(Anchor, PageKind, BannerContent),
}

struct NoticeBanner {
    write: Option<BannerWrite>,
}

impl Feature for NoticeBanner {
    fn read(&mut self, frame: &mut ReadFrame) -> Next {
        if frame.navigated {
            self.write = Some(BannerWrite::Remove);
        }
        let Some(class) = frame.class.filter(|_| frame.reclassified) else {
            return Next::default();
        };
        if class.kind != PageKind::AiNotice {
            self.write = Some(BannerWrite::Remove);
            return Next::default();
        }
        let document = &frame.page.document;
        let Some(anchor) = notice_anchor(document, frame.notice_entries) else {
            return Next::default();
        };
        let site = class.site.unwrap_or(frame.page.site);
        let services = &frame.page.services;
        let content = BannerContent {
            label: services.text("bannerLabel", &[]),
            sentence: services.text("bannerNotice", &[]),
            button: services.text(banner_object_key(site), &[]),
            form_url: objection_form_url(site).to_string(),
        };
        self.write = Some(BannerWrite::Show(anchor, class.kind, content));
        Next::default()
    }

    fn has_writes(&self) -> bool {
        self.write.is_some()
    }

    fn write(&mut self, frame: &mut WriteFrame) {
        let document = &frame.page.document;
        match self.write.take() {
            Some(BannerWrite::Remove) => {
                remove_banners(document);
            }
            Some(BannerWrite::Show(anchor, kind, content)) => {
                if let Err(error) = ensure_banner(document, &anchor, kind, &content) {
                    web_sys::console::warn_1(&error);
                }
            }
            None => {}
        }
    }

    fn stop(&mut self) {
        self.write = None;
    }
}

/// Where the banner goes on a notice page: beside the notice's notifications entry, inside the notice's dialog,
/// above the heading that reads as the notice, or at the top of the main region.
fn notice_anchor(document: &Document, entries: &[Element]) -> Option<Anchor> {
    if let Some(entry) = entries
        .iter()
        .find(|e| entry_reads_as_notice(&block_text(e)))
    {
        return Some(Anchor::AfterEntry(entry.clone()));
    }
    let shown = |selector: &str, says: &dyn Fn(&Element) -> String| {
        query_all(document, selector)
            .filter(|e| !is_ours(e) && region_rendered(e))
            .find(|e| ai_notice_language(&says(e)).is_some())
    };
    if let Some(dialog) = shown(DIALOGS, &dialog_text) {
        return Some(Anchor::InDialog(dialog));
    }
    // A notice in words no pack has is known by its link to the objection form or Meta's AI privacy page.
    if let Some(dialog) = query_all(document, DIALOGS)
        .filter(|e| !is_ours(e) && region_rendered(e))
        .find(|dialog| {
            dialog_own_links(dialog)
                .iter()
                .any(|href| is_notice_link(href))
        })
    {
        return Some(Anchor::InDialog(dialog));
    }
    if let Some(heading) = shown(HEADINGS, &block_text) {
        return Some(Anchor::BeforeHeading(heading));
    }
    document
        .query_selector("[role=\"main\"], main")
        .ok()
        .flatten()
        .or_else(|| document.body().map(Element::from))
        .map(Anchor::TopOf)
}
