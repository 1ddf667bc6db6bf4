import { describe, expect, it } from 'vitest';
import { literalSecretEnv } from '../../checks/k8s/literal-secret-env.js';
import { secretsInArgs } from '../../checks/k8s/secrets-in-args.js';
import { runCheckOn } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { credentialIn, isLiteralSecretValue, secretFlagsIn } from './literal-secrets.js';

describe('literal secrets', () => {
  it('recognises credentials by shape and masks them', () => {
    expect(credentialIn('postgres://app:s3cr3t-Pa55@db:5432/app')).toEqual({ kind: 'a password in a URL', masked: 'postgres://app:s3cr…@db:5432/app' });
    expect(credentialIn('key AKIA4FAKEFAKEFAKE123 here')).toEqual({ kind: 'an AWS access key id', masked: 'AKIA…' });
    expect(credentialIn('-----BEGIN RSA PRIVATE KEY-----\nMIIE...')?.masked).toBe('-----BEGIN … PRIVATE KEY-----');
    expect(credentialIn('postgres://app:$(DB_PASSWORD)@db/app')).toBeUndefined();
    expect(credentialIn('https://example.com/path?user=a:b@c')).toBeUndefined();
  });

  it('tells literals from references and placeholders', () => {
    for (const value of ['hunter2', 'changeme', 'abc123']) expect(isLiteralSecretValue(value)).toBe(true);
    for (const value of ['', '  ', '$(PASSWORD)', '${PASSWORD}', '$PASSWORD', '{{ .Values.pw }}', '<password>', 'DB_PASSWORD_PLACEHOLDER', 'REPLACE_ME', 'true', '/run/secrets/pw'])
      expect(isLiteralSecretValue(value)).toBe(false);
  });

  it('finds secret flags in exec-form lists and shell strings, masked', () => {
    expect(secretFlagsIn(['--password', 'hunter2', '--user', 'app'])).toEqual([{ index: 1, flag: { flag: '--password', masked: 'hunt…' } }]);
    expect(secretFlagsIn(['sh', '-c', "tool --auth-token='abcdef' --token-file /t --no-password x"])).toEqual([{ index: 2, flag: { flag: '--auth-token', masked: 'abcd…' } }]);
    expect(secretFlagsIn(['mysql', '-uroot', '-pS3cret'])).toEqual([{ index: 2, flag: { flag: '-p', masked: 'S3cr…' } }]);
    expect(secretFlagsIn(['psql', '-p', '5432'])).toEqual([]);
  });

  it('never prints the secret in a message or evidence', async () => {
    const input = yaml`
      apiVersion: v1
      kind: Pod
      metadata: { name: leak }
      spec:
        containers:
          - name: app
            args: ["--password=Sup3rS3cretValue", "postgres://u:An0therS3cret@db/x"]
            env:
              - { name: API_TOKEN, value: Th1rdS3cretToken }
              - { name: URL, value: "redis://:F0urthS3cret@redis:6379" }`;
    const results = [...(await runCheckOn(literalSecretEnv, input)), ...(await runCheckOn(secretsInArgs, input))].filter((r) => r.status === 'fail');
    expect(results).toHaveLength(4);
    for (const result of results) expect(`${result.message} ${result.evidence ?? ''}`).not.toMatch(/S3cret|Sup3r/);
  });
});
