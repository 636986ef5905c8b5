// The objection itself, in real browsers on Meta's real hostnames: the banner beside each kind of AI notice, the
// prefill of every objection form variant (whose own scripts behave like React: they keep state only from input /
// change events), Send pressed by the user, the submitted values, Meta's confirmation and the record the background
// keeps. Also what must not happen: a lookalike host or another Meta form touched, a value the user typed
// overwritten, the profile visible to the page before the fill, Send pressed by Bezwaar.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { browserName, env, openFixture, recordsWhen, sleep } from './harness.mjs';
import { clickInClosedRoot, focusInClosedRoot, inClosedRoot } from './closed-ui.mjs';

const FACEBOOK_FORM = 'https://www.facebook.com/help/contact/712876720715583';
const INSTAGRAM_FORM = 'https://help.instagram.com/contact/767264225370182';

/** The country names of a language pack (rules/lang/<code>.json), by country code; none when it has none. */
function countryNamesIn(language) {
  const url = new URL(`../../rules/lang/${language}.json`, import.meta.url);
  return existsSync(url) ? JSON.parse(readFileSync(url, 'utf8')).country_names?.names ?? {} : {};
}

/** The country's name as a statement in `language` names it (what `{country}` becomes). */
function countryName(code, language) {
  return (countryNamesIn(language)[code] ?? countryNamesIn('en')[code])[0];
}

function profile({ email, country, language, statement }) {
  return { version: 1, profile: { email, country, language, statement } };
}

async function setUp(items) {
  await env.browser.clearStorage();
  if (items) await env.browser.setStorage(items);
}

beforeEach(() => setUp());

/** The panel as the user sees it (null when there is none). */
async function panel(page) {
  const host = await page.evaluate(() => {
    const hosts = document.querySelectorAll('bezwaar-panel');
    return hosts.length === 0 ? null : { count: hosts.length, state: hosts[0].getAttribute('data-bezwaar-panel') };
  });
  if (!host) return null;
  const inside = await inClosedRoot(page, 'bezwaar-panel', (root) => ({
    text: [...root.querySelectorAll('h2, p')].map((e) => e.textContent).join(' '),
    buttons: [...root.querySelectorAll('button')].map((b) => b.textContent),
  }));
  return { ...host, ...inside };
}

async function waitForPanel(page, state, timeout = 10000) {
  await page.waitFor((s) => document.querySelector('bezwaar-panel')?.getAttribute('data-bezwaar-panel') === s, state, timeout);
  return panel(page);
}


const value = (page, selector) => page.evaluate((s) => document.querySelector(s)?.value ?? null, selector);
const outlined = (page, selector) =>
  page.evaluate((s) => document.querySelector(s)?.style.outlineStyle === 'solid', selector);
const sends = (page) => page.evaluate(() => document.documentElement.dataset.sends ?? '0');

async function submitted(page) {
  await page.waitFor(() => document.getElementById('submitted'));
  return JSON.parse(await page.evaluate(() => document.getElementById('submitted').textContent));
}

/** Waits until the background stored `count` records that satisfy `check`, and returns them. */
const records = (count, check = () => true) => recordsWhen((list) => list.length >= count && check(list));

const confirmed = (list) => list.every((r) => r.stage === 'confirmed');

function assertRecentIso(text) {
  assert.match(text, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
  const age = Date.now() - Date.parse(text);
  assert.ok(age >= 0 && age < 120000, `${text} is the time of the submission`);
}

/** Everything the page's own scripts could read: the DOM, open shadow roots, globals. */
function pageCanSee(page) {
  return page.evaluate(() => {
    const parts = [document.documentElement.outerHTML];
    for (const element of document.querySelectorAll('*')) if (element.shadowRoot) parts.push(element.shadowRoot.innerHTML);
    for (const name of Object.getOwnPropertyNames(window)) {
      try { if (typeof window[name] === 'string') parts.push(window[name]); } catch { /* cross-origin */ }
    }
    return parts.join('\n');
  });
}

// ---- prefill, Send, evidence ---------------------------------------------------------------------------------------

const DE_STATEMENT = 'Ich widerspreche gemäß Artikel 21 Absatz 1 DSGVO der Verarbeitung meiner Informationen für KI bei Meta. Kontakt: {email}.';

test(`${browserName}: 2025 Facebook form: Meta's e-mail is kept and said so, the reason is filled, the user sends, the record is kept`, async () => {
  await setUp({ profile: profile({ email: 'jan@example.nl', country: 'DE', language: 'de', statement: DE_STATEMENT }) });
  const { page, tabId } = await openFixture('de-de.facebook.com', '/help/contact/712876720715583', 'forms/fb-2025-de', '&ref=notif');
  const statement = DE_STATEMENT.replace('{email}', 'jan@example.nl');
  await page.waitFor((s) => document.querySelector('textarea')?.value === s, statement);
  const shown = await waitForPanel(page, 'filled');
  assert.equal(shown.count, 1);
  assert.match(shown.text, /press Send yourself/);
  assert.match(shown.text, /reason/);
  assert.match(shown.text, /e-mail address: the form already shows something else/);
  // Meta's address stays; the profile's is not shown to the page, since the form does not hold it.
  assert.equal(await value(page, 'input[aria-labelledby="lbl-mail"]'), 'konto.inhaber@example.org');
  assert.ok(!(await pageCanSee(page)).includes('jan@example.nl'));
  assert.ok(await outlined(page, 'textarea'));
  assert.ok(!(await outlined(page, 'input[aria-labelledby="lbl-mail"]')));
  // The site search in the page header is no part of the form.
  assert.equal(await value(page, 'input[type=search]'), '');
  assert.equal(await sends(page), '0', 'Bezwaar never presses Send');
  const report = await env.browser.waitForReport(tabId, (r) => r.pageKind === 'objection-form-facebook');
  assert.equal(report.url, 'https://de-de.facebook.com/help/contact/712876720715583');

  await page.click('#send');
  assert.deepEqual(await submitted(page), { email: 'konto.inhaber@example.org', reason: statement });
  const [record] = await records(1, confirmed);
  assert.equal(record.site, 'facebook');
  assert.equal(record.formId, '712876720715583');
  assert.equal(record.email, 'konto.inhaber@example.org');
  assert.equal(record.statement, statement);
  assert.equal(record.stage, 'confirmed');
  assert.equal(record.url, 'https://de-de.facebook.com/help/contact/712876720715583');
  assert.match(record.confirmationText, /^Danke Wir werden deinem Einspruch nachkommen\./);
  assertRecentIso(record.submittedAt);
  const after = await waitForPanel(page, 'recorded');
  assert.match(after.text, /Accounts Center/);
  await env.browser.waitForReport(tabId, (r) => r.pageKind === 'objection-sent');
  await sleep(1000);
  assert.equal((await records(1)).length, 1, 'one record per submission');
  assert.deepEqual(page.errors, []);
  await page.close();
});

for (const [key, name] of [['Enter', 'Enter'], [' ', 'Space']]) {
  test(`${browserName}: a Send the page made of a div (role="button"), pressed with ${name}, keeps the record`, async () => {
    await setUp({ profile: profile({ email: 'jan@example.nl', country: 'DE', language: 'de', statement: DE_STATEMENT }) });
    const { page } = await openFixture('de-de.facebook.com', '/help/contact/712876720715583', 'forms/fb-2025-de');
    await waitForPanel(page, 'filled');
    await page.focus('#send');
    await page.press(key);
    const statement = DE_STATEMENT.replace('{email}', 'jan@example.nl');
    assert.deepEqual(await submitted(page), { email: 'konto.inhaber@example.org', reason: statement });
    const [record] = await records(1, confirmed);
    assert.equal(record.email, 'konto.inhaber@example.org');
    assert.equal(record.statement, statement);
    assert.match((await waitForPanel(page, 'recorded')).text, /Accounts Center/);
    assert.deepEqual(page.errors, []);
    await page.close();
  });
}

const PL_STATEMENT = 'Sprzeciwiam się na podstawie art. 21 ust. 1 RODO wykorzystywaniu moich informacji przez SI w Meta. Kontakt: {email}.';

test(`${browserName}: a form of divs (pl) beside the page's own site-search <form>: every field is filled, the search is not, the record holds what was sent`, async () => {
  await setUp({ profile: profile({ email: 'ola.nowak@example.pl', country: 'PL', language: 'pl', statement: PL_STATEMENT }) });
  const { page } = await openFixture('pl-pl.facebook.com', '/help/contact/712876720715583', 'forms/fb-2025-pl-react');
  const statement = PL_STATEMENT.replace('{email}', 'ola.nowak@example.pl');
  await page.waitFor((s) => document.getElementById('why')?.value === s, statement);
  // The country is chosen from the combobox's list, which the page draws once it is opened.
  await page.waitFor(() => document.getElementById('kraj').textContent === 'Polska');
  assert.match((await waitForPanel(page, 'filled')).text, /country, e-mail address, reason/);
  assert.equal(await value(page, '#mail'), 'ola.nowak@example.pl');
  assert.equal(await value(page, 'input[name=query]'), '', 'the site search is not the form');
  await page.click('#wyslij');
  assert.deepEqual(await submitted(page), { kraj: 'PL', mail: 'ola.nowak@example.pl', wyjasnienie: statement });
  const [record] = await records(1, confirmed);
  assert.equal(record.email, 'ola.nowak@example.pl');
  assert.equal(record.statement, statement);
  assert.deepEqual(page.errors, []);
  await page.close();
});

const EN_STATEMENT = 'I object under Article 21(1) GDPR to the use of my information for AI at Meta. Contact: {email}.';

/** Clicks the middle of `selector` with the mouse, as a person does, whatever the element says of itself. */
async function mouseClick(page, selector) {
  const point = await page.evaluate((s) => {
    const r = document.querySelector(s).getBoundingClientRect();
    return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  }, selector);
  await page.raw.mouse.click(point.x, point.y);
}

test(`${browserName}: Enter in the site search, a picker button and a disabled Send keep no record; the enabled Send does`, async () => {
  await setUp({ profile: profile({ email: 'pat@example.ie', country: 'IE', language: 'en', statement: EN_STATEMENT }) });
  const { page } = await openFixture('www.facebook.com', '/help/contact/712876720715583', 'forms/fb-en-presses-that-send-nothing');
  const statement = EN_STATEMENT.replace('{email}', 'pat@example.ie');
  await page.waitFor((s) => document.getElementById('102')?.value === s, statement);
  await page.type('#q', 'delete my account');
  await page.press('Enter');
  await page.click('#pick');
  await page.click('#pick');
  await mouseClick(page, '#send');
  await sleep(1500);
  assert.deepEqual(await recordsWhen(() => true), [], 'nothing was sent, so nothing is recorded');
  assert.equal(await sends(page), '0');
  assert.equal((await panel(page)).state, 'filled', 'the panel does not say anything was sent');
  await page.click('#agree');
  await mouseClick(page, '#send');
  assert.equal(await sends(page), '1');
  const [record] = await records(1);
  assert.equal(record.stage, 'sent');
  assert.equal(record.email, 'account@example.ie');
  assert.equal(record.statement, statement);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test(`${browserName}: presses the page takes over send nothing (Enter that picks a typeahead's country, a "Continue" that shows the next part, a chat's "Send" outside the form); the form's own Send does`, async () => {
  await setUp({ profile: profile({ email: 'pat@example.ie', country: 'IE', language: 'en', statement: EN_STATEMENT }) });
  const { page } = await openFixture('www.facebook.com', '/help/contact/712876720715583', 'forms/fb-en-presses-the-page-takes-over');
  await page.waitFor(() => document.querySelector('bezwaar-panel')?.hasAttribute('data-bezwaar-panel'));
  await page.evaluate(() => { document.getElementById('u_0_3').value = ''; });
  await page.type('#u_0_3', 'Irel');
  await page.press('Enter');
  assert.equal(await value(page, '#u_0_3'), 'Ireland', 'the page picked the suggestion');
  await mouseClick(page, '#chat-send');
  await mouseClick(page, '#next');
  await page.waitFor(() => !document.getElementById('part-2').hidden);
  await sleep(1500);
  assert.deepEqual(await recordsWhen(() => true), [], 'nothing was sent, so nothing is recorded');
  assert.equal(await sends(page), '0');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.chats), '1');
  assert.notEqual((await panel(page)).state, 'sent', 'the panel does not say anything was sent');
  if ((await value(page, '[id="301"]')) === '') await page.type('[id="301"]', 'pat@example.ie');
  if ((await value(page, '[id="302"]')) === '') await page.type('[id="302"]', 'My objection under Art. 21(1) GDPR.');
  const email = await value(page, '[id="301"]');
  const statement = await value(page, '[id="302"]');
  await mouseClick(page, '#send');
  assert.equal(await sends(page), '1');
  const [record] = await records(1);
  assert.equal(record.stage, 'sent');
  assert.equal(record.email, email);
  assert.equal(record.statement, statement);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test(`${browserName}: the form's address showing Meta's login form: the panel says to log in first, nothing is filled, logging in records no objection`, async () => {
  await setUp({ profile: profile({ email: 'pat@example.ie', country: 'IE', language: 'en', statement: EN_STATEMENT }) });
  const { page } = await openFixture('www.facebook.com', '/help/contact/712876720715583', 'forms/fb-login-wall');
  const shown = await waitForPanel(page, 'log-in-first');
  assert.match(shown.text, /Log in first/);
  assert.deepEqual(shown.buttons.filter((b) => /Fill in/.test(b)), [], 'nothing to fill here');
  await sleep(500);
  assert.equal(await value(page, '#email'), '');
  await page.type('#email', 'pat@example.ie');
  await page.type('#pass', 'not a real password');
  await page.click('#loginbutton');
  await sleep(1500);
  assert.deepEqual(await recordsWhen(() => true), [], 'a login is no objection');
  assert.equal(await value(page, '#pass'), 'not a real password');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test(`${browserName}: 2024 code step shown only by its code field in a dialog: the record says so, the panel asks for the code, Confirm confirms`, async () => {
  await setUp({ profile: profile({ email: 'pat@example.ie', country: 'IE', language: 'en', statement: EN_STATEMENT }) });
  const { page } = await openFixture('www.facebook.com', '/help/contact/712876720715583', 'forms/fb-2024-en-code-dialog');
  const statement = EN_STATEMENT.replace('{email}', 'pat@example.ie');
  await page.waitFor((s) => document.getElementById('302')?.value === s, statement);
  assert.equal(await value(page, '[id="300"]'), 'Ireland');
  await page.click('#send');
  await page.waitFor(() => document.getElementById('nonce'));
  const [sent] = await records(1, (list) => list[0].codeStep === true);
  assert.equal(sent.stage, 'sent');
  assert.equal(sent.statement, statement);
  assert.equal((await waitForPanel(page, 'code-sent')).state, 'code-sent');
  assert.equal(await value(page, '#nonce'), '', 'the code is the user\'s to type');
  await page.type('#nonce', '123456');
  await page.click('#confirm');
  const [done] = await records(1, confirmed);
  assert.equal(done.id, sent.id, 'the same objection, not a second one');
  assert.match(done.confirmationText, /^We will process your objection/);
  assert.equal(done.statement, statement);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test(`${browserName}: a country <select> in a language no pack has (sv) is known by its English country values`, async () => {
  await setUp({ profile: profile({ email: 'sara@example.se', country: 'SE', language: 'sv', statement: EN_STATEMENT }) });
  const { page } = await openFixture('help.instagram.com', '/contact/233964459562201', 'forms/ig-2024-sv-rows');
  await page.waitFor(() => document.getElementById('500').value === 'Sweden');
  assert.equal(await value(page, '[id="501"]'), 'sara@example.se');
  assert.equal(await value(page, '[id="504"]'), '', '"any other information" is not the statement');
  assert.equal(await value(page, '[id="502"]'), 'sara@example.se', 'the confirmation field too');
  const shown = await waitForPanel(page, 'filled');
  assert.match(shown.text, /country, e-mail address\b/);
  assert.doesNotMatch(shown.text, /e-mail address, e-mail address/, 'each kind of field named once');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test(`${browserName}: the mobile form posts to a page of its own: Meta's confirmation there confirms the record; the same text elsewhere does not`, async () => {
  await setUp({ profile: profile({ email: 'pat@example.ie', country: 'IE', language: 'en', statement: EN_STATEMENT }) });
  // Meta's words on the submission page, with nothing sent from this tab: nothing to confirm, nothing recorded.
  const idle = await openFixture('m.facebook.com', '/a/help/contact_us/', 'forms/m-contact-us-done');
  await sleep(1200);
  assert.deepEqual(await recordsWhen(() => true), []);
  await idle.page.close();

  const { page } = await openFixture('m.facebook.com', '/help/contact/712876720715583', 'forms/m-fb-2024-en-post');
  const statement = EN_STATEMENT.replace('{email}', 'pat@example.ie');
  await page.waitFor((s) => document.getElementById('402')?.value === s, statement);
  assert.equal(await value(page, 'input[name=sneaky]'), '', 'the honeypot stays empty');
  await page.click('#send');
  const [sent] = await records(1);
  assert.equal(sent.statement, statement);
  await page.waitFor(() => location.pathname === '/a/help/contact_us/' && document.readyState === 'complete');
  const [done] = await records(1, confirmed);
  assert.equal(done.id, sent.id);
  assert.equal(done.confirmedBy, 'page');
  assert.match(done.confirmationText, /We will process your objection in accordance/);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test(`${browserName}: a typeahead country box that lists nothing until one types: left to the user, never called "not in the list"`, async () => {
  await setUp({ profile: profile({ email: 'jan@example.nl', country: 'NL', language: 'nl', statement: EN_STATEMENT }) });
  const { page } = await openFixture('help.instagram.com', '/contact/767264225370182', 'forms/ig-2025-nl-typeahead');
  await page.waitFor(() => document.getElementById('601').value === 'jan@example.nl');
  const shown = await waitForPanel(page, 'filled');
  await sleep(1500); // the tries to open the list are over
  const settled = await panel(page);
  assert.match(settled.text, /country: Bezwaar could not fill this in/);
  assert.doesNotMatch(settled.text, /not in this form's list/);
  assert.equal(await value(page, '#iso'), '');
  assert.ok(shown);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test(`${browserName}: Meta's 2024 confirmation in an alert while the form stays on screen: confirmed, never "not sent"`, async () => {
  await setUp({ profile: profile({ email: 'eva@example.ie', country: 'IE', language: 'en', statement: 'I object under Article 21(1) GDPR.' }) });
  const { page } = await openFixture('www.facebook.com', '/help/contact/712876720715583', 'forms/fb-en-alert-confirmation');
  await waitForPanel(page, 'filled');
  await page.click('#send');
  assert.equal((await submitted(page)).email, 'eva@example.ie');
  const [record] = await records(1, confirmed);
  assert.match(record.confirmationText, /^We will process your objection in accordance with applicable data protection laws\./);
  assert.equal(record.errorText, '');
  await sleep(800);
  assert.equal((await records(1))[0].stage, 'confirmed', 'the alert that confirmed it is no error');
  assert.match((await waitForPanel(page, 'recorded')).text, /Meta confirmed your objection/);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test(`${browserName}: 2024 Facebook form (page CSP forbids wasm): native select, required explanation, code step, confirmation`, async () => {
  const template = 'I object under Article 21(1) GDPR to the use of my information for AI at Meta. I live in {country}; reply to {email}.';
  await setUp({ profile: profile({ email: 'anna@example.eu', country: 'NL', language: 'en', statement: template }) });
  const started = Date.now();
  const { page, tabId } = await openFixture('www.facebook.com', '/help/contact/712876720715583', 'forms/fb-2024-en', '&csp=strict');
  const loaded = Date.now();
  const statement = template.replace('{country}', countryName('NL', 'en')).replace('{email}', 'anna@example.eu');
  await page.waitFor((s) => document.getElementById('impact')?.value === s, statement);
  console.log(`# prefill ${browserName} (2024 form, csp=strict): filled ${Date.now() - loaded} ms after load (${loaded - started} ms load)`);
  assert.equal(await value(page, '#country'), 'NL');
  assert.equal(await value(page, '#email'), 'anna@example.eu');
  assert.equal(await value(page, '#other'), '', '"any other information" stays empty');
  assert.equal(await value(page, 'input[name=q]'), '', 'the help search is not the form');
  const shown = await waitForPanel(page, 'filled');
  assert.match(shown.text, /Filled in from your profile \(anna@example\.eu\): country, e-mail address, reason\./);
  for (const selector of ['#country', '#email', '#impact']) assert.ok(await outlined(page, selector), selector);
  const report = await env.browser.waitForReport(tabId, (r) => r.pageKind === 'objection-form-facebook');
  if (browserName === 'chromium') assert.equal(report.engine, 'wasm2js');

  await page.click('button[type=submit]');
  await page.waitFor(() => document.getElementById('code'));
  const [codeStep] = await records(1, ([r]) => r.codeStep === true);
  assert.equal(codeStep.stage, 'sent', 'sent, and the code still to be entered');
  assert.equal(codeStep.email, 'anna@example.eu');
  assert.equal(codeStep.statement, statement);
  assert.equal(codeStep.confirmationText, '');
  assert.match((await waitForPanel(page, 'code-sent')).text, /look in your mail/);

  await page.type('#code', '123456');
  await page.click('button[type=submit]');
  assert.deepEqual(await submitted(page),
    { country: 'NL', email: 'anna@example.eu', impact: statement, other: '', code: '123456' });
  const after = await records(1, confirmed);
  assert.equal(after.length, 1, 'the code completes the same objection: one record');
  assert.equal(after[0].id, codeStep.id);
  assert.equal(after[0].codeStep, true);
  assert.equal(after[0].email, 'anna@example.eu');
  assert.equal(after[0].statement, statement, 'the code step keeps what the form sent before');
  assert.match(after[0].confirmationText, /We will honour your objection for your public information/);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.messages ?? '0'), '0', 'nothing posted to the page');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test(`${browserName}: 2025 Instagram form: ARIA combobox country chosen, Meta's identical e-mail, record with Meta's text`, async () => {
  const template = "Intendo esercitare il diritto di opposizione (art. 21, par. 1, GDPR) all'uso delle mie informazioni per l'IA in Meta.";
  await setUp({ profile: profile({ email: 'giulia.rossi@example.it', country: 'IT', language: 'it', statement: template }) });
  const { page, tabId } = await openFixture('help.instagram.com', '/contact/767264225370182', 'forms/ig-2025-it');
  const loaded = Date.now();
  await page.waitFor(() => document.querySelector('[role=combobox]')?.textContent === 'Italia');
  console.log(`# prefill ${browserName} (ARIA combobox opened and chosen): ${Date.now() - loaded} ms after load`);
  await page.waitFor((s) => document.getElementById('motivo')?.value === s, template);
  assert.equal(await page.evaluate(() => document.querySelector('[role=combobox]').getAttribute('aria-expanded')), 'false');
  const shown = await waitForPanel(page, 'filled');
  assert.match(shown.text, /Filled in from your profile \(giulia\.rossi@example\.it\): country, reason\./);
  assert.ok(await outlined(page, '[role=combobox]'));
  await env.browser.waitForReport(tabId, (r) => r.pageKind === 'objection-form-instagram' && r.site === 'instagram');
  assert.equal(await sends(page), '0');

  await page.click('#invia');
  assert.deepEqual(await submitted(page), { country: 'IT', email: 'giulia.rossi@example.it', reason: template });
  const [record] = await records(1, confirmed);
  assert.equal(record.site, 'instagram');
  assert.equal(record.formId, '767264225370182');
  assert.equal(record.url, INSTAGRAM_FORM);
  assert.equal(record.statement, template);
  assert.match(record.confirmationText, /Ciò significa che la tua richiesta verrà applicata d’ora in avanti/);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test(`${browserName}: 2024 Instagram form: country by option text in a native select, code step recorded`, async () => {
  const template = "Je m'oppose, en vertu de l'article 21, paragraphe 1, du RGPD, à l'utilisation de mes informations pour l'IA de Meta.";
  await setUp({ profile: profile({ email: 'luc@example.fr', country: 'FR', language: 'fr', statement: template }) });
  const { page } = await openFixture('help.instagram.com', '/contact/233964459562201/', 'forms/ig-2024-fr');
  await page.waitFor(() => document.getElementById('pays')?.value === '1061');
  await page.waitFor((s) => document.querySelector('textarea')?.value === s, template);
  assert.equal(await value(page, 'input[name=mail]'), 'luc@example.fr');
  await waitForPanel(page, 'filled');
  await page.click('button[type=submit]');
  await page.waitFor(() => document.querySelector('input[aria-label=Code]'));
  const [record] = await records(1, ([r]) => r.codeStep === true);
  assert.equal(record.stage, 'sent');
  assert.equal(record.formId, '233964459562201');
  assert.equal(record.url, 'https://help.instagram.com/contact/233964459562201/');
  assert.match((await waitForPanel(page, 'code-sent')).text, /look in your mail/);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test(`${browserName}: Instagram's form served on a Facebook host is Instagram's: filled, and its record is Instagram's`, async () => {
  const statement = 'I object under Article 21(1) GDPR to Meta using my Instagram information for AI.';
  await setUp({ profile: profile({ email: 'noor@example.nl', country: 'NL', language: 'en', statement }) });
  const { page, tabId } = await openFixture('www.facebook.com', '/help/instagram/contact/767264225370182', 'forms/ig-form-on-facebook-host');
  await page.waitFor(() => document.getElementById('601')?.value === 'noor@example.nl');
  await page.waitFor((s) => document.getElementById('602')?.value === s, statement);
  assert.equal(await value(page, '[id="600"]'), 'Netherlands');
  assert.equal(await value(page, '[id="603"]'), '', 'the optional box is left to the user');
  await waitForPanel(page, 'filled');
  const report = await env.browser.waitForReport(tabId, (r) => r.pageKind === 'objection-form-instagram');
  assert.equal(report.site, 'instagram');
  await page.click('button[type=submit]');
  await page.waitFor(() => document.documentElement.dataset.sends === '1');
  const [record] = await records(1);
  assert.equal(record.site, 'instagram');
  assert.equal(record.formId, '767264225370182');
  assert.equal(record.url, 'https://www.facebook.com/help/instagram/contact/767264225370182');
  assert.equal(record.country, 'Netherlands');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test(`${browserName}: generic route (de): "Ja" first, then the fields it reveals; "Nein" never`, async () => {
  await setUp({ profile: profile({ email: 'jan@example.nl', country: 'DE', language: 'de', statement: DE_STATEMENT }) });
  const { page, tabId } = await openFixture('www.facebook.com', '/help/contact/540977946302970', 'forms/generic-de');
  const statement = DE_STATEMENT.replace('{email}', 'jan@example.nl');
  await page.waitFor(() => document.querySelector('input[name=email]')?.value === 'jan@example.nl');
  await page.waitFor((s) => document.querySelector('textarea')?.value === s, statement);
  assert.equal(await page.evaluate(() => document.querySelector('input[value=ja]').checked), true);
  assert.equal(await page.evaluate(() => document.querySelector('input[value=nein]').checked), false);
  const shown = await waitForPanel(page, 'filled');
  assert.match(shown.text, /about AI at Meta/);
  await env.browser.waitForReport(tabId, (r) => r.pageKind === 'objection-form-generic');
  assert.equal(await sends(page), '0');
  await page.click('#senden');
  assert.deepEqual(await submitted(page), { ki: 'ja', email: 'jan@example.nl', grund: statement });
  const [record] = await records(1, confirmed);
  assert.equal(record.formId, '540977946302970');
  assert.equal(record.email, 'jan@example.nl');
  assert.match(record.confirmationText, /Wir werden deinem Einspruch nachkommen/);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test(`${browserName}: generic route (de) asking its question in a <select>: "Ja" is chosen, then the fields filled`, async () => {
  await setUp({ profile: profile({ email: 'jan@example.nl', country: 'DE', language: 'de', statement: DE_STATEMENT }) });
  const { page, tabId } = await openFixture('www.facebook.com', '/help/contact/540977946309999', 'forms/generic-de-select');
  const statement = DE_STATEMENT.replace('{email}', 'jan@example.nl');
  await page.waitFor((s) => document.querySelector('textarea')?.value === s, statement);
  assert.equal(await value(page, 'select'), 'Yes');
  assert.equal(await value(page, 'input[name=email]'), 'jan@example.nl');
  assert.match((await waitForPanel(page, 'filled')).text, /about AI at Meta/);
  await env.browser.waitForReport(tabId, (r) => r.pageKind === 'objection-form-generic');
  assert.equal(await sends(page), '0');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test(`${browserName}: generic route (de) asking its question in a <select>: "Nein" chosen by the user stops the fill`, async () => {
  await setUp({
    profile: profile({ email: 'jan@example.nl', country: 'DE', language: 'de', statement: DE_STATEMENT }),
    settings: { showBadges: true, autoPrefill: false },
  });
  const { page } = await openFixture('www.facebook.com', '/help/contact/540977946309999', 'forms/generic-de-select');
  await waitForPanel(page, 'offer');
  await page.focus('select');
  for (let i = 0; i < 4 && (await value(page, 'select')) !== 'No'; i += 1) await page.press('ArrowDown');
  assert.equal(await value(page, 'select'), 'No');
  await clickInClosedRoot(page, 'bezwaar-panel', 'button.fill');
  assert.match((await waitForPanel(page, 'checked')).text, /not about AI at Meta/);
  await sleep(500);
  assert.equal(await value(page, 'input[name=email]'), '');
  assert.equal(await value(page, 'textarea'), '');
  assert.equal(await value(page, 'select'), 'No');
  await page.close();
});

test(`${browserName}: generic route (en, ARIA radios and a text-box combobox)`, async () => {
  const template = 'I object to the processing of my personal data for AI at Meta under Article 21(1) GDPR.';
  await setUp({ profile: profile({ email: 'pat@example.ie', country: 'NL', language: 'en', statement: template }) });
  const { page } = await openFixture('m.facebook.com', '/help/contact/1004568452947364', 'forms/generic-en-aria');
  await page.waitFor(() => document.getElementById('ct')?.value === 'Netherlands');
  await page.waitFor(() => document.getElementById('em')?.value === 'pat@example.ie');
  await page.waitFor((s) => document.getElementById('rs')?.value === s, template);
  const radios = await page.evaluate(() => [...document.querySelectorAll('[role=radio]')].map((r) => r.getAttribute('aria-checked')));
  assert.deepEqual(radios, ['true', 'false']);
  await waitForPanel(page, 'filled');
  await page.click('[role=button]');
  assert.deepEqual(await submitted(page), { answer: 'yes', email: 'pat@example.ie', country: 'NL', reason: template });
  const [record] = await records(1, confirmed);
  assert.equal(record.stage, 'confirmed');
  assert.match(record.confirmationText, /We will honor your objection/);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test(`${browserName}: 2025 form from Messenger (nl): read-only e-mail, placeholder-named reason, pop-up listbox country`, async () => {
  const template = 'Ik maak bezwaar tegen het gebruik van mijn informatie voor AI bij Meta (artikel 21, lid 1, AVG). Ik woon in {country}.';
  await setUp({ profile: profile({ email: 'jan@example.nl', country: 'NL', language: 'nl', statement: template }) });
  const { page } = await openFixture('nl-nl.facebook.com', '/help/contact/6359191084165019', 'forms/fb-2025-nl');
  const statement = template.replace('{country}', countryName('NL', 'nl'));
  await page.waitFor(() => document.getElementById('kies')?.textContent === 'Nederland');
  await page.waitFor((s) => document.querySelector('textarea')?.value === s, statement);
  assert.equal(await page.evaluate(() => document.getElementById('landen').hidden), true, 'the list is closed again');
  const shown = await waitForPanel(page, 'filled');
  assert.match(shown.text, /Filled in from your profile \(jan@example\.nl\): country, reason\./);
  assert.equal(await sends(page), '0');
  await page.click('button[type=submit]');
  assert.deepEqual(await submitted(page), { land: 'NL', email: 'jan@example.nl', reden: statement });
  const [record] = await records(1, confirmed);
  assert.equal(record.formId, '6359191084165019');
  assert.equal(record.url, 'https://nl-nl.facebook.com/help/contact/6359191084165019');
  assert.match(record.confirmationText, /We zullen je bezwaar honoreren/);
  assert.deepEqual(page.errors, []);
  await page.close();
});

// ---- the user stays the author -------------------------------------------------------------------------------------

test(`${browserName}: auto-prefill off: nothing is filled until the user asks (keyboard); what they typed first is kept`, async () => {
  const template = 'I object under Article 21(1) GDPR to Meta using my information for AI.';
  await setUp({
    profile: profile({ email: 'anna@example.eu', country: 'BE', language: 'en', statement: template }),
    settings: { showBadges: true, autoPrefill: false },
  });
  const { page } = await openFixture('www.facebook.com', '/help/contact/712876720715583', 'forms/fb-2024-en');
  const offer = await waitForPanel(page, 'offer');
  assert.deepEqual(offer.buttons.slice(1), ['Fill in from my profile']);
  await sleep(500);
  assert.equal(await value(page, '#impact'), '');
  assert.equal(await value(page, '#country'), '');
  // Before the fill, nothing of the profile is anywhere the page can read.
  const visible = await pageCanSee(page);
  assert.ok(!visible.includes('anna@example.eu') && !visible.includes('Meta using my information'));
  await page.type('#email', 'mine@example.org');
  await focusInClosedRoot(page, 'bezwaar-panel', 'button.fill');
  await page.press('Enter');
  await page.waitFor((s) => document.getElementById('impact')?.value === s, template);
  assert.equal(await value(page, '#country'), 'BE');
  assert.equal(await value(page, '#email'), 'mine@example.org', 'what the user typed is kept');
  const shown = await waitForPanel(page, 'filled');
  assert.match(shown.text, /e-mail address: kept what you entered/);
  assert.ok(!shown.text.includes('anna@example.eu'), 'the profile address is not shown where the form does not hold it');
  await page.click('button[type=submit]');
  const [record] = await records(1);
  assert.equal(record.stage, 'sent', 'kept at once, before Meta answers');
  assert.equal(record.email, 'mine@example.org');
  assert.equal(record.statement, template);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test(`${browserName}: turning auto-prefill on in the settings fills the open form; the page never sees the profile before`, async () => {
  const template = 'I object under Article 21(1) GDPR to the use of my posts for AI at Meta.';
  await setUp({
    profile: profile({ email: 'kim@example.dk', country: 'DK', language: 'en', statement: template }),
    settings: { showBadges: true, autoPrefill: false },
  });
  const { page } = await openFixture('www.facebook.com', '/help/contact/712876720715583', 'forms/fb-2024-en');
  await waitForPanel(page, 'offer');
  await sleep(300);
  assert.ok(!(await pageCanSee(page)).includes('kim@example.dk'));
  await env.browser.setStorage({ settings: { showBadges: true, autoPrefill: true } });
  await page.waitFor((s) => document.getElementById('impact')?.value === s, template);
  assert.equal(await value(page, '#email'), 'kim@example.dk');
  // Denmark is not among this form's countries: said, not guessed.
  assert.equal(await value(page, '#country'), '');
  const shown = await waitForPanel(page, 'filled');
  assert.match(shown.text, /country: your choice is not in this form's list/);
  await page.close();
});

test(`${browserName}: a value the user changes after the prefill stays theirs through later page changes`, async () => {
  await setUp({ profile: profile({ email: 'jan@example.nl', country: 'DE', language: 'de', statement: DE_STATEMENT }) });
  const { page } = await openFixture('www.facebook.com', '/help/contact/712876720715583', 'forms/fb-2025-de');
  const statement = DE_STATEMENT.replace('{email}', 'jan@example.nl');
  await page.waitFor((s) => document.querySelector('textarea')?.value === s, statement);
  await page.click('textarea');
  await page.evaluate(() => document.querySelector('textarea').select());
  await page.press('Backspace');
  await page.type('textarea', 'Meine eigenen Worte.');
  // The page changes again (as Meta's does all the time): Bezwaar looks again and must leave the text alone.
  await page.evaluate(() => document.body.append(document.createElement('div')));
  await sleep(1200);
  assert.equal(await value(page, 'textarea'), 'Meine eigenen Worte.');
  assert.ok(!(await outlined(page, 'textarea')), 'the mark comes off a field the user changed');
  await page.click('#send');
  assert.deepEqual(await submitted(page), { email: 'konto.inhaber@example.org', reason: 'Meine eigenen Worte.' });
  const [record] = await records(1);
  assert.equal(record.statement, 'Meine eigenen Worte.');
  await page.close();
});

test(`${browserName}: without a profile, or with an unreadable one, the panel says so and nothing is filled`, async () => {
  for (const [stored, state] of [[null, 'no-profile'], [{ profile: '{"email": broken' }, 'profile-unreadable'],
    [{ profile: profile({ email: 'no-at-sign', country: 'NL', language: 'nl', statement: 'Bezwaar.' }) }, 'profile-incomplete']]) {
    await setUp(stored);
    const { page } = await openFixture('www.facebook.com', '/help/contact/712876720715583', 'forms/fb-2024-en');
    const shown = await waitForPanel(page, state);
    assert.ok(shown.text.length > 20, state);
    await sleep(400);
    assert.equal(await value(page, '#email'), '');
    assert.equal(await value(page, '#impact'), '');
    assert.deepEqual(page.errors, []);
    await page.close();
  }
});

// ---- safety ----------------------------------------------------------------------------------------------------------

const SAFE_PROFILE = profile({ email: 'jan@example.nl', country: 'NL', language: 'nl', statement: 'Ik maak bezwaar op grond van artikel 21 lid 1 AVG.' });

for (const [path, kind] of [['/help/contact/274459462613911', 'other'], ['/help/contact/510058597920541', 'third-party-form']]) {
  test(`${browserName}: a Meta contact form that is not the objection (${kind}) is left untouched`, async () => {
    await setUp({ profile: SAFE_PROFILE });
    const { page, tabId } = await openFixture('www.facebook.com', path, 'forms/contact-other');
    await env.browser.waitForReport(tabId, (r) => r.pageKind === kind);
    await sleep(1200);
    assert.deepEqual(
      await page.evaluate(() => [...document.querySelectorAll('input, textarea, select')].map((e) => e.value)),
      ['', '', ''],
    );
    assert.equal(await page.evaluate(() => document.documentElement.dataset.changes ?? '0'), '0');
    assert.equal(await panel(page), null);
    assert.equal(await page.evaluate(() => document.querySelectorAll('[data-bezwaar-banner]').length), 0);
    assert.ok(!(await pageCanSee(page)).includes('jan@example.nl'));
    await page.close();
  });
}

for (const host of ['www.facebook.com.example.test', 'faceb00k.com']) {
  test(`${browserName}: the objection form copied onto a lookalike host (${host}) gets nothing`, async () => {
    await setUp({ profile: SAFE_PROFILE });
    const { page, tabId } = await openFixture(host, '/help/contact/712876720715583', 'forms/fb-2024-en');
    await sleep(1500);
    assert.equal(await value(page, '#email'), '');
    assert.equal(await value(page, '#impact'), '');
    assert.equal(await panel(page), null);
    assert.equal(await env.browser.tabState(tabId), null);
    assert.ok(!(await pageCanSee(page)).includes('jan@example.nl'));
    await page.close();
  });
}

test(`${browserName}: answering "Nein" on the generic route stops the fill`, async () => {
  await setUp({
    profile: profile({ email: 'jan@example.nl', country: 'DE', language: 'de', statement: DE_STATEMENT }),
    settings: { showBadges: true, autoPrefill: false },
  });
  const { page } = await openFixture('www.facebook.com', '/help/contact/540977946302970', 'forms/generic-de');
  await waitForPanel(page, 'offer');
  await page.click('input[value=nein]');
  await page.waitFor(() => document.querySelector('input[name=email]'));
  await clickInClosedRoot(page, 'bezwaar-panel', 'button.fill');
  const shown = await waitForPanel(page, 'checked');
  assert.match(shown.text, /not about AI at Meta/);
  await sleep(500);
  assert.equal(await value(page, 'input[name=email]'), '');
  assert.equal(await page.evaluate(() => document.querySelector('input[value=ja]').checked), false);
  await page.close();
});

// ---- the banner on each kind of notice -------------------------------------------------------------------------------

const NOTICES = [
  { name: 'Facebook privacy page (en)', host: 'www.facebook.com', path: '/privacy/genai', fixture: 'notices/fb-privacy-genai',
    form: FACEBOOK_FORM, place: 'top of main' },
  { name: 'Instagram privacy centre guide (de)', host: 'privacycenter.instagram.com', path: '/privacy/guide/generative-ai',
    fixture: 'notices/ig-privacy-guide-de', form: INSTAGRAM_FORM, place: 'top of main' },
  { name: 'dialog (de)', host: 'www.facebook.com', path: '/', fixture: 'notices/dialog-de', form: FACEBOOK_FORM, place: 'dialog' },
  { name: 'modal <dialog> (fr, 2024)', host: 'www.instagram.com', path: '/', fixture: 'notices/dialog-fr', form: INSTAGRAM_FORM, place: 'dialog' },
  { name: 'late alert dialog (pl)', host: 'm.facebook.com', path: '/', fixture: 'notices/dialog-pl', form: FACEBOOK_FORM, place: 'dialog' },
  { name: 'dialog (it)', host: 'www.facebook.com', path: '/', query: '&sk=h_chr', fixture: 'notices/dialog-it', form: FACEBOOK_FORM, place: 'dialog' },
  { name: 'dialog (en)', host: 'web.facebook.com', path: '/', fixture: 'notices/dialog-en', form: FACEBOOK_FORM, place: 'dialog' },
  { name: 'dialog whose words no pack has, linking to the objection form (sv)', host: 'www.instagram.com', path: '/',
    fixture: 'notices/dialog-sv-form-link', form: INSTAGRAM_FORM, place: 'dialog' },
  { name: "dialog whose words no pack has, linking only to Meta's page on AI and people's information (pt)",
    host: 'www.facebook.com', path: '/', fixture: 'notices/dialog-pt-privacy-link', form: FACEBOOK_FORM, place: 'dialog' },
  { name: 'notifications page entry (de)', host: 'www.facebook.com', path: '/notifications', fixture: 'notices/notifications-page',
    form: FACEBOOK_FORM, place: 'after entry' },
  { name: 'notifications panel entry (fr)', host: 'www.facebook.com', path: '/', fixture: 'notices/notifications-panel',
    form: FACEBOOK_FORM, place: 'after entry' },
  { name: 'notifications grid opened after load (es)', host: 'www.facebook.com', path: '/',
    fixture: 'notices/notifications-grid-late', form: FACEBOOK_FORM, place: 'after entry' },
];

for (const notice of NOTICES) {
  test(`${browserName}: banner beside the notice: ${notice.name}`, async () => {
    const { page, tabId } = await openFixture(notice.host, notice.path, notice.fixture, notice.query ?? '');
    const loaded = Date.now();
    await page.waitFor(() => document.querySelector('[data-bezwaar-banner]'));
    console.log(`# banner ${browserName} ${notice.name}: ${Date.now() - loaded} ms after load`);
    const inside = await inClosedRoot(page, '[data-bezwaar-banner]', (root) => {
      const link = root.querySelector('a[href]');
      return { text: root.querySelector('p').textContent, href: link.getAttribute('href'), linkText: link.textContent };
    });
    const banner = await page.evaluate((ui) => {
      const hosts = [...document.querySelectorAll('[data-bezwaar-banner]')];
      const host = hosts[0];
      const previous = host.previousElementSibling;
      return {
        ...ui,
        count: hosts.length,
        kind: host.getAttribute('data-bezwaar-banner'),
        pageSeesInside: host.shadowRoot !== null,
        inDialog: Boolean(host.parentElement.closest('[role=dialog], [role=alertdialog], dialog')),
        firstInMain: host.parentElement.matches('[role=main], main') && host.parentElement.firstElementChild === host,
        afterEntry: Boolean(previous?.matches('[role=row], [role=listitem], li')) &&
          /Erfahre, wie wir|Découvrez comment|Usaremos la información pública/.test(previous.textContent),
      };
    }, inside);
    assert.equal(banner.count, 1, 'exactly one banner');
    assert.equal(banner.pageSeesInside, false, 'the banner is closed to page scripts');
    assert.equal(banner.kind, 'ai-notice');
    assert.match(banner.text, /Article 21/);
    assert.equal(banner.href, notice.form);
    assert.match(banner.linkText, notice.form === INSTAGRAM_FORM ? /Instagram/ : /Facebook/);
    const placed = { 'dialog': banner.inDialog, 'top of main': banner.firstInMain, 'after entry': banner.afterEntry };
    assert.ok(placed[notice.place], `${notice.place}: ${JSON.stringify(banner)}`);
    await env.browser.waitForReport(tabId, (r) => r.pageKind === 'ai-notice');
    await sleep(600);
    assert.equal(await page.evaluate(() => document.querySelectorAll('[data-bezwaar-banner]').length), 1, 'still one');
    assert.deepEqual(page.errors, []);
    await page.close();
  });
}

test(`${browserName}: the banner's button opens the platform's objection form; the banner leaves with the notice`, async () => {
  const { page, tabId } = await openFixture('www.facebook.com', '/', 'notices/dialog-de');
  await page.waitFor(() => document.querySelector('[data-bezwaar-banner]'));
  const opened = () => env.server.requests.some((r) =>
    r.host === 'www.facebook.com' && r.path === '/help/contact/712876720715583' && r.query === '');
  assert.ok(!opened());
  await clickInClosedRoot(page, 'bezwaar-banner', 'a');
  const deadline = Date.now() + 10000;
  while (Date.now() < deadline && !opened()) await sleep(100);
  assert.ok(opened(), 'the form was requested in a new tab');
  await page.evaluate(() => document.querySelector('[role=dialog]').remove());
  await page.waitFor(() => !document.querySelector('[data-bezwaar-banner]'));
  await env.browser.waitForReport(tabId, (r) => r.pageKind === 'other');
  await page.close();
});

for (const [what, fixture, host = 'www.facebook.com', path = '/'] of [
  ["a friend's post that names AI at Meta and links to the form, opened in a post viewer", 'notices/post-viewer-chain'],
  ['the chain message pasted into the post composer (a dialog)', 'notices/composer-chain'],
  ["an Instagram post's own page whose title and caption paste the chain message, and the post in a dialog",
    'notices/ig-post-page-caption-chain', 'www.instagram.com', '/p/Chain1x/'],
  ["an Instagram account whose bio, in the profile's header, quotes the chain message", 'notices/ig-bio-quotes-chain',
    'www.instagram.com', '/anna.example/'],
  ["a friend's comment quoting the chain message, as an entry of the notifications page",
    'notices/notifications-friend-quotes-chain', 'www.facebook.com', '/notifications'],
  ["a friend's comment quoting Meta's headline, its preview cut short before the closing mark",
    'notices/notifications-friend-quote-cut', 'www.facebook.com', '/notifications'],
]) {
  test(`${browserName}: ${what} is not Meta's notice`, async () => {
    const { page, tabId } = await openFixture(host, path, fixture);
    await env.browser.waitForReport(tabId, (r) => Boolean(r.pageKind));
    await sleep(1200);
    assert.equal((await env.browser.tabState(tabId)).pageKind, 'other');
    assert.equal(await page.evaluate(() => document.querySelectorAll('[data-bezwaar-banner]').length), 0);
    assert.deepEqual(page.errors, []);
    await page.close();
  });
}

test(`${browserName}: no banner on a notifications list without the notice, nor on a lookalike host`, async () => {
  const plain = await openFixture('www.facebook.com', '/notifications', 'notices/notifications-none');
  await env.browser.waitForReport(plain.tabId, (r) => r.pageKind === 'other');
  const lookalike = await openFixture('www.facebook.com.example.test', '/', 'notices/dialog-de');
  await sleep(1200);
  for (const { page } of [plain, lookalike]) {
    assert.equal(await page.evaluate(() => document.querySelectorAll('[data-bezwaar-banner]').length), 0);
    await page.close();
  }
});
