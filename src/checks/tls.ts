import { certificateExpiry } from './tls/certificate-expiry.js';
import { certificateSignature } from './tls/certificate-signature.js';
import { certificateTransparency } from './tls/certificate-transparency.js';
import { certificateValid } from './tls/certificate-valid.js';
import { cipherSuites } from './tls/cipher-suites.js';
import { keyStrength } from './tls/key-strength.js';
import { ocspStapling } from './tls/ocsp-stapling.js';
import { protocolVersions } from './tls/protocol-versions.js';
import { renegotiationFallback } from './tls/renegotiation-fallback.js';
import { sessionTicketLifetime } from './tls/session-ticket-lifetime.js';
import { tls13 } from './tls/tls13.js';
import type { AnyCheck } from './define.js';

/** The tls checks: one line per module under src/checks/tls/ (a test holds the list against the folder). */
export const checks: readonly AnyCheck[] = [
  certificateExpiry,
  certificateSignature,
  certificateTransparency,
  certificateValid,
  cipherSuites,
  keyStrength,
  ocspStapling,
  protocolVersions,
  renegotiationFallback,
  sessionTicketLifetime,
  tls13,
];
