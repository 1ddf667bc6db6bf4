import type { Trigger } from '../plan/monitor-schema.js';
import { parseDuration } from './duration.js';
import type { AlertEvent, Sample } from './model.js';

/** Latency metrics are over up samples (ms); error_rate is the percent of samples down. */
export type TriggerMetric = 'p50' | 'p90' | 'p95' | 'p99' | 'avg' | 'max' | 'error_rate';
export type TriggerOp = '>' | '>=' | '<' | '<=';

export interface TriggerRule {
  metric: TriggerMetric;
  op: TriggerOp;
  /** Milliseconds for latency metrics, percent (0–100) for error_rate. */
  threshold: number;
  windowMs: number;
  /** The threshold and window as written ("500ms", "10m"), for titles. */
  thresholdText: string;
  windowText: string;
}

/** Where a rule is wrong: column is 1-based in the rule's text. */
export interface TriggerError {
  column: number;
  message: string;
}

export interface TriggerTransition {
  trigger: Trigger & { name: string };
  firing: boolean;
  value: number;
  at: number;
  event: AlertEvent;
}

export interface TriggerState {
  name: string;
  monitor: string;
  firing: boolean;
  /** The metric over the current window; null while the window holds fewer than the minimum samples. */
  value: number | null;
}

/** A window with fewer samples than this decides nothing: a firing trigger stays firing, a quiet one quiet. */
export const TRIGGER_MIN_SAMPLES = 3;
/** Samples kept per trigger at most; past it the oldest go first, so the window is shorter than written. */
export const TRIGGER_MAX_SAMPLES = 8192;

const METRICS: readonly TriggerMetric[] = ['p50', 'p90', 'p95', 'p99', 'avg', 'max', 'error_rate'];
const PERCENTILE: Partial<Record<TriggerMetric, number>> = { p50: 50, p90: 90, p95: 95, p99: 99 };
const TOKEN = /[<>=!]+|[^\s<>=!]+/g;
const OPS: readonly string[] = ['>', '>=', '<', '<='];
const PERCENT = /^(\d+(?:\.\d+)?)%$/;

/** Reads `METRIC OP VALUE for DURATION`, e.g. "p99 > 500ms for 10m", "error_rate >= 5% for 5m". */
export function parseTriggerRule(text: string): { rule: TriggerRule } | { error: TriggerError } {
  const tokens = splitTokens(text);
  const fail = (column: number, message: string) => ({ error: { column, message } });
  const end = text.trimEnd().length + 1;
  const list = `p50, p90, p95, p99, avg, max or error_rate`;

  const metric = tokens[0];
  if (!metric) return fail(1, `expected a metric (${list}), e.g. "p99 > 500ms for 10m"`);
  if (!METRICS.includes(metric.text as TriggerMetric)) return fail(metric.column, `unknown metric "${metric.text}"; use ${list}`);
  const op = tokens[1];
  if (!op) return fail(end, `expected a comparison (>, >=, < or <=) after ${metric.text}`);
  if (!OPS.includes(op.text)) return fail(op.column, `expected a comparison (>, >=, < or <=), got "${op.text}"`);
  const value = tokens[2];
  const isRate = metric.text === 'error_rate';
  const example = isRate ? 'a percentage such as 5%' : 'a latency such as 500ms';
  if (!value) return fail(end, `expected ${example} after ${op.text}`);
  const threshold = isRate ? readPercent(value.text) : parseDuration(value.text);
  if (threshold === undefined) return fail(value.column, `${metric.text} is compared with ${example}, got "${value.text}"`);
  if (isRate && threshold > 100) return fail(value.column, `an error rate is at most 100%, got "${value.text}"`);
  const forWord = tokens[3];
  if (!forWord) return fail(end, `expected "for DURATION" after ${value.text}, e.g. "for 10m"`);
  if (forWord.text !== 'for') return fail(forWord.column, `expected "for", got "${forWord.text}"`);
  const window = tokens[4];
  if (!window) return fail(end, 'expected a duration after "for", e.g. 10m');
  const windowMs = parseDuration(window.text);
  if (windowMs === undefined || windowMs <= 0) return fail(window.column, `expected a duration such as 10m, got "${window.text}"`);
  const extra = tokens[5];
  if (extra) return fail(extra.column, `unexpected "${extra.text}" after the duration`);
  return {
    rule: { metric: metric.text as TriggerMetric, op: op.text as TriggerOp, threshold, windowMs, thresholdText: value.text, windowText: window.text },
  };
}

/** Words and runs of comparison characters, so "p99>500ms" reads like "p99 > 500ms". */
function splitTokens(text: string): { text: string; column: number }[] {
  return [...text.matchAll(TOKEN)].map((match) => ({ text: match[0], column: match.index + 1 }));
}

function readPercent(text: string): number | undefined {
  const match = PERCENT.exec(text);
  return match ? Number(match[1]) : undefined;
}

/**
 * The samples of one trigger's window, exact: a ring of (time, latency, ok) in arrival order and the
 * up latencies kept sorted, so quantiles are read directly and each sample costs one binary search
 * and one memmove of the sorted array.
 */
class Window {
  private times = new Float64Array(16);
  private latencies = new Float64Array(16);
  private oks = new Uint8Array(16);
  private head = 0;
  size = 0;
  /** Latencies of the up samples in the window, ascending, in sorted[0..up). */
  private sorted = new Float64Array(16);
  up = 0;
  private newest = -Infinity;

  push(at: number, latencyMs: number, ok: boolean): void {
    if (this.size === TRIGGER_MAX_SAMPLES) this.shift();
    if (this.size === this.times.length) this.grow();
    const slot = (this.head + this.size) % this.times.length;
    // A sample older than the newest is kept as of the newest, so the ring stays in time order.
    this.newest = Math.max(this.newest, at);
    this.times[slot] = this.newest;
    this.latencies[slot] = latencyMs;
    this.oks[slot] = ok ? 1 : 0;
    this.size++;
    if (ok) this.insertSorted(latencyMs);
  }

  /** Drops samples taken at or before `cutoff`; whether any went. */
  evict(cutoff: number): boolean {
    const before = this.size;
    while (this.size > 0 && this.times[this.head]! <= cutoff) this.shift();
    return this.size !== before;
  }

  /** Nearest rank: the smallest latency with at least `percent`% of the window at or below it. */
  percentile(percent: number): number {
    return this.sorted[Math.max(0, Math.ceil((percent * this.up) / 100) - 1)]!;
  }

  max(): number {
    return this.sorted[this.up - 1]!;
  }

  average(): number {
    let sum = 0;
    for (let i = 0; i < this.up; i++) sum += this.sorted[i]!;
    return sum / this.up;
  }

  private shift(): void {
    if (this.oks[this.head]) this.removeSorted(this.latencies[this.head]!);
    this.head = (this.head + 1) % this.times.length;
    this.size--;
  }

  private grow(): void {
    const capacity = Math.min(this.times.length * 2, TRIGGER_MAX_SAMPLES);
    const times = new Float64Array(capacity);
    const latencies = new Float64Array(capacity);
    const oks = new Uint8Array(capacity);
    for (let i = 0; i < this.size; i++) {
      const from = (this.head + i) % this.times.length;
      times[i] = this.times[from]!;
      latencies[i] = this.latencies[from]!;
      oks[i] = this.oks[from]!;
    }
    const sorted = new Float64Array(capacity);
    sorted.set(this.sorted.subarray(0, this.up));
    [this.times, this.latencies, this.oks, this.sorted, this.head] = [times, latencies, oks, sorted, 0];
  }

  private insertSorted(value: number): void {
    const at = this.lowerBound(value);
    this.sorted.copyWithin(at + 1, at, this.up);
    this.sorted[at] = value;
    this.up++;
  }

  private removeSorted(value: number): void {
    const at = this.lowerBound(value);
    this.sorted.copyWithin(at, at + 1, this.up);
    this.up--;
  }

  private lowerBound(value: number): number {
    let low = 0;
    let high = this.up;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.sorted[mid]! < value) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}

interface Entry {
  trigger: Trigger & { name: string };
  rule: TriggerRule;
  window: Window;
  firing: boolean;
  value: number | null;
  /** The latest time seen: the window is (clock - windowMs, clock]. */
  clock: number;
}

export interface TriggerEngineOptions {
  /** What each monitor probes (URL, host:port), for the alert's target. */
  targetOf?: (monitor: string) => string;
}

/**
 * Evaluates trigger rules over rolling windows: a trigger fires when its condition holds over
 * the last DURATION (with at least TRIGGER_MIN_SAMPLES samples counted) and resolves when it no
 * longer does. Maintenance samples are ignored.
 */
export class TriggerEngine {
  private readonly entries: Entry[] = [];
  private readonly byMonitor = new Map<string, Entry[]>();
  private readonly targetOf: (monitor: string) => string;

  /** Throws when a rule does not parse; the plan loader reports those with positions first. */
  constructor(triggers: readonly Trigger[], options: TriggerEngineOptions = {}) {
    this.targetOf = options.targetOf ?? (() => '');
    for (const trigger of triggers) {
      const parsed = parseTriggerRule(trigger.when);
      if ('error' in parsed) throw new Error(`trigger "${trigger.when}" on ${trigger.monitor}, column ${parsed.error.column}: ${parsed.error.message}`);
      const entry: Entry = {
        trigger: { ...trigger, name: trigger.name ?? `${trigger.monitor}:${trigger.when}` },
        rule: parsed.rule,
        window: new Window(),
        firing: false,
        value: null,
        clock: -Infinity,
      };
      this.entries.push(entry);
      const list = this.byMonitor.get(trigger.monitor);
      if (list) list.push(entry);
      else this.byMonitor.set(trigger.monitor, [entry]);
    }
  }

  observe(sample: Sample): TriggerTransition[] {
    const entries = this.byMonitor.get(sample.monitor);
    if (!entries || sample.maintenance) return [];
    const transitions: TriggerTransition[] = [];
    for (const entry of entries) {
      entry.clock = Math.max(entry.clock, sample.at);
      const cutoff = entry.clock - entry.rule.windowMs;
      entry.window.evict(cutoff);
      if (sample.at > cutoff) entry.window.push(sample.at, sample.latencyMs, sample.ok);
      this.evaluate(entry, transitions);
    }
    return transitions;
  }

  tick(now: number): TriggerTransition[] {
    const transitions: TriggerTransition[] = [];
    for (const entry of this.entries) {
      if (now <= entry.clock) continue;
      entry.clock = now;
      if (entry.window.evict(now - entry.rule.windowMs)) this.evaluate(entry, transitions);
    }
    return transitions;
  }

  states(): TriggerState[] {
    return this.entries.map((entry) => ({ name: entry.trigger.name, monitor: entry.trigger.monitor, firing: entry.firing, value: entry.value }));
  }

  private evaluate(entry: Entry, transitions: TriggerTransition[]): void {
    const { rule, window } = entry;
    const counted = rule.metric === 'error_rate' ? window.size : window.up;
    if (counted < TRIGGER_MIN_SAMPLES) {
      entry.value = null;
      return;
    }
    const value = metricValue(rule.metric, window);
    entry.value = value;
    const holds = compare(value, rule.op, rule.threshold);
    if (holds === entry.firing) return;
    entry.firing = holds;
    transitions.push({ trigger: entry.trigger, firing: holds, value, at: entry.clock, event: this.event(entry, value, counted) });
  }

  private event(entry: Entry, value: number, counted: number): AlertEvent {
    const { trigger, rule, firing, clock } = entry;
    const measured = `${rule.metric} ${formatValue(rule.metric, value)}`;
    const condition = `${rule.op} ${rule.thresholdText}`;
    const samples = rule.metric === 'error_rate' ? `${entry.window.size - entry.window.up} of ${counted} samples down` : `${counted} up samples`;
    return {
      key: `trigger:${trigger.name}:${firing ? 'fired' : 'resolved'}@${clock}`,
      kind: firing ? 'trigger.fired' : 'trigger.resolved',
      monitor: trigger.monitor,
      at: clock,
      title: firing ? `${trigger.monitor}: ${measured} ${condition} over ${rule.windowText}` : `${trigger.monitor}: ${measured}, no longer ${condition} over ${rule.windowText}`,
      reason: `${trigger.when} (${samples} in the last ${rule.windowText})`,
      dedupKey: `trigger:${trigger.name}`,
      target: this.targetOf(trigger.monitor),
    };
  }
}

function metricValue(metric: TriggerMetric, window: Window): number {
  if (metric === 'error_rate') return (100 * (window.size - window.up)) / window.size;
  if (metric === 'max') return window.max();
  if (metric === 'avg') return window.average();
  return window.percentile(PERCENTILE[metric]!);
}

function compare(value: number, op: TriggerOp, threshold: number): boolean {
  return op === '>' ? value > threshold : op === '>=' ? value >= threshold : op === '<' ? value < threshold : value <= threshold;
}

/** "620ms", "1.25s", "33.33%": at most two decimals, no trailing zeros. */
function formatValue(metric: TriggerMetric, value: number): string {
  const short = (n: number) => String(Math.round(n * 100) / 100);
  if (metric === 'error_rate') return `${short(value)}%`;
  return value < 1000 ? `${Math.round(value)}ms` : `${short(value / 1000)}s`;
}
