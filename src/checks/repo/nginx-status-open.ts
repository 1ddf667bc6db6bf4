import { includeResolver, nginxFilesIndex } from '../../targets/config/nginx.js';
import { isAccessRestricted, locationPath, placedDirectives } from '../../targets/config/nginx-locations.js';
import { defineCheck } from '../define.js';

/** Directives that serve nginx's own status or API. */
const STATUS_DIRECTIVES = new Set(['stub_status', 'vhost_traffic_status_display', 'status', 'api']);
/** Paths of application admin and metrics endpoints an nginx location may pass through. */
const ADMIN_PATH = /(?:^|[/^])(?:metrics|prometheus|actuator|debug\/pprof|debug\/vars|nginx_status|server-status|_status)(?=$|[/$\\(])/i;

export const nginxStatusOpen = defineCheck({
  id: 'repo/nginx-status-open',
  title: 'nginx status, metrics and admin locations are limited to those who need them',
  severity: 'medium',
  target: 'config-file',
  why:
    'stub_status and traffic status pages, the nginx Plus API, and the application\'s /metrics, /actuator or /debug/pprof ' +
    'passed through a public server tell anyone the internals: request rates, upstream names and addresses, versions, ' +
    'heap dumps and environment (Spring Boot actuator), profiling endpoints that cost CPU on demand. nginx serves them ' +
    'to everyone unless the location says otherwise.',
  fix: [
    'Limit the location to the scraper and the operators, or serve it on a loopback or internal listener:',
    '',
    '    location = /nginx_status { stub_status; allow 127.0.0.1; allow 10.0.0.0/8; deny all; }',
    '    location /actuator/ { deny all; }',
    '    server { listen 127.0.0.1:8081; location /metrics { proxy_pass http://app:9090; } }',
  ].join('\n'),
  refs: [
    'nginx documentation, ngx_http_stub_status_module and ngx_http_access_module',
    'OWASP Top 10 2021 A05 (security misconfiguration)',
    'CWE-200: Exposure of sensitive information to an unauthorized actor',
    'Spring Boot documentation, Actuator endpoints security',
  ],
  messages: {
    statusOpen: '{directive} in location {location} is served to anyone: no allow/deny, auth or internal listener',
    adminPathOpen: 'location {location} passes an admin or metrics endpoint through to anyone: no allow/deny, auth or internal listener',
  },
  claims: [
    {
      about: 'status and metrics endpoints not public',
      risk: true,
      names: ['stub_status', 'nginx_status', ['metrics', 'endpoint*', 'expos*'], ['metrics', 'public'], ['actuator', 'expos*'], ['/metrics', 'restrict*'], ['status page', 'restrict*']],
    },
  ],
  evaluate(file, ctx) {
    const files = ctx.shared(nginxFilesIndex);
    const directives = files.get(file.file);
    if (!directives) return ctx.notApplicable();
    for (const placed of placedDirectives(directives, includeResolver(files))) {
      const { directive, enclosing } = placed;
      const location = enclosing.at(-1);
      if (location?.name === 'location' && STATUS_DIRECTIVES.has(directive.name)) {
        if (!isAccessRestricted(placed)) ctx.fail(file.at(directive.line, directive.column), 'statusOpen', { directive: directive.name, location: location.args.join(' ') });
        continue;
      }
      if (directive.name !== 'location' || !directive.block) continue;
      const passes = directive.block.some((inner) => /^(proxy|fastcgi|grpc|uwsgi)_pass$/.test(inner.name));
      // An include inside may hold the access rules: unknown, so not reported.
      const restrictedInside = directive.block.some((inner) => inner.name === 'include') || isAccessRestricted({ ...placed, scopes: [...placed.scopes, directive.block] });
      if (passes && ADMIN_PATH.test(locationPath(directive).path) && !restrictedInside) {
        ctx.fail(file.at(directive.line, directive.column), 'adminPathOpen', { location: directive.args.join(' ') });
      }
    }
  },
});
