// Fill only what a person sees, on objection forms built the way Meta's help forms are (SupportFormRow rows, text
// labels without <label>, a typeahead country with its iso2 companion, hidden tokens, the `sneaky` honeypot, rows the
// form's conditions hide): the automatic prefill on page load fills the visible e-mail, country and explanation the
// form plan names, a row the page reveals later once it is visible, and nothing else; nothing is sent.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { browserName, env, openFixture, sleep } from './harness.mjs';

const FORM_PATH = '/help/contact/712876720715583';
/** Where the fixtures' forms would post (meta-facts: desktop and mobile help forms). */
const SUBMIT_PATHS = ['/ajax/help/contact/submit/page', '/a/help/contact_us/'];

beforeEach(async () => {
  await env.browser.clearStorage();
});

function storeProfile(profile) {
  return env.browser.setStorage({ profile: { version: 1, profile } });
}

/**
 * Every control of the form that Bezwaar must leave alone, with its value now and as the page's markup declared it
 * (`defaultValue` / `defaultChecked` / the option marked selected), and whether it carries Bezwaar's mark.
 */
function untouched(page, keys) {
  return page.evaluate((wanted) => {
    const form = document.querySelector('form');
    return wanted.map((key) => {
      const control = form.querySelector(`[name="${key}"]`) ?? document.getElementById(key);
      if (!control) return { key, missing: true };
      const declared = control.type === 'checkbox' || control.type === 'radio'
        ? control.defaultChecked
        : control.tagName === 'SELECT'
          ? ([...control.options].find((o) => o.defaultSelected) ?? control.options[0])?.value
          : control.defaultValue;
      const now = control.type === 'checkbox' || control.type === 'radio' ? control.checked : control.value;
      return { key, now, declared, marked: control.style.outlineStyle === 'solid' };
    });
  }, keys);
}

function assertUntouched(rows) {
  for (const row of rows) {
    assert.ok(!row.missing, `${row.key} is on the page`);
    assert.equal(row.now, row.declared, `${row.key} keeps its value`);
    assert.equal(row.marked, false, `${row.key} carries no mark`);
  }
}

const value = (page, selector) => page.evaluate((s) => document.querySelector(s)?.value ?? null, selector);
const marked = (page, selector) =>
  page.evaluate((s) => document.querySelector(s)?.style.outlineStyle === 'solid', selector);

function assertNothingSent(page) {
  const posted = env.server.requests.filter((r) => SUBMIT_PATHS.includes(r.path));
  assert.deepEqual(posted, [], 'the form was never posted');
  return page.evaluate(() => document.documentElement.dataset.sends ?? '0')
    .then((sends) => assert.equal(sends, '0', 'Send was never pressed'));
}

/** The tokens and bookkeeping fields both fixtures carry (meta-facts: hidden inputs of Meta's help forms). */
const TOKENS = ['fb_dtsg', 'lsd', 'jazoest', 'support_form_id', 'support_form_locale_id', 'sneaky'];

test(`${browserName}: desktop-style form (en): typeahead country, e-mail, the explanation the page reveals later; no probe, honeypot or token touched`, async () => {
  const statement = 'I object under Article 21(1) GDPR to Meta using my information to develop and improve AI at Meta.';
  await storeProfile({ email: 'mara.visser@example.nl', country: 'NL', language: 'en', statement });
  const { page } = await openFixture('www.facebook.com', FORM_PATH, 'forms/help-form-desktop-en');
  const loaded = Date.now();

  // The typeahead: chosen from its own list, so the page sets the companion the form posts.
  await page.waitFor(() => document.getElementById('u_0_4')?.value === 'Netherlands');
  await page.waitFor(() => document.querySelector('[name=Field381921_iso2_country_code]').value === 'NL');
  assert.equal(await page.evaluate(() => document.getElementById('u_0_4').getAttribute('aria-expanded')), 'false');
  assert.equal(await value(page, '[id="381922"]'), 'mara.visser@example.nl');

  // The explanation row is hidden by the form's condition until a country is chosen, then shown by a class change.
  await page.waitFor((s) => document.getElementById('381926')?.value === s, statement);
  console.log(`# visible-fields ${browserName} (desktop): revealed row filled ${Date.now() - loaded} ms after load`);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.explanationAtReveal), '',
    'the explanation was empty while its row was hidden');
  assert.deepEqual(JSON.parse(await value(page, '[name=support_form_hidden_fields]')),
    { 381921: false, 381922: false, 381925: true, 381926: false, 381927: false }, 'only the page changed its conditions');
  for (const selector of ['#u_0_4', '[id="381922"]', '[id="381926"]']) assert.ok(await marked(page, selector), selector);

  // Give a late pass every chance to reach what it must not.
  await sleep(1500);
  const probes = Array.from({ length: 13 }, (_, i) => `Field3900${String(i + 1).padStart(2, '0')}`);
  assertUntouched(await untouched(page, [...TOKENS, 'confirm_email', 'additionalinfo', ...probes]));
  await assertNothingSent(page);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test(`${browserName}: mobile-style form (de): select by English value, e-mail, the explanation revealed by the user's answer; the other row, honeypot and tokens untouched`, async () => {
  const statement = 'Ich widerspreche gemäß Artikel 21 Absatz 1 DSGVO der Verarbeitung meiner Informationen für KI bei Meta.';
  await storeProfile({ email: 'jonas.keller@example.de', country: 'DE', language: 'de', statement });
  const { page } = await openFixture('m.facebook.com', FORM_PATH, 'forms/help-form-mobile-de');

  await page.waitFor(() => document.getElementById('470011')?.value === 'Germany');
  await page.waitFor(() => document.getElementById('470012')?.value === 'jonas.keller@example.de');
  // While its row is hidden the explanation waits, however long.
  await sleep(1500);
  assert.equal(await value(page, '[id="470014"]'), '');
  assert.equal(await page.evaluate(() => document.getElementById('SupportFormRow.470014').hidden), true);

  // The person answers; the page reveals the explanation row by its `hidden` attribute alone.
  await page.click('[id="470013.0"]');
  await page.waitFor((s) => document.getElementById('470014')?.value === s, statement);
  assert.ok(await marked(page, '[id="470014"]'));
  assert.equal(await page.evaluate(() => document.querySelector('[id="470013.0"]').checked), true);

  await sleep(1500);
  assertUntouched(await untouched(page, [...TOKENS, 'Field470015', '470013.1']));
  assert.deepEqual(JSON.parse(await value(page, '[name=support_form_hidden_fields]')),
    { 470011: false, 470012: false, 470013: false, 470014: false, 470015: true });
  await assertNothingSent(page);
  assert.deepEqual(page.errors, []);
  await page.close();
});
