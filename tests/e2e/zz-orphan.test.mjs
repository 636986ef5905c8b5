// Last in the run (it reloads the extension, which closes the harness's control page): a content script whose
// extension was reloaded or updated stops quietly, and the page keeps exactly one badge per post.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserName, env, openFixture, sleep } from './harness.mjs';

const PROBE = 'reload-probe';
const sessionProbe = (page) =>
  page.evaluate(async (key) => (await (globalThis.browser ?? globalThis.chrome).storage.session.get(key))[key] ?? null, PROBE);

/** An extension page, opened as soon as the reloaded extension serves its pages again. */
async function extensionPageOnceBack(timeout = 15000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await env.browser.openExtensionPage('options/options.html');
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(500);
    }
  }
}

test(`${browserName}: after the extension is reloaded, the orphaned content script stops without errors`, async () => {
  const { page } = await openFixture('www.facebook.com', '/', 'facebook/feed-basic');
  await page.waitFor(() => document.querySelectorAll('bezwaar-badge').length === 3);
  // Session storage lives as long as the extension does: a reload empties it, so the probe shows the reload happened.
  await env.browser.control.evaluate(
    (key) => (globalThis.browser ?? globalThis.chrome).storage.session.set({ [key]: 'before reload' }), PROBE);
  assert.equal(await sessionProbe(env.browser.control), 'before reload');
  await env.browser.control.evaluate(() => {
    (globalThis.browser ?? globalThis.chrome).runtime.reload();
  }).catch(() => undefined); // the control page closes with the extension
  await sleep(1500);
  const reloaded = await extensionPageOnceBack();
  assert.equal(await sessionProbe(reloaded), null, 'the extension was reloaded (its session storage is new)');
  await reloaded.close();
  // The page goes on changing: more posts, a re-render. The old script must not throw or double anything.
  await page.evaluate(() => {
    const feed = document.querySelector('[role="feed"]');
    for (let i = 0; i < 5; i++) {
      const post = feed.firstElementChild.cloneNode(true);
      post.querySelectorAll('bezwaar-badge').forEach((b) => b.remove());
      feed.append(post);
    }
  });
  await sleep(2500);
  const perPost = await page.evaluate(() =>
    [...document.querySelectorAll('[role="article"]')].map((a) => a.querySelectorAll(':scope > bezwaar-badge').length));
  assert.ok(perPost.every((n) => n <= 1), `at most one badge per post, got ${perPost}`);
  assert.deepEqual(page.errors, []);
  await page.close();
});
