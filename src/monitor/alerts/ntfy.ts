import { z } from 'zod';
import { basicAuthConflict, hasUserinfo, httpUrl } from '../config-fields.js';
import { secretRef } from '../secrets.js';
import type { AlertEvent } from '../model.js';
import { defineChannel } from './define.js';
import { detailLines, isOpening } from './format.js';
import { post } from './http.js';

const DEFAULT_PRIORITY = 3;
const OPENING_PRIORITY = 4;

/** The headers and text body ntfy publishes: an outage at `priority` (default high), a recovery never above default. */
export function ntfyMessage(event: AlertEvent, priority: number | undefined): { headers: Record<string, string>; body: string } {
  const opening = isOpening(event);
  return {
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      title: headerText(event.title),
      priority: String(opening ? (priority ?? OPENING_PRIORITY) : Math.min(priority ?? DEFAULT_PRIORITY, DEFAULT_PRIORITY)),
      tags: opening ? 'rotating_light' : event.kind === 'incident.update' ? 'memo' : 'white_check_mark',
    },
    body: detailLines(event).join('\n'),
  };
}

// HTTP header values are Latin-1; ntfy decodes RFC 2047 encoded words for anything else.
function headerText(text: string): string {
  return /^[\x20-\x7e]*$/.test(text) ? text : `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

const ntfyConfig = z
  .object({
    /** The topic URL, e.g. https://ntfy.sh/my-topic */
    url: httpUrl,
    token: secretRef.optional(),
    priority: z.number().int().min(1).max(5).optional(),
  })
  .strict()
  .superRefine((config, ctx) => {
    if (config.token !== undefined && hasUserinfo(config.url)) ctx.addIssue({ code: 'custom', path: ['url'], message: basicAuthConflict('the token as a Bearer one') });
  });

export const ntfy = defineChannel({
  type: 'ntfy',
  config: ntfyConfig,
  async deliver(event, config, ctx) {
    const token = config.token === undefined ? undefined : ctx.secret(config.token);
    const message = ntfyMessage(event, config.priority);
    const headers = token === undefined ? message.headers : { ...message.headers, authorization: `Bearer ${token}` };
    await post({ url: config.url, headers, body: message.body, secrets: token === undefined ? [] : [token] }, ctx);
  },
});
