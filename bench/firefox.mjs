// The feed scenario in Firefox ESR (bench/run.mjs runs it after Chromium's): the same page, the same appends, the
// same configurations, each extension installed for its own runs only (WebDriver BiDi, as tests/e2e/browsers.mjs
// drives Firefox). Firefox runs Bezwaar's wasm encoding whatever the page's policy.
//
// WebDriver BiDi exposes no performance counters and no trace: nothing like Chromium's main-thread, script, layout
// or heap figures can be read, and a page cannot time a content script's work. What the page itself can observe
// is measured instead, with performance.now() and animation-frame timestamps in the page: how long the 2,000-post
// append takes from the first batch to the last (10 posts a frame: when the page's own frames are already over
// budget, as they are on a long feed, every millisecond an extension adds to a frame makes the append longer), how
// long until the last post is badged, and the frames that came later than one 60 Hz period.
import { startFirefox } from '../tests/e2e/browsers.mjs';

export const FIREFOX_CANNOT = 'Firefox gives no main-thread CPU, script, task, layout, style or heap figures, no forced-layout count and no '
  + 'longest task: WebDriver BiDi has no performance counters or tracing (Chromium\'s come from CDP), and a page cannot '
  + 'time a content script\'s work.';

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * Runs `configs` `repeats` times each (order rotating), `posts` posts a run, and returns rows by configuration key.
 * `extensionDir(config)` is the unpacked extension a configuration installs (null for none); `check(config,
 * census)` returns [failures, remarks] as in run.mjs; `onRun(config, run)` reports each run.
 */
export async function firefoxFeed({ server, configs, extensionDir, check, posts, batch, repeats, quietMs, startupQuietMs, onRun }) {
  const browser = await startFirefox(server);
  const runs = [];
  try {
    const version = await browser.version();
    const one = async (config, count) => {
      const dir = extensionDir(config);
      const id = dir ? await browser.installExtension(dir) : null;
      const page = await browser.newPage();
      try {
        await page.setViewport({ width: 1280, height: 900 });
        await page.goto(`https://www.facebook.com/?bench=feed${config.csp ? `&csp=${config.csp}` : ''}`, { waitUntil: 'load' });
        if (dir) await page.waitForFunction(() => window.benchFeed.firstBadged(), { timeout: 20000, polling: 50 });
        await new Promise((resolve) => setTimeout(resolve, startupQuietMs));
        const timing = await page.evaluate((o) => window.benchFeed.append(o),
          { posts: count, batch, badges: Boolean(dir), quietMs, timeoutMs: 120000 });
        const census = await page.evaluate(() => window.benchFeed.census());
        const [failures, problems] = check(config, census);
        if (failures.length) throw new Error(`Firefox, ${config.label}: ${failures.join('; ')}`);
        return { config: config.key, timing, problems };
      } finally {
        await page.close();
        if (id) await browser.uninstallExtension(id);
      }
    };
    // One short run each first, not counted, as in Chromium.
    for (const config of configs) await one(config, 100);
    for (let repeat = 0; repeat < repeats; repeat += 1) {
      for (const config of configs.map((_, i) => configs[(i + repeat) % configs.length])) {
        const run = await one(config, posts);
        runs.push(run);
        onRun?.(config, run, repeat);
      }
    }
    return { version, rows: summarise(configs, runs, posts) };
  } finally {
    await browser.close();
  }
}

function summarise(configs, runs, posts) {
  const alone = runs.filter((r) => r.config === 'alone');
  const rows = {};
  for (const config of configs) {
    const mine = runs.filter((r) => r.config === config.key);
    const added = (pick) => median(mine.map((r, i) => pick(r) - pick(alone[i])));
    rows[config.key] = {
      config,
      appended: median(mine.map((r) => r.timing.appendedMs)),
      appendedRuns: mine.map((r) => r.timing.appendedMs),
      badged: median(mine.map((r) => r.timing.badgedMs)),
      longFrames: median(mine.map((r) => r.timing.longFrames)),
      longestFrame: median(mine.map((r) => r.timing.longestFrameMs)),
      addedAppendPer1000: (added((r) => r.timing.appendedMs) * 1000) / posts,
      addedLongFrames: added((r) => r.timing.longFrames),
      problems: [...new Set(mine.flatMap((r) => r.problems))],
    };
  }
  return rows;
}

const log = (line) => process.stdout.write(`${line}\n`);
const ms = (v) => `${v.toFixed(0)} ms`;
const signed = (v) => `${v >= 0 ? '+' : ''}${v.toFixed(0)}`;

export function printFirefoxTable({ version, rows }, { posts, batch, repeats }) {
  log('');
  log(`Feed in Firefox ${version}, headless: ${posts} posts appended ${batch} per animation frame. Medians of ${repeats} runs.`);
  log('"append": first batch to last, wall clock in the page; "last badge": until the last post is badged; "+" columns:');
  log('added over the page alone, each run paired with the page-alone run of its repetition.');
  log(`${''.padEnd(31)}${'append'.padStart(10)}${'(each run)'.padStart(30)}${'+append/1000'.padStart(14)}${'last badge'.padStart(12)}`
    + `${'over 16 ms'.padStart(12)}${'+over 16 ms'.padStart(13)}${'longest frame'.padStart(15)}`);
  for (const row of Object.values(rows)) {
    const alone = row.config.key === 'alone';
    log(`${row.config.label.padEnd(31)}${ms(row.appended).padStart(10)}${`(${row.appendedRuns.map((v) => v.toFixed(0)).join(', ')})`.padStart(30)}`
      + `${(alone ? '-' : signed(row.addedAppendPer1000)).padStart(14)}${(alone ? '-' : ms(row.badged)).padStart(12)}`
      + `${row.longFrames.toFixed(0).padStart(12)}${(alone ? '-' : signed(row.addedLongFrames)).padStart(13)}${ms(row.longestFrame).padStart(15)}`);
  }
  for (const row of Object.values(rows)) {
    if (row.problems.length) log(`  ! ${row.config.label}: ${row.problems.join('; ')}`);
  }
  log(FIREFOX_CANNOT);
}
