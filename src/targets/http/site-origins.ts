/**
 * The same site in the other scheme: for an https site, where its plain-http twin listens
 * (what a browser tries first when a user types the bare host name; what "HTTP redirects to
 * HTTPS" and HSTS preload are about); for an http site, where its https twin would be.
 *
 * 1. A site of the plan in the other scheme on the same host name (any port): the plan says where
 *    it is (the first such site when several share the host name). Tests on 127.0.0.1 express
 *    "the same host on two ports" this way, listing both servers.
 * 2. Otherwise the other scheme's default port (80 or 443) on the same host name.
 *
 * The approximation: a real host serves http on 80 and https on 443, so "the same site" is the
 * host name; with two test servers on one IP address, port numbers stand in for the schemes.
 */
export function schemeTwin(siteUrl: URL, planSites: readonly URL[]): URL | undefined {
  const other = otherScheme(siteUrl);
  if (!other) return undefined;
  const listed = listedTwin(siteUrl, planSites);
  if (listed) return new URL(siteUrl.pathname + siteUrl.search, listed.origin);
  const twin = new URL(siteUrl.toString());
  twin.protocol = other;
  twin.port = '';
  return twin;
}

/** The plan's own site in the other scheme on the same host name, if it lists one. */
export function listedTwin(siteUrl: URL, planSites: readonly URL[]): URL | undefined {
  const other = otherScheme(siteUrl);
  return planSites.find((site) => site.protocol === other && site.hostname === siteUrl.hostname);
}

function otherScheme(url: URL): 'http:' | 'https:' | undefined {
  return url.protocol === 'https:' ? 'http:' : url.protocol === 'http:' ? 'https:' : undefined;
}
