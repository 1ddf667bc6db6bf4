import type { SiteTarget } from './targets.js';
import { CORS_PREFLIGHT, PROBE_ORIGIN } from '../http/cors.js';
import type { HttpResponse } from '../http/client.js';
import type { ObservatoryRequests, ObservedChain, ObservedResponse } from '../http/observatory/observed.js';
import { followRedirects } from './redirect-chain.js';

/**
 * What the grader reads about a site, fetched the way the MDN HTTP Observatory fetches it:
 * a GET of http://HOST/ and of https://HOST/ each following redirects, then a CORS preflight of
 * the final page. The http and https URLs are the site and its scheme twin (SiteTarget.twin).
 * Every request goes through the site's cached client, so the header checks share them.
 */
export async function observeSite(site: SiteTarget): Promise<ObservatoryRequests> {
  const https = site.url.protocol === 'https:' ? site.url : site.twin;
  const http = site.url.protocol === 'http:' ? site.url : site.twin;
  const [httpChain, httpsChain] = await Promise.all([http ? observeChain(site, http) : undefined, https ? observeChain(site, https) : undefined]);
  const auto = usableChain(httpsChain) ?? usableChain(httpChain);
  let cors: ObservatoryRequests['cors'];
  const page = auto?.responses.at(-1);
  if (page) {
    try {
      cors = { response: observed(await site.get(page.url.toString(), CORS_PREFLIGHT)), origin: PROBE_ORIGIN };
    } catch {
      cors = undefined;
    }
  }
  return { hostname: site.url.hostname, http: httpChain, https: httpsChain, cors };
}

/** The final response the grader reads, or undefined when nothing usable answered. */
export function gradedPage(requests: ObservatoryRequests): ObservedResponse | undefined {
  return (usableChain(requests.https) ?? usableChain(requests.http))?.responses.at(-1);
}

function usableChain(chain: ObservedChain | undefined) {
  return chain && !chain.certificateError && chain.responses.length > 0 ? chain : undefined;
}

async function observeChain(site: SiteTarget, start: URL): Promise<ObservedChain | undefined> {
  const outcome = await followRedirects(site, start);
  if (!outcome.ok) return outcome.certificate ? { certificateError: true } : undefined;
  const responses = outcome.chain.hops.map(observed);
  const urls = responses.map((r) => r.url);
  // A redirect off the host or the plan's origins is not requested, but it is where the browser goes next.
  if (outcome.chain.stopped && outcome.chain.stopped.reason !== 'too-many') urls.push(outcome.chain.stopped.location);
  return { urls, responses };
}

function observed(response: HttpResponse): ObservedResponse {
  return { url: new URL(response.url), status: response.status, headers: response.headers, body: response.body };
}
