import type { PlanTargets } from '../../plan/schema.js';

/** What the live checks reach: named by the plan, never discovered. */
export interface LiveConfig {
  sites: PlanTargets['sites'];
  domains: readonly string[];
  services: PlanTargets['services'];
  /** host:port of the DNS server to ask (tests, private zones); else the system's. */
  dnsServer?: string;
  /** Extra trusted CA certificates (PEM). */
  ca?: string[];
  timeoutMs: number;
  connectionsPerHost: number;
}

export const NO_LIVE_TARGETS: LiveConfig = { sites: [], domains: [], services: [], timeoutMs: 10_000, connectionsPerHost: 6 };
