import { createSocket } from 'node:dgram';
import { connect, isIP } from 'node:net';
import dnsPacket from 'dns-packet';

/**
 * Raw DNS queries for the record types node:dns cannot ask for (DNSKEY, DS), with EDNS0 and
 * the DO bit so a validating resolver reports DNSSEC (AD flag) and the answer carries its
 * RRSIGs. Over UDP first, retried over TCP when the answer is truncated (TC), as large keys
 * and key rollovers make DNSKEY answers exceed the UDP size. The one module of harden proper
 * that imports dns-packet.
 */
export type RawRecordType = 'DNSKEY' | 'DS' | 'TLSA';

/** An RRSIG's fields as dns-packet decodes them. */
export interface RrsigData {
  typeCovered: string;
  algorithm: number;
  labels: number;
  originalTTL: number;
  expiration: number;
  inception: number;
  keyTag: number;
  signersName: string;
  signature: Buffer;
}

export interface RawResponse {
  /** DNS RCODE: 0 NOERROR, 2 SERVFAIL, 3 NXDOMAIN, ... */
  rcode: number;
  /** The AD flag: a validating resolver checked the answer's signatures. */
  authenticated: boolean;
  /** Still truncated after the TCP retry (the TCP retry failed or was not possible). */
  truncated: boolean;
  /** Answers of the asked type (RRSIGs and others left out). */
  answers: { name: string; ttl: number; data: unknown }[];
  /** The RRSIGs in the answer that cover the asked type. */
  signatures: RrsigData[];
  /** How the answer came: over UDP, or over TCP after a truncated UDP answer. */
  transport: 'udp' | 'tcp';
}

type Server = { host: string; port: number };

/** "1.2.3.4", "1.2.3.4:5353", "::1", "[::1]:5353" → host and port (53 by default). */
export function parseServer(server: string): Server {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(server);
  if (bracketed) return { host: bracketed[1]!, port: Number(bracketed[2] ?? 53) };
  if (isIP(server) === 6) return { host: server, port: 53 };
  const [host, port] = server.split(':');
  return { host: host!, port: Number(port ?? 53) };
}

export async function rawQuery(server: string, name: string, type: RawRecordType, timeoutMs: number, tries = 2): Promise<RawResponse> {
  const target = parseServer(server);
  let lastError: unknown;
  for (let attempt = 0; attempt < tries; attempt++) {
    try {
      const udp = await queryUdp(target, name, type, Math.ceil(timeoutMs / tries));
      if (!udp.truncated) return udp;
      try {
        return await queryTcp(target, name, type, Math.ceil(timeoutMs / tries));
      } catch {
        return udp; // keeps truncated: true, so the caller can say so
      }
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}

function encodeQuery(id: number, name: string, type: RawRecordType): Buffer {
  return dnsPacket.encode({
    type: 'query',
    id,
    flags: dnsPacket.RECURSION_DESIRED | dnsPacket.AUTHENTIC_DATA,
    questions: [{ type, name }],
    additionals: [{ type: 'OPT', name: '.', udpPayloadSize: 4096, extendedRcode: 0, ednsVersion: 0, flags: dnsPacket.DNSSEC_OK, flag_do: true, options: [] }],
  });
}

function toResponse(packet: dnsPacket.DecodedPacket, type: RawRecordType, transport: 'udp' | 'tcp'): RawResponse {
  const answers = packet.answers ?? [];
  return {
    rcode: (packet.flags ?? 0) & 0xf,
    authenticated: packet.flag_ad,
    truncated: packet.flag_tc,
    answers: answers.filter((answer) => answer.type === type).map((answer) => ({ name: answer.name, ttl: 'ttl' in answer ? (answer.ttl ?? 0) : 0, data: 'data' in answer ? answer.data : undefined })),
    signatures: answers.flatMap((answer) => (answer.type === 'RRSIG' && answer.data.typeCovered === type ? [answer.data as RrsigData] : [])),
    transport,
  };
}

function noAnswer(server: Server, name: string, type: RawRecordType, timeoutMs: number, transport: string): Error {
  return new Error(`DNS ${type} ${name}: no answer from ${server.host}:${server.port} within ${timeoutMs} ms${transport}`);
}

function queryUdp(server: Server, name: string, type: RawRecordType, timeoutMs: number): Promise<RawResponse> {
  const id = Math.floor(Math.random() * 0x10000);
  const socket = createSocket(isIP(server.host) === 6 ? 'udp6' : 'udp4');
  return new Promise((resolve, reject) => {
    const finish = (error: Error | undefined, response?: RawResponse) => {
      clearTimeout(timer);
      socket.close();
      if (error) reject(error);
      else resolve(response!);
    };
    const timer = setTimeout(() => finish(noAnswer(server, name, type, timeoutMs, '')), timeoutMs);
    socket.on('error', (error) => finish(error));
    socket.on('message', (message) => {
      let packet: dnsPacket.DecodedPacket;
      try {
        packet = dnsPacket.decode(message);
      } catch {
        return; // not a DNS message: keep waiting
      }
      if (packet.id !== id) return;
      finish(undefined, toResponse(packet, type, 'udp'));
    });
    socket.send(encodeQuery(id, name, type), server.port, server.host, (error) => error && finish(error));
  });
}

/** The same query over TCP (RFC 7766), each message behind its two-byte length. */
function queryTcp(server: Server, name: string, type: RawRecordType, timeoutMs: number): Promise<RawResponse> {
  const id = Math.floor(Math.random() * 0x10000);
  const socket = connect({ host: server.host, port: server.port });
  return new Promise((resolve, reject) => {
    let received = Buffer.alloc(0);
    const finish = (error: Error | undefined, response?: RawResponse) => {
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolve(response!);
    };
    const timer = setTimeout(() => finish(noAnswer(server, name, type, timeoutMs, ' over TCP')), timeoutMs);
    socket.on('error', (error) => finish(error));
    socket.on('close', () => finish(new Error(`DNS ${type} ${name}: ${server.host}:${server.port} closed the TCP connection without an answer`)));
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 2 || received.length < 2 + received.readUInt16BE(0)) return;
      try {
        const packet = dnsPacket.decode(received.subarray(2, 2 + received.readUInt16BE(0)));
        if (packet.id !== id) return finish(new Error(`DNS ${type} ${name}: TCP answer for another query`));
        finish(undefined, toResponse(packet, type, 'tcp'));
      } catch (error) {
        finish(error instanceof Error ? error : new Error(String(error)));
      }
    });
    const query = encodeQuery(id, name, type);
    const length = Buffer.alloc(2);
    length.writeUInt16BE(query.length);
    socket.write(Buffer.concat([length, query]));
  });
}
