import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLiveCheck } from '../../testing/live-cases.js';
import { startServer, type RunningServer } from '../../testing/http-server.js';
import { unknownFields } from './unknown-fields.js';

const KNOWN = new Set(['name', 'email']);

/** A validation endpoint: `strict` refuses unknown fields with 422; `token` refuses other credentials with 401. Records the bodies. */
function validate(options: { strict: boolean; token?: string }) {
  const bodies: Record<string, unknown>[] = [];
  const handler = (request: IncomingMessage, response: ServerResponse) => {
    let text = '';
    request.on('data', (chunk) => (text += chunk));
    request.on('end', () => {
      const body = JSON.parse(text) as Record<string, unknown>;
      bodies.push(body);
      if (options.token !== undefined && request.headers.authorization !== options.token) response.writeHead(401).end();
      else if (options.strict && Object.keys(body).some((key) => !KNOWN.has(key))) response.writeHead(422, { 'content-type': 'application/json' }).end('{"error":"unknown field"}');
      else response.writeHead(201, { 'content-type': 'application/json' }).end('{"valid":true}');
    });
  };
  return { handler, bodies };
}

describe('probe/unknown-fields', () => {
  const strict = validate({ strict: true, token: 'Bearer write-token-0123456789' });
  const lenient = validate({ strict: false });
  const locked = validate({ strict: true, token: 'Bearer something-else' });
  let servers: RunningServer[];
  beforeAll(async () => {
    process.env.HARDEN_TEST_WRITE_TOKEN = 'Bearer write-token-0123456789';
    servers = await Promise.all([strict, lenient, locked].map((server) => startServer(server.handler)));
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
  });

  const site = (index: number) => ({
    url: servers[index]!.origin,
    probes: { unknownFieldsRejected: { path: '/api/users/validate', body: { name: 'Probe', email: 'probe@example.test' }, headers: { Authorization: 'env:HARDEN_TEST_WRITE_TOKEN' } } },
  });

  it('passes when the extra field is refused and the plain body accepted, both answers shown', async () => {
    const results = await runLiveCheck(unknownFields, { targets: { sites: [site(0)] } });
    expect(results.map((r) => [r.status, r.evidence])).toEqual([['pass', '422 with the unknown field "hardenProbeUnknownField", 201 without']]);
    expect(strict.bodies).toEqual([
      { name: 'Probe', email: 'probe@example.test', hardenProbeUnknownField: 'harden-probe' },
      { name: 'Probe', email: 'probe@example.test' },
    ]);
    expect(JSON.stringify(results)).not.toContain('write-token');
  });

  it('fails when the extra field is accepted, and sends no second write', async () => {
    const results = await runLiveCheck(unknownFields, { targets: { sites: [site(1)] } });
    expect(results.map((r) => [r.status, r.message])).toEqual([
      ['fail', `${servers[1]!.origin}/api/users/validate: POST with the unknown field "hardenProbeUnknownField" answered 201: unknown fields are accepted`],
    ]);
    expect(lenient.bodies).toHaveLength(1);
  });

  it('is an error when the refusal is not the field\'s (bad credentials)', async () => {
    const results = await runLiveCheck(unknownFields, { targets: { sites: [site(2)] } });
    expect(results.map((r) => r.status)).toEqual(['error']);
    expect(results[0]!.message).toContain('answered 401, not 400/422');
    expect(locked.bodies).toHaveLength(1);
  });

  it('does not probe a site that did not opt in', async () => {
    expect(await runLiveCheck(unknownFields, { targets: { sites: [servers[1]!.origin] } })).toEqual([]);
  });
});
