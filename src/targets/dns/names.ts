import { parse } from 'tldts';

/**
 * The organisational (registrable) domain of a name by the Public Suffix List, ICANN section:
 * a.b.example.co.uk → example.co.uk. Private suffixes (github.io, ...) are not stopped at, since
 * their owner's CAA and DMARC records do apply to the names under them. Names under a suffix the
 * list does not know (e.g. .test) take their last two labels. Undefined for an IP address, a
 * single label or a public suffix itself.
 */
export function organizationalDomain(name: string): string | undefined {
  const normal = normalizeName(name);
  const parsed = parse(normal, { allowPrivateDomains: false });
  if (parsed.isIp || !parsed.domain) return undefined;
  return parsed.domain;
}

/**
 * A name and its parents down to its organisational domain, closest first:
 * a.b.example.co.uk → a.b.example.co.uk, b.example.co.uk, example.co.uk. The walk never asks
 * about a public suffix; a name without an organisational domain is asked alone.
 */
export function nameAndParents(name: string): string[] {
  const normal = normalizeName(name);
  const organizational = organizationalDomain(normal);
  if (!organizational || !normal.endsWith(organizational)) return [normal];
  const labels = normal.split('.');
  const depth = organizational.split('.').length;
  const names: string[] = [];
  for (let i = 0; i <= labels.length - depth; i++) names.push(labels.slice(i).join('.'));
  return names;
}

/** Lower case, no trailing dot. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}
