// The options page in a real browser with the real wasm core: the profile form saves and reloads, validates with
// messages tied to each field, previews the statement per language, reports unreadable or old stored data instead
// of dropping it; settings; recorded objections listed, exported, printed and deleted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { browserName, env, openReady } from './harness.mjs';

const root = new URL('../../', import.meta.url).pathname;
const en = JSON.parse(readFileSync(`${root}extension/_locales/en/messages.json`, 'utf8'));
/** The language pack of `code` (rules/lang/<code>.json). */
const pack = (code) => JSON.parse(readFileSync(`${root}rules/lang/${code}.json`, 'utf8'));
const countries = JSON.parse(readFileSync(`${root}rules/countries.json`, 'utf8')).countries;
/** The English message `key` with Chrome-style $NAME$ placeholders filled from `values` in order. */
function message(key, ...values) {
  const { message: text, placeholders = {} } = en[key];
  return text.replace(/\$(\w+)\$/g, (_, name) => values[Number(placeholders[name.toLowerCase()].content.slice(1)) - 1]);
}
const defaultStatement = (code) => pack(code).statement.text;
const countryName = (code, language) => pack(language).country_names.names[code][0];

async function openOptions() {
  const page = await openReady('options/options.html');
  return page;
}

/** Sets a form control's value as a user would (the events a picker or a paste fire). */
function setValue(page, name, value) {
  return page.evaluate(([n, v]) => {
    const control = document.getElementById('profile-form').elements.namedItem(n);
    control.value = v;
    control.dispatchEvent(new Event('input', { bubbles: true }));
    control.dispatchEvent(new Event('change', { bubbles: true }));
  }, [name, value]);
}

const formValues = (page) => page.evaluate(() =>
  Object.fromEntries(['email', 'country', 'language', 'statement'].map((n) =>
    [n, document.getElementById('profile-form').elements.namedItem(n).value])));

/** Waits until element `id` says exactly `expected` (a status message, say), and returns it. */
async function waitText(page, id, expected) {
  await page.waitFor(([i, e]) => document.getElementById(i).textContent === e, [id, expected]).catch(() => undefined);
  return page.evaluate((i) => document.getElementById(i).textContent, id);
}

const text = (page, id) => page.evaluate((i) => document.getElementById(i).textContent, id);
const visible = (page, id) => page.evaluate((i) => {
  const element = document.getElementById(i);
  return !element.hidden && element.getClientRects().length > 0;
}, id);

/** Each field's error as the page exposes it to assistive technology. */
const fieldState = (page, field) => page.evaluate((f) => {
  const control = document.getElementById('profile-form').elements.namedItem(f);
  const described = (control.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean)
    .map((id) => document.getElementById(id));
  const error = document.getElementById(`${f}-error`);
  return {
    invalid: control.getAttribute('aria-invalid') === 'true',
    error: error.hidden ? null : error.textContent,
    describedByError: described.includes(error),
  };
}, field);

/** Replaces the page's download path: every file the page offers is kept with its name and text. */
const captureDownloads = (page) => page.evaluate(() => {
  const created = [];
  window.bezwaarTestDownloads = created;
  const createObjectURL = URL.createObjectURL.bind(URL);
  URL.createObjectURL = (blob) => {
    const url = createObjectURL(blob);
    created.push({ url, blob, filename: null });
    return url;
  };
  HTMLAnchorElement.prototype.click = function click() {
    const file = created.find((d) => d.url === this.href);
    if (file) file.filename = this.getAttribute('download');
  };
});
const downloads = (page) => page.evaluate(() => Promise.all(window.bezwaarTestDownloads
  .filter((d) => d.filename !== null)
  .map(async (d) => ({ filename: d.filename, type: d.blob.type, text: await d.blob.text() }))));

const storedProfile = async () => (await env.browser.storage('profile')).profile;

test(`${browserName}: the profile form saves, and the saved profile comes back after a reload`, async () => {
  await env.browser.clearStorage();
  const page = await openOptions();
  // A fresh form starts in the page's language with our default statement and nothing personal.
  assert.deepEqual(await formValues(page), { email: '', country: '', language: 'en', statement: defaultStatement('en') });
  assert.equal(await page.evaluate(() => document.querySelectorAll('form').length), 1);
  const countryCodes = await page.evaluate(() => [...document.querySelectorAll('#country option')].map((o) => o.value));
  assert.deepEqual(countryCodes.slice(1).sort(), countries.map((c) => c.code).sort());
  // Names in the UI language (English here), not codes.
  assert.equal(await page.evaluate(() => document.querySelector('#country option[value="NL"]').textContent), 'Netherlands');

  await page.type('#email', 'jan@example.nl');
  await setValue(page, 'country', 'NL');
  await setValue(page, 'language', 'nl');
  assert.equal((await formValues(page)).statement, defaultStatement('nl'), 'our default follows the language');
  await page.click('#save');
  assert.equal(await waitText(page, 'save-status', message('optionsSaved')), message('optionsSaved'));
  assert.deepEqual(await storedProfile(), {
    version: 1,
    profile: { email: 'jan@example.nl', country: 'NL', language: 'nl', statement: defaultStatement('nl') },
  });

  const again = await openOptions();
  assert.deepEqual(await formValues(again), {
    email: 'jan@example.nl', country: 'NL', language: 'nl', statement: defaultStatement('nl'),
  });
  assert.equal(await visible(again, 'profile-corrupt'), false);
  assert.equal(await visible(again, 'profile-migrated'), false);
  assert.deepEqual(page.errors, []);
  assert.deepEqual(again.errors, []);
  await page.close();
  await again.close();
});

test(`${browserName}: validation messages sit on each field, and nothing invalid is saved`, async () => {
  await env.browser.clearStorage();
  const page = await openOptions();
  await page.type('#email', 'jan@');
  await setValue(page, 'statement', 'Dear {name}, I object. {email}');
  await page.click('#save');
  assert.equal(await waitText(page, 'save-status', message('optionsSaveFixErrors')), message('optionsSaveFixErrors'));
  assert.deepEqual(await fieldState(page, 'email'),
    { invalid: true, error: message('optionsErrorEmailInvalid'), describedByError: true });
  assert.deepEqual(await fieldState(page, 'country'),
    { invalid: true, error: message('optionsErrorCountryMissing'), describedByError: true });
  assert.deepEqual(await fieldState(page, 'language'), { invalid: false, error: null, describedByError: false });
  assert.deepEqual(await fieldState(page, 'statement'),
    { invalid: true, error: message('optionsErrorStatementUnknownPlaceholder', '{name}'), describedByError: true });
  assert.equal(await page.evaluate(() => document.activeElement.id), 'email', 'focus goes to the first problem');
  assert.equal(await storedProfile(), undefined);

  // Corrected fields clear their error as the user fixes them; the others stay.
  await page.type('#email', 'example.nl');
  assert.deepEqual(await fieldState(page, 'email'), { invalid: false, error: null, describedByError: false });
  assert.equal((await fieldState(page, 'country')).invalid, true);

  await setValue(page, 'statement', '   ');
  await setValue(page, 'language', '');
  // From the keyboard this time: Enter on the focused button submits as a click does.
  await page.focus('#save');
  await page.press('Enter');
  await page.waitFor(() => document.getElementById('statement-error').textContent !== '');
  assert.equal((await fieldState(page, 'statement')).error, message('optionsErrorStatementMissing'));
  assert.equal((await fieldState(page, 'language')).error, message('optionsErrorLanguageMissing'));
  assert.equal(await page.evaluate(() => document.activeElement.id), 'country');

  await setValue(page, 'country', 'BE');
  await setValue(page, 'language', 'fr');
  assert.equal((await formValues(page)).statement, defaultStatement('fr'), 'an empty statement takes the default');
  // Enter in a text field submits the form, as keyboard users expect.
  await page.focus('#email');
  await page.press('Enter');
  assert.equal(await waitText(page, 'save-status', message('optionsSaved')), message('optionsSaved'));
  assert.equal((await storedProfile()).profile.country, 'BE');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test(`${browserName}: the statement preview fills the placeholders in each language`, async () => {
  await env.browser.clearStorage();
  const page = await openOptions();
  const preview = () => text(page, 'statement-preview');
  // Nothing entered yet: the placeholders stay visible and the page says what is missing.
  assert.match(await preview(), /\{email\}/);
  assert.equal(await text(page, 'statement-preview-note'), message('optionsPreviewUnfilled', '{email}, {country}'));

  await page.type('#email', 'zoe@example.de');
  await setValue(page, 'country', 'NL');
  const languages = [['en', 'GDPR'], ['de', 'DSGVO'], ['fr', 'RGPD'], ['pl', 'RODO'],
    ['sv', 'GDPR'], ['bg', 'ОРЗД'], ['el', 'ΓΚΠΔ'], ['lv', 'VDAR'], ['mt', 'RĠPD']];
  for (const [language, law] of languages) {
    await setValue(page, 'language', language);
    const shown = await preview();
    assert.equal(shown, defaultStatement(language)
      .replace('{email}', 'zoe@example.de').replace('{country}', countryName('NL', language)), language);
    assert.ok(shown.includes(law) && shown.includes('21'), `${language} cites Article 21 ${law}`);
    assert.equal(await visible(page, 'statement-preview-note'), false);
  }

  // The user's own text is kept when the language changes, and replaced by the default only when they confirm.
  await setValue(page, 'statement', 'Mein eigener Text aus {country}.');
  await setValue(page, 'language', 'it');
  assert.equal((await formValues(page)).statement, 'Mein eigener Text aus {country}.');
  assert.equal(await preview(), `Mein eigener Text aus ${countryName('NL', 'it')}.`);
  await page.click('#use-default');
  await page.waitFor(() => document.querySelector('.confirm') !== null);
  assert.equal(await page.evaluate(() => document.activeElement.textContent), message('pagesCancel'));
  await page.press('Enter'); // the focused, safe choice: cancel
  assert.equal((await formValues(page)).statement, 'Mein eigener Text aus {country}.');
  await page.click('#use-default');
  await page.waitFor(() => document.querySelector('.confirm') !== null);
  await page.click('.confirm button.danger');
  assert.equal((await formValues(page)).statement, defaultStatement('it'));
  assert.deepEqual(page.errors, []);
  await page.close();
});

test(`${browserName}: an unreadable stored profile is reported with its raw content and replaced only on request`, async () => {
  for (const garbage of ['{"email": "jan@example.nl", broken', { version: 9, profile: { email: 'x@y.de', future: true } }]) {
    await env.browser.clearStorage();
    await env.browser.setStorage({ profile: garbage });
    const page = await openOptions();
    await captureDownloads(page);
    assert.equal(await visible(page, 'profile-corrupt'), true);
    assert.equal(await page.evaluate(() => document.getElementById('profile-corrupt').getAttribute('role')), 'alert');
    const raw = await text(page, 'profile-corrupt-raw');
    assert.deepEqual(JSON.parse(raw), garbage, 'the raw content is shown exactly');
    assert.match(await text(page, 'profile-corrupt-reason'), typeof garbage === 'string' ? /not an object/ : /newer version/);
    await page.click('#profile-corrupt-download');
    const [file] = await downloads(page);
    assert.match(file.filename, /^bezwaar-unreadable-profile-\d{4}-\d\d-\d\d\.json$/);
    assert.deepEqual(JSON.parse(file.text), garbage);
    assert.deepEqual((await env.browser.storage('profile')).profile, garbage, 'opening the page changed nothing');

    await page.type('#email', 'jan@example.nl');
    await setValue(page, 'country', 'DE');
    await page.click('#save');
    await page.waitFor(() => document.querySelector('.confirm') !== null);
    await page.click('.confirm button:not(.danger)');
    assert.deepEqual((await env.browser.storage('profile')).profile, garbage, 'cancel keeps it');
    await page.click('#save');
    await page.waitFor(() => document.querySelector('.confirm') !== null);
    await page.click('.confirm button.danger');
    await waitText(page, 'save-status', message('optionsSaved'));
    assert.equal((await storedProfile()).profile.email, 'jan@example.nl');
    assert.equal(await visible(page, 'profile-corrupt'), false);
    assert.deepEqual(page.errors, []);
    await page.close();
  }
});

test(`${browserName}: a version 0 profile is migrated into the form and says what it lacks`, async () => {
  await env.browser.clearStorage();
  const old = { email: ' anna@example.at ', country: 'at', reason: 'Ich widerspreche der Nutzung für KI.' };
  await env.browser.setStorage({ profile: old });
  const page = await openOptions();
  assert.equal(await visible(page, 'profile-migrated'), true);
  assert.deepEqual(await formValues(page),
    { email: 'anna@example.at', country: 'AT', language: '', statement: 'Ich widerspreche der Nutzung für KI.' });
  assert.deepEqual(await fieldState(page, 'language'),
    { invalid: true, error: message('optionsErrorLanguageMissing'), describedByError: true });
  assert.deepEqual((await env.browser.storage('profile')).profile, old, 'not rewritten before the user saves');
  await setValue(page, 'language', 'de');
  assert.equal((await formValues(page)).statement, 'Ich widerspreche der Nutzung für KI.', 'own text kept');
  await page.click('#save');
  await waitText(page, 'save-status', message('optionsSaved'));
  assert.deepEqual(await storedProfile(), {
    version: 1,
    profile: { email: 'anna@example.at', country: 'AT', language: 'de', statement: 'Ich widerspreche der Nutzung für KI.' },
  });
  assert.equal(await visible(page, 'profile-migrated'), false);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test(`${browserName}: a stored value the form does not offer is shown and explained, not dropped`, async () => {
  await env.browser.clearStorage();
  const stored = { version: 1, profile: { email: 'sam@example.com', country: 'US', language: 'en', statement: 'I object.' } };
  await env.browser.setStorage({ profile: stored });
  const page = await openOptions();
  assert.equal((await formValues(page)).country, 'US');
  assert.deepEqual(await fieldState(page, 'country'),
    { invalid: true, error: message('optionsErrorCountryUnsupported'), describedByError: true });
  assert.deepEqual(await fieldState(page, 'email'), { invalid: false, error: null, describedByError: false });
  assert.deepEqual((await env.browser.storage('profile')).profile, stored);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test(`${browserName}: the settings default to on and are stored under "settings"`, async () => {
  await env.browser.clearStorage();
  const page = await openOptions();
  const boxes = () => page.evaluate(() => ['show-badges', 'auto-prefill', 'teach-offers'].map((id) => document.getElementById(id).checked));
  assert.deepEqual(await boxes(), [true, true, true]);
  await page.click('#show-badges');
  await waitText(page, 'settings-status', message('optionsSettingsSaved'));
  assert.deepEqual((await env.browser.storage('settings')).settings, { showBadges: false, autoPrefill: true, teachOffers: true });
  await page.focus('#auto-prefill');
  await page.press(' ');
  const deadline = Date.now() + 3000;
  while (Date.now() < deadline && (await env.browser.storage('settings')).settings.autoPrefill) await new Promise((r) => setTimeout(r, 50));
  assert.deepEqual((await env.browser.storage('settings')).settings, { showBadges: false, autoPrefill: false, teachOffers: true });
  assert.equal(await storedProfile(), undefined, 'settings are not part of the profile');
  const again = await openOptions();
  assert.deepEqual(await again.evaluate(() => [document.getElementById('show-badges').checked,
    document.getElementById('auto-prefill').checked]), [false, false]);
  await page.close();
  await again.close();
});

const RECORDS = [
  {
    id: 'rec-fb-1', site: 'facebook', formId: '712876720715583', submittedAt: '2025-05-20T09:30:00+02:00',
    email: 'jan@example.nl', statement: 'Ik maak bezwaar op grond van artikel 21, lid 1, AVG.',
    confirmationText: 'We will honour your objection for your public information, such as public posts and comments.',
    url: 'https://www.facebook.com/help/contact/712876720715583', stage: 'confirmed',
  },
  {
    id: 'rec-ig-2', site: 'instagram', formId: '767264225370182', submittedAt: '2025-06-02T18:05:00Z',
    email: 'jan.insta@example.nl', statement: 'I object under Article 21(1) GDPR.',
    confirmationText: 'Enter the code we sent to jan.insta@example.nl',
    url: 'https://help.instagram.com/contact/767264225370182', stage: 'code-sent',
  },
];
// The same records as this version stores them (format 3): read from format 1 with nothing lost (format 1 kept no
// country).
const MIGRATED = [
  { ...RECORDS[0], confirmedAt: RECORDS[0].submittedAt, confirmedBy: 'page', codeStep: false, errorText: '', country: '' },
  { ...RECORDS[1], stage: 'sent', codeStep: true, confirmedAt: null, confirmedBy: null, errorText: '', country: '' },
];

test(`${browserName}: recorded objections are listed newest first, exported, printable and deleted`, async () => {
  await env.browser.clearStorage();
  await env.browser.setStorage({ records: { version: 1, records: RECORDS } });
  const page = await openOptions();
  await captureDownloads(page);
  const listed = () => page.evaluate(() => [...document.querySelectorAll('[data-bezwaar-record]')]
    .map((r) => ({ id: r.getAttribute('data-bezwaar-record-id'), stage: r.getAttribute('data-bezwaar-record'), text: r.textContent })));
  let items = await listed();
  assert.deepEqual(items.map((r) => r.id), ['rec-ig-2', 'rec-fb-1'], 'newest first');
  assert.deepEqual(items.map((r) => r.stage), ['sent', 'confirmed'], 'the contract: each record carries its stage');
  assert.ok(items[0].text.includes('Instagram') && items[0].text.includes('jan.insta@example.nl'));
  assert.ok(items[0].text.includes(message('optionsStageCodeSent')));
  assert.ok(items[1].text.includes(message('optionsStageConfirmed')));
  assert.ok(items[1].text.includes(RECORDS[0].confirmationText) && items[1].text.includes('712876720715583'));
  assert.ok(items[1].text.includes('2025'), 'the date is shown');
  assert.equal(await text(page, 'records-reminder'), message('optionsRecordsReminder'));

  await page.click('#export-json');
  const [file] = await downloads(page);
  assert.match(file.filename, /^bezwaar-objections-\d{4}-\d\d-\d\d\.json$/);
  assert.equal(file.type, 'application/json');
  const exported = JSON.parse(file.text);
  assert.equal(exported.format, 'bezwaar-objections');
  assert.equal(exported.version, 3);
  assert.ok(!Number.isNaN(Date.parse(exported.exportedAt)));
  assert.match(exported.note, /Accounts Center/);
  assert.deepEqual(exported.records.sort((a, b) => a.id.localeCompare(b.id)), MIGRATED);

  // Printing shows the records alone: the print stylesheet hides the form, the settings and every button.
  const printed = await page.evaluate(() => {
    const shown = (el) => getComputedStyle(el).display !== 'none';
    const rules = [...document.styleSheets].flatMap((s) => [...s.cssRules]).filter((r) => r.media?.mediaText === 'print');
    // Apply the print rules as the printer would, by turning them into screen rules in a copy (a constructed sheet:
    // the page's CSP refuses inline <style>).
    const style = new CSSStyleSheet();
    style.replaceSync(rules.map((r) => [...r.cssRules].map((c) => c.cssText).join('\n')).join('\n'));
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, style];
    const result = {
      profile: shown(document.getElementById('profile')),
      settings: shown(document.getElementById('settings')),
      records: shown(document.getElementById('records')),
      recordCount: [...document.querySelectorAll('[data-bezwaar-record]')].filter(shown).length,
      buttons: [...document.querySelectorAll('button')].filter(shown).length,
    };
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((sheet) => sheet !== style);
    return result;
  });
  assert.deepEqual(printed, { profile: false, settings: false, records: true, recordCount: 2, buttons: 0 });
  await page.evaluate(() => { window.print = () => { window.bezwaarTestPrinted = true; }; });
  await page.click('#print-records');
  assert.equal(await page.evaluate(() => window.bezwaarTestPrinted), true);

  // Delete one, after confirming (cancel first: nothing happens).
  const deleteOf = (id) => `[data-bezwaar-record-id="${id}"] .record-actions button.danger`;
  await page.click(deleteOf('rec-fb-1'));
  await page.waitFor(() => document.querySelector('.confirm') !== null);
  await page.click('.confirm button:not(.danger)');
  assert.equal((await env.browser.storage('records')).records.records.length, 2);
  await page.click(deleteOf('rec-fb-1'));
  await page.waitFor(() => document.querySelector('.confirm') !== null);
  await page.click('.confirm button.danger');
  await page.waitFor(() => document.querySelectorAll('[data-bezwaar-record]').length === 1);
  assert.deepEqual((await env.browser.storage('records')).records, { version: 3, records: [MIGRATED[1]] });
  items = await listed();
  assert.deepEqual(items.map((r) => r.id), ['rec-ig-2']);

  // A record the background adds while the page is open appears at once.
  await env.browser.setStorage({ records: { version: 1, records: [RECORDS[1], { ...RECORDS[0], id: 'rec-new' }] } });
  await page.waitFor(() => document.querySelectorAll('[data-bezwaar-record]').length === 2);

  await page.click('#delete-all');
  await page.waitFor(() => document.querySelector('.confirm') !== null);
  await page.click('.confirm button.danger');
  await page.waitFor(() => document.querySelectorAll('[data-bezwaar-record]').length === 0);
  assert.deepEqual((await env.browser.storage('records')).records, { version: 3, records: [] });
  assert.equal(await visible(page, 'records-empty'), true);
  assert.equal(await visible(page, 'records-actions'), false);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test(`${browserName}: unreadable records and records set aside by the background are reported and downloadable`, async () => {
  await env.browser.clearStorage();
  const unreadable = { version: 7, records: [{ id: 'x', newField: true }] };
  const setAside = { records: 'not a list' };
  await env.browser.setStorage({ records: unreadable, 'records-unreadable-1748772000000': setAside });
  const page = await openOptions();
  await captureDownloads(page);
  assert.equal(await visible(page, 'records-corrupt'), true);
  assert.deepEqual(JSON.parse(await text(page, 'records-corrupt-raw')), unreadable);
  assert.match(await text(page, 'records-corrupt-reason'), /newer version/);
  assert.equal(await visible(page, 'records-actions'), false, 'no export or delete-all over unreadable evidence');
  assert.equal(await visible(page, 'records-empty'), false);
  assert.equal(await visible(page, 'set-aside'), true);
  const item = '[data-bezwaar-set-aside="records-unreadable-1748772000000"]';
  assert.deepEqual(JSON.parse(await page.evaluate((s) => document.querySelector(`${s} pre`).textContent, item)), setAside);
  await page.click('#records-corrupt-download');
  await page.click(`${item} button:not(.danger)`);
  const files = await downloads(page);
  assert.deepEqual(files.map((f) => JSON.parse(f.text)), [unreadable, setAside]);
  assert.equal(files[1].filename, 'bezwaar-records-unreadable-1748772000000.json');
  await page.click(`${item} button.danger`);
  await page.waitFor(() => document.querySelector('.confirm') !== null);
  await page.click('.confirm button.danger');
  await page.waitFor(() => document.getElementById('set-aside').hidden);
  const stored = await env.browser.storage(null);
  assert.deepEqual(stored, { records: unreadable }, 'only what the user deleted is gone');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test(`${browserName}: a sent record is marked confirmed by hand with the date of Meta's e-mail (keyboard only)`, async () => {
  await env.browser.clearStorage();
  await env.browser.setStorage({ records: { version: 3, records: [MIGRATED[1], { ...MIGRATED[1], id: 'rec-refused', stage: 'not-sent', codeStep: false, errorText: 'Please enter a valid e-mail address.' }] } });
  const page = await openOptions();
  const stages = () => page.evaluate(() => Object.fromEntries([...document.querySelectorAll('[data-bezwaar-record]')]
    .map((r) => [r.getAttribute('data-bezwaar-record-id'), r.getAttribute('data-bezwaar-record')])));
  assert.deepEqual(await stages(), { 'rec-ig-2': 'sent', 'rec-refused': 'not-sent' });
  const refusedText = await page.evaluate(() => document.querySelector('[data-bezwaar-record-id="rec-refused"]').textContent);
  assert.ok(refusedText.includes(message('optionsStageNotSent')) && refusedText.includes('Please enter a valid e-mail address.'));
  // Keyboard only: focus the record's button, Enter opens the date, type a date, Enter saves.
  await page.focus('[data-bezwaar-record-id="rec-ig-2"] .record-actions button:not(.danger)');
  await page.press('Enter');
  await page.waitFor(() => document.activeElement?.type === 'date');
  await page.evaluate(() => { document.activeElement.value = '2025-06-03'; });
  await page.press('Enter');
  await page.waitFor(() => document.querySelector('[data-bezwaar-record-id="rec-ig-2"]')?.getAttribute('data-bezwaar-record') === 'confirmed');
  const stored = (await env.browser.storage('records')).records.records.find((r) => r.id === 'rec-ig-2');
  assert.equal(stored.stage, 'confirmed');
  assert.equal(stored.confirmedBy, 'user');
  assert.equal(stored.confirmedAt, '2025-06-03');
  assert.equal(stored.statement, MIGRATED[1].statement, 'what was sent is kept');
  const shown = await page.evaluate(() => document.querySelector('[data-bezwaar-record-id="rec-ig-2"]').textContent);
  assert.match(shown, /Confirmed by you on (June 3, 2025|3 June 2025) \(Meta's e-mail\)/);
  assert.equal(await page.evaluate(() => document.querySelectorAll('[data-bezwaar-record-id="rec-ig-2"] .record-actions button').length), 1,
    'a confirmed record offers no confirmation');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test(`${browserName}: unreadable settings are reported, and mean no automatic fill and badges on until saved`, async () => {
  await env.browser.clearStorage();
  await env.browser.setStorage({ settings: { autoPrefill: 'false', showBadges: false } });
  const page = await openOptions();
  assert.equal(await visible(page, 'settings-corrupt'), true);
  assert.match(await text(page, 'settings-corrupt-reason'), /"autoPrefill" is "false"/);
  assert.deepEqual(JSON.parse(await text(page, 'settings-corrupt-raw')), { autoPrefill: 'false', showBadges: false });
  assert.deepEqual(await page.evaluate(() => [document.getElementById('show-badges').checked,
    document.getElementById('auto-prefill').checked]), [true, false], 'fail closed: badges on, no automatic fill');
  assert.deepEqual((await env.browser.storage('settings')).settings, { autoPrefill: 'false', showBadges: false }, 'nothing overwritten');
  await page.click('#auto-prefill');
  await page.waitFor(() => document.getElementById('settings-corrupt').hidden);
  assert.deepEqual((await env.browser.storage('settings')).settings, { showBadges: true, autoPrefill: true, teachOffers: true });
  await page.close();
});

test(`${browserName}: the page is keyboard usable and every control is labelled`, async () => {
  await env.browser.clearStorage();
  const page = await openOptions();
  const audit = await page.evaluate(() => ({
    unlabelled: [...document.querySelectorAll('input, select, textarea')].filter((c) => c.labels.length === 0).map((c) => c.id),
    nameless: [...document.querySelectorAll('button, a')].filter((b) => !(b.getAttribute('aria-label') || b.textContent.trim())).length,
    landmarks: ['header', 'nav', 'main'].map((tag) => document.querySelectorAll(tag).length),
    lang: document.documentElement.lang,
    headings: [...document.querySelectorAll('h1')].length,
  }));
  assert.deepEqual(audit, { unlabelled: [], nameless: 0, landmarks: [1, 1, 1], lang: 'en', headings: 1 });
  // Until the stored profile is read the form takes no input, which that reading would overwrite; once read, it does.
  const shipped = await page.evaluate(async () => new DOMParser()
    .parseFromString(await (await fetch(location.href)).text(), 'text/html').getElementById('main').getAttributeNames());
  assert.deepEqual([shipped.includes('aria-busy'), shipped.includes('inert')], [true, true]);
  assert.equal(await page.evaluate(() => document.getElementById('main').inert), false);
  // The first Tab reaches the skip link, which moves focus into the main content.
  await page.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
  await page.press('Enter');
  await page.waitFor(() => document.activeElement.id === 'main');
  const order = [];
  for (let i = 0; i < 4; i += 1) {
    await page.press('Tab');
    order.push(await page.evaluate(() => document.activeElement.id || document.activeElement.tagName));
  }
  assert.deepEqual(order, ['email', 'country', 'language', 'statement']);
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'focus is visible');
  await page.close();
});
