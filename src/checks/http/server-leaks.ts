import { POWERED_BY_CLAIM, SERVER_VERSION_CLAIM } from '../../targets/http/headers/claims.js';
import { headerMessages } from '../../targets/http/headers/rules.js';
import { serverTokensRule } from '../../targets/http/headers/server-tokens.js';
import { applyHeaderRule } from '../../targets/live/site-page.js';
import { defineCheck } from '../define.js';

export const serverLeaks = defineCheck({
  id: 'http/server-leaks',
  title: 'Responses do not announce server and framework versions',
  severity: 'low',
  target: 'site',
  why: 'A versioned Server header or an X-Powered-By header tells every scanner which exploits to try first, and keeps telling them after a patch is late; it costs nothing to withhold.',
  fix: 'Hide versions: nginx `server_tokens off;`, Apache `ServerTokens Prod` + `ServerSignature Off`, Express `app.disable(\'x-powered-by\')`, PHP `expose_php = Off`; strip X-Powered-By/X-AspNet-Version at the proxy (Traefik headers middleware customResponseHeaders: {X-Powered-By: ""}).',
  refs: ['OWASP WSTG-INFO-02 (Fingerprint Web Server)', 'OWASP Secure Headers Project: headers to remove', 'CWE-200'],
  messages: headerMessages(['serverVersion', 'poweredBy']),
  claims: [SERVER_VERSION_CLAIM, POWERED_BY_CLAIM],
  async evaluate(site, ctx) {
    await applyHeaderRule(site, ctx, serverTokensRule);
  },
});
