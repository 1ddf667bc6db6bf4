import { describe, expect, it } from 'vitest';
import { mxMatches, parseMtaStsPolicy } from './mta-sts-policy.js';

describe('MTA-STS policy file', () => {
  it('reads version, mode, max_age and every mx line (CRLF or LF)', () => {
    expect(parseMtaStsPolicy('version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\nmx: *.Example.net\r\nmax_age: 604800\r\n')).toEqual({
      version: 'STSv1',
      mode: 'enforce',
      maxAge: 604800,
      mx: ['mail.example.com', '*.example.net'],
      errors: [],
    });
  });

  it('reads a policy saved with a byte-order mark, and mx names with a trailing dot', () => {
    expect(parseMtaStsPolicy('\uFEFFversion: STSv1\nmode: enforce\nmx: mail.example.com.\nmax_age: 86400\n')).toMatchObject({ version: 'STSv1', mx: ['mail.example.com'], errors: [] });
  });

  it('reports a wrong version, an unknown mode, a bad max_age and no mx', () => {
    expect(parseMtaStsPolicy('version: STSv2\nmode: strict\nmax_age: forever\n').errors).toEqual([
      'version: STSv2 is not STSv1',
      'mode: strict is not enforce, testing or none',
      'max_age: forever is not a number of seconds up to 31557600',
      'no mx: line: the policy names no MX host',
    ]);
  });

  it('matches a wildcard against exactly one label', () => {
    expect(mxMatches('*.example.net', 'mx1.example.net.')).toBe(true);
    expect(mxMatches('*.example.net', 'a.b.example.net')).toBe(false);
    expect(mxMatches('*.example.net', 'example.net')).toBe(false);
    expect(mxMatches('mail.example.com', 'MAIL.example.com')).toBe(true);
  });
});
