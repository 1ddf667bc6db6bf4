import { deliver, secretResolver, type DeliveryContext } from './alerts/index.js';
import type { AlertEvent } from './model.js';
import type { MonitoringPlan } from './schema.js';
import type { Store } from './store.js';

export type TestAlertOutcome = { channel: string; delivered: true } | { channel: string; delivered: false; queued: true } | { channel: string; delivered: false; queued: false; error: string };

/** The event a test alert carries: it names the channel and the monitors that alert it, and opens nothing. */
export function testAlertEvent(plan: MonitoringPlan, channel: string, at: number): AlertEvent {
  const monitors = plan.monitors.filter((monitor) => monitor.alert.includes(channel)).map((monitor) => monitor.name);
  const key = `test:${channel}:${at}`;
  return {
    key,
    kind: 'test',
    monitor: monitors[0] ?? '',
    at,
    title: `Test alert: harden reaches you through ${channel}`,
    reason: `sent by harden monitor test-alert; no incident is open${monitors.length > 0 ? ` (monitors alerting ${channel}: ${monitors.join(', ')})` : ''}`,
    dedupKey: key,
    target: monitors.length > 0 ? monitors.join(', ') : channel,
  };
}

export interface TestAlertRequest {
  plan: MonitoringPlan;
  /** The plan's folder: `file:` secret references are relative to it. */
  planDir: string;
  store: Store;
  channels: readonly string[];
  now: number;
  ca: string[];
  /** false while a daemon owns the store: the alerts are queued in the outbox, and it delivers them. */
  deliverNow: boolean;
}

const RETRY_MS = 5_000;

/**
 * Sends a test alert to each channel through the outbox, as a real alert goes: one row per
 * channel written in one transaction, then (when no daemon owns the store) delivered here and
 * marked delivered or failed, so the store records it exactly like a real alert (a failed row
 * stays pending: the daemon retries it).
 */
export async function sendTestAlerts(request: TestAlertRequest): Promise<TestAlertOutcome[]> {
  const events = request.channels.map((channel) => ({ channel, event: testAlertEvent(request.plan, channel, request.now) }));
  await request.store.commit({ samples: [], states: [], opened: [], closed: [], alerts: events });
  if (!request.deliverNow) return events.map(({ channel }) => ({ channel, delivered: false, queued: true }));
  const due = await request.store.dueAlerts(request.now, 1000);
  const ctx: DeliveryContext = { secret: secretResolver(request.planDir), timeoutMs: 10_000, ca: request.ca };
  return Promise.all(
    events.map(async ({ channel, event }): Promise<TestAlertOutcome> => {
      const entry = due.find((row) => row.channel === channel && row.event.key === event.key);
      // Held back behind an undelivered earlier row of its group: cannot happen for a fresh key, but never deliver out of order.
      if (!entry) return { channel, delivered: false, queued: true };
      try {
        await deliver(request.plan.alerts[channel]!, event, ctx);
      } catch (error) {
        const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
        await request.store.markFailed(entry.id, message, request.now + RETRY_MS, Date.now());
        return { channel, delivered: false, queued: false, error: message };
      }
      await request.store.markDelivered(entry.id, Date.now());
      return { channel, delivered: true };
    }),
  );
}
