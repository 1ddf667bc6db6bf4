import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planSchema } from '../../plan/schema.js';
import { createLocalCa, type LocalCa } from '../../testing/local-ca.js';
import { routes, startServer, type Handler, type RunningServer } from '../../testing/http-server.js';
import { NO_LIVE_TARGETS } from '../live/config.js';
import { LiveClients } from '../live/targets.js';
import { PROBE_ORIGIN } from './cors.js';
import { gradeForScore, gradeSite, scoreOf, SCORE_MODIFIERS, type ObservatoryRequests, type SiteGrade } from './observatory-grade.js';
import { observeSite } from '../live/observatory-requests.js';

/**
 * The external reference: the MDN HTTP Observatory itself (@mdn/mdn-http-observatory 1.4.8, installed
 * on first use by scripts/ensure-observatory.sh) scans the same local servers, and harden's grade and
 * every test's result must equal its own.
 *
 * How it runs here: Observatory's CLI takes only a host name and scans ports 80/443, so a child
 * process calls its programmatic retriever with explicit ports (`retrieve(host, {httpPort,
 * httpsPort})`), runs its ten tests and sums their modifiers with its own grader functions (the
 * few lines its scan() uses). The child trusts the test CA through NODE_EXTRA_CA_CERTS (read at
 * process start only) and sends harden's probe Origin (CORS_ORIGIN), so both see the same answers.
 * Its install skipped the postinstall download of the HSTS preload list; an empty list `{}` is
 * written in its place, as harden has no preload list either.
 */

/** Installed on first use by scripts/ensure-observatory.sh (see there why it is not a devDependency). */
function ensureObservatory(): string {
  const run = spawnSync('bash', [fileURLToPath(new URL('../../../scripts/ensure-observatory.sh', import.meta.url))], { encoding: 'utf8', timeout: 300_000 });
  if (run.status !== 0) throw new Error(`cannot install the MDN HTTP Observatory: ${run.stderr.trim().split('\n').slice(-3).join(' ')}`);
  return run.stdout.trim();
}

const observatoryRoot = ensureObservatory();

interface ReferenceScan {
  grade: string;
  score: number;
  tests: Record<string, { result: string; pass: boolean }>;
}

const CHILD = `
const root = process.argv[1];
const jobs = JSON.parse(process.argv[2]);
const { retrieve } = await import(root + '/src/retriever/retriever.js');
const { ALL_TESTS } = await import(root + '/src/constants.js');
const { getGradeForScore, getScoreModifier } = await import(root + '/src/grader/grader.js');
const { MINIMUM_SCORE_FOR_EXTRA_CREDIT } = await import(root + '/src/grader/charts.js');
const out = {};
for (const job of jobs) {
  const requests = await retrieve(job.host, { httpPort: job.httpPort, httpsPort: job.httpsPort });
  const results = ALL_TESTS.map((test) => test(requests));
  let withBonus = 100, uncurved = 100;
  const tests = {};
  for (const r of results) {
    if (!r.result) continue;
    const modifier = getScoreModifier(r.result);
    withBonus += modifier;
    if (modifier < 0) uncurved += modifier;
    tests[r.constructor.name] = { result: r.result, pass: r.pass };
  }
  const { grade, score } = getGradeForScore(uncurved >= MINIMUM_SCORE_FOR_EXTRA_CREDIT ? withBonus : uncurved);
  out[job.label] = { grade, score, tests };
}
process.stdout.write(JSON.stringify(out));
`;

async function scanWithObservatory(jobs: { label: string; host: string; httpPort: number; httpsPort: number }[], caFile: string): Promise<Record<string, ReferenceScan>> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', CHILD, pathToFileURL(observatoryRoot).href, JSON.stringify(jobs)], {
    env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile, CORS_ORIGIN: PROBE_ORIGIN, NODE_NO_WARNINGS: '1' },
    timeout: 60_000,
  });
  return JSON.parse(stdout) as Record<string, ReferenceScan>;
}

const HTML = 'text/html; charset=utf-8';

/** The header sets: each an https server and (optionally) its plain-http twin. */
const SITES: Record<string, { https: (httpPort: number) => Handler; http?: (httpsPort: number, httpPort: number) => Handler; expect: string }> = {
  strong: {
    expect: 'A+',
    https: () =>
      routes({
        '/': {
          headers: {
            'content-type': HTML,
            'content-security-policy': "default-src 'none'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
            'strict-transport-security': 'max-age=63072000; includeSubDomains; preload',
            'x-content-type-options': 'nosniff',
            'referrer-policy': 'no-referrer',
            'cross-origin-resource-policy': 'same-origin',
            'set-cookie': ['sessionid=abc; Secure; HttpOnly; SameSite=Lax; Path=/', 'theme=dark; Secure; SameSite=Strict'],
          },
          body: '<!doctype html><title>ok</title><script src="/app.js" integrity="sha384-abc"></script>',
        },
      }),
    http: (httpsPort) => routes({ '/': { status: 301, headers: { location: `https://127.0.0.1:${httpsPort}/` } } }),
  },
  weak: {
    expect: 'F',
    https: () =>
      routes({
        '/': {
          headers: {
            'content-type': HTML,
            'x-frame-options': 'SAMEORIGIN',
            'x-content-type-options': 'yes',
            'referrer-policy': 'unsafe-url',
            'set-cookie': 'sessionid=abc; Path=/',
          },
          body: '<html><head><script src="http://cdn.example.com/lib.js"></script></head></html>',
        },
      }),
    http: () => routes({ '/': { headers: { 'content-type': HTML }, body: '<p>plain</p>' } }),
  },
  middling: {
    expect: 'C+',
    https: () =>
      routes({
        '/': {
          headers: {
            'content-type': HTML,
            'content-security-policy': "default-src 'self'; style-src 'self' 'unsafe-inline'",
            'strict-transport-security': 'max-age=300',
            'x-frame-options': 'ALLOW-FROM https://example.com',
            'x-content-type-options': 'nosniff',
            'access-control-allow-origin': '*',
            'set-cookie': 'csrftoken=xyz; Secure',
          },
          body: '<script src="https://cdn.example.com/a.js" integrity="sha384-x" crossorigin="anonymous"></script>',
        },
      }),
    http: (httpsPort, httpPort) =>
      routes({
        '/': { status: 302, headers: { location: `http://127.0.0.1:${httpPort}/next` } },
        '/next': { status: 301, headers: { location: `https://127.0.0.1:${httpsPort}/` } },
      }),
  },
  'meta-only, no http': {
    expect: 'D+',
    https: () =>
      routes({
        '/': {
          headers: {
            'content-type': HTML,
            'strict-transport-security': 'includeSubDomains',
            'cross-origin-resource-policy': 'anyone',
            'access-control-allow-origin': 'https://partner.example',
          },
          body: `<head><meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'unsafe-eval'"><meta name="referrer" content="strict-origin-when-cross-origin"></head><script src="/x.js"></script>`,
        },
      }),
  },
  // Two policies: the meta one narrows script-src (dropping 'unsafe-inline'), img-src set only by it counts as 'none'.
  'header and meta policies': {
    expect: 'A+',
    https: () =>
      routes({
        '/': {
          headers: {
            'content-type': HTML,
            'content-security-policy': "default-src 'self'; script-src 'self' https://cdn.example.com/js/ 'unsafe-inline'; frame-ancestors 'self'",
            'strict-transport-security': 'max-age=31536000',
            'x-content-type-options': 'nosniff',
          },
          body: `<meta http-equiv="content-security-policy" content="script-src 'self' https://cdn.example.com/js/app.js; img-src http://img.example.com">`,
        },
      }),
    http: (httpsPort) => routes({ '/': { status: 308, headers: { location: `https://127.0.0.1:${httpsPort}/` } } }),
  },
  'strict-dynamic and reporting': {
    expect: 'C-',
    https: () =>
      routes({
        '/': {
          headers: {
            'content-type': HTML,
            'content-security-policy': "script-src 'strict-dynamic' 'nonce-abc' https: 'unsafe-inline'; object-src 'none'; report-uri /a; report-uri /b",
            'strict-transport-security': 'max-age=31536000',
            'x-content-type-options': 'nosniff',
            'set-cookie': ['SESSION=1; Secure; SameSite=None', 'pref=1; SameSite=bogus; Secure'],
          },
          body: '<script>inline()</script>',
        },
      }),
    http: (httpsPort) => routes({ '/': { status: 301, headers: { location: `https://localhost:${httpsPort}/` } } }),
  },
};

describe('the site grade against the MDN HTTP Observatory 1.4.8 on local servers', () => {
  let ca: LocalCa;
  let dir: string;
  const servers: RunningServer[] = [];
  const ports = new Map<string, { httpsPort: number; httpPort: number }>();

  beforeAll(async () => {
    const preload = join(observatoryRoot, 'conf', 'hsts-preload.json');
    if (!existsSync(preload)) writeFileSync(preload, '{}\n');
    ca = await createLocalCa();
    dir = mkdtempSync(join(tmpdir(), 'harden-observatory-'));
    writeFileSync(join(dir, 'ca.pem'), ca.cert);
    const leaf = await ca.issue({ hosts: ['localhost'], ips: ['127.0.0.1'] });
    for (const [label, site] of Object.entries(SITES)) {
      // The http twin's port is needed by the https handler and vice versa: bind first, route after.
      let httpsHandler: Handler = () => undefined;
      let httpHandler: Handler = (_req, res) => res.end();
      const https = await startServer((req, res) => httpsHandler(req, res), { tls: leaf });
      const http = await startServer((req, res) => httpHandler(req, res));
      httpsHandler = site.https(http.port);
      servers.push(https);
      if (site.http) {
        httpHandler = site.http(https.port, http.port);
        servers.push(http);
      } else {
        // Nothing listens on the twin's port: a closed port, as on a TLS-only host.
        await http.close();
      }
      ports.set(label, { httpsPort: https.port, httpPort: http.port });
    }
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  /** One plan per site: its https URL and its plain-http twin on another port of 127.0.0.1. */
  async function gradeWithHarden(httpsPort: number, httpPort: number): Promise<SiteGrade> {
    const targets = planSchema.parse({ targets: { sites: [`https://127.0.0.1:${httpsPort}/`, `http://127.0.0.1:${httpPort}/`] } }).targets;
    const live = new LiveClients({ ...NO_LIVE_TARGETS, sites: targets.sites, ca: [ca.cert], timeoutMs: 5000 });
    try {
      return gradeSite(await observeSite(live.sites()[0]!));
    } finally {
      await live.close();
    }
  }

  it('gives every site the grade, score and per-test results the Observatory gives it', { timeout: 60_000 }, async () => {
    const jobs = [...ports].map(([label, p]) => ({ label, host: '127.0.0.1', ...p }));
    const [reference, ...graded] = await Promise.all([scanWithObservatory(jobs, join(dir, 'ca.pem')), ...[...ports.values()].map((p) => gradeWithHarden(p.httpsPort, p.httpPort))]);
    const harden = Object.fromEntries([...ports.keys()].map((label, i) => [label, graded[i]!]));
    for (const [label, site] of Object.entries(SITES)) {
      const theirs = reference[label]!;
      const ours = harden[label]!;
      const ourTests = Object.fromEntries(ours.tests.map((t) => [t.test, { result: t.result, pass: t.pass }]));
      expect({ label, tests: ourTests }).toEqual({ label, tests: theirs.tests });
      expect({ label, grade: ours.grade, score: ours.score }).toEqual({ label, grade: theirs.grade, score: theirs.score });
      // The header sets were written to land on these grades: a person's expectation, not a recording.
      expect({ label, grade: ours.grade }).toEqual({ label, grade: site.expect });
    }
  });
});

describe('score and grade boundaries', () => {
  const test = (modifier: number, pass = modifier >= 0) => ({ modifier, pass });

  it('counts bonuses only when the penalties leave at least 90', () => {
    expect(scoreOf([test(10), test(5), test(-10)])).toMatchObject({ score: 105, grade: 'A+' });
    expect(scoreOf([test(10), test(5), test(-15)])).toMatchObject({ score: 85, grade: 'A-' });
  });

  it('floors to a multiple of 5, caps the key at 100 and never goes below 0', () => {
    expect([100, 99, 94, 89, 84, 79, 74, 69, 64, 59, 54, 49, 44, 39, 34, 29, 24, 0].map(gradeForScore)).toEqual([
      'A+', 'A', 'A', 'A-', 'B+', 'B', 'B', 'B-', 'C+', 'C', 'C', 'C-', 'D+', 'D', 'D', 'D-', 'F', 'F',
    ]);
    expect(scoreOf([test(-50), test(-50), test(-40)])).toMatchObject({ score: 0, grade: 'F', testsFailed: 3 });
  });

  it('has the modifiers of the published scoring table', () => {
    expect(SCORE_MODIFIERS['cookies-session-without-secure-flag']).toBe(-40);
    expect(SCORE_MODIFIERS['x-frame-options-sameorigin-or-deny']).toBe(0);
    expect(Object.keys(SCORE_MODIFIERS)).toHaveLength(65);
  });
});

describe('what harden grades differently, on purpose', () => {
  const html = (headers: Record<string, string | string[]>): ObservatoryRequests => {
    const page = { url: new URL('https://site.test/'), status: 200, headers: new Map(Object.entries(headers).map(([k, v]) => [k, Array.isArray(v) ? v : [v]])), body: '' };
    return { hostname: 'site.test', http: undefined, https: { urls: [page.url], responses: [page] }, cors: undefined };
  };

  it('sees a reflected Origin with credentials (a live Observatory 1.4.8 scan cannot read its own request Origin)', () => {
    const requests = html({});
    const response = { url: new URL('https://site.test/'), status: 204, headers: new Map([['access-control-allow-origin', [PROBE_ORIGIN]], ['access-control-allow-credentials', ['true']]]), body: '' };
    const grade = gradeSite({ ...requests, cors: { response, origin: PROBE_ORIGIN } });
    expect(grade.tests.find((t) => t.test === 'cross-origin-resource-sharing')).toMatchObject({ result: 'cross-origin-resource-sharing-implemented-with-universal-access', pass: false, modifier: -50 });
  });

  it('scores an unverifiable certificate as invalid for HSTS and redirection', () => {
    const grade = gradeSite({ hostname: 'site.test', http: { certificateError: true }, https: { certificateError: true }, cors: undefined });
    expect(grade.tests.filter((t) => t.result.endsWith('invalid-cert')).map((t) => t.test)).toEqual(['redirection', 'strict-transport-security']);
  });
});
