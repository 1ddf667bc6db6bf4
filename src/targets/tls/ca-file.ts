import { X509Certificate } from 'node:crypto';

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** Each PEM certificate of a CA file's text, in order (a --ca file may hold a bundle). */
export function pemCertificates(text: string): string[] {
  return text.match(PEM_CERTIFICATE) ?? [];
}

/**
 * What is wrong with the text of a file given as trusted CA certificates; undefined when it
 * holds at least one PEM certificate and every one parses. A key, a DER file or an empty file
 * would otherwise be trusted as nothing, silently.
 */
export function caFileProblem(text: string): string | undefined {
  const certificates = pemCertificates(text);
  if (certificates.length === 0) return 'it holds no PEM certificate (-----BEGIN CERTIFICATE-----)';
  for (const [i, pem] of certificates.entries()) {
    try {
      new X509Certificate(pem);
    } catch {
      return `its certificate ${i + 1} of ${certificates.length} does not parse`;
    }
  }
  return undefined;
}
