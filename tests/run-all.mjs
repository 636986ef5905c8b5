// Every test Bezwaar has, in order, each stage's output streamed as it runs; ends with one line
// "N passed, M failed" (tests counted individually: cargo's and node's own counts; a lint is one test) and exits
// non-zero when anything failed. Run by `./build.sh test` after the build.
//
// Each stage runs in its own process group under a time limit; a stage that overruns it (a hung browser, say) has
// its whole group killed and counts as failed, so CI fails instead of hanging.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dist = process.env.BEZWAAR_DIST ?? join(root, 'dist');
const e2eFiles = readdirSync(join(root, 'tests/e2e')).filter((f) => f.endsWith('.test.mjs')).sort()
  .map((f) => join('tests/e2e', f));
// A test file that does not use the browser harness runs once, in plain node.
const usesBrowser = (file) => /from '\.\/harness\.mjs'/.test(readFileSync(join(root, file), 'utf8'));
const browserE2e = e2eFiles.filter(usesBrowser);
const plainNode = e2eFiles.filter((f) => !usesBrowser(f));
const tapDir = mkdtempSync(join(tmpdir(), 'bezwaar-tap-'));
const minutes = (n) => n * 60;
// wasm-bindgen-test-runner picks its browser from whichever WebDriver variables are set, so each wasm stage names
// its runner and its own driver and has every other browser's variables removed; the stage then checks from the
// runner's output that the tests ran in that browser.
const WEBDRIVER_VARIABLES = ['CHROMEDRIVER', 'GECKODRIVER', 'SAFARIDRIVER', 'MSEDGEDRIVER', 'CHROMEDRIVER_REMOTE',
  'GECKODRIVER_REMOTE', 'SAFARIDRIVER_REMOTE', 'MSEDGEDRIVER_REMOTE', 'WASM_BINDGEN_USE_BROWSER',
  'WASM_BINDGEN_USE_NO_MODULE', 'WASM_BINDGEN_TEST_ONLY_NODE', 'WASM_BINDGEN_TEST_ONLY_WEB'];
function wasmStage(browser, driverVariable, driver, ranIn) {
  return {
    name: `Rust DOM tests (wasm in ${browser})`, cmd: 'cargo', count: 'cargo', limit: minutes(20),
    args: ['test', '--lib', '--target', 'wasm32-unknown-unknown'],
    env: { CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER: 'wasm-bindgen-test-runner', [driverVariable]: driver },
    unset: WEBDRIVER_VARIABLES.filter((v) => v !== driverVariable),
    ranIn,
  };
}

const stages = [
  { name: 'rustfmt', cmd: 'cargo', args: ['fmt', '--check'], count: 'single', limit: minutes(3) },
  {
    name: 'clippy (native)', cmd: 'cargo', args: ['clippy', '--all-targets', '--', '-D', 'warnings'], count: 'single',
    limit: minutes(20),
  },
  {
    name: 'clippy (wasm32)', cmd: 'cargo', count: 'single', limit: minutes(20),
    args: ['clippy', '--all-targets', '--target', 'wasm32-unknown-unknown', '--', '-D', 'warnings'],
  },
  // The two builds build.sh makes, each with one half of the entry points (src/entry/mod.rs).
  ...['content', 'pages'].map((half) => ({
    name: `clippy (wasm32, ${half} half alone)`, cmd: 'cargo', count: 'single', limit: minutes(10),
    args: ['clippy', '--lib', '--target', 'wasm32-unknown-unknown', '--no-default-features', '--features', half, '--', '-D', 'warnings'],
  })),
  // Licences, banned crates and crate sources from deny.toml; advisories need a database this machine cannot fetch.
  {
    name: 'cargo deny (licences, bans, sources)', cmd: 'cargo', count: 'single', limit: minutes(5),
    args: ['deny', 'check', 'licenses', 'bans', 'sources'],
  },
  { name: 'npm audit (runtime dependencies)', cmd: 'npm', args: ['audit', '--omit=dev', '--json'], count: 'audit', limit: minutes(2) },
  { name: 'Rust tests (native)', cmd: 'cargo', args: ['test'], count: 'cargo', limit: minutes(25) },
  wasmStage('Chromium', 'CHROMEDRIVER', process.env.CHROMEDRIVER ?? '/usr/bin/chromedriver', /Running headless tests in Chrome\b/),
  wasmStage('Firefox', 'GECKODRIVER', process.env.GECKODRIVER ?? 'geckodriver', /Running headless tests in Firefox\b/),
  {
    name: 'web-ext lint (dist/firefox)', cmd: join(root, 'node_modules/.bin/web-ext'), count: 'weblint', limit: minutes(5),
    args: ['lint', '--source-dir', join(dist, 'firefox'), '--output', 'json', '--no-config-discovery'],
  },
  ...(plainNode.length
    ? [{ name: 'node tests (no browser)', cmd: 'node', args: ['--test', ...plainNode], count: 'node', limit: minutes(3) }]
    : []),
  ...['chromium', 'firefox'].map((browser) => ({
    name: `end-to-end (${browser})`, cmd: 'node', count: 'node', limit: minutes(40), traffic: true,
    args: ['--test', '--test-concurrency=1', '--test-reporter=spec', '--test-reporter-destination=stdout',
      '--test-reporter=tap', `--test-reporter-destination=${join(tapDir, `e2e-${browser}.tap`)}`, ...browserE2e],
    env: { BEZWAAR_BROWSER: browser },
    tapFile: join(tapDir, `e2e-${browser}.tap`),
  })),
];

// The stage running now: if this runner is stopped, its process group goes too.
let running = null;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (running) {
      try {
        process.kill(-running.pid, 'SIGKILL');
      } catch {
        // the group is already gone
      }
    }
    process.exit(1);
  });
}

function run(stage) {
  return new Promise((resolve) => {
    const env = { ...process.env, ...stage.env, BEZWAAR_DIST: dist };
    for (const name of stage.unset ?? []) delete env[name];
    // Its own process group, so a timeout can end the stage and everything it started (browsers, drivers).
    const child = spawn(stage.cmd, stage.args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    running = child;
    let output = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      console.log(`\n${stage.name}: still running after its limit of ${stage.limit} s; killing its process group`);
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // the group is already gone
      }
    }, stage.limit * 1000);
    const keep = (chunk, stream) => {
      output += chunk;
      if (stage.count !== 'weblint' && stage.count !== 'audit') stream.write(chunk);
    };
    child.stdout.on('data', (c) => keep(c, process.stdout));
    child.stderr.on('data', (c) => keep(c, process.stderr));
    const done = (result) => {
      clearTimeout(timer);
      running = null;
      resolve({ ...result, timedOut });
    };
    child.on('error', (error) => done({ code: 127, output: `${output}\n${error.message}` }));
    child.on('close', (code) => done({ code: code ?? 1, output }));
  });
}

async function counts(stage, { code, output, timedOut }) {
  if (timedOut) {
    console.log(`  ${stage.name}: FAILED, it overran its time limit of ${stage.limit} s`);
    return { passed: 0, failed: 1 };
  }
  if (stage.ranIn && !stage.ranIn.test(output)) {
    console.log(`  ${stage.name}: FAILED, the runner's output does not say it ran there (${stage.ranIn})`);
    return { passed: 0, failed: 1 };
  }
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
      const { existsSync } = await import('node:fs');
      const text = stage.tapFile && existsSync(stage.tapFile) ? readFileSync(stage.tapFile, 'utf8') : output;
      const passed = Number(text.match(/^# pass (\d+)/m)?.[1] ?? 0);
      const failed = Number(text.match(/^# fail (\d+)/m)?.[1] ?? 0) + Number(text.match(/^# cancelled (\d+)/m)?.[1] ?? 0);
      return code === 0 ? { passed, failed } : { passed, failed: Math.max(failed, 1) };
    }
    case 'audit': {
      // npm prints a report when the registry answered, and an error object (or nothing) when it did not.
      let report = null;
      try {
        report = JSON.parse(output.slice(output.indexOf('{')));
      } catch {
        // not a report
      }
      const found = report?.metadata?.vulnerabilities;
      if (!found) {
        const why = report?.message || report?.error?.summary || output.trim().split('\n').at(-1) || `npm exited with ${code}`;
        console.log(`  npm audit skipped: the registry did not answer the audit (${why})`);
        return { passed: 0, failed: 0 };
      }
      // npm counts the project itself among the runtime ("prod") packages.
      const runtime = (report.metadata.dependencies?.prod ?? 1) - 1;
      console.log(`  npm audit: ${found.total} known vulnerabilities among ${runtime} runtime dependencies`);
      for (const [name, v] of Object.entries(report.vulnerabilities ?? {})) console.log(`  ${name}: ${v.severity}`);
      return found.total === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
    }
    case 'weblint': {
      let errors = 1;
      let warnings = 0;
      try {
        const report = JSON.parse(output.slice(output.indexOf('{')));
        errors = report.errors.length;
        warnings = report.warnings.length;
        for (const e of [...report.errors, ...report.warnings]) {
          console.log(`  web-ext ${e._type ?? 'issue'}: ${e.code} ${e.file ?? ''} ${e.message}`);
        }
      } catch {
        console.log(output);
      }
      console.log(`  web-ext lint: ${errors} errors, ${warnings} warnings`);
      return errors + warnings === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
    }
    default:
      return code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
  }
}

/** The e2e files' traffic lines ("# traffic: N requests recorded ... M unexplained"), added up. */
function traffic(output) {
  let recorded = 0;
  let unexplained = 0;
  for (const [, n, m] of output.matchAll(/# traffic: (\d+) requests recorded .*?, (\d+) unexplained/g)) {
    recorded += Number(n);
    unexplained += Number(m);
  }
  return { recorded, unexplained };
}

let passed = 0;
let failed = 0;
const summary = [];
for (const stage of stages) {
  console.log(`\n==> ${stage.name} (time limit ${stage.limit} s)`);
  const started = Date.now();
  const result = await run(stage);
  const c = await counts(stage, result);
  passed += c.passed;
  failed += c.failed;
  let line = `${stage.name}: ${c.passed} passed, ${c.failed} failed (${((Date.now() - started) / 1000).toFixed(0)} s)`;
  if (stage.traffic) {
    const t = traffic(result.output);
    line += `; ${t.recorded} requests recorded, ${t.unexplained} unexplained`;
  }
  summary.push(line);
}
console.log('\n==> summary');
for (const line of summary) console.log(`  ${line}`);
// The TAP files stay for a failed run (they name each failing test); a clean run leaves nothing behind.
if (failed === 0) rmSync(tapDir, { recursive: true, force: true });
else console.log(`TAP output: ${tapDir}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
