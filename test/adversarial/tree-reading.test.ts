import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { harden, POD, TIME_LIMIT_MS, tree } from './cli.js';

/** Issue 9, defects 3 and 12: reading a hostile tree is bounded, and what is not read is said. */
describe('scan of a hostile tree: reading files', () => {
  it('skips a link to /dev/zero and FIFOs (direct or linked) without reading them, in bounded time and memory', () => {
    const dir = tree({ 'deploy/pod.yaml': POD('web'), 'zero.yaml': { link: '/dev/zero' }, 'fifo-link.yaml': { link: 'pipe.yaml' } });
    execFileSync('mkfifo', [join(dir, 'pipe.yaml')]);
    const run = harden(['scan', dir, '--only', 'k8s/run-as-non-root', '--fail-on', 'none']);
    expect(run.signal).toBeNull();
    expect(run.ms).toBeLessThan(TIME_LIMIT_MS);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('at deploy/pod.yaml:6:7');
    expect(run.stdout).toMatch(/zero\.yaml +link out of the repository \(to \/dev\/zero\): not followed/);
    expect(run.stdout).toMatch(/pipe\.yaml +not a regular file \(a FIFO\): not read/);
    expect(run.stdout).toMatch(/fifo-link\.yaml +link to something that is not a regular file \(a FIFO\): not read/);
    expect(run.stdout).toContain('3 skipped');
  });

  it('reports a binary manifest as could-not-check even when a tree-wide reader skipped it first (exit 1 unless --allow-errors)', () => {
    const dir = tree({ 'a.yaml': POD('web'), 'b.yaml': Buffer.from([0x6b, 0x69, 0x6e, 0x64, 0x00, 0x0a]) });
    // Every check runs: the secret scan reads every tree file (skipping binaries) before the manifests are parsed.
    const run = harden(['scan', dir, '--fail-on', 'critical']);
    expect(run.stdout).toContain('b.yaml:1:1  b.yaml: skipped: binary file');
    expect(run.code).toBe(1);
    expect(harden(['scan', dir, '--fail-on', 'critical', '--allow-errors']).code).toBe(0);
  });
});
