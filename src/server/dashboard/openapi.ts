import { INCIDENT_PHASES } from '../../monitor/model.js';

const ok = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });
const refused = {
  401: { description: 'no session and no bearer token' },
  403: { description: 'a viewer or an API token posting (tokens are read-only), or a session without its CSRF token, or a cross-origin request' },
};
const security = [{ bearer: [] }, { session: [] }];
/** State changes: an operator's session (and its CSRF token); bearer tokens are read-only. */
const operatorSecurity = [{ session: [] }];
const read = (operationId: string, summary: string) => ({ get: { operationId, summary, security, responses: { 200: ok(summary), ...refused } } });

/**
 * The dashboard's API beside the public one: behind a session or a bearer token (viewers and
 * tokens read; operators post). A session's POST carries its CSRF token (X-CSRF-Token or the
 * csrf field).
 */
export function withDashboardApi(document: Record<string, unknown>): Record<string, unknown> {
  const paths = document.paths as Record<string, unknown>;
  const components = document.components as Record<string, unknown>;
  return {
    ...document,
    info: { ...(document.info as Record<string, unknown>), description: `${(document.info as { description: string }).description} The /api/v1/dashboard paths need a session or a bearer token (read-only); incident updates and retries an operator's session with its CSRF token in X-CSRF-Token.` },
    paths: {
      ...paths,
      '/api/v1/dashboard/monitors': {
        get: {
          operationId: 'dashboardMonitors',
          summary: 'the monitors by name, 100 a page: state, uptime 24h/7d/30d, latency p50/p95/p99 over 24 hours (ms); page and pages say where the list is',
          parameters: [{ name: 'page', in: 'query', required: false, schema: { type: 'integer', minimum: 1, default: 1 } }],
          security,
          responses: { 200: ok('one page of monitors'), 404: { description: 'no such page' }, ...refused },
        },
      },
      '/api/v1/dashboard/monitors/{name}/series': {
        get: {
          operationId: 'dashboardMonitorSeries',
          summary: 'hourly mean response (ms) and uptime (%) over 7 days: times in epoch seconds',
          parameters: [{ name: 'name', in: 'path', required: true, schema: { type: 'string' } }],
          security,
          responses: { 200: ok('the series'), 404: { description: 'no such monitor' }, ...refused },
        },
      },
      '/api/v1/dashboard/slos': read('dashboardSlos', 'each SLO with its error budget, and the triggers firing'),
      '/api/v1/dashboard/incidents': read('dashboardIncidents', 'recent incidents with their updates and authors'),
      '/api/v1/dashboard/outbox': read('dashboardOutbox', 'deliveries per channel, and the pending and failing alerts with their last error'),
      '/api/v1/dashboard/outbox/{id}/retry': {
        post: {
          operationId: 'retryAlert',
          summary: 'make an undelivered alert due now (operator)',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
          security: operatorSecurity,
          responses: { 200: ok('due now'), 404: { description: 'no such undelivered alert' }, ...refused },
        },
      },
      '/api/v1/dashboard/verify-runs': read('dashboardVerifyRuns', 'recorded verify runs (fixed of total, regressions), the current regressions since when, the latest items by stage'),
      '/api/v1/incidents/{key}/updates': {
        post: {
          operationId: 'postIncidentUpdate',
          summary: 'write an update of an incident (operator): shown on the status pages, sent to its monitor\'s alert channels',
          parameters: [{ name: 'key', in: 'path', required: true, schema: { type: 'string' } }],
          security: operatorSecurity,
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: { type: 'object', required: ['phase', 'message'], properties: { phase: { type: 'string', enum: [...INCIDENT_PHASES] }, message: { type: 'string', maxLength: 2000 } } },
              },
            },
          },
          responses: { 201: ok('the update'), 400: { description: 'bad phase or message' }, 404: { description: 'no such incident' }, ...refused },
        },
      },
    },
    components: {
      ...components,
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, session: { type: 'apiKey', in: 'cookie', name: '__Host-harden-session' } },
    },
  };
}
