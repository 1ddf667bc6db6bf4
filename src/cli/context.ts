import { existsSync, readFileSync, statSync } from 'node:fs';
import { isIPv4, isIPv6 } from 'node:net';
import { join, resolve } from 'node:path';
import type { AnyCheck } from '../checks/define.js';
import { readBaseline } from '../engine/baseline.js';
import { DEFAULT_ENGINE_OPTIONS } from '../engine/run.js';
import { resolveScope, scan, type CatalogSource, type ScanRequest, type ScanScope } from '../engine/scan.js';
import { domainsNamed } from '../engine/select.js';
import type { ScanRun } from '../engine/scan-run.js';
import { InputError } from '../errors.js';
import { currentTime } from '../plan/dates.js';
import { caFileProblem } from '../targets/tls/ca-file.js';
import type { LoadedPlan } from '../plan/load.js';
import { PLAN_FILE } from './plan-file.js';
import { progressLine } from './progress.js';
import { monitorStoreSource } from './monitor-store-source.js';

/** Options every command that runs checks understands. */
export interface RunOptions {
  plan?: string;
  only?: string[];
  skip?: string[];
  baseline?: string;
  now?: string;
  concurrency: number;
  timeout: number;
  dnsServer?: string;
  ca?: string;
}

/** --plan, else harden.yaml in DIR, else harden.yaml in the working directory. */
export function findPlan(explicit: string | undefined, dir: string | undefined): string | undefined {
  if (explicit) return explicit;
  for (const candidate of [dir && join(dir, PLAN_FILE), PLAN_FILE]) if (candidate && existsSync(candidate)) return candidate;
  return undefined;
}

export function now(options: { now?: string }): Date {
  try {
    return currentTime(options.now);
  } catch (error) {
    throw new InputError([`--now: ${(error as Error).message}`]);
  }
}

/** The plan in this file, validated against the whole catalog (its items may name any check). */
export async function openPlan(file: string | undefined, date: Date): Promise<LoadedPlan | undefined> {
  if (!file) return undefined;
  const [{ loadPlan }, { catalog }] = await Promise.all([import('../plan/load.js'), import('../checks/index.js')]);
  return loadPlan(file, { catalog, now: date });
}

export async function requirePlan(file: string | undefined, date: Date): Promise<LoadedPlan> {
  const plan = await openPlan(file, date);
  if (!plan) throw new InputError([`no plan: ${PLAN_FILE} not found here (run "harden init" to write one, or pass --plan FILE)`]);
  return plan;
}

/** The PEM certificates of a --ca file; a file that cannot be read or holds no certificate is an input error. */
export function readCa(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError([`--ca: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`]);
  }
  const problem = caFileProblem(text);
  if (problem) throw new InputError([`--ca: ${file}: ${problem}`]);
  return text;
}

/** --dns-server: an IPv4 address or a bracketed IPv6 one, and a port from 1 to 65535. */
function dnsServer(value: string): string {
  const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(value);
  const port = Number(match?.[3]);
  const valid = match !== null && (match[1] !== undefined ? isIPv6(match[1]) : isIPv4(match[2]!)) && port >= 1 && port <= 65535;
  if (!valid) throw new InputError([`--dns-server: expected an IP address and port (127.0.0.1:5353, [::1]:53; ports 1 to 65535), got "${value}"`]);
  return value;
}

export interface ScanOutcome {
  run: ScanRun;
  /** The checks the run loaded, for the reports. */
  catalog: ReadonlyMap<string, AnyCheck>;
  /** Where it read. */
  scope: ScanScope;
}

/** `input`: manifests piped to `harden scan -`, checked instead of the tree. */
export async function runScan(dir: string | undefined, plan: LoadedPlan | undefined, options: RunOptions, date: Date, verify: boolean, input?: ScanRequest['input']): Promise<ScanOutcome> {
  // verify and report measure the plan against the repository it describes, which a stream is not.
  if (dir === '-') throw new InputError(['"-" (standard input) is read by harden scan only: pipe manifests to harden scan - (verify and report read the repository the plan describes)']);
  const planBaseline = plan?.plan.settings.baseline;
  const baselineFile = options.baseline ?? (plan && planBaseline ? resolve(plan.dir, planBaseline) : undefined);
  let loaded: ReadonlyMap<string, AnyCheck> = new Map();
  const source = await catalogSource(plan, options);
  const scope = resolveScope(dir, plan);
  const request: ScanRequest = {
    catalog: typeof source === 'function' ? async (present) => (loaded = await source(present)) : (loaded = source),
    root: scope.root,
    within: scope.within,
    selection: { only: options.only ?? [], skip: options.skip ?? [] },
    verify,
    now: date,
    engine: { ...DEFAULT_ENGINE_OPTIONS, concurrency: options.concurrency, timeoutMs: options.timeout, onProgress: progressLine(process.stderr) },
  };
  if (plan) request.plan = plan;
  if (input) request.input = input;
  request.live = {};
  if (options.dnsServer) request.live.dnsServer = dnsServer(options.dnsServer);
  if (options.ca) request.live.ca = [readCa(options.ca)];
  if (baselineFile) request.baseline = readBaseline(baselineFile);
  const scanned = dir === undefined ? request.root : resolve(dir);
  if (!input && (!existsSync(scanned) || !statSync(scanned).isDirectory())) throw new InputError([`${dir ?? request.root}: not a directory (scan takes the repository root)`]);
  const monitorStore = plan && plan.plan.monitors.length > 0 && !input ? monitorStoreSource(plan) : undefined;
  if (monitorStore) request.monitorStore = monitorStore.source;
  try {
    return { run: await scan(request), catalog: loaded, scope };
  } finally {
    await monitorStore?.close();
  }
}

/**
 * The checks a run needs: all of them with a plan (validating it loaded them); otherwise the
 * domains --only names, or else those reading a target kind the tree has (an empty tree loads
 * none), and those --skip names, so an unknown id there is still an error.
 */
async function catalogSource(plan: LoadedPlan | undefined, options: RunOptions): Promise<CatalogSource> {
  if (plan) return (await import('../checks/index.js')).catalog;
  const { CHECK_DOMAIN_IDS, domainsReading, loadCatalog } = await import('../checks/domains.js');
  const only = domainsNamed(options.only ?? [], CHECK_DOMAIN_IDS);
  const skip = domainsNamed(options.skip ?? [], CHECK_DOMAIN_IDS);
  if (only === 'all' || skip === 'all') return loadCatalog(CHECK_DOMAIN_IDS);
  return (present) => loadCatalog([...(only.length > 0 ? only : domainsReading(present)), ...skip] as typeof CHECK_DOMAIN_IDS);
}
