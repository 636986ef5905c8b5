// Bundles the content script (extension/content/loader.js) with the Rust core into one classic script per encoding,
// build/content/<encoding>.js, which the manifest lists as a content script. The core is then never a separate file
// that must be web-accessible, so no page can load one of Bezwaar's files to learn it is installed.
//
// Chromium applies the page's Content-Security-Policy to WebAssembly a content script compiles. Under a policy
// without 'wasm-unsafe-eval' it refuses the module, and the refusal is a policy violation: the page sees a
// securitypolicyviolation event naming the extension, and the browser posts a report to the site's report address.
// No way to ask the policy first exists, and Bezwaar must not announce itself to Meta, so Chromium's package runs
// the wasm2js encoding of the same crate (plain JavaScript, which the page's policy does not govern). Firefox does
// not apply the page's policy to content scripts: its package runs the real wasm module, whose bytes are part of the
// script because a content script cannot read a file of its own extension that is not web-accessible.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, transform } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const out = process.argv[2] ?? root; // where build/ is read and written (build.sh passes BEZWAAR_OUT)
// The core's content half in both encodings, as build.sh leaves it.
const core = (...parts) => JSON.stringify(join(out, 'build', 'content-core', ...parts));

/** What `bezwaar:core` is in each bundle: the core's exports, its encoding's name, and a promise of its start. */
const encodings = {
  wasm2js: `export * from ${core('js', 'bezwaar.js')};
    export const engine = 'wasm2js';
    export const ready = Promise.resolve();`,
  wasm: `import init from ${core('wasm', 'bezwaar.js')};
    import bytes from ${core('wasm', 'bezwaar_bg.wasm')};
    export * from ${core('wasm', 'bezwaar.js')};
    export const engine = 'wasm';
    export const ready = init({ module_or_path: bytes });`,
};

mkdirSync(join(out, 'build', 'content'), { recursive: true });
for (const [encoding, source] of Object.entries(encodings)) {
  await build({
    entryPoints: [join(root, 'extension', 'content', 'loader.js')],
    outfile: join(out, 'build', 'content', `${encoding}.js`),
    bundle: true,
    format: 'iife',
    target: 'es2022',
    charset: 'utf8',
    legalComments: 'none',
    minifyWhitespace: true,
    loader: { '.wasm': 'binary' },
    // The wasm glue's default module path, never taken: the bytes are always passed in.
    define: { 'import.meta.url': '"bezwaar:core"' },
    logLevel: 'warning',
    plugins: [{
      name: 'bezwaar-core',
      setup(bundler) {
        bundler.onResolve({ filter: /^bezwaar:core$/ }, () => ({ path: encoding, namespace: 'bezwaar-core' }));
        bundler.onLoad({ filter: /.*/, namespace: 'bezwaar-core' }, () => ({ contents: source, resolveDir: root, loader: 'js' }));
        // wasm2js's output, generated from the wasm module, with its local names (such as `i64toi32_i32$HIGH_BITS`)
        // shortened: the browser parses this script on every Meta page, and a third of its bytes were those names.
        // The glue's and the loader's names stay as written.
        bundler.onLoad({ filter: /bezwaar_engine\.js$/ }, async (args) => {
          const { code } = await transform(readFileSync(args.path, 'utf8'), { minifyIdentifiers: true, format: 'esm', target: 'es2022', charset: 'utf8' });
          return { contents: code, loader: 'js' };
        });
      },
    }],
  });
}
