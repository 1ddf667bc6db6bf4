import { describe, expect, it } from 'vitest';
import { checkCases, runCheckOn } from '../../testing/check-cases.js';
import { rotationRecorded } from './rotation-recorded.js';

/** `kubectl get secret db -n prod -o yaml --show-managed-fields`, as kubectl prints it (the value is a throwaway). */
const dump = (created: string, writes: { manager: string; time: string }[] = []) =>
  [
    'apiVersion: v1',
    'data:',
    '  password: aHVudGVyMi1ub3QtYS1yZWFsLXZhbHVl',
    'kind: Secret',
    'metadata:',
    `  creationTimestamp: "${created}"`,
    ...(writes.length > 0 ? ['  managedFields:'] : []),
    ...writes.flatMap(({ manager, time }) => [
      '  - apiVersion: v1',
      '    fieldsType: FieldsV1',
      '    fieldsV1:',
      '      f:data:',
      '        .: {}',
      '        f:password: {}',
      '      f:type: {}',
      `    manager: ${manager}`,
      '    operation: Update',
      `    time: "${time}"`,
    ]),
    '  name: db',
    '  namespace: prod',
    '  resourceVersion: "48213"',
    '  uid: 6f1c2a4e-0b7d-4b8e-9a51-3f0c8a2d9e11',
    'type: Opaque',
    '',
  ].join('\n');

/** A Secret External Secrets Operator manages, as `kubectl get secret -o yaml` prints it (force-sync is epoch seconds, not a rotation). */
const esoDump = (created: string) =>
  `apiVersion: v1\ndata:\n  JWT_SECRET: bm90LWEtcmVhbC12YWx1ZQ==\nkind: Secret\nmetadata:\n  annotations:\n    force-sync: "1771583314"\n    reconcile.external-secrets.io/data-hash: 88702eb885adb627e75ccf6d2ad686fe\n    kubectl.kubernetes.io/last-applied-configuration: |\n      {"apiVersion":"v1","kind":"Secret","metadata":{"name":"app-secrets"}}\n  creationTimestamp: ${created}\n  labels:\n    reconcile.external-secrets.io/managed: "true"\n  name: app-secrets\n  namespace: dev\n  ownerReferences:\n  - apiVersion: external-secrets.io/v1beta1\n    kind: ExternalSecret\n    name: app-secrets\n  resourceVersion: "358"\ntype: Opaque\n`;

const plan = (rotated: string, evidence = 'file:ops/db-secret.yaml') => `secrets:\n  - name: db-password\n    lives: "k8s:prod/db"\n    rotated: ${rotated}\n    evidence: ${evidence}\n`;

const sealed = (annotations: string) =>
  `apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: db\n  namespace: prod\n  annotations:\n${annotations}spec:\n  encryptedData:\n    password: AgBy3i4OJSWK+PiTySYZZA9rO43cGDEq\n`;

checkCases(rotationRecorded, {
  pass: [
    { name: 'created the day recorded', input: { 'harden.yaml': plan('2026-03-04'), 'ops/db-secret.yaml': dump('2026-03-04T10:21:07Z', [{ manager: 'kubectl-create', time: '2026-03-04T10:21:07Z' }]) } },
    {
      name: 'an old Secret whose data kubectl edit rewrote the day recorded',
      input: { 'harden.yaml': plan('2026-09-14'), 'ops/db-secret.yaml': dump('2025-01-10T08:00:00Z', [{ manager: 'kubectl-create', time: '2025-01-10T08:00:00Z' }, { manager: 'kubectl-edit', time: '2026-09-14T23:40:00Z' }]) },
    },
    {
      name: 'a SealedSecret in the repository annotated with its rotation',
      input: { 'harden.yaml': 'secrets:\n  - { name: db, lives: "k8s:prod/db", rotated: 2026-09-14 }\n', 'deploy/db-sealed.yaml': sealed('    example.com/rotated-at: "2026-09-14"\n') },
    },
    {
      name: 'kubeseal output: creationTimestamp null, no time to compare',
      input: {
        'harden.yaml': 'secrets:\n  - { name: db, lives: "k8s:prod/db", rotated: 2026-09-14 }\n',
        'deploy/db-sealed.yaml':
          'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  creationTimestamp: null\n  name: db\n  namespace: prod\nspec:\n  encryptedData:\n    password: AgBy3i4OJSWK+PiTySYZZA9rO43cGDEq\n  template:\n    metadata:\n      creationTimestamp: null\n      name: db\n      namespace: prod\n',
      },
    },
    {
      name: 'an External Secrets dump: force-sync and the data hash are no times',
      input: { 'harden.yaml': 'secrets:\n  - { name: app-secrets, lives: "k8s:dev/app-secrets", rotated: 2026-02-18, evidence: "file:dumps/app.yaml" }\n', 'dumps/app.yaml': esoDump('"2026-02-18T11:38:13Z"') },
    },
    { name: 'nothing in the repository shows it', input: { 'harden.yaml': 'secrets:\n  - { name: api-key, lives: "Vault kv/prod/api", rotated: 2026-09-14 }\n', 'deploy/app.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: api-key }\n' } },
    { name: 'no recorded rotation (secret/rotation-overdue reports it)', input: { 'harden.yaml': 'secrets:\n  - { name: db, lives: "k8s:prod/db" }\n', 'deploy/db-sealed.yaml': sealed('    rotated-at: "2026-01-01"\n') } },
  ],
  fail: [
    {
      name: 'recreated after the recorded rotation: a stale record',
      input: { 'harden.yaml': plan('2026-03-04'), 'ops/db-secret.yaml': dump('2026-08-20T06:12:55Z') },
      failures: [{ messageId: 'staleRecord', line: 6 }],
    },
    {
      name: 'created long before the recorded rotation, no write since',
      input: { 'harden.yaml': plan('2026-09-01'), 'ops/db-secret.yaml': dump('2025-01-10T08:00:00Z', [{ manager: 'kubectl-client-side-apply', time: '2025-01-10T08:00:00Z' }]) },
      failures: [{ messageId: 'noRotation', line: 17 }],
    },
    {
      name: 'a rotation annotation older than the record',
      input: { 'harden.yaml': 'secrets:\n  - { name: db, lives: "k8s:prod/db", rotated: 2026-09-01 }\n', 'deploy/db-sealed.yaml': sealed('    secrets.example.com/last-rotated: 2026-02-01T09:00:00Z\n') },
      failures: [{ messageId: 'noRotation', line: 7 }],
    },
    {
      name: 'an External Secrets dump recreated after the recorded day (creationTimestamp unquoted, as older kubectl printed it)',
      input: { 'harden.yaml': 'secrets:\n  - { name: app-secrets, lives: "k8s:dev/app-secrets", rotated: 2025-06-01, evidence: "file:dumps/app.yaml" }\n', 'dumps/app.yaml': esoDump('2026-02-18T11:38:13Z') },
      failures: [{ messageId: 'staleRecord', line: 11 }],
    },
    {
      name: 'the evidence file holds another secret',
      input: { 'harden.yaml': plan('2026-03-04'), 'ops/db-secret.yaml': dump('2026-03-04T10:21:07Z').replace('name: db', 'name: cache') },
      failures: [{ messageId: 'evidenceMissing', line: 2 }],
    },
    {
      name: 'the evidence shows no time',
      input: { 'harden.yaml': plan('2026-03-04'), 'ops/db-secret.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: prod\ntype: Opaque\n' },
      failures: [{ messageId: 'evidenceUntimed', line: 1 }],
    },
  ],
});

describe('secret/rotation-recorded never shows a value', () => {
  it('reports times and sources only', async () => {
    const results = await runCheckOn(rotationRecorded, { 'harden.yaml': plan('2026-03-04'), 'ops/db-secret.yaml': dump('2026-08-20T06:12:55Z') });
    const text = JSON.stringify(results);
    expect(results.map((r) => r.message)).toEqual([
      'The plan records db-password as rotated on 2026-03-04, but the secret was written or recreated later, 2026-08-20T06:12:55Z (metadata.creationTimestamp): the record is stale',
    ]);
    expect(results[0]!.related?.map((place) => [place.location.kind === 'file' && place.location.path.endsWith('/harden.yaml') ? 'harden.yaml' : place.location, place.message])).toEqual([['harden.yaml', 'rotated: 2026-03-04 in the plan']]);
    expect(text).not.toContain('aHVudGVy');
    expect(text).not.toContain('hunter2');
  });
});
