import { checkCases } from '../../testing/check-cases.js';
import { text } from '../../testing/dedent.js';
import { nginxSecurityHeaders } from './nginx-security-headers.js';

const securitySnippet = text`
  add_header Strict-Transport-Security "max-age=63072000; includeSubDomains; preload" always;
  add_header Content-Security-Policy "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'" always;
  add_header X-Content-Type-Options nosniff always;
  add_header Cross-Origin-Opener-Policy same-origin always;
  add_header Cross-Origin-Resource-Policy same-site always;
  add_header Referrer-Policy strict-origin-when-cross-origin always;
`;

checkCases(nginxSecurityHeaders, {
  pass: [
    {
      name: 'headers from an included snippet, repeated where a location adds its own; a redirect-only server',
      input: {
        'nginx/nginx.conf': text`
          events { worker_connections 1024; }
          http {
              include mime.types;
              server_tokens off;
              include snippets/security-headers.conf;
              server {
                  listen 80;
                  server_name example.com;
                  return 301 https://$host$request_uri;
              }
              server {
                  listen 443 ssl;
                  http2 on;
                  server_name example.com;  # the app
                  location / { proxy_pass http://app:8000; }
                  location /static/ {
                      add_header Cache-Control "public, max-age=31536000";
                      include snippets/security-headers.conf;
                  }
              }
          }
        `,
        'nginx/snippets/security-headers.conf': securitySnippet,
      },
    },
    {
      name: 'a fragment whose headers come from an include outside the repository',
      input: {
        'nginx/conf.d/app.conf': text`
          server {
              listen 443 ssl;
              include /etc/nginx/snippets/headers.conf;
              add_header X-Frame-Options DENY;
          }
        `,
      },
    },
    {
      name: 'not nginx, or nothing to judge',
      input: {
        'etc/ssh/sshd_config.d/hardening.conf': 'PasswordAuthentication no\nPermitRootLogin no\n',
        'config/app.conf': 'key = value\n',
        'nginx/upstreams.conf': 'upstream app { server app:8000; }\n',
        'nginx/odd.conf': '}\nserver {\n  return 308 "https://$host$request_uri";\n  location / { add_header X-Test "a\\"b"\n',
      },
    },
  ],
  fail: [
    {
      name: 'server_tokens on, a weak inherited HSTS, and a location that drops it',
      input: {
        'nginx/nginx.conf': text`
          http {
              server_tokens on;
              add_header Strict-Transport-Security "max-age=300" always;
              server {
                  listen 443 ssl;
                  server_name example.com;
                  location / {
                      proxy_pass http://app;
                  }
                  location /static/ {
                      add_header Cache-Control "public";
                  }
              }
          }
        `,
      },
      // Within a line, results come in message order.
      failures: [
        { messageId: 'serverVersion', line: 2 },
        { messageId: 'hstsNoSubdomains', line: 3 },
        { messageId: 'hstsShortMaxAge', line: 3 },
        { messageId: 'framingAllowed', line: 4 },
        { messageId: 'cspMissing', line: 4 },
        { messageId: 'coopMissing', line: 4 },
        { messageId: 'corpMissing', line: 4 },
        { messageId: 'nosniffMissing', line: 4 },
        { messageId: 'locationDropsHeaders', line: 10 },
      ],
    },
    {
      name: 'wrong values, each at its add_header; more_set_headers',
      input: {
        'nginx/conf.d/api.conf': text`
          server {
              listen 443 ssl http2;
              add_header Strict-Transport-Security "includeSubDomains";
              add_header Content-Security-Policy-Report-Only "default-src 'self'";
              add_header X-Frame-Options "ALLOW-FROM https://a.example";
              add_header X-Content-Type-Options sniff;
              add_header Cross-Origin-Opener-Policy isolate;
              add_header Cross-Origin-Resource-Policy everyone;
              add_header Cross-Origin-Embedder-Policy require;
              add_header Referrer-Policy unsafe-url;
              add_header X-XSS-Protection "1; mode=block";
              more_set_headers "X-Powered-By: PHP/8.3" "Server: nginx/1.25.3";
          }
        `,
      },
      failures: [
        { messageId: 'hstsInvalid', line: 3 },
        { messageId: 'cspReportOnly', line: 4 },
        { messageId: 'frameOptionsInvalid', line: 5 },
        { messageId: 'nosniffInvalid', line: 6 },
        { messageId: 'coopInvalid', line: 7 },
        { messageId: 'corpInvalid', line: 8 },
        { messageId: 'coepInvalid', line: 9 },
        { messageId: 'referrerPolicyUnsafe', line: 10 },
        { messageId: 'xssProtectionEnabled', line: 11 },
        { messageId: 'serverVersion', line: 12 },
        { messageId: 'poweredBy', line: 12 },
      ],
    },
    {
      name: 'CSP parsed per directive, HSTS preload eligibility, HSTS missing on a TLS server',
      input: {
        'nginx/conf.d/sites.conf': text`
          server {
              listen 443 ssl;
              add_header Content-Security-Policy "script-src 'self' 'unsafe-inline' 'unsafe-eval' https:; frame-ancestors *" always;
              add_header X-Content-Type-Options nosniff;
              add_header Cross-Origin-Opener-Policy unsafe-none;
              add_header Cross-Origin-Resource-Policy same-site;
              add_header Referrer-Policy nonsense;
          }
          server {
              listen 443 ssl;
              add_header Strict-Transport-Security "max-age=31536000; includeSubDomains";
              add_header Content-Security-Policy "img-src 'self'; frame-ancestors 'none'";
              add_header X-Content-Type-Options nosniff;
              add_header Cross-Origin-Opener-Policy same-origin;
              add_header Cross-Origin-Resource-Policy same-site;
          }
          server {
              listen 443 ssl;
              add_header Strict-Transport-Security "max-age=600; includeSubDomains; preload";
              include snippets/good.conf;
          }
        `,
        'nginx/snippets/good.conf': securitySnippet,
      },
      failures: [
        { messageId: 'hstsMissing', line: 1 },
        { messageId: 'frameAncestorsWildcard', line: 3 },
        { messageId: 'cspObjectSrc', line: 3 },
        { messageId: 'cspNoBaseUri', line: 3 },
        { messageId: 'cspUnsafeEval', line: 3 },
        { messageId: 'cspUnsafeInline', line: 3 },
        { messageId: 'cspWildcardSource', line: 3 },
        { messageId: 'coopUnsafeNone', line: 5 },
        { messageId: 'referrerPolicyInvalid', line: 7 },
        { messageId: 'hstsNoPreload', line: 11 },
        { messageId: 'cspObjectSrc', line: 12 },
        { messageId: 'cspNoScriptSrc', line: 12 },
        { messageId: 'cspNoBaseUri', line: 12 },
        { messageId: 'hstsPreloadIneligible', line: 19 },
        { messageId: 'hstsShortMaxAge', line: 19 },
      ],
    },
  ],
});
