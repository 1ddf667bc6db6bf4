import { HSTS_CLAIM, HSTS_PRELOAD_CLAIM } from '../../targets/http/headers/claims.js';
import { hstsRule, parseHsts } from '../../targets/http/headers/hsts.js';
import { headerMessages } from '../../targets/http/headers/rules.js';
import { redirectTarget } from '../../targets/live/redirect-chain.js';
import { applyHeaderRule, headerEvidence } from '../../targets/live/site-page.js';
import { defineCheck } from '../define.js';

export const hsts = defineCheck({
  id: 'http/hsts',
  title: 'HTTPS sites send Strict-Transport-Security, preload-ready when they ask for preload',
  severity: 'medium',
  target: 'site',
  why: 'Without HSTS the first request of a visit (a typed host name, an old http:// link) goes out in clear text and an attacker on the network can keep the user on http or strip TLS; a short max-age or a missing includeSubDomains leaves the gap open for sibling hosts. A site asking for preload must meet the list\'s rules, or the submission fails.',
  fix: 'Send `Strict-Transport-Security: max-age=63072000; includeSubDomains; preload` on every https response, including https redirects; make http://HOST/ answer with a redirect to https://HOST/ (same host) first, then elsewhere; submit the domain at hstspreload.org once every subdomain serves https.',
  refs: [
    'RFC 6797 (HTTP Strict Transport Security)',
    'hstspreload.org submission requirements (chromium/hstspreload)',
    'OWASP HTTP Strict Transport Security Cheat Sheet',
    'MDN HTTP Observatory test strict-transport-security',
  ],
  messages: {
    ...headerMessages(['hstsMissing', 'hstsInvalid', 'hstsShortMaxAge', 'hstsNoSubdomains', 'hstsNoPreload', 'hstsPreloadIneligible']),
    preloadHttpNoRedirect: 'HSTS asks for preload but {http} answers {status} instead of redirecting to https on the same host',
    preloadHttpFirstRedirect: 'HSTS asks for preload but {http} first redirects to {location}: the first redirect must go to https://{host} (same host), and only then elsewhere',
    preloadRedirectWithoutHsts: 'HSTS asks for preload but the https redirect {url} → {location} sends no Strict-Transport-Security header',
  },
  claims: [
    HSTS_CLAIM,
    { ...HSTS_PRELOAD_CLAIM, messages: [...HSTS_PRELOAD_CLAIM.messages!, 'preloadHttpNoRedirect', 'preloadHttpFirstRedirect', 'preloadRedirectWithoutHsts'] },
  ],
  async evaluate(site, ctx) {
    if (site.url.protocol !== 'https:') return ctx.notApplicable();
    const page = await applyHeaderRule(site, ctx, hstsRule, { httpsOnly: true });
    const value = page?.response.headers.get('strict-transport-security')?.[0];
    if (!page || value === undefined || !parseHsts(value).preload) return;

    // The preload list's redirect rules (hstspreload redirects.go): every https redirect carries HSTS ...
    for (const hop of page.chain.hops.slice(0, -1)) {
      if (new URL(hop.url).protocol === 'https:' && !hop.headers.has('strict-transport-security'))
        ctx.fail(site.at(hop.url), 'preloadRedirectWithoutHsts', { url: hop.url, location: String(redirectTarget(hop)) }, headerEvidence(hop.headers, 'location', 'strict-transport-security'));
    }
    // ... and plain http, when something listens there, redirects to https on the same host first.
    const http = site.twin;
    if (!http) return;
    let response;
    try {
      response = await site.get(http.toString());
    } catch {
      return; // Nothing listens on plain http: allowed ("if you are listening on port 80").
    }
    const location = redirectTarget(response);
    if (!location) ctx.fail(site.at(http.toString()), 'preloadHttpNoRedirect', { http: http.toString(), status: response.status }, headerEvidence(response.headers, 'location'));
    else if (location.protocol !== 'https:' || location.hostname !== site.url.hostname)
      ctx.fail(site.at(http.toString()), 'preloadHttpFirstRedirect', { http: http.toString(), location: location.toString(), host: site.url.hostname }, headerEvidence(response.headers, 'location'));
  },
});
