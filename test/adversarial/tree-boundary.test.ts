import { chmodSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { harden, POD, tempDir, tree } from './cli.js';
import { unreachableByNobody, UNPRIVILEGED } from '../../src/testing/unprivileged.js';

const ONE_CHECK = ['--only', 'k8s/run-as-non-root', '--fail-on', 'none'];

/** Issue 9, defect 13: the repository root is the tree's boundary, and what is left out is said. */
describe('scan of a hostile tree: the repository boundary', () => {
  it('does not follow a symlink loop: each finding once, and init writes no loop path into the plan', () => {
    const dir = tree({ 'deploy/pod.yaml': POD('web'), 'loop/up': { link: '..' } });
    const run = harden(['scan', dir, ...ONE_CHECK]);
    expect(run.code).toBe(0);
    expect(run.stdout.match(/does not set runAsNonRoot/g)).toHaveLength(1);
    expect(run.stdout).toMatch(/loop\/up +symbolic link loop \(to \.\): not followed/);
    const init = harden(['init', dir]);
    expect(init.code).toBe(0);
    const plan = readFileSync(join(dir, 'harden.yaml'), 'utf8');
    expect(plan).toContain('deploy/**/*.y*ml');
    expect(plan).not.toContain('loop/');
    expect(init.stderr).toMatch(/not read: loop\/up/);
  });

  it('never reads a file through a link out of the repository, and reads a link inside it once', () => {
    const outside = tree({ 'pod.yaml': POD('outside-only') });
    const dir = tree({ 'deploy/pod.yaml': POD('web'), 'deploy/alias.yaml': { link: 'pod.yaml' }, 'deploy/ext.yaml': { link: join(outside, 'pod.yaml') } });
    const run = harden(['scan', dir, ...ONE_CHECK]);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('outside-only');
    expect(run.stdout.match(/does not set runAsNonRoot/g)).toHaveLength(1);
    expect(run.stdout).toMatch(/deploy\/ext\.yaml +link out of the repository \(to .*pod\.yaml\): not followed/);
  });

  it.skipIf(unreachableByNobody())('a directory it cannot read is a target that could not be checked (exit 1 unless --allow-errors)', () => {
    // Root reads a chmod 000 folder anyway: then the CLI runs as nobody, for whom it is unreadable.
    const dir = tree({ 'deploy/pod.yaml': POD('web'), 'secret/pod.yaml': POD('hidden') }, tempDir('harden-tree-'));
    chmodSync(join(dir, 'secret'), 0o000);
    const as = UNPRIVILEGED ?? {};
    const run = harden(['scan', dir, ...ONE_CHECK], as);
    expect(run.stdout).toContain('secret:1:1  secret: cannot read the directory (EACCES)');
    expect(run.code).toBe(1);
    expect(harden(['scan', dir, ...ONE_CHECK, '--allow-errors'], as).code).toBe(0);
    chmodSync(join(dir, 'secret'), 0o755);
  });

  it('refuses a plan glob that reaches outside the repository root, at its plan line', () => {
    const outside = tree({ 'pod.yaml': POD('outside-only') });
    const dir = tree({ 'harden.yaml': `version: 1\ntargets:\n  root: .\n  manifests:\n    - deploy/*.yaml\n    - ../${outside.split('/').at(-1)}/*.yaml\n`, 'deploy/pod.yaml': POD('web') });
    const run = harden(['scan', dir, ...ONE_CHECK]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/harden\.yaml:6:7: targets\.manifests\[1\] ".*" reaches outside the repository root/);
    expect(run.stdout).not.toContain('outside-only');
    const absolute = tree({ 'harden.yaml': `targets:\n  configs: [/etc/*.conf]\n` });
    expect(harden(['scan', absolute, ...ONE_CHECK]).stderr).toMatch(/harden\.yaml:2:13: targets\.configs\[0\] "\/etc\/\*\.conf" reaches outside the repository root/);
  });
});
