import { checks as backupChecks } from './backup.js';
import { checks as ciChecks } from './ci.js';
import { checks as composeChecks } from './compose.js';
import { checks as dnsChecks } from './dns.js';
import { checks as dockerChecks } from './docker.js';
import { checks as hostChecks } from './host.js';
import { checks as httpChecks } from './http.js';
import { checks as k8sChecks } from './k8s.js';
import { checks as monitorChecks } from './monitor.js';
import { checks as netChecks } from './net.js';
import { checks as probeChecks } from './probe.js';
import { checks as repoChecks } from './repo.js';
import { checks as secretChecks } from './secret.js';
import { checks as tlsChecks } from './tls.js';
import type { AnyCheck } from './define.js';

/**
 * Every check harden ships, domain by domain (src/checks/<domain>.ts lists each domain's): for the
 * commands that need all of them (checks, explain, link, a plan's validation) and the tests. A
 * repository scan loads only the domains it needs (see domains.ts).
 */
export const CHECKS: readonly AnyCheck[] = [
  ...backupChecks,
  ...ciChecks,
  ...composeChecks,
  ...dnsChecks,
  ...dockerChecks,
  ...hostChecks,
  ...httpChecks,
  ...k8sChecks,
  ...monitorChecks,
  ...netChecks,
  ...probeChecks,
  ...repoChecks,
  ...secretChecks,
  ...tlsChecks,
];

export const catalog: ReadonlyMap<string, AnyCheck> = new Map(CHECKS.map((check) => [check.id, check]));
