import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';

/**
 * A hand-built TLS 1.2 ClientHello offering exactly the given suites, read up to the server's
 * first answer: which suite it picked (and, for DHE, the size of its group), or the alert it
 * sent. The connection is closed right after, before any key exchange: a harmless probe that
 * does not depend on which suites this machine's OpenSSL was built with.
 */

export interface HelloOptions {
  host: string;
  port: number;
  servername: string | undefined;
  suites: readonly number[];
  /** The version the hello offers: 0x0303 TLS 1.2 (default), 0x0302 TLS 1.1, 0x0301 TLS 1.0. */
  version?: number;
  timeoutMs: number;
}

export type HelloAnswer =
  | { kind: 'serverHello'; version: number; suite: number; secureRenegotiation: boolean; dhBits?: number }
  | { kind: 'alert'; description: number }
  /** The server closed the connection without answering (some stacks do on a hello they refuse). */
  | { kind: 'closed' };

/** TLS alert descriptions a probe looks for (RFC 8446 section 6, RFC 7507). */
export const ALERT = { handshakeFailure: 40, protocolVersion: 70, insufficientSecurity: 71, inappropriateFallback: 86 } as const;

/** TLS_EMPTY_RENEGOTIATION_INFO_SCSV (RFC 5746) and TLS_FALLBACK_SCSV (RFC 7507). */
export const SCSV = { renegotiation: 0x00ff, fallback: 0x5600 } as const;

const GROUPS = [0x001d, 0x0017, 0x0018, 0x0019];
// ECDSA, RSA-PSS and RSA PKCS#1 with SHA-2, then the SHA-1 ones legacy servers may need.
const SIGNATURE_ALGORITHMS = [0x0403, 0x0503, 0x0603, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601, 0x0203, 0x0201];

export function clientHello({ servername, suites, version = 0x0303 }: Pick<HelloOptions, 'servername' | 'suites' | 'version'>): Buffer {
  const extensions: Buffer[] = [];
  if (servername) {
    const name = Buffer.from(servername, 'ascii');
    extensions.push(extension(0x0000, vector(2, Buffer.concat([Buffer.from([0]), vector(2, name)]))));
  }
  extensions.push(extension(0x000a, vector(2, u16s(GROUPS))));
  extensions.push(extension(0x000b, Buffer.from([1, 0])));
  if (version >= 0x0303) extensions.push(extension(0x000d, vector(2, u16s(SIGNATURE_ALGORITHMS))));
  // The renegotiation SCSV asks a server that supports RFC 5746 to say so in its ServerHello.
  const offered = suites.includes(SCSV.renegotiation) ? suites : [...suites, SCSV.renegotiation];
  const body = Buffer.concat([u16s([version]), randomBytes(32), Buffer.from([0]), vector(2, u16s(offered)), Buffer.from([1, 0]), vector(2, Buffer.concat(extensions))]);
  const handshake = Buffer.concat([Buffer.from([1]), u24(body.length), body]);
  return Buffer.concat([Buffer.from([0x16, 0x03, 0x01]), u16s([handshake.length]), handshake]);
}

/** Sends one ClientHello and reads the answer; rejects only on connection failures (refused, timeout). */
export function sendHello(options: HelloOptions): Promise<HelloAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: options.host, port: options.port });
    let received = Buffer.alloc(0);
    let settled = false;
    const finish = (answer: HelloAnswer | Error) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      if (answer instanceof Error) reject(answer);
      else resolve(answer);
    };
    socket.setTimeout(options.timeoutMs, () => finish(new Error(`TLS hello to ${options.host}:${options.port} timed out after ${options.timeoutMs} ms`)));
    socket.once('connect', () => socket.write(clientHello(options)));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const answer = readAnswer(received);
      if (answer) finish(answer);
    });
    socket.once('end', () => finish(readAnswer(received, true) ?? { kind: 'closed' }));
    socket.once('error', (error: NodeJS.ErrnoException) => {
      // A reset after the hello is the server refusing it, not an unreachable server.
      if (socket.bytesWritten > 0 && (error.code === 'ECONNRESET' || error.code === 'EPIPE')) finish({ kind: 'closed' });
      else finish(error);
    });
  });
}

/**
 * The answer in the bytes received so far, or undefined while more are needed. A ServerHello
 * for a DHE suite waits for the ServerKeyExchange to read the group size.
 */
export function readAnswer(bytes: Buffer, ended = false): HelloAnswer | undefined {
  const handshake: Buffer[] = [];
  let offset = 0;
  while (offset + 5 <= bytes.length) {
    const type = bytes[offset]!;
    const length = bytes.readUInt16BE(offset + 3);
    if (offset + 5 + length > bytes.length) break;
    const fragment = bytes.subarray(offset + 5, offset + 5 + length);
    if (type === 0x15 && fragment.length >= 2) return { kind: 'alert', description: fragment[1]! };
    if (type === 0x16) handshake.push(fragment);
    else return { kind: 'closed' };
    offset += 5 + length;
  }
  const messages = handshakeMessages(Buffer.concat(handshake));
  const hello = messages.find((m) => m.type === 2);
  if (!hello) return ended ? { kind: 'closed' } : undefined;
  const serverHello = parseServerHello(hello.body);
  if (!isDhe(serverHello.suite)) return serverHello;
  const keyExchange = messages.find((m) => m.type === 12);
  if (keyExchange && keyExchange.body.length >= 2) return { ...serverHello, dhBits: primeBits(keyExchange.body.subarray(2, 2 + keyExchange.body.readUInt16BE(0))) };
  if (ended || messages.some((m) => m.type === 14)) return serverHello;
  return undefined;
}

function handshakeMessages(bytes: Buffer): { type: number; body: Buffer }[] {
  const messages = [];
  let offset = 0;
  while (offset + 4 <= bytes.length) {
    const length = bytes.readUIntBE(offset + 1, 3);
    if (offset + 4 + length > bytes.length) break;
    messages.push({ type: bytes[offset]!, body: bytes.subarray(offset + 4, offset + 4 + length) });
    offset += 4 + length;
  }
  return messages;
}

function parseServerHello(body: Buffer): Extract<HelloAnswer, { kind: 'serverHello' }> {
  const version = body.readUInt16BE(0);
  let offset = 2 + 32;
  offset += 1 + body[offset]!;
  const suite = body.readUInt16BE(offset);
  offset += 3;
  let secureRenegotiation = false;
  if (offset + 2 <= body.length) {
    const end = Math.min(body.length, offset + 2 + body.readUInt16BE(offset));
    offset += 2;
    while (offset + 4 <= end) {
      if (body.readUInt16BE(offset) === 0xff01) secureRenegotiation = true;
      offset += 4 + body.readUInt16BE(offset + 2);
    }
  }
  return { kind: 'serverHello', version, suite, secureRenegotiation };
}

/** The DHE suites (finite-field ephemeral Diffie-Hellman) whose ServerKeyExchange starts with the prime. */
export const DHE_SUITES: readonly number[] = [
  0x0011, 0x0012, 0x0013, 0x0014, 0x0015, 0x0016, 0x0032, 0x0033, 0x0038, 0x0039, 0x0040, 0x0044, 0x0045, 0x0067, 0x006a, 0x006b, 0x0087, 0x0088, 0x0099, 0x009a, 0x009e, 0x009f, 0x00a2, 0x00a3, 0xc09e, 0xc09f, 0xc0a2, 0xc0a3, 0xccaa,
];

function isDhe(suite: number): boolean {
  return DHE_SUITES.includes(suite);
}

function primeBits(prime: Buffer): number {
  let start = 0;
  while (start < prime.length && prime[start] === 0) start++;
  if (start === prime.length) return 0;
  return (prime.length - start - 1) * 8 + (32 - Math.clz32(prime[start]!));
}

function extension(type: number, data: Buffer): Buffer {
  return Buffer.concat([u16s([type]), vector(2, data)]);
}

function vector(lengthBytes: 1 | 2, data: Buffer): Buffer {
  const length = Buffer.alloc(lengthBytes);
  length.writeUIntBE(data.length, 0, lengthBytes);
  return Buffer.concat([length, data]);
}

function u16s(values: readonly number[]): Buffer {
  const buffer = Buffer.alloc(values.length * 2);
  values.forEach((value, i) => buffer.writeUInt16BE(value, i * 2));
  return buffer;
}

function u24(value: number): Buffer {
  const buffer = Buffer.alloc(3);
  buffer.writeUIntBE(value, 0, 3);
  return buffer;
}
