import { cidrContains, parseCidr } from './cidr.js';

/** A port span a rule matches; a rule with no spans matches every port. */
export interface PortSpan {
  readonly from: number;
  readonly to: number;
}

/** One inbound rule as harden reads it from ufw or nftables. */
export interface FirewallRule {
  readonly verdict: 'allow' | 'deny';
  readonly proto: 'tcp' | 'udp' | 'any';
  /** Empty: every port. */
  readonly ports: readonly PortSpan[];
  /** 'any', or the CIDRs the rule admits (or, `negated`, every source but these). */
  readonly sources: 'any' | readonly string[];
  readonly negated?: boolean;
  /** The rule applies on this interface only (`ufw allow in on wg0`, `iifname "wg0"`). */
  readonly iface?: string;
  /** The rule as the tool prints it, for evidence. */
  readonly text: string;
}

/** The rules one address family's packets meet, in order, and what happens to a packet no rule decides. */
export interface FirewallChain {
  readonly family: 4 | 6 | 'both';
  readonly policy: 'allow' | 'deny';
  readonly rules: readonly FirewallRule[];
  readonly name: string;
}

export interface FirewallView {
  readonly backend: 'ufw' | 'nftables';
  readonly active: boolean;
  readonly chains: readonly FirewallChain[];
  /** Rules read but not understood (matches on marks, sets of other types…): skipped, counted for the evidence. */
  readonly skipped: number;
}

/** How far a port is open: to everyone, to some source ranges, or not at all. */
export type Exposure =
  | { readonly kind: 'world'; readonly by: string }
  | { readonly kind: 'ranges'; readonly sources: readonly string[]; readonly by: readonly string[] }
  | { readonly kind: 'closed' };

const matchesPort = (rule: FirewallRule, proto: 'tcp' | 'udp', port: number) =>
  (rule.proto === 'any' || rule.proto === proto) && (rule.ports.length === 0 || rule.ports.some((span) => port >= span.from && port <= span.to));

/** Walks one chain first-match: an allow from anywhere opens the port to the world, source-limited allows collect their ranges. */
export function chainExposure(chain: FirewallChain, proto: 'tcp' | 'udp', port: number): Exposure {
  const sources: string[] = [];
  const by: string[] = [];
  for (const rule of chain.rules) {
    if (!matchesPort(rule, proto, port)) continue;
    if (rule.verdict === 'deny') {
      if (rule.sources === 'any' && !rule.iface) return limitedOrClosed(sources, by);
      // "drop unless from X": only X gets further.
      if (rule.negated && rule.sources !== 'any' && !rule.iface) return limitedOrClosed([...sources, ...rule.sources], [...by, rule.text]);
      continue;
    }
    if (rule.iface) continue;
    if (rule.sources === 'any' || rule.negated) return { kind: 'world', by: rule.text };
    sources.push(...rule.sources);
    by.push(rule.text);
  }
  if (chain.policy === 'allow') return { kind: 'world', by: `${chain.name}: policy accept` };
  return limitedOrClosed(sources, by);
}

function limitedOrClosed(sources: string[], by: string[]): Exposure {
  return sources.length > 0 ? { kind: 'ranges', sources: [...new Set(sources)], by } : { kind: 'closed' };
}

/**
 * The port's exposure over every chain a packet of each family meets (all must let it pass);
 * a family no chain filters is open to the world. An inactive firewall opens everything.
 */
export function portExposure(view: FirewallView, proto: 'tcp' | 'udp', port: number): Exposure {
  if (!view.active) return { kind: 'world', by: `${view.backend} inactive` };
  const perFamily = ([4, 6] as const).map((family) => {
    const chains = view.chains.filter((chain) => chain.family === family || chain.family === 'both');
    if (chains.length === 0) return { kind: 'world', by: `no ${view.backend} input chain for IPv${family}` } as Exposure;
    const exposures = chains.map((chain) => chainExposure(chain, proto, port));
    return exposures.find((e) => e.kind === 'closed') ?? exposures.find((e) => e.kind === 'ranges') ?? exposures[0]!;
  });
  const world = perFamily.find((e) => e.kind === 'world');
  if (world) return world;
  const ranges = perFamily.filter((e): e is Extract<Exposure, { kind: 'ranges' }> => e.kind === 'ranges');
  if (ranges.length === 0) return { kind: 'closed' };
  return { kind: 'ranges', sources: [...new Set(ranges.flatMap((e) => e.sources))], by: [...new Set(ranges.flatMap((e) => e.by))] };
}

/** Sources an exposure admits that lie outside every allowed CIDR. */
export function sourcesOutside(sources: readonly string[], allowed: readonly string[]): string[] {
  const within = allowed.map((text) => parseCidr(text)).filter((cidr) => cidr !== undefined);
  return sources.filter((source) => {
    const cidr = parseCidr(source);
    return cidr === undefined || !within.some((range) => cidrContains(range, cidr));
  });
}
