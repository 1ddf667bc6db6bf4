import { z } from 'zod';
import { DEFAULT_LOGIN_TIMING_OPTIONS, runLoginTimingProbe } from '../../targets/probe/login-timing.js';
import { defineCheck } from '../define.js';

export const loginTiming = defineCheck({
  id: 'probe/login-timing',
  title: 'Login responses take as long for an unknown account as for a known one',
  severity: 'medium',
  target: 'site',
  why:
    'When a login (or password-reset) endpoint answers faster for accounts that do not exist (e.g. it skips the password hash), an ' +
    'attacker learns which usernames or emails are registered from response times alone, then targets them with credential stuffing ' +
    'and phishing. This active probe runs only for sites whose plan entry sets probes.loginTiming: it sends failed logins for a known ' +
    'and an unknown account, interleaved in random order one at a time, never more than maxRequests, stops at the first 429, and ' +
    'compares the time to response headers with a Mann-Whitney U test on tail-trimmed samples, looking every 50 pairs with the false-alarm ' +
    'rate split over the looks (Bonferroni), and reports the Hodges-Lehmann shift with its confidence interval.',
  fix:
    'Do the same work for unknown accounts as for known ones: verify the submitted password against a fixed dummy hash of the same ' +
    'algorithm and cost when the user is not found, return the same status, body and headers for both, and rate-limit the endpoint.',
  refs: [
    'OWASP WSTG-IDNT-04 Testing for Account Enumeration and Guessable User Account',
    'OWASP Authentication Cheat Sheet: authentication responses',
    'CWE-208 Observable Timing Discrepancy',
    'Crosby, Wallach, Riedi: Opportunities and Limits of Remote Timing Attacks, ACM TISSEC 12(3), 2009',
  ],
  messages: {
    timingLeak:
      '{url}: the known account answers {direction} than the unknown one by {effect} ms ({confidence}% CI {low} to {high} ms, p = {p}, {pairs} pairs, {requests} requests): account existence leaks through timing',
  },
  claims: [
    {
      about: 'no account enumeration through login timing', risk: true,
      names: [
        ['enumerat*', 'timing'],
        ['enumerat*', 'response time*'],
        ['timing attack*', 'login'],
        ['timing attack*', 'password reset'],
        ['timing attack*', 'account*'],
        ['timing side channel*', 'login'],
        ['timing', 'login', 'account*'],
        ['timing', 'username*'],
        ['constant time', 'login'],
        ['constant-time', 'password check*'],
      ],
    },
  ],
  options: z
    .object({
      /** False-alarm rate over the whole sequential test. */
      alpha: z.number().gt(0).lt(0.5).default(DEFAULT_LOGIN_TIMING_OPTIONS.alpha),
      /** Smallest shift (ms) that counts as a leak. */
      minEffectMs: z.number().min(0).default(DEFAULT_LOGIN_TIMING_OPTIONS.minEffectMs),
    })
    .strict(),
  // Hundreds of sequential requests: minutes, not the seconds a read-only check gets.
  budgetMs: 600_000,
  async evaluate(site, ctx, options) {
    const config = site.config.probes.loginTiming;
    if (!config) {
      ctx.notApplicable();
      return;
    }
    const outcome = await runLoginTimingProbe((path, init) => site.send(path, init), config, { ...DEFAULT_LOGIN_TIMING_OPTIONS, ...options });
    const at = site.at(config.path);
    const url = at.kind === 'url' ? at.url : config.path;
    const { comparison } = outcome;
    if (outcome.decision === 'different' && comparison) {
      const { shift } = comparison;
      ctx.fail(
        at,
        'timingLeak',
        {
          url,
          direction: shift.estimate > 0 ? 'slower' : 'faster',
          effect: ms(Math.abs(shift.estimate)),
          confidence: round(shift.confidence * 100, 2),
          low: ms(shift.low),
          high: ms(shift.high),
          p: comparison.p < 1e-6 ? '< 1e-6' : comparison.p.toPrecision(2),
          pairs: outcome.pairs,
          requests: outcome.requests,
        },
        `median ${ms(comparison.medianA)} ms (known) vs ${ms(comparison.medianB)} ms (unknown)${outcome.rateLimitedAfter ? `; 429 after ${outcome.rateLimitedAfter} requests` : ''}`,
      );
      return;
    }
    if (comparison) ctx.measured(`${outcome.decision}: median ${ms(comparison.medianA)} ms (known) vs ${ms(comparison.medianB)} ms (unknown) over ${outcome.pairs} pairs`);
    if (outcome.decision === 'undecided' && outcome.rateLimitedAfter !== undefined) {
      throw new Error(`the site answered 429 after ${outcome.rateLimitedAfter} requests, before the timing test could conclude (${outcome.pairs} pairs); run it against a test account or allow more requests`);
    }
  },
});

function ms(value: number): string {
  return value.toFixed(Math.abs(value) < 10 ? 2 : 1);
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}
