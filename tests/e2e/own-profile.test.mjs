// The user's own public footprint: on their own Facebook profile or Instagram account, the tab's report says so and
// gathers the days of the public posts shown, and the popup says how many of the posts shown so far are public and
// since when. Someone else's profile says nothing of the kind, whatever its posts hold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { badges, browserName, env, openFixture, openPopup, sleep } from './harness.mjs';

const root = new URL('../../', import.meta.url).pathname;
const en = JSON.parse(readFileSync(`${root}extension/_locales/en/messages.json`, 'utf8'));
function message(key, ...values) {
  const { message: text, placeholders = {} } = en[key];
  return text.replace(/\$(\w+)\$/g, (_, name) => values[Number(placeholders[name.toLowerCase()].content.slice(1)) - 1]);
}
const longDate = (day) => new Intl.DateTimeFormat('en', { dateStyle: 'long' }).format(new Date(`${day}T12:00`));

/** The popup's lines about the user's own posts, as shown (null when the section is hidden). */
async function ownLines(tabId) {
  const popup = await openPopup(tabId);
  const lines = await popup.evaluate(() => {
    const section = document.getElementById('own-profile');
    if (section.hidden || section.getClientRects().length === 0) return null;
    return { heading: section.querySelector('h3').textContent, lines: [...section.querySelectorAll('p')].map((p) => p.textContent) };
  });
  assert.deepEqual(popup.errors, []);
  await popup.close();
  return lines;
}

test(`${browserName}: on the user's own Facebook profile the popup counts their public posts and dates the oldest and newest`, async () => {
  await env.browser.clearStorage();
  const { page, tabId } = await openFixture('www.facebook.com', '/ana.example', 'facebook/own-profile-dated');
  const report = await env.browser.waitForReport(tabId, (r) => r.posts.public === 4 && r.ownProfile?.newestPublic);
  assert.deepEqual(report.posts, { public: 4, limited: 1, unknown: 0 });
  // The friends-only post of 2024 and the 2010 story re-shared inside a 2021 post are not public posts of the user's.
  assert.deepEqual(report.ownProfile, { oldestPublic: '2016-05-18', newestPublic: '2025-10-05' });
  assert.deepEqual((await badges(page)).map((b) => `${b.post}:${b.visibility}`), [
    'own-2016:public', 'own-2025:public', 'own-friends-2024:limited', 'own-undated:public', 'own-share-2021:public',
  ]);
  assert.deepEqual(await ownLines(tabId), {
    heading: message('popupOwnHeading'),
    lines: [
      message('popupOwnPublicCount', '4', '5'),
      message('popupOwnPublicDays', longDate('2016-05-18'), longDate('2025-10-05')),
      message('popupOwnSoFar'),
    ],
  });
  await page.close();
});

test(`${browserName}: a profile read as the user's own without readable dates says so, and a post added later widens the days`, async () => {
  await env.browser.clearStorage();
  // The profile fixture of the posts tests: "Edit profile" named by aria-label, dates written only as words.
  const { page, tabId } = await openFixture('www.facebook.com', '/ana.example', 'facebook/profile-timeline');
  const report = await env.browser.waitForReport(tabId, (r) => r.ownProfile !== undefined && r.ownProfile !== null && r.posts.public > 0);
  assert.deepEqual(report.ownProfile, { oldestPublic: null, newestPublic: null });
  const { public: shownPublic, limited, unknown } = report.posts;
  const lines = await ownLines(tabId);
  assert.deepEqual(lines.lines, [
    message('popupOwnPublicCount', String(shownPublic), String(shownPublic + limited + unknown)),
    message('popupOwnNoDates'),
    message('popupOwnSoFar'),
  ]);
  // The page loads an older public post with a date a rule reads.
  await page.evaluate(() => {
    const post = document.createElement('div');
    post.setAttribute('role', 'article');
    post.setAttribute('aria-labelledby', 'late-h');
    post.innerHTML = '<div><h2 id="late-h"><a href="/ana.example">Ana Example</a></h2><div><a href="/ana.example/posts/9">'
      + '<time datetime="2019-01-15T10:00:00Z">15 January 2019</time></a> · <svg viewBox="0 0 16 16" width="12" height="12">'
      + '<title>Shared with Public</title><path d="M8 0a8 8 0 1 0 0 16z"></path></svg></div></div>'
      + '<div data-ad-preview="message"><div dir="auto">An old post.</div></div>';
    document.querySelector('[role="main"]').append(post);
  });
  const later = await env.browser.waitForReport(tabId, (r) => r.ownProfile?.oldestPublic === '2019-01-15');
  assert.deepEqual(later.ownProfile, { oldestPublic: '2019-01-15', newestPublic: '2019-01-15' });
  assert.equal(later.posts.public, shownPublic + 1);
  assert.equal((await ownLines(tabId)).lines[1], message('popupOwnPublicDay', longDate('2019-01-15')));
  await page.close();
});

test(`${browserName}: someone else's profile is not the user's own, even when a post there holds an "Edit profile" button`, async () => {
  await env.browser.clearStorage();
  const { page, tabId } = await openFixture('www.facebook.com', '/ben.example', 'facebook/other-profile');
  await env.browser.waitForReport(tabId, (r) => r.posts.public === 1 && r.posts.limited === 1);
  // A second look is due only once the page changes and a second has passed: give it the chance to go wrong.
  await page.evaluate(() => document.querySelector('[role="feed"]').append(document.createElement('div')));
  await sleep(1500);
  const report = await env.browser.tabState(tabId);
  assert.equal(report.ownProfile, null);
  assert.equal(await ownLines(tabId), null);
  await page.close();
});

test(`${browserName}: on the user's own Instagram account the popup counts its posts; a settings link elsewhere makes no account the user's`, async () => {
  await env.browser.clearStorage();
  const { page: own, tabId: ownTab } = await openFixture('www.instagram.com', '/anna.example/', 'instagram/own-account');
  const report = await env.browser.waitForReport(ownTab, (r) => r.account === 'public' && r.posts.public === 3 && r.ownProfile);
  assert.deepEqual(report.ownProfile, { oldestPublic: null, newestPublic: null });
  assert.deepEqual((await ownLines(ownTab)).lines, [
    message('popupOwnPublicCount', '3', '3'),
    message('popupOwnNoDates'),
    message('popupOwnSoFar'),
  ]);
  await own.close();

  const { page: other, tabId: otherTab } = await openFixture('www.instagram.com', '/anna.example/', 'instagram/profile-public');
  await env.browser.waitForReport(otherTab, (r) => r.account === 'public' && r.posts.public > 0);
  // The app's settings menu, opened over someone else's profile, links to the profile editor too.
  await other.evaluate(() => {
    const menu = document.createElement('div');
    menu.setAttribute('role', 'dialog');
    menu.innerHTML = '<a href="/accounts/edit/" role="link">Settings</a>';
    document.body.append(menu);
  });
  await sleep(800);
  assert.equal((await env.browser.tabState(otherTab)).ownProfile, null);
  assert.equal(await ownLines(otherTab), null);
  await other.close();
});
