import { z } from 'zod';
import { secretRef } from '../secrets.js';
import type { AlertEvent } from '../model.js';
import { defineChannel } from './define.js';
import { isOpening, isoTime, truncate } from './format.js';
import { post } from './http.js';

/** A Slack incoming-webhook message: `text` is the notification fallback, `blocks` what the channel shows. */
export function slackMessage(event: AlertEvent) {
  const icon = isOpening(event) ? ':red_circle:' : event.kind === 'incident.update' ? ':memo:' : ':large_green_circle:';
  return {
    text: `${icon} ${event.title}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: truncate(`${icon} *${escape(event.title)}*\n${escape(event.reason)}`, 3000) } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(`${escape(event.target)} · ${isoTime(event.at)}`, 3000) }] },
    ],
  };
}

// Slack reads &, < and > as markup (links, mentions) in mrkdwn.
function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const slackConfig = z.object({ webhook: secretRef }).strict();

export const slack = defineChannel({
  type: 'slack',
  config: slackConfig,
  async deliver(event, config, ctx) {
    const webhook = ctx.secret(config.webhook);
    await post({ url: webhook, body: JSON.stringify(slackMessage(event)), secrets: [webhook] }, ctx);
  },
});
