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

/**
 * Asks the server to start a session for `user` on `database` and reads only its first
 * reply, then sends Terminate and closes: no credential is ever sent.
 */
export async function postgresAuthProbe(host: string, port: number, options: { user: string; database: string; timeoutMs: number }): Promise<PostgresAuthReply> {
  const reply = await tcpExchange(host, port, {
    request: startupMessage({ user: options.user, database: options.database, application_name: 'harden' }),
    complete: hasWholeMessage,
    farewell: TERMINATE,
    timeoutMs: options.timeoutMs,
  });
  return parseAuthReply(reply);
}
