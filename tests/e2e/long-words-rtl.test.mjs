// Long words and right-to-left text: the popup and the panel in every UI language, Bezwaar's screens in the one with
// the longest words (Danish: "databeskyttelsesforordningen", 28 letters) and in Arabic (written right to left), and
// its in-page UI on an Arabic, right-to-left Facebook page. Nothing may stick out of its box: no element wider than
// its own box (a word that does not wrap), none outside the popup's body or the panel, and a badge's explanation
// inside the window.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserName, env, openFixture, openPopup, openReady } from './harness.mjs';
import { inClosedRoot } from './closed-ui.mjs';
import { readdirSync, readFileSync } from 'node:fs';

const messages = (locale) => JSON.parse(readFileSync(new URL(`../../extension/_locales/${locale}/messages.json`, import.meta.url), 'utf8'));
const da = messages('da');
/** Every language Bezwaar's screens speak (its `_locales` folders). */
const uiLocales = () => readdirSync(new URL('../../extension/_locales/', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory()).map((entry) => entry.name);
const ar = messages('ar');

const PROFILE = {
  version: 1,
  profile: {
    email: 'anna.maria.example-longname@example.eu', country: 'DK', language: 'da',
    statement: 'Jeg gør indsigelse i henhold til artikel 21, stk. 1, i databeskyttelsesforordningen. {email}, {country}.',
  },
};
const RECORD = {
  id: 'rec-long', site: 'facebook', formId: '712876720715583', submittedAt: '2025-06-02T10:00:00+02:00',
  email: 'anna.maria.example-longname@example.eu', statement: 'Jeg gør indsigelse.', confirmationText: '',
  url: 'https://www.facebook.com/help/contact/712876720715583', stage: 'code-sent',
};

async function setUp(uiLanguage) {
  await env.browser.clearStorage();
  await env.browser.setStorage({
    profile: PROFILE,
    records: { version: 1, records: [RECORD] },
    settings: { showBadges: true, autoPrefill: true, uiLanguage },
  });
}

/**
 * What sticks out under `root` (a document's body or a shadow root), one line per element: an element wider than
 * its box (its content overflows), or one reaching outside `frame` (the box everything must stay in).
 */
function overflowing(root, frameSelector) {
  const scope = root.nodeType === Node.DOCUMENT_NODE ? root.body : root;
  const frameElement = frameSelector ? scope.querySelector(frameSelector) : null;
  const frame = (frameElement ?? (root.host ?? root.body)).getBoundingClientRect();
  const name = (e) => `${e.localName}${e.id ? `#${e.id}` : ''}${e.className && typeof e.className === 'string' ? `.${e.className.split(' ')[0]}` : ''}`;
  const out = [];
  for (const element of scope.querySelectorAll('*')) {
    const r = element.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || getComputedStyle(element).visibility === 'hidden') continue;
    if (element.clientWidth > 0 && element.scrollWidth > element.clientWidth + 1) {
      out.push(`${name(element)} content ${element.scrollWidth}px in ${element.clientWidth}px`);
    }
    if (r.left < frame.left - 1 || r.right > frame.right + 1) {
      out.push(`${name(element)} at ${Math.round(r.left)}..${Math.round(r.right)} outside ${Math.round(frame.left)}..${Math.round(frame.right)}`);
    }
  }
  return out;
}

test(`${browserName}: the popup in Danish on the user's own profile keeps every line inside its width`, async () => {
  await setUp('da');
  const { page, tabId } = await openFixture('www.facebook.com', '/ana.example', 'facebook/own-profile-dated');
  await env.browser.waitForReport(tabId, (r) => r.ownProfile?.newestPublic);
  const popup = await openPopup(tabId);
  const state = await popup.evaluate(() => ({
    lang: document.documentElement.lang,
    ownShown: !document.getElementById('own-profile').hidden,
    text: document.body.innerText,
  }));
  assert.equal(state.lang, 'da');
  assert.ok(state.ownShown, 'the longest popup: counts, standing, own posts, advice');
  assert.ok(state.text.length > 800, `a long popup (${state.text.length} characters)`);
  assert.deepEqual(await popup.evaluate(`(${overflowing})(document, null)`), []);
  // The check sees text that does not wrap (the page's styles break long words; a line kept whole is reported).
  const stuck = await popup.evaluate(`(() => {
    const word = document.createElement('p');
    word.textContent = 'x'.repeat(400);
    word.style.whiteSpace = 'nowrap';
    document.getElementById('main').append(word);
    const found = (${overflowing})(document, null);
    word.remove();
    return found;
  })()`);
  assert.ok(stuck.length > 0, 'a 400-letter line kept whole is reported');
  assert.deepEqual(popup.errors, []);
  await popup.close();
  await page.close();
});

test(`${browserName}: in every UI language, the popup on the user's own profile keeps every line inside its width`, async () => {
  const locales = uiLocales();
  await setUp('en');
  const { page, tabId } = await openFixture('www.facebook.com', '/ana.example', 'facebook/own-profile-dated');
  await env.browser.waitForReport(tabId, (r) => r.ownProfile?.newestPublic);
  const found = {};
  // One popup, loaded again in each language (the popup reads the language when it loads).
  const popup = await openPopup(tabId);
  for (const locale of locales) {
    await setUp(locale);
    const lang = messages(locale).pagesLanguageCode.message;
    await popup.evaluate(() => location.reload()).catch(() => undefined);
    await popup.waitFor((l) => document.documentElement.lang === l && document.getElementById('main')
      && !document.getElementById('main').hasAttribute('aria-busy'), lang);
    const out = await popup.evaluate(`(${overflowing})(document, null)`);
    if (out.length > 0) found[locale] = out;
  }
  assert.deepEqual(found, {});
  assert.deepEqual(popup.errors, []);
  await popup.close();
  await page.close();
});

test(`${browserName}: the objection panel in Danish, filled with notes, keeps every line inside the panel`, async () => {
  await setUp('da');
  const { page } = await openFixture('www.facebook.com', '/help/contact/712876720715583', 'forms/fb-2024-en');
  await page.waitFor(() => ['filled', 'checked'].includes(document.querySelector('bezwaar-panel')?.getAttribute('data-bezwaar-panel')));
  const said = await inClosedRoot(page, 'bezwaar-panel', (root) => root.textContent);
  assert.ok(said.includes(da.panelPressSend.message), `the panel speaks Danish: ${said.slice(0, 80)}`);
  assert.deepEqual(await inClosedRoot(page, 'bezwaar-panel', overflowing, null), []);
  // The check sees text that does not wrap (the panel's styles break long words; a line kept whole is reported).
  const stuck = await inClosedRoot(page, 'bezwaar-panel', (root, check) => {
    const word = document.createElement('p');
    word.textContent = 'x'.repeat(400);
    word.style.whiteSpace = 'nowrap';
    root.querySelector('.body').append(word);
    const found = (0, eval)(`(${check})`)(root, null);
    word.remove();
    return found;
  }, String(overflowing));
  assert.ok(stuck.length > 0, 'a 400-letter line kept whole is reported');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test(`${browserName}: in every UI language, the objection panel keeps every line inside the panel`, async () => {
  const url = env.server.url('www.facebook.com', '/help/contact/712876720715583', 'forms/fb-2024-en');
  const page = await env.browser.newPage();
  const found = {};
  for (const locale of uiLocales()) {
    await setUp(locale);
    await page.goto(url);
    await page.waitFor(() => ['filled', 'checked'].includes(document.querySelector('bezwaar-panel')?.getAttribute('data-bezwaar-panel')));
    const said = await inClosedRoot(page, 'bezwaar-panel', (root) => root.textContent);
    assert.ok(said.includes(messages(locale).panelPressSend.message), `the panel speaks ${locale}: ${said.slice(0, 80)}`);
    const out = await inClosedRoot(page, 'bezwaar-panel', overflowing, null);
    if (out.length > 0) found[locale] = out;
  }
  assert.deepEqual(found, {});
  assert.deepEqual(page.errors, []);
  await page.close();
});

test(`${browserName}: on a right-to-left Arabic feed, badges stay inside their posts and an open explanation inside the window`, async () => {
  await setUp('da');
  const { page } = await openFixture('www.facebook.com', '/', 'facebook/comet-rtl-ar');
  await page.waitFor(() => document.querySelectorAll('bezwaar-badge').length > 1);
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).direction), 'rtl');
  const count = await page.evaluate(() => document.querySelectorAll('bezwaar-badge').length);
  for (let index = 0; index < count; index += 1) {
    const placed = await page.evaluate((i) => {
      const badge = document.querySelectorAll('bezwaar-badge')[i];
      const post = badge.parentElement;
      const b = badge.getBoundingClientRect();
      const p = post.getBoundingClientRect();
      return { inside: b.left >= p.left - 1 && b.right <= p.right + 1, badge: [b.left, b.right], post: [p.left, p.right] };
    }, index);
    assert.ok(placed.inside, `badge ${index}: ${JSON.stringify(placed)}`);
    assert.deepEqual(await inClosedRoot(page, 'bezwaar-badge', overflowing, null, index), [], `badge ${index}`);
    // Its explanation open (focus opens it, as hovering does): inside the window, nothing sticking out.
    const explanation = await inClosedRoot(page, 'bezwaar-badge', (root) => {
      const button = root.querySelector('button');
      button.scrollIntoView({ block: 'center' });
      button.focus();
      const shown = [...root.querySelectorAll('*')].filter((e) => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && !root.querySelector('button').contains(e) && e !== root.firstElementChild;
      });
      const rects = shown.map((e) => e.getBoundingClientRect());
      return {
        open: rects.length > 0,
        left: Math.min(...rects.map((r) => r.left)),
        right: Math.max(...rects.map((r) => r.right)),
        width: document.documentElement.clientWidth,
      };
    }, null, index);
    assert.ok(explanation.open, `badge ${index}: its explanation opens`);
    assert.ok(explanation.left >= 0 && explanation.right <= explanation.width,
      `badge ${index}: explanation at ${explanation.left}..${explanation.right} in a window of ${explanation.width}`);
    assert.deepEqual(await inClosedRoot(page, 'bezwaar-badge', overflowing, null, index), [], `badge ${index}, open`);
  }
  assert.deepEqual(page.errors, []);
  await page.close();
});

test(`${browserName}: the objection panel on a right-to-left page keeps every line inside the panel and the window`, async () => {
  await setUp('da');
  const { page } = await openFixture('www.facebook.com', '/help/contact/712876720715583', 'forms/fb-2024-en');
  await page.waitFor(() => ['filled', 'checked'].includes(document.querySelector('bezwaar-panel')?.getAttribute('data-bezwaar-panel')));
  await page.evaluate(() => { document.documentElement.dir = 'rtl'; document.documentElement.lang = 'ar'; });
  assert.deepEqual(await inClosedRoot(page, 'bezwaar-panel', overflowing, null), []);
  const box = await page.evaluate(() => {
    const r = document.querySelector('bezwaar-panel').getBoundingClientRect();
    return { left: r.left, right: r.right, width: document.documentElement.clientWidth };
  });
  assert.ok(box.left >= 0 && box.right <= box.width, `panel at ${box.left}..${box.right} in ${box.width}`);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test(`${browserName}: in Arabic, the popup and the options page run right to left and keep every line inside`, async () => {
  await setUp('ar');
  const { page, tabId } = await openFixture('www.facebook.com', '/ana.example', 'facebook/own-profile-dated');
  await env.browser.waitForReport(tabId, (r) => r.ownProfile?.newestPublic);
  const popup = await openPopup(tabId);
  const state = await popup.evaluate(() => ({
    lang: document.documentElement.lang,
    dir: getComputedStyle(document.body).direction,
    heading: document.getElementById('own-profile-heading').textContent,
  }));
  assert.deepEqual(state, { lang: 'ar', dir: 'rtl', heading: ar.popupOwnHeading.message });
  assert.deepEqual(await popup.evaluate(`(${overflowing})(document, null)`), []);
  assert.deepEqual(popup.errors, []);
  await popup.close();
  await page.close();

  const options = await openReady('options/options.html');
  assert.deepEqual(await options.evaluate(() => [document.documentElement.lang, getComputedStyle(document.body).direction]), ['ar', 'rtl']);
  assert.deepEqual(await options.evaluate(`(${overflowing})(document, null)`), []);
  // Each value of the record runs, and lines up, in the direction of its own first letter: Bezwaar's Arabic words
  // (the stage, the date) from the right, an e-mail address or a form's address from the left.
  await options.waitFor(() => document.querySelector('[data-bezwaar-record] dd'));
  const values = await options.evaluate(() => [...document.querySelectorAll('#records dd')].map((dd) => {
    const letter = dd.textContent.match(/\p{L}/u)?.[0] ?? '';
    // Where the text itself sits (its lines' boxes, not the block boxes around them).
    const lines = [];
    const walker = document.createTreeWalker(dd, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(node);
      lines.push(...[...range.getClientRects()].filter((r) => r.width > 0));
    }
    const box = dd.getBoundingClientRect();
    const leftGap = Math.min(...lines.map((r) => r.left)) - box.left;
    const rightGap = box.right - Math.max(...lines.map((r) => r.right));
    const expected = /\p{Script=Arabic}/u.test(letter) ? 'rtl' : 'ltr';
    let side = 'neither';
    if (leftGap <= 2 && rightGap <= 2) side = expected; // a full line: either side
    else if (rightGap <= 2) side = 'rtl';
    else if (leftGap <= 2) side = 'ltr';
    return { value: dd.textContent.slice(0, 30), expected, direction: getComputedStyle(dd).direction, side };
  }));
  assert.ok(values.some((v) => v.expected === 'rtl') && values.some((v) => v.expected === 'ltr'), JSON.stringify(values));
  for (const v of values) {
    assert.deepEqual([v.direction, v.side], [v.expected, v.expected], `"${v.value}" runs and lines up ${v.expected}`);
  }
  assert.deepEqual(options.errors, []);
  await options.close();
});

test(`${browserName}: in Arabic, the panel and the badges speak Arabic and keep every line inside`, async () => {
  await setUp('ar');
  const { page } = await openFixture('www.facebook.com', '/help/contact/712876720715583', 'forms/fb-2024-en');
  await page.waitFor(() => ['filled', 'checked'].includes(document.querySelector('bezwaar-panel')?.getAttribute('data-bezwaar-panel')));
  const said = await inClosedRoot(page, 'bezwaar-panel', (root) => root.textContent);
  assert.ok(said.includes(ar.panelPressSend.message), `the panel speaks Arabic: ${said.slice(0, 80)}`);
  assert.deepEqual(await inClosedRoot(page, 'bezwaar-panel', overflowing, null), []);
  await page.close();
  const feed = await openFixture('www.facebook.com', '/', 'facebook/comet-rtl-ar');
  await feed.page.waitFor(() => document.querySelectorAll('bezwaar-badge').length > 1);
  const count = await feed.page.evaluate(() => document.querySelectorAll('bezwaar-badge').length);
  for (let index = 0; index < count; index += 1) {
    const text = await inClosedRoot(feed.page, 'bezwaar-badge', (root) => root.querySelector('button').textContent, null, index);
    assert.ok([ar.badgePublicShort, ar.badgeLimitedShort, ar.badgeUnknownShort].some((m) => text.includes(m.message)), text);
    assert.deepEqual(await inClosedRoot(feed.page, 'bezwaar-badge', overflowing, null, index), [], `badge ${index}`);
  }
  await feed.page.close();
});
