import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Store } from '../../monitor/store.js';
import { planSchema } from '../../plan/schema.js';
import { authStoreOf } from '../../store/auth.js';
import { openStore } from '../../store/open.js';
import { startStatusServer, type RunningStatusServer } from '../server.js';
import { LoginLimiter } from './rate-limit.js';
import { ServerAuth } from './server-auth.js';

const COST = { memoryCost: 4096, timeCost: 2, parallelism: 1 };
const dir = mkdtempSync(join(tmpdir(), 'harden-proxies-'));
let store: Store;
let clock = Date.parse('2026-12-07T12:00:00Z');
const servers: Record<'behindProxy' | 'direct', RunningStatusServer> = {} as never;

beforeAll(async () => {
  store = await openStore({ sqlite: join(dir, 'harden.db') });
  await store.migrate();
  const auth = authStoreOf(store);
  const plan = planSchema.parse({ monitors: [], serve: { trustedProxies: ['127.0.0.1', '10.0.0.0/8'] } });
  const limiter = () => new LoginLimiter(auth, { perUser: 50, perClient: 3, windowMs: 60_000 });
  servers.behindProxy = await startStatusServer({ listen: '127.0.0.1:0', store, plan: () => plan, auth: new ServerAuth({ store: auth, now: () => clock, cost: COST, limiter: limiter(), trustedProxies: plan.serve.trustedProxies! }) });
  servers.direct = await startStatusServer({ listen: '127.0.0.1:0', store, plan: () => plan, auth: new ServerAuth({ store: auth, now: () => clock, cost: COST, limiter: limiter() }) });
});

afterAll(async () => {
  await Promise.all(Object.values(servers).map((server) => server.close()));
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function failedSignIn(server: RunningStatusServer, user: string, forwardedFor: string): Promise<number> {
  const form = await fetch(`${server.url}/login`);
  const nonce = /^__Host-harden-login=([^;]*)/.exec(form.headers.get('set-cookie') ?? '')![1]!;
  const csrf = /name="csrf" value="([^"]+)"/.exec(await form.text())![1]!;
  const reply = await fetch(`${server.url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `__Host-harden-login=${nonce}`, 'x-forwarded-for': forwardedFor },
    body: new URLSearchParams({ csrf, user, password: 'wrong password', next: '/' }).toString(),
  });
  return reply.status;
}

it('behind trusted proxies, failed sign-ins are counted per forwarded client; a client cannot pick its own address; without them, per peer', async () => {
  // Three failures from one client through the proxy lock that client out, not the next one behind the same proxy.
  for (const user of ['a', 'b', 'c']) expect(await failedSignIn(servers.behindProxy, user, '203.0.113.9')).toBe(401);
  expect(await failedSignIn(servers.behindProxy, 'd', '203.0.113.9')).toBe(429);
  expect(await failedSignIn(servers.behindProxy, 'd', '198.51.100.20, 10.1.2.3')).toBe(401);
  // Prepending an address of its choice changes nothing: the proxy appended the real one.
  expect(await failedSignIn(servers.behindProxy, 'e', '192.0.2.1, 203.0.113.9')).toBe(429);
  clock += 61_000;
  // Not trusted: X-Forwarded-For is ignored, every failure is the peer's (127.0.0.1).
  for (const [user, client] of [['f', '192.0.2.10'], ['g', '192.0.2.11'], ['h', '192.0.2.12']]) expect(await failedSignIn(servers.direct, user!, client!)).toBe(401);
  expect(await failedSignIn(servers.direct, 'i', '192.0.2.13')).toBe(429);
});

it('the plan names proxies by range name or CIDR, and refuses anything else with its place', () => {
  expect(planSchema.parse({ serve: { trustedProxies: 'cloudflare' } }).serve.trustedProxies).toContain('173.245.48.0/20');
  const refused = planSchema.safeParse({ serve: { trustedProxies: ['10.0.0.0/8', 'my-lb'] } });
  expect(refused.success).toBe(false);
  expect(refused.error?.issues[0]).toMatchObject({ path: ['serve', 'trustedProxies', 1], message: expect.stringContaining('"my-lb" is neither a CIDR nor a known range name') });
});
