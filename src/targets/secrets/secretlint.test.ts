import { describe, expect, it } from 'vitest';
import { mayHoldSecrets, scanSecrets } from './secretlint.js';

// Fake credentials, assembled at run time so this file does not trip secret scanners.
const SAMPLES: Record<string, string> = {
  aws: `id = "${'AKIA' + 'QX7ZL3M9TR2VB5ND'}"`,
  github: `token: ${'ghp_' + 'Zx8Qw2Lm4Np6Rt8Vb0Cd2Ef4Gh6Jk8Lm0Np2'}`,
  slack: `url: https://hooks.slack.com/services/${'T0FAKE9B0D/B0FAKEWWAVU/'}ChdmBiIU9zLenGmkbdkj0ZXn`,
  postgres: 'DATABASE_URL=postgres://app:' + 'npg_wNnMX0uwCBSr@db.example.com/app',
  redis: 'REDIS_URL=redis://:' + 's3cr3t-redis-pass@redis:6379/0',
  basicauth: 'remote: https://deploy:' + 'Tr0ub4dor3x@git.example.com/repo.git',
};

describe('secretlint wrapper', () => {
  it('skips texts no preset rule can match (the trigger list knows every rule of the installed preset)', () => {
    expect(mayHoldSecrets('apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\n')).toBe(false);
  });

  it.each(Object.entries(SAMPLES))('%s: passes the trigger filter and is found', async (_name, text) => {
    expect(mayHoldSecrets(text)).toBe(true);
    expect(await scanSecrets(`${text}\n`, 'x.env')).toHaveLength(1);
  });
});
