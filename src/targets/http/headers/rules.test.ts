import { describe, expect, it } from 'vitest';
import { contentTypeOptionsRule } from './content-type-options.js';
import { crossOriginRule } from './cross-origin.js';
import { cspRule, parseCsp } from './csp.js';
import { headerMap } from './finding.js';
import { frameOptionsRule } from './frame-options.js';
import { hstsRule, parseHsts } from './hsts.js';
import { referrerPolicyRule } from './referrer-policy.js';
import { securityHeaderFindings } from './rules.js';
import { serverTokensRule } from './server-tokens.js';
import { xssProtectionRule } from './xss-protection.js';

const h = (headers: Record<string, string>) => headerMap(Object.entries(headers));
const ids = (findings: { messageId: string }[]) => findings.map((finding) => finding.messageId);

describe('hstsRule', () => {
  it('parses directives case-insensitively', () => {
    expect(parseHsts('max-age="63072000"; includeSubdomains;PRELOAD')).toEqual({ maxAge: 63072000, includeSubDomains: true, preload: true });
  });
  it.each([
    [{}, ['hstsMissing']],
    [{ 'Strict-Transport-Security': 'includeSubDomains' }, ['hstsInvalid']],
    [{ 'Strict-Transport-Security': 'max-age=63072000; includeSubDomains; preload' }, []],
    [{ 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' }, ['hstsNoPreload']],
    [{ 'Strict-Transport-Security': 'max-age=300' }, ['hstsShortMaxAge', 'hstsNoSubdomains']],
    [{ 'Strict-Transport-Security': 'max-age=0; includeSubDomains; preload' }, ['hstsShortMaxAge', 'hstsPreloadIneligible']],
  ])('%j → %j', (headers, expected) => {
    expect(ids(hstsRule(h(headers)))).toEqual(expected);
  });
  it('reads the first of several headers, and marks absence', () => {
    const headers = new Map([['strict-transport-security', ['max-age=63072000; includeSubDomains; preload', 'max-age=0']]]);
    expect(hstsRule(headers)).toEqual([]);
    expect(hstsRule(new Map())[0]).toMatchObject({ missing: true, header: 'strict-transport-security', severity: 'medium' });
  });
});

describe('cspRule', () => {
  it('keeps the first occurrence of a directive', () => {
    expect(parseCsp("script-src 'self'; SCRIPT-SRC *; ;object-src 'none'").get('script-src')).toEqual(["'self'"]);
  });
  it.each([
    [{}, ['cspMissing']],
    [{ 'Content-Security-Policy-Report-Only': "default-src 'self'" }, ['cspReportOnly']],
    [{ 'Content-Security-Policy': "default-src 'none'; script-src 'self'; base-uri 'none'" }, []],
    [{ 'Content-Security-Policy': "default-src 'self'; object-src 'none'; base-uri 'self'" }, []],
    [{ 'Content-Security-Policy': "img-src 'self'" }, ['cspNoScriptSrc', 'cspObjectSrc', 'cspNoBaseUri']],
    [
      { 'Content-Security-Policy': "script-src 'self' 'unsafe-inline' 'unsafe-eval' https: *; object-src 'none'; base-uri 'self'" },
      ['cspUnsafeInline', 'cspUnsafeEval', 'cspWildcardSource', 'cspWildcardSource'],
    ],
    [{ 'Content-Security-Policy': "script-src 'nonce-abc' 'unsafe-inline'; object-src 'none'; base-uri 'none'" }, []],
    [{ 'Content-Security-Policy': "default-src 'self' 'unsafe-inline'; base-uri 'none'" }, ['cspUnsafeInline', 'cspObjectSrc']],
  ])('%j → %j', (headers, expected) => {
    expect(ids(cspRule(h(headers)))).toEqual(expected);
  });
});

describe('frameOptionsRule', () => {
  it.each([
    [{}, ['framingAllowed']],
    [{ 'X-Frame-Options': 'deny' }, []],
    [{ 'X-Frame-Options': 'ALLOW-FROM https://a.example' }, ['frameOptionsInvalid']],
    [{ 'Content-Security-Policy': "frame-ancestors 'self'" }, []],
    [{ 'Content-Security-Policy': 'frame-ancestors *', 'X-Frame-Options': 'DENY' }, ['frameAncestorsWildcard']],
  ])('%j → %j', (headers, expected) => {
    expect(ids(frameOptionsRule(h(headers)))).toEqual(expected);
  });
});

describe('the other header families', () => {
  it('X-Content-Type-Options', () => {
    expect(ids(contentTypeOptionsRule(h({})))).toEqual(['nosniffMissing']);
    expect(ids(contentTypeOptionsRule(h({ 'X-Content-Type-Options': 'NoSniff' })))).toEqual([]);
    expect(ids(contentTypeOptionsRule(h({ 'X-Content-Type-Options': 'yes' })))).toEqual(['nosniffInvalid']);
  });
  it('COOP / CORP / COEP', () => {
    expect(ids(crossOriginRule(h({})))).toEqual(['coopMissing', 'corpMissing']);
    expect(ids(crossOriginRule(h({ 'Cross-Origin-Opener-Policy': 'same-origin; report-to="x"', 'Cross-Origin-Resource-Policy': 'same-site' })))).toEqual([]);
    expect(ids(crossOriginRule(h({ 'Cross-Origin-Opener-Policy': 'unsafe-none', 'Cross-Origin-Resource-Policy': 'same', 'Cross-Origin-Embedder-Policy': 'require' })))).toEqual([
      'coopUnsafeNone',
      'corpInvalid',
      'coepInvalid',
    ]);
    expect(ids(crossOriginRule(h({ 'Cross-Origin-Opener-Policy': 'isolate', 'Cross-Origin-Resource-Policy': 'cross-origin' })))).toEqual(['coopInvalid']);
  });
  it('Referrer-Policy: absent is the safe browser default, the last valid token wins', () => {
    expect(ids(referrerPolicyRule(h({})))).toEqual([]);
    expect(ids(referrerPolicyRule(h({ 'Referrer-Policy': 'no-referrer, unsafe-url' })))).toEqual(['referrerPolicyUnsafe']);
    expect(ids(referrerPolicyRule(h({ 'Referrer-Policy': 'no-referrer-when-downgrade' })))).toEqual(['referrerPolicyUnsafe']);
    expect(ids(referrerPolicyRule(h({ 'Referrer-Policy': 'unsafe-url, strict-origin-when-cross-origin, bogus' })))).toEqual([]);
    expect(ids(referrerPolicyRule(h({ 'Referrer-Policy': 'bogus' })))).toEqual(['referrerPolicyInvalid']);
  });
  it('X-XSS-Protection: anything but 0', () => {
    expect(ids(xssProtectionRule(h({ 'X-XSS-Protection': '0' })))).toEqual([]);
    expect(ids(xssProtectionRule(h({ 'X-XSS-Protection': '1; mode=block' })))).toEqual(['xssProtectionEnabled']);
  });
  it('server tokens', () => {
    expect(ids(serverTokensRule(h({ Server: 'nginx' })))).toEqual([]);
    expect(ids(serverTokensRule(h({ Server: 'nginx/1.25.3', 'X-Powered-By': 'Express', 'X-AspNet-Version': '4.0.30319' })))).toEqual(['serverVersion', 'poweredBy', 'poweredBy']);
    expect(serverTokensRule(h({ 'X-Powered-By': 'PHP/8.3' }))[0]!.data).toEqual({ header: 'X-Powered-By', value: 'PHP/8.3' });
  });
  it('an empty value is no header (a static source removing it)', () => {
    expect(ids(serverTokensRule(h({ 'X-Powered-By': '', Server: '' })))).toEqual([]);
  });
});

describe('securityHeaderFindings', () => {
  it('a well-configured response passes every rule', () => {
    const headers = h({
      'Strict-Transport-Security': 'max-age=63072000; includeSubDomains; preload',
      'Content-Security-Policy': "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
      'X-Content-Type-Options': 'nosniff',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
      Server: 'nginx',
    });
    expect(securityHeaderFindings(headers)).toEqual([]);
  });
});
