import { defineCheck, type AnyCheck } from '../checks/define.js';
import { runAsNonRoot } from '../checks/k8s/run-as-non-root.js';
import { fingerprint } from '../engine/fingerprint.js';
import type { Result } from '../engine/result.js';
import type { ScanRun, WaiverStatus } from '../engine/scan-run.js';
import { tallyResults } from '../engine/tally.js';
import { parsePlan, type LoadedPlan } from '../plan/load.js';
import type { ReportContext } from '../report/define.js';
import { dedent } from './dedent.js';

/** A result with the fields a test does not care about filled in; the fingerprint follows check, target and message id. */
export function makeResult(fields: Partial<Result> & Pick<Result, 'checkId' | 'status' | 'location' | 'target'>): Result {
  return {
    invocation: fields.checkId,
    severity: 'medium',
    message: `${fields.checkId} ${fields.status}`,
    fingerprint: fingerprint(fields.checkId, fields.target, fields.messageId ?? fields.status),
    ...fields,
  };
}

/** A run whose results are held in an array, as tests like to index them. */
export type FixtureRun = ScanRun & { results: Result[] };

/** A run of these results, with the findings and counts the engine would give them. */
export function makeScanRun(fields: Partial<Omit<ScanRun, 'results'>> & { results?: Result[] } = {}): FixtureRun {
  const results = fields.results ?? [];
  return {
    tool: { name: 'harden', version: '0.1.0' },
    startedAt: '2026-11-30T09:00:00.000Z',
    durationMs: 1234,
    root: '.',
    findings: results.filter((result) => result.status !== 'pass'),
    tally: tallyResults(results),
    waivers: [],
    ...fields,
    results,
  };
}

export const NOW = new Date('2026-11-30T09:00:00.000Z');

// Live target kinds (HTTP responses, DNS answers) are not in src/targets yet; the
// reports read only metadata, so these checks borrow a file target kind.
const hsts = defineCheck({
  id: 'http/hsts',
  title: 'Sites send Strict-Transport-Security',
  severity: 'high',
  target: 'dockerfile',
  why: 'Without HSTS a network attacker can strip TLS on the first request & read "session" cookies <in transit>.',
  fix: 'Send Strict-Transport-Security: max-age=31536000; includeSubDomains.',
  refs: ['OWASP ASVS 14.4.5', 'https://developer.mozilla.org/docs/Web/HTTP/Headers/Strict-Transport-Security'],
  messages: { missing: 'no Strict-Transport-Security header' },
  evaluate() {},
});

const caa = defineCheck({
  id: 'dns/caa',
  title: 'Domains restrict certificate issuance with CAA',
  severity: 'low',
  target: 'dockerfile',
  why: 'A CAA record limits which authorities may issue certificates for the domain.',
  fix: 'Publish a CAA record naming your certificate authority.',
  refs: ['RFC 8659'],
  messages: { missing: 'no CAA record for {name}' },
  evaluate() {},
});

const publicDatabase = defineCheck({
  id: 'net/public-database',
  title: 'Databases are not reachable from the internet',
  severity: 'critical',
  target: 'dockerfile',
  why: 'A database port open to the internet is one leaked password away from a breach.',
  fix: 'Bind the database to a private network and firewall the port.',
  refs: ['CIS Controls 12.2'],
  messages: { open: 'port {port} accepts connections from the internet' },
  evaluate() {},
});

const latestTag = defineCheck({
  id: 'docker/no-latest-tag',
  title: 'Base images are pinned',
  severity: 'high',
  target: 'dockerfile',
  why: 'An unpinned base image changes under you: builds are not reproducible and can pull a compromised image.',
  fix: 'Pin the base image to a version tag and a digest.',
  refs: ['CIS Docker Benchmark 4.7'],
  messages: { latest: 'base image "{image}" uses the latest tag' },
  evaluate() {},
});

/** Real and stand-in checks for the sample run. */
export const fixtureCatalog: ReadonlyMap<string, AnyCheck> = new Map(
  [runAsNonRoot, latestTag, hsts, caa, publicDatabase].map((check) => [check.id, check]),
);

export const PLAN_TEXT = dedent`
  version: 1
  project: shop
  targets:
    sites:
      - https://shop.example.com
      - url: https://api.example.com
        name: api
    domains:
      - example.com
    services:
      - db.shop.example.com:5432
  waivers:
    - check: http/hsts
      where: https://api.example.com
      reason: HSTS is set by the CDN in front of the API
      owner: ops
      expires: 2027-01-31
    - check: docker/no-latest-tag
      reason: old builder image
      expires: 2026-10-01
`;

/** The sample plan, as if loaded from `harden.yaml` in the working directory. */
export function fixturePlan(): LoadedPlan {
  return parsePlan(PLAN_TEXT, 'harden.yaml', { catalog: fixtureCatalog, now: NOW });
}

export function fixtureContext(fields: Partial<ReportContext> = {}): ReportContext {
  return { catalog: fixtureCatalog, showSuppressed: false, color: false, groupBy: 'severity', now: NOW, ...fields };
}

const API = 'deploy/api.yaml#Deployment/shop/api';

/**
 * A realistic run: file and live results, passes, open and suppressed failures,
 * an error, an expired waiver and a verdict.
 */
export function sampleScanRun(): FixtureRun {
  const results: Result[] = [
    makeResult({
      checkId: 'k8s/run-as-non-root', status: 'fail', severity: 'medium', messageId: 'notSet',
      message: 'container "api" does not set runAsNonRoot: true',
      location: { kind: 'file', path: 'deploy/api.yaml', line: 21, column: 11, endLine: 23, endColumn: 30 },
      target: `${API}/container/api`,
    }),
    makeResult({
      checkId: 'k8s/run-as-non-root', status: 'fail', severity: 'medium', messageId: 'rootUser',
      message: 'container "sidecar" sets runAsUser: 0',
      location: { kind: 'file', path: 'deploy/api.yaml', line: 40, column: 13 },
      target: `${API}/container/sidecar`,
      evidence: 'runAsUser: 0',
    }),
    makeResult({
      checkId: 'k8s/run-as-non-root', status: 'fail', severity: 'medium', messageId: 'notSet',
      message: 'container "worker" does not set runAsNonRoot: true',
      location: { kind: 'file', path: 'deploy/worker.yaml', line: 18, column: 11 },
      target: 'deploy/worker.yaml#Deployment/shop/worker/container/worker',
      suppression: { by: 'inline', reason: 'legacy image, tracked in OPS-12' },
    }),
    makeResult({
      checkId: 'k8s/run-as-non-root', status: 'pass', message: runAsNonRoot.title,
      location: { kind: 'file', path: 'deploy/web.yaml', line: 17, column: 9 },
      target: 'deploy/web.yaml#Deployment/shop/web/container/web',
    }),
    makeResult({
      checkId: 'docker/no-latest-tag', status: 'fail', severity: 'high', messageId: 'latest',
      message: 'base image "node:latest" uses the latest tag',
      location: { kind: 'file', path: 'services/api/Dockerfile', line: 1, column: 6 },
      target: 'services/api/Dockerfile',
      waiverExpired: '2026-10-01',
    }),
    makeResult({
      checkId: 'docker/no-latest-tag', status: 'error', severity: 'high',
      message: 'check docker/no-latest-tag could not run: unterminated heredoc',
      location: { kind: 'file', path: 'services/worker/Dockerfile', line: 1, column: 1 },
      target: 'services/worker/Dockerfile',
    }),
    makeResult({
      checkId: 'http/hsts', status: 'fail', severity: 'high', messageId: 'missing',
      message: 'no Strict-Transport-Security header',
      location: { kind: 'url', url: 'https://shop.example.com/login' },
      declaredAt: ['targets', 'sites', 0],
      target: 'https://shop.example.com/login',
      evidence: 'HTTP/2 200; content-type: text/html',
    }),
    makeResult({
      checkId: 'http/hsts', status: 'fail', severity: 'high', messageId: 'missing',
      message: 'no Strict-Transport-Security header',
      location: { kind: 'url', url: 'https://api.example.com/' },
      declaredAt: ['targets', 'sites', 1],
      target: 'https://api.example.com/',
      suppression: { by: 'waiver', reason: 'HSTS is set by the CDN in front of the API', owner: 'ops', expires: '2027-01-31' },
    }),
    makeResult({
      checkId: 'dns/caa', status: 'fail', severity: 'low', messageId: 'missing',
      message: 'no CAA record for example.com',
      location: { kind: 'dns', name: 'example.com', type: 'CAA' },
      declaredAt: ['targets', 'domains', 0],
      target: 'example.com',
    }),
    makeResult({
      checkId: 'net/public-database', status: 'fail', severity: 'critical', messageId: 'open',
      message: 'port 5432 accepts connections from the internet',
      location: { kind: 'host', host: 'db.shop.example.com', port: 5432 },
      declaredAt: ['targets', 'services', 0],
      target: 'db.shop.example.com:5432',
    }),
  ];
  const waivers: WaiverStatus[] = [
    {
      index: 0, line: 12, state: 'active', matched: 1, daysLeft: 62,
      waiver: { check: 'http/hsts', where: ['https://api.example.com'], reason: 'HSTS is set by the CDN in front of the API', owner: 'ops', expires: '2027-01-31' },
    },
    { index: 1, line: 17, state: 'expired', matched: 1, daysLeft: -60, waiver: { check: 'docker/no-latest-tag', reason: 'old builder image', expires: '2026-10-01' } },
  ];
  return makeScanRun({
    plan: 'harden.yaml',
    results,
    waivers,
    verdicts: [
      {
        item: 'F-3', title: 'Containers run as root', kind: 'finding', severity: 'medium', claimed: 'done',
        verdict: 'regression', overdue: false, reason: 'claimed done, but k8s/run-as-non-root fails on 2 targets',
        checks: [{ check: 'k8s/run-as-non-root', pass: 1, fail: 2, waived: 1, error: 0 }],
      },
      {
        item: 'T-1', title: 'Write an incident runbook', kind: 'task', claimed: 'open',
        verdict: 'unverifiable', overdue: true, due: '2026-11-01', reason: 'no automated check: verify it by hand or add `checks:`', checks: [],
      },
    ],
  });
}
