import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes, startServer, type RunningServer } from '../../testing/http-server.js';
import { runLiveCheck } from '../../testing/live-cases.js';
import { createLocalCa, type LocalCa } from '../../testing/local-ca.js';
import { certificateExpiry } from './certificate-expiry.js';

const DAY = 86_400_000;

describe('tls/certificate-expiry', () => {
  let ca: LocalCa;
  const servers: Record<string, RunningServer> = {};
  // Half a day of slack so the whole-day count does not depend on when the test runs.
  const inDays = (days: number) => new Date(Date.now() + days * DAY + DAY / 2);

  beforeAll(async () => {
    ca = await createLocalCa();
    const ends = { fresh: inDays(80), renewalDue: inDays(20), soon: inDays(5), expired: new Date(Date.now() - 3 * DAY - DAY / 2) };
    await Promise.all(
      Object.entries(ends).map(async ([name, notAfter]) => {
        const tls = await ca.issue({ notBefore: new Date(Date.now() - 60 * DAY), notAfter });
        servers[name] = await startServer(routes({ '/': { body: 'ok' } }), { tls });
      }),
    );
  });
  afterAll(async () => {
    await Promise.all(Object.values(servers).map((server) => server.close()));
  });

  async function run(name: string, options?: Record<string, unknown>) {
    const results = await runLiveCheck(certificateExpiry, { targets: { sites: [servers[name]!.origin] }, ca: [ca.cert], ...(options ? { options } : {}) });
    expect(results).toHaveLength(1);
    return results[0]!;
  }

  it('passes a certificate with 80 days left', async () => {
    const result = await run('fresh');
    expect(result.status).toBe('pass');
    expect(result.data).toEqual({ expires: expect.stringMatching(/^\d{4}-\d\d-\d\d$/), daysLeft: 80 });
  });

  it('reports overdue renewal under 30 days, with issuer and end date', async () => {
    const result = await run('renewalDue');
    expect([result.status, result.messageId]).toEqual(['fail', 'renewalDue']);
    expect(result.message).toMatch(/: the certificate expires in 20 days \(\d{4}-\d\d-\d\d\): renewal, due 30 days ahead, has not happened$/);
    expect(result.evidence).toMatch(/issuer: harden test CA; valid: .* to /);
    expect(result.data).toEqual({ expires: result.message.match(/\((\d{4}-\d\d-\d\d)\)/)![1], daysLeft: 20 });
  });

  it('fails under the 14-day threshold', async () => {
    const result = await run('soon');
    expect([result.status, result.messageId]).toEqual(['fail', 'expiresSoon']);
    expect(result.message).toMatch(/expires in 5 days .*, under 14 days$/);
  });

  it('takes its thresholds from the options', async () => {
    expect((await run('renewalDue', { failDays: 21 })).messageId).toBe('expiresSoon');
    expect((await run('renewalDue', { warnDays: 10, failDays: 3 })).status).toBe('pass');
  });

  it('reports an expired certificate in days past', async () => {
    const result = await run('expired');
    expect([result.status, result.messageId]).toEqual(['fail', 'expired']);
    expect(result.message).toMatch(/expired 4 days ago/);
    expect(result.data!.daysLeft).toBe(-4);
  });
});
