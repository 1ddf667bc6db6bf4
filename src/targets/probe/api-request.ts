import { z } from 'zod';
import type { HttpRequest, HttpResponse } from '../http/client.js';
import { secretRef } from '../secret-ref.js';

export type Send = (path: string, init: HttpRequest) => Promise<HttpResponse>;
/** The value behind a secret reference (SiteTarget.secret). */
export type ResolveSecret = (ref: string) => string;

/**
 * Request headers of an API probe: every value is a secret reference (env:NAME, file:PATH), since
 * what an API probe sends besides its body is credentials (Authorization, X-Api-Key, Cookie).
 */
export const probeHeadersSchema = z.record(z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'expected an HTTP header name'), secretRef).default({});

/** A JSON object the plan writes as YAML: a request body. */
export const jsonBodySchema = z.record(z.string(), z.json());

/** A JSON pointer (RFC 6901): "" for the whole document, "/data", "/result/items". */
export const jsonPointerSchema = z.string().regex(/^(\/([^~/]|~[01])*)*$/, 'expected a JSON pointer such as /data or /result/items');

/** The headers with each secret reference resolved; the values never reach a result. */
export function resolveHeaders(headers: Readonly<Record<string, string>>, secret: ResolveSecret): Record<string, string> {
  const resolved: Record<string, string> = {};
  for (const [name, ref] of Object.entries(headers)) {
    const value = secret(ref);
    if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(value)) throw new Error(`header ${name}: the value of ${ref} holds a line break or another control character`);
    resolved[name] = value;
  }
  return resolved;
}

/** The resolved headers and a JSON content type unless the plan set one. */
export function jsonHeaders(headers: Readonly<Record<string, string>>, secret: ResolveSecret): Record<string, string> {
  const resolved = resolveHeaders(headers, secret);
  return Object.keys(resolved).some((name) => name.toLowerCase() === 'content-type') ? resolved : { 'content-type': 'application/json', ...resolved };
}

/** The value at a JSON pointer, or undefined when the document has nothing there. */
export function atPointer(document: unknown, pointer: string): unknown {
  let value = document;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(value) && /^(0|[1-9]\d*)$/.test(key)) value = value[Number(key)];
    else if (value !== null && typeof value === 'object' && Object.hasOwn(value, key)) value = (value as Record<string, unknown>)[key];
    else return undefined;
  }
  return value;
}

/**
 * The items of a list response: the array at `itemsAt`, else the body when it is an array, else the
 * one array among the body's properties ({"data": […], "total": 9}, {"results": […], "next": …}),
 * else the one array one level down (HAL's {"_embedded": {"people": […]}}). Where several arrays
 * are found, the one non-empty array of objects among them. Throws, naming what it found, when the
 * body is no JSON or the items are not where it looks.
 */
export function listItems(response: HttpResponse, itemsAt: string | undefined): { items: unknown[]; at: string } {
  if (response.bodyTruncated) throw new Error(`the response to ${response.url} is over 1 MiB: its items cannot be counted (ask for a smaller page)`);
  let document: unknown;
  try {
    document = JSON.parse(response.body);
  } catch {
    throw new Error(`${response.url} answered ${response.status} with a body that is not JSON`);
  }
  if (itemsAt !== undefined) {
    const items = atPointer(document, itemsAt);
    if (!Array.isArray(items)) throw new Error(`${response.url}: no array at ${itemsAt || '(the root)'} of the response`);
    return { items, at: itemsAt };
  }
  if (Array.isArray(document)) return { items: document, at: '' };
  const top = arraysIn(document, '');
  const nested = top.length === 0 ? entriesOf(document).flatMap(([key, value]) => arraysIn(value, `/${escapeKey(key)}`)) : [];
  const arrays = top.length > 0 ? top : nested;
  const chosen = arrays.length === 1 ? arrays : arrays.filter(([, items]) => items.length > 0 && items.every((item) => item !== null && typeof item === 'object' && !Array.isArray(item)));
  if (chosen.length === 1) return { items: chosen[0]![1], at: chosen[0]![0] };
  const found = arrays.length ? `arrays at ${arrays.map(([at]) => at).join(', ')}` : 'no array';
  throw new Error(`${response.url}: ${found} in the response: set itemsAt to the JSON pointer of the items`);
}

function entriesOf(value: unknown): [string, unknown][] {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.entries(value) : [];
}

function arraysIn(value: unknown, at: string): [string, unknown[]][] {
  return entriesOf(value)
    .filter((entry): entry is [string, unknown[]] => Array.isArray(entry[1]))
    .map(([key, items]) => [`${at}/${escapeKey(key)}`, items]);
}

function escapeKey(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** A path with one query parameter set (others kept). */
export function withQuery(path: string, name: string, value: string | number): string {
  const url = new URL(path, 'http://x');
  url.searchParams.set(name, String(value));
  return `${url.pathname}${url.search}`;
}
