import type { AnyCheck, CheckContext, FailDetails, MessageData, ResultData } from '../checks/define.js';
import { kindFilter } from '../targets/k8s/kind-filter.js';
import type { K8sObject } from '../targets/k8s/objects.js';
import type { K8sWorkload } from '../targets/k8s/workloads.js';
import { loadTargets } from '../targets/kinds.js';
import type { Location } from '../targets/location.js';
import type { Workspace } from '../targets/repo/workspace.js';
import { redactSecrets } from '../targets/secrets/redact.js';
import { useIndex, type SharedIndex } from '../targets/repo/shared-index.js';
import type { Target } from '../targets/target.js';
import { fingerprint } from './fingerprint.js';
import { inlineIgnoreFor } from './inline-ignores.js';
import type { CheckInvocation } from './invocation.js';
import { MaskedIdentities, redactLocation } from './masked.js';
import { FailRecord, PassRecord, type Failure } from './records.js';
import type { Result } from './result.js';
import { readingKey, ResultLog, type Recorded } from './result-log.js';

export type { CheckInvocation } from './invocation.js';

export interface EngineOptions {
  /** Async evaluations in flight at once (live checks), and again for each host's own; sync checks run inline. */
  concurrency: number;
  /** Budget for one async evaluation of one target. */
  timeoutMs: number;
  onProgress?: (done: number, total: number) => void;
}

export const DEFAULT_ENGINE_OPTIONS: EngineOptions = { concurrency: 16, timeoutMs: 10_000 };

/**
 * What one evaluation reports, and the check's `ctx` at the same time. The synchronous
 * path reuses one per invocation (reset between targets): hundreds of thousands of
 * evaluations then allocate nothing but their failures.
 */
class Evaluation implements CheckContext<string> {
  failures: Failure[] = [];
  applicable = true;
  evidence: string | undefined;
  data: ResultData | undefined;

  constructor(private readonly workspace: Workspace) {}

  reset(): this {
    if (this.failures.length > 0) this.failures = [];
    this.applicable = true;
    this.evidence = undefined;
    this.data = undefined;
    return this;
  }

  shared<T>(index: SharedIndex<T>): T {
    return useIndex(this.workspace, index);
  }

  fail(at: Location, messageId: string, data: MessageData = {}, details?: string | FailDetails): void {
    if (details === undefined) this.failures.push({ at, messageId, data });
    else if (typeof details === 'string') this.failures.push({ at, messageId, data, evidence: details });
    else this.failures.push({ at, messageId, data, ...details });
  }

  notApplicable(): void {
    this.applicable = false;
  }

  measured(evidence: string): void {
    this.evidence = evidence;
  }

  computed(data: ResultData): void {
    this.data = { ...this.data, ...data };
  }
}

/**
 * Runs every invocation over the targets of its kind. A check that throws or times
 * out becomes an `error` result naming the check; the run goes on. The results come
 * as a ResultLog, read as a stream.
 */
export async function checkResults(workspace: Workspace, invocations: readonly CheckInvocation[], options: EngineOptions = DEFAULT_ENGINE_OPTIONS): Promise<ResultLog> {
  const recorder: Recorder = { records: [], readings: new Set(), masked: new MaskedIdentities() };
  let done = 0;
  const tick = () => {
    done += 1;
    options.onProgress?.(done, invocations.length);
  };
  // The Kubernetes objects are the bulk of a large repo: run every other family first, then
  // release what only those needed (file texts, their indexes) before the Kubernetes phase.
  const phases = [invocations.filter((i) => !isKubernetesKind(i.check.target)), invocations.filter((i) => isKubernetesKind(i.check.target))];
  for (const phase of phases) {
    const pending = new Pending();
    for (const invocation of phase) {
      runInvocation(workspace, invocation, options, recorder, pending);
      tick();
    }
    await pending.run(options.concurrency);
    workspace.release((key) => isKubernetesKey(key));
  }
  recorder.records.push(...loadIssueResults(workspace));
  // Failures are built in full only now, once the parsed files they came from can be collected.
  workspace.releaseAll();
  return new ResultLog(recorder.records, recorder.readings);
}

/** Every result of the run, built and held: for small runs and tests. */
export async function runChecks(workspace: Workspace, invocations: readonly CheckInvocation[], options: EngineOptions = DEFAULT_ENGINE_OPTIONS): Promise<Result[]> {
  return [...(await checkResults(workspace, invocations, options))];
}

/** Where evaluations leave what they found. */
interface Recorder {
  records: Recorded[];
  /** Targets read more than once (see Target.reading) that failed in some reading. */
  readings: Set<string>;
  masked: MaskedIdentities;
}

const KUBERNETES_KINDS = new Set(['k8s-object', 'k8s-workload', 'k8s-container']);
const isKubernetesKind = (kind: string) => KUBERNETES_KINDS.has(kind);
const isKubernetesKey = (key: string) => key.startsWith('targets:k8s-');
const LIVE_KINDS = new Set(['site', 'domain', 'tls-endpoint', 'service']);
/**
 * Targets that are one remote machine each: their evaluations wait on that machine (its commands run on
 * its own CPU, over its own connection, which bounds them), so each target gets the run's bound to itself
 * and 20 hosts are read as one is, not in waves of the run's bound.
 */
const REMOTE_KINDS = new Set(['host']);

/** Deferred evaluations: most share the run's bound; a remote target's have a lane of their own. */
class Pending {
  private readonly shared: (() => Promise<void>)[] = [];
  private readonly lanes = new Map<string, (() => Promise<void>)[]>();

  push(task: () => Promise<void>, lane?: string): void {
    if (lane === undefined) return void this.shared.push(task);
    const tasks = this.lanes.get(lane) ?? [];
    tasks.push(task);
    this.lanes.set(lane, tasks);
  }

  async run(concurrency: number): Promise<void> {
    await Promise.all([this.shared, ...this.lanes.values()].map((tasks) => runBounded(tasks, concurrency)));
  }
}

/**
 * Evaluates one invocation over its targets: synchronous evaluations inline, and every
 * asynchronous one (live checks, and any check that turns out to return a promise)
 * deferred to `pending`, so they start only within the concurrency bound.
 */
function runInvocation(workspace: Workspace, invocation: CheckInvocation, options: EngineOptions, recorder: Recorder, pending: Pending): void {
  const { check } = invocation;
  const timeoutMs = Math.max(options.timeoutMs, check.budgetMs ?? 0);
  const settle = async (target: Target, evaluation: Evaluation, running: Promise<void>) => {
    try {
      await withTimeout(running, timeoutMs, check.id);
      record(recorder, workspace, invocation, target, evaluation);
    } catch (error) {
      recorder.records.push(errorResult(invocation, target, error, recorder.masked));
    }
  };
  const start = (target: Target, evaluation = new Evaluation(workspace)): { evaluation: Evaluation; outcome: void | Promise<void> } => ({
    evaluation,
    outcome: check.evaluate(target, evaluation, invocation.options),
  });
  const reused = new Evaluation(workspace);
  const remote = REMOTE_KINDS.has(check.target);
  let deferred = remote || LIVE_KINDS.has(check.target);
  const ofDeclaredKind = declaredKindFilter(check);
  for (const target of loadTargets(workspace, check.target) as Target[]) {
    if (ofDeclaredKind && !ofDeclaredKind(target)) continue;
    if (deferred) {
      pending.push(async () => {
        let started: ReturnType<typeof start>;
        try {
          started = start(target);
        } catch (error) {
          recorder.records.push(errorResult(invocation, target, error, recorder.masked));
          return;
        }
        await settle(target, started.evaluation, Promise.resolve(started.outcome));
      }, remote ? target.identity : undefined);
      continue;
    }
    let started: ReturnType<typeof start>;
    try {
      started = start(target, reused.reset());
    } catch (error) {
      recorder.records.push(errorResult(invocation, target, error, recorder.masked));
      continue;
    }
    if (started.outcome instanceof Promise) {
      // This evaluation is already running: observe it now (a rejection must never go
      // unhandled) and let a worker slot wait for it; later targets get their own context.
      const settled = settle(target, reused, started.outcome);
      pending.push(() => settled);
      deferred = true;
    } else {
      record(recorder, workspace, invocation, target, started.evaluation);
    }
  }
}

/** A check's declared `kinds` as a test of its targets (Kubernetes objects, or workloads by their object). */
function declaredKindFilter(check: AnyCheck): ((target: Target) => boolean) | undefined {
  if (!check.kinds) return undefined;
  const ofKind = kindFilter(check.kinds);
  return check.target === 'k8s-workload' ? (target) => ofKind((target as K8sWorkload).object) : (target) => ofKind(target as K8sObject);
}

function record(recorder: Recorder, workspace: Workspace, invocation: CheckInvocation, target: Target, evaluation: Evaluation): void {
  if (target.reading !== undefined) {
    // Another reading of the same target: only its failures count (ResultLog merges them).
    if (evaluation.failures.length === 0) return;
    recorder.readings.add(readingKey(invocation.check.id, invocation.key, recorder.masked.of(target)));
  }
  if (evaluation.failures.length === 0) {
    if (evaluation.applicable) recorder.records.push(new PassRecord(invocation, recorder.masked.of(target), redactLocation(target.location), target.declaredAt, evaluation.evidence, evaluation.data));
    return;
  }
  const identity = recorder.masked.of(target);
  for (const failure of evaluation.failures) recorder.records.push(new FailRecord(invocation, identity, target.declaredAt, evaluation.data ? { ...failure, computed: evaluation.data } : failure, inlineIgnoreFor(workspace, invocation.check.id, target, failure.at)));
}

function errorResult(invocation: CheckInvocation, target: Target, error: unknown, masked: MaskedIdentities): Result {
  const { check, key } = invocation;
  const detail = error instanceof Error ? error.message : String(error);
  const identity = masked.of(target);
  return {
    checkId: check.id,
    invocation: key,
    status: 'error',
    severity: check.severity,
    message: redactSecrets(`check ${check.id} could not run: ${detail}`),
    location: redactLocation(target.location),
    target: identity,
    fingerprint: fingerprint(check.id, identity, 'error'),
    ...(target.declaredAt ? { declaredAt: target.declaredAt } : {}),
  };
}

/**
 * Files that could not be read or parsed: `error` results so nobody mistakes them for clean;
 * what the tree's boundary left out (links out of the repository, loops, FIFOs) and redirects
 * to origins the plan does not name (never requested): `skipped` results.
 */
function loadIssueResults(workspace: Workspace): Result[] {
  const issues = workspace.issues.map((issue) => ({
    checkId: 'harden/input',
    invocation: 'harden/input',
    status: issue.status,
    severity: 'info' as const,
    // Masked apart: a file named `secret` and its message would read as an assignment.
    message: `${redactSecrets(issue.file)}: ${redactSecrets(issue.message)}`,
    location: { kind: 'file' as const, path: issue.file, line: issue.line, column: issue.column },
    target: issue.file,
    fingerprint: fingerprint('harden/input', issue.file, redactSecrets(issue.message)),
  }));
  const redirects = (workspace.live?.redirectsNotFollowed() ?? []).map(({ from, to }) => ({
    checkId: 'harden/live',
    invocation: 'harden/live',
    status: 'skipped' as const,
    severity: 'info' as const,
    message: redactSecrets(`${from}: redirect to ${to} not followed: not an origin the plan names, so what it serves was not measured`),
    location: redactLocation({ kind: 'url' as const, url: from }),
    target: redactSecrets(from),
    fingerprint: fingerprint('harden/live', redactSecrets(from), redactSecrets(to)),
  }));
  return [...issues, ...redirects];
}

async function withTimeout(promise: Promise<void>, timeoutMs: number, checkId: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms (${checkId})`)), timeoutMs);
  });
  try {
    await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function runBounded(tasks: (() => Promise<void>)[], concurrency: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]!();
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, worker));
}
