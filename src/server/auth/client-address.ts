import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';

/** Proxies whose X-Forwarded-For is believed, from the plan's `serve.trustedProxies` (CIDRs). */
export function trustedProxies(cidrs: readonly string[]): BlockList {
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [address = '', length] = cidr.split('/');
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    list.addSubnet(address, Number(length ?? (type === 'ipv6' ? 128 : 32)), type);
  }
  return list;
}

/**
 * The address a sign-in is counted against: the peer's, or behind trusted proxies the nearest
 * address in X-Forwarded-For that is not one of them (read right to left, as each proxy appends
 * the address it received from). Anything a client writes left of that is never believed.
 */
export function clientAddress(request: Pick<IncomingMessage, 'headers' | 'socket'>, trusted: BlockList | undefined): string {
  let client = plain(request.socket.remoteAddress ?? '');
  if (!client) return 'unknown';
  if (!trusted) return client;
  const header = request.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((hop) => plain(hop.trim()));
  while (isTrusted(trusted, client)) {
    const next = hops.pop();
    if (next === undefined || isIP(next) === 0) break;
    client = next;
  }
  return client;
}

function isTrusted(trusted: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && trusted.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/**
 * ::ffff:192.0.2.1 (an IPv4 peer of a dual-stack socket) as 192.0.2.1; "[2001:db8::1]" without brackets; and
 * without the port some proxies add to a hop ("203.0.113.7:52311", "[2001:db8::1]:443": Azure, IIS ARR); IPv6 in
 * its usual spelling.
 */
export function plain(address: string): string {
  const bare = address.replace(/^\[([^\]]*)\](?::\d+)?$/, '$1').replace(/^(\d+\.\d+\.\d+\.\d+):\d+$/, '$1');
  if (/^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(bare)) return bare.slice(7);
  // One spelling per IPv6 address (2001:DB8:0::7 is 2001:db8::7), so one client is one count however a proxy writes it.
  return isIP(bare) === 6 ? new URL(`http://[${bare}]/`).hostname.slice(1, -1) : bare;
}
