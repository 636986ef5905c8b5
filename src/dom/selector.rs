//! Selector queries for the DOM layer: [`query_all`] and [`elements_of`] for any query, and [`Selector`] for the
//! selectors of the hot paths, made into browser strings once (handing the browser a Rust string converts it,
//! UTF-8 to UTF-16, on every call, and those calls run for every post and every mutation batch).
use js_sys::JsString;
use wasm_bindgen::prelude::*;
use web_sys::{Element, NodeList};

#[wasm_bindgen]
extern "C" {
    /// An element, seen through the four selector methods below, which take a browser string as it is.
    type Queryable;
    #[wasm_bindgen(method, catch, js_name = querySelectorAll)]
    fn query_selector_all(this: &Queryable, selectors: &JsString) -> Result<NodeList, JsValue>;
    #[wasm_bindgen(method, catch, js_name = querySelector)]
    fn query_selector(this: &Queryable, selectors: &JsString) -> Result<Option<Element>, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn closest(this: &Queryable, selectors: &JsString) -> Result<Option<Element>, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn matches(this: &Queryable, selectors: &JsString) -> Result<bool, JsValue>;
}

fn queryable(root: &impl JsCast) -> &Queryable {
    root.unchecked_ref::<Queryable>()
}

/// The elements of a node list, in order; other nodes (a mutation record's text nodes) are skipped.
pub fn elements_of(list: NodeList) -> impl Iterator<Item = Element> {
    let length = list.length();
    (0..length).filter_map(move |i| list.item(i)?.dyn_into::<Element>().ok())
}

/// What `selector` finds under `root` (a document, an element or a shadow root), in document order, read as the
/// caller goes (a caller that needs a few stops early on a page with thousands); nothing for a selector the browser
/// refuses or a node that cannot be queried.
pub fn query_all(root: &impl JsCast, selector: &str) -> impl Iterator<Item = Element> {
    queryable(root)
        .query_selector_all(&JsString::from(selector))
        .ok()
        .into_iter()
        .flat_map(elements_of)
}

pub struct Selector(JsString);

impl Selector {
    pub fn new(selector: &str) -> Self {
        Selector(JsString::from(selector))
    }

    /// The nearest ancestor-or-self that matches.
    pub fn closest(&self, element: &Element) -> Option<Element> {
        queryable(element).closest(&self.0).ok().flatten()
    }

    pub fn matches(&self, element: &Element) -> bool {
        queryable(element).matches(&self.0).unwrap_or(false)
    }

    /// The first `limit` matches under `root`, in document order (a selector query returns elements only, so they
    /// are taken as such without asking the browser again for each).
    pub fn all(&self, root: &Element, limit: u32) -> Vec<Element> {
        let Ok(list) = queryable(root).query_selector_all(&self.0) else {
            return Vec::new();
        };
        (0..list.length().min(limit))
            .filter_map(|i| list.item(i).map(JsCast::unchecked_into::<Element>))
            .collect()
    }

    /// The first match under `root`, in document order.
    pub fn first(&self, root: &Element) -> Option<Element> {
        queryable(root).query_selector(&self.0).ok().flatten()
    }

    /// Whether anything under `root` matches.
    pub fn any_under(&self, root: &Element) -> bool {
        self.first(root).is_some()
    }
}
