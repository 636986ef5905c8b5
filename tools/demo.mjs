// The demo: the built extension in a real browser on bundled demo pages (tests/fixtures/demo/: a feed, Meta's AI
// notice, the objection form, with invented people), served on Meta's hostnames by the e2e suite's fixture server.
//   node tools/demo.mjs run [--firefox] [--lang CODE] [--out DIR]   a browser window to try Bezwaar in; on a machine
//                                                                    without a display, the screenshots instead
//   node tools/demo.mjs shots [--lang CODE] [--out DIR]              headless Chromium writes the screenshots
// --lang is the browser's UI language, which Bezwaar's own text follows; DIR defaults to dist/demo/.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowser } from '../tests/e2e/browsers.mjs';
import { inClosedRoot } from '../tests/e2e/closed-ui.mjs';
import { startFixtureServer } from '../tests/e2e/server.mjs';

const ROOT = new URL('..', import.meta.url).pathname;

export const DEMO_PAGES = {
  feed: { host: 'www.facebook.com', path: '/', fixture: 'demo/feed' },
  notice: { host: 'www.facebook.com', path: '/', fixture: 'demo/notice' },
  form: { host: 'www.facebook.com', path: '/help/contact/712876720715583', fixture: 'demo/form' },
};

/** The screenshots, in the order the demo takes them: file name (without .png) and what it shows. */
export const SHOTS = {
  'feed-badges': 'a feed with a badge on every post',
  'badge-explanation': "a public post's badge with its explanation open",
  'notice-banner': "Bezwaar's banner beside Meta's AI notice",
  'form-panel': 'the objection form, prefilled, with the panel',
  popup: "the toolbar popup on the feed's tab",
  'options-record': 'the options page listing the objection sent from the demo form',
};

const DEMO_PERSON = { email: 'eva.example@example.org', country: 'NL' };

/** The default statement of `language`'s pack (rules/lang/), English when it has none. */
function statementIn(language) {
  const pack = join(ROOT, 'rules/lang', `${language}.json`);
  const statement = existsSync(pack) ? JSON.parse(readFileSync(pack, 'utf8')).statement?.text : undefined;
  return statement ? { language, statement } : statementIn('en');
}

/** A fresh profile for the invented person, so the demo form is filled as a user's would be. */
export async function seedProfile(browser, language = 'en') {
  await browser.clearStorage();
  await browser.setStorage({ profile: { version: 1, profile: { ...DEMO_PERSON, ...statementIn(language) } } });
}

async function openDemoPage(browser, server, name) {
  const { host, path, fixture } = DEMO_PAGES[name];
  const page = await browser.newPage();
  await page.goto(server.url(host, path, fixture));
  return { page, tabId: await browser.latestTabId() };
}

async function setViewport(page, width, height) {
  if (page.driver === 'puppeteer') await page.raw.setViewport({ width, height });
  else await page.raw.setViewportSize({ width, height });
}

/**
 * Takes every screenshot in SHOTS into `outDir` (as NAME.png) with `browser` (a launchBrowser driver on `server`),
 * pressing Send on the demo form on the way. Leaves the pages open and returns them by screenshot name, so a caller
 * can ask them what they showed.
 */
export async function takeScreenshots(browser, server, outDir, { language = 'en' } = {}) {
  mkdirSync(outDir, { recursive: true });
  const file = (name) => join(outDir, `${name}.png`);
  await seedProfile(browser, language);
  const pages = {};

  const { page: feed, tabId: feedTab } = await openDemoPage(browser, server, 'feed');
  await setViewport(feed, 680, 760);
  const posts = await feed.evaluate(() => document.querySelectorAll('[role="feed"] [role="article"]').length);
  await feed.waitFor((n) => document.querySelectorAll('bezwaar-badge').length === n, posts);
  await browser.waitForReport(feedTab, (r) => r.posts.public + r.posts.limited + r.posts.unknown === posts);
  await feed.raw.screenshot({ path: file('feed-badges') });
  pages['feed-badges'] = feed;

  // The explanation opens on hover, as for a person pointing at the badge.
  const point = await inClosedRoot(feed, 'bezwaar-badge[data-bezwaar-visibility="public"]', (root) => {
    const r = root.querySelector('button').getBoundingClientRect();
    return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  });
  await feed.raw.mouse.move(point.x, point.y);
  const shown = () => inClosedRoot(feed, 'bezwaar-badge[data-bezwaar-visibility="public"]', (root) => {
    const tip = root.querySelector('[role="tooltip"]');
    return getComputedStyle(tip).display !== 'none' && tip.getBoundingClientRect().height > 0;
  });
  for (let tries = 0; !(await shown()); tries += 1) {
    if (tries > 100) throw new Error("the badge's explanation did not open on hover");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await feed.raw.screenshot({ path: file('badge-explanation') });
  pages['badge-explanation'] = feed;

  const { page: notice } = await openDemoPage(browser, server, 'notice');
  await setViewport(notice, 680, 520);
  await notice.waitFor(() => document.querySelector('[data-bezwaar-banner]'));
  await notice.raw.screenshot({ path: file('notice-banner') });
  pages['notice-banner'] = notice;

  const { page: form } = await openDemoPage(browser, server, 'form');
  await setViewport(form, 960, 720);
  await form.waitFor(() => document.querySelector('bezwaar-panel')?.getAttribute('data-bezwaar-panel') === 'filled');
  await form.raw.screenshot({ path: file('form-panel') });
  pages['form-panel'] = form;

  const popup = await browser.openExtensionPage(`popup/popup.html?tab=${feedTab}`);
  await setViewport(popup, 352, 400);
  await popup.waitFor(() => document.getElementById('main')?.hasAttribute('aria-busy') === false);
  await popup.raw.screenshot({ path: file('popup'), fullPage: true });
  pages.popup = popup;

  // The user presses Send; Meta's confirmation makes the record "confirmed".
  await form.click('button[type=submit]');
  await form.waitFor(() => !document.querySelector('form#objection'));
  const options = await browser.openExtensionPage('options/options.html');
  await setViewport(options, 800, 900);
  await options.waitFor(() => document.querySelector('[data-bezwaar-record="confirmed"]'));
  await (await options.raw.$('#records')).screenshot({ path: file('options-record') });
  pages['options-record'] = options;
  return pages;
}

/**
 * Launches `browserName` in a window on the display, with the demo profile and the three demo pages open; returns
 * the browser, the server and the pages by name (DEMO_PAGES), for a person to try or a test to ask.
 */
export async function openDemoWindow(browserName, language) {
  const server = await startFixtureServer();
  const browser = await launchBrowser(browserName, server, { headed: true });
  await seedProfile(browser, language);
  const pages = {};
  for (const name of Object.keys(DEMO_PAGES)) pages[name] = (await openDemoPage(browser, server, name)).page;
  return { browser, server, pages };
}

/** Opens the demo pages in a browser window for a person to try, and waits until they close it. */
async function runInWindow(browserName, language) {
  const { browser, server } = await openDemoWindow(browserName, language);
  console.log(`Bezwaar is loaded in ${browserName}, on demo pages at Facebook's addresses`
    + ' (served from here; the browser reaches nothing else):');
  for (const [name, { host, path }] of Object.entries(DEMO_PAGES)) console.log(`  ${name}: https://${host}${path}`);
  console.log('Close the browser window to end the demo.');
  await browser.closed();
  await server.close();
}

async function writeScreenshots(outDir, language) {
  const server = await startFixtureServer();
  const browser = await launchBrowser('chromium', server);
  try {
    await takeScreenshots(browser, server, outDir, { language });
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(`demo screenshots (${Object.keys(SHOTS).length}) written to ${outDir}`);
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { firefox: { type: 'boolean' }, lang: { type: 'string' }, out: { type: 'string' } },
  });
  const command = positionals[0] ?? 'shots';
  // The browsers take their UI language from here (tests/e2e/browsers.mjs).
  if (values.lang) process.env.BEZWAAR_BROWSER_LANGUAGE = values.lang;
  const outDir = values.out ?? join(process.env.BEZWAAR_DIST ?? join(ROOT, 'dist'), 'demo');
  if (command === 'run') {
    if (process.env.DISPLAY || process.env.WAYLAND_DISPLAY) {
      await runInWindow(values.firefox ? 'firefox' : 'chromium', values.lang);
      return;
    }
    console.log('No display here (neither DISPLAY nor WAYLAND_DISPLAY is set), so no browser window: '
      + 'writing the demo screenshots instead (headless Chromium).');
  } else if (command !== 'shots') {
    throw new Error(`unknown demo command '${command}': use run or shots`);
  }
  await writeScreenshots(outDir, values.lang);
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  main().catch((error) => {
    console.error(`demo: ${error.message}`);
    process.exit(1);
  });
}
