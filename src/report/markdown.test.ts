import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { text } from '../testing/dedent.js';
import { planSchema, type Plan } from '../plan/schema.js';
import type { Unverifiable, Verdict, VerdictKind } from '../engine/verdicts.js';
import { importTracker, type TrackerImport } from '../plan/markdown/import.js';
import { renderRegister } from './markdown.js';

const now = new Date('2026-05-20T09:30:00Z');

const plan = planSchema.parse({
  project: 'Payments API',
  stages: [
    { id: 'edge', title: 'Stage 0 — Edge' },
    { id: 'app', title: 'Application' },
    { id: 'later', title: 'Later' },
  ],
  items: [
    { id: 'WEB-1', title: 'No HSTS header', severity: 'high', stage: 'edge', status: 'done', inRepo: true, owner: 'ana' },
    { id: 'WEB-2', title: 'Banner | leaks `nginx|1.18`', severity: 'low', stage: 'edge', status: 'open', due: '2026-03-01' },
    { id: 'APP-1', title: 'Tokens never expire', severity: 'critical', stage: 'app', status: 'done' },
    { id: 'APP-2', title: 'CSV formula injection', severity: 'medium', stage: 'app', status: 'in-progress', due: '2026-09-01' },
    { id: 'OPS-1', kind: 'task', title: 'Write runbook', status: 'open' },
    {
      id: 'RISK-1', title: 'Single region', severity: 'medium', status: 'accepted', acceptance: { type: 'risk' },
      decision: { by: 'CTO', on: '2026-01-10', reason: 'Cost', revisit: '2026-04-01' },
    },
    { id: 'RISK-2', title: 'Shared staging', severity: 'low', status: 'accepted', acceptance: { type: 'deferred' }, decision: { by: 'CTO', revisit: '2026-12-01' } },
  ],
  themes: [
    { id: 'transport', title: 'Transport security', closes: ['WEB-1', 'WEB-2'] },
    { id: 'tokens', title: 'Token lifetime', closes: ['APP-1'] },
  ],
});

function verdict(item: string, kind: VerdictKind, reason = '', unverifiable?: Unverifiable): Verdict {
  const planned = plan.items.find((candidate) => candidate.id === item)!;
  const checks = kind === 'unverifiable' && unverifiable?.cause !== 'no-target' ? [] : [{ check: 'http/hsts', pass: 1, fail: 0, waived: 0, error: 0 }];
  return {
    item, title: planned.title, kind: planned.kind, severity: planned.severity, stage: planned.stage,
    claimed: planned.status, verdict: kind, overdue: false, reason, checks, ...(unverifiable ? { unverifiable } : {}),
  };
}

const verdicts: Verdict[] = [
  verdict('WEB-1', 'verified'),
  verdict('WEB-2', 'stale-doc', 'every check passes'),
  verdict('APP-1', 'verified'),
  verdict('APP-2', 'regression', 'security headers missing on /export'),
  verdict('OPS-1', 'unverifiable', 'no checks', { cause: 'no-check' }),
  verdict('RISK-1', 'unverifiable', 'no checks', { cause: 'no-check', evidence: 'decision' }),
];

describe('renderRegister', () => {
  it('says what was measured: an open item whose check still fails is confirmed open, not "verified"; an unverifiable one says why', () => {
    const open = renderRegister({ plan, verdicts: [verdict('WEB-2', 'verified', 'still open: http/server-leaks fails on 1 target'), verdict('OPS-1', 'unverifiable', 'k8s/privileged matched no target')], now });
    expect(open).toContain('| ✓ confirmed open — still open: http/server-leaks fails on 1 target |');
    expect(open).not.toMatch(/WEB-2.*✓ verified/);
    expect(open).toContain('| unverifiable — k8s/privileged matched no target |');
  });

  it('renders the summary, the stage tables, themes and accepted risks', () => {
    expect(renderRegister({ plan, verdicts, now })).toBe(text`
      # Payments API — security register

      _Rendered by harden from the plan on 2026-05-20. Edit the plan, not this file._

      **7 items:** 2 open · 1 in progress · 2 done · 2 accepted. **Measured:** 4 linked (2 verified, 1 regression, 1 stale doc) · 1 decision or document (nothing to measure) · 1 without a check (run harden link).

      ## Stage 0 — Edge

      <!-- harden:stage edge -->

      | Status | ID | Severity | Title | In repo | Owner | Due | Measured |
      |---|---|---|---|---|---|---|---|
      | ☑ | WEB-1 | High | No HSTS header | Y | ana |  | ✓ verified |
      | ☐ | WEB-2 | Low | Banner \\| leaks \`nginx\\|1.18\` |  |  | 2026-03-01 ⚠ overdue | stale-doc — every check passes |

      ## Application

      <!-- harden:stage app -->

      | Status | ID | Severity | Title | In repo | Owner | Due | Measured |
      |---|---|---|---|---|---|---|---|
      | ☑ | APP-1 | Critical | Tokens never expire |  |  |  | ✓ verified |
      | ◐ | APP-2 | Medium | CSV formula injection |  |  | 2026-09-01 | ✗ regression — security headers missing on /export |

      ## Later

      <!-- harden:stage later -->

      _No items._

      ## Unstaged

      <!-- harden:stage -->

      | Status | ID | Severity | Title | In repo | Owner | Due | Measured |
      |---|---|---|---|---|---|---|---|
      | ☐ | OPS-1 |  | Write runbook |  |  |  | unverifiable — no checks |
      | ⊘ | RISK-1 | Medium | Single region |  |  |  | unverifiable — no checks |
      | ⊘ | RISK-2 | Low | Shared staging |  |  |  | not measured |

      ## Themes

      | ID | Theme | Severity | Members | Done |
      |---|---|---|---|---|
      | transport | Transport security | High | WEB-1, WEB-2 | ☐ 1/2 verified done |
      | tokens | Token lifetime | Critical | APP-1 | ☑ done |

      ## Accepted risks

      | ID | Title | Severity | Acceptance | Decided by | On | Reason | Revisit |
      |---|---|---|---|---|---|---|---|
      | RISK-1 | Single region | Medium | risk | CTO | 2026-01-10 | Cost | 2026-04-01 ⚠ past — revisit now |
      | RISK-2 | Shared staging | Low | deferred | CTO |  |  | 2026-12-01 |
    `);
  });

  it('says "not measured" everywhere without verdicts, and no theme is done', () => {
    const register = renderRegister({ plan, now });
    expect(register).toContain('**Measured:** not measured (no scan results).');
    expect(register).toContain('| ☑ | WEB-1 | High | No HSTS header | Y | ana |  | not measured |');
    expect(register).toContain('| tokens | Token lifetime | Critical | APP-1 | ☐ 0/1 verified done |');
    expect(register).not.toContain('verified |');
  });

  it('is the same text every time, dated only by `now`', () => {
    const first = renderRegister({ plan, verdicts, now });
    expect(renderRegister({ plan, verdicts, now })).toBe(first);
    const datesInPlan = ['2026-03-01', '2026-09-01', '2026-01-10', '2026-04-01', '2026-12-01'];
    const dates = new Set(first.match(/\d{4}-\d{2}-\d{2}/g));
    expect([...dates].sort()).toEqual([...datesInPlan, '2026-05-20'].sort());
    expect(first).not.toMatch(/\d{2}:\d{2}/);
  });

  it('lists stages the items name but the plan does not, before the unstaged items', () => {
    const ghost = planSchema.parse({
      stages: [{ id: 'one', title: 'One' }],
      items: [
        { id: 'A-1', title: 'unstaged', status: 'open' },
        { id: 'A-2', title: 'ghost stage', stage: 'ghost', status: 'open' },
        { id: 'A-3', title: 'stage one', stage: 'one', status: 'open' },
      ],
    });
    const headings = renderRegister({ plan: ghost, now }).split('\n').filter((line) => line.startsWith('## '));
    expect(headings).toEqual(['## One', '## ghost', '## Unstaged']);
  });
});

// ── Round trip: the register reads back as the same items ─────────────────

type Comparable = Pick<Plan['items'][number], 'id' | 'title' | 'severity' | 'stage' | 'status'>;

const comparable = (items: readonly Comparable[]) =>
  items.map(({ id, title, severity, stage, status }) => ({ id, title, severity, stage, status }));

function planFrom(imported: TrackerImport): Plan {
  return planSchema.parse({ stages: imported.stages, themes: imported.themes, items: imported.items });
}

function expectRoundTrip(original: Plan): void {
  const register = renderRegister({ plan: original, now });
  const back = importTracker(register, 'SECURITY.md');
  expect(comparable(back.items)).toEqual(comparable(original.items));
  expect(back.stages).toEqual(original.stages.map(({ id, title }) => ({ id, title })));
  expect(back.themes.map(({ id, closes }) => ({ id, closes }))).toEqual(original.themes.map(({ id, closes }) => ({ id, closes })));
  expect(back.warnings).toEqual([]);
}

describe('renderRegister → importTracker round trip', () => {
  const fixtures = readdirSync(new URL('../plan/markdown/fixtures/', import.meta.url)).filter((name) => name.endsWith('.md'));

  it('has fixtures to run on', () => expect(fixtures.length).toBeGreaterThanOrEqual(4));

  for (const name of fixtures) {
    it(`keeps id, title, severity, stage and status of every item imported from ${name}`, () => {
      const source = readFileSync(new URL(`../plan/markdown/fixtures/${name}`, import.meta.url), 'utf8');
      const imported = planFrom(importTracker(source, name));
      expect(imported.items.length).toBeGreaterThan(0);
      expectRoundTrip(imported);
    });
  }

  it('keeps the hand-built plan, verdicts or not', () => {
    expectRoundTrip(plan);
    const back = importTracker(renderRegister({ plan, verdicts, now }), 'SECURITY.md');
    expect(comparable(back.items)).toEqual(comparable(plan.items));
  });

  it('keeps titles full of Markdown characters', () => {
    const titles = [
      'Pipes | in | titles',
      'Use `a|b` and `npm ci`',
      '*stars* and _underscores_ and snake_case_name',
      '[brackets] and <angle> and ~tildes~ and ~~double~~',
      'Entities &amp; and & alone',
      'Back\\slash C:\\path and \\* escaped',
      'A `lone backtick',
      '``code with ` inside``',
      '#1 priority #',
      'https://example.com/a_b?x=1 and www.example.com',
    ];
    const tricky = planSchema.parse({
      stages: [{ id: 'odd', title: 'Odd | *stage* #' }],
      items: titles.map((title, i) => ({ id: `T-${i + 1}`, title, stage: 'odd', status: 'open' })),
    });
    expectRoundTrip(tricky);
  });

  it('keeps stages whose titles read as priorities or document titles', () => {
    const stages = planSchema.parse({
      stages: [{ id: 'p1', title: 'High priority' }, { id: 'p2', title: 'Lower priority' }],
      items: [
        { id: 'A-1', title: 'first', stage: 'p1', status: 'open' },
        { id: 'A-2', title: 'second', stage: 'p2', severity: 'critical', status: 'done' },
      ],
    });
    expectRoundTrip(stages);
  });
});
