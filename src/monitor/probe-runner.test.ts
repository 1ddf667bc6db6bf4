import { describe, expect, it } from 'vitest';
import { freePort } from '../testing/services.js';
import { prepareMonitor, runProbe } from './probe-runner.js';
import { monitor, testEnv } from '../testing/probes.js';

describe('prepareMonitor', () => {
  it('names the target each kind probes', () => {
    expect(prepareMonitor(monitor({ http: 'https://api.example.com/health' })).target).toBe('https://api.example.com/health');
    expect(prepareMonitor(monitor({ tcp: 'db.internal:5432' })).target).toBe('db.internal:5432');
    expect(prepareMonitor(monitor({ dns: { name: '_dmarc.example.com', type: 'TXT' } })).target).toBe('TXT _dmarc.example.com');
    expect(prepareMonitor(monitor({ tls: { address: '10.0.0.1:443', servername: 'example.com' } })).target).toBe('10.0.0.1:443 (example.com)');
  });

  it('adds dns.expect to the conditions', () => {
    const prepared = prepareMonitor(monitor({ dns: { name: 'example.com', type: 'TXT', expect: "contains 'v=spf1'" }, expect: ['latency < 1s'] }));
    expect(prepared.conditions.map((condition) => condition.text)).toEqual(['latency < 1s', "contains 'v=spf1'"]);
  });

  it('throws on a condition that does not parse, naming it and the column', () => {
    expect(() => prepareMonitor(monitor({ name: 'api', http: 'https://example.com/', expect: ['status == 200', 'status < 14d'] }))).toThrow(
      'monitor api: condition "status < 14d", column 10: < on status needs a number; 14d is a duration',
    );
  });
});

describe('runProbe', () => {
  it('stamps the sample with the env clock at the start', async () => {
    const prepared = prepareMonitor(monitor({ tcp: `127.0.0.1:${await freePort()}` }));
    const sample = await runProbe(prepared, testEnv([], () => 1_700_000_000_000));
    expect(sample).toMatchObject({ monitor: 'probe-test', at: 1_700_000_000_000, ok: false, reason: 'connection refused' });
  });

  it('does not start when the signal is already aborted', async () => {
    const prepared = prepareMonitor(monitor({ tcp: `127.0.0.1:${await freePort()}` }));
    expect(await runProbe(prepared, testEnv(), AbortSignal.abort())).toMatchObject({ ok: false, reason: 'cancelled' });
  });
});
