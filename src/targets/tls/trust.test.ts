import { rootCertificates } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { trustedWith } from './trust.js';

describe('trustedWith', () => {
  it('adds the extra CAs to the public roots, never replaces them', () => {
    const trusted = trustedWith(['-----BEGIN CERTIFICATE-----\nlocal\n-----END CERTIFICATE-----']);
    expect(trusted).toHaveLength(rootCertificates.length + 1);
    expect(trusted).toEqual(expect.arrayContaining([...rootCertificates]));
  });
});
