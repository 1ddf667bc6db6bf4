import { argvOf, parseShell, type ShellCommand, type ShellPipeline } from '../targets/shell/command-line.js';

/** A live target a command reaches. */
export type NamedTarget = ({ kind: 'domain'; name: string } | { kind: 'site'; url: string } | { kind: 'service'; host: string; port: number; service: 'tcp' | 'redis' | 'postgres' }) & {
  /** Set when the item does not name the target itself: where it comes from. */
  from?: string;
};

/** What a verification command measures: a check (scoped to some of its messages) and the target it reads. */
export interface CommandHint {
  check: string;
  messages?: readonly string[];
  /** The command as written, for the link comment. */
  command: string;
  target?: NamedTarget;
}

/**
 * The commands an item's text carries: `Verify:` / `Check:` / `Test:` lines and code spans
 * (`dig +short TXT _dmarc.example.com`) whose program is one a team checks with.
 */
export function commandsIn(text: string): string[] {
  const commands: string[] = [];
  for (const line of text.split('\n')) {
    const labelled = /^\s*(?:[-*]\s*)?(?:\*\*)?(?:verify|verified by|verification|check|test|how to (?:verify|check|test))(?:\*\*)?\s*:\s*(.+)$/i.exec(line)?.[1];
    const spans = [...line.matchAll(/`([^`\n]+)`/g)].map((match) => match[1]!);
    if (labelled && spans.length === 0) commands.push(labelled.replace(/^\$\s*/, ''));
    for (const span of spans) if (PROGRAM.test(span.replace(/^\$\s*/, ''))) commands.push(span.replace(/^\$\s*/, ''));
  }
  return commands;
}

const PROGRAM = /^(?:sudo\s+)?(?:dig|host|nslookup|drill|delv|curl|wget|http|https|openssl|testssl(?:\.sh)?|sslscan|nmap|nc|ncat|netcat|telnet|redis-cli|psql|pg_isready|kubectl|ssh)\b/;

/** What each command of a verification line measures, when a harden check measures the same. */
export function hintsOf(command: string): CommandHint[] {
  const hints: CommandHint[] = [];
  for (const pipeline of safeParse(command)) {
    // `echo | openssl s_client …`, `curl … | grep -i header`: the command that measures, and what is read of its output.
    const filter = pipeline.commands
      .map(argvOf)
      .filter((argv) => argv[0] === 'grep' || argv[0] === 'egrep' || argv[0] === 'rg')
      .flatMap((argv) => argv.slice(1).filter((word) => !word.startsWith('-')))
      .join(' ')
      .toLowerCase();
    for (const shell of pipeline.commands) hints.push(...hintsOfCommand(shell, filter, command));
  }
  return hints;
}

function safeParse(command: string): ShellPipeline[] {
  try {
    return parseShell(command);
  } catch {
    return [];
  }
}

function hintsOfCommand(shell: ShellCommand, filter: string, command: string): CommandHint[] {
  const argv = argvOf(shell);
  const program = argv[0] ?? '';
  const args = argv.slice(1);
  switch (program) {
    case 'dig':
    case 'host':
    case 'nslookup':
    case 'drill':
    case 'delv':
      return dnsHints(args, filter, command);
    case 'curl':
    case 'wget':
    case 'http':
    case 'https':
      return httpHints(args, filter, command);
    case 'openssl':
    case 'testssl':
    case 'testssl.sh':
    case 'sslscan':
      return tlsHints(program, args, command);
    case 'redis-cli':
      return serviceHint(args, 6379, 'redis', 'net/redis-no-auth', command);
    case 'psql':
    case 'pg_isready':
      return serviceHint(args, 5432, 'postgres', 'net/postgres-trust', command);
    default:
      return [];
  }
}

const RECORD_TYPES = new Set(['A', 'AAAA', 'TXT', 'MX', 'CAA', 'NS', 'SOA', 'CNAME', 'DS', 'DNSKEY', 'TLSA', 'SRV', 'ANY']);

function dnsHints(args: readonly string[], filter: string, command: string): CommandHint[] {
  const type = args.map((arg) => arg.replace(/^-(?:type=|query=|q=|t)/i, '').toUpperCase()).find((arg) => RECORD_TYPES.has(arg));
  const name = args.find((arg) => !arg.startsWith('-') && !arg.startsWith('+') && !arg.startsWith('@') && !RECORD_TYPES.has(arg.toUpperCase()) && /\./.test(arg))?.replace(/\.$/, '');
  if (!name) return [];
  const lower = name.toLowerCase();
  const domainOf = (prefix: string) => ({ kind: 'domain' as const, name: lower.slice(prefix.length) });
  if (lower.startsWith('_dmarc.')) return [{ check: 'dns/dmarc', command, target: domainOf('_dmarc.') }];
  if (lower.startsWith('_mta-sts.')) return [{ check: 'dns/mta-sts', command, target: domainOf('_mta-sts.') }];
  if (lower.startsWith('_smtp._tls.')) return [{ check: 'dns/tls-rpt', command, target: domainOf('_smtp._tls.') }];
  const domain = { kind: 'domain' as const, name: lower };
  if (type === 'CAA') return [{ check: 'dns/caa', command, target: domain }];
  if (type === 'DS' || type === 'DNSKEY' || args.includes('+dnssec')) return [{ check: 'dns/dnssec', command, target: domain }];
  if (type === 'TXT' && /spf/.test(filter)) return [{ check: 'dns/spf', command, target: domain }];
  return [];
}

/** The check and messages a response header is measured by, from a `grep -i HEADER` after the request. */
const HEADER_HINTS: readonly [RegExp, string, readonly string[] | undefined][] = [
  [/strict-transport-security|\bhsts\b/, 'http/hsts', undefined],
  [/content-security-policy|\bcsp\b/, 'http/csp', undefined],
  [/x-frame-options|frame-ancestors/, 'http/frame-options', undefined],
  [/x-content-type-options|nosniff/, 'http/content-type-options', undefined],
  [/referrer-policy/, 'http/referrer-policy', undefined],
  [/x-xss-protection/, 'http/xss-protection', undefined],
  [/cross-origin-(?:opener|resource|embedder)-policy/, 'http/cross-origin-isolation', undefined],
  [/x-powered-by|^server\b|\bserver:/, 'http/server-leaks', undefined],
  [/access-control-allow/, 'http/cors', undefined],
  [/set-cookie/, 'http/cookies', undefined],
];

function httpHints(args: readonly string[], filter: string, command: string): CommandHint[] {
  const url = args.find((arg) => /^https?:\/\//i.test(arg));
  if (!url || !URL.canParse(url)) return [];
  const parsed = new URL(url);
  const site = { kind: 'site' as const, url: parsed.origin };
  const path = parsed.pathname.toLowerCase();
  if (path.endsWith('/security.txt')) return [{ check: 'http/security-txt', command, target: site }];
  if (/\/\.(?:env|git)\b|\/(?:metrics|actuator|debug|server-status|phpinfo)/.test(path)) return [{ check: 'http/exposed-paths', command, target: site }];
  const header = HEADER_HINTS.find(([pattern]) => pattern.test(filter));
  if (header) return [{ check: header[1], ...(header[2] ? { messages: header[2] } : {}), command, target: site }];
  return [];
}

function tlsHints(program: string, args: readonly string[], command: string): CommandHint[] {
  const address = program === 'openssl' ? args[args.indexOf('-connect') + 1] : args.find((arg) => !arg.startsWith('-'));
  if (!address || (program === 'openssl' && !args.includes('s_client'))) return [];
  const [host, port] = splitAddress(address.replace(/^https?:\/\//, ''), 443);
  if (!host) return [];
  const site = { kind: 'site' as const, url: port === 443 ? `https://${host}` : `https://${host}:${port}` };
  if (args.some((arg) => /^-(?:tls1|tls1_1|ssl3)$/.test(arg))) return [{ check: 'tls/protocol-versions', command, target: site }];
  if (args.includes('-status')) return [{ check: 'tls/ocsp-stapling', command, target: site }];
  if (args.some((arg) => /^-(?:tls1_3)$/.test(arg))) return [{ check: 'tls/tls13', command, target: site }];
  return [{ check: 'tls/certificate-valid', command, target: site }];
}

function serviceHint(args: readonly string[], defaultPort: number, service: 'redis' | 'postgres', check: string, command: string): CommandHint[] {
  const option = (flags: readonly string[]) => {
    const i = args.findIndex((arg) => flags.includes(arg));
    return i >= 0 ? args[i + 1] : undefined;
  };
  const uri = args.find((arg) => /^(?:redis|rediss|postgres|postgresql):\/\//.test(arg));
  if (uri && URL.canParse(uri)) {
    const parsed = new URL(uri);
    return [{ check, command, target: { kind: 'service', host: parsed.hostname, port: Number(parsed.port || defaultPort), service } }];
  }
  const host = option(['-h', '--host']);
  if (!host) return [];
  const port = Number(option(['-p', '--port']) ?? defaultPort);
  return [{ check, command, target: { kind: 'service', host, port: Number.isInteger(port) ? port : defaultPort, service } }];
}

function splitAddress(address: string, defaultPort: number): [string | undefined, number] {
  const match = /^\[?([^\]]+?)\]?(?::(\d+))?$/.exec(address);
  return [match?.[1], Number(match?.[2] ?? defaultPort)];
}
