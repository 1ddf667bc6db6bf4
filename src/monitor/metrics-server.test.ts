import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sloSchema } from './schema.js';
import { LatencyHistogram, type MetricsSnapshot, startMetricsServer } from './metrics.js';
import { parseListen } from './metrics-server.js';
import { sloStatus } from './slo.js';
import { TriggerEngine } from './triggers/index.js';

const ENSURE_PROMTOOL = fileURLToPath(new URL('../../scripts/ensure-promtool.sh', import.meta.url));

function hasPromtool(): boolean {
  return spawnSync('promtool', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** A snapshot as the daemon builds it, from the real accumulators, with targets that need escaping. */
function daemonSnapshot(): MetricsSnapshot {
  const api = new LatencyHistogram();
  for (const ms of [12, 48, 95, 230, 610, 10_000]) api.observe(ms);
  const triggers = new TriggerEngine([
    { monitor: 'api-health', when: 'p99 > 500ms for 10m', alert: [] },
    { name: 'errors', monitor: 'api-health', when: 'error_rate > 5% for 5m', alert: [] },
  ]);
  for (const [at, ms] of [[0, 600], [60_000, 700], [120_000, 800]] as const) triggers.observe({ monitor: 'api-health', at, ok: true, latencyMs: ms });
  const slo = sloSchema.parse({ monitor: 'api-health', objective: '99.9%', window: '30d' });
  return {
    monitors: [
      { name: 'api-health', kind: 'http', target: 'https://api.test/health?check="deep"\\all', up: true, lastLatencyMs: 610, probesUp: 5, probesDown: 1, latency: api.snapshot() },
      { name: 'postgres-port', kind: 'tcp', target: 'db.internal:5432', up: false, lastLatencyMs: 10_000, probesUp: 0, probesDown: 3, latency: new LatencyHistogram().snapshot() },
      { name: 'dmarc', kind: 'dns', target: '_dmarc.example.com TXT\nsecond line', up: true, lastLatencyMs: 31.5, probesUp: 1, probesDown: 0, latency: new LatencyHistogram().snapshot() },
    ],
    incidentsOpen: 1,
    incidentsOpenedTotal: 2,
    alerts: [
      { channel: 'ops-slack', pending: 1, failing: 1, delivered: 4 },
      { channel: 'oncall-mail', pending: 0, failing: 0, delivered: 2 },
    ],
    slos: [sloStatus(slo, { total: 43_230, failed: 10, maintenance: 30, p50: 40, p95: 200, p99: 600 })],
    triggers: triggers.states(),
    scheduler: { lagSecondsP99: 0.018, probesInFlight: 2, monitors: 3 },
  };
}

const servers: { close(): Promise<void> }[] = [];
async function start(listen: string, snapshot: () => MetricsSnapshot | Promise<MetricsSnapshot>) {
  const server = await startMetricsServer(listen, snapshot);
  servers.push(server);
  return server;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe('metrics server', () => {
  beforeAll(() => {
    if (hasPromtool()) return;
    const run = spawnSync('bash', [ENSURE_PROMTOOL], { encoding: 'utf8', timeout: 900_000 });
    if (run.status !== 0) throw new Error(`scripts/ensure-promtool.sh failed (exit ${run.status ?? run.signal}): ${run.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  }, 900_000);

  it('serves an exposition that promtool accepts without lint problems', async () => {
    const { port } = await start('127.0.0.1:0', async () => daemonSnapshot());
    const response = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const body = await response.text();
    expect(body).toContain('harden_trigger_firing{trigger="api-health:p99 > 500ms for 10m",monitor="api-health"} 1\n');
    expect(body).toContain('harden_trigger_firing{trigger="errors",monitor="api-health"} 0\n');
    expect(body).toContain('harden_slo_error_budget_remaining{monitor="api-health",window="30d"} 0.7685185185185185\n');
    expect(body).toContain('target="_dmarc.example.com TXT\\nsecond line"');
    expect(body).toMatch(/^process_resident_memory_bytes \d+$/m);

    const check = spawnSync('promtool', ['check', 'metrics'], { input: body, encoding: 'utf8', timeout: 60_000 });
    expect({ status: check.status, output: check.stdout + check.stderr }).toEqual({ status: 0, output: '' });
  });

  it('answers 404 off /metrics, 405 to other methods, and HEAD without a body', async () => {
    const { port } = await start('127.0.0.1:0', () => daemonSnapshot());
    const base = `http://127.0.0.1:${port}`;
    expect((await fetch(`${base}/metrics?name[]=up`)).status).toBe(200);
    for (const path of ['/', '/metrics/', '/metricsx', '/api']) {
      const response = await fetch(base + path);
      expect([path, response.status, await response.text()]).toEqual([path, 404, 'not found: metrics are at /metrics\n']);
    }
    const post = await fetch(`${base}/metrics`, { method: 'POST', body: 'x' });
    expect([post.status, post.headers.get('allow'), await post.text()]).toEqual([405, 'GET, HEAD', 'method POST not allowed: use GET\n']);
    const head = await fetch(`${base}/metrics`, { method: 'HEAD' });
    expect([head.status, head.headers.get('content-type'), await head.text()]).toEqual([200, 'text/plain; version=0.0.4; charset=utf-8', '']);
    expect(Number(head.headers.get('content-length'))).toBeGreaterThan(1000);
  });

  it('answers 500 for a scrape whose snapshot fails, and serves the next one', async () => {
    let calls = 0;
    const { port } = await start('127.0.0.1:0', async () => {
      if (++calls === 1) throw new Error('store closed');
      return daemonSnapshot();
    });
    const failed = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect([failed.status, await failed.text()]).toEqual([500, 'metrics unavailable: store closed\n']);
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(200);
  });

  it('says so when the port is taken', async () => {
    const { port } = await start('127.0.0.1:0', () => daemonSnapshot());
    await expect(start(`127.0.0.1:${port}`, () => daemonSnapshot())).rejects.toThrow(
      `metrics: cannot listen on 127.0.0.1:${port}: the address is already in use`,
    );
  });

  it('closes with a keep-alive connection open, and then refuses connections', async () => {
    const server = await startMetricsServer('127.0.0.1:0', () => daemonSnapshot());
    const url = `http://127.0.0.1:${server.port}/metrics`;
    expect((await fetch(url)).status).toBe(200);
    await server.close();
    await expect(fetch(url)).rejects.toThrow();
  });

  it('reads host:port as the plan writes it', async () => {
    expect(parseListen('127.0.0.1:9464')).toEqual({ host: '127.0.0.1', port: 9464 });
    expect(parseListen('[::1]:9464')).toEqual({ host: '::1', port: 9464 });
    expect(parseListen('localhost:0')).toEqual({ host: 'localhost', port: 0 });
    for (const bad of ['localhost', '127.0.0.1:70000', ':9464', 'http://127.0.0.1:9464'])
      expect(() => parseListen(bad)).toThrow(`metrics: "${bad}" is not host:port (e.g. 127.0.0.1:9464)`);
    await expect(startMetricsServer('127.0.0.1', () => daemonSnapshot())).rejects.toThrow('is not host:port');
  });
});
