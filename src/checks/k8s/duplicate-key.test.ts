import { describe, expect, it } from 'vitest';
import { checkCases, runCheckOn } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { duplicateKey } from './duplicate-key.js';
import { imageDigest } from './image-digest.js';
import { privileged } from './privileged.js';

checkCases(duplicateKey, {
  pass: [
    yaml`
      apiVersion: v1
      kind: Pod
      metadata: { name: web, labels: { app: web } }
      spec:
        containers:
          - name: app
            securityContext: { runAsNonRoot: true }`,
    {
      name: 'merge keys are not duplicates',
      input: yaml`
        x-base: &base { runAsNonRoot: true }
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          containers:
            - name: app
              securityContext:
                <<: *base
                <<: { readOnlyRootFilesystem: true }`,
    },
  ],
  fail: [
    {
      name: 'a second securityContext hides privileged: true',
      input: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              containers:
                - name: app
                  securityContext:
                    privileged: true
                  image: nginx
                  securityContext:
                    runAsNonRoot: true`,
      failures: [{ messageId: 'duplicateKey', line: 12, column: 11 }],
    },
    {
      name: 'keys repeated at the top level and in a List item, each once, in the object it belongs to',
      input: yaml`
        apiVersion: v1
        kind: List
        items:
          - apiVersion: v1
            kind: ConfigMap
            metadata: { name: a }
            data: { mode: safe }
            data: { mode: unsafe }
          - apiVersion: v1
            kind: Service
            kind: Service
            metadata: { name: b }`,
      failures: [
        { messageId: 'duplicateKey', line: 8 },
        { messageId: 'duplicateKey', line: 11 },
      ],
    },
  ],
});

describe('checks read every value of a repeated key', () => {
  const manifest = yaml`
    apiVersion: v1
    kind: Pod
    metadata: { name: web }
    spec:
      containers:
        - name: app
          image: nginx:1.27
          securityContext:
            privileged: true
          securityContext:
            runAsNonRoot: true`;

  it('fails from the value a later key hides, once per failure, with no pass beside it', async () => {
    const results = await runCheckOn(privileged, manifest);
    expect(results.map((r) => ({ status: r.status, line: r.location.kind === 'file' ? r.location.line : 0, message: r.message }))).toEqual([
      { status: 'fail', line: 9, message: 'container "app" runs privileged' },
    ]);
  });

  it('reports a failure both readings share once', async () => {
    const results = await runCheckOn(imageDigest, manifest);
    expect(results.filter((r) => r.status === 'fail')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'pass')).toEqual([]);
  });

  it('keeps one pass when every reading passes', async () => {
    const results = await runCheckOn(privileged, manifest.replace('privileged: true', 'privileged: false'));
    expect(results.map((r) => r.status)).toEqual(['pass']);
  });
});
