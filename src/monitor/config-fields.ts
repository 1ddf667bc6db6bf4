import { isIPv4, isIPv6 } from 'node:net';
import { z } from 'zod';
import { parseDuration } from '../duration.js';

/**
 * Field types the monitoring configuration shares (monitors, probes, alert channels):
 * each rejects at load what could not work, with the reason.
 */

/** A duration in the plan ("60s", "10m", "30d"), read as milliseconds. */
export const duration = z.unknown().transform((value, ctx) => {
  if (value === undefined) {
    ctx.addIssue({ code: 'invalid_type', expected: 'string', input: value });
    return z.NEVER;
  }
  const ms = typeof value === 'string' ? parseDuration(value) : undefined;
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: durationProblem(value) });
    return z.NEVER;
  }
  return ms;
});

function durationProblem(value: unknown): string {
  if (typeof value === 'number') return `${value} is a number, not a duration: give the unit (${value}s, ${value}ms, ${value}m)`;
  if (typeof value === 'string') return `"${value}" is not a duration (use e.g. 500ms, 60s, 10m, 1h, 30d)`;
  return `expected a duration such as 60s, got ${value === null ? 'nothing' : Array.isArray(value) ? 'a list' : typeof value}`;
}

/** An http:// or https:// URL: nothing else can be probed or posted to. */
export const httpUrl = z.string().superRefine((text, ctx) => {
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (!url) ctx.addIssue({ code: 'custom', message: `"${text}" is not a URL` });
  else if (url.protocol !== 'http:' && url.protocol !== 'https:') ctx.addIssue({ code: 'custom', message: `only http:// and https:// URLs are supported, not ${url.protocol}` });
  else if (url.hostname === '') ctx.addIssue({ code: 'custom', message: `"${text}" has no host` });
});

/** Whether a URL carries user:password (sent as Basic authorization). */
export function hasUserinfo(url: string): boolean {
  return URL.canParse(url) && (new URL(url).username !== '' || new URL(url).password !== '');
}

/** A channel URL's user:password and another credential at once: one of the two would be dropped without a word. */
export function basicAuthConflict(other: string): string {
  return `the URL's user:password would be sent as Basic authorization, and ${other}: keep one`;
}

/** Header names are HTTP tokens (no spaces or colons); values hold no line break or other control character, which would forge headers. */
export const headers = z.record(z.string(), z.string()).superRefine((map, ctx) => checkHeaders(map, ctx, { values: true }));

export function checkHeaders(map: Record<string, string>, ctx: z.RefinementCtx, { values }: { values: boolean }): void {
  for (const [header, value] of Object.entries(map)) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(header))
      ctx.addIssue({ code: 'custom', path: [header], message: 'not a header name: letters, digits and !#$%&\'*+.^_`|~- only, no spaces or colons' });
    else if (values && /[\u0000-\u0008\u000a-\u001f\u007f]/.test(value))
      ctx.addIssue({ code: 'custom', path: [header], message: 'a header value cannot hold a line break or another control character' });
  }
}

export const name = z.string().min(1).regex(/^[\w.:-]+$/, 'names use letters, digits, ".", ":", "_" and "-"');
export const nameList = z.union([name, z.array(name)]).transform((v) => (Array.isArray(v) ? v : [v]));
/** host:port of a target; `listen` also takes port 0 (any free port). */
export const hostPort = (listen = false) =>
  z.string().refine((text) => {
    const match = /^(\[[0-9a-fA-F:]+\]|[\w.-]+):(\d{1,5})$/.exec(text);
    const port = Number(match?.[2]);
    return match !== null && port >= (listen ? 0 : 1) && port <= 65_535;
  }, `expected host:port with a port from ${listen ? 0 : 1} to 65535`);
/** An IP address and port, 9.9.9.9:53 or [2620:fe::fe]:53: a DNS server cannot be found by name. */
export const ipPort = z.string().refine((text) => {
  const match = /^(?:\[([^\]]+)\]|([\d.]+)):(\d{1,5})$/.exec(text);
  const port = Number(match?.[3]);
  return match !== null && (match[1] !== undefined ? isIPv6(match[1]) : isIPv4(match[2]!)) && port >= 1 && port <= 65_535;
}, 'expected an IP address and port such as 9.9.9.9:53 or [2620:fe::fe]:53, not a host name');
