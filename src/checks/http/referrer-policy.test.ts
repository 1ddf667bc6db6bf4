import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headerSites, type HeaderSites } from '../../testing/header-sites.js';
import { runLiveCheck } from '../../testing/live-cases.js';
import { referrerPolicy } from './referrer-policy.js';

describe('http/referrer-policy on live responses', () => {
  let server: HeaderSites;
  beforeAll(async () => {
    server = await headerSites({
      strict: { 'referrer-policy': 'strict-origin-when-cross-origin' },
      'fallback-list': { 'referrer-policy': 'unsafe-url, no-referrer' },
      absent: {},
      'unsafe-url': { 'referrer-policy': 'unsafe-url' },
      'last-valid-wins': { 'referrer-policy': 'no-referrer, no-referrer-when-downgrade, bogus' },
      invalid: { 'referrer-policy': 'private-please' },
    });
  });
  afterAll(() => server.close());

  it('takes the last valid token, accepts an absent header (the browser default is safe) and reports leaking policies', async () => {
    const results = await runLiveCheck(referrerPolicy, { targets: { sites: server.sites }, ca: server.ca });
    expect(server.byCase(results)).toEqual({
      strict: [],
      'fallback-list': [],
      absent: [],
      'unsafe-url': ['referrerPolicyUnsafe'],
      'last-valid-wins': ['referrerPolicyUnsafe'],
      invalid: ['referrerPolicyInvalid'],
    });
  });
});
