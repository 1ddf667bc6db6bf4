import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/testing/http-server.js';
import { hardenAsync, tree } from './cli.js';

/** Issue 9, defect 24: a live scan follows redirects only to report them; it probes only the origins the plan names. */
describe('live scan of a site that redirects to another port of its host', () => {
  let planned: RunningServer;
  let other: RunningServer;
  const reached: string[] = [];
  beforeAll(async () => {
    other = await startServer((request, response) => {
      reached.push(`${request.method} ${request.url}`);
      response.writeHead(200, { 'content-type': 'text/plain' }).end('Contact: mailto:x@example.com\n');
    });
    planned = await startServer((request, response) => response.writeHead(301, { location: `${other.origin}${request.url}` }).end());
  });
  afterAll(async () => {
    await planned.close();
    await other.close();
  });

  it('never requests the other port, and says which redirect it did not follow', async () => {
    const dir = tree({});
    writeFileSync(join(dir, 'harden.yaml'), `version: 1\ntargets:\n  sites: ["${planned.origin}/"]\n`);
    const run = await hardenAsync(['scan', dir, '--only', 'http', '--timeout', '3000', '--fail-on', 'none']);
    expect(run.signal).toBeNull();
    expect([0, 1]).toContain(run.code);
    expect(reached).toEqual([]);
    expect(run.stdout).toContain(`${planned.origin}/  redirect to ${other.origin}/ not followed: not an origin the plan names`);
    expect(run.stdout).toContain(`${planned.origin}/.well-known/security.txt  redirect to ${other.origin}/.well-known/security.txt not followed`);
  });
});
