import { describe, expect, it } from 'vitest';
import { computeVerdicts } from '../engine/verdicts.js';
import { parsePlan } from '../plan/load.js';
import { dedent } from '../testing/dedent.js';
import { fixtureCatalog, fixtureContext, makeResult, makeScanRun, NOW } from '../testing/scan-run-fixture.js';
import type { ReportContext } from './define.js';
import { terminalFormat } from './terminal.js';

describe('terminal format', () => {
  it('shows the related places of a failure under it, escaped like every text from input', () => {
    const run = makeScanRun({
      results: [
        makeResult({
          checkId: 'k8s/run-as-non-root', status: 'fail', message: 'Deployment "web" references Secret "db", which nothing creates',
          location: { kind: 'file', path: 'deploy/web.yaml', line: 12, column: 15 }, target: 'deploy/web.yaml#Deployment/web',
          related: [
            { location: { kind: 'file', path: 'deploy/secrets.yaml', line: 3, column: 9 }, message: 'Secret "db-credentials" is created here' },
            { location: { kind: 'url', url: 'https://shop.example.com/' }, message: 'read by\nthe site' },
          ],
        }),
      ],
    });
    const lines = terminalFormat.render(run, fixtureContext()).split('\n');
    const at = lines.findIndex((line) => line.startsWith('     at deploy/web.yaml:12:15'));
    expect(lines.slice(at + 1, at + 3)).toEqual([
      '     also at deploy/secrets.yaml:3:9 — Secret "db-credentials" is created here',
      '     also at https://shop.example.com/ — read by\\nthe site',
    ]);
  });
});

describe('terminal format of verify', () => {
  const PLAN = dedent`
    version: 1
    items:
      - { id: PASS-1, title: Web runs as non-root, status: done, checks: [{ check: k8s/run-as-non-root, where: deploy/web.yaml }] }
      - { id: ROOT-1, title: No container runs as root, status: done, severity: high, checks: [k8s/run-as-non-root] }
      - { id: ROOT-2, title: Sidecar sets no runAsUser 0, status: done, checks: [{ check: k8s/run-as-non-root, messages: [rootUser] }] }
      - { id: TAG-1, title: Pin base images, status: open, checks: [{ check: docker/no-latest-tag, where: nothing/ }] }
      - { id: HOST-1, title: SSH password login off, status: done, evidence: host }
      - { id: HOST-2, title: Fail2ban on the bastion, status: open, evidence: host }
      - { id: API-1, title: Rate limit the login, status: open, evidence: api-behaviour }
      - { id: CODE-1, title: Escape the CSV export, status: open, evidence: application-code }
      - { id: DOC-1, title: Write the incident runbook, status: done, evidence: decision }
      - { id: NEW-1, title: Something nobody linked, status: open }
  `;
  const fail = (target: string, messageId: string, path: string) =>
    makeResult({ checkId: 'k8s/run-as-non-root', status: 'fail', messageId, message: `${messageId} at ${path}`, target, location: { kind: 'file', path, line: 3, column: 5 } });
  const results = [
    makeResult({ checkId: 'k8s/run-as-non-root', status: 'pass', target: 'deploy/web.yaml#Deployment/web', location: { kind: 'file', path: 'deploy/web.yaml', line: 1, column: 1 } }),
    fail('deploy/api.yaml#Deployment/api/container/api', 'notSet', 'deploy/api.yaml'),
    fail('deploy/api.yaml#Deployment/api/container/sidecar', 'rootUser', 'deploy/sidecar.yaml'),
    makeResult({ checkId: 'docker/no-latest-tag', status: 'fail', messageId: 'latest', message: 'base image "node:latest" uses the latest tag', target: 'api/Dockerfile', location: { kind: 'file', path: 'api/Dockerfile', line: 1, column: 1 } }),
    makeResult({ checkId: 'http/hsts', status: 'fail', severity: 'high', messageId: 'missing', message: 'no Strict-Transport-Security header', target: 'https://shop.example.com/', location: { kind: 'url', url: 'https://shop.example.com/' } }),
  ];
  const plan = parsePlan(PLAN, 'harden.yaml', { catalog: fixtureCatalog, now: NOW });
  const verdicts = computeVerdicts({ items: plan.plan.items, results, sla: plan.plan.sla, now: NOW });
  const run = makeScanRun({ plan: 'harden.yaml', results, verdicts });
  const render = (fields: Partial<ReportContext> = {}) => terminalFormat.render(run, fixtureContext({ plan, verify: { scan: false }, ...fields })).trimEnd().split('\n');

  it('leads with the regressions: the item, each failing check scoped to its messages, the places and the fix', () => {
    const lines = render();
    expect(lines.slice(1, 13)).toEqual([
      '',
      'Regressions (2) claimed done, but a check fails',
      '✗ ROOT-1 No container runs as root [high]',
      '    k8s/run-as-non-root fails on 2 targets',
      '      at deploy/api.yaml:3:5  notSet at deploy/api.yaml',
      '      at deploy/sidecar.yaml:3:5  rootUser at deploy/sidecar.yaml',
      '      fix Set securityContext.runAsNonRoot: true and a non-zero runAsUser (on the container or the pod).',
      '✗ ROOT-2 Sidecar sets no runAsUser 0',
      '    k8s/run-as-non-root fails on 1 target',
      '      at deploy/sidecar.yaml:3:5  rootUser at deploy/sidecar.yaml',
      '      fix Set securityContext.runAsNonRoot: true and a non-zero runAsUser (on the container or the pod).',
      '',
    ]);
  });

  it('counts the verified items (listed with --verbose) and groups the unverifiable ones by why', () => {
    const lines = render();
    expect(lines).toContain('Verified (1) the claim holds: done and passing, or open and still failing (--verbose lists them)');
    expect(lines.join('\n')).not.toContain('PASS-1');
    const unverifiable = lines.slice(lines.findIndex((line) => line.startsWith('Unverifiable')));
    expect(unverifiable.slice(0, 7)).toEqual([
      'Unverifiable (7) why harden cannot measure them',
      '  linked, but the check matched no target (1): TAG-1',
      '  no check reads host configuration yet (2): HOST-1, HOST-2',
      '  no check reads API behaviour yet (1): API-1',
      '  in application code, no check reads it (1): CODE-1',
      '  decisions and documents, nothing to measure (1): DOC-1',
      '  no check linked (harden link, or add checks:) (1): NEW-1',
    ]);
    expect(render({ verbose: true })).toContain('✓ PASS-1 Web runs as non-root — every check passes');
  });

  it('keeps the scan\'s failures behind --scan and ends with one line counting every item once', () => {
    const lines = render();
    expect(lines.join('\n')).not.toContain('Strict-Transport-Security');
    expect(lines.at(-2)).toMatch(/^scan: 4 failures .* — 1 from checks no item names; --scan lists every failure$/);
    const summary = lines.at(-1)!;
    expect(summary).toBe('10 items: 4 linked (1 verified, 2 regression, 1 matched no target) · 3 need a check harden lacks (host 2, API behaviour 1) · 1 application code · 1 decision or document (nothing to measure) · 1 without a check (run harden link)');
    const parts = summary.slice(summary.indexOf(':') + 1).split(' · ').map((part) => Number.parseInt(part.trim(), 10));
    expect(parts.reduce((a, b) => a + b, 0)).toBe(10);
    expect(render({ verify: { scan: true } }).join('\n')).toContain('HIGH http/hsts  no Strict-Transport-Security header');
  });

  it('leaves the output of scan as it was: the failures first, then the plan items', () => {
    const lines = terminalFormat.render(run, fixtureContext({ plan })).split('\n');
    expect(lines[2]).toBe('HIGH (1)');
    expect(lines.some((line) => line.startsWith('Plan items (10)'))).toBe(true);
  });

  it('shows under a regression only the failures its scoped check judges, in scan too', () => {
    const lines = terminalFormat.render(run, fixtureContext({ plan })).split('\n');
    const at = lines.findIndex((line) => /^REGRESSION\s+ROOT-2/.test(line));
    expect(lines.slice(at + 2, at + 4)).toEqual([`${' '.repeat(20)}at deploy/sidecar.yaml:3:5  rootUser at deploy/sidecar.yaml`, expect.stringMatching(/^\S/)]);
  });
});
