import type { FirewallChain, FirewallRule, FirewallView, PortSpan } from './firewall-rules.js';

/**
 * Parses `ufw status verbose`: the Status line, the `Default: deny (incoming)` policy and the
 * To / Action / From table (columns two or more spaces apart). Inbound rules only; `(v6)`
 * rules and IPv6 sources go to the IPv6 chain, the others to IPv4.
 */
export function parseUfwStatus(output: string): FirewallView {
  const active = /^Status:\s*active\b/im.test(output);
  const incoming = /^Default:.*?\b(allow|deny|reject)\s*\(incoming\)/im.exec(output)?.[1];
  const policy = incoming === 'allow' ? 'allow' : 'deny';
  const v4: FirewallRule[] = [];
  const v6: FirewallRule[] = [];
  let skipped = 0;
  let inTable = false;
  for (const line of output.split('\n')) {
    if (/^To\s+Action\s+From/.test(line)) {
      inTable = true;
      continue;
    }
    if (!inTable || /^-+\s+-+/.test(line) || line.trim() === '') continue;
    const [to, action, from] = line.trim().split(/\s{2,}/);
    if (to === undefined || action === undefined || from === undefined) {
      skipped += 1;
      continue;
    }
    const rule = parseRule(to, action, from, `${to} ${action} ${from}`);
    if (rule === 'outbound') continue;
    if (rule === undefined) {
      skipped += 1;
      continue;
    }
    (rule.v6 ? v6 : v4).push(rule.rule);
  }
  const chains: FirewallChain[] = [
    { family: 4, policy, rules: v4, name: 'ufw (IPv4)' },
    { family: 6, policy, rules: v6, name: 'ufw (IPv6)' },
  ];
  return { backend: 'ufw', active, chains, skipped };
}

const PORTS = /^(\d+(?:[:,]\d+)*)(?:\/(tcp|udp))?$/;

function parseRule(to: string, action: string, from: string, text: string): { rule: FirewallRule; v6: boolean } | 'outbound' | undefined {
  const verb = /^(ALLOW|DENY|REJECT|LIMIT)(?:\s+(IN|OUT|FWD))?$/i.exec(action.trim());
  if (!verb) return undefined;
  if (verb[2] && verb[2].toUpperCase() !== 'IN') return 'outbound';
  const v6 = /\(v6\)/.test(to) || /\(v6\)/.test(from) || /^[0-9a-f]*:[0-9a-f:]*(\/\d+)?$/i.test(from.split(/\s+/)[0] ?? '');
  // ufw prints `allow in on wg0` in the To column (`9100/tcp on wg0`) or, in other versions, the From column (`Anywhere on eth0`).
  const iface = / on (\S+)/.exec(to)?.[1] ?? / on (\S+)/.exec(from)?.[1];
  const target = to.replace(/\s*\((?:[^()]|\([^()]*\))*\)/g, '').replace(/ on \S+/, '').trim();
  const words = target.split(/\s+/);
  // "Anywhere", "22/tcp", "192.168.1.10 22/tcp" (a destination address, then the port), "OpenSSH" (a profile without its ports).
  const portWord = words.length > 1 ? words[1]! : words[0]!;
  let ports: PortSpan[] = [];
  let proto: FirewallRule['proto'] = 'any';
  const parsed = PORTS.exec(portWord);
  if (parsed) {
    ports = parsed[1]!.split(',').map((part) => {
      const [a, b = a] = part.split(':');
      return { from: Number(a), to: Number(b) };
    });
    proto = (parsed[2] as 'tcp' | 'udp' | undefined) ?? 'any';
  } else if (!(words.length === 1 && (portWord === 'Anywhere' || /[.:]/.test(portWord)))) return undefined;
  const source = from.replace(/\s*\(v6\)/, '').replace(/ on \S+/, '').trim().split(/\s+/)[0]!;
  const sources = source === 'Anywhere' ? 'any' : [source];
  const verdict = verb[1]!.toUpperCase() === 'ALLOW' || verb[1]!.toUpperCase() === 'LIMIT' ? 'allow' : 'deny';
  return { rule: { verdict, proto, ports, sources, text, ...(iface ? { iface } : {}) }, v6 };
}
