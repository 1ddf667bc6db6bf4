import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { maskSecret } from './secrets/mask.js';

/**
 * A secret in the plan (an alert channel's token, an SSH key, a bucket's credentials): `env:NAME` (an environment variable) or `file:PATH`
 * (a file's content, trimmed). Never inline: plans are committed and values reach logs.
 */
export const secretRef = z
  .string()
  .regex(/^(env:[A-Za-z_][A-Za-z0-9_]*|file:.+)$/, 'secrets are references: env:VARIABLE or file:/path/to/secret, never the value itself');

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
