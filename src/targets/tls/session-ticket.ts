import { connect } from 'node:tls';
import { derElements, derOne, smallInteger } from './der.js';
import { isIp } from './handshake.js';

export interface SessionTicket {
  /** Negotiated protocol, e.g. TLSv1.3. */
  protocol: string | null;
  /** ticket_lifetime (TLS 1.3) or ticket_lifetime_hint (TLS 1.2) in seconds; 0 is "unspecified" in TLS 1.2. */
  lifetimeSeconds: number;
}

export interface SessionTicketOptions {
  host: string;
  port: number;
  servername?: string;
  timeoutMs: number;
  /** How long to wait after the handshake for a TLS 1.3 NewSessionTicket, which follows the server's Finished. */
  waitMs?: number;
}

/**
 * The first session ticket the server issues on one handshake, or undefined when it issues none
 * (session ids only, or tickets disabled). Node hands each session to the client as OpenSSL's
 * DER SSL_SESSION, which keeps the lifetime the ticket message announced.
 */
export function sessionTicket(options: SessionTicketOptions): Promise<SessionTicket | undefined> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (result: SessionTicket | undefined | Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    const socket = connect({
      host: options.host,
      port: options.port,
      servername: options.servername ?? (isIp(options.host) ? undefined : options.host),
      rejectUnauthorized: false,
      // The ticket is what is measured: let a legacy-only server complete the handshake.
      minVersion: 'TLSv1',
      ciphers: 'DEFAULT@SECLEVEL=0',
      minDHSize: 1,
      timeout: options.timeoutMs,
    });
    socket.on('session', (session: Buffer) => {
      const ticket = readSession(session);
      if (ticket.hasTicket) finish({ protocol: socket.getProtocol(), lifetimeSeconds: ticket.lifetimeSeconds });
    });
    socket.once('secureConnect', () => {
      timer = setTimeout(() => finish(undefined), Math.min(options.waitMs ?? 1000, options.timeoutMs));
    });
    socket.once('close', () => finish(undefined));
    socket.once('timeout', () => finish(new Error(`TLS handshake with ${options.host}:${options.port} timed out after ${options.timeoutMs} ms`)));
    socket.once('error', finish);
  });
}

/**
 * From OpenSSL's DER SSL_SESSION: [9] tlsext_tick_lifetime_hint and whether [10] tlsext_tick
 * (the ticket) is there. A session resumable only by id has no ticket.
 */
export function readSession(session: Buffer): { hasTicket: boolean; lifetimeSeconds: number } {
  const fields = derElements(derOne(session, 0x30, 'SSL_SESSION').contents);
  const hint = fields.find((field) => field.tag === 0xa9);
  const lifetimeSeconds = hint ? smallInteger(derOne(hint.contents, 0x02, 'tlsext_tick_lifetime_hint')) : 0;
  return { hasTicket: fields.some((field) => field.tag === 0xaa), lifetimeSeconds };
}
