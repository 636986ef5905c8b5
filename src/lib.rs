//! Bezwaar: wasm-bindgen entry points only. All decisions live in `core`, all DOM work in `dom`.
pub mod core;

#[cfg(target_arch = "wasm32")]
mod dom;

#[cfg(target_arch = "wasm32")]
mod entry;
