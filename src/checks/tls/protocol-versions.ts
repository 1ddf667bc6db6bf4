import { offers } from '../../targets/tls/protocols.js';
import { defineCheck } from '../define.js';

export const protocolVersions = defineCheck({
  id: 'tls/protocol-versions',
  title: 'TLS 1.0 and TLS 1.1 are refused',
  severity: 'high',
  target: 'tls-endpoint',
  why:
    'TLS 1.0 and 1.1 were deprecated by RFC 8996: they rely on SHA-1 and MD5 in the handshake and CBC constructions behind BEAST and Lucky13, and a server that still accepts them lets an active attacker or an old client pull the connection down to them. Every current browser has dropped them, so accepting them only serves attackers and unpatched clients. Runs on the host:port of each https site in the plan: a plain-http site has no TLS endpoint, so it gets no result here.',
  fix:
    'Accept TLS 1.2 and 1.3 only: nginx `ssl_protocols TLSv1.2 TLSv1.3;`, Apache `SSLProtocol -all +TLSv1.2 +TLSv1.3`, Traefik `tls.options.default.minVersion: VersionTLS12`, Node `minVersion: \'TLSv1.2\'`, HAProxy `ssl-min-ver TLSv1.2`; use the Mozilla SSL Configuration Generator "intermediate" profile.',
  refs: [
    'RFC 8996: Deprecating TLS 1.0 and TLS 1.1',
    'Mozilla Server Side TLS guidelines (intermediate configuration)',
    'NIST SP 800-52 Rev. 2, section 3.1',
    'testssl.sh protocols (-p): TLS1, TLS1_1',
  ],
  messages: {
    tls10: '{endpoint} accepts TLS 1.0',
    tls11: '{endpoint} accepts TLS 1.1',
  },
  claims: [
    {
      about: 'TLS 1.0 and 1.1 refused',
      names: [
        'TLS 1.0',
        'TLS 1.1',
        'TLSv1.0',
        'TLSv1.1',
        'TLS1.0',
        'TLS1.1',
        'SSLv3',
        'RFC 8996',
        'ssl_protocols',
        'VersionTLS12',
        ['legacy', 'TLS'],
        ['deprecated', 'TLS version*'],
        ['old', 'TLS version*'],
        ['TLS', 'protocol version*'],
        ['minimum', 'TLS 1.2'],
        ['TLS 1.2', 'only'],
        ['s_client', '-tls1'],
        ['s_client', '-tls1_1'],
      ],
    },
  ],
  async evaluate(endpoint, ctx) {
    // Only a refused negotiation counts as "not accepted": offers() rethrows connection failures,
    // so an unreachable endpoint is an error, never a pass.
    const handshake = (versions: Parameters<typeof endpoint.handshake>[0]) => endpoint.handshake(versions);
    const [tls10, tls11] = await Promise.all([offers(handshake, 'TLSv1'), offers(handshake, 'TLSv1.1')]);
    const data = { endpoint: endpoint.identity };
    ctx.computed({ tls10, tls11 });
    if (tls10) ctx.fail(endpoint.location, 'tls10', data, 'handshake pinned to TLSv1 completed');
    if (tls11) ctx.fail(endpoint.location, 'tls11', data, 'handshake pinned to TLSv1.1 completed');
  },
});
