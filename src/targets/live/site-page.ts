import type { SiteTarget } from './targets.js';
import type { HttpHeaders, HttpResponse } from '../http/client.js';
import { followRedirects, type RedirectChain } from './redirect-chain.js';

export interface SitePage {
  /** The response whose headers a browser acts on: the end of the site's redirects on its own host. */
  response: HttpResponse;
  chain: RedirectChain;
}

/**
 * The page a site's URL ends at (redirects followed on the site's host, cached and shared by every
 * header check); undefined when the redirects leave the host or never end: that page is not this
 * site's to judge, as is the https page a plain-http site of the plan redirects to when its https
 * twin is in the plan too. A request that fails throws (the engine reports it as an error result).
 */
export async function sitePage(site: SiteTarget, path?: string): Promise<SitePage | undefined> {
  const outcome = await followRedirects(site, path ?? site.url);
  if (!outcome.ok) throw new Error(`GET ${outcome.failedUrl} failed: ${outcome.error}`);
  if (outcome.chain.stopped) return undefined;
  // A plain-http site that lands on https, when its https twin is in the plan: the twin judges that page (one finding, not two).
  if (site.url.protocol === 'http:' && site.twinInPlan && new URL(outcome.chain.final.url).protocol === 'https:') return undefined;
  return { response: outcome.chain.final, chain: outcome.chain };
}

/** `Header-Name: value` lines of the named headers as received, `Header-Name: (absent)` when missing: a result's evidence. */
export function headerEvidence(headers: HttpHeaders, ...names: string[]): string {
  return names
    .flatMap((name) => (headers.get(name)?.length ? headers.get(name)!.map((value) => `${displayName(name)}: ${value}`) : [`${displayName(name)}: (absent)`]))
    .join('\n');
}

function displayName(header: string): string {
  return header.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => dash + letter.toUpperCase());
}

interface HeaderRuleContext<Id extends string> {
  fail(at: ReturnType<SiteTarget['at']>, messageId: Id, data?: Record<string, string | number>, evidence?: string): void;
  notApplicable(): void;
}

/**
 * A live header check: applies one shared rule (src/targets/http/headers) to the site's page and
 * reports each finding at the page's URL with the header as evidence. `httpsOnly` rules (HSTS)
 * do not apply to a page served over plain http.
 */
export async function applyHeaderRule<Id extends string>(
  site: SiteTarget,
  ctx: HeaderRuleContext<Id>,
  rule: (headers: HttpHeaders) => readonly { messageId: Id; data: Record<string, string | number>; header: string }[],
  options: { httpsOnly?: boolean } = {},
): Promise<SitePage | undefined> {
  const page = await sitePage(site);
  if (!page || (options.httpsOnly && new URL(page.response.url).protocol !== 'https:')) {
    ctx.notApplicable();
    return undefined;
  }
  for (const finding of rule(page.response.headers)) ctx.fail(site.at(page.response.url), finding.messageId, finding.data, headerEvidence(page.response.headers, finding.header));
  return page;
}
