// The content script's core as plain JavaScript (wasm2js, for pages whose CSP forbids wasm), in plain node: after its
// memory grows, the glue reads and writes the grown memory, not the copy it replaced.
//
// wasm2js grows memory by copying it into a new ArrayBuffer and leaves the old one attached, so wasm-bindgen's own
// "is my cached view stale?" test never fires; build.sh rewrites that test in the glue. How much memory reading a
// page takes depends on how the page's changes fall into frames, so a browser test cannot make the core's memory grow
// for sure; here it is grown on purpose. The module tested is the one build.sh bundles into the content script.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
const dist = process.env.BEZWAAR_DIST ?? join(root, 'dist');
const core = join(dist, '..', 'build', 'content-core', 'js');

/** The glue's export whose body carries `marker` (wasm-bindgen names its imports with a hash). */
function glueExport(glue, source, marker) {
  const at = source.indexOf(marker);
  assert.ok(at >= 0, `the glue has no "${marker}" (wasm-bindgen changed its glue?)`);
  const name = [...source.slice(0, at).matchAll(/export function (\w+)\(/g)].at(-1)[1];
  assert.equal(typeof glue[name], 'function', name);
  return glue[name];
}

test('wasm2js core: after its memory grows, strings pass both ways through the grown memory', async () => {
  // The glue is ES modules in .js files: node reads them as such inside a folder that says so.
  const folder = mkdtempSync(join(tmpdir(), 'bezwaar-wasm2js-'));
  try {
    cpSync(core, folder, { recursive: true });
    writeFileSync(join(folder, 'package.json'), '{"type":"module"}');
    const engine = await import(join(folder, 'bezwaar_engine.js'));
    const glue = await import(join(folder, 'bezwaar_bg.js'));
    glue.__wbg_set_wasm(engine);
    const source = readFileSync(join(folder, 'bezwaar_bg.js'), 'utf8');
    // Into the glue (a string the core wrote in its memory) and back out (a string the glue writes there).
    const stringFromCore = glueExport(glue, source, "Cast intrinsic for `Ref(String) -> Externref`");
    const stringToCore = glueExport(glue, source, 'const ret = typeof(obj) === \'string\' ? obj : undefined;');
    const malloc = engine.__wbindgen_export;
    const roundTrip = (text) => {
      const bytes = new TextEncoder().encode(text);
      const at = malloc(bytes.length, 1) >>> 0;
      new Uint8Array(engine.memory.buffer).set(bytes, at);
      const handle = stringFromCore(at, bytes.length);
      const slot = malloc(8, 4) >>> 0;
      stringToCore(slot, handle);
      const view = new DataView(engine.memory.buffer);
      const [copy, length] = [view.getInt32(slot, true), view.getInt32(slot + 4, true)];
      return new TextDecoder().decode(new Uint8Array(engine.memory.buffer, copy, length));
    };

    assert.equal(roundTrip('before: Gedeeld met Openbaar'), 'before: Gedeeld met Openbaar');
    const pages = engine.memory.buffer.byteLength / 65536;
    const old = engine.memory.buffer;
    engine.memory.grow(4);
    assert.equal(engine.memory.buffer.byteLength / 65536, pages + 4, 'the memory grew');
    assert.notEqual(engine.memory.buffer, old, 'wasm2js replaced the memory');
    assert.equal(roundTrip('after: Partagé avec Public'), 'after: Partagé avec Public');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
