import type { IncomingMessage } from 'node:http';

export const FORM_LIMIT = 8192;

/** A POSTed application/x-www-form-urlencoded body (at most 8 KiB), or the status to refuse it with. */
export async function readForm(request: IncomingMessage): Promise<URLSearchParams | 413 | 415> {
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') return 415;
  if (Number(request.headers['content-length'] ?? 0) > FORM_LIMIT) return 413;
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > FORM_LIMIT) return 413;
    parts.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(parts).toString('utf8'));
}
