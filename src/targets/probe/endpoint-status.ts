import { z } from 'zod';
import { probeHeadersSchema } from './api-request.js';

const status = z.number().int().min(100).max(599);

/**
 * Paths whose status the plan states: endpoints that must exist (/api/health: 200) and endpoints that
 * must not be open (/admin: 401, 403 or 404). Read-only: one GET (or HEAD) each, redirects not followed.
 */
export const endpointStatusProbeSchema = z
  .array(
    z
      .object({
        path: z.string().startsWith('/'),
        status: z.union([status.transform((one) => [one]), z.array(status).min(1)]),
        method: z.enum(['GET', 'HEAD']).default('GET'),
        headers: probeHeadersSchema,
      })
      .strict(),
  )
  .min(1)
  .max(100);

export type EndpointStatusConfig = z.output<typeof endpointStatusProbeSchema>;
