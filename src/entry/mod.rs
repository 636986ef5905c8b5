//! The functions the JavaScript shim calls, in two halves. The content script runs on every Meta page, so its build
//! of the core (the `content` feature) carries only what it calls: the browser parses and compiles that build on
//! each page load. The extension's own pages get the other half (`pages`). Both are on by default, for the tests.
#[cfg(feature = "content")]
mod content;
#[cfg(feature = "pages")]
mod pages;
