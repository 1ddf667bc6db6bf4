import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../monitor/store.js';
import { planSchema } from '../../plan/schema.js';
import { authStoreOf } from '../../store/auth.js';
import { openStore, type StoreOptions } from '../../store/open.js';
import { createPostgresDatabase } from '../../store/postgres.js';
import { ensureServices, startPostgres, type RunningService } from '../../testing/services.js';
import { startStatusServer, type RunningStatusServer } from '../server.js';
import { addUser, enrollTotp } from './accounts.js';
import { LoginLimiter } from './rate-limit.js';
import { ServerAuth } from './server-auth.js';
import { totpCode } from './totp.js';

const COST = { memoryCost: 4096, timeCost: 2, parallelism: 1 };
const PASSWORD = 'correct horse battery';
const T0 = Date.parse('2026-12-07T12:00:00Z');

const dir = mkdtempSync(join(tmpdir(), 'harden-shared-limit-'));
let postgres: RunningService | undefined;

// Two harden serve processes on one database: each server here has a connection of its own.
const engines: { name: string; setup(): Promise<StoreOptions>; teardown(): Promise<void> }[] = [
  { name: 'SQLite', setup: async () => ({ sqlite: join(dir, 'harden.db') }), teardown: async () => rmSync(dir, { recursive: true, force: true }) },
  {
    name: 'PostgreSQL',
    setup: async () => {
      ensureServices();
      postgres = await startPostgres({ auth: 'trust' });
      return { postgres: await createPostgresDatabase(`postgres://postgres@127.0.0.1:${postgres.port}/postgres`, 'shared_limit') };
    },
    teardown: async () => postgres?.close(),
  },
];

describe.each(engines)('sign-in shared by two servers on one $name database', (engine) => {
  let clock = T0;
  const stores: Store[] = [];
  const servers: RunningStatusServer[] = [];

  beforeAll(async () => {
    const options = await engine.setup();
    for (let i = 0; i < 2; i++) {
      const store = await openStore(options);
      stores.push(store);
      await store.migrate();
      const auth = authStoreOf(store);
      if (i === 0) for (const name of ['ada', 'bob', 'cy', 'dee']) expect(await addUser(auth, { name, role: 'viewer', password: PASSWORD, at: clock, cost: COST })).toBeUndefined();
      const serverAuth = new ServerAuth({ store: auth, now: () => clock, cost: COST, limiter: new LoginLimiter(auth, { perUser: 4, perClient: 7, windowMs: 60_000 }) });
      const plan = planSchema.parse({ monitors: [] });
      servers.push(await startStatusServer({ listen: '127.0.0.1:0', store, plan: () => plan, auth: serverAuth }));
    }
  }, 120_000);

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
    await Promise.all(stores.map((store) => store.close()));
    await engine.teardown();
  }, 60_000);

  const post = (server: RunningStatusServer, path: string, fields: Record<string, string>, cookie: string) =>
    fetch(`${server.url}${path}`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie }, body: new URLSearchParams(fields).toString() });

  async function signIn(server: RunningStatusServer, user: string, password: string): Promise<Response> {
    const form = await fetch(`${server.url}/login`);
    const nonce = /^__Host-harden-login=([^;]*)/.exec(form.headers.get('set-cookie') ?? '')![1]!;
    const csrf = /name="csrf" value="([^"]+)"/.exec(await form.text())![1]!;
    return post(server, '/login', { csrf, user, password, next: '/' }, `__Host-harden-login=${nonce}`);
  }

  /** The password on `server`, then the code on the same server: the status of the code's POST. */
  async function withCode(server: RunningStatusServer, code: string): Promise<number> {
    const first = await signIn(server, 'dee', PASSWORD);
    const pending = `__Host-harden-session=${/^__Host-harden-session=([^;]*)/.exec(first.headers.get('set-cookie') ?? '')![1]!}`;
    const page = await (await fetch(`${server.url}/login`, { headers: { cookie: pending } })).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)![1]!;
    return (await post(server, '/login/totp', { csrf, code, next: '/' }, pending)).status;
  }

  it('counts a user\'s failures on either server against both, and a success on one clears them for both', async () => {
    const [a, b] = [servers[0]!, servers[1]!];
    for (const server of [a, b, a, b]) expect((await signIn(server, 'ada', 'wrong password')).status).toBe(401);
    for (const server of [a, b]) {
      const locked = await signIn(server, 'ada', PASSWORD);
      expect(locked.status).toBe(429);
      expect(locked.headers.get('retry-after')).toBe('60');
    }
    clock += 30_000;
    expect((await signIn(b, 'ada', PASSWORD)).headers.get('retry-after')).toBe('30');
    clock += 30_000;
    expect((await signIn(b, 'ada', PASSWORD)).status).toBe(303);
    // The success on b cleared the user's failures for a too; the client's 4 still count.
    for (const server of [a, b, a]) expect((await signIn(server, 'ada', 'wrong password')).status).toBe(401);
    expect((await signIn(a, 'bob', PASSWORD)).status).toBe(303);
  });

  it('counts a client\'s failures over every user name across both servers', async () => {
    clock += 61_000;
    const names = ['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7'];
    for (const [i, name] of names.entries()) expect((await signIn(servers[i % 2]!, name, 'guess')).status).toBe(401);
    for (const server of servers) expect((await signIn(server, 'bob', PASSWORD)).status).toBe(429);
  });

  it('lets no more than the limit through when wrong passwords arrive at both servers at once', async () => {
    clock += 61_000;
    const statuses = await Promise.all(Array.from({ length: 10 }, (_, i) => signIn(servers[i % 2]!, 'cy', 'wrong password').then((response) => response.status)));
    expect(statuses.filter((status) => status === 401)).toHaveLength(4);
    expect(statuses.filter((status) => status === 429)).toHaveLength(6);
  });

  it('accepts a TOTP code once across both servers', async () => {
    clock += 61_000;
    const secret = new URL((await enrollTotp(authStoreOf(stores[0]!), 'dee'))!).searchParams.get('secret')!;
    expect(await withCode(servers[0]!, totpCode(secret, clock))).toBe(303);
    expect(await withCode(servers[1]!, totpCode(secret, clock))).toBe(401);
    expect(await withCode(servers[1]!, totpCode(secret, clock + 30_000))).toBe(303);
  });
});
