// The extension pages' Content-Security-Policy is in force: an extension page can open no connection (connect-src
// 'none'), not even to Meta's hosts, and still loads the extension's own files, the wasm core among them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserName, env } from './harness.mjs';

test(`${browserName}: an extension page cannot fetch anything from the network, but loads its own wasm`, async () => {
  const page = await env.browser.openExtensionPage('options/options.html');
  const requestsBefore = env.server.requests.length;
  const outcome = await page.evaluate(async () => {
    const violations = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
    const network = await fetch('https://www.facebook.com/?fixture=facebook/feed-basic').then(() => 'fetched', () => 'refused');
    const api = globalThis.browser ?? globalThis.chrome;
    const own = await fetch(api.runtime.getURL('core/wasm/bezwaar_bg.wasm'))
      .then((r) => r.arrayBuffer()).then((b) => WebAssembly.validate(b), () => 'refused');
    await new Promise((r) => setTimeout(r, 200)); // the violation event is queued after the refusal
    return { network, own, violations };
  });
  assert.deepEqual(outcome, { network: 'refused', own: true, violations: ['connect-src'] });
  // The browser's own services may ask meanwhile; nothing may have gone to the host the page fetched.
  const reached = env.server.requests.slice(requestsBefore).filter((r) => r.host === 'www.facebook.com');
  assert.deepEqual(reached, [], 'the fetch never reached the server');
  await page.close();
});
