import { DnsClient } from '../dns/resolver.js';
import { HttpClient, type HttpRequest, type HttpResponse } from '../http/client.js';
import { listedTwin, schemeTwin } from '../http/site-origins.js';
import type { Location } from '../location.js';
import type { Target } from '../target.js';
import { handshake, type TlsEndpointOptions, type TlsHandshake } from '../tls/handshake.js';
import type { LiveConfig } from './config.js';

/** A site the plan names: its responses are fetched once and shared by every check. */
export interface SiteTarget extends Target {
  readonly url: URL;
  readonly name: string | undefined;
  readonly config: LiveConfig['sites'][number];
  /** The same site in the other scheme (see schemeTwin): an https site's plain-http URL, an http site's https URL. */
  readonly twin: URL | undefined;
  /** Whether that twin is itself a site of the plan (checked as a site in its own right). */
  readonly twinInPlan: boolean;
  /** Cached GET of a path (or absolute URL) on the site; redirects are not followed. */
  get(path?: string, init?: Omit<HttpRequest, 'body'>): Promise<HttpResponse>;
  /** An uncached request, for active probes that must send each one. */
  send(path: string, init: HttpRequest): Promise<HttpResponse>;
  /** Where a result about this site points: `url` or a path on it. */
  at(path?: string): Location;
}

export interface DomainTarget extends Target {
  readonly name: string;
  readonly dns: DnsClient;
}

/** host:port speaking TLS: each https site's origin. */
export interface TlsTarget extends Target {
  readonly host: string;
  readonly port: number;
  readonly servername: string;
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

/** The run's live clients: one HTTP agent, one DNS client, shared by every live target. */
export class LiveClients {
  readonly http: HttpClient;
  readonly dns: DnsClient;

  constructor(readonly config: LiveConfig) {
    this.http = new HttpClient({ ...(config.ca ? { ca: config.ca } : {}), connectionsPerHost: config.connectionsPerHost, timeoutMs: config.timeoutMs });
    this.dns = new DnsClient(config.dnsServer, config.timeoutMs);
  }

  sites(): SiteTarget[] {
    const planUrls = this.config.sites.map((site) => new URL(site.url));
    return this.config.sites.map((site) => {
      const url = new URL(site.url);
      const resolve = (path = '') => new URL(path || url.pathname, url).toString();
      return {
        identity: url.toString(),
        url,
        name: site.name,
        config: site,
        twin: schemeTwin(url, planUrls),
        twinInPlan: listedTwin(url, planUrls) !== undefined,
        location: { kind: 'url', url: url.toString() },
        get: (path, init) => this.http.get(resolve(path), init),
        send: (path, init) => this.http.send(resolve(path), init),
        at: (path) => ({ kind: 'url', url: resolve(path) }),
      };
    });
  }

  domains(): DomainTarget[] {
    return this.config.domains.map((name) => ({ identity: name, name, dns: this.dns, location: { kind: 'dns', name } }));
  }

  tlsEndpoints(): TlsTarget[] {
    const seen = new Map<string, TlsTarget>();
    for (const site of this.config.sites) {
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
        location: { kind: 'host', host, port },
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
    return this.config.services.map((service) => ({
      identity: `${service.host}:${service.port}`,
      name: service.name,
      host: service.host,
      port: service.port,
      kind: service.kind,
      timeoutMs: this.config.timeoutMs,
      location: { kind: 'host', host: service.host, port: service.port },
    }));
  }

  async close(): Promise<void> {
    this.dns.close();
    await this.http.close();
  }
}
