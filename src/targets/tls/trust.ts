import { rootCertificates } from 'node:tls';

/**
 * The certificates to trust when a run is given extra CAs (`--ca`, a monitor's `ca`): Node's public roots
 * and those. Node's `ca` option replaces the public roots, so passing the extra CAs alone would make every
 * public site in the same plan fail verification.
 */
export function trustedWith(extra: readonly string[]): string[] {
  return [...rootCertificates, ...extra];
}
