import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { text } from '../src/testing/dedent.js';
import { runHardenSync, type CliRun } from './run-cli.js';


function harden(args: string[], cwd: string): CliRun {
  return runHardenSync(args, { cwd, env: { HARDEN_NOW: '2026-05-01' } });
}

const TRACKER = text`
  # Hardening

  ## Before launch

  - [x] Redirect HTTP to HTTPS (high)
  - [ ] Pin base images by digest (medium)
  - [ ] Rotate the deploy key — P1 @priya

  ## After launch

  | Concern | State |
  |---|---|
  | No DMARC record | Won't fix |
  | SPF ends ?all | Todo |
  | Debug endpoints reachable | Doing |

  We won't publish DMARC: the mail domain sends nothing, and says so with SPF -all.

  | Tool | Cost |
  |---|---|
  | Uptime checks | $0 |
`;

describe('harden import: warnings', () => {
  it('prints the warnings that need a reader, and one line for the ids it generated', () => {
    const dir = mkdtempSync(join(tmpdir(), 'harden-import-'));
    writeFileSync(join(dir, 'PLAN.md'), TRACKER);
    const { code, stderr } = harden(['import', 'PLAN.md'], dir);
    expect(code).toBe(0);
    expect(stderr.trim().split('\n')).toEqual([
      'PLAN.md:19: warning: table "Tool | Cost" has no id, status or severity column: not read as a tracker; its row is skipped',
      'PLAN.md: 6 items have no id in the tracker and got one from its stage or kind (before-launch-1, before-launch-2, … after-launch-3); --verbose lists each',
      'imported 6 items (2 stages, 0 themes, 1 accepted risks) from PLAN.md into harden.yaml',
      '6 items: 0 linked (0 checks) · 6 without a check (1 secret rotation, 1 API behaviour, 4 not classified)',
    ]);
  });

  it('lists every warning with --verbose', () => {
    const dir = mkdtempSync(join(tmpdir(), 'harden-import-'));
    writeFileSync(join(dir, 'PLAN.md'), TRACKER);
    const { stderr } = harden(['import', 'PLAN.md', '-o', '-', '--verbose'], dir);
    expect(stderr).toContain('PLAN.md:5: warning: no id for "Redirect HTTP to HTTPS"; generated "before-launch-1"');
    expect(stderr.match(/warning: no id for/g)).toHaveLength(6);
  });
});

describe('harden import --merge', () => {
  it('updates what the tracker says, keeps the checks and comments added to the plan, and writes plain YAML', () => {
    const dir = mkdtempSync(join(tmpdir(), 'harden-import-'));
    writeFileSync(join(dir, 'SECURITY.md'), text`
      | ID | Finding | Sev | Status |
      |---|---|---|---|
      | WEB-1 | No HSTS header | High | Todo |
      | WEB-2 | Old TLS versions | — | Won't fix |
      | WEB-3 | Sequential ids | Low | Won't fix |

      WEB-2: the payment terminals speak TLS 1.0 only. Accepted by Dana on 2026-03-02.

      WEB-3: ids are not secrets; access is checked per request. Accepted by Dana on 2026-03-02.
    `);
    expect(harden(['import', 'SECURITY.md'], dir).code).toBe(0);
    const plan = readFileSync(join(dir, 'harden.yaml'), 'utf8');
    writeFileSync(join(dir, 'harden.yaml'), plan.replace('    title: No HSTS header\n', '    title: No HSTS header\n    # measured on the edge\n    checks: [http/hsts]\n'));

    const tracker = readFileSync(join(dir, 'SECURITY.md'), 'utf8');
    writeFileSync(join(dir, 'SECURITY.md'), tracker.replace('| High | Todo |', '| High | Done |').replace('| WEB-3 |', '| WEB-4 | CSP missing | Medium | Doing |\n| WEB-3 |'));
    const merged = harden(['import', 'SECURITY.md', '--merge'], dir);
    expect(merged.code).toBe(0);
    expect(merged.stderr).toContain('imported 1 items added, 3 updated');

    const after = readFileSync(join(dir, 'harden.yaml'), 'utf8');
    expect(after).toContain('# measured on the edge');
    expect(after).toContain('checks: [ http/hsts ]');
    expect(after).toMatch(/id: WEB-1\n(?: {4}.*\n)*? {4}status: done/);
    expect(after).toMatch(/id: WEB-4\n(?: {4}.*\n)*? {4}status: in-progress/);
    expect(after).not.toMatch(/[&*]a\d+\b/);
    expect(after.match(/by: Dana/g)).toHaveLength(2);
    expect(after).not.toMatch(/id: WEB-2\n(?: {4}.*\n)*? {4}severity/);
    expect(harden(['report', '--no-measure', '-p', 'harden.yaml'], dir).code).toBe(0);
  });
});
