import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headerSites, type HeaderSites } from '../../testing/header-sites.js';
import { runLiveCheck } from '../../testing/live-cases.js';
import { frameOptions } from './frame-options.js';

describe('http/frame-options on live responses', () => {
  let server: HeaderSites;
  beforeAll(async () => {
    server = await headerSites({
      deny: { 'x-frame-options': 'DENY' },
      sameorigin: { 'x-frame-options': 'sameorigin' },
      'frame-ancestors': { 'content-security-policy': "default-src 'self'; frame-ancestors 'none'" },
      'ancestors-beat-xfo': { 'content-security-policy': "frame-ancestors 'self'", 'x-frame-options': 'ALLOW-FROM https://x.test' },
      none: {},
      'allow-from': { 'x-frame-options': 'ALLOW-FROM https://partner.test' },
      'ancestors-wildcard': { 'content-security-policy': 'frame-ancestors *', 'x-frame-options': 'DENY' },
    });
  });
  afterAll(() => server.close());

  it('accepts DENY, SAMEORIGIN or frame-ancestors (which overrides X-Frame-Options), and nothing else', async () => {
    const results = await runLiveCheck(frameOptions, { targets: { sites: server.sites }, ca: server.ca });
    expect(server.byCase(results)).toEqual({
      deny: [],
      sameorigin: [],
      'frame-ancestors': [],
      'ancestors-beat-xfo': [],
      none: ['framingAllowed'],
      'allow-from': ['frameOptionsInvalid'],
      'ancestors-wildcard': ['frameAncestorsWildcard'],
    });
  });
});
