import { formatStatuses, runRateLimitProbe } from '../../targets/probe/rate-limit.js';
import { defineCheck } from '../define.js';

export const rateLimit = defineCheck({
  id: 'probe/rate-limit',
  title: 'The endpoint the plan names starts refusing a rapid series of requests',
  severity: 'medium',
  target: 'site',
  why:
    'Login, password-reset, OTP and signup endpoints without a rate limit let an attacker guess passwords and codes, enumerate accounts ' +
    'and exhaust resources at the speed of the network. This active probe runs only for sites whose plan entry sets probes.rateLimit: it ' +
    'sends at most maxRequests requests at perSecond on a fixed schedule (never a burst), stops at the first status in expectStatus ' +
    '(429 by default: pass), and fails when none arrived.',
  fix:
    'Limit attempts per account and per client at the proxy or in the app, answering 429 Too Many Requests with Retry-After: e.g. nginx ' +
    '`limit_req_zone $binary_remote_addr zone=login:10m rate=5r/m;` + `limit_req zone=login burst=5 nodelay; limit_req_status 429;`, ' +
    'Traefik\'s RateLimit middleware, or express-rate-limit / Django Ratelimit in the app.',
  refs: ['OWASP API Security Top 10 2023 API4 Unrestricted Resource Consumption', 'OWASP WSTG-ATHN-03 Testing for Weak Lock Out Mechanism', 'OWASP ASVS 4.0 V2.2.1', 'RFC 6585 §4 (429 Too Many Requests)', 'draft-ietf-httpapi-ratelimit-headers'],
  messages: {
    noLimit: '{url}: {sent} {method} requests at {rate}/s got no {expected} (statuses: {statuses})',
  },
  // Up to maxRequests at perSecond: minutes, not the seconds a read-only check gets.
  claims: [
    {
      about: 'the endpoint rate-limits rapid requests',
      names: [
        ['rate limit*', 'login'],
        ['rate limit*', 'auth*'],
        ['rate limit*', 'sign-in'],
        ['rate limit*', 'signup'],
        ['rate limit*', 'sign-up'],
        ['rate limit*', 'register*'],
        ['rate limit*', 'registration'],
        ['rate limit*', 'password reset'],
        ['rate limit*', 'OTP'],
        ['rate limit*', 'verification code*'],
        ['rate limit*', 'join*'],
        ['rate limit*', 'endpoint*'],
        ['ratelimit*', 'login'],
        ['ratelimit*', 'auth*'],
        ['brute force*', 'login'],
        ['brute-force', 'protection'],
        ['brute force*', 'password*'],
        ['credential stuffing'],
        ['throttl*', 'login'],
        ['throttl*', 'auth*'],
        ['HTTP 429'],
      ],
      unless: ['per-user', 'per user', 'per-account', 'per account', 'SSH', 'fail2ban'],
    },
  ],
  budgetMs: 600_000,
  async evaluate(site, ctx) {
    const config = site.config.probes.rateLimit;
    if (!config) {
      ctx.notApplicable();
      return;
    }
    const outcome = await runRateLimitProbe((path, init) => site.send(path, init), config);
    if (outcome.limitedAt !== undefined) ctx.measured(`limited after ${outcome.limitedAt} requests in ${Math.round(outcome.elapsedMs)} ms`);
    else {
      const at = site.at(config.path);
      ctx.fail(
        at,
        'noLimit',
        { url: at.kind === 'url' ? at.url : config.path, sent: outcome.sent, method: config.method, rate: config.perSecond, expected: config.expectStatus.join('/'), statuses: formatStatuses(outcome.statuses) },
        `${outcome.sent} requests in ${Math.round(outcome.elapsedMs)} ms`,
      );
    }
  },
});
