import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/testing/http-server.js';
import { eventually } from '../../src/testing/monitor-targets.js';
import { freePort } from '../../src/testing/services.js';
import { cleanUp, daemon, harden, tempDir, within, writePlan } from './monitor-harness.js';

/** x and y in no pattern RE2's DFA can follow: its NFA then takes seconds over 1 MB. */
function randomXY(length: number): string {
  let seed = 11;
  let text = '';
  for (let i = 0; i < length; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    text += seed & 0x10000 ? 'x' : 'y';
  }
  return text;
}

let server: RunningServer;
const XY = randomXY(1 << 20);
beforeAll(async () => {
  server = await startServer((request, response) => {
    if (request.url === '/evil') return void response.writeHead(200).end(`${'a'.repeat(40)}!`);
    if (request.url === '/xy') return void response.writeHead(200).end(XY);
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
  });
});
afterAll(() => server.close());
afterEach(cleanUp);

/** Issue 9, defect 2: `body matches /^(a+)+$/` against 'a'×40 + '!' froze the whole daemon. */
describe('hostile regexes in monitor conditions', () => {
  it('a catastrophic-backtracking pattern answers at once: --once ends, the monitor is down with "no match"', async () => {
    const dir = tempDir();
    writePlan(dir, `monitors:\n  - { name: evil, http: "${server.origin}/evil", every: 1s, confirm: 1, expect: ["body matches /^(a+)+$/"] }\n`);
    const run = await harden(dir, ['monitor', '--once']);
    expect(run.code).toBe(1);
    expect(run.ms).toBeLessThan(8000);
    const history = await harden(dir, ['monitor', 'history', 'evil', '--format', 'json']);
    expect((JSON.parse(history.stdout) as { samples: { reason: string }[] }).samples[0]!.reason).toBe('body matches /^(a+)+$/: no match');
  });

  it('a long match runs off the event loop: other monitors, the metrics endpoint and SIGTERM keep working; the probe times out', async () => {
    const dir = tempDir();
    const port = await freePort();
    writePlan(
      dir,
      `monitors:
  - { name: heavy, http: "${server.origin}/xy", every: 3s, timeout: 2s, expect: ["body matches /(x|y)*x(x|y){300}y$/"] }
  - { name: light, http: "${server.origin}/health", every: 1s }
monitoring:
  metrics: "127.0.0.1:${port}"
`,
    );
    const run = daemon(dir);
    await eventually(() => run.logs.some((l) => l.msg === 'monitor started'), 15_000, 'daemon start');
    const slowest = { ms: 0 };
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline) {
      const started = performance.now();
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`, { signal: AbortSignal.timeout(3000) })).text();
      slowest.ms = Math.max(slowest.ms, performance.now() - started);
      expect(metrics).toContain('harden_monitor_probes_total');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(slowest.ms).toBeLessThan(3000);
    run.child.kill('SIGTERM');
    expect(await within(run.exited, 15_000)).toEqual({ code: 0, signal: null });
    const light = JSON.parse((await harden(dir, ['monitor', 'history', 'light', '--format', 'json'])).stdout) as { samples: { ok: boolean }[] };
    expect(light.samples.filter((sample) => sample.ok).length).toBeGreaterThanOrEqual(3);
    const heavy = JSON.parse((await harden(dir, ['monitor', 'history', 'heavy', '--format', 'json'])).stdout) as { samples: { reason?: string }[] };
    expect(heavy.samples.length).toBeGreaterThanOrEqual(1);
    expect(heavy.samples.every((sample) => sample.reason === 'timeout after 2s')).toBe(true);
  }, 60_000);

  it('a backreference or lookaround is a load error at its line and column, exit 2', async () => {
    const dir = tempDir();
    writePlan(dir, `monitors:\n  - name: api\n    http: ${server.origin}/health\n    expect: ["status == 200", "body matches /(a+)\\\\1/"]\n`);
    const run = await harden(dir, ['monitor', '--once']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('harden.yaml:4:31: column 19 of "body matches /(a+)\\1/": backreferences (\\1) are not supported: harden matches regexes with RE2, in time linear in the text\n');
  });
});
