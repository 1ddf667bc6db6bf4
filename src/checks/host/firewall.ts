import { DATASTORE_PORTS } from '../../targets/host/datastore-ports.js';
import { portExposure, sourcesOutside, type FirewallView, type PortSpan } from '../../targets/host/firewall-rules.js';
import type { HostTarget } from '../../targets/host/host-target.js';
import { parseNftRuleset } from '../../targets/host/nftables.js';
import { absence, runTool, type ToolOutput } from '../../targets/host/tool-output.js';
import { parseUfwStatus } from '../../targets/host/ufw.js';
import { defineCheck } from '../define.js';

export const firewall = defineCheck({
  id: 'host/firewall',
  title: 'A host firewall is active, opens to the world only allowed ports, and limits restricted ports to their ranges',
  severity: 'high',
  target: 'host',
  why:
    'A host firewall is the layer that still holds when a service binds to 0.0.0.0 by mistake. The check reads ufw (`ufw status verbose`) and, ' +
    'when ufw is not active, the nftables ruleset (`nft -j list ruleset`: input-hook filter chains, their policy, and rules matching protocol, ' +
    'destination port, source address and interface, following jumps). It fails when neither is active, when the input policy accepts ' +
    'everything, when a port open to every source is not in the plan\'s `allowPorts` (without `allowPorts`, only datastore ports open to the ' +
    'world fail), and when a port of `restrictPorts` (443 behind Cloudflare: `restrictPorts: { 443: cloudflare }`) accepts sources outside its ' +
    'ranges: an origin reachable directly lets attackers bypass the CDN\'s WAF and rate limits. Rules harden cannot read (marks, iptables-legacy, ' +
    'xt matches) are skipped and counted in the evidence. Ports Docker publishes are forwarded before the input chain sees them (ufw does not ' +
    'stop them): host/listening-ports reports them. Both tools need root: run as root or grant the SSH user read access through sudo.',
  fix:
    'Enable a default-deny firewall: `ufw default deny incoming && ufw allow 22/tcp && ufw enable`, or an nftables input chain with `policy drop`. ' +
    'Allow each public port explicitly, and restricted ports from their ranges only: `for r in $(curl -s https://www.cloudflare.com/ips-v4); do ' +
    'ufw allow from $r to any port 443 proto tcp; done` (and ips-v6). Remove allow-from-anywhere rules for ports the plan does not list.',
  refs: ['CIS Distribution Independent Linux Benchmark 3.5 (firewall configuration: default deny, loopback, open ports)', 'Cloudflare: Allowing Cloudflare IP addresses (developers.cloudflare.com/fundamentals/concepts/cloudflare-ip-addresses/)', 'Lynis FIRE-4512, FIRE-4513 (iptables/nftables rules)', 'NIST SP 800-41r1'],
  messages: {
    none: 'No active host firewall: {detail}',
    policyOpen: 'Packets no rule drops are accepted ({reason}): every listening port is open to the world',
    worldOpen: '{ports} is open to every source ({backend}: {rule}); the plan allows {allowed}',
    datastoreOpen: '{service} port {ports} is open to every source ({backend}: {rule})',
    unrestricted: '{proto}/{port} must be limited to {ranges} but is open to every source ({backend}: {rule})',
    outsideRanges: '{proto}/{port} must be limited to {ranges} but also accepts {outside}',
  },
  claims: [
    {
      about: 'a host firewall is active',
      names: ['UFW', 'nftables', 'iptables', 'host firewall', ['firewall', 'default deny'], ['firewall', 'enabled'], ['firewall', 'active'], ['firewall', 'node*'], ['firewall', 'server*'], ['firewall', 'VPS']],
      unless: ['web application firewall', 'WAF', 'security group*', 'cloud firewall'],
      messages: ['none', 'policyOpen', 'worldOpen', 'datastoreOpen'],
    },
    {
      about: 'the origin accepts only the CDN\'s ranges',
      names: [['origin', 'Cloudflare IP'], ['origin', 'Cloudflare IPs'], ['origin', 'Cloudflare range*'], ['origin', 'IP restriction*'], ['443', 'Cloudflare'], ['origin', 'allowlist'], ['origin', 'direct* access*'], ['origin', 'lock* down'], ['firewall', 'Cloudflare'], ['UFW', 'Cloudflare'], ['UFW', 'CF-IP'], ['UFW', 'CF IPs']],
      messages: ['unrestricted', 'outsideRanges'],
    },
  ],
  async evaluate(host, ctx) {
    const view = await readFirewall(host);
    if (typeof view === 'string') {
      ctx.fail(host.location, 'none', { detail: view });
      return;
    }
    const skipped = view.skipped > 0 ? `; ${view.skipped} rule(s) not understood and skipped` : '';
    const unlisted = unlistedPort(view);
    const byDefault = unlisted === undefined ? undefined : portExposure(view, 'tcp', unlisted);
    if (byDefault?.kind === 'world') {
      ctx.fail(host.location, 'policyOpen', { reason: byDefault.by }, `tcp/${unlisted}, which no rule names, is accepted (${byDefault.by})`);
      return;
    }
    const allowed = host.expect.allowPorts;
    const open: string[] = [];
    for (const rule of worldOpenRules(view)) {
      const { span, proto, text } = rule;
      const ports = `${spanText(span)}/${proto === 'any' ? 'tcp+udp' : proto}`;
      open.push(ports);
      const covered = allowed !== undefined && span.to - span.from < 65535 && range(span).every((port) => allowed.includes(port));
      if (allowed !== undefined && !covered) ctx.fail(host.location, 'worldOpen', { ports, backend: view.backend, rule: text, allowed: allowed.join(', ') || 'none' });
      else if (allowed === undefined) {
        const service = Object.entries(DATASTORE_PORTS).find(([port]) => Number(port) >= span.from && Number(port) <= span.to)?.[1];
        if (service !== undefined) ctx.fail(host.location, 'datastoreOpen', { service, ports, backend: view.backend, rule: text });
      }
    }
    for (const [portText, ranges] of Object.entries(host.expect.restrictPorts ?? {})) {
      const port = Number(portText);
      for (const proto of ['tcp', 'udp'] as const) {
        const exposure = portExposure(view, proto, port);
        const data = { proto, port, ranges: rangesText(ranges) };
        if (proto === 'udp' && !mentions(view, 'udp', port)) continue;
        if (exposure.kind === 'world') ctx.fail(host.location, 'unrestricted', { ...data, backend: view.backend, rule: exposure.by });
        else if (exposure.kind === 'ranges') {
          const outside = sourcesOutside(exposure.sources, ranges);
          if (outside.length > 0) ctx.fail(host.location, 'outsideRanges', { ...data, outside: outside.join(', ') }, exposure.by.join('\n'));
        }
      }
    }
    ctx.computed({ firewall: view.backend, openToWorld: open.join(', ') });
    ctx.measured(`${view.backend} active; open to every source: ${open.join(', ') || 'nothing'}${skipped}`);
  },
});

/** ufw when it is active, else nftables; a string says why there is no firewall to read. */
async function readFirewall(host: HostTarget): Promise<FirewallView | string> {
  const ufw = await runTool(host, 'ufwStatus');
  if (ufw.kind === 'ok') {
    const view = parseUfwStatus(ufw.stdout);
    if (view.active) return view;
  }
  const nft = await runTool(host, 'nftRuleset');
  if (nft.kind === 'ok') {
    const view = parseNftRuleset(nft.stdout);
    if (view.active) return view;
  }
  const refused = [ufw, nft].filter((output): output is Extract<ToolOutput, { kind: 'failed' }> => output.kind === 'failed');
  if (refused.length > 0) throw new Error(`the firewall cannot be read: ${refused.map(absence).join('; ')}`);
  const states = [ufw.kind === 'ok' ? 'ufw is inactive' : absence(ufw as Exclude<ToolOutput, { kind: 'ok' }>), nft.kind === 'ok' ? 'nftables has no input chain (iptables-legacy rules are not read)' : absence(nft as Exclude<ToolOutput, { kind: 'ok' }>)];
  return states.join(', ');
}

/** Allow rules that admit every source on some port, from the first chain of each family, as the packet meets them. */
function worldOpenRules(view: FirewallView): { span: PortSpan; proto: 'tcp' | 'udp' | 'any'; text: string }[] {
  const found = new Map<string, { span: PortSpan; proto: 'tcp' | 'udp' | 'any'; text: string }>();
  for (const chain of view.chains)
    for (const rule of chain.rules) {
      if (rule.verdict !== 'allow' || rule.iface || (rule.sources !== 'any' && !rule.negated)) continue;
      for (const span of rule.ports.length > 0 ? rule.ports : [{ from: 0, to: 65535 }]) {
        const probe = rule.proto === 'udp' ? 'udp' : 'tcp';
        if (portExposure(view, probe, span.from).kind !== 'world') continue;
        const key = `${span.from}-${span.to}/${rule.proto}`;
        if (!found.has(key)) found.set(key, { span, proto: rule.proto, text: rule.text });
      }
    }
  return [...found.values()];
}

/** The lowest port no rule of any chain names: what the policies alone decide. */
function unlistedPort(view: FirewallView): number | undefined {
  const spans = view.chains.flatMap((chain) => chain.rules.flatMap((rule) => rule.ports));
  for (let port = 1; port <= 65535; port += 1) if (!spans.some((span) => port >= span.from && port <= span.to)) return port;
  return undefined;
}

/** Whether a rule names this port for the protocol (not only every port). */
function mentions(view: FirewallView, proto: 'tcp' | 'udp', port: number): boolean {
  return view.chains.some((chain) => chain.rules.some((rule) => (rule.proto === 'any' || rule.proto === proto) && rule.ports.some((span) => port >= span.from && port <= span.to)));
}

const spanText = (span: PortSpan) => (span.from === span.to ? String(span.from) : span.from === 0 && span.to === 65535 ? 'every port' : `${span.from}-${span.to}`);
const range = (span: PortSpan) => Array.from({ length: span.to - span.from + 1 }, (_, i) => span.from + i);

function rangesText(ranges: readonly string[]): string {
  return ranges.length > 4 ? `${ranges.slice(0, 3).join(', ')} and ${ranges.length - 3} more` : ranges.join(', ');
}
