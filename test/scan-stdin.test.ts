import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = resolve('bin/harden.js');

/** Runs the CLI with `input` piped to its standard input, from a folder holding nothing else. */
function pipe(args: string[], input: string | Buffer) {
  const cwd = mkdtempSync(join(tmpdir(), 'harden-stdin-'));
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', HARDEN_NOW: '2026-11-30' } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

// As `helm template` prints it: a comment naming the source template before each document.
const RENDERED = [
  '---',
  '# Source: shop/templates/service.yaml',
  'apiVersion: v1',
  'kind: Service',
  'metadata: { name: web }',
  'spec:',
  '  selector: { app: web }',
  '  ports: [{ port: 80 }]',
  '---',
  '# Source: shop/templates/deployment.yaml',
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata: { name: web }',
  'spec:',
  '  selector: { matchLabels: { app: web } }',
  '  template:',
  '    metadata: { labels: { app: web } }',
  '    spec:',
  '      containers:',
  '        - name: web',
  '          image: web:1',
  '          securityContext: { privileged: true }',
  '',
].join('\n');

describe('harden scan - (manifests on standard input)', () => {
  it('checks every document of the stream as Kubernetes objects, at <stdin>:line', () => {
    const run = pipe(['scan', '-', '--only', 'k8s', '-f', 'json'], RENDERED);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { root: string; results: { checkId: string; status: string; target: string; location: { path: string; line: number } }[] };
    const privileged = report.results.find((result) => result.checkId === 'k8s/privileged' && result.status === 'fail');
    expect(privileged?.location).toMatchObject({ path: '<stdin>', line: 22 });
    expect(new Set(report.results.map((result) => result.target))).toEqual(new Set(['<stdin>#Service/web', '<stdin>#Deployment/web', '<stdin>#Deployment/web/container:web']));
  });

  it('is exit 2 when the stream holds no object, or more than a file may hold', () => {
    const empty = pipe(['scan', '-'], '# nothing rendered\n');
    expect([empty.code, empty.stderr]).toEqual([2, expect.stringContaining('standard input (1 KB) held no Kubernetes object')]);
    const huge = pipe(['scan', '-'], Buffer.alloc(11 * 1024 * 1024, 'a: b\n'));
    const verify = pipe(['verify', '-', '--plan', resolve('examples/harden.yaml')], RENDERED);
    expect([verify.code, verify.stderr]).toEqual([2, expect.stringContaining('"-" (standard input) is read by harden scan only')]);
    expect([huge.code, huge.stderr]).toEqual([2, expect.stringContaining('<stdin>: over the 10 MB limit for a file')]);
  });
});
