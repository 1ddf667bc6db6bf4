import { afterAll, describe, expect, it } from 'vitest';
import { errorLines, harden, removeTempDirs, tree } from './cli.js';

// Impossible dates used to roll over silently (2026-02-30 became 2 March).
describe('adversarial plans: impossible dates', () => {
  afterAll(removeTempDirs);

  it('rejects an impossible waiver expiry or due date at its line', () => {
    const dir = tree({
      'harden.yaml': 'items:\n  - { id: A, title: t, due: 2026-04-31 }\nwaivers:\n  - { check: k8s/image-digest, reason: vendor, expires: 2026-02-30 }\n',
    });
    const run = harden(['verify', '.'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(errorLines(run)).toEqual([
      'harden.yaml:2:24: due: 2026-04-31 is not a date: April 2026 has 30 days',
      'harden.yaml:4:48: expires: 2026-02-30 is not a date: February 2026 has 28 days',
    ]);
  });

  it('rejects an impossible --now', () => {
    const run = harden(['verify', '--now', '2026-02-30', '.'], { cwd: tree({ 'harden.yaml': 'version: 1\n' }) });
    expect(run.code).toBe(2);
    expect(errorLines(run)).toEqual(['--now: 2026-02-30 is not a date: February 2026 has 28 days']);
  });
});
