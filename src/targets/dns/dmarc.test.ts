import { describe, expect, it } from 'vitest';
import { isDmarc, parseDmarc } from './dmarc.js';

describe('parseDmarc', () => {
  it('reads a strict record', () => {
    const record = parseDmarc('v=DMARC1; p=reject; sp=quarantine; pct=100; rua=mailto:dmarc@example.org,mailto:x@example.net!10m; adkim=s; aspf=s');
    expect(record).toMatchObject({ policy: 'reject', subdomainPolicy: 'quarantine', subdomainPolicyExplicit: true, pct: 100, adkim: 's', aspf: 's', errors: [] });
    expect(record.rua).toEqual(['mailto:dmarc@example.org', 'mailto:x@example.net!10m']);
  });

  it('applies the defaults of absent tags', () => {
    expect(parseDmarc('v=DMARC1; p=quarantine')).toMatchObject({ subdomainPolicy: 'quarantine', subdomainPolicyExplicit: false, pct: 100, rua: [], adkim: 'r', aspf: 'r', errors: [] });
  });

  it('recognises DMARC records by their version tag', () => {
    expect(isDmarc('v=DMARC1; p=none')).toBe(true);
    expect(isDmarc('v=DMARC1')).toBe(true);
    expect(isDmarc('v=spf1 -all')).toBe(false);
  });

  it('reports syntax errors', () => {
    expect(parseDmarc('v=DMARC1; p=block').errors).toEqual(['p=block is not none, quarantine or reject']);
    expect(parseDmarc('v=DMARC1; p=reject; pct=150').errors).toEqual(['pct=150 is not an integer from 0 to 100']);
    expect(parseDmarc('v=DMARC1; p=reject; adkim=x').errors).toEqual(['adkim=x is not r or s']);
    expect(parseDmarc('v=DMARC1; p=reject; p=none').errors).toEqual(['tag "p" appears more than once']);
    expect(parseDmarc('v=DMARC1; p=reject; rua=dmarc@example.org').errors).toEqual(['rua: "dmarc@example.org" is not a URI']);
    expect(parseDmarc('p=reject; v=DMARC1').errors).toContain('the record must start with v=DMARC1');
    expect(parseDmarc('v=DMARC1; p=reject; garbage').errors).toEqual(['"garbage" is not tag=value (element 3)']);
  });

  it('treats a record without p= but with rua as p=none (RFC 7489 §6.6.3)', () => {
    const record = parseDmarc('v=DMARC1; rua=mailto:d@example.org');
    expect(record.policy).toBe('none');
    expect(record.errors).toContain('p= is missing');
  });
});
