import type { SecureVersion } from 'node:tls';
import { isNegotiationFailure, type TlsHandshake } from './handshake.js';

export { isNegotiationFailure };

/** Display names of the protocol versions a handshake can be pinned to. */
export const PROTOCOL_NAMES: Record<SecureVersion, string> = {
  TLSv1: 'TLS 1.0',
  'TLSv1.1': 'TLS 1.1',
  'TLSv1.2': 'TLS 1.2',
  'TLSv1.3': 'TLS 1.3',
};

/** Whether the endpoint completes a handshake pinned to exactly this version. */
export async function offers(handshake: (versions: { minVersion: SecureVersion; maxVersion: SecureVersion }) => Promise<TlsHandshake>, version: SecureVersion): Promise<boolean> {
  try {
    const result = await handshake({ minVersion: version, maxVersion: version });
    return result.protocol === version;
  } catch (error) {
    if (isNegotiationFailure(error)) return false;
    throw error;
  }
}
