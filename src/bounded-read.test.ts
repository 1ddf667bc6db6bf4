import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBounded } from './bounded-read.js';

describe('readBounded', () => {
  it('reads a regular file, and never more than the limit + 1 bytes of anything else', () => {
    const dir = mkdtempSync(join(tmpdir(), 'harden-read-'));
    writeFileSync(join(dir, 'small.txt'), 'hello');
    writeFileSync(join(dir, 'big.txt'), Buffer.alloc(2048, 'a'));
    expect(readBounded(join(dir, 'small.txt'), 1024)).toEqual({ bytes: Buffer.from('hello') });
    expect(readBounded(join(dir, 'big.txt'), 1024)).toEqual({ unread: { kind: 'too-large', bytes: 2048, grew: false } });
    expect(readBounded('/dev/zero', 1024)).toEqual({ unread: { kind: 'not-a-file' } });
    expect(readBounded(join(dir, 'missing.txt'), 1024)).toEqual({ unread: { kind: 'cannot-open', code: 'ENOENT' } });
  });

  it('does not block on a FIFO', () => {
    const dir = mkdtempSync(join(tmpdir(), 'harden-read-'));
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    expect(readBounded(join(dir, 'pipe'), 1024)).toEqual({ unread: { kind: 'not-a-file' } });
  });
});
