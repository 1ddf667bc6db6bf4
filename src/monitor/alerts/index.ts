import { z } from 'zod';
import type { AlertEvent } from '../model.js';
import type { ChannelDefinition, DeliveryContext } from './define.js';
import { discord } from './discord.js';
import { email } from './email.js';
import { ntfy } from './ntfy.js';
import { pagerduty } from './pagerduty.js';
import { slack } from './slack.js';
import { webhook } from './webhook.js';

/** Every alert channel, by the key that selects it (and holds its configuration) in the plan's `alerts:` entries. */
export const CHANNELS = { slack, discord, webhook, email, ntfy, pagerduty } as const;

export type ChannelType = keyof typeof CHANNELS;
const TYPES = Object.keys(CHANNELS) as ChannelType[];

type ChannelConfigs = { [T in ChannelType]: z.ZodOptional<(typeof CHANNELS)[T]['config']> };

/** One entry of `alerts:`: exactly one channel type, with that channel's configuration. */
export const channelSchema = z
  .object(Object.fromEntries(TYPES.map((type) => [type, CHANNELS[type].config.optional()])) as ChannelConfigs)
  .strict()
  .superRefine((channel, ctx) => {
    const types = TYPES.filter((type) => channel[type] !== undefined);
    if (types.length !== 1)
      ctx.addIssue({ code: 'custom', message: types.length === 0 ? `an alert channel needs one of ${TYPES.join(', ')}` : `one channel per name; this has ${types.join(' and ')}` });
  });

export type AlertChannel = z.output<typeof channelSchema>;

/** The one type a (validated) plan channel configures. */
export function channelType(channel: AlertChannel): ChannelType {
  const type = TYPES.find((key) => channel[key] !== undefined);
  if (type === undefined) throw new Error(`an alert channel needs one of ${TYPES.join(', ')}`);
  return type;
}

/** Delivers `event` through the channel's type; resolves once the receiver accepted it. */
export function deliver(channel: AlertChannel, event: AlertEvent, ctx: DeliveryContext): Promise<void> {
  const type = channelType(channel);
  // The registry's entries differ in their configuration type; a channel holds the one its type selects.
  return (CHANNELS[type] as unknown as ChannelDefinition<z.ZodType<unknown>>).deliver(event, channel[type], ctx);
}

export { DeliveryError } from './http.js';
export { maskSecret, resolveSecret, secretResolver, SecretError } from '../secrets.js';
export type { DeliveryContext } from './define.js';
