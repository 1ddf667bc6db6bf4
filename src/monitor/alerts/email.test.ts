import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { createLocalCa } from '../../testing/local-ca.js';
import type { AlertEvent } from '../model.js';
import type { DeliveryContext } from './define.js';
import { deliver, DeliveryError } from './index.js';

interface Mailbox {
  port: number;
  mails: ParsedMail[];
  envelopes: { from: string; to: string[]; user: string | undefined }[];
}

const servers: SMTPServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
});

/** A real SMTP server on 127.0.0.1 that parses every message it accepts. */
async function smtpServer(options: SMTPServerOptions): Promise<Mailbox> {
  const box: Mailbox = { port: 0, mails: [], envelopes: [] };
  const server = new SMTPServer({
    logger: false,
    ...options,
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          box.mails.push(mail);
          box.envelopes.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            user: typeof session.user === 'string' ? session.user : undefined,
          });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  box.port = (server.server.address() as AddressInfo).port;
  return box;
}

const event: AlertEvent = {
  key: 'incident:api-health@1764507600000:opened',
  kind: 'incident.opened',
  monitor: 'api-health',
  at: Date.UTC(2026, 10, 30, 13, 0, 0),
  title: 'api-health is down',
  reason: 'status == 200: got 503',
  dedupKey: 'api-health@1764507600000',
  target: 'https://api.example.com/api/health/',
};

function context(smtp: string, ca: string[] = []): DeliveryContext {
  return { secret: (ref) => (ref === 'env:SMTP_URL' ? smtp : ''), timeoutMs: 3000, ca };
}

describe('email', () => {
  it('sends the title as subject and reason, target and time as text', async () => {
    const box = await smtpServer({ authOptional: true, hideSTARTTLS: true });
    await deliver({ email: { to: ['ops@example.com', 'oncall@example.com'], from: 'harden <alerts@example.com>', smtp: 'env:SMTP_URL' } }, event, context(`smtp://127.0.0.1:${box.port}`));
    expect(box.mails).toHaveLength(1);
    const mail = box.mails[0]!;
    expect(box.envelopes[0]).toEqual({ from: 'alerts@example.com', to: ['ops@example.com', 'oncall@example.com'], user: undefined });
    expect(mail.subject).toBe('api-health is down');
    expect(mail.from?.value).toEqual([{ name: 'harden', address: 'alerts@example.com' }]);
    expect(mail.to).toMatchObject({ value: [{ address: 'ops@example.com' }, { address: 'oncall@example.com' }] });
    expect(mail.text).toBe(
      [
        'api-health is down',
        '',
        'Reason: status == 200: got 503',
        'Target: https://api.example.com/api/health/',
        'Time:   2026-11-30T13:00:00.000Z',
        'Event:  incident:api-health@1764507600000:opened',
        '',
      ].join('\n'),
    );
    expect(mail.headers.get('x-harden-delivery')).toBe(event.key);
    expect(mail.messageId).toMatch(/^<[0-9a-f]{32}@harden\.alerts>$/);
  });

  it('logs in over STARTTLS, trusting ctx.ca, and keeps the password out of errors', async () => {
    const ca = await createLocalCa();
    const { key, cert } = await ca.issue();
    const box = await smtpServer({
      key,
      cert,
      onAuth(auth, _session, callback) {
        if (auth.username === 'alerts' && auth.password === 'p@ss-w0rd-1234') callback(null, { user: 'alerts' });
        else callback(new Error('Invalid username or password'));
      },
    });
    const channel = { email: { to: ['ops@example.com'], from: 'harden <harden@localhost>', smtp: 'env:SMTP_URL' } };
    await deliver(channel, event, context(`smtp://alerts:p%40ss-w0rd-1234@127.0.0.1:${box.port}`, [ca.cert]));
    expect(box.envelopes).toEqual([{ from: 'harden@localhost', to: ['ops@example.com'], user: 'alerts' }]);

    const wrong = await deliver(channel, event, context(`smtp://alerts:wrong-password-99@127.0.0.1:${box.port}`, [ca.cert])).catch((error: unknown) => error);
    expect(wrong).toBeInstanceOf(DeliveryError);
    expect((wrong as Error).message).toMatch(new RegExp(`^SMTP 127\\.0\\.0\\.1:${box.port}: Invalid login`));
    expect((wrong as Error).message).not.toContain('wrong-password-99');

    const untrusted = await deliver(channel, event, context(`smtp://alerts:p%40ss-w0rd-1234@127.0.0.1:${box.port}`)).catch((error: unknown) => error);
    expect(untrusted).toBeInstanceOf(DeliveryError);
    expect((untrusted as Error).message).not.toContain('w0rd-1234');
    expect(box.mails).toHaveLength(1);
  });

  it('fails when the server rejects every recipient', async () => {
    const box = await smtpServer({
      authOptional: true,
      hideSTARTTLS: true,
      onRcptTo(_address, _session, callback) {
        callback(new Error('mailbox unavailable'));
      },
    });
    const error = await deliver({ email: { to: ['nobody@example.com'], from: 'harden <harden@localhost>', smtp: 'env:SMTP_URL' } }, event, context(`smtp://127.0.0.1:${box.port}`)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DeliveryError);
    expect((error as Error).message).toContain('mailbox unavailable');
    expect(box.mails).toHaveLength(0);
  });
});
