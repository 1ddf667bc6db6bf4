import { runAccountLockoutProbe } from '../../targets/probe/account-lockout.js';
import { formatStatuses } from '../../targets/probe/rate-limit.js';
import { defineCheck } from '../define.js';

export const accountLockout = defineCheck({
  id: 'probe/account-lockout',
  title: 'Repeated wrong passwords for one account end in a lockout',
  severity: 'medium',
  target: 'site',
  why:
    'Without a per-account limit, an attacker spreading guesses over many addresses (a botnet, rotating proxies) gets unlimited ' +
    'attempts at one account: a per-client rate limit does not stop that. This active probe runs only for sites whose plan entry sets ' +
    'probes.accountLockout, for the one test account its body names: it sends at most `attempts` logins, each with a different wrong ' +
    'password, one at a time at most perSecond, stops at the first status in expectStatus (429 or 423 Locked by default: pass), and ' +
    'fails when none arrived. From a single client it cannot tell a per-account lockout from a per-client limit that fires first: run ' +
    'it with attempts below the per-client limit (probe/rate-limit measures that one). It locks the test account: name one that may be ' +
    'locked.',
  fix:
    'Count failed logins per account (not only per IP) and, past a threshold, answer 429 with Retry-After or 423, with an increasing ' +
    'delay or a temporary lock and a notification to the owner: e.g. Devise :lockable, ASP.NET Identity lockout, Keycloak brute force ' +
    'detection, django-axes.',
  refs: ['OWASP WSTG-ATHN-03 Testing for Weak Lock Out Mechanism', 'OWASP ASVS 4.0 V2.2.1', 'NIST SP 800-63B §5.2.2 Rate Limiting (Throttling)', 'CWE-307 Improper Restriction of Excessive Authentication Attempts'],
  messages: {
    noLockout: '{url}: {sent} wrong passwords for one account got no {expected} (statuses: {statuses}): no per-account lockout',
  },
  claims: [
    {
      about: 'per-account login lockout',
      names: [
        ['account lockout'],
        ['lockout', 'login'],
        ['lockout', 'password*'],
        ['lock out', 'account*'],
        ['locked', 'failed login*'],
        ['per-account', 'lock*'],
        ['per-account', 'rate limit*'],
        ['per-user', 'rate limit*', 'login'],
        ['failed login attempts', 'lock*'],
        ['brute force*', 'per-account'],
      ],
      unless: ['SSH', 'sshd', 'fail2ban'],
    },
  ],
  // attempts at perSecond (50 at 0.1/s at most): minutes, not the seconds a read-only check gets.
  budgetMs: 600_000,
  async evaluate(site, ctx) {
    const config = site.config.probes.accountLockout;
    if (!config) {
      ctx.notApplicable();
      return;
    }
    const outcome = await runAccountLockoutProbe((path, init) => site.send(path, init), site.secret, config);
    const counts = new Map<number, number>();
    for (const status of outcome.statuses) counts.set(status, (counts.get(status) ?? 0) + 1);
    if (outcome.lockedAt !== undefined) {
      ctx.measured(`${outcome.lockedStatus} at wrong password ${outcome.lockedAt} (statuses: ${formatStatuses(counts)})`);
      return;
    }
    const at = site.at(config.path);
    ctx.fail(at, 'noLockout', { url: at.kind === 'url' ? at.url : config.path, sent: outcome.sent, expected: config.expectStatus.join('/'), statuses: formatStatuses(counts) });
  },
});
