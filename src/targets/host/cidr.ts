import { isIPv4, isIPv6 } from 'node:net';

/** An address range: family, network bits and prefix length. */
export interface Cidr {
  readonly family: 4 | 6;
  readonly bits: bigint;
  readonly length: number;
  readonly text: string;
}

/** "10.0.0.0/8", "2400:cb00::/32", or a bare address (a /32 or /128); undefined when it is neither. */
export function parseCidr(text: string): Cidr | undefined {
  const [address = '', lengthText] = text.trim().split('/');
  const family = isIPv4(address) ? 4 : isIPv6(address) ? 6 : undefined;
  if (family === undefined) return undefined;
  const width = family === 4 ? 32 : 128;
  const length = lengthText === undefined ? width : Number(lengthText);
  if (!Number.isInteger(length) || length < 0 || length > width) return undefined;
  return { family, bits: addressBits(address, family) & mask(length, width), length, text: text.trim() };
}

/** Whether `inner` lies wholly inside `outer`. */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  if (outer.family !== inner.family || inner.length < outer.length) return false;
  return (inner.bits & mask(outer.length, outer.family === 4 ? 32 : 128)) === outer.bits;
}

const NON_PUBLIC = [
  '0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.168.0.0/16',
  '::1/128', '::/128', 'fc00::/7', 'fe80::/10',
].map((text) => parseCidr(text)!);

/** Private, shared (CGNAT), loopback and link-local ranges (RFC 1918, 6598, 4193, 4291): not reachable from the Internet as such. */
export function isNonPublic(address: string): boolean {
  const cidr = parseCidr(address);
  return cidr !== undefined && NON_PUBLIC.some((range) => cidrContains(range, cidr));
}

function addressBits(address: string, family: 4 | 6): bigint {
  if (family === 4) return address.split('.').reduce((sum, part) => (sum << 8n) | BigInt(Number(part)), 0n);
  const [head = '', tail] = address.split('::');
  let tailGroups = tail === undefined ? [] : tail.split(':').filter(Boolean);
  let headGroups = head.split(':').filter(Boolean);
  const embedded = (groups: string[]) => {
    const last = groups.at(-1);
    if (last === undefined || !last.includes('.')) return groups;
    const v4 = addressBits(last, 4);
    return [...groups.slice(0, -1), (v4 >> 16n).toString(16), (v4 & 0xffffn).toString(16)];
  };
  if (tail === undefined) headGroups = embedded(headGroups);
  else tailGroups = embedded(tailGroups);
  const groups = [...headGroups, ...Array<string>(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups];
  return groups.reduce((sum, group) => (sum << 16n) | BigInt(parseInt(group, 16)), 0n);
}

function mask(length: number, width: number): bigint {
  return length === 0 ? 0n : ((1n << BigInt(length)) - 1n) << BigInt(width - length);
}
