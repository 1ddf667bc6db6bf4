import { describe, expect, it } from 'vitest';
import { MAX_PLAN_BYTES } from '../limits.js';
import { yaml } from '../testing/dedent.js';
import { loadPlanText as load, planErrors as errorLines } from '../testing/plans.js';

describe('plan loading', () => {
  it('loads a plan and fills defaults', () => {
    const { plan } = load(yaml`
      items:
        - id: SEC-1
          title: Containers run as non-root
          severity: CRIT
          status: ☑
          checks: [k8s/run-as-non-root]
    `);
    expect(plan.items[0]).toMatchObject({ id: 'SEC-1', kind: 'finding', severity: 'critical', status: 'done' });
    expect(plan.items[0]!.checks).toEqual([{ check: 'k8s/run-as-non-root', with: {}, where: undefined }]);
    expect(plan.targets.root).toBe('.');
    expect(plan.settings.maxWaiverDays).toBe(180);
  });

  it('reports YAML syntax errors as file:line:col', () => {
    expect(errorLines('items:\n  - id: A\n    title: [unclosed\n')).toEqual([expect.stringMatching(/^harden\.yaml:4:1: /)]);
  });

  it('points schema errors at the offending key', () => {
    expect(errorLines(yaml`
      items:
        - id: SEC-1
          title: ok
          severity: extreme
    `)).toEqual(['harden.yaml:4:5: severity: expected one of critical, high, medium, low, info']);
  });

  it('names missing required fields and unknown fields', () => {
    const lines = errorLines(yaml`
      items:
        - id: SEC-1
          titel: typo
    `);
    expect(lines).toContain('harden.yaml:2:5: "title" is required');
    expect(lines).toContain('harden.yaml:2:5: unknown field "titel"');
  });

  it('rejects an unknown check id at its line, with a suggestion', () => {
    expect(errorLines(yaml`
      items:
        - id: SEC-1
          title: t
          checks:
            - run-as-non-root
    `)).toEqual(['harden.yaml:5:9: unknown check id "run-as-non-root" (did you mean k8s/run-as-non-root?)']);
  });

  it('rejects duplicate ids and themes closing unknown items', () => {
    const lines = errorLines(yaml`
      items:
        - { id: A, title: one }
        - { id: A, title: two }
      themes:
        - { id: T, title: theme, closes: [A, B] }
    `);
    expect(lines).toEqual(['harden.yaml:3:7: duplicate item id "A" (first at item 1)', 'harden.yaml:5:40: theme "T" closes unknown item "B"']);
  });

  it('requires expiry on waivers of high checks and caps it at 180 days', () => {
    const lines = errorLines(yaml`
      waivers:
        - { check: k8s/run-as-non-root, reason: legacy, expires: 2027-09-01 }
        - { check: k8s/run-as-non-root, reason: "" }
    `);
    expect(lines).toEqual([
      'harden.yaml:3:35: reason: a waiver needs a reason',
    ]);
    expect(errorLines(yaml`
      waivers:
        - { check: k8s/run-as-non-root, reason: legacy, expires: 2027-09-01 }
    `)).toEqual(['harden.yaml:2:51: expires 275 days from today; waivers may run at most 180 days (settings.maxWaiverDays)']);
  });

  it('accepts check parameters and probe headers, and checks them against the check', () => {
    const { plan } = load(yaml`
      targets:
        sites:
          - { url: "https://shop.test", probes: { rateLimit: { path: /login, headers: { x-probe: harden } } } }
      items:
        - id: A
          title: t
          checks:
            - { check: k8s/resources, with: { requireCpuLimit: true } }
    `);
    expect(plan.items[0]!.checks[0]!.with).toEqual({ requireCpuLimit: true });
    expect(plan.targets.sites[0]!.probes.rateLimit?.headers).toEqual({ 'x-probe': 'harden' });
    expect(errorLines(yaml`
      items:
        - id: A
          title: t
          checks:
            - { check: k8s/resources, with: { requireCpuLimt: true } }
    `)).toEqual([expect.stringMatching(/^harden\.yaml:5:\d+: k8s\/resources: /)]);
  });

  it('explains which part of a URL-or-object value is wrong', () => {
    expect(errorLines(yaml`
      targets:
        sites:
          - { url: "https://shop.test", probes: { rateLimit: { path: login } } }
    `)).toEqual(['harden.yaml:3:58: path: Invalid string: must start with "/"']);
  });

  it('requires expiry on a wildcard waiver that covers high or critical checks', () => {
    expect(errorLines(yaml`
      waivers:
        - { check: "*", reason: later }
    `)).toEqual([expect.stringMatching(/^harden\.yaml:2:5: a waiver of (high|critical) check \S+ \(matched by "\*"\) needs "expires"$/)]);
  });

  it('rejects dates that are no day of the calendar instead of rolling them over', () => {
    expect(errorLines(yaml`
      items:
        - { id: A, title: t, due: 2026-04-31, found: 2025-02-29 }
        - { id: B, title: t, decision: { on: 2026-13-01, revisit: 2028-02-29 } }
      waivers:
        - { check: k8s/image-digest, reason: vendor, expires: 2026-02-30 }
    `)).toEqual([
      'harden.yaml:2:41: found: 2025-02-29 is not a date: February 2025 has 28 days',
      'harden.yaml:2:24: due: 2026-04-31 is not a date: April 2026 has 30 days',
      'harden.yaml:3:36: on: 2026-13-01 is not a date: there is no month 13',
      'harden.yaml:5:48: expires: 2026-02-30 is not a date: February 2026 has 28 days',
    ]);
  });

  it('says what was expected and what was found, instead of calling a wrong type missing', () => {
    expect(errorLines(yaml`
      items:
        - id: 5
          title: [a, b]
          checks: k8s/privileged
        - just a string
      stages: [7]
      version: 2
      themes:
        - { id: T, title: theme, closes: [] }
    `)).toEqual([
      'harden.yaml:7:1: "version" must be 1, found 2',
      'harden.yaml:6:10: entry 1 of "stages" must be a string or a mapping (key: value), found a number (7)',
      'harden.yaml:9:28: "closes" must not be an empty list',
      'harden.yaml:2:5: "id" must be a string, found a number (5)',
      'harden.yaml:3:5: "title" must be a string, found a list',
      'harden.yaml:4:5: "checks" must be a list, found a string',
      'harden.yaml:5:5: entry 2 of "items" must be a mapping (key: value), found a string',
    ]);
  });

  it('says a plan that is not a mapping must be one', () => {
    expect(errorLines('- id: A\n  title: t\n')).toEqual(['harden.yaml:1:1: the plan must be a mapping (version:, targets:, items:, ...), found a list']);
    expect(errorLines('just words\n')).toEqual(['harden.yaml:1:1: the plan must be a mapping (version:, targets:, items:, ...), found a string']);
  });

  it('refuses a plan nested deeper than any real plan, before the parser runs out of stack', () => {
    expect(errorLines(`items: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`)).toEqual(['harden.yaml:1:263: nested more than 256 levels deep']);
  });

  it('rejects a key set twice and a second YAML document, which used to be ignored', () => {
    expect(errorLines(yaml`
      items:
        - id: A
          title: one
          status: done
          status: open
      items: []
    `)).toEqual([
      'harden.yaml:5:5: "status" is set twice (first at line 4); a key may appear once in a mapping',
      'harden.yaml:6:1: "items" is set twice (first at line 1); a key may appear once in a mapping',
    ]);
    expect(errorLines('version: 1\n---\nitems: [{ id: A, title: t }]\n')).toEqual([
      'harden.yaml:3:1: a second YAML document: a plan is one document (remove the "---" line before this one, or what follows it)',
    ]);
    expect(load('---\nversion: 1\n---\n').plan.version).toBe(1);
  });

  it('accepts an empty plan', () => {
    expect(load('').plan.items).toEqual([]);
  });

  it('refuses a plan over the size limit before parsing it', () => {
    const padding = `# ${'x'.repeat(MAX_PLAN_BYTES)}\n`;
    expect(errorLines(`version: 1\n${padding}`)).toEqual(['harden.yaml: the plan is over the 10 MB limit']);
    expect(errorLines(`version: 1\n${padding}${padding}`)).toEqual(['harden.yaml: the plan is 20 MB, over the 10 MB limit']);
  });
});

describe('an item check scoped to some of its messages', () => {
  it('loads message ids the check reports, and refuses others at their line', () => {
    const { plan } = load(yaml`
      items:
        - id: SEC-1
          title: HSTS is preload-ready
          checks: [{ check: k8s/traefik-security-headers, messages: [hstsNoPreload, hstsPreloadIneligible] }]
    `);
    expect(plan.items[0]!.checks[0]!.messages).toEqual(['hstsNoPreload', 'hstsPreloadIneligible']);
    expect(
      errorLines(yaml`
        items:
          - id: SEC-1
            title: HSTS is preload-ready
            checks: [{ check: k8s/traefik-security-headers, messages: [hstsNoPreload, preload] }]
      `),
    ).toEqual([expect.stringMatching(/^harden\.yaml:4:79: k8s\/traefik-security-headers reports no message "preload" \(it reports hstsMissing, /)]);
  });

  it('knows where the evidence of an unlinked item lives', () => {
    expect(load(yaml`
      items:
        - { id: OPS-1, title: fail2ban on every node, evidence: host }
    `).plan.items[0]!.evidence).toBe('host');
    expect(errorLines(yaml`
      items:
        - { id: OPS-1, title: fail2ban on every node, evidence: hosts }
    `)).toEqual([expect.stringMatching(/^harden\.yaml:2:49: evidence: expected one of host, cluster/)]);
  });
});
