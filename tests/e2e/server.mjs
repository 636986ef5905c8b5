// The fixture server: HTTPS for Meta's real hostnames, reached through the local proxy below, which both browsers
// use for every request (Chromium's --proxy-server, Firefox's proxy prefs). Nothing here reaches the network.
//
// Every request that arrives is recorded in `requests` (https through a tunnel and plain http alike) with its method
// and the headers that say who asked, and every CONNECT in `tunnels`; traffic.mjs explains them after each test file.
//
// A fixture is a file under tests/fixtures/. Any path on any host serves it with `?fixture=NAME`, so a page can sit
// on its real URL (the extension classifies pages by host and path). A fixture's first line may declare headers:
//   <!-- fixture: csp="default-src 'self'; script-src 'self' 'nonce-x'" -->
// `?csp=strict` puts the wasm-forbidding policy on any fixture, `?csp=none` removes the declared one.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, writeFileSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createHttpServer } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';

const FIXTURES = new URL('../fixtures/', import.meta.url).pathname;
export const STRICT_CSP = "default-src 'self'; script-src 'self' 'nonce-bezwaar-test'; style-src 'self' 'unsafe-inline'; img-src 'self' data:";
export const HOSTS = [
  'www.facebook.com', 'web.facebook.com', 'm.facebook.com', 'nl-nl.facebook.com', 'de-de.facebook.com',
  'fr-fr.facebook.com', 'www.instagram.com', 'help.instagram.com', 'privacycenter.instagram.com',
  'www.facebook.com.example.test', 'faceb00k.com', 'www.faceb00k.com',
];
// The request headers that say who asked and why: the fetch metadata, and where the request came from.
const WHO_ASKED = ['sec-fetch-site', 'sec-fetch-mode', 'sec-fetch-dest', 'sec-fetch-user', 'origin', 'referer'];
const TYPES = { '.html': 'text/html; charset=utf-8', '.json': 'application/json', '.txt': 'text/plain; charset=utf-8', '.js': 'text/javascript' };

// A throwaway certificate authority and a certificate for every fixture host, made fresh for each run. The files
// are only needed until they are read: the folder goes at once, so no run leaves key material behind.
function makeCertificate() {
  const dir = mkdtempSync(join(tmpdir(), 'bezwaar-tls-'));
  try {
    const run = (...args) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
    run('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=Bezwaar test CA',
      '-keyout', 'ca.key', '-out', 'ca.crt');
    writeFileSync(join(dir, 'ext.cnf'),
      `subjectAltName=${[...HOSTS, '*.facebook.com', '*.instagram.com'].map((h) => `DNS:${h}`).join(',')}\n` +
      'basicConstraints=CA:FALSE\n');
    run('req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=www.facebook.com', '-keyout', 'server.key', '-out', 'server.csr');
    run('x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2',
      '-extfile', 'ext.cnf', '-out', 'server.crt');
    return { key: readFileSync(join(dir, 'server.key')), cert: readFileSync(join(dir, 'server.crt')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function fixtureFile(name) {
  if (!/^[a-z0-9][a-z0-9._/-]*$/i.test(name) || name.includes('..')) return null;
  for (const candidate of [name, `${name}.html`]) {
    const file = join(FIXTURES, candidate);
    if (existsSync(file) && extname(file)) return file;
  }
  return null;
}

function declaredHeaders(text) {
  const first = text.slice(0, 400).match(/^<!-- fixture:(.*?)-->/);
  const headers = {};
  if (first) for (const [, key, value] of first[1].matchAll(/(\w[\w-]*)="([^"]*)"/g)) headers[key] = value;
  return headers;
}

/** One recorded request: where it went, how, and who asked (the headers in WHO_ASKED that were sent). */
function record(req, scheme) {
  const url = new URL(req.url, `${scheme}://${req.headers.host}`);
  const headers = {};
  for (const name of WHO_ASKED) if (req.headers[name] !== undefined) headers[name] = req.headers[name];
  return {
    scheme, method: req.method, host: url.hostname, path: url.pathname, query: url.search,
    fixture: url.searchParams.get('fixture'), headers,
  };
}

/**
 * Answers `req` with the fixture its query names (the same answer over http and https), or with what
 * `extraFile(url)` gives for it (`{ file, type }` or null): the benchmark's feed page, served on its Facebook URL.
 */
function serveFixture(req, res, scheme, extraFile) {
  const url = new URL(req.url, `${scheme}://${req.headers.host}`);
  if (url.pathname === '/favicon.ico') {
    res.writeHead(204);
    res.end();
    return;
  }
  const extra = extraFile?.(url);
  const name = url.searchParams.get('fixture');
  const file = extra?.file ?? (name && fixtureFile(name));
  if (!file) {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end(`no fixture for ${url.href}`);
    return;
  }
  const body = readFileSync(file, 'utf8');
  const declared = declaredHeaders(body);
  const headers = { 'content-type': extra?.type ?? declared['content-type'] ?? TYPES[extname(file)] ?? 'text/html', 'cache-control': 'no-store' };
  const csp = url.searchParams.get('csp');
  if (csp === 'strict') headers['content-security-policy'] = STRICT_CSP;
  else if (csp !== 'none' && declared.csp) headers['content-security-policy'] = declared.csp;
  res.writeHead(200, headers);
  res.end(body);
}

/** The text of the fixture file `name` names, or null: what traffic.mjs reads a page's own requests from. */
export function fixtureText(name) {
  const file = name && fixtureFile(name);
  return file ? readFileSync(file, 'utf8') : null;
}

export async function startFixtureServer({ extraFile } = {}) {
  const tls = makeCertificate();
  const requests = [];
  const tunnels = [];
  // A WebSocket (or any other protocol upgrade) is recorded like any request and refused.
  const refuseUpgrade = (scheme) => (req, socket) => {
    requests.push(record(req, scheme));
    socket.destroy();
  };
  const https = createHttpsServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    requests.push(record(req, 'https'));
    serveFixture(req, res, 'https', extraFile);
  });
  https.on('upgrade', refuseUpgrade('https'));
  await new Promise((resolve) => https.listen(0, '127.0.0.1', resolve));
  const httpsPort = https.address().port;

  // Both browsers send every request through this proxy. A CONNECT, whatever its host, is tunnelled to the HTTPS
  // fixture server; a plain-http request (absolute URL) is recorded and answered here like an https one.
  const proxy = createHttpServer((req, res) => {
    requests.push(record(req, 'http'));
    serveFixture(req, res, 'http', extraFile);
  });
  proxy.on('upgrade', refuseUpgrade('http'));
  const tunnelSockets = new Set();
  proxy.on('connect', (req, client, head) => {
    tunnels.push(req.url);
    const upstream = connect(httpsPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    const drop = () => { upstream.destroy(); client.destroy(); };
    upstream.on('error', drop);
    client.on('error', drop);
    for (const socket of [client, upstream]) {
      tunnelSockets.add(socket);
      socket.on('close', () => tunnelSockets.delete(socket));
    }
  });
  await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));

  return {
    httpsPort,
    proxyPort: proxy.address().port,
    requests,
    tunnels,
    url: (host, path, fixture, query = '') => `https://${host}${path}${path.includes('?') ? '&' : '?'}fixture=${fixture}${query}`,
    // Ends every connection too: a tunnel the browser left open must not keep the server, and the test, waiting.
    close: () => {
      for (const socket of tunnelSockets) socket.destroy();
      const closed = Promise.all([new Promise((r) => https.close(r)), new Promise((r) => proxy.close(r))]);
      https.closeAllConnections();
      proxy.closeAllConnections();
      return closed;
    },
  };
}
