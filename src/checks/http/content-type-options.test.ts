import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headerSites, type HeaderSites } from '../../testing/header-sites.js';
import { runLiveCheck } from '../../testing/live-cases.js';
import { contentTypeOptions } from './content-type-options.js';

describe('http/content-type-options on live responses', () => {
  let server: HeaderSites;
  beforeAll(async () => {
    server = await headerSites({
      nosniff: { 'x-content-type-options': 'nosniff' },
      'nosniff-upper': { 'X-Content-Type-Options': ' NoSniff ' },
      missing: {},
      wrong: { 'x-content-type-options': 'sniff-please' },
    });
  });
  afterAll(() => server.close());

  it('passes nosniff in any case and reports a missing or wrong value with the header as evidence', async () => {
    const results = await runLiveCheck(contentTypeOptions, { targets: { sites: server.sites }, ca: server.ca });
    expect(server.byCase(results)).toEqual({ nosniff: [], 'nosniff-upper': [], missing: ['nosniffMissing'], wrong: ['nosniffInvalid'] });
    const wrong = results.find((r) => r.messageId === 'nosniffInvalid')!;
    expect(wrong.location).toEqual({ kind: 'url', url: `${server.origin}/wrong` });
    expect(wrong.evidence).toBe('X-Content-Type-Options: sniff-please');
    expect(results.find((r) => r.messageId === 'nosniffMissing')!.evidence).toBe('X-Content-Type-Options: (absent)');
  });
});
