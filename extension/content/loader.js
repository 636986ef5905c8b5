// Bezwaar's content script: loads the Rust core and hands it the few browser services it needs. All page logic is
// in the core (src/dom drives the page, src/core decides). Runs in the extension's isolated world: nothing here is
// visible to the page's own scripts.
(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const startedAt = performance.now();

  // Real WebAssembly where the page's Content-Security-Policy allows it. Chromium applies the page's CSP to wasm
  // compiled in a content script and refuses it with a CompileError; the wasm2js encoding of the same crate is
  // plain JavaScript and runs everywhere.
  async function loadCore() {
    try {
      const core = await import(api.runtime.getURL('core/wasm/bezwaar.js'));
      await core.default({ module_or_path: api.runtime.getURL('core/wasm/bezwaar_bg.wasm') });
      return { core, engine: 'wasm' };
    } catch (error) {
      if (error?.name !== 'CompileError') throw error;
      return { core: await import(api.runtime.getURL('core/js/bezwaar.js')), engine: 'wasm2js' };
    }
  }

  // After the extension is reloaded or updated, this script is orphaned: its runtime is gone. Stop quietly.
  const alive = () => Boolean(api.runtime?.id);

  loadCore().then(({ core, engine }) => {
    const services = {
      engine,
      startupMs: performance.now() - startedAt,
      alive,
      send(message) {
        if (!alive()) return undefined;
        return api.runtime.sendMessage(message).catch(() => undefined);
      },
      text: (key, substitutions) => api.i18n.getMessage(key, substitutions),
      uiLanguage: () => api.i18n.getUILanguage(),
      storageGet(keys, callback) {
        api.storage.local.get(keys).then((items) => alive() && callback(items), () => undefined);
      },
    };
    core.start_content(services);
    api.storage.onChanged.addListener((changes, area) => {
      if (area === 'local' && alive()) core.storage_changed(changes);
    });
    api.runtime.onMessage.addListener((message, sender) => {
      if (sender.id === api.runtime.id && !sender.tab && message?.type === 'report-again') core.report_again();
      return false;
    });
  }, (error) => {
    if (alive()) console.warn('Bezwaar could not start on this page:', error);
  });
})();
