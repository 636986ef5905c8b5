// Every test Bezwaar has, in order, each stage's output streamed as it runs; ends with one line
// "N passed, M failed" (tests counted individually: cargo's and node's own counts; a lint is one test) and exits
// non-zero when anything failed. Run by `./build.sh test` after the build.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dist = process.env.BEZWAAR_DIST ?? join(root, 'dist');
const e2eFiles = readdirSync(join(root, 'tests/e2e')).filter((f) => f.endsWith('.test.mjs')).sort()
  .map((f) => join('tests/e2e', f));
const browserE2e = e2eFiles.filter((f) => !f.endsWith('locales.test.mjs'));
const plainNode = e2eFiles.filter((f) => f.endsWith('locales.test.mjs'));
const tapDir = mkdtempSync(join(tmpdir(), 'bezwaar-tap-'));
const wasmRunner = { CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER: 'wasm-bindgen-test-runner' };

const stages = [
  { name: 'rustfmt', cmd: 'cargo', args: ['fmt', '--check'], count: 'single' },
  { name: 'clippy (native)', cmd: 'cargo', args: ['clippy', '--all-targets', '--', '-D', 'warnings'], count: 'single' },
  {
    name: 'clippy (wasm32)', cmd: 'cargo', count: 'single',
    args: ['clippy', '--all-targets', '--target', 'wasm32-unknown-unknown', '--', '-D', 'warnings'],
  },
  { name: 'Rust tests (native)', cmd: 'cargo', args: ['test'], count: 'cargo' },
  {
    name: 'Rust DOM tests (wasm in Chromium)', cmd: 'cargo', count: 'cargo',
    args: ['test', '--lib', '--target', 'wasm32-unknown-unknown'],
    env: { ...wasmRunner, CHROMEDRIVER: process.env.CHROMEDRIVER ?? '/usr/bin/chromedriver' },
  },
  {
    name: 'Rust DOM tests (wasm in Firefox)', cmd: 'cargo', count: 'cargo',
    args: ['test', '--lib', '--target', 'wasm32-unknown-unknown'],
    env: { ...wasmRunner, GECKODRIVER: process.env.GECKODRIVER ?? 'geckodriver' },
  },
  {
    name: 'web-ext lint (dist/firefox)', cmd: join(root, 'node_modules/.bin/web-ext'), count: 'weblint',
    args: ['lint', '--source-dir', join(dist, 'firefox'), '--output', 'json', '--no-config-discovery'],
  },
  ...(plainNode.length ? [{ name: 'locale files', cmd: 'node', args: ['--test', ...plainNode], count: 'node' }] : []),
  ...['chromium', 'firefox'].map((browser) => ({
    name: `end-to-end (${browser})`, cmd: 'node', count: 'node',
    args: ['--test', '--test-concurrency=1', '--test-reporter=spec', '--test-reporter-destination=stdout',
      '--test-reporter=tap', `--test-reporter-destination=${join(tapDir, `e2e-${browser}.tap`)}`, ...browserE2e],
    env: { BEZWAAR_BROWSER: browser },
    tapFile: join(tapDir, `e2e-${browser}.tap`),
  })),
];

function run(stage) {
  return new Promise((resolve) => {
    const child = spawn(stage.cmd, stage.args, {
      cwd: root,
      env: { ...process.env, ...stage.env, BEZWAAR_DIST: dist },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk, stream) => {
      output += chunk;
      if (stage.count !== 'weblint') stream.write(chunk);
    };
    child.stdout.on('data', (c) => keep(c, process.stdout));
    child.stderr.on('data', (c) => keep(c, process.stderr));
    child.on('error', (error) => resolve({ code: 127, output: `${output}\n${error.message}` }));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

async function counts(stage, { code, output }) {
  switch (stage.count) {
    case 'cargo': {
      let passed = 0;
      let failed = 0;
      for (const [, p, f] of output.matchAll(/test result: \w+\. (\d+) passed; (\d+) failed/g)) {
        passed += Number(p);
        failed += Number(f);
      }
      // A build that failed before running anything is one failure, not zero.
      return code === 0 ? { passed, failed } : { passed, failed: Math.max(failed, 1) };
    }
    case 'node': {
      const { readFileSync, existsSync } = await import('node:fs');
      const text = stage.tapFile && existsSync(stage.tapFile) ? readFileSync(stage.tapFile, 'utf8') : output;
      const passed = Number(text.match(/^# pass (\d+)/m)?.[1] ?? 0);
      const failed = Number(text.match(/^# fail (\d+)/m)?.[1] ?? 0) + Number(text.match(/^# cancelled (\d+)/m)?.[1] ?? 0);
      return code === 0 ? { passed, failed } : { passed, failed: Math.max(failed, 1) };
    }
    case 'weblint': {
      let errors = 1;
      try {
        const report = JSON.parse(output.slice(output.indexOf('{')));
        errors = report.errors.length;
        for (const e of [...report.errors, ...report.warnings]) {
          console.log(`  web-ext ${e._type ?? 'issue'}: ${e.code} ${e.file ?? ''} ${e.message}`);
        }
      } catch {
        console.log(output);
      }
      console.log(`  web-ext lint: ${errors} errors`);
      return errors === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
    }
    default:
      return code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
  }
}

let passed = 0;
let failed = 0;
const summary = [];
for (const stage of stages) {
  console.log(`\n==> ${stage.name}`);
  const started = Date.now();
  const result = await run(stage);
  const c = await counts(stage, result);
  passed += c.passed;
  failed += c.failed;
  summary.push(`${stage.name}: ${c.passed} passed, ${c.failed} failed (${((Date.now() - started) / 1000).toFixed(0)} s)`);
}
console.log('\n==> summary');
for (const line of summary) console.log(`  ${line}`);
// The TAP files stay for a failed run (they name each failing test); a clean run leaves nothing behind.
if (failed === 0) rmSync(tapDir, { recursive: true, force: true });
else console.log(`TAP output: ${tapDir}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
