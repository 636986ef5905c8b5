// The feed benchmark (`./build.sh bench`): what Bezwaar costs a Facebook feed, next to what any badge extension
// must cost (bench/floor.js), what the naive approach costs (bench/naive.js), and what Bezwaar's badge costs without
// any reading (bench/badge-only.js). Two scenarios on one page (bench/feed.js): the feed, 2,000 posts appended 10
// per animation frame and then removed; and scrolling, a person skimming 300 posts while the feed grows ahead of
// them. Then start-up in both browsers, the feed in Firefox (bench/firefox.mjs), and one summary against the
// targets (bench/targets.mjs).
//
// One headless Chromium holds Bezwaar, a bench-only copy of it that runs the wasm encoding (bezwaarWasmCopy) and
// three bench-only extensions generated from floor.js, naive.js and badge-only.js. All are real extension content
// scripts injected at document_idle into their own isolated worlds, so the bench scripts pay exactly what Bezwaar
// pays for being an extension (injection, world set-up, bindings, observer callbacks that cross into an isolated
// world); an init script in the page's main world would make them look cheaper than any extension can be. Every run
// loads the same URL, https://www.facebook.com/?bench=feed (served by the fixture server); which extension may run
// there is switched between runs through Chromium's per-extension site access (chrome://extensions), so the
// configurations differ only in the content script present. Runs are sequential (they would otherwise compete
// for the CPU), in a fresh tab (a fresh renderer) each, and their order rotates from one repetition to the next.
//
// Figures come from the browser's own counters (CDP Performance.getMetrics) for the page's renderer, read before
// the posts are appended and after all work has settled. Short traced runs give two more things: forced synchronous
// layouts (Layout / UpdateLayoutTree trace events that carry a JavaScript stack were forced by script), and the
// main thread's time by phase, which separates the rendering an extension adds from its script. Heap figures are
// read after a forced garbage collection. The scrolling runs count frames over 16 ms from the page's animation-frame
// timestamps and take the longest task from a trace. Start-up (injection to core ready) is the `startupMs` of the
// tab's page report, read through the background by tests/e2e/browsers.mjs, in Chromium and in Firefox.
//
// Environment: BEZWAAR_DIST (the built extension; the build/ beside it holds its content core), BENCH_POSTS (2000),
// BENCH_REPEATS (5: the page-alone runs vary by about 5%, so fewer cannot resolve a few hundred ms; also Firefox's
// feed runs), BENCH_TRACED_REPEATS (9), BENCH_SCROLL_POSTS (300), BENCH_SCROLL_REPEATS (3), BENCH_LOADS (10),
// BENCH_FIREFOX=0 to skip Firefox, BENCH_ONLY=startup for the start-up figures alone. A quick
// check that it all runs: BENCH_REPEATS=1 BENCH_TRACED_REPEATS=1 BENCH_SCROLL_REPEATS=1 BENCH_LOADS=2.
// Exits 0 when targets are missed (it measures), non-zero when a run fails.
import { chromium } from 'playwright-core';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync, cpSync, mkdirSync, existsSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser } from '../tests/e2e/browsers.mjs';
import { startFixtureServer } from '../tests/e2e/server.mjs';
import { FIREFOX_CANNOT, firefoxFeed, printFirefoxTable } from './firefox.mjs';
import { coreSizes, printSummary } from './targets.mjs';

const HERE = new URL('.', import.meta.url).pathname;
const DIST = process.env.BEZWAAR_DIST ?? new URL('../dist/', import.meta.url).pathname;
const POSTS = Number(process.env.BENCH_POSTS ?? 2000);
const BATCH = 10;
const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);
const LOADS = Number(process.env.BENCH_LOADS ?? 10);
const WITH_FIREFOX = process.env.BENCH_FIREFOX !== '0';
const TRACED_POSTS = 300;
/** Traced runs per configuration: their main-thread breakdown is a median (see mainThreadBreakdown). */
const TRACED_REPEATS = Number(process.env.BENCH_TRACED_REPEATS ?? 9);
/** The scrolling scenario: a person scrolls through SCROLL_POSTS posts while the feed grows ahead of them. */
const SCROLL_POSTS = Number(process.env.BENCH_SCROLL_POSTS ?? 300);
const SCROLL_REPEATS = Number(process.env.BENCH_SCROLL_REPEATS ?? 3);
/**
 * The scrolling pace, the same for every configuration: 4,000 px a second, about five of the bench feed's posts
 * (each about 780 px tall) a second, so 300 posts take about a minute. That is a person skimming, flicking through
 * the feed for something worth stopping at, not reading each post (a post per second or two would make one run
 * five to ten minutes); a faster pace is also the harder one for an extension, which must badge more posts a second.
 */
const SCROLL_PX_PER_S = 4000;
/** Infinite scroll: the next SCROLL_BATCH posts come whenever the feed's end is within two screens below the view. */
const SCROLL_BATCH = 10;
const SCROLL_AHEAD_PX = 1800;
/** Quiet time after the last badge before the counters are read: longer than any frame budget spill-over. */
const QUIET_MS = 600;
/** Quiet time after an extension has badged the page's first posts, before measuring starts. */
const STARTUP_QUIET_MS = 600;
const METRICS = ['ThreadTime', 'TaskDuration', 'ScriptDuration', 'LayoutDuration', 'RecalcStyleDuration', 'LayoutCount', 'RecalcStyleCount'];

const CONFIGS = [
  { key: 'alone', label: 'page alone', extension: null },
  { key: 'floor', label: 'floor (bench/floor.js)', extension: 'floor' },
  { key: 'naive', label: 'naive (bench/naive.js)', extension: 'naive' },
  // Bezwaar's badge with no reading: splits Bezwaar's cost into showing its badge and reading the post.
  { key: 'badge', label: 'badge only (badge-only.js)', extension: 'badge-only' },
  // Chromium's content script always runs the wasm2js encoding (a refused wasm compile would be reported to the page
  // and its site: see the README). The wasm encoding, which Firefox runs, is measured here through a bench-only copy
  // of the built extension whose loader takes the wasm path (bezwaarWasmCopy), on a page whose CSP allows it.
  { key: 'bezwaar', label: 'Bezwaar wasm (no page CSP)', extension: 'bezwaar-wasm', engine: 'wasm' },
  // The extension as built, under the strict policy of Meta's pages.
  { key: 'bezwaar-js', label: 'Bezwaar wasm2js (strict CSP)', extension: 'bezwaar', engine: 'wasm2js', csp: 'strict' },
];

const BENCH_EXTENSIONS = ['floor', 'naive', 'badge-only'];
const isBezwaar = (config) => config.extension?.startsWith('bezwaar');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const log = (line) => process.stdout.write(`${line}\n`);

/**
 * Bezwaar's badge stylesheet and host layout, read from src/dom/badge.rs so that bench/badge-only.js shows exactly the
 * badge Bezwaar shows.
 */
function bezwaarBadgeLook() {
  const source = readFileSync(join(HERE, '../src/dom/badge.rs'), 'utf8');
  const style = source.match(/const STYLE: &str = r#"([\s\S]*?)"#;/)?.[1];
  const hostLayout = source.match(/const HOST_LAYOUT: &str = "([\s\S]*?)";/)?.[1]?.replace(/\\\n\s*/g, '');
  if (!style || !hostLayout) throw new Error('STYLE or HOST_LAYOUT is no longer in src/dom/badge.rs: update bench/run.mjs');
  return { style, hostLayout };
}

/** The three bench-only extensions, written into a temporary folder from floor.js, naive.js and badge-only.js. */
function writeBenchExtensions(dir) {
  const paths = {};
  for (const name of BENCH_EXTENSIONS) {
    const root = join(dir, name);
    mkdirSync(root, { recursive: true });
    copyFileSync(join(HERE, `${name}.js`), join(root, `${name}.js`));
    const scripts = [`${name}.js`];
    if (name === 'badge-only') {
      // Set on the global the extension's content scripts share, where the next script finds it in either browser.
      writeFileSync(join(root, 'badge-look.js'), `globalThis.BEZWAAR_BADGE = ${JSON.stringify(bezwaarBadgeLook())};\n`);
      scripts.unshift('badge-look.js');
    }
    writeFileSync(join(root, 'manifest.json'), JSON.stringify({
      manifest_version: 3,
      name: `bench-${name}`,
      version: '1.0.0',
      description: `Bezwaar feed benchmark: the ${name} content script`,
      // Where Bezwaar's content script runs, when it runs.
      content_scripts: [{ matches: ['https://*.facebook.com/*'], js: scripts, run_at: 'document_idle' }],
      // Firefox installs an extension only with an id (Chromium ignores this key).
      browser_specific_settings: { gecko: { id: `bench-${name}@bezwaar.invalid` } },
    }, null, 2));
    paths[name] = root;
  }
  return paths;
}

/**
 * The built Chromium extension, copied with its content script switched to the wasm encoding (Firefox's bundle, which
 * runs in either browser) and renamed so the bench can tell it apart: the only way to measure the wasm encoding in
 * Chromium, whose content script as built runs wasm2js.
 */
function bezwaarWasmCopy(dir) {
  const root = join(dir, 'bezwaar-wasm');
  cpSync(join(DIST, 'chrome'), root, { recursive: true });
  cpSync(join(DIST, 'firefox', 'content', 'content.js'), join(root, 'content', 'content.js'));
  const manifestPath = join(root, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  writeFileSync(manifestPath, JSON.stringify({ ...manifest, name: 'bench-bezwaar-wasm' }, null, 2));
  return root;
}

const BENCH_FILES = { '/bench/feed.js': 'feed.js', '/bench/feed.css': 'feed.css' };
const TYPES = { js: 'text/javascript', css: 'text/css', html: 'text/html; charset=utf-8' };

/**
 * The bench page, from bench/, on its Facebook URL (https://www.facebook.com/?bench=feed), for the fixture server to
 * serve in both browsers; null for any other request.
 */
function feedFile(url) {
  if (url.hostname !== 'www.facebook.com' || !(url.searchParams.has('bench') || url.pathname in BENCH_FILES)) return null;
  const file = BENCH_FILES[url.pathname] ?? 'feed.html';
  return { file: join(HERE, file), type: TYPES[file.split('.').pop()] };
}

/**
 * Chromium with Bezwaar and the bench extensions, started with the flags tests/e2e/browsers.mjs uses (its
 * launchBrowser loads Bezwaar alone, so it cannot hold the bench extensions; start-up figures do use it).
 */
async function launchFeedBrowser(server, extensionDirs) {
  const profile = mkdtempSync(join(tmpdir(), 'bezwaar-bench-'));
  const list = extensionDirs.join(',');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: false, // the new headless mode, set below, is the one that loads extensions
    ignoreDefaultArgs: ['--disable-extensions'],
    viewport: { width: 1280, height: 900 },
    args: [
      '--headless=new', `--disable-extensions-except=${list}`, `--load-extension=${list}`, '--no-sandbox',
      '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--no-first-run', '--disable-quic', `--host-resolver-rules=MAP * 127.0.0.1:${server.httpsPort}, EXCLUDE localhost`,
      '--ignore-certificate-errors',
    ],
  });
  // chrome://extensions carries the API behind the "Site access" setting: the switch between configurations.
  const manager = await context.newPage();
  await manager.goto('chrome://extensions');
  const infos = await manager.evaluate(() => new Promise((resolve) => chrome.developerPrivate.getExtensionsInfo({}, resolve)));
  const unpacked = infos.filter((info) => info.location === 'UNPACKED');
  const ids = {
    ...Object.fromEntries([...BENCH_EXTENSIONS, 'bezwaar-wasm'].map((name) => [name, unpacked.find((info) => info.name === `bench-${name}`)?.id])),
    bezwaar: unpacked.find((info) => !info.name.startsWith('bench-'))?.id,
  };
  if (Object.values(ids).some((id) => !id)) throw new Error(`extensions not loaded: ${JSON.stringify(infos.map((i) => i.name))}`);
  return {
    context,
    ids,
    version: context.browser()?.version() ?? (await manager.evaluate(() => navigator.userAgent)).match(/Chrome\/([\d.]+)/)?.[1],
    /** Lets `active` (or none) run on Meta's sites; the others wait for a click that never comes. */
    async allowOnly(active) {
      for (const [name, id] of Object.entries(ids)) {
        await manager.evaluate(([extensionId, hostAccess]) =>
          chrome.developerPrivate.updateExtensionConfiguration({ extensionId, hostAccess }),
        [id, name === active ? 'ON_ALL_SITES' : 'ON_CLICK']);
      }
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

async function metrics(cdp) {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map(({ name, value }) => [name, value]));
}

/** JS heap in use after a full garbage collection (all worlds of the page share one V8 heap). */
async function heapAfterGc(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  return (await metrics(cdp)).JSHeapUsedSize;
}

/** Evaluates `expression` in an extension's content-script world of the page (CDP: its isolated world). */
async function evaluateInWorld(cdp, extensionId, expression) {
  const contexts = [];
  const collect = ({ context }) => contexts.push(context);
  cdp.on('Runtime.executionContextCreated', collect);
  await cdp.send('Runtime.enable');
  cdp.off('Runtime.executionContextCreated', collect);
  await cdp.send('Runtime.disable');
  const world = contexts.find((c) => c.auxData?.type === 'isolated' && c.origin === `chrome-extension://${extensionId}`);
  if (!world) throw new Error(`no content-script world of ${extensionId} in the page`);
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
    expression, contextId: world.id, awaitPromise: true, returnByValue: true,
  });
  if (exceptionDetails) throw new Error(`in the content-script world: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
  return result.value;
}

/**
 * Bezwaar's linear memory in bytes, from the page report its background keeps for the one Facebook tab open (the
 * report gives it in 64 KiB pages); null when the extension's service worker is not running.
 */
async function coreMemory(browser, extensionId) {
  const worker = browser.context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`));
  if (!worker) return null;
  const pages = await worker.evaluate(async () => Object.values(await chrome.storage.session.get(null))
    .filter((state) => state?.url?.startsWith('https://www.facebook.com/')).map((report) => report.memoryPages));
  return pages.length === 1 ? pages[0] * 65536 : null;
}

/**
 * For BENCH_PROFILE only: wraps the DOM calls a content script makes, in its own world (each world has its own
 * prototypes, so the page and other extensions are untouched), to time them by method and argument.
 */
function installCallTimer() {
  const stats = new Map();
  globalThis.benchCallStats = stats;
  const wrap = (target, name, label, keyOf) => {
    const original = target[name];
    if (typeof original !== 'function') return;
    target[name] = function timed(...args) {
      const started = performance.now();
      try {
        return original.apply(this, args);
      } finally {
        const key = `${label}.${name}(${keyOf ? String(keyOf(args)).slice(0, 100) : ''})`;
        const entry = stats.get(key) ?? { calls: 0, ms: 0 };
        entry.calls += 1;
        entry.ms += performance.now() - started;
        stats.set(key, entry);
      }
    };
  };
  const first = (args) => args[0];
  for (const name of ['querySelectorAll', 'querySelector']) {
    wrap(Document.prototype, name, 'document', first);
    wrap(Element.prototype, name, 'element', first);
  }
  wrap(Element.prototype, 'closest', 'element', first);
  wrap(Element.prototype, 'matches', 'element', first);
  wrap(Element.prototype, 'checkVisibility', 'element');
  wrap(Element.prototype, 'getBoundingClientRect', 'element');
  wrap(Element.prototype, 'attachShadow', 'element');
  wrap(Element.prototype, 'setAttribute', 'element', first);
  wrap(Node.prototype, 'insertBefore', 'node');
  wrap(Node.prototype, 'appendChild', 'node');
  wrap(Object.hasOwn(Window.prototype, 'getComputedStyle') ? Window.prototype : globalThis, 'getComputedStyle', 'window');
  wrap(CSSStyleDeclaration.prototype, 'getPropertyValue', 'style', first);
  wrap(MutationObserver.prototype, 'takeRecords', 'observer');
  wrap(chrome.runtime, 'sendMessage', 'runtime');
  wrap(chrome.i18n, 'getMessage', 'i18n', first);
  wrap(chrome.i18n, 'getUILanguage', 'i18n');
}

/** Runs `during` under a trace of `categories` (by default devtools.timeline) and returns the trace events. */
async function traced(cdp, during, categories = ['devtools.timeline', 'disabled-by-default-devtools.timeline.stack']) {
  await cdp.send('Tracing.start', { transferMode: 'ReturnAsStream', traceConfig: { includedCategories: categories } });
  await during();
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  const { stream } = await complete;
  const chunks = [];
  for (;;) {
    const { data, eof, base64Encoded } = await cdp.send('IO.read', { handle: stream, size: 4 << 20 });
    chunks.push(base64Encoded ? Buffer.from(data, 'base64') : Buffer.from(data));
    if (eof) break;
  }
  await cdp.send('IO.close', { handle: stream });
  const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  return Array.isArray(parsed) ? parsed : parsed.traceEvents;
}

/** Runs `during` under the sampling profiler; returns self time per function, most first. */
async function profiled(cdp, during) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await during();
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.send('Profiler.disable');
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const place = ({ functionName, url, lineNumber }) => {
    const short = url.replace(/^chrome-extension:\/\/[a-z]+\//, 'ext:').replace(/^https:\/\/www\.facebook\.com/, '');
    return `${functionName || '(anonymous)'} ${short}:${lineNumber + 1}`;
  };
  // A browser built-in (querySelectorAll, getPropertyValue) is named with the script function that called it.
  const label = (id) => {
    const { callFrame } = nodes.get(id);
    if (callFrame.url) return place(callFrame);
    for (let up = parents.get(id); up !== undefined; up = parents.get(up)) {
      const caller = nodes.get(up).callFrame;
      if (caller.url) return `${callFrame.functionName} <- ${place(caller)}`;
    }
    return callFrame.functionName;
  };
  const self = new Map();
  profile.samples.forEach((id, i) => {
    const key = label(id);
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...self.entries()].sort((a, b) => b[1] - a[1]);
}

/** Layouts and style recalculations that script forced, by whose script it was (its stack's frames). */
function forcedWork(events) {
  const counts = { layout: { extension: 0, page: 0 }, style: { extension: 0, page: 0 } };
  for (const event of events) {
    const kind = event.name === 'Layout' ? 'layout' : event.name === 'UpdateLayoutTree' ? 'style' : null;
    if (!kind || (event.ph !== 'X' && event.ph !== 'B')) continue;
    const stack = event.args?.beginData?.stackTrace ?? event.args?.data?.stackTrace;
    if (!Array.isArray(stack) || stack.length === 0) continue;
    const byExtension = stack.some((frame) => String(frame.url).startsWith('chrome-extension://'));
    counts[kind][byExtension ? 'extension' : 'page'] += 1;
  }
  return counts;
}

/** The renderer main thread's trace events, as the breakdown below groups them. */
const PHASES = [
  ['style', (name) => name === 'UpdateLayoutTree'],
  ['layout', (name) => name === 'Layout'],
  ['pre-paint', (name) => name === 'PrePaint'],
  ['paint', (name) => ['Paint', 'Layerize', 'UpdateLayer', 'CompositeLayers', 'Commit'].includes(name)],
  ['GC', (name) => /^(V8\.GC|MajorGC|MinorGC|BlinkGC)/.test(name)],
  ['script and tasks', () => true],
];
/** The phases an extension's writes cause, as opposed to its own script. */
const RENDERING_PHASES = ['style', 'layout', 'pre-paint', 'paint'];
const renderingOf = (phases) => RENDERING_PHASES.reduce((sum, phase) => sum + phases[phase], 0);

/** The complete trace events of each renderer main thread, keyed "pid:tid". */
function rendererMainThreadEvents(events) {
  const mainThreads = new Set(events
    .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
    .map((e) => `${e.pid}:${e.tid}`));
  const byThread = new Map();
  for (const event of events) {
    const thread = `${event.pid}:${event.tid}`;
    if (event.ph !== 'X' || typeof event.dur !== 'number' || !mainThreads.has(thread)) continue;
    if (!byThread.has(thread)) byThread.set(thread, []);
    byThread.get(thread).push(event);
  }
  return byThread;
}

/**
 * Self time of the renderer main thread's trace events, by phase (PHASES), in ms. A run of TRACED_POSTS posts,
 * where the page's own rendering (which grows with the square of the feed's length) is small, so its variation
 * between runs hides less of what an extension adds than in the full runs.
 */
function mainThreadBreakdown(events) {
  const byThread = rendererMainThreadEvents(events);
  const phaseOf = (name) => PHASES.find(([, test]) => test(name))[0];
  const totals = Object.fromEntries(PHASES.map(([phase]) => [phase, 0]));
  for (const list of byThread.values()) {
    // Complete events nest; an event's self time is its duration less that of the events directly inside it.
    list.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    const open = [];
    for (const event of list) {
      while (open.length && open.at(-1).ts + open.at(-1).dur <= event.ts) open.pop();
      const parent = open.at(-1);
      if (parent) totals[phaseOf(parent.name)] -= event.dur / 1000;
      totals[phaseOf(event.name)] += event.dur / 1000;
      open.push(event);
    }
  }
  return totals;
}

/**
 * The longest task on the page's renderer main thread, in ms, from a trace of the 'toplevel' category (each task the
 * thread runs is one complete event; events inside a task are skipped). The page's thread is the busiest renderer
 * main thread: nothing else in the browser renders while the page scrolls.
 */
function longestTask(events) {
  const tasks = rendererMainThreadEvents(events);
  let busiest = { busy: -1, longest: 0 };
  for (const list of tasks.values()) {
    list.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    let busy = 0;
    let longest = 0;
    let end = -Infinity;
    for (const event of list) {
      if (event.ts < end) continue;
      end = event.ts + event.dur;
      busy += event.dur;
      longest = Math.max(longest, event.dur);
    }
    if (busy > busiest.busy) busiest = { busy, longest };
  }
  if (busiest.busy <= 0) throw new Error('the trace holds no task of a renderer main thread: the longest task cannot be read');
  return busiest.longest / 1000;
}

const BADGE_KIND = { floor: 'floor', naive: 'naive', 'badge-only': 'badge-only', bezwaar: 'bezwaar-badge', 'bezwaar-wasm': 'bezwaar-badge' };

/**
 * What the run left on the page. Returns [failures, remarks]: a failure means the run did not measure what it
 * claims (a post left without a badge, another configuration's script present); a remark is a finding (Bezwaar
 * badged a post wrongly) that the table reports.
 */
function checkBadges(config, census) {
  const failures = [];
  const remarks = [];
  const unbadged = census.posts.filter((p) => p.badges === 0).length;
  const foreign = census.posts.filter((p) => p.kind !== null && p.kind !== BADGE_KIND[config.extension]).length;
  if (config.extension && unbadged) failures.push(`${unbadged} posts without a badge`);
  if (foreign) failures.push(`${foreign} posts badged by a script that should not run in this configuration`);
  const doubled = census.posts.filter((p) => p.badges > 1).length;
  if (doubled) remarks.push(`${doubled} posts with more than one badge`);
  if (census.commentBadges) remarks.push(`${census.commentBadges} badges on comments`);
  if (isBezwaar(config)) {
    const wrong = census.posts.filter((p) => p.visibility !== (p.audience === 'Shared with Public' ? 'public' : 'limited')).length;
    if (wrong) remarks.push(`${wrong} posts with the wrong visibility`);
  }
  return [failures, remarks];
}

/** One configuration, one fresh tab: load, settle, append POSTS posts, settle, remove them, settle. */
async function feedRun(browser, config, { posts, trace = false, profile = false, timeCalls = false, again = false }) {
  await browser.allowOnly(config.extension);
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  try {
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(`https://www.facebook.com/?bench=feed${config.csp ? `&csp=${config.csp}` : ''}`, { waitUntil: 'load' });
    if (config.extension) await page.waitForFunction(() => window.benchFeed.firstBadged(), null, { timeout: 20000, polling: 50 });
    await sleep(STARTUP_QUIET_MS);
    const wasm = isBezwaar(config) ? () => coreMemory(browser, browser.ids[config.extension]) : async () => null;
    const start = { heap: await heapAfterGc(cdp), wasm: await wasm() };
    const extensionId = config.extension && browser.ids[config.extension];
    if (timeCalls) await evaluateInWorld(cdp, extensionId, `(${installCallTimer})()`);
    const m0 = await metrics(cdp);
    const append = () => page.evaluate((o) => window.benchFeed.append(o),
      { posts, batch: BATCH, badges: Boolean(config.extension), quietMs: QUIET_MS, timeoutMs: 120000 });
    let timing;
    let forced = null;
    let hotspots = null;
    let phases = null;
    if (trace) {
      const events = await traced(cdp, async () => { timing = await append(); });
      forced = forcedWork(events);
      phases = mainThreadBreakdown(events);
    }
    else if (profile) hotspots = await profiled(cdp, async () => { timing = await append(); });
    else timing = await append();
    const m1 = await metrics(cdp);
    const calls = timeCalls
      ? await evaluateInWorld(cdp, extensionId, '[...globalThis.benchCallStats].sort((a, b) => b[1].ms - a[1].ms)')
      : null;
    const census = await page.evaluate(() => window.benchFeed.census());
    const [failures, problems] = checkBadges(config, census);
    if (failures.length) throw new Error(`${config.label}: ${failures.join('; ')}`);
    const full = { heap: await heapAfterGc(cdp), wasm: await wasm() };
    const m2 = await metrics(cdp);
    await page.evaluate((o) => window.benchFeed.removeAll(o), { quietMs: QUIET_MS });
    const m3 = await metrics(cdp);
    const removed = { heap: await heapAfterGc(cdp), wasm: await wasm() };
    // The same posts again: what the first cycle left that a second does not add to is a one-time cost (code
    // compiled, caches filled), not posts held on to.
    let removedAgain = null;
    if (again) {
      await append();
      await page.evaluate((o) => window.benchFeed.removeAll(o), { quietMs: QUIET_MS });
      removedAgain = { heap: await heapAfterGc(cdp), wasm: await wasm() };
    }
    const delta = (a, b) => Object.fromEntries(METRICS.map((k) => [k, b[k] - a[k]]));
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    return { config: config.key, timing, append: delta(m0, m1), removal: delta(m2, m3), start, full, removed, removedAgain, forced, phases, hotspots, calls, problems };
  } finally {
    await page.close();
  }
}

/**
 * One configuration scrolling through the feed (feed.js `scroll`), in a fresh tab: frames the page could not draw on
 * time (animation-frame timestamps) and the longest task on the page's main thread (a 'toplevel' trace), with the
 * renderer's counters around the scroll.
 */
async function scrollRun(browser, config) {
  await browser.allowOnly(config.extension);
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  try {
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(`https://www.facebook.com/?bench=feed${config.csp ? `&csp=${config.csp}` : ''}`, { waitUntil: 'load' });
    if (config.extension) await page.waitForFunction(() => window.benchFeed.firstBadged(), null, { timeout: 20000, polling: 50 });
    await sleep(STARTUP_QUIET_MS);
    const m0 = await metrics(cdp);
    let timing;
    const events = await traced(cdp, async () => {
      timing = await page.evaluate((o) => window.benchFeed.scroll(o), {
        posts: SCROLL_POSTS, pxPerSecond: SCROLL_PX_PER_S, batch: SCROLL_BATCH, aheadPx: SCROLL_AHEAD_PX,
        badges: Boolean(config.extension), quietMs: QUIET_MS, timeoutMs: 300000,
      });
    }, ['toplevel']);
    const m1 = await metrics(cdp);
    const census = await page.evaluate(() => window.benchFeed.census());
    const [failures, problems] = checkBadges(config, census);
    if (failures.length) throw new Error(`${config.label}, scrolling: ${failures.join('; ')}`);
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    return {
      config: config.key, timing, longestTaskMs: longestTask(events), problems,
      counters: Object.fromEntries(METRICS.map((k) => [k, m1[k] - m0[k]])),
    };
  } finally {
    await page.close();
  }
}

/** Start-up of Bezwaar's content script (injection to core ready), `loads` page loads per page CSP. */
async function startupFigures(name, server, loads) {
  const browser = await launchBrowser(name, server);
  const results = {};
  try {
    for (const csp of ['none', 'strict']) {
      const samples = [];
      const phases = [];
      let engine = null;
      for (let i = 0; i < loads; i += 1) {
        const page = await browser.newPage();
        await page.goto(server.url('www.facebook.com', '/', 'facebook/feed-basic', `&csp=${csp}`));
        const tabId = await browser.latestTabId();
        const report = await browser.waitForReport(tabId, (r) => typeof r.startupMs === 'number');
        samples.push(report.startupMs);
        phases.push(report.startupPhases);
        engine = report.engine;
        await page.close();
      }
      const phase = (key) => median(phases.map((p) => p[key]));
      results[csp] = {
        median: median(samples), first: samples[0], min: Math.min(...samples), max: Math.max(...samples), engine,
        phases: { script: phase('scriptMs'), core: phase('coreMs'), texts: phase('textsMs') },
      };
    }
  } finally {
    await browser.close();
  }
  return results;
}

const ms = (v) => `${v.toFixed(0)} ms`;
const mb = (v) => (v == null ? '-' : `${(v / 1048576).toFixed(1)} MB`);
const pad = (text, width) => String(text).padStart(width);
const padEnd = (text, width) => String(text).padEnd(width);

function summarise(runs) {
  const alone = runs.filter((r) => r.config === 'alone');
  const rows = {};
  for (const config of CONFIGS) {
    const mine = runs.filter((r) => r.config === config.key);
    // Each run is paired with the page-alone run of its own repetition, so load that drifts between repetitions
    // (others share this machine) cancels out as far as it can.
    const perRun = (pick) => mine.map((r, i) => pick(r) - pick(alone[i]));
    const perThousandPosts = 1000 / POSTS;
    const cpu = perRun((r) => r.append.ThreadTime * 1000).map((v) => v * perThousandPosts);
    rows[config.key] = {
      config,
      cpu: median(mine.map((r) => r.append.ThreadTime * 1000)),
      cpuRuns: mine.map((r) => r.append.ThreadTime * 1000),
      task: median(mine.map((r) => r.append.TaskDuration * 1000)),
      script: median(mine.map((r) => r.append.ScriptDuration * 1000)),
      layoutMs: median(mine.map((r) => r.append.LayoutDuration * 1000)),
      styleMs: median(mine.map((r) => r.append.RecalcStyleDuration * 1000)),
      addedCpu: median(cpu),
      addedCpuRuns: cpu,
      addedTask: median(perRun((r) => r.append.TaskDuration * 1000)) * perThousandPosts,
      addedScript: median(perRun((r) => r.append.ScriptDuration * 1000)) * perThousandPosts,
      addedLayouts: median(perRun((r) => r.append.LayoutCount)) / (POSTS / BATCH),
      addedStyles: median(perRun((r) => r.append.RecalcStyleCount)) / (POSTS / BATCH),
      removalCpu: median(perRun((r) => r.removal.ThreadTime * 1000)),
      heapStart: median(mine.map((r) => r.start.heap)),
      heapFull: median(mine.map((r) => r.full.heap)),
      heapRemoved: median(mine.map((r) => r.removed.heap)),
      heapRemovedAgain: median(mine.map((r) => r.removedAgain.heap)),
      wasmStart: median(mine.map((r) => r.start.wasm ?? 0)) || null,
      wasmFull: median(mine.map((r) => r.full.wasm ?? 0)) || null,
      wasmRemoved: median(mine.map((r) => r.removed.wasm ?? 0)) || null,
      toBadge: median(mine.map((r) => r.timing.badgedMs)),
      problems: [...new Set(mine.flatMap((r) => r.problems))],
    };
  }
  return rows;
}

const signed = (v, digits = 1) => `${v >= 0 ? '+' : ''}${v.toFixed(digits)}`;

function printFeedTable(rows, forced, version) {
  log('');
  log(`Feed: ${POSTS} posts appended ${BATCH} per animation frame, then removed. Chromium ${version}, headless, ${cpus().length} CPUs,`);
  log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}. Medians of ${REPEATS} runs. Main-thread figures are the renderer main thread's`);
  log('CPU time (ThreadTime); "tasks" is its wall-clock task time. CPU time does not count waiting for a core, but the');
  const alone = Object.values(rows)[0];
  log(`page's rendering is memory-bound and slows when other processes share the cache: the page-alone runs took ${ms(Math.min(...alone.cpuRuns))}`);
  log(`to ${ms(Math.max(...alone.cpuRuns))} for the same work, so "+main" is only as exact as that spread allows; "+script" is far steadier.`);
  log('"+" columns: added over the page alone, each run paired with the page-alone run of its repetition.');
  log([padEnd('', 31), pad('main CPU', 10), pad('tasks', 9), pad('script', 9), pad('layout', 8), pad('style', 8),
    pad('+main ms/1000 posts', 21), pad('(each run)', 20), pad('+tasks/1000', 12), pad('+script/1000', 13),
    pad('+layouts/batch', 15), pad('+styles/batch', 14), pad('last badge', 11)].join(''));
  for (const row of Object.values(rows)) {
    const alone = row.config.key === 'alone';
    log([padEnd(row.config.label, 31), pad(ms(row.cpu), 10), pad(ms(row.task), 9), pad(ms(row.script), 9), pad(ms(row.layoutMs), 8),
      pad(ms(row.styleMs), 8), pad(alone ? '-' : signed(row.addedCpu), 21),
      pad(alone ? '' : `(${row.addedCpuRuns.map((v) => v.toFixed(0)).join(', ')})`, 20),
      pad(alone ? '-' : signed(row.addedTask), 12), pad(alone ? '-' : signed(row.addedScript), 13),
      pad(alone ? '-' : signed(row.addedLayouts, 2), 15), pad(alone ? '-' : signed(row.addedStyles, 2), 14),
      pad(alone ? '-' : ms(row.toBadge), 11)].join(''));
  }
  log('');
  log('Removing all posts at once, added main-thread CPU: ' + CONFIGS.filter((c) => c.key !== 'alone')
    .map((c) => `${c.key} ${signed(rows[c.key].removalCpu, 0)} ms`).join(', '));
  log('');
  log('Memory after a forced GC. JS heap: the page\'s V8 heap, shared by the page and every content-script world.');
  log('wasm: Bezwaar\'s linear memory, from its page report (it never shrinks; it is reused).');
  log(`"+removed, again": after the same ${POSTS} posts were appended and removed a second time.`);
  log([padEnd('', 31), pad('heap start', 11), pad(`+after ${POSTS}`, 13), pad('+removed', 10), pad('+removed, again', 17),
    pad('wasm start', 12), pad(`after ${POSTS}`, 12), pad('removed', 10)].join(''));
  const added = (heap, row) => `${signed((heap - row.heapStart) / 1048576, 2)} MB`;
  for (const row of Object.values(rows)) {
    log([padEnd(row.config.label, 31), pad(mb(row.heapStart), 11), pad(added(row.heapFull, row), 13),
      pad(added(row.heapRemoved, row), 10), pad(added(row.heapRemovedAgain, row), 17), pad(mb(row.wasmStart), 12),
      pad(mb(row.wasmFull), 12), pad(mb(row.wasmRemoved), 10)].join(''));
  }
  log('');
  log(`Forced synchronous work in a traced run of ${TRACED_POSTS} posts (${TRACED_POSTS / BATCH} batches): layouts and style recalcs that`);
  log('script started (trace events carrying a JavaScript stack), by whose script. The page reads layout once per batch (it');
  log('scrolls to the end before appending): when an extension has written to the DOM since the last frame, that read');
  log('forces a layout, counted as the page\'s.');
  for (const config of CONFIGS) {
    const f = forced[config.key];
    log(`  ${padEnd(config.label, 31)} layouts: extension ${f.layout.extension}, page ${f.layout.page};   style recalcs: extension ${f.style.extension}, page ${f.style.page}`);
  }
}

function printBreakdown(tracedRuns) {
  const phases = PHASES.map(([phase]) => phase);
  const medianPhases = (key) => Object.fromEntries(phases.map((phase) =>
    [phase, median(tracedRuns.filter((r) => r.config === key).map((r) => r.phases[phase]))]));
  const alone = medianPhases('alone');
  log('');
  log(`Where the main thread's time goes, in traced runs of ${TRACED_POSTS} posts (medians of ${TRACED_REPEATS}): each phase's self time,`);
  log('added over the page alone, ms per 1,000 posts. At this length the page\'s own rendering varies less between runs');
  log(`than at ${POSTS} posts (page alone: ${phases.map((phase) => `${phase} ${ms(alone[phase])}`).join(', ')}).`);
  log([padEnd('', 31), ...phases.map((phase) => pad(phase, 18))].join(''));
  const rendering = {};
  for (const config of CONFIGS.filter((c) => c.key !== 'alone')) {
    const mine = medianPhases(config.key);
    const added = Object.fromEntries(phases.map((phase) => [phase, ((mine[phase] - alone[phase]) * 1000) / TRACED_POSTS]));
    rendering[config.key] = renderingOf(added);
    log([padEnd(config.label, 31), ...phases.map((phase) => pad(signed(added[phase], 0), 18))].join(''));
  }
  // How far one run's rendering strays from another's: the middle half of the runs, per 1,000 posts.
  const quartiles = (key) => {
    const sorted = tracedRuns.filter((r) => r.config === key).map((r) => renderingOf(r.phases)).sort((a, b) => a - b);
    const at = (f) => (sorted[Math.floor(f * (sorted.length - 1))] * 1000) / TRACED_POSTS;
    return `${ms(at(0.25))} to ${ms(at(0.75))}`;
  };
  log(`Rendering (style + layout + pre-paint + paint) per 1,000 posts, middle half of the runs: ${CONFIGS
    .map((c) => `${c.key} ${quartiles(c.key)}`).join('; ')}.`);
  return rendering;
}

/** Where Bezwaar's added time goes, in ratios and parts; the verdicts are in the summary (bench/targets.mjs). */
function printDetails(rows, forced, rendering) {
  const floor = rows.floor.addedCpu;
  const naive = rows.naive.addedCpu;
  const ratio = (a, b) => (b > 0 ? a / b : NaN);
  const times = (value) => (Number.isFinite(value) ? `${value.toFixed(2)}x` : 'n/a');
  log('');
  log('Details (added main-thread CPU per 1,000 posts)');
  for (const key of ['bezwaar', 'bezwaar-js']) {
    const added = rows[key].addedCpu;
    log(`  ${rows[key].config.label}: / floor = ${times(ratio(added, floor))}, / naive = ${times(ratio(added, naive))}`);
  }
  const bezwaar = rows.bezwaar.addedCpu;
  // The badge by itself, with no reading: what is left of the budget for reading a post.
  const badge = rows.badge.addedCpu;
  log(`  (Bezwaar's badge alone, no reading: / naive = ${times(ratio(badge, naive))}, ${signed(badge, 0)} ms per 1,000 posts; `
    + `reading and the rest of Bezwaar: ${signed(bezwaar - badge, 0)} ms)`);
  // Where Bezwaar's added time goes: its own script, and the layout and style work its badges cause.
  const per1000 = (key, field) => ((rows[key][field] - rows.alone[field]) * 1000) / POSTS;
  log(`  (script alone: Bezwaar / naive = ${times(ratio(rows.bezwaar.addedScript, rows.naive.addedScript))}; Bezwaar adds per 1,000 posts: `
    + `script ${signed(rows.bezwaar.addedScript, 0)} ms, layout ${signed(per1000('bezwaar', 'layoutMs'), 0)} ms, `
    + `style ${signed(per1000('bezwaar', 'styleMs'), 0)} ms)`);
  // The steadier estimate: each script's own time from the full runs, plus the rendering (style, layout, pre-paint,
  // paint) it adds, from the traced short runs.
  const estimate = (key) => rows[key].addedScript + rendering[key];
  log(`  (from the parts, per 1,000 posts: script + added rendering = Bezwaar ${signed(estimate('bezwaar'), 0)} ms `
    + `(${signed(rows.bezwaar.addedScript, 0)} ${signed(rendering.bezwaar, 0)}), naive ${signed(estimate('naive'), 0)} ms `
    + `(${signed(rows.naive.addedScript, 0)} ${signed(rendering.naive, 0)}), floor ${signed(estimate('floor'), 0)} ms; `
    + `Bezwaar / naive = ${times(ratio(estimate('bezwaar'), estimate('naive')))})`);
  log(`  forced synchronous layouts by Bezwaar: wasm ${forced.bezwaar.layout.extension}, wasm2js ${forced['bezwaar-js'].layout.extension}`);
  const perBatch = (key) => (forced[key].layout.page / (TRACED_POSTS / BATCH)).toFixed(2);
  log(`  (layouts the page's own read was forced into per batch: Bezwaar ${perBatch('bezwaar')}, floor ${perBatch('floor')}, naive ${perBatch('naive')}, page alone ${perBatch('alone')})`);
  const forcedStyles = forced.bezwaar.style.extension / (TRACED_POSTS / BATCH);
  log(`  (forced style recalcs by Bezwaar: ${forcedStyles.toFixed(2)} per batch; the floor and naive scripts force none)`);
  for (const key of ['bezwaar', 'bezwaar-js']) {
    const back = rows[key].heapRemoved - rows[key].heapStart;
    const aloneBack = rows.alone.heapRemoved - rows.alone.heapStart;
    log(`  JS heap after removal vs start, ${rows[key].config.label}: ${signed(back / 1048576, 2)} MB (page alone ${signed(aloneBack / 1048576, 2)} MB)`);
  }
  const wasmGrowth = (rows.bezwaar.wasmRemoved ?? 0) - (rows.bezwaar.wasmStart ?? 0);
  log(`  wasm memory growth over the run: ${signed(wasmGrowth / 1048576, 2)} MB`);
  for (const row of Object.values(rows)) {
    if (row.problems.length) log(`  ! ${row.config.label}: ${row.problems.join('; ')}`);
  }
}

/** The scroll runs by configuration: medians, and what each adds over the page-alone run of its repetition. */
function summariseScroll(runs) {
  const alone = runs.filter((r) => r.config === 'alone');
  const rows = {};
  for (const config of CONFIGS) {
    const mine = runs.filter((r) => r.config === config.key);
    const added = (pick) => median(mine.map((r, i) => pick(r) - pick(alone[i])));
    rows[config.key] = {
      config,
      longFrames: median(mine.map((r) => r.timing.longFrames)),
      longFramesRuns: mine.map((r) => r.timing.longFrames),
      frames: median(mine.map((r) => r.timing.frames)),
      longestFrame: median(mine.map((r) => r.timing.longestFrameMs)),
      longestTask: median(mine.map((r) => r.longestTaskMs)),
      longestTaskRuns: mine.map((r) => r.longestTaskMs),
      scrolledMs: median(mine.map((r) => r.timing.scrolledMs)),
      script: median(mine.map((r) => r.counters.ScriptDuration * 1000)),
      addedLongFrames: added((r) => r.timing.longFrames),
      addedLongestTask: added((r) => r.longestTaskMs),
      addedScript: added((r) => r.counters.ScriptDuration * 1000),
      addedTask: added((r) => r.counters.TaskDuration * 1000),
      problems: [...new Set(mine.flatMap((r) => r.problems))],
    };
  }
  return rows;
}

function printScrollTable(rows) {
  log('');
  log(`Scrolling: a person skims ${SCROLL_POSTS} posts from the top at ${SCROLL_PX_PER_S} px/s (one step per animation frame, the same pace`);
  log(`in every configuration) while the feed grows ahead of them, ${SCROLL_BATCH} posts at a time whenever its end is within ${SCROLL_AHEAD_PX} px`);
  log(`below the view. Medians of ${SCROLL_REPEATS} runs. "Frames over 16 ms": animation frames that came later than one 60 Hz period`);
  log('(the page could not draw on time). "Longest task": the longest task on the page\'s main thread (trace, \'toplevel\').');
  log('"+" columns: added over the page alone, each run paired with the page-alone run of its repetition.');
  log([padEnd('', 31), pad('frames', 8), pad('over 16 ms', 11), pad('(each run)', 16), pad('+over 16 ms', 12), pad('longest frame', 14),
    pad('longest task', 13), pad('(each run)', 20), pad('+longest task', 14), pad('+script', 9), pad('+tasks', 9), pad('took', 8)].join(''));
  for (const row of Object.values(rows)) {
    const alone = row.config.key === 'alone';
    log([padEnd(row.config.label, 31), pad(row.frames.toFixed(0), 8), pad(row.longFrames.toFixed(0), 11),
      pad(`(${row.longFramesRuns.join(', ')})`, 16), pad(alone ? '-' : signed(row.addedLongFrames, 0), 12), pad(ms(row.longestFrame), 14),
      pad(ms(row.longestTask), 13), pad(`(${row.longestTaskRuns.map((v) => v.toFixed(0)).join(', ')})`, 20),
      pad(alone ? '-' : signed(row.addedLongestTask, 0), 14), pad(alone ? '-' : signed(row.addedScript, 0), 9),
      pad(alone ? '-' : signed(row.addedTask, 0), 9), pad(`${(row.scrolledMs / 1000).toFixed(0)} s`, 8)].join(''));
  }
  for (const row of Object.values(rows)) {
    if (row.problems.length) log(`  ! ${row.config.label}: ${row.problems.join('; ')}`);
  }
}

function printStartup(name, figures) {
  for (const [csp, f] of Object.entries(figures)) {
    log(`  ${padEnd(name, 9)} CSP ${padEnd(csp, 7)} ${padEnd(f.engine, 8)} median ${f.median.toFixed(1)} ms  (first load ${f.first.toFixed(1)}, min ${f.min.toFixed(1)}, max ${f.max.toFixed(1)}; ${LOADS} loads)`);
    const { script, core, texts } = f.phases;
    log(`  ${' '.repeat(34)}medians from injection: core's script run ${script.toFixed(1)} ms, core ready ${core.toFixed(1)} ms, user's texts ${texts.toFixed(1)} ms`);
  }
}

/** Start-up in Chromium and, unless BENCH_FIREFOX=0, in Firefox, printed as measured. */
async function startupBoth(server) {
  log('');
  log('Bezwaar start-up, injection to core ready (page report startupMs), Facebook page with CSP none / strict:');
  const startup = { chromium: await startupFigures('chromium', server, LOADS), firefox: null };
  printStartup('Chromium', startup.chromium);
  if (WITH_FIREFOX) {
    startup.firefox = await startupFigures('firefox', server, LOADS);
    printStartup('Firefox', startup.firefox);
  }
  return startup;
}

/**
 * BENCH_PROFILE=CONFIG: instead of the benchmark, where that configuration's time goes: a run under the sampling
 * profiler (self time by function; browser built-ins named with their caller), and for an extension a second run
 * timing each DOM call its content script makes.
 */
async function profileOnly(browser, key) {
  const config = CONFIGS.find((c) => c.key === key);
  if (!config) throw new Error(`BENCH_PROFILE: no configuration '${key}' (${CONFIGS.map((c) => c.key).join(', ')})`);
  await feedRun(browser, config, { posts: 100 });
  const sampled = await feedRun(browser, config, { posts: POSTS, profile: true });
  log(`${config.label}, ${POSTS} posts under the sampling profiler (which slows it): main CPU ${ms(sampled.append.ThreadTime * 1000)}, script ${ms(sampled.append.ScriptDuration * 1000)}.`);
  log('Self time by function:');
  for (const [name, self] of sampled.hotspots.slice(0, 25)) log(`  ${pad(self.toFixed(1), 8)} ms  ${name}`);
  if (!config.extension) return;
  const timed = await feedRun(browser, config, { posts: POSTS, timeCalls: true });
  log('');
  log(`The content script's DOM and extension API calls, ${POSTS} posts (script ${ms(timed.append.ScriptDuration * 1000)}; time includes any style or layout a call forced):`);
  log(`  ${pad('ms', 8)} ${pad('calls', 8)}  call`);
  for (const [name, { calls, ms: spent }] of timed.calls.slice(0, 25)) log(`  ${pad(spent.toFixed(1), 8)} ${pad(calls, 8)}  ${name}`);
}

async function main() {
  if (!existsSync(join(DIST, 'chrome', 'manifest.json'))) throw new Error(`no built extension in ${DIST}: run ./build.sh first`);
  const began = Date.now();
  const server = await startFixtureServer({ extraFile: feedFile });
  if (process.env.BENCH_ONLY === 'startup') {
    try {
      await startupBoth(server);
    } finally {
      await server.close();
    }
    return;
  }
  // Read before the runs, so a missing file stops the bench at once rather than after them.
  const sizes = coreSizes(DIST);
  const temp = mkdtempSync(join(tmpdir(), 'bezwaar-bench-ext-'));
  try {
    const bench = writeBenchExtensions(temp);
    const browser = await launchFeedBrowser(server,
      [join(DIST, 'chrome'), ...BENCH_EXTENSIONS.map((name) => bench[name]), bezwaarWasmCopy(temp)]);
    const runs = [];
    const forced = {};
    let feed;
    let scroll;
    try {
      if (process.env.BENCH_PROFILE) {
        await profileOnly(browser, process.env.BENCH_PROFILE);
        return;
      }
      log(`Feed benchmark: ${CONFIGS.length} configurations x ${REPEATS} runs of ${POSTS} posts, in one Chromium`);
      // One short run each first, not counted: the browser's caches, the wasm code and the JIT warm up.
      for (const config of CONFIGS) await feedRun(browser, config, { posts: 100 });
      for (let repeat = 0; repeat < REPEATS; repeat += 1) {
        // Rotate the order so no configuration always runs first (cold caches) or last.
        const order = CONFIGS.map((_, i) => CONFIGS[(i + repeat) % CONFIGS.length]);
        for (const config of order) {
          const run = await feedRun(browser, config, { posts: POSTS, again: true });
          runs.push(run);
          log(`  run ${repeat + 1}/${REPEATS} ${padEnd(config.label, 30)} main CPU ${ms(run.append.ThreadTime * 1000)}, tasks ${ms(run.append.TaskDuration * 1000)}, script ${ms(run.append.ScriptDuration * 1000)}, last badge ${ms(run.timing.badgedMs)}`);
        }
      }
      const tracedRuns = [];
      for (let repeat = 0; repeat < TRACED_REPEATS; repeat += 1) {
        for (const config of CONFIGS.map((_, i) => CONFIGS[(i + repeat) % CONFIGS.length])) {
          const run = await feedRun(browser, config, { posts: TRACED_POSTS, trace: true });
          tracedRuns.push(run);
          // Forced work is counted in the first traced run of each configuration.
          forced[config.key] ??= run.forced;
        }
      }
      log(`Scrolling: ${CONFIGS.length} configurations x ${SCROLL_REPEATS} runs through ${SCROLL_POSTS} posts`);
      const scrollRuns = [];
      for (let repeat = 0; repeat < SCROLL_REPEATS; repeat += 1) {
        for (const config of CONFIGS.map((_, i) => CONFIGS[(i + repeat) % CONFIGS.length])) {
          const run = await scrollRun(browser, config);
          scrollRuns.push(run);
          log(`  run ${repeat + 1}/${SCROLL_REPEATS} ${padEnd(config.label, 30)} frames over 16 ms ${run.timing.longFrames} of ${run.timing.frames}, longest task ${ms(run.longestTaskMs)}, script ${ms(run.counters.ScriptDuration * 1000)}`);
        }
      }
      feed = summarise(runs);
      printFeedTable(feed, forced, browser.version);
      const rendering = printBreakdown(tracedRuns);
      printDetails(feed, forced, rendering);
      scroll = summariseScroll(scrollRuns);
      printScrollTable(scroll);
    } finally {
      await browser.close();
    }
    const startup = await startupBoth(server);
    let firefox = null;
    if (WITH_FIREFOX) {
      log('');
      log(`Feed in Firefox: ${CONFIGS.length} configurations x ${REPEATS} runs of ${POSTS} posts`);
      // Firefox runs the wasm encoding in its content script under any page policy: both Bezwaar rows are wasm.
      const firefoxConfigs = CONFIGS.map((c) => (isBezwaar(c)
        ? { ...c, extension: 'bezwaar', engine: 'wasm', label: `Bezwaar wasm (${c.csp ? 'strict' : 'no page'} CSP)` } : c));
      const result = await firefoxFeed({
        server, configs: firefoxConfigs, posts: POSTS, batch: BATCH, repeats: REPEATS, quietMs: QUIET_MS,
        startupQuietMs: STARTUP_QUIET_MS, check: checkBadges,
        extensionDir: (c) => (c.extension === 'bezwaar' ? join(DIST, 'firefox') : c.extension ? bench[c.extension] : null),
        onRun: (config, run, repeat) => log(`  run ${repeat + 1}/${REPEATS} ${padEnd(config.label, 30)} append ${ms(run.timing.appendedMs)}, last badge ${ms(run.timing.badgedMs)}, frames over 16 ms ${run.timing.longFrames}`),
      });
      printFirefoxTable(result, { posts: POSTS, batch: BATCH, repeats: REPEATS });
      firefox = result.rows;
    }
    printSummary({
      feed, forced, scroll, startup, sizes, firefox, cannot: FIREFOX_CANNOT, posts: POSTS, batch: BATCH,
    });
    log(`\nbench: done in ${((Date.now() - began) / 1000).toFixed(0)} s`);
  } finally {
    rmSync(temp, { recursive: true, force: true });
    await server.close();
  }
}

main().catch((error) => {
  process.stderr.write(`bench: a run failed: ${error?.stack ?? error}\n`);
  process.exit(1);
});
