// The toolbar popup: where the user stands on the active tab and what to do next. It asks the background for the
// tab's last page report and reads storage; the Rust core decides everything shown and names each text by its
// message key, so this page keeps no copy of the core's states. It requests nothing from the network: the form and
// settings buttons are plain links the user follows.
import init, { popup_view, settings_load } from '../core/wasm/bezwaar.js';
import { el, formatDateTime, localize, t, useLanguage } from '../options/i18n.js';

const api = globalThis.browser ?? globalThis.chrome;
const $ = (id) => document.getElementById(id);

await init({ module_or_path: api.runtime.getURL('core/wasm/bezwaar_bg.wasm') });
const { settings } = await api.storage.local.get('settings');
await useLanguage(settings_load(settings ?? null).settings?.uiLanguage);
localize();

// A plain press on a link opens it in a tab of its own that no page opened: Meta's objection form fills itself only
// in such a tab (a tab a Meta page opened may be held by that page).
document.addEventListener('click', (event) => {
  const anchor = event.target.closest?.('a[href][target="_blank"]');
  if (!anchor || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  api.tabs.create({ url: anchor.href });
});

const tabId = await targetTabId();
const [report, stored] = await Promise.all([tabReport(tabId), api.storage.local.get(['profile', 'records'])]);
show(popup_view(report, stored.records ?? null, stored.profile ?? null), report);
$('main').removeAttribute('aria-busy');

/** The tab the popup speaks about: `?tab=N` when given (the popup opened as a page), else the active tab. */
async function targetTabId() {
  const requested = new URLSearchParams(location.search).get('tab');
  if (requested !== null && /^\d+$/.test(requested)) return Number(requested);
  const [active] = await api.tabs.query({ active: true, currentWindow: true });
  return active?.id ?? null;
}

async function tabReport(id) {
  if (id === null) return null;
  try {
    return (await api.runtime.sendMessage({ type: 'get-tab-state', tabId: id })) ?? null;
  } catch {
    return null; // no background answer: say nothing about the tab rather than something wrong
  }
}

function hostOf(url) {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

/** A date the core passed (RFC 3339, or a bare day the user gave), in the user's language. */
function dateText(value) {
  return formatDateTime(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00` : value, { dateStyle: 'long' });
}

/** The text of a core-decided message: its key, its substitutions formatted. */
function text({ key, parts }) {
  return t(key, parts.map(({ kind, value }) => (kind === 'date' ? dateText(value) : value)));
}

function link(anchor, { href, label }) {
  anchor.href = href;
  anchor.textContent = text(label);
}

function show(view, report) {
  const { tab } = view;
  $('not-meta').hidden = tab !== null;
  $('tab-facts').hidden = tab === null;
  $('posts').hidden = tab === null;
  if (tab !== null) {
    $('site').textContent = hostOf(report.url);
    $('page-kind').textContent = text(tab.page);
    $('posts-public').textContent = String(tab.public);
    $('posts-limited').textContent = String(tab.limited);
    $('posts-unknown').textContent = String(tab.unknown);
  }
  $('account').hidden = !tab?.account;
  $('account').textContent = tab?.account ? text(tab.account) : '';
  const own = tab?.ownProfile ?? [];
  $('own-profile').hidden = own.length === 0;
  $('own-profile-lines').replaceChildren(...own.map((line) => el('p', { text: text(line), attrs: { 'data-own': line.key } })));

  $('next').dataset.step = view.next.step;
  $('next-text').textContent = text(view.next.text);
  $('next-action-row').hidden = !view.next.action;
  if (view.next.action) link($('next-action'), view.next.action);

  $('standing').replaceChildren(...view.standing.map((line) => el('li', { text: text(line), attrs: { 'data-standing': line.key } })));
  $('profile-state').textContent = text(view.profile);
  $('profile-state').dataset.readiness = view.readiness;
  $('records-state').textContent = text(view.records);

  $('objection-now').hidden = !view.objectionNow;
  $('objection-now-text').textContent = view.objectionNow ? text(view.objectionNow) : '';
  $('already-public').hidden = view.alreadyPublic.length === 0;
  $('already-public-list').replaceChildren(...view.alreadyPublic.map((advice) => {
    const item = el('li', { text: text(advice.text) });
    if (advice.link) {
      const anchor = el('a', { attrs: { target: '_blank', rel: 'noopener' } });
      link(anchor, advice.link);
      item.append(' ', anchor);
    }
    return item;
  }));
}
