import { metaPolicies } from '../html.js';
import type { ObservatoryRequests, ObservedChain, ObservedResponse } from './observed.js';

/** What the tests read of the site's answers. */
export interface Reading {
  /** The page the header tests read: the https chain's last response, else the http one's. */
  page: ObservedResponse | undefined;
  /** Where that chain started. */
  startUrl: URL | undefined;
  /** Set-Cookie headers of every response of that chain, in order. */
  chain: ObservedResponse[];
  html: string | undefined;
  meta: { csp: string[]; referrer: string | undefined };
}

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

export function readPage(requests: ObservatoryRequests): Reading {
  const chain = usable(requests.https) ?? usable(requests.http);
  const page = chain?.responses.at(-1);
  const html = page && HTML_TYPES.has(contentType(page)) ? page.body : undefined;
  return { page, startUrl: chain?.urls[0], chain: chain?.responses ?? [], html, meta: html ? metaPolicies(html) : { csp: [], referrer: undefined } };
}

function usable(chain: ObservedChain | undefined) {
  return chain && !chain.certificateError && chain.responses.length > 0 ? chain : undefined;
}

function contentType(response: ObservedResponse): string {
  return (response.headers.get('content-type')?.[0] ?? '').split(';')[0]!;
}

/** Headers a Node client keeps once (the first) when sent twice; any other repeated header is joined with ", ". */
const SINGLE_VALUED = new Set(['age', 'authorization', 'content-length', 'content-type', 'etag', 'expires', 'from', 'host', 'if-modified-since', 'if-unmodified-since', 'last-modified', 'location', 'max-forwards', 'proxy-authorization', 'referer', 'retry-after', 'server', 'user-agent']);

/** A header as Observatory sees it: repeated fields folded into one value, as its Node HTTP client does. */
export function header(response: ObservedResponse | undefined, name: string): string | undefined {
  const values = response?.headers.get(name);
  if (!values?.length) return undefined;
  return SINGLE_VALUED.has(name) ? values[0] : values.join(', ');
}
