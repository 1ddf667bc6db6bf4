import { z } from 'zod';
import type { HttpRequest, HttpResponse } from '../http/client.js';

/** Active probes send bounded, configured request counts, and only to sites that opt in here. */
export const rateLimitProbeSchema = z
  .object({
    path: z.string().startsWith('/'),
    method: z.enum(['GET', 'POST', 'PUT']).default('GET'),
    headers: z.record(z.string(), z.string()).default({}),
    body: z.string().optional(),
    /** Stop after this many requests at the latest. */
    maxRequests: z.number().int().min(1).max(1000).default(100),
    perSecond: z.number().positive().max(200).default(20),
    /** Statuses that show the limit kicked in. */
    expectStatus: z.array(z.number().int()).default([429]),
  })
  .strict();

export type RateLimitConfig = z.output<typeof rateLimitProbeSchema>;
type Send = (path: string, init: HttpRequest) => Promise<HttpResponse>;

export interface RateLimitOutcome {
  /** 1-based position (in sending order) of the first request answered with an expected status. */
  limitedAt: number | undefined;
  limitedStatus: number | undefined;
  /** Retry-After / RateLimit headers of that response, for the evidence. */
  limitHeaders: string[];
  /** Requests sent: never more than maxRequests. */
  sent: number;
  /** Status → count, of every answered request; `error` counts requests that failed outright. */
  statuses: Map<number | 'error', number>;
  elapsedMs: number;
}

/** Requests in flight at once, at most: the schedule paces them, this bounds a slow server's backlog. */
const MAX_IN_FLIGHT = 4;

/**
 * Sends up to maxRequests requests at most perSecond, each one 1/perSecond after the previous
 * (a sliding schedule: never a burst, not even to catch up), and stops sending at the first
 * response with an expected status.
 */
export async function runRateLimitProbe(send: Send, config: RateLimitConfig): Promise<RateLimitOutcome> {
  const started = performance.now();
  const intervalMs = 1000 / config.perSecond;
  const statuses = new Map<number | 'error', number>();
  const inFlight = new Set<Promise<void>>();
  const expected = new Set(config.expectStatus);
  let limitedAt: number | undefined;
  let limitedStatus: number | undefined;
  let limitHeaders: string[] = [];
  let sent = 0;
  let lastError: unknown;

  let due = started;
  for (let index = 1; index <= config.maxRequests && limitedAt === undefined; index++) {
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    while (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
    if (limitedAt !== undefined) break;
    // Each request is due one interval after the previous one left: a late start never turns into a catch-up burst.
    due = performance.now() + intervalMs;
    sent += 1;
    const position = index;
    const request = send(config.path, { method: config.method, headers: config.headers, ...(config.body !== undefined ? { body: config.body } : {}) })
      .then((response) => {
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (expected.has(response.status) && (limitedAt === undefined || position < limitedAt)) {
          limitedAt = position;
          limitedStatus = response.status;
          limitHeaders = [...response.headers].filter(([name]) => name === 'retry-after' || name.startsWith('ratelimit') || name.startsWith('x-ratelimit')).map(([name, values]) => `${name}: ${values.join(', ')}`);
        }
      })
      .catch((error: unknown) => {
        lastError = error;
        statuses.set('error', (statuses.get('error') ?? 0) + 1);
      });
    const tracked: Promise<void> = request.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  }
  await Promise.all(inFlight);
  if (statuses.get('error') === sent && sent > 0) throw lastError instanceof Error ? lastError : new Error(String(lastError));
  return { limitedAt, limitedStatus, limitHeaders, sent, statuses, elapsedMs: performance.now() - started };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** "200×37, 429×1" */
export function formatStatuses(statuses: ReadonlyMap<number | 'error', number>): string {
  return [...statuses]
    .sort(([a], [b]) => String(a).localeCompare(String(b)))
    .map(([status, count]) => `${status}×${count}`)
    .join(', ');
}
