import { Resolver } from 'node:dns/promises';
import { z } from 'zod';
import { ipPort } from '../config-fields.js';
import { defineProbe } from './define.js';
import { ProbeError } from './errors.js';

const dnsConfig = z
  .object({
    name: z.string().min(1),
    type: z.enum(['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'NS', 'CAA', 'SOA', 'SRV']).default('A'),
    /** IP:port of the server to ask ([IPv6]:port); else the system's resolvers. */
    server: ipPort.optional(),
    /** A condition on the answers, e.g. "contains 'p=reject'". */
    expect: z.string().optional(),
  })
  .strict();

type Dns = z.output<typeof dnsConfig>;

const FAILURES: Record<string, string> = {
  ENOTFOUND: 'NXDOMAIN',
  ESERVFAIL: 'SERVFAIL',
  EREFUSED: 'the DNS server refused the query',
  ETIMEOUT: 'no answer from the DNS server',
  ECONNREFUSED: 'DNS server connection refused',
  EBADRESP: 'bad response from the DNS server',
  ECANCELLED: 'DNS query cancelled',
};

/**
 * DNS: one query of the record type, to `server` or the system's resolvers. NXDOMAIN fails
 * the probe; NODATA is an empty answer list, which the default condition reports.
 */
export const dnsProbe = defineProbe({
  config: dnsConfig,
  target: (dns) => `${dns.type} ${dns.name}${dns.server ? ` @${dns.server}` : ''}`,
  async observe(dns, { signal, timeoutMs }) {
    // Two tries within the timeout; the caller's abort cancels both.
    const resolver = new Resolver({ timeout: Math.max(1, Math.floor(timeoutMs / 2)), tries: 2 });
    if (dns.server) resolver.setServers([dns.server]);
    const cancel = () => resolver.cancel();
    signal.addEventListener('abort', cancel, { once: true });
    const started = performance.now();
    try {
      const answers = await query(resolver, dns).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENODATA') return [];
        throw new ProbeError(FAILURES[error.code ?? ''] ?? `DNS query failed (${error.code ?? error.message})`);
      });
      return { latencyMs: performance.now() - started, answers };
    } finally {
      signal.removeEventListener('abort', cancel);
    }
  },
});

/** The answers as text: TXT strings joined, MX "10 mail.example.com", CAA '0 issue "ca.example"'. */
async function query(resolver: Resolver, { name, type }: Dns): Promise<string[]> {
  switch (type) {
    case 'A':
      return resolver.resolve4(name);
    case 'AAAA':
      return resolver.resolve6(name);
    case 'CNAME':
      return resolver.resolveCname(name);
    case 'NS':
      return resolver.resolveNs(name);
    case 'TXT':
      return (await resolver.resolveTxt(name)).map((parts) => parts.join(''));
    case 'MX':
      return (await resolver.resolveMx(name)).map((mx) => `${mx.priority} ${mx.exchange}`);
    case 'CAA':
      return (await resolver.resolveCaa(name)).map(({ critical, ...rest }) => {
        const [tag, value] = Object.entries(rest)[0] ?? ['', ''];
        return `${critical} ${tag} "${String(value)}"`;
      });
    case 'SOA': {
      const soa = await resolver.resolveSoa(name);
      return [`${soa.nsname} ${soa.hostmaster} ${soa.serial} ${soa.refresh} ${soa.retry} ${soa.expire} ${soa.minttl}`];
    }
    case 'SRV':
      return (await resolver.resolveSrv(name)).map((srv) => `${srv.priority} ${srv.weight} ${srv.port} ${srv.name}`);
  }
}
