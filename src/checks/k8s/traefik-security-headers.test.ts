import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { traefikSecurityHeaders } from './traefik-security-headers.js';

checkCases(traefikSecurityHeaders, {
  pass: [
    {
      name: 'a strong baseline',
      input: yaml`
        apiVersion: traefik.io/v1alpha1
        kind: Middleware
        metadata: { name: security-headers }
        spec:
          headers:
            stsSeconds: 63072000
            stsIncludeSubdomains: true
            stsPreload: true
            frameDeny: true
            contentTypeNosniff: true
            referrerPolicy: strict-origin-when-cross-origin
            contentSecurityPolicy: "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
            customResponseHeaders:
              Cross-Origin-Opener-Policy: same-origin
              Cross-Origin-Resource-Policy: same-site
              X-Powered-By: ""
              Server: ""`,
    },
    {
      name: 'headers split over two middlewares that every router uses together (annotation, IngressRoute, chain)',
      input: yaml`
        apiVersion: traefik.io/v1alpha1
        kind: Middleware
        metadata: { name: hsts, namespace: shop }
        spec:
          headers: { stsSeconds: 63072000, stsIncludeSubdomains: true, stsPreload: true }
        ---
        apiVersion: traefik.io/v1alpha1
        kind: Middleware
        metadata: { name: headers, namespace: shop }
        spec:
          headers:
            frameDeny: true
            contentTypeNosniff: true
            contentSecurityPolicy: "default-src 'self'; object-src 'none'; base-uri 'none'"
            customResponseHeaders:
              Cross-Origin-Opener-Policy: same-origin
              Cross-Origin-Resource-Policy: same-site
        ---
        apiVersion: traefik.io/v1alpha1
        kind: Middleware
        metadata: { name: secure, namespace: shop }
        spec:
          chain:
            middlewares: [{ name: hsts }, { name: headers }]
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: web
          namespace: shop
          annotations:
            traefik.ingress.kubernetes.io/router.middlewares: shop-hsts@kubernetescrd,shop-headers@kubernetescrd
        ---
        apiVersion: traefik.io/v1alpha1
        kind: IngressRoute
        metadata: { name: api, namespace: shop }
        spec:
          routes:
            - match: Host(\`api.example.com\`)
              middlewares: [{ name: secure }]`,
    },
    {
      name: 'middlewares that send no security response header, and other kinds',
      input: yaml`
        apiVersion: traefik.containo.us/v1alpha1
        kind: Middleware
        metadata: { name: cors }
        spec:
          headers:
            accessControlAllowMethods: [GET]
            customRequestHeaders:
              X-Forwarded-Proto: https
        ---
        apiVersion: traefik.io/v1alpha1
        kind: Middleware
        metadata: { name: rate-limit }
        spec:
          rateLimit: { average: 100 }
        ---
        apiVersion: example.com/v1
        kind: Middleware
        metadata: { name: not-traefik }
        spec:
          headers: { browserXssFilter: true }
        ---
        apiVersion: traefik.io/v1alpha1
        kind: Middleware
        metadata: { name: odd }
        spec:
          headers: [stsSeconds]`,
    },
  ],
  fail: [
    {
      name: 'the usual first attempt: one-year HSTS without preload, the XSS filter, no CSP/COOP/CORP',
      input: yaml`
        apiVersion: traefik.io/v1alpha1
        kind: Middleware
        metadata:
          name: security-headers
          namespace: honeydue
        spec:
          headers:
            stsSeconds: 31536000
            stsIncludeSubdomains: true
            frameDeny: true
            contentTypeNosniff: true
            referrerPolicy: strict-origin-when-cross-origin
            browserXssFilter: true
            customResponseHeaders:
              X-Powered-By: ""`,
      // Within a line, results come in message order.
      failures: [
        { messageId: 'hstsNoPreload', line: 8 },
        { messageId: 'xssProtectionEnabled', line: 13 },
        { messageId: 'cspMissing', line: 14 },
        { messageId: 'coopMissing', line: 14 },
        { messageId: 'corpMissing', line: 14 },
      ],
    },
    {
      name: 'a router that gets only one of the split middlewares',
      input: yaml`
        apiVersion: traefik.io/v1alpha1
        kind: Middleware
        metadata: { name: hsts, namespace: shop }
        spec:
          headers: { stsSeconds: 63072000, stsIncludeSubdomains: true, stsPreload: true }
        ---
        apiVersion: traefik.io/v1alpha1
        kind: Middleware
        metadata: { name: headers, namespace: shop }
        spec:
          headers:
            frameDeny: true
            contentTypeNosniff: true
            contentSecurityPolicy: "default-src 'self'; object-src 'none'; base-uri 'none'"
            customResponseHeaders:
              Cross-Origin-Opener-Policy: same-origin
              Cross-Origin-Resource-Policy: same-site
        ---
        apiVersion: traefik.io/v1alpha1
        kind: IngressRoute
        metadata: { name: api, namespace: shop }
        spec:
          routes:
            - match: Host(\`api.example.com\`)
              middlewares: [{ name: hsts }, { name: headers }]
        ---
        apiVersion: traefik.io/v1alpha1
        kind: IngressRoute
        metadata: { name: admin, namespace: shop }
        spec:
          routes:
            - match: Host(\`admin.example.com\`)
              middlewares: [{ name: headers }]`,
      failures: [{ messageId: 'hstsMissing', line: 15 }],
    },
    {
      name: 'weak values at their fields; missing ones at headers when there is no customResponseHeaders',
      input: yaml`
        apiVersion: traefik.containo.us/v1alpha1
        kind: Middleware
        metadata: { name: legacy }
        spec:
          headers:
            stsSeconds: 300
            stsPreload: true
            customFrameOptionsValue: "ALLOW-FROM https://partner.example"
            contentSecurityPolicy: "script-src 'self' 'unsafe-inline' 'unsafe-eval' *"
            referrerPolicy: unsafe-url
            customBrowserXSSValue: "1"`,
      failures: [
        { messageId: 'coopMissing', line: 5 },
        { messageId: 'corpMissing', line: 5 },
        { messageId: 'nosniffMissing', line: 5 },
        { messageId: 'hstsPreloadIneligible', line: 6 },
        { messageId: 'hstsNoSubdomains', line: 6 },
        { messageId: 'hstsShortMaxAge', line: 6 },
        { messageId: 'frameOptionsInvalid', line: 8 },
        { messageId: 'cspObjectSrc', line: 9 },
        { messageId: 'cspNoBaseUri', line: 9 },
        { messageId: 'cspUnsafeEval', line: 9 },
        { messageId: 'cspUnsafeInline', line: 9 },
        { messageId: 'cspWildcardSource', line: 9 },
        { messageId: 'referrerPolicyUnsafe', line: 10 },
        { messageId: 'xssProtectionEnabled', line: 11 },
      ],
    },
    {
      name: 'custom headers: invalid values, server tokens, report-only CSP, no HSTS',
      input: yaml`
        apiVersion: traefik.io/v1alpha1
        kind: Middleware
        metadata: { name: custom }
        spec:
          headers:
            contentSecurityPolicyReportOnly: "default-src 'self'"
            contentTypeNosniff: yes-please
            customResponseHeaders:
              X-Content-Type-Options: sniff
              Cross-Origin-Opener-Policy: unsafe-none
              Cross-Origin-Resource-Policy: everyone
              Cross-Origin-Embedder-Policy: require
              X-Frame-Options: DENY
              Server: nginx/1.25.3
              X-Powered-By: Express
              Referrer-Policy: bogus-policy`,
      failures: [
        { messageId: 'cspReportOnly', line: 6 },
        { messageId: 'hstsMissing', line: 8 },
        { messageId: 'nosniffInvalid', line: 9 },
        { messageId: 'coopUnsafeNone', line: 10 },
        { messageId: 'corpInvalid', line: 11 },
        { messageId: 'coepInvalid', line: 12 },
        { messageId: 'serverVersion', line: 14 },
        { messageId: 'poweredBy', line: 15 },
        { messageId: 'referrerPolicyInvalid', line: 16 },
      ],
    },
    {
      name: 'frame-ancestors wildcard, no script sources, no frame protection, invalid custom HSTS and COOP',
      input: yaml`
        apiVersion: traefik.io/v1alpha1
        kind: Middleware
        metadata: { name: csp }
        spec:
          headers:
            stsSeconds: 63072000
            stsIncludeSubdomains: true
            stsPreload: true
            contentTypeNosniff: true
            contentSecurityPolicy: "img-src *; frame-ancestors *"
            customResponseHeaders:
              Cross-Origin-Opener-Policy: same-origin
              Cross-Origin-Resource-Policy: same-origin
        ---
        apiVersion: traefik.io/v1alpha1
        kind: Middleware
        metadata: { name: no-frames }
        spec:
          headers:
            stsSeconds: 63072000
            stsIncludeSubdomains: true
            stsPreload: true
            contentTypeNosniff: true
            contentSecurityPolicy: "default-src 'self'; object-src 'none'; base-uri 'self'"
            customResponseHeaders:
              Cross-Origin-Opener-Policy: same-origin
              Cross-Origin-Resource-Policy: same-origin
        ---
        apiVersion: traefik.io/v1alpha1
        kind: Middleware
        metadata: { name: custom-only }
        spec:
          headers:
            customResponseHeaders:
              Strict-Transport-Security: includeSubDomains
              Cross-Origin-Opener-Policy: isolate
              Cross-Origin-Resource-Policy: same-origin
              X-Frame-Options: DENY
              X-Content-Type-Options: nosniff
              Content-Security-Policy: "default-src 'self'; object-src 'none'; base-uri 'self'"`,
      failures: [
        { messageId: 'frameAncestorsWildcard', line: 10 },
        { messageId: 'cspObjectSrc', line: 10 },
        { messageId: 'cspNoScriptSrc', line: 10 },
        { messageId: 'cspNoBaseUri', line: 10 },
        { messageId: 'framingAllowed', line: 25 },
        { messageId: 'hstsInvalid', line: 35 },
        { messageId: 'coopInvalid', line: 36 },
      ],
    },
  ],
});
