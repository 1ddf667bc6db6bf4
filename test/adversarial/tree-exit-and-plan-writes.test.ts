import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { harden, POD, tree } from './cli.js';

const TRACKER = '# Plan\n\n| ID | Severity | Finding | Status |\n|----|----------|---------|--------|\n| SEC-1 | HIGH | Containers run as root | ☐ |\n';

/** Issue 9, defect 25 (scan parts): exit codes that say the truth, and plan writes that stay in the repository. */
describe('--fail-on none and targets that could not be checked', () => {
  it('still exits 1 for a target that could not be checked, unless --allow-errors', () => {
    const dir = tree({ 'a.yaml': POD('web'), 'broken.yaml': 'kind: Pod\nspec: [\n' });
    const run = harden(['scan', dir, '--fail-on', 'none']);
    expect(run.stdout).toContain('broken.yaml: invalid YAML');
    expect(run.code).toBe(1);
    expect(harden(['scan', dir, '--fail-on', 'none', '--allow-errors']).code).toBe(0);
  });

  it('npm start (scan examples --fail-on none) still exits 0', () => {
    expect(harden(['scan', resolve('examples'), '--fail-on', 'none']).code).toBe(0);
  });
});

describe('init --force and import --force with a symlinked harden.yaml', () => {
  it('refuse to write through the link, whatever it points to', () => {
    const outside = tree({ 'plan.yaml': 'outside: untouched\n' });
    const target = join(outside, 'plan.yaml');
    const dir = tree({ 'deploy/pod.yaml': POD('web'), 'tracker.md': TRACKER, 'harden.yaml': { link: target } });
    const init = harden(['init', '--force'], { cwd: dir });
    expect(init.code).toBe(2);
    expect(init.stderr).toMatch(/harden\.yaml is a symbolic link \(to .*plan\.yaml\): harden does not write through it/);
    const imported = harden(['import', 'tracker.md', '--force'], { cwd: dir });
    expect(imported.code).toBe(2);
    expect(imported.stderr).toMatch(/harden\.yaml is a symbolic link/);
    expect(readFileSync(target, 'utf8')).toBe('outside: untouched\n');
  });

  it('refuse a dangling link too (it would create a file where it points)', () => {
    const outside = tree({});
    const dir = tree({ 'deploy/pod.yaml': POD('web'), 'harden.yaml': { link: join(outside, 'created.yaml') } });
    expect(harden(['init'], { cwd: dir }).code).toBe(2);
    expect(existsSync(join(outside, 'created.yaml'))).toBe(false);
  });

  it('still replace a plain plan file with --force', () => {
    const dir = tree({ 'deploy/pod.yaml': POD('web'), 'tracker.md': TRACKER });
    writeFileSync(join(dir, 'harden.yaml'), 'old: plan\n');
    expect(harden(['init', '--force'], { cwd: dir }).code).toBe(0);
    expect(readFileSync(join(dir, 'harden.yaml'), 'utf8')).toContain('# harden plan');
    expect(harden(['import', 'tracker.md', '--force'], { cwd: dir }).code).toBe(0);
    expect(readFileSync(join(dir, 'harden.yaml'), 'utf8')).toContain('SEC-1');
  });
});
