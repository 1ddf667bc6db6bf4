import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLiveCheck } from '../../testing/live-cases.js';
import { startServer, type RunningServer } from '../../testing/http-server.js';
import { pageSizeCap } from './page-size-cap.js';

/** A list of 2000 items: `cap` clamps the page, `refuse` answers 422 above it; records the queries and Authorization headers. */
function items(options: { cap?: number; refuse?: number; wrap?: (items: unknown[]) => unknown }) {
  const seen: { query: string; authorization: string | undefined }[] = [];
  const handler = (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://x');
    seen.push({ query: url.search, authorization: request.headers.authorization });
    const asked = Number(url.searchParams.get('per_page') ?? url.searchParams.get('limit') ?? 20);
    if (options.refuse !== undefined && asked > options.refuse) {
      response.writeHead(422, { 'content-type': 'application/json' }).end('{"error":"per_page must be at most 500"}');
      return;
    }
    const size = Math.min(asked, options.cap ?? Infinity, 2000);
    const list = Array.from({ length: size }, (_, i) => ({ id: i + 1, name: `item ${i + 1}` }));
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(options.wrap ? options.wrap(list) : list));
  };
  return { handler, seen };
}

describe('probe/page-size-cap', () => {
  const capped = items({ cap: 500, wrap: (list) => ({ data: list, meta: { total: 2000 } }) });
  const uncapped = items({ wrap: (list) => ({ data: list, meta: { total: 2000 } }) });
  const refusing = items({ refuse: 500 });
  const nested = items({ wrap: (list) => ({ result: { items: list }, errors: [] }) });
  let servers: RunningServer[];
  beforeAll(async () => {
    servers = await Promise.all([capped, uncapped, refusing, nested].map((server) => startServer(server.handler)));
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
  });

  const site = (index: number, probe: Record<string, unknown>) => ({ url: servers[index]!.origin, probes: { pageSizeCap: { path: '/api/items', max: 500, ...probe } } });

  it('passes when the page is clamped to the cap, sending the secret header', async () => {
    process.env.HARDEN_TEST_API_TOKEN = 'Bearer s3cr3t-list-token-value';
    const results = await runLiveCheck(pageSizeCap, { targets: { sites: [site(0, { headers: { Authorization: 'env:HARDEN_TEST_API_TOKEN' } })] } });
    expect(results.map((r) => [r.status, r.evidence])).toEqual([['pass', 'asked for 100000, got 500 items: the cap']]);
    expect(capped.seen).toEqual([{ query: '?limit=100000', authorization: 'Bearer s3cr3t-list-token-value' }]);
    expect(JSON.stringify(results)).not.toContain('s3cr3t');
  });

  it('fails when the page holds what was asked for, naming the count', async () => {
    const results = await runLiveCheck(pageSizeCap, { targets: { sites: [site(1, { ask: 1500 })] } });
    expect(results.map((r) => [r.status, r.messageId, r.message])).toEqual([
      ['fail', 'uncapped', `${servers[1]!.origin}/api/items?limit=1500: asked for 1500 items per page, got 1500 (the cap is 500)`],
    ]);
    expect(uncapped.seen).toHaveLength(1);
  });

  it('passes when the oversize page is refused with 422, on the parameter the plan names', async () => {
    const results = await runLiveCheck(pageSizeCap, { targets: { sites: [site(2, { param: 'per_page', ask: 5000 })] } });
    expect(results.map((r) => [r.status, r.evidence])).toEqual([['pass', '/api/items?per_page=5000 answered 422: the page size is refused']]);
  });

  it('reads the items at the JSON pointer the plan gives, and asks for it when the body has several arrays', async () => {
    const found = await runLiveCheck(pageSizeCap, { targets: { sites: [site(3, { ask: 800, itemsAt: '/result/items' })] } });
    expect(found.map((r) => [r.status, r.messageId])).toEqual([['fail', 'uncapped']]);
    const ambiguous = await runLiveCheck(pageSizeCap, { targets: { sites: [{ url: servers[0]!.origin, probes: { pageSizeCap: { path: '/api/items', max: 100, itemsAt: '/nothing' } } }] } });
    expect(ambiguous.map((r) => r.status)).toEqual(['error']);
    expect(ambiguous[0]!.message).toContain('no array at /nothing');
  });

  it('does not probe a site that did not opt in', async () => {
    expect(await runLiveCheck(pageSizeCap, { targets: { sites: [servers[1]!.origin] } })).toEqual([]);
  });
});
