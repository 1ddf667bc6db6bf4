import { describe, expect, it } from 'vitest';
import { portExposure, sourcesOutside } from './firewall-rules.js';
import { CLOUDFLARE_RANGES, resolveRanges } from './address-ranges.js';
import { parseNftRuleset } from './nftables.js';
import { recorded } from './recorded.js';
import { parseUfwStatus } from './ufw.js';
import { dedent } from '../../testing/dedent.js';

describe('ufw status verbose (recorded)', () => {
  const view = parseUfwStatus(recorded('ufw-active.txt'));

  it('reads the state, the policy and every inbound rule of both families', () => {
    expect(view.active).toBe(true);
    expect(view.chains.map((chain) => [chain.family, chain.policy, chain.rules.length])).toEqual([
      [4, 'deny', 9],
      [6, 'deny', 8],
    ]);
    expect(view.skipped).toBe(0);
    expect(view.chains[0]!.rules[1]).toMatchObject({ verdict: 'allow', proto: 'tcp', ports: [{ from: 443, to: 443 }], sources: ['173.245.48.0/20'] });
  });

  it('tells ports open to the world from ports limited to ranges, closed ports and interface-only rules', () => {
    expect(portExposure(view, 'tcp', 22).kind).toBe('world');
    expect(portExposure(view, 'tcp', 443)).toMatchObject({ kind: 'ranges', sources: ['173.245.48.0/20', '2400:cb00::/32'] });
    expect(portExposure(view, 'tcp', 6443)).toMatchObject({ kind: 'ranges', sources: ['10.0.0.0/8'] });
    expect(portExposure(view, 'tcp', 31000).kind).toBe('world');
    expect(portExposure(view, 'udp', 8472).kind).toBe('world');
    expect(portExposure(view, 'tcp', 5432).kind).toBe('closed');
    expect(portExposure(view, 'tcp', 9100).kind).toBe('closed');
    expect(portExposure(view, 'tcp', 3306).kind).toBe('closed');
  });

  it('reads the interface from the From column and rules without a direction (shapes of other ufw versions)', () => {
    const view = parseUfwStatus(dedent`
      Status: active

      To                         Action      From
      --                         ------      ----
      8419                       ALLOW IN    Anywhere on tailscale0
      3000/tcp                   ALLOW IN    Anywhere on eth0
      22/tcp                     ALLOW       Anywhere
      Anywhere                   ALLOW       10.0.0.0/8
      22/tcp                     ALLOW IN    10.0.0.0/24               # office VPN
      2087/tcp                   ALLOW OUT   Anywhere
    `);
    expect(view.skipped).toBe(0);
    expect(view.chains[0]!.rules.map((rule) => [rule.iface ?? '', rule.sources])).toEqual([
      ['tailscale0', 'any'],
      ['eth0', 'any'],
      ['', 'any'],
      ['', ['10.0.0.0/8']],
      ['', ['10.0.0.0/24']],
    ]);
    expect(portExposure(view, 'tcp', 8419)).toMatchObject({ kind: 'ranges', sources: ['10.0.0.0/8'] });
    expect(portExposure(view, 'tcp', 22).kind).toBe('world');
  });

  it('an inactive ufw opens everything', () => {
    const inactive = parseUfwStatus(recorded('ufw-inactive.txt'));
    expect(inactive.active).toBe(false);
    expect(portExposure(inactive, 'tcp', 5432).kind).toBe('world');
  });

  it('reads multi-port rules, destination addresses and an allow-by-default policy (documented format)', () => {
    const view = parseUfwStatus(dedent`
      Status: active
      Logging: on (low)
      Default: allow (incoming), allow (outgoing), deny (routed)
      New profiles: skip

      To                         Action      From
      --                         ------      ----
      80,443/tcp                 ALLOW IN    Anywhere
      203.0.113.10 22/tcp        ALLOW IN    198.51.100.0/24
      5432/tcp                   DENY IN     Anywhere
      Anywhere                   ALLOW OUT   Anywhere
      80,443/tcp (v6)            ALLOW IN    Anywhere (v6)
      5432/tcp (v6)              DENY IN     Anywhere (v6)
    `);
    expect(portExposure(view, 'tcp', 443).kind).toBe('world');
    expect(portExposure(view, 'tcp', 22).kind).toBe('world');
    expect(portExposure(view, 'tcp', 5432).kind).toBe('closed');
    expect(portExposure(view, 'tcp', 3306).kind).toBe('world');
    expect(view.chains[0]!.rules[1]).toMatchObject({ sources: ['198.51.100.0/24'], ports: [{ from: 22, to: 22 }] });
  });
});

describe('nft -j list ruleset (recorded)', () => {
  it('follows a drop-policy input chain with named sets, prefixes and ranges', () => {
    const view = parseNftRuleset(recorded('nft-drop.json'));
    expect(view.active).toBe(true);
    expect(view.chains.map((chain) => [chain.family, chain.policy, chain.name])).toEqual([['both', 'deny', 'inet filter input']]);
    expect(portExposure(view, 'tcp', 22).kind).toBe('world');
    expect(portExposure(view, 'tcp', 443)).toMatchObject({ kind: 'ranges', sources: ['103.21.244.0/22', '104.16.0.0/13', '173.245.48.0/20', '2400:cb00::/32'] });
    expect(portExposure(view, 'tcp', 80)).toMatchObject({ kind: 'ranges' });
    expect(portExposure(view, 'tcp', 9100)).toMatchObject({ kind: 'ranges', sources: ['192.168.1.0/24'] });
    expect(portExposure(view, 'tcp', 8050).kind).toBe('world');
    expect(portExposure(view, 'udp', 8472).kind).toBe('world');
    expect(portExposure(view, 'tcp', 5432).kind).toBe('closed');
    expect(portExposure(view, 'tcp', 6379).kind).toBe('closed');
  });

  it('an accept-policy chain leaves unlisted ports open; jumps and negated sources are followed', () => {
    const view = parseNftRuleset(recorded('nft-accept.json'));
    expect(view.chains.map((chain) => [chain.family, chain.policy])).toEqual([
      [4, 'allow'],
      [6, 'deny'],
    ]);
    expect(portExposure(view, 'tcp', 6379).kind).toBe('world');
    // IPv4: dropped unless from 10.0.0.0/8; IPv6: the ip6 chain drops it.
    expect(portExposure(view, 'tcp', 9090)).toMatchObject({ kind: 'ranges', sources: ['10.0.0.0/8'] });
    // Allowed from two ranges, then accepted anyway by the policy.
    expect(portExposure(view, 'tcp', 10250)).toMatchObject({ kind: 'world', by: 'ip filter INPUT: policy accept' });
    expect(view.chains[0]!.rules.find((rule) => rule.ports.some((span) => span.from === 9090))).toMatchObject({ verdict: 'deny', negated: true, sources: ['10.0.0.0/8'] });
  });

  it('follows the chains firewalld writes (zones, goto, ct state sets, a final reject)', () => {
    const view = parseNftRuleset(recorded('nft-firewalld.json'));
    expect(portExposure(view, 'tcp', 22).kind).toBe('world');
    expect(portExposure(view, 'tcp', 9090).kind).toBe('world');
    expect(portExposure(view, 'tcp', 5432)).toMatchObject({ kind: 'ranges', sources: ['10.0.0.0/8'] });
    expect(portExposure(view, 'tcp', 6379).kind).toBe('closed');
  });

  it('a rule limited to one family by meta nfproto still opens its port (nft 1.0.6 output)', () => {
    const json =
      '{"nftables": [{"metainfo": {"version": "1.0.6", "release_name": "Lester Gooch #5", "json_schema_version": 1}}, {"table": {"family": "inet", "name": "t", "handle": 1}}, ' +
      '{"chain": {"family": "inet", "table": "t", "name": "input", "handle": 1, "type": "filter", "hook": "input", "prio": 0, "policy": "drop"}}, ' +
      '{"rule": {"family": "inet", "table": "t", "chain": "input", "handle": 2, "expr": [{"match": {"op": "==", "left": {"meta": {"key": "nfproto"}}, "right": "ipv4"}}, ' +
      '{"match": {"op": "==", "left": {"payload": {"protocol": "tcp", "field": "dport"}}, "right": 8080}}, {"accept": null}]}}]}';
    const view = parseNftRuleset(json);
    expect(view.skipped).toBe(0);
    expect(portExposure(view, 'tcp', 8080).kind).toBe('world');
  });

  it('no input chain is no firewall', () => {
    expect(parseNftRuleset(recorded('nft-empty.json')).active).toBe(false);
  });
});

describe('address ranges', () => {
  it('resolves cloudflare and CIDRs, and finds sources outside them', () => {
    expect(resolveRanges('cloudflare')).toHaveLength(CLOUDFLARE_RANGES.ipv4.length + CLOUDFLARE_RANGES.ipv6.length);
    expect(resolveRanges(['10.0.0.0/8', 'Cloudflare'])[0]).toBe('10.0.0.0/8');
    expect(() => resolveRanges('akamai')).toThrow(/neither a CIDR nor a known range name/);
    expect(sourcesOutside(['173.245.48.0/24', '2400:cb00:1::/48', '0.0.0.0/0', '203.0.113.7'], resolveRanges('cloudflare'))).toEqual(['0.0.0.0/0', '203.0.113.7']);
  });
});
