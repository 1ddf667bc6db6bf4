import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createLocalCa } from '../../testing/local-ca.js';
import { ocspResponse } from '../../testing/ocsp.js';
import { parseOcspResponse } from './ocsp-response.js';
import { normalSerial, stapleVerdict } from './staple.js';

const ca = await createLocalCa();
const leaf = await ca.issue();
const other = await ca.issue();
const serial = new X509Certificate(leaf.cert).serialNumber;
const DAY = 86_400_000;

describe('OCSP responses made by openssl ocsp', () => {
  it('reads the status, serial and update window of good, revoked and unknown responses', () => {
    const good = parseOcspResponse(ocspResponse(ca, leaf.cert, 'good'));
    expect(good.responseStatus).toBe('successful');
    expect(good.responses).toHaveLength(1);
    expect(good.responses[0]).toMatchObject({ serial: normalSerial(serial), certStatus: 'good' });
    expect(good.responses[0]!.nextUpdate!.getTime() - good.responses[0]!.thisUpdate.getTime()).toBe(DAY);
    const revoked = parseOcspResponse(ocspResponse(ca, leaf.cert, 'revoked', new Date('2026-01-02T03:04:05Z')));
    expect(revoked.responses[0]).toMatchObject({ certStatus: 'revoked', revokedAt: new Date('2026-01-02T03:04:05Z') });
    expect(parseOcspResponse(ocspResponse(ca, leaf.cert, 'unknown')).responses[0]!.certStatus).toBe('unknown');
  });

  it('judges a staple for the certificate it came with', () => {
    expect(stapleVerdict(ocspResponse(ca, leaf.cert, 'good'), serial).state).toBe('good');
    const revoked = stapleVerdict(ocspResponse(ca, leaf.cert, 'revoked'), serial);
    expect([revoked.state, revoked.revokedAt]).toEqual(['revoked', new Date('2026-01-02T03:04:05Z')]);
    expect(revoked.detail).toMatch(/^certStatus revoked at 2026-01-02T03:04:05.000Z; thisUpdate .*, nextUpdate /);
    expect(stapleVerdict(ocspResponse(ca, leaf.cert, 'unknown'), serial).state).toBe('unknown');
    expect(stapleVerdict(ocspResponse(ca, other.cert, 'good'), serial).state).toBe('otherCertificate');
    expect(stapleVerdict(ocspResponse(ca, leaf.cert, 'good'), serial, new Date(Date.now() + 2 * DAY)).state).toBe('expired');
  });

  it('tells an unsuccessful response and bytes that are no OCSP response apart', () => {
    // OCSPResponse { responseStatus tryLater(3) }, no responseBytes.
    expect(stapleVerdict(Buffer.from('30030a0103', 'hex'), serial)).toEqual({ state: 'unsuccessful', detail: 'responseStatus tryLater' });
    expect(stapleVerdict(Buffer.from('stapled OCSP response'), serial).state).toBe('unreadable');
    expect(stapleVerdict(Buffer.from('3005', 'hex'), serial).state).toBe('unreadable');
  });
});
