import { describe, expect, it } from 'vitest';
import { recorded } from '../../targets/host/recorded.js';
import { RecordedHost, runHostCheck } from '../../testing/recorded-host.js';
import { listeningPorts } from './listening-ports.js';

const ss = recorded('ss-tuln.txt');

describe('host/listening-ports', () => {
  it('fails each port beyond loopback that allowPorts does not list, calling out datastores', async () => {
    const outcome = await runHostCheck(listeningPorts, new RecordedHost({ commands: { listeningSockets: ss }, expect: { allowPorts: [22, 443, 6443] } }));
    expect(outcome.status).toBe('fail');
    expect(outcome.failures.map((f) => [f.messageId, f.message])).toEqual([
      ['unexpected', 'udp/8472 listens on *; the plan allows 22, 443, 6443'],
      ['datastore', 'PostgreSQL (tcp/5432) listens on 0.0.0.0; the plan allows 22, 443, 6443'],
      ['unexpected', 'tcp/10250 listens on ::; the plan allows 22, 443, 6443'],
    ]);
    expect(outcome.failures[1]!.evidence).toBe('tcp 0.0.0.0:5432');
  });

  it('passes when every port beyond loopback is allowed; loopback, %lo and DHCP client sockets do not count', async () => {
    const outcome = await runHostCheck(listeningPorts, new RecordedHost({ commands: { listeningSockets: ss }, expect: { allowPorts: [22, 443, 5432, 6443, 8472, 10250] } }));
    expect(outcome.status).toBe('pass');
    expect(outcome.evidence).toBe('listening beyond loopback: udp/8472 (*), tcp/6443 (0.0.0.0), tcp/5432 (0.0.0.0), tcp/22 (0.0.0.0, ::), tcp/443 (*), tcp/10250 (::)');
  });

  it('without allowPorts, reports what listens and fails only datastores on every or a public address', async () => {
    const outcome = await runHostCheck(listeningPorts, new RecordedHost({ commands: { listeningSockets: ss } }));
    expect(outcome.failures.map((f) => f.message)).toEqual(['PostgreSQL (tcp/5432) listens on 0.0.0.0, every address or a public one']);
    const privateOnly = await runHostCheck(listeningPorts, new RecordedHost({ commands: { listeningSockets: 'tcp LISTEN 0 511 10.0.0.5:6379 0.0.0.0:*\ntcp LISTEN 0 4096 *:22 *:*\n' } }));
    expect(privateOnly.status).toBe('pass');
    expect(privateOnly.data).toEqual({ listening: 'tcp/6379, tcp/22' });
  });

  it('says so when ss is absent instead of passing', async () => {
    const outcome = await runHostCheck(listeningPorts, new RecordedHost({}));
    expect(outcome).toMatchObject({ status: 'error', error: 'listening sockets cannot be read: ss is not installed (exit 127)' });
  });
});
