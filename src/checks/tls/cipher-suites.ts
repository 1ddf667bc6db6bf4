import { AEAD, DHE, FORWARD_SECRET, MINIMUM_DH_BITS, suiteName, WEAK_CLASSES, type Suite, type WeakClass } from '../../targets/tls/cipher-classes.js';
import { sendHello, type HelloAnswer } from '../../targets/tls/client-hello.js';
import { offers } from '../../targets/tls/protocols.js';
import type { TlsTarget } from '../../targets/live/targets.js';
import { defineCheck } from '../define.js';

/** The suite of `suites` the server picked from a hello offering only them; undefined when it refused. */
async function accepted(endpoint: TlsTarget, suites: readonly Suite[]): Promise<{ name: string; dhBits?: number } | undefined> {
  const answer: HelloAnswer = await sendHello({
    host: endpoint.host,
    port: endpoint.port,
    servername: /^[\d.]+$|:/.test(endpoint.host) ? undefined : endpoint.servername,
    suites: suites.map(([code]) => code),
    timeoutMs: endpoint.timeoutMs,
  });
  if (answer.kind !== 'serverHello' || !suites.some(([code]) => code === answer.suite)) return undefined;
  return { name: suiteName(answer.suite), ...(answer.dhBits !== undefined ? { dhBits: answer.dhBits } : {}) };
}

/** The weak classes in report order; each is also the message id that reports it. */
const WEAK_ORDER: readonly WeakClass[] = ['nullCipher', 'anonymous', 'export', 'rc4', 'sweet32'];

export const cipherSuites = defineCheck({
  id: 'tls/cipher-suites',
  title: 'Only strong cipher suites with forward secrecy are accepted',
  severity: 'high',
  target: 'tls-endpoint',
  why:
    'A server that accepts a broken suite lets an attacker in the path, or an old client, use it: NULL suites send plaintext, anonymous suites authenticate nobody, export suites are breakable in hours (FREAK, Logjam), RC4 leaks plaintext over many connections (RFC 7465), and 64-bit block ciphers (3DES, DES, IDEA) leak cookies after some gigabytes (SWEET32). Without an ECDHE or DHE suite (or TLS 1.3), one stolen server key decrypts every recorded session; DH groups below 2048 bits are within reach of precomputation; a server with only CBC suites leaves clients the constructions behind Lucky13 and padding oracles. Each class is probed by one ClientHello offering only that class, closed after the server answers. Runs on the host:port of each https site in the plan: a plain-http site has no TLS endpoint, so it gets no result here.',
  fix:
    'Use the Mozilla "intermediate" suite list: nginx `ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384;` with `ssl_protocols TLSv1.2 TLSv1.3;`, Apache `SSLCipherSuite` with the same list, HAProxy `ssl-default-bind-ciphers`; for DHE use the RFC 7919 ffdhe2048 group (`ssl_dhparam`), or drop DHE suites.',
  refs: [
    'RFC 7525 / RFC 9325 section 4.2: recommended cipher suites',
    'RFC 7465: Prohibiting RC4 cipher suites',
    'CVE-2016-2183 (SWEET32)',
    'RFC 7919: FFDHE groups; Logjam (weakdh.org)',
    'Mozilla Server Side TLS guidelines (intermediate configuration)',
    'NIST SP 800-52 Rev. 2, section 3.3.1',
    'testssl.sh -E/-f: cipherlist_NULL, cipherlist_aNULL, cipherlist_EXPORT, cipherlist_3DES_IDEA, RC4, SWEET32, FS, LOGJAM',
  ],
  messages: {
    nullCipher: { text: '{endpoint} accepts a NULL (unencrypted) cipher suite: {suite}', severity: 'critical' },
    anonymous: { text: '{endpoint} accepts an anonymous (unauthenticated) cipher suite: {suite}', severity: 'critical' },
    export: { text: '{endpoint} accepts an export-grade cipher suite: {suite}', severity: 'critical' },
    rc4: '{endpoint} accepts an RC4 cipher suite: {suite}',
    sweet32: { text: '{endpoint} accepts a 64-bit block cipher suite (SWEET32): {suite}', severity: 'medium' },
    noForwardSecrecy: { text: '{endpoint} offers no forward secrecy: no ECDHE or DHE suite and no TLS 1.3', severity: 'medium' },
    weakDh: { text: '{endpoint} uses a {bits}-bit DH group for DHE (minimum {minimum})', severity: 'medium' },
    cbcOnly: { text: '{endpoint} offers only CBC cipher suites: no AEAD (GCM, ChaCha20-Poly1305) suite and no TLS 1.3', severity: 'low' },
  },
  claims: [
    {
      about: 'strong cipher suites with forward secrecy',
      names: [
        'cipher suite*',
        'ssl_ciphers',
        'SSLCipherSuite',
        'RC4',
        '3DES',
        'SWEET32',
        'forward secrecy',
        'perfect forward secrecy',
        'PFS',
        'Logjam',
        'FREAK',
        ['weak', 'cipher*'],
        ['NULL', 'cipher*'],
        ['export', 'cipher*'],
        ['DH', 'parameter*'],
        'ssl_dhparam',
      ],
    },
  ],
  async evaluate(endpoint, ctx) {
    const data = { endpoint: endpoint.identity };
    // One hello per class, all at once: eight short exchanges and one TLS 1.3 handshake.
    const [weak, forwardSecret, aead, dhe, tls13] = await Promise.all([
      Promise.all(WEAK_ORDER.map((name) => accepted(endpoint, WEAK_CLASSES[name]))),
      accepted(endpoint, FORWARD_SECRET),
      accepted(endpoint, AEAD),
      accepted(endpoint, DHE),
      offers((versions) => endpoint.handshake(versions), 'TLSv1.3'),
    ]);
    const offered = Object.fromEntries(WEAK_ORDER.map((name, i) => [name, weak[i]?.name ?? false]));
    ctx.computed({ ...offered, forwardSecrecy: tls13 || forwardSecret !== undefined, aead: tls13 || aead !== undefined, tls13, ...(dhe?.dhBits ? { dhBits: dhe.dhBits } : {}) });
    WEAK_ORDER.forEach((name, i) => {
      const suite = weak[i];
      if (suite) ctx.fail(endpoint.location, name, { ...data, suite: suite.name }, `ClientHello offering only ${name} suites: the server chose ${suite.name}`);
    });
    if (!tls13 && !forwardSecret) ctx.fail(endpoint.location, 'noForwardSecrecy', data, 'ClientHello offering only ECDHE/DHE suites was refused; TLS 1.3 refused');
    if (dhe?.dhBits !== undefined && dhe.dhBits < MINIMUM_DH_BITS) ctx.fail(endpoint.location, 'weakDh', { ...data, bits: dhe.dhBits, minimum: MINIMUM_DH_BITS }, `${dhe.name} with a ${dhe.dhBits}-bit prime`);
    if (!tls13 && !aead) ctx.fail(endpoint.location, 'cbcOnly', data, 'ClientHello offering only AEAD suites was refused; TLS 1.3 refused');
  },
});
