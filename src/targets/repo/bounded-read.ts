import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

const CHUNK_BYTES = 64 * 1024;

/**
 * Reads a regular file of at most `maxBytes`. Opening never blocks (a FIFO put in place
 * after the tree walk), anything but a regular file is refused after opening, and at most
 * `maxBytes + 1` bytes are read whatever the file's size claims (a file that grows, a
 * device): the read is bounded by the limit, never by the file.
 */
export function readBounded(path: string, maxBytes: number): { bytes: Buffer } | { problem: string } {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    return { problem: `cannot read: ${codeOf(error)}` };
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { problem: 'skipped: not a regular file' };
    if (stats.size > maxBytes) return { problem: tooLarge(stats.size, maxBytes) };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, maxBytes + 1 - total));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(read === chunk.length ? chunk : chunk.subarray(0, read));
      total += read;
      if (total > maxBytes) return { problem: `skipped: it grew past the ${maxBytes / 1048576} MB limit for a file while it was read` };
    }
    return { bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total) };
  } catch (error) {
    return { problem: `cannot read: ${codeOf(error)}` };
  } finally {
    closeSync(fd);
  }
}

function tooLarge(bytes: number, maxBytes: number): string {
  return `skipped: ${(bytes / 1048576).toFixed(1)} MB is over the ${maxBytes / 1048576} MB limit for a file`;
}

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}
