import type { TargetKind } from '../targets/kinds.js';
import type { AnyCheck, CheckDomain } from './define.js';

interface DomainEntry {
  /** The target kinds its checks read: with none of them in a run, the domain is not loaded. */
  targets: readonly TargetKind[];
  load(): Promise<readonly AnyCheck[]>;
}

/**
 * The catalog by domain, each loaded only when a run needs it (start-up: a scan of a tree without
 * Kubernetes manifests never loads the Kubernetes checks). A new domain is one file listing its
 * checks (src/checks/<domain>.ts) and one line here; a test holds `targets` against the checks.
 */
export const CHECK_DOMAINS: Record<CheckDomain, DomainEntry> = {
  backup: { targets: ['backup-set'], load: async () => (await import('./backup.js')).checks },
  ci: { targets: ['ci-workflow'], load: async () => (await import('./ci.js')).checks },
  compose: { targets: ['compose-service'], load: async () => (await import('./compose.js')).checks },
  dns: { targets: ['domain'], load: async () => (await import('./dns.js')).checks },
  docker: { targets: ['dockerfile'], load: async () => (await import('./docker.js')).checks },
  host: { targets: ['host'], load: async () => (await import('./host.js')).checks },
  http: { targets: ['site'], load: async () => (await import('./http.js')).checks },
  k8s: { targets: ['k8s-object', 'k8s-workload', 'k8s-container', 'helm-values'], load: async () => (await import('./k8s.js')).checks },
  monitor: { targets: ['monitor'], load: async () => (await import('./monitor.js')).checks },
  net: { targets: ['service'], load: async () => (await import('./net.js')).checks },
  probe: { targets: ['site'], load: async () => (await import('./probe.js')).checks },
  secret: { targets: ['secret-record'], load: async () => (await import('./secret.js')).checks },
  repo: { targets: ['repo-file', 'shell-script', 'config-file'], load: async () => (await import('./repo.js')).checks },
  tls: { targets: ['tls-endpoint'], load: async () => (await import('./tls.js')).checks },
};

export const CHECK_DOMAIN_IDS = Object.keys(CHECK_DOMAINS) as CheckDomain[];

/** The checks of these domains, by id. */
export async function loadCatalog(domains: Iterable<CheckDomain>): Promise<ReadonlyMap<string, AnyCheck>> {
  const loaded = await Promise.all([...new Set(domains)].map((domain) => CHECK_DOMAINS[domain].load()));
  return new Map(loaded.flat().map((check) => [check.id, check]));
}

/** The domains with a check on one of these target kinds. */
export function domainsReading(kinds: ReadonlySet<TargetKind>): CheckDomain[] {
  return CHECK_DOMAIN_IDS.filter((domain) => CHECK_DOMAINS[domain].targets.some((kind) => kinds.has(kind)));
}
