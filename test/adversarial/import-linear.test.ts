import { describe, expect, it } from 'vitest';
import { chunksOf, CHUNK_BYTES } from '../../src/plan/markdown/chunks.js';
import { importTracker } from '../../src/plan/markdown/import.js';

/**
 * A legitimate, large tracker: 600 KB of nested notes above a task list. micromark copies all
 * events of the document each time a list item closes, so this took 54 s of CPU in one parse.
 */
function nestedNotes(bytes: number): string {
  const lines = ['# Notes', ''];
  for (let size = 0, i = 0; size < bytes; i++) {
    const line = `${'  '.repeat(i % 10)}- note ${i % 10}`;
    lines.push(line);
    size += line.length + 1;
  }
  lines.push('', '## Tasks', '', '- [ ] TASK-1: rotate the keys', '');
  return lines.join('\n');
}

describe('large trackers import in time linear in their size', () => {
  it('parses a long list in bounded pieces', () => {
    const chunks = chunksOf(nestedNotes(600_000));
    expect(chunks.length).toBeGreaterThan(60);
    // Every piece ends at the first cut past the target size: a few lines longer at most.
    expect(Math.max(...chunks.map((chunk) => chunk.text.length))).toBeLessThan(CHUNK_BYTES + 1024);
  });

  it('imports 600 KB of nested lists in seconds of CPU, not a minute', () => {
    const started = process.cpuUsage();
    const result = importTracker(nestedNotes(600_000), 'notes.md');
    const cpu = process.cpuUsage(started);
    expect(result.items.map((item) => item.id)).toEqual(['TASK-1']);
    expect((cpu.user + cpu.system) / 1e6).toBeLessThan(25);
  });
});
