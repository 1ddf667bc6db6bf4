import type { Trigger } from './schema.js';
import type { AlertEvent, Incident } from './model.js';
import { parseTriggerRule, TriggerEngine, type TriggerTransition } from './triggers/index.js';

export interface TriggerChange {
  name: string;
  alert: readonly string[];
  event: AlertEvent;
  opened?: Incident;
  closed?: Incident;
}

const PREFIX = 'trigger:';

/**
 * Keeps each firing trigger as an incident in the store (key `trigger:NAME@AT`), so that a
 * restart neither fires it again nor forgets to resolve it: after a restart a stored firing
 * trigger is adopted, and resolved once a full window has passed without its condition holding.
 */
export class TriggerTracker {
  private engine: TriggerEngine;
  private triggers = new Map<string, Trigger & { name: string }>();
  /** Channels of triggers a reload removed (or renamed): their resolution still goes there. */
  private readonly retiredAlerts = new Map<string, readonly string[]>();
  private readonly firing = new Map<string, Incident>();
  /** Adopted after a restart: resolved once a whole window has been seen without firing. */
  private readonly adopted = new Set<string>();
  private windowStart: number;

  static owns(incident: Incident): boolean {
    return incident.key.startsWith(PREFIX);
  }

  static nameOf(incident: Incident): string {
    return incident.key.slice(PREFIX.length, incident.key.lastIndexOf('@'));
  }

  constructor(
    triggers: readonly Trigger[],
    private readonly now: () => number,
    private readonly targetOf: (monitor: string) => string = () => '',
  ) {
    this.engine = this.build(triggers);
    this.windowStart = now();
  }

  /** Firing triggers from the store, as they were before a restart. */
  adopt(incidents: readonly Incident[]): void {
    for (const incident of incidents) {
      const name = TriggerTracker.nameOf(incident);
      this.firing.set(name, incident);
      this.adopted.add(name);
    }
    this.windowStart = this.now();
  }

  /** A reloaded plan: windows start over; triggers still firing are adopted like after a restart. */
  setTriggers(triggers: readonly Trigger[]): void {
    this.engine = this.build(triggers);
    for (const name of this.firing.keys()) this.adopted.add(name);
    this.windowStart = this.now();
  }

  states(): { name: string; monitor: string; firing: boolean }[] {
    return this.engine.states().map(({ name, monitor }) => ({ name, monitor, firing: this.firing.has(name) }));
  }

  observe(sample: Parameters<TriggerEngine['observe']>[0]): TriggerChange[] {
    return this.changes(this.engine.observe(sample));
  }

  tick(now: number): TriggerChange[] {
    return [...this.changes(this.engine.tick(now)), ...this.settleAdopted(now)];
  }

  private build(triggers: readonly Trigger[]): TriggerEngine {
    const engine = new TriggerEngine(triggers, { targetOf: this.targetOf });
    for (const [name, trigger] of this.triggers) this.retiredAlerts.set(name, trigger.alert);
    this.triggers = new Map(triggers.map((t) => [t.name ?? `${t.monitor}:${t.when}`, { ...t, name: t.name ?? `${t.monitor}:${t.when}` }]));
    return engine;
  }

  private changes(transitions: readonly TriggerTransition[]): TriggerChange[] {
    const changes: TriggerChange[] = [];
    for (const { trigger, firing, at, event } of transitions) {
      const name = trigger.name;
      const current = this.firing.get(name);
      this.adopted.delete(name);
      if (firing) {
        if (current) continue;
        const opened: Incident = {
          key: `${PREFIX}${name}@${at}`,
          monitor: trigger.monitor,
          openedAt: at,
          closedAt: null,
          reason: event.title,
          firstFailure: { monitor: trigger.monitor, at, ok: false, latencyMs: 0, reason: event.title },
        };
        this.firing.set(name, opened);
        changes.push({ name, alert: trigger.alert, opened, event: { ...event, key: `${opened.key}:fired`, dedupKey: opened.key } });
      } else if (current) {
        this.firing.delete(name);
        const closed = { ...current, closedAt: at };
        changes.push({ name, alert: trigger.alert, closed, event: { ...event, key: `${current.key}:resolved`, dedupKey: current.key } });
      }
    }
    return changes;
  }

  private settleAdopted(now: number): TriggerChange[] {
    const changes: TriggerChange[] = [];
    const engineStates = new Map(this.engine.states().map((s) => [s.name, s]));
    for (const name of [...this.adopted]) {
      const incident = this.firing.get(name)!;
      const trigger = this.triggers.get(name);
      const windowMs = trigger ? windowOf(trigger) : 0;
      if (trigger && (now - this.windowStart < windowMs || engineStates.get(name)?.firing)) continue;
      this.adopted.delete(name);
      this.firing.delete(name);
      const closed = { ...incident, closedAt: now };
      const event: AlertEvent = {
        key: `${incident.key}:resolved`,
        kind: 'trigger.resolved',
        monitor: incident.monitor,
        at: now,
        title: trigger ? `${name} resolved: no longer holds over its window` : `${name} resolved: the trigger was removed from the plan`,
        reason: incident.reason,
        dedupKey: incident.key,
        target: this.targetOf(incident.monitor),
      };
      changes.push({ name, alert: trigger?.alert ?? this.retiredAlerts.get(name) ?? [], closed, event });
    }
    return changes;
  }
}

function windowOf(trigger: Trigger): number {
  const parsed = parseTriggerRule(trigger.when);
  return 'rule' in parsed ? parsed.rule.windowMs : 0;
}
