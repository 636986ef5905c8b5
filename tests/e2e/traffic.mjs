// Explains every request the fixture server recorded while one e2e test file ran, so the privacy promise ("the
// extension makes no network request of its own") is checked across the whole suite, not on one page.
//
// A request is explained when it is one of:
//   - a navigation the test made: a URL it loaded with a page's `goto`;
//   - a navigation the test's own click started in a page: fetch metadata says navigate, user-activated, from a web
//     page (Sec-Fetch-User: ?1 is sent only with a real user activation, which no script can make);
//   - a request a fixture page itself makes: its URL is written in the text of a fixture page the run served (an
//     attribute such as src, href or action, or a quoted literal or CSS url() that starts like a URL), and when it
//     says where it came from (Referer, Origin), that is the origin of such a page;
//   - the browser's own favicon request for a page the test opened: GET /favicon.ico, no query, an image;
//   - a violation report the fixture's own policy asks for (its CSP names the address with report-uri): whose
//     violation it was is for the test of that page to say (tests/e2e/hostile-pages.test.mjs counts them);
//   - a browser's own service (BROWSER_SERVICES): an exact endpoint of the browser vendor's, asked by the browser
//     itself (no Referer, no page or extension Origin, fetch metadata absent or Sec-Fetch-Site: none).
// Anything else, the extension's requests first of all, is unexplained. A CONNECT tunnel is explained when an
// https request arrived through a tunnel to its host (a tunnel that carries nothing is still traffic).
import { fixtureText } from './server.mjs';

const ATTRIBUTE_URL = /\b(?:src|href|action|formaction|data|poster)\s*=\s*(["'])([^"']*)\1/gi;
const LITERAL_URL = /(["'`])((?:https?:)?\/\/?[^"'`\s]*|\.\.?\/[^"'`\s]*)\1/g;
const CSS_URL = /url\(\s*(["']?)([^"')]+)\1\s*\)/gi;
const REPORT_URI = /report-uri\s+([^\s;"']+)/gi;

/** What the browsers ask for themselves during a run, each an exact endpoint. */
export const BROWSER_SERVICES = [
  // Chromium's sign-in component asks which Google accounts the profile is signed in to (it sets this Origin).
  { who: "Chromium's Google account check", method: 'POST', host: 'accounts.google.com', path: '/ListAccounts',
    query: /^\?(?:.*&)?source=ChromiumBrowser(?:&|$)/, origin: 'https://www.google.com' },
  // Chromium's update client (the Omaha protocol), over https and, when that fails, plain http.
  { who: "Chromium's update client", method: 'POST', host: 'update.googleapis.com', path: '/service/update2/json',
    query: /^\?cup2key=[^&]*&cup2hreq=[0-9a-f]+$/ },
  // Chromium's autofill asks Google what a page's form fields are (the query names the form by hashes) and reports
  // what was typed into which kind of field (a vote), whenever a page shows a form.
  { who: "Chromium's autofill field-type query", method: 'GET', host: 'content-autofill.googleapis.com',
    path: /^\/v1\/pages\/[\w=-]+$/, query: /^\?alt=proto$/ },
  { who: "Chromium's autofill vote", method: 'POST', host: 'content-autofill.googleapis.com', path: '/v1/forms:vote',
    query: /^\?alt=proto$/ },
  // Chromium's spell checker fetches the Hunspell dictionary of the UI language when text is first typed.
  { who: "Chromium's spell-check dictionary download", method: 'GET', host: 'redirector.gvt1.com',
    path: /^\/edgedl\/chrome\/dict\/[a-z]{2}(?:-[a-z]{2})?-\d+-\d+\.bdic$/, query: /^$/ },
];

/** The entry of BROWSER_SERVICES that `request` is, if any. */
function browserService(request) {
  const h = request.headers ?? {};
  const asked = !h.referer && (h['sec-fetch-site'] ?? 'none') === 'none';
  const pathIs = (path) => (typeof path === 'string' ? request.path === path : path.test(request.path));
  return BROWSER_SERVICES.find((s) => asked && request.method === s.method && request.host === s.host
    && pathIs(s.path) && s.query.test(request.query) && (h.origin ?? null) === (s.origin ?? null));
}

/** The request's URL as the browser asked for it (fragment never sent). */
export function requestUrl(request) {
  return `${request.scheme}://${request.host}${request.path}${request.query}`;
}

/** Every absolute http(s) URL the fixture `text`, served at `pageUrl`, writes down. */
export function declaredUrls(text, pageUrl) {
  const urls = new Set();
  for (const pattern of [ATTRIBUTE_URL, LITERAL_URL, CSS_URL]) {
    for (const [, , written] of text.matchAll(pattern)) {
      let url;
      try {
        url = new URL(written.trim(), pageUrl);
      } catch {
        continue;
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') continue;
      url.hash = '';
      urls.add(url.href);
    }
  }
  return urls;
}

const originOf = (url) => {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
};

/**
 * Sorts `requests` (as server.mjs records them) into explained and unexplained, given the URLs the test loaded
 * (`navigations`), the CONNECT targets (`tunnels`, "host:port") and a way to read a fixture's text.
 * Returns { explained: [{ request, why }], unexplained: [{ request | tunnel }] }.
 */
export function explainTraffic({ requests, tunnels = [], navigations = [], readFixture = fixtureText }) {
  const navigated = new Set(navigations.map((url) => new URL(url).href));
  // The pages the run served from fixtures, each with the URLs it writes down.
  const pages = [];
  for (const request of requests) {
    const text = request.fixture ? readFixture(request.fixture) : null;
    if (text === null) continue;
    const url = requestUrl(request);
    const reportsTo = new Set([...text.matchAll(REPORT_URI)].map(([, written]) => new URL(written, url).href));
    pages.push({ url, origin: originOf(url), host: request.host, declares: declaredUrls(text, url), reportsTo });
  }
  const pageHosts = new Set(pages.map((p) => p.host));

  const why = (request) => {
    const h = request.headers ?? {};
    const url = new URL(requestUrl(request)).href;
    if (navigated.has(url)) return 'a navigation the test made';
    if (h['sec-fetch-mode'] === 'navigate' && h['sec-fetch-user'] === '?1' && h['sec-fetch-site']
      && h['sec-fetch-site'] !== 'none') {
      return "a navigation the test's click started in a page";
    }
    const from = originOf(h.referer) ?? (h.origin && h.origin !== 'null' ? h.origin : null);
    if (pages.some((page) => page.declares.has(url) && (from === null || from === page.origin))) {
      return 'a request its fixture page makes';
    }
    if (request.method === 'POST' && h['sec-fetch-dest'] === 'report'
      && pages.some((page) => page.reportsTo.has(url) && from === page.origin)) {
      return "a violation report the page's own policy asks for";
    }
    if (request.method === 'GET' && request.path === '/favicon.ico' && request.query === ''
      && pageHosts.has(request.host) && (h['sec-fetch-dest'] ?? 'image') === 'image') {
      return "the browser's favicon request for a page the test opened";
    }
    const service = browserService(request);
    if (service) return service.who;
    return null;
  };

  const explained = [];
  const unexplained = [];
  for (const request of requests) {
    const reason = why(request);
    if (reason) explained.push({ request, why: reason });
    else unexplained.push({ request });
  }
  const tunnelled = new Set(requests.filter((r) => r.scheme === 'https').map((r) => r.host));
  for (const tunnel of tunnels) {
    const host = tunnel.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
    if (!tunnelled.has(host)) unexplained.push({ tunnel });
  }
  return { explained, unexplained };
}

/** One line for the log: how many requests, tunnels and unexplained ones, and what explained the rest. */
export function summarise({ requests, tunnels }, { explained, unexplained }) {
  const reasons = {};
  for (const { why } of explained) reasons[why] = (reasons[why] ?? 0) + 1;
  const http = requests.filter((r) => r.scheme === 'http').length;
  const byReason = Object.entries(reasons).map(([reason, n]) => `${n} ${reason}`).join('; ');
  return `${requests.length} requests recorded (${http} plain http) in ${tunnels.length} tunnels, `
    + `${unexplained.length} unexplained${byReason ? ` (explained: ${byReason})` : ''}`;
}
