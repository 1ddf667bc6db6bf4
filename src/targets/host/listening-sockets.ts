import { isNonPublic } from './cidr.js';

/** One listening socket as `ss -H -tuln` prints it. */
export interface ListeningSocket {
  readonly proto: 'tcp' | 'udp';
  /** The bound address without brackets or interface: `0.0.0.0`, `::`, `*` (every address, both families), `127.0.0.53`. */
  readonly address: string;
  /** The interface a socket is bound to (`127.0.0.53%lo`), when any. */
  readonly iface?: string;
  readonly port: number;
  /** The local column as printed, for evidence. */
  readonly local: string;
}

/**
 * Parses `ss -H -tuln` (Netid State Recv-Q Send-Q Local:Port Peer:Port). Lines of other
 * shapes are skipped; an older ss without -H prints a header, which is skipped the same way.
 */
export function parseListeningSockets(output: string): ListeningSocket[] {
  const sockets: ListeningSocket[] = [];
  for (const line of output.split('\n')) {
    const columns = line.trim().split(/\s+/);
    if (columns.length < 5) continue;
    const proto = columns[0];
    if (proto !== 'tcp' && proto !== 'udp') continue;
    const local = columns[4]!;
    const split = local.lastIndexOf(':');
    const port = Number(local.slice(split + 1));
    if (split <= 0 || !Number.isInteger(port)) continue;
    const [host = '', iface] = local.slice(0, split).split('%');
    const address = host.replace(/^\[/, '').replace(/\]$/, '');
    sockets.push({ proto, address, port, local, ...(iface ? { iface } : {}) });
  }
  return sockets;
}

/** Bound to loopback only: 127.0.0.0/8, ::1, ::ffff:127.x, or any address on the `lo` interface. */
export function isLoopbackOnly(socket: ListeningSocket): boolean {
  if (socket.iface === 'lo') return true;
  const address = socket.address.replace(/^::ffff:/i, '');
  return address === '::1' || /^127\./.test(address);
}

/** Bound to every address (0.0.0.0, ::, *): reachable on whatever public address the host has. */
export function isWildcard(socket: ListeningSocket): boolean {
  return socket.address === '0.0.0.0' || socket.address === '::' || socket.address === '*';
}

/**
 * Reachable from the Internet unless a firewall stops it: a wildcard bind, or a public address.
 * A socket bound to one interface (`0.0.0.0%virbr0:67`, dnsmasq on a bridge) is not: which
 * network that interface faces cannot be told from here.
 */
export function isPubliclyBound(socket: ListeningSocket): boolean {
  if (isLoopbackOnly(socket) || socket.iface) return false;
  return isWildcard(socket) || !isNonPublic(socket.address.replace(/^::ffff:/i, ''));
}
