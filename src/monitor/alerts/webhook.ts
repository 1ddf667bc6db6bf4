import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { basicAuthConflict, hasUserinfo, headers, httpUrl } from '../config-fields.js';
import { secretRef } from '../secrets.js';
import type { AlertEvent } from '../model.js';
import { defineChannel } from './define.js';
import { post } from './http.js';

/** Version of the JSON body; bumped when a field changes meaning or goes away. */
export const WEBHOOK_PAYLOAD_VERSION = 1;

export function webhookBody(event: AlertEvent): string {
  return JSON.stringify({ version: WEBHOOK_PAYLOAD_VERSION, ...event });
}

/** `sha256=` and the hex HMAC-SHA256 of the raw body bytes under the shared secret. */
export function webhookSignature(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

const webhookConfig = z
  .object({
    url: httpUrl,
    /** HMAC-SHA256 key: the body's signature is sent in X-Harden-Signature: sha256=HEX. */
    secret: secretRef.optional(),
    headers: headers.default({}),
  })
  .strict()
  .superRefine((config, ctx) => {
    if (hasUserinfo(config.url) && Object.keys(config.headers).some((header) => header.toLowerCase() === 'authorization'))
      ctx.addIssue({ code: 'custom', path: ['url'], message: basicAuthConflict('the headers set an Authorization too') });
  });

export const webhook = defineChannel({
  type: 'webhook',
  config: webhookConfig,
  async deliver(event, config, ctx) {
    const secret = config.secret === undefined ? undefined : ctx.secret(config.secret);
    const body = webhookBody(event);
    const headers: Record<string, string> = {
      ...Object.fromEntries(Object.entries(config.headers).map(([name, value]) => [name.toLowerCase(), value])),
      'x-harden-delivery': event.key,
      'x-harden-timestamp': String(Math.floor(Date.now() / 1000)),
    };
    if (secret !== undefined) headers['x-harden-signature'] = webhookSignature(body, secret);
    // A header's value may be a credential (Authorization, X-Api-Key): none is ever shown.
    const secrets = [...Object.values(config.headers), ...(secret === undefined ? [] : [secret])];
    await post({ url: config.url, headers, body, secrets }, ctx);
  },
});
