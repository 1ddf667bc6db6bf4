import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDnsServer, type RunningDnsServer } from '../src/testing/dns-server.js';
import { routes, startServer, type RunningServer } from '../src/testing/http-server.js';
import { createLocalCa } from '../src/testing/local-ca.js';
import { runHarden, type CliRun } from './run-cli.js';


/** The built CLI, asynchronously: the servers it talks to run in this process. */
function harden(args: string[], cwd: string): Promise<CliRun> {
  return runHarden(args, { cwd });
}

describe('harden scan on a plan naming a site, a domain and a service', () => {
  let site: RunningServer;
  let dns: RunningDnsServer;
  let dir: string;

  beforeAll(async () => {
    const ca = await createLocalCa();
    const leaf = await ca.issue({ hosts: ['localhost'], ips: ['127.0.0.1'] });
    site = await startServer(
      routes({
        '/': { headers: { 'strict-transport-security': 'max-age=300', 'x-powered-by': 'Express', 'content-type': 'text/html' }, body: '<h1>shop</h1>' },
        '/.env': { headers: { 'content-type': 'text/plain' }, body: 'DATABASE_URL=postgres://app:hunter2hunter2@db/app\nSECRET_KEY=abcdef0123456789\n' },
      }),
      { tls: leaf },
    );
    dns = await startDnsServer({ 'shop.test TXT': ['v=spf1 include:mail.test +all'], 'shop.test MX': [{ preference: 10, exchange: 'mx.shop.test' }] });
    dir = mkdtempSync(join(tmpdir(), 'harden-live-scan-'));
    writeFileSync(join(dir, 'ca.pem'), ca.cert);
    writeFileSync(
      join(dir, 'harden.yaml'),
      [
        'targets:',
        `  sites: ["${site.origin}"]`,
        '  domains: [shop.test]',
        `  services: ["127.0.0.1:${site.port}"]`,
        'items:',
        '  - { id: WEB-1, title: No secrets served over HTTP, status: done, checks: [http/exposed-paths] }',
        '  - { id: DNS-1, title: DMARC enforced, status: open, checks: [dns/dmarc] }',
      ].join('\n'),
    );
  });
  afterAll(async () => {
    await Promise.all([site.close(), dns.close()]);
  });

  it('runs every live family through the CLI and measures the plan items', async () => {
    const { code, stdout, stderr } = await harden(['scan', '--dns-server', dns.address, '--ca', 'ca.pem', '--timeout', '5000', '-f', 'json'], dir);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { results: { checkId: string; status: string; target: string; message: string }[]; verdicts: { item: string; verdict: string }[] };
    const failed = new Set(report.results.filter((r) => r.status === 'fail').map((r) => r.checkId));
    for (const id of ['http/exposed-paths', 'http/hsts', 'http/server-leaks', 'dns/spf', 'dns/dmarc', 'dns/caa', 'net/port-closed']) expect(failed).toContain(id);
    expect(report.results.find((r) => r.checkId === 'tls/certificate-valid')?.status).toBe('pass');
    expect(report.results.filter((r) => r.status === 'error').map((r) => r.message)).toEqual([]);
    expect(JSON.stringify(report)).not.toContain('hunter2hunter2');
    expect(Object.fromEntries(report.verdicts.map((v) => [v.item, v.verdict]))).toEqual({ 'WEB-1': 'regression', 'DNS-1': 'verified' });
  });

  it('points each live result of the SARIF report at the plan line that names its target', async () => {
    const { stdout } = await harden(['scan', '--dns-server', dns.address, '--ca', 'ca.pem', '--timeout', '5000', '-f', 'sarif'], dir);
    const sarif = JSON.parse(stdout) as { runs: { automationDetails: { id: string }; results: { ruleId: string; locations: { physicalLocation?: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] };
    const lineOf = (ruleId: string) => {
      const live = sarif.runs.find((run) => run.automationDetails.id.startsWith('harden/live'))!;
      const physical = live.results.find((result) => result.ruleId === ruleId)?.locations[0]?.physicalLocation;
      return [physical?.artifactLocation.uri, physical?.region.startLine];
    };
    // harden.yaml: line 2 names the site, 3 the domain, 4 the service.
    expect(lineOf('http/hsts')).toEqual(['harden.yaml', 2]);
    expect(lineOf('dns/caa')).toEqual(['harden.yaml', 3]);
    expect(lineOf('net/port-closed')).toEqual(['harden.yaml', 4]);
  });
});
