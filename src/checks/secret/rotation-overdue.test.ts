import { afterAll, beforeAll, vi } from 'vitest';
import { checkCases } from '../../testing/check-cases.js';
import { rotationOverdue } from './rotation-overdue.js';

beforeAll(() => vi.stubEnv('HARDEN_NOW', '2026-12-01'));
afterAll(() => vi.unstubAllEnvs());

checkCases(rotationOverdue, {
  pass: [
    { name: 'a high secret rotated 61 days ago (180d)', input: 'secrets:\n  - { name: db-password, lives: "k8s:prod/db", rotated: 2026-10-01, severity: high }\n' },
    { name: 'its own maxAge', input: 'secrets:\n  - name: stripe-key\n    lives: 1Password vault Ops\n    rotated: 2026-11-20\n    maxAge: 30d\n' },
    { name: 'no severity: a year', input: 'secrets:\n  - { name: smtp, lives: "file:/etc/postfix/sasl_passwd", rotated: 2026-01-15 }\n' },
    { name: 'no secrets section', input: 'project: shop\n' },
  ],
  fail: [
    {
      name: 'a critical secret past 90 days',
      input: 'project: shop\nsecrets:\n  - { name: k3s-token, lives: "file:/var/lib/rancher/k3s/server/token", rotated: 2026-07-01, severity: critical }\n',
      failures: [{ messageId: 'overdue', line: 3 }],
    },
    {
      name: 'its own maxAge past',
      input: 'secrets:\n  - name: deploy-key\n    rotated: 2026-10-01\n    maxAge: 4w\n',
      failures: [{ messageId: 'overdue', line: 2 }],
    },
    {
      name: 'the plan default lowered in settings',
      input: 'settings:\n  secretMaxAge: { default: 60d }\nsecrets:\n  - { name: grafana-admin, rotated: 2026-09-01 }\n  - { name: registry, rotated: 2026-11-01 }\n',
      failures: [{ messageId: 'overdue', line: 4 }],
    },
    {
      name: 'no recorded rotation',
      input: 'secrets:\n  - { name: jwt-signing-key, lives: "k8s:prod/jwt" }\n',
      failures: [{ messageId: 'notRecorded', line: 2 }],
    },
  ],
});
