// The request checker itself, in plain node: what it explains and, above all, that it flags what nothing explains
// (a page-world fetch to a path its fixture never names, the extension's own request, an empty tunnel).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { declaredUrls, explainTraffic } from './traffic.mjs';

const PAGE = 'https://www.facebook.com/?fixture=demo/page';
const FIXTURES = {
  'demo/page': `<!doctype html><img src="/images/cover.png"><link rel="stylesheet" href="style.css">
    <div style="background: url('/images/bg.png')"></div>
    <script>fetch('/api/feed?cursor=2'); const label = "not/a/url";</script>`,
};
const readFixture = (name) => FIXTURES[name] ?? null;

/** A request as server.mjs records it. */
function request(url, { method = 'GET', headers = {} } = {}) {
  const u = new URL(url);
  return {
    scheme: u.protocol.slice(0, -1), method, host: u.hostname, path: u.pathname, query: u.search,
    fixture: u.searchParams.get('fixture'), headers,
  };
}

const pageLoad = request(PAGE, { headers: { 'sec-fetch-mode': 'navigate', 'sec-fetch-site': 'none', 'sec-fetch-dest': 'document' } });
const fromPage = { 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'empty', referer: PAGE };

function verdict(extra, tunnels = ['www.facebook.com:443']) {
  return explainTraffic({ requests: [pageLoad, ...extra], tunnels, navigations: [PAGE], readFixture });
}

test('the URLs a fixture writes down: attributes, quoted paths and CSS url(), resolved against the page', () => {
  assert.deepEqual([...declaredUrls(FIXTURES['demo/page'], PAGE)].sort(), [
    'https://www.facebook.com/api/feed?cursor=2',
    'https://www.facebook.com/images/bg.png',
    'https://www.facebook.com/images/cover.png',
    'https://www.facebook.com/style.css',
  ]);
});

test('the test navigation, the fixture page own requests and the favicon are explained', () => {
  const { explained, unexplained } = verdict([
    request('https://www.facebook.com/api/feed?cursor=2', { headers: fromPage }),
    request('https://www.facebook.com/images/cover.png', { headers: { ...fromPage, 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'image' } }),
    request('https://www.facebook.com/favicon.ico', { headers: { 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'image', referer: PAGE } }),
  ]);
  assert.deepEqual(unexplained, []);
  assert.deepEqual(explained.map((e) => e.why), [
    'a navigation the test made', 'a request its fixture page makes', 'a request its fixture page makes',
    "the browser's favicon request for a page the test opened",
  ]);
});

test('a page-world fetch to a path the fixture never names is flagged', () => {
  const undeclared = request('https://www.facebook.com/api/collect', { method: 'POST', headers: fromPage });
  assert.deepEqual(verdict([undeclared]).unexplained, [{ request: undeclared }]);
});

test('a declared path asked for with another query, or from another origin, is flagged', () => {
  const otherQuery = request('https://www.facebook.com/api/feed?cursor=3', { headers: fromPage });
  const otherOrigin = request('https://www.facebook.com/api/feed?cursor=2',
    { headers: { ...fromPage, 'sec-fetch-site': 'cross-site', referer: 'https://evil.example/', origin: 'https://evil.example' } });
  assert.equal(verdict([otherQuery, otherOrigin]).unexplained.length, 2);
});

test("the extension's own requests are flagged, even to a browser service's endpoint", () => {
  const fromExtension = { 'sec-fetch-site': 'none', 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'empty', origin: 'chrome-extension://abcdefghijklmnop' };
  const beacon = request('https://www.facebook.com/api/feed?cursor=2', { method: 'POST', headers: fromExtension });
  const lookalikeService = request('https://accounts.google.com/ListAccounts?gpsia=1&source=ChromiumBrowser',
    { method: 'POST', headers: fromExtension });
  const browsers = request('https://accounts.google.com/ListAccounts?gpsia=1&source=ChromiumBrowser',
    { method: 'POST', headers: { 'sec-fetch-site': 'none', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'empty', origin: 'https://www.google.com' } });
  const { explained, unexplained } = verdict([beacon, lookalikeService, browsers]);
  assert.deepEqual(unexplained, [{ request: beacon }, { request: lookalikeService }]);
  assert.equal(explained.at(-1).why, "Chromium's Google account check");
});

test('a plain-http request with no test navigation behind it is flagged; a user-activated click is explained', () => {
  const plain = request('http://www.facebook.com/?fixture=demo/page');
  const clicked = request('https://www.facebook.com/help/contact/712876720715583',
    { headers: { 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document', 'sec-fetch-user': '?1' } });
  const scripted = request('https://www.facebook.com/help/contact/1',
    { headers: { 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' } });
  const { explained, unexplained } = verdict([plain, clicked, scripted]);
  assert.deepEqual(unexplained, [{ request: plain }, { request: scripted }]);
  assert.equal(explained.at(-1).why, "a navigation the test's click started in a page");
});

test('a tunnel that carried no request is flagged', () => {
  assert.deepEqual(verdict([], ['www.facebook.com:443', 'tracker.example:443']).unexplained, [{ tunnel: 'tracker.example:443' }]);
});

test("a violation report to the address the page's own policy names is explained; one anywhere else is not", () => {
  const policyPage = 'https://www.facebook.com/?fixture=demo/policy';
  FIXTURES['demo/policy'] = `<!-- fixture: csp="default-src 'self'; report-uri /csp-report?fixture=demo/reports" --><p>feed</p>`;
  const load = request(policyPage, { headers: { 'sec-fetch-mode': 'navigate', 'sec-fetch-site': 'none', 'sec-fetch-dest': 'document' } });
  const asReport = { 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'report', origin: 'https://www.facebook.com', referer: policyPage };
  const named = request('https://www.facebook.com/csp-report?fixture=demo/reports', { method: 'POST', headers: asReport });
  const elsewhere = request('https://www.facebook.com/collect', { method: 'POST', headers: asReport });
  const { explained, unexplained } = explainTraffic({
    requests: [load, named, elsewhere], tunnels: ['www.facebook.com:443'], navigations: [policyPage], readFixture,
  });
  assert.deepEqual(unexplained, [{ request: elsewhere }]);
  assert.equal(explained.find((e) => e.request === named)?.why, "a violation report the page's own policy asks for");
});
