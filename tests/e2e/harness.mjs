// Shared by every e2e test file: one fixture server and one browser per process (node --test runs each file in
// its own process), chosen by BEZWAAR_BROWSER. Tests open their own tabs and close them.
import { after, before } from 'node:test';
import { launchBrowser } from './browsers.mjs';
import { startFixtureServer } from './server.mjs';

export const browserName = process.env.BEZWAAR_BROWSER ?? 'chromium';
export const env = {};

before(async () => {
  env.server = await startFixtureServer();
  env.browser = await launchBrowser(browserName, env.server);
});

after(async () => {
  await env.browser?.close();
  await env.server?.close();
});

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

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
