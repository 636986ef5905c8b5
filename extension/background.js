// Bezwaar's background: keeps each tab's last page report, sets the toolbar badge, stores objection records and
// the audience labels the user taught.
// One source for Chromium's service worker and Firefox's background script. Messages are validated by the Rust
// core against the typed protocol (src/core/messages.rs); anything else is ignored and logged once per reason.
import init, {
  read_content_message,
  read_extension_page_message,
  objection_form_address,
  toolbar_badge_text,
  records_clear,
  records_confirm,
  records_confirm_after_send,
  records_put,
  records_remove,
  settings_load,
  settings_stop_teach_offers,
  taught_forget,
  taught_load,
  taught_teach,
} from './core/wasm/bezwaar.js';
import { serialisedKey } from './records-store.js';
import { fillIn, loadTemplates } from './ui-language.js';

const api = globalThis.browser ?? globalThis.chrome;
// No top-level await in a service worker: handlers wait for this instead.
const ready = init({ module_or_path: api.runtime.getURL('core/wasm/bezwaar_bg.wasm') });
const extensionOrigin = api.runtime.getURL('');
const BADGE_COLOR = '#B3261E';
const loggedReasons = new Set();
const changeRecords = serialisedKey(api.storage.local, 'records');
const changeTaught = serialisedKey(api.storage.local, 'taught');
const changeSettings = serialisedKey(api.storage.local, 'settings');
// Records the browser refused to store (a full quota), per id, until one is stored after all: the options page
// lists them so they can be exported. Session storage is a separate area, so it still has room.
const UNSAVED_KEY = 'records-unsaved';

function ignore(reason) {
  if (loggedReasons.has(reason)) return;
  loggedReasons.add(reason);
  console.warn(`Bezwaar ignored a message: ${reason}`);
}

// The language the user chose for Bezwaar, as {locale, templates}; {locale: null} for the browser's. Read once, and
// again after the settings change.
let uiLanguage = null;

function chosenLanguage() {
  uiLanguage ??= ready
    .then(() => api.storage.local.get('settings'))
    .then(async ({ settings }) => {
      const locale = settings_load(settings ?? null).settings?.uiLanguage ?? null;
      return { locale, templates: locale ? await loadTemplates(locale) : null };
    })
    .catch(() => ({ locale: null, templates: null }));
  return uiLanguage;
}

async function text(key, substitutions) {
  const { templates } = await chosenLanguage();
  const template = templates?.[key];
  return template === undefined ? api.i18n.getMessage(key, substitutions) : fillIn(template, substitutions);
}

api.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && 'settings' in changes) uiLanguage = null;
});

// Per-tab state lives in session storage, so a service worker that was stopped and restarted still has it.
const tabKey = (tabId) => `tab:${tabId}`;
// The objection a tab sent last, {id, site, at}: Meta's confirmation on the page its Send led to confirms it. Kept
// across the tab's navigations (that is the point), dropped with the tab.
const sentKey = (tabId) => `sent:${tabId}`;
// Tabs another tab opened, as the browser said when it created them (see heldByAnotherTab); dropped with the tab.
// A question about a tab waits for the writes still under way.
const openedKey = (tabId) => `opened:${tabId}`;
const openedWrites = new Set();
// How long after its Send a confirmation on another page still counts for it.
const CONFIRM_AFTER_SEND_MS = 30 * 60 * 1000;

async function readTabState(tabId) {
  const stored = await api.storage.session.get(tabKey(tabId));
  return stored[tabKey(tabId)] ?? null;
}

async function showBadge(tabId, report) {
  const count = toolbar_badge_text(report);
  await api.action.setBadgeText({ tabId, text: count });
  if (count) {
    await api.action.setBadgeBackgroundColor({ tabId, color: BADGE_COLOR });
    await api.action.setBadgeTextColor?.({ tabId, color: '#FFFFFF' });
  }
  const title = count ? await text('actionTitlePublicPosts', [count]) : await text('actionTitle');
  await api.action.setTitle({ tabId, title });
}

async function acceptReport(tabId, report) {
  try {
    await api.storage.session.set({ [tabKey(tabId)]: report });
  } finally {
    // The toolbar count holds even when the browser refused to store the report (a full quota).
    await showBadge(tabId, report);
  }
}

async function forgetTab(tabId) {
  await api.storage.session.remove(tabKey(tabId));
}

async function onContentMessage(message, sender) {
  let parsed;
  try {
    parsed = read_content_message(message);
  } catch (error) {
    ignore(`content script sent an unknown or malformed message (${String(error).slice(0, 120)})`);
    return undefined;
  }
  switch (parsed.type) {
    case 'page-report':
      if (sender.frameId !== 0) return undefined; // only the top page speaks for the tab
      await acceptReport(sender.tab.id, parsed.report);
      return undefined;
    case 'objection-recorded':
      return keepRecord(parsed.record, sender.tab?.id);
    case 'confirmed-after-send':
      if (sender.frameId !== 0) return undefined;
      return confirmAfterSend(sender.tab.id, parsed);
    case 'teach-label':
      return teachLabel(parsed);
    case 'stop-teach-offers':
      return changeSettings((stored) => settings_stop_teach_offers(stored));
    case 'get-ui-messages':
      return chosenLanguage();
    case 'held-by-tab':
      return heldByAnotherTab(sender.tab);
    case 'open-objection-form':
      // No opener: the tab is the user's, and no page holds it.
      await api.tabs.create({ url: objection_form_address(parsed.site), index: sender.tab.index + 1 });
      return undefined;
    default:
      return undefined;
  }
}

/** Whether a page in another tab may hold a handle on this tab and read what is filled into it: another tab opened
 * it, or a tab it opened is still open (a page that opens a helper tab and then loads the form in its own tab leaves
 * the helper a `window.opener` on the form). Any opener counts, whatever it shows now: without the "tabs" permission
 * a tab's address is unknown, and a blank tab a Meta page opened shares that page's origin (a page may open the form
 * through one, and close it at once). The browser's record of openers cannot be cut by a page, as `window.opener`
 * can; but Chromium drops a tab's `openerTabId` once its opener closes, so the opener seen when the tab was created
 * is kept too (`openedKey`). */
async function heldByAnotherTab(tab) {
  if (Number.isInteger(tab.openerTabId)) return true;
  await Promise.all(openedWrites);
  const { [openedKey(tab.id)]: opened } = await api.storage.session.get(openedKey(tab.id));
  if (opened) return true;
  const tabs = await api.tabs.query({});
  return tabs.some((other) => other.openerTabId === tab.id);
}

/** Keeps unreadable stored `kind` data (records, taught) under a key of its own, which the options page lists: it is
 * never overwritten, and what replaces it starts empty. */
const setAside = (kind, stored) => api.storage.local.set({ [`${kind}-unreadable-${Date.now()}`]: stored });

async function keepRecord(record, tabId) {
  const result = await changeRecords(async (stored) => {
    try {
      return records_put(stored, record);
    } catch {
      await setAside('records', stored);
      return records_put(null, record);
    }
  });
  const { [UNSAVED_KEY]: unsaved = {} } = await api.storage.session.get(UNSAVED_KEY);
  if (result.saved) delete unsaved[record.id];
  else unsaved[record.id] = record;
  await api.storage.session.set({ [UNSAVED_KEY]: unsaved });
  if (tabId !== undefined) {
    await api.storage.session.set({ [sentKey(tabId)]: { id: record.id, site: record.site, at: Date.now() } });
  }
  return result;
}

/** Meta's confirmation on the page a tab's Send led to: confirms the objection the tab sent last, when it was sent
 * lately on the same site and the core reads the text as Meta's confirmation. */
async function confirmAfterSend(tabId, { site, text }) {
  const { [sentKey(tabId)]: sent } = await api.storage.session.get(sentKey(tabId));
  if (!sent || sent.site !== site || Date.now() - sent.at > CONFIRM_AFTER_SEND_MS) return undefined;
  return changeRecords((stored) => records_confirm_after_send(stored, sent.id, text, new Date().toISOString()));
}

function teachLabel({ text, lang, meaning }) {
  return changeTaught(async (stored) => {
    const taughtAt = new Date().toISOString();
    if (taught_load(stored).status === 'corrupt') {
      await setAside('taught', stored);
      return taught_teach(null, text, lang, meaning, taughtAt);
    }
    return taught_teach(stored, text, lang, meaning, taughtAt);
  });
}

async function onExtensionPageMessage(message) {
  let parsed;
  try {
    parsed = read_extension_page_message(message);
  } catch (error) {
    ignore(`extension page sent an unknown or malformed message (${String(error).slice(0, 120)})`);
    return undefined;
  }
  switch (parsed.type) {
    case 'get-tab-state':
      return readTabState(parsed.tabId);
    case 'record-confirm':
      return changeRecords((stored) => records_confirm(stored, parsed.id, parsed.date));
    case 'record-remove':
      return changeRecords((stored) => records_remove(stored, parsed.id));
    case 'records-clear':
      return changeRecords((stored) => records_clear(stored));
    case 'taught-forget':
      return changeTaught((stored) => taught_forget(stored, parsed.text, parsed.lang));
    default:
      return undefined;
  }
}

api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== api.runtime.id) return false;
  const fromExtensionPage = typeof sender.url === 'string' && sender.url.startsWith(extensionOrigin);
  const fromContentScript = !fromExtensionPage && sender.tab?.id >= 0;
  if (!fromExtensionPage && !fromContentScript) return false;
  ready
    .then(() => (fromExtensionPage ? onExtensionPageMessage(message) : onContentMessage(message, sender)))
    .then(sendResponse, (error) => {
      ignore(`handling a message failed (${String(error).slice(0, 120)})`);
      sendResponse(undefined);
    });
  return true; // the answer comes asynchronously
});

// A new document in the tab: its report is stale. The content script of the new page (or of the same page after
// an in-app navigation) is asked to report again; if none answers, the tab simply has no report.
api.tabs.onUpdated.addListener((tabId, changeInfo) => {
  if (changeInfo.status !== 'loading') return;
  forgetTab(tabId)
    .then(() => api.action.setBadgeText({ tabId, text: '' }))
    .then(() => api.tabs.sendMessage(tabId, { type: 'report-again' }))
    .catch(() => undefined);
});

api.tabs.onRemoved.addListener((tabId) => {
  api.storage.session.remove([sentKey(tabId), openedKey(tabId)]).catch(() => undefined);
  forgetTab(tabId).catch(() => undefined);
});

api.tabs.onCreated.addListener((tab) => {
  if (!Number.isInteger(tab.openerTabId)) return;
  const write = api.storage.session.set({ [openedKey(tab.id)]: true }).catch(() => undefined);
  openedWrites.add(write);
  write.finally(() => openedWrites.delete(write));
});
