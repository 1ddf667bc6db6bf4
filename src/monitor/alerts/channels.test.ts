import { createHmac } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createLocalCa } from '../../testing/local-ca.js';
import { startServer, type RunningServer } from '../../testing/http-server.js';
import { freePort } from '../../testing/services.js';
import type { AlertChannel } from './index.js';
import type { AlertEvent } from '../model.js';
import type { DeliveryContext } from './define.js';
import { deliver, DeliveryError } from './index.js';

interface Received {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A real receiver on 127.0.0.1 that records each request and answers with `answer`. */
async function receiver(answer: (response: ServerResponse) => void = (response) => response.writeHead(200).end('ok'), tls?: { key: string; cert: string }) {
  const received: Received[] = [];
  const server = await startServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      answer(response);
    });
  }, tls ? { tls } : {});
  servers.push(server);
  return { ...server, received };
}

const servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const opened: AlertEvent = {
  key: 'incident:api-health@1764507600000:opened',
  kind: 'incident.opened',
  monitor: 'api-health',
  at: Date.UTC(2026, 10, 30, 13, 0, 0),
  title: 'api-health is down',
  reason: 'status == 200: got 503',
  dedupKey: 'api-health@1764507600000',
  target: 'https://api.example.com/api/health/',
};
const resolved: AlertEvent = {
  ...opened,
  key: 'incident:api-health@1764507600000:resolved',
  kind: 'incident.resolved',
  at: opened.at + 240_000,
  title: 'api-health is up again after 4m',
  reason: 'status 200 in 41 ms',
};

const SLACK_PATH = '/services/T0000/B0000/slack-secret-part';

function context(env: Record<string, string>, extra: Partial<DeliveryContext> = {}): DeliveryContext {
  return {
    secret: (ref) => {
      const value = env[ref.slice(4)];
      if (value === undefined) throw new Error(`secret ${ref} is not set`);
      return value;
    },
    timeoutMs: 2000,
    ca: [],
    ...extra,
  };
}

async function deliveryError(promise: Promise<void>): Promise<DeliveryError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

describe('slack', () => {
  it('posts text and blocks to the incoming webhook', async () => {
    const hook = await receiver();
    const channel: AlertChannel = { slack: { webhook: 'env:SLACK' } };
    await deliver(channel, { ...opened, reason: 'body.status == \'ok\': got "<b>down</b> & out"' }, context({ SLACK: hook.origin + SLACK_PATH }));
    expect(hook.received).toHaveLength(1);
    const [request] = hook.received;
    expect(request!.method).toBe('POST');
    expect(request!.path).toBe(SLACK_PATH);
    expect(request!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request!.body)).toEqual({
      text: ':red_circle: api-health is down',
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: ':red_circle: *api-health is down*\nbody.status == \'ok\': got "&lt;b&gt;down&lt;/b&gt; &amp; out"' } },
        { type: 'context', elements: [{ type: 'mrkdwn', text: 'https://api.example.com/api/health/ · 2026-11-30T13:00:00.000Z' }] },
      ],
    });
  });

  it('marks a resolution green', async () => {
    const hook = await receiver();
    await deliver({ slack: { webhook: 'env:SLACK' } }, resolved, context({ SLACK: hook.origin + SLACK_PATH }));
    expect(JSON.parse(hook.received[0]!.body).text).toBe(':large_green_circle: api-health is up again after 4m');
  });

  it('reports a refusal by status and host, never the webhook path', async () => {
    const hook = await receiver((response) => response.writeHead(404).end(`no_service for ${SLACK_PATH}`));
    const error = await deliveryError(deliver({ slack: { webhook: 'env:SLACK' } }, opened, context({ SLACK: hook.origin + SLACK_PATH })));
    expect(error.message).toBe(`HTTP 404 from 127.0.0.1:${hook.port}: no_service for /ser…`);
    expect(error.message).not.toContain('slack-secret-part');
  });
});

describe('discord', () => {
  it('posts content and one embed, mentions disabled', async () => {
    const hook = await receiver((response) => response.writeHead(204).end());
    await deliver({ discord: { webhook: 'env:DISCORD' } }, opened, context({ DISCORD: `${hook.origin}/api/webhooks/123/discord-token` }));
    const [request] = hook.received;
    expect(request!.path).toBe('/api/webhooks/123/discord-token');
    expect(JSON.parse(request!.body)).toEqual({
      content: 'api-health is down',
      embeds: [
        {
          title: 'api-health is down',
          description: 'status == 200: got 503',
          color: 0xd92d20,
          timestamp: '2026-11-30T13:00:00.000Z',
          fields: [
            { name: 'Monitor', value: 'api-health', inline: true },
            { name: 'Target', value: 'https://api.example.com/api/health/', inline: true },
          ],
          footer: { text: 'incident:api-health@1764507600000:opened' },
        },
      ],
      allowed_mentions: { parse: [] },
    });
  });
});

describe('webhook', () => {
  it('posts the versioned event with delivery, timestamp and an HMAC-SHA256 signature of the raw body', async () => {
    const hook = await receiver();
    const before = Math.floor(Date.now() / 1000);
    await deliver(
      { webhook: { url: `${hook.origin}/hooks/harden`, secret: 'env:HOOK_SECRET', headers: { 'X-Team': 'ops' } } },
      opened,
      context({ HOOK_SECRET: 'whsec-0123456789abcdef' }),
    );
    const [request] = hook.received;
    expect(request!.path).toBe('/hooks/harden');
    expect(JSON.parse(request!.body)).toEqual({ version: 1, ...opened });
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers['x-team']).toBe('ops');
    expect(request!.headers['x-harden-delivery']).toBe(opened.key);
    const timestamp = Number(request!.headers['x-harden-timestamp']);
    expect(timestamp).toBeGreaterThanOrEqual(before);
    expect(timestamp).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000));
    const expected = createHmac('sha256', 'whsec-0123456789abcdef').update(Buffer.from(request!.body, 'utf8')).digest('hex');
    expect(request!.headers['x-harden-signature']).toBe(`sha256=${expected}`);
  });

  it('sends no signature without a secret, and the delivery header always', async () => {
    const hook = await receiver();
    await deliver({ webhook: { url: `${hook.origin}/in`, headers: {} } }, resolved, context({}));
    const [request] = hook.received;
    expect(request!.headers['x-harden-signature']).toBeUndefined();
    expect(request!.headers['x-harden-delivery']).toBe(resolved.key);
    expect(JSON.parse(request!.body)).toEqual({ version: 1, ...resolved });
  });

  it('keeps the signing secret out of an error even when the receiver echoes it', async () => {
    const hook = await receiver((response) => response.writeHead(500).end('bad signature for key whsec-0123456789abcdef'));
    const error = await deliveryError(deliver({ webhook: { url: `${hook.origin}/in`, secret: 'env:S', headers: {} } }, opened, context({ S: 'whsec-0123456789abcdef' })));
    expect(error.message).toBe(`HTTP 500 from 127.0.0.1:${hook.port}: bad signature for key whse…`);
  });

  it('passes on Retry-After of a 429', async () => {
    const hook = await receiver((response) => response.writeHead(429, { 'retry-after': '7' }).end());
    const error = await deliveryError(deliver({ webhook: { url: `${hook.origin}/in`, headers: {} } }, opened, context({})));
    expect(error.message).toBe(`HTTP 429 (rate limited) from 127.0.0.1:${hook.port}`);
    expect(error.retryAfterMs).toBe(7000);
  });

  it('reports a receiver that is down, and one that hangs past the timeout', async () => {
    const port = await freePort();
    const down = await deliveryError(deliver({ webhook: { url: `http://127.0.0.1:${port}/in`, headers: {} } }, opened, context({})));
    expect(down.message).toBe(`could not reach 127.0.0.1:${port}: ECONNREFUSED`);

    const hang = await receiver(() => undefined);
    const slow = await deliveryError(deliver({ webhook: { url: `${hang.origin}/in`, headers: {} } }, opened, context({}, { timeoutMs: 300 })));
    expect(slow.message).toBe(`no answer from 127.0.0.1:${hang.port} within 300 ms`);
  });

  it('trusts ctx.ca for an HTTPS receiver, and only then', async () => {
    const ca = await createLocalCa();
    const hook = await receiver(undefined, await ca.issue());
    const channel: AlertChannel = { webhook: { url: `${hook.origin}/in`, headers: {} } };
    await deliver(channel, opened, context({}, { ca: [ca.cert] }));
    expect(hook.received).toHaveLength(1);
    const untrusted = await deliveryError(deliver(channel, opened, context({})));
    expect(untrusted.message).toMatch(new RegExp(`^could not reach 127\\.0\\.0\\.1:${hook.port}: `));
    expect(hook.received).toHaveLength(1);
  });
});

describe('ntfy', () => {
  it('publishes to the topic with title, priority, tags and the bearer token', async () => {
    const hook = await receiver();
    await deliver({ ntfy: { url: `${hook.origin}/ops-alerts`, token: 'env:NTFY', priority: 5 } }, opened, context({ NTFY: 'tk_ntfy0123456789' }));
    const [request] = hook.received;
    expect(request!.path).toBe('/ops-alerts');
    expect(request!.headers).toMatchObject({ title: 'api-health is down', priority: '5', tags: 'rotating_light', authorization: 'Bearer tk_ntfy0123456789' });
    expect(request!.body).toBe('Reason: status == 200: got 503\nTarget: https://api.example.com/api/health/\nTime:   2026-11-30T13:00:00.000Z');
  });

  it('sends a recovery at default priority without a token, and encodes a non-ASCII title', async () => {
    const hook = await receiver();
    await deliver({ ntfy: { url: `${hook.origin}/ops` } }, { ...resolved, title: 'café is up again' }, context({}));
    const [request] = hook.received;
    expect(request!.headers.authorization).toBeUndefined();
    expect(request!.headers).toMatchObject({ title: `=?UTF-8?B?${Buffer.from('café is up again').toString('base64')}?=`, priority: '3', tags: 'white_check_mark' });
  });
});

describe('pagerduty', () => {
  it('triggers on an opening and resolves the same dedup key', async () => {
    const hook = await receiver((response) => response.writeHead(202, { 'content-type': 'application/json' }).end('{"status":"success"}'));
    const channel: AlertChannel = { pagerduty: { routingKey: 'env:PD', url: `${hook.origin}/v2/enqueue` } };
    const ctx = context({ PD: 'R0UTINGKEY0123456789abcdef012345' });
    await deliver(channel, opened, ctx);
    await deliver(channel, resolved, ctx);
    expect(hook.received.map((request) => request.path)).toEqual(['/v2/enqueue', '/v2/enqueue']);
    expect(JSON.parse(hook.received[0]!.body)).toEqual({
      routing_key: 'R0UTINGKEY0123456789abcdef012345',
      event_action: 'trigger',
      dedup_key: 'api-health@1764507600000',
      client: 'harden',
      payload: {
        summary: 'api-health is down: status == 200: got 503',
        source: 'https://api.example.com/api/health/',
        severity: 'critical',
        timestamp: '2026-11-30T13:00:00.000Z',
        component: 'api-health',
        custom_details: { monitor: 'api-health', target: 'https://api.example.com/api/health/', reason: 'status == 200: got 503', event: opened.key },
      },
    });
    expect(JSON.parse(hook.received[1]!.body)).toEqual({ routing_key: 'R0UTINGKEY0123456789abcdef012345', event_action: 'resolve', dedup_key: 'api-health@1764507600000' });
  });

  it('acknowledges an incident on an operator\'s update, and Slack marks it as a note, not a recovery', async () => {
    const hook = await receiver((response) => response.writeHead(202).end());
    const update: AlertEvent = { ...opened, key: 'update:api-health@1764507600000:1', kind: 'incident.update', title: 'api-health incident update: identified', reason: 'A bad deploy.' };
    await deliver({ pagerduty: { routingKey: 'env:PD', url: `${hook.origin}/v2/enqueue` } }, update, context({ PD: 'R0UTINGKEY0123456789abcdef012345' }));
    expect(JSON.parse(hook.received[0]!.body)).toEqual({ routing_key: 'R0UTINGKEY0123456789abcdef012345', event_action: 'acknowledge', dedup_key: 'api-health@1764507600000' });
    await deliver({ slack: { webhook: 'env:SLACK' } }, update, context({ SLACK: hook.origin + SLACK_PATH }));
    expect(JSON.parse(hook.received[1]!.body).text).toBe(':memo: api-health incident update: identified');
  });

  it('pages a scaling trigger as a warning', async () => {
    const hook = await receiver((response) => response.writeHead(202).end());
    const fired: AlertEvent = { ...opened, key: 'trigger:slow-api:fired@1', kind: 'trigger.fired', dedupKey: 'trigger:slow-api', title: 'api-health: p99 > 500ms for 10m' };
    await deliver({ pagerduty: { routingKey: 'env:PD', url: `${hook.origin}/v2/enqueue` } }, fired, context({ PD: 'R0UTINGKEY0123456789abcdef012345' }));
    expect(JSON.parse(hook.received[0]!.body)).toMatchObject({ event_action: 'trigger', dedup_key: 'trigger:slow-api', payload: { severity: 'warning' } });
  });

  it('keeps the routing key out of an error', async () => {
    const hook = await receiver((response) => response.writeHead(400).end('{"status":"invalid event","message":"routing_key R0UTINGKEY0123456789abcdef012345 unknown"}'));
    const error = await deliveryError(deliver({ pagerduty: { routingKey: 'env:PD', url: `${hook.origin}/v2/enqueue` } }, opened, context({ PD: 'R0UTINGKEY0123456789abcdef012345' })));
    expect(error.message).toBe(`HTTP 400 from 127.0.0.1:${hook.port}: {"status":"invalid event","message":"routing_key R0UT… unknown"}`);
  });
});

describe('channel credentials (issue 9, defect 8)', () => {
  // Fake credentials, assembled at run time so this file does not trip secret scanners.
  const QUERY_TOKEN = 'qt_' + 'Hk29XcVb71Lp';
  const HEADER_VALUE = 'Bearer ' + 'hv_Mn48QwEr63Ty';
  const PASSWORD = 'pw_' + 'Zx93LkJh25Gf';

  it('sends a URL\'s user:password as Basic authorization, not silently dropped', async () => {
    const hook = await receiver();
    const url = new URL(`${hook.origin}/in`);
    url.username = 'alerts';
    url.password = PASSWORD;
    await deliver({ webhook: { url: url.href, headers: {} } }, opened, context({}));
    const [request] = hook.received;
    expect(request!.path).toBe('/in');
    expect(request!.headers.authorization).toBe(`Basic ${Buffer.from(`alerts:${PASSWORD}`).toString('base64')}`);
    const slack = await receiver();
    await deliver({ slack: { webhook: 'env:SLACK' } }, opened, context({ SLACK: `http://hook:${PASSWORD}@127.0.0.1:${slack.port}${SLACK_PATH}` }));
    expect(slack.received[0]!.headers.authorization).toBe(`Basic ${Buffer.from(`hook:${PASSWORD}`).toString('base64')}`);
  });

  it('keeps query tokens, header values and passwords of the channel out of an error that echoes them', async () => {
    const hook = await receiver((response) => response.writeHead(401).end(`rejected ${JSON.stringify(hook.received.at(-1))}`));
    const url = `http://alerts:${PASSWORD}@127.0.0.1:${hook.port}/in?token=${QUERY_TOKEN}&team=ops`;
    const error = await deliveryError(deliver({ webhook: { url, headers: { 'X-Relay-Auth': HEADER_VALUE } } }, opened, context({})));
    expect(error.message).toMatch(/^HTTP 401 from 127\.0\.0\.1:\d+: rejected /);
    for (const secret of [QUERY_TOKEN, HEADER_VALUE.slice(7), PASSWORD, Buffer.from(`alerts:${PASSWORD}`).toString('base64')]) expect(error.message).not.toContain(secret.slice(4, 12));
    const ntfy = await receiver((response) => response.writeHead(403).end(`no access to /ops?auth=${QUERY_TOKEN}`));
    const denied = await deliveryError(deliver({ ntfy: { url: `${ntfy.origin}/ops?auth=${QUERY_TOKEN}` } }, opened, context({})));
    expect(denied.message).toBe(`HTTP 403 from 127.0.0.1:${ntfy.port}: no access to /ops?auth=qt_H…`);
  });
});
