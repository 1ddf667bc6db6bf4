import { isIP } from 'node:net';

/** RFC 7208 §4.6.2: + pass, - fail, ~ softfail, ? neutral. */
export type SpfQualifier = '+' | '-' | '~' | '?';
export type SpfMechanismName = 'all' | 'include' | 'a' | 'mx' | 'ptr' | 'ip4' | 'ip6' | 'exists';

export interface SpfMechanism {
  qualifier: SpfQualifier;
  name: SpfMechanismName;
  /** The domain-spec or address after ":", without a "/cidr" suffix. */
  value: string | undefined;
  /** The term as written. */
  term: string;
}

export interface SpfRecord {
  text: string;
  mechanisms: SpfMechanism[];
  /** redirect= target, when written once. */
  redirect: string | undefined;
  errors: string[];
  /** Problems that are not errors: terms after "all", ptr (RFC 7208 §5.5). */
  warnings: string[];
}

const MECHANISMS = new Set<string>(['all', 'include', 'a', 'mx', 'ptr', 'ip4', 'ip6', 'exists']);
/** The terms that cost a DNS lookup (RFC 7208 §4.6.4); `redirect` counts too. */
const LOOKUP_MECHANISMS = new Set<SpfMechanismName>(['include', 'a', 'mx', 'ptr', 'exists']);

/** TXT strings that are SPF records: "v=spf1" then a space or nothing (RFC 7208 §4.5). */
export function isSpf(text: string): boolean {
  return /^v=spf1(\s|$)/i.test(text);
}

export function parseSpf(text: string): SpfRecord {
  const record: SpfRecord = { text, mechanisms: [], redirect: undefined, errors: [], warnings: [] };
  const terms = text.trim().split(/\s+/).slice(1);
  let redirects = 0;
  let exps = 0;
  let afterAll = false;
  for (const term of terms) {
    const modifier = /^([a-z][a-z0-9_.-]*)=(.*)$/i.exec(term);
    if (modifier) {
      const name = modifier[1]!.toLowerCase();
      const value = modifier[2]!;
      if (name === 'redirect' || name === 'exp') {
        if (name === 'redirect') {
          redirects += 1;
          record.redirect = value;
        } else exps += 1;
        if (!isDomainSpec(value)) record.errors.push(`${name}=${value}: not a domain`);
      }
      // Unknown modifiers are ignored (RFC 7208 §6).
      continue;
    }
    const match = /^([+\-~?]?)([a-z0-9]+)(?:([:/])(.*))?$/i.exec(term);
    const name = match?.[2]?.toLowerCase();
    if (!match || !name || !MECHANISMS.has(name)) {
      record.errors.push(`unknown term "${term}"`);
      continue;
    }
    const qualifier = (match[1] || '+') as SpfQualifier;
    const separator = match[3];
    const rest = match[4] ?? '';
    const mechanism = validateMechanism(name as SpfMechanismName, separator, rest, term, record.errors);
    if (!mechanism) continue;
    if (afterAll) {
      record.warnings.push(`"${term}" after "all" is never evaluated`);
      continue;
    }
    if (name === 'ptr') record.warnings.push('ptr should not be used (RFC 7208 §5.5)');
    record.mechanisms.push({ qualifier, name: name as SpfMechanismName, value: mechanism.value, term });
    if (name === 'all') afterAll = true;
  }
  if (redirects > 1) record.errors.push('redirect= appears more than once');
  if (exps > 1) record.errors.push('exp= appears more than once');
  if (record.mechanisms.filter((m) => m.name === 'all').length > 1) record.errors.push('"all" appears more than once');
  return record;
}

function validateMechanism(name: SpfMechanismName, separator: string | undefined, rest: string, term: string, errors: string[]): { value: string | undefined } | undefined {
  const bad = (why: string) => {
    errors.push(`"${term}": ${why}`);
    return undefined;
  };
  switch (name) {
    case 'all':
      return separator ? bad('"all" takes no argument') : { value: undefined };
    case 'include':
    case 'exists':
      if (separator !== ':' || !isDomainSpec(rest)) return bad(`${name} needs ":domain"`);
      return { value: rest };
    case 'ptr':
      if (separator === '/') return bad('ptr takes no CIDR length');
      if (separator === ':' && !isDomainSpec(rest)) return bad('not a domain');
      return { value: separator === ':' ? rest : undefined };
    case 'a':
    case 'mx': {
      if (!separator) return { value: undefined };
      const full = separator === '/' ? `/${rest}` : rest;
      const slash = full.indexOf('/');
      const domain = slash === -1 ? full : full.slice(0, slash);
      const cidr = slash === -1 ? undefined : full.slice(slash);
      if (separator === ':' && !isDomainSpec(domain)) return bad('not a domain');
      if (cidr !== undefined && !validDualCidr(cidr)) return bad(`bad CIDR length "${cidr}"`);
      return { value: domain || undefined };
    }
    case 'ip4': {
      const [address, length, extra] = rest.split('/');
      if (separator !== ':' || extra !== undefined || isIP(address ?? '') !== 4) return bad('not an IPv4 address');
      if (length !== undefined && !(/^\d{1,2}$/.test(length) && Number(length) <= 32)) return bad('bad IPv4 prefix length');
      return { value: address };
    }
    case 'ip6': {
      const slash = rest.lastIndexOf('/');
      const address = slash === -1 ? rest : rest.slice(0, slash);
      const length = slash === -1 ? undefined : rest.slice(slash + 1);
      if (separator !== ':' || isIP(address) !== 6) return bad('not an IPv6 address');
      if (length !== undefined && !(/^\d{1,3}$/.test(length) && Number(length) <= 128)) return bad('bad IPv6 prefix length');
      return { value: address };
    }
  }
}

/** "/24", "//64" or "/24//64" with an IPv4 length ≤ 32 and an IPv6 length ≤ 128 (RFC 7208 §5.6). */
function validDualCidr(cidr: string): boolean {
  const match = /^(?:\/(\d{1,2}))?(?:\/\/(\d{1,3}))?$/.exec(cidr);
  if (!match || (match[1] === undefined && match[2] === undefined)) return false;
  return (match[1] === undefined || Number(match[1]) <= 32) && (match[2] === undefined || Number(match[2]) <= 128);
}

/** A domain-spec: a domain name, possibly with %{x} macros (RFC 7208 §7.1). */
function isDomainSpec(text: string): boolean {
  return text.length > 0 && /^[\w.%{}+=,/-]+$/.test(text) && !text.startsWith('.');
}

function hasMacro(text: string): boolean {
  return text.includes('%');
}

/** The DNS questions the SPF walker asks; a DnsClient answers them. */
export interface SpfResolver {
  txt(name: string): Promise<string[]>;
  a(name: string): Promise<string[]>;
  aaaa(name: string): Promise<string[]>;
  mx(name: string): Promise<{ exchange: string; priority: number }[]>;
}

export interface SpfEvaluation {
  /** DNS-querying terms across the whole include/redirect tree (limit 10). */
  lookups: number;
  /** Lookups that returned nothing (limit 2). */
  voidLookups: number;
  /** The `all` that ends evaluation of the top record: its own, or the redirect target's. */
  all: SpfQualifier | undefined;
  /** Permanent errors found while walking: loops, missing or broken includes, too many MX. */
  errors: string[];
  /** True when the walk stopped early (lookup limit passed or depth bound reached). */
  truncated: boolean;
  /**
   * An include that matches every sender, before the record's own `all`: the included record (or one
   * it includes or redirects to) evaluates to pass for any sender (RFC 7208 §5.2), e.g. it ends in +all.
   * `qualifier` is the include's own, the result every sender then gets; `via` the chain, e.g.
   * "include:a.example → include:b.example (+all)".
   */
  everySender?: { qualifier: SpfQualifier; via: string };
}

/** What a record gives a sender that none of its address mechanisms matches. */
type Outcome = { all: SpfQualifier | undefined; everySender?: { qualifier: SpfQualifier; via: string } };

function passesEverySender(outcome: Outcome): boolean {
  return (outcome.everySender?.qualifier ?? outcome.all) === '+';
}

function everySenderChain(prefix: string, outcome: Outcome): string {
  return outcome.everySender ? `${prefix} → ${outcome.everySender.via}` : `${prefix} (${outcome.all}all)`;
}

export const SPF_LOOKUP_LIMIT = 10;
export const SPF_VOID_LIMIT = 2;
/** Recursion bound; the lookup limit stops any honest tree long before. */
const MAX_DEPTH = 12;

/**
 * Counts the DNS lookups an SPF check_host() would make for the record (RFC 7208 §4.6.4),
 * following include: and redirect= recursively. Macro domains count but are not resolved
 * (they depend on the sender). Stops once the lookup limit is passed.
 */
export async function evaluateSpfLookups(domain: string, record: SpfRecord, dns: SpfResolver): Promise<SpfEvaluation> {
  const result: SpfEvaluation = { lookups: 0, voidLookups: 0, all: undefined, errors: [], truncated: false };

  const countVoid = (answers: unknown[]) => {
    if (answers.length === 0) result.voidLookups += 1;
  };
  const over = () => result.lookups > SPF_LOOKUP_LIMIT;

  /** Returns the effective all of this record (after its redirect). `path` holds the domains being evaluated: a loop. */
  const walk = async (name: string, spf: SpfRecord, path: string[]): Promise<Outcome> => {
    let everySender: Outcome['everySender'];
    if (path.length > MAX_DEPTH) {
      result.truncated = true;
      return { all: undefined };
    }
    for (const mechanism of spf.mechanisms) {
      if (over()) {
        result.truncated = true;
        return { all: undefined, everySender };
      }
      if (mechanism.name === 'all') return { all: mechanism.qualifier, everySender };
      if (!LOOKUP_MECHANISMS.has(mechanism.name)) continue;
      result.lookups += 1;
      const target = (mechanism.value ?? name).toLowerCase().replace(/\.$/, '');
      if (hasMacro(target) || mechanism.name === 'ptr') continue;
      switch (mechanism.name) {
        case 'include': {
          if (path.includes(target)) {
            result.errors.push(`include loop: ${[...path, target].join(' → ')}`);
            continue;
          }
          const child = await fetchSpf(target, dns);
          if (child.kind === 'none') {
            if (child.void) countVoid([]);
            result.errors.push(`include:${target} has no SPF record`);
          } else if (child.kind === 'many') result.errors.push(`include:${target} has ${child.count} SPF records`);
          else {
            if (child.record.errors.length) result.errors.push(`include:${target}: ${child.record.errors.join('; ')}`);
            const included = await walk(target, child.record, [...path, target]);
            if (!everySender && passesEverySender(included)) everySender = { qualifier: mechanism.qualifier, via: everySenderChain(`include:${target}`, included) };
          }
          break;
        }
        case 'a':
        case 'exists': {
          const [v4, v6] = await Promise.all([dns.a(target), mechanism.name === 'a' ? dns.aaaa(target) : Promise.resolve([])]);
          countVoid([...v4, ...v6]);
          break;
        }
        case 'mx': {
          const exchanges = await dns.mx(target);
          countVoid(exchanges);
          if (exchanges.length > 10) result.errors.push(`mx:${target} has ${exchanges.length} MX records (more than 10)`);
          break;
        }
      }
    }
    const none: Outcome = { all: undefined, everySender };
    if (spf.redirect === undefined || spf.mechanisms.some((m) => m.name === 'all')) return none;
    result.lookups += 1;
    const target = spf.redirect.toLowerCase().replace(/\.$/, '');
    if (over()) {
      result.truncated = true;
      return none;
    }
    if (hasMacro(target)) return none;
    if (path.includes(target)) {
      result.errors.push(`redirect loop: ${[...path, target].join(' → ')}`);
      return none;
    }
    const next = await fetchSpf(target, dns);
    if (next.kind === 'none') {
      if (next.void) countVoid([]);
      result.errors.push(`redirect=${target} has no SPF record`);
      return none;
    }
    if (next.kind === 'many') {
      result.errors.push(`redirect=${target} has ${next.count} SPF records`);
      return none;
    }
    if (next.record.errors.length) result.errors.push(`redirect=${target}: ${next.record.errors.join('; ')}`);
    const redirected = await walk(target, next.record, [...path, target]);
    return { all: redirected.all, everySender: everySender ?? (redirected.everySender && { ...redirected.everySender, via: `redirect=${target} → ${redirected.everySender.via}` }) };
  };

  const start = domain.toLowerCase().replace(/\.$/, '');
  const outcome = await walk(start, record, [start]);
  result.all = outcome.all;
  if (outcome.everySender) result.everySender = outcome.everySender;
  return result;
}

/** `void`: the TXT lookup returned nothing at all (NXDOMAIN or no TXT), which counts toward the void limit. */
type Fetched = { kind: 'none'; void: boolean } | { kind: 'many'; count: number } | { kind: 'one'; record: SpfRecord };

async function fetchSpf(name: string, dns: SpfResolver): Promise<Fetched> {
  const texts = await dns.txt(name);
  const records = texts.filter(isSpf);
  if (records.length === 0) return { kind: 'none', void: texts.length === 0 };
  if (records.length > 1) return { kind: 'many', count: records.length };
  return { kind: 'one', record: parseSpf(records[0]!) };
}
