import type { z } from 'zod';
import { evaluateConditions, parseConditions, type Condition } from './conditions/index.js';
import { formatDuration } from '../duration.js';
import type { MonitorKind, Sample } from './model.js';
import type { Observation, ProbeDefinition, ProbeEnv, ProbeRun } from './probes/define.js';
import { ProbeError, reasonOf } from './probes/errors.js';
import { PROBES } from './probes/index.js';
import { monitorKind, type Monitor } from './schema.js';
import { basicAuthorization, isCredentialHeader, maskText, resolveSecret, urlSecrets } from './secrets.js';

/** A monitor ready to probe: its kind, target and compiled conditions, worked out once. */
export interface PreparedMonitor {
  /** The monitor as probed: an http monitor's secretHeaders resolved into its headers, so never log it. */
  monitor: Monitor;
  kind: MonitorKind;
  target: string;
  conditions: Condition[];
  /** Whether a condition reads the body: otherwise it is drained, not decoded. */
  needs: { body: boolean };
  /** What the monitor sends that a reason must never show (a target may echo it): URL credentials, credential and secret header values. */
  secrets: string[];
}

export interface PrepareOptions {
  /** Where a relative `file:` secret reference is read from: the plan's folder (default: the working directory). */
  planDir?: string;
}

/**
 * Compiles the monitor's conditions (`expect`, and a dns monitor's `dns.expect`) and resolves
 * an http monitor's secretHeaders; throws when a condition does not parse or a secret cannot be
 * resolved (naming the reference, never a value).
 */
export function prepareMonitor(plain: Monitor, options: PrepareOptions = {}): PreparedMonitor {
  const monitor = withSecretHeaders(plain, options.planDir ?? process.cwd());
  const kind = monitorKind(monitor);
  const texts = monitor.dns?.expect === undefined ? monitor.expect : [...monitor.expect, monitor.dns.expect];
  const { conditions, errors } = parseConditions(texts, kind);
  const [error] = errors;
  if (error) throw new Error(`monitor ${monitor.name}: condition "${texts[error.index]}", column ${error.column}: ${error.message}`);
  const needs = { body: conditions.some((condition) => condition.subject.startsWith('body')) };
  return { monitor, kind, target: probeOf(kind).target(monitor[kind]), conditions, needs, secrets: secretsOf(plain, monitor) };
}

function secretsOf(plain: Monitor, prepared: Monitor): string[] {
  const http = prepared.http;
  if (!http) return [];
  const headers = Object.entries(http.headers).filter(([name]) => isCredentialHeader(name) || name in plain.http!.secretHeaders);
  const basic = URL.canParse(http.url) ? basicAuthorization(new URL(http.url)) : undefined;
  return [...urlSecrets(http.url), ...headers.map(([, value]) => value), ...(basic ? [basic.slice('Basic '.length)] : [])];
}

function withSecretHeaders(monitor: Monitor, planDir: string): Monitor {
  const http = monitor.http;
  if (!http || Object.keys(http.secretHeaders).length === 0) return monitor;
  const headers = { ...http.headers };
  for (const [header, ref] of Object.entries(http.secretHeaders)) {
    try {
      headers[header] = resolveSecret(ref, planDir);
    } catch (error) {
      throw new Error(`monitor ${monitor.name}: header ${header}: ${(error as Error).message}`, { cause: error });
    }
    if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(headers[header]))
      throw new Error(`monitor ${monitor.name}: header ${header}: the value of ${ref} holds a line break or another control character`);
  }
  return { ...monitor, http: { ...http, headers } };
}

/**
 * One probe of the monitor, within its timeout (the request is aborted and its socket
 * destroyed when the time is up, or when `signal` aborts). Never rejects: a failure is a
 * sample with ok false and a short reason.
 */
export async function runProbe(prepared: PreparedMonitor, env: ProbeEnv, signal?: AbortSignal): Promise<Sample> {
  const { monitor, conditions } = prepared;
  const at = env.now();
  const started = performance.now();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new ProbeError(`timeout after ${formatDuration(monitor.timeout)}`)), monitor.timeout);
  const cancel = () => controller.abort(new ProbeError('cancelled'));
  if (signal?.aborted) cancel();
  else signal?.addEventListener('abort', cancel, { once: true });
  try {
    const run: ProbeRun = { env, signal: controller.signal, timeoutMs: monitor.timeout, needs: prepared.needs };
    const observation = await settleWithin(probeOf(prepared.kind).observe(monitor[prepared.kind], run), controller.signal);
    const verdict = evaluateConditions(conditions, observation, at, controller.signal);
    const reason = verdict instanceof Promise ? await settleWithin(verdict, controller.signal) : verdict;
    return toSample(monitor.name, at, observation, reason === undefined ? undefined : maskText(reason, prepared.secrets));
  } catch (error) {
    const reason = reasonOf(controller.signal.aborted ? controller.signal.reason : error);
    return { monitor: monitor.name, at, ok: false, latencyMs: round(performance.now() - started), reason: maskText(reason, prepared.secrets) };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', cancel);
  }
}

/** The probe of a kind, over the configuration the monitor holds under that kind's key. */
function probeOf(kind: MonitorKind): ProbeDefinition<z.ZodType<unknown>> {
  // The registry's entries differ in their configuration type; a monitor holds the one its kind selects.
  return PROBES[kind] as unknown as ProbeDefinition<z.ZodType<unknown>>;
}

/** The probe's result, or the abort reason as soon as `signal` aborts, whichever comes first. */
function settleWithin<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) reject(signal.reason);
    const abort = () => reject(signal.reason);
    signal.addEventListener('abort', abort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

function toSample(monitor: string, at: number, observation: Observation, reason: string | undefined): Sample {
  const sample: Sample = { monitor, at, ok: reason === undefined, latencyMs: round(observation.latencyMs) };
  if (observation.phases) {
    const { dnsMs, connectMs, tlsMs, firstByteMs } = observation.phases;
    sample.phases = {};
    if (dnsMs !== undefined) sample.phases.dnsMs = round(dnsMs);
    if (connectMs !== undefined) sample.phases.connectMs = round(connectMs);
    if (tlsMs !== undefined) sample.phases.tlsMs = round(tlsMs);
    if (firstByteMs !== undefined) sample.phases.firstByteMs = round(firstByteMs);
  }
  if (observation.status !== undefined) sample.status = observation.status;
  if (reason !== undefined) sample.reason = reason;
  return sample;
}

/** Milliseconds to 0.01 ms: finer is noise, and stored samples stay short. */
function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
