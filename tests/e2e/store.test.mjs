// Store listing discipline (plain node, no browser): every official EU language (and any other language Bezwaar's
// screens speak) has a listing under store/, each with the sections English has in English's order, a name and a
// summary that both stores accept, and a description that claims no network or data traffic PRIVACY.md rules out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
const storeDir = join(root, 'store');

/** The 24 official EU languages, spelled as Chrome's _locales folders spell them: each must have a listing. */
const EU_LOCALES = ['bg', 'cs', 'da', 'de', 'el', 'en', 'es', 'et', 'fi', 'fr', 'ga', 'hr', 'hu', 'it', 'lt', 'lv', 'mt',
  'nl', 'pl', 'pt_PT', 'ro', 'sk', 'sl', 'sv'];
/** Every language Bezwaar's screens speak (its _locales folders): each has a listing, and nothing else does. */
const LOCALES = readdirSync(join(root, 'extension/_locales'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
const SECTIONS = ['summary', 'description', 'privacy'];
/** The shorter of the two stores' limits (store/README.md cites both): AMO's name, the Chrome Web Store's summary. */
const NAME_MAX = 50;
const SUMMARY_MAX = 132;
/** English's description length; a translation may run longer or shorter by the ratio a language needs, no more. */
const ENGLISH_WORDS = { min: 120, max: 200 };
const TRANSLATION_RATIO = { min: 0.7, max: 1.3 };

/** A listing file as its name and its `## ` sections in file order. */
function parse(locale) {
  const text = readFileSync(join(storeDir, `${locale}.md`), 'utf8');
  const [first, ...rest] = text.split('\n');
  const sections = [];
  for (const line of rest) {
    const heading = line.match(/^## (.+)$/);
    if (heading) sections.push({ title: heading[1].trim(), lines: [] });
    else if (sections.length) sections.at(-1).lines.push(line);
  }
  const body = Object.fromEntries(sections.map((s) => [s.title, s.lines.join('\n').trim()]));
  return { first, name: first.replace(/^# /, '').trim(), titles: sections.map((s) => s.title), body };
}

/** Characters as a reader counts them (code points, not UTF-16 units). */
const length = (text) => [...text].length;
/** Scripts written without spaces between words (Chinese, Japanese, Thai): a stretch of text in one of them counts the
 * words ICU's dictionary-based segmenter finds in it, so that a listing need not put spaces between words to pass. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;
const segmenter = new Intl.Segmenter('und', { granularity: 'word' });
const wordsIn = (chunk) => (UNSPACED.test(chunk)
  ? [...segmenter.segment(chunk)].filter((segment) => segment.isWordLike).length
  : 1);
/** Words: whitespace-separated stretches that hold a letter, each counted as one word unless unspaced (above). */
const words = (text) => text.split(/\s+/).filter((word) => /\p{L}/u.test(word))
  .reduce((count, chunk) => count + wordsIn(chunk), 0);

test('every official EU language and every other UI language has a listing, and nothing else is in store/ but the README', () => {
  for (const locale of EU_LOCALES) assert.ok(LOCALES.includes(locale), `no UI in ${locale}`);
  for (const locale of LOCALES) assert.ok(existsSync(join(storeDir, `${locale}.md`)), `store/${locale}.md is missing`);
  const extra = readdirSync(storeDir).filter((f) => f !== 'README.md' && !LOCALES.includes(f.replace(/\.md$/, '')));
  assert.deepEqual(extra, [], 'store/ holds files that are no listing of a UI language');
});

test('English has the name line and the three sections, in order, and a description of 120 to 200 words', () => {
  const en = parse('en');
  assert.match(en.first, /^# \S/, 'the first line is "# <name>"');
  assert.deepEqual(en.titles, SECTIONS);
  const count = words(en.body.description);
  assert.ok(count >= ENGLISH_WORDS.min && count <= ENGLISH_WORDS.max, `English description has ${count} words`);
});

for (const locale of LOCALES) {
  test(`${locale}: English's sections in English's order, within the stores' limits, no address in the text`, () => {
    const listing = parse(locale);
    assert.match(listing.first, /^# \S/, `${locale}: the first line must be "# <name>"`);
    assert.deepEqual(listing.titles, parse('en').titles, `${locale}: sections differ from English's`);
    for (const section of SECTIONS) assert.ok(listing.body[section], `${locale}: ## ${section} is empty`);

    assert.ok(length(listing.name) <= NAME_MAX, `${locale}: name has ${length(listing.name)} characters`);
    assert.match(listing.name, /^Bezwaar\b/, `${locale}: the name starts with the extension's own name`);
    const { summary, description, privacy } = listing.body;
    assert.ok(length(summary) <= SUMMARY_MAX, `${locale}: summary has ${length(summary)} characters`);
    assert.doesNotMatch(summary, /\n/, `${locale}: the summary is one line`);
    assert.equal(summary.match(/[.!?;。](\s|$)/g)?.length ?? 0, 1, `${locale}: the summary is one sentence`);

    const count = words(description);
    const english = words(parse('en').body.description);
    assert.ok(count >= english * TRANSLATION_RATIO.min && count <= english * TRANSLATION_RATIO.max,
      `${locale}: description has ${count} words, English ${english}`);
    assert.match(description, /\b21\b/, `${locale}: the description names Article 21 GDPR`);
    assert.match(description, /Meta/, `${locale}: the description names Meta`);

    // PRIVACY.md: the extension sends nothing and loads nothing from the network, so the listing points nowhere
    // either: no web address, no host name, no e-mail address.
    for (const [section, text] of Object.entries({ summary, description, privacy })) {
      assert.doesNotMatch(text, /[a-z]+:\/\/|www\.|\b[\w-]+\.(com|org|net|eu|io)\b|@/i,
        `${locale}: ${section} holds an address`);
    }
    assert.doesNotMatch(description + privacy, /<[a-z]|\*\*|\]\(/i, `${locale}: store fields are plain text`);
  });
}

test('the English privacy text says what PRIVACY.md says: nothing sent, everything kept in the browser', () => {
  const { privacy, description } = parse('en').body;
  assert.match(privacy, /no network request of its own/);
  assert.match(privacy, /sends nothing/);
  assert.match(privacy, /extension storage/);
  assert.match(description, /not affiliated with Meta/);
  assert.match(description, /applies from when Meta receives it/);
  assert.match(description, /never sends it for you/);
});
