import type { Trigger } from '../schema.js';
import type { AlertEvent, Sample } from '../model.js';
import { parseTriggerRule, type TriggerMetric, type TriggerOp, type TriggerRule } from './rule.js';
import { Window } from './window.js';

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

const PERCENTILE: Partial<Record<TriggerMetric, number>> = { p50: 50, p90: 90, p95: 95, p99: 99 };

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
