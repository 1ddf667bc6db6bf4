import type { SecureVersion } from 'node:tls';
import type { TlsHandshake } from './handshake.js';

/** Display names of the protocol versions a handshake can be pinned to. */
export const PROTOCOL_NAMES: Record<SecureVersion, string> = {
  TLSv1: 'TLS 1.0',
  'TLSv1.1': 'TLS 1.1',
  'TLSv1.2': 'TLS 1.2',
  'TLSv1.3': 'TLS 1.3',
};

/**
 * A handshake failure that means "this version is not offered": the server (or our
 * OpenSSL) declined during negotiation, or the server hung up on a hello it would not
 * take. Connection-level failures (refused, unreachable, timeout) are not an answer
 * and are rethrown by {@link offers}.
 */
export function isNegotiationFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (code.startsWith('ERR_SSL_')) return true;
  if (code === 'ECONNRESET' || code === 'EPIPE') return true;
  if (error.message.includes('SSL routines')) return true;
  // The peer closed before the handshake completed, as some stacks do on an unsupported version.
  return /socket disconnected before secure TLS connection was established/i.test(error.message);
}

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
