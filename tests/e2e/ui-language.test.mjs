// The language of Bezwaar: the user's choice in the options (settings.uiLanguage) is what the options page, the
// popup, the in-page panel and the toolbar title speak; without a choice, the browser's language (here the
// machine's, English) as chrome.i18n picks it.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { browserName, env, openFixture, openReady } from './harness.mjs';
import { inClosedRoot } from './closed-ui.mjs';

const messages = (locale) =>
  JSON.parse(readFileSync(new URL(`../../extension/_locales/${locale}/messages.json`, import.meta.url), 'utf8'));
const text = (locale, key) => messages(locale)[key].message;
const SETTINGS = { showBadges: true, autoPrefill: true, teachOffers: true };
const localesDir = new URL('../../extension/_locales/', import.meta.url);
const LOCALES = readdirSync(localesDir).filter((name) => statSync(new URL(name, localesDir)).isDirectory());

beforeEach(() => env.browser.clearStorage());

/** What an extension page shows: its language, direction and a few texts. */
async function pageFacts(path, selectors) {
  const page = await openReady(path);
  const facts = await page.evaluate((ids) => ({
    lang: document.documentElement.lang,
    dir: document.documentElement.dir,
    texts: ids.map((id) => document.getElementById(id)?.textContent),
  }), selectors);
  assert.deepEqual(page.errors, [], path);
  await page.close();
  return facts;
}

test(`${browserName}: the chosen language is the options page's, the popup's, the panel's and the toolbar's`, async () => {
  for (const locale of ['de', 'fi', 'pt_PT']) {
    await env.browser.setStorage({ settings: { ...SETTINGS, uiLanguage: locale } });
    const tag = locale.replace('_', '-');
    assert.deepEqual(await pageFacts('options/options.html', ['settings-heading']),
      { lang: tag, dir: 'ltr', texts: [text(locale, 'optionsSettingsHeading')] }, `options in ${locale}`);
    assert.deepEqual(await pageFacts('popup/popup.html', ['next-heading']),
      { lang: tag, dir: 'ltr', texts: [text(locale, 'popupNextHeading')] }, `popup in ${locale}`);

    // No profile: the panel on the objection form says, in the chosen language, to set one up.
    const { page } = await openFixture('www.facebook.com', '/help/contact/712876720715583', 'forms/fb-2024-en');
    await page.waitFor(() => document.querySelector('bezwaar-panel')?.getAttribute('data-bezwaar-panel') === 'no-profile');
    const panelText = await inClosedRoot(page, 'bezwaar-panel', (root) => root.textContent);
    assert.ok(panelText.includes(text(locale, 'panelNoProfile')), `panel in ${locale}: ${panelText}`);
    await page.close();

    const feed = await openFixture('www.facebook.com', '/', 'facebook/feed-basic');
    await env.browser.waitForReport(feed.tabId, (r) => r.posts.public === 2);
    const title = await env.browser.control.evaluate(
      async (tabId) => (globalThis.browser ?? globalThis.chrome).action.getTitle({ tabId }), feed.tabId);
    assert.equal(title, text(locale, 'actionTitlePublicPosts').replace('$COUNT$', '2'), `toolbar in ${locale}`);
    const badgeText = await inClosedRoot(feed.page, 'bezwaar-badge', (root) => root.textContent);
    assert.ok(badgeText.includes(text(locale, 'badgePublicShort')), `badge in ${locale}: ${badgeText}`);
    await feed.page.close();
  }
});

test(`${browserName}: the options page's picker switches the language, and "the browser's language" switches back`, async () => {
  const page = await openReady('options/options.html');
  const choices = await page.evaluate(() => [...document.getElementById('ui-language').options].map((o) => o.value));
  assert.equal(choices[0], '', 'the browser\'s language comes first');
  assert.equal(choices.length, 32, 'the browser\'s language, the 24 official EU languages and 7 more');
  for (const locale of ['ar', 'bg', 'ga', 'mt', 'pt_PT', 'sv', 'tr', 'uk', 'zh_CN', 'zh_TW']) assert.ok(choices.includes(locale), locale);
  const choose = (value) => page.evaluate((v) => {
    const select = document.getElementById('ui-language');
    select.value = v;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  }, value).catch(() => undefined); // the page reloads in the new language as it answers
  await choose('sv');
  await page.waitFor((heading) => document.documentElement.lang === 'sv'
    && document.getElementById('settings-heading')?.textContent === heading, text('sv', 'optionsSettingsHeading'));
  assert.equal((await env.browser.storage('settings')).settings.uiLanguage, 'sv');
  await page.waitFor(() => document.getElementById('ui-language')?.value === 'sv');
  await choose('');
  await page.waitFor((heading) => document.documentElement.lang === 'en'
    && document.getElementById('settings-heading')?.textContent === heading, text('en', 'optionsSettingsHeading'));
  assert.equal((await env.browser.storage('settings')).settings.uiLanguage, undefined, 'no choice stored');
  await page.close();
});

test(`${browserName}: in every language the popup and the options page keep their text inside their width`, async () => {
  const overflowing = [];
  for (const locale of LOCALES) {
    await env.browser.setStorage({ settings: { ...SETTINGS, uiLanguage: locale } });
    for (const path of ['popup/popup.html', 'options/options.html']) {
      const page = await openReady(path);
      const wide = await page.evaluate(() => {
        const limit = document.body.getBoundingClientRect().right + 1;
        return [...document.querySelectorAll('body *')]
          .filter((e) => e.getClientRects().length > 0 && e.getBoundingClientRect().right > limit)
          .map((e) => `${e.tagName.toLowerCase()}#${e.id}: ${e.textContent.trim().slice(0, 40)}`);
      });
      if (wide.length) overflowing.push(`${locale} ${path}: ${wide.join('; ')}`);
      await page.close();
    }
  }
  assert.deepEqual(overflowing, []);
});
