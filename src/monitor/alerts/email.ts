import { createHash } from 'node:crypto';
import { z } from 'zod';
import { stringList } from '../../schema-fields.js';
import { trustedWith } from '../../targets/tls/trust.js';
import type { AlertEvent } from '../model.js';
import { defineChannel, type DeliveryContext } from './define.js';
import { detailLines } from './format.js';
import { DeliveryError } from './http.js';
import { maskText, secretRef } from '../secrets.js';

export interface EmailMessage {
  from: string;
  to: string[];
  subject: string;
  text: string;
  /** Derived from the event key, so a redelivered alert is the same message to mail clients that dedupe. */
  messageId: string;
  headers: Record<string, string>;
}

export function emailMessage(event: AlertEvent, from: string, to: string[]): EmailMessage {
  const digest = createHash('sha256').update(event.key).digest('hex').slice(0, 32);
  return {
    from,
    to,
    subject: event.title,
    text: [event.title, '', ...detailLines(event), `Event:  ${event.key}`, ''].join('\n'),
    messageId: `<${digest}@harden.alerts>`,
    headers: { 'X-Harden-Delivery': event.key },
  };
}

/** Sends one message through the SMTP server of `smtpUrl` (smtp:// with STARTTLS when offered, or smtps://). */
async function send(message: EmailMessage, smtpUrl: string, ctx: DeliveryContext): Promise<void> {
  // nodemailer loads with the first mail, not with the plan that names the channel.
  const { createTransport } = await import('nodemailer');
  const transport = createTransport({
    url: smtpUrl,
    connectionTimeout: ctx.timeoutMs,
    greetingTimeout: ctx.timeoutMs,
    socketTimeout: ctx.timeoutMs,
    ...(ctx.ca.length ? { tls: { ca: trustedWith(ctx.ca) } } : {}),
  });
  const host = URL.canParse(smtpUrl) ? new URL(smtpUrl).host : 'the SMTP server';
  const abort = () => transport.close();
  ctx.signal?.addEventListener('abort', abort, { once: true });
  try {
    const info = await transport.sendMail(message);
    if (info.accepted.length === 0) throw new Error(`no recipient accepted (${info.response})`);
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    throw new DeliveryError(maskText(`SMTP ${host}: ${text}`.replace(/\s+/g, ' ').slice(0, 300), [smtpUrl]));
  } finally {
    ctx.signal?.removeEventListener('abort', abort);
    transport.close();
  }
}

const emailConfig = z
  .object({
    to: stringList,
    from: z.string().default('harden <harden@localhost>'),
    /** smtp://user:pass@host:port or smtps://… */
    smtp: secretRef,
  })
  .strict();

export const email = defineChannel({
  type: 'email',
  config: emailConfig,
  async deliver(event, config, ctx) {
    await send(emailMessage(event, config.from, config.to), ctx.secret(config.smtp), ctx);
  },
});
