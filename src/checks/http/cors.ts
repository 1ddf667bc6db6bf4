import type { HttpRequest } from '../../targets/http/client.js';
import { CORS_GET, CORS_NULL_GET, CORS_PREFLIGHT, corsExposure, PROBE_ORIGIN, type CorsExposure } from '../../targets/http/cors.js';
import { headerEvidence, sitePage } from '../../targets/live/site-page.js';
import { defineCheck } from '../define.js';

const MESSAGE: Record<CorsExposure, 'originReflected' | 'originReflectedWithCredentials' | 'nullAllowed' | 'nullAllowedWithCredentials' | 'wildcardWithCredentials'> = {
  reflected: 'originReflected',
  'reflected-with-credentials': 'originReflectedWithCredentials',
  null: 'nullAllowed',
  'null-with-credentials': 'nullAllowedWithCredentials',
  'wildcard-with-credentials': 'wildcardWithCredentials',
};

export const cors = defineCheck({
  id: 'http/cors',
  title: 'CORS does not open the site to any origin',
  severity: 'high',
  target: 'site',
  why: 'A server that copies the request Origin into Access-Control-Allow-Origin lets every website read its responses from a visitor\'s browser; with Access-Control-Allow-Credentials: true those reads carry the visitor\'s cookies, so any page they open can read their account data. Allowing the `null` origin does the same for sandboxed iframes any site can create.',
  fix: 'Allow-list origins: answer `Access-Control-Allow-Origin: https://app.example.com` only when the request Origin is exactly one of yours (add `Vary: Origin`), never echo it unchecked and never allow `null`; send Access-Control-Allow-Credentials: true only to those listed origins; use `*` only for public, cookie-less resources.',
  refs: [
    'Fetch Standard §3.2 (CORS protocol)',
    'OWASP WSTG-CLNT-07 (Testing Cross Origin Resource Sharing)',
    'PortSwigger Web Security Academy: CORS vulnerabilities',
    'CWE-942 (Permissive Cross-domain Policy with Untrusted Domains)',
    'MDN HTTP Observatory test cross-origin-resource-sharing',
  ],
  messages: {
    originReflected: '{url} answers Origin {origin} with Access-Control-Allow-Origin: {origin}: any site can read its responses ({request})',
    originReflectedWithCredentials: '{url} reflects Origin {origin} and sends Access-Control-Allow-Credentials: true: any site can read its responses with the visitor\'s cookies ({request})',
    nullAllowed: '{url} allows the null origin: sandboxed iframes of any site can read its responses ({request})',
    nullAllowedWithCredentials: '{url} allows the null origin with credentials: sandboxed iframes of any site can read its responses with the visitor\'s cookies ({request})',
    wildcardWithCredentials: '{url} sends Access-Control-Allow-Origin: * with Access-Control-Allow-Credentials: true: credentials were meant to be shared with everyone (browsers refuse this pair) ({request})',
  },
  claims: [
    {
      about: 'CORS is not open to any origin',
      names: [
        'Access-Control-Allow-Origin',
        'Access-Control-Allow-Credentials',
        ['CORS', 'any origin'],
        ['CORS', 'all origins'],
        ['CORS', 'wildcard*'],
        ['CORS', 'reflect*'],
        ['CORS', 'misconfig*'],
        ['CORS', 'permissive'],
        ['CORS', 'too open'],
        ['CORS', 'overly'],
        ['CORS', 'credentials'],
        ['CORS', 'null origin'],
        ['CORS', 'tighten*'],
        ['CORS', 'restrict*'],
        ['CORS', 'lock* down'],
      ],
    },
  ],
  async evaluate(site, ctx) {
    const page = await sitePage(site);
    if (!page) return ctx.notApplicable();
    const url = page.response.url;
    const probes: [string, Omit<HttpRequest, 'body'>][] = [
      [`GET with Origin: ${PROBE_ORIGIN}`, CORS_GET],
      [`OPTIONS preflight from ${PROBE_ORIGIN}`, CORS_PREFLIGHT],
      ['GET with Origin: null', CORS_NULL_GET],
    ];
    const responses = await Promise.all(probes.map(([, init]) => site.get(url, init)));
    const seen = new Set<CorsExposure>();
    probes.forEach(([request, init], i) => {
      const origin = init.headers!.origin!;
      const exposure = corsExposure(responses[i]!.headers, origin);
      if (!exposure || seen.has(exposure)) return;
      // A server that echoes any Origin also echoes `null`: one finding, the reflection.
      if (exposure.startsWith('null') && [...seen].some((kind) => kind.startsWith('reflected'))) return;
      seen.add(exposure);
      ctx.fail(site.at(url), MESSAGE[exposure], { url, origin, request }, `${request}\n${headerEvidence(responses[i]!.headers, 'access-control-allow-origin', 'access-control-allow-credentials')}`);
    });
  },
});
