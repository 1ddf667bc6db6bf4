import { z } from 'zod';
import type { HttpRequest, HttpResponse } from '../http/client.js';
import { SequentialPlan, seededRandom, type SequentialDecision, type TimingComparison } from './timing-stats.js';

/** The login-timing probe of a site: requests for a known and an unknown account, interleaved. */
export const loginTimingProbeSchema = z
  .object({
    path: z.string().startsWith('/'),
    method: z.enum(['POST', 'GET', 'PUT']).default('POST'),
    headers: z.record(z.string(), z.string()).default({ 'content-type': 'application/json' }),
    /** Request body with {user} where the account name goes. */
    body: z.string().default('{"email":"{user}","password":"harden-probe-wrong-password"}'),
    knownUser: z.string(),
    unknownUser: z.string().default('harden-probe-no-such-user@example.invalid'),
    /** Total requests across both accounts, at most. */
    maxRequests: z.number().int().min(20).max(5000).default(400),
  })
  .strict();

export type LoginTimingConfig = z.output<typeof loginTimingProbeSchema>;
export type Send = (path: string, init: HttpRequest) => Promise<HttpResponse>;

export interface LoginTimingOptions {
  /** Chance of a false alarm over the whole sequential test. */
  alpha: number;
  /** Shifts smaller than this (ms) do not count as a leak, and an interval within ±this ends the test as equivalent. */
  minEffectMs: number;
  /** Pairs between looks. */
  every: number;
  /** Requests per account sent first and discarded (connection set-up, caches). */
  warmup: number;
  /** Seeds the known/unknown order of each pair. */
  seed: number;
}

export const DEFAULT_LOGIN_TIMING_OPTIONS: LoginTimingOptions = { alpha: 0.01, minEffectMs: 0.5, every: 50, warmup: 2, seed: 0x5eed };

export interface LoginTimingOutcome {
  /** different: the accounts' timings differ (a leak); equivalent: any difference is below minEffectMs; undecided: budget or 429 ended the test first. */
  decision: SequentialDecision | 'undecided';
  /** Requests sent, warm-up included: never more than maxRequests. */
  requests: number;
  pairs: number;
  comparison: TimingComparison | undefined;
  /** Set when the site answered 429: the probe stopped there. */
  rateLimitedAfter: number | undefined;
  /** The per-look significance level actually used. */
  alphaPerLook: number;
}

/**
 * Sends login attempts for a known and an unknown account, interleaved pair by pair in a
 * random order, one request at a time, and compares the time to the response headers
 * with a group-sequential Mann-Whitney test (a look every `every` pairs).
 */
export async function runLoginTimingProbe(send: Send, config: LoginTimingConfig, options: LoginTimingOptions = DEFAULT_LOGIN_TIMING_OPTIONS): Promise<LoginTimingOutcome> {
  const random = seededRandom(options.seed);
  const contentType = Object.entries(config.headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? '';
  let requests = 0;
  let rateLimitedAfter: number | undefined;
  const attempt = async (user: string): Promise<number | undefined> => {
    requests += 1;
    const response = await send(config.path, { method: config.method, headers: config.headers, body: fillBody(config.body, user, contentType) });
    if (response.status === 429) {
      rateLimitedAfter = requests;
      return undefined;
    }
    return response.firstByteMs;
  };

  const warmupRequests = Math.min(options.warmup * 2, Math.max(0, config.maxRequests - 2));
  for (let i = 0; i < warmupRequests && rateLimitedAfter === undefined; i++) await attempt(i % 2 ? config.unknownUser : config.knownUser);

  const maxPairs = Math.floor((config.maxRequests - requests) / 2);
  const plan = new SequentialPlan(maxPairs, options.every, options.alpha, options.minEffectMs);
  const known: number[] = [];
  const unknown: number[] = [];
  let decision: LoginTimingOutcome['decision'] = 'undecided';
  let comparison: TimingComparison | undefined;
  while (rateLimitedAfter === undefined && known.length < maxPairs) {
    const knownFirst = random() < 0.5;
    const first = await attempt(knownFirst ? config.knownUser : config.unknownUser);
    if (first === undefined) break;
    const second = await attempt(knownFirst ? config.unknownUser : config.knownUser);
    if (second === undefined) break;
    known.push(knownFirst ? first : second);
    unknown.push(knownFirst ? second : first);
    if (plan.isLook(known.length)) {
      const look = plan.decide(known, unknown);
      comparison = look.comparison;
      if (look.decision !== 'continue') {
        decision = look.decision;
        break;
      }
    }
  }
  // Stopped by a 429 between looks: one last look (in place of the looks that will not happen). It may
  // only find a difference: calling a handful of pairs "equivalent" would be too hasty a pass.
  if (decision === 'undecided' && rateLimitedAfter !== undefined && known.length >= 10 && !plan.isLook(known.length)) {
    const look = plan.decide(known, unknown);
    comparison = look.comparison;
    if (look.decision === 'different') decision = look.decision;
  }
  return { decision, requests, pairs: known.length, comparison, rateLimitedAfter, alphaPerLook: plan.alphaPerLook };
}

/** The body template with {user} filled in, escaped for the body's content type (JSON string, form field). */
export function fillBody(template: string, user: string, contentType: string): string {
  const type = contentType.toLowerCase();
  const value = type.includes('json') ? JSON.stringify(user).slice(1, -1) : type.includes('x-www-form-urlencoded') ? encodeURIComponent(user) : user;
  return template.replaceAll('{user}', value);
}
