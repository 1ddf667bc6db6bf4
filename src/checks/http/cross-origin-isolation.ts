import { CROSS_ORIGIN_CLAIM } from '../../targets/http/headers/claims.js';
import { crossOriginRule } from '../../targets/http/headers/cross-origin.js';
import { headerMessages } from '../../targets/http/headers/rules.js';
import { applyHeaderRule } from '../../targets/live/site-page.js';
import { defineCheck } from '../define.js';

export const crossOriginIsolation = defineCheck({
  id: 'http/cross-origin-isolation',
  title: 'Pages set Cross-Origin-Opener-Policy and Cross-Origin-Resource-Policy',
  severity: 'low',
  target: 'site',
  why: 'Without COOP a window your page opens (or that opens it) keeps a handle to it, the basis of XS-Leaks and tab-nabbing; without CORP any site can load your responses into its own process, where Spectre-class side channels can read them.',
  fix: 'Send `Cross-Origin-Opener-Policy: same-origin` (same-origin-allow-popups if you rely on OAuth/payment pop-ups) and `Cross-Origin-Resource-Policy: same-origin` (same-site for assets shared with subdomains). Add `Cross-Origin-Embedder-Policy: require-corp` (or credentialless) only when you need cross-origin isolation, with valid values.',
  refs: [
    'HTML Standard: Cross-Origin-Opener-Policy',
    'Fetch Standard: Cross-Origin-Resource-Policy',
    'HTML Standard: Cross-Origin-Embedder-Policy',
    'MDN: Cross-Origin Resource Policy',
    'MDN HTTP Observatory tests cross-origin-resource-policy, cross-origin-opener-policy',
  ],
  messages: headerMessages(['coopMissing', 'coopInvalid', 'coopUnsafeNone', 'corpMissing', 'corpInvalid', 'coepInvalid']),
  claims: [CROSS_ORIGIN_CLAIM],
  async evaluate(site, ctx) {
    await applyHeaderRule(site, ctx, crossOriginRule);
  },
});
