import { execFileSync } from 'node:child_process';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { errorLines, harden, removeTempDirs, tree } from './cli.js';

const nestedList = (bytes: number, depth: number) => {
  const lines: string[] = [];
  for (let size = 0, level = 0; size < bytes; level = (level + 1) % depth) {
    const line = `${'  '.repeat(level)}- [ ] item ${level}`;
    lines.push(line);
    size += line.length + 1;
  }
  return `${lines.join('\n')}\n`;
};

/** `harden import FILE -o -` in a 256 MB heap: exit code 2 and one line, within seconds. */
function refused(name: string, content: string | undefined) {
  const dir = tree(content === undefined ? {} : { [name]: content });
  return { dir, run: () => harden(['import', name, '-o', '-'], { cwd: dir, wallMs: 30_000 }) };
}

// The trackers of the adversarial run: each used to crash, exhaust the heap or never finish.
describe('adversarial trackers', () => {
  afterAll(removeTempDirs);

  it('10,000 nested ">" (was a stack overflow, exit 3)', () => {
    const run = refused('quote.md', `${'>'.repeat(10_000)} x\n`).run();
    expect(run.code).toBe(2);
    expect(errorLines(run)).toEqual(['quote.md:1: lists and block quotes nested more than 32 deep; harden reads at most 32 levels']);
  });

  it('a 200,000-row table (was out of memory after 143 s)', () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => `| OPS-${i} | finding number ${i} | high | open |`);
    const run = refused('table.md', ['| ID | Finding | Severity | Status |', '|---|---|---|---|', ...rows, ''].join('\n')).run();
    expect(run.code).toBe(2);
    expect(errorLines(run)).toEqual(['table.md: the tracker is 9.9 MB, over the 1 MB limit']);
  });

  it('80 KB of "*a" (took 57 s)', () => {
    const run = refused('stars.md', `${'*a'.repeat(40_000)}\n`).run();
    expect(run.code).toBe(2);
    expect(errorLines(run)).toEqual([expect.stringMatching(/^stars\.md:1: too much emphasis, strikethrough or link markup/)]);
    expect(run.ms).toBeLessThan(20_000);
  });

  it('a deeply nested 9 MB list (never finished), and one under the size limit', () => {
    const big = refused('list.md', nestedList(9_000_000, 3000)).run();
    expect(big.code).toBe(2);
    expect(errorLines(big)).toEqual(['list.md: the tracker is 8.6 MB, over the 1 MB limit']);
    const small = refused('list.md', nestedList(900_000, 300)).run();
    expect(small.code).toBe(2);
    expect(errorLines(small)).toEqual(['list.md:33: lists and block quotes nested more than 32 deep; harden reads at most 32 levels']);
  });

  it('more items than one import writes', () => {
    const run = refused('many.md', '- [ ] x\n'.repeat(12_000)).run();
    expect(run.code).toBe(2);
    expect(errorLines(run)).toEqual(['many.md: 12,000 items; harden imports at most 10,000 from one tracker (split it, and import each part with --merge)']);
  });

  it('a tracker that is a link to /dev/zero or a FIFO', () => {
    const { dir } = refused('unused.md', undefined);
    symlinkSync('/dev/zero', join(dir, 'zero.md'));
    execFileSync('mkfifo', [join(dir, 'fifo.md')]);
    writeFileSync(join(dir, 'ok.md'), '- [ ] task\n');
    for (const tracker of ['zero.md', 'fifo.md']) {
      const run = harden(['import', tracker, '-o', '-'], { cwd: dir, wallMs: 10_000 });
      expect(run.code).toBe(2);
      expect(errorLines(run)).toEqual([`${tracker}: the tracker is not a regular file`]);
    }
  });
});
