import { isIPv4, isIPv6 } from 'node:net';
import { z } from 'zod';
import { formatDuration, parseDuration } from '../monitor/duration.js';

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

/** The shortest interval between two probes of a monitor: faster is hammering the target, and floods incidents when it flaps. */
export const MIN_INTERVAL_MS = 1000;
/** The shortest probe timeout: below this even a local connection fails. */
export const MIN_TIMEOUT_MS = 10;

/** HARDEN_TEST_MIN_INTERVAL lowers the floor for the daemon's own tests, which cannot wait seconds per probe. */
function minimumInterval(): number {
  const override = process.env.HARDEN_TEST_MIN_INTERVAL;
  return (override && parseDuration(override)) || MIN_INTERVAL_MS;
}

/** An http:// or https:// URL: nothing else can be probed or posted to. */
export const httpUrl = z.string().superRefine((text, ctx) => {
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (!url) ctx.addIssue({ code: 'custom', message: `"${text}" is not a URL` });
  else if (url.protocol !== 'http:' && url.protocol !== 'https:') ctx.addIssue({ code: 'custom', message: `only http:// and https:// URLs are supported, not ${url.protocol}` });
  else if (url.hostname === '') ctx.addIssue({ code: 'custom', message: `"${text}" has no host` });
});

/** Header names are HTTP tokens (no spaces or colons); values hold no line break or other control character, which would forge headers. */
export const headers = z.record(z.string(), z.string()).superRefine((map, ctx) => checkHeaders(map, ctx, { values: true }));

function checkHeaders(map: Record<string, string>, ctx: z.RefinementCtx, { values }: { values: boolean }): void {
  for (const [header, value] of Object.entries(map)) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(header))
      ctx.addIssue({ code: 'custom', path: [header], message: 'not a header name: letters, digits and !#$%&\'*+.^_`|~- only, no spaces or colons' });
    else if (values && /[\u0000-\u0008\u000a-\u001f\u007f]/.test(value))
      ctx.addIssue({ code: 'custom', path: [header], message: 'a header value cannot hold a line break or another control character' });
  }
}

const name = z.string().min(1).regex(/^[\w.:-]+$/, 'names use letters, digits, ".", ":", "_" and "-"');
const nameList = z.union([name, z.array(name)]).transform((v) => (Array.isArray(v) ? v : [v]));
const textList = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v]));
/** host:port of a target; `listen` also takes port 0 (any free port). */
const hostPort = (listen = false) =>
  z.string().refine((text) => {
    const match = /^(\[[0-9a-fA-F:]+\]|[\w.-]+):(\d{1,5})$/.exec(text);
    const port = Number(match?.[2]);
    return match !== null && port >= (listen ? 0 : 1) && port <= 65_535;
  }, `expected host:port with a port from ${listen ? 0 : 1} to 65535`);
/** An IP address and port, 9.9.9.9:53 or [2620:fe::fe]:53: a DNS server cannot be found by name. */
const ipPort = z.string().refine((text) => {
  const match = /^(?:\[([^\]]+)\]|([\d.]+)):(\d{1,5})$/.exec(text);
  const port = Number(match?.[3]);
  return match !== null && (match[1] !== undefined ? isIPv6(match[1]) : isIPv4(match[2]!)) && port >= 1 && port <= 65_535;
}, 'expected an IP address and port such as 9.9.9.9:53 or [2620:fe::fe]:53, not a host name');

/**
 * A secret in channel configuration: `env:NAME` (an environment variable) or `file:PATH`
 * (a file's content, trimmed). Never inline: plans are committed and values reach logs.
 */
export const secretRef = z
  .string()
  .regex(/^(env:[A-Za-z_][A-Za-z0-9_]*|file:.+)$/, 'secrets are references: env:VARIABLE or file:/path/to/secret, never the value itself');

const httpProbe = z.union([
  httpUrl.transform((url) => ({
    url,
    method: 'GET' as const,
    headers: {} as Record<string, string>,
    secretHeaders: {} as Record<string, string>,
    body: undefined as string | undefined,
    redirects: 'off' as 'off' | 'follow',
  })),
  z
    .object({
      url: httpUrl,
      method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']).default('GET'),
      /** Literal header values, sent as written. */
      headers: headers.default({}),
      /** Headers whose values are secret references (env:NAME, file:PATH), resolved when the monitor is loaded. */
      secretHeaders: z
        .record(z.string(), secretRef)
        .superRefine((map, ctx) => checkHeaders(map, ctx, { values: false }))
        .default({}),
      body: z.string().optional(),
      /** off: the first response is the one measured; follow: redirects are followed (at most 10). */
      redirects: z.enum(['off', 'follow']).default('off'),
    })
    .strict()
    .superRefine((http, ctx) => {
      const literal = new Set(Object.keys(http.headers).map((header) => header.toLowerCase()));
      for (const header of Object.keys(http.secretHeaders))
        if (literal.has(header.toLowerCase()))
          ctx.addIssue({ code: 'custom', path: ['secretHeaders', header], message: 'also in headers (a header goes in headers or secretHeaders, not both)' });
    }),
]);

const dnsProbe = z
  .object({
    name: z.string().min(1),
    type: z.enum(['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'NS', 'CAA', 'SOA', 'SRV']).default('A'),
    /** IP:port of the server to ask ([IPv6]:port); else the system's resolvers. */
    server: ipPort.optional(),
    /** A condition on the answers, e.g. "contains 'p=reject'". */
    expect: z.string().optional(),
  })
  .strict();

const tlsProbe = z.union([
  hostPort().transform((text) => ({ address: text, servername: undefined as string | undefined })),
  z.object({ address: hostPort(), servername: z.string().optional() }).strict(),
]);

export const monitorSchema = z
  .object({
    name,
    description: z.string().optional(),
    http: httpProbe.optional(),
    tcp: hostPort().optional(),
    dns: dnsProbe.optional(),
    tls: tlsProbe.optional(),
    every: duration.default(60_000),
    /** Default: 10s, or the interval when that is shorter. */
    timeout: duration.optional(),
    /** Conditions that must all hold for a sample to be up; see docs/monitoring.md. */
    expect: textList.default([]),
    /** Consecutive failures before an incident opens. */
    confirm: z.number().int().min(1).max(100).default(2),
    /** Consecutive successes before an open incident closes. */
    recover: z.number().int().min(1).max(100).default(1),
    alert: nameList.default([]),
  })
  .strict()
  .superRefine((monitor, ctx) => {
    const kinds = (['http', 'tcp', 'dns', 'tls'] as const).filter((kind) => monitor[kind] !== undefined);
    if (kinds.length !== 1)
      ctx.addIssue({ code: 'custom', message: kinds.length === 0 ? 'a monitor needs one of http, tcp, dns, tls' : `a monitor probes one thing; it has ${kinds.join(' and ')}` });
    const floor = minimumInterval();
    if (monitor.every < floor)
      ctx.addIssue({ code: 'custom', path: ['every'], message: `${formatDuration(monitor.every)}: the shortest interval is ${formatDuration(floor)}` });
    if (monitor.timeout !== undefined && monitor.timeout < MIN_TIMEOUT_MS)
      ctx.addIssue({ code: 'custom', path: ['timeout'], message: `${formatDuration(monitor.timeout)}: the shortest timeout is ${formatDuration(MIN_TIMEOUT_MS)}` });
    else if (monitor.timeout !== undefined && monitor.timeout > monitor.every)
      ctx.addIssue({ code: 'custom', path: ['timeout'], message: 'timeout is longer than the interval ("every")' });
  })
  .transform((monitor) => ({ ...monitor, timeout: monitor.timeout ?? Math.min(10_000, monitor.every) }));

const slackChannel = z.object({ webhook: secretRef }).strict();
const discordChannel = z.object({ webhook: secretRef }).strict();
const webhookChannel = z
  .object({
    url: httpUrl,
    /** HMAC-SHA256 key: the body's signature is sent in X-Harden-Signature: sha256=HEX. */
    secret: secretRef.optional(),
    headers: headers.default({}),
  })
  .strict();
const emailChannel = z
  .object({
    to: textList,
    from: z.string().default('harden <harden@localhost>'),
    /** smtp://user:pass@host:port or smtps://… */
    smtp: secretRef,
  })
  .strict();
const ntfyChannel = z
  .object({
    /** The topic URL, e.g. https://ntfy.sh/my-topic */
    url: httpUrl,
    token: secretRef.optional(),
    priority: z.number().int().min(1).max(5).optional(),
  })
  .strict();
const pagerdutyChannel = z
  .object({
    routingKey: secretRef,
    /** Events API v2 endpoint; tests point it at a local receiver. */
    url: httpUrl.default('https://events.pagerduty.com/v2/enqueue'),
  })
  .strict();

export const channelSchema = z
  .object({
    slack: slackChannel.optional(),
    discord: discordChannel.optional(),
    webhook: webhookChannel.optional(),
    email: emailChannel.optional(),
    ntfy: ntfyChannel.optional(),
    pagerduty: pagerdutyChannel.optional(),
  })
  .strict()
  .superRefine((channel, ctx) => {
    const kinds = Object.keys(channel).filter((key) => channel[key as keyof typeof channel] !== undefined);
    if (kinds.length !== 1)
      ctx.addIssue({ code: 'custom', message: kinds.length === 0 ? 'an alert channel needs one of slack, discord, webhook, email, ntfy, pagerduty' : `one channel per name; this has ${kinds.join(' and ')}` });
  });

export const maintenanceSchema = z.union([
  z
    .object({
      monitors: nameList,
      /** Five-field cron (minute hour day month weekday) at which each window starts, in UTC unless timezone is set. */
      cron: z.string(),
      duration,
      timezone: z.string().optional(),
      reason: z.string().optional(),
    })
    .strict(),
  z
    .object({
      monitors: nameList,
      /** A one-off window: ISO date-times. */
      start: z.iso.datetime({ offset: true }),
      end: z.iso.datetime({ offset: true }),
      reason: z.string().optional(),
    })
    .strict(),
]);

const percent = z.union([z.number(), z.string().regex(/^\d+(\.\d+)?%$/, 'expected a percentage such as 99.9%')]).transform((value) =>
  typeof value === 'number' ? value : Number(value.slice(0, -1)),
).pipe(z.number().gt(0, 'the objective must be above 0%').lt(100, 'an objective of 100% leaves no error budget'));

export const sloSchema = z
  .object({
    monitor: name,
    /** Percent of samples that must be up over the window. */
    objective: percent,
    window: duration.default(30 * 86_400_000),
  })
  .strict();

export const triggerSchema = z
  .object({
    name: name.optional(),
    monitor: name,
    /** "p99 > 500ms for 10m", "error_rate > 5% for 5m"; see docs/monitoring.md. */
    when: z.string(),
    alert: nameList.default([]),
  })
  .strict();

const DAY_MS = 86_400_000;
export const RETENTION_DEFAULTS = { raw: DAY_MS, minute: DAY_MS, hour: 35 * DAY_MS, day: 730 * DAY_MS };

export const monitoringSchema = z
  .object({
    /** SQLite database file, relative to the plan (HARDEN_DATABASE_URL selects PostgreSQL instead). */
    database: z.string().default('.harden/harden.db'),
    /** Probes in flight at once, across all monitors. */
    concurrency: z.number().int().min(1).max(10_000).default(256),
    /** Prometheus metrics: host:port to listen on, or false. */
    metrics: z.union([hostPort(true), z.literal(false)]).default('127.0.0.1:9464'),
    /** Extra trusted CA certificates (PEM files, relative to the plan). */
    ca: textList.default([]),
    /** How long SIGTERM waits for probes in flight before abandoning them. */
    shutdownGrace: duration.default(10_000),
    /** How long each tier is kept: raw samples (monitor history), then minute, hour and day rollups (uptime, latency, SLOs). */
    retention: z
      .object({
        raw: duration.default(RETENTION_DEFAULTS.raw),
        minute: duration.default(RETENTION_DEFAULTS.minute),
        hour: duration.default(RETENTION_DEFAULTS.hour),
        day: duration.default(RETENTION_DEFAULTS.day),
      })
      .strict()
      .default(RETENTION_DEFAULTS),
  })
  .strict();

export type Monitor = z.output<typeof monitorSchema>;
export type AlertChannel = z.output<typeof channelSchema>;
export type Maintenance = z.output<typeof maintenanceSchema>;
export type Slo = z.output<typeof sloSchema>;
export type Trigger = z.output<typeof triggerSchema>;
export type MonitoringSettings = z.output<typeof monitoringSchema>;
export type MonitorKind = 'http' | 'tcp' | 'dns' | 'tls';

export function monitorKind(monitor: Monitor): MonitorKind {
  return monitor.http ? 'http' : monitor.tcp ? 'tcp' : monitor.dns ? 'dns' : 'tls';
}
