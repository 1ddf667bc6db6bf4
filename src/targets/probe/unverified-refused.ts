import { z } from 'zod';
import { jsonBodySchema, jsonHeaders, probeHeadersSchema, resolveHeaders, type ResolveSecret, type Send } from './api-request.js';

/** One request with the credentials of an account that has not verified its email (or phone). */
export const unverifiedRefusedProbeSchema = z
  .object({
    path: z.string().startsWith('/'),
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH']).default('GET'),
    /** The unverified account's credentials: Authorization, Cookie, X-Api-Key, … as secret references. */
    headers: probeHeadersSchema.refine((headers) => Object.keys(headers).length > 0, 'name the unverified account\'s credentials (e.g. Authorization: env:UNVERIFIED_TOKEN)'),
    /** A JSON body, for a write. */
    body: jsonBodySchema.optional(),
    /** Statuses that refuse the account: 401/403, or a 302/303 to a verification page, a 404 that hides the resource, as the API does. */
    expectStatus: z.array(z.number().int().min(300).max(499)).min(1).default([401, 403]),
  })
  .strict();

export type UnverifiedRefusedConfig = z.output<typeof unverifiedRefusedProbeSchema>;

export async function runUnverifiedProbe(send: Send, secret: ResolveSecret, config: UnverifiedRefusedConfig): Promise<number> {
  const headers = config.body ? jsonHeaders(config.headers, secret) : resolveHeaders(config.headers, secret);
  const response = await send(config.path, { method: config.method, headers, ...(config.body ? { body: JSON.stringify(config.body) } : {}) });
  return response.status;
}
