import { describe, expect, it } from 'vitest';
import { checkCases, runCheckOn } from '../../testing/check-cases.js';
import { secretInTree } from './secret-in-tree.js';

// Fake secrets, assembled at run time so this file itself does not trip secret scanners.
const AWS_ID = 'AKIA' + 'QX7ZL3M9TR2VB5ND';
const AWS_SECRET = 'k9Jd2Lq8Zp4Xw7Rt' + '1Mv6Nb3Hc5Gf0Ys8Ua2Eo4Ti';
const SLACK_HOOK = 'https://hooks.slack.com/services/' + 'T0FAKE9B0D/B0FAKEWWAVU/ChdmBiIU9zLenGmkbdkj0ZXn';
const GITHUB_TOKEN = 'ghp_' + 'Zx8Qw2Lm4Np6Rt8Vb0Cd2Ef4Gh6Jk8Lm0Np2';
const KEY_BODY = 'MIIEowIBAAKCAQEAxQ8Zp7Lr2mV9' + 'bN4tK1wY6cH3fG0aE5uW8iO2qJd2Lq8Zp4Xw7Rt1Mv6Nb3Hc5Gf0Ys8Ua2Eo4Ti';
const PRIVATE_KEY = ['-----BEGIN RSA ' + 'PRIVATE KEY-----', KEY_BODY, KEY_BODY, '-----END RSA ' + 'PRIVATE KEY-----'];

checkCases(secretInTree, {
  pass: [
    {
      name: 'an env example with empty values and interpolated passwords',
      input: {
        '.env.example': [
          'POSTGRES_PASSWORD=',
          'AWS_ACCESS_KEY_ID=',
          'DATABASE_URL=postgres://app:${POSTGRES_PASSWORD}@db:5432/app',
          'REDIS_URL=redis://:$REDIS_PASSWORD@redis:6379/0',
          '',
        ].join('\n'),
      },
    },
    {
      name: 'placeholders in an example Secret and a doc that names truncated fake keys',
      input: {
        'deploy/secrets.yaml.example': 'stringData:\n  SECRET_KEY: "<openssl rand -hex 32>"\n  REDIS_PASSWORD: "<openssl rand -base64 24>"\n',
        'EXPECTED.md': 'The values say so where the format allows (`AKIA4FAKE…`, `T0FAKE…`): the key id is cut short.\n',
        'docs/redis.md': 'Connect with `redis-cli -u redis://:password@redis:6379` after replacing password.\n',
      },
    },
    {
      name: 'a script that builds a URL from a variable, and public ssh host keys',
      input: {
        'scripts/deploy.sh': 'REDIS_URL="redis://:${REDIS_PASSWORD}@$(cfg .redis.host):6379/0"\n',
        'config/known_hosts':
          '203.0.113.11 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKRndCudJisxG+fN1PacWtpigo57cLu8C1PS0UpRIrQF\n',
      },
    },
    {
      name: 'a well-known default password of a throwaway local service (CI service container)',
      input: { '.github/workflows/ci.yml': 'env:\n  DATABASE_URL: postgres://postgres:postgres@localhost:5432/app_test?sslmode=disable\n' },
    },
    {
      name: 'stand-ins: a wrong password in a test, a template token, the documented AWS example key, a Stripe publishable key and price id',
      input: {
        'test/backend-test/monitors/test-mysql.js': 'const monitor = { databaseConnectionString: "mysql://invalid:invalid@localhost:13306" };\n',
        'deploy/app.env': 'DATABASE_URL=postgres://app:<password>@db:5432/app\nREDIS_URL=redis://:YOUR_REDIS_PASSWORD@redis:6379\n',
        'docs/aws.md': 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n',
        'web/.env.production': `STRIPE_PUBLISHABLE_KEY=pk_live_${'51HqLyjWDarjtT1zdp7dcXyz12'}\nSTRIPE_PRICE_ID=price_1NqLyjWDarjtT1zdp7dcXyz1\n`,
      },
    },
    { name: 'empty and binary files', input: { 'empty.txt': '', 'logo.png': '\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR' } },
  ],
  fail: [
    {
      name: 'a production env file: AWS key pair, database URL, Slack webhook',
      input: {
        '.env.production': [
          'APP_ENV=production',
          `DATABASE_URL=postgres://honeydue_app:npg_wNnMX0uwCBSr@ep-fake.us-east-2.aws.neon.tech/honeydue?sslmode=require`,
          `AWS_ACCESS_KEY_ID=${AWS_ID}`,
          `AWS_SECRET_ACCESS_KEY=${AWS_SECRET}`,
          `SLACK_WEBHOOK_URL=${SLACK_HOOK}`,
          '',
        ].join('\n'),
      },
      failures: [
        { messageId: 'urlPassword', line: 2, column: 38 },
        { messageId: 'token', line: 3, column: 19 },
        { messageId: 'token', line: 4, column: 23 },
        { messageId: 'token', line: 5, column: 19 },
      ],
    },
    {
      name: 'a private key in a YAML block scalar',
      input: { 'config/tls.yaml': ['tls:', '  key: |', ...PRIVATE_KEY.map((line) => `    ${line}`), ''].join('\n') },
      failures: [{ messageId: 'privateKey', line: 3, column: 5 }],
    },
    {
      name: 'a redis password in a ConfigMap and in a runbook, a default password of a non-local service; a token next to a key id on one line',
      input: {
        'deploy/configmap.yaml': 'data:\n  REDIS_URL: redis://:s3cr3t-redis-pass@redis:6379/0\n  UNLEASH_DB: postgres://postgres:postgres@postgres:5432/unleash\n',
        'docs/runbooks/redis.md': '# Redis\n\n    REDIS_URL=redis://:s3cr3t-redis-pass@redis:6379/0\n',
        'scripts/ci.sh': `export GH_TOKEN=${GITHUB_TOKEN} AWS_ACCESS_KEY_ID=${AWS_ID}\n`,
      },
      failures: [
        { messageId: 'urlPassword', line: 2, column: 23 },
        { messageId: 'urlPassword', line: 3, column: 35 },
        { messageId: 'inSample', line: 3, column: 24 },
        { messageId: 'token', line: 1, column: 17 },
        { messageId: 'token', line: 1, column: 76 },
      ],
    },
    {
      name: 'Stripe live secret and restricted keys, whatever the variable is called',
      input: { 'deploy/.env.production': `PAYMENTS=sk_live_${'51HqLyjWDarjtT1zdp7dcXyz12'}\nSTRIPE_RESTRICTED=rk_live_${'51HqLyjWDarjtT1zdp7dcXyz12'}\n` },
      failures: [
        { messageId: 'token', line: 1, column: 10 },
        { messageId: 'token', line: 2, column: 19 },
      ],
    },
    {
      name: 'a demo password in a README and in a test: reported at medium, saying where',
      input: {
        'wasmedge-kafka-mysql/README.md': 'DATABASE_URL=mysql://root:whalehello@localhost:3306/mysql\n',
        'src/db.test.ts': `const token = "${GITHUB_TOKEN}";\n`,
      },
      failures: [
        { messageId: 'inSample', line: 1 },
        { messageId: 'inSample', line: 1 },
      ],
    },
  ],
});

describe('repo/secret-in-tree masking', () => {
  it('never shows more than 4 characters of a secret, in the message or the evidence', async () => {
    const secrets = [AWS_ID, AWS_SECRET, GITHUB_TOKEN, 'npg_wNnMX0uwCBSr', KEY_BODY];
    const results = await runCheckOn(secretInTree, {
      '.env': `GH_TOKEN=${GITHUB_TOKEN} AWS_ACCESS_KEY_ID=${AWS_ID}\nAWS_SECRET_ACCESS_KEY=${AWS_SECRET}\nDATABASE_URL=postgres://app:npg_wNnMX0uwCBSr@db/app\n`,
      'key.pem': `${PRIVATE_KEY.join('\n')}\n`,
    });
    const failures = results.filter((result) => result.status === 'fail');
    expect(failures).toHaveLength(5);
    for (const failure of failures) {
      for (const secret of secrets) {
        expect(failure.message).not.toContain(secret.slice(0, 8));
        expect(failure.evidence ?? '').not.toContain(secret.slice(0, 8));
      }
    }
    expect(failures.map((failure) => failure.evidence)).toEqual([
      'GH_TOKEN=ghp_…',
      'AWS_ACCESS_KEY_ID=AKIA…',
      'AWS_SECRET_ACCESS_KEY=k9Jd…',
      'DATABASE_URL=postgres://app:npg_…',
      '-----BEGIN RSA PRIVATE KEY-----',
    ]);
  });

  it('masks every credential before the one it reports, and before it cuts the line (issue 9, defect 1)', async () => {
    const password = 'Hunter2' + 'SuperSecretPw';
    const dbPassword = 'Zq8vT3kLm9wX2pR7' + 'bN4tK1wY6cH3fG0aE5uW8iO2qJd2Lq8Zp4Xw7Rt1Mv6Nb3';
    const stripe = 'sk_live_' + '4eC39HqLyjWDarjtT1zdp7dc';
    const results = await runCheckOn(secretInTree, {
      'scripts/release.sh': [
        `curl -u admin:${password} -H "Authorization: token ${GITHUB_TOKEN}" https://api.github.com/user`,
        `./migrate --db-password=${dbPassword} GH_TOKEN=${GITHUB_TOKEN}`,
        `STRIPE_KEY=${stripe} DATABASE_URL=postgres://app:npg_wNnMX0uwCBSr@db/app`,
        '',
      ].join('\n'),
    });
    const failures = results.filter((result) => result.status === 'fail');
    expect(failures.map((failure) => failure.evidence)).toEqual([
      'curl -u admin:Hunt… -H "Authorization: token ghp_…',
      './migrate --db-password=Zq8v… GH_TOKEN=ghp_…',
      'STRIPE_KEY=sk_l…',
      'DATABASE_URL=postgres://app:npg_…',
    ]);
    for (const failure of failures)
      for (const secret of [password, dbPassword, stripe.slice(8)])
        for (let i = 0; i + 8 <= secret.length; i++) expect(`${failure.message} ${failure.evidence}`).not.toContain(secret.slice(i, i + 8));
  });
});
