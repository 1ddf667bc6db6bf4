import type { Claim } from '../../../claim.js';
import type { SecurityHeaderMessageId } from './rules.js';

/**
 * What a plan item claims about a browser security header, whoever sends it (a live
 * response, a Traefik middleware, an nginx server): the checks that apply the header rules
 * share these claims, scoped to each header's messages.
 */
export const SECURITY_HEADER_CLAIMS: readonly Claim<SecurityHeaderMessageId>[] = [
  {
    about: 'HSTS',
    names: ['HSTS', 'Strict-Transport-Security', 'Strict Transport Security', 'stsSeconds', 'stsIncludeSubdomains', 'stsPreload', ['preload', 'hstspreload']],
    messages: ['hstsMissing', 'hstsInvalid', 'hstsShortMaxAge', 'hstsNoSubdomains', 'hstsNoPreload', 'hstsPreloadIneligible'],
  },
  {
    about: 'Content-Security-Policy',
    names: ['CSP', 'Content-Security-Policy', 'Content Security Policy', 'contentSecurityPolicy', 'unsafe-inline', 'unsafe-eval', 'object-src', 'base-uri', 'script-src'],
    messages: ['cspMissing', 'cspReportOnly', 'cspNoScriptSrc', 'cspUnsafeInline', 'cspUnsafeEval', 'cspWildcardSource', 'cspObjectSrc', 'cspNoBaseUri'],
  },
  {
    about: 'framing (clickjacking)',
    names: ['X-Frame-Options', 'clickjacking', 'frame-ancestors', 'frameDeny', 'customFrameOptionsValue', ['framed', 'page'], ['iframe', 'embed*']],
    messages: ['framingAllowed', 'frameOptionsInvalid', 'frameAncestorsWildcard'],
  },
  {
    about: 'nosniff',
    names: ['X-Content-Type-Options', 'nosniff', 'contentTypeNosniff', 'MIME sniffing'],
    messages: ['nosniffMissing', 'nosniffInvalid'],
  },
  {
    about: 'cross-origin isolation headers',
    names: ['COOP', 'COEP', 'CORP', 'Cross-Origin-Opener-Policy', 'Cross-Origin-Resource-Policy', 'Cross-Origin-Embedder-Policy', 'cross-origin isolation', 'cross-origin headers'],
    messages: ['coopMissing', 'coopInvalid', 'coopUnsafeNone', 'corpMissing', 'corpInvalid', 'coepInvalid'],
  },
  {
    about: 'Referrer-Policy',
    names: ['Referrer-Policy', 'referrerPolicy', ['referrer', 'leak*'], ['referer', 'leak*']],
    messages: ['referrerPolicyUnsafe', 'referrerPolicyInvalid'],
  },
  {
    about: 'deprecated X-XSS-Protection',
    names: ['X-XSS-Protection', 'browserXssFilter', 'XSS filter', 'XSS auditor'],
    messages: ['xssProtectionEnabled'],
  },
  {
    about: 'version banners',
    names: ['X-Powered-By', 'server_tokens', 'version banner', 'server banner', ['server', 'version', 'header'], ['framework', 'leak*'], ['version', 'disclos*'], ['version', 'leak*']],
    messages: ['serverVersion', 'poweredBy'],
  },
];
