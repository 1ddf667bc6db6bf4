import type { FirewallChain, FirewallRule, FirewallView, PortSpan } from './firewall-rules.js';

/* The JSON of `nft -j list ruleset` (libnftables-json(5)): only the parts harden reads. */
type NftValue = string | number | { set?: NftValue[]; range?: [number, number]; prefix?: { addr: string; len: number } } | NftValue[];
interface NftMatch {
  op: string;
  left: { payload?: { protocol: string; field: string }; meta?: { key: string }; ct?: { key: string } };
  right: NftValue;
}
type NftExpr = { match?: NftMatch; accept?: null; drop?: null; reject?: unknown; jump?: { target: string }; goto?: { target: string }; return?: null } & Record<string, unknown>;
interface NftChain { family: string; table: string; name: string; hook?: string; type?: string; policy?: string }
interface NftRule { family: string; table: string; chain: string; expr: NftExpr[] }
interface NftSet { family: string; table: string; name: string; elem?: NftValue[] }

const IGNORED = new Set(['counter', 'log', 'limit', 'comment', 'notrack']);
const MAX_JUMPS = 8;

/**
 * Parses `nft -j list ruleset` into the input chains' rules: base chains on the `input` hook of
 * filter type, with their policy, following jumps and gotos into regular chains. Matches on
 * protocol, destination port, source address and input interface are understood; a rule with
 * any other match (marks, conntrack beyond established/related, fib…) is skipped and counted.
 */
export function parseNftRuleset(json: string): FirewallView {
  const items = (JSON.parse(json) as { nftables?: Record<string, unknown>[] }).nftables ?? [];
  const chains = items.flatMap((item) => (item.chain ? [item.chain as NftChain] : []));
  const rules = items.flatMap((item) => (item.rule ? [item.rule as NftRule] : []));
  const sets = items.flatMap((item) => (item.set ? [item.set as NftSet] : []));
  const key = (family: string, table: string, name: string) => `${family}\u0000${table}\u0000${name}`;
  const rulesOf = new Map<string, NftRule[]>();
  for (const rule of rules) {
    const k = key(rule.family, rule.table, rule.chain);
    rulesOf.set(k, [...(rulesOf.get(k) ?? []), rule]);
  }
  const setOf = new Map(sets.map((set) => [key(set.family, set.table, set.name), set.elem ?? []]));
  let skipped = 0;
  const read = (family: string, table: string, name: string, depth: number): FirewallRule[] =>
    (rulesOf.get(key(family, table, name)) ?? []).flatMap((rule) => {
      const lookup = (setName: string) => setOf.get(key(family, table, setName));
      const parsed = parseRule(rule.expr, lookup);
      if (parsed === 'skip') {
        skipped += 1;
        return [];
      }
      if (parsed === 'none') return [];
      if ('jump' in parsed) return depth < MAX_JUMPS ? read(family, table, parsed.jump, depth + 1).map((child) => narrowed(child, parsed.within)) : [];
      return [parsed];
    });
  const input = chains.filter((chain) => chain.hook === 'input' && (chain.type ?? 'filter') === 'filter' && ['inet', 'ip', 'ip6'].includes(chain.family));
  const firewallChains: FirewallChain[] = input.map((chain) => ({
    family: chain.family === 'ip' ? 4 : chain.family === 'ip6' ? 6 : 'both',
    policy: chain.policy === 'drop' ? 'deny' : 'allow',
    rules: read(chain.family, chain.table, chain.name, 0),
    name: `${chain.family} ${chain.table} ${chain.name}`,
  }));
  return { backend: 'nftables', active: firewallChains.length > 0, chains: firewallChains, skipped };
}

/** What a jump's own matches restrict the jumped-to chain's rules to. */
type Conditions = Pick<FirewallRule, 'proto' | 'ports' | 'sources' | 'negated' | 'iface'>;
type Parsed = FirewallRule | { jump: string; within: Conditions } | 'skip' | 'none';

function narrowed(child: FirewallRule, within: Conditions): FirewallRule {
  return {
    ...child,
    proto: child.proto === 'any' ? within.proto : child.proto,
    ports: child.ports.length > 0 ? child.ports : within.ports,
    ...(child.sources === 'any' && within.sources !== 'any' ? { sources: within.sources, ...(within.negated ? { negated: true } : {}) } : {}),
    ...(child.iface ?? within.iface ? { iface: (child.iface ?? within.iface)! } : {}),
  };
}

function parseRule(exprs: NftExpr[], lookup: (name: string) => NftValue[] | undefined): Parsed {
  let proto: FirewallRule['proto'] = 'any';
  let ports: PortSpan[] = [];
  let sources: FirewallRule['sources'] = 'any';
  let negated = false;
  let iface: string | undefined;
  const text: string[] = [];
  for (const expr of exprs) {
    if (expr.match) {
      const { left, right, op } = expr.match;
      const resolved = typeof right === 'string' && right.startsWith('@') ? lookup(right.slice(1)) : right;
      if (resolved === undefined) return 'skip';
      text.push(describe(expr.match));
      if (left.payload?.field === 'dport' && ['tcp', 'udp', 'th'].includes(left.payload.protocol) && op !== '!=') {
        if (left.payload.protocol !== 'th') proto = left.payload.protocol as 'tcp' | 'udp';
        ports = portSpans(resolved);
        if (ports.length === 0) return 'skip';
      } else if (left.payload?.field === 'saddr' && (left.payload.protocol === 'ip' || left.payload.protocol === 'ip6')) {
        sources = addresses(resolved);
        negated = op === '!=';
        if (sources.length === 0) return 'skip';
      } else if ((left.meta?.key === 'l4proto' || (left.payload?.protocol === 'ip' && left.payload.field === 'protocol') || (left.payload?.protocol === 'ip6' && left.payload.field === 'nexthdr')) && op !== '!=') {
        if (resolved === 'tcp' || resolved === 'udp') proto = resolved;
        else return 'none';
      } else if ((left.meta?.key === 'iif' || left.meta?.key === 'iifname') && op !== '!=' && typeof resolved === 'string') {
        if (resolved === 'lo') return 'none';
        iface = resolved;
      } else if (left.meta?.key === 'nfproto') {
        // `meta nfproto ipv4` in an inet chain: read as applying to both families, a wider view of what opens.
      } else if (left.ct?.key === 'state') {
        const states = words(resolved);
        if (!states.includes('new')) return 'none';
      } else return 'skip';
      continue;
    }
    if ('accept' in expr) return rule('allow');
    if ('drop' in expr || 'reject' in expr) return rule('deny');
    if (expr.jump || expr.goto) return { jump: (expr.jump ?? expr.goto)!.target, within: { proto, ports, sources, ...(negated ? { negated } : {}), ...(iface ? { iface } : {}) } };
    if ('return' in expr) return 'none';
    if (!Object.keys(expr).some((name) => IGNORED.has(name))) return 'skip';
  }
  return 'none';

  function rule(verdict: 'allow' | 'deny'): FirewallRule {
    return { verdict, proto, ports, sources, text: `${text.join(' ')} ${verdict === 'allow' ? 'accept' : 'drop'}`.trim(), ...(negated ? { negated } : {}), ...(iface ? { iface } : {}) };
  }
}

function portSpans(value: NftValue): PortSpan[] {
  if (typeof value === 'number') return [{ from: value, to: value }];
  if (Array.isArray(value)) return value.flatMap(portSpans);
  if (typeof value === 'object' && value.set) return value.set.flatMap(portSpans);
  if (typeof value === 'object' && value.range) return [{ from: value.range[0], to: value.range[1] }];
  return [];
}

function words(value: NftValue): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(words);
  if (typeof value === 'object' && value.set) return value.set.flatMap(words);
  return [];
}

function addresses(value: NftValue): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(addresses);
  if (typeof value === 'object' && value.set) return value.set.flatMap(addresses);
  if (typeof value === 'object' && value.prefix) return [`${value.prefix.addr}/${value.prefix.len}`];
  return [];
}

function describe(match: NftMatch): string {
  const left = match.left.payload ? `${match.left.payload.protocol} ${match.left.payload.field}` : match.left.meta ? `meta ${match.left.meta.key}` : match.left.ct ? `ct ${match.left.ct.key}` : '?';
  const right = typeof match.right === 'string' || typeof match.right === 'number' ? String(match.right) : JSON.stringify(match.right).slice(0, 80);
  return `${left}${match.op === '==' || match.op === 'in' ? '' : ` ${match.op}`} ${right}`;
}
