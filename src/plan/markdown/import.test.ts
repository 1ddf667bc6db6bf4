import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { text } from '../../testing/dedent.js';
import { planSchema } from '../schema.js';
import { importTracker, type ImportedItem, type TrackerImport } from './import.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

/** The fields most expectations talk about, in one line per item. */
const brief = (items: ImportedItem[]) =>
  items.map(({ id, kind, title, severity, stage, status }) => ({ id, kind, title, severity, stage, status }));

const byId = (result: TrackerImport, id: string): ImportedItem => {
  const item = result.items.find((candidate) => candidate.id === id);
  if (!item) throw new Error(`no item ${id}`);
  return item;
};

function expectValidPlan(result: TrackerImport): void {
  expect(() => planSchema.parse({ stages: result.stages, themes: result.themes, items: result.items })).not.toThrow();
}

describe('importTracker: staged finding tables (security remediation style)', () => {
  const result = importTracker(fixture('staged-findings.md'), 'SECURITY.md');

  it('makes a stage of each "Stage N — ..." heading, the empty one included', () => {
    expect(result.stages).toEqual([
      { id: 'stage-0', title: 'Stage 0 — Edge & DNS' },
      { id: 'stage-1', title: 'Stage 1 — Cluster' },
      { id: 'stage-2', title: 'Stage 2 — Application' },
      { id: 'stage-3', title: 'Stage 3 — Post-launch checks' },
    ]);
  });

  it('reads every row, and nothing from the code fence', () => {
    expect(brief(result.items)).toEqual([
      { id: 'WEB-L1', kind: 'finding', title: 'No DMARC policy on payments.example.com', severity: 'high', stage: 'stage-0', status: 'accepted' },
      { id: 'WEB-L2', kind: 'finding', title: '`Server: nginx/1.18` version banner | leaks build', severity: 'medium', stage: 'stage-0', status: 'open' },
      { id: 'WEB-L3', kind: 'finding', title: 'No security.txt', severity: 'low', stage: 'stage-0', status: 'done' },
      { id: 'KUB-F1', kind: 'finding', title: 'etcd snapshots written unencrypted to /var/backups', severity: 'critical', stage: 'stage-1', status: 'in-progress' },
      { id: 'KUB-F2', kind: 'finding', title: 'Control plane and workers share nodes', severity: 'info', stage: 'stage-1', status: 'accepted' },
      { id: 'KUB-G1', kind: 'finding', title: 'kube-bench never run', severity: undefined, stage: 'stage-1', status: 'open' },
      { id: 'APP-C1', kind: 'finding', title: 'Refresh tokens never expire', severity: 'critical', stage: 'stage-2', status: 'done' },
      { id: 'APP-H1', kind: 'finding', title: 'No rate limit on /login', severity: 'high', stage: 'stage-2', status: 'done' },
      { id: 'APP-M1', kind: 'finding', title: 'CSV export allows formula injection', severity: 'medium', stage: 'stage-2', status: 'open' },
      { id: 'WEB-L4', kind: 'finding', title: 'Sequential invoice numbers', severity: 'low', stage: 'stage-2', status: 'accepted' },
      { id: 'WEB-L5', kind: 'finding', title: 'Sequential customer numbers', severity: 'low', stage: 'stage-2', status: 'accepted' },
      { id: 'NET-9', kind: 'finding', title: 'Office VPN without MFA', severity: undefined, stage: undefined, status: 'accepted' },
    ]);
  });

  it('reads the in-repo column and the source line', () => {
    expect(byId(result, 'WEB-L1')).toMatchObject({ inRepo: false, source: { file: 'SECURITY.md', line: 11 } });
    expect(byId(result, 'WEB-L2').inRepo).toBe(true);
  });

  it('adds the accepted-risk decision to the items it names, "WEB-L4/L5" naming two', () => {
    expect(byId(result, 'WEB-L1')).toMatchObject({
      acceptance: { type: 'risk' },
      decision: { treatment: 'accept', by: 'Dana (CTO)', on: '2026-03-02', reason: "Mail goes through the provider's domain only", revisit: '2026-09-01' },
    });
    for (const id of ['WEB-L4', 'WEB-L5']) {
      const item = byId(result, id);
      expect(item.decision).toEqual({ treatment: 'accept', by: 'Dana (CTO)', on: '2026-03-02', reason: 'Numbers are not secrets; access is checked per request' });
      expect(item.notes).toBe('Revisit: on next schema change');
    }
  });

  it('makes an accepted risk the tracker does not list into an item of its own', () => {
    expect(byId(result, 'NET-9')).toMatchObject({
      acceptance: { type: 'risk' },
      decision: { treatment: 'accept', by: 'Sam', on: '2026-03-10', reason: 'VPN is being replaced in Q3', revisit: '2026-07-01' },
      source: { file: 'SECURITY.md', line: 63 },
    });
  });

  it('reads the theme table, leaving out an id the tracker does not have', () => {
    expect(result.themes).toEqual([
      { id: 'login-hardening', title: 'Login hardening', closes: ['APP-H1', 'WEB-L2'], description: 'Stage 2 limiter + Stage 0 banner removal' },
      { id: 'backup-encryption', title: 'Backup encryption', closes: ['KUB-F1'], description: 'Stage 1 snapshot config' },
      { id: 'predictable-numbering', title: 'Predictable numbering', closes: ['WEB-L4', 'WEB-L5'], description: 'Stage 2 app' },
    ]);
    expect(result.warnings).toContainEqual({ line: 54, message: expect.stringContaining('KUB-F9') });
  });

  it('leaves a "—" severity unset, with one warning for the table', () => {
    expect(result.warnings).toEqual([
      { line: 21, message: '"Sev" is "—" on 1 row: no severity, left unset (not info)' },
      { line: 54, message: expect.stringContaining('KUB-F9') },
    ]);
  });

  it('is a valid plan', () => expectValidPlan(result));
});

describe('importTracker: roadmap notes (priority headings, struck-through done headings, checklist)', () => {
  const result = importTracker(fixture('roadmap-notes.md'), 'docs/roadmap.md');

  it('has no stages: priority headings give a severity, a single checklist heading is not a stage', () => {
    expect(result.stages).toEqual([]);
  });

  it('reads headings with Why/Owner lines, done headings and checklist entries in document order', () => {
    expect(brief(result.items)).toEqual([
      { id: 'task-1', kind: 'task', title: 'Off-site backups', severity: 'high', stage: undefined, status: 'open' },
      { id: 'task-2', kind: 'task', title: 'Firewall the database port', severity: 'high', stage: undefined, status: 'done' },
      { id: 'task-3', kind: 'task', title: 'Rotate the deploy key', severity: 'medium', stage: undefined, status: 'open' },
      { id: 'task-4', kind: 'task', title: 'Centralised logs', severity: 'medium', stage: undefined, status: 'open' },
      { id: 'task-5', kind: 'task', title: 'Pin base images by digest', severity: 'low', stage: undefined, status: 'done' },
      { id: 'task-6', kind: 'task', title: 'Canary deploys', severity: 'low', stage: undefined, status: 'open' },
      { id: 'finding-1', kind: 'finding', title: 'No multi-region', severity: undefined, stage: undefined, status: 'accepted' },
      { id: 'finding-2', kind: 'finding', title: 'Shared staging database (read-only)', severity: undefined, stage: undefined, status: 'accepted' },
      { id: 'task-7', kind: 'task', title: 'Move DNS to the new provider', severity: undefined, stage: undefined, status: 'done' },
      { id: 'task-8', kind: 'task', title: 'TLS 1.0/1.1 disabled', severity: undefined, stage: undefined, status: 'done' },
      { id: 'OPS-14', kind: 'task', title: 'Enable audit logging on the cluster', severity: undefined, stage: undefined, status: 'open' },
      { id: 'task-10', kind: 'task', title: 'Write the incident runbook', severity: undefined, stage: undefined, status: 'open' },
    ]);
  });

  it('keeps the fields under a heading', () => {
    expect(byId(result, 'task-1')).toMatchObject({ effort: '2 hours.', source: { file: 'docs/roadmap.md', line: 5 } });
    expect(byId(result, 'task-3')).toMatchObject({ owner: 'priya', effort: '30 min.' });
    expect(byId(result, 'task-4').effort).toBe('half a day.');
  });

  it('keeps a done heading\'s date and its "Verify" code block as notes', () => {
    const notes = byId(result, 'task-2').notes ?? '';
    expect(notes.startsWith('Done 2026-02-11.')).toBe(true);
    expect(notes).toContain('# from outside the VPC this must time out');
    expect(notes).toContain('nc -zv db.internal 5432');
  });

  it('reads dates, details, owners and due dates in checklist entries', () => {
    expect(byId(result, 'task-7').notes).toBe('Done 2026-01-12.');
    expect(byId(result, 'task-8').notes).toBe('Done 2026-01-20. checked with `testssl.sh`, grade A.');
    expect(byId(result, 'task-10')).toMatchObject({ owner: 'marco', due: '2026-04-30' });
  });

  it('reads "gaps we accept" bullets as accepted risks', () => {
    expect(byId(result, 'finding-1')).toMatchObject({
      acceptance: { type: 'risk' },
      decision: { treatment: 'accept', on: '2026-01-05', reason: 'one region is enough at current traffic (decided 2026-01-05)' },
    });
    expect(byId(result, 'finding-2').decision?.reason).toBe('staging reads a nightly copy, never production');
  });

  it('warns once for each generated id, with its line, and names the table it does not read', () => {
    expect(result.warnings.map((w) => w.line)).toEqual([5, 9, 16, 21, 28, 30, 34, 39, 40, 42, 43, 45]);
    expect(result.warnings[0]!.message).toBe('no id for "Off-site backups"; generated "task-1"');
    expect(result.warnings[6]!.message).toBe('table "Trigger | Action" has no id, status or severity column: not read as a tracker; its 2 rows are skipped');
  });

  it('is a valid plan', () => expectValidPlan(result));
});

describe('importTracker: phased roadmap (emoji phase headings, **Status:** lines)', () => {
  const result = importTracker(fixture('phased-roadmap.md'), 'ROADMAP.md');

  it('makes stages of the phases that hold entries', () => {
    expect(result.stages).toEqual([
      { id: 'phase-1', title: 'Phase 1: IMPLEMENTED ✅' },
      { id: 'phase-2', title: 'Phase 2: Important (Needs a Bigger Instance)' },
    ]);
  });

  it('reads entries with a Status or Why line; summaries and timelines are not entries', () => {
    expect(brief(result.items)).toEqual([
      { id: 'phase-1-1', kind: 'task', title: 'Secrets in a vault', severity: undefined, stage: 'phase-1', status: 'done' },
      { id: 'phase-1-2', kind: 'task', title: 'Dependency scanning', severity: undefined, stage: 'phase-1', status: 'in-progress' },
      { id: 'phase-2-1', kind: 'task', title: 'Distributed tracing', severity: undefined, stage: 'phase-2', status: 'open' },
      { id: 'phase-2-2', kind: 'task', title: 'Feature flags', severity: undefined, stage: 'phase-2', status: 'open' },
    ]);
    expect(result.items.map((item) => item.source.line)).toEqual([5, 14, 25, 37]);
  });

  it('keeps the section, code included, as notes', () => {
    expect(byId(result, 'phase-2-1').notes).toContain('# docker-compose.yml addition');
  });

  it('is a valid plan', () => expectValidPlan(result));
});

describe('importTracker: sprint plan with a summary checklist', () => {
  const result = importTracker(fixture('sprint-checklist.md'), 'PLAN.md');

  it('takes the stages from the checklist headings', () => {
    expect(result.stages).toEqual([
      { id: 'sprint-1', title: 'Sprint 1: CI (Week 1-2)' },
      { id: 'sprint-2', title: 'Sprint 2: Security (Week 3-4)' },
    ]);
  });

  it('reads only the checklist: numbered how-to sections, code and cost tables are not items', () => {
    expect(brief(result.items)).toEqual([
      { id: 'sprint-1-1', kind: 'task', title: 'Create `.github/workflows/ci.yml`', severity: undefined, stage: 'sprint-1', status: 'open' },
      { id: 'sprint-1-2', kind: 'task', title: 'Add unit tests', severity: undefined, stage: 'sprint-1', status: 'done' },
      { id: 'sprint-1-3', kind: 'task', title: 'Add end-to-end tests', severity: undefined, stage: 'sprint-1', status: 'open' },
      { id: 'sprint-2-1', kind: 'task', title: 'Restrict the database firewall', severity: undefined, stage: 'sprint-2', status: 'open' },
      { id: 'sprint-2-2', kind: 'task', title: 'Move secrets to a secrets manager', severity: undefined, stage: 'sprint-2', status: 'open' },
    ]);
    expect(result.warnings.map((w) => w.line)).toEqual([36, 37, 38, 41, 42, 46]);
    expect(result.warnings.at(-1)!.message).toContain('table "Service | Before | After | Increase" has no id, status or severity column');
  });
});

describe('importTracker: no tracker', () => {
  it('returns no items, and warnings naming the cost table and the missing tracker, for prose, a code fence and a cost table', () => {
    const result = importTracker(
      text`
        # Runbook

        Restart the service:

        ~~~bash
        # | ID | Sev | Finding | Status |
        # |---|---|---|---|
        # | X-1 | HIGH | not real | ☐ |
        ~~~

        | Service | Cost |
        |---|---|
        | DNS | $1 |
      `,
      'RUNBOOK.md',
    );
    expect(result).toEqual({
      stages: [],
      items: [],
      themes: [],
      warnings: [
        { line: 1, message: expect.stringContaining('no tracker found') },
        { line: 11, message: 'table "Service | Cost" has no id, status or severity column: not read as a tracker; its row is skipped' },
      ],
    });
  });

  it('does not throw on an empty file', () => {
    expect(importTracker('', 'EMPTY.md').items).toEqual([]);
  });

  it('does not read a table inside a fenced block, even with tracker columns', () => {
    const result = importTracker(
      text`
        ## Stage 1

        \`\`\`markdown
        | ID | Sev | Finding | Status |
        |---|---|---|---|
        | X-1 | HIGH | not real | ☐ |
        \`\`\`
      `,
      'x.md',
    );
    expect(result.items).toEqual([]);
  });
});

describe('importTracker: status forms', () => {
  const result = importTracker(
    text`
      ## Findings

      | # | Item | Status |
      |---|---|---|
      | 1 | box open | ☐ |
      | 2 | box in progress | ◐ |
      | 3 | box done | ☑ |
      | 4 | box accepted | ⊘ |
      | 5 | check mark emoji | ✅ |
      | 6 | heavy check | ✔ |
      | 7 | word done | Done |
      | 8 | words in progress | in progress |
      | 9 | wip | WIP |
      | 10 | won't fix | won't fix |
      | 11 | ticked box | [x] |
      | 12 | word open | Open |
      | 13 | box with date | ☑ DONE (2026-04-24) |
      | 14 | construction sign | 🚧 |
      | 15 | ~~struck title~~ |  |
      | 16 | empty status |  |
      | 17 | blocked | blocked on vendor |
      | 18 | implemented | Implemented |
      | 19 | mystery | needs discussion |
    `,
    'T.md',
  );

  it('reads boxes, emoji and words', () => {
    expect(result.items.map((item) => `${item.id} ${item.status}`)).toEqual([
      '1 open', '2 in-progress', '3 done', '4 accepted', '5 done', '6 done', '7 done', '8 in-progress', '9 in-progress',
      '10 accepted', '11 done', '12 open', '13 done', '14 in-progress', '15 done', '16 open', '17 open', '18 done', '19 open',
    ]);
  });

  it('warns about a status it does not know, and a single "## Findings" heading is not a stage', () => {
    expect(result.warnings).toEqual([{ line: 23, message: 'status "needs discussion" is not a status harden knows; read as open' }]);
    expect(result.items.find((item) => item.id === '19')!.notes).toBe('Status: needs discussion');
    expect(result.stages).toEqual([]);
  });

  it('reads a "Done?" column of yes/no answers', () => {
    const done = importTracker(
      text`
        | Key | Title | Done? |
        |---|---|---|
        | A-1 | first | x |
        | A-2 | second | no |
        | A-3 | third | yes |
      `,
      'D.md',
    );
    expect(done.items.map((item) => item.status)).toEqual(['done', 'open', 'done']);
  });
});

describe('importTracker: severity aliases and header synonyms', () => {
  it('reads every severity spelling', () => {
    const result = importTracker(
      text`
        | ID | Priority | Issue | State |
        |---|---|---|---|
        | S-1 | CRIT | a | open |
        | S-2 | Critical | b | open |
        | S-3 | P0 | c | open |
        | S-4 | HIGH | d | open |
        | S-5 | P1 | e | open |
        | S-6 | MED | f | open |
        | S-7 | Moderate | g | open |
        | S-8 | LOW | h | open |
        | S-9 | INFO | i | open |
        | S-10 | — | j | open |
        | S-11 | 🔴 High | k | open |
        | S-12 |  | l | open |
        | S-13 | whenever | m | open |
      `,
      'S.md',
    );
    expect(result.items.map((item) => item.severity)).toEqual([
      'critical', 'critical', 'critical', 'high', 'high', 'medium', 'medium', 'low', 'info', undefined, 'high', undefined, undefined,
    ]);
    expect(result.warnings).toEqual([
      { line: 12, message: '"Priority" is "—" on 1 row: no severity, left unset (not info)' },
      { line: 15, message: 'severity "whenever" is not a severity harden knows; left out' },
    ]);
  });

  it('maps Ref/Sev/Task/State/Owner/Due/Effort/Repo? and a notes column; an unknown column is kept in the notes, with a warning', () => {
    const result = importTracker(
      text`
        ## Before launch

        | Ref | Sev | Task | State | Owner | Due | Effort | Repo? | Notes | Cost |
        |---|---|---|---|---|---|---|---|---|---|
        | OPS-1 | HIGH | Turn on HSTS | todo | @ana | due 2026-05-01 | 1h | yes | preload later | $0 |
      `,
      'O.md',
    );
    expect(result.items).toEqual([
      {
        id: 'OPS-1',
        kind: 'task',
        title: 'Turn on HSTS',
        severity: 'high',
        inRepo: true,
        status: 'open',
        owner: 'ana',
        effort: '1h',
        due: '2026-05-01',
        notes: 'preload later\nCost: $0',
        source: { file: 'O.md', line: 5 },
      },
    ]);
    expect(result.warnings).toEqual([
      { line: 3, message: `column "Cost" of table "Ref | Sev | Task | State | Owner | Due | Effort | Repo? | Notes | Cost" is kept in each item's notes (harden has no field for it)` },
    ]);
  });

  it('reads a table with a status column but no title header, taking its wordiest column as the title, with a warning', () => {
    const result = importTracker(
      text`
        | Host | Status |
        |---|---|
        | db1 | ✅ |
      `,
      'H.md',
    );
    expect(result.items.map(({ title, status }) => ({ title, status }))).toEqual([{ title: 'db1', status: 'done' }]);
    expect(result.warnings).toEqual([
      { line: 1, message: 'table "Host | Status" has no finding/title/task column; "Host" is read as the title' },
      { line: 3, message: 'no id for "db1"; generated "finding-1"', generatedId: 'finding-1' },
    ]);
  });
});

describe('importTracker: ids', () => {
  it('takes ids written in task text, and generates the rest from stage and position', () => {
    const result = importTracker(
      text`
        ## Phase 1

        - [ ] OPS-12: Enable HSTS
        - [x] [C3] Pin images by digest
        - [ ] C4 — Drop root in the worker image
        - [ ] S3 bucket versioning
        - [ ] Rotate API keys (SEC-7)
          - [ ] Nested step
      `,
      'I.md',
    );
    expect(result.items.map((item) => [item.id, item.title, item.status])).toEqual([
      ['OPS-12', 'Enable HSTS', 'open'],
      ['C3', 'Pin images by digest', 'done'],
      ['C4', 'Drop root in the worker image', 'open'],
      ['phase-1-4', 'S3 bucket versioning', 'open'],
      ['SEC-7', 'Rotate API keys', 'open'],
      ['phase-1-6', 'Nested step', 'open'],
    ]);
    expect(result.warnings.map((w) => w.message)).toEqual([
      'no id for "S3 bucket versioning"; generated "phase-1-4"',
      'no id for "Nested step"; generated "phase-1-6"',
    ]);
  });

  it('renames a repeated id and says so', () => {
    const result = importTracker(
      text`
        ## Stage 1

        | ID | Finding | Status |
        |---|---|---|
        | A-1 | first | ☐ |

        ## Stage 2

        | ID | Finding | Status |
        |---|---|---|
        | A-1 | second | ☐ |
      `,
      'R.md',
    );
    expect(result.items.map((item) => item.id)).toEqual(['A-1', 'stage-2-A-1']);
    expect(result.warnings).toEqual([{ line: 11, message: 'duplicate id "A-1" (first at line 5); renamed to "stage-2-A-1"' }]);
  });

  it('reads ids and status boxes in headings', () => {
    const result = importTracker(
      text`
        # Tracker

        ## Stage 1 — Before launch

        ### ~~OPS-3: Enable HSTS~~ ☑ DONE (2026-04-24)

        ### ☐ SEC-1 Rotate tokens
        **Severity:** HIGH
        **Owner:** lee
        **Due:** 2026-06-30
      `,
      'H.md',
    );
    expect(result.items).toEqual([
      { id: 'OPS-3', kind: 'task', title: 'Enable HSTS', stage: 'stage-1', status: 'done', notes: 'Done 2026-04-24.', source: { file: 'H.md', line: 5 } },
      {
        id: 'SEC-1', kind: 'finding', title: 'Rotate tokens', severity: 'high', stage: 'stage-1', status: 'open',
        owner: 'lee', due: '2026-06-30', notes: '**Severity:** HIGH\n**Owner:** lee\n**Due:** 2026-06-30', source: { file: 'H.md', line: 7 },
      },
    ]);
    expect(result.stages).toEqual([{ id: 'stage-1', title: 'Stage 1 — Before launch' }]);
  });
});

describe('importTracker: stages', () => {
  it('makes stages of sibling headings that each hold a tracker table', () => {
    const result = importTracker(
      text`
        # Launch checklist

        ## Before launch

        | ID | Finding | Status |
        |---|---|---|
        | L-1 | TLS everywhere | ☑ |

        ## After launch

        - [ ] L-2: Bug bounty
      `,
      'L.md',
    );
    expect(result.stages).toEqual([
      { id: 'before-launch', title: 'Before launch' },
      { id: 'after-launch', title: 'After launch' },
    ]);
    expect(result.items.map((item) => item.stage)).toEqual(['before-launch', 'after-launch']);
  });

  it('takes a stage id from a harden:stage comment, and no stage from an empty one', () => {
    const result = importTracker(
      text`
        ## Before launch

        <!-- harden:stage launch -->

        - [ ] L-1: TLS everywhere

        ## Unstaged

        <!-- harden:stage -->

        - [ ] L-2: Bug bounty
      `,
      'M.md',
    );
    expect(result.stages).toEqual([{ id: 'launch', title: 'Before launch' }]);
    expect(result.items.map((item) => item.stage)).toEqual(['launch', undefined]);
  });

  it('keeps a phase heading with its own status line as a stage when entries sit under it', () => {
    const result = importTracker(
      text`
        ## Phase 1
        **Status:** ✅ done

        ### Secrets in a vault
        - **Status:** ✅ running

        ### Image scanning
        **Why:** nobody looks at CVEs
      `,
      'P.md',
    );
    expect(result.stages).toEqual([{ id: 'phase-1', title: 'Phase 1' }]);
    expect(result.items.map((item) => [item.title, item.stage, item.status])).toEqual([
      ['Secrets in a vault', 'phase-1', 'done'],
      ['Image scanning', 'phase-1', 'open'],
    ]);
  });

  it('reads a Stage column', () => {
    const result = importTracker(
      text`
        | ID | Finding | Phase | Status |
        |---|---|---|---|
        | P-1 | a | Phase 2 | ☐ |
        | P-2 | b | Phase 1 | ☐ |
      `,
      'P.md',
    );
    expect(result.stages).toEqual([
      { id: 'phase-2', title: 'Phase 2' },
      { id: 'phase-1', title: 'Phase 1' },
    ]);
    expect(result.items.map((item) => item.stage)).toEqual(['phase-2', 'phase-1']);
  });
});

describe('importTracker: accepted-risk table without ids', () => {
  it('makes accepted items with a generated id and the decision', () => {
    const result = importTracker(
      text`
        ## Risk register

        | Risk | Decision | Accepted by | Accepted on | Revisit |
        |---|---|---|---|---|
        | Single region | Cost; revisit 2026-12-01 | CTO | 2026-01-15 |  |
      `,
      'A.md',
    );
    expect(result.items).toEqual([
      {
        id: 'finding-1',
        kind: 'finding',
        title: 'Single region',
        status: 'accepted',
        acceptance: { type: 'risk' },
        decision: { treatment: 'accept', by: 'CTO', on: '2026-01-15', reason: 'Cost; revisit 2026-12-01', revisit: '2026-12-01' },
        source: { file: 'A.md', line: 5 },
      },
    ]);
  });
});

describe('importTracker: impossible dates', () => {
  it('leaves out a date that names no day, with a warning at its line instead of a silent rollover', () => {
    const result = importTracker(
      text`
        ## Findings

        | ID | Finding | Severity | Status | Due |
        |---|---|---|---|---|
        | OPS-1 | Rotate keys | high | open | 2026-04-31 |
        | OPS-2 | Pin images | low | open | 2026-05-01 |

        - [x] Enable HSTS (2026-02-30) — preload next
        - [ ] Backups due 2026-02-29 \`2026-13-99\`
      `,
      'T.md',
    );
    expect(result.items.map(({ id, due }) => ({ id, due }))).toEqual([
      { id: 'OPS-1', due: undefined },
      { id: 'OPS-2', due: '2026-05-01' },
      { id: 'task-1', due: undefined },
      { id: 'task-2', due: undefined },
    ]);
    expect(result.warnings.filter((w) => w.message.includes('not a date'))).toEqual([
      { line: 5, message: '2026-04-31 is not a date (April 2026 has 30 days); left out' },
      { line: 8, message: '2026-02-30 is not a date (February 2026 has 28 days); left out' },
      { line: 9, message: '2026-02-29 is not a date (February 2026 has 28 days); left out' },
    ]);
  });
});

describe('importTracker: task lists as people write them', () => {
  const result = importTracker(
    text`
      ## Hardening

      - [x] [OPS-12] pin base images (high) — notes on the digests
      - [ ] **SEC-3**: rotate keys — P1
      - [~] DNS-2 publish a DMARC record (Apr 2, 2026) @maria
      - [/] DNS-3 add CAA records, owner: @li
      - [-] OPS-13 read-only root filesystem — not applicable, the service is gone
      - [>] OPS-14 move to the new region
      - [ ] OPS-15 turn on audit logs (blocked on the cloud account) due 30 Jun 2026
      - [x] OPS-16 close port 22 (done 2026-03-01) — Assignee: @sam
    `,
    'T.md',
  );

  it('reads ids in brackets or bold, priority words, other boxes, dates, owners and reasons', () => {
    expect(result.items.map(({ source, kind, stage, ...item }) => item)).toEqual([
      { id: 'OPS-12', title: 'pin base images', severity: 'high', status: 'done', notes: 'notes on the digests' },
      { id: 'SEC-3', title: 'rotate keys', severity: 'high', status: 'open' },
      { id: 'DNS-2', title: 'publish a DMARC record', status: 'in-progress', owner: 'maria', found: '2026-04-02' },
      { id: 'DNS-3', title: 'add CAA records', status: 'in-progress', owner: 'li' },
      {
        id: 'OPS-13', title: 'read-only root filesystem', status: 'accepted', acceptance: { type: 'not-applicable' },
        decision: { treatment: 'accept', reason: 'the service is gone' },
      },
      { id: 'OPS-14', title: 'move to the new region', status: 'accepted', acceptance: { type: 'deferred' } },
      { id: 'OPS-15', title: 'turn on audit logs', status: 'open', due: '2026-06-30', notes: 'Blocked: the cloud account' },
      { id: 'OPS-16', title: 'close port 22', status: 'done', owner: 'sam', notes: 'Done 2026-03-01.' },
    ]);
    expect(result.warnings).toEqual([]);
  });
});

describe('importTracker: tables as people write them', () => {
  it('reads a Concern/State table with board words and emoji, Blocked as open with a note', () => {
    const result = importTracker(
      text`
        | # | Concern | State | Owner |
        |---|---|---|---|
        | C-1 | a | Done | |
        | C-2 | b | Doing | |
        | C-3 | c | Todo | |
        | C-4 | d | Won't fix | |
        | C-5 | e | WIP | |
        | C-6 | f | Blocked | |
        | C-7 | g | N/A | |
        | C-8 | h | Fixed | |
        | C-9 | i | Resolved | |
        | C-10 | j | Open | |
        | C-11 | k | Planned | |
        | C-12 | l | ✅ | |
        | C-13 | m | ❌ | |
        | C-14 | n | ⏳ | |
        | C-15 | o | 🚧 | |
        | C-16 | p | False positive | |
        | C-17 | q | Deferred | |
      `,
      'C.md',
    );
    expect(result.items.map((item) => [item.id, item.status, item.acceptance?.type ?? item.notes ?? ''])).toEqual([
      ['C-1', 'done', ''], ['C-2', 'in-progress', ''], ['C-3', 'open', ''], ['C-4', 'accepted', 'risk'], ['C-5', 'in-progress', ''],
      ['C-6', 'open', 'Blocked.'], ['C-7', 'accepted', 'not-applicable'], ['C-8', 'done', ''], ['C-9', 'done', ''], ['C-10', 'open', ''],
      ['C-11', 'open', ''], ['C-12', 'done', ''], ['C-13', 'open', ''], ['C-14', 'in-progress', ''], ['C-15', 'in-progress', ''],
      ['C-16', 'accepted', 'false-positive'], ['C-17', 'accepted', 'deferred'],
    ]);
    expect(result.warnings).toEqual([]);
  });

  it('reads the columns of a table whose headers are unusual from their cells, and guesses the title with a warning', () => {
    const result = importTracker(
      text`
        | Key | What we fix | Where | ✓ | Impact |
        |---|---|---|---|---|
        | OPS-1 | HSTS on every site | edge | ☑ | High |
        | OPS-2 | Pin base images | ci | ☐ | Low |
      `,
      'U.md',
    );
    expect(result.items.map(({ id, title, status, severity, notes }) => ({ id, title, status, severity, notes }))).toEqual([
      { id: 'OPS-1', title: 'HSTS on every site', status: 'done', severity: 'high', notes: 'Where: edge' },
      { id: 'OPS-2', title: 'Pin base images', status: 'open', severity: 'low', notes: 'Where: ci' },
    ]);
    expect(result.warnings).toEqual([
      { line: 1, message: 'table "Key | What we fix | Where | ✓ | Impact" has no finding/title/task column; "What we fix" is read as the title' },
    ]);
  });

  it('skips a glossary and a matrix of boxes, naming each', () => {
    const result = importTracker(
      text`
        | Term | Meaning |
        |---|---|
        | HSTS | HTTP Strict Transport Security |

        | Feature | Vault | AWS SM |
        |---|---|---|
        | Rotation | ✅ | ✅ |
        | Audit log | ✅ | ❌ |
      `,
      'G.md',
    );
    expect(result.items).toEqual([]);
    expect(result.warnings).toEqual([
      { line: 1, message: 'table "Term | Meaning" has no id, status or severity column: not read as a tracker; its row is skipped' },
      { line: 1, message: expect.stringContaining('no tracker found') },
      { line: 5, message: 'table "Feature | Vault | AWS SM" has no id, status or severity column: not read as a tracker; its 2 rows are skipped' },
    ]);
  });

  it('takes the reason of a won\'t-fix row from its footnote, or from the paragraph under the table', () => {
    const result = importTracker(
      text`
        | ID | Finding | Status |
        |---|---|---|
        | W-1 | TLS 1.0 on the terminals | Won't fix[^legacy] |
        | W-2 | Old jQuery | Won't fix |
        | W-3 | Open redirect | Fixed |

        We will not fix the jQuery version: the page is static and goes away in June.

        [^legacy]: The card terminals speak nothing newer; they are replaced in Q4. Accepted by Dana on 2026-03-02.
      `,
      'W.md',
    );
    expect(result.items.slice(0, 2).map(({ id, decision }) => ({ id, decision }))).toEqual([
      { id: 'W-1', decision: { treatment: 'accept', by: 'Dana', on: '2026-03-02', reason: 'The card terminals speak nothing newer; they are replaced in Q4. Accepted by Dana on 2026-03-02.' } },
      { id: 'W-2', decision: { treatment: 'accept', reason: 'We will not fix the jQuery version: the page is static and goes away in June.' } },
    ]);
    expect(result.warnings).toEqual([]);
  });

  it('warns when the paragraph under the table could give the reason of several rows', () => {
    const result = importTracker(
      text`
        | ID | Finding | Status |
        |---|---|---|
        | W-1 | TLS 1.0 on the terminals | Won't fix |
        | W-2 | Old jQuery | Won't fix |

        We won't fix these this year because the budget went to the migration.
      `,
      'W.md',
    );
    expect(result.items.map((item) => item.decision)).toEqual([undefined, undefined]);
    expect(result.warnings).toEqual([
      { line: 6, message: 'this paragraph reads as the reason of an accepted row, but names none of W-1, W-2; not attached (start it with the id)' },
    ]);
  });

  it('reads a found date written "Apr 24, 2026" and the day-first dates of a tracker that writes 24/04/2026', () => {
    const result = importTracker(
      text`
        | ID | Finding | Status | Found | Due |
        |---|---|---|---|---|
        | D-1 | a | Open | Apr 24, 2026 | 01/06/2026 |
        | D-2 | b | Open | 24/04/2026 | 30 June 2026 |
      `,
      'D.md',
    );
    expect(result.items.map(({ found, due }) => ({ found, due }))).toEqual([
      { found: '2026-04-24', due: '2026-06-01' },
      { found: '2026-04-24', due: '2026-06-30' },
    ]);
  });

  it('warns about a numeric date nothing in the tracker can tell apart, and leaves it out', () => {
    const result = importTracker('| ID | Finding | Status | Due |\n|---|---|---|---|\n| D-1 | a | Open | 04/05/2026 |\n', 'D.md');
    expect(result.items[0]!.due).toBeUndefined();
    expect(result.warnings).toEqual([
      { line: 3, message: '04/05/2026 could be day/month or month/day and no other date in the tracker says which; left out (write 2026-MM-DD)' },
    ]);
  });

  it('takes the owner from an @handle in the title when there is no owner column', () => {
    const result = importTracker('| ID | Finding | Status |\n|---|---|---|\n| O-1 | Rotate the deploy key (@priya) | Open |\n', 'O.md');
    expect(result.items[0]).toMatchObject({ title: 'Rotate the deploy key', owner: 'priya' });
  });
});

describe('importTracker: heading entries with a won\'t-fix status', () => {
  it('reads the acceptance from the status words and the reason from a Reason line', () => {
    const result = importTracker(
      text`
        ### OPS-9: Canary deploys (low)
        **Status:** Won't fix — deferred to next quarter
        **Reason:** one region, one replica set; a canary buys little. Decided 2026-02-01.
        **Owner:** @marco
      `,
      'H.md',
    );
    expect(result.items[0]).toMatchObject({
      id: 'OPS-9',
      title: 'Canary deploys',
      severity: 'low',
      status: 'accepted',
      acceptance: { type: 'deferred' },
      decision: { treatment: 'accept', reason: 'one region, one replica set; a canary buys little. Decided 2026-02-01.' },
      owner: 'marco',
    });
  });
});

describe('importTracker: sections named by a severity', () => {
  it('gives the items under "🔴 Critical" or "High — this sprint" that severity, and none under "High availability"', () => {
    const result = importTracker(
      text`
        ## 🔴 Critical
        - [ ] Revoke the leaked token
        ## High — this sprint
        - [ ] Pin base images
        ## High availability
        - [ ] Second region
      `,
      'P.md',
    );
    expect(result.items.map((item) => [item.title, item.severity])).toEqual([
      ['Revoke the leaked token', 'critical'],
      ['Pin base images', 'high'],
      ['Second region', undefined],
    ]);
    expect(result.stages).toEqual([]);
  });
});

describe('importTracker: exports of issue trackers and risk registers', () => {
  it('reads a Jira export: a "Won\'t Do" resolution closes an issue as an accepted risk, not as done; Jira dates are read', () => {
    const result = importTracker(
      text`
        | **Key** | **Summary** | **Status** | **Resolution** | **Priority** | **Assignee** | **Created** |
        |---|---|---|---|---|---|---|
        | SEC-101 | Enforce MFA for admin accounts | Closed | Done | Highest | Ana Lima | 12/Feb/26 |
        | SEC-102 | Disable TLS 1.0 on the legacy balancer | Closed | Won't Do | Medium | Unassigned | 15/Feb/26 |
        | SEC-103 | Add a CSP header to the web app | In Progress | Unresolved | High | Ben Ode | 01/Mar/26 |
      `,
      'JIRA.md',
    );
    expect(result.items.map(({ source, kind, title, ...item }) => item)).toEqual([
      { id: 'SEC-101', severity: 'critical', status: 'done', owner: 'Ana Lima', found: '2026-02-12' },
      { id: 'SEC-102', severity: 'medium', status: 'accepted', acceptance: { type: 'risk' }, found: '2026-02-15' },
      { id: 'SEC-103', severity: 'high', status: 'in-progress', owner: 'Ben Ode', found: '2026-03-01' },
    ]);
    expect(result.warnings).toEqual([]);
  });

  it('reads a risk register: the rating is the severity, likelihood and impact are notes, the review date is an accepted risk\'s revisit', () => {
    const result = importTracker(
      text`
        | Risk ID | Risk description | Likelihood | Impact | Risk rating | Treatment | Risk owner | Status | Review date |
        |---|---|---|---|---|---|---|---|---|
        | R-01 | Backups are never restored | Medium | High | High | Mitigate: monthly restore drill | @ines | Open | 2026-06-30 |
        | R-02 | One region takes the product down | Low | High | Medium | Accept | CTO | Accepted | 2026-09-01 |
      `,
      'RISKS.md',
    );
    expect(result.items.map(({ source, kind, title, ...item }) => item)).toEqual([
      {
        id: 'R-01', severity: 'high', status: 'open', owner: 'ines',
        notes: 'Likelihood: Medium\nImpact: High\nTreatment: Mitigate: monthly restore drill\nReview date: 2026-06-30',
      },
      {
        id: 'R-02', severity: 'medium', status: 'accepted', acceptance: { type: 'risk' }, owner: 'CTO',
        decision: { treatment: 'accept', revisit: '2026-09-01' }, notes: 'Likelihood: Low\nImpact: High',
      },
    ]);
    expect(result.warnings).toEqual([]);
  });
});

describe('importTracker: heading entries with plain "Status:" lines', () => {
  it('reads Status, Severity, Owner and Reason lines written without bold, the status date and a blocked note', () => {
    const result = importTracker(
      text`
        # HARDENING

        ## SEC-1: Enable HSTS on every site
        Status: Done (2026-03-02)
        Severity: High
        Owner: @ana

        ## SEC-2: Rotate the deploy key
        Status: Blocked — waiting for the vendor
        Priority: P1

        ## SEC-3: Drop the legacy admin panel
        Status: Won't fix
        Reason: the panel is only reachable from the office network.

        ## Background
        Owner: the platform team, since 2024.
      `,
      'HARDENING.md',
    );
    expect(result.items.map(({ id, severity, status, owner, acceptance, decision, notes }) => ({ id, severity, status, owner, acceptance, decision, note: notes?.split('\n')[0] }))).toEqual([
      { id: 'SEC-1', severity: 'high', status: 'done', owner: 'ana', acceptance: undefined, decision: undefined, note: 'Done 2026-03-02.' },
      { id: 'SEC-2', severity: 'high', status: 'open', owner: undefined, acceptance: undefined, decision: undefined, note: 'Blocked: waiting for the vendor' },
      {
        id: 'SEC-3', severity: undefined, status: 'accepted', owner: undefined, acceptance: { type: 'risk' },
        decision: { treatment: 'accept', reason: 'the panel is only reachable from the office network.' }, note: "Status: Won't fix",
      },
    ]);
  });
});

describe('importTracker: the status a section heading gives', () => {
  it('reads rows with no status column under "Open", "✅ Fixed" and "Won\'t fix" headings, and a "Done" column of dates', () => {
    const result = importTracker(
      text`
        ## Open
        | ID | Finding | Severity |
        |---|---|---|
        | F-1 | No CSP | Medium |

        ## ✅ Fixed
        | ID | Finding | Severity |
        |---|---|---|
        | F-2 | TLS 1.0 offered | High |

        ## Won't fix
        | ID | Finding | Severity |
        |---|---|---|
        | F-3 | Sequential invoice numbers | Low |

        ## Testing
        | ID | Task | Done |
        |---|---|---|
        | T-1 | Load test the API | 2026-04-02 |
        | T-2 | Chaos test the queue | |

        ## Not fixing
        - **Office VPN without MFA**: replaced in Q3
      `,
      'S.md',
    );
    expect(result.items.map(({ id, status, acceptance, notes }) => ({ id, status, acceptance, notes }))).toEqual([
      { id: 'F-1', status: 'open', acceptance: undefined, notes: undefined },
      { id: 'F-2', status: 'done', acceptance: undefined, notes: undefined },
      { id: 'F-3', status: 'accepted', acceptance: { type: 'risk' }, notes: undefined },
      { id: 'T-1', status: 'done', acceptance: undefined, notes: 'Done 2026-04-02.' },
      { id: 'T-2', status: 'open', acceptance: undefined, notes: undefined },
      { id: 'finding-4', status: 'accepted', acceptance: { type: 'risk' }, notes: undefined },
    ]);
    expect(result.stages).toEqual([]);
  });
});

describe('importTracker: plain lists under a status heading', () => {
  it('reads each entry of a list under "Done", "TODO" or "Won\'t fix" as an item with that status; other lists stay prose', () => {
    const result = importTracker(
      text`
        # Ops notes

        ## Done
        - Moved DNS to the new provider (2026-01-12)
        - TLS 1.0 disabled — checked with testssl.sh
          - grade A on every host

        ## TODO
        - Rotate the deploy key @priya

        ## Won't fix
        - Sequential invoice ids — not secret, access is checked per request

        ## Links
        - https://example.com/runbook

        ### Ongoing: cloud services
        - Keep PostHog Cloud
      `,
      'NOTES.md',
    );
    expect(result.items.map(({ title, status, owner, decision, notes }) => ({ title, status, owner, reason: decision?.reason, notes }))).toEqual([
      { title: 'Moved DNS to the new provider', status: 'done', owner: undefined, reason: undefined, notes: 'Done 2026-01-12.' },
      { title: 'TLS 1.0 disabled', status: 'done', owner: undefined, reason: undefined, notes: 'checked with testssl.sh - grade A on every host' },
      { title: 'Rotate the deploy key', status: 'open', owner: 'priya', reason: undefined, notes: undefined },
      { title: 'Sequential invoice ids', status: 'accepted', owner: undefined, reason: 'not secret, access is checked per request', notes: undefined },
    ]);
  });
});

describe('importTracker: rows that cannot be read are named', () => {
  it('warns about a theme row without a title and an accepted-risk row that names nothing', () => {
    const result = importTracker(
      text`
        | Theme | Also closes |
        |---|---|
        |  | A-1 |

        ## Accepted risks

        | ID | Risk | Decision | Accepted by |
        |---|---|---|---|
        |  |  | we live with it | CTO |
      `,
      'R.md',
    );
    expect(result.warnings).toEqual([
      { line: 1, message: expect.stringContaining('no tracker found') },
      { line: 3, message: 'theme row has no title; skipped' },
      { line: 9, message: 'accepted-risk row names no item and has no title; skipped' },
    ]);
  });
});

describe('importTracker: a list of GitHub issues', () => {
  it('reads an "Issue" column of #numbers as the id, and the Title column as the title', () => {
    const result = importTracker('| Issue | Title | Labels | Status |\n|---|---|---|---|\n| #12 | Rotate the npm token | security, ci | Closed |\n', 'GH.md');
    expect(result.items.map(({ id, title, tags, status }) => ({ id, title, tags, status }))).toEqual([
      { id: '12', title: 'Rotate the npm token', tags: ['security', 'ci'], status: 'done' },
    ]);
    expect(result.warnings).toEqual([]);
  });
});

describe('importTracker: a date in brackets in a heading entry', () => {
  it('takes it out of the title and places it by the status: found when open, "Done <date>." when done', () => {
    const result = importTracker(
      text`
        ### OPS-3: Rotate the deploy key (Apr 2, 2026)
        **Status:** open

        ### OPS-4: Enable HSTS (2026-03-01)
        **Status:** done
      `,
      'H.md',
    );
    expect(result.items.map(({ id, title, found, notes }) => ({ id, title, found, note: notes?.split('\n')[0] }))).toEqual([
      { id: 'OPS-3', title: 'Rotate the deploy key', found: '2026-04-02', note: '**Status:** open' },
      { id: 'OPS-4', title: 'Enable HSTS', found: undefined, note: 'Done 2026-03-01.' },
    ]);
  });
});
