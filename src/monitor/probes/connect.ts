import { lookup } from 'node:dns';
import { isIP, connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type SecureContext, type TLSSocket } from 'node:tls';
import type { Phases } from '../model.js';
import { certificateReason, ProbeError } from './errors.js';

export interface ConnectOptions {
  host: string;
  port: number;
  /** Speak TLS: the chain must verify for the name (servername, else host). */
  tls?: { servername: string | undefined; secureContext: SecureContext | undefined };
  signal: AbortSignal;
  /** Why the host's address may not be connected to; undefined when it may. Checked on the addresses the name resolves to. */
  refuse?: (address: string) => string | undefined;
}

/** Where connecting went, filled in as it happens. */
export interface ConnectTimings extends Phases {
  /** The leaf certificate's notAfter (epoch ms), once a TLS handshake saw one. */
  certExpiresAt?: number;
}

/**
 * A fresh TCP (and TLS) connection with its phases timed: name lookup, TCP connect, handshake.
 * A certificate that does not verify fails with its reason ("certificate has expired");
 * aborting `signal` destroys the socket. The caller owns, and must destroy, the socket it gets.
 */
export function connectTimed(options: ConnectOptions, timings: ConnectTimings): Promise<Socket | TLSSocket> {
  const { signal } = options;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let resolvedAt = started;
    let socket: Socket | TLSSocket | undefined;
    const fail = (error: unknown) => {
      signal.removeEventListener('abort', abort);
      socket?.destroy();
      reject(error);
    };
    const abort = () => fail(signal.reason);
    if (signal.aborted) return reject(signal.reason);
    const refused = isIP(options.host) ? options.refuse?.(options.host) : undefined;
    if (refused) return reject(new ProbeError(refused));
    signal.addEventListener('abort', abort, { once: true });
    timings.dnsMs = 0;
    const tcp = netConnect({
      host: options.host,
      port: options.port,
      // The lookup net would do, timed. Its callback shape depends on options.all, so arguments pass through.
      lookup: (hostname, lookupOptions, callback) =>
        lookup(hostname, lookupOptions, (...args: unknown[]) => {
          resolvedAt = performance.now();
          timings.dnsMs = resolvedAt - started;
          const [error, found] = args as [Error | null, string | { address: string }[]];
          const addresses = error ? [] : Array.isArray(found) ? found.map((entry) => entry.address) : [found];
          const reason = options.refuse && addresses.map(options.refuse).find((why) => why !== undefined);
          (callback as (...args: unknown[]) => void)(...(reason ? [new ProbeError(reason)] : args));
        }),
    });
    socket = tcp;
    tcp.on('error', fail);
    tcp.once('connect', () => {
      const connectedAt = performance.now();
      timings.connectMs = connectedAt - resolvedAt;
      if (!options.tls) return done(tcp);
      const secure = tlsConnect({
        socket: tcp,
        // Checked against the certificate: the SNI name, else the host (an IP matches IP SANs).
        host: options.tls.servername ?? options.host,
        ...(options.tls.servername ? { servername: options.tls.servername } : {}),
        ...(options.tls.secureContext ? { secureContext: options.tls.secureContext } : {}),
        // Verified below, so an expired or untrusted chain still shows its notAfter.
        rejectUnauthorized: false,
        ALPNProtocols: ['http/1.1'],
      });
      socket = secure;
      secure.on('error', fail);
      secure.once('secureConnect', () => {
        timings.tlsMs = performance.now() - connectedAt;
        const notAfter = Date.parse(secure.getPeerCertificate(false)?.valid_to ?? '');
        if (Number.isFinite(notAfter)) timings.certExpiresAt = notAfter;
        if (!secure.authorized) return fail(new ProbeError(certificateReason(String(secure.authorizationError))));
        done(secure);
      });
    });
    function done(connected: Socket | TLSSocket) {
      signal.removeEventListener('abort', abort);
      resolve(connected);
    }
  });
}

/** "db.internal:5432", "[::1]:443" → host and port. */
export function splitHostPort(address: string): { host: string; port: number } {
  const at = address.lastIndexOf(':');
  return { host: address.slice(0, at).replace(/^\[(.*)\]$/, '$1'), port: Number(address.slice(at + 1)) };
}
