import { resolveHeaders } from '../../targets/probe/api-request.js';
import { defineCheck } from '../define.js';

export const endpointStatus = defineCheck({
  id: 'probe/endpoint-status',
  title: 'Endpoints the plan lists answer with the status it expects',
  severity: 'medium',
  target: 'site',
  why:
    'Some promises about a deployment are a status code: the health endpoint a monitor and the load balancer rely on answers 200, and ' +
    'an admin panel, a metrics or debug endpoint is not open to the internet (401, 403 or 404). This check runs for sites whose plan ' +
    'entry lists probes.expectStatus: one GET (or HEAD) per listed path, read-only, redirects not followed (a 302 to a login page is ' +
    'a 302), and a failure for each path whose status is not one the plan allows.',
  fix:
    'Serve the endpoints that must exist on every instance (and route them through the proxy), and put the ones that must not be ' +
    'open behind authentication or an allow-list at the proxy, or do not route them publicly at all.',
  refs: ['OWASP API Security Top 10 2023 API9 Improper Inventory Management', 'OWASP API Security Top 10 2023 API8 Security Misconfiguration', 'RFC 9110 §15 (status codes)'],
  messages: {
    unexpected: '{url}: {method} answered {status}, not {expected}',
  },
  claims: [
    {
      about: 'endpoints answer the status the plan expects',
      names: [
        ['health endpoint*', '200'],
        ['health check endpoint*'],
        ['healthz', 'endpoint*'],
        ['/health', '200'],
        ['readiness endpoint*'],
        ['admin', 'not', 'publicly', 'reachable'],
        ['admin', 'not exposed'],
        ['admin panel*', 'not', 'public*'],
        ['/metrics', 'not', 'public*'],
        ['expected status*', 'endpoint*'],
      ],
      unless: ['monitor*', 'uptime', 'alert*', 'liveness', 'readinessProbe', 'livenessProbe', 'HEALTHCHECK'],
    },
  ],
  async evaluate(site, ctx) {
    const expected = site.config.probes.expectStatus;
    if (!expected) {
      ctx.notApplicable();
      return;
    }
    const answers = await Promise.all(
      expected.map(async (entry) => ({ entry, response: await site.get(entry.path, { method: entry.method, headers: resolveHeaders(entry.headers, site.secret) }) })),
    );
    for (const { entry, response } of answers) {
      if (entry.status.includes(response.status)) continue;
      const at = site.at(entry.path);
      const location = response.headers.get('location')?.[0];
      ctx.fail(
        at,
        'unexpected',
        { url: at.kind === 'url' ? at.url : entry.path, method: entry.method, status: response.status, expected: entry.status.join('/') },
        location ? `Location: ${location}` : undefined,
      );
    }
    ctx.measured(answers.map(({ entry, response }) => `${entry.path} ${response.status}`).join(', '));
  },
});
