import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { maskSecret } from '../targets/secrets/mask.js';

export { maskSecret };

/** A secret reference that cannot be resolved; the message names the reference, never a value. */
export class SecretError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SecretError';
  }
}

/**
 * The value behind `env:NAME` (an environment variable) or `file:PATH` (a file's content,
 * trimmed; a relative PATH is read from the plan's folder).
 */
export function resolveSecret(ref: string, planDir: string, env: NodeJS.ProcessEnv = process.env): string {
  if (ref.startsWith('env:')) {
    const value = env[ref.slice(4)]?.trim();
    if (value === undefined) throw new SecretError(`secret ${ref} is not set (the environment has no ${ref.slice(4)})`);
    if (value === '') throw new SecretError(`secret ${ref} is empty`);
    return value;
  }
  if (ref.startsWith('file:')) {
    const path = ref.slice(5);
    const file = isAbsolute(path) ? path : resolve(planDir, path);
    let value: string;
    try {
      value = readFileSync(file, 'utf8').trim();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new SecretError(`secret ${ref} cannot be read (${file}: ${code})`, { cause: error });
    }
    if (value === '') throw new SecretError(`secret ${ref} is empty (${file})`);
    return value;
  }
  throw new SecretError(`"${maskSecret(ref)}" is not a secret reference: use env:VARIABLE or file:PATH`);
}

/** DeliveryContext.secret for a plan in `planDir`: files are read on each use, so rotated secrets apply. */
export function secretResolver(planDir: string, env: NodeJS.ProcessEnv = process.env): (ref: string) => string {
  return (ref) => resolveSecret(ref, planDir, env);
}

/** `text` with every occurrence of each secret (and, for a URL secret, its path and query) masked. */
export function redact(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    for (const part of secretParts(secret)) result = result.split(part).join(maskSecret(part));
  }
  return result;
}

function secretParts(secret: string): string[] {
  const parts: string[] = [];
  if (URL.canParse(secret)) {
    const url = new URL(secret);
    if (url.password) parts.push(url.password, decodeURIComponent(url.password));
    if (url.pathname.length > 1) parts.push(url.pathname + url.search);
  }
  // Short fragments of a URL would mask ordinary words, so only the whole secret may be short.
  return [secret, ...parts.filter((part) => part.length >= 8)].filter((part) => part !== '');
}
