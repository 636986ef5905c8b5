// A browser in a language Bezwaar has no translation for (Japanese) gets Bezwaar in English, with every message
// found: no page error, and no message key shown in place of a text.
process.env.BEZWAAR_BROWSER_LANGUAGE = 'ja';

const { test } = await import('node:test');
const { default: assert } = await import('node:assert/strict');
const { readFileSync } = await import('node:fs');
const { browserName, env, openReady } = await import('./harness.mjs');

const en = JSON.parse(readFileSync(new URL('../../extension/_locales/en/messages.json', import.meta.url), 'utf8'));

for (const path of ['options/options.html', 'popup/popup.html']) {
  test(`${browserName}: in a browser in Japanese, ${path} is in English with every text found`, async () => {
    const page = await openReady(path);
    const shown = await page.evaluate(() => ({
      browserLanguage: (globalThis.browser ?? globalThis.chrome).i18n.getUILanguage(),
      lang: document.documentElement.lang,
      texts: [...document.querySelectorAll('body *')].map((e) => [e.textContent.trim(), e.getAttribute('aria-label')]).flat()
        .filter(Boolean),
    }));
    console.log(`# ${browserName} reports its language as ${shown.browserLanguage}`);
    // Chromium takes the language from the environment; Firefox only switches to a language whose language pack is
    // installed, so without one it stays in its own (English) whatever the preference asks for.
    if (browserName === 'chromium') assert.match(shown.browserLanguage, /^ja/, 'the browser runs in Japanese');
    assert.equal(shown.lang, 'en');
    const keysShown = shown.texts.filter((t) => t in en);
    assert.deepEqual(keysShown, [], 'message keys shown instead of their text');
    assert.deepEqual(page.errors, []);
    await page.close();
  });
}
