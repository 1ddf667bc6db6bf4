import { AEAD, FORWARD_SECRET, type Suite } from '../../targets/tls/cipher-classes.js';
import { ALERT, SCSV, sendHello, type HelloAnswer } from '../../targets/tls/client-hello.js';
import { offers } from '../../targets/tls/protocols.js';
import type { TlsTarget } from '../../targets/live/targets.js';
import { defineCheck } from '../define.js';

/** Suites nearly every TLS 1.0–1.2 server accepts one of: the forward-secret and AEAD ones, then static RSA. */
const COMMON: readonly Suite[] = [...FORWARD_SECRET, ...AEAD, [0x002f, 'AES128-SHA'], [0x0035, 'AES256-SHA'], [0x000a, 'DES-CBC3-SHA']];

function hello(endpoint: TlsTarget, version: number, extra: number[] = []): Promise<HelloAnswer> {
  return sendHello({
    host: endpoint.host,
    port: endpoint.port,
    servername: /^[\d.]+$|:/.test(endpoint.host) ? undefined : endpoint.servername,
    suites: [...new Set([...COMMON.map(([code]) => code), ...extra])],
    version,
    timeoutMs: endpoint.timeoutMs,
  });
}

const VERSION_CODE = { 'TLSv1.1': 0x0302, TLSv1: 0x0301 } as const;

export const renegotiationFallback = defineCheck({
  id: 'tls/renegotiation-fallback',
  title: 'Secure renegotiation is supported, and TLS_FALLBACK_SCSV where TLS 1.0/1.1 remain',
  severity: 'medium',
  target: 'tls-endpoint',
  why:
    'A TLS 1.2-or-older server without the renegotiation_info extension (RFC 5746) lets an attacker splice its own request in front of a client\'s session (CVE-2009-3555). A server that still accepts TLS 1.0 or 1.1 and ignores TLS_FALLBACK_SCSV (RFC 7507) lets an attacker who breaks the first handshake push clients that retry with an older version down to it (the POODLE-era downgrade dance). Probed with hand-built ClientHellos, closed after the server\'s answer; a TLS 1.3-only server has neither renegotiation nor older versions, so it passes. Runs on the host:port of each https site in the plan: a plain-http site has no TLS endpoint, so it gets no result here.',
  fix:
    'Upgrade the TLS library (OpenSSL 0.9.8m and later, every current stack, supports both), or better, refuse TLS 1.0/1.1 altogether: nginx `ssl_protocols TLSv1.2 TLSv1.3;`. A load balancer or appliance that fails this needs a firmware update.',
  refs: ['RFC 5746: TLS renegotiation indication extension', 'CVE-2009-3555', 'RFC 7507: TLS_FALLBACK_SCSV', 'testssl.sh secure_renego, fallback_SCSV'],
  messages: {
    noSecureRenegotiation: '{endpoint} does not support secure renegotiation (RFC 5746)',
    noFallbackScsv: '{endpoint} accepts a {version} hello carrying TLS_FALLBACK_SCSV instead of refusing the downgrade',
  },
  claims: [{ about: 'secure renegotiation and downgrade protection', names: ['secure renegotiation', 'renegotiation', 'TLS_FALLBACK_SCSV', 'fallback SCSV', 'RFC 5746', 'RFC 7507'] }],
  async evaluate(endpoint, ctx) {
    const data = { endpoint: endpoint.identity };
    const handshake = (versions: Parameters<typeof endpoint.handshake>[0]) => endpoint.handshake(versions);
    const [tls10, tls11, tls12, usual] = await Promise.all([offers(handshake, 'TLSv1'), offers(handshake, 'TLSv1.1'), offers(handshake, 'TLSv1.2'), endpoint.handshake()]);
    const highest = usual.protocol;
    const computed: Record<string, boolean | string> = {};
    // Renegotiation exists only up to TLS 1.2: ask with the highest of those the server speaks.
    const legacyVersion = tls12 ? 0x0303 : tls11 ? 0x0302 : tls10 ? 0x0301 : undefined;
    if (legacyVersion !== undefined) {
      const answer = await hello(endpoint, legacyVersion);
      if (answer.kind === 'serverHello') {
        computed.secureRenegotiation = answer.secureRenegotiation;
        if (!answer.secureRenegotiation) ctx.fail(endpoint.location, 'noSecureRenegotiation', data, `ServerHello for 0x${legacyVersion.toString(16)} without renegotiation_info`);
      }
    }
    // A fallback hello is one below the server's best; it must be refused with inappropriate_fallback.
    const fallback = tls11 && highest !== 'TLSv1.1' ? 'TLSv1.1' : tls10 && highest !== 'TLSv1' ? 'TLSv1' : undefined;
    if (fallback) {
      const answer = await hello(endpoint, VERSION_CODE[fallback], [SCSV.fallback]);
      computed.fallbackScsv = answer.kind === 'alert' && answer.description === ALERT.inappropriateFallback;
      if (answer.kind === 'serverHello') ctx.fail(endpoint.location, 'noFallbackScsv', { ...data, version: fallback === 'TLSv1' ? 'TLS 1.0' : 'TLS 1.1' }, `server's best is ${highest}; a ${fallback} hello with TLS_FALLBACK_SCSV got a ServerHello`);
    }
    ctx.computed(computed);
  },
});
