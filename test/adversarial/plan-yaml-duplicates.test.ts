import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { harden, removeTempDirs, tempDir } from './cli.js';

// A second key used to hide the first from every check: the scan passed a privileged container.
describe('adversarial manifests: a key set twice', () => {
  afterAll(removeTempDirs);

  it('reports the duplicate and still fails k8s/privileged on the hidden value', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'deploy'));
    writeFileSync(
      join(dir, 'deploy', 'app.yaml'),
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: { name: app, namespace: prod }',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '        - name: app',
        '          image: nginx@sha256:0000000000000000000000000000000000000000000000000000000000000000',
        '          securityContext:',
        '            privileged: true',
        '          securityContext:',
        '            runAsNonRoot: true',
        '',
      ].join('\n'),
    );
    const run = harden(['scan', '.', '--only', 'k8s/privileged,k8s/duplicate-key', '-f', 'json'], { cwd: dir });
    expect(run.code).toBe(1);
    const results = (JSON.parse(run.stdout) as { results: { checkId: string; status: string; location: { line: number }; message: string }[] }).results;
    expect(results.map(({ checkId, status, location, message }) => ({ checkId, status, line: location.line, message }))).toEqual([
      { checkId: 'k8s/privileged', status: 'fail', line: 11, message: 'container "app" runs privileged' },
      {
        checkId: 'k8s/duplicate-key',
        status: 'fail',
        line: 12,
        message: '"securityContext" is set twice in spec.template.spec.containers[0] (first at line 10); tools disagree on which value wins',
      },
    ]);
  });
});
