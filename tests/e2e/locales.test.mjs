// Locale discipline (plain node, no browser): English is the reference; every English message says what it is for;
// every other locale has exactly English's keys with the same placeholders; every key the code asks for exists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
const localesDir = join(root, 'extension/_locales');
const read = (locale) => JSON.parse(readFileSync(join(localesDir, locale, 'messages.json'), 'utf8'));
const en = read('en');
const locales = readdirSync(localesDir).filter((name) => statSync(join(localesDir, name)).isDirectory());
/** The languages the project promises: the 24 official EU languages (Portuguese as written in Portugal). */
const REQUIRED = [
  'bg', 'cs', 'da', 'de', 'el', 'en', 'es', 'et', 'fi', 'fr', 'ga', 'hr',
  'hu', 'it', 'lt', 'lv', 'mt', 'nl', 'pl', 'pt_PT', 'ro', 'sk', 'sl', 'sv',
];

/** $NAME$ references in a message, lower-cased as Chrome resolves them. */
const referenced = (text) => [...text.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => m[1].toLowerCase()).sort();

function files(dir, pattern) {
  return readdirSync(dir, { recursive: true })
    .map((name) => join(dir, name))
    .filter((path) => pattern.test(path) && statSync(path).isFile());
}

test('every required locale exists and every locale folder has a messages file', () => {
  for (const locale of REQUIRED) assert.ok(locales.includes(locale), `missing locale ${locale}`);
  for (const locale of locales) assert.doesNotThrow(() => read(locale), `${locale}/messages.json is not JSON`);
});

test('every English message has a description and well-formed placeholders', () => {
  for (const [key, entry] of Object.entries(en)) {
    assert.match(key, /^[A-Za-z0-9_]+$/, `${key}: Chrome allows only letters, digits and _ in keys`);
    assert.equal(typeof entry.message, 'string', `${key}: no message`);
    assert.ok(entry.message.trim(), `${key}: empty message`);
    assert.ok(typeof entry.description === 'string' && entry.description.trim().length > 10,
      `${key}: every English message needs a description for translators`);
    const defined = Object.keys(entry.placeholders ?? {}).sort();
    assert.deepEqual([...new Set(referenced(entry.message))].sort(), defined,
      `${key}: the placeholders used and defined differ`);
    for (const [name, placeholder] of Object.entries(entry.placeholders ?? {})) {
      assert.match(placeholder.content, /^\$\d$/, `${key}.${name}: content should be $1..$9`);
      assert.ok(placeholder.example, `${key}.${name}: an example helps translators`);
    }
  }
});

for (const locale of locales.filter((l) => l !== 'en')) {
  test(`${locale} has exactly the English keys, each translated with the same placeholders`, () => {
    const messages = read(locale);
    const missing = Object.keys(en).filter((key) => !(key in messages));
    const extra = Object.keys(messages).filter((key) => !(key in en));
    assert.deepEqual(missing, [], `${locale} lacks keys English has`);
    assert.deepEqual(extra, [], `${locale} has keys English lacks`);
    for (const [key, entry] of Object.entries(messages)) {
      assert.equal(typeof entry.message, 'string', `${locale}/${key}: no message`);
      assert.ok(entry.message.trim(), `${locale}/${key}: empty message`);
      assert.deepEqual([...new Set(referenced(entry.message))].sort(), [...new Set(referenced(en[key].message))].sort(),
        `${locale}/${key}: uses other placeholders than English`);
      const contents = (e) => Object.fromEntries(Object.entries(e.placeholders ?? {}).map(([n, p]) => [n, p.content]));
      assert.deepEqual(contents(entry), contents(en[key]), `${locale}/${key}: placeholder definitions differ`);
    }
    assert.equal(messages.pagesLanguageCode.message, locale.replace('_', '-'),
      `${locale}: pagesLanguageCode must name the locale itself`);
    // A key copied over in English to silence the check above is a gap, not a translation. A few messages are the
    // same in many languages (the name Bezwaar, "$SITE$, $DATE$", "Platform"), so only a pile of them is suspicious.
    const copied = Object.keys(en).filter((key) => messages[key].message === en[key].message);
    assert.ok(copied.length <= Math.max(8, Object.keys(en).length / 20),
      `${locale}: ${copied.length} messages are still in English: ${copied.join(', ')}`);
  });
}

test('every message key the code uses exists in English', () => {
  const used = new Map();
  const note = (key, path) => used.set(key, relative(root, path));
  for (const path of files(join(root, 'extension'), /\.html$/)) {
    const html = readFileSync(path, 'utf8');
    for (const m of html.matchAll(/data-i18n(?:-[a-z-]+)?="([^"]+)"/g)) note(m[1], path);
  }
  for (const path of files(join(root, 'extension'), /\.m?js$/)) {
    const js = readFileSync(path, 'utf8');
    // The pages name their keys in these namespaces; the background and others through getMessage.
    for (const m of js.matchAll(/['"]((?:options|popup|pages)[A-Z]\w*)['"]/g)) note(m[1], path);
    for (const m of js.matchAll(/getMessage\(\s*['"]([A-Za-z]\w*)['"]/g)) note(m[1], path);
  }
  // src/dom is where Rust fetches the page texts (services.text); src/core names the texts the extension pages show
  // (the popup's and the options page's keys), which those pages look up by key.
  for (const path of files(join(root, 'src/dom'), /\.rs$/)) {
    const rust = readFileSync(path, 'utf8');
    for (const m of rust.matchAll(/\b(?:t|text)\(\s*"([A-Za-z]\w*)"/g)) note(m[1], path);
  }
  for (const path of files(join(root, 'src/core'), /\.rs$/)) {
    const rust = readFileSync(path, 'utf8');
    for (const m of rust.matchAll(/"((?:options|popup)[A-Z]\w*)"/g)) note(m[1], path);
  }
  const manifest = readFileSync(join(root, 'manifest.json'), 'utf8');
  for (const m of manifest.matchAll(/__MSG_(\w+)__/g)) note(m[1], join(root, 'manifest.json'));
  const unknown = [...used].filter(([key]) => !(key in en)).map(([key, path]) => `${key} (${path})`);
  assert.deepEqual(unknown, [], 'keys used in code but missing from extension/_locales/en/messages.json');
  assert.ok(used.size > 50, `found only ${used.size} keys in use: the scan is broken`);
});
