import type { Claim } from '../../claim.js';

/**
 * "Plain http redirects to https", however it is enforced: measured live (http/redirects)
 * and where an ingress decides it (an ingress-nginx annotation, a Traefik entry point).
 */
export const HTTPS_REDIRECT_NAMES: Claim['names'] = [
  'HTTP to HTTPS',
  'HTTP->HTTPS',
  'force HTTPS',
  'forced HTTPS',
  'enforce HTTPS',
  'HTTPS-only',
  'HTTPS redirect*',
  'SSL redirect*',
  'SSL stripping',
  ['redirect*', 'HTTPS'],
  ['plain HTTP', 'redirect*'],
];
