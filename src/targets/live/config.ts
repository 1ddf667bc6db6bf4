import { z } from 'zod';
import type { HostConfig } from '../host/config.js';
import { loginTimingProbeSchema } from '../probe/login-timing.js';
import { rateLimitProbeSchema } from '../probe/rate-limit.js';
import { accountLockoutProbeSchema } from '../probe/account-lockout.js';
import { endpointStatusProbeSchema } from '../probe/endpoint-status.js';
import { pageSizeCapProbeSchema } from '../probe/page-size-cap.js';
import { idsNotSequentialProbeSchema } from '../probe/sequential-ids.js';
import { unknownFieldsProbeSchema } from '../probe/unknown-fields.js';
import { unverifiedRefusedProbeSchema } from '../probe/unverified-refused.js';
import type { BackupSetConfig } from '../backup/schema.js';
import type { MonitorRecordInput, MonitorStoreSource } from '../monitor-record/target.js';
import type { SecretRecordInput } from '../secret-record/schema.js';

const siteObject = z
  .object({
    url: z.url(),
    name: z.string().optional(),
    /** Auth endpoints that must answer with Cache-Control: no-store. */
    authPaths: z.array(z.string().startsWith('/')).default([]),
    probes: z
      .object({
        rateLimit: rateLimitProbeSchema.optional(),
        loginTiming: loginTimingProbeSchema.optional(),
        pageSizeCap: pageSizeCapProbeSchema.optional(),
        idsNotSequential: idsNotSequentialProbeSchema.optional(),
        unknownFieldsRejected: unknownFieldsProbeSchema.optional(),
        unverifiedRefused: unverifiedRefusedProbeSchema.optional(),
        accountLockout: accountLockoutProbeSchema.optional(),
        expectStatus: endpointStatusProbeSchema.optional(),
      })
      .strict()
      .default({}),
  })
  .strict();

/** A site of the plan: its URL, or the URL with auth paths and opt-in active probes. */
export const siteSchema = z.union([z.url().transform((url) => siteObject.parse({ url })), siteObject]);

/**
 * A service harden connects to. kind tcp (and the "host:port" shorthand) is a port that must NOT be
 * reachable from where harden runs (a datastore on a public address): net/port-closed fails when a
 * TCP connect succeeds. kind redis / postgres are probed for missing authentication (one PING, one
 * StartupMessage), never written to.
 */
export const serviceSchema = z.union([
  z
    .string()
    .regex(/^[\w.-]+:\d+$/, 'expected host:port')
    .transform((text) => {
      const [host, port] = text.split(':');
      return { host: host!, port: Number(port), kind: 'tcp' as const, name: undefined as string | undefined };
    }),
  z
    .object({
      name: z.string().optional(),
      host: z.string(),
      port: z.number().int().min(1).max(65535),
      kind: z.enum(['tcp', 'redis', 'postgres']).default('tcp'),
    })
    .strict(),
]);

const domainObject = z
  .object({
    name: z.string(),
    /** DKIM selectors the domain signs with: dns/dkim reads <selector>._domainkey.<name> (selectors cannot be listed from DNS). */
    dkimSelectors: z.array(z.string().regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, 'expected a DKIM selector (DNS labels)')).default([]),
  })
  .strict();

/** A domain of the plan: its name, or the name with what DNS cannot list (its DKIM selectors). */
export const domainSchema = z.union([z.string().transform((name) => domainObject.parse({ name })), domainObject]);

/** What the live checks reach: named by the plan, never discovered. */
export interface LiveConfig {
  sites: z.output<typeof siteSchema>[];
  domains: readonly z.output<typeof domainSchema>[];
  services: z.output<typeof serviceSchema>[];
  /** Hosts reached over SSH (targets.hosts). */
  hosts?: readonly HostConfig[];
  /** host:port of the DNS server to ask (tests, private zones); else the system's. */
  dnsServer?: string;
  /** Extra trusted CA certificates (PEM). */
  ca?: string[];
  timeoutMs: number;
  connectionsPerHost: number;
  /** The plan's folder: relative `file:` references (SSH keys, known_hosts, probe headers) resolve from it (else the working directory). */
  planDir?: string;
  /** The plan's backup sets (`backups:`), with the plan's folder and the run's clock they are read against. */
  backups?: { sets: readonly BackupSetConfig[]; planDir: string; now: Date };
  /** The plan's `secrets:` entries (records, never values). */
  secrets?: readonly SecretRecordInput[];
  /** The plan's monitors, and the store holding what they recorded. */
  monitors?: { records: readonly MonitorRecordInput[]; store?: MonitorStoreSource };
}

export const NO_LIVE_TARGETS: LiveConfig = { sites: [], domains: [], services: [], timeoutMs: 10_000, connectionsPerHost: 6 };
