// The built packages (plain node, no browser): both manifests carry Cargo.toml's version, and the store zips hold
// the same manifests as the unpacked folders the other tests load.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
const dist = process.env.BEZWAAR_DIST ?? join(root, 'dist');
const cargoVersion = readFileSync(join(root, 'Cargo.toml'), 'utf8').match(/^\[package\][^[]*?^version\s*=\s*"([^"]+)"/ms)[1];

for (const browser of ['chrome', 'firefox']) {
  test(`${browser}: the manifest's version is Cargo.toml's, in the folder and in the zip`, () => {
    const unpacked = JSON.parse(readFileSync(join(dist, browser, 'manifest.json'), 'utf8'));
    assert.equal(unpacked.version, cargoVersion);
    const zipped = execFileSync('unzip', ['-p', join(dist, `bezwaar-${browser}.zip`), 'manifest.json'], { encoding: 'utf8' });
    assert.deepEqual(JSON.parse(zipped), unpacked);
  });
}

test('the source manifest names no version of its own', () => {
  assert.equal('version' in JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')), false);
});

/** The storage keys in the first column of the table under `heading` in a Markdown file. */
function storageKeys(file, heading) {
  const text = readFileSync(join(root, file), 'utf8');
  const start = text.indexOf(heading);
  assert.ok(start >= 0, `${file} has no heading "${heading}"`);
  const end = text.indexOf('\n## ', start + heading.length);
  const table = text.slice(start, end < 0 ? undefined : end).split('\n').filter((line) => line.startsWith('| `'));
  return table.map((row) => row.match(/^\| `([^`]+)`/)[1]).sort();
}

test('PRIVACY.md names every storage key the README lists, and no other', () => {
  const readme = storageKeys('README.md', '## What Bezwaar stores');
  assert.ok(readme.length >= 8, `the README's storage table was not found (${readme.length} keys)`);
  assert.deepEqual(storageKeys('PRIVACY.md', '## What it keeps'), readme);
});

// The stores show the manifest's name and description (`extName`, `extDescription`) in the listing: the Chrome Web
// Store takes at most 132 characters of description, Firefox Add-ons at most 50 of name. They are the store texts'
// name and summary (store/<locale>.md), so the listing and the package never say two things.
test('every locale names the extension and sums it up within the stores\' limits, as its store text does', () => {
  const localesDir = join(root, 'extension/_locales');
  const locales = readdirSync(localesDir).filter((name) => existsSync(join(localesDir, name, 'messages.json')));
  assert.ok(locales.length >= 24, `only ${locales.length} locales`);
  for (const locale of locales) {
    const messages = JSON.parse(readFileSync(join(localesDir, locale, 'messages.json'), 'utf8'));
    const store = readFileSync(join(root, 'store', `${locale}.md`), 'utf8');
    const name = store.match(/^# (.+)$/m)[1].trim();
    const summary = store.match(/^## summary\s*\n\s*\n(.+?)\n/ms)[1].trim();
    assert.ok([...messages.extName.message].length <= 50, `${locale}: extName is over 50 characters`);
    assert.ok([...messages.extDescription.message].length <= 132, `${locale}: extDescription is over 132 characters`);
    assert.equal(messages.extName.message, name, `${locale}: extName differs from store/${locale}.md`);
    assert.equal(messages.extDescription.message, summary, `${locale}: extDescription differs from store/${locale}.md`);
  }
});

for (const browser of ['chrome', 'firefox']) {
  test(`${browser}: the package lists no web-accessible file, and holds each content script it lists`, () => {
    const manifest = JSON.parse(readFileSync(join(dist, browser, 'manifest.json'), 'utf8'));
    assert.equal('web_accessible_resources' in manifest, false, 'a listed file would let any page detect Bezwaar');
    const scripts = manifest.content_scripts.flatMap((entry) => entry.js);
    assert.deepEqual(scripts, ['content/started.js', 'content/content.js']);
    for (const script of scripts) assert.ok(existsSync(join(dist, browser, script)), `${script} is in the package`);
    // The loader is in the package only inside its bundle; core/ holds the extension pages' core, as wasm.
    const files = readdirSync(join(dist, browser), { recursive: true });
    assert.equal(files.includes(join('content', 'loader.js')), false);
    assert.deepEqual(files.filter((f) => f.startsWith('core')).sort(),
      ['core', join('core', 'wasm'), join('core', 'wasm', 'bezwaar.js'), join('core', 'wasm', 'bezwaar_bg.wasm')]);
    const bundle = readFileSync(join(dist, browser, 'content', 'content.js'), 'utf8');
    assert.equal(/^\s*(import|export)\s/m.test(bundle), false, 'the content script is a classic script');
  });

  // The core is built twice (src/entry/mod.rs): the content script, parsed on every Meta page, carries only the
  // entry points it calls, and the extension's pages only theirs.
  test(`${browser}: the content script's core carries the content half only, the pages' core the other`, () => {
    const bundle = readFileSync(join(dist, browser, 'content', 'content.js'), 'utf8');
    const pagesGlue = readFileSync(join(dist, browser, 'core', 'wasm', 'bezwaar.js'), 'utf8');
    const names = (text, list) => list.filter((name) => new RegExp(`\\b${name}\\b`).test(text));
    const contentCalls = ['start_content', 'storage_changed', 'report_again'];
    const pagesCall = ['read_content_message', 'records_put', 'profile_store', 'popup_view', 'statement_languages'];
    assert.deepEqual(names(bundle, contentCalls), contentCalls);
    assert.deepEqual(names(bundle, pagesCall), []);
    assert.deepEqual(names(pagesGlue, pagesCall), pagesCall);
    assert.deepEqual(names(pagesGlue, contentCalls), []);
  });
}
