import { creator as recommendedPreset } from '@secretlint/secretlint-rule-preset-recommend';
import { describe, expect, it } from 'vitest';
import { SecretFactory, secretlintPlants } from '../../testing/planted-secrets.js';
import { redactSecrets } from './redact.js';
import { scanSecrets } from './secretlint.js';

/** No 8-character window of a hidden part may survive: the mask shows 4 characters at most. */
function leaks(text: string, hidden: readonly string[]): string[] {
  const found: string[] = [];
  for (const part of hidden) for (let i = 0; i + 8 <= part.length; i++) if (text.includes(part.slice(i, i + 8))) found.push(part.slice(i, i + 8));
  return found;
}

const factory = new SecretFactory(20261130);
const plants = secretlintPlants(factory);

describe('redactSecrets', () => {
  it('has a planted sample for every rule of the installed secretlint preset', () => {
    const ids = recommendedPreset.rules.map((rule) => rule.meta.id.replace('@secretlint/secretlint-rule-', ''));
    expect(Object.keys(plants).sort()).toEqual([...ids].sort());
  });

  it.each(Object.entries(plants).filter(([, samples]) => samples.length > 0))('masks what secretlint\'s %s rule finds', async (_rule, samples) => {
    for (const sample of samples) {
      expect(await scanSecrets(`${sample.text}\n`, sample.file ?? 'x.env'), sample.text).not.toEqual([]);
      expect(leaks(redactSecrets(sample.text), sample.hidden), sample.text).toEqual([]);
    }
  });

  it.each([
    ['curl -u admin:Hunter2SuperSecretPw -H "Authorization: token gho_aaaabbbbccccddddeeeeffff000011112222"', 'curl -u admin:Hunt… -H "Authorization: token gho_…"'],
    ['./migrate --db-password=Zq8vT3kLm9wX2pR --dry-run', './migrate --db-password=Zq8v… --dry-run'],
    ['deploy --token 3f9a8b7c6d5e4f3a --region eu', 'deploy --token 3f9a… --region eu'],
    ['STRIPE_KEY=sk_live_4eC39HqLyjWDarjtT1zdp7dc other', 'STRIPE_KEY=sk_l… other'],
    ['"token": "abc123def456", "name": "x"', '"token": "abc1…", "name": "x"'],
    ["'password' => 'hunter2hunter2',", "'password' => 'hunt…',"],
    ['DB_PASSWORD: correct horse battery staple # rotated', 'DB_PASSWORD: corr… # rotated'],
    ['api_key: AbCdEf123456', 'api_key: AbCd…'],
    ['<password>Tr0ub4dor&3x</password>', '<password>Tr0u…</password>'],
    ['postgres://app:npg_wNnMX0uwCBSr@db/app?sslmode=require', 'postgres://app:npg_…@db/app?sslmode=require'],
    ['GET https://api.example.com/v1/items?api_key=K3y0123456789&page=2#access_token=T0k3n99887766', 'GET https://api.example.com/v1/items?api_key=K3y0…&page=2#access_token=T0k3…'],
    ['/login?token=abcdef0123456789', '/login?token=abcd…'],
    ['https://ghp_aaaabbbbccccddddeeeeffff000011112222@github.com/acme/app.git', 'https://ghp_…@github.com/acme/app.git'],
    ['proxy_set_header Authorization "Basic dXNlcjpwYXNzd29yZA==";', 'proxy_set_header Authorization "Basic dXNl…";'],
    ['Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U', 'Authorization: Bearer eyJh…'],
    ['mysql -h db -uroot -pS3cret123 app', 'mysql -h db -uroot -pS3cr… app'],
    ['redis-cli -a hunter22 ping', 'redis-cli -a hunt… ping'],
    ['requirepass foobared123', 'requirepass foob…'],
    ['kubectl create secret generic db --from-literal=DB_PASSWORD=hunter2hunter2', 'kubectl create secret generic db --from-literal=DB_PASSWORD=hunt…'],
    ['-----BEGIN OPENSSH PRIVATE KEY-----\\nb3BlbnNzaC1rZXktdjEAAAA\\n-----END OPENSSH PRIVATE KEY-----', '-----BEGIN OPENSSH PRIVATE KEY-----…'],
  ])('masks %j', (text, masked) => {
    expect(redactSecrets(text)).toBe(masked);
  });

  it.each([
    'password: ${DB_PASSWORD}',
    'POSTGRES_PASSWORD=$POSTGRES_PASSWORD',
    'password: ""',
    'token: {{ .Values.token }}',
    'secretHeaders: { Authorization: env:API_TOKEN }',
    'container "worker" does not set allowPrivilegeEscalation: false',
    'Deployment/app does not set automountServiceAccountToken: false and runs as ServiceAccount "default"',
    'Access-Control-Allow-Credentials: true',
    'config/secrets.yaml: spring.datasource.password holds a literal credential (abcd…)',
    'PGPASSWORD is set to a literal password (abcd…) for psql',
    'PGPASSWORD=abcd… for psql',
    'docker run -u 1000:1000 nginx',
    'the --password-file /run/secrets/db flag',
    'private key committed (-----BEGIN RSA PRIVATE KEY-----)',
    'Bearer tokens are sent in the Authorization header',
    'service "db" sets POSTGRES_PASSWORD to the well-known default "post…"',
    'cd $PWD && ls',
    'secrets: [db_password]',
    'https://shop.example.com/search?q=shoes&page=2',
  ])('leaves %j alone', (text) => {
    expect(redactSecrets(text)).toBe(text);
  });

  it('is idempotent', () => {
    for (const samples of Object.values(plants))
      for (const sample of samples) {
        const once = redactSecrets(sample.text);
        expect(redactSecrets(once)).toBe(once);
      }
  });

  it('stays linear on hostile text: each of these 1 MB lines is masked in well under a second', () => {
    const line = (unit: string) => unit.repeat(Math.ceil(1_000_000 / unit.length));
    for (const unit of ['eyJ-', 'redis-cli ', 'mysql ', '-----BEGIN PRIVATE KEY-----', 'a.', ';', 'password: a ', 'key=', 'xoxb-', 'http://a@', ' --a-a-a']) {
      const started = performance.now();
      const text = line(unit);
      const masked = redactSecrets(text);
      expect(performance.now() - started, unit).toBeLessThan(1000);
      // Text that nothing could match goes through untouched; the rest is cut first.
      if (masked !== text) expect(masked.length, unit).toBeLessThan(2 * 64 * 1024);
    }
  });

  it('cuts text longer than 64 KiB, and the word the cut falls in, before masking', () => {
    const token = `ghp_${'Ab3'.repeat(12)}`;
    const text = `${'x '.repeat(32 * 1024 - 10)}${token} tail`;
    expect(redactSecrets(text)).toBe(`${'x '.repeat(32 * 1024 - 10)}…`);
  });
});
