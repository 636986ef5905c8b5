// Real browsers with the built extension loaded, behind one small interface so every e2e test runs in both:
// Chromium through playwright-core (Debian's chromium), Firefox ESR through puppeteer-core (WebDriver BiDi).
// Both send every request through the fixture server's proxy, which records it; nothing leaves the machine.
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const DIST = process.env.BEZWAAR_DIST ?? new URL('../../dist/', import.meta.url).pathname;
const FIREFOX_ID = 'bezwaar@bezwaar.invalid';
// A fixed moz-extension:// origin, so tests can open the extension's pages.
const FIREFOX_UUID = '5b7e3c1a-2f4d-4e8a-9c6b-1d0e2f3a4b5c';
const CONTROL_PAGE = 'options/options.html';
// The browser's own language, when a test sets it (a locale code such as 'ja'); the machine's otherwise.
const browserLanguage = () => process.env.BEZWAAR_BROWSER_LANGUAGE;
// How long a test waits for the page to reach a state, or for an element to become clickable.
const WAIT_MS = 10000;

/** Waits for `predicate(arg)` to be truthy in the page; the same call shape in both drivers. */
async function waitIn(page, flavour, predicate, arg, timeout = WAIT_MS) {
  if (flavour === 'playwright') return page.waitForFunction(predicate, arg, { timeout, polling: 50 });
  return page.waitForFunction(predicate, { timeout, polling: 50 }, arg);
}

/**
 * What a failed click leaves to go on: whether the page is shown and still drawing frames, where the element is
 * against the view, and what has focus: Firefox has failed to click a button that was there in full runs, never alone.
 */
async function clickFacts(page, selector) {
  return page.evaluate(async (sel) => {
    const element = document.querySelector(sel);
    const rect = element?.getBoundingClientRect();
    const framed = await Promise.race([
      new Promise((resolve) => requestAnimationFrame(() => resolve('drawing frames'))),
      new Promise((resolve) => setTimeout(() => resolve('no frame within 1 s'), 1000)),
    ]);
    return JSON.stringify({
      visibility: document.visibilityState, focused: document.hasFocus(), frames: framed,
      element: element ? { x: rect.x, y: rect.y, width: rect.width, height: rect.height, disabled: Boolean(element.disabled) } : null,
      view: { width: innerWidth, height: innerHeight, scrollY },
      active: document.activeElement?.id || document.activeElement?.tagName,
    });
  }, selector).catch((error) => `unreadable (${error.message})`);
}

/** `navigations` collects every URL the test itself loads with `goto`: traffic.mjs counts those as explained. */
function wrapPage(page, flavour, navigations) {
  return {
    raw: page,
    driver: flavour,
    url: () => page.url(),
    goto: (url) => {
      navigations.push(url);
      return page.goto(url, { waitUntil: 'load' });
    },
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    waitFor: (predicate, arg, timeout) => waitIn(page, flavour, predicate, arg, timeout),
    // Playwright waits until the element is visible, stable and in view, and retries, before it clicks; Puppeteer's
    // locator does the same. Its plain page.click measures the element once, and fails when the page lays out
    // again between that measure and the click.
    click: (selector) => (flavour === 'playwright'
      ? page.click(selector)
      : page.locator(selector).setTimeout(WAIT_MS).click().catch(async (error) => {
        throw new Error(`click on ${selector} failed: ${error.message}; the page then: ${await clickFacts(page, selector)}`, { cause: error });
      })),
    type: (selector, text) => page.type(selector, text),
    focus: (selector) => page.focus(selector),
    press: (key) => page.keyboard.press(key),
    screenshot: (path) => page.screenshot({ path }),
    close: () => page.close(),
    errors: [],
  };
}

/**
 * Waits for `closing` at most 15 s, then calls `kill` and goes on: a browser that does not close must not hold the
 * test file (and the traffic check after it) open.
 */
async function closeWithin(closing, kill) {
  let timer;
  const late = new Promise((resolve) => { timer = setTimeout(() => resolve('late'), 15000); });
  const outcome = await Promise.race([closing.then(() => 'closed'), late]);
  clearTimeout(timer);
  if (outcome === 'late') {
    console.log('# the browser did not close within 15 s');
    await kill();
  }
}

function collectErrors(wrapped) {
  wrapped.raw.on('pageerror', (error) => wrapped.errors.push(String(error)));
  wrapped.raw.on('console', (message) => {
    const type = typeof message.type === 'function' ? message.type() : message.type;
    if (type === 'error') wrapped.errors.push(message.text());
  });
  return wrapped;
}

async function launchChromium(server, navigations, { headed }) {
  const dir = join(DIST, 'chrome');
  const profile = mkdtempSync(join(tmpdir(), 'bezwaar-chromium-'));
  // Developer mode on, as for a person who loads the unpacked extension: without it Chromium disables an unpacked
  // extension that reloads itself (runtime.reload) instead of starting it again.
  mkdirSync(join(profile, 'Default'));
  writeFileSync(join(profile, 'Default', 'Preferences'), JSON.stringify({ extensions: { ui: { developer_mode: true } } }));
  // Every request, http and https, goes through the fixture server's proxy, which records it. No name resolves
  // except the proxy's address, so nothing can go around it.
  const proxy = `--proxy-server=http://127.0.0.1:${server.proxyPort}`;
  const rules = '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1';
  const language = browserLanguage();
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    // On Linux Chromium takes its UI language (the one chrome.i18n uses) from LANGUAGE.
    ...(language ? { env: { ...process.env, LANGUAGE: language }, locale: language } : {}),
    headless: false, // the new headless mode, set below, is the one that loads extensions
    ignoreDefaultArgs: ['--disable-extensions'],
    // A window a person uses (the demo) sizes its pages itself.
    ...(headed ? { viewport: null } : {}),
    args: [
      ...(headed ? [] : ['--headless=new']), `--disable-extensions-except=${dir}`, `--load-extension=${dir}`, '--no-sandbox',
      '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--no-first-run', '--disable-quic', proxy, rules, '--ignore-certificate-errors',
      ...(language ? [`--lang=${language}`] : []),
    ],
  });
  let [worker] = context.serviceWorkers();
  if (!worker) worker = await context.waitForEvent('serviceworker');
  const origin = `chrome-extension://${new URL(worker.url()).host}`;
  // Chromium records the tab a DevTools-made tab was opened from (the last one), as it does for a link a person
  // opens in a new tab. Tabs an extension page makes have no opener, like a tab a person opens, so once one of ours
  // is open, new pages are made through it.
  let tabMaker = null;
  return {
    name: 'chromium',
    origin,
    async newPage() {
      // The extension's pages close when it reloads (a test does that): DevTools makes the tabs then.
      if (tabMaker?.raw.isClosed()) tabMaker = null;
      const page = tabMaker
        ? (await Promise.all([
          context.waitForEvent('page'),
          tabMaker.evaluate(() => chrome.tabs.create({ url: 'about:blank' })),
        ]))[0]
        : await context.newPage();
      return collectErrors(wrapPage(page, 'playwright', navigations));
    },
    makeTabsFrom(page) {
      tabMaker = page;
    },
    async openExtensionPage(path) {
      const page = await this.newPage();
      await page.goto(`${origin}/${path}`);
      return page;
    },
    /** Resolves when the browser is gone (a person closed its window). */
    closed: () => new Promise((resolve) => context.on('close', resolve)),
    async close() {
      // A persistent context exposes no browser process; the stage's time limit ends a Chromium that stays.
      await closeWithin(context.close(), () => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Firefox ESR with no extension yet, every request through the fixture server's proxy: the bench installs its own
 * extensions into it one at a time.
 */
export function startFirefox(server, { headed = false } = {}) {
  const language = browserLanguage();
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
    headless: !headed,
    ...(headed ? { defaultViewport: null } : {}),
    acceptInsecureCerts: true,
    env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
    // Lets WebDriver BiDi open the extension's own moz-extension:// pages.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'network.proxy.type': 1,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': server.proxyPort,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': server.proxyPort,
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': true,
      'extensions.webextensions.uuids': JSON.stringify({ [FIREFOX_ID]: FIREFOX_UUID }),
      // Remote settings (blocklists, experiments, breach alerts) would poll Mozilla's server through the proxy all
      // run long; pointed at a data: URL it makes no request at all. A release build takes this pref only with
      // MOZ_REMOTE_SETTINGS_DEVTOOLS set (below).
      'services.settings.server': 'data:,#remote-settings-dummy/v1',
      ...(language ? { 'intl.locale.requested': language, 'intl.accept_languages': language } : {}),
    },
  });
}

async function launchFirefox(server, navigations, options) {
  const browser = await startFirefox(server, options);
  await browser.installExtension(join(DIST, 'firefox'));
  const origin = `moz-extension://${FIREFOX_UUID}`;
  return {
    name: 'firefox',
    origin,
    async newPage() {
      return collectErrors(wrapPage(await browser.newPage(), 'puppeteer', navigations));
    },
    async openExtensionPage(path) {
      const page = await this.newPage();
      // The navigation moves the tab into the extension's process, which BiDi reports as a detached frame; the
      // page itself loads fine, so wait for it instead of for the navigation.
      await page.raw.goto(`${origin}/${path}`, { timeout: 5000 }).catch(() => undefined);
      await page.waitFor((o) => location.origin === o && document.readyState === 'complete', origin, 10000);
      return page;
    },
    closed: () => new Promise((resolve) => browser.on('disconnected', resolve)),
    async close() {
      await closeWithin(browser.close(), () => browser.process()?.kill('SIGKILL'));
    },
  };
}

/**
 * Launches `name` ('chromium' | 'firefox') with the extension and returns a driver with helpers that ask the
 * extension itself (through one of its own pages) for tab ids, toolbar badge texts and tab reports. Headless unless
 * `headed` (the demo's window).
 */
export async function launchBrowser(name, server, { headed = false } = {}) {
  const navigations = [];
  const browser = name === 'firefox'
    ? await launchFirefox(server, navigations, { headed })
    : await launchChromium(server, navigations, { headed });
  const control = await browser.openExtensionPage(CONTROL_PAGE);
  browser.makeTabsFrom?.(control);
  return {
    ...browser,
    control,
    /** Every URL a test loaded with a page's `goto`, in order. */
    navigations,
    /** The most recently opened tab: tab ids only grow. */
    async latestTabId() {
      return control.evaluate(async () => {
        const tabs = await (globalThis.browser ?? globalThis.chrome).tabs.query({});
        return Math.max(...tabs.map((t) => t.id));
      });
    },
    async badgeText(tabId) {
      return control.evaluate(async (id) => (globalThis.browser ?? globalThis.chrome).action.getBadgeText({ tabId: id }), tabId);
    },
    async tabState(tabId) {
      return control.evaluate(
        async (id) => (globalThis.browser ?? globalThis.chrome).runtime.sendMessage({ type: 'get-tab-state', tabId: id }),
        tabId,
      );
    },
    async sendFromExtensionPage(message) {
      return control.evaluate(async (m) => (globalThis.browser ?? globalThis.chrome).runtime.sendMessage(m), message);
    },
    async storage(keys) {
      return control.evaluate(async (k) => (globalThis.browser ?? globalThis.chrome).storage.local.get(k), keys);
    },
    async setStorage(items) {
      return control.evaluate(async (i) => (globalThis.browser ?? globalThis.chrome).storage.local.set(i), items);
    },
    async clearStorage() {
      return control.evaluate(async () => (globalThis.browser ?? globalThis.chrome).storage.local.clear());
    },
    /** Waits until the tab's report satisfies `check(report)`, and returns it. */
    async waitForReport(tabId, check, timeout = 10000) {
      const deadline = Date.now() + timeout;
      let report = null;
      while (Date.now() < deadline) {
        report = await this.tabState(tabId);
        if (report && check(report)) return report;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`tab ${tabId}: report never matched; last: ${JSON.stringify(report)}`);
    },
  };
}
