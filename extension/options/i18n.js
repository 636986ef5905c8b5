// Fills the extension pages' text from _locales. Elements name their message in attributes:
//   data-i18n="key"             -> textContent
//   data-i18n-aria-label="key"  -> aria-label
//   data-i18n-title="key"       -> title
// Text is only ever set as text (textContent / attributes), never parsed as HTML.
// The messages are the browser's language's (chrome.i18n) unless the user chose a language for Bezwaar.
import { fillIn, loadTemplates, textDirection } from '../ui-language.js';

const api = globalThis.browser ?? globalThis.chrome;
/** The chosen language's templates, or null for the browser's language. */
let chosen = null;

/** Uses `locale` (settings.uiLanguage as the core read it) for every text from now on; null: the browser's. */
export async function useLanguage(locale) {
  chosen = locale ? await loadTemplates(locale).catch(() => null) : null;
}

/** The message `key` with `substitutions`; the key itself when a message is missing, so the gap is visible. */
export function t(key, substitutions) {
  const template = chosen?.[key];
  if (template !== undefined) return fillIn(template, substitutions);
  return api.i18n.getMessage(key, substitutions) || key;
}

/** The language the pages' messages are in (not the browser's UI language: a locale we lack falls back to en). */
export function pageLanguage() {
  return t('pagesLanguageCode');
}

export function localize(root = document) {
  if (root === document) {
    document.documentElement.lang = pageLanguage();
    // The direction of the language the messages are in: the browser's own (@@bidi_dir) would lay English out right
    // to left in a right-to-left browser whose language Bezwaar lacks.
    document.documentElement.dir = textDirection(pageLanguage());
  }
  for (const element of root.querySelectorAll('[data-i18n]')) element.textContent = t(element.dataset.i18n);
  for (const element of root.querySelectorAll('[data-i18n-aria-label]')) {
    element.setAttribute('aria-label', t(element.dataset.i18nAriaLabel));
  }
  for (const element of root.querySelectorAll('[data-i18n-title]')) element.title = t(element.dataset.i18nTitle);
}

/** A date and time in the pages' language; the stored text itself when it is not a date. */
export function formatDateTime(value, options = { dateStyle: 'long', timeStyle: 'short' }) {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(pageLanguage(), options).format(date);
}

/** Creates an element with optional text content and attributes (the pages build their DOM with this only). */
export function el(tag, { text, attrs = {}, children = [] } = {}) {
  const element = document.createElement(tag);
  if (text !== undefined) element.textContent = text;
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}
