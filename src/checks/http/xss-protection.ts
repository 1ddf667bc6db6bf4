import { XSS_PROTECTION_CLAIM } from '../../targets/http/headers/claims.js';
import { headerMessages } from '../../targets/http/headers/rules.js';
import { xssProtectionRule } from '../../targets/http/headers/xss-protection.js';
import { applyHeaderRule } from '../../targets/live/site-page.js';
import { defineCheck } from '../define.js';

export const xssProtection = defineCheck({
  id: 'http/xss-protection',
  title: 'The deprecated X-XSS-Protection filter is not switched on',
  severity: 'low',
  target: 'site',
  why: 'X-XSS-Protection turned on the XSS auditor, removed from every current browser because it leaked cross-site information and could be abused to disable legitimate scripts; a value other than 0 only helps old browsers misbehave. Content-Security-Policy is the protection.',
  fix: 'Remove the X-XSS-Protection header or send `X-XSS-Protection: 0`, and rely on a Content-Security-Policy instead.',
  refs: ['MDN: X-XSS-Protection (deprecated)', 'OWASP Secure Headers Project: X-XSS-Protection', 'OWASP HTTP Headers Cheat Sheet'],
  messages: headerMessages(['xssProtectionEnabled']),
  claims: [XSS_PROTECTION_CLAIM],
  async evaluate(site, ctx) {
    await applyHeaderRule(site, ctx, xssProtectionRule);
  },
});
