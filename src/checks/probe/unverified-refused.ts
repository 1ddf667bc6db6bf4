import { runUnverifiedProbe } from '../../targets/probe/unverified-refused.js';
import { defineCheck } from '../define.js';

export const unverifiedRefused = defineCheck({
  id: 'probe/unverified-refused',
  title: 'An account that has not verified its email is refused on the path the plan names',
  severity: 'medium',
  target: 'site',
  why:
    'When an account that never proved it owns its email address can use the API, anyone can sign up as someone else\'s address, ' +
    'inherit invitations or domain-based access meant for them, and create throwaway accounts in bulk. This probe runs only for sites ' +
    'whose plan entry sets probes.unverifiedRefused: it sends one request to the path with the credentials of an unverified test ' +
    'account (secret references, never shown) and passes when the answer is one of expectStatus (401 or 403).',
  fix:
    'Check the verified flag where the session or token is accepted (middleware, an authorization policy, a claim such as ' +
    '`email_verified` in the JWT), not only in the UI, and refuse with 403 until the account is verified.',
  refs: ['OWASP ASVS 4.0 V2.1 (account verification)', 'OWASP API Security Top 10 2023 API2 Broken Authentication', 'CWE-287 Improper Authentication'],
  messages: {
    allowed: '{url}: {method} with an unverified account\'s credentials answered {status}, not {expected}: unverified accounts are let in',
  },
  claims: [
    {
      about: 'unverified accounts are refused',
      names: [
        ['unverified', 'account*'],
        ['unverified', 'user*'],
        ['unverified', 'email*'],
        ['email verification', 'requir*'],
        ['email verification', 'enforc*'],
        ['verified email*', 'requir*'],
        ['email_verified'],
        ['unconfirmed', 'account*'],
      ],
    },
  ],
  async evaluate(site, ctx) {
    const config = site.config.probes.unverifiedRefused;
    if (!config) {
      ctx.notApplicable();
      return;
    }
    const status = await runUnverifiedProbe((path, init) => site.send(path, init), site.secret, config);
    if (config.expectStatus.includes(status)) {
      ctx.measured(`${config.method} ${config.path} answered ${status}`);
      return;
    }
    if (status >= 500) throw new Error(`${config.method} ${config.path} answered ${status}: the server failed, neither let in nor refused`);
    const at = site.at(config.path);
    ctx.fail(at, 'allowed', { url: at.kind === 'url' ? at.url : config.path, method: config.method, status, expected: config.expectStatus.join('/') });
  },
});
