import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { AnyCheck } from '../checks/define.js';
import { InputError } from '../errors.js';
import type { LoadedPlan } from '../plan/load.js';
import { computeVerdicts } from './verdicts.js';
import { presentTargetKinds, type TargetKind } from '../targets/kinds.js';
import type { LiveClients } from '../targets/live/targets.js';
import { escapesRoot } from '../targets/repo/tree-globs.js';
import type { MonitorRecordInput, MonitorStoreSource } from '../targets/monitor-record/target.js';
import { maxAgeOf, type SecretRecordInput } from '../targets/secret-record/schema.js';
import { DEFAULT_GLOBS, FILE_GROUPS, Workspace, type FileGlobs } from '../targets/repo/workspace.js';
import { currentTime } from '../plan/dates.js';
import { VERSION } from '../version.js';
import { invocationKey } from './fingerprint.js';
import { checkResults, type EngineOptions } from './run.js';
import type { ScanRun } from './scan-run.js';
import { selectInvocations, type Selection } from './select.js';
import { applySuppressions, compileCheckPattern } from './suppress.js';

/** The checks of a run: all of them, or those a run loads once it knows which target kinds it has. */
export type CatalogSource = ReadonlyMap<string, AnyCheck> | ((present: ReadonlySet<TargetKind>) => Promise<ReadonlyMap<string, AnyCheck>>);

export interface ScanRequest {
  catalog: CatalogSource;
  /** Repository root (absolute). */
  root: string;
  /** A folder under the root the scan is limited to (see resolveScope); all of it when absent. */
  within?: string;
  /**
   * Kubernetes manifests given as text (`harden scan -`) instead of the tree under `root`: only
   * the checks of Kubernetes objects and of secrets in files apply, and no live target.
   */
  input?: { name: string; text: string };
  plan?: LoadedPlan;
  selection: Omit<Selection, 'items'>;
  baseline?: ReadonlySet<string>;
  /** Measure the plan's items against the results. */
  verify: boolean;
  now: Date;
  engine: EngineOptions;
  /** How to reach the plan's live targets. */
  live?: { dnsServer?: string; ca?: string[]; connectionsPerHost?: number };
  /** The monitor's store, for the checks of the plan's monitors (the CLI opens it: the engine sits below nothing that knows it). */
  monitorStore?: MonitorStoreSource;
}

/** The whole flow: targets → engine → results → suppressions → verdicts. */
export async function scan(request: ScanRequest): Promise<ScanRun> {
  const started = performance.now();
  const { plan, now } = request;
  const { input } = request;
  const live = input ? undefined : await liveClients(plan, request);
  const workspace = input ? Workspace.ofText(input.name, input.text, ['manifests', 'tree']) : await Workspace.open(request.root, scanGlobs(plan), live, request.within);
  const catalog = typeof request.catalog === 'function' ? await request.catalog(presentTargetKinds(workspace)) : request.catalog;
  const selected = selectInvocations(catalog, { ...request.selection, items: plan?.plan.items ?? [] });
  const invocations = input ? selected.filter((invocation) => INPUT_TARGET_KINDS.has(invocation.check.target)) : selected;
  const log = await checkResults(workspace, invocations, request.engine).finally(() => live?.close());
  const statuses = applySuppressions(log.findings, {
    waivers: plan?.plan.waivers ?? [],
    waiverLine: (index) => plan?.locate(['waivers', index]).line ?? 0,
    ...(request.baseline ? { baseline: request.baseline } : {}),
    now,
    warningDays: plan?.plan.settings.waiverWarningDays ?? 10,
  });
  // A waiver of a check this run left out (--only/--skip) says nothing about this run.
  const ran = invocations.map((invocation) => invocation.check.id);
  const waivers = statuses.filter((status) => ran.some(compileCheckPattern(status.waiver.check)));
  const run: ScanRun = {
    tool: { name: 'harden', version: VERSION },
    startedAt: now.toISOString(),
    durationMs: 0,
    root: input ? input.name : relative(process.cwd(), request.root) || '.',
    results: log,
    findings: log.findings,
    tally: log.tally(),
    waivers,
  };
  if (plan) run.plan = relative(process.cwd(), resolve(plan.file));
  if (plan && request.verify) {
    // Only the results of the items' checks are read (and their passes built) to measure them.
    const measured = new Set(plan.plan.items.flatMap((item) => item.checks.map((itemCheck) => invocationKey(itemCheck.check, itemCheck.with))));
    run.verdicts = computeVerdicts({ items: plan.plan.items, results: [...log.of(measured)], sla: plan.plan.sla, now, ran: new Set(invocations.map((i) => i.key)) });
  }
  run.durationMs = Math.round(performance.now() - started);
  return run;
}

/** What checks read in manifests given as text: the objects, and the file for secrets (repo/secret-in-tree). */
const INPUT_TARGET_KINDS: ReadonlySet<TargetKind> = new Set(['k8s-object', 'k8s-workload', 'k8s-container', 'repo-file']);

/**
 * Clients for the sites, domains and services the plan names; none when it names none, and then
 * the HTTP, DNS and TLS clients are not even loaded (a repository scan starts faster).
 */
async function liveClients(plan: LoadedPlan | undefined, request: ScanRequest): Promise<LiveClients | undefined> {
  const targets = plan?.plan.targets;
  const secrets = plan?.plan.secrets ?? [];
  const monitors = plan?.plan.monitors ?? [];
  const backups = plan?.plan.backups ?? [];
  if (!targets || targets.sites.length + targets.domains.length + targets.services.length + targets.hosts.length + backups.length + secrets.length + monitors.length === 0) return undefined;
  const { LiveClients } = await import('../targets/live/targets.js');
  return new LiveClients({
    sites: targets.sites,
    domains: targets.domains,
    services: targets.services,
    hosts: targets.hosts,
    planDir: plan!.dir,
    timeoutMs: request.engine.timeoutMs,
    connectionsPerHost: request.live?.connectionsPerHost ?? 6,
    ...(request.live?.dnsServer ? { dnsServer: request.live.dnsServer } : {}),
    ...(request.live?.ca ? { ca: request.live.ca } : {}),
    ...(plan && backups.length > 0 ? { backups: { sets: backups, planDir: plan.dir, now: request.now } } : {}),
    ...(plan && secrets.length > 0 ? { secrets: secretRecordInputs(plan, request.now) } : {}),
    ...(plan && monitors.length > 0 ? { monitors: { records: await monitorRecordInputs(plan, request.now), ...(request.monitorStore ? { store: request.monitorStore } : {}) } } : {}),
  });
}

/** The plan's secrets as their targets read them: each with its rotation period and its place in the plan. */
export function secretRecordInputs(plan: LoadedPlan, now = currentTime()): SecretRecordInput[] {
  const file = relative(process.cwd(), resolve(plan.file)) || plan.file;
  return plan.plan.secrets.map((config, index) => {
    const { line, column } = plan.locate(['secrets', index]);
    return { config, maxAgeMs: maxAgeOf(config, plan.plan.settings.secretMaxAge), at: { kind: 'file', path: file, line, column }, index, now };
  });
}

/** The plan's monitors as their targets read them: what each probes (credentials masked), how often, which channels it alerts. */
export async function monitorRecordInputs(plan: LoadedPlan, now = currentTime()): Promise<MonitorRecordInput[]> {
  const [{ PROBES }, { monitorKind }, { maskUrl }] = await Promise.all([import('../monitor/probes/index.js'), import('../monitor/schema.js'), import('../monitor/secrets.js')]);
  const file = relative(process.cwd(), resolve(plan.file)) || plan.file;
  const typeOf = (name: string) => {
    const channel = plan.plan.alerts[name];
    return channel ? Object.entries(channel).find(([, config]) => config !== undefined)?.[0] : undefined;
  };
  return plan.plan.monitors.map((monitor, index) => {
    const kind = monitorKind(monitor);
    const probe = PROBES[kind] as { target(config: unknown): string };
    const { line, column } = plan.locate(['monitors', index]);
    return {
      name: monitor.name,
      kind,
      probes: maskUrl(probe.target(monitor[kind])),
      everyMs: monitor.every,
      channels: monitor.alert.map((name) => ({ name, type: typeOf(name) })),
      at: { kind: 'file', path: file, line, column },
      index,
      now,
    };
  });
}

/** The repository root: the DIR argument, else the plan's `targets.root` (relative to the plan), else the working directory. */
export function resolveRoot(dirArgument: string | undefined, plan: LoadedPlan | undefined): string {
  if (dirArgument) return resolve(dirArgument);
  if (plan) return resolve(plan.dir, plan.plan.targets.root);
  return process.cwd();
}

/** Where a scan reads: the root its globs are relative to, the folder under it it is limited to, and why. */
export interface ScanScope {
  root: string;
  /** A folder under the root, '' for all of it. */
  within: string;
  /** Where the root came from, as a message says it. */
  origin: string;
}

/**
 * The scan's root and scope. Without a plan: DIR, else the working directory. With one, its
 * `targets.root` (relative to the plan), which its globs are written against: DIR inside it
 * limits the scan to that folder (`harden scan deploy/` with the plan of the repository here),
 * DIR holding it scans the plan's root; only a DIR apart from it is the root, under which
 * the plan's globs are then read.
 */
export function resolveScope(dirArgument: string | undefined, plan: LoadedPlan | undefined): ScanScope {
  const dir = dirArgument === undefined ? undefined : resolve(dirArgument);
  if (!plan) return dir ? { root: dir, within: '', origin: 'the DIR argument' } : { root: process.cwd(), within: '', origin: 'the working directory' };
  const planRoot = resolve(plan.dir, plan.plan.targets.root);
  const planFile = relative(process.cwd(), resolve(plan.file)) || plan.file;
  const origin = `the plan's targets.root "${plan.plan.targets.root}", relative to the plan ${planFile}`;
  if (!dir) return { root: planRoot, within: '', origin };
  const inside = (parent: string, child: string) => {
    const path = relative(parent, child);
    return path === '' || (!path.startsWith('..') && !isAbsolute(path));
  };
  if (inside(planRoot, dir)) return { root: planRoot, within: relative(planRoot, dir).split(sep).join('/'), origin };
  if (inside(dir, planRoot)) return { root: planRoot, within: '', origin };
  return { root: dir, within: '', origin: `the DIR argument, apart from the plan's targets.root (${relative(process.cwd(), planRoot) || '.'}, from ${planFile}): the plan's globs are read under DIR` };
}

/** Plan globs replace the defaults group by group; a glob reaching outside the root is a plan error. */
export function scanGlobs(plan: LoadedPlan | undefined): FileGlobs {
  const globs: FileGlobs = { ...DEFAULT_GLOBS };
  const targets = plan?.plan.targets;
  if (!plan || !targets) return globs;
  const refuseEscapes = (group: string, patterns: readonly string[]) => {
    const index = patterns.findIndex(escapesRoot);
    if (index === -1) return;
    const { line, column } = plan.locate(['targets', group, index]);
    throw InputError.at(plan.file, line, column, `targets.${group}[${index}] "${patterns[index]}" reaches outside the repository root: globs are relative to targets.root and stay inside it`);
  };
  for (const group of FILE_GROUPS) {
    const patterns = targets[group];
    if (!patterns) continue;
    refuseEscapes(group, patterns);
    globs[group] = patterns;
  }
  if (targets.exclude) globs.exclude = [...DEFAULT_GLOBS.exclude, ...targets.exclude];
  return globs;
}
