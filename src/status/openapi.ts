import { z } from 'zod';
import { incidentListSchema, monitorDaysSchema, monitorListSchema, monitorSchema, problemSchema, statusPageListSchema, statusPageSchema } from './api.js';

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const json = (id: string, description: string) => ({ description, content: { 'application/json': { schema: ref(id) } } });
const notFound = { 404: json('Problem', 'no such monitor or page') };
const nameParameter = { name: 'name', in: 'path', required: true, schema: { type: 'string' }, description: 'the monitor\'s name in the plan' };

/** The OpenAPI 3.1 document of the read-only API, its schemas generated from the zod schemas the responses are built by. */
export function openApiDocument(): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  for (const schema of [monitorSchema, monitorListSchema, monitorDaysSchema, incidentListSchema, statusPageListSchema, statusPageSchema, problemSchema]) registry.add(schema, { id: schema.meta()!.id as string });
  const { schemas } = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}`, io: 'input' });
  for (const schema of Object.values(schemas)) delete (schema as Record<string, unknown>).$schema;
  return {
    openapi: '3.1.0',
    info: { title: 'harden status API', version: '1', description: 'Read-only, public: what the status pages show. Times are ISO 8601 UTC; uptime is percent of checks up outside maintenance.' },
    paths: {
      '/api/v1/monitors': { get: { operationId: 'listMonitors', summary: 'every monitor: state, uptime 24h/7d/30d, mean response time', responses: { 200: json('MonitorList', 'the monitors') } } },
      '/api/v1/monitors/{name}': { get: { operationId: 'getMonitor', parameters: [nameParameter], responses: { 200: json('Monitor', 'one monitor'), ...notFound } } },
      '/api/v1/monitors/{name}/days': { get: { operationId: 'getMonitorDays', summary: '90 daily uptime bars, oldest first', parameters: [nameParameter], responses: { 200: json('MonitorDays', 'daily bars'), ...notFound } } },
      '/api/v1/incidents': { get: { operationId: 'listIncidents', summary: 'open incidents, then those resolved in the last 14 days', responses: { 200: json('IncidentList', 'incidents') } } },
      '/api/v1/status-pages': { get: { operationId: 'listStatusPages', responses: { 200: json('StatusPageList', 'the plan\'s status pages') } } },
      '/api/v1/status-pages/{slug}': {
        get: { operationId: 'getStatusPage', parameters: [{ name: 'slug', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: json('StatusPage', 'one page'), ...notFound } },
      },
    },
    components: { schemas },
  };
}
