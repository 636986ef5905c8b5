//! DOM-layer tests in a real browser (wasm-bindgen-test, run headless in Chromium and Firefox by `./build.sh test`):
//! the parts whose behaviour depends on a real layout and style engine.
use crate::core::visibility::Visibility;
use crate::dom::badge::{
    ensure_badge, existing_badge, BadgeTexts, Look, Scope, VISIBILITY_ATTRIBUTE,
};
use crate::dom::facebook::{ElementQueue, FacebookReader, PostReading};
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
        r#"<svg width="12" height="12" style="visibility:hidden" title="Shared with Public"></svg>"#,
        r#"<span style="position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)"><svg width="12" height="12" title="Shared with Public"></svg></span>"#,
    ] {
        let root = mount(&post_with(decoy));
        let post = first(&root, "[role=article]");
        assert!(!is_shown(&window(), &first(&root, "svg"), &post), "{decoy}");
        root.remove();
    }
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
        button.get_attribute("aria-label").as_deref(),
        Some("limited name")
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
