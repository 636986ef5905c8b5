// The first of Bezwaar's two content scripts; the browser runs it before the second (content.js, the core and its
// loader bundled into one script). It notes when Bezwaar was injected, so that the start-up the page report gives
// counts the core's own evaluation, which runs before the loader's first line. A global of the extension's
// isolated world: the page's own scripts never see it.
var bezwaarInjectedAt = performance.now();
