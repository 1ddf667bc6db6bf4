import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headerSites, type HeaderSites } from '../../testing/header-sites.js';
import { runLiveCheck } from '../../testing/live-cases.js';
import { csp } from './csp.js';

describe('http/csp on live responses', () => {
  let server: HeaderSites;
  beforeAll(async () => {
    server = await headerSites({
      strict: { 'content-security-policy': "default-src 'self'; script-src 'nonce-r4nd0m' 'strict-dynamic'; object-src 'none'; base-uri 'none'" },
      'default-none': { 'content-security-policy': "default-src 'none'; base-uri 'self'" },
      missing: {},
      'report-only': { 'content-security-policy-report-only': "default-src 'self'" },
      'no-script-src': { 'content-security-policy': "img-src 'self'; object-src 'none'; base-uri 'none'" },
      'unsafe-inline-eval': { 'content-security-policy': "script-src 'self' 'unsafe-inline' 'unsafe-eval'; object-src 'none'; base-uri 'self'" },
      'wildcard-https': { 'content-security-policy': "default-src 'self' https:; object-src 'none'; base-uri 'self'" },
      'objects-and-base': { 'content-security-policy': "script-src 'self'" },
    });
  });
  afterAll(() => server.close());

  it('reads the policy per directive: script sources, object-src and base-uri', async () => {
    const results = await runLiveCheck(csp, { targets: { sites: server.sites }, ca: server.ca });
    expect(server.byCase(results)).toEqual({
      strict: [],
      'default-none': [],
      missing: ['cspMissing'],
      'report-only': ['cspReportOnly'],
      'no-script-src': ['cspNoScriptSrc'],
      'unsafe-inline-eval': ['cspUnsafeEval', 'cspUnsafeInline'],
      'wildcard-https': ['cspWildcardSource'],
      'objects-and-base': ['cspNoBaseUri', 'cspObjectSrc'],
    });
    expect(results.find((r) => r.messageId === 'cspWildcardSource')!.message).toContain('default-src allows https:');
  });
});
