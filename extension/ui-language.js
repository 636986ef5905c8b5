// The language Bezwaar's own text is in. By default the browser picks it (chrome.i18n, with English for a language
// Bezwaar lacks); the user may choose another in the options (settings.uiLanguage, validated by the core).
// chrome.i18n cannot switch language, so a chosen locale's messages are read from the extension's own packaged
// files (no network request) and filled in the way chrome.i18n fills them.
const api = globalThis.browser ?? globalThis.chrome;

/**
 * The messages of `locale` (a folder of _locales) as `{key: template}`, each template with its named placeholders
 * ($EMAIL$) already replaced by their content ($1), so `fillIn` needs only the substitutions.
 */
export async function loadTemplates(locale) {
  const response = await fetch(api.runtime.getURL(`_locales/${locale}/messages.json`));
  const messages = await response.json();
  return Object.fromEntries(Object.entries(messages).map(([key, { message, placeholders = {} }]) => {
    const contents = Object.fromEntries(Object.entries(placeholders).map(([name, p]) => [name.toLowerCase(), p.content]));
    return [key, message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name) => contents[name.toLowerCase()] ?? whole)];
  }));
}

/** A template with $1..$9 replaced by `substitutions` (a missing one by nothing) and $$ by $, as chrome.i18n does. */
export function fillIn(template, substitutions = []) {
  const values = Array.isArray(substitutions) ? substitutions : [substitutions];
  return template.replace(/\$(\$|[1-9])/g, (whole, which) => (which === '$' ? '$' : String(values[which - 1] ?? '')));
}

/** Scripts written right to left, for a browser that cannot give a language's direction itself. */
const RIGHT_TO_LEFT_SCRIPTS = ['Arab', 'Hebr', 'Thaa', 'Syrc', 'Nkoo', 'Adlm', 'Rohg', 'Mand', 'Samr'];

/** The writing direction of a language tag ('rtl' for Arabic script and the like), 'ltr' when the browser can't say. */
export function textDirection(tag) {
  try {
    const language = new Intl.Locale(tag);
    const known = (language.getTextInfo?.() ?? language.textInfo)?.direction;
    if (known) return known;
    return RIGHT_TO_LEFT_SCRIPTS.includes(language.maximize().script) ? 'rtl' : 'ltr';
  } catch {
    return 'ltr';
  }
}
