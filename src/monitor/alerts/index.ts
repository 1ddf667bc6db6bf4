import type { AlertChannel } from '../../plan/monitor-schema.js';
import type { AlertEvent } from '../model.js';
import type { DeliveryContext } from './define.js';
import { discord } from './discord.js';
import { email } from './email.js';
import { ntfy } from './ntfy.js';
import { pagerduty } from './pagerduty.js';
import { slack } from './slack.js';
import { webhook } from './webhook.js';

/** Every alert channel, by the key that selects it in the plan's `alerts:` entries. */
export const CHANNELS = { slack, discord, webhook, email, ntfy, pagerduty } as const;

export type ChannelType = keyof typeof CHANNELS;

/** The one type a (validated) plan channel configures. */
export function channelType(channel: AlertChannel): ChannelType {
  const type = (Object.keys(CHANNELS) as ChannelType[]).find((key) => channel[key] !== undefined);
  if (type === undefined) throw new Error('an alert channel needs one of slack, discord, webhook, email, ntfy, pagerduty');
  return type;
}

/** Delivers `event` through the channel's type; resolves once the receiver accepted it. */
export function deliver(channel: AlertChannel, event: AlertEvent, ctx: DeliveryContext): Promise<void> {
  const type = channelType(channel);
  switch (type) {
    case 'slack':
      return CHANNELS.slack.deliver(event, channel.slack!, ctx);
    case 'discord':
      return CHANNELS.discord.deliver(event, channel.discord!, ctx);
    case 'webhook':
      return CHANNELS.webhook.deliver(event, channel.webhook!, ctx);
    case 'email':
      return CHANNELS.email.deliver(event, channel.email!, ctx);
    case 'ntfy':
      return CHANNELS.ntfy.deliver(event, channel.ntfy!, ctx);
    case 'pagerduty':
      return CHANNELS.pagerduty.deliver(event, channel.pagerduty!, ctx);
  }
}

export { DeliveryError } from './http.js';
export { maskSecret, resolveSecret, secretResolver, SecretError } from '../secrets.js';
export type { DeliveryContext } from './define.js';
