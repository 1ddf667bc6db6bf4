import { getDomain } from 'tldts';
import { normalizeName } from './names.js';

/** A mailto: report destination of a DMARC record (rua= or ruf=). */
export interface DmarcDestination {
  tag: 'rua' | 'ruf';
  /** The address, without mailto: and the !size suffix. */
  address: string;
  /** The domain of the address, lower case. */
  domain: string;
}

/** The mailto: destinations of rua= and ruf= (other schemes are left out: RFC 7489 requires mailto: support only). */
export function mailtoDestinations(record: { rua: readonly string[]; ruf: readonly string[] }): DmarcDestination[] {
  const destinations: DmarcDestination[] = [];
  for (const tag of ['rua', 'ruf'] as const) {
    for (const uri of record[tag]) {
      const match = /^mailto:([^!]+?)(![0-9]+[kmgt]?)?$/i.exec(uri.trim());
      if (!match) continue;
      const address = percentDecoded(match[1]!.trim());
      const at = address.lastIndexOf('@');
      if (at < 1) continue;
      destinations.push({ tag, address, domain: normalizeName(address.slice(at + 1)) });
    }
  }
  return destinations;
}

/** The organisational domain by the Public Suffix List (the name itself when it has no registrable part). */
export function organizationalDomain(name: string): string {
  const normalized = normalizeName(name);
  return getDomain(normalized) ?? normalized;
}

/**
 * Whether reports about `policyDomain` sent to `destination` need the destination's consent
 * (RFC 7489 §7.1: the organisational domains differ), and the name where it is published.
 */
export function authorizationName(policyDomain: string, destination: string): string | undefined {
  if (organizationalDomain(policyDomain) === organizationalDomain(destination)) return undefined;
  return `${normalizeName(policyDomain)}._report._dmarc.${destination}`;
}

/** A mailto: address with its %-escapes decoded (RFC 6068); as written when an escape is malformed. */
function percentDecoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
