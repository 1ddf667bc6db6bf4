import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretFactory, secretlintPlants, type Planted } from '../../src/testing/planted-secrets.js';
import { startServer, type RunningServer } from '../../src/testing/http-server.js';
import { filesUnder, harden, leaks, type Run } from './secrets-harness.js';

/**
 * The secret property test, scan side (issue 9, "Keep it fixed"): credentials of every detector's
 * kind planted in every kind of file harden reads, then every output format, verify, report and a
 * written baseline searched for any of them beyond its 4-character mask.
 */

const SEED = 9_2026;
const factory = new SecretFactory(SEED);
const planted: Planted[] = [];

/** A fresh random credential of `length` characters, remembered as hidden. */
function secret(detector: string, length = 20, make: (n: number) => string = (n) => factory.chars(n)): string {
  const value = make(length);
  planted.push({ detector, text: value, hidden: [value] });
  return value;
}

const files: Record<string, string> = {};
function plantLines(path: string, lines: string[]): void {
  files[path] = `${(files[path] ?? '').concat(lines.join('\n'))}\n`;
}

// Every rule of secretlint's recommended preset, in an env file, and in the file kind its rule reads.
for (const [rule, samples] of Object.entries(secretlintPlants(factory))) {
  for (const sample of samples) {
    planted.push(sample);
    if (sample.file) files[sample.file] = `${sample.text}\n`;
    else plantLines('.env.production', [`# ${rule}`, sample.text]);
  }
}

// Assignments and URL userinfo in env files, YAML, INI, TOML, properties.
plantLines('.env.production', [
  `DB_PASSWORD=${secret('assignment')}`,
  `SESSION_SECRET="${secret('assignment')}"`,
  `REDIS_URL=redis://:${secret('url-userinfo')}@redis:6379/0`,
  `AMQP_URL=amqp://app:${secret('url-userinfo')}@mq.internal:5672/`,
  `SENTRY_DSN=https://${factory.hex(32)}@o1.ingest.sentry.io/2`,
  `CALLBACK=https://partner.example.com/hook?api_key=${secret('query-token')}&team=ops`,
]);
plantLines('config/app.yaml', [
  'database:',
  `  password: ${secret('credential-in-config')}`,
  `  url: postgres://app:${secret('credential-in-config')}@db.internal/app`,
  'notifications:',
  `  webhook_url: https://hooks.example.com/services/${secret('credential-in-config', 32)}`,
  'cache:',
  `  settings_blob: ${secret('high-entropy-assignment', 40)}`,
  `  api_key: ${secret('credential-in-config')}`,
  `  authorization: "Bearer ${secret('bearer')}"`,
  'app:',
  `  secret_key: change-me-${secret('debug-flag-in-prod placeholder')}`,
]);
plantLines('config/app.ini', ['[smtp]', `password = ${secret('ini-assignment')}`, `token = "${secret('ini-assignment')}"`]);
plantLines('config/app.toml', ['[api]', `client_secret = "${secret('toml-assignment')}"`]);
plantLines('config/app.properties', [`spring.datasource.password=${secret('properties-assignment')}`, `jdbc.url=jdbc:mysql://db:3306/app?user=app&password=${secret('jdbc-query')}`]);
plantLines('config/redis.conf', [`requirepass ${secret('redis-directive')}`, `masterauth ${secret('redis-directive')}`]);
plantLines('config/settings.xml', [`<server><id>nexus</id><username>ci</username><password>${secret('xml-element')}</password></server>`]);

// Shell scripts: passwords on command lines, next to the tokens secretlint finds on the same line.
const gh = `ghp_${secret('github-beside', 36)}`;
plantLines('scripts/deploy.sh', [
  '#!/bin/sh',
  'set -e',
  `curl -u admin:${secret('password-on-command-line')} -H "Authorization: token ${gh}" https://api.github.com/user`,
  `./migrate --db-password=${secret('password-on-command-line', 50)} GH_TOKEN=${gh}`,
  `STRIPE_KEY=sk_live_${secret('stripe-beside', 24)} DATABASE_URL=postgres://app:${secret('url-userinfo')}@db/app`,
  `mysql -h db -uroot -p${secret('password-on-command-line')} app < dump.sql`,
  `PGPASSWORD=${secret('password-on-command-line')} psql -h db -U app`,
  `sshpass -p ${secret('password-on-command-line')} ssh deploy@host uptime`,
  `redis-cli -a ${secret('password-on-command-line')} ping`,
  `kubectl create secret generic db --from-literal=DB_PASSWORD=${secret('password-on-command-line')}`,
  `htpasswd -b -c /etc/nginx/.htpasswd admin ${secret('password-on-command-line')}`,
  `deploy-tool --token ${secret('password-on-command-line')} --region eu`,
  `curl -fsSL "https://get.example.com/install.sh?token=${secret('query-token')}" | sh`,
  `curl -H "Authorization: Bearer ${secret('bearer')}" https://api.example.com/v1/deploy`,
  `export DB_PASSWORD="\${DB_PASSWORD:-${secret('secret-fallback-default')}}"`,
  `# harden-ignore repo/secret-in-tree rotated, old value was token=${secret('ignore-reason')}`,
  `NPM_TOKEN=npm_${secret('ignored-token', 36)}`,
  'mkdir -p /etc/rancher/k3s',
  'cat > /etc/rancher/k3s/config.yaml <<EOF',
  `token: ${secret('k3s config token')}`,
  'write-kubeconfig-mode: "0644"',
  'EOF',
]);

// Kubernetes: literal env, arguments, a Secret, a ConfigMap.
plantLines('deploy/api.yaml', [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata: { name: api, namespace: prod }',
  'spec:',
  '  selector: { matchLabels: { app: api } }',
  '  template:',
  '    metadata: { labels: { app: api } }',
  '    spec:',
  '      containers:',
  '        - name: api',
  '          image: ghcr.io/acme/api:1.2.3',
  `          args: ["--db-password=${secret('k8s/secrets-in-args')}", "--token", "${secret('k8s/secrets-in-args')}"]`,
  '          env:',
  '            - name: DB_PASSWORD',
  `              value: ${secret('k8s/literal-secret-env')}`,
  '            - name: UPSTREAM_URL',
  `              value: https://svc:${secret('k8s/literal-secret-env')}@upstream.internal/?access_token=${secret('query-token')}`,
  '---',
  'apiVersion: v1',
  'kind: Secret',
  'metadata: { name: api-credentials, namespace: prod }',
  'stringData:',
  `  password: ${secret('k8s/plaintext-secret-manifest')}`,
  `  token: ${secret('k8s/plaintext-secret-manifest')}`,
  '---',
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata: { name: api-config, namespace: prod }',
  'data:',
  `  SMTP_PASSWORD: ${secret('configmap-credential')}`,
  `  REDIS_URL: redis://:${secret('configmap-credential')}@redis:6379/0`,
]);

// Compose: inline credentials, a password on the command, a URL with a password.
plantLines('docker-compose.yml', [
  'services:',
  '  db:',
  '    image: postgres:16.4',
  '    environment:',
  `      POSTGRES_PASSWORD: ${secret('compose/inline-credentials')}`,
  '  cache:',
  '    image: redis:7.4',
  `    command: ["redis-server", "--requirepass", "${secret('compose/inline-credentials')}"]`,
  '  app:',
  '    image: ghcr.io/acme/app:1.0.0',
  '    environment:',
  `      - DATABASE_URL=postgres://app:${secret('compose/inline-credentials')}@db/app`,
  `      - API_TOKEN=${secret('compose/inline-credentials')}`,
]);

// Dockerfile: ENV and ARG literals, a URL with credentials, a fetched script piped to a shell.
plantLines('Dockerfile', [
  'FROM node:20.11-alpine',
  `ARG NPM_AUTH_TOKEN=${secret('docker/secrets-in-env-arg')}`,
  `ENV API_SECRET=${secret('docker/secrets-in-env-arg')}`,
  `ADD https://builder:${secret('docker-add-url')}@artifacts.example.com/app.tgz?sig=${secret('query-token')} /app.tgz`,
  `RUN curl -u ci:${secret('docker-curl')} https://artifacts.example.com/setup.sh | sh`,
  'USER node',
]);

// A CI workflow: literal env, a bearer token, a docker login password.
plantLines('.github/workflows/deploy.yml', [
  'name: deploy',
  'on: push',
  'permissions: { contents: read }',
  'jobs:',
  '  deploy:',
  '    runs-on: ubuntu-latest',
  '    env:',
  `      API_TOKEN: ${secret('ci-literal-env')}`,
  '    steps:',
  '      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683',
  '      - run: |',
  `          curl -H "Authorization: Bearer ${secret('bearer')}" https://api.example.com/deploy`,
  `          echo "${secret('ci-run')}" | docker login -u ci --password-stdin && docker login -u ci -p ${secret('password-on-command-line')} ghcr.io`,
]);

// nginx: a Basic authorization forwarded upstream, a secret in a query string.
plantLines('nginx/site.conf', [
  'server {',
  '  listen 443 ssl;',
  `  location /api/ { proxy_set_header Authorization "Basic ${secret('nginx-basic', 24, (n) => factory.base64(n))}"; proxy_pass http://api:8080/?key=${secret('query-token')}; }`,
  '}',
]);

/**
 * A live site named with a password and a token (its URL shows up in results, locations and
 * SARIF) that serves its .env and .git/config to anyone.
 */
let site: RunningServer;
const SITE_PASSWORD = secret('plan-site-userinfo');
const SITE_TOKEN = secret('plan-site-query');
const SESSION = secret('http/cookies session value', 32);
const SERVED: Record<string, string> = {
  '/.env': `APP_ENV=production\nDB_PASSWORD=${secret('http/exposed-paths .env')}\nSTRIPE_SECRET_KEY=sk_live_${secret('http/exposed-paths .env', 24)}\n`,
  '/.git/config': `[core]\n\tbare = false\n[remote "origin"]\n\turl = https://ci:${secret('http/exposed-paths .git/config')}@git.example.com/acme/app.git\n`,
};

/** The repository, and beside it (never scanned) the reports. */
let dir: string;
let out: string;
beforeAll(async () => {
  site = await startServer((request, response) => {
    const served = SERVED[new URL(request.url ?? '/', 'http://x').pathname];
    if (served) return void response.writeHead(200, { 'content-type': 'text/plain' }).end(served);
    // A session cookie without Secure or HttpOnly: the cookie checks quote the Set-Cookie header.
    const home = request.url?.split('?')[0] === '/';
    response.writeHead(home ? 200 : 404, { 'content-type': 'text/html', 'set-cookie': `session=${SESSION}; Path=/` }).end('<!doctype html><title>stage</title>');
  });
  const root = mkdtempSync(join(tmpdir(), 'harden-secrets-scan-'));
  dir = join(root, 'repo');
  out = join(root, 'out');
  mkdirSync(out, { recursive: true });
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  writeFileSync(
    join(dir, 'harden.yaml'),
    [
      'version: 1',
      'targets:',
      '  root: .',
      `  sites: [{ name: stage, url: "http://stage:${SITE_PASSWORD}@127.0.0.1:${site.port}/?token=${SITE_TOKEN}" }]`,
      'items:',
      '  - { id: SEC-1, title: No credentials in the tree, severity: critical, status: done, checks: [{ check: repo/secret-in-tree }] }',
      '  - { id: SEC-2, title: Scripts pass no passwords, severity: high, status: done, checks: [{ check: repo/password-on-command-line }] }',
      '  - { id: SEC-3, title: No literal secrets in pods, severity: high, status: open, checks: [{ check: k8s/literal-secret-env }] }',
      '',
    ].join('\n'),
  );
});
afterAll(async () => {
  await site.close();
  rmSync(dirname(dir), { recursive: true, force: true });
});

describe('no planted secret leaks from a scan, whatever the output (issue 9, defect 1)', () => {
  it('terminal, json, sarif, junit, markdown, verify, report and a written baseline show each secret masked', async () => {
    const runs: Record<string, Run> = {};
    // Each run also prints the terminal report, so every run's stdout is searched as well.
    const commands: [string, string[]][] = [
      ['terminal', ['scan', '--show-suppressed', '--write-baseline', join(out, 'baseline.json'), '--timeout', '5000']],
      ...(['json', 'sarif', 'junit', 'markdown'] as const).map((format): [string, string[]] => [format, ['scan', '-f', format, '-o', join(out, `report.${format}`), '--timeout', '5000']]),
      ['verify', ['verify', '--show-suppressed', '-f', 'json', '-o', join(out, 'verify.json'), '--timeout', '5000']],
      ['report', ['report', '-o', join(out, 'SECURITY.md'), '--timeout', '5000']],
    ];
    // A few at a time: the machine is shared, and each run is a whole scan.
    for (let i = 0; i < commands.length; i += 4)
      await Promise.all(commands.slice(i, i + 4).map(async ([name, args]) => (runs[name] = await harden(args, dir))));

    for (const [name, run] of Object.entries(runs)) expect(run.code, `${name}: ${run.stderr}`).not.toBe(2);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { results: { checkId: string; status: string; message: string }[] };
    // Every planted file parses and every check runs (the site is gradable): nothing hides behind an error.
    expect(report.results.filter((result) => result.status === 'error').map((result) => result.message)).toEqual([]);
    const failing = new Set(report.results.filter((result) => result.status === 'fail').map((result) => result.checkId));
    // The plants are found (the test is not vacuous): each detector family reports.
    for (const check of [
      'repo/secret-in-tree',
      'repo/password-on-command-line',
      'repo/credential-in-config',
      'repo/high-entropy-assignment',
      'k8s/literal-secret-env',
      'k8s/secrets-in-args',
      'k8s/plaintext-secret-manifest',
      'compose/inline-credentials',
      'docker/secrets-in-env-arg',
      'http/exposed-paths',
      'http/cookies',
      'repo/secret-fallback-default',
      'repo/debug-flag-in-prod',
      'repo/kubeconfig-world-readable',
    ])
      expect(failing, check).toContain(check);

    const outputs: Record<string, string> = {};
    for (const [name, run] of Object.entries(runs)) {
      outputs[`${name} stdout`] = run.stdout;
      outputs[`${name} stderr`] = run.stderr;
    }
    for (const [path, text] of Object.entries(filesUnder(out))) outputs[path] = text;
    expect(Object.keys(outputs)).toEqual(expect.arrayContaining(['report.json', 'report.sarif', 'report.junit', 'report.markdown', 'baseline.json', 'verify.json', 'SECURITY.md']));
    expect(leaks(outputs, planted)).toEqual([]);
  }, 120_000);
});
