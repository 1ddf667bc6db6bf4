import { checkCases } from '../../testing/check-cases.js';
import { text } from '../../testing/dedent.js';
import { traefikFileSecurityHeaders } from './traefik-file-security-headers.js';

const STRONG = text`
  http:
    middlewares:
      secure-headers:
        headers:
          stsSeconds: 63072000
          stsIncludeSubdomains: true
          stsPreload: true
          contentSecurityPolicy: "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
          contentTypeNosniff: true
          referrerPolicy: strict-origin-when-cross-origin
          customResponseHeaders:
            Cross-Origin-Opener-Policy: same-origin
            Cross-Origin-Resource-Policy: same-site
            Server: ""`;

checkCases(traefikFileSecurityHeaders, {
  pass: [
    { name: 'a complete headers middleware', input: { 'rules/middlewares-secure-headers.yml': STRONG } },
    {
      name: 'CSP set by a second middleware on the same chain, a CORS-only middleware, a templated router',
      input: {
        'rules/headers.yml': text`
          http:
            middlewares:
              base-headers:
                headers:
                  stsSeconds: 63072000
                  stsIncludeSubdomains: true
                  stsPreload: true
                  frameDeny: true
                  contentTypeNosniff: true
                  referrerPolicy: no-referrer
                  customResponseHeaders:
                    Cross-Origin-Opener-Policy: same-origin
                    Cross-Origin-Resource-Policy: same-site
              csp:
                headers:
                  contentSecurityPolicy: "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
              cors:
                headers:
                  accessControlAllowMethods: [GET]`,
        'rules/chain.yml': text`
          http:
            middlewares:
              chain-secure:
                chain:
                  middlewares:
                    - base-headers
                    - csp@file
            routers:
              app:
                rule: "Host(\`app.{{env "DOMAINNAME"}}\`)"
                middlewares: [chain-secure@file]
                service: app`,
      },
    },
  ],
  fail: [
    {
      name: 'the docker-traefik secure-headers middleware: no CSP, no COOP/CORP, deprecated XSS filter',
      input: {
        'appdata/traefik3/rules/hs/middlewares-secure-headers.yml': text`
          http:
            middlewares:
              middlewares-secure-headers:
                headers:
                  accessControlAllowMethods:
                    - GET
                  stsSeconds: 63072000
                  stsIncludeSubdomains: true
                  stsPreload: true
                  customFrameOptionsValue: SAMEORIGIN
                  contentTypeNosniff: true
                  browserXssFilter: true
                  referrerPolicy: "same-origin"
                  customResponseHeaders:
                    X-Robots-Tag: "none,noarchive,nosnippet"
                    server: ""`,
      },
      failures: [
        { messageId: 'xssProtectionEnabled', line: 12, column: 9 },
        { messageId: 'cspMissing', line: 14, column: 9 },
        { messageId: 'coopMissing', line: 14, column: 9 },
        { messageId: 'corpMissing', line: 14, column: 9 },
      ],
    },
    {
      name: 'weak and invalid values at their fields, missing ones at headers',
      input: {
        'rules/weak.yml': text`
          http:
            middlewares:
              legacy:
                headers:
                  stsSeconds: 300
                  stsPreload: true
                  customFrameOptionsValue: "ALLOW-FROM https://partner.example"
                  contentSecurityPolicy: "script-src 'self' 'unsafe-inline' 'unsafe-eval' *"
                  referrerPolicy: unsafe-url
              custom:
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
                    Referrer-Policy: bogus-policy
              csp:
                headers:
                  stsSeconds: 63072000
                  stsIncludeSubdomains: true
                  stsPreload: true
                  contentTypeNosniff: true
                  contentSecurityPolicy: "img-src *; frame-ancestors *"
                  customResponseHeaders:
                    Cross-Origin-Opener-Policy: same-origin
                    Cross-Origin-Resource-Policy: same-origin
              no-frames:
                headers:
                  stsSeconds: 63072000
                  stsIncludeSubdomains: true
                  stsPreload: true
                  contentTypeNosniff: true
                  contentSecurityPolicy: "default-src 'self'; object-src 'none'; base-uri 'self'"
                  customResponseHeaders:
                    Cross-Origin-Opener-Policy: same-origin
                    Cross-Origin-Resource-Policy: same-origin
              custom-only:
                headers:
                  customResponseHeaders:
                    Strict-Transport-Security: includeSubDomains
                    Cross-Origin-Opener-Policy: isolate
                    Cross-Origin-Resource-Policy: same-origin
                    X-Frame-Options: DENY
                    X-Content-Type-Options: nosniff
                    Content-Security-Policy: "default-src 'self'; object-src 'none'; base-uri 'self'"
              one-year:
                headers:
                  stsSeconds: 31536000
                  stsIncludeSubdomains: true
                  frameDeny: true
                  contentTypeNosniff: true
                  contentSecurityPolicy: "default-src 'self'; object-src 'none'; base-uri 'none'"
                  customResponseHeaders:
                    Cross-Origin-Opener-Policy: same-origin
                    Cross-Origin-Resource-Policy: same-site`,
      },
      failures: [
        { messageId: 'coopMissing', line: 4 },
        { messageId: 'corpMissing', line: 4 },
        { messageId: 'nosniffMissing', line: 4 },
        { messageId: 'hstsPreloadIneligible', line: 5 },
        { messageId: 'hstsNoSubdomains', line: 5 },
        { messageId: 'hstsShortMaxAge', line: 5 },
        { messageId: 'frameOptionsInvalid', line: 7 },
        { messageId: 'cspObjectSrc', line: 8 },
        { messageId: 'cspNoBaseUri', line: 8 },
        { messageId: 'cspUnsafeEval', line: 8 },
        { messageId: 'cspUnsafeInline', line: 8 },
        { messageId: 'cspWildcardSource', line: 8 },
        { messageId: 'referrerPolicyUnsafe', line: 9 },
        { messageId: 'cspReportOnly', line: 12 },
        { messageId: 'hstsMissing', line: 14 },
        { messageId: 'nosniffInvalid', line: 15 },
        { messageId: 'coopUnsafeNone', line: 16 },
        { messageId: 'corpInvalid', line: 17 },
        { messageId: 'coepInvalid', line: 18 },
        { messageId: 'serverVersion', line: 20 },
        { messageId: 'poweredBy', line: 21 },
        { messageId: 'referrerPolicyInvalid', line: 22 },
        { messageId: 'frameAncestorsWildcard', line: 29 },
        { messageId: 'cspObjectSrc', line: 29 },
        { messageId: 'cspNoScriptSrc', line: 29 },
        { messageId: 'cspNoBaseUri', line: 29 },
        { messageId: 'framingAllowed', line: 40 },
        { messageId: 'hstsInvalid', line: 46 },
        { messageId: 'coopInvalid', line: 47 },
        { messageId: 'hstsNoPreload', line: 54 },
      ],
    },
    {
      name: 'TOML v2/v3: a headers middleware without CSP, located at its table',
      input: {
        'traefik/rules/middlewares.toml': text`
          [http.middlewares.secure-headers.headers]
            stsSeconds = 63072000
            stsIncludeSubdomains = true
            stsPreload = true
            frameDeny = true
            contentTypeNosniff = true
            referrerPolicy = "strict-origin-when-cross-origin"
            [http.middlewares.secure-headers.headers.customResponseHeaders]
              Cross-Origin-Opener-Policy = "same-origin"
              Cross-Origin-Resource-Policy = "same-site"`,
      },
      failures: [{ messageId: 'cspMissing', line: 8, column: 3 }],
    },
    {
      name: "TOML Traefik v1: a frontend's headers in v1 spelling (docker-traefik archives unifi.toml)",
      input: {
        'traefik1/rules/unifi.toml': text`
          [backends]
            [backends.backend-ufi.servers.server-ufi-ext]
              url = "https://192.168.5.254:8443"
          [frontends]
            [frontends.frontend-ufi]
              backend = "backend-ufi"
              [frontends.frontend-ufi.headers]
                SSLRedirect = true
                STSSeconds = 315360000
                STSIncludeSubdomains = true
                STSPreload = true
                frameDeny = true
                contentTypeNosniff = true
                browserXSSFilter = true
                customFrameOptionsValue = "allow-from https:example.com"`,
      },
      failures: [
        { messageId: 'cspMissing', line: 7, column: 5 },
        { messageId: 'coopMissing', line: 7, column: 5 },
        { messageId: 'corpMissing', line: 7, column: 5 },
        { messageId: 'xssProtectionEnabled', line: 14, column: 7 },
        { messageId: 'frameOptionsInvalid', line: 15, column: 7 },
      ],
    },
  ],
});
