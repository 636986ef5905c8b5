// Hostile pages (issue 11, part 7): a page enforcing Trusted Types, a page that replaces the DOM's methods in its
// own world, a page that floods mutations for a minute, and 1,000 posts under a CSP that forbids wasm. Each fixture
// marks its posts with `data-expect` (public | limited | unknown | none) and data-test; every check asserts each
// post's own badges, no badge elsewhere, the tab's report and the toolbar count, and a console free of errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserName, env, openFixture, sleep } from './harness.mjs';

const engineUnderStrictCsp = browserName === 'chromium' ? 'wasm2js' : 'wasm';

/** Every expected post with the visibilities of its own badges, and the badges that sit anywhere else. */
function readPosts(page) {
  return page.evaluate(() => {
    const own = (el) => [...el.children].filter((c) => c.localName === 'bezwaar-badge');
    const posts = [...document.querySelectorAll('[data-expect]')].map((el) => ({
      test: el.getAttribute('data-test'),
      expect: el.getAttribute('data-expect'),
      got: own(el).map((b) => b.getAttribute('data-bezwaar-visibility')),
    }));
    const stray = [...document.querySelectorAll('bezwaar-badge')]
      .filter((b) => !b.parentElement?.hasAttribute('data-expect') || b.parentElement.getAttribute('data-expect') === 'none')
      .map((b) => b.parentElement?.outerHTML.slice(0, 160) ?? 'detached');
    return { posts, stray };
  });
}

/** Asserts that every post has exactly one badge saying what it expects, and that no badge sits elsewhere. */
function assertBadged({ posts, stray }, what) {
  const wrong = posts.filter((p) => (p.expect === 'none' ? p.got.length !== 0 : p.got.length !== 1 || p.got[0] !== p.expect));
  assert.deepEqual(wrong, [], `${what}: posts without exactly their one right badge`);
  assert.deepEqual(stray, [], `${what}: badges outside posts`);
}

/** Waits for the tab's report to count `publicPosts` public posts, and checks the toolbar says so. */
async function assertCounted(tabId, publicPosts, timeout = 10000) {
  const report = await env.browser.waitForReport(tabId, (r) => r.posts.public === publicPosts, timeout);
  assert.equal(await env.browser.badgeText(tabId), publicPosts ? String(publicPosts) : '');
  return report;
}

const TRUSTED_TYPES_DIRECTIVES = ['require-trusted-types-for', 'trusted-types'];

/** The CSP reports the fixture server received since `from` (an index into its request log). */
const cspReports = (from) => env.server.requests.slice(from).filter((r) => r.path === '/csp-report');

test(`${browserName}: a page enforcing Trusted Types is badged, and sees no Trusted Types violation from Bezwaar`, async () => {
  const from = env.server.requests.length;
  const { page, tabId } = await openFixture('www.facebook.com', '/', 'hostile/trusted-types-feed');
  await page.waitFor(() => document.querySelectorAll('bezwaar-badge').length >= 6);
  await sleep(500); // a late violation, or a badge too many, would show by now
  assertBadged(await readPosts(page), 'Trusted Types feed');
  const report = await assertCounted(tabId, 3);
  assert.equal(report.engine, engineUnderStrictCsp);
  const seen = await page.evaluate(() => window.violations);
  assert.deepEqual(seen.filter((v) => TRUSTED_TYPES_DIRECTIVES.includes(v.directive)), [],
    'Trusted Types violations the page saw while Bezwaar worked');
  assert.deepEqual(page.errors, []);
  const reportsBefore = cspReports(from).length;

  // The page's own listener does catch a violation: the page assigning an HTML string is refused and reported.
  const refused = await page.evaluate(() => {
    try {
      document.createElement('div').innerHTML = '<b>page text</b>';
      return 'accepted';
    } catch (error) {
      return error.name;
    }
  });
  assert.equal(refused, 'TypeError', 'the policy is enforced in the page');
  await page.waitFor((n) => window.violations.length > n, seen.length);
  const caught = (await page.evaluate(() => window.violations)).slice(seen.length);
  assert.deepEqual(caught.map((v) => v.directive), ['require-trusted-types-for']);
  // ... and sent to the policy's report-uri, the way a real site would learn of it.
  for (let waited = 0; cspReports(from).length === reportsBefore && waited < 5000; waited += 100) await sleep(100);
  assert.equal(cspReports(from).length, reportsBefore + 1, "the page's own violation was reported");
  await page.close();
});

// Chromium applies the page's CSP to wasm a content script compiles, and a refused attempt would be a violation of
// the page's policy: seen by the page's listener (source "chrome-extension") and reported to the policy's
// report-uri, telling the site that an extension is there. So the content script never tries it there.
test(`${browserName}: a wasm-forbidding CSP: the page sees no violation and gets no report from Bezwaar`, async () => {
  const from = env.server.requests.length;
  const { page } = await openFixture('www.facebook.com', '/', 'hostile/trusted-types-feed');
  await page.waitFor(() => document.querySelectorAll('bezwaar-badge').length >= 6);
  await sleep(1000);
  assert.deepEqual(await page.evaluate(() => window.violations), [], 'violations the page saw');
  assert.deepEqual(cspReports(from), [], 'CSP reports sent to the site');
  await page.close();
});

test(`${browserName}: a page that replaces the DOM's methods in its own world: Bezwaar never calls them, and badges right`, async () => {
  const { page, tabId } = await openFixture('www.facebook.com', '/', 'hostile/dom-overrides');
  // Only the page's kept originals read the page here: the replacements must see no call but Bezwaar's.
  // The drivers' own waiting (Playwright's waitForFunction) builds a MutationObserver in the page's world, so this
  // test polls with plain evaluations instead.
  const read = () => page.evaluate(() => window.hostile.read());
  const badgesReach = async (n) => {
    for (const deadline = Date.now() + 10000; (await read()).badges < n; await sleep(50)) {
      assert.ok(Date.now() < deadline, `fewer than ${n} badges after 10 s`);
    }
  };
  await badgesReach(6);
  await page.evaluate(() => window.hostile.appendPost());
  await badgesReach(7);
  await sleep(500);
  const { posts, badges: badgeCount } = await read();
  assertBadged({ posts, stray: [] }, 'DOM-overriding page');
  assert.equal(badgeCount, posts.filter((p) => p.expect !== 'none').length, 'badges outside posts');
  await assertCounted(tabId, 2);
  assert.deepEqual(await page.evaluate(() => window.hostile.calls), [], 'replacements Bezwaar called');
  assert.deepEqual(await page.evaluate(() => window.hostile.errors), [], 'errors the page saw');
  assert.deepEqual(page.errors, []);

  // The recorders work: the page's own world calling each replacement is recorded, once per call.
  const recorded = await page.evaluate(() => {
    const element = document.body;
    const attempts = [
      () => element.querySelector('div'), () => element.querySelectorAll('div'), () => document.querySelector('div'),
      () => document.querySelectorAll('div'), () => element.getAttribute('id'), () => element.closest('html'),
      () => element.matches('body'), () => element.getBoundingClientRect(), () => element.checkVisibility(),
      () => element.attachShadow({ mode: 'open' }), () => element.appendChild(new Text('x')),
      () => element.insertBefore(new Text('x'), null), () => getComputedStyle(element), () => requestAnimationFrame(() => {}),
      () => new MutationObserver(() => {}), () => new CustomEvent('x'),
    ];
    for (const attempt of attempts) {
      try { attempt(); } catch { /* a replacement that throws */ }
    }
    return { calls: [...window.hostile.calls], names: window.hostile.names };
  });
  assert.deepEqual(recorded.calls, recorded.names);
  await page.close();
});

test(`${browserName}: 1,000 posts under a CSP that forbids wasm are all badged right and counted`, async () => {
  // The core's memory on a page without posts: where a fresh instance starts.
  const quiet = await openFixture('www.facebook.com', '/settings', 'facebook/no-posts', '&csp=strict');
  const initialPages = (await env.browser.waitForReport(quiet.tabId, () => true)).memoryPages;
  await quiet.page.close();
  const started = Date.now();
  const { page, tabId } = await openFixture('www.facebook.com', '/', 'hostile/thousand-posts', '&csp=strict');
  const loaded = Date.now() - started;
  await page.waitFor(() => document.querySelectorAll('bezwaar-badge').length >= 1000, undefined, 60000);
  const badged = Date.now() - started;
  const report = await assertCounted(tabId, 429, 20000);
  const counted = Date.now() - started;
  assert.equal(report.engine, engineUnderStrictCsp);
  assert.deepEqual(report.posts, { public: 429, limited: 428, unknown: 143 });
  await sleep(400); // a badge too many would show by now
  const posts = await readPosts(page);
  assert.equal(posts.posts.filter((p) => p.expect !== 'none').length, 1000);
  assertBadged(posts, '1,000 posts');
  assert.deepEqual(page.errors, []);
  // The policy is in force: the page itself may not compile wasm either.
  const pageWasm = await page.evaluate(() => WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]))
    .then(() => 'compiled', (error) => error.name));
  assert.equal(pageWasm, 'CompileError');
  // Whether reading the posts grew the core's memory depends on how they fell into frames, so it is printed, not
  // asserted; wasm2js-memory.test.mjs grows the memory on purpose.
  const livePages = (await env.browser.waitForReport(tabId, (r) => r.posts.public === 429)).memoryPages;
  const memory = `; the ${report.engine} core's memory went from ${initialPages} to ${livePages} pages`;
  console.log(`# ${browserName}: 1,000 posts under a wasm-forbidding CSP (engine ${report.engine}): page loaded in ${loaded} ms, `
    + `every post badged ${badged} ms and the count reported ${counted} ms after opening it${memory}`);
  await page.close();
});

const FLOOD_MS = 60000;

/**
 * Chromium only: runs `during` under a devtools.timeline trace of the page's renderer, and returns Bezwaar's own
 * script calls in it (the content script's callbacks: mutation observer, animation frames, timers), each with
 * what ran it, on the page's main thread. Both flood runs are traced, so the tracing's own cost falls on both.
 */
async function bezwaarCallsTraced(page, during) {
  const cdp = await page.raw.context().newCDPSession(page.raw);
  await cdp.send('Tracing.start', { transferMode: 'ReturnAsStream', traceConfig: { includedCategories: ['devtools.timeline'] } });
  const result = await during();
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  const { stream } = await complete;
  const chunks = [];
  for (let eof = false; !eof;) {
    const read = await cdp.send('IO.read', { handle: stream, size: 4 << 20 });
    chunks.push(Buffer.from(read.data, read.base64Encoded ? 'base64' : 'utf8'));
    eof = read.eof;
  }
  await cdp.send('IO.close', { handle: stream });
  await cdp.detach();
  const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  const events = (Array.isArray(parsed) ? parsed : parsed.traceEvents).filter((e) => e.ph === 'X');
  // The trace covers every renderer (the extension's own pages too): the page's main thread is the one running
  // the page's scripts.
  const origin = new URL(page.url()).origin;
  const pageCall = events.find((e) => e.name === 'FunctionCall' && String(e.args?.data?.url).startsWith(origin));
  assert.ok(pageCall, "the trace shows none of the page's own calls");
  const onPageThread = (e) => e.pid === pageCall.pid && e.tid === pageCall.tid;
  const runners = events.filter((e) => onPageThread(e) && ['TimerFire', 'FireAnimationFrame', 'EventDispatch'].includes(e.name));
  const calls = events
    .filter((e) => onPageThread(e) && e.name === 'FunctionCall' && String(e.args?.data?.url).startsWith(env.browser.origin))
    .map((call) => ({
      ms: call.dur / 1000,
      in: runners.find((r) => r.ts <= call.ts && call.ts + call.dur <= r.ts + r.dur)?.name
        ?? 'a microtask (mutation observer or promise)',
    }));
  return { result, calls };
}

/** Runs the flood page on `host` for FLOOD_MS, timing evaluations meanwhile; returns the page and what it measured. */
async function flood(host) {
  const { page, tabId } = await openFixture(host, '/', 'hostile/mutation-flood');
  await sleep(1000); // Bezwaar, where it runs, has started and badged the first posts
  const run = async () => {
    const running = page.evaluate((ms) => window.flood.run(ms), FLOOD_MS);
    // The tab answers a driver's question throughout: the slowest answer is how long a user's input could wait.
    let slowestAnswer = 0;
    let finished = false;
    running.finally(() => { finished = true; });
    while (!finished) {
      const asked = Date.now();
      await page.evaluate(() => document.readyState);
      slowestAnswer = Math.max(slowestAnswer, Date.now() - asked);
      await sleep(500);
    }
    return { measured: await running, slowestAnswer };
  };
  if (browserName !== 'chromium') return { page, tabId, ...(await run()), calls: null };
  const { result, calls } = await bezwaarCallsTraced(page, run);
  return { page, tabId, ...result, calls };
}

const describeFlood = ({ measured: m, slowestAnswer, calls }) => [
  `longest heartbeat gap ${m.maxGap.toFixed(0)} ms, ${(m.maxGapAt / 1000).toFixed(1)} s in `
    + `(p99 ${m.p99Gap.toFixed(0)} ms, ${m.gapsOver50} gaps over 50 ms, ${m.ticks} ticks)`,
  ...(m.longTasks.supported ? [`long tasks: ${m.longTasks.count}, longest ${m.longTasks.max.toFixed(0)} ms`] : []),
  ...(calls ? [`Bezwaar's calls: ${calls.length}, ${calls.reduce((sum, c) => sum + c.ms, 0).toFixed(0)} ms in all, `
    + `${calls.filter((c) => c.ms > 50).length} over 50 ms`] : []),
  `${m.changes} changes in ${m.slices} slices; slowest driver answer ${slowestAnswer} ms`,
].join('; ');

test(`${browserName}: a page flooding mutations for a minute: no exception, the tab stays responsive, the posts keep one badge`, async () => {
  // The same page where the manifest does not match and Bezwaar is absent: the page's own cost.
  const without = await flood('www.facebook.com.example.test');
  assert.equal(await without.page.evaluate(() => document.querySelectorAll('bezwaar-badge').length), 0, 'Bezwaar ran on a lookalike host');
  await without.page.close();

  const withBezwaar = await flood('www.facebook.com');
  const { page, tabId, measured, slowestAnswer, calls } = withBezwaar;
  console.log(`# ${browserName}: mutation flood without Bezwaar: ${describeFlood(without)}`);
  console.log(`# ${browserName}: mutation flood with Bezwaar:    ${describeFlood(withBezwaar)}`);
  // Bezwaar's longest task cannot be longer than the longest stall the page saw with it; the page's own stalls,
  // and the machine's, show in the run without it. Chromium's trace times Bezwaar's own calls directly.
  let longest = `at most ${measured.maxGap.toFixed(0)} ms (the longest stall with it; without it `
    + `${without.measured.maxGap.toFixed(0)} ms, difference ${(measured.maxGap - without.measured.maxGap).toFixed(0)} ms)`;
  if (calls) {
    assert.deepEqual(without.calls, [], 'Bezwaar calls traced on a host where it does not run');
    assert.ok(calls.length > 0, 'the trace shows no call of Bezwaar: it cannot time them');
    const top = calls.reduce((a, b) => (b.ms > a.ms ? b : a));
    longest = `${top.ms.toFixed(0)} ms, in ${top.in} (traced); ${longest}`;
  }
  console.log(`# ${browserName}: longest task Bezwaar causes under the flood: ${longest}; the page made `
    + `${Math.round((100 * measured.changes) / without.measured.changes)}% of the changes it made without Bezwaar`);

  assert.deepEqual(await page.evaluate(() => window.flood.errors), [], 'errors the page saw');
  assert.deepEqual(page.errors, []);
  // A frozen tab waits many seconds. These bounds leave room for a test machine shared with other work (which
  // stalls the page without Bezwaar too), not for a freeze.
  assert.ok(measured.maxGap < Math.max(2000, 4 * without.measured.maxGap), `the page's event loop stalled for ${measured.maxGap} ms`);
  assert.ok(slowestAnswer < Math.max(3000, 4 * without.slowestAnswer), `the tab took ${slowestAnswer} ms to answer`);
  assert.ok(measured.ticks > without.measured.ticks / 3, 'the heartbeat ticked less than a third as often as without Bezwaar');

  // Once the page is quiet, every post left has its one right badge, and the toolbar counts the public ones.
  await page.waitFor(() => [...document.querySelectorAll('[data-expect]')]
    .every((post) => [...post.children].some((c) => c.localName === 'bezwaar-badge')), undefined, 15000);
  await sleep(500);
  const posts = await readPosts(page);
  assertBadged(posts, 'after the flood');
  assert.equal(posts.posts.filter((p) => p.test.startsWith('stay-')).length, 24, 'the staying posts are there');
  await assertCounted(tabId, posts.posts.filter((p) => p.expect === 'public').length);
  await page.close();
});
