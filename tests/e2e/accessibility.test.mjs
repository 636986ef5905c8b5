// Accessibility, audited: axe-core (from the npm registry, never fetched at run time) runs on the popup, the options
// page, the objection panel, the notice banner and the badges, at WCAG 2.x levels A and AA, and must find nothing.
// Bezwaar's in-page UI lives in closed shadow roots, which an audit tool cannot reach, so the test copies each one
// (its markup, its adopted stylesheet and its host's attributes) into an open root beside the original, where the
// page's own background is behind it as it is behind the original, and audits the copy. The keyboard-only paths a
// person needs are walked with Tab and Enter alone: fill and save the profile, reach the panel's "Fill in", open a
// badge's explanation. Colour schemes: Chromium checks light and dark; Firefox's driver here (WebDriver BiDi through
// puppeteer) cannot switch the colour scheme per page, so Firefox checks light, and the badge's dark theme (which
// follows the page, not the system) in both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { browserName, env, openFixture, openPopup, openReady, sleep } from './harness.mjs';
import { inClosedRoot } from './closed-ui.mjs';

const AXE_SOURCE = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
/** WCAG 2.0, 2.1 and 2.2 at levels A and AA, as axe-core tags them. */
const LEVELS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const SCHEMES = browserName === 'chromium' ? ['light', 'dark'] : ['light'];

const PROFILE = {
  version: 1,
  profile: {
    email: 'anna@example.eu', country: 'BE', language: 'en',
    statement: 'I object under Article 21(1) GDPR to Meta using my information for AI. {email}, {country}.',
  },
};
const RECORD = {
  id: 'rec-a11y', site: 'facebook', formId: '712876720715583', submittedAt: '2025-06-02T10:00:00+02:00',
  email: 'anna@example.eu', statement: 'I object.', confirmationText: 'We will honour your objection.',
  url: 'https://www.facebook.com/help/contact/712876720715583', stage: 'confirmed',
};

async function setUp(items) {
  await env.browser.clearStorage();
  if (items) await env.browser.setStorage(items);
}

async function useScheme(page, scheme) {
  if (browserName === 'chromium') await page.raw.emulateMedia({ colorScheme: scheme });
}

/**
 * The axe violations in `selector` (the whole document when null), one line each: rule, impact and the elements.
 * The source is evaluated by the automation protocol, which no page or extension policy governs.
 */
async function violations(page, selector = null) {
  if (!(await page.evaluate(() => typeof globalThis.axe === 'object'))) await page.evaluate(AXE_SOURCE);
  const found = await page.evaluate(async ({ selector: within, tags }) => {
    const context = within ? document.querySelector(within) : document;
    if (!context) return [`nothing to audit: ${within} is not on the page`];
    const result = await globalThis.axe.run(context, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, { selector, tags: LEVELS });
  return found;
}

/**
 * Copies the closed shadow root of the `index`th `host` into an open root on a new element right after it, and
 * returns a selector for the copy. The copy is what the user sees: same markup, same stylesheet, same host
 * attributes (theme, placement), in the same place of the page.
 */
async function openCopyOf(page, host, index = 0) {
  const copy = await inClosedRoot(page, host, (root) => ({
    html: root.innerHTML,
    css: [...root.adoptedStyleSheets].map((sheet) => [...sheet.cssRules].map((rule) => rule.cssText).join('\n')).join('\n'),
    attributes: [...root.host.attributes].map((a) => [a.name, a.value]),
  }), null, index);
  assert.ok(copy, `${host} has a shadow root`);
  assert.ok(copy.css.length > 0 || copy.html.includes('<style'), `${host}'s styles were copied`);
  const id = `bezwaar-audit-copy-${index}`;
  await page.evaluate(({ html, css, attributes, host: tag, index: i, id: copyId }) => {
    const original = document.querySelectorAll(tag)[i];
    const element = document.createElement('div');
    for (const [name, value] of attributes) element.setAttribute(name, value);
    element.id = copyId;
    original.after(element);
    const root = element.attachShadow({ mode: 'open' });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
    root.innerHTML = html;
  }, { ...copy, host, index, id });
  return `#${id}`;
}

async function removeCopy(page, selector) {
  await page.evaluate((s) => document.querySelector(s)?.remove(), selector);
}

for (const [where, path, fixture, ready] of [
  ['a feed tab', '/', 'facebook/home-feed-en', (report) => report?.posts?.public > 0],
  ['the user\'s own profile', '/ana.example', 'facebook/own-profile-dated', (report) => report?.ownProfile?.newestPublic],
]) {
  test(`${browserName}: the popup on ${where} has no accessibility violations`, async () => {
    await setUp({ profile: PROFILE, records: { version: 1, records: [RECORD] } });
    const { page, tabId } = await openFixture('www.facebook.com', path, fixture);
    await page.waitFor(() => document.querySelectorAll('bezwaar-badge').length > 0);
    await env.browser.waitForReport(tabId, ready);
    const popup = await openPopup(tabId);
    for (const scheme of SCHEMES) {
      await useScheme(popup, scheme);
      assert.deepEqual(await violations(popup), [], `popup, ${scheme}`);
    }
    await popup.close();
    await page.close();
  });
}

test(`${browserName}: the options page with a profile and a record has no accessibility violations`, async () => {
  await setUp({ profile: PROFILE, records: { version: 1, records: [RECORD] } });
  const page = await openReady('options/options.html');
  assert.equal(await page.evaluate(() => document.querySelectorAll('#records-list li').length), 1);
  for (const scheme of SCHEMES) {
    await useScheme(page, scheme);
    assert.deepEqual(await violations(page), [], `options, ${scheme}`);
  }
  await page.close();
});

test(`${browserName}: the objection panel and the notice banner, copied into open roots, have no violations`, async () => {
  await setUp({ profile: PROFILE, settings: { showBadges: true, autoPrefill: false } });
  const form = await openFixture('www.facebook.com', '/help/contact/712876720715583', 'forms/fb-2024-en');
  await form.page.waitFor(() => document.querySelector('bezwaar-panel')?.getAttribute('data-bezwaar-panel') === 'offer');
  const notice = await openFixture('www.facebook.com', '/', 'notices/dialog-en');
  await notice.page.waitFor(() => document.querySelector('bezwaar-banner'));
  for (const [page, host] of [[form.page, 'bezwaar-panel'], [notice.page, 'bezwaar-banner']]) {
    for (const scheme of SCHEMES) {
      await useScheme(page, scheme);
      const copy = await openCopyOf(page, host);
      assert.deepEqual(await violations(page, copy), [], `${host}, ${scheme}`);
      await removeCopy(page, copy);
    }
    assert.deepEqual(page.errors, []);
    await page.close();
  }
});

test(`${browserName}: badges and an open explanation, light and dark page, copied into open roots, have no violations`, async () => {
  await setUp();
  for (const fixture of ['facebook/home-feed-en', 'facebook/dark-feed']) {
    const { page } = await openFixture('www.facebook.com', '/', fixture);
    await page.waitFor(() => document.querySelectorAll('bezwaar-badge').length > 1);
    const kinds = await page.evaluate(() => [...document.querySelectorAll('bezwaar-badge')]
      .map((b, i) => [b.getAttribute('data-bezwaar-visibility'), i]));
    // One badge of each kind the page shows.
    const seen = new Map(kinds);
    for (const index of new Set(seen.values())) {
      const copy = await openCopyOf(page, 'bezwaar-badge', index);
      assert.deepEqual(await violations(page, copy), [], `${fixture}: badge ${index}`);
      // Its explanation open, as a focus or hover opens it.
      await page.evaluate((s) => document.querySelector(s).shadowRoot.querySelector('button')?.focus(), copy);
      assert.deepEqual(await violations(page, copy), [], `${fixture}: badge ${index}, explanation open`);
      await removeCopy(page, copy);
    }
    assert.deepEqual(page.errors, []);
    await page.close();
  }
});

// ---- keyboard only -------------------------------------------------------------------------------------------------

/** Presses Tab until `reached()` holds in the page (at most `limit` times); returns how many presses it took. */
async function tabUntil(page, reached, arg, limit = 60) {
  for (let presses = 1; presses <= limit; presses += 1) {
    await page.press('Tab');
    if (await reached(page, arg)) return presses;
  }
  return null;
}

test(`${browserName}: keyboard only: fill in and save the profile in the options page`, async () => {
  await setUp();
  const page = await openReady('options/options.html');
  const focusedId = (p) => p.evaluate(() => document.activeElement?.id ?? '');
  assert.ok(await tabUntil(page, async (p) => (await focusedId(p)) === 'email'), 'Tab reaches the e-mail field');
  await page.raw.keyboard.type('kees@example.nl');
  await page.press('Tab');
  assert.equal(await focusedId(page), 'country');
  // A select moves by typing the start of an option's text, as a person does.
  await page.raw.keyboard.type('Netherlands');
  await page.press('Tab');
  assert.equal(await focusedId(page), 'language');
  await page.press('Tab');
  assert.equal(await focusedId(page), 'statement');
  const saveReached = await tabUntil(page, (p) => p.evaluate(() => {
    const el = document.activeElement;
    return el?.tagName === 'BUTTON' && el.type === 'submit' && Boolean(el.closest('form'));
  }), null, 10);
  assert.ok(saveReached, 'Tab reaches the save button');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'the focused button shows a focus ring');
  await page.press('Enter');
  await page.waitFor(() => true);
  const deadline = Date.now() + 5000;
  let stored;
  while (Date.now() < deadline) {
    stored = (await env.browser.storage('profile')).profile;
    if (stored?.profile?.email === 'kees@example.nl') break;
    await sleep(100);
  }
  assert.equal(stored?.profile?.email, 'kees@example.nl');
  assert.equal(stored?.profile?.country, 'NL');
  await page.close();
});

test(`${browserName}: keyboard only: Tab reaches the panel's "Fill in", Enter fills, and focus is visible`, async () => {
  await setUp({ profile: PROFILE, settings: { showBadges: true, autoPrefill: false } });
  const { page } = await openFixture('www.facebook.com', '/help/contact/712876720715583', 'forms/fb-2024-en');
  await page.waitFor(() => document.querySelector('bezwaar-panel')?.getAttribute('data-bezwaar-panel') === 'offer');
  const onFill = (p) => p.evaluate(() => document.activeElement?.tagName === 'BEZWAAR-PANEL')
    .then((inPanel) => inPanel && inClosedRoot(p, 'bezwaar-panel', (root) => root.activeElement?.matches('button.fill') ?? false));
  assert.ok(await tabUntil(page, onFill), 'Tab reaches "Fill in"');
  const ring = await inClosedRoot(page, 'bezwaar-panel', (root) => getComputedStyle(root.activeElement).outlineStyle);
  assert.notEqual(ring, 'none', 'the focused button shows a focus ring');
  await page.press('Enter');
  await page.waitFor(() => document.getElementById('impact')?.value.startsWith('I object under Article 21(1)'));
  assert.deepEqual(page.errors, []);
  await page.close();
});

test(`${browserName}: keyboard only: Tab reaches a badge, its explanation opens, and the link is the next stop`, async () => {
  await setUp();
  const { page } = await openFixture('www.facebook.com', '/', 'facebook/home-feed-en');
  await page.waitFor(() => document.querySelectorAll('bezwaar-badge').length > 0);
  const onBadge = (p) => p.evaluate(() => document.activeElement?.tagName === 'BEZWAAR-BADGE');
  assert.ok(await tabUntil(page, onBadge, null, 80), 'Tab reaches a badge');
  const tip = await inClosedRoot(page, 'bezwaar-badge:focus', (root) => {
    const id = root.activeElement?.getAttribute('aria-describedby');
    const tipElement = id && root.getElementById(id);
    return {
      ring: getComputedStyle(root.activeElement).outlineStyle,
      shown: Boolean(tipElement) && getComputedStyle(tipElement).display !== 'none' && getComputedStyle(tipElement).visibility !== 'hidden',
    };
  });
  assert.notEqual(tip.ring, 'none', 'the focused badge shows a focus ring');
  assert.equal(tip.shown, true, 'focus opens the explanation');
  await page.close();
});

test(`${browserName}: with reduced motion asked for, nothing of Bezwaar's animates`, async () => {
  await setUp();
  const { page } = await openFixture('www.facebook.com', '/', 'facebook/home-feed-en');
  if (browserName === 'chromium') await page.raw.emulateMedia({ reducedMotion: 'reduce' });
  await page.waitFor(() => document.querySelectorAll('bezwaar-badge').length > 0);
  const moving = await inClosedRoot(page, 'bezwaar-badge', (root) => [root.host, ...root.querySelectorAll('*')]
    .map((el) => getComputedStyle(el))
    .filter((style) => parseFloat(style.transitionDuration) > 0 || (style.animationName !== 'none' && parseFloat(style.animationDuration) > 0))
    .length);
  assert.equal(moving, 0);
  await page.close();
});
