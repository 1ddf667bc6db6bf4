import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRADE_ALGORITHM_VERSION } from '../../targets/http/observatory-grade.js';
import { routes, startServer, type RunningServer } from '../../testing/http-server.js';
import { runLiveCheck } from '../../testing/live-cases.js';
import { createLocalCa, type LocalCa } from '../../testing/local-ca.js';
import { observatoryGrade } from './observatory-grade.js';

const STRONG: Record<string, string> = {
  'content-type': 'text/html',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

const { 'content-security-policy': _csp, ...withoutCsp } = STRONG;

describe('http/observatory-grade through the engine', () => {
  let ca: LocalCa;
  let https: RunningServer;
  let http: RunningServer;

  beforeAll(async () => {
    ca = await createLocalCa();
    const tls = await ca.issue({ hosts: ['localhost'], ips: ['127.0.0.1'] });
    https = await startServer(
      routes({
        // A+ (score 125): every header the grade rewards.
        '/strong': { headers: STRONG, body: '<p>ok</p>' },
        // B (score 75): the strong set without its CSP (-25), framing denied by X-Frame-Options instead; bonuses do not count below 90.
        '/middling': { headers: { ...withoutCsp, 'x-frame-options': 'DENY' }, body: '<p>ok</p>' },
        // F: nothing at all, and a session cookie without Secure or HttpOnly.
        '/bare': { headers: { 'content-type': 'text/html', 'set-cookie': 'sessionid=1' }, body: '<p>ok</p>' },
        '/broken': { status: 500, headers: STRONG, body: 'oops' },
      }),
      { tls },
    );
    http = await startServer((req, res) => res.writeHead(301, { location: `https://127.0.0.1:${https.port}${req.url}` }).end());
  });
  afterAll(async () => {
    await Promise.all([https.close(), http.close()]);
  });

  const run = (paths: string[], options?: Record<string, unknown>) =>
    runLiveCheck(observatoryGrade, { targets: { sites: [...paths.map((p) => `${https.origin}${p}`), `${http.origin}/`] }, ca: [ca.cert], ...(options ? { options } : {}) });

  it('passes at or above the minimum grade (B by default) and fails below it with the versioned per-test evidence', async () => {
    const results = await run(['/strong', '/middling', '/bare']);
    const byPath = Object.fromEntries(results.map((r) => [new URL(r.target).pathname, r]));
    expect(byPath['/strong']!.status).toBe('pass');
    expect(byPath['/middling']!.status).toBe('pass');
    const bare = byPath['/bare']!;
    expect(bare).toMatchObject({ status: 'fail', messageId: 'belowMinimum', severity: 'info', location: { kind: 'url', url: `${https.origin}/bare` } });
    expect(bare.message).toBe(
      'grade F (score 0) is below B; failing tests: content-security-policy, cookies, strict-transport-security, x-content-type-options, x-frame-options',
    );
    expect(bare.evidence!.split('\n').slice(0, 3)).toEqual([`algorithm ${GRADE_ALGORITHM_VERSION}`, 'grade F, score 0, 5/10 tests passed', 'FAIL content-security-policy: csp-not-implemented (-25)']);
    expect(bare.evidence).toContain('FAIL cookies: cookies-session-without-secure-flag (-40)');
    // The same values as data, for a pass too.
    expect(bare.data).toEqual({ grade: 'F', score: 0, testsPassed: 5, tests: 10, algorithm: GRADE_ALGORITHM_VERSION });
    expect(byPath['/middling']!.data).toMatchObject({ grade: 'B', score: 75 });
    expect(bare.evidence).toContain('pass redirection: redirection-to-https (+0)');
    // The plain-http site of the plan is the https sites' twin: graded with them, not on its own.
    expect(byPath['/']).toBeUndefined();
  });

  it('takes the minimum grade from the item (with: { minimumGrade })', async () => {
    const results = await run(['/strong', '/middling'], { minimumGrade: 'A+' });
    const byPath = Object.fromEntries(results.map((r) => [new URL(r.target).pathname, r]));
    expect(byPath['/strong']!.status).toBe('pass');
    expect(byPath['/middling']!.message).toBe('grade B (score 75) is below A+; failing tests: content-security-policy');
  });

  it('does not grade an error page, as the Observatory refuses to', async () => {
    const result = (await run(['/broken'])).find((r) => r.target.endsWith('/broken'));
    expect(result).toMatchObject({ status: 'error' });
    expect(result!.message).toContain('answered 500: not gradable');
  });
});
