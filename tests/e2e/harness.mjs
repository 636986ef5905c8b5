// Shared by every e2e test file: one fixture server and one browser per process (node --test runs each file in
// its own process), chosen by BEZWAAR_BROWSER. Tests open their own tabs and close them. A last test in every file
// closes the browser and checks that every request recorded during the file is explained (traffic.mjs).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser } from './browsers.mjs';
import { startFixtureServer } from './server.mjs';
import { explainTraffic, requestUrl, summarise } from './traffic.mjs';

export const browserName = process.env.BEZWAAR_BROWSER ?? 'chromium';
export const env = {};

before(async () => {
  env.server = await startFixtureServer();
  env.browser = await launchBrowser(browserName, env.server);
});

// Closes the browser, then the server, once: after the file's tests, whichever of the after hook and the traffic
// check below comes first.
let shutdown;
const shutDown = () => {
  shutdown ??= (async () => {
    await env.browser?.close();
    await env.server?.close();
  })();
  return shutdown;
};

after(shutDown);

// Registered once the test file's own (synchronously registered) tests are, so it runs after all of them and sees
// everything the browser asked for, the browser closed first so that nothing arrives later.
setImmediate(() => test(`${browserName}: every request made during this file is explained`, async () => {
  await shutDown();
  assert.ok(env.server, 'the fixture server started');
  const { requests, tunnels } = env.server;
  const verdict = explainTraffic({ requests, tunnels, navigations: env.browser?.navigations ?? [] });
  console.log(`# traffic: ${summarise({ requests, tunnels }, verdict)}`);
  const unexplained = verdict.unexplained.map(({ request, tunnel }) =>
    (tunnel ? `CONNECT ${tunnel}` : `${request.method} ${requestUrl(request)} ${JSON.stringify(request.headers)}`));
  assert.deepEqual(unexplained, [], 'requests that no test navigation, fixture page, favicon or browser service explains');
}));

/** Opens `fixture` at https://HOST/PATH in a new tab; returns the page and its tab id. */
export async function openFixture(host, path, fixture, query = '') {
  const page = await env.browser.newPage();
  await page.goto(env.server.url(host, path, fixture, query));
  const tabId = await env.browser.latestTabId();
  return { page, tabId };
}

/** The badges on the page: one entry per badge element, with the post it sits in. */
export async function badges(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('bezwaar-badge')].map((badge) => ({
      visibility: badge.getAttribute('data-bezwaar-visibility'),
      scope: badge.getAttribute('data-bezwaar-scope'),
      post: badge.parentElement?.getAttribute('data-test') ?? badge.parentElement?.getAttribute('aria-labelledby') ?? null,
    })),
  );
}

/** Opens one of Bezwaar's own pages (`popup/popup.html?…`, `options/options.html`) once it has shown what it read. */
export async function openReady(path) {
  const page = await env.browser.openExtensionPage(path);
  await page.waitFor(() => document.getElementById('main') && !document.getElementById('main').hasAttribute('aria-busy'));
  return page;
}

/** Why an extension page opened with {@link openReady} must already show what it read: it says it is ready only then. */
export const READY_RENDERED = 'the page showed what it read before it said it was ready (aria-busy removed)';

/** The toolbar popup as it opens for tab `tabId`. */
export const openPopup = (tabId) => openReady(`popup/popup.html?tab=${tabId}`);

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the stored objection records satisfy `check(records)` (an empty list when none), and returns them. */
export async function recordsWhen(check, timeout = 10000) {
  const deadline = Date.now() + timeout;
  let records;
  while (Date.now() < deadline) {
    records = (await env.browser.storage('records')).records?.records ?? [];
    if (check(records)) return records;
    await sleep(50);
  }
  throw new Error(`the stored records never matched ${check}: ${JSON.stringify(records)}`);
}
