import { tcpExchange } from './tcp.js';

/**
 * The reply of a Redis server to an inline `PING` (the one command sent): it answers
 * +PONG only when no authentication is required.
 */
export type RedisPingReply =
  | { kind: 'pong'; line: string }
  | { kind: 'auth-required'; line: string }
  /** -DENIED: no password set, saved only by protected mode (loopback-only clients). */
  | { kind: 'protected-mode'; line: string }
  | { kind: 'unexpected'; line: string };

export function parseRedisPingReply(line: string): RedisPingReply {
  const text = line.replace(/\r?\n$/, '');
  if (/^\+PONG$/i.test(text)) return { kind: 'pong', line: text };
  if (/^-NOAUTH\b/i.test(text) || (/^-(ERR|WRONGPASS)\b/i.test(text) && /auth|password/i.test(text))) return { kind: 'auth-required', line: text };
  if (/^-DENIED\b/i.test(text)) return { kind: 'protected-mode', line: text };
  return { kind: 'unexpected', line: text };
}

/** Sends `PING\r\n` and reads the first reply line; nothing else is sent. */
export async function redisPing(host: string, port: number, timeoutMs: number): Promise<RedisPingReply> {
  const reply = await tcpExchange(host, port, { request: Buffer.from('PING\r\n'), complete: (received) => received.includes('\n'), timeoutMs });
  const text = reply.toString('latin1');
  return parseRedisPingReply(text.slice(0, text.indexOf('\n') + 1 || undefined).slice(0, 300));
}
