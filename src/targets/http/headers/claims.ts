import type { Claim } from '../../../claim.js';
import type { ContentTypeOptionsMessageId } from './content-type-options.js';
import type { CrossOriginMessageId } from './cross-origin.js';
import type { CspMessageId } from './csp.js';
import type { FrameOptionsMessageId } from './frame-options.js';
import type { HstsMessageId } from './hsts.js';
import type { ReferrerPolicyMessageId } from './referrer-policy.js';
import type { SecurityHeaderMessageId } from './rules.js';
import type { ServerTokensMessageId } from './server-tokens.js';
import type { XssProtectionMessageId } from './xss-protection.js';

/*
 * What a plan item claims about a browser security header, whoever sends it (a live
 * response, a Traefik middleware, an nginx server): the checks that apply the header rules
 * share these claims, one per header, scoped to that header's messages. There is no claim
 * for "security headers" as a whole: an item that names no header does not say which
 * reports would judge it.
 */

export const HSTS_CLAIM: Claim<HstsMessageId> = {
  about: 'HSTS',
  names: [
    'HSTS',
    'Strict-Transport-Security',
    'stsSeconds',
    'stsIncludeSubdomains',
    'includeSubDomains',
    ['max-age', 'Strict-Transport'],
  ],
  messages: ['hstsMissing', 'hstsInvalid', 'hstsShortMaxAge', 'hstsNoSubdomains'],
};

/** Preload is a step beyond HSTS: an item that only claims HSTS is not judged by it. */
export const HSTS_PRELOAD_CLAIM: Claim<HstsMessageId> = {
  about: 'HSTS preload',
  names: [['HSTS', 'preload*'], ['Strict-Transport-Security', 'preload*'], 'hstspreload', 'preload list', 'stsPreload'],
  messages: ['hstsNoPreload', 'hstsPreloadIneligible'],
};

export const CSP_CLAIM: Claim<CspMessageId> = {
  about: 'Content-Security-Policy',
  names: ['CSP', 'Content-Security-Policy', 'contentSecurityPolicy'],
  messages: ['cspMissing', 'cspReportOnly'],
};

export const CSP_SCRIPT_CLAIM: Claim<CspMessageId> = {
  about: 'CSP blocks injected script',
  names: [
    'unsafe-inline',
    'unsafe-eval',
    'script-src',
    ['CSP', 'inline script*'],
    ['CSP', 'nonce*'],
    ['CSP', 'strict*'],
    ['CSP', 'wildcard*'],
    ['Content-Security-Policy', 'strict*'],
  ],
  messages: ['cspNoScriptSrc', 'cspUnsafeInline', 'cspUnsafeEval', 'cspWildcardSource'],
};

export const CSP_OBJECT_SRC_CLAIM: Claim<CspMessageId> = { about: "CSP object-src 'none'", names: ['object-src'], messages: ['cspObjectSrc'] };

export const CSP_BASE_URI_CLAIM: Claim<CspMessageId> = { about: 'CSP base-uri', names: ['base-uri'], messages: ['cspNoBaseUri'] };

export const FRAMING_CLAIM: Claim<FrameOptionsMessageId> = {
  about: 'framing (clickjacking)',
  names: ['X-Frame-Options', 'frame options', 'clickjack*', 'frame-ancestors', 'frameDeny', 'customFrameOptionsValue', ['framed', 'page*'], ['iframe', 'embed*']],
  messages: ['framingAllowed', 'frameOptionsInvalid', 'frameAncestorsWildcard'],
};

export const NOSNIFF_CLAIM: Claim<ContentTypeOptionsMessageId> = {
  about: 'nosniff',
  names: ['X-Content-Type-Options', 'nosniff', 'contentTypeNosniff', ['MIME', 'sniff*'], 'content sniffing'],
  messages: ['nosniffMissing', 'nosniffInvalid'],
};

export const CROSS_ORIGIN_CLAIM: Claim<CrossOriginMessageId> = {
  about: 'cross-origin isolation headers',
  names: [
    'COOP',
    'COEP',
    'CORP',
    'Cross-Origin-Opener-Policy',
    'Cross-Origin-Resource-Policy',
    'Cross-Origin-Embedder-Policy',
    'cross-origin isolation',
    'cross-origin isolated',
    'cross-origin headers',
    'cross-origin policies',
  ],
  messages: ['coopMissing', 'coopInvalid', 'coopUnsafeNone', 'corpMissing', 'corpInvalid', 'coepInvalid'],
};

export const REFERRER_POLICY_CLAIM: Claim<ReferrerPolicyMessageId> = {
  about: 'Referrer-Policy',
  names: ['Referrer-Policy', 'Referer-Policy', 'referrerPolicy', 'no-referrer-when-downgrade', 'strict-origin-when-cross-origin', ['referrer', 'leak*'], ['referer', 'leak*']],
  messages: ['referrerPolicyUnsafe', 'referrerPolicyInvalid'],
};

export const XSS_PROTECTION_CLAIM: Claim<XssProtectionMessageId> = {
  about: 'deprecated X-XSS-Protection',
  names: ['X-XSS-Protection', 'browserXssFilter', 'XSS filter', 'XSS auditor'],
  messages: ['xssProtectionEnabled'],
};

export const SERVER_VERSION_CLAIM: Claim<ServerTokensMessageId> = {
  about: 'no version in the Server header', risk: true,
  names: [
    'server_tokens off',
    ['server_tokens', 'nginx'],
    'Server header',
    'server banner*',
    'version banner*',
    'banner grabbing',
    'version disclosure',
    ['server', 'version', 'disclos*'],
    ['server', 'version', 'leak*'],
    ['nginx', 'version', 'hid*'],
  ],
  messages: ['serverVersion'],
};

export const POWERED_BY_CLAIM: Claim<ServerTokensMessageId> = {
  about: 'no X-Powered-By', risk: true,
  names: [
    'X-Powered-By',
    'X-AspNet-Version',
    'expose_php',
    ['framework', 'leak*'],
    ['framework', 'disclos*'],
    ['framework', 'fingerprint*'],
    ['technology', 'disclos*'],
    ['stack', 'disclos*'],
  ],
  messages: ['poweredBy'],
};

/**
 * The claims a proxy's configuration can be held to (a Traefik middleware, an nginx server):
 * it shows the headers the proxy adds, not the X-Powered-By or Server header of the
 * application behind it, so the version banners are only claimed where they are measured.
 */
export const PROXY_HEADER_CLAIMS: readonly Claim<SecurityHeaderMessageId>[] = [
  HSTS_CLAIM,
  HSTS_PRELOAD_CLAIM,
  CSP_CLAIM,
  CSP_SCRIPT_CLAIM,
  CSP_OBJECT_SRC_CLAIM,
  CSP_BASE_URI_CLAIM,
  FRAMING_CLAIM,
  NOSNIFF_CLAIM,
  CROSS_ORIGIN_CLAIM,
  REFERRER_POLICY_CLAIM,
  XSS_PROTECTION_CLAIM,
];
