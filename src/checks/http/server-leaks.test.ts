import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headerSites, type HeaderSites } from '../../testing/header-sites.js';
import { runLiveCheck } from '../../testing/live-cases.js';
import { serverLeaks } from './server-leaks.js';

describe('http/server-leaks on live responses', () => {
  let server: HeaderSites;
  beforeAll(async () => {
    server = await headerSites({
      'bare-name': { server: 'nginx' },
      'nginx-version': { server: 'nginx/1.25.3' },
      'apache-version': { server: 'Apache/2.4.58 (Debian)' },
      'powered-by': { 'x-powered-by': 'Express' },
      both: { server: 'Microsoft-IIS/10.0', 'x-aspnet-version': '4.0.30319' },
    });
  });
  afterAll(() => server.close());

  it('accepts a product name and reports versions and X-Powered-By style headers', async () => {
    const results = await runLiveCheck(serverLeaks, { targets: { sites: server.sites }, ca: server.ca });
    expect(server.byCase(results)).toEqual({
      'bare-name': [],
      'nginx-version': ['serverVersion'],
      'apache-version': ['serverVersion'],
      'powered-by': ['poweredBy'],
      both: ['poweredBy', 'serverVersion'],
    });
    expect(results.find((r) => r.messageId === 'poweredBy' && r.target.endsWith('/powered-by'))!.message).toContain('X-Powered-By "Express"');
  });
});
