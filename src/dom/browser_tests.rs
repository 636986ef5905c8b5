//! DOM-layer tests in a real browser (wasm-bindgen-test, run headless in Chromium and Firefox by `./build.sh test`):
//! the parts whose behaviour depends on a real layout and style engine.
use crate::core::taught::{teach_label, TaughtMeaning, TaughtRules, UnreadLabel};
use crate::core::visibility::Visibility;
use crate::dom::badge::{
    ensure_badge, existing_badge, BadgeTexts, Look, Scope, VISIBILITY_ATTRIBUTE,
};
use crate::dom::facebook::{ElementQueue, FacebookReader, PostReading};
use crate::dom::seen_press::press_was_seen;
use crate::dom::visible::is_shown;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Document, Element, Window};

wasm_bindgen_test_configure!(run_in_browser);

fn window() -> Window {
    web_sys::window().expect("a window")
}

fn document() -> Document {
    window().document().expect("a document")
}

/// Builds a detached-then-attached tree from trusted test markup (tests only; the extension never parses HTML).
fn mount(markup: &str) -> Element {
    let host = document().create_element("div").expect("div");
    host.set_inner_html(markup); // safe: fixed test markup, never page text
    document()
        .body()
        .expect("body")
        .append_child(&host)
        .expect("append");
    host
}

fn first(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .expect("selector")
        .expect("element present")
}

fn post_with(icon: &str) -> String {
    format!(
        r#"<div role="article"><h4><a href="/x">X</a></h4><span><a href="/x/posts/1">1 h</a> · {icon}</span>
           <div data-ad-preview="message">text</div></div>"#
    )
}

#[wasm_bindgen_test]
fn a_rendered_icon_is_shown() {
    let root = mount(&post_with(
        r#"<svg width="12" height="12" title="Shared with Public"></svg>"#,
    ));
    let post = first(&root, "[role=article]");
    assert!(is_shown(&window(), &first(&root, "svg"), &post));
    root.remove();
}

#[wasm_bindgen_test]
fn decoys_are_not_shown() {
    for decoy in [
        r#"<span style="display:none"><svg width="12" height="12" title="Shared with Public"></svg></span>"#,
        r#"<span aria-hidden="true"><svg width="12" height="12" title="Shared with Public"></svg></span>"#,
        r#"<span style="position:absolute;left:-9999px"><svg width="12" height="12" title="Shared with Public"></svg></span>"#,
        r#"<span style="opacity:0"><svg width="12" height="12" title="Shared with Public"></svg></span>"#,
        // Not zero, so `checkVisibility` calls it visible; nobody can read it.
        r#"<span style="opacity:0.005"><svg width="12" height="12" title="Shared with Public"></svg></span>"#,
        r#"<svg width="12" height="12" style="opacity:0.01" title="Shared with Public"></svg>"#,
        r#"<svg width="12" height="12" style="visibility:hidden" title="Shared with Public"></svg>"#,
        r#"<span style="visibility:hidden"><svg width="12" height="12" title="Shared with Public"></svg></span>"#,
        r#"<span style="position:relative;top:-3000px"><svg width="12" height="12" title="Shared with Public"></svg></span>"#,
        r#"<span style="position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)"><svg width="12" height="12" title="Shared with Public"></svg></span>"#,
        // Each of these is told by the label's one rect or by reading clipping, not by checkVisibility.
        r#"<span style="display:inline-block;transform:scale(0)"><svg width="12" height="12" title="Shared with Public"></svg></span>"#,
        r#"<span style="display:inline-block;scale:0"><svg width="12" height="12" title="Shared with Public"></svg></span>"#,
        r#"<span style="display:inline-block;transform:translateY(-3000px)"><svg width="12" height="12" title="Shared with Public"></svg></span>"#,
        r#"<span style="position:absolute;width:40px;height:40px;clip:rect(0 0 0 0)"><svg width="12" height="12" title="Shared with Public"></svg></span>"#,
        r#"<span style="display:inline-block;clip-path:inset(50%)"><svg width="12" height="12" title="Shared with Public"></svg></span>"#,
        r#"<span style="display:inline-block;width:0;height:0;overflow:hidden"><svg width="12" height="12" title="Shared with Public"></svg></span>"#,
        r#"<span style="display:inline-block;width:40px;height:40px;overflow:hidden"><span style="display:inline-block;margin-left:80px"><svg width="12" height="12" title="Shared with Public"></svg></span></span>"#,
        r#"<span style="display:inline-block;content-visibility:hidden"><svg width="12" height="12" title="Shared with Public"></svg></span>"#,
    ] {
        let root = mount(&post_with(decoy));
        let post = first(&root, "[role=article]");
        assert!(!is_shown(&window(), &first(&root, "svg"), &post), "{decoy}");
        root.remove();
    }
}

#[wasm_bindgen_test]
fn clipping_that_leaves_the_label_whole_does_not_hide_it() {
    for shown in [
        // `clip` applies to absolutely placed boxes only.
        r#"<span style="display:inline-block;clip:rect(0 0 0 0)"><svg width="12" height="12" title="Shared with Public"></svg></span>"#,
        r#"<span style="position:absolute;clip:rect(0 40px 40px 0)"><svg width="12" height="12" title="Shared with Public"></svg></span>"#,
        r#"<span style="display:inline-block;width:40px;height:40px;overflow:hidden;clip-path:inset(1px)"><svg width="12" height="12" title="Shared with Public"></svg></span>"#,
        r#"<span style="display:inline-block;transform:scale(0.5)"><svg width="12" height="12" title="Shared with Public"></svg></span>"#,
    ] {
        let root = mount(&post_with(shown));
        let post = first(&root, "[role=article]");
        assert!(is_shown(&window(), &first(&root, "svg"), &post), "{shown}");
        root.remove();
    }
}

#[wasm_bindgen_test]
fn an_empty_link_around_a_sprite_icon_is_shown_though_it_has_no_box() {
    let root = mount(&post_with(
        r##"<a class="fbPrivacyAudienceIndicator" aria-label="Shared with Public" href="#"><i class="img"></i></a>"##,
    ));
    let post = first(&root, "[role=article]");
    assert!(is_shown(&window(), &first(&root, "a[aria-label]"), &post));
    root.remove();
}

#[wasm_bindgen_test]
fn a_label_sized_to_nothing_is_not_shown() {
    for decoy in [
        r#"<svg width="0" height="0" title="Shared with Public"><title>Shared with Public</title></svg>"#,
        r#"<span style="font-size:0"><i role="img" aria-label="Shared with Public" style="display:inline-block;width:1em;height:1em"></i></span>"#,
        r#"<span aria-label="Shared with Public" style="display:inline-block"></span>"#,
    ] {
        let root = mount(&post_with(decoy));
        let post = first(&root, "[role=article]");
        let label = first(&root, "[title], [aria-label]");
        assert!(!is_shown(&window(), &label, &post), "{decoy}");
        root.remove();
    }
}

#[wasm_bindgen_test]
fn in_a_post_that_is_fading_in_the_part_between_label_and_post_decides() {
    let fading = |icon: &str| {
        let markup = post_with(icon).replacen(
            r#"<div role="article">"#,
            r#"<div role="article" style="opacity:0">"#,
            1,
        );
        let root = mount(&markup);
        let post = first(&root, "[role=article]");
        let shown = is_shown(&window(), &first(&root, "svg"), &post);
        root.remove();
        shown
    };
    assert!(fading(
        r#"<svg width="12" height="12" title="Shared with Public"></svg>"#
    ));
    assert!(!fading(
        r#"<span style="opacity:0"><svg width="12" height="12" title="Shared with Public"></svg></span>"#
    ));
    assert!(!fading(
        r#"<span style="display:inline-block;clip-path:inset(50%)"><svg width="12" height="12" title="Shared with Public"></svg></span>"#
    ));
}

#[wasm_bindgen_test]
fn a_hidden_public_decoy_does_not_beat_the_visible_friends_icon() {
    let root = mount(&post_with(
        r#"<span style="display:none" aria-label="Shared with Public"></span>
           <svg width="12" height="12"><title>Shared with Friends</title></svg>"#,
    ));
    let post = first(&root, "[role=article]");
    assert_eq!(
        FacebookReader::new().read_post(&window(), &post),
        PostReading::Post(Visibility::Limited, None)
    );
    root.remove();
}

#[wasm_bindgen_test]
fn comments_and_embedded_posts_belong_to_their_post() {
    let root = mount(
        r#"<div role="feed"><div role="article" id="outer"><svg width="12" height="12" title="Shared with Friends"></svg>
             <div role="article" id="shared"><svg width="12" height="12" title="Shared with Public"></svg></div>
             <div role="article" id="comment"><a href="/y">Y</a> nice</div></div></div>"#,
    );
    let reader = FacebookReader::new();
    let mut queue = ElementQueue::default();
    reader.posts_touched_by(&root, &mut queue);
    reader.posts_touched_by(&first(&root, "#comment"), &mut queue);
    let post = queue.pop().expect("one post");
    assert_eq!(post.id(), "outer");
    assert!(
        queue.pop().is_none(),
        "the comment and the re-share are not posts of their own"
    );
    assert_eq!(
        reader.read_post(&window(), &post),
        PostReading::Post(Visibility::Limited, None)
    );
    root.remove();
}

/// Rules with `label` taught as `meaning` on pages in `lang`.
fn taught(label: &str, lang: &str, meaning: TaughtMeaning) -> TaughtRules {
    TaughtRules::from_stored(
        &teach_label(&serde_json::Value::Null, label, lang, meaning, "2026-03-01")
            .expect("teachable"),
    )
}

#[wasm_bindgen_test]
fn an_unread_own_label_is_reported_with_its_language_and_a_taught_one_decides() {
    let root = mount(&format!(
        r#"<div lang="cy">{}</div>"#,
        post_with(r#"<svg width="12" height="12"><title>Rhannwyd gyda: Pawb</title></svg>"#)
    ));
    let post = first(&root, "[role=article]");
    let mut reader = FacebookReader::new();
    assert_eq!(
        reader.read_post(&window(), &post),
        PostReading::Post(
            Visibility::Unknown,
            Some(UnreadLabel {
                text: "Rhannwyd gyda: Pawb".into(),
                lang: "cy".into()
            })
        )
    );
    reader.set_taught(taught("Rhannwyd gyda: Pawb", "br", TaughtMeaning::Public));
    assert!(
        matches!(
            reader.read_post(&window(), &post),
            PostReading::Post(Visibility::Unknown, Some(_))
        ),
        "taught for another language"
    );
    reader.set_taught(taught("Rhannwyd gyda: Pawb", "cy", TaughtMeaning::Public));
    assert_eq!(
        reader.read_post(&window(), &post),
        PostReading::Post(Visibility::Public, None)
    );
    root.remove();
}

#[wasm_bindgen_test]
fn only_the_posts_own_shown_icon_is_offered_and_a_taught_label_in_a_share_decides_nothing() {
    // The outer post's own icon is a decoy nobody sees; the only visible unread label is the re-shared post's.
    let root = mount(
        r#"<div role="feed" lang="cy"><div role="article" id="outer"><h4><a href="/x">X</a></h4>
             <span style="display:none"><svg width="12" height="12" title="Rhannwyd gyda: Ffrindiau"></svg></span>
             <div role="article" id="shared"><h4><a href="/y">Y</a></h4>
               <svg width="12" height="12" title="Rhannwyd gyda: Pawb"></svg></div></div></div>"#,
    );
    let post = first(&root, "#outer");
    let mut reader = FacebookReader::new();
    assert_eq!(
        reader.read_post(&window(), &post),
        PostReading::Post(Visibility::Unknown, None),
        "nothing of its own to offer"
    );
    reader.set_taught(taught("Rhannwyd gyda: Pawb", "cy", TaughtMeaning::Public));
    assert_eq!(
        reader.read_post(&window(), &post),
        PostReading::Post(Visibility::Unknown, None),
        "a label taught public inside a share never makes the outer post public"
    );
    root.remove();
}

#[wasm_bindgen_test]
fn a_post_gets_exactly_one_badge_and_it_follows_the_visibility() {
    let root = mount(&post_with(""));
    let post = first(&root, "[role=article]");
    let texts = BadgeTexts::for_tests();
    let height = post.get_bounding_client_rect().height();
    // Returns whether the call wrote to the DOM.
    let badge_as = |visibility| {
        ensure_badge(
            &document(),
            &post,
            visibility,
            Scope::Post,
            &texts,
            Look::default(),
            None,
        )
        .expect("badge")
        .wrote()
    };
    assert!(badge_as(Visibility::Public));
    assert!(
        !badge_as(Visibility::Public),
        "the same visibility again writes nothing"
    );
    assert!(badge_as(Visibility::Limited));
    assert_eq!(
        post.query_selector_all("bezwaar-badge")
            .expect("query")
            .length(),
        1
    );
    let badge = existing_badge(&post).expect("badge");
    assert_eq!(
        badge.get_attribute(VISIBILITY_ATTRIBUTE).as_deref(),
        Some("limited")
    );
    assert_eq!(
        post.get_bounding_client_rect().height(),
        height,
        "the badge must not move the post's layout"
    );
    assert!(
        badge.shadow_root().is_none(),
        "the badge's shadow root is closed to page scripts"
    );
    let button = crate::dom::badge::test_root(&badge)
        .expect("shadow")
        .query_selector("button")
        .expect("q")
        .expect("button");
    assert_eq!(
        button.get_attribute("aria-label"),
        None,
        "the button's name is its visible text"
    );
    assert_eq!(
        button
            .dyn_into::<web_sys::HtmlElement>()
            .expect("html")
            .inner_text(),
        "limited short"
    );
    root.remove();
}

/// The public globe as the facts give it: their starts of the first path, and the whole last one.
fn globe(title: &str) -> String {
    format!(
        r#"<svg viewBox="0 0 16 16" width="12" height="12" title="{title}"><title>{title}</title>
           <g transform="translate(-448 -544)"><path d="M109.5 408.5c0 3.23-2.04 5.983-4.903 7.036z"></path>
           <path d="M110 408.5a8 8 0 1 1-16 0 8 8 0 0 1 16 0z"></path></g></svg>"#
    )
}

fn read(markup: &str) -> PostReading {
    let root = mount(markup);
    let reading = FacebookReader::new().read_post(&window(), &first(&root, "[role=article]"));
    root.remove();
    reading
}

#[wasm_bindgen_test]
fn the_globe_in_the_header_is_public_in_words_no_rule_knows() {
    assert_eq!(
        read(&post_with(&globe("Gwelir gan bawb"))),
        PostReading::Post(Visibility::Public, None)
    );
}

#[wasm_bindgen_test]
fn a_globe_away_from_the_header_decides_nothing() {
    // In the story's message, and inside a link preview: neither is the post's audience icon.
    let in_message = format!(
        r#"<div role="article"><h4><a href="/x">X</a></h4><a href="/x/posts/1">1 h</a>
           <div data-ad-preview="message">{}</div></div>"#,
        globe("Gwelir gan bawb")
    );
    assert_eq!(
        read(&in_message),
        PostReading::Post(Visibility::Unknown, None)
    );
    let in_link = format!(
        r#"<div role="article"><h4><a href="/x">X</a></h4><a href="/x/posts/1">1 h</a>
           <a href="https://example.org/">{} example.org</a></div>"#,
        globe("Gwelir gan bawb")
    );
    assert_eq!(read(&in_link), PostReading::Post(Visibility::Unknown, None));
}

#[wasm_bindgen_test]
fn an_unread_icon_first_in_the_header_makes_the_post_unknown_whatever_follows() {
    let share = format!(
        r#"<div role="article"><h4><a href="/x">X</a></h4><span><a href="/x/posts/1">1 h</a> ·
           <svg width="12" height="12"><title>Wedi'i rannu gyda ffrindiau</title></svg></span>
           <div data-ad-preview="message">shared</div>
           <div><h5><a href="/y">Y</a></h5><span><a href="/y/posts/2">2 h</a> · {}</span></div></div>"#,
        globe("Shared with Public")
    );
    assert!(matches!(
        read(&share),
        PostReading::Post(Visibility::Unknown, Some(label)) if label.text == "Wedi'i rannu gyda ffrindiau"
    ));
}

#[wasm_bindgen_test]
fn a_titled_icon_in_the_author_line_is_not_the_audience() {
    let verified = format!(
        r#"<div role="article"><h4><a href="/x">X</a> <svg width="12" height="12" title="Cyfrif wedi'i ddilysu"></svg></h4>
           <span><a href="/x/posts/1">1 h</a> · {}</span><div data-ad-preview="message">text</div></div>"#,
        globe("Shared with Public")
    );
    assert_eq!(read(&verified), PostReading::Post(Visibility::Public, None));
}

#[wasm_bindgen_test]
fn a_unit_that_only_wraps_one_story_takes_its_audience() {
    let wrapper = r#"<div role="article"><h5><a href="/m">M</a> likes this.</h5>
        <div><div><h6><a href="/p">P</a></h6><span><a href="/p/posts/3">3 h</a> ·
        <svg width="12" height="12" title="Shared with Public"></svg></span>
        <div data-ad-preview="message">story</div></div></div></div>"#;
    assert_eq!(read(wrapper), PostReading::Post(Visibility::Public, None));
}

#[wasm_bindgen_test]
fn a_header_label_names_its_audience_in_its_last_part_only_outside_links() {
    let header = r#"<div role="article"><h4><a href="/t">T</a></h4>
        <div aria-label="T, 2 h, Public group"><span>2 h</span></div><p>text</p></div>"#;
    assert_eq!(read(header), PostReading::Post(Visibility::Public, None));
    let in_link = r#"<div role="article"><h4><a href="/t">T</a></h4>
        <div><a href="/tag" aria-label="bread, cheese, Public">#tag</a></div></div>"#;
    assert_eq!(read(in_link), PostReading::Post(Visibility::Unknown, None));
}

#[wasm_bindgen_test]
fn a_dialog_showing_one_post_is_the_post_and_other_dialogs_are_not() {
    let root = mount(
        r#"<div role="dialog" id="post" aria-labelledby="t"><h2 id="t">R's post</h2>
             <div><h3><a href="/r">R</a></h3><span><a href="/r/posts/9">1 d</a> ·
             <svg width="12" height="12" title="Shared with Friends"></svg></span>
             <div data-ad-preview="message">text</div>
             <div role="article" aria-label="Comment by S 2 hours ago"><a href="/s">S</a> hi</div></div></div>
           <div role="dialog" id="composer"><h2>Create post</h2>
             <div role="button" aria-label="Edit privacy"><svg width="12" height="12" title="Golygu"></svg></div></div>"#,
    );
    let reader = FacebookReader::new();
    let mut queue = ElementQueue::default();
    reader.posts_touched_by(&root, &mut queue);
    let mut readings = Vec::new();
    while let Some(post) = queue.pop() {
        readings.push((post.id(), reader.read_post(&window(), &post)));
    }
    assert!(readings.contains(&("post".into(), PostReading::Post(Visibility::Limited, None))));
    assert!(readings.contains(&("composer".into(), PostReading::NotAPost)));
    assert!(readings
        .iter()
        .all(|(_, r)| !matches!(r, PostReading::Post(..))
            || r == &PostReading::Post(Visibility::Limited, None)));
    root.remove();
}

#[wasm_bindgen_test]
fn an_unknown_badge_quotes_its_label_as_text_and_offers_until_told_not_to() {
    use crate::dom::badge::{test_root, TeachOffer};
    let root = mount(&post_with(""));
    let post = first(&root, "[role=article]");
    let texts = BadgeTexts::for_tests();
    let label = "<img src=x onerror=alert(1)> \u{202E}Pawb";
    let offer = |ask| TeachOffer {
        label: UnreadLabel {
            text: label.into(),
            lang: "cy".into(),
        },
        ask,
    };
    let badge_with = |offer: Option<&TeachOffer>| {
        ensure_badge(
            &document(),
            &post,
            Visibility::Unknown,
            Scope::Post,
            &texts,
            Look::default(),
            offer,
        )
        .expect("badge")
        .wrote()
    };
    let inside = |selector: &str| {
        test_root(&existing_badge(&post).expect("badge"))
            .expect("shadow")
            .query_selector_all(selector)
            .expect("query")
            .length()
    };
    assert!(badge_with(Some(&offer(true))));
    assert!(
        !badge_with(Some(&offer(true))),
        "the same offer writes nothing"
    );
    assert_eq!(inside("img"), 0, "the label is text, never markup");
    let said = test_root(&existing_badge(&post).expect("badge"))
        .expect("shadow")
        .query_selector(".unread bdi[lang=cy]")
        .expect("q")
        .expect("the label, isolated in its language");
    assert_eq!(said.text_content().as_deref(), Some(label));
    assert_eq!(inside("button[data-bezwaar-teach]"), 3);
    assert!(
        badge_with(Some(&offer(false))),
        "don't ask again rebuilds it"
    );
    assert_eq!(inside("button[data-bezwaar-teach]"), 0);
    assert_eq!(inside(".unread"), 1, "the label is still quoted");
    assert!(badge_with(None));
    assert_eq!(inside(".unread"), 0);
    root.remove();
}

fn js_object(json: &str) -> wasm_bindgen::JsValue {
    js_sys::JSON::parse(json).expect("test JSON")
}

#[wasm_bindgen_test]
fn storage_values_read_and_changed_give_the_same_value_and_tell_a_removal_from_no_change() {
    use crate::dom::feature::StorageValues;
    use serde_json::json;
    let read = StorageValues::read(js_object(
        r#"{"settings": {"version": 1, "showBadges": false}}"#,
    ));
    assert_eq!(
        read.value("settings"),
        Some(json!({"version": 1, "showBadges": false}))
    );
    assert_eq!(read.value("taught"), None, "a key storage did not hold");

    let changed = StorageValues::changed(js_object(
        r#"{"settings": {"oldValue": {"version": 1}, "newValue": {"version": 1, "showBadges": false}},
            "taught": {"oldValue": {"version": 1, "labels": []}}}"#,
    ));
    assert_eq!(
        changed.value("settings"),
        Some(json!({"version": 1, "showBadges": false})),
        "the new value, not the change"
    );
    assert_eq!(
        changed.value("taught"),
        Some(serde_json::Value::Null),
        "removed"
    );
    assert!(changed.has("taught"));
    assert!(!changed.has("profile"));
    assert_eq!(changed.value("profile"), None, "not changed");
}

/// A button in a closed root, as Bezwaar's panel holds one, with `host_style` on its host; and a click at the
/// button's centre, `detail` 0 as the keyboard makes it and 1 as the pointer does.
fn button_and_press(host_style: &str, detail: i32) -> (Element, Element, web_sys::MouseEvent) {
    let host = document().create_element("bezwaar-probe").expect("host");
    host.set_attribute("style", host_style).expect("style");
    let root = host
        .attach_shadow(&web_sys::ShadowRootInit::new(
            web_sys::ShadowRootMode::Closed,
        ))
        .expect("root");
    let button = document().create_element("button").expect("button");
    button.set_text_content(Some("Fill in"));
    root.append_child(&button).expect("append");
    document()
        .body()
        .expect("body")
        .append_child(&host)
        .expect("append");
    let r = button.get_bounding_client_rect();
    let init = web_sys::MouseEventInit::new();
    init.set_detail(detail);
    init.set_client_x((r.left() + r.width() / 2.0) as i32);
    init.set_client_y((r.top() + r.height() / 2.0) as i32);
    let event = web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &init).expect("event");
    (host, button, event)
}

#[wasm_bindgen_test]
fn a_pointer_press_on_a_button_drawn_transparent_is_not_seen_and_a_keyboard_press_is() {
    let (host, button, pointer) =
        button_and_press("position: fixed; left: 10px; top: 10px; opacity: 0", 1);
    assert!(!press_was_seen(&pointer, &button));
    let (keyboard_host, keyboard_button, keyboard) =
        button_and_press("position: fixed; left: 10px; top: 60px; opacity: 0", 0);
    assert!(press_was_seen(&keyboard, &keyboard_button));
    host.remove();
    keyboard_host.remove();
}

#[wasm_bindgen_test]
fn a_pointer_press_under_a_popover_of_the_page_is_not_seen() {
    let (host, button, pointer) = button_and_press("position: fixed; left: 10px; top: 110px", 1);
    let cover = mount(
        r#"<div popover="manual" style="position: fixed; inset: 0; width: 100vw; height: 100vh; margin: 0; pointer-events: none; background: #fff">Continue</div>"#,
    );
    let popover = first(&cover, "[popover]");
    let show = js_sys::Reflect::get(&popover, &"showPopover".into())
        .expect("showPopover")
        .dyn_into::<js_sys::Function>()
        .expect("a function");
    show.call0(&popover).expect("shown");
    assert!(!press_was_seen(&pointer, &button));
    host.remove();
    cover.remove();
}
