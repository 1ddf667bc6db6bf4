import { z } from 'zod';
import { parseCidr } from './cidr.js';

/**
 * Cloudflare's published edge ranges (https://www.cloudflare.com/ips-v4 and /ips-v6), the
 * sources an origin behind Cloudflare's proxy needs to accept on 80/443. Transcribed on
 * 2026-12-07; Cloudflare announces changes in advance, and a plan may list CIDRs instead.
 */
export const CLOUDFLARE_RANGES = {
  date: '2026-12-07',
  ipv4: [
    '173.245.48.0/20', '103.21.244.0/22', '103.22.200.0/22', '103.31.4.0/22', '141.101.64.0/18', '108.162.192.0/18', '190.93.240.0/20',
    '188.114.96.0/20', '197.234.240.0/22', '198.41.128.0/17', '162.158.0.0/15', '104.16.0.0/13', '104.24.0.0/14', '172.64.0.0/13', '131.0.72.0/22',
  ],
  ipv6: ['2400:cb00::/32', '2606:4700::/32', '2803:f800::/32', '2405:b500::/32', '2405:8100::/32', '2a06:98c0::/29', '2c0f:f248::/32'],
} as const;

/** Names a plan may give instead of CIDRs (`restrictPorts: { 443: cloudflare }`). */
export const NAMED_RANGES: Readonly<Record<string, readonly string[]>> = {
  cloudflare: [...CLOUDFLARE_RANGES.ipv4, ...CLOUDFLARE_RANGES.ipv6],
};

/**
 * A plan's `restrictPorts` value (a range name, a CIDR, or a list of either) as CIDRs; throws
 * naming the first entry that is neither, for the plan's validation to report.
 */
export function resolveRanges(value: string | readonly string[]): string[] {
  return (typeof value === 'string' ? [value] : value).flatMap((entry) => {
    const named = NAMED_RANGES[entry.trim().toLowerCase()];
    if (named) return [...named];
    if (parseCidr(entry) === undefined) throw new Error(`"${entry}" is neither a CIDR nor a known range name (${Object.keys(NAMED_RANGES).join(', ')})`);
    return [entry.trim()];
  });
}

/** Sources in a plan (a port's allowed sources, serve's trusted proxies): a range name (`cloudflare`), a CIDR, or a list of either; resolved to CIDRs at plan validation. */
export const addressRanges = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).transform((value, ctx) => {
  const entries = typeof value === 'string' ? [value] : value;
  const cidrs: string[] = [];
  entries.forEach((entry, index) => {
    try {
      cidrs.push(...resolveRanges(entry));
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message, path: typeof value === 'string' ? [] : [index] });
    }
  });
  return cidrs;
});
