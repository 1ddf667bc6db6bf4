import { describe, expect, it } from 'vitest';
import { resolveRanges } from '../../targets/host/address-ranges.js';
import { recorded } from '../../targets/host/recorded.js';
import { RecordedHost, runHostCheck } from '../../testing/recorded-host.js';
import { firewall } from './firewall.js';

const ufwActive = recorded('ufw-active.txt');
const nftDrop = recorded('nft-drop.json');
const cloudflare = resolveRanges('cloudflare');

describe('host/firewall', () => {
  it('passes ufw (recorded) when world-open ports are allowed and 443 is limited to Cloudflare', async () => {
    const host = new RecordedHost({ commands: { ufwStatus: ufwActive }, expect: { allowPorts: [22, 80, 8472, ...range(30000, 32767)], restrictPorts: { 443: cloudflare } } });
    const outcome = await runHostCheck(firewall, host);
    expect(outcome.failures).toEqual([]);
    expect(outcome.evidence).toBe('ufw active; open to every source: 22/tcp, 80/tcp, 8472/udp, 30000-32767/tcp');
    expect(host.ran).toEqual(['ufwStatus']);
  });

  it('fails world-open ports the plan does not allow, and restricted ports open to sources outside their ranges', async () => {
    const host = new RecordedHost({ commands: { ufwStatus: ufwActive }, expect: { allowPorts: [22, 443], restrictPorts: { 443: cloudflare, 6443: ['10.0.0.0/16'] } } });
    const outcome = await runHostCheck(firewall, host);
    expect(outcome.failures.map((f) => f.message)).toEqual([
      '80/tcp is open to every source (ufw: 80/tcp ALLOW IN Anywhere); the plan allows 22, 443',
      '8472/udp is open to every source (ufw: 8472/udp ALLOW IN Anywhere); the plan allows 22, 443',
      '30000-32767/tcp is open to every source (ufw: 30000:32767/tcp ALLOW IN Anywhere); the plan allows 22, 443',
      'tcp/6443 must be limited to 10.0.0.0/16 but also accepts 10.0.0.0/8',
      // `ufw allow from 10.0.0.0/8 to any port 6443` names no protocol: UDP too.
      'udp/6443 must be limited to 10.0.0.0/16 but also accepts 10.0.0.0/8',
    ]);
  });

  it('reads nftables (recorded) when ufw is absent: a source-limited 443 passes, an open 443 fails', async () => {
    const limited = await runHostCheck(firewall, new RecordedHost({ commands: { nftRuleset: nftDrop }, expect: { restrictPorts: { 443: cloudflare } } }));
    expect(limited.status).toBe('pass');
    expect(limited.evidence).toBe('nftables active; open to every source: 22/tcp, 8472/udp, 8000-8100/tcp');
    const open = await runHostCheck(firewall, new RecordedHost({ commands: { nftRuleset: nftDrop }, expect: { restrictPorts: { 22: cloudflare } } }));
    expect(open.failures.map((f) => f.message)).toEqual(['tcp/22 must be limited to 173.245.48.0/20, 103.21.244.0/22, 103.22.200.0/22 and 19 more but is open to every source (nftables: tcp dport 22 accept)']);
  });

  it('fails an accept policy (recorded nftables) and, without allowPorts, datastore ports open to the world', async () => {
    const accept = await runHostCheck(firewall, new RecordedHost({ commands: { nftRuleset: recorded('nft-accept.json') } }));
    expect(accept.failures.map((f) => f.message)).toEqual(['Packets no rule drops are accepted (ip filter INPUT: policy accept): every listening port is open to the world']);
    const postgres = await runHostCheck(firewall, new RecordedHost({ commands: { ufwStatus: ufwActive.replace('5432                       DENY IN', '5432                       ALLOW IN') } }));
    expect(postgres.failures.map((f) => f.messageId)).toEqual(['datastoreOpen']);
    expect(postgres.failures[0]!.message).toBe('PostgreSQL port 5432/tcp+udp is open to every source (ufw: 5432 ALLOW IN Anywhere)');
  });

  it('fails when no firewall is active or installed, saying which', async () => {
    const inactive = await runHostCheck(firewall, new RecordedHost({ commands: { ufwStatus: recorded('ufw-inactive.txt'), nftRuleset: recorded('nft-empty.json') } }));
    expect(inactive.failures.map((f) => f.message)).toEqual(['No active host firewall: ufw is inactive, nftables has no input chain (iptables-legacy rules are not read)']);
    const absent = await runHostCheck(firewall, new RecordedHost({}));
    expect(absent.failures.map((f) => f.message)).toEqual(['No active host firewall: ufw is not installed (exit 127), nft is not installed (exit 127)']);
  });

  it('is an error, not a pass, when the tools refuse a non-root user', async () => {
    const host = new RecordedHost({ commands: { ufwStatus: { stdout: '', stderr: recorded('ufw-nonroot.stderr.txt'), exitCode: 1 }, nftRuleset: { stdout: '', stderr: 'netlink: Error: cache initialization failed: Operation not permitted\n', exitCode: 1 } } });
    expect(await runHostCheck(firewall, host)).toMatchObject({
      status: 'error',
      error: 'the firewall cannot be read: ufw exited 1: ERROR: You need to be root to run this script (connect as root or set sudo: true); nft exited 1: netlink: Error: cache initialization failed: Operation not permitted (connect as root or set sudo: true)',
    });
  });
});

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
