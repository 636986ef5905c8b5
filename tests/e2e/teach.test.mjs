// Learning what Bezwaar cannot read, with the user (issue 10, part 5): a post whose audience label no rule reads
// says so in its badge's explanation and offers "This post is public / not public" and "Don't ask again"; the
// answer becomes a local rule for that exact label in that page language, applied at once in every tab and on later
// pages, listed in the options page (`data-bezwaar-taught`), removable and exportable. Bad input: a taught label the
// built-in rules contradict, corrupt taught labels in storage, a flood of unknown labels, labels in scripts Bezwaar
// has no words for and in mixed direction.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { READY_RENDERED, env, openFixture, openReady, sleep } from './harness.mjs';
import { clickInClosedRoot, focusInClosedRoot, inClosedRoot } from './closed-ui.mjs';

const LABEL = 'Rhannwyd gyda: Pawb';
const badgeOf = (post) => `[data-test="${post}"] > bezwaar-badge`;
const visibilities = (page) => page.evaluate(() => Object.fromEntries(
  [...document.querySelectorAll('[data-test]')].map((post) => [post.getAttribute('data-test'),
    post.querySelector(':scope > bezwaar-badge')?.getAttribute('data-bezwaar-visibility') ?? null])));

async function openTeachPage() {
  const opened = await openFixture('www.facebook.com', '/', 'facebook/teach-cy');
  await opened.page.waitFor(() => document.querySelectorAll('bezwaar-badge').length === 3);
  return opened;
}

/** What a badge's closed root shows about its label: the quoted label, the answer buttons, whether it is open. */
function offerOf(page, post) {
  return inClosedRoot(page, badgeOf(post), (root) => {
    const tip = root.querySelector('.tip');
    return {
      said: root.querySelector('.unread')?.textContent ?? null,
      lang: root.querySelector('.unread bdi')?.getAttribute('lang') ?? null,
      answers: [...root.querySelectorAll('button[data-bezwaar-teach]')].map((b) => b.getAttribute('data-bezwaar-teach')),
      open: getComputedStyle(tip).display !== 'none',
    };
  });
}

/** The centre of `inner` in `post`'s badge, in the viewport; null while it is not displayed. */
const centreOf = (page, post, inner) => inClosedRoot(page, badgeOf(post), (root, selector) => {
  const r = root.querySelector(selector)?.getBoundingClientRect();
  return r && r.width > 0 ? { x: r.x + r.width / 2, y: r.y + r.height / 2 } : null;
}, inner);

/** As a mouse user does it: point at the badge, move down into its explanation (slowly), click the answer there. */
async function pointAndClick(page, post, answer) {
  const badge = await centreOf(page, post, 'button:not([data-bezwaar-teach])');
  await page.raw.mouse.move(badge.x, badge.y);
  const target = await centreOf(page, post, `button[data-bezwaar-teach="${answer}"]`);
  assert.ok(target, 'pointing at the badge opens its explanation');
  await page.raw.mouse.move(target.x, target.y, { steps: 12 });
  assert.ok(await centreOf(page, post, `button[data-bezwaar-teach="${answer}"]`), 'the explanation stays open on the way');
  // A person reads the answer before pressing it (and Bezwaar takes a press only on an answer in plain sight).
  await sleep(700);
  await page.raw.mouse.down();
  await page.raw.mouse.up();
}

async function taughtWhen(check, timeout = 10000) {
  const deadline = Date.now() + timeout;
  let stored;
  while (Date.now() < deadline) {
    stored = (await env.browser.storage('taught')).taught;
    if (check(stored)) return stored;
    await sleep(50);
  }
  throw new Error(`the stored taught labels never matched ${check}: ${JSON.stringify(stored)}`);
}

/** Keeps the files the options page offers for download (a blob and a link's click) instead of saving them. */
const captureDownloads = (page) => page.evaluate(() => {
  const created = [];
  globalThis.bezwaarTestDownloads = created;
  const createObjectURL = URL.createObjectURL.bind(URL);
  URL.createObjectURL = (blob) => {
    const url = createObjectURL(blob);
    created.push({ url, blob, name: null });
    return url;
  };
  HTMLAnchorElement.prototype.click = function click() {
    const file = created.find((d) => d.url === this.href);
    if (file) file.name = this.getAttribute('download');
  };
});
const downloads = (page) => page.evaluate(() => Promise.all(globalThis.bezwaarTestDownloads
  .map(async ({ name, blob }) => ({ name, text: await blob.text() }))));

const sameCounts = (expected) => (report) => ['public', 'limited', 'unknown'].every((k) => report.posts[k] === expected[k]);

test('an unread label is taught from the badge, applies at once and later, is listed in options and removed there', async () => {
  await env.browser.clearStorage();
  const { page, tabId } = await openTeachPage();
  assert.deepEqual(await visibilities(page), { a: 'unknown', b: 'unknown', c: 'limited' });
  const offer = await offerOf(page, 'a');
  assert.ok(offer.said.includes(`“${LABEL}”`), `the explanation quotes the label: ${offer.said}`);
  assert.equal(offer.lang, 'cy');
  assert.deepEqual(offer.answers, ['public', 'limited', 'stop']);
  assert.equal(offer.open, false, 'nothing opens by itself');
  assert.deepEqual((await offerOf(page, 'c')).answers, [], 'a label the rules read is not offered');
  await env.browser.waitForReport(tabId, sameCounts({ public: 0, limited: 1, unknown: 2 }));

  // The offer is reached from the keyboard: the badge, then its first answer.
  await focusInClosedRoot(page, badgeOf('a'), 'button:not([data-bezwaar-teach])');
  assert.equal((await offerOf(page, 'a')).open, true, 'focusing the badge opens its explanation');
  await page.press('Tab');
  assert.equal(await inClosedRoot(page, badgeOf('a'), (root) => root.activeElement?.getAttribute('data-bezwaar-teach')), 'public');

  // The page cannot answer for the user: its clicks and key presses on the badges reach nothing inside.
  await page.evaluate(() => {
    for (const host of document.querySelectorAll('bezwaar-badge')) {
      host.click();
      host.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      host.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    }
  });
  await sleep(300);
  assert.equal((await env.browser.storage('taught')).taught, undefined, 'nothing taught by the page');
  assert.equal((await offerOf(page, 'a')).answers.length, 3);

  // The user's own click teaches.
  await clickInClosedRoot(page, badgeOf('a'), 'button[data-bezwaar-teach="public"]');
  const stored = await taughtWhen((t) => t?.labels?.length === 1);
  assert.equal(stored.format, 1);
  assert.deepEqual(
    { ...stored.labels[0], taughtAt: typeof stored.labels[0].taughtAt },
    { text: LABEL, normalized: 'rhannwyd gyda pawb', lang: 'cy', meaning: 'public', taughtAt: 'string' },
  );
  await page.waitFor(() => document.querySelector('[data-test="b"] > bezwaar-badge')?.getAttribute('data-bezwaar-visibility') === 'public');
  assert.deepEqual(await visibilities(page), { a: 'public', b: 'public', c: 'limited' });
  await env.browser.waitForReport(tabId, sameCounts({ public: 2, limited: 1, unknown: 0 }));
  assert.equal(await env.browser.badgeText(tabId), '2');

  // A later page.
  const later = await openTeachPage();
  await later.page.waitFor(() => [...document.querySelectorAll('bezwaar-badge')].filter((b) => b.getAttribute('data-bezwaar-visibility') === 'public').length === 2);
  assert.deepEqual(await visibilities(later.page), { a: 'public', b: 'public', c: 'limited' });
  await later.page.close();

  const options = await openReady('options/options.html');
  assert.ok(await options.evaluate(() => document.querySelectorAll('[data-bezwaar-taught]').length === 1), READY_RENDERED);
  const listed = await options.evaluate(() => {
    const item = document.querySelector('[data-bezwaar-taught]');
    return { meaning: item.getAttribute('data-bezwaar-taught'), text: item.textContent, builtIn: Boolean(item.querySelector('[data-bezwaar-built-in]')) };
  });
  assert.equal(listed.meaning, 'public');
  assert.ok(listed.text.includes(LABEL));
  assert.equal(listed.builtIn, false);
  assert.equal(await options.evaluate(() => document.getElementById('taught-actions').hidden), false, 'export offered');

  await options.click('[data-bezwaar-taught] button.danger');
  await options.waitFor(() => document.querySelectorAll('[data-bezwaar-taught]').length === 0);
  await taughtWhen((t) => t?.labels?.length === 0);
  await page.waitFor(() => document.querySelector('[data-test="a"] > bezwaar-badge')?.getAttribute('data-bezwaar-visibility') === 'unknown'
    && document.querySelector('[data-test="b"] > bezwaar-badge')?.getAttribute('data-bezwaar-visibility') === 'unknown');
  await env.browser.waitForReport(tabId, sameCounts({ public: 0, limited: 1, unknown: 2 }));
  assert.deepEqual(page.errors, []);
  assert.deepEqual(options.errors, []);
  await options.close();
  await page.close();
  await env.browser.clearStorage();
});

test('a label only our guessed wording reads keeps its verdict, says it is a guess, and the user\'s answer settles it', async () => {
  await env.browser.clearStorage();
  const GREEK_PUBLIC = 'Κοινοποιήθηκε με: Δημόσιο';
  const { page, tabId } = await openFixture('www.facebook.com', '/', 'facebook/guessed-wording-el');
  await page.waitFor(() => document.querySelectorAll('bezwaar-badge').length === 4);
  assert.deepEqual(await visibilities(page),
    { 'guessed-public': 'public', 'guessed-with-globe': 'public', 'guessed-limited': 'limited', 'metas-wording': 'limited', 'greek-ad': null });
  await env.browser.waitForReport(tabId, sameCounts({ public: 2, limited: 2, unknown: 0 }));
  const guessOf = (post) => inClosedRoot(page, badgeOf(post), (root) => ({
    said: root.querySelector('.guessed')?.textContent ?? null,
    lang: root.querySelector('.guessed bdi')?.getAttribute('lang') ?? null,
    unread: root.querySelector('.unread') !== null,
    answers: [...root.querySelectorAll('button[data-bezwaar-teach]')].map((b) => b.getAttribute('data-bezwaar-teach')),
  }));
  const guess = await guessOf('guessed-public');
  assert.ok(guess.said?.includes(GREEK_PUBLIC), `the explanation quotes the label as read by a guess: ${guess.said}`);
  assert.match(guess.said, /guessed/);
  assert.equal(guess.lang, 'el');
  assert.equal(guess.unread, false, 'a label that was read is not called unreadable');
  assert.deepEqual(guess.answers, ['public', 'limited', 'stop']);
  assert.ok((await guessOf('guessed-limited')).said?.includes('Κοινοποιήθηκε με: Φίλοι'));
  for (const settled of ['guessed-with-globe', 'metas-wording']) {
    assert.deepEqual(await guessOf(settled), { said: null, lang: null, unread: false, answers: [] },
      `${settled}: the globe drawing, or Meta's own wording, leaves nothing to confirm`);
  }

  // The user confirms the guess: it becomes their rule for that label, and the badges stop calling it a guess.
  await focusInClosedRoot(page, badgeOf('guessed-public'), 'button:not([data-bezwaar-teach])');
  await clickInClosedRoot(page, badgeOf('guessed-public'), 'button[data-bezwaar-teach="public"]');
  const stored = await taughtWhen((t) => t?.labels?.length === 1);
  assert.deepEqual({ text: stored.labels[0].text, lang: stored.labels[0].lang, meaning: stored.labels[0].meaning },
    { text: GREEK_PUBLIC, lang: 'el', meaning: 'public' });
  const deadline = Date.now() + 5000;
  while ((await guessOf('guessed-public')).said !== null && Date.now() < deadline) await sleep(50);
  assert.deepEqual(await guessOf('guessed-public'), { said: null, lang: null, unread: false, answers: [] });
  assert.deepEqual(await visibilities(page),
    { 'guessed-public': 'public', 'guessed-with-globe': 'public', 'guessed-limited': 'limited', 'metas-wording': 'limited', 'greek-ad': null });
  assert.ok((await guessOf('guessed-limited')).said?.includes('Φίλοι'), 'another guessed label is still quoted');
  await env.browser.waitForReport(tabId, sameCounts({ public: 2, limited: 2, unknown: 0 }));
  assert.deepEqual(page.errors, []);
  await page.close();
  await env.browser.clearStorage();
});

test('an Instagram account read as private from a guessed notice alone says so, and offers nothing to teach', async () => {
  await env.browser.clearStorage();
  const { page, tabId } = await openFixture('www.instagram.com', '/eleni.idiotiki/', 'instagram/profile-private-el');
  await page.waitFor(() => document.querySelector('header > bezwaar-badge')?.getAttribute('data-bezwaar-visibility') === 'limited');
  const quoted = await inClosedRoot(page, 'header > bezwaar-badge', (root) => ({
    said: root.querySelector('.guessed')?.textContent ?? null,
    answers: root.querySelectorAll('button[data-bezwaar-teach]').length,
  }));
  assert.ok(quoted.said?.includes('Αυτός ο λογαριασμός είναι ιδιωτικός'), `the notice is quoted: ${quoted.said}`);
  assert.match(quoted.said, /guessed/);
  assert.match(quoted.said, /private/);
  assert.equal(quoted.answers, 0, 'a notice is no audience label to teach');
  await env.browser.waitForReport(tabId, (r) => r.account === 'limited');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the export is a snippet in the rules format', async () => {
  await env.browser.clearStorage();
  await env.browser.setStorage({ taught: { format: 1, labels: [
    { text: LABEL, normalized: 'rhannwyd gyda pawb', lang: 'cy', meaning: 'public', taughtAt: '2026-03-01T10:00:00.000Z' },
    { text: 'Rhannwyd gyda: Ffrindiau', normalized: 'rhannwyd gyda ffrindiau', lang: 'cy', meaning: 'limited', taughtAt: '2026-03-01T10:00:00.000Z' },
  ] } });
  const options = await openReady('options/options.html');
  assert.ok(await options.evaluate(() => document.querySelectorAll('[data-bezwaar-taught]').length === 2), READY_RENDERED);
  await captureDownloads(options);
  await options.click('#taught-export');
  const [file] = await downloads(options);
  assert.match(file.name, /^bezwaar-taught-labels-\d{4}-\d{2}-\d{2}\.json$/);
  assert.deepEqual(JSON.parse(file.text), {
    cy: [{ source: 'taught in Bezwaar by a user, unverified', verified: false, public: [LABEL], limited: ['Rhannwyd gyda: Ffrindiau'] }],
  });
  await options.close();
  await env.browser.clearStorage();
});

test('a taught label the built-in rules contradict: the built-in rule wins, and options says so', async () => {
  await env.browser.clearStorage();
  await env.browser.setStorage({ taught: { format: 1, labels: [
    { text: 'Shared with Friends', normalized: 'shared with friends', lang: 'cy', meaning: 'public', taughtAt: '2026-03-01T10:00:00.000Z' },
  ] } });
  const { page, tabId } = await openTeachPage();
  await env.browser.waitForReport(tabId, sameCounts({ public: 0, limited: 1, unknown: 2 }));
  assert.deepEqual(await visibilities(page), { a: 'unknown', b: 'unknown', c: 'limited' });
  assert.equal(await env.browser.badgeText(tabId), '');
  const options = await openReady('options/options.html');
  assert.ok(await options.evaluate(() => document.querySelectorAll('[data-bezwaar-taught]').length === 1), READY_RENDERED);
  const note = await options.evaluate(() => {
    const built = document.querySelector('[data-bezwaar-taught="public"] [data-bezwaar-built-in]');
    return built && { reads: built.getAttribute('data-bezwaar-built-in'), text: built.textContent };
  });
  assert.equal(note?.reads, 'limited');
  assert.match(note.text, /built-in rule is used/);
  await options.close();
  await page.close();
  await env.browser.clearStorage();
});

test('corrupt taught labels are reported in options with their raw value, kept, and set aside when teaching anew', async () => {
  await env.browser.clearStorage();
  const corrupt = { format: 1, labels: 'Rhannwyd gyda: Pawb = public' };
  await env.browser.setStorage({ taught: corrupt });
  const options = await openReady('options/options.html');
  assert.ok(await options.evaluate(() => !document.getElementById('taught-corrupt').hidden), READY_RENDERED);
  const report = await options.evaluate(() => ({
    raw: document.querySelector('[data-bezwaar-taught-unreadable="taught"] pre')?.textContent,
    download: Boolean(document.querySelector('[data-bezwaar-taught-unreadable="taught"] button')),
    listed: document.querySelectorAll('[data-bezwaar-taught]').length,
  }));
  assert.deepEqual(JSON.parse(report.raw), corrupt);
  assert.equal(report.download, true);
  await captureDownloads(options);
  await options.click('[data-bezwaar-taught-unreadable="taught"] button');
  const [file] = await downloads(options);
  assert.match(file.name, /^bezwaar-taught-\d{4}-\d\d-\d\d\.json$/);
  assert.deepEqual(JSON.parse(file.text), corrupt, 'the download is the raw value');
  assert.equal(report.listed, 0);
  assert.deepEqual((await env.browser.storage('taught')).taught, corrupt, 'nothing overwritten by reading');

  // The page reads with no taught labels, and still offers; teaching sets the unreadable value aside first.
  const { page } = await openTeachPage();
  assert.deepEqual(await visibilities(page), { a: 'unknown', b: 'unknown', c: 'limited' });
  await focusInClosedRoot(page, badgeOf('b'), 'button:not([data-bezwaar-teach])');
  await clickInClosedRoot(page, badgeOf('b'), 'button[data-bezwaar-teach="limited"]');
  await taughtWhen((t) => t?.labels?.length === 1 && t.labels[0].meaning === 'limited');
  const everything = await env.browser.storage(null);
  const aside = Object.keys(everything).filter((key) => key.startsWith('taught-unreadable-'));
  assert.equal(aside.length, 1);
  assert.deepEqual(everything[aside[0]], corrupt, 'the raw value is kept');
  await page.waitFor(() => document.querySelector('[data-test="a"] > bezwaar-badge')?.getAttribute('data-bezwaar-visibility') === 'limited');
  await options.waitFor((key) => Boolean(document.querySelector(`[data-bezwaar-taught-unreadable="${key}"]`))
    && document.querySelectorAll('[data-bezwaar-taught="limited"]').length === 1, aside[0]);
  await options.close();
  await page.close();
  await env.browser.clearStorage();
});

test('"Don\'t ask again" takes the offer out of every badge, for good, until options turns it back on', async () => {
  await env.browser.clearStorage();
  const { page } = await openTeachPage();
  // From the keyboard: the badge, then Tab to the third answer, then Enter.
  await focusInClosedRoot(page, badgeOf('b'), 'button:not([data-bezwaar-teach])');
  for (let i = 0; i < 3; i += 1) await page.press('Tab');
  assert.equal(await inClosedRoot(page, badgeOf('b'), (root) => root.activeElement?.getAttribute('data-bezwaar-teach')), 'stop');
  await page.press('Enter');
  const deadline = Date.now() + 10000;
  while (Date.now() < deadline && (await env.browser.storage('settings')).settings?.teachOffers !== false) await sleep(50);
  assert.deepEqual((await env.browser.storage('settings')).settings, { showBadges: true, autoPrefill: true, teachOffers: false });
  const noAnswers = async (p) => {
    for (const post of ['a', 'b']) {
      const offer = await offerOf(p, post);
      if (offer.answers.length || !offer.said?.includes(LABEL)) return false;
    }
    return true;
  };
  let until = Date.now() + 10000;
  while (Date.now() < until && !(await noAnswers(page))) await sleep(100);
  assert.ok(await noAnswers(page), 'the label is still quoted, nothing offered');
  assert.equal(await env.browser.storage('taught').then((s) => s.taught), undefined, 'nothing taught');

  const later = await openTeachPage();
  await sleep(300);
  assert.ok(await noAnswers(later.page), 'nor on a later page');
  await later.page.close();

  const options = await openReady('options/options.html');
  assert.ok(await options.evaluate(() => document.getElementById('teach-offers').checked === false), READY_RENDERED);
  await options.click('#teach-offers');
  until = Date.now() + 10000;
  while (Date.now() < until && (await offerOf(page, 'a')).answers.length !== 3) await sleep(100);
  assert.deepEqual((await offerOf(page, 'a')).answers, ['public', 'limited', 'stop'], 'options turned the offer back on');
  await options.close();
  await page.close();
  await env.browser.clearStorage();
});

test('a flood of unknown labels opens nothing by itself: one offer per post, inside its closed explanation', async () => {
  await env.browser.clearStorage();
  const { page, tabId } = await openFixture('www.facebook.com', '/', 'facebook/teach-flood');
  await page.waitFor(() => document.querySelectorAll('bezwaar-badge[data-bezwaar-visibility="unknown"]').length === 40);
  await env.browser.waitForReport(tabId, sameCounts({ public: 0, limited: 0, unknown: 40 }));
  await sleep(400);
  for (let i = 0; i < 40; i += 1) {
    const seen = await inClosedRoot(page, 'bezwaar-badge', (root) => ({
      open: getComputedStyle(root.querySelector('.tip')).display !== 'none',
      offers: root.querySelectorAll('.teach').length,
      answers: root.querySelectorAll('button[data-bezwaar-teach]').length,
    }), null, i);
    assert.deepEqual(seen, { open: false, offers: 1, answers: 3 }, `badge ${i}`);
  }
  assert.equal(await page.evaluate(() => document.activeElement === document.body), true, 'focus never moved');
  assert.equal(await page.evaluate(() => document.querySelectorAll('bezwaar-badge').length), 40, 'one badge per post');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a press on an answer the page made invisible teaches nothing and says so; in plain sight it teaches', async () => {
  await env.browser.clearStorage();
  const { page } = await openTeachPage();
  await focusInClosedRoot(page, badgeOf('a'), 'button:not([data-bezwaar-teach])');
  // The page's own style reaches the badge's host (its root is closed, the element is not).
  await page.evaluate(() => {
    const style = document.createElement('style');
    style.id = 'hide-badges';
    style.textContent = 'bezwaar-badge { opacity: 0 !important; }';
    document.head.append(style);
  });
  await sleep(800);
  await clickInClosedRoot(page, badgeOf('a'), 'button[data-bezwaar-teach="public"]');
  await sleep(800);
  assert.equal((await env.browser.storage('taught')).taught, undefined, 'nothing taught by a press on a hidden answer');
  const said = await inClosedRoot(page, badgeOf('a'), (root) => root.querySelector('p.unseen')?.textContent);
  assert.match(said, /That press did nothing: the button was covered or hidden/);

  await page.evaluate(() => document.getElementById('hide-badges').remove());
  await sleep(800);
  await clickInClosedRoot(page, badgeOf('a'), 'button[data-bezwaar-teach="public"]');
  await taughtWhen((t) => t?.labels?.length === 1 && t.labels[0].meaning === 'public');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('labels in scripts Bezwaar has no words for, and in mixed direction, are taught for their exact text and language', async () => {
  await env.browser.clearStorage();
  const GEORGIAN = 'გაზიარებულია: ყველასთვის';
  const MIXED = '\u200fשותף עם: קבוצת Ynys Fach\u200f';
  const { page, tabId } = await openFixture('www.facebook.com', '/', 'facebook/teach-scripts');
  await page.waitFor(() => document.querySelectorAll('bezwaar-badge[data-bezwaar-visibility="unknown"]').length === 3);
  const said = {};
  for (const post of ['ka', 'ka-in-en', 'he']) said[post] = await offerOf(page, post);
  assert.equal(said.ka.lang, 'ka');
  assert.equal(said['ka-in-en'].lang, 'en');
  assert.equal(said.he.lang, 'he');
  assert.ok(said.ka.said.includes(GEORGIAN));
  assert.ok(said.he.said.includes(MIXED), 'the mixed-direction label is quoted exactly, marks and all');
  assert.ok(Object.values(said).every((o) => o.answers.length === 3));

  await pointAndClick(page, 'ka', 'public');
  await page.waitFor(() => document.querySelector('[data-test="ka"] > bezwaar-badge')?.getAttribute('data-bezwaar-visibility') === 'public');
  await sleep(300);
  assert.equal(await visibilities(page).then((v) => v['ka-in-en']), 'unknown', 'the same text in another language is another label');

  await focusInClosedRoot(page, badgeOf('he'), 'button:not([data-bezwaar-teach])');
  await page.press('Tab');
  await page.press('Tab');
  assert.equal(await inClosedRoot(page, badgeOf('he'), (root) => root.activeElement?.getAttribute('data-bezwaar-teach')), 'limited');
  await page.press('Enter');
  await page.waitFor(() => document.querySelector('[data-test="he"] > bezwaar-badge')?.getAttribute('data-bezwaar-visibility') === 'limited');
  const stored = await taughtWhen((t) => t?.labels?.length === 2);
  assert.deepEqual(stored.labels.map(({ text, lang, meaning }) => ({ text, lang, meaning })), [
    { text: GEORGIAN, lang: 'ka', meaning: 'public' },
    { text: MIXED, lang: 'he', meaning: 'limited' },
  ]);
  await env.browser.waitForReport(tabId, sameCounts({ public: 1, limited: 1, unknown: 1 }));

  const options = await openReady('options/options.html');
  assert.ok(await options.evaluate(() => document.querySelectorAll('[data-bezwaar-taught]').length === 2), READY_RENDERED);
  const shown = await options.evaluate(() => [...document.querySelectorAll('[data-bezwaar-taught] bdi')]
    .map((b) => ({ text: b.textContent, lang: b.getAttribute('lang') })));
  assert.deepEqual(shown, [{ text: GEORGIAN, lang: 'ka' }, { text: MIXED, lang: 'he' }]);
  assert.deepEqual(page.errors, []);
  await options.close();
  await page.close();
  await env.browser.clearStorage();
});
