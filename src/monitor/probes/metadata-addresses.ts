import { isIPv4, isIPv6 } from 'node:net';

/**
 * Why a redirect may not lead to `address`: link-local addresses (169.254.0.0/16, fe80::/10)
 * and fd00:ec2::254 are where clouds serve instance metadata and credentials, so a target
 * redirecting the monitor there would have it fetch them. undefined for any other address.
 */
export function metadataAddressReason(address: string): string | undefined {
  const ip = address.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return isMetadata(ip) ? `redirect to a link-local or cloud metadata address (${ip}) refused` : undefined;
}

function isMetadata(ip: string): boolean {
  if (isIPv4(ip)) return ip.startsWith('169.254.');
  if (!isIPv6(ip)) return false;
  const groups = ipv6Groups(ip);
  // An IPv4-mapped address (::ffff:169.254.169.254, spelt ::ffff:a9fe:a9fe by URL parsers).
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) return groups[6] === 0xa9fe;
  return (groups[0]! & 0xffc0) === 0xfe80 || groups.join(':') === [0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x254].join(':');
}

/** The eight 16-bit groups of a valid IPv6 address ("::" expanded, a trailing dotted IPv4 as two groups). */
function ipv6Groups(ip: string): number[] {
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(ip);
  const hex = dotted ? ip.slice(0, dotted.index) + [(Number(dotted[1]) << 8) | Number(dotted[2]), (Number(dotted[3]) << 8) | Number(dotted[4])].map((n) => n.toString(16)).join(':') : ip;
  const [head = '', tail] = hex.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const middle = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...middle, ...right].map((group) => parseInt(group, 16));
}
