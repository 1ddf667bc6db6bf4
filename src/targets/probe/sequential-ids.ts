import { z } from 'zod';
import { jsonPointerSchema, listItems, probeHeadersSchema, resolveHeaders, type ResolveSecret, type Send } from './api-request.js';

/** One GET of a list endpoint; the ids of its items are judged for guessability. */
export const idsNotSequentialProbeSchema = z
  .object({
    path: z.string().startsWith('/'),
    itemsAt: jsonPointerSchema.optional(),
    /** The id of an item: a property name, or a JSON pointer into the item ("/meta/id"). */
    idField: z.string().min(1).default('id'),
    headers: probeHeadersSchema,
  })
  .strict();

export type IdsNotSequentialConfig = z.output<typeof idsNotSequentialProbeSchema>;

/**
 * Ids a guesser finds by counting: integers (or one shared prefix and an integer: "ORD-1001",
 * "usr_17") whose neighbours on the page are a median of fewer than MAX_GAP apart. A counter from
 * a known id then hits another object at least once in MAX_GAP tries; far more often when the
 * sequence is shared (a global counter: the page shows one tenant's share of it). Database
 * sequences (1, 2, 3 with gaps from deletions, or a global id 20 apart per issue) are; random
 * 32- or 64-bit integers, Snowflake-style ids (milliseconds in the high bits: neighbours
 * millions apart), UUIDs and ULIDs are not.
 */
export const MAX_GAP = 65_536;

export type IdsVerdict =
  | { sequential: true; count: number; first: string; last: string; medianGap: bigint }
  | { sequential: false; count: number; why: string };

export function judgeIds(ids: readonly unknown[]): IdsVerdict {
  const count = ids.length;
  const parts = ids.map(integerPart);
  if (parts.some((part) => part === undefined)) {
    const sample = ids.find((id, index) => parts[index] === undefined);
    return { sequential: false, count, why: `not integers (e.g. ${JSON.stringify(sample)})` };
  }
  const prefixes = new Set(parts.map((part) => part!.prefix));
  if (prefixes.size > 1) return { sequential: false, count, why: 'no common prefix before a number' };
  const byValue = new Map(parts.map((part, index) => [part!.value, String(ids[index])]));
  const numbers = [...byValue.keys()].sort(compare);
  if (numbers.length < 2) return { sequential: false, count, why: 'one id repeated' };
  const gaps = numbers.slice(1).map((value, index) => value - numbers[index]!).sort(compare);
  const medianGap = gaps[Math.floor((gaps.length - 1) / 2)]!;
  if (medianGap < BigInt(MAX_GAP)) return { sequential: true, count, first: byValue.get(numbers[0]!)!, last: byValue.get(numbers.at(-1)!)!, medianGap };
  return { sequential: false, count, why: `integers a median ${medianGap} apart` };
}

function compare(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function integerPart(id: unknown): { prefix: string; value: bigint } | undefined {
  if (typeof id === 'number') return Number.isSafeInteger(id) ? { prefix: '', value: BigInt(id) } : undefined;
  if (typeof id !== 'string') return undefined;
  // A UUID's last group may be all digits: its prefix differs from item to item, so it never counts as one sequence.
  const match = /^(.*\D)?(\d{1,30})$/s.exec(id);
  return match ? { prefix: match[1] ?? '', value: BigInt(match[2]!) } : undefined;
}

/** The id of an item: a property name, or a JSON pointer into the item. */
export function itemId(item: unknown, idField: string): unknown {
  if (item === null || typeof item !== 'object') return undefined;
  if (!idField.startsWith('/')) return (item as Record<string, unknown>)[idField];
  let value: unknown = item;
  for (const raw of idField.split('/').slice(1)) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}

export async function runIdsProbe(send: Send, secret: ResolveSecret, config: IdsNotSequentialConfig): Promise<IdsVerdict> {
  const response = await send(config.path, { method: 'GET', headers: { accept: 'application/json', ...resolveHeaders(config.headers, secret) } });
  if (response.status < 200 || response.status > 299) throw new Error(`${config.path} answered ${response.status}: the probe needs the list (give it headers with credentials, or another path)`);
  const { items } = listItems(response, config.itemsAt);
  const ids = items.map((item) => itemId(item, config.idField)).filter((id) => id !== undefined && id !== null);
  if (ids.length < 2) throw new Error(`${config.path}: ${items.length} items, ${ids.length} with a ${config.idField}: the probe needs at least 2 ids to judge`);
  return judgeIds(ids);
}
