import { isIP } from 'node:net';
import { parse } from 'tldts';

/** The public names a text mentions: sites by their URL, hosts by their name, each with its registrable domain. */
export interface NamedHosts {
  /** Origins of https?:// URLs on public hosts (`https://app.example.org`). */
  sites: string[];
  /** Registrable domains of every public host named (`example.org` for api.example.org). */
  domains: string[];
  /** The host names themselves. */
  hosts: string[];
}

/** Endings of file names that are also top-level domains: `deploy.sh`, `app.py` are files, not hosts. */
const FILE_ENDINGS = new Set(['sh', 'py', 'rs', 'pl', 'md', 'ps', 'js', 'ts', 'go', 'rb', 'so', 'cc', 'zip', 'mov', 'tf', 'sql', 'ini', 'cfg', 'conf', 'yml', 'yaml', 'json', 'txt', 'log', 'pem', 'crt', 'key', 'env', 'lock', 'toml', 'xml', 'html', 'css', 'sample', 'example']);

/** Names for documentation and tests (RFC 2606, RFC 6761): never a team's real target. */
const RESERVED = /(?:^|\.)(?:example\.(?:com|net|org)|example|test|invalid|localhost|local|internal|lan|home\.arpa|svc|cluster\.local)$/;

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`)\]|]+/gi;
const HOST_PATTERN = /(?<![\w.@/-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{1,62}(?![\w-]|\.[\w-])/gi;

export function namedHosts(text: string): NamedHosts {
  const sites = new Set<string>();
  const hosts = new Set<string>();
  for (const match of text.matchAll(URL_PATTERN)) {
    const raw = match[0].replace(/[.,;:!?]+$/, '');
    if (!URL.canParse(raw)) continue;
    const url = new URL(raw);
    if (!isPublicHost(url.hostname, true)) continue;
    sites.add(url.origin);
    hosts.add(url.hostname);
  }
  const withoutUrls = text.replace(URL_PATTERN, ' ');
  for (const match of withoutUrls.matchAll(HOST_PATTERN)) {
    const host = match[0].toLowerCase();
    if (isPublicHost(host, false)) hosts.add(host);
  }
  const domains = new Set([...hosts].flatMap((host) => registrableDomain(host) ?? []));
  return { sites: [...sites], domains: [...domains], hosts: [...hosts] };
}

/** `api.example.org` → `example.org`, by the Public Suffix List (private suffixes too: `team.github.io`). */
export function registrableDomain(host: string): string | undefined {
  return parse(host, { allowPrivateDomains: true }).domain ?? undefined;
}

/**
 * A name on the public internet a team could mean as its own: a known public suffix, not an
 * address, not a reserved or internal name, and (outside a URL) not a file name.
 */
function isPublicHost(host: string, fromUrl: boolean): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  if (isIP(name.replace(/^\[|\]$/g, '')) || RESERVED.test(name)) return false;
  const parsed = parse(name, { allowPrivateDomains: true });
  if (!parsed.isIcann && !parsed.isPrivate) return false;
  if (!parsed.domain || !parsed.publicSuffix) return false;
  const labels = name.split('.');
  if (!fromUrl && labels.length === 2 && FILE_ENDINGS.has(parsed.publicSuffix)) return false;
  return true;
}
