import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checks as httpChecks } from '../checks/http.js';
import { checks as tlsChecks } from '../checks/tls.js';
import type { Store } from '../monitor/store.js';
import { planSchema } from '../plan/schema.js';
import { batch, HOUR, sample } from '../store/fixtures.js';
import { authStoreOf } from '../store/auth.js';
import { openStore } from '../store/open.js';
import { runLiveCheck } from '../testing/live-cases.js';
import { createLocalCa, type LocalCa } from '../testing/local-ca.js';
import { ocspResponse } from '../testing/ocsp.js';
import { ServerAuth } from './auth/server-auth.js';
import { startStatusServer, type RunningStatusServer } from './server.js';

/** harden's own live http and tls checks, run against `harden serve` (the status page and the sign-in form) over HTTPS with a local CA: they report nothing. */
describe('dogfood: harden serve passes harden', () => {
  const dir = mkdtempSync(join(tmpdir(), 'harden-dogfood-'));
  let ca: LocalCa;
  let store: Store;
  let server: RunningStatusServer;

  beforeAll(async () => {
    ca = await createLocalCa();
    store = await openStore({ sqlite: join(dir, 'harden.db') });
    await store.migrate();
    const now = Date.now();
    await store.commit(batch({ samples: [sample('api', now - 2 * HOUR, 20), sample('api', now - HOUR, 30)] }));
    const plan = planSchema.parse({ monitors: [{ name: 'api', http: { url: 'https://api.example.test/health' } }] });
    const leaf = await ca.issue({ hosts: ['localhost'], ips: ['127.0.0.1'] });
    const staple = ocspResponse(ca, leaf.cert, 'good');
    server = await startStatusServer({ listen: '127.0.0.1:0', store, plan: () => plan, tls: { ...leaf, ocsp: () => staple }, auth: new ServerAuth({ store: authStoreOf(store) }), securityContacts: ['mailto:security@example.test'] });
  }, 30_000);

  afterAll(async () => {
    await server?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([...httpChecks, ...tlsChecks].map((check) => [check.id, check] as const))('%s reports nothing', async (_id, check) => {
    const port = new URL(server.url).port;
    const results = await runLiveCheck(check, { targets: { sites: [`https://localhost:${port}/status`, `https://localhost:${port}/login`], services: [`localhost:${port}`] }, ca: [ca.cert], options: check.id === 'http/observatory-grade' ? { minimumGrade: 'A+' } : {} });
    const reported = results.filter((result) => result.status === 'fail' || result.status === 'error').map((result) => `${result.status} ${result.messageId ?? ''}: ${result.message}`);
    expect(reported).toEqual([]);
  });
});
