import { describe, expect, it } from 'vitest';
import type { TlsHandshake } from './handshake.js';
import { isNegotiationFailure, offers } from './protocols.js';

const errorWith = (message: string, code?: string) => Object.assign(new Error(message), code ? { code } : {});
const completed = (protocol: string): TlsHandshake => ({ protocol, authorized: true, authorizationError: undefined, certificate: undefined, ocspStapled: false, privateCa: false });

describe('protocol probing', () => {
  it('tells a refused negotiation from a connection failure', () => {
    expect(isNegotiationFailure(errorWith('error:0A000102:SSL routines:ssl_choose_client_version:unsupported protocol', 'ERR_SSL_UNSUPPORTED_PROTOCOL'))).toBe(true);
    expect(isNegotiationFailure(errorWith('error:0A00042E:SSL routines:ssl3_read_bytes:tlsv1 alert protocol version'))).toBe(true);
    expect(isNegotiationFailure(errorWith('read ECONNRESET', 'ECONNRESET'))).toBe(true);
    expect(isNegotiationFailure(errorWith('Client network socket disconnected before secure TLS connection was established', 'ECONNRESET'))).toBe(true);
    expect(isNegotiationFailure(errorWith('connect ECONNREFUSED 127.0.0.1:9', 'ECONNREFUSED'))).toBe(false);
    expect(isNegotiationFailure(errorWith('TLS handshake with 10.0.0.1:443 timed out after 1000 ms'))).toBe(false);
  });

  it('answers whether exactly that version completes, and rethrows what is not an answer', async () => {
    expect(await offers(async () => completed('TLSv1.3'), 'TLSv1.3')).toBe(true);
    expect(await offers(async () => Promise.reject(errorWith('x', 'ERR_SSL_NO_PROTOCOLS_AVAILABLE')), 'TLSv1')).toBe(false);
    await expect(offers(async () => Promise.reject(errorWith('connect ECONNREFUSED', 'ECONNREFUSED')), 'TLSv1')).rejects.toThrow('ECONNREFUSED');
  });
});
