import { formatMessage, messageSeverity, messageText, type AnyCheck, type CheckContext, type MessageData } from '../checks/define.js';
import { loadTargets } from '../targets/kinds.js';
import type { Location } from '../targets/location.js';
import type { Workspace } from '../targets/repo/workspace.js';
import { useIndex } from '../targets/shared-index.js';
import type { Target } from '../targets/target.js';
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

/** The checks that could not fail on one target: the outcome of one evaluation. */
interface Evaluation {
  failures: { at: Location; messageId: string; data: MessageData; evidence?: string }[];
  applicable: boolean;
  measured?: string;
}

/**
 * Runs every invocation over the targets of its kind. A check that throws or times
 * out becomes an `error` result naming the check; the run goes on.
 */
export async function runChecks(workspace: Workspace, invocations: readonly CheckInvocation[], options: EngineOptions = DEFAULT_ENGINE_OPTIONS): Promise<Result[]> {
  const results: Result[] = [];
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
      runInvocation(workspace, invocation, options, results, pending);
      tick();
    }
    await runBounded(pending, options.concurrency);
    workspace.release((key) => isKubernetesKey(key));
  }
  results.push(...loadIssueResults(workspace));
  return results.sort(compareResults);
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
function runInvocation(workspace: Workspace, invocation: CheckInvocation, options: EngineOptions, results: Result[], pending: (() => Promise<void>)[]): void {
  const { check } = invocation;
  const timeoutMs = Math.max(options.timeoutMs, check.budgetMs ?? 0);
  const settle = async (target: Target, evaluation: Evaluation, running: Promise<void>) => {
    try {
      await withTimeout(running, timeoutMs, check.id);
      results.push(...toResults(workspace, invocation, target, evaluation));
    } catch (error) {
      results.push(errorResult(invocation, target, error));
    }
  };
  const start = (target: Target): { evaluation: Evaluation; outcome: void | Promise<void> } => {
    const evaluation: Evaluation = { failures: [], applicable: true };
    return { evaluation, outcome: check.evaluate(target, contextFor(evaluation, workspace), invocation.options) };
  };
  let deferred = LIVE_KINDS.has(check.target);
  for (const target of loadTargets(workspace, check.target) as Target[]) {
    if (deferred) {
      pending.push(async () => {
        let started: ReturnType<typeof start>;
        try {
          started = start(target);
        } catch (error) {
          results.push(errorResult(invocation, target, error));
          return;
        }
        await settle(target, started.evaluation, Promise.resolve(started.outcome));
      });
      continue;
    }
    let started: ReturnType<typeof start>;
    try {
      started = start(target);
    } catch (error) {
      results.push(errorResult(invocation, target, error));
      continue;
    }
    if (started.outcome instanceof Promise) {
      const { evaluation, outcome } = started;
      pending.push(() => settle(target, evaluation, outcome));
      deferred = true;
    } else {
      results.push(...toResults(workspace, invocation, target, started.evaluation));
    }
  }
}

function contextFor(evaluation: Evaluation, workspace: Workspace): CheckContext<string> {
  return {
    shared: (index) => useIndex(workspace, index),
    fail(at, messageId, data = {}, evidence) {
      evaluation.failures.push({ at, messageId, data, evidence });
    },
    notApplicable() {
      evaluation.applicable = false;
    },
    measured(evidence) {
      evaluation.measured = evidence;
    },
  };
}

function toResults(workspace: Workspace, invocation: CheckInvocation, target: Target, evaluation: Evaluation): Result[] {
  const { check, key } = invocation;
  if (evaluation.failures.length === 0) {
    if (!evaluation.applicable) return [];
    const pass: Result = { checkId: check.id, invocation: key, status: 'pass', severity: check.severity, message: check.title, location: target.location, target: target.identity, fingerprint: fingerprint(check.id, target.identity) };
    if (evaluation.measured !== undefined) pass.evidence = evaluation.measured;
    return [pass];
  }
  return evaluation.failures.map(({ at, messageId, data, evidence }) => {
    const result: Result = {
      checkId: check.id,
      invocation: key,
      status: 'fail',
      severity: messageSeverity(check, messageId),
      messageId,
      message: formatMessage(messageText(check, messageId), data),
      location: at,
      target: target.identity,
      fingerprint: fingerprint(check.id, target.identity, messageId, data),
    };
    if (evidence !== undefined) result.evidence = evidence;
    const reason = inlineIgnoreFor(workspace, check.id, target, at);
    if (reason !== undefined) result.suppression = { by: 'inline', reason };
    return result;
  });
}

function errorResult(invocation: CheckInvocation, target: Target, error: unknown): Result {
  const { check, key } = invocation;
  const detail = error instanceof Error ? error.message : String(error);
  return {
    checkId: check.id,
    invocation: key,
    status: 'error',
    severity: check.severity,
    message: `check ${check.id} could not run: ${detail}`,
    location: target.location,
    target: target.identity,
    fingerprint: fingerprint(check.id, target.identity, 'error'),
  };
}

/** Files that could not be read or parsed: `error` results so nobody mistakes them for clean. */
function loadIssueResults(workspace: Workspace): Result[] {
  return workspace.issues.map((issue) => ({
    checkId: 'harden/input',
    invocation: 'harden/input',
    status: 'error' as const,
    severity: 'info' as const,
    message: `${issue.file}: ${issue.message}`,
    location: { kind: 'file' as const, path: issue.file, line: issue.line, column: issue.column },
    target: issue.file,
    fingerprint: fingerprint('harden/input', issue.file, issue.message),
  }));
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

function locationKey(location: Location): [string, number, number] {
  switch (location.kind) {
    case 'file':
      return [location.path, location.line, location.column];
    case 'url':
      return [location.url, 0, 0];
    case 'host':
      return [`${location.host}:${location.port}`, 0, 0];
    case 'dns':
      return [location.name, 0, 0];
  }
}

/** Stable order: by place, then check, then message. */
export function compareResults(a: Result, b: Result): number {
  const [pa, la, ca] = locationKey(a.location);
  const [pb, lb, cb] = locationKey(b.location);
  return (
    (pa < pb ? -1 : pa > pb ? 1 : 0) ||
    la - lb ||
    ca - cb ||
    (a.checkId < b.checkId ? -1 : a.checkId > b.checkId ? 1 : 0) ||
    (a.target < b.target ? -1 : a.target > b.target ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}
