import { PROXY_HEADER_CLAIMS } from '../../targets/http/headers/claims.js';
import { ALL_HEADER_MESSAGE_IDS, headerMessages, securityHeaderFindings } from '../../targets/http/headers/rules.js';
import { routerHeadersIndex, traefikResponseHeaders } from '../../targets/k8s/traefik-headers.js';
import { defineCheck } from '../define.js';

export const traefikSecurityHeaders = defineCheck({
  id: 'k8s/traefik-security-headers',
  title: 'Traefik security-headers middlewares send strong browser security headers',
  severity: 'medium',
  target: 'k8s-object',
  kinds: ['traefik.io/Middleware', 'traefik.containo.us/Middleware'],
  why:
    'The headers Middleware is where a Traefik setup decides what every browser is told: HSTS (without it, or with a ' +
    'short max-age, no includeSubDomains or no preload, the first request of a visit can be downgraded to HTTP and ' +
    'sibling hosts can set cookies), Content-Security-Policy (unsafe-inline, unsafe-eval or wildcard script sources ' +
    'let injected script run), frame options (clickjacking), nosniff, Cross-Origin-Opener/Resource-Policy (cross-window ' +
    'leaks, Spectre-style reads), Referrer-Policy (unsafe-url leaks full URLs), and no deprecated X-XSS-Protection or ' +
    'version-revealing Server / X-Powered-By. This check translates the Middleware (stsSeconds, stsIncludeSubdomains, ' +
    'stsPreload, contentSecurityPolicy, frameDeny, customFrameOptionsValue, contentTypeNosniff, browserXssFilter, ' +
    'referrerPolicy, customResponseHeaders) into the response headers it sends and applies the same rules harden ' +
    'applies to live responses. Findings point at the field that sets the header, or at customResponseHeaders (else ' +
    'headers) when one is missing; a header missing here but sent by another middleware on every router that uses this ' +
    'one (through Ingress annotations, IngressRoutes and chains) is not reported. Middlewares that set no security ' +
    'response header (CORS, request rewriting) are not checked; COEP is opt-in and only checked when set.',
  fix: [
    'A strong baseline (drop browserXssFilter; add a CSP here or make sure the apps send one):',
    '',
    '    spec:',
    '      headers:',
    '        stsSeconds: 63072000',
    '        stsIncludeSubdomains: true',
    '        stsPreload: true',
    '        frameDeny: true',
    '        contentTypeNosniff: true',
    '        referrerPolicy: strict-origin-when-cross-origin',
    '        contentSecurityPolicy: "default-src \'self\'; object-src \'none\'; base-uri \'none\'; frame-ancestors \'none\'"',
    '        customResponseHeaders:',
    '          Cross-Origin-Opener-Policy: same-origin',
    '          Cross-Origin-Resource-Policy: same-site',
    '          X-Powered-By: ""',
    '          Server: ""',
  ].join('\n'),
  refs: [
    'OWASP HTTP Headers Cheat Sheet; OWASP Secure Headers Project',
    'RFC 6797 (HSTS) and https://hstspreload.org/ submission requirements',
    'W3C Content Security Policy Level 3; MDN Cross-Origin-Opener-Policy / Cross-Origin-Resource-Policy',
    'MDN X-XSS-Protection (deprecated: "do not set, or set to 0")',
    'Traefik documentation, Middleware Headers',
  ],
  // The shared header rules' messages (src/targets/http/headers), the same a live check reports.
  messages: headerMessages(ALL_HEADER_MESSAGE_IDS),
  claims: [...PROXY_HEADER_CLAIMS],
  evaluate(object, ctx) {
    const sent = traefikResponseHeaders(object);
    if (!sent) return ctx.notApplicable();
    for (const finding of securityHeaderFindings(sent.headers)) {
      if (finding.missing && ctx.shared(routerHeadersIndex).coveredElsewhere(object, finding.header)) continue;
      const path = finding.missing ? sent.anchor : (sent.fields.get(finding.header) ?? sent.anchor);
      ctx.fail(object.at(path), finding.messageId, finding.data);
    }
  },
});
