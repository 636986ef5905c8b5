//! Bezwaar: wasm-bindgen entry points only. All decisions live in `core`, all DOM work in `dom`.
pub mod core;

#[cfg(all(target_arch = "wasm32", feature = "content"))]
mod dom;

#[cfg(target_arch = "wasm32")]
mod entry;
