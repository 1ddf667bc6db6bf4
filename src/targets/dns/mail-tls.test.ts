import { describe, expect, it } from 'vitest';
import { isMtaSts, isTlsRpt, parseMtaSts, parseTlsRpt } from './mail-tls.js';

describe('MTA-STS record', () => {
  it('reads a valid record', () => {
    expect(isMtaSts('v=STSv1; id=20160831085700Z;')).toBe(true);
    expect(parseMtaSts('v=STSv1; id=20160831085700Z;')).toEqual({ text: 'v=STSv1; id=20160831085700Z;', errors: [], id: '20160831085700Z' });
  });

  it('reports a missing or malformed id', () => {
    expect(parseMtaSts('v=STSv1;').errors).toEqual(['id= is missing']);
    expect(parseMtaSts('v=STSv1; id=2016-08-31').errors).toEqual(['id=2016-08-31 is not 1 to 32 letters and digits']);
    expect(isMtaSts('v=spf1 -all')).toBe(false);
  });
});

describe('TLS-RPT record', () => {
  it('reads a valid record with two destinations', () => {
    expect(isTlsRpt('v=TLSRPTv1; rua=mailto:tls@example.org,https://reports.example.org/tlsrpt')).toBe(true);
    expect(parseTlsRpt('v=TLSRPTv1; rua=mailto:tls@example.org,https://reports.example.org/tlsrpt').rua).toEqual(['mailto:tls@example.org', 'https://reports.example.org/tlsrpt']);
  });

  it('reports a missing or malformed rua', () => {
    expect(parseTlsRpt('v=TLSRPTv1;').errors).toEqual(['rua= is missing']);
    expect(parseTlsRpt('v=TLSRPTv1; rua=tls@example.org').errors).toEqual(['rua: "tls@example.org" is not a mailto: or https: URI']);
  });
});
