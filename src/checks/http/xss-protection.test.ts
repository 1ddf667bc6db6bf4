import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headerSites, type HeaderSites } from '../../testing/header-sites.js';
import { runLiveCheck } from '../../testing/live-cases.js';
import { xssProtection } from './xss-protection.js';

describe('http/xss-protection on live responses', () => {
  let server: HeaderSites;
  beforeAll(async () => {
    server = await headerSites({ absent: {}, zero: { 'x-xss-protection': '0' }, block: { 'x-xss-protection': '1; mode=block' }, on: { 'x-xss-protection': '1' } });
  });
  afterAll(() => server.close());

  it('accepts no header or 0 and reports the auditor switched on', async () => {
    const results = await runLiveCheck(xssProtection, { targets: { sites: server.sites }, ca: server.ca });
    expect(server.byCase(results)).toEqual({ absent: [], zero: [], block: ['xssProtectionEnabled'], on: ['xssProtectionEnabled'] });
    expect(results.find((r) => r.target.endsWith('/block'))!.evidence).toBe('X-Xss-Protection: 1; mode=block');
  });
});
