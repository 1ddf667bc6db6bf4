import { HTTPS_REDIRECT_NAMES } from '../../targets/http/claims.js';
import { followRedirects, redirectTarget } from '../../targets/live/redirect-chain.js';
import { headerEvidence } from '../../targets/live/site-page.js';
import type { SiteTarget } from '../../targets/live/targets.js';
import { defineCheck, type CheckContext } from '../define.js';

type RedirectMessage = 'noHttpsRedirect' | 'firstRedirectNotHttps' | 'neverReachesHttps' | 'firstRedirectOffHost' | 'downgrade';

export const redirects = defineCheck({
  id: 'http/redirects',
  title: 'Plain http redirects to https on the same host, and https never redirects back',
  severity: 'medium',
  target: 'site',
  why: 'Users type host names and follow old http:// links: if plain http serves the page, or reaches https only after a detour through more plain http or another host, an attacker on the network rewrites that first response and the user never reaches TLS (SSL stripping). A redirect from https back to http undoes TLS for everything after it.',
  fix: 'Answer every http:// request with `301 Location: https://SAME-HOST/SAME-PATH` (nginx: `return 301 https://$host$request_uri;`; Traefik: a redirectScheme middleware with `permanent: true`), before any redirect to another host or path; never emit a Location with http:// from an https response. Add HSTS so browsers skip plain http afterwards.',
  refs: [
    'OWASP Transport Layer Security Cheat Sheet: redirect HTTP to HTTPS',
    'RFC 6797 §7.2 (HTTP request to a Known HSTS Host: redirect to HTTPS)',
    'hstspreload.org: redirect from HTTP to HTTPS on the same host',
    'MDN HTTP Observatory test redirection',
  ],
  messages: {
    noHttpsRedirect: '{http} answers {status} without redirecting to https: visitors who type the host name stay on plain http',
    firstRedirectNotHttps: '{http} first redirects to {location}, still plain http: every hop before https can be rewritten on the network',
    neverReachesHttps: '{http} redirects but ends on {final}, never on https',
    firstRedirectOffHost: '{http} first redirects to {location}, another host: redirect to https://{host} first, so its HSTS is set on the way',
    downgrade: '{from} redirects to {location}: from https back to plain http',
  },
  claims: [
    { about: 'plain http redirects to https', names: HTTPS_REDIRECT_NAMES, messages: ['noHttpsRedirect', 'firstRedirectNotHttps', 'neverReachesHttps', 'firstRedirectOffHost'] },
    { about: 'no redirect from https back to http', risk: true, names: ['HTTPS to HTTP', ['redirect*', 'downgrade*']], messages: ['downgrade'] },
  ],
  async evaluate(site, ctx) {
    await checkDowngrades(site, ctx);
    // A plain-http site whose https twin is in the plan is judged by that twin's result: one finding, not two.
    const http = site.url.protocol === 'https:' ? site.twin : site.twinInPlan ? undefined : site.url;
    if (http) await checkHttpToHttps(site, http, ctx);
  },
});

async function checkDowngrades(site: SiteTarget, ctx: CheckContext<RedirectMessage>): Promise<void> {
  const outcome = await followRedirects(site);
  if (!outcome.ok) throw new Error(`GET ${outcome.failedUrl} failed: ${outcome.error}`);
  for (const hop of outcome.chain.hops) {
    const next = redirectTarget(hop);
    if (next && new URL(hop.url).protocol === 'https:' && next.protocol === 'http:')
      ctx.fail(site.at(hop.url), 'downgrade', { from: hop.url, location: next.toString() }, headerEvidence(hop.headers, 'location'));
  }
}

async function checkHttpToHttps(site: SiteTarget, http: URL, ctx: CheckContext<RedirectMessage>): Promise<void> {
  const outcome = await followRedirects(site, http);
  // Nothing listens on plain http (a TLS-only host): nothing to strip.
  if (!outcome.ok && outcome.hops.length === 0 && !outcome.certificate) return;
  const hops = outcome.ok ? outcome.chain.hops : outcome.hops;
  const first = hops[0]!;
  const at = site.at(http.toString());
  const data = { http: http.toString(), host: http.hostname };
  const location = redirectTarget(first);
  if (!location) return ctx.fail(at, 'noHttpsRedirect', { ...data, status: first.status }, headerEvidence(first.headers, 'location'));
  const route = hops.map((hop) => new URL(hop.url));
  if (outcome.ok && outcome.chain.stopped) route.push(outcome.chain.stopped.location);
  const last = route.at(-1)!;
  const evidence = ['GET ' + http.toString(), ...hops.map((hop) => `${hop.status} ${redirectTarget(hop) ? `→ ${redirectTarget(hop)!.toString()}` : ''}`.trim())].join('\n');
  if (outcome.ok && last.protocol !== 'https:') ctx.fail(at, 'neverReachesHttps', { ...data, final: last.toString() }, evidence);
  else if (location.protocol === 'http:') ctx.fail(at, 'firstRedirectNotHttps', { ...data, location: location.toString() }, evidence);
  else if (location.hostname !== http.hostname) ctx.fail(at, 'firstRedirectOffHost', { ...data, location: location.toString() }, evidence);
}
