// The first of Bezwaar's two content scripts; the browser runs it before the second (content.js, the core and its
// loader bundled into one script). It notes when Bezwaar was injected, so that the start-up the page report gives
// counts the core's own evaluation, which runs before the loader's first line. And it asks the background for the
// texts of the language the user chose for Bezwaar now, so that the answer travels while the browser parses the
// core. Globals of the extension's isolated world: the page's own scripts never see them.
var bezwaarInjectedAt = performance.now();
// {key: template}, or null for the browser's language. The background reads them from the extension's files, which
// stay unreachable from the page. Nothing to ask when the extension was reloaded under this page (no runtime id).
// Whether a page in another tab may hold this one (true / false, null when the background cannot say): the form is
// then filled only at the user's request, since that page could read what is filled.
var bezwaarHeldByTab = (() => {
  const api = globalThis.browser ?? globalThis.chrome;
  return api.runtime?.id
    ? api.runtime.sendMessage({ type: 'held-by-tab' }).then((answer) => (typeof answer === 'boolean' ? answer : null), () => null)
    : Promise.resolve(null);
})();
var bezwaarChosenTemplates = (() => {
  const api = globalThis.browser ?? globalThis.chrome;
  return api.runtime?.id
    ? api.runtime.sendMessage({ type: 'get-ui-messages' }).then((answer) => answer?.templates ?? null, () => null)
    : Promise.resolve(null);
})();
