import { z } from 'zod';
import { httpUrl } from '../config-fields.js';
import { secretRef } from '../secrets.js';
import type { AlertEvent } from '../model.js';
import { defineChannel } from './define.js';
import { isoTime, isOpening, truncate } from './format.js';
import { post } from './http.js';

/**
 * A PagerDuty Events API v2 event: an opening triggers the alert keyed by the event's dedupKey,
 * its resolution resolves the same key, an operator's update acknowledges it. Incidents page as critical, scaling triggers as warnings.
 */
export function pagerdutyEvent(event: AlertEvent, routingKey: string) {
  // Someone is working on it: acknowledged, never resolved (the monitor resolves it when the target recovers).
  if (event.kind === 'incident.update') return { routing_key: routingKey, event_action: 'acknowledge' as const, dedup_key: event.dedupKey };
  if (!isOpening(event)) return { routing_key: routingKey, event_action: 'resolve' as const, dedup_key: event.dedupKey };
  return {
    routing_key: routingKey,
    event_action: 'trigger' as const,
    dedup_key: event.dedupKey,
    client: 'harden',
    payload: {
      summary: truncate(`${event.title}: ${event.reason}`, 1024),
      source: event.target,
      severity: event.kind === 'incident.opened' ? ('critical' as const) : ('warning' as const),
      timestamp: isoTime(event.at),
      component: event.monitor,
      custom_details: { monitor: event.monitor, target: event.target, reason: event.reason, event: event.key },
    },
  };
}

const pagerdutyConfig = z
  .object({
    routingKey: secretRef,
    /** Events API v2 endpoint; tests point it at a local receiver. */
    url: httpUrl.default('https://events.pagerduty.com/v2/enqueue'),
  })
  .strict();

export const pagerduty = defineChannel({
  type: 'pagerduty',
  config: pagerdutyConfig,
  async deliver(event, config, ctx) {
    const routingKey = ctx.secret(config.routingKey);
    await post({ url: config.url, body: JSON.stringify(pagerdutyEvent(event, routingKey)), secrets: [routingKey] }, ctx);
  },
});
