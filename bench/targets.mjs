// The summary at the end of `./build.sh bench`: each figure beside its target from issue 12, met or not. Figures
// come from bench/run.mjs (Chromium's feed and scrolling runs, start-up in both browsers), bench/firefox.mjs and the
// built files in dist/. Where a figure cannot be had, the row says why instead of a verdict.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const KB = 1024;
/** The long-task line the browser itself draws (Long Tasks API): a task this long delays input noticeably. */
const LONG_TASK_MS = 50;
/** "Zero extra layouts per batch", allowing for the count's jitter: fewer than one extra layout in 20 batches. */
const LAYOUT_TOLERANCE = 0.05;
/** "Heap back to the page's own": within this of the page alone's own change after removal. */
const HEAP_TOLERANCE = 0.5 * 1048576;

/**
 * The content script's core in its two encodings, raw and gzipped (level 9, as a store's download is): the wasm
 * module Firefox's content script carries (as built, before the bundle writes its bytes in base64), and Chromium's
 * content script, which is the wasm2js encoding bundled with its glue and the loader. The extension pages' core is
 * not on any Meta page's path, so it is not the figure the targets name.
 */
export function coreSizes(dist) {
  const size = (path) => {
    if (!existsSync(path)) throw new Error(`${path} is missing: the sizes are read from the build beside ${dist}`);
    const bytes = readFileSync(path);
    return { raw: bytes.length, gzipped: gzipSync(bytes, { level: 9 }).length };
  };
  return {
    wasm: size(join(dist, '..', 'build', 'content-core', 'wasm', 'bezwaar_bg.wasm')),
    wasm2js: size(join(dist, 'chrome', 'content', 'content.js')),
  };
}

const log = (line) => process.stdout.write(`${line}\n`);
const signed = (v, digits = 0) => `${v >= 0 ? '+' : ''}${v.toFixed(digits)}`;
const times = (v) => `${v.toFixed(2)}x`;
/** A count that is a median of an even number of runs may end in .5. */
const count = (v) => (Number.isInteger(v) ? String(v) : v.toFixed(1));

/**
 * A ratio of added costs, judged against `bound`; when the reference adds nothing measurable (its added cost at or
 * below zero, inside the page alone's spread) no ratio exists and the row says so, with no verdict.
 */
function ratioRow(value, reference, bound, unit) {
  const figure = `${signed(value)} ${unit} vs floor ${signed(reference)} ${unit}`;
  if (!(reference > 0)) return { figure: `${figure}: no ratio, the floor's added cost is within noise`, verdict: 'cannot tell' };
  const ratio = value / reference;
  return { figure: `${times(ratio)} (${figure})`, verdict: ratio <= bound ? 'met' : 'NOT MET' };
}

/**
 * Prints the table. `feed`: Chromium feed rows by configuration (run.mjs summarise); `forced`: forced work by
 * configuration; `scroll`: scrolling rows; `startup`: { chromium, firefox } start-up figures by page CSP (firefox
 * null when skipped); `sizes`: coreSizes; `firefox`: Firefox feed rows or null, with `cannot`, the sentence saying
 * what Firefox cannot give.
 */
export function printSummary({ feed, forced, scroll, startup, sizes, firefox, cannot, posts, batch }) {
  const rows = [];
  const add = (target, encoding, { figure, verdict }) => rows.push([target, encoding, figure, verdict]);
  const encodings = [['bezwaar', 'wasm'], ['bezwaar-js', 'wasm2js']];
  const per1000 = 'ms';

  for (const [key, encoding] of encodings) {
    add('added script within 3x the floor', encoding, ratioRow(feed[key].addedScript, feed.floor.addedScript, 3, per1000));
  }
  for (const [key, encoding] of encodings) {
    add('added main-thread task within 2x the floor', encoding, ratioRow(feed[key].addedTask, feed.floor.addedTask, 2, per1000));
  }
  for (const [key, encoding] of encodings) {
    const layouts = feed[key].addedLayouts;
    const forcedLayouts = forced[key].layout.extension;
    add(`zero extra layouts per batch (< ${LAYOUT_TOLERANCE})`, encoding, {
      figure: `${signed(layouts, 2)} per batch of ${batch}; ${forcedLayouts} forced by Bezwaar`,
      verdict: layouts < LAYOUT_TOLERANCE && forcedLayouts === 0 ? 'met' : 'NOT MET',
    });
  }
  const aloneBack = feed.alone.heapRemoved - feed.alone.heapStart;
  for (const [key, encoding] of encodings) {
    const back = feed[key].heapRemoved - feed[key].heapStart;
    const again = feed[key].heapRemovedAgain - feed[key].heapStart;
    add(`heap back to the page's own after removal (within ${HEAP_TOLERANCE / 1048576} MB)`, encoding, {
      figure: `${signed(back / 1048576, 2)} MB vs page alone ${signed(aloneBack / 1048576, 2)} MB; ${signed(again / 1048576, 2)} MB after a second cycle`,
      verdict: back - aloneBack < HEAP_TOLERANCE ? 'met' : 'NOT MET',
    });
  }
  for (const [encoding, bound] of [['wasm', 120], ['wasm2js', 200]]) {
    const { raw, gzipped } = sizes[encoding];
    add(`core at most ${bound} KB gzipped`, encoding, {
      figure: `${(gzipped / KB).toFixed(0)} KB gzipped (${(raw / KB).toFixed(0)} KB)`,
      verdict: gzipped <= bound * KB ? 'met' : 'NOT MET',
    });
  }
  // Start-up by encoding: Firefox's content script runs wasm, Chromium's wasm2js; the slower page policy counts.
  // Beside it, what bounds it: the time the browser took to run the core's script and make the core ready, before
  // the first line of Bezwaar's own start-up code decided anything.
  const slowest = (figures) => Object.values(figures).reduce((a, b) => (b.median > a.median ? b : a));
  const startupRow = (figures, browser, bound) => {
    const { median: total, phases } = slowest(figures);
    return {
      figure: `${total.toFixed(1)} ms (${browser}; the core's script ran by ${phases.script.toFixed(1)} ms, core ready at ${phases.core.toFixed(1)} ms)`,
      verdict: total <= bound ? 'met' : 'NOT MET',
    };
  };
  add('start-up at most 15 ms (median of loads)', 'wasm', startup.firefox
    ? startupRow(startup.firefox, 'Firefox', 15)
    : { figure: 'not measured: Firefox skipped (BENCH_FIREFOX=0); Chromium runs wasm2js', verdict: '-' });
  add('start-up at most 40 ms (median of loads)', 'wasm2js', startupRow(startup.chromium, 'Chromium', 40));
  // The scrolling figures: the issue names them without a bound; these are the bench's.
  for (const [key, encoding] of encodings) {
    const mine = scroll[key].addedLongFrames;
    const floor = Math.max(0, scroll.floor.addedLongFrames);
    add('scrolling: frames over 16 ms added <= the floor\'s', encoding, {
      figure: `${mine >= 0 ? '+' : ''}${count(mine)} (${count(scroll[key].longFrames)} of ${count(scroll[key].frames)} frames; `
        + `floor ${scroll.floor.addedLongFrames >= 0 ? '+' : ''}${count(scroll.floor.addedLongFrames)}, page alone ${count(scroll.alone.longFrames)})`,
      verdict: mine <= floor ? 'met' : 'NOT MET',
    });
  }
  for (const [key, encoding] of encodings) {
    const bound = Math.max(LONG_TASK_MS, scroll.alone.longestTask);
    add(`scrolling: longest task <= ${LONG_TASK_MS} ms (or the page's own)`, encoding, {
      figure: `${scroll[key].longestTask.toFixed(0)} ms, ${signed(scroll[key].addedLongestTask)} ms over the page alone's ${scroll.alone.longestTask.toFixed(0)} ms`,
      verdict: scroll[key].longestTask <= bound ? 'met' : 'NOT MET',
    });
  }

  log('');
  log(`Summary against the targets of issue 12. Chromium unless named; feed figures from the ${posts}-post runs, per 1,000 posts;`);
  log('medians; a ratio is of added costs, each over the page alone; the scrolling bounds are the bench\'s (the issue names no number).');
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length), ['target', 'encoding', 'figure'][i].length));
  const line = (cells) => log(`  ${cells.map((c, i) => (i < 3 ? c.padEnd(widths[i]) : c)).join('  ')}`);
  line(['target', 'encoding', 'figure', 'verdict']);
  for (const row of rows) line(row);
  if (firefox) {
    const f = firefox;
    const vs = (key) => `${signed(f[key].addedAppendPer1000)} ms`;
    log(`  Firefox (wasm in both Bezwaar rows), the closest figure it gives: added append time per 1,000 posts, Bezwaar ${vs('bezwaar')} `
      + `(strict CSP ${vs('bezwaar-js')}), floor ${vs('floor')}, naive ${vs('naive')}.`);
    log(`  ${cannot}`);
  }
}
