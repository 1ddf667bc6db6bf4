import type { BackupSetTarget } from '../backup/backup-set.js';
import { backupSetTargets } from '../backup/sets.js';
import { DnsClient } from '../dns/resolver.js';
import type { HostTarget } from '../host/host-target.js';
import { HostTargets } from '../host/hosts.js';
import { HttpClient, type HttpRequest, type HttpResponse } from '../http/client.js';
import { listedTwin, schemeTwin } from '../http/site-origins.js';
import type { Location } from '../location.js';
import { resolveSecret } from '../secret-ref.js';
import type { Target } from '../target.js';
import { handshake, type TlsEndpointOptions, type TlsHandshake } from '../tls/handshake.js';
import type { LiveConfig } from './config.js';

/**
 * The origins live checks may request: each site of the plan and its other-scheme twin (the
 * plan's own site in the other scheme on that host, else the scheme's default port: where a
 * browser goes when a user types the host name). Anything else, a redirect to another port
 * included, is discovered, not named: recorded, never requested.
 */
export function plannedOrigins(planUrls: readonly URL[]): ReadonlySet<string> {
  const origins = new Set<string>();
  for (const url of planUrls) {
    origins.add(url.origin);
    const twin = schemeTwin(url, planUrls);
    if (twin) origins.add(twin.origin);
  }
  return origins;
}

/** A site the plan names: its responses are fetched once and shared by every check. */
export interface SiteTarget extends Target {
  readonly url: URL;
  readonly name: string | undefined;
  readonly config: LiveConfig['sites'][number];
  /** The same site in the other scheme (see schemeTwin): an https site's plain-http URL, an http site's https URL. */
  readonly twin: URL | undefined;
  /** Whether that twin is itself a site of the plan (checked as a site in its own right). */
  readonly twinInPlan: boolean;
  /** Whether a URL is on an origin the plan names: the only ones a live check requests (see plannedOrigins). */
  isPlanned(url: URL): boolean;
  /** Records a redirect a check saw but did not follow: it leads to an origin the plan does not name. */
  notFollowed(from: string, to: URL): void;
  /** Cached GET of a path (or absolute URL on a planned origin) on the site; redirects are not followed. */
  get(path?: string, init?: Omit<HttpRequest, 'body'>): Promise<HttpResponse>;
  /** An uncached request, for active probes that must send each one. */
  send(path: string, init: HttpRequest): Promise<HttpResponse>;
  /** Where a result about this site points: `url` or a path on it. */
  at(path?: string): Location;
  /** The value behind a secret reference of the site's probes (env:NAME, file:PATH): for request headers, never for results. */
  secret(ref: string): string;
}

export interface DomainTarget extends Target {
  readonly name: string;
  readonly dns: DnsClient;
  /** The run's HTTP client: for the few documents a domain publishes over HTTPS (the MTA-STS policy). */
  readonly http: HttpClient;
  /** The DKIM selectors the plan names for the domain (none by default). */
  readonly dkimSelectors: readonly string[];
  /** For connections to the domain's own hosts (its MX hosts): the run's timeout and extra trusted CAs. */
  readonly timeoutMs: number;
  readonly ca: string[] | undefined;
}

/** host:port speaking TLS: each https site's origin. */
export interface TlsTarget extends Target {
  readonly host: string;
  readonly port: number;
  readonly servername: string;
  readonly timeoutMs: number;
  /** The default handshake, cached; pass versions to try a specific protocol range. */
  handshake(versions?: Pick<TlsEndpointOptions, 'minVersion' | 'maxVersion'>): Promise<TlsHandshake>;
}

export interface ServiceTarget extends Target {
  readonly name: string | undefined;
  readonly host: string;
  readonly port: number;
  readonly kind: LiveConfig['services'][number]['kind'];
  readonly timeoutMs: number;
}

/** A redirect to an origin the plan does not name: seen and reported, never requested. */
export interface RedirectNotFollowed {
  from: string;
  to: string;
}

/** The run's live clients: one HTTP agent, one DNS client, shared by every live target. */
export class LiveClients {
  readonly http: HttpClient;
  readonly dns: DnsClient;
  private readonly skipped = new Map<string, RedirectNotFollowed>();
  private hostTargets: HostTargets | undefined;

  constructor(readonly config: LiveConfig) {
    this.http = new HttpClient({ ...(config.ca ? { ca: config.ca } : {}), connectionsPerHost: config.connectionsPerHost, timeoutMs: config.timeoutMs });
    this.dns = new DnsClient(config.dnsServer, config.timeoutMs);
  }

  /** Redirects the checks saw and did not follow, once each, in the order seen. */
  redirectsNotFollowed(): RedirectNotFollowed[] {
    return [...this.skipped.values()];
  }

  sites(): SiteTarget[] {
    const planUrls = this.config.sites.map((site) => new URL(site.url));
    const planned = plannedOrigins(planUrls);
    const isPlanned = (url: URL) => planned.has(url.origin);
    return this.config.sites.map((site, index) => {
      const url = new URL(site.url);
      const resolve = (path = '') => {
        const target = new URL(path || url.pathname, url);
        // Every request of a live check goes through here: nothing the plan does not name is ever asked.
        if (!isPlanned(target)) throw new Error(`${target.origin} is not an origin the plan names: not requested`);
        return target.toString();
      };
      return {
        identity: url.toString(),
        url,
        name: site.name,
        config: site,
        twin: schemeTwin(url, planUrls),
        twinInPlan: listedTwin(url, planUrls) !== undefined,
        location: { kind: 'url', url: url.toString() },
        declaredAt: ['targets', 'sites', index],
        isPlanned,
        notFollowed: (from, to) => {
          const key = `${from} ${to.href}`;
          if (!this.skipped.has(key)) this.skipped.set(key, { from, to: to.href });
        },
        get: async (path, init) => this.http.get(resolve(path), init),
        send: async (path, init) => this.http.send(resolve(path), init),
        at: (path) => ({ kind: 'url', url: new URL(path || url.pathname, url).toString() }),
        secret: (ref) => resolveSecret(ref, this.config.planDir ?? process.cwd()),
      };
    });
  }

  domains(): DomainTarget[] {
    return this.config.domains.map(({ name, dkimSelectors }, index) => ({
      identity: name,
      name,
      dns: this.dns,
      http: this.http,
      dkimSelectors,
      timeoutMs: this.config.timeoutMs,
      ca: this.config.ca,
      location: { kind: 'dns', name },
      declaredAt: ['targets', 'domains', index],
    }));
  }

  tlsEndpoints(): TlsTarget[] {
    const seen = new Map<string, TlsTarget>();
    for (const [index, site] of this.config.sites.entries()) {
      const url = new URL(site.url);
      if (url.protocol !== 'https:') continue;
      const port = Number(url.port || 443);
      const host = url.hostname.replace(/^\[|\]$/g, '');
      const key = `${host}:${port}`;
      if (seen.has(key)) continue;
      const handshakes = new Map<string, Promise<TlsHandshake>>();
      // No servername: the handshake sends SNI for names only (RFC 6066 forbids IP addresses there).
      const base = { host, port, timeoutMs: this.config.timeoutMs, ...(this.config.ca ? { ca: this.config.ca } : {}) };
      seen.set(key, {
        identity: key,
        host,
        port,
        servername: host,
        timeoutMs: this.config.timeoutMs,
        location: { kind: 'host', host, port },
        declaredAt: ['targets', 'sites', index],
        handshake: (versions = {}) => {
          const cacheKey = `${versions.minVersion ?? ''}-${versions.maxVersion ?? ''}`;
          let result = handshakes.get(cacheKey);
          if (!result) {
            result = handshake({ ...base, ...versions });
            handshakes.set(cacheKey, result);
          }
          return result;
        },
      });
    }
    return [...seen.values()];
  }

  services(): ServiceTarget[] {
    return this.config.services.map((service, index) => ({
      identity: `${service.host}:${service.port}`,
      name: service.name,
      host: service.host,
      port: service.port,
      kind: service.kind,
      timeoutMs: this.config.timeoutMs,
      location: { kind: 'host', host: service.host, port: service.port },
      declaredAt: ['targets', 'services', index],
    }));
  }

  /** The plan's hosts; each opens its SSH connection on its first read. */
  hosts(): HostTarget[] {
    this.hostTargets ??= new HostTargets(this.config.hosts ?? [], { timeoutMs: this.config.timeoutMs, planDir: this.config.planDir ?? process.cwd() });
    return [...this.hostTargets.targets];
  }

  backupSets(): BackupSetTarget[] {
    const backups = this.config.backups;
    return backups ? backupSetTargets(backups.sets, { planDir: backups.planDir, now: backups.now, timeoutMs: this.config.timeoutMs }) : [];
  }

  async close(): Promise<void> {
    this.hostTargets?.close();
    this.dns.close();
    await this.http.close();
  }
}
