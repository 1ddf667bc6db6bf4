import { readBounded } from './bounded-read.js';
import { InputError } from './errors.js';
import { formatBytes } from './limits.js';

/**
 * Reads a file the user named (a plan, a tracker) as UTF-8 text, or throws an InputError
 * `FILE: message`. Only a regular file is read (after following links: never a FIFO or a
 * device), and never more than `maxBytes + 1` bytes, whatever its size claims.
 */
export function readInputFile(file: string, what: string, maxBytes: number): string {
  const read = readBounded(file, maxBytes);
  if ('bytes' in read) return read.bytes.toString('utf8');
  const reason = read.unread;
  switch (reason.kind) {
    case 'cannot-open':
    case 'cannot-read':
      throw new InputError([`${file}: cannot read the ${what} (${reason.code})`]);
    case 'not-a-file':
      throw new InputError([`${file}: the ${what} is not a regular file`]);
    case 'too-large':
      throw tooLarge(file, what, reason.bytes, maxBytes);
  }
}

/** The error for text over a size limit (also for text made in memory: a plan `import` writes). */
export function tooLarge(file: string, what: string, bytes: number, maxBytes: number): InputError {
  const size = formatBytes(bytes) === formatBytes(maxBytes) ? '' : ` ${formatBytes(bytes)},`;
  return new InputError([`${file}: the ${what} is${size} over the ${formatBytes(maxBytes)} limit`]);
}
