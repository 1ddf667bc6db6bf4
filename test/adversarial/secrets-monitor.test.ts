import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/testing/http-server.js';
import { eventually } from '../../src/testing/monitor-targets.js';
import { SecretFactory, type Planted } from '../../src/testing/planted-secrets.js';
import { freePort } from '../../src/testing/services.js';
import { BIN, harden, leaks } from './secrets-harness.js';

/**
 * The secret property test, monitor side (issue 9, defect 8 and "Keep it fixed"): credentials in
 * monitor URLs (userinfo, query parameters), literal and secret headers, and every kind of alert
 * channel setting; a target and a failing receiver that echo all they are sent. Every output is
 * searched: daemon log lines, Prometheus metrics, alert bodies received, monitor status and
 * history (text and JSON), and the SQLite file itself.
 */

const factory = new SecretFactory(82_026);
const planted: Planted[] = [];
function secret(detector: string, length = 20): string {
  const value = factory.chars(length);
  planted.push({ detector, text: value, hidden: [value] });
  return value;
}

const S = {
  queryKey: secret('monitor ?api_key='),
  querySig: secret('monitor &sig='),
  userinfo: secret('monitor user:password@'),
  basicOf: '',
  userQuery: secret('monitor ?token='),
  apiKeyHeader: secret('monitor literal X-Api-Key header'),
  vaultHeader: secret('monitor secretHeaders env:'),
  refusedToken: secret('monitor ?access_token= (refused)'),
  hookPassword: secret('webhook user:password@'),
  hookQuery: secret('webhook ?token='),
  hookHeader: secret('webhook literal header'),
  hookSecret: secret('webhook signing secret (env:)'),
  badPassword: secret('failing webhook user:password@'),
  badQuery: secret('failing webhook ?key='),
  badHeader: secret('failing webhook literal header'),
  ntfyQuery: secret('ntfy ?auth='),
  ntfyToken: secret('ntfy token (env:)'),
  slackPath: secret('slack webhook path (env:)', 24),
  discordToken: secret('discord webhook token (env:)', 24),
  pdKey: secret('pagerduty routing key (env:)', 32),
  pdQuery: secret('pagerduty url ?signature='),
  smtpPassword: secret('email smtp:// password (env:)'),
};
S.basicOf = Buffer.from(`probe:${S.userinfo}`).toString('base64');
planted.push({ detector: 'monitor Basic authorization from user:password@', text: S.basicOf, hidden: [S.basicOf] });

let target: RunningServer;
let good: RunningServer;
let bad: RunningServer;
const bodies: string[] = [];
let dir: string;

/** What a request carried, as a hostile or buggy server would echo it. */
function echo(request: IncomingMessage, body = ''): string {
  return `${request.method} ${request.url} ${JSON.stringify(request.headers)} ${body}`;
}

function collect(request: IncomingMessage): Promise<string> {
  return new Promise((done) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
  });
}

beforeAll(async () => {
  target = await startServer((request, response) => {
    // Up by status, down by its body: the reason quotes what the target sent back, which is what it was sent.
    response.writeHead(200, { 'content-type': 'application/json', 'x-echo': echo(request) }).end(JSON.stringify({ status: `denied ${echo(request)}` }));
  });
  good = await startServer(async (request, response) => {
    bodies.push(await collect(request));
    response.writeHead(202).end('{"status":"success"}');
  });
  bad = await startServer(async (request, response) => {
    const body = await collect(request);
    response.writeHead(401).end(`rejected ${echo(request, body)}`);
  });
  dir = mkdtempSync(join(tmpdir(), 'harden-secrets-monitor-'));
});
afterAll(async () => {
  await Promise.all([target.close(), good.close(), bad.close()]);
  rmSync(dir, { recursive: true, force: true });
});

function plan(closedPort: number, extra = ''): string {
  const host = '127.0.0.1';
  return `monitors:
  - name: api-query
    http: "http://${host}:${target.port}/health?api_key=${S.queryKey}&page=1&sig=${S.querySig}"
    every: 1s
    confirm: 1
    expect: ["body.status == 'ok'"]
    alert: [hook, failing-hook, push, chat, pager, talk, mail]
  - name: api-userinfo
    http:
      url: "http://probe:${S.userinfo}@${host}:${target.port}/private?token=${S.userQuery}"
      headers: { X-Api-Key: "${S.apiKeyHeader}", Accept: application/json }
      secretHeaders: { X-Vault-Token: env:VAULT_TOKEN }
    every: 1s
    confirm: 1
    expect: ["header.x-echo contains 'nothing-like-this'"]
    alert: [hook, failing-hook]
  - name: api-refused
    http: "http://${host}:${closedPort}/?access_token=${S.refusedToken}"
    every: 1s
    confirm: 1
    alert: [hook]
alerts:
  hook: { webhook: { url: "http://alerts:${S.hookPassword}@${host}:${good.port}/hook?token=${S.hookQuery}", secret: env:HOOK_SECRET, headers: { X-Relay-Key: "${S.hookHeader}" } } }
  failing-hook: { webhook: { url: "http://alerts:${S.badPassword}@${host}:${bad.port}/hook?key=${S.badQuery}", headers: { X-Relay-Key: "${S.badHeader}" } } }
  push: { ntfy: { url: "http://${host}:${good.port}/ops?auth=${S.ntfyQuery}", token: env:NTFY_TOKEN } }
  chat: { slack: { webhook: env:SLACK_URL } }
  talk: { discord: { webhook: env:DISCORD_URL } }
  pager: { pagerduty: { routingKey: env:PD_KEY, url: "http://${host}:${bad.port}/v2/enqueue?signature=${S.pdQuery}" } }
  mail: { email: { to: ops@example.com, smtp: env:SMTP_URL } }
monitoring:
  database: harden.db
${extra}`;
}

describe('no planted secret leaks from the monitor, whatever the output (issue 9, defect 8)', () => {
  it('daemon logs, metrics, alert bodies, status, history and the database show each secret masked', async () => {
    const [metricsPort, closedPort, smtpPort] = await Promise.all([freePort(), freePort(), freePort()]);
    writeFileSync(join(dir, 'harden.yaml'), plan(closedPort));
    const env = {
      ...process.env,
      NO_COLOR: '1',
      HARDEN_NOW: '',
      HARDEN_DATABASE_URL: '',
      VAULT_TOKEN: S.vaultHeader,
      HOOK_SECRET: S.hookSecret,
      NTFY_TOKEN: S.ntfyToken,
      SLACK_URL: `http://127.0.0.1:${good.port}/services/T0AAAA/B0BBBB/${S.slackPath}`,
      DISCORD_URL: `http://127.0.0.1:${bad.port}/api/webhooks/1234/${S.discordToken}`,
      PD_KEY: S.pdKey,
      SMTP_URL: `smtp://ops:${S.smtpPassword}@127.0.0.1:${smtpPort}`,
    };
    const child = spawn(process.execPath, ['--max-old-space-size=256', BIN, 'monitor', '--metrics', `127.0.0.1:${metricsPort}`, '--no-watch'], { cwd: dir, env });
    let logs = '';
    child.stdout.on('data', (chunk: Buffer) => (logs += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (logs += chunk.toString()));
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    let metrics = '';
    try {
      await eventually(() => logs.includes('"msg":"monitor started"'), 10_000, 'the daemon to start');
      // Every monitor opens an incident; each channel is tried, the failing ones store their error.
      await eventually(() => (logs.match(/"msg":"incident opened"/g) ?? []).length >= 3, 10_000, 'three incidents');
      const webhookOf = (monitor: string) => bodies.some((body) => body.startsWith('{"version":1') && body.includes(`"monitor":"${monitor}"`));
      await eventually(() => ['api-query', 'api-userinfo', 'api-refused'].every(webhookOf), 15_000, 'a webhook alert for each monitor');
      await eventually(() => (logs.match(/"msg":"alert delivery failed"/g) ?? []).length >= 4, 15_000, 'failed deliveries');
      metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      // A reload that fails quotes the plan: its problems are logged masked too.
      writeFileSync(join(dir, 'harden.yaml'), plan(closedPort, `  retention: { raw: "https://x.example/?token=${S.queryKey}" }\n`));
      child.kill('SIGHUP');
      await eventually(() => logs.includes('"msg":"plan reload failed; still running the previous plan"'), 5000, 'the failed reload');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    writeFileSync(join(dir, 'harden.yaml'), plan(closedPort));

    const outputs: Record<string, string> = { 'daemon log': logs, metrics, 'alert bodies': bodies.join('\n') };
    const readers = [
      ['status', ['monitor', 'status']],
      ['status json', ['monitor', 'status', '-f', 'json']],
      ['history api-query', ['monitor', 'history', 'api-query']],
      ['history api-userinfo json', ['monitor', 'history', 'api-userinfo', '--format', 'json']],
      ['history api-refused', ['monitor', 'history', 'api-refused']],
    ] as const;
    // They only read the database: all at once.
    const runs = await Promise.all(readers.map(([, args]) => harden([...args], dir, env)));
    readers.forEach(([name], i) => {
      expect(runs[i]!.code, `${name}: ${runs[i]!.stderr}`).toBe(0);
      outputs[name] = runs[i]!.stdout + runs[i]!.stderr;
    });
    for (const file of ['harden.db', 'harden.db-wal']) if (existsSync(join(dir, file))) outputs[file] = readFileSync(join(dir, file)).toString('latin1');

    // Not vacuous: the outputs hold the places the secrets would be in.
    expect(outputs['status']).toMatch(/Alerts not delivered\n {2}failing-hook: .*last error.*: HTTP 401 from 127\.0\.0\.1:\d+: rejected POST \/hook\?key=/);
    expect(outputs['history api-query']).toContain("body.status == 'ok': got 'denied GET /health?api_key=");
    expect(metrics).toContain('target="http://127.0.0.1:');
    expect(outputs['alert bodies']).toContain('"target":"http://***@127.0.0.1:');
    expect(leaks(outputs, planted)).toEqual([]);

    // A database written before masking holds raw text: status and history still show it masked.
    const db = new Database(join(dir, 'harden.db'));
    db.prepare('UPDATE incidents SET reason = ?').run(`status == 200: got 'https://old.example/?api_key=${S.queryKey}' for Bearer ${S.hookSecret}`);
    db.prepare('UPDATE samples SET reason = ? WHERE reason IS NOT NULL').run(`got 'password=${S.userinfo}'`);
    db.close();
    const old: Record<string, string> = {};
    const oldReaders = [['monitor', 'status', '-f', 'json'], ['monitor', 'status'], ['monitor', 'history', 'api-query', '--format', 'json']];
    (await Promise.all(oldReaders.map((args) => harden(args, dir, env)))).forEach((run, i) => (old[oldReaders[i]!.join(' ')] = run.stdout));
    expect(old['monitor history api-query --format json']).toContain('api_key=');
    expect(leaks(old, planted.filter((plant) => [S.queryKey, S.hookSecret, S.userinfo].includes(plant.text)))).toEqual([]);
  }, 90_000);
});
