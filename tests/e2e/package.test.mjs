// The built packages (plain node, no browser): both manifests carry Cargo.toml's version, and the store zips hold
// the same manifests as the unpacked folders the other tests load.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
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
