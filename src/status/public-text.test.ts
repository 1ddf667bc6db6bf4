import { describe, expect, it } from 'vitest';
import { monitorSchema } from '../monitor/schema.js';
import { publicReason, publicTarget } from './public-text.js';

describe('public text', () => {
  it('shows an HTTP target without userinfo, query or fragment', () => {
    const monitor = monitorSchema.parse({ name: 'api', http: { url: 'https://ops:hunter2@api.example.com:8443/health?token=abcdef123456#x' } });
    expect(publicTarget(monitor)).toBe('https://api.example.com:8443/health');
    expect(publicTarget(monitorSchema.parse({ name: 'db', tcp: 'db.internal:5432' }))).toBe('db.internal:5432');
  });

  it('replaces URLs, addresses and host names in reasons unless targets are shown', () => {
    const reasons = [
      'connect ECONNREFUSED 10.0.0.7:5432',
      'getaddrinfo ENOTFOUND db.internal',
      'GET https://admin:pw@api.corp.example/health: timeout after 10s',
      'connect ECONNREFUSED [fd00::5]:443',
    ];
    expect(reasons.map((reason) => publicReason(reason, false))).toEqual([
      'connect ECONNREFUSED [address]',
      'getaddrinfo ENOTFOUND [host]',
      'GET [url]: timeout after 10s',
      'connect ECONNREFUSED [address]',
    ]);
    expect(publicReason('status == 200: got 503', false)).toBe('status == 200: got 503');
    expect(publicReason('timeout after 10s', false)).toBe('timeout after 10s');
    expect(publicReason('getaddrinfo ENOTFOUND db.internal', true)).toBe('getaddrinfo ENOTFOUND db.internal');
  });
});
