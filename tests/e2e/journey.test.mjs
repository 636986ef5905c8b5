// The whole job as a person does it: fill in the profile in the options page, open Meta's objection form, check
// what Bezwaar filled, press Send, then find the objection in the options page and export it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserName, env, openFixture, openReady, recordsWhen as waitForRecords } from './harness.mjs';

test(`${browserName}: profile in the options page, prefill, Send, record listed and exported`, async () => {
  await env.browser.clearStorage();
  const options = await openReady('options/options.html');
  await options.type('#email', 'mila@example.pl');
  await options.evaluate(() => {
    const form = document.getElementById('profile-form');
    for (const [name, value] of [['country', 'PL'], ['language', 'en']]) {
      const control = form.elements.namedItem(name);
      control.value = value;
      control.dispatchEvent(new Event('change', { bubbles: true }));
    }
  });
  await options.focus('#save');
  await options.press('Enter');
  await options.waitFor(async () => {
    const api = globalThis.browser ?? globalThis.chrome;
    return (await api.storage.local.get('profile')).profile?.profile?.email === 'mila@example.pl';
  });
  const saved = (await env.browser.storage('profile')).profile.profile;
  assert.equal(saved.country, 'PL');
  assert.match(saved.statement, /21/);

  const { page } = await openFixture('www.facebook.com', '/help/contact/712876720715583', 'forms/fb-2024-en');
  await page.waitFor(() => document.getElementById('email')?.value === 'mila@example.pl');
  await page.waitFor(() => (document.getElementById('impact')?.value ?? '').includes('21'));
  const filled = await page.evaluate(() => ({
    country: document.getElementById('country').value,
    impact: document.getElementById('impact').value,
  }));
  assert.equal(filled.country, 'PL');
  assert.ok(!filled.impact.includes('{'), 'placeholders are filled before the text reaches the form');
  await page.click('button[type=submit]');
  await page.waitFor(() => document.getElementById('code'));
  const [codeStep] = await waitForRecords((r) => r.length === 1 && r[0].codeStep === true);
  assert.equal(codeStep.stage, 'sent', 'kept at Send, awaiting the code');
  await page.type('#code', '424242');
  await page.click('button[type=submit]');
  const records = await waitForRecords((r) => r.length === 1 && r[0].stage === 'confirmed');
  assert.equal(records[0].id, codeStep.id, 'the code completes the same objection');
  assert.equal(records[0].statement, filled.impact);
  assert.equal(records[0].country, 'Poland', 'the country as the form showed it');
  await page.close();

  // The page before the reload may list the record too (options follows storage): wait for the reloaded one.
  await options.evaluate(() => { window.bezwaarBeforeReload = true; location.reload(); });
  await options.waitFor(() => !window.bezwaarBeforeReload && document.readyState === 'complete'
    && document.querySelector('[data-bezwaar-record="confirmed"]'));
  const listed = await options.evaluate(() =>
    [...document.querySelectorAll('[data-bezwaar-record]')].map((e) => e.textContent).join('\n'));
  assert.match(listed, /mila@example\.pl/);
  assert.match(listed, /Country of residence\s*Poland/);
  await options.evaluate(() => {
    window.exported = [];
    const createObjectURL = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (blob) => { window.exported.push(blob); return createObjectURL(blob); };
    HTMLAnchorElement.prototype.click = function click() {};
  });
  await options.click('#export-json');
  const file = JSON.parse(await options.evaluate(async () => window.exported[0].text()));
  assert.equal(file.format, 'bezwaar-objections');
  assert.deepEqual(file.records.map((r) => [r.email, r.country, r.stage]), [['mila@example.pl', 'Poland', 'confirmed']]);
  assert.deepEqual(options.errors, []);
  await options.close();
});
