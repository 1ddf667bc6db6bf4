import { CSP_BASE_URI_CLAIM, CSP_CLAIM, CSP_OBJECT_SRC_CLAIM, CSP_SCRIPT_CLAIM } from '../../targets/http/headers/claims.js';
import { cspRule } from '../../targets/http/headers/csp.js';
import { headerMessages } from '../../targets/http/headers/rules.js';
import { applyHeaderRule } from '../../targets/live/site-page.js';
import { defineCheck } from '../define.js';

export const csp = defineCheck({
  id: 'http/csp',
  title: 'Pages send a Content-Security-Policy that stops injected scripts',
  severity: 'medium',
  target: 'site',
  why: 'A Content-Security-Policy is the browser-side defence against XSS: without one, or with \'unsafe-inline\', \'unsafe-eval\' or wildcard script sources, an injected script runs with the page\'s privileges (sessions, CSRF tokens, user data).',
  fix: 'Send an enforced policy such as `Content-Security-Policy: default-src \'self\'; script-src \'self\' \'nonce-RANDOM\' \'strict-dynamic\'; object-src \'none\'; base-uri \'none\'; frame-ancestors \'none\'` (a fresh nonce per response); start with Content-Security-Policy-Report-Only to find violations, then enforce it.',
  refs: ['CSP Level 3 (W3C)', 'OWASP Content Security Policy Cheat Sheet', 'Google: Strict CSP (csp.withgoogle.com)', 'MDN HTTP Observatory test content-security-policy'],
  messages: headerMessages(['cspMissing', 'cspReportOnly', 'cspNoScriptSrc', 'cspUnsafeInline', 'cspUnsafeEval', 'cspWildcardSource', 'cspObjectSrc', 'cspNoBaseUri']),
  claims: [CSP_CLAIM, CSP_SCRIPT_CLAIM, CSP_OBJECT_SRC_CLAIM, CSP_BASE_URI_CLAIM],
  async evaluate(site, ctx) {
    await applyHeaderRule(site, ctx, cspRule);
  },
});
