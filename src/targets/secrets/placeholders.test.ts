import { describe, expect, it } from 'vitest';
import { isPlaceholderValue, saysFillIn } from './placeholders.js';

describe('placeholder values', () => {
  it('takes template tokens, instructions, masks, paths and made-up values for stand-ins', () => {
    for (const value of [
      'GOOGLE_API_KEY_VAL',
      'INSERT_ETCD_INITIAL_CLUSTER_TOKEN',
      'REPLACE_LICENSE_KEY_HERE',
      'YOUR-API-KEY',
      'your_stripe_secret_key',
      'yourpassword',
      'replace-with-a-long-random-string',
      '<password>',
      '[API_KEY]',
      '%DB_PASSWORD%',
      'xxxxxxxxxxxx',
      '****',
      '/run/secrets/db-password',
      './secrets/token.txt',
      'invalid',
      'wrong-password',
      'not-a-real-secret',
      'AKIAIOSFODNN7EXAMPLE',
      '8312341g-5678-abcd-4a2b2c-33bcsd655',
      '0000000000',
    ])
      expect(isPlaceholderValue(value), value).toBe(true);
  });

  it('keeps real-looking values and working defaults', () => {
    for (const value of [
      'hunter2',
      'Zq8r7TnK2pLm',
      'changeme',
      'postgres',
      '12345678',
      'mysecretpassword',
      'minio123',
      'whalehello',
      'c-krit',
      '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
      'sk_live_51HqLyjWDarjtT1zdp7dcXyz1',
      'PROD_DB_2024',
      '/AbC9xkd8Fj3+Qw==',
      'a'.repeat(5),
      `your-${'a'.repeat(5000)}`,
    ])
      expect(isPlaceholderValue(value), value).toBe(false);
  });

  it('reads a fill-in comment beside or above the value', () => {
    expect(saysFillIn(['- name: ACCESS_KEY        #REQUIRED - replace with your Sysdig Cloud access key'])).toBe(true);
    expect(saysFillIn(['  # change this', '  value: yourpassword'])).toBe(true);
    expect(saysFillIn(['# Put your license key in this variable'])).toBe(true);
    expect(saysFillIn(['  # rotated every 90 days', '  value: s3cr3t', 'url: http://x/#change-your-life'])).toBe(false);
  });
});

describe('sample areas', () => {
  it('names test, example, demo and docs files, and nothing else', async () => {
    const { sampleAreaOf } = await import('./sample-paths.js');
    expect(sampleAreaOf('test/backend-test/monitors/test-mysql.js')).toBe('test');
    expect(sampleAreaOf('src/__tests__/auth.ts')).toBe('test');
    expect(sampleAreaOf('pkg/db/db_test.go')).toBe('test');
    expect(sampleAreaOf('wasmedge-kafka-mysql/README.md')).toBe('docs');
    expect(sampleAreaOf('docs/setup.md')).toBe('docs');
    expect(sampleAreaOf('examples/compose.yaml')).toBe('example');
    expect(sampleAreaOf('demo/k8s/secret.yaml')).toBe('demo');
    for (const path of ['deploy/.env.production', 'src/config.ts', 'k8s/secret.yaml', 'contest/app.yaml', 'latest/x.yaml']) expect(sampleAreaOf(path), path).toBeUndefined();
  });
});
