import type { IncomingMessage } from 'node:http';

/** Forms and JSON posts are a few lines: anything larger is refused before it is read. */
export const MAX_BODY_BYTES = 16 * 1024;

export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

/** A posted form (application/x-www-form-urlencoded) or JSON object, as string fields. */
export async function readFields(request: IncomingMessage): Promise<Map<string, string>> {
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded' && type !== 'application/json') throw new BodyError(415, 'send a form (application/x-www-form-urlencoded) or application/json');
  if (Number(request.headers['content-length'] ?? 0) > MAX_BODY_BYTES) throw new BodyError(413, `at most ${MAX_BODY_BYTES} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BodyError(413, `at most ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (type === 'application/x-www-form-urlencoded') return new Map(new URLSearchParams(text));
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new BodyError(400, 'the body is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new BodyError(400, 'expected a JSON object');
  return new Map(Object.entries(parsed).flatMap(([key, value]) => (typeof value === 'string' ? [[key, value] as const] : [])));
}
