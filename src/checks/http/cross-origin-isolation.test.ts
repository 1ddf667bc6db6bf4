import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headerSites, type HeaderSites } from '../../testing/header-sites.js';
import { runLiveCheck } from '../../testing/live-cases.js';
import { crossOriginIsolation } from './cross-origin-isolation.js';

describe('http/cross-origin-isolation on live responses', () => {
  let server: HeaderSites;
  beforeAll(async () => {
    server = await headerSites({
      isolated: { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-resource-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' },
      'popups-same-site': { 'cross-origin-opener-policy': 'same-origin-allow-popups; report-to="coop"', 'cross-origin-resource-policy': 'same-site' },
      none: {},
      'unsafe-none': { 'cross-origin-opener-policy': 'unsafe-none', 'cross-origin-resource-policy': 'cross-origin' },
      invalid: { 'cross-origin-opener-policy': 'isolate', 'cross-origin-resource-policy': 'anyone', 'cross-origin-embedder-policy': 'require-everything' },
    });
  });
  afterAll(() => server.close());

  it('wants COOP and CORP, treats COEP as opt-in and reports invalid values', async () => {
    const results = await runLiveCheck(crossOriginIsolation, { targets: { sites: server.sites }, ca: server.ca });
    expect(server.byCase(results)).toEqual({
      isolated: [],
      'popups-same-site': [],
      none: ['coopMissing', 'corpMissing'],
      'unsafe-none': ['coopUnsafeNone'],
      invalid: ['coepInvalid', 'coopInvalid', 'corpInvalid'],
    });
  });
});
