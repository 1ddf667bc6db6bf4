import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AnyCheck } from '../checks/define.js';
import { invocationKey } from '../engine/fingerprint.js';
import { runChecks } from '../engine/run.js';
import type { Result } from '../engine/result.js';
import { monitorRecordInputs, secretRecordInputs } from '../engine/scan.js';
import { parsePlan } from '../plan/load.js';
import { planSchema } from '../plan/schema.js';
import { NO_LIVE_TARGETS, type LiveConfig } from '../targets/live/config.js';
import { LiveClients } from '../targets/live/targets.js';
import type { MonitorStoreSource } from '../targets/monitor-record/target.js';
import { DEFAULT_GLOBS, Workspace } from '../targets/repo/workspace.js';

export interface LiveCase {
  /** Plan-shaped targets: sites (URLs or objects), domains (names or objects), services ("host:port" or objects). */
  targets: { sites?: unknown[]; domains?: unknown[]; services?: unknown[]; hosts?: unknown[] };
  dnsServer?: string;
  ca?: string[];
  timeoutMs?: number;
  options?: Record<string, unknown>;
  /** Plan-shaped backup sets (`backups:`), read against `now` with relative folders and file: secrets under `planDir`. */
  backups?: unknown[];
  now?: Date;
  planDir?: string;
  /** A plan (its text, read as harden.yaml) whose monitors: and secrets: sections become targets too. */
  plan?: string;
  /** The monitor's store the plan's monitors are checked against. */
  monitorStore?: MonitorStoreSource;
}

/** Runs one live check against real servers the test started on 127.0.0.1, through the real engine. */
export async function runLiveCheck(check: AnyCheck, liveCase: LiveCase): Promise<Result[]> {
  return runLiveChecks([check], liveCase);
}

/** Runs several live checks in one run (one set of clients: one SSH connection per host), through the real engine. */
export async function runLiveChecks(checks: readonly AnyCheck[], liveCase: LiveCase): Promise<Result[]> {
  const { targets, backups } = planSchema.parse({ targets: liveCase.targets, backups: liveCase.backups });
  const config: LiveConfig = {
    ...NO_LIVE_TARGETS,
    sites: targets.sites,
    domains: targets.domains,
    services: targets.services,
    hosts: targets.hosts,
    timeoutMs: liveCase.timeoutMs ?? 5000,
    ...(liveCase.dnsServer ? { dnsServer: liveCase.dnsServer } : {}),
    ...(liveCase.ca ? { ca: liveCase.ca } : {}),
    ...(backups.length > 0 ? { backups: { sets: backups, planDir: liveCase.planDir ?? process.cwd(), now: liveCase.now ?? new Date() } } : {}),
  };
  if (liveCase.plan !== undefined) {
    const plan = parsePlan(liveCase.plan, 'harden.yaml', { catalog: new Map(), now: new Date() });
    config.secrets = secretRecordInputs(plan);
    config.monitors = { records: await monitorRecordInputs(plan), ...(liveCase.monitorStore ? { store: liveCase.monitorStore } : {}) };
  }
  const live = new LiveClients(config);
  const dir = mkdtempSync(join(tmpdir(), 'harden-live-'));
  try {
    const workspace = await Workspace.open(dir, DEFAULT_GLOBS, live);
    const invocations = checks.map((check) => ({ check, options: check.options.parse(liveCase.options ?? {}) as Record<string, unknown>, key: invocationKey(check.id, liveCase.options ?? {}) }));
    return await runChecks(workspace, invocations, { concurrency: 16, timeoutMs: config.timeoutMs * 4 });
  } finally {
    await live.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
