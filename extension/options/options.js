// The options page: the objection profile (one form), the settings, the recorded objections and the audience labels
// the user taught. Every decision
// (reading and migrating storage, validation, statements, countries, the export file) is the Rust core's; this file
// only moves values between the page, the core and extension storage.
import init, {
  country_codes,
  profile_check,
  profile_load,
  profile_store,
  records_export_json,
  records_load,
  settings_load,
  statement_default,
  statement_languages,
  statement_render,
  taught_export_json,
  taught_load,
  text_keys,
  ui_locales,
} from '../core/wasm/bezwaar.js';
import { el, formatDateTime, localize, pageLanguage, t, useLanguage } from './i18n.js';

const api = globalThis.browser ?? globalThis.chrome;
const SET_ASIDE_PREFIX = 'records-unreadable-';
// Taught labels the background could not read when the user taught another, set aside instead of overwritten.
const TAUGHT_SET_ASIDE_PREFIX = 'taught-unreadable-';
// Records the browser refused to store (a full quota), kept by the background in session storage.
const UNSAVED_KEY = 'records-unsaved';
const FIELDS = ['email', 'country', 'language', 'statement'];

const $ = (id) => document.getElementById(id);
const form = $('profile-form');
const control = (name) => form.elements.namedItem(name);

const state = {
  // Storage holds a profile this build cannot read: saving over it needs the user's explicit go-ahead.
  storedProfileUnreadable: false,
  // Fields whose error is on screen: they are checked again as the user corrects them.
  fieldsWithErrors: new Set(),
  // The statement as last filled in from a default, to tell the user's own text from ours.
  lastDefaultStatement: '',
  // The core's limit on the statement's length, for the "too long" message.
  statementMaxChars: 0,
  records: [],
  unsaved: [],
  taught: [],
};

// ---- helpers -----------------------------------------------------------------------------------------------------

function showStatus(id, text) {
  const status = $(id);
  // Emptied first so that the same message said twice is announced twice.
  status.textContent = '';
  requestAnimationFrame(() => { status.textContent = text; });
}

function download(filename, text) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = el('a', { attrs: { href: url, download: filename, hidden: '' } });
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the URL; keep it valid a while for slow browsers, then free it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const today = () => new Date().toISOString().slice(0, 10);

let confirmations = 0;

/**
 * Asks in the page (not a modal browser dialog) whether to go ahead, below `anchor`. Focus moves to the safe
 * choice; answering returns focus to where the user was (while it is still on the page). Resolves true when
 * confirmed.
 */
function confirmInline(anchor, question, confirmLabel) {
  anchor.parentElement.querySelector(':scope > .confirm')?.remove();
  return new Promise((resolve) => {
    const returnFocus = document.activeElement;
    confirmations += 1;
    const questionId = `confirm-question-${confirmations}`;
    const yes = el('button', { text: confirmLabel, attrs: { type: 'button', class: 'danger primary' } });
    const no = el('button', { text: t('pagesCancel'), attrs: { type: 'button' } });
    const box = el('div', {
      attrs: { class: 'confirm', role: 'group', 'aria-labelledby': questionId },
      children: [el('p', { text: question, attrs: { id: questionId } }), yes, no],
    });
    const answer = (confirmed) => {
      box.remove();
      if (returnFocus?.isConnected) returnFocus.focus();
      resolve(confirmed);
    };
    yes.addEventListener('click', () => answer(true));
    no.addEventListener('click', () => answer(false));
    box.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') answer(false);
    });
    anchor.after(box);
    no.focus();
  });
}

function showRaw(prefix, reason, raw, filename) {
  $(`${prefix}-reason`).textContent = t('optionsTechnicalDetails', [reason]);
  const text = JSON.stringify(raw, null, 2) ?? String(raw);
  $(`${prefix}-raw`).textContent = text;
  $(`${prefix}-download`).onclick = () => download(filename, text);
  $(prefix).hidden = false;
}

// ---- profile -----------------------------------------------------------------------------------------------------

function fillPickers() {
  const language = pageLanguage();
  const regionNames = new Intl.DisplayNames([language], { type: 'region', fallback: 'code' });
  const collator = new Intl.Collator(language);
  const countries = country_codes()
    .map((code) => ({ code, name: regionNames.of(code) ?? code }))
    .sort((a, b) => collator.compare(a.name, b.name));
  control('country').append(...countries.map(({ code, name }) => new Option(name, code)));

  const languageNames = new Intl.DisplayNames([language], { type: 'language', fallback: 'code' });
  control('language').append(...statement_languages().map(({ code, endonym }) => {
    const inPageLanguage = languageNames.of(code);
    const label = inPageLanguage && inPageLanguage.toLowerCase() !== endonym.toLowerCase()
      ? `${endonym} (${inPageLanguage})` : endonym;
    return new Option(label, code);
  }));
  // Each language by its own name (as the browser's language data spells it), then in the page's language.
  const uiLanguages = ui_locales().map((locale) => {
    const tag = locale.replace('_', '-');
    const ownName = new Intl.DisplayNames([tag], { type: 'language', fallback: 'code' }).of(tag);
    const endonym = ownName.charAt(0).toLocaleUpperCase(tag) + ownName.slice(1);
    const inPageLanguage = languageNames.of(tag);
    const label = inPageLanguage && inPageLanguage.toLowerCase() !== endonym.toLowerCase()
      ? `${endonym} (${inPageLanguage})` : endonym;
    return { locale, endonym, label };
  }).sort((a, b) => collator.compare(a.endonym, b.endonym));
  $('ui-language').append(...uiLanguages.map(({ locale, label }) => new Option(label, locale)));
}

function formProfile() {
  const value = (name) => String(control(name).value);
  return Object.fromEntries(FIELDS.map((name) => [name, value(name)]));
}

function fillForm(profile) {
  for (const name of FIELDS) {
    const value = profile[name] ?? '';
    const input = control(name);
    // A stored value the pickers do not offer (a country outside the list, say) must not vanish unseen: it is shown
    // as it is, and validation says why it cannot be used.
    if (input instanceof HTMLSelectElement && value && ![...input.options].some((o) => o.value === value)) {
      input.append(new Option(value, value));
    }
    input.value = value;
  }
  state.lastDefaultStatement = statement_default(profile.language ?? '') ?? '';
  updatePreview();
}

/** The statement language for a fresh profile: the pages' language when we have a statement in it, else English. */
function initialLanguage() {
  return statement_default(pageLanguage()) !== undefined ? pageLanguage() : 'en';
}

async function loadProfile() {
  const { profile: stored } = await api.storage.local.get('profile');
  const result = profile_load(stored ?? null);
  $('profile-corrupt').hidden = true;
  $('profile-migrated').hidden = true;
  state.storedProfileUnreadable = result.status === 'corrupt';
  switch (result.status) {
    case 'current':
    case 'migrated': {
      fillForm(result.profile);
      $('profile-migrated').hidden = result.status !== 'migrated';
      // Show at once what a stored profile lacks: a statement language the old format had no field for, or a
      // value this version no longer offers.
      const { errors } = check();
      if (errors.length) showErrors(errors, FIELDS);
      break;
    }
    case 'corrupt': {
      showRaw('profile-corrupt', result.reason, result.raw, `bezwaar-unreadable-profile-${today()}.json`);
      startFresh();
      break;
    }
    default:
      startFresh();
  }
}

function startFresh() {
  const language = initialLanguage();
  fillForm({ email: '', country: '', language, statement: statement_default(language) ?? '' });
}

/** The core's verdict on the form as it stands: `{profile (tidied), errors, statementMaxChars}`. */
function check() {
  const result = profile_check(formProfile());
  state.statementMaxChars = result.statementMaxChars;
  return result;
}

function errorText(error, profile) {
  if (error.code === 'statement_unknown_placeholder') {
    const unknown = statement_render(profile.statement, profile).unknownPlaceholders;
    return t(error.key, [unknown.join(', ')]);
  }
  if (error.code === 'statement_too_long') return t(error.key, [String(state.statementMaxChars)]);
  return t(error.key);
}

/** Shows `errors` on `fields` (clearing those without one): message, aria-invalid, aria-describedby. */
function showErrors(errors, fields) {
  const profile = formProfile();
  for (const field of fields) {
    const error = errors.find((e) => e.field === field);
    const input = control(field);
    const message = $(`${field}-error`);
    if (error) {
      message.textContent = errorText(error, profile);
      message.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', `${field}-error ${field}-hint`);
      state.fieldsWithErrors.add(field);
    } else {
      message.textContent = '';
      message.hidden = true;
      input.removeAttribute('aria-invalid');
      input.setAttribute('aria-describedby', `${field}-hint`);
      state.fieldsWithErrors.delete(field);
    }
  }
}

function updatePreview() {
  const profile = formProfile();
  const rendered = statement_render(profile.statement, profile);
  const preview = $('statement-preview');
  const empty = rendered.text.trim() === '';
  preview.textContent = empty ? t('optionsPreviewEmpty') : rendered.text;
  preview.classList.toggle('hint', empty);
  const note = $('statement-preview-note');
  note.hidden = rendered.unfilledPlaceholders.length === 0;
  note.textContent = note.hidden ? '' : t('optionsPreviewUnfilled', [rendered.unfilledPlaceholders.join(', ')]);
}

function isOneOfOurDefaults(text) {
  const trimmed = text.trim();
  return trimmed === '' || trimmed === state.lastDefaultStatement.trim()
    || statement_languages().some(({ code }) => (statement_default(code) ?? '').trim() === trimmed);
}

function wireProfileForm() {
  form.addEventListener('input', (event) => {
    updatePreview();
    const name = event.target.name;
    // Re-checked only once an error is showing: no scolding while the user is still typing.
    const recheck = [...state.fieldsWithErrors];
    if (name === 'email' || name === 'country' || name === 'language') recheck.push('statement');
    const shown = recheck.filter((field) => state.fieldsWithErrors.has(field));
    if (shown.length) showErrors(check().errors, shown);
  });

  control('language').addEventListener('change', () => {
    const language = control('language').value;
    const statement = control('statement');
    // Our own default text follows the language; the user's own text is never replaced without asking.
    if (language && isOneOfOurDefaults(statement.value)) {
      statement.value = statement_default(language) ?? statement.value;
      state.lastDefaultStatement = statement.value;
      updatePreview();
      if (state.fieldsWithErrors.has('statement')) showErrors(check().errors, ['statement']);
    }
  });

  $('use-default').addEventListener('click', async (event) => {
    const language = control('language').value || initialLanguage();
    const replacement = statement_default(language);
    if (replacement === undefined) return;
    const statement = control('statement');
    if (!isOneOfOurDefaults(statement.value)) {
      const confirmed = await confirmInline(event.currentTarget, t('optionsReplaceStatementQuestion'),
        t('optionsReplaceStatementConfirm'));
      if (!confirmed) return;
    }
    statement.value = replacement;
    state.lastDefaultStatement = replacement;
    updatePreview();
    showErrors(check().errors, ['statement']);
    statement.focus();
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const { profile, errors } = check();
    showErrors(errors, FIELDS);
    if (errors.length) {
      showStatus('save-status', t('optionsSaveFixErrors'));
      control(errors[0].field).focus();
      return;
    }
    if (state.storedProfileUnreadable) {
      const confirmed = await confirmInline($('save'), t('optionsReplaceCorruptQuestion'),
        t('optionsReplaceCorruptConfirm'));
      if (!confirmed) return;
    }
    try {
      await api.storage.local.set({ profile: profile_store(profile) });
    } catch (error) {
      showStatus('save-status', t('optionsSaveFailed', [String(error?.message ?? error)]));
      return;
    }
    state.storedProfileUnreadable = false;
    $('profile-corrupt').hidden = true;
    $('profile-migrated').hidden = true;
    fillForm(profile);
    showStatus('save-status', t('optionsSaved'));
  });
}

// ---- settings ----------------------------------------------------------------------------------------------------

const SETTINGS_BOXES = { showBadges: 'show-badges', autoPrefill: 'auto-prefill', teachOffers: 'teach-offers' };

/** The stored settings as the core reads them, with the values in force. */
async function readSettings() {
  const { settings } = await api.storage.local.get('settings');
  const load = settings_load(settings ?? null);
  return { load, values: load.status === 'missing' ? settings_load({}).settings : load.settings };
}

async function loadSettings() {
  const { load, values } = await readSettings();
  for (const [name, id] of Object.entries(SETTINGS_BOXES)) $(id).checked = values[name];
  $('ui-language').value = values.uiLanguage ?? '';
  // Unreadable settings hold fail-closed values (no automatic fill, badges on) until the user saves a switch.
  $('settings-corrupt').hidden = true;
  if (load.status === 'unreadable') {
    showRaw('settings-corrupt', load.reason, load.raw, `bezwaar-unreadable-settings-${today()}.json`);
  }
}

function wireSettings() {
  for (const id of [...Object.values(SETTINGS_BOXES), 'ui-language']) {
    $(id).addEventListener('change', async () => {
      const settings = Object.fromEntries(Object.entries(SETTINGS_BOXES).map(([name, box]) => [name, $(box).checked]));
      // The browser's language is the absence of a choice, as the core reads it.
      if ($('ui-language').value) settings.uiLanguage = $('ui-language').value;
      try {
        await api.storage.local.set({ settings });
        // The page's text is in the language chosen when it opened: a new choice shows it again in that language.
        if (id === 'ui-language') location.reload();
        showStatus('settings-status', t('optionsSettingsSaved'));
      } catch (error) {
        showStatus('settings-status', t('optionsStorageFailed', [String(error?.message ?? error)]));
      }
    });
  }
}

// ---- records -----------------------------------------------------------------------------------------------------

const siteName = (site) => KEYS.sites[site] ?? site;

function newestFirst(records) {
  // Records are appended as they happen; the date decides where it parses, the stored order otherwise.
  return records
    .map((record, index) => ({ record, index, time: Date.parse(record.submittedAt) }))
    .sort((a, b) => (Number.isNaN(a.time) || Number.isNaN(b.time) || a.time === b.time
      ? b.index - a.index : b.time - a.time))
    .map(({ record }) => record);
}

/** Asks the background to change the records (it makes every change one after the other); throws why not. */
async function changeRecords(message) {
  const answer = await api.runtime.sendMessage(message);
  if (!answer?.saved) throw new Error(answer?.error ?? t('optionsNoAnswer'));
}

function stageText(record) {
  if (record.stage === 'confirmed' && record.confirmedBy === 'user' && record.confirmedAt) {
    // A bare day is read at noon, so no time zone moves it to the day before.
    const day = /^\d{4}-\d{2}-\d{2}$/.test(record.confirmedAt) ? `${record.confirmedAt}T12:00` : record.confirmedAt;
    return t('optionsStageConfirmedByYou', [formatDateTime(day, { dateStyle: 'long' })]);
  }
  if (record.stage === 'sent' && record.codeStep) return t('optionsStageCodeSent');
  return KEYS.stages[record.stage] ? t(KEYS.stages[record.stage]) : record.stage;
}

/** "I received Meta's e-mail": a date (today unless changed) and a button, shown where the user asks for them. */
function confirmByHand(record, anchor, when) {
  const open = el('button', {
    text: t('optionsRecordConfirmByHand'),
    attrs: { type: 'button', 'aria-expanded': 'false', 'aria-label': t('optionsRecordConfirmByHandLabel', [siteName(record.site), when]) },
  });
  open.addEventListener('click', () => {
    if (open.getAttribute('aria-expanded') === 'true') return;
    open.setAttribute('aria-expanded', 'true');
    const dateId = `confirm-date-${record.id}`;
    const date = el('input', { attrs: { type: 'date', id: dateId, value: today(), max: today(), required: '' } });
    const save = el('button', { text: t('optionsRecordConfirmSave'), attrs: { type: 'submit', class: 'primary' } });
    const cancel = el('button', { text: t('pagesCancel'), attrs: { type: 'button' } });
    const box = el('form', {
      attrs: { class: 'confirm-by-hand' },
      children: [el('label', { text: t('optionsRecordConfirmDate'), attrs: { for: dateId } }), date, save, cancel],
    });
    const close = () => {
      box.remove();
      open.setAttribute('aria-expanded', 'false');
      open.focus();
    };
    cancel.addEventListener('click', close);
    box.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        await changeRecords({ type: 'record-confirm', id: record.id, date: date.value });
      } catch (error) {
        showStatus('records-status', t('optionsStorageFailed', [String(error?.message ?? error)]));
        return;
      }
      await loadRecords();
      $('records-heading').focus();
      showStatus('records-status', t('optionsRecordConfirmedByHand'));
    });
    anchor.after(box);
    date.focus();
  });
  return open;
}

function recordItem(record) {
  const when = formatDateTime(record.submittedAt);
  const row = (labelKey, value) => [el('dt', { text: t(labelKey) }), el('dd', { attrs: { dir: 'auto' }, children: [value] })];
  const text = (value) => document.createTextNode(value);
  const deleteButton = el('button', {
    text: t('optionsRecordDelete'),
    attrs: { type: 'button', class: 'danger', 'aria-label': t('optionsRecordDeleteLabel', [siteName(record.site), when]) },
  });
  deleteButton.addEventListener('click', async () => {
    const confirmed = await confirmInline(deleteButton, t('optionsRecordDeleteQuestion'), t('optionsRecordDeleteConfirm'));
    if (!confirmed) return;
    try {
      await changeRecords({ type: 'record-remove', id: record.id });
    } catch (error) {
      showStatus('records-status', t('optionsStorageFailed', [String(error?.message ?? error)]));
      return;
    }
    await loadRecords();
    $('records-heading').focus();
    showStatus('records-status', t('optionsRecordDeleted'));
  });
  const actions = el('div', { attrs: { class: 'record-actions' }, children: [deleteButton] });
  if (record.stage !== 'confirmed') actions.prepend(confirmByHand(record, actions, when), document.createTextNode(' '));
  const details = [
    ...row('optionsRecordPlatform', text(siteName(record.site))),
    ...row('optionsRecordSent', el('time', { text: when, attrs: { datetime: record.submittedAt } })),
    ...row('optionsRecordEmail', text(record.email)),
    // As the form showed it at Send; records of older versions kept none.
    ...(record.country ? row('optionsCountryLabel', text(record.country)) : []),
    ...row('optionsRecordStage', el('strong', { text: stageText(record), attrs: { class: `stage ${record.stage}` } })),
    ...row('optionsRecordForm', text(record.formId)),
    ...row('optionsRecordAddress', text(record.url)),
  ];
  if (record.confirmationText) {
    details.push(...row('optionsRecordConfirmation', el('blockquote', { text: record.confirmationText })));
  }
  if (record.errorText) details.push(...row('optionsRecordError', el('blockquote', { text: record.errorText })));
  details.push(...row('optionsRecordStatement', el('blockquote', { text: record.statement })));
  return el('li', {
    attrs: { class: 'record', 'data-bezwaar-record': record.stage, 'data-bezwaar-record-id': record.id },
    children: [
      el('article', {
        attrs: { 'aria-label': t('optionsRecordHeading', [siteName(record.site), when]) },
        children: [
          el('h3', { text: t('optionsRecordHeading', [siteName(record.site), when]) }),
          el('dl', { children: details }),
          actions,
        ],
      }),
    ],
  });
}

function setAsideItem(key, raw) {
  const stamp = Number(key.slice(SET_ASIDE_PREFIX.length));
  const when = Number.isFinite(stamp) && stamp > 0 ? formatDateTime(stamp) : key;
  const text = JSON.stringify(raw, null, 2) ?? String(raw);
  const downloadButton = el('button', { text: t('optionsDownloadRaw'), attrs: { type: 'button' } });
  downloadButton.addEventListener('click', () => download(`bezwaar-${key}.json`, text));
  const deleteButton = el('button', { text: t('optionsSetAsideDelete'), attrs: { type: 'button', class: 'danger' } });
  deleteButton.addEventListener('click', async () => {
    if (!await confirmInline(deleteButton, t('optionsSetAsideDeleteQuestion'), t('optionsSetAsideDelete'))) return;
    await api.storage.local.remove(key);
    await loadRecords();
    $('records-heading').focus();
  });
  return el('li', {
    attrs: { 'data-bezwaar-set-aside': key },
    children: [
      el('h4', { text: t('optionsSetAsideItem', [when]) }),
      el('pre', { text, attrs: { class: 'raw', tabindex: '0' } }),
      downloadButton, document.createTextNode(' '), deleteButton,
    ],
  });
}

async function loadRecords() {
  const everything = await api.storage.local.get(null);
  const { [UNSAVED_KEY]: unsaved = {} } = await api.storage.session.get(UNSAVED_KEY);
  const unsavedRecords = Object.values(unsaved);
  state.unsaved = unsavedRecords;
  $('records-unsaved').hidden = unsavedRecords.length === 0;
  $('records-unsaved-count').textContent = t('optionsRecordsUnsavedCount', [String(unsavedRecords.length)]);
  const result = records_load(everything.records ?? null);
  $('records-corrupt').hidden = true;
  state.records = result.status === 'current' ? newestFirst(result.records) : [];
  if (result.status === 'corrupt') {
    showRaw('records-corrupt', result.reason, result.raw, `bezwaar-unreadable-records-${today()}.json`);
  }
  $('records-list').replaceChildren(...state.records.map(recordItem));
  $('records-empty').hidden = state.records.length > 0 || result.status === 'corrupt';
  $('records-actions').hidden = state.records.length === 0;

  const setAside = Object.keys(everything).filter((key) => key.startsWith(SET_ASIDE_PREFIX)).sort().reverse();
  $('set-aside-list').replaceChildren(...setAside.map((key) => setAsideItem(key, everything[key])));
  $('set-aside').hidden = setAside.length === 0;
}

function wireRecords() {
  $('export-json').addEventListener('click', () => {
    const filename = `bezwaar-objections-${today()}.json`;
    download(filename, records_export_json(state.records, new Date().toISOString()));
    showStatus('records-status', t('optionsExported', [filename]));
  });
  $('records-unsaved-export').addEventListener('click', () => {
    const filename = `bezwaar-unsaved-objections-${today()}.json`;
    download(filename, records_export_json(state.unsaved, new Date().toISOString()));
    showStatus('records-status', t('optionsExported', [filename]));
  });
  $('print-records').addEventListener('click', () => window.print());
  $('delete-all').addEventListener('click', async (event) => {
    const confirmed = await confirmInline(event.currentTarget.parentElement, t('optionsDeleteAllQuestion'),
      t('optionsDeleteAllConfirm'));
    if (!confirmed) return;
    // Unreadable records are never cleared: the background refuses, and says why.
    try {
      await changeRecords({ type: 'records-clear' });
    } catch (error) {
      showStatus('records-status', t('optionsStorageFailed', [String(error?.message ?? error)]));
      return;
    }
    await loadRecords();
    $('records-heading').focus();
    showStatus('records-status', t('optionsAllDeleted'));
  });
}

// ---- taught labels ----------------------------------------------------------------------------------------------


function languageName(lang) {
  if (!lang) return t('optionsTaughtNoLanguage');
  try {
    const name = new Intl.DisplayNames([pageLanguage()], { type: 'language', fallback: 'code' }).of(lang);
    return name && name !== lang ? `${name} (${lang})` : lang;
  } catch {
    return lang;
  }
}

function taughtItem({ text, lang, meaning, taughtAt, builtIn }) {
  const row = (labelKey, value) => [el('dt', { text: t(labelKey) }), el('dd', { attrs: { dir: 'auto' }, children: [value] })];
  const label = el('bdi', { text, attrs: lang ? { lang } : {} });
  const removeButton = el('button', {
    text: t('optionsTaughtRemove'),
    attrs: { type: 'button', class: 'danger', 'aria-label': t('optionsTaughtRemoveLabel', [text]) },
  });
  removeButton.addEventListener('click', async () => {
    try {
      const answer = await api.runtime.sendMessage({ type: 'taught-forget', text, lang });
      if (!answer?.saved) throw new Error(answer?.error ?? t('optionsNoAnswer'));
    } catch (error) {
      showStatus('taught-status', t('optionsStorageFailed', [String(error?.message ?? error)]));
      return;
    }
    await loadTaught();
    $('taught-heading').focus();
    showStatus('taught-status', t('optionsTaughtRemoved'));
  });
  const details = [
    ...row('optionsTaughtLabel', label),
    ...row('optionsTaughtLanguage', document.createTextNode(languageName(lang))),
    ...row('optionsTaughtMeaning', el('strong', { text: t(KEYS.taughtMeanings[meaning] ?? meaning) })),
    ...row('optionsTaughtDate', el('time', { text: formatDateTime(taughtAt), attrs: { datetime: taughtAt } })),
  ];
  const children = [el('dl', { children: details })];
  if (builtIn) {
    children.push(el('p', { text: t(KEYS.builtIn[builtIn] ?? KEYS.builtIn.unknown), attrs: { class: 'built-in', 'data-bezwaar-built-in': builtIn } }));
  }
  children.push(el('div', { attrs: { class: 'record-actions' }, children: [removeButton] }));
  return el('li', { attrs: { class: 'record', 'data-bezwaar-taught': meaning }, children });
}

function unreadableTaughtItem(key, reason, raw) {
  const text = JSON.stringify(raw, null, 2) ?? String(raw);
  const downloadButton = el('button', { text: t('optionsDownloadRaw'), attrs: { type: 'button' } });
  downloadButton.addEventListener('click', () => download(`bezwaar-${key}-${today()}.json`, text));
  const stamp = Number(key.slice(TAUGHT_SET_ASIDE_PREFIX.length));
  const heading = key === 'taught' ? t('optionsTaughtCorruptNow')
    : t('optionsSetAsideItem', [Number.isFinite(stamp) && stamp > 0 ? formatDateTime(stamp) : key]);
  const children = [el('h4', { text: heading })];
  if (reason) children.push(el('p', { text: t('optionsTechnicalDetails', [reason]) }));
  children.push(
    el('figure', {
      attrs: { class: 'raw-figure' },
      children: [el('figcaption', { text: t('optionsRawContent') }), el('pre', { text, attrs: { class: 'raw', tabindex: '0' } })],
    }),
    downloadButton,
  );
  return el('li', { attrs: { 'data-bezwaar-taught-unreadable': key }, children });
}

async function loadTaught() {
  const everything = await api.storage.local.get(null);
  const result = taught_load(everything.taught ?? null);
  state.taught = result.status === 'current' ? result.labels : [];
  $('taught-list').replaceChildren(...state.taught.map(taughtItem));
  $('taught-empty').hidden = state.taught.length > 0 || result.status === 'corrupt';
  $('taught-actions').hidden = state.taught.length === 0;
  const unreadable = [];
  if (result.status === 'corrupt') unreadable.push(unreadableTaughtItem('taught', result.reason, result.raw));
  for (const key of Object.keys(everything).filter((k) => k.startsWith(TAUGHT_SET_ASIDE_PREFIX)).sort().reverse()) {
    unreadable.push(unreadableTaughtItem(key, '', everything[key]));
  }
  $('taught-corrupt-list').replaceChildren(...unreadable);
  $('taught-corrupt').hidden = unreadable.length === 0;
}

function wireTaught() {
  $('taught-export').addEventListener('click', () => {
    const filename = `bezwaar-taught-labels-${today()}.json`;
    const labels = state.taught.map(({ text, normalized, lang, meaning, taughtAt }) => ({ text, normalized, lang, meaning, taughtAt }));
    download(filename, taught_export_json(labels));
    showStatus('taught-status', t('optionsExported', [filename]));
  });
}

// ---- start -------------------------------------------------------------------------------------------------------

await init({ module_or_path: api.runtime.getURL('core/wasm/bezwaar_bg.wasm') });
/** The message key naming each of the core's states shown here (the core's table, not a copy). */
const KEYS = text_keys();
await useLanguage((await readSettings()).values.uiLanguage);
localize();
fillPickers();
wireProfileForm();
wireSettings();
wireRecords();
wireTaught();
await Promise.all([loadProfile(), loadSettings(), loadRecords(), loadTaught()]);
// The form is inert until now: what someone typed before the stored profile was read would be overwritten by it.
$('main').removeAttribute('inert');
$('main').removeAttribute('aria-busy');
api.storage.onChanged.addListener((changes, area) => {
  if (area === 'session' && UNSAVED_KEY in changes) loadRecords();
  if (area !== 'local') return;
  if ('settings' in changes) loadSettings();
  if ('records' in changes || Object.keys(changes).some((key) => key.startsWith(SET_ASIDE_PREFIX))) loadRecords();
  if ('taught' in changes || Object.keys(changes).some((key) => key.startsWith(TAUGHT_SET_ASIDE_PREFIX))) loadTaught();
});
