/**
 * Headers on every response: harden's own http checks and an Observatory-style grade of A+
 * hold `harden serve` to them (the dogfood test). No Server or X-Powered-By header, so no
 * version leaks.
 */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
/** Pages that load harden's served scripts, which fetch the page again to refresh it: scripts and fetches from 'self' only. */
export const SCRIPTED_PAGE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export function securityHeaders({ https, crossOrigin = false }: { https: boolean; crossOrigin?: boolean }): Record<string, string> {
  return {
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    // Badges are embedded by other sites (README images); everything else stays same-origin.
    'cross-origin-resource-policy': crossOrigin ? 'cross-origin' : 'same-origin',
    'cross-origin-embedder-policy': 'require-corp',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
    'x-xss-protection': '0',
    // Two years, subdomains and preload: what the browsers' preload list asks for; the header alone submits nothing.
    ...(https ? { 'strict-transport-security': 'max-age=63072000; includeSubDomains; preload' } : {}),
  };
}
