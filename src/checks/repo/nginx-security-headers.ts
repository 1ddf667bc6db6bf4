import { nginxServers, ownDirectives } from '../../targets/config/nginx-headers.js';
import { includeResolver, nginxFilesIndex } from '../../targets/config/nginx.js';
import { PROXY_HEADER_CLAIMS, SERVER_VERSION_CLAIM } from '../../targets/http/headers/claims.js';
import { ALL_HEADER_MESSAGE_IDS, headerMessages, securityHeaderFindings } from '../../targets/http/headers/rules.js';
import { defineCheck } from '../define.js';

export const nginxSecurityHeaders = defineCheck({
  id: 'repo/nginx-security-headers',
  title: 'nginx servers send strong browser security headers and no version',
  severity: 'medium',
  target: 'config-file',
  why:
    'When nginx terminates TLS or serves the app, its `add_header` lines are the browser security policy: HSTS ' +
    '(downgrade protection), Content-Security-Policy (what injected script can do), frame options (clickjacking), ' +
    'nosniff, Cross-Origin-Opener/Resource-Policy, a safe Referrer-Policy, no deprecated X-XSS-Protection, and ' +
    '`server_tokens off` so the Server header does not announce the version to vulnerability scanners. nginx has a ' +
    'trap: a `location` (or `server`) with any add_header of its own inherits none from the level above, so adding a ' +
    'Cache-Control header to one location silently drops HSTS and CSP there. This check reads each server block ' +
    '(includes resolved within the repository), applies the same header rules harden applies to live responses, ' +
    'and reports where a location drops inherited headers. Redirect-only servers are skipped, HSTS is expected only on ' +
    'TLS servers, and absence is not reported when an include outside the repository may set the header.',
  fix: [
    'Set the headers once per server with `always` (so error pages carry them too) and repeat them in any location',
    'that adds its own header, e.g. through an included snippet:',
    '',
    '    # snippets/security-headers.conf',
    '    add_header Strict-Transport-Security "max-age=63072000; includeSubDomains; preload" always;',
    '    add_header Content-Security-Policy "default-src \'self\'; object-src \'none\'; base-uri \'none\'; frame-ancestors \'none\'" always;',
    '    add_header X-Content-Type-Options nosniff always;',
    '    add_header Cross-Origin-Opener-Policy same-origin always;',
    '    add_header Cross-Origin-Resource-Policy same-site always;',
    '    add_header Referrer-Policy strict-origin-when-cross-origin always;',
    '',
    '    http { server_tokens off; ... }',
    '    location /static/ { add_header Cache-Control "public, max-age=31536000"; include snippets/security-headers.conf; }',
  ].join('\n'),
  refs: [
    'OWASP HTTP Headers Cheat Sheet; OWASP Secure Headers Project',
    'nginx documentation, ngx_http_headers_module add_header (inheritance: "if and only if there are no add_header directives defined on the current level")',
    'CIS NGINX Benchmark 2.5.1 (server_tokens off), 5.3.x (security headers)',
    'RFC 6797 (HSTS); W3C Content Security Policy Level 3',
  ],
  messages: {
    // The shared header rules' messages (src/targets/http/headers), the same a live check reports.
    ...headerMessages(ALL_HEADER_MESSAGE_IDS),
    locationDropsHeaders: 'location {location} has add_header of its own, so nginx does not send the inherited {headers} there',
  },
  claims: [
    ...PROXY_HEADER_CLAIMS,
    // server_tokens decides the Server header nginx sends; X-Powered-By comes from the application behind it.
    SERVER_VERSION_CLAIM,
    {
      about: 'nginx locations keep the inherited headers',
      names: [['add_header', 'inherit*'], ['add_header', 'location*'], ['nginx', 'location*', 'header*', 'drop*']],
      messages: ['locationDropsHeaders'],
    },
  ],
  evaluate(file, ctx) {
    const files = ctx.shared(nginxFilesIndex);
    const directives = files.get(file.file);
    if (!directives) return ctx.notApplicable();
    const servers = nginxServers(directives, includeResolver(files)).filter((server) => !server.redirectOnly);
    if (servers.length === 0) return ctx.notApplicable();
    const own = ownDirectives(directives);
    for (const server of servers) {
      for (const finding of securityHeaderFindings(server.headerMap)) {
        if (finding.missing && server.unresolvedInclude) continue;
        if (finding.messageId === 'hstsMissing' && !server.tls) continue;
        const setBy = finding.missing ? undefined : server.setBy.get(finding.header);
        const anchor = setBy && own.has(setBy) ? setBy : server.directive;
        ctx.fail(file.at(anchor.line, anchor.column), finding.messageId, finding.data);
      }
      for (const location of server.overridingLocations) {
        if (!own.has(location.directive)) continue;
        ctx.fail(file.at(location.directive.line, location.directive.column), 'locationDropsHeaders', {
          location: location.directive.args.join(' '),
          headers: location.dropped.join(', '),
        });
      }
    }
  },
});
