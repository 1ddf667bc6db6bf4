import { offers } from '../../targets/tls/protocols.js';
import { defineCheck } from '../define.js';

export const tls13 = defineCheck({
  id: 'tls/tls13',
  title: 'TLS 1.3 is offered',
  severity: 'low',
  target: 'tls-endpoint',
  why:
    'TLS 1.3 removes the legacy key exchanges and ciphers that TLS 1.2 still allows, encrypts more of the handshake and saves a round trip. A server limited to TLS 1.2 is not broken, but it misses the protocol every current client prefers and the one the guidelines make the default. Runs on the host:port of each https site in the plan: a plain-http site has no TLS endpoint, so it gets no result here.',
  fix:
    'Enable TLS 1.3 beside 1.2: nginx `ssl_protocols TLSv1.2 TLSv1.3;` (OpenSSL 1.1.1 or later), Apache `SSLProtocol -all +TLSv1.2 +TLSv1.3`, Traefik `tls.options.default.maxVersion: VersionTLS13` (or leave it unset), HAProxy `ssl-max-ver TLSv1.3`.',
  refs: ['RFC 8446: TLS 1.3', 'Mozilla Server Side TLS guidelines (modern and intermediate configurations)', 'NIST SP 800-52 Rev. 2, section 3.1 (support TLS 1.3 by January 2024)', 'Internet.nl tls_version'],
  messages: {
    notOffered: '{endpoint} does not offer TLS 1.3 (negotiates {protocol})',
  },
  claims: [{ about: 'TLS 1.3 offered', names: ['TLS 1.3', 'TLSv1.3', 'TLS1.3'] }],
  async evaluate(endpoint, ctx) {
    const usual = await endpoint.handshake();
    const offered = await offers((versions) => endpoint.handshake(versions), 'TLSv1.3');
    ctx.computed({ tls13: offered, ...(usual.protocol ? { protocol: usual.protocol } : {}) });
    if (!offered) ctx.fail(endpoint.location, 'notOffered', { endpoint: endpoint.identity, protocol: usual.protocol ?? 'unknown' }, 'handshake pinned to TLSv1.3 was refused');
  },
});
