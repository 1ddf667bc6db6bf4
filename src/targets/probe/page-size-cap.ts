import { z } from 'zod';
import { jsonPointerSchema, listItems, probeHeadersSchema, resolveHeaders, withQuery, type ResolveSecret, type Send } from './api-request.js';

/** One GET of a list endpoint asking for a page far larger than the cap. */
export const pageSizeCapProbeSchema = z
  .object({
    path: z.string().startsWith('/'),
    /** The page-size query parameter: limit, per_page, pageSize, page[size], … */
    param: z.string().min(1).default('limit'),
    /** The page size asked for. */
    ask: z.number().int().min(2).max(10_000_000).default(100_000),
    /** The cap: the response holds at most this many items. */
    max: z.number().int().min(1),
    /** JSON pointer to the items; by default the body when it is an array, else its one top-level array. */
    itemsAt: jsonPointerSchema.optional(),
    headers: probeHeadersSchema,
  })
  .strict()
  .refine((probe) => probe.ask > probe.max, { message: 'ask must be larger than max', path: ['ask'] });

export type PageSizeCapConfig = z.output<typeof pageSizeCapProbeSchema>;

/** Statuses that refuse the oversize page as invalid: a cap enforced by validation. */
export const REFUSED_PAGE = new Set([400, 422]);

export type PageSizeCapOutcome =
  | { kind: 'refused'; path: string; status: number }
  | { kind: 'items'; path: string; status: number; count: number; at: string };

export async function runPageSizeCapProbe(send: Send, secret: ResolveSecret, config: PageSizeCapConfig): Promise<PageSizeCapOutcome> {
  const path = withQuery(config.path, config.param, config.ask);
  const response = await send(path, { method: 'GET', headers: { accept: 'application/json', ...resolveHeaders(config.headers, secret) } });
  if (REFUSED_PAGE.has(response.status)) return { kind: 'refused', path, status: response.status };
  if (response.status < 200 || response.status > 299) throw new Error(`${path} answered ${response.status}: the probe needs the list (give it headers with credentials, or another path)`);
  const { items, at } = listItems(response, config.itemsAt);
  return { kind: 'items', path, status: response.status, count: items.length, at };
}
