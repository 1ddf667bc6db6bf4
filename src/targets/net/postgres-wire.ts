import { connect, isIP } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { tcpExchange } from './tcp.js';

/**
 * The few bytes of the PostgreSQL frontend/backend protocol 3.0 needed to learn how a
 * server authenticates a user: a StartupMessage, the server's first reply, a Terminate.
 * https://www.postgresql.org/docs/current/protocol-message-formats.html
 */
const PROTOCOL_3_0 = 3 << 16;

export function startupMessage(parameters: Record<string, string>): Buffer {
  const body = Buffer.concat([...Object.entries(parameters).flatMap(([key, value]) => [cstring(key), cstring(value)]), Buffer.from([0])]);
  const header = Buffer.alloc(8);
  header.writeInt32BE(8 + body.length, 0);
  header.writeInt32BE(PROTOCOL_3_0, 4);
  return Buffer.concat([header, body]);
}

/** SSLRequest: length 8, code 80877103; the server answers one byte, 'S' (go ahead with TLS) or 'N'. */
export const SSL_REQUEST = Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]);

/** 'X', length 4. */
export const TERMINATE = Buffer.from([0x58, 0, 0, 0, 4]);

function cstring(text: string): Buffer {
  return Buffer.concat([Buffer.from(text, 'utf8'), Buffer.from([0])]);
}

const AUTH_METHODS: Record<number, string> = { 2: 'Kerberos V5', 3: 'cleartext password', 5: 'MD5 password', 7: 'GSSAPI', 9: 'SSPI', 10: 'SASL' };

/** The server's first answer to a StartupMessage. */
export type PostgresAuthReply =
  /** AuthenticationOk straight away: no credentials asked (trust, or peer-like methods). */
  | { kind: 'ok' }
  /** An authentication request: the server wants a credential. */
  | { kind: 'challenge'; method: string; mechanisms?: string[] }
  | { kind: 'error'; code: string; message: string }
  | { kind: 'unexpected'; detail: string };

/** Whether `data` holds at least one whole backend message. */
export function hasWholeMessage(data: Buffer): boolean {
  if (data.length >= 1 && data[0] !== 0x52 && data[0] !== 0x45 && data[0] !== 0x4e && data[0] !== 0x76) return true; // not R/E/N/v: judge at once
  return data.length >= 5 && data.length >= 1 + data.readInt32BE(1);
}

export function parseAuthReply(data: Buffer): PostgresAuthReply {
  if (!hasWholeMessage(data)) return { kind: 'unexpected', detail: `truncated reply (${data.length} bytes)` };
  const type = String.fromCharCode(data[0]!);
  const length = data.length >= 5 ? data.readInt32BE(1) : 0;
  const body = data.subarray(5, 1 + length);
  if (type === 'R' && body.length >= 4) {
    const code = body.readInt32BE(0);
    if (code === 0) return { kind: 'ok' };
    const method = AUTH_METHODS[code];
    if (!method) return { kind: 'unexpected', detail: `authentication request code ${code}` };
    if (code === 10) return { kind: 'challenge', method, mechanisms: body.subarray(4).toString('utf8').split('\0').filter(Boolean) };
    return { kind: 'challenge', method };
  }
  if (type === 'E') {
    const fields = new Map<string, string>();
    let offset = 0;
    while (offset < body.length && body[offset] !== 0) {
      const end = body.indexOf(0, offset + 1);
      if (end === -1) break;
      fields.set(String.fromCharCode(body[offset]!), body.subarray(offset + 1, end).toString('utf8'));
      offset = end + 1;
    }
    return { kind: 'error', code: fields.get('C') ?? '', message: fields.get('M') ?? '' };
  }
  return { kind: 'unexpected', detail: `message type ${JSON.stringify(type)}` };
}

export type PostgresProbeResult = PostgresAuthReply & { overTls: boolean };

/**
 * Asks the server to start a session for `user` on `database` and reads only its first
 * reply, then sends Terminate and closes: no credential is ever sent. When the plain-text
 * attempt is refused by pg_hba.conf (28000), asks again over TLS (SSLRequest), since
 * `hostssl ... trust` lines only match encrypted connections; the server certificate is
 * not verified, as nothing secret is sent.
 */
export async function postgresAuthProbe(host: string, port: number, options: { user: string; database: string; timeoutMs: number }): Promise<PostgresProbeResult> {
  const startup = startupMessage({ user: options.user, database: options.database, application_name: 'harden' });
  const plain = parseAuthReply(await tcpExchange(host, port, { request: startup, complete: hasWholeMessage, farewell: TERMINATE, timeoutMs: options.timeoutMs }));
  if (plain.kind === 'error' && plain.code === '28000') {
    const secure = await authOverTls(host, port, startup, options.timeoutMs);
    if (secure) return { ...secure, overTls: true };
  }
  return { ...plain, overTls: false };
}

/** The first reply over TLS, or undefined when the server does not offer TLS ('N'). */
function authOverTls(host: string, port: number, startup: Buffer, timeoutMs: number): Promise<PostgresAuthReply | undefined> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    let secure: TLSSocket | undefined;
    let received = Buffer.alloc(0);
    let settled = false;
    const done = (error: Error | undefined, reply?: PostgresAuthReply) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (secure && secure.writable && !error) secure.end(TERMINATE);
      else (secure ?? socket).end();
      setTimeout(() => {
        secure?.destroy();
        socket.destroy();
      }, 1000).unref();
      if (error) reject(error);
      else resolve(reply);
    };
    const timer = setTimeout(() => done(new Error(`${host}:${port}: no complete reply over TLS within ${timeoutMs} ms`)), timeoutMs);
    socket.once('error', (error: NodeJS.ErrnoException) => done(new Error(`${host}:${port}: ${error.code ?? error.message}`)));
    socket.once('connect', () => socket.write(SSL_REQUEST));
    socket.once('data', (answer: Buffer) => {
      if (answer[0] !== 0x53) {
        done(undefined, undefined);
        return;
      }
      secure = tlsConnect({ socket, rejectUnauthorized: false, ...(isIP(host) ? {} : { servername: host }) });
      secure.once('secureConnect', () => secure!.write(startup));
      secure.on('data', (chunk: Buffer) => {
        received = Buffer.concat([received, chunk]);
        if (hasWholeMessage(received)) done(undefined, parseAuthReply(received));
      });
      secure.once('error', (error) => done(new Error(`${host}:${port}: TLS: ${error.message}`)));
    });
  });
}
