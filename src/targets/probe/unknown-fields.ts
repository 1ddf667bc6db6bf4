import { z } from 'zod';
import { jsonBodySchema, jsonHeaders, probeHeadersSchema, type ResolveSecret, type Send } from './api-request.js';

/**
 * A write the plan names, sent with one extra field no schema has. It WRITES: the plan must name an
 * endpoint where a write is harmless (a validation-only endpoint, a dry-run flag, a test tenant).
 */
export const unknownFieldsProbeSchema = z
  .object({
    path: z.string().startsWith('/'),
    method: z.enum(['POST', 'PUT', 'PATCH']).default('POST'),
    /** A body the endpoint accepts as valid (sent as JSON). */
    body: jsonBodySchema,
    /** The name of the extra field. */
    field: z.string().min(1).default('hardenProbeUnknownField'),
    headers: probeHeadersSchema,
    /** Statuses that reject the extra field. */
    expectStatus: z.array(z.number().int().min(400).max(499)).min(1).default([400, 422]),
  })
  .strict()
  .refine((probe) => !Object.hasOwn(probe.body, probe.field), { message: 'the body already has the extra field: name another with field', path: ['field'] });

export type UnknownFieldsConfig = z.output<typeof unknownFieldsProbeSchema>;

export interface UnknownFieldsOutcome {
  /** The answer to the body with the extra field. */
  extraStatus: number;
  /** The answer to the plain body: only asked when the extra field was refused, to show the refusal is the field's. */
  plainStatus: number | undefined;
}

/**
 * The extra-field request goes first. When it is accepted the API ignores unknown fields (a fail) and
 * nothing else is sent. When it is refused, the plain body follows, to tell "refused for the field"
 * from "refused anyway" (bad credentials, an invalid body). Either way at most one write succeeds.
 */
export async function runUnknownFieldsProbe(send: Send, secret: ResolveSecret, config: UnknownFieldsConfig): Promise<UnknownFieldsOutcome> {
  const headers = jsonHeaders(config.headers, secret);
  const write = async (body: object) => (await send(config.path, { method: config.method, headers, body: JSON.stringify(body) })).status;
  const extraStatus = await write({ ...config.body, [config.field]: 'harden-probe' });
  if (!config.expectStatus.includes(extraStatus)) return { extraStatus, plainStatus: undefined };
  return { extraStatus, plainStatus: await write(config.body) };
}
