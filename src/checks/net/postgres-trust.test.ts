import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLiveCheck } from '../../testing/live-cases.js';
import { selfSignedCertificate } from '../../testing/local-ca.js';
import { ensureServices, startPostgres, type RunningService } from '../../testing/services.js';
import { postgresTrust } from './postgres-trust.js';

describe('net/postgres-trust (real PostgreSQL clusters on 127.0.0.1)', () => {
  let trust: RunningService;
  let scram: RunningService;
  let tlsOnly: RunningService;
  let rejecting: RunningService;
  beforeAll(async () => {
    ensureServices();
    const certificate = await selfSignedCertificate({ hosts: ['localhost'], ips: ['127.0.0.1'] });
    [trust, scram, tlsOnly, rejecting] = await Promise.all([
      startPostgres({ auth: 'trust' }),
      startPostgres({ auth: 'scram-sha-256', password: 'harden-test-secret' }),
      // trust, but only for TLS connections: a plain-text StartupMessage is rejected (no pg_hba.conf entry).
      startPostgres({ auth: 'trust', tls: certificate, hba: 'hostssl all all 127.0.0.1/32 trust' }),
      // no TCP login at all, and no TLS on offer ('N' to the SSLRequest).
      startPostgres({ auth: 'trust', hba: 'host all all 127.0.0.1/32 reject' }),
    ]);
  }, 180_000);
  afterAll(async () => {
    await Promise.all([trust?.close(), scram?.close(), tlsOnly?.close(), rejecting?.close()]);
  }, 60_000);

  const service = (port: number) => ({ host: '127.0.0.1', port, kind: 'postgres' });

  it('fails a cluster that lets postgres in without a credential (initdb -A trust)', async () => {
    const results = await runLiveCheck(postgresTrust, { targets: { services: [service(trust.port)] } });
    expect(results.map((r) => [r.status, r.messageId, r.message])).toEqual([
      ['fail', 'trust', `PostgreSQL at 127.0.0.1:${trust.port} let user "postgres" into database "postgres" without asking for a credential (trust)`],
    ]);
  });

  it('finds trust on hostssl lines by asking again over TLS', async () => {
    const results = await runLiveCheck(postgresTrust, { targets: { services: [service(tlsOnly.port)] } });
    expect(results.map((r) => [r.status, r.messageId, r.evidence])).toEqual([['fail', 'trust', 'AuthenticationOk (R, code 0) in reply to the StartupMessage over TLS (a hostssl line)']]);
  });

  it('passes a cluster that rejects the connection and offers no TLS', async () => {
    const results = await runLiveCheck(postgresTrust, { targets: { services: [service(rejecting.port)] } });
    expect(results.map((r) => r.status)).toEqual(['pass']);
  });

  it('passes a cluster that asks for a SCRAM password', async () => {
    const results = await runLiveCheck(postgresTrust, { targets: { services: [service(scram.port)] } });
    expect(results.map((r) => r.status)).toEqual(['pass']);
  });

  it('probes the user and database an item names', async () => {
    const results = await runLiveCheck(postgresTrust, { targets: { services: [service(trust.port)] }, options: { user: 'app', database: 'app' } });
    expect(results.map((r) => r.message)).toEqual([`PostgreSQL at 127.0.0.1:${trust.port} let user "app" into database "app" without asking for a credential (trust)`]);
  });

  it('is not applicable to other kinds', async () => {
    expect(await runLiveCheck(postgresTrust, { targets: { services: [`127.0.0.1:${trust.port}`] } })).toEqual([]);
  });
});
