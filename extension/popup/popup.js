// The toolbar popup: where the user stands on the active tab and what to do next. It asks the background for the
// tab's last page report and reads storage; the Rust core decides the next step. It requests nothing from the
// network: the form buttons are plain links the user follows.
import init, { popup_next_step, profile_readiness, records_load, settings_load } from '../core/wasm/bezwaar.js';
import { formatDateTime, localize, t, useLanguage } from '../options/i18n.js';

const api = globalThis.browser ?? globalThis.chrome;
const $ = (id) => document.getElementById(id);
const SITE_NAMES = { facebook: 'Facebook', instagram: 'Instagram' };
const PAGE_KINDS = {
  'ai-notice': 'popupKindAiNotice',
  'objection-form-facebook': 'popupKindObjectionFormFacebook',
  'objection-form-instagram': 'popupKindObjectionFormInstagram',
  'objection-form-generic': 'popupKindObjectionFormGeneric',
  'third-party-form': 'popupKindThirdPartyForm',
  'objection-sent': 'popupKindObjectionSent',
  other: 'popupKindOther',
};
const ACCOUNT = { public: 'popupAccountPublic', limited: 'popupAccountLimited', unknown: 'popupAccountUnknown' };
const PROFILE = {
  ready: 'popupProfileReady',
  incomplete: 'popupProfileIncomplete',
  missing: 'popupProfileMissing',
  unreadable: 'popupProfileUnreadable',
};
const OPTIONS_PAGE = '../options/options.html';

await init({ module_or_path: api.runtime.getURL('core/wasm/bezwaar_bg.wasm') });
const { settings } = await api.storage.local.get('settings');
await useLanguage(settings_load(settings ?? null).settings?.uiLanguage);
localize();

const tabId = await targetTabId();
const [report, stored] = await Promise.all([tabReport(tabId), api.storage.local.get(['profile', 'records'])]);
showTab(report);
showYou(stored);
showNextStep(popup_next_step(report, stored.records ?? null, stored.profile ?? null));
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

function showTab(report) {
  $('not-meta').hidden = report !== null;
  $('tab-facts').hidden = report === null;
  $('posts').hidden = report === null;
  if (report === null) return;
  $('site').textContent = hostOf(report.url);
  $('page-kind').textContent = t(PAGE_KINDS[report.pageKind] ?? 'popupKindOther');
  $('posts-public').textContent = String(report.posts.public);
  $('posts-limited').textContent = String(report.posts.limited);
  $('posts-unknown').textContent = String(report.posts.unknown);
  const account = report.account ? ACCOUNT[report.account] : undefined;
  $('account').hidden = !account;
  $('account').textContent = account ? t(account) : '';
}

function showYou({ profile, records }) {
  const readiness = profile_readiness(profile ?? null);
  $('profile-state').textContent = t(PROFILE[readiness]);
  $('profile-state').dataset.readiness = readiness;
  const loaded = records_load(records ?? null);
  const count = loaded.status === 'current' ? loaded.records.length : 0;
  $('records-state').textContent = loaded.status === 'corrupt'
    ? t('popupRecordsUnreadable') : t('popupRecordsCount', [String(count)]);
}

function showNextStep(step) {
  const site = SITE_NAMES[step.site] ?? step.site;
  const action = (href, label) => {
    $('next-action').href = href;
    $('next-action').textContent = label;
    $('next-action-row').hidden = false;
  };
  $('next').dataset.step = step.step;
  switch (step.step) {
    case 'set-up-profile':
      $('next-text').textContent = t('popupStepSetUpProfile');
      action(`${OPTIONS_PAGE}#profile`, t('popupSetUpProfile'));
      break;
    case 'check-and-send':
      $('next-text').textContent = t('popupStepCheckAndSend');
      break;
    case 'answer-ai-question':
      $('next-text').textContent = t('popupStepAnswerAiQuestion');
      break;
    case 'sent':
      $('next-text').textContent = t('popupStepSent');
      action(`${OPTIONS_PAGE}#records`, t('popupSeeRecords'));
      break;
    case 'wrong-form':
      $('next-text').textContent = t('popupStepWrongForm');
      action(step.formUrl, t('popupOpenForm', [site]));
      break;
    case 'object':
      $('next-text').textContent = t('popupStepObject', [site]);
      action(step.formUrl, t('popupOpenForm', [site]));
      break;
    case 'already-objected':
      $('next-text').textContent = t('popupStepAlreadyObjected',
        [site, formatDateTime(step.submittedAt, { dateStyle: 'long' })]);
      break;
    default:
      $('next-text').textContent = t('popupStepExplain');
  }
}
