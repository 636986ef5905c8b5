// Bezwaar's content script: loads the Rust core and hands it the few browser services it needs. All page logic is
// in the core (src/dom drives the page, src/core decides). Runs in the extension's isolated world: nothing here is
// visible to the page's own scripts.
(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const startedAt = performance.now();

  // Chromium applies the page's Content-Security-Policy to WebAssembly a content script compiles. Under a policy
  // without 'wasm-unsafe-eval' it refuses the module, and the refusal is a policy violation: the page sees a
  // securitypolicyviolation event naming the extension, and the browser posts a report to the site's report
  // address. No way to ask the policy first exists, and Bezwaar must not announce itself to Meta or make it receive
  // a request, so in Chromium the content script runs the wasm2js encoding of the same crate (plain JavaScript,
  // which the page's policy does not govern). Firefox does not apply the page's policy to content scripts: there
  // it runs the real wasm module.
  const pagePolicyGovernsWasm = api.runtime.getURL('').startsWith('chrome-extension:');

  async function loadCore() {
    if (pagePolicyGovernsWasm) {
      return { core: await import(api.runtime.getURL('core/js/bezwaar.js')), engine: 'wasm2js' };
    }
    const core = await import(api.runtime.getURL('core/wasm/bezwaar.js'));
    await core.default({ module_or_path: api.runtime.getURL('core/wasm/bezwaar_bg.wasm') });
    return { core, engine: 'wasm' };
  }

  // After the extension is reloaded or updated, this script is orphaned: its runtime is gone. Stop quietly.
  const alive = () => Boolean(api.runtime?.id);

  // The texts of the language the user chose for Bezwaar ({key: template}), or null for the browser's language. The
  // background reads them from the extension's files, which stay unreachable from the page.
  const chosenTemplates = alive()
    ? api.runtime.sendMessage({ type: 'get-ui-messages' }).then((answer) => answer?.templates ?? null, () => null)
    : Promise.resolve(null);
  // $1..$9 and $$ filled in as chrome.i18n does (extension/ui-language.js does the same for the extension's pages).
  const fillIn = (template, values) =>
    template.replace(/\$(\$|[1-9])/g, (whole, which) => (which === '$' ? '$' : String(values?.[which - 1] ?? '')));

  Promise.all([loadCore(), chosenTemplates]).then(([{ core, engine }, templates]) => {
    const services = {
      engine,
      startupMs: performance.now() - startedAt,
      alive,
      send(message) {
        if (!alive()) return undefined;
        return api.runtime.sendMessage(message).catch(() => undefined);
      },
      text: (key, substitutions) => {
        const template = templates?.[key];
        return template === undefined ? api.i18n.getMessage(key, substitutions) : fillIn(template, substitutions);
      },
      uiLanguage: () => templates?.pagesLanguageCode ?? api.i18n.getUILanguage(),
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
