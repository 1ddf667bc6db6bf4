import { createHash, X509Certificate } from 'node:crypto';
import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls, type DetailedPeerCertificate } from 'node:tls';

export interface SmtpStartTlsOptions {
  /** Where to connect: the MX host's address. */
  address: string;
  port: number;
  /** The MX host name: SNI and the name the certificate must match. */
  servername: string;
  ca?: string[];
  timeoutMs: number;
}

export interface SmtpTls {
  protocol: string | null;
  /** The chain verified against the trusted CAs and the MX name. */
  authorized: boolean;
  authorizationError: string | undefined;
  /** The presented chain, leaf first (DER). */
  chain: Buffer[];
}

export interface SmtpStartTlsResult {
  /** EHLO advertised STARTTLS. */
  offered: boolean;
  /** The reply to STARTTLS when it was not 220. */
  refused?: string;
  tls?: SmtpTls;
  /** The handshake after STARTTLS failed. */
  tlsError?: string;
}

/**
 * An SMTP session up to the TLS handshake (RFC 3207): greeting, EHLO, STARTTLS, handshake, QUIT.
 * No mail is sent: no MAIL FROM, no RCPT TO.
 */
export function smtpStartTls(options: SmtpStartTlsOptions): Promise<SmtpStartTlsResult> {
  return new Promise((resolve, reject) => {
    const socket = connectTcp({ host: options.address, port: options.port });
    const timer = setTimeout(() => fail(new Error(`no SMTP answer from ${options.servername} (${options.address}:${options.port}) within ${options.timeoutMs} ms`)), options.timeoutMs);
    let settled = false;
    const done = (result: SmtpStartTlsResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      reject(error);
    };
    socket.on('error', (error) => fail(new Error(`SMTP ${options.servername} (${options.address}:${options.port}): ${(error as NodeJS.ErrnoException).code ?? error.message}`)));
    const replies = replyReader(socket);
    void (async () => {
      const greeting = await replies.next();
      if (!greeting.startsWith('220')) return fail(new Error(`SMTP ${options.servername}: greeting "${firstLine(greeting)}"`));
      socket.write('EHLO harden.invalid\r\n');
      const ehlo = await replies.next();
      if (!ehlo.startsWith('250')) return fail(new Error(`SMTP ${options.servername}: EHLO answered "${firstLine(ehlo)}"`));
      const offered = ehlo.split(/\r?\n/).some((line) => /^250[- ]STARTTLS\s*$/i.test(line));
      if (!offered) {
        socket.end('QUIT\r\n');
        return done({ offered });
      }
      socket.write('STARTTLS\r\n');
      const ready = await replies.next();
      if (!ready.startsWith('220')) {
        socket.end('QUIT\r\n');
        return done({ offered, refused: firstLine(ready) });
      }
      replies.stop();
      const tls = connectTls({ socket, servername: options.servername, rejectUnauthorized: false, ...(options.ca?.length ? { ca: options.ca } : {}) });
      tls.once('error', (error) => {
        socket.destroy();
        done({ offered, tlsError: (error as NodeJS.ErrnoException).code ?? error.message });
      });
      tls.once('secureConnect', () => {
        const result: SmtpTls = {
          protocol: tls.getProtocol(),
          authorized: tls.authorized,
          authorizationError: tls.authorizationError ? String(tls.authorizationError) : undefined,
          chain: chainOf(tls.getPeerCertificate(true)),
        };
        tls.end('QUIT\r\n');
        tls.destroySoon();
        done({ offered, tls: result });
      });
    })().catch((error: Error) => fail(error));
  });
}

function firstLine(reply: string): string {
  return reply.split(/\r?\n/)[0]!.slice(0, 200);
}

function chainOf(leaf: DetailedPeerCertificate): Buffer[] {
  const chain: Buffer[] = [];
  for (let cert: DetailedPeerCertificate | undefined = leaf; cert?.raw && !chain.some((seen) => seen.equals(cert!.raw)); cert = cert.issuerCertificate) chain.push(cert.raw);
  return chain;
}

/** Reads whole SMTP replies (the last line is "NNN " or "NNN" alone), one per call. */
function replyReader(socket: Socket) {
  let buffer = '';
  let waiting: ((reply: string) => void) | undefined;
  const complete = (): string | undefined => {
    const lines = buffer.split('\r\n');
    for (let i = 0; i < lines.length - 1; i++) {
      if (/^\d{3}(?!-)/.test(lines[i]!)) {
        const reply = lines.slice(0, i + 1).join('\r\n');
        buffer = lines.slice(i + 1).join('\r\n');
        return reply;
      }
    }
    return undefined;
  };
  const onData = (chunk: Buffer) => {
    buffer += chunk.toString('latin1');
    if (buffer.length > 64 * 1024) socket.destroy(new Error('SMTP reply too long'));
    const reply = waiting && complete();
    if (reply !== undefined && waiting) {
      const resolve = waiting;
      waiting = undefined;
      resolve(reply);
    }
  };
  socket.on('data', onData);
  return {
    next: () =>
      new Promise<string>((resolve) => {
        const reply = complete();
        if (reply !== undefined) resolve(reply);
        else waiting = resolve;
      }),
    stop: () => socket.off('data', onData),
  };
}

/** A TLSA record (RFC 6698 §2.1). */
export interface TlsaRecord {
  usage: number;
  selector: number;
  matchingType: number;
  certificate: Buffer;
}

/**
 * Whether a TLSA record matches the presented chain: usages 1 and 3 the leaf, 0 and 2 any certificate
 * of the chain; selector 0 the whole certificate, 1 its SubjectPublicKeyInfo; matching 0 exact, 1 SHA-256, 2 SHA-512.
 */
export function tlsaMatches(record: TlsaRecord, chain: readonly Buffer[]): boolean {
  const candidates = record.usage === 1 || record.usage === 3 ? chain.slice(0, 1) : chain;
  return candidates.some((der) => {
    const selected = record.selector === 1 ? new X509Certificate(der).publicKey.export({ type: 'spki', format: 'der' }) : der;
    const digest = record.matchingType === 1 ? createHash('sha256').update(selected).digest() : record.matchingType === 2 ? createHash('sha512').update(selected).digest() : selected;
    return digest.equals(record.certificate);
  });
}
