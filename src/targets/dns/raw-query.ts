import { createSocket } from 'node:dgram';
import { isIP } from 'node:net';
import dnsPacket from 'dns-packet';

/**
 * Raw DNS queries over UDP for the record types node:dns cannot ask for (DNSKEY, DS),
 * with EDNS0 and the DO bit so a validating resolver reports DNSSEC (AD flag). The one
 * module of harden proper that imports dns-packet.
 */
export type RawRecordType = 'DNSKEY' | 'DS' | 'TLSA';

export interface RawResponse {
  /** DNS RCODE: 0 NOERROR, 2 SERVFAIL, 3 NXDOMAIN, ... */
  rcode: number;
  /** The AD flag: a validating resolver checked the answer's signatures. */
  authenticated: boolean;
  truncated: boolean;
  /** Answers of the asked type (RRSIGs and others left out). */
  answers: { name: string; ttl: number; data: unknown }[];
}

/** "1.2.3.4", "1.2.3.4:5353", "::1", "[::1]:5353" → host and port (53 by default). */
export function parseServer(server: string): { host: string; port: number } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(server);
  if (bracketed) return { host: bracketed[1]!, port: Number(bracketed[2] ?? 53) };
  if (isIP(server) === 6) return { host: server, port: 53 };
  const [host, port] = server.split(':');
  return { host: host!, port: Number(port ?? 53) };
}

export async function rawQuery(server: string, name: string, type: RawRecordType, timeoutMs: number, tries = 2): Promise<RawResponse> {
  let lastError: unknown;
  for (let attempt = 0; attempt < tries; attempt++) {
    try {
      return await queryOnce(parseServer(server), name, type, Math.ceil(timeoutMs / tries));
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}

function queryOnce(server: { host: string; port: number }, name: string, type: RawRecordType, timeoutMs: number): Promise<RawResponse> {
  const id = Math.floor(Math.random() * 0x10000);
  const query = dnsPacket.encode({
    type: 'query',
    id,
    flags: dnsPacket.RECURSION_DESIRED | dnsPacket.AUTHENTIC_DATA,
    questions: [{ type, name }],
    additionals: [{ type: 'OPT', name: '.', udpPayloadSize: 4096, extendedRcode: 0, ednsVersion: 0, flags: dnsPacket.DNSSEC_OK, flag_do: true, options: [] }],
  });
  const socket = createSocket(isIP(server.host) === 6 ? 'udp6' : 'udp4');
  return new Promise((resolve, reject) => {
    const finish = (error: Error | undefined, response?: RawResponse) => {
      clearTimeout(timer);
      socket.close();
      if (error) reject(error);
      else resolve(response!);
    };
    const timer = setTimeout(() => finish(new Error(`DNS ${type} ${name}: no answer from ${server.host}:${server.port} within ${timeoutMs} ms`)), timeoutMs);
    socket.on('error', (error) => finish(error));
    socket.on('message', (message) => {
      let packet: dnsPacket.DecodedPacket;
      try {
        packet = dnsPacket.decode(message);
      } catch {
        return; // not a DNS message: keep waiting
      }
      if (packet.id !== id) return;
      finish(undefined, {
        rcode: (packet.flags ?? 0) & 0xf,
        authenticated: packet.flag_ad,
        truncated: packet.flag_tc,
        answers: (packet.answers ?? []).filter((answer) => answer.type === type).map((answer) => ({ name: answer.name, ttl: 'ttl' in answer ? (answer.ttl ?? 0) : 0, data: 'data' in answer ? answer.data : undefined })),
      });
    });
    socket.send(query, server.port, server.host, (error) => error && finish(error));
  });
}
