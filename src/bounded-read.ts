import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

const CHUNK_BYTES = 64 * 1024;

/** Why a file was not read. */
export type UnreadReason =
  | { kind: 'cannot-open' | 'cannot-read'; code: string }
  | { kind: 'not-a-file' }
  /** Its size said so before reading, or it grew past the limit while it was read. */
  | { kind: 'too-large'; bytes: number; grew: boolean };

/**
 * Reads a regular file of at most `maxBytes`. Opening never blocks (a FIFO put in place
 * after a tree walk), anything but a regular file is refused after opening (after links are
 * followed), and at most `maxBytes + 1` bytes are read whatever the file's size claims (a
 * file that grows, a device): the read is bounded by the limit, never by the file.
 */
export function readBounded(path: string, maxBytes: number): { bytes: Buffer } | { unread: UnreadReason } {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    return { unread: { kind: 'cannot-open', code: codeOf(error) } };
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { unread: { kind: 'not-a-file' } };
    if (stats.size > maxBytes) return { unread: { kind: 'too-large', bytes: stats.size, grew: false } };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, maxBytes + 1 - total));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(read === chunk.length ? chunk : chunk.subarray(0, read));
      total += read;
      if (total > maxBytes) return { unread: { kind: 'too-large', bytes: total, grew: true } };
    }
    return { bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total) };
  } catch (error) {
    return { unread: { kind: 'cannot-read', code: codeOf(error) } };
  } finally {
    closeSync(fd);
  }
}

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}
