import type { z } from 'zod';
import type { AlertEvent } from '../model.js';

export interface DeliveryContext {
  /** Resolves an `env:` / `file:` reference; throws a clear error when it is unset or unreadable. */
  secret(ref: string): string;
  timeoutMs: number;
  /** Extra trusted CA certificates (PEM) for HTTPS receivers. */
  ca: string[];
  /** Aborts a delivery in flight (shutdown after its grace period). */
  signal?: AbortSignal;
}

/**
 * An alert channel: its configuration (under its key in the plan's `alerts:` map) and how one
 * event is delivered. `deliver` resolves once the receiver accepted the event and throws
 * otherwise; the outbox retries with backoff.
 */
export interface ChannelDefinition<Schema extends z.ZodType> {
  type: string;
  config: Schema;
  deliver(event: AlertEvent, config: z.output<Schema>, ctx: DeliveryContext): Promise<void>;
}

export function defineChannel<Schema extends z.ZodType>(definition: ChannelDefinition<Schema>): ChannelDefinition<Schema> {
  return definition;
}
