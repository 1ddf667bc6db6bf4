import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/testing/http-server.js';
import { createLocalCa } from '../../src/testing/local-ca.js';
import { cleanUp, harden, tempDir, writePlan } from './monitor-harness.js';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer((_request, response) => response.writeHead(200).end('ok'));
});
afterAll(() => server.close());
afterEach(cleanUp);

async function rejected(plan: string): Promise<string> {
  const dir = tempDir();
  writePlan(dir, plan);
  const run = await harden(dir, ['monitor', '--once']);
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  return run.stderr;
}

/** Issue 9, defects 16, 21 and 25: monitor definitions and options that cannot work are refused at load, with file:line. */
describe('monitor inputs that cannot work', () => {
  it.each([
    ['every: 0s', '{ name: a, tcp: "127.0.0.1:9", every: 0s }', 'harden.yaml:2:36: every: 0ms: the shortest interval is 1s'],
    ['every: 1ms', '{ name: a, tcp: "127.0.0.1:9", every: 1ms }', 'harden.yaml:2:36: every: 1ms: the shortest interval is 1s'],
    ['every: 60', '{ name: a, tcp: "127.0.0.1:9", every: 60 }', 'harden.yaml:2:36: every: 60 is a number, not a duration: give the unit (60s, 60ms, 60m)'],
    ['a port out of range', '{ name: a, tcp: "db.internal:99999" }', 'harden.yaml:2:16: tcp: expected host:port with a port from 1 to 65535'],
    ['a file: URL', '{ name: a, http: "file:///etc/passwd" }', 'harden.yaml:2:16: http: only http:// and https:// URLs are supported, not file:'],
    ['a javascript: URL', '{ name: a, http: "javascript:alert(1)" }', 'harden.yaml:2:16: http: only http:// and https:// URLs are supported, not javascript:'],
    ['an ftp: URL', '{ name: a, http: { url: "ftp://files.test/" } }', 'harden.yaml:2:24: url: only http:// and https:// URLs are supported, not ftp:'],
    ['a header name with a space', '{ name: a, http: { url: "http://127.0.0.1:9/", headers: { "X Api Key": v } } }', "harden.yaml:2:63: X Api Key: not a header name: letters, digits and !#$%&'*+.^_`|~- only, no spaces or colons"],
    ['a header value with CR LF', '{ name: a, http: { url: "http://127.0.0.1:9/", headers: { X-Tag: "v\\r\\nX-Injected: 1" } } }', 'harden.yaml:2:63: X-Tag: a header value cannot hold a line break or another control character'],
  ])('%s', async (_what, monitor, line) => {
    expect(await rejected(`monitors:\n  - ${monitor}\n`)).toBe(`${line}\n`);
  });

  it('--metrics with a port out of range is bad input', async () => {
    const dir = tempDir();
    writePlan(dir, `monitors:\n  - { name: a, http: "${server.origin}/" }\n`);
    const run = await harden(dir, ['monitor', '--once', '--metrics', '127.0.0.1:99999']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('--metrics: expected host:port (127.0.0.1:9464 or [::1]:9464) or "off", got "127.0.0.1:99999"\n');
  });

  it('--ca and monitoring.ca with a file holding no certificate are refused, naming the file (scan --ca too)', async () => {
    const dir = tempDir();
    const ca = await createLocalCa();
    const leaf = await ca.issue();
    writeFileSync(join(dir, 'key.pem'), leaf.key);
    writeFileSync(join(dir, 'empty.pem'), '');
    writePlan(dir, `monitors:\n  - { name: a, http: "${server.origin}/" }\n`);
    for (const file of ['key.pem', 'empty.pem']) {
      const run = await harden(dir, ['monitor', '--once', '--ca', file]);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`--ca: ${file}: it holds no PEM certificate (-----BEGIN CERTIFICATE-----)\n`);
    }
    const scan = await harden(dir, ['scan', '.', '--ca', 'key.pem', '--fail-on', 'none']);
    expect(scan.code).toBe(2);
    expect(scan.stderr).toBe('--ca: key.pem: it holds no PEM certificate (-----BEGIN CERTIFICATE-----)\n');
    writePlan(dir, `monitors:\n  - { name: a, http: "${server.origin}/" }\nmonitoring:\n  ca: [key.pem]\n`);
    expect((await harden(dir, ['monitor', '--once'])).stderr).toBe('harden.yaml:4:8: CA file key.pem: it holds no PEM certificate (-----BEGIN CERTIFICATE-----)\n');
    writeFileSync(join(dir, 'ca.pem'), ca.cert);
    expect((await harden(dir, ['monitor', '--once', '--ca', 'ca.pem'])).stderr).toBe('harden.yaml:4:8: CA file key.pem: it holds no PEM certificate (-----BEGIN CERTIFICATE-----)\n');
  });

  it('30 monitors in --once: no MaxListenersExceededWarning', async () => {
    const dir = tempDir();
    const monitors = Array.from({ length: 30 }, (_, i) => `  - { name: m${i}, http: "${server.origin}/m${i}", every: 1s }`).join('\n');
    writePlan(dir, `monitors:\n${monitors}\n`);
    const run = await harden(dir, ['monitor', '--once']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
  });
});
