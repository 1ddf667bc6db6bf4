import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../testing/http-server.js';
import { NO_LIVE_TARGETS } from './config.js';
import { LiveClients, plannedOrigins } from './targets.js';
import { followRedirects } from './redirect-chain.js';

describe('plannedOrigins', () => {
  it('is the plan sites and their scheme twins', () => {
    const origins = plannedOrigins([new URL('https://shop.example.com/app'), new URL('http://127.0.0.1:8080/'), new URL('https://127.0.0.1:8443/')]);
    expect([...origins].sort()).toEqual(['http://127.0.0.1:8080', 'http://shop.example.com', 'https://127.0.0.1:8443', 'https://shop.example.com']);
  });
});

describe('followRedirects and the plan origins', () => {
  let site: RunningServer;
  let other: RunningServer;
  let clients: LiveClients;
  const otherRequests: string[] = [];

  beforeAll(async () => {
    other = await startServer((request, response) => {
      otherRequests.push(request.url ?? '');
      response.end('elsewhere');
    });
    site = await startServer((request, response) => response.writeHead(302, { location: `${other.origin}${request.url}` }).end());
    clients = new LiveClients({ ...NO_LIVE_TARGETS, sites: [{ url: `${site.origin}/` }] as typeof NO_LIVE_TARGETS.sites, timeoutMs: 3000 });
  });
  afterAll(async () => {
    await clients.close();
    await Promise.all([site.close(), other.close()]);
  });

  it('stops at a redirect to another port of the host, records it and never requests it', async () => {
    const target = clients.sites()[0]!;
    const outcome = await followRedirects(target, '/page');
    expect(outcome.ok && outcome.chain.stopped).toEqual({ reason: 'off-plan', location: new URL(`${other.origin}/page`) });
    expect(outcome.ok && outcome.chain.hops.map((hop) => hop.status)).toEqual([302]);
    expect(clients.redirectsNotFollowed()).toEqual([{ from: `${site.origin}/page`, to: `${other.origin}/page` }]);
    await expect(target.get(`${other.origin}/page`)).rejects.toThrow('is not an origin the plan names');
    expect(otherRequests).toEqual([]);
  });
});
