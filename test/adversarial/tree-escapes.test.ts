import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/testing/http-server.js';
import { harden, hardenAsync, tree } from './cli.js';

const ESC = '\u001b';
/** Raw terminal controls a hostile input plants: ESC, BEL, CR, C1 CSI, a bidi override. */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/;
/** A pod whose names carry a screen clear, a window retitle, a pipe and a line break (YAML "\e" is ESC). */
const HOSTILE_POD = 'apiVersion: v1\nkind: Pod\nmetadata: { name: "web\\e]0;pwned\\a" }\nspec:\n  containers:\n    - name: "app\\e[2J|cell\\nrow\\u202e"\n      image: nginx\n';
const HOSTILE_PLAN = [
  'version: 1',
  'project: "shop\\e[2J"',
  'stages: [{ id: now, title: "Now\\e[31m | red\\nline" }]',
  'items:',
  '  - { id: SEC-1, title: "Runs as root\\e[2J | x\\ny", severity: high, stage: now, status: done, owner: "m\\e[0m|x", checks: [k8s/run-as-non-root] }',
  '  - { id: SEC-2, title: "Accepted\\r\\u009b2J", status: accepted, acceptance: { type: risk }, decision: { treatment: accept, by: "cto\\e[8m", on: 2026-05-10, reason: "because\\n| a | b |" } }',
  '',
].join('\n');

/** Markdown table rows: every line between a header row and the next blank line, each split into cells at unescaped pipes. */
function tableRows(markdown: string): string[][] {
  const rows: string[][] = [];
  let inTable = false;
  for (const line of markdown.split('\n')) {
    if (/^\|(---\|)+$/.test(line)) inTable = true;
    else if (line === '') inTable = false;
    else if (inTable) rows.push(line.split(/(?<!\\)\|/).slice(1, -1));
  }
  return rows;
}

/** Issue 9, defect 11: no raw control character from input reaches a human-facing output. */
describe('human outputs escape control characters from hostile input', () => {
  const withPlan = tree({ [`deploy/evil${ESC}[2J\nname.yaml`]: HOSTILE_POD, 'harden.yaml': HOSTILE_PLAN });
  const noPlan = tree({ [`evil${ESC}[2J|x.yaml`]: HOSTILE_POD });

  it('terminal reports of scan and verify', () => {
    for (const args of [['scan', withPlan], ['verify', withPlan], ['scan', noPlan, '--show-suppressed']]) {
      const run = harden(args);
      expect(run.stdout).toContain('\\x1b[2J');
      expect(run.stdout).not.toMatch(RAW_CONTROL);
      expect(run.stderr).not.toMatch(RAW_CONTROL);
    }
  });

  it('the Markdown failure table and register: no raw control, one row per line, the right number of cells', () => {
    const table = harden(['scan', noPlan, '-f', 'markdown']);
    expect(table.stdout).not.toMatch(RAW_CONTROL);
    const rows = tableRows(table.stdout);
    expect(rows.length).toBeGreaterThan(3);
    for (const row of rows) expect(row).toHaveLength(4);
    const register = harden(['report', withPlan]);
    expect(register.code).toBe(0);
    expect(register.stdout).not.toMatch(RAW_CONTROL);
    expect(register.stdout).toContain('Runs as root\\\\x1b\\[2J \\| x y');
    for (const row of tableRows(register.stdout)) expect(row.length === 8 || row.length === 5).toBe(true);
  });

  it('JSON keeps the raw text (JSON-escaped)', () => {
    const json = harden(['scan', noPlan, '-f', 'json', '--fail-on', 'none']);
    const report = JSON.parse(json.stdout) as { results: { message: string }[] };
    expect(report.results.some((r) => r.message.includes(`app${ESC}[2J|cell\nrow`))).toBe(true);
  });

  it('errors and warnings printed by the CLI', () => {
    const badPlan = tree({ 'harden.yaml': 'items:\n  - { id: A, title: t, checks: ["k8s/\\e[2Jnope"] }\n' });
    const plan = harden(['scan', badPlan]);
    expect(plan.code).toBe(2);
    expect(plan.stderr).toContain('\\x1b[2Jnope');
    const explain = harden(['explain', `k8s/${ESC}[2J`]);
    expect(explain.code).toBe(2);
    const option = harden(['scan', noPlan, '--fail-on', `x${ESC}[2J`]);
    expect(option.code).toBe(2);
    const tracker = tree({ 'plan.md': `# Plan\n\n| ID | Severity | Finding | Status |\n|----|----------|---------|--------|\n| SEC-1 | HUGE${ESC}[2J | Runs as root | ☐ |\n` });
    const imported = harden(['import', 'plan.md', '-o', '-'], { cwd: tracker });
    for (const run of [plan, explain, option, imported]) expect(run.stderr).not.toMatch(RAW_CONTROL);
    const init = harden(['init'], { cwd: tree({ [`deploy${ESC}[2J/pod.yaml`]: HOSTILE_POD }) });
    expect(init.code).toBe(0);
    expect(init.stderr).toContain('deploy\\x1b[2J/**/*.y*ml');
    expect(init.stderr).not.toMatch(RAW_CONTROL);
  });
});

describe('monitor text outputs escape what a monitored server sends', () => {
  let server: RunningServer;
  let dir: string;
  beforeAll(async () => {
    server = await startServer((_, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: `${ESC}[2J\u009b31m\u202e` })));
    dir = tree({});
    writeFileSync(
      join(dir, 'harden.yaml'),
      `monitors:\n  - { name: api, http: "${server.origin}/", every: 60s, confirm: 1, expect: ["body.status == 'ok'"] }\nmonitoring: { database: ./h.db, metrics: false }\n`,
    );
  });
  afterAll(() => server.close());

  it('monitor --once logs JSON lines with every control escaped; status and history text escape them', async () => {
    // The monitor's windows end now: no --now date here.
    const now = { HARDEN_NOW: '' };
    const once = await hardenAsync(['monitor', '--once'], { cwd: dir, env: now });
    expect(once.code).toBe(1);
    expect(once.stdout + once.stderr).not.toMatch(RAW_CONTROL);
    const status = harden(['monitor', 'status'], { cwd: dir, env: now });
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('\\x1b[2J');
    expect(status.stdout).not.toMatch(RAW_CONTROL);
    const history = harden(['monitor', 'history', 'api'], { cwd: dir, env: now });
    expect(history.stdout).toContain('\\x1b[2J');
    expect(history.stdout).not.toMatch(RAW_CONTROL);
  });
});
