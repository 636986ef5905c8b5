// The first of Bezwaar's two content scripts, run just before the browser compiles and runs the second (content.js,
// the core and its loader bundled into one script). It notes when Bezwaar was injected, so that the start-up the
// page report gives spans the core's compilation as well as its start. A global of the extension's isolated world:
// the page's own scripts never see it.
var bezwaarInjectedAt = performance.now();
