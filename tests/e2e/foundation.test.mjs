// The core runs in Meta's pages in both browsers whatever the page's CSP says, only on Meta's exact hosts, and the
// background keeps per-tab state and the toolbar badge.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { badges, browserName, env, openFixture, sleep } from './harness.mjs';

const DIST = process.env.BEZWAAR_DIST ?? new URL('../../dist/', import.meta.url).pathname;

for (const csp of ['none', 'strict']) {
  test(`${browserName}: the core runs and badges posts on a page with CSP ${csp}`, async () => {
    const { page, tabId } = await openFixture('www.facebook.com', '/', 'facebook/feed-basic', `&csp=${csp}`);
    await page.waitFor(() => document.querySelectorAll('bezwaar-badge').length === 3);
    assert.deepEqual((await badges(page)).map((b) => b.visibility), ['public', 'limited', 'public']);
    const report = await env.browser.waitForReport(tabId, (r) => r.posts.public === 2);
    // Chromium subjects wasm in a content script to the page's CSP (and reports a refusal to the page and its
    // site), so the content script runs wasm2js there whatever the CSP; Firefox runs wasm under any page CSP.
    const expected = browserName === 'chromium' ? 'wasm2js' : 'wasm';
    assert.equal(report.engine, expected);
    assert.equal(await env.browser.badgeText(tabId), '2');
    console.log(`# engine ${browserName} csp=${csp}: ${report.engine}, start-up ${report.startupMs.toFixed(1)} ms`);
    // Nothing of the extension is visible to the page's own scripts.
    const leaked = await page.evaluate(() =>
      Object.getOwnPropertyNames(window).filter((name) => /bezwaar|wasm_bindgen|__wbg/i.test(name)));
    assert.deepEqual(leaked, []);
    assert.deepEqual(page.errors, []);
    await page.close();
  });
}

test(`${browserName}: a page cannot tell Bezwaar is installed by loading its files`, async () => {
  // Sites probe for extensions by loading a known file at the extension's fixed origin (Chromium's id is the same
  // for everyone who installs from the store; this test also knows Firefox's per-install origin). Every file of
  // the package is tried from the page's own world, on a page where Bezwaar is at work.
  const packageDir = join(DIST, browserName === 'firefox' ? 'firefox' : 'chrome');
  const files = readdirSync(packageDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(packageDir.length + 1));
  assert.ok(files.includes('content/content.js') && files.some((f) => f.startsWith('core/')), 'the package was listed');
  const { page, tabId } = await openFixture('www.facebook.com', '/', 'facebook/feed-basic');
  await page.waitFor(() => document.querySelectorAll('bezwaar-badge').length === 3);
  await env.browser.waitForReport(tabId, (r) => r.posts.public === 2);
  const loaded = await page.evaluate(async ({ origin, paths }) => {
    const tries = paths.map((path) => fetch(`${origin}/${path}`, { mode: 'no-cors' }).then(() => path, () => null));
    return (await Promise.all(tries)).filter(Boolean);
  }, { origin: env.browser.origin, paths: files });
  assert.deepEqual(loaded, [], 'files the page could load from the extension');
  // Nor does the page's own record of what it loaded name the extension's origin.
  const seen = await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name)
    .filter((name) => /^(chrome|moz)-extension:/.test(name)));
  assert.deepEqual(seen, [], "extension URLs in the page's resource timing");
  await page.close();
});

for (const host of ['web.facebook.com', 'm.facebook.com', 'nl-nl.facebook.com']) {
  test(`${browserName}: runs on ${host}`, async () => {
    const { page, tabId } = await openFixture(host, '/', 'facebook/feed-basic');
    await page.waitFor(() => document.querySelectorAll('bezwaar-badge').length === 3);
    await env.browser.waitForReport(tabId, (r) => r.posts.public === 2 && r.site === 'facebook');
    await page.close();
  });
}

for (const host of ['www.facebook.com.example.test', 'faceb00k.com']) {
  test(`${browserName}: a lookalike host (${host}) gets nothing`, async () => {
    const { page, tabId } = await openFixture(host, '/', 'facebook/feed-basic');
    await sleep(1500);
    assert.equal(await page.evaluate(() => document.querySelectorAll('bezwaar-badge').length), 0);
    assert.equal(await env.browser.tabState(tabId), null);
    assert.equal(await env.browser.badgeText(tabId), '');
    await page.close();
  });
}

test(`${browserName}: a Meta page without posts reports zero and shows no count`, async () => {
  const { page, tabId } = await openFixture('www.facebook.com', '/settings', 'facebook/no-posts');
  const report = await env.browser.waitForReport(tabId, () => true);
  assert.deepEqual(report.posts, { public: 0, limited: 0, unknown: 0 });
  assert.equal(report.pageKind, 'other');
  assert.equal(await env.browser.badgeText(tabId), '');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test(`${browserName}: a non-HTML response on a Meta host is left alone`, async () => {
  const { page, tabId } = await openFixture('www.facebook.com', '/api/graphql/', 'facebook/graph-response.json');
  await sleep(1500);
  assert.equal(await env.browser.tabState(tabId), null);
  assert.equal(await page.evaluate(() => document.querySelectorAll('bezwaar-badge').length), 0);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test(`${browserName}: the background ignores unknown or malformed messages and keeps working`, async () => {
  for (const bogus of [{ type: 'set-badge', text: '999' }, { type: 'get-tab-state', tabId: 'x' }, 'hello', null,
    { type: 'page-report', report: { url: 'https://www.facebook.com/' } }]) {
    assert.equal((await env.browser.sendFromExtensionPage(bogus)) ?? null, null);
  }
  const { page, tabId } = await openFixture('www.facebook.com', '/', 'facebook/feed-basic');
  await env.browser.waitForReport(tabId, (r) => r.posts.public === 2);
  assert.equal(await env.browser.badgeText(tabId), '2');
  await page.close();
});

test(`${browserName}: navigating the tab to another page drops its count`, async () => {
  const { page, tabId } = await openFixture('www.facebook.com', '/', 'facebook/feed-basic');
  await env.browser.waitForReport(tabId, (r) => r.posts.public === 2);
  await page.goto(env.server.url('www.facebook.com', '/settings', 'facebook/no-posts'));
  await env.browser.waitForReport(tabId, (r) => r.url.endsWith('/settings') && r.posts.public === 0);
  assert.equal(await env.browser.badgeText(tabId), '');
  await page.close();
});

test(`${browserName}: the extension makes no network request of its own`, async () => {
  // Every host resolves to the fixture server here, so anything the extension fetched would be in its log.
  const { page, tabId } = await openFixture('www.facebook.com', '/', 'facebook/feed-basic');
  await env.browser.waitForReport(tabId, (r) => r.posts.public === 2);
  await page.close();
  // The browsers' own services (Chromium's updater and account check, Firefox's remote settings) also land here;
  // they are the browser's, not ours, and are told apart by their vendors' hosts.
  const browserServices = /(^|\.)(google\.com|googleapis\.com|gvt1\.com|mozilla\.(com|net|org)|firefox\.com)$/;
  const unexpected = env.server.requests.filter(
    (r) => !r.fixture && r.path !== '/favicon.ico' && !browserServices.test(r.host));
  assert.deepEqual(unexpected, []);
  console.log(`# ${env.server.requests.length} requests seen, all fixture page loads; tunnels: ${[...new Set(env.server.tunnels)].join(' ')}`);
});
