// The demo (tools/demo.mjs, behind `./build.sh demo` and `./build.sh run`): every screenshot is written as a PNG of a
// sane size, and the pages it showed hold what the screenshots are meant to show (asked of the pages, not read from
// the pixels). Without a display, `run` says so and writes the screenshots instead.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDemoWindow, SHOTS, takeScreenshots } from '../../tools/demo.mjs';
import { badges, browserName, env, sleep } from './harness.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Checks that `file` is a PNG whose size in bytes and pixels a README picture can have; returns its dimensions. */
function assertSanePng(file) {
  const bytes = readFileSync(file);
  assert.deepEqual(bytes.subarray(0, 8), PNG_SIGNATURE, `${file} is a PNG`);
  assert.equal(bytes.toString('latin1', 12, 16), 'IHDR', `${file} starts with its header chunk`);
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  assert.ok(width >= 300 && width <= 1200 && height >= 300 && height <= 1200, `${file} is ${width}×${height} px`);
  const size = statSync(file).size;
  assert.ok(size > 10000 && size < 250000, `${file} is ${size} bytes`);
  return { width, height };
}

test(`${browserName}: the demo writes its six screenshots, and its pages show what they are meant to`, async () => {
  const outDir = mkdtempSync(join(tmpdir(), 'bezwaar-demo-'));
  try {
    const pages = await takeScreenshots(env.browser, env.server, outDir);
    assert.deepEqual(Object.keys(pages).sort(), Object.keys(SHOTS).sort());
    for (const name of Object.keys(SHOTS)) assertSanePng(join(outDir, `${name}.png`));

    const shown = await badges(pages['feed-badges']);
    assert.deepEqual(shown.map((b) => b.visibility), ['public', 'limited', 'public', 'limited'], 'a badge on every post');
    const count = (name, selector) => pages[name].evaluate((s) => document.querySelectorAll(s).length, selector);
    assert.equal(await count('notice-banner', '[data-bezwaar-banner]'), 1);
    assert.equal(await count('form-panel', 'bezwaar-panel'), 1);
    assert.equal(await pages.popup.evaluate(() => document.getElementById('posts-public').textContent), '2');
    assert.equal(await count('options-record', '[data-bezwaar-record="confirmed"]'), 1);
    for (const [name, page] of Object.entries(pages)) assert.deepEqual(page.errors, [], `no errors on the ${name} page`);
    for (const page of new Set(Object.values(pages))) await page.close();
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
});

// `./build.sh run` is the build followed by `node tools/demo.mjs run`; the build is tested everywhere else, so this
// runs the second half alone, in German (long words in Bezwaar's text). Its own headless Chromium: once is enough.
test(`${browserName}: without a display, \`run\` says so and writes the screenshots`, { skip: browserName !== 'chromium' && 'Chromium only: it takes the screenshots in Chromium whichever browser runs the suite' }, async () => {
  const outDir = mkdtempSync(join(tmpdir(), 'bezwaar-demo-run-'));
  try {
    const environment = { ...process.env };
    delete environment.DISPLAY;
    delete environment.WAYLAND_DISPLAY;
    const args = ['tools/demo.mjs', 'run', '--lang', 'de', '--out', outDir];
    const child = spawn('node', args, { cwd: ROOT, env: environment });
    let output = '';
    child.stdout.on('data', (chunk) => { output += chunk; });
    child.stderr.on('data', (chunk) => { output += chunk; });
    const code = await new Promise((resolve) => child.on('close', resolve));
    assert.equal(code, 0, output);
    assert.match(output, /No display here/);
    for (const name of Object.keys(SHOTS)) assertSanePng(join(outDir, `${name}.png`));
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
});

/** Starts a virtual X display (Debian's xvfb, installed by `./build.sh setup`) and returns its name and process. */
async function startVirtualDisplay() {
  for (let number = 90; number < 100; number += 1) {
    if (existsSync(`/tmp/.X11-unix/X${number}`) || existsSync(`/tmp/.X${number}-lock`)) continue;
    const server = spawn('Xvfb', [`:${number}`, '-screen', '0', '1280x900x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
    const failed = new Promise((resolve) => server.on('error', resolve).on('exit', resolve));
    for (let waited = 0; waited < 10000; waited += 100) {
      if (existsSync(`/tmp/.X11-unix/X${number}`)) return { display: `:${number}`, server };
      if (await Promise.race([failed, sleep(100).then(() => null)]) !== null) break;
    }
    server.kill();
  }
  throw new Error('no virtual display started: is Xvfb installed (./build.sh setup)?');
}

// `./build.sh run` on a machine with a display: the browser opens in a window (not headless) with the extension
// working on the three demo pages. The display is a virtual one; the window is the one a person would get.
test(`${browserName}: with a display, \`run\` opens a browser window with Bezwaar working on the demo pages`, async () => {
  const { display, server: xvfb } = await startVirtualDisplay();
  const saved = process.env.DISPLAY;
  process.env.DISPLAY = display;
  let demo;
  try {
    demo = await openDemoWindow(browserName, 'en');
    const { feed, notice, form } = demo.pages;
    await feed.waitFor(() => document.querySelectorAll('bezwaar-badge').length === 4);
    assert.deepEqual((await badges(feed)).map((b) => b.visibility), ['public', 'limited', 'public', 'limited']);
    await notice.waitFor(() => document.querySelector('[data-bezwaar-banner]'));
    await form.waitFor(() => document.querySelector('bezwaar-panel'));
    const shown = await feed.evaluate(() => ({
      agent: navigator.userAgent,
      screen: [screen.width, screen.height],
    }));
    assert.deepEqual(shown.screen, [1280, 900], 'the window is on the virtual display');
    assert.doesNotMatch(shown.agent, /Headless/, 'not a headless browser');
    for (const [name, page] of Object.entries(demo.pages)) assert.deepEqual(page.errors, [], `no errors on the ${name} page`);
  } finally {
    await demo?.browser.close();
    await demo?.server.close();
    if (saved === undefined) delete process.env.DISPLAY;
    else process.env.DISPLAY = saved;
    xvfb.kill();
  }
});
