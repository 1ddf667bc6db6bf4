import { formatMessage, messageSeverity, messageText, type AnyCheck, type CheckContext, type FailDetails, type MessageData, type RelatedLocation } from '../checks/define.js';
import { kindFilter } from '../targets/k8s/kind-filter.js';
import type { K8sObject } from '../targets/k8s/objects.js';
import type { K8sWorkload } from '../targets/k8s/workloads.js';
import { loadTargets } from '../targets/kinds.js';
import { placeOf, type Location } from '../targets/location.js';
import type { Workspace } from '../targets/repo/workspace.js';
import { redactSecrets } from '../targets/secrets/redact.js';
import { useIndex, type SharedIndex } from '../targets/repo/shared-index.js';
import type { Target } from '../targets/target.js';
import type { YamlPath } from '../targets/yaml/source.js';
import { fingerprint } from './fingerprint.js';
import { inlineIgnoreFor } from './inline-ignores.js';
import type { Result } from './result.js';

/** One check to run with one set of options. */
export interface CheckInvocation {
  check: AnyCheck;
  options: Record<string, unknown>;
  /** `checkId`, or `checkId#hash` when an item gave parameters. */
  key: string;
}

export interface EngineOptions {
  /** Async evaluations in flight at once (live checks); sync checks run inline. */
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
interface Failure {
  at: Location;
  messageId: string;
  data: MessageData;
  evidence?: string;
  related?: readonly RelatedLocation[];
}

class Evaluation implements CheckContext<string> {
  failures: Failure[] = [];
  applicable = true;
  evidence: string | undefined;

  constructor(private readonly workspace: Workspace) {}

  reset(): this {
    if (this.failures.length > 0) this.failures = [];
    this.applicable = true;
    this.evidence = undefined;
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
}

/**
 * Runs every invocation over the targets of its kind. A check that throws or times
 * out becomes an `error` result naming the check; the run goes on.
 */
export async function runChecks(workspace: Workspace, invocations: readonly CheckInvocation[], options: EngineOptions = DEFAULT_ENGINE_OPTIONS): Promise<Result[]> {
  const records: Recorded[] = [];
  const readings = new Set<string>();
  let done = 0;
  const tick = () => {
    done += 1;
    options.onProgress?.(done, invocations.length);
  };
  // The Kubernetes objects are the bulk of a large repo: run every other family first, then
  // release what only those needed (file texts, their indexes) before the Kubernetes phase.
  const phases = [invocations.filter((i) => !isKubernetesKind(i.check.target)), invocations.filter((i) => isKubernetesKind(i.check.target))];
  for (const phase of phases) {
    const pending: (() => Promise<void>)[] = [];
    for (const invocation of phase) {
      runInvocation(workspace, invocation, options, records, pending, readings);
      tick();
    }
    await runBounded(pending, options.concurrency);
    workspace.release((key) => isKubernetesKey(key));
  }
  const issues = loadIssueResults(workspace);
  // Results are built in full only now, once the parsed files they came from can be collected.
  workspace.releaseAll();
  const results = records.map((record) => record.toResult());
  results.push(...issues);
  results.sort(compareResults);
  return readings.size === 0 ? results : collapseReadings(results, readings);
}

const readingKey = (checkId: string, invocation: string, target: string) => `${checkId}\0${invocation}\0${target}`;

/**
 * A target read more than once (a YAML key set twice: see Target.reading) is one target:
 * each failure once, whichever reading found it, and no pass beside a failure.
 */
function collapseReadings(results: Result[], readings: ReadonlySet<string>): Result[] {
  const seen = new Set<string>();
  return results.filter((result) => {
    const key = readingKey(result.checkId, result.invocation, result.target);
    if (!readings.has(key)) return true;
    if (result.status === 'pass') return false;
    const { location } = result;
    const failure = `${key}\0${placeOf(location)}\0${location.kind === 'file' ? `${location.line}:${location.column}` : ''}\0${result.message}`;
    if (seen.has(failure)) return false;
    seen.add(failure);
    return true;
  });
}

/** A result kept compact while the targets are alive: formatted messages and fingerprints come later. */
interface Recorded {
  toResult(): Result;
}

class PassRecord implements Recorded {
  constructor(
    private readonly invocation: CheckInvocation,
    private readonly target: string,
    private readonly location: Location,
    private readonly declaredAt: YamlPath | undefined,
    private readonly evidence: string | undefined,
  ) {}

  toResult(): Result {
    const { check, key } = this.invocation;
    const target = redactSecrets(this.target);
    const pass: Result = { checkId: check.id, invocation: key, status: 'pass', severity: check.severity, message: check.title, location: redactLocation(this.location), target, fingerprint: fingerprint(check.id, target) };
    if (this.evidence !== undefined) pass.evidence = redactSecrets(this.evidence);
    if (this.declaredAt) pass.declaredAt = this.declaredAt;
    return pass;
  }
}

class FailRecord implements Recorded {
  constructor(
    private readonly invocation: CheckInvocation,
    private readonly target: string,
    private readonly declaredAt: YamlPath | undefined,
    private readonly failure: Failure,
    private readonly ignoredBecause: string | undefined,
  ) {}

  toResult(): Result {
    const { check, key } = this.invocation;
    const { at, messageId, evidence, related } = this.failure;
    // Everything a check quotes from what it read is masked before it is formed into text or hashed.
    const data = redactData(this.failure.data);
    const target = redactSecrets(this.target);
    const result: Result = {
      checkId: check.id,
      invocation: key,
      status: 'fail',
      severity: messageSeverity(check, messageId),
      messageId,
      message: redactSecrets(formatMessage(messageText(check, messageId), data)),
      location: redactLocation(at),
      target,
      fingerprint: fingerprint(check.id, target, messageId, data),
    };
    if (evidence !== undefined) result.evidence = redactSecrets(evidence);
    if (related?.length) result.related = related.map((place) => ({ location: redactLocation(place.at), message: redactSecrets(place.message) }));
    if (this.ignoredBecause !== undefined) result.suppression = { by: 'inline', reason: redactSecrets(this.ignoredBecause) };
    if (this.declaredAt) result.declaredAt = this.declaredAt;
    return result;
  }
}

class ReadyRecord implements Recorded {
  constructor(private readonly result: Result) {}

  toResult(): Result {
    return this.result;
  }
}

const KUBERNETES_KINDS = new Set(['k8s-object', 'k8s-workload', 'k8s-container']);
const isKubernetesKind = (kind: string) => KUBERNETES_KINDS.has(kind);
const isKubernetesKey = (key: string) => key.startsWith('targets:k8s-');
const LIVE_KINDS = new Set(['site', 'domain', 'tls-endpoint', 'service']);

/**
 * Evaluates one invocation over its targets: synchronous evaluations inline, and every
 * asynchronous one (live checks, and any check that turns out to return a promise)
 * deferred to `pending`, so they start only within the concurrency bound.
 */
function runInvocation(workspace: Workspace, invocation: CheckInvocation, options: EngineOptions, records: Recorded[], pending: (() => Promise<void>)[], readings: Set<string>): void {
  const { check } = invocation;
  const timeoutMs = Math.max(options.timeoutMs, check.budgetMs ?? 0);
  const settle = async (target: Target, evaluation: Evaluation, running: Promise<void>) => {
    try {
      await withTimeout(running, timeoutMs, check.id);
      record(records, workspace, invocation, target, evaluation, readings);
    } catch (error) {
      records.push(new ReadyRecord(errorResult(invocation, target, error)));
    }
  };
  const start = (target: Target, evaluation = new Evaluation(workspace)): { evaluation: Evaluation; outcome: void | Promise<void> } => ({
    evaluation,
    outcome: check.evaluate(target, evaluation, invocation.options),
  });
  const reused = new Evaluation(workspace);
  let deferred = LIVE_KINDS.has(check.target);
  const ofDeclaredKind = declaredKindFilter(check);
  for (const target of loadTargets(workspace, check.target) as Target[]) {
    if (ofDeclaredKind && !ofDeclaredKind(target)) continue;
    if (deferred) {
      pending.push(async () => {
        let started: ReturnType<typeof start>;
        try {
          started = start(target);
        } catch (error) {
          records.push(new ReadyRecord(errorResult(invocation, target, error)));
          return;
        }
        await settle(target, started.evaluation, Promise.resolve(started.outcome));
      });
      continue;
    }
    let started: ReturnType<typeof start>;
    try {
      started = start(target, reused.reset());
    } catch (error) {
      records.push(new ReadyRecord(errorResult(invocation, target, error)));
      continue;
    }
    if (started.outcome instanceof Promise) {
      // This evaluation is already running: observe it now (a rejection must never go
      // unhandled) and let a worker slot wait for it; later targets get their own context.
      const settled = settle(target, reused, started.outcome);
      pending.push(() => settled);
      deferred = true;
    } else {
      record(records, workspace, invocation, target, started.evaluation, readings);
    }
  }
}

/** A check's declared `kinds` as a test of its targets (Kubernetes objects, or workloads by their object). */
function declaredKindFilter(check: AnyCheck): ((target: Target) => boolean) | undefined {
  if (!check.kinds) return undefined;
  const ofKind = kindFilter(check.kinds);
  return check.target === 'k8s-workload' ? (target) => ofKind((target as K8sWorkload).object) : (target) => ofKind(target as K8sObject);
}

function record(records: Recorded[], workspace: Workspace, invocation: CheckInvocation, target: Target, evaluation: Evaluation, readings: Set<string>): void {
  if (target.reading !== undefined) {
    // Another reading of the same target: only its failures count (collapseReadings merges them).
    if (evaluation.failures.length === 0) return;
    readings.add(readingKey(invocation.check.id, invocation.key, target.identity));
  }
  if (evaluation.failures.length === 0) {
    if (evaluation.applicable) records.push(new PassRecord(invocation, target.identity, target.location, target.declaredAt, evaluation.evidence));
    return;
  }
  for (const failure of evaluation.failures) records.push(new FailRecord(invocation, target.identity, target.declaredAt, failure, inlineIgnoreFor(workspace, invocation.check.id, target, failure.at)));
}

function errorResult(invocation: CheckInvocation, target: Target, error: unknown): Result {
  const { check, key } = invocation;
  const detail = error instanceof Error ? error.message : String(error);
  const identity = redactSecrets(target.identity);
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

function redactData(data: MessageData): MessageData {
  let redacted: MessageData | undefined;
  for (const key in data) {
    const value = data[key]!;
    if (typeof value !== 'string') continue;
    const masked = redactSecrets(value);
    if (masked !== value) (redacted ??= { ...data })[key] = masked;
  }
  return redacted ?? data;
}

/** A live target's URL may carry user:password@ or ?token=. */
function redactLocation(location: Location): Location {
  if (location.kind !== 'url') return location;
  const url = redactSecrets(location.url);
  return url === location.url ? location : { ...location, url };
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

const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Stable order: by place, then check, then target, then message. Allocates nothing: it runs n log n times on the fullest heap. */
export function compareResults(a: Result, b: Result): number {
  const la = a.location;
  const lb = b.location;
  return (
    text(placeOf(la), placeOf(lb)) ||
    (la.kind === 'file' ? la.line : 0) - (lb.kind === 'file' ? lb.line : 0) ||
    (la.kind === 'file' ? la.column : 0) - (lb.kind === 'file' ? lb.column : 0) ||
    text(a.checkId, b.checkId) ||
    text(a.target, b.target) ||
    text(a.message, b.message)
  );
}
