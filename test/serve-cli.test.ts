import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { selfSignedCertificate } from '../src/testing/local-ca.js';
import { eventually, startSwitchableTarget, type SwitchableTarget } from '../src/testing/monitor-targets.js';
import { runHardenSync } from './run-cli.js';

const BIN = resolve('bin/harden.js');
const ENV = { ...process.env, NO_COLOR: '1', HARDEN_NOW: '', HARDEN_DATABASE_URL: '' };

let dir: string;
let target: SwitchableTarget;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'harden-serve-cli-'));
  target = await startSwitchableTarget();
});

afterEach(async () => {
  await target.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('harden serve (built CLI)', () => {
  it('serves the status page, a badge and the API with the monitor inside, metrics on their own listener, and stops on SIGTERM with exit 0', async () => {
    writeFileSync(
      join(dir, 'harden.yaml'),
      `project: Acme\nmonitors:\n  - name: api\n    http: ${target.origin}/health\n    every: 1s\nstatusPages:\n  - { slug: public, title: Acme public, monitors: [api] }\nmonitoring:\n  metrics: false\n` +
        `serve:\n  oidc: { issuer: 'https://id.example.test', clientId: harden, clientSecret: 'env:HARDEN_TEST_OIDC_SECRET', name: Acme ID, roles: { viewer: ['*'] } }\n`,
    );
    const child = spawn(process.execPath, [BIN, 'serve', '--listen', '127.0.0.1:0', '--metrics', '127.0.0.1:0', '--debug', '--public-url', 'https://status.acme.test'], { cwd: dir, env: { ...ENV, HARDEN_TEST_OIDC_SECRET: 'not-a-real-secret-0123456789' } });
    const logs: Record<string, unknown>[] = [];
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    try {
      await eventually(() => logs.some((l) => l.msg === 'status pages served') || child.exitCode !== null, 15_000, 'the server');
      const served = logs.find((l) => l.msg === 'status pages served');
      expect(served, stderr).toBeDefined();
      const base = String(served!.url).replace(/\/status$/, '');
      // Samples are logged before they are committed: the second one says the first is in the store.
      await eventually(() => logs.filter((l) => l.msg === 'sample').length >= 2, 10_000, 'two samples');
      // The snapshot built at start-up saw no sample yet: served while its successor is built, it is refreshed within a second.
      await eventually(async () => {
        const reply = await fetch(`${base}/status/public`);
        expect(reply.status).toBe(200);
        return (await reply.text()).includes('<span aria-hidden="true">✓</span> Operational');
      }, 5000, 'the page to show the first samples');
      expect(await (await fetch(`${base}/badge/api/status.svg`)).text()).toContain('aria-label="api: up"');
      expect((await (await fetch(`${base}/api/v1/monitors`)).json()).monitors[0]).toMatchObject({ name: 'api', state: 'up' });
      expect((await fetch(`${base}/metrics`)).status).toBe(404);
      // Sign-in is served; with no user yet the log says how to add one.
      const login = await (await fetch(`${base}/login`)).text();
      expect(login).toContain('action="/login"');
      expect(login).toContain('>Sign in with Acme ID</a>');
      expect(logs.find((l) => String(l.msg).startsWith('single sign-on: register'))).toMatchObject({ redirectUri: 'https://status.acme.test/login/oidc/callback' });
      expect(JSON.stringify(logs)).not.toContain('not-a-real-secret');
      expect(logs.some((l) => String(l.msg).startsWith('nobody can sign in yet'))).toBe(true);
      // On 127.0.0.1, plain HTTP is no cause for a warning.
      expect(logs.filter((l) => l.level === 'warn')).toEqual([]);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      // The daemon stops first (its last samples flushed), then the server thread beside it.
      expect(logs.slice(-2).map((l) => l.msg)).toEqual(['monitor stopped', 'status server stopped']);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 30_000);
});

describe('harden serve single sign-on settings (built CLI)', () => {
  it('refuses to start with serve.oidc whose client secret is not set, or a --public-url with a path', () => {
    writeFileSync(
      join(dir, 'harden.yaml'),
      `serve:\n  oidc:\n    issuer: https://id.example.test\n    clientId: harden\n    clientSecret: env:HARDEN_TEST_OIDC_SECRET\n    roles: { admin: [ops-admins], viewer: ['*'] }\n`,
    );
    const unset = runHardenSync(['serve', '--no-monitor', '--listen', '127.0.0.1:0'], { cwd: dir, env: { HARDEN_TEST_OIDC_SECRET: undefined, HARDEN_DATABASE_URL: '' }, timeoutMs: 15_000 });
    expect(unset.code, unset.stdout).toBe(2);
    expect(unset.stderr).toContain('serve.oidc.clientSecret cannot be used (secret env:HARDEN_TEST_OIDC_SECRET is not set');
    // An inline secret: the message says so in full (only a value quoted from the plan would be masked).
    writeFileSync(join(dir, 'harden.yaml'), `serve:\n  oidc: { issuer: 'https://id.example.test', clientId: harden, clientSecret: hunter2, roles: { viewer: ['*'] } }\n`);
    const inline = runHardenSync(['serve', '--no-monitor', '--listen', '127.0.0.1:0'], { cwd: dir, env: { HARDEN_DATABASE_URL: '' }, timeoutMs: 15_000 });
    expect(inline.code).toBe(2);
    expect(inline.stderr).toBe('harden.yaml:2:64: clientSecret: secrets are references: env:VARIABLE or file:/path/to/secret, never the value itself\n');
    const withPath = runHardenSync(['serve', '--no-monitor', '--public-url', 'https://status.example.test/harden'], { cwd: dir, env: { HARDEN_DATABASE_URL: '' }, timeoutMs: 15_000 });
    expect(withPath.code).toBe(2);
    expect(withPath.stderr).toContain('--public-url https://status.example.test/harden: expected an origin');
  });
});

describe('harden serve start-up checks (built CLI)', () => {
  it('refuses a --security-contact that is not a URI, and TLS files that do not pair, naming the option at fault', async () => {
    const listen = runHardenSync(['serve', '--listen', '8080'], { cwd: dir, env: { HARDEN_DATABASE_URL: '' }, timeoutMs: 15_000 });
    expect(listen.stderr).toBe('--listen: expected host:port (127.0.0.1:8080 or [::1]:8080), got "8080"\n');
    expect(listen.code).toBe(2);
    const contact = runHardenSync(['serve', '--security-contact', 'security@example.com'], { cwd: dir, env: { HARDEN_DATABASE_URL: '' }, timeoutMs: 15_000 });
    expect(contact.stderr).toBe('--security-contact security@example.com: expected a URI (mailto:security@example.com, https://example.com/security); did you mean mailto:security@example.com?\n');
    expect(contact.code).toBe(2);
    const [one, two] = [await selfSignedCertificate(), await selfSignedCertificate()];
    writeFileSync(join(dir, 'c.pem'), one.cert);
    writeFileSync(join(dir, 'k.pem'), two.key);
    const mismatch = runHardenSync(['serve', '--listen', '127.0.0.1:0', '--tls-cert', 'c.pem', '--tls-key', 'k.pem'], { cwd: dir, env: { HARDEN_DATABASE_URL: '' }, timeoutMs: 15_000 });
    expect(mismatch.stderr).toBe('--tls-key k.pem: the key does not belong to the certificate in --tls-cert c.pem\n');
    expect(mismatch.code).toBe(2);
  });

  it('warns at start-up that plain HTTP on an address beyond loopback keeps browsers elsewhere from signing in', async () => {
    writeFileSync(join(dir, 'harden.yaml'), 'project: Acme\n');
    const child = spawn(process.execPath, [BIN, 'serve', '--no-monitor', '--listen', '0.0.0.0:0'], { cwd: dir, env: ENV });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    try {
      await eventually(() => stdout.includes('"msg":"status pages served"') || child.exitCode !== null, 15_000, 'the server');
      const warnings = stdout.split('\n').filter((line) => line.includes('"level":"warn"')).map((line) => JSON.parse(line) as { msg: string });
      expect(warnings.map((w) => w.msg)).toEqual([
        'serving plain HTTP on 0.0.0.0:0, beyond this machine: browsers elsewhere cannot sign in (the session cookie is Secure, kept over HTTPS only) and passwords would cross the network in clear; serve HTTPS with --tls-cert and --tls-key, or put a TLS proxy in front and listen on 127.0.0.1',
      ]);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 30_000);
});
