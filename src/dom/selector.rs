//! CSS selectors made into browser strings once. Handing the browser a Rust string converts it (UTF-8 to UTF-16)
//! on every call, and selector calls run for every post and every mutation batch.
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

fn queryable(element: &Element) -> &Queryable {
    element.unchecked_ref::<Queryable>()
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
    pub fn first_under(&self, root: &Element) -> Option<Element> {
        queryable(root).query_selector(&self.0).ok().flatten()
    }

    /// Whether anything under `root` matches.
    pub fn any_under(&self, root: &Element) -> bool {
        queryable(root)
            .query_selector(&self.0)
            .ok()
            .flatten()
            .is_some()
    }
}
