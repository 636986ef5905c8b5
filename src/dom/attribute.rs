//! An element's attributes, text and name as browser strings, for the reads that run on every candidate element of
//! every post. web-sys takes an attribute's name as a Rust string and returns its value as one, so each read
//! converts twice (UTF-8 to UTF-16 and back); here names are made into browser strings once, and a value is copied
//! into Rust only when Rust must look at its text.
use js_sys::JsString;
use wasm_bindgen::prelude::*;
use web_sys::Element;

#[wasm_bindgen]
extern "C" {
    /// An element, seen through the reads below.
    type Readable;
    #[wasm_bindgen(method, js_name = getAttribute)]
    fn get_attribute(this: &Readable, name: &JsString) -> Option<JsString>;
    #[wasm_bindgen(method, getter, js_name = localName)]
    fn local_name(this: &Readable) -> JsString;
    #[wasm_bindgen(method, getter, js_name = textContent)]
    fn text_content(this: &Readable) -> Option<JsString>;
}

fn readable(element: &Element) -> &Readable {
    element.unchecked_ref::<Readable>()
}

/// An attribute name, made into a browser string once.
pub struct Attribute(JsString);

impl Attribute {
    pub fn new(name: &str) -> Self {
        Attribute(JsString::from(name))
    }

    /// The attribute's value on `element`, if it has one.
    pub fn of(&self, element: &Element) -> Option<JsString> {
        readable(element).get_attribute(&self.0)
    }
}

/// An element's local name (lower case for HTML and SVG), made into a browser string once.
pub struct ElementName(JsString);

impl ElementName {
    pub fn new(local_name: &str) -> Self {
        ElementName(JsString::from(local_name))
    }

    /// Compared in the browser: nothing is copied.
    pub fn names(&self, element: &Element) -> bool {
        readable(element).local_name() == self.0
    }
}

thread_local! {
    /// Every host element Bezwaar made (badges, banner, panel). A page can make elements with the same tag names
    /// and attributes; only these are Bezwaar's, so only these are counted or trusted to be there.
    static CREATED: js_sys::WeakSet = js_sys::WeakSet::new();
}

/// Remembers `host` as one Bezwaar made.
pub fn mark_created(host: &Element) {
    CREATED.with(|set| {
        set.add(host.unchecked_ref());
    });
}

/// True only for hosts Bezwaar made itself (not a page's copy or imitation of one).
pub fn is_created(element: &Element) -> bool {
    CREATED.with(|set| set.has(element.unchecked_ref()))
}

/// True for elements named like Bezwaar's own (badges, the banner): their tag names all start `bezwaar-`. Used to
/// keep such elements out of what is read and watched; whether Bezwaar really made one is [`is_created`].
pub fn is_ours(element: &Element) -> bool {
    element
        .tag_name()
        .to_ascii_lowercase()
        .starts_with("bezwaar-")
}

/// The text of `element` and everything in it.
pub fn text_of(element: &Element) -> Option<JsString> {
    readable(element).text_content()
}
