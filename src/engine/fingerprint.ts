import { createHash, hash } from 'node:crypto';
import type { MessageData } from '../checks/define.js';

/** Check id + target identity (+ which failure), never a line number: survives edits that move code. */
export function fingerprint(checkId: string, target: string, messageId = '', data: MessageData = {}): string {
  const detail = Object.keys(data)
    .sort()
    .map((key) => `${key}=${data[key]}`)
    .join('&');
  // One-shot hash: no Hash object, whose native state would wait for GC on hundreds of thousands of results.
  return hash('sha256', `${checkId}\n${target}\n${messageId}\n${detail}`, 'hex').slice(0, 32);
}

/** JSON with sorted keys, so equal option objects give equal invocation keys. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

export function invocationKey(checkId: string, options: Record<string, unknown>): string {
  if (Object.keys(options).length === 0) return checkId;
  return `${checkId}#${createHash('sha256').update(stableJson(options)).digest('hex').slice(0, 8)}`;
}
