import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../engine/result.js';
import { startServer, type RunningServer } from '../../testing/http-server.js';
import { runLiveCheck } from '../../testing/live-cases.js';
import { createLocalCa, type IssuedCertificate, type LocalCa } from '../../testing/local-ca.js';
import { securityTxt } from './security-txt.js';

const DAY = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();
const TEXT = { 'content-type': 'text/plain; charset=utf-8' };

interface Served {
  status?: number;
  headers?: Record<string, string>;
  /** The body, given the request (to name the server's own origin in Canonical). */
  body?: (origin: string) => string;
}

/** What each scenario's server answers, by path; anything else is a 404 page. */
const SCENARIOS: Record<string, { files: Record<string, Served>; plain?: boolean }> = {
  valid: {
    files: {
      '/.well-known/security.txt': {
        headers: TEXT,
        body: (origin) => `# Report vulnerabilities here\r\nContact: mailto:security@example.test\r\nContact: https://example.test/report\r\nExpires: ${inDays(180)}\r\nCanonical: ${origin}/.well-known/security.txt\r\nPreferred-Languages: en, nl\r\nX-Unknown-Field: ignored\r\n`,
      },
    },
  },
  signed: {
    files: {
      '/.well-known/security.txt': {
        headers: TEXT,
        body: (origin) =>
          `-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nContact: mailto:security@example.test\nExpires: ${inDays(90)}\nCanonical: ${origin}/.well-known/security.txt\n-----BEGIN PGP SIGNATURE-----\n\niHUEARYIAB0WIQQ=\n-----END PGP SIGNATURE-----\n`,
      },
    },
  },
  signedExpired: {
    files: {
      '/.well-known/security.txt': {
        headers: TEXT,
        body: () => '-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nContact: mailto:security@example.test\nExpires: 2025-01-01T00:00:00Z\n-----BEGIN PGP SIGNATURE-----\n\niHUEARYIAB0WIQQ=\n-----END PGP SIGNATURE-----\n',
      },
    },
  },
  redirected: {
    files: {
      '/.well-known/security.txt': { status: 301, headers: { location: '/policies/security.txt' } },
      '/policies/security.txt': { headers: TEXT, body: (origin) => `Contact: mailto:security@example.test\nExpires: ${inDays(90)}\nCanonical: ${origin}/policies/security.txt\n` },
    },
  },
  missing: { files: {} },
  spa: { files: {} },
  legacy: { files: { '/security.txt': { headers: TEXT, body: () => `Contact: mailto:security@example.test\nExpires: ${inDays(90)}\n` } } },
  plainHttp: { plain: true, files: { '/.well-known/security.txt': { headers: TEXT, body: () => `Contact: mailto:security@example.test\nExpires: ${inDays(90)}\n` } } },
  html: { files: { '/.well-known/security.txt': { headers: { 'content-type': 'text/html' }, body: () => `Contact: mailto:security@example.test\nExpires: ${inDays(90)}\n` } } },
  latin1: { files: { '/.well-known/security.txt': { headers: { 'content-type': 'text/plain; charset=iso-8859-1' }, body: () => `Contact: mailto:security@example.test\nExpires: ${inDays(90)}\n` } } },
  noFields: { files: { '/.well-known/security.txt': { headers: TEXT, body: () => 'Policy: https://example.test/disclosure\n' } } },
  twoExpires: { files: { '/.well-known/security.txt': { headers: TEXT, body: () => `Contact: mailto:security@example.test\nExpires: ${inDays(90)}\nexpires: ${inDays(100)}\n` } } },
  badExpires: { files: { '/.well-known/security.txt': { headers: TEXT, body: () => 'Contact: mailto:security@example.test\nExpires: 2027-06-01\n' } } },
  expired: { files: { '/.well-known/security.txt': { headers: TEXT, body: () => 'Contact: mailto:security@example.test\nExpires: 2025-01-01T00:00:00.000Z\n' } } },
  farExpiry: { files: { '/.well-known/security.txt': { headers: TEXT, body: () => `Contact: mailto:security@example.test\nExpires: ${inDays(400)}\n` } } },
  otherCanonical: {
    files: { '/.well-known/security.txt': { headers: TEXT, body: () => `Contact: mailto:security@example.test\nExpires: ${inDays(90)}\nCanonical: https://www.example.test/.well-known/security.txt\n` } },
  },
};

function handlerFor(name: string, plain: boolean) {
  const { files } = SCENARIOS[name]!;
  return (request: IncomingMessage, response: import('node:http').ServerResponse) => {
    const origin = `${plain ? 'http' : 'https'}://${request.headers.host}`;
    const served = files[new URL(request.url ?? '/', 'http://x').pathname];
    if (!served) {
      // The SPA answers 200 with its shell everywhere; the others 404.
      if (name === 'spa') response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html><body>app</body></html>');
      else response.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>');
      return;
    }
    response.writeHead(served.status ?? 200, served.headers ?? {}).end(served.body?.(origin) ?? '');
  };
}

describe('http/security-txt', () => {
  let ca: LocalCa;
  let tls: IssuedCertificate;
  const servers: Record<string, RunningServer> = {};

  beforeAll(async () => {
    ca = await createLocalCa();
    tls = await ca.issue();
    await Promise.all(
      Object.entries(SCENARIOS).map(async ([name, { plain = false }]) => {
        servers[name] = await startServer(handlerFor(name, plain), plain ? {} : { tls });
      }),
    );
  });
  afterAll(async () => {
    await Promise.all(Object.values(servers).map((server) => server.close()));
  });

  async function run(name: string): Promise<Result[]> {
    return runLiveCheck(securityTxt, { targets: { sites: [servers[name]!.origin] }, ca: [ca.cert] });
  }
  const failures = async (name: string) => (await run(name)).map((r) => [r.status, r.messageId]);
  const fileUrl = (name: string, path = '/.well-known/security.txt') => `${servers[name]!.origin}${path}`;

  it('passes a complete file over https: several Contacts, one Expires within a year, matching Canonical, unknown fields ignored', async () => {
    expect(await failures('valid')).toEqual([['pass', undefined]]);
    // What was read, as data: whether it is signed, the expiry and the days left.
    const [result] = await run('valid');
    expect(result!.data).toEqual({ signed: false, expires: expect.stringMatching(/^\d{4}-\d\d-\d\d$/), daysLeft: expect.any(Number) });
    expect(result!.data!.daysLeft).toBeGreaterThanOrEqual(179);
    expect(result!.data!.daysLeft).toBeLessThanOrEqual(180);
  });

  it('passes a PGP-signed file', async () => {
    expect(await failures('signed')).toEqual([['pass', undefined]]);
    expect((await run('signed'))[0]!.data).toMatchObject({ signed: true });
  });

  it('follows a redirect on the site and accepts the Canonical of the URL that answered', async () => {
    expect(await failures('redirected')).toEqual([['pass', undefined]]);
  });

  it('reports a missing file at the well-known location', async () => {
    const results = await run('missing');
    expect(results.map((r) => [r.status, r.messageId, r.message])).toEqual([['fail', 'missing', `no security.txt at ${fileUrl('missing')}`]]);
    expect(results[0]!.location).toEqual({ kind: 'url', url: fileUrl('missing') });
  });

  it('does not take a single-page app shell answering 200 for the file', async () => {
    expect(await failures('spa')).toEqual([['fail', 'missing']]);
  });

  it('falls back to the legacy /security.txt, and says it is in the wrong place', async () => {
    const results = await run('legacy');
    expect(results.map((r) => [r.messageId, r.message])).toEqual([
      ['legacyLocation', `security.txt is only at ${fileUrl('legacy', '/security.txt')}: RFC 9116 places it at /.well-known/security.txt`],
    ]);
  });

  it('requires https', async () => {
    const results = await run('plainHttp');
    expect(results.map((r) => [r.messageId, r.message])).toEqual([['notHttps', `${fileUrl('plainHttp')} is served over plain http: RFC 9116 requires https`]]);
    expect(results[0]!.evidence).toBe('not PGP-signed');
  });

  it('requires text/plain in utf-8', async () => {
    expect((await run('html')).map((r) => [r.messageId, r.message])).toEqual([['contentType', `${fileUrl('html')} is served as "text/html", not text/plain; charset=utf-8`]]);
    expect(await failures('latin1')).toEqual([['fail', 'contentType']]);
  });

  it('requires Contact and Expires', async () => {
    expect(await failures('noFields')).toEqual([
      ['fail', 'noContact'],
      ['fail', 'noExpires'],
    ]);
  });

  it('allows exactly one Expires, whatever its case', async () => {
    const results = await run('twoExpires');
    expect(results.map((r) => [r.messageId, r.message])).toEqual([['multipleExpires', `${fileUrl('twoExpires')} has 2 Expires fields; exactly one is allowed`]]);
    expect(results[0]!.evidence).toMatch(/^line 3: expires: \d{4}-.*; not PGP-signed$/);
  });

  it('requires Expires to be an RFC 3339 date-time', async () => {
    const results = await run('badExpires');
    expect(results.map((r) => [r.messageId, r.message])).toEqual([['invalidExpires', `${fileUrl('badExpires')}: Expires "2027-06-01" is not an RFC 3339 date-time`]]);
  });

  it('reports an expired file', async () => {
    const results = await run('expired');
    expect(results.map((r) => [r.messageId, r.message, r.evidence])).toEqual([
      ['expired', `${fileUrl('expired')} expired on 2025-01-01T00:00:00.000Z`, 'line 2: Expires: 2025-01-01T00:00:00.000Z; not PGP-signed'],
    ]);
  });

  it('says in the evidence when the file is PGP-signed', async () => {
    const results = await run('signedExpired');
    expect(results.map((r) => [r.messageId, r.evidence])).toEqual([['expired', 'line 5: Expires: 2025-01-01T00:00:00Z; PGP-signed (-----BEGIN PGP SIGNED MESSAGE-----)']]);
  });

  it('reports an Expires more than a year ahead', async () => {
    expect(await failures('farExpiry')).toEqual([['fail', 'longExpiry']]);
  });

  it('requires Canonical, when present, to list the URL the file came from', async () => {
    const results = await run('otherCanonical');
    expect(results.map((r) => [r.messageId, r.evidence])).toEqual([['canonicalMismatch', 'line 3: Canonical: https://www.example.test/.well-known/security.txt; not PGP-signed']]);
  });
});
