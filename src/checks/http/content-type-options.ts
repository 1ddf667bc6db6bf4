import { NOSNIFF_CLAIM } from '../../targets/http/headers/claims.js';
import { contentTypeOptionsRule } from '../../targets/http/headers/content-type-options.js';
import { headerMessages } from '../../targets/http/headers/rules.js';
import { applyHeaderRule } from '../../targets/live/site-page.js';
import { defineCheck } from '../define.js';

export const contentTypeOptions = defineCheck({
  id: 'http/content-type-options',
  title: 'Responses send X-Content-Type-Options: nosniff',
  severity: 'low',
  target: 'site',
  why: 'Without nosniff a browser may guess a response\'s type from its bytes, so an uploaded file or a JSON answer that looks like HTML or script is run as such (MIME confusion, cross-site script inclusion).',
  fix: 'Send `X-Content-Type-Options: nosniff` on every response (nginx: `add_header X-Content-Type-Options nosniff always;`; Traefik headers middleware: `contentTypeNosniff: true`), and correct Content-Type headers.',
  refs: [
    'MDN: X-Content-Type-Options',
    'OWASP Secure Headers Project: X-Content-Type-Options',
    'Fetch Standard §3.5 (X-Content-Type-Options)',
    'MDN HTTP Observatory test x-content-type-options',
  ],
  messages: headerMessages(['nosniffMissing', 'nosniffInvalid']),
  claims: [NOSNIFF_CLAIM],
  async evaluate(site, ctx) {
    await applyHeaderRule(site, ctx, contentTypeOptionsRule);
  },
});
