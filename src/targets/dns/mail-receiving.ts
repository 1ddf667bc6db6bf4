import type { DnsClient } from './resolver.js';

/** Whether a domain can receive mail: its MX hosts, else its own address (implicit MX, RFC 5321 §5.1). */
export type Receiving = { receives: true; via: 'MX' | 'A/AAAA' } | { receives: false; reason: 'null MX' | 'no MX nor address record' };

/** A null MX is one MX record with exchange "." (RFC 7505): the domain accepts no mail. */
export function isNullMx(mx: readonly { exchange: string }[]): boolean {
  return mx.length === 1 && (mx[0]!.exchange === '' || mx[0]!.exchange === '.');
}

export async function receivingOf(dns: DnsClient, domain: string): Promise<Receiving> {
  const mx = await dns.mx(domain);
  if (isNullMx(mx)) return { receives: false, reason: 'null MX' };
  if (mx.length > 0) return { receives: true, via: 'MX' };
  const [a, aaaa] = await Promise.all([dns.a(domain), dns.aaaa(domain)]);
  return a.length + aaaa.length > 0 ? { receives: true, via: 'A/AAAA' } : { receives: false, reason: 'no MX nor address record' };
}
