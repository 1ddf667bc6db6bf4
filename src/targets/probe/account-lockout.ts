import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { jsonBodySchema, jsonHeaders, probeHeadersSchema, type ResolveSecret, type Send } from './api-request.js';

const WRONG = '{wrong}';

/** Wrong passwords for ONE account, one request at a time on a fixed schedule, until it locks. */
export const accountLockoutProbeSchema = z
  .object({
    path: z.string().startsWith('/'),
    method: z.enum(['POST', 'PUT']).default('POST'),
    /** The login body for one test account; "{wrong}" in a value is replaced by a different wrong password on each attempt. */
    body: jsonBodySchema.refine((body) => JSON.stringify(body).includes(WRONG), `put ${WRONG} where the password goes`),
    /** Wrong passwords sent at most. */
    attempts: z.number().int().min(2).max(50).default(10),
    perSecond: z.number().min(0.1).max(20).default(1),
    /** Statuses that show the account is locked or throttled. */
    expectStatus: z.array(z.number().int().min(400).max(599)).min(1).default([429, 423]),
    headers: probeHeadersSchema,
  })
  .strict();

export type AccountLockoutConfig = z.output<typeof accountLockoutProbeSchema>;

export interface AccountLockoutOutcome {
  /** 1-based attempt answered with an expected status. */
  lockedAt: number | undefined;
  lockedStatus: number | undefined;
  sent: number;
  /** Status of each attempt, in order. */
  statuses: number[];
}

/**
 * Sends up to `attempts` logins with wrong passwords, each 1/perSecond after the previous one was
 * sent and only after its answer came (never two at once: a lockout counts attempts in order), and
 * stops at the first expected status, or at a 2xx (a wrong password accepted: nothing to learn).
 */
export async function runAccountLockoutProbe(send: Send, secret: ResolveSecret, config: AccountLockoutConfig): Promise<AccountLockoutOutcome> {
  const headers = jsonHeaders(config.headers, secret);
  const intervalMs = 1000 / config.perSecond;
  const statuses: number[] = [];
  const run = randomBytes(6).toString('hex');
  for (let attempt = 1; attempt <= config.attempts; attempt++) {
    const started = performance.now();
    const body = fillWrong(config.body, `harden-wrong-${run}-${attempt}`);
    const { status } = await send(config.path, { method: config.method, headers, body: JSON.stringify(body) });
    statuses.push(status);
    if (config.expectStatus.includes(status)) return { lockedAt: attempt, lockedStatus: status, sent: attempt, statuses };
    if (status >= 200 && status < 300) throw new Error(`attempt ${attempt} with a wrong password answered ${status}: check the probe's body (the password must be where ${WRONG} is)`);
    const wait = started + intervalMs - performance.now();
    if (wait > 0 && attempt < config.attempts) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  return { lockedAt: undefined, lockedStatus: undefined, sent: statuses.length, statuses };
}

function fillWrong(value: unknown, password: string): unknown {
  if (typeof value === 'string') return value.replaceAll(WRONG, password);
  if (Array.isArray(value)) return value.map((item) => fillWrong(item, password));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fillWrong(item, password)]));
  return value;
}
