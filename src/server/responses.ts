import { createHash } from 'node:crypto';

/** What a route answers, before headers and conditional requests. */
export interface Reply {
  status: number;
  type: string;
  body: string | Buffer;
  /** Seconds a cache may reuse it (must-revalidate after); 0 = no-store. */
  maxAge: number;
  /** Cross-origin embeddable (badges). */
  crossOrigin?: boolean;
  headers?: Record<string, string | string[]>;
}

export const TYPES = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml; charset=utf-8',
  json: 'application/json; charset=utf-8',
  text: 'text/plain; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
} as const;

export function etagOf(body: string | Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** True when an If-None-Match header names this ETag (or "*"); weak validators compare equal. */
export function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag;
  });
}

export const json = (value: unknown, maxAge: number, status = 200): Reply => ({ status, type: TYPES.json, body: `${JSON.stringify(value)}\n`, maxAge });
export const text = (status: number, body: string): Reply => ({ status, type: TYPES.text, body: `${body}\n`, maxAge: 0 });
