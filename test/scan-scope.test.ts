import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runHardenSync, type CliRun } from './run-cli.js';


function harden(args: string[], cwd: string): CliRun {
  return runHardenSync(args, { cwd, env: { HARDEN_NOW: '2026-11-30' } });
}

function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'harden-scope-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

const POD = 'apiVersion: v1\nkind: Pod\nmetadata: { name: web }\nspec: { containers: [{ name: web, image: "web:1" }] }\n';
const PLAN = 'version: 1\nproject: shop\ntargets:\n  root: .\n  manifests: [deploy/k8s/**/*.y*ml]\n';

describe('the root of a scan with a plan', () => {
  it('DIR inside the plan\'s root limits the scan to that folder; the plan\'s globs stay relative to its root', () => {
    const dir = repo({ 'harden.yaml': PLAN, 'deploy/k8s/pod.yaml': POD, 'other/k8s/pod.yaml': POD });
    const run = harden(['scan', 'deploy/', '--only', 'k8s', '--fail-on', 'none'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('deploy/k8s/pod.yaml');
    expect(run.stdout).not.toContain('other/k8s');
  });

  it('a plan whose root holds nothing it names is exit 2, saying the root came from the plan', () => {
    const dir = repo({ 'deploy/k8s/pod.yaml': POD, 'elsewhere/harden.yaml': PLAN });
    const run = harden(['scan', '--plan', 'elsewhere/harden.yaml', '--fail-on', 'none'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('root     elsewhere  (the plan\'s targets.root ".", relative to the plan elsewhere/harden.yaml)');
    expect(run.stderr).toContain('manifests   deploy/k8s/**/*.y*ml');
  });

  it('--only a domain with no targets under DIR is exit 2, naming the folder', () => {
    const dir = repo({ 'harden.yaml': PLAN, 'deploy/k8s/pod.yaml': POD, 'api/Dockerfile': 'FROM node:20\n' });
    const run = harden(['scan', 'api', '--only', 'k8s'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('within   api/');
    expect(run.stderr).toContain('--only k8s');
  });
});
