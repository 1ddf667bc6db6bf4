import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { judgeIds } from '../../targets/probe/sequential-ids.js';
import { runLiveCheck } from '../../testing/live-cases.js';
import { routes, startServer, type RunningServer } from '../../testing/http-server.js';
import { nonSequentialIds } from './non-sequential-ids.js';

const json = (body: unknown) => ({ headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('probe/non-sequential-ids', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer(
      routes({
        // A database sequence, newest first, with deletions.
        '/api/orders': json({ data: [120, 119, 117, 116, 115, 112, 111, 110].map((id) => ({ id, total: 10 })), total: 120 }),
        '/api/users': json([...Array(10)].map(() => ({ id: randomUUID(), email: 'x@example.test' }))),
        '/api/invoices': json({ invoices: ['INV-2024-0041', 'INV-2024-0042', 'INV-2024-0043'].map((number) => ({ meta: { number } })) }),
        '/api/posts': json([{ title: 'no ids' }]),
      }),
    );
  });
  afterAll(() => server.close());

  const site = (probe: Record<string, unknown>) => ({ url: server.origin, probes: { idsNotSequential: probe } });

  it('fails on consecutive integer ids, with gaps from deletions', async () => {
    const results = await runLiveCheck(nonSequentialIds, { targets: { sites: [site({ path: '/api/orders' })] } });
    expect(results.map((r) => [r.status, r.message])).toEqual([['fail', `${server.origin}/api/orders: the 8 ids are counter values (110 to 120, a median 1 apart): objects are found by counting`]]);
  });

  it('passes on UUIDs', async () => {
    const results = await runLiveCheck(nonSequentialIds, { targets: { sites: [site({ path: '/api/users' })] } });
    expect(results.map((r) => r.status)).toEqual(['pass']);
    expect(results[0]!.evidence).toMatch(/^10 ids: no common prefix before a number|^10 ids: not integers/);
  });

  it('fails on a shared prefix and a counter, at the id pointer the plan names', async () => {
    const results = await runLiveCheck(nonSequentialIds, { targets: { sites: [site({ path: '/api/invoices', idField: '/meta/number' })] } });
    expect(results.map((r) => [r.status, r.message])).toEqual([['fail', `${server.origin}/api/invoices: the 3 ids are counter values (INV-2024-0041 to INV-2024-0043, a median 1 apart): objects are found by counting`]]);
  });

  it('is an error, not a pass, when the items carry no ids', async () => {
    const results = await runLiveCheck(nonSequentialIds, { targets: { sites: [site({ path: '/api/posts' })] } });
    expect(results.map((r) => r.status)).toEqual(['error']);
    expect(results[0]!.message).toContain('the probe needs at least 2 ids');
  });

  it('judges ids by how far apart neighbours are', () => {
    expect(judgeIds([1, 2, 3]).sequential).toBe(true);
    expect(judgeIds(['41', '17', '23', '30']).sequential).toBe(true);
    // A global sequence shared by all tenants (GitHub's issue ids on one repository's page, from octokit/fixtures): 20-odd apart.
    expect(judgeIds([1308969059, 1308969023, 1308968990]).sequential).toBe(true);
    // Random integers in a space of a million: about one guess in 50,000 hits on a page of 20, and more in the table.
    expect(judgeIds([5, 9911, 48213, 771203]).sequential).toBe(true);
    // Snowflake-style ids (milliseconds in the high bits) and random 32-bit ids: neighbours millions apart.
    expect(judgeIds(['1541815603606036480', '1541815612288528384', '1541815698102484992']).sequential).toBe(false);
    expect(judgeIds([2847561923, 193847562, 3918273645, 1029384756]).sequential).toBe(false);
    expect(judgeIds(['01HV4Z5K8Q3N7W2X9Y6T1R0M5S', '01HV4Z5K8Q3N7W2X9Y6T1R0M5T']).sequential).toBe(false);
    // UUIDs whose last group is all digits: the part before it differs.
    expect(judgeIds(['123e4567-e89b-12d3-a456-426614174000', '223e4567-e89b-12d3-a456-426614174001']).sequential).toBe(false);
    expect(judgeIds([1, 'a', 3]).sequential).toBe(false);
  });
});
