// Writes dist/chrome and dist/firefox from one source: extension/ (the JS shim, pages, locales), build/ (the Rust
// core as wasm for the extension's pages, and the content script bundled with the core in the browser's encoding,
// see tools/bundle-content.mjs) and manifest.json. The source manifest names the background script once as
// "background": {"module": FILE}; each browser gets the key it understands, so neither store's linter warns.
// The version has one source, Cargo.toml's [package] version, so the core and both packages never disagree.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeIcons } from './icons.mjs';

const root = new URL('..', import.meta.url).pathname;
const out = process.argv[2] ?? root; // where build/ is read and dist/ written (build.sh passes BEZWAAR_OUT)
const source = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
const backgroundModule = source.background.module;
if ('version' in source) throw new Error('manifest.json: no "version" here; it comes from Cargo.toml');
const version = packageVersion(readFileSync(join(root, 'Cargo.toml'), 'utf8'));

/** The `version` of Cargo.toml's [package] table, checked to be the dotted numbers both stores accept. */
function packageVersion(toml) {
  const table = toml.split(/^\[/m).find((section) => section.startsWith('package]'));
  const found = table?.match(/^version\s*=\s*"([^"]*)"/m)?.[1];
  if (!found || !/^\d+(\.\d+){0,3}$/.test(found)) {
    throw new Error(`Cargo.toml: [package] version ${JSON.stringify(found)} is not 1 to 4 dotted numbers`);
  }
  return found;
}

/** The content script's encoding of the core in each browser's package (tools/bundle-content.mjs says why). */
const contentEncoding = { chrome: 'wasm2js', firefox: 'wasm' };

const variants = {
  chrome: (m) => ({ ...m, background: { service_worker: backgroundModule, type: 'module' } }),
  firefox: (m) => ({
    ...m,
    background: { scripts: [backgroundModule], type: 'module' },
    browser_specific_settings: {
      gecko: {
        id: 'bezwaar@bezwaar.invalid',
        strict_min_version: '142.0',
        data_collection_permissions: { required: ['none'] },
      },
    },
  }),
};

for (const [browser, shape] of Object.entries(variants)) {
  const dir = join(out, 'dist', browser);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // The loader's source is in the package only as part of its bundle.
  const loaderSource = join(root, 'extension', 'content', 'loader.js');
  cpSync(join(root, 'extension'), dir, { recursive: true, filter: (path) => path !== loaderSource });
  cpSync(join(out, 'build', 'pages-core'), join(dir, 'core', 'wasm'), { recursive: true });
  cpSync(join(out, 'build', 'content', `${contentEncoding[browser]}.js`), join(dir, 'content', 'content.js'));
  writeIcons(join(dir, 'icons'));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(shape({ ...source, version }), null, 2) + '\n');
}
