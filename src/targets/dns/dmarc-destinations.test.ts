import { describe, expect, it } from 'vitest';
import { authorizationName, mailtoDestinations, organizationalDomain } from './dmarc-destinations.js';

describe('DMARC report destinations', () => {
  it('reads mailto: addresses of rua and ruf, without the size suffix, and skips other schemes', () => {
    expect(mailtoDestinations({ rua: ['mailto:d@Reports.Example.net!10m', 'https://r.example/x'], ruf: ['mailto:f@example.com'] })).toEqual([
      { tag: 'rua', address: 'd@Reports.Example.net', domain: 'reports.example.net' },
      { tag: 'ruf', address: 'f@example.com', domain: 'example.com' },
    ]);
  });

  it('decodes %-escapes, keeps a malformed one as written', () => {
    expect(mailtoDestinations({ rua: ['mailto:dmarc%40x@vendor.example', 'mailto:a%zz@other.example'], ruf: [] }).map((d) => [d.address, d.domain])).toEqual([
      ['dmarc@x@vendor.example', 'vendor.example'],
      ['a%zz@other.example', 'other.example'],
    ]);
  });

  it('needs an authorization only across organisational domains (Public Suffix List)', () => {
    expect(organizationalDomain('mail.shop.co.uk')).toBe('shop.co.uk');
    expect(authorizationName('example.com', 'reports.example.com')).toBeUndefined();
    expect(authorizationName('shop.co.uk', 'other.co.uk')).toBe('shop.co.uk._report._dmarc.other.co.uk');
    expect(authorizationName('Example.com.', 'vendor.example')).toBe('example.com._report._dmarc.vendor.example');
  });
});
