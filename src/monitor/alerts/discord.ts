import { z } from 'zod';
import { secretRef } from '../secrets.js';
import type { AlertEvent } from '../model.js';
import { defineChannel } from './define.js';
import { isOpening, isoTime, truncate } from './format.js';
import { post } from './http.js';

const RED = 0xd92d20;
const GREEN = 0x12b76a;
const BLUE = 0x0969da;

/** A Discord webhook message: the title as content (what notifications show) and one embed with the details. */
export function discordMessage(event: AlertEvent) {
  return {
    content: truncate(event.title, 2000),
    embeds: [
      {
        title: truncate(event.title, 256),
        description: truncate(event.reason, 4096),
        color: isOpening(event) ? RED : event.kind === 'incident.update' ? BLUE : GREEN,
        timestamp: isoTime(event.at),
        fields: [
          { name: 'Monitor', value: truncate(event.monitor, 1024), inline: true },
          { name: 'Target', value: truncate(event.target, 1024), inline: true },
        ],
        footer: { text: truncate(event.key, 2048) },
      },
    ],
    // A monitor's reason text must not ping anyone (@everyone in a response body).
    allowed_mentions: { parse: [] },
  };
}

const discordConfig = z.object({ webhook: secretRef }).strict();

export const discord = defineChannel({
  type: 'discord',
  config: discordConfig,
  async deliver(event, config, ctx) {
    const webhook = ctx.secret(config.webhook);
    await post({ url: webhook, body: JSON.stringify(discordMessage(event)), secrets: [webhook] }, ctx);
  },
});
