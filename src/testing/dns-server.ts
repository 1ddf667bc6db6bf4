import { createSocket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import dnsPacket, { type Answer } from 'dns-packet';

/** Record data as dns-packet encodes it: a string (or string[]) for TXT, { flags, tag, value } for CAA, ... */
export type RecordData = Exclude<Answer, { type: 'OPT' }>['data'];

/** Records by "NAME TYPE" (lower-case name, no trailing dot), e.g. "_dmarc.example.com TXT". */
export type Zone = Record<string, RecordData[]>;

export interface RunningDnsServer {
  /** host:port for --dns-server / LiveConfig.dnsServer. */
  address: string;
  close(): Promise<void>;
}

/**
 * An authoritative DNS server on 127.0.0.1 (UDP) answering from a fixed zone; names
 * the zone does not hold get NXDOMAIN, known names without the asked type NOERROR/empty.
 */
export async function startDnsServer(zone: Zone): Promise<RunningDnsServer> {
  const socket = createSocket('udp4');
  const names = new Set(Object.keys(zone).map((key) => key.split(' ')[0]!));
  socket.on('message', (message, remote) => {
    const query = dnsPacket.decode(message);
    const question = query.questions?.[0];
    if (!question) return;
    const name = question.name.toLowerCase().replace(/\.$/, '');
    const data = zone[`${name} ${question.type}`] ?? [];
    const answers = data.map((record) => ({ type: question.type, name: question.name, ttl: 60, data: record }) as Answer);
    const response = dnsPacket.encode({
      id: query.id,
      type: 'response',
      flags: dnsPacket.AUTHORITATIVE_ANSWER | (names.has(name) ? 0 : 3),
      questions: query.questions,
      answers,
    });
    socket.send(response, remote.port, remote.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address() as AddressInfo;
  return { address: `127.0.0.1:${port}`, close: () => new Promise((resolve) => socket.close(() => resolve())) };
}
