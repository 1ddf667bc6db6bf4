import { writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/testing/http-server.js';
import { eventually, startAlertReceiver, startSwitchableTarget, type AlertReceiver, type SwitchableTarget } from '../../src/testing/monitor-targets.js';
import { cleanUp, daemon, harden, sleep, tempDir, within, writePlan } from './monitor-harness.js';

let target: SwitchableTarget;
let receiver: AlertReceiver;
beforeEach(async () => {
  target = await startSwitchableTarget();
  receiver = await startAlertReceiver();
});
afterEach(async () => {
  cleanUp();
  await target.close();
  await receiver.close();
});

const kinds = () => receiver.deliveries.map((d) => (d.json as { kind: string }).kind);
const alerts = () => `alerts:\n  hook: { webhook: { url: "${receiver.origin}/hook" } }\n`;
const plan = (extra = '') => `monitors:\n  - { name: api, http: "${target.origin}/health", every: 1s, confirm: 1, alert: [hook] }\n${alerts()}monitoring:\n  metrics: false\n${extra}`;

/** Issue 9, defects 4, 7 and 20, replayed against the running daemon. */
describe('the monitor daemon under hostile conditions', () => {
  it('saving an empty plan keeps incidents open (no false "resolved", no second "opened"); "monitors: []" removes them, loudly', async () => {
    const dir = tempDir();
    const file = writePlan(dir, plan());
    target.mode = 'error';
    const run = daemon(dir);
    await eventually(() => kinds().includes('incident.opened'), 15_000, 'opened alert');
    writeFileSync(file, '');
    await eventually(() => run.logs.some((l) => String(l.msg).startsWith('plan reload refused: the plan has no monitors')), 10_000, 'the empty plan refused');
    writeFileSync(file, plan());
    await sleep(2500);
    expect(kinds()).toEqual(['incident.opened']);
    writeFileSync(file, `monitors: []\n${alerts()}monitoring:\n  metrics: false\n`);
    await eventually(() => kinds().includes('incident.resolved'), 10_000, 'resolved alert');
    expect(run.logs.find((l) => String(l.msg).startsWith('plan reloaded with "monitors: []"'))).toMatchObject({ level: 'warn', removed: ['api'] });
    run.child.kill('SIGTERM');
    expect(await within(run.exited, 10_000)).toEqual({ code: 0, signal: null });
    expect(kinds()).toEqual(['incident.opened', 'incident.resolved']);
  }, 60_000);

  it('a redirect to another port gets none of the plan\'s headers; one to a cloud metadata address is refused', async () => {
    const seen: IncomingMessage['headers'][] = [];
    const elsewhere: RunningServer = await startServer((request, response) => {
      seen.push(request.headers);
      response.writeHead(200).end('ok');
    });
    const redirector = await startServer((request, response) =>
      response.writeHead(302, { location: request.url === '/metadata' ? 'http://169.254.169.254/latest/meta-data/iam/' : `${elsewhere.origin}/landing` }).end(),
    );
    try {
      const dir = tempDir();
      writePlan(
        dir,
        `monitors:
  - name: api
    http: { url: "${redirector.origin}/go", redirects: follow, headers: { X-Api-Key: literal-key-123 }, secretHeaders: { Authorization: env:PROBE_TOKEN } }
    every: 1s
  - { name: meta, http: { url: "${redirector.origin}/metadata", redirects: follow }, every: 1s }
`,
      );
      const run = await harden(dir, ['monitor', '--once'], { env: { PROBE_TOKEN: 'Bearer s3cret-token-value' } });
      expect(run.code).toBe(1);
      expect(seen).toHaveLength(1);
      expect(JSON.stringify(seen[0])).not.toMatch(/literal-key-123|s3cret-token-value|authorization|x-api-key/i);
      const history = JSON.parse((await harden(dir, ['monitor', 'history', 'meta', '--format', 'json'])).stdout) as { samples: { reason: string }[] };
      expect(history.samples[0]!.reason).toBe('redirect to a link-local or cloud metadata address (169.254.169.254) refused');
    } finally {
      await elsewhere.close();
      await redirector.close();
    }
  });

  it('SIGTERM ends a hanging alert delivery at shutdownGrace; the alert stays pending and the next run sends it', async () => {
    const dir = tempDir();
    writePlan(dir, plan('  shutdownGrace: 1s\n'));
    target.mode = 'error';
    receiver.hang = true;
    const run = daemon(dir);
    await eventually(() => receiver.held >= 1, 15_000, 'a delivery hanging');
    const stopping = Date.now();
    run.child.kill('SIGTERM');
    expect(await within(run.exited, 8000)).toEqual({ code: 0, signal: null });
    expect(Date.now() - stopping).toBeLessThan(4000);
    expect(run.logs.some((l) => l.event === 'alert.abandoned')).toBe(true);
    receiver.hang = false;
    target.mode = 'up';
    await harden(dir, ['monitor', '--once']);
    // The alert that was abandoned, sent once (its resolution follows at the next pass).
    expect(kinds()).toEqual(['incident.opened']);
  }, 60_000);
});

