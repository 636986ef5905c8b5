// Bezwaar's content script: starts the Rust core and hands it the few browser services it needs. All page logic is
// in the core (src/dom drives the page, src/core decides). Runs in the extension's isolated world: nothing here is
// visible to the page's own scripts. `tools/bundle-content.mjs` bundles this file with the core into one classic
// script per encoding, `content/content.js`, so the core is never a file the page could load (see the README's
// "Invisible to the page").
import * as core from 'bezwaar:core';

const api = globalThis.browser ?? globalThis.chrome;
// Set by content/started.js, the script the browser runs first.
const startedAt = globalThis.bezwaarInjectedAt ?? performance.now();
// The bundle runs the core's script before this line, so this is what the browser spent parsing and running it.
const sinceStart = () => performance.now() - startedAt;
const startupPhases = { scriptMs: sinceStart(), coreMs: 0, textsMs: 0 };

// After the extension is reloaded or updated, this script is orphaned: its runtime is gone. Stop quietly.
const alive = () => Boolean(api.runtime?.id);

// The texts of the language the user chose for Bezwaar, asked for by content/started.js.
const chosenTemplates = globalThis.bezwaarChosenTemplates ?? Promise.resolve(null);
chosenTemplates.then(() => { startupPhases.textsMs = sinceStart(); });
const coreReady = core.ready.then(() => { startupPhases.coreMs = sinceStart(); });
// $1..$9 and $$ filled in as chrome.i18n does (extension/ui-language.js does the same for the extension's pages).
const fillIn = (template, values) =>
  template.replace(/\$(\$|[1-9])/g, (whole, which) => (which === '$' ? '$' : String(values?.[which - 1] ?? '')));

const heldByTab = globalThis.bezwaarHeldByTab ?? Promise.resolve(null);

Promise.all([coreReady, chosenTemplates, heldByTab]).then(([, templates, held]) => {
  const services = {
    heldByTab: held,
    engine: core.engine,
    startupMs: sinceStart(),
    startupPhases,
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
