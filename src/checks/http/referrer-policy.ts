import { REFERRER_POLICY_CLAIM } from '../../targets/http/headers/claims.js';
import { referrerPolicyRule } from '../../targets/http/headers/referrer-policy.js';
import { headerMessages } from '../../targets/http/headers/rules.js';
import { applyHeaderRule } from '../../targets/live/site-page.js';
import { defineCheck } from '../define.js';

export const referrerPolicy = defineCheck({
  id: 'http/referrer-policy',
  title: 'Referrer-Policy does not leak full URLs to other sites',
  severity: 'low',
  target: 'site',
  why: 'With unsafe-url or no-referrer-when-downgrade, every link and subresource request to another origin carries the full URL: paths, query strings and the tokens or identifiers in them.',
  fix: 'Send `Referrer-Policy: strict-origin-when-cross-origin` (or `no-referrer` / `same-origin` for private apps); list a fallback first if needed, e.g. `no-referrer, strict-origin-when-cross-origin`: the last valid token wins.',
  refs: ['W3C Referrer Policy', 'MDN: Referrer-Policy', 'OWASP Secure Headers Project: Referrer-Policy', 'MDN HTTP Observatory test referrer-policy'],
  messages: headerMessages(['referrerPolicyUnsafe', 'referrerPolicyInvalid']),
  claims: [REFERRER_POLICY_CLAIM],
  async evaluate(site, ctx) {
    await applyHeaderRule(site, ctx, referrerPolicyRule);
  },
});
