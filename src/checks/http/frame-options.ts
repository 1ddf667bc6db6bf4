import { FRAMING_CLAIM } from '../../targets/http/headers/claims.js';
import { frameOptionsRule } from '../../targets/http/headers/frame-options.js';
import { headerMessages } from '../../targets/http/headers/rules.js';
import { applyHeaderRule } from '../../targets/live/site-page.js';
import { defineCheck } from '../define.js';

export const frameOptions = defineCheck({
  id: 'http/frame-options',
  title: 'Pages cannot be framed by other sites',
  severity: 'medium',
  target: 'site',
  why: 'A page any site can put in an invisible iframe can be clickjacked: the user believes they click the attacker\'s page and confirm an action on yours, logged in.',
  fix: 'Send `Content-Security-Policy: frame-ancestors \'none\'` (or `\'self\'`, or the hosts that may embed you), plus `X-Frame-Options: DENY` (or SAMEORIGIN) for old browsers. frame-ancestors wins where both are sent; ALLOW-FROM is ignored by current browsers.',
  refs: [
    'RFC 7034 (X-Frame-Options)',
    'CSP Level 3: frame-ancestors',
    'OWASP Clickjacking Defense Cheat Sheet',
    'MDN HTTP Observatory test x-frame-options',
  ],
  messages: headerMessages(['framingAllowed', 'frameOptionsInvalid', 'frameAncestorsWildcard']),
  claims: [FRAMING_CLAIM],
  async evaluate(site, ctx) {
    await applyHeaderRule(site, ctx, frameOptionsRule);
  },
});
