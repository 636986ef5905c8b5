// Last in the run (it reloads the extension, which closes the harness's control page): a content script whose
// extension was reloaded or updated stops quietly, and the page keeps exactly one badge per post.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserName, env, openFixture, sleep } from './harness.mjs';

test(`${browserName}: after the extension is reloaded, the orphaned content script stops without errors`, async () => {
  const { page } = await openFixture('www.facebook.com', '/', 'facebook/feed-basic');
  await page.waitFor(() => document.querySelectorAll('bezwaar-badge').length === 3);
  await env.browser.control.evaluate(() => {
    (globalThis.browser ?? globalThis.chrome).runtime.reload();
  }).catch(() => undefined); // the control page closes with the extension
  await sleep(1500);
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
